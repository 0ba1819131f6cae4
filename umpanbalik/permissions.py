"""Who may see and act on the pelaksanaan records of an SKP.

- Reading (realisasi, bukti dukung, catatan harian of the SKP, the rekaman): whoever may read the SKP
  (skp.permissions.skp_visible_to: the Pegawai, her Penilai and Atasan Penilai, BKPSDM, the Kepala Daerah),
  and an invited feedback giver while her invitation stands (she gives feedback "berdasarkan bukti dukung").
- Pimpinan: the Penilai of the Pegawai on the day (a Plt./Plh. or a BKPSDM correction included; the Kepala
  Daerah for JPT), read from the org relation, never from request data. She gives berkala and insidental
  feedback, responds to progress, starts pembinaan and may take over an RHK.
- Invited: peers, subordinates and other parties hold an UndanganUmpanBalik (a guardian grant) on the SKP.
- Konseling has its own, narrower rule (umpanbalik.services.pembinaan).

Missing and "another Pemda" both answer 404 (`get_*_for_user`); a visible object the user may not change
answers 403 in the services (PermissionDenied).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from skp import waktu
from skp.models import Skp, StatusSkp
from skp.permissions import adalah, rantai_skp, skp_visible_to

from .models import Bimbingan, LaporanPerilaku, UndanganUmpanBalik


def _undangan_berdiri(user):
    """Standing invitations of `user` on an SKP of the same line as the outer SKP row: an invitation given on
    one version of an SKP holds on its later versions (a penyesuaian ekspektasi does not end it)."""
    return UndanganUmpanBalik.objects.filter(
        user_id=user.pk,
        dicabut_pada__isnull=True,
        content_object__pegawai_id=OuterRef("pegawai_id"),
        content_object__tahun=OuterRef("tahun"),
        content_object__jabatan_id=OuterRef("jabatan_id"),
        content_object__periode_mulai=OuterRef("periode_mulai"),
    )


def skp_diundang(user):
    """SKP on which `user` holds a standing invitation to give feedback (on it or an earlier version)."""
    if not user.is_authenticated or user.pemda_id is None:
        return Skp.objects.none()
    return Skp.objects.filter(Exists(_undangan_berdiri(user)))


def skp_pelaksanaan_visible_to(user):
    """SKP whose pelaksanaan records (realisasi, bukti, rekaman) `user` may read."""
    if not user.is_authenticated or user.pemda_id is None:
        return Skp.objects.none()
    terlihat = skp_visible_to(user).values("pk")
    return Skp.objects.filter(Q(pk__in=terlihat) | Q(Exists(_undangan_berdiri(user))))


def get_skp_pelaksanaan_for_user(user, pk) -> Skp:
    try:
        return skp_pelaksanaan_visible_to(user).get(pk=pk)
    except (Skp.DoesNotExist, ValueError, TypeError):
        raise Http404("SKP tidak ditemukan.") from None


def adalah_pimpinan(skp: Skp, user, tanggal: datetime.date | None = None) -> bool:
    """Is `user` the leader (Penilai on the day) of the Pegawai of this SKP?"""
    if not user.is_authenticated or user.pemda_id != skp.pemda_id:
        return False
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    return adalah(user, rantai_skp(skp, tanggal).penilai)


def adalah_pemilik(skp: Skp, user) -> bool:
    return user.is_authenticated and user.pemda_id == skp.pemda_id and user.pegawai_id == skp.pegawai_id


def undangan_untuk(skp: Skp, user) -> UndanganUmpanBalik | None:
    """The standing invitation of `user` on this SKP or an earlier version of it."""
    if not user.is_authenticated or user.pemda_id != skp.pemda_id:
        return None
    return (
        UndanganUmpanBalik.objects.filter(
            user_id=user.pk,
            dicabut_pada__isnull=True,
            content_object__pegawai_id=skp.pegawai_id,
            content_object__tahun=skp.tahun,
            content_object__jabatan_id=skp.jabatan_id,
            content_object__periode_mulai=skp.periode_mulai,
        )
        .order_by("-dibuat_pada")
        .first()
    )


def pastikan_pimpinan(skp: Skp, user, tanggal: datetime.date | None = None):
    if not adalah_pimpinan(skp, user, tanggal):
        raise PermissionDenied(
            "Hanya pimpinan (Pejabat Penilai Kinerja) Pegawai ini yang dapat melakukan ini."
        )


def pastikan_pemilik(skp: Skp, user):
    if not adalah_pemilik(skp, user):
        raise PermissionDenied("Hanya Pegawai pemilik SKP yang dapat melakukan ini.")


def pastikan_berjalan(skp: Skp):
    """Pelaksanaan is recorded against a set SKP in force (not a draft, not a superseded version)."""
    if skp.status == StatusSkp.DIGANTIKAN:
        raise ValidationError(
            f"SKP versi {skp.versi} sudah digantikan versi baru; catat pada versi yang berlaku."
        )
    if skp.status != StatusSkp.DITETAPKAN:
        raise ValidationError("Realisasi dan umpan balik dicatat setelah SKP ditetapkan.")


def bimbingan_visible_to(user):
    """Bimbingan records (B.1.6-B.1.9) `user` may read: those on an SKP she may read (the Pegawai, her
    Penilai and Atasan Penilai, BKPSDM), and those she conducted as the assigned party (Sumedang lampiran
    Pembinaan angka 4 huruf i: reported to the Penilai)."""
    if not user.is_authenticated or user.pemda_id is None:
        return Bimbingan.objects.none()
    return Bimbingan.objects.filter(Q(skp__in=skp_visible_to(user).values("pk")) | Q(pembina_id=user.pk))


def get_bimbingan_for_user(user, pk) -> Bimbingan:
    try:
        return bimbingan_visible_to(user).get(pk=pk)
    except (Bimbingan.DoesNotExist, ValueError, TypeError):
        raise Http404("Bimbingan tidak ditemukan.") from None


def laporan_perilaku_visible_to(user):
    """B.1.10 reports: for whoever may read the SKP (the Pegawai is told, angka 5 huruf c (c); BKPSDM
    receives it; the Penilai and her Atasan wrote and read it)."""
    if not user.is_authenticated or user.pemda_id is None:
        return LaporanPerilaku.objects.none()
    return LaporanPerilaku.objects.filter(skp__in=skp_visible_to(user).values("pk"))


def get_laporan_perilaku_for_user(user, pk) -> LaporanPerilaku:
    try:
        return laporan_perilaku_visible_to(user).get(pk=pk)
    except (LaporanPerilaku.DoesNotExist, ValueError, TypeError):
        raise Http404("Laporan tidak ditemukan.") from None
