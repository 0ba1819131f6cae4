"""Forms of the keberatan pages; the services (evaluasi.services.keberatan) decide what is allowed."""

from django import forms

from .models import Rating
from .services.keberatan import BATAS_TEKS, KUATKAN, UBAH


def _teks(label, rows=4, required=True, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=BATAS_TEKS,
        required=required,
        help_text=help_text,
    )


SANDI = forms.CharField(
    label="Kata sandi (konfirmasi tanda tangan)",
    widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    required=False,
)


class AjukanForm(forms.Form):
    alasan = _teks(
        "Alasan keberatan",
        rows=6,
        help_text="Uraikan bagian hasil evaluasi yang Anda keberatan beserta alasan dan buktinya.",
    )


class PertanyaanForm(forms.Form):
    pertanyaan = _teks("Yang perlu dijelaskan Pejabat Penilai Kinerja (boleh kosong)", rows=3, required=False)


class PenjelasanForm(forms.Form):
    teks = _teks("Penjelasan Pejabat Penilai Kinerja atas keberatan", rows=5)


class PermintaanForm(forms.Form):
    permintaan = _teks("Yang ditanyakan kepada Pegawai", rows=3)


class KeteranganForm(forms.Form):
    teks = _teks("Keterangan Pegawai", rows=5)


class PutuskanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=[(KUATKAN, "Menguatkan hasil evaluasi"), (UBAH, "Mengubah hasil evaluasi (Format D.1.3)")],
        widget=forms.RadioSelect,
    )
    alasan = _teks("Pertimbangan keputusan", rows=4)
    rating_hasil_baru = forms.ChoiceField(
        label="Rating hasil kerja baru", choices=[("", "—")] + Rating.choices, required=False
    )
    rating_perilaku_baru = forms.ChoiceField(
        label="Rating perilaku kerja baru", choices=[("", "—")] + Rating.choices, required=False
    )
    rekomendasi = _teks(
        "Rekomendasi baru", rows=3, required=False, help_text="Wajib bila hasil evaluasi diubah (angka 7)."
    )
    password = SANDI


class TandaTanganForm(forms.Form):
    password = SANDI
