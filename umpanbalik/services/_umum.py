"""What several pelaksanaan services do first. The SKP's own helpers (skp.services._umum: sama_pemda, kunci,
pengaturan_untuk) are used as they are; these add what pelaksanaan needs on top."""

from django.core.exceptions import ValidationError

from skp.models import Skp
from skp.services._umum import kunci, sama_pemda

from ..permissions import pastikan_berjalan, pastikan_pemilik


def kunci_milik(skp: Skp, by) -> Skp:
    """The owner's SKP, locked, set and in force: what her catatan harian and realisasi are written on."""
    sama_pemda(by, skp.pemda_id)
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_berjalan(skp)
    return skp


def pilihan(nilai, choices, field: str, label: str, *, boleh=None) -> str:
    """`nilai` if it is one of `choices` (or of `boleh`), else a ValidationError listing them."""
    nilai = (nilai or "").strip() if isinstance(nilai, str) or nilai is None else nilai
    values = boleh if boleh is not None else choices.values
    if nilai in values:
        return nilai
    daftar = ", ".join(str(v) for v in values)
    raise ValidationError({field: f"{label} tidak dikenal: '{nilai}'. Pilih salah satu: {daftar}."})


def teks_wajib(teks, field: str, pesan: str) -> str:
    """A required free text, trimmed; `pesan` when empty; no NUL characters (PostgreSQL refuses them)."""
    teks = (teks or "").strip() if isinstance(teks, str) or teks is None else str(teks)
    if not teks:
        raise ValidationError({field: pesan})
    if "\x00" in teks:
        raise ValidationError({field: "Teks memuat karakter NUL yang tidak sah."})
    return teks
