"""Who may see an SKP, and who acts on it as its Penilai.

Rights come from the org relation on the day (kinerja/selectors/penilai.py), not from the names stored on
the SKP: a Plt./Plh. or a BKPSDM correction in force today decides who the Penilai is today. The SKP keeps a
snapshot of its Penilai for the record (who it was submitted to, who approved it).

- The Penilai of the Pegawai on the day acts as Penilai; for JPT that is the Kepala Daerah (Sumedang lampiran
  "Penetapan SKP" angka 2(a)), and for a pimpinan unit kerja mandiri the Kepala Daerah or the head of the
  coordinating Perangkat Daerah, whichever the org tree gives (angka 2(b)).
- After the deadline (waktu.batas_penetapan), an SKP not yet ditetapkan may also be handled by the Atasan
  Penilai (angka 4; Inhu Pasal 31(4)). The Penilai keeps her right: the text moves the dialog to the Atasan,
  it does not take the act from the Penilai.
- For an SKP whose period has ended (the Pegawai moved on), the chain is read on the last day of its period.
"""

import datetime

from django.db.models import Q
from django.http import Http404

from kinerja.permissions import pegawai_visible_to, sees_all_pegawai
from kinerja.selectors.penilai import Pejabat, Rantai, rantai_penilai

from . import waktu
from .models import STATUS_BELUM_DITETAPKAN, PeranPenetap, Skp


def skp_visible_to(user):
    """SKP this user may read: all of her Pemda for BKPSDM and the Kepala Daerah; otherwise those of the
    Pegawai she may see (herself, her Penilai and Atasan Penilai: a subordinate reads her leader's RHK to
    intervene them; those she evaluates, and theirs) and those that name her as Penilai or Atasan Penilai."""
    qs = Skp.objects.all()
    if sees_all_pegawai(user):
        return qs
    if not user.is_authenticated or not user.pegawai_id:
        return qs.none()
    me = user.pegawai_id
    ids = list(pegawai_visible_to(user).values_list("pk", flat=True))
    return qs.filter(Q(pegawai_id__in=ids) | Q(penilai_id=me) | Q(atasan_penilai_id=me))


def get_skp_for_user(user, pk) -> Skp:
    """The SKP, or 404 when it does not exist, is of another Pemda, or is not hers to see."""
    try:
        return skp_visible_to(user).get(pk=pk)
    except (Skp.DoesNotExist, ValueError, TypeError):
        raise Http404("SKP tidak ditemukan.") from None


def tanggal_rantai(skp: Skp, hari_ini: datetime.date) -> datetime.date:
    """The day on which the Penilai of this SKP is read: today, or the end of its period if that has passed."""
    return min(hari_ini, skp.periode_selesai)


def rantai_skp(skp: Skp, hari_ini: datetime.date) -> Rantai:
    return rantai_penilai(skp.pegawai, tanggal_rantai(skp, hari_ini))


def adalah(user, pejabat: Pejabat | None) -> bool:
    """Is `user` this Penilai / Atasan Penilai (the Kepala Daerah is an account, not a Pegawai)?"""
    if pejabat is None or not user.is_authenticated:
        return False
    if pejabat.is_kepala_daerah:
        return bool(user.is_kepala_daerah)
    return user.pegawai_id is not None and user.pegawai_id == pejabat.pegawai_id


def peran_penilai(
    skp: Skp, user, *, hari_ini: datetime.date, bulan_batas: int, rantai: Rantai | None = None
) -> str | None:
    """In which capacity `user` may act as the Penilai of `skp` today (a PeranPenetap value), or None."""
    if not user.is_authenticated or user.pemda_id != skp.pemda_id:
        return None
    rantai = rantai or rantai_skp(skp, hari_ini)
    if adalah(user, rantai.penilai):
        return PeranPenetap.KEPALA_DAERAH if rantai.penilai.is_kepala_daerah else PeranPenetap.PENILAI
    if skp.status in STATUS_BELUM_DITETAPKAN and lewat_batas(skp, hari_ini=hari_ini, bulan_batas=bulan_batas):
        if adalah(user, rantai.atasan_penilai):
            return PeranPenetap.ATASAN_PENILAI
    return None


def lewat_batas(skp: Skp, *, hari_ini: datetime.date, bulan_batas: int) -> bool:
    batas = waktu.batas_penetapan(skp, bulan_batas)
    return batas is not None and hari_ini > batas
