"""Forms of the rating pages: the ratings with their notes, a password to sign, the unit's capaian.

The forms only read the request; every rule (who, when, which values) is the service's (evaluasi.services)."""

from django import forms

from skp.perilaku import PerilakuKerja

from .models import Jenjang, Kelulusan, LokasiStudi, PredikatOrganisasi, Rating

PILIH_RATING = [("", "— pilih —"), *Rating.choices]


def _kosong(pilihan):
    return [("", "— pilih —"), *pilihan]


class NilaiForm(forms.Form):
    """The evaluator's ratings; one catatan field per RHK line (`catatan_hasil_<garis>`) and per BerAKHLAK
    value (`catatan_perilaku_<kode>`), and the tugas belajar fields when the Pegawai is on study leave."""

    rating_hasil = forms.ChoiceField(
        label="Rating hasil kerja",
        choices=PILIH_RATING,
        error_messages={
            "required": "Rating hasil kerja wajib dipilih.",
            "invalid_choice": "Rating tidak dikenal.",
        },
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja",
        choices=PILIH_RATING,
        error_messages={
            "required": "Rating perilaku kerja wajib dipilih.",
            "invalid_choice": "Rating tidak dikenal.",
        },
    )
    catatan_rekomendasi = forms.CharField(
        label="Catatan dan rekomendasi",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rhk=(), tugas_belajar=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.garis = []
        for r in rhk:
            nama = f"catatan_hasil_{r.garis}"
            self.garis.append((str(r.garis), nama))
            self.fields[nama] = forms.CharField(
                label=f"Umpan balik atas RHK: {r.teks[:80]}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for kode, label in PerilakuKerja.choices:
            self.fields[f"catatan_perilaku_{kode}"] = forms.CharField(
                label=f"Umpan balik atas {label}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.tugas_belajar = tugas_belajar
        if tugas_belajar:
            self.fields["ipk"] = forms.CharField(
                label="IPK", required=False, max_length=6, help_text="Mis. 3,45."
            )
            self.fields["jenjang"] = forms.ChoiceField(
                label="Jenjang", required=False, choices=_kosong(Jenjang.choices)
            )
            self.fields["lokasi_studi"] = forms.ChoiceField(
                label="Lokasi studi", required=False, choices=_kosong(LokasiStudi.choices)
            )
            self.fields["akreditasi_institusi"] = forms.ChoiceField(
                label="Akreditasi institusi (S-1 dalam negeri)",
                required=False,
                choices=_kosong([("A", "A"), ("B", "B"), ("C", "C")]),
            )
            self.fields["kelulusan"] = forms.ChoiceField(
                label="Kelulusan", required=False, choices=_kosong(Kelulusan.choices)
            )

    @classmethod
    def awal(cls, evaluasi) -> dict:
        data = {
            "rating_hasil": evaluasi.rating_hasil,
            "rating_perilaku": evaluasi.rating_perilaku,
            "catatan_rekomendasi": evaluasi.catatan_rekomendasi,
            "ipk": str(evaluasi.ipk).replace(".", ",") if evaluasi.ipk is not None else "",
            "jenjang": evaluasi.jenjang,
            "lokasi_studi": evaluasi.lokasi_studi,
            "akreditasi_institusi": evaluasi.akreditasi_institusi,
            "kelulusan": evaluasi.kelulusan,
        }
        for garis, teks in (evaluasi.catatan_hasil or {}).items():
            data[f"catatan_hasil_{garis}"] = teks
        for kode, teks in (evaluasi.catatan_perilaku or {}).items():
            data[f"catatan_perilaku_{kode}"] = teks
        return data

    def untuk_layanan(self) -> dict:
        """The cleaned data as keyword arguments of services.penilaian.nilai."""
        d = self.cleaned_data
        hasil = {
            "rating_hasil": d["rating_hasil"],
            "rating_perilaku": d["rating_perilaku"],
            "catatan_rekomendasi": d.get("catatan_rekomendasi", ""),
            "catatan_hasil": {garis: d.get(nama, "") for garis, nama in self.garis},
            "catatan_perilaku": {
                kode: d.get(f"catatan_perilaku_{kode}", "") for kode in PerilakuKerja.values
            },
        }
        if self.tugas_belajar:
            for f in ("ipk", "jenjang", "lokasi_studi", "akreditasi_institusi", "kelulusan"):
                hasil[f] = d.get(f, "")
        return hasil

    def catatan_rhk(self, garis) -> forms.BoundField | None:
        nama = f"catatan_hasil_{garis}"
        return self[nama] if nama in self.fields else None


class TandatanganiForm(forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Masukkan kata sandi untuk menandatangani."},
    )


class PakaiSebelumnyaForm(forms.Form):
    sumber = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    setuju = forms.BooleanField(
        label="Pegawai dan saya sepakat memakai hasil periode sebelumnya",
        error_messages={"required": "Centang kesepakatan dengan Pegawai terlebih dahulu."},
    )


class CapaianForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    predikat = forms.ChoiceField(
        label="Capaian kinerja organisasi",
        choices=_kosong(PredikatOrganisasi.choices),
        error_messages={"required": "Pilih capaian kinerja organisasi."},
    )
    keterangan = forms.CharField(
        label="Dasar penetapan",
        required=False,
        max_length=2000,
        help_text="Mis. capaian IKU / rencana aksi perjanjian kinerja.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
