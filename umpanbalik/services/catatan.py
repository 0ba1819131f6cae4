"""Catatan harian: the Pegawai's quick daily log of what she did, linked to an RHK or a rencana aksi of her
SKP in force, pulled into her realisasi later (umpanbalik.selectors.realisasi.realisasi_dari_catatan).

Only the owner writes it, on a set SKP in force, for a day inside the SKP period and not after today.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import RencanaAksi, Rhk, Skp
from skp.services._umum import TETAP, sama_pemda

from ..models import CatatanHarian
from ._umum import kunci_milik


def _tanggal(tanggal, skp: Skp) -> datetime.date:
    if not isinstance(tanggal, datetime.date):
        raise ValidationError({"tanggal": "Tanggal wajib diisi."})
    if isinstance(tanggal, datetime.datetime):
        tanggal = tanggal.date()
    if not skp.periode_mulai <= tanggal <= skp.periode_selesai:
        raise ValidationError(
            {
                "tanggal": f"Tanggal harus dalam periode SKP ({skp.periode_mulai:%d-%m-%Y} sampai "
                f"{skp.periode_selesai:%d-%m-%Y})."
            }
        )
    if tanggal > waktu.hari_ini(skp.pemda_id):
        raise ValidationError(
            {"tanggal": "Catatan harian tidak dapat dibuat untuk tanggal yang akan datang."}
        )
    return tanggal


def _uraian(uraian) -> str:
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": "Tuliskan apa yang dikerjakan."})
    return uraian


def _hasil(hasil) -> str:
    hasil = (hasil or "").strip()
    if len(hasil) > 200:
        raise ValidationError({"hasil": "Hasil paling panjang 200 karakter."})
    return hasil


def _rujukan(
    skp: Skp, rhk: Rhk | None, rencana_aksi: RencanaAksi | None
) -> tuple[Rhk | None, RencanaAksi | None]:
    """The RHK and rencana aksi must be of this SKP; a rencana aksi names its RHK."""
    if rhk is not None and not Rhk.objects.filter(pk=rhk.pk, skp_id=skp.pk).exists():
        raise ValidationError({"rhk": "RHK harus dari SKP ini."})
    if rencana_aksi is not None:
        aksi = (
            RencanaAksi.objects.filter(pk=rencana_aksi.pk, rhk__skp_id=skp.pk).select_related("rhk").first()
        )
        if aksi is None:
            raise ValidationError({"rencana_aksi": "Rencana aksi harus dari SKP ini."})
        if rhk is not None and aksi.rhk_id != rhk.pk:
            raise ValidationError({"rencana_aksi": "Rencana aksi itu bukan milik RHK yang dipilih."})
        return aksi.rhk, aksi
    return rhk, None


@transaction.atomic
def catatan_harian_buat(
    *,
    skp: Skp,
    by,
    tanggal: datetime.date,
    uraian: str,
    hasil: str = "",
    rhk: Rhk | None = None,
    rencana_aksi: RencanaAksi | None = None,
) -> CatatanHarian:
    skp = kunci_milik(skp, by)
    rhk, rencana_aksi = _rujukan(skp, rhk, rencana_aksi)
    catatan = CatatanHarian(
        pemda_id=skp.pemda_id,
        pegawai_id=skp.pegawai_id,
        skp=skp,
        tanggal=_tanggal(tanggal, skp),
        uraian=_uraian(uraian),
        hasil=_hasil(hasil),
        rhk=rhk,
        rencana_aksi=rencana_aksi,
    )
    catatan.save()
    audit_record(
        pemda_id=skp.pemda_id, aksi="catatan_harian_buat", objek=catatan, by=by, data={"skp": skp.pk}
    )
    return catatan


def _kunci_catatan(catatan: CatatanHarian, by) -> tuple[Skp, CatatanHarian]:
    sama_pemda(by, catatan.pemda_id)
    skp = kunci_milik(Skp.objects.get(pk=catatan.skp_id), by)
    return skp, CatatanHarian.objects.select_for_update().get(pk=catatan.pk, skp=skp)


@transaction.atomic
def catatan_harian_ubah(
    *,
    catatan: CatatanHarian,
    by,
    tanggal=TETAP,
    uraian=TETAP,
    hasil=TETAP,
    rhk=TETAP,
    rencana_aksi=TETAP,
) -> CatatanHarian:
    """Change the fields given (TETAP: leave as it is)."""
    skp, c = _kunci_catatan(catatan, by)
    if tanggal is not TETAP:
        c.tanggal = _tanggal(tanggal, skp)
    if uraian is not TETAP:
        c.uraian = _uraian(uraian)
    if hasil is not TETAP:
        c.hasil = _hasil(hasil)
    if rhk is not TETAP or rencana_aksi is not TETAP:
        baru_rhk = c.rhk if rhk is TETAP else rhk
        baru_aksi = c.rencana_aksi if rencana_aksi is TETAP else rencana_aksi
        if rhk is not TETAP and rencana_aksi is TETAP and baru_aksi is not None and rhk != baru_aksi.rhk:
            baru_aksi = None  # another RHK chosen: the old step no longer applies
        c.rhk, c.rencana_aksi = _rujukan(skp, baru_rhk, baru_aksi)
    c.save()
    audit_record(pemda_id=skp.pemda_id, aksi="catatan_harian_ubah", objek=c, by=by, data={"skp": skp.pk})
    return c


@transaction.atomic
def catatan_harian_hapus(*, catatan: CatatanHarian, by) -> None:
    skp, c = _kunci_catatan(catatan, by)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="catatan_harian_hapus",
        objek=c,
        by=by,
        data={"skp": skp.pk, "tanggal": c.tanggal.isoformat(), "uraian": c.uraian[:200]},
    )
    c.delete()
