"""The "Cetak massal" form: period, scope (the whole Pemda or a unit for BKPSDM; "Pegawai saya" for a Penilai)
and document kind. The querysets are the user's Pemda's (the scope is active in the request)."""

from django import forms
from django.core.exceptions import ValidationError

from kinerja.permissions import is_admin_bkpsdm

from . import selectors
from .models import JenisCetak, LingkupCetak


class CetakForm(forms.Form):
    periode = forms.ModelChoiceField(queryset=None, label="Periode evaluasi", empty_label=None)
    lingkup = forms.ChoiceField(label="Lingkup", choices=())
    unit = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Unit kerja",
        help_text="Untuk lingkup unit: unit dan sub-unitnya.",
    )
    jenis = forms.ChoiceField(label="Jenis dokumen", choices=JenisCetak.choices, initial=JenisCetak.DOKUMEN)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["periode"].queryset = selectors.pilihan_periode()
        self.fields["periode"].error_messages["invalid_choice"] = "Periode evaluasi tidak ditemukan."
        pilihan = []
        if is_admin_bkpsdm(user):
            pilihan += [(LingkupCetak.PEMDA, "Seluruh Pemda"), (LingkupCetak.UNIT, "Satu unit kerja")]
            self.fields["unit"].queryset = selectors.pilihan_unit()
        else:
            del self.fields["unit"]
        if user.pegawai_id:
            pilihan.append((LingkupCetak.PENILAI, "Pegawai yang saya nilai"))
        self.fields["lingkup"].choices = pilihan
        if pilihan:
            self.fields["lingkup"].initial = pilihan[0][0]
        if "unit" in self.fields:
            self.fields["unit"].error_messages["invalid_choice"] = "Unit kerja tidak ditemukan."

    def clean(self):
        data = super().clean()
        if data.get("lingkup") == LingkupCetak.UNIT and not data.get("unit"):
            raise ValidationError({"unit": "Pilih unit kerja yang akan dicetak."})
        if data.get("lingkup") != LingkupCetak.UNIT:
            data["unit"] = None
        return data
