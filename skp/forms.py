"""Forms of the SKP pages. They only parse input; the services decide what is allowed and complete
(kinerja.forms.attach_errors puts a service's ValidationError back on the form)."""

from django import forms

from kinerja.models import Pendekatan, PeriodeDokumentasi
from kinerja.widgets import IsianCepat, PilihanCepat, TeksCepat

from .models import (
    AspekIki,
    BagianLampiran,
    JenisDukungan,
    JenisRhk,
    JenisTeks,
    PeriodePelaporan,
    Perspektif,
    SatuanDurasi,
    SifatKonsekuensi,
    TingkatKendali,
)
from .perilaku import PerilakuKerja

KOSONG = [("", "—")]
BULAN = [
    (1, "Jan"),
    (2, "Feb"),
    (3, "Mar"),
    (4, "Apr"),
    (5, "Mei"),
    (6, "Jun"),
    (7, "Jul"),
    (8, "Agu"),
    (9, "Sep"),
    (10, "Okt"),
    (11, "Nov"),
    (12, "Des"),
]


def _teks(label, *, rows=2, required=True, **kwargs):
    return forms.CharField(label=label, required=required, widget=TeksCepat(attrs={"rows": rows}), **kwargs)


class SkpBuatForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun", coerce=int)
    pendekatan = forms.ChoiceField(label="Pendekatan hasil kerja", widget=forms.RadioSelect)

    def __init__(self, *args, tahun_pilihan=(), pendekatan_diizinkan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_pilihan]
        label = dict(Pendekatan.choices)
        self.fields["pendekatan"].choices = [(p, label.get(p, p)) for p in pendekatan_diizinkan]
        if len(pendekatan_diizinkan) == 1:
            self.fields["pendekatan"].initial = pendekatan_diizinkan[0]
            self.fields["pendekatan"].help_text = "Satu-satunya pendekatan yang diizinkan Pemda Anda."


class RhkForm(forms.Form):
    # The SKP editor repeats this form for every RHK: widgets rendered in Python (kinerja.widgets).
    jenis = forms.ChoiceField(
        label="Jenis", choices=JenisRhk.choices, initial=JenisRhk.UTAMA, widget=PilihanCepat
    )
    teks = _teks("Rencana hasil kerja")
    penugasan_dari = forms.CharField(
        label="Penugasan dari", required=False, max_length=250, widget=IsianCepat
    )
    intervensi = forms.TypedChoiceField(
        label="RHK pimpinan yang diintervensi",
        required=False,
        coerce=int,
        empty_value=None,
        widget=PilihanCepat,
    )

    def __init__(self, *args, rhk_pimpinan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervensi"].choices = KOSONG + [(r.pk, r.teks[:120]) for r in rhk_pimpinan]
        self.rhk_pimpinan = {r.pk: r for r in rhk_pimpinan}


class IkiForm(forms.Form):
    # Repeated for every IKI on the SKP editor: widgets rendered in Python (kinerja.widgets).
    teks = _teks("Indikator kinerja individu")
    aspek = forms.ChoiceField(
        label="Aspek", choices=KOSONG + AspekIki.choices, required=False, widget=PilihanCepat
    )
    perspektif = forms.ChoiceField(
        label="Perspektif", choices=KOSONG + Perspektif.choices, required=False, widget=PilihanCepat
    )
    target_angka = forms.CharField(
        label="Target (angka)", required=False, widget=IsianCepat(attrs={"inputmode": "decimal"})
    )
    target_satuan = forms.CharField(label="Satuan", required=False, max_length=60, widget=IsianCepat)
    target_teks = _teks("Target (pernyataan kualitatif)", required=False)


class AmbilRhkForm(forms.Form):
    rhk = forms.TypedMultipleChoiceField(
        label="RHK pimpinan", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    jenis = forms.ChoiceField(label="Sebagai RHK", choices=JenisRhk.choices, initial=JenisRhk.UTAMA)

    def __init__(self, *args, rhk_pimpinan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk"].choices = [(r.pk, r.teks) for r in rhk_pimpinan]


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class KembalikanForm(forms.Form):
    catatan = _teks("Catatan untuk seluruh SKP", rows=3, required=False)


class AlasanRevisiForm(forms.Form):
    alasan = _teks("Alasan penyesuaian ekspektasi", rows=3)


class EkspektasiForm(forms.Form):
    perilaku = forms.ChoiceField(choices=PerilakuKerja.choices, widget=forms.HiddenInput)
    teks = _teks("Ekspektasi khusus pimpinan", required=False)


class LampiranForm(forms.Form):
    bagian = forms.ChoiceField(label="Bagian", choices=BagianLampiran.choices)
    teks = _teks("Isi")
    jenis_dukungan = forms.ChoiceField(
        label="Jenis dukungan", choices=KOSONG + JenisDukungan.choices, required=False
    )
    jadwal_pelaporan = forms.ChoiceField(
        label="Jadwal pelaporan", choices=KOSONG + PeriodeDokumentasi.choices, required=False
    )
    bukti = _teks("Bukti kinerja yang diharapkan", required=False)
    sifat = forms.ChoiceField(label="Sifat", choices=KOSONG + SifatKonsekuensi.choices, required=False)


class TeksTersimpanForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", choices=JenisTeks.choices)
    perilaku = forms.ChoiceField(
        label="Nilai perilaku (untuk ekspektasi khusus)",
        choices=KOSONG + PerilakuKerja.choices,
        required=False,
    )
    judul = forms.CharField(label="Judul", max_length=120)
    teks = _teks("Teks", rows=3)


class KegiatanForm(forms.Form):
    kegiatan = _teks("Kegiatan")
    rhk = forms.TypedChoiceField(label="RHK", required=False, coerce=int, empty_value=None)
    durasi = forms.IntegerField(label="Durasi", min_value=1, max_value=366)
    satuan_durasi = forms.ChoiceField(label="Satuan", choices=SatuanDurasi.choices, initial=SatuanDurasi.HARI)
    bulan = forms.TypedMultipleChoiceField(
        label="Bulan pelaksanaan", choices=BULAN, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    tipe_aktivitas = forms.CharField(label="Tipe aktivitas", max_length=100)
    pola_penugasan = forms.CharField(label="Pola penugasan", max_length=100)

    def __init__(self, *args, rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk"].choices = KOSONG + [(r.pk, r.teks[:100]) for r in rhk]


class RencanaAksiForm(forms.Form):
    teks = _teks("Rencana aksi")


class CatatanTimelineForm(forms.Form):
    catatan = _teks("Catatan untuk Pegawai", rows=2)


class ManualIndikatorForm(forms.Form):
    tujuan = _teks("Tujuan")
    definisi = _teks("Definisi")
    formula = _teks("Formula", required=False, help_text="Opsional bagi pendekatan hasil kerja kualitatif.")
    satuan_pengukuran = forms.CharField(
        label="Satuan pengukuran",
        max_length=100,
        required=False,
        help_text="Opsional bagi pendekatan hasil kerja kualitatif.",
    )
    tingkat_kendali = forms.ChoiceField(label="Kualitas dan tingkat kendali", choices=TingkatKendali.choices)
    sumber_data = _teks("Sumber data")
    periode_pelaporan = forms.ChoiceField(label="Periode pelaporan", choices=PeriodePelaporan.choices)
