"""Forms of the pembinaan pages. The tables of the bimbingan formats (rows of IKI, targets, strategies) are read
from the POST by `baris_dari_post`; the services validate what they hold (umpanbalik.isian)."""

from django import forms

from .isian import PANJANG_TEKS
from .models import JenisBimbingan, JenisKonselor

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BimbinganBuatForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis bimbingan", choices=JenisBimbingan.choices)
    tanggal = forms.DateField(label="Tanggal", widget=TANGGAL)
    tempat = forms.CharField(label="Tempat", max_length=200, required=False)
    pembina_pegawai = forms.ModelChoiceField(
        label="Dilakukan oleh",
        queryset=None,
        required=False,
        empty_label="Saya sendiri (Pimpinan)",
        help_text="Atau pihak lain yang diberikan penugasan khusus (harus memiliki akun).",
    )

    def __init__(self, *args, pegawai_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pembina_pegawai"].queryset = pegawai_qs


class LaporanPerilakuForm(forms.Form):
    masalah = forms.CharField(
        label="Masalah: apa permasalahan perilaku kerja Pegawai didasarkan pada nilai dasar ASN?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=PANJANG_TEKS,
    )
    ekspektasi_khusus = forms.CharField(
        label="Apakah Anda memiliki ekspektasi khusus terhadap yang bersangkutan? Jika ya, apa?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=PANJANG_TEKS,
    )
    uraian = forms.CharField(
        label="Jelaskan secara detil permasalahan perilaku kerja yang dianggap menghambat kinerja individu, "
        "unit kerja, dan/atau tim kerja",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=PANJANG_TEKS,
    )
    serupa_pada_pegawai_lain = forms.TypedChoiceField(
        label="Apakah permasalahan perilaku kerja serupa juga terjadi pada pegawai lainnya?",
        choices=[("tidak", "Tidak"), ("ya", "Ya")],
        coerce=lambda v: v == "ya",
        widget=forms.RadioSelect,
        initial="tidak",
    )
    retrospektif = forms.CharField(
        label="Retrospektif: yang sudah saya lakukan untuk memperbaiki perilaku kerja Pegawai adalah",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=PANJANG_TEKS,
    )


class KonselingBuatForm(forms.Form):
    jenis_konselor = forms.ChoiceField(label="Konselor", choices=JenisKonselor.choices)
    konselor = forms.ModelChoiceField(label="Akun konselor", queryset=None, required=False)
    tanggal = forms.DateField(label="Tanggal", widget=TANGGAL)
    tempat = forms.CharField(label="Tempat", max_length=200, required=False)
    laporan = forms.ModelChoiceField(label="Atas laporan (B.1.10)", queryset=None, required=False)

    def __init__(self, *args, konselor_qs=None, laporan_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["konselor"].queryset = konselor_qs
        self.fields["konselor"].label_from_instance = lambda u: u.nama_tampil
        self.fields["laporan"].queryset = laporan_qs
        self.fields["laporan"].label_from_instance = lambda lap: f"{lap.tanggal:%d-%m-%Y}: {lap.masalah[:60]}"


class JurnalForm(forms.Form):
    waktu_tempat = forms.CharField(label="Waktu dan tempat", max_length=200)
    materi = forms.CharField(label="Materi mentoring", widget=forms.Textarea(attrs={"rows": 2}))
    rencana_aksi = forms.CharField(label="Rencana aksi", widget=forms.Textarea(attrs={"rows": 2}))
    target_waktu = forms.CharField(label="Target waktu rencana aksi", max_length=100)


class KonselingIsiForm(forms.Form):
    rekaman = forms.CharField(
        label="Rekaman informasi hasil konseling", widget=forms.Textarea(attrs={"rows": 6})
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut yang disarankan", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def baris_dari_post(post, awalan: str, kolom) -> list[dict]:
    """Rows posted as `<awalan>-<i>-<kolom>`, in index order, as dicts (empty rows are dropped later)."""
    nomor = set()
    for kunci in post:
        bagian = kunci.split("-")
        if len(bagian) == 3 and bagian[0] == awalan and bagian[1].isdigit():
            nomor.add(int(bagian[1]))
    return [{k: post.get(f"{awalan}-{i}-{k}", "") for k in kolom} for i in sorted(nomor)[:100]]
