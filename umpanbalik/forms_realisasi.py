"""Forms of the catatan harian and realisasi pages. They only parse input; the services decide what is
allowed (kinerja.forms.attach_errors puts a service's ValidationError back on the form)."""

from django import forms

from kinerja.forms import TanggalInput

from .models import SifatRealisasi
from .unggah import ACCEPT, DITERIMA, ukuran_maks_mb

KOSONG = [("", "—")]


class CatatanHarianForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal", widget=TanggalInput())
    uraian = forms.CharField(label="Yang dikerjakan", widget=forms.Textarea(attrs={"rows": 2}))
    hasil = forms.CharField(
        label="Hasil", max_length=200, required=False, help_text="Mis. '3 surat', 'draf laporan'."
    )
    rhk = forms.TypedChoiceField(label="RHK", required=False, coerce=int, empty_value=None)
    rencana_aksi = forms.TypedChoiceField(label="Rencana aksi", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        rhk = list(rhk)
        self.fields["rhk"].choices = KOSONG + [(r.pk, r.teks[:100]) for r in rhk]
        self.fields["rencana_aksi"].choices = KOSONG + [
            (a.pk, f"{a.teks[:70]} (RHK: {r.teks[:30]})") for r in rhk for a in r.rencana_aksi.all()
        ]


def _berkas_field():
    return forms.FileField(
        label="Unggah berkas",
        required=False,
        allow_empty_file=True,  # the service refuses an empty file with its own message
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=f"{DITERIMA}; paling besar {ukuran_maks_mb()} MB.",
    )


class RealisasiForm(forms.Form):
    periode = forms.CharField(widget=forms.HiddenInput)
    nilai = forms.CharField(
        label="Capaian (kumulatif)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    teks = forms.CharField(label="Uraian realisasi", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sifat = forms.ChoiceField(label="Sifat", choices=SifatRealisasi.choices, initial=SifatRealisasi.PROGRES)
    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        max_length=500,
        help_text="Diisi bila memperbarui realisasi.",
    )
    berkas = _berkas_field()
    tautan = forms.CharField(
        label="Tautan bukti", required=False, max_length=500, help_text="Alamat web (http/https), opsional."
    )
    keterangan = forms.CharField(label="Keterangan bukti", required=False, max_length=250)

    def __init__(self, *args, kuantitatif=True, satuan="", **kwargs):
        super().__init__(*args, **kwargs)
        if kuantitatif:
            self.fields["nilai"].label = f"Capaian kumulatif ({satuan})" if satuan else "Capaian kumulatif"
            self.fields["teks"].label = "Catatan"
        else:
            del self.fields["nilai"]


class BuktiForm(forms.Form):
    berkas = _berkas_field()
    tautan = forms.CharField(label="Atau tautan", required=False, max_length=500)
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=250)

    def clean(self):
        data = super().clean()
        if not data.get("berkas") and not (data.get("tautan") or "").strip():
            raise forms.ValidationError("Pilih berkas atau isi tautan bukti.")
        if data.get("berkas") and (data.get("tautan") or "").strip():
            raise forms.ValidationError("Satu bukti berupa berkas atau tautan, tidak keduanya.")
        return data
