"""What the evaluation services share: settings, today, the row lock, notices."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import PengaturanPemda
from kinerja.permissions import is_admin_bkpsdm
from skp import waktu
from skp.models import Pemberitahuan
from skp.services._umum import sama_pemda

from ..models import Evaluasi

__all__ = ["sama_pemda", "pengaturan_untuk", "hari_ini", "kunci_evaluasi", "pastikan_admin", "beritahu"]


def pengaturan_untuk(pemda_id: int) -> PengaturanPemda:
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    if pengaturan is None:
        raise ValidationError("Pengaturan Pemda belum diisi BKPSDM; evaluasi belum dapat diproses.")
    return pengaturan


def hari_ini(pemda_id: int) -> datetime.date:
    return waktu.hari_ini(pemda_id)


def kunci_evaluasi(evaluasi: Evaluasi) -> Evaluasi:
    """The evaluation row, locked until the end of the transaction: every change to it takes this lock."""
    return (
        Evaluasi.objects.select_for_update(of=("self",))
        .select_related("periode", "pegawai")
        .get(pk=evaluasi.pk)
    )


def pastikan_admin(by, pemda_id: int):
    sama_pemda(by, pemda_id)
    if not is_admin_bkpsdm(by):
        raise PermissionDenied("Hanya admin BKPSDM yang dapat melakukan ini.")


def beritahu(*, pemda_id: int, pegawai_ids, pesan: str, jenis: str, skp_id=None) -> int:
    rows = [
        Pemberitahuan(pemda_id=pemda_id, penerima_id=pid, jenis=jenis, pesan=pesan, skp_id=skp_id)
        for pid in sorted({p for p in pegawai_ids if p})
    ]
    Pemberitahuan.objects.bulk_create(rows)
    return len(rows)
