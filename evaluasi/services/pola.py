"""BKPSDM sets the Pemda's pola distribusi: the expected share of each predikat for each capaian kinerja
organisasi (Sumedang lampiran Tahapan Evaluasi, Tahap Kedua huruf b-f), and the tolerance beyond which a
Penilai is warned while rating (never blocked)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.models import PengaturanPemda
from kinerja.models.pengaturan import validate_pola_distribusi
from kinerja.services.audit import audit_record

from ._umum import pastikan_admin

TOLERANSI_MAKS = 100


@transaction.atomic
def ubah_pola(*, pemda_id: int, pola, toleransi, by) -> PengaturanPemda:
    pastikan_admin(by, pemda_id)
    pengaturan = PengaturanPemda.objects.select_for_update().filter(pemda_id=pemda_id).first()
    if pengaturan is None:
        raise ValidationError("Pengaturan Pemda belum diisi BKPSDM.")
    validate_pola_distribusi(pola)
    try:
        toleransi = int(toleransi)
    except (TypeError, ValueError):
        raise ValidationError({"toleransi": "Toleransi harus bilangan bulat 0-100 (poin persen)."}) from None
    if not 0 <= toleransi <= TOLERANSI_MAKS:
        raise ValidationError({"toleransi": "Toleransi harus bilangan bulat 0-100 (poin persen)."})
    semula = {"pola": pengaturan.pola_distribusi, "toleransi": pengaturan.toleransi_pola_distribusi}
    pengaturan.pola_distribusi = pola
    pengaturan.toleransi_pola_distribusi = toleransi
    pengaturan.save(update_fields=["pola_distribusi", "toleransi_pola_distribusi"])
    audit_record(
        pemda_id=pemda_id,
        aksi="pola_distribusi_ubah",
        objek=pengaturan,
        by=by,
        alasan="Pola distribusi predikat diubah",
        data={"semula": semula, "menjadi": {"pola": pola, "toleransi": toleransi}},
    )
    return pengaturan
