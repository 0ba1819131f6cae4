"""Who may see an evaluation and in which capacity a user acts on it.

- The Pegawai sees her own; the Penilai and the Atasan Penilai recorded on it (the chain on the period's last
  day: Sumedang lampiran Evaluasi Kinerja angka 13-14) see theirs; BKPSDM and the Kepala Daerah see the Pemda's.
  Anything else is a 404.
- The Penilai evaluates and signs until the evaluation window ends (jendela.batas_evaluasi); after it, and while
  the Penilai has not signed, the Atasan Penilai does (angka 11; Tindak Lanjut angka 8: Format D.1.2, final).
- A Penilai who is the Kepala Daerah (JPT, pimpinan unit kerja mandiri) is the Kepala Daerah's account; her
  result is final (angka 12 huruf c and e).
"""

import datetime

from django.db.models import Q
from django.http import Http404

from kinerja.permissions import sees_all_pegawai

from . import jendela
from .models import Evaluasi, Keberatan, StatusEvaluasi

PENILAI = "penilai"
ATASAN = "atasan_penilai"


def evaluasi_visible_to(user):
    qs = Evaluasi.objects.all()
    if sees_all_pegawai(user):
        return qs
    if not user.is_authenticated or not user.pegawai_id:
        return qs.none()
    me = user.pegawai_id
    return qs.filter(Q(pegawai_id=me) | Q(penilai_id=me) | Q(atasan_penilai_id=me))


def get_evaluasi_for_user(user, pk) -> Evaluasi:
    try:
        return evaluasi_visible_to(user).select_related("periode", "pegawai").get(pk=pk)
    except (Evaluasi.DoesNotExist, ValueError, TypeError):
        raise Http404("Evaluasi tidak ditemukan.") from None


def keberatan_visible_to(user):
    qs = Keberatan.objects.all()
    if sees_all_pegawai(user):
        return qs
    return qs.filter(evaluasi__in=evaluasi_visible_to(user))


def get_keberatan_for_user(user, pk) -> Keberatan:
    try:
        return keberatan_visible_to(user).select_related("evaluasi", "evaluasi__periode").get(pk=pk)
    except (Keberatan.DoesNotExist, ValueError, TypeError):
        raise Http404("Keberatan tidak ditemukan.") from None


def _sama_pemda(user, evaluasi) -> bool:
    return bool(user.is_authenticated and user.pemda_id == evaluasi.pemda_id)


def adalah_pegawai(user, evaluasi: Evaluasi) -> bool:
    return (
        _sama_pemda(user, evaluasi) and user.pegawai_id is not None and user.pegawai_id == evaluasi.pegawai_id
    )


def adalah_penilai(user, evaluasi: Evaluasi) -> bool:
    if not _sama_pemda(user, evaluasi):
        return False
    if evaluasi.penilai_kepala_daerah:
        return bool(user.is_kepala_daerah)
    return user.pegawai_id is not None and user.pegawai_id == evaluasi.penilai_id


def adalah_atasan(user, evaluasi: Evaluasi) -> bool:
    if not _sama_pemda(user, evaluasi):
        return False
    if evaluasi.atasan_penilai_kepala_daerah:
        return bool(user.is_kepala_daerah)
    return user.pegawai_id is not None and user.pegawai_id == evaluasi.atasan_penilai_id


def peran_evaluator(
    user, evaluasi: Evaluasi, *, pengaturan, tanggal: datetime.date, batas: datetime.date | None = None
) -> str | None:
    """PENILAI or ATASAN when `user` may rate and sign this evaluation on `tanggal`, else None. `batas`: the
    period's jendela.batas_evaluasi when the caller has it (a list of one period computes it once)."""
    if evaluasi.status not in (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI):
        return None
    if batas is None:
        batas = jendela.batas_evaluasi(evaluasi.periode, pengaturan)
    if tanggal <= batas and not evaluasi.oleh_atasan and adalah_penilai(user, evaluasi):
        return PENILAI
    if tanggal > batas and adalah_atasan(user, evaluasi):
        return ATASAN
    if tanggal > batas and evaluasi.penilai_kepala_daerah and adalah_penilai(user, evaluasi):
        # Nobody is above the Kepala Daerah to take a JPT's evaluation over (angka 12 c): she still does it, late.
        return PENILAI
    return None
