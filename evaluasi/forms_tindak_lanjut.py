"""Forms of the tindak lanjut pages: reporting, rewards, sanctions and the TPP export. The services check the
rules; these only read the input."""

import datetime

from django import forms

from .models import HasilSanksi, JenisPenghargaan

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LaporForm(forms.Form):
    kepada = forms.CharField(
        label="Dilaporkan kepada",
        max_length=200,
        required=False,
        help_text="PyB / BKPSDM penerima; kosong: BKPSDM dari Pengaturan Pemda.",
    )
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PenghargaanForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis penghargaan", choices=JenisPenghargaan.choices)
    keterangan = forms.CharField(
        label="Keterangan",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Wajib untuk predikat Baik: alasan penghargaan selain prioritas Sangat Baik.",
    )


class SanksiMulaiForm(forms.Form):
    aturan = forms.ChoiceField(label="Aturan sanksi", required=False)
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, aturan=(), **kwargs):
        super().__init__(*args, **kwargs)
        if (
            not aturan
        ):  # no rules: recorded "sesuai ketentuan peraturan perundang-undangan", nothing to choose
            del self.fields["aturan"]
            return
        self.fields["aturan"].required = True
        self.fields["aturan"].choices = [(a["kode"], f"{a['nama']} ({a['dasar']})") for a in aturan]


class UjiKompetensiForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal uji kompetensi", widget=TANGGAL)
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class SanksiSelesaiForm(forms.Form):
    hasil = forms.ChoiceField(label="Hasil")
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, hasil=(), **kwargs):
        super().__init__(*args, **kwargs)
        label = dict(HasilSanksi.choices)
        self.fields["hasil"].choices = [(h, label.get(h, h)) for h in hasil]


class EksporForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    format = forms.ChoiceField(label="Format", choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV (pemisah ;)")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = datetime.date.today().year
