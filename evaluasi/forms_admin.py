"""Forms of BKPSDM's evaluation pages: opening a period, the capaian of many units, the pola distribusi grid.
They check the shape of the input only; the services decide."""

from django import forms

from kinerja.models.pengaturan import CAPAIAN_KEYS, PREDIKAT_KEYS

from .models import JenisPeriode, PredikatOrganisasi


class BukaPeriodeForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis periode", choices=JenisPeriode.choices)
    nomor = forms.IntegerField(
        label="Nomor", min_value=1, max_value=12, help_text="Bulan 1-12, triwulan 1-4."
    )
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)


class CapaianBanyakForm(forms.Form):
    """One select and one note per unit of the page: `predikat-<unit id>`, `keterangan-<unit id>`."""

    PILIHAN = [("", "— belum ditetapkan —"), *PredikatOrganisasi.choices]

    def __init__(self, *args, units, awal: dict[int, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for u in self.units:
            predikat, keterangan = awal.get(u.pk, ("", ""))
            self.fields[f"predikat-{u.pk}"] = forms.ChoiceField(
                label=u.nama, choices=self.PILIHAN, required=False, initial=predikat
            )
            self.fields[f"keterangan-{u.pk}"] = forms.CharField(
                label=f"Keterangan {u.nama}",
                required=False,
                max_length=2000,
                initial=keterangan,
                widget=forms.TextInput(attrs={"placeholder": "Dasar penetapan, mis. capaian IKU"}),
            )
        self.awal = awal

    def perubahan(self) -> list[tuple[object, str, str]]:
        """(unit, predikat, keterangan) of the rows changed from what is set; an emptied select is ignored
        (a set capaian is corrected, not removed)."""
        hasil = []
        for u in self.units:
            predikat = self.cleaned_data.get(f"predikat-{u.pk}") or ""
            keterangan = (self.cleaned_data.get(f"keterangan-{u.pk}") or "").strip()
            if predikat and (predikat, keterangan) != self.awal.get(u.pk, ("", "")):
                hasil.append((u, predikat, keterangan))
        return hasil

    def baris(self):
        return [(u, self[f"predikat-{u.pk}"], self[f"keterangan-{u.pk}"]) for u in self.units]


class PolaForm(forms.Form):
    """The 5x5 grid `pola-<capaian>-<predikat>` (percent) and the tolerance."""

    toleransi = forms.IntegerField(
        label="Toleransi (poin persen)",
        min_value=0,
        max_value=100,
        help_text="Selisih antara distribusi unit dan pola yang membuat Penilai diperingatkan (tidak dicegah).",
    )

    def __init__(self, *args, pola: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for c in CAPAIAN_KEYS:
            for p in PREDIKAT_KEYS:
                self.fields[f"pola-{c}-{p}"] = forms.IntegerField(
                    min_value=0,
                    max_value=100,
                    initial=(pola.get(c) or {}).get(p, 0),
                    widget=forms.NumberInput(attrs={"class": "angka-kecil", "min": 0, "max": 100}),
                    error_messages={
                        "required": "Isi persentase (0-100).",
                        "invalid": "Harus bilangan bulat.",
                    },
                )

    def pola(self) -> dict:
        return {c: {p: self.cleaned_data[f"pola-{c}-{p}"] for p in PREDIKAT_KEYS} for c in CAPAIAN_KEYS}

    def grid(self):
        return [
            (c, PredikatOrganisasi(c).label, [self[f"pola-{c}-{p}"] for p in PREDIKAT_KEYS])
            for c in CAPAIAN_KEYS
        ]
