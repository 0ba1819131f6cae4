"""Forms of the umpan balik, undangan and tindak lanjut pages. They only parse input; the services decide."""

from django import forms

from skp.perilaku import PerilakuKerja

from .models import CaraUmpanBalik, JenisTanggapan, JenisUmpanBalik, PeranPemberi
from .services.tindak_lanjut import CATATAN_AMBIL_ALIH

KOSONG = [("", "—")]
UMUM = "umum"


def _teks(label, *, rows=3, required=True, **kwargs):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def pilihan_sasaran(rhk_list) -> list:
    """The target select: the whole period, each RHK and its IKI, each behaviour value."""
    pilihan = [(UMUM, "Umum (kinerja pada periode ini)")]
    rhk_grup = []
    for n, rhk in enumerate(rhk_list, 1):
        rhk_grup.append((f"rhk-{rhk.pk}", f"RHK {n}: {rhk.teks[:90]}"))
        for m, iki in enumerate(rhk.iki.all(), 1):
            rhk_grup.append((f"iki-{iki.pk}", f"  IKI {n}.{m}: {iki.teks[:90]}"))
    if rhk_grup:
        pilihan.append(("Rencana hasil kerja dan indikator", rhk_grup))
    pilihan.append(("Perilaku kerja", [(f"perilaku-{v}", label) for v, label in PerilakuKerja.choices]))
    return pilihan


class UmpanBalikForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=JenisUmpanBalik.choices,
        initial=JenisUmpanBalik.BERKALA,
        widget=forms.RadioSelect,
    )
    cara = forms.ChoiceField(
        label="Cara",
        choices=CaraUmpanBalik.choices,
        initial=CaraUmpanBalik.LANGSUNG,
        widget=forms.RadioSelect,
    )
    periode = forms.ChoiceField(label="Periode")
    sasaran = forms.ChoiceField(label="Atas", initial=UMUM)
    sertakan_realisasi = forms.BooleanField(
        label="Kaitkan dengan realisasi IKI pada periode ini",
        required=False,
        help_text="Hanya untuk sasaran IKI.",
    )
    teks = _teks("Umpan balik", rows=4, max_length=5000)

    def __init__(self, *args, periode=(), rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(p.kode, p.label) for p in periode]
        if periode and not self.is_bound:
            self.fields["periode"].initial = periode[-1].kode
        self.fields["sasaran"].choices = pilihan_sasaran(rhk)


class UndanganForm(forms.Form):
    pegawai = forms.TypedChoiceField(
        label="Pegawai di Perangkat Daerah yang sama", required=False, coerce=int, empty_value=None
    )
    nip = forms.CharField(
        label="Atau NIP Pegawai lain di Pemda ini",
        required=False,
        max_length=30,
        help_text="18 digit, boleh dengan spasi.",
    )
    peran = forms.ChoiceField(
        label="Sebagai",
        choices=[(p, label) for p, label in PeranPemberi.choices if p != PeranPemberi.PIMPINAN],
        initial=PeranPemberi.REKAN,
    )

    def __init__(self, *args, pegawai=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = KOSONG + [
            (p.pk, f"{p.nama_lengkap} ({p.nip_format})") for p in pegawai
        ]

    def clean(self):
        data = super().clean()
        nip = (data.get("nip") or "").replace(" ", "")
        data["nip"] = nip
        if not self.errors and bool(data.get("pegawai")) == bool(nip):
            raise forms.ValidationError("Pilih seorang Pegawai dari daftar, atau isi NIP-nya (salah satu).")
        return data


class TanggapanForm(forms.Form):
    jenis = forms.ChoiceField(label="Tanggapan", choices=JenisTanggapan.choices)
    rhk = forms.TypedChoiceField(label="Atas RHK", required=False, coerce=int, empty_value=None)
    teks = _teks("Uraian", max_length=5000)

    def __init__(self, *args, rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk"].choices = [("", "Seluruh SKP")] + [
            (r.pk, f"RHK {n}: {r.teks[:90]}") for n, r in enumerate(rhk, 1)
        ]


class AmbilAlihForm(forms.Form):
    catatan = _teks(
        "Catatan",
        initial=CATATAN_AMBIL_ALIH,
        max_length=5000,
        help_text="Pasal 19 ayat (7): catatan bahwa Pegawai tidak dapat menyelesaikan rencana hasil kerja ini; "
        "dibaca pada evaluasi kinerja.",
    )
