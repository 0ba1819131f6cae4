"""Writes on a Pemda's own settings: its PengaturanPemda row and its own days off (HariLiburPemda)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from kinerja.kalender import forget_libur_pemda
from kinerja.models import HariLiburPemda, PengaturanPemda
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.pemda import forget_pemda_info

from .audit import audit_record

# Fields the admin may change; `pemda` never comes from the request.
EDITABLE_FIELDS = [
    f.name for f in PengaturanPemda._meta.concrete_fields if f.editable and f.name not in ("id", "pemda")
]


def _require_admin(by, pemda_id):
    if not is_admin_bkpsdm(by) or by.pemda_id != pemda_id:
        raise PermissionDenied("Hanya admin BKPSDM Pemda ini yang dapat mengubah pengaturan.")


@transaction.atomic
def pengaturan_update(*, pengaturan: PengaturanPemda, data: dict, files, by) -> PengaturanPemda:
    """Apply validated values (`data`, e.g. a form's cleaned_data) and an uploaded logo (`files`).

    `data["logo"] is False` clears the logo (the form's "hapus" box); a logo in `files` replaces it.
    """
    _require_admin(by, pengaturan.pemda_id)
    row = PengaturanPemda.objects.select_for_update().get(pk=pengaturan.pk)
    berubah = []
    for name in EDITABLE_FIELDS:
        if name == "logo" or name not in data:
            continue
        if getattr(row, name) != data[name]:
            setattr(row, name, data[name])
            berubah.append(name)
    logo = (files or {}).get("logo")
    if isinstance(logo, UploadedFile):
        row.logo = logo
        berubah.append("logo")
    elif data.get("logo") is False and row.logo:
        row.logo.delete(save=False)
        row.logo = ""
        berubah.append("logo")
    row.full_clean()
    row.save()
    audit_record(pemda_id=row.pemda_id, aksi="pengaturan_update", objek=row, by=by, data={"berubah": berubah})
    transaction.on_commit(lambda: forget_pemda_info(row.pemda_id))
    forget_pemda_info(row.pemda_id)
    return row


@transaction.atomic
def hari_libur_tambah(*, pemda_id: int, tanggal: datetime.date, nama: str, by) -> HariLiburPemda:
    _require_admin(by, pemda_id)
    if not (nama or "").strip():
        raise ValidationError({"nama": "Nama hari libur wajib diisi."})
    if HariLiburPemda.objects.filter(pemda_id=pemda_id, tanggal=tanggal).exists():
        raise ValidationError({"tanggal": f"Tanggal {tanggal:%d-%m-%Y} sudah terdaftar sebagai hari libur."})
    libur = HariLiburPemda(pemda_id=pemda_id, tanggal=tanggal, nama=nama.strip())
    libur.full_clean()
    try:
        with transaction.atomic():
            libur.save()
    except IntegrityError as exc:
        raise ValidationError({"tanggal": "Tanggal ini sudah terdaftar sebagai hari libur."}) from exc
    audit_record(pemda_id=pemda_id, aksi="hari_libur_tambah", objek=libur, by=by, data={"nama": libur.nama})
    _forget_libur(pemda_id)
    return libur


@transaction.atomic
def hari_libur_hapus(*, libur: HariLiburPemda, by) -> None:
    _require_admin(by, libur.pemda_id)
    audit_record(
        pemda_id=libur.pemda_id,
        aksi="hari_libur_hapus",
        objek=libur,
        by=by,
        data={"tanggal": libur.tanggal.isoformat(), "nama": libur.nama},
    )
    HariLiburPemda.objects.filter(pk=libur.pk).delete()
    _forget_libur(libur.pemda_id)


def _forget_libur(pemda_id: int) -> None:
    """Drop the cached days off now (this transaction reads the new ones) and again after COMMIT, since a
    request of the same Pemda may re-cache the old days between the two."""
    forget_libur_pemda(pemda_id)
    transaction.on_commit(lambda: forget_libur_pemda(pemda_id))
