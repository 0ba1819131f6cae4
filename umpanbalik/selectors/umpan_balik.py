"""Who reads which umpan balik, responses to progress and take-overs.

- The Pegawai reads all feedback on her SKP; a giver who is not her leader is shown by role only when the
  Pemda chose anonymity for peers (PengaturanPemda.umpan_balik_rekan_anonim). The leader is always named.
- Her leader (the Penilai on the day, or named on the SKP), the Atasan Penilai, BKPSDM and the Kepala Daerah
  read all of it with names.
- Anyone else (an invited giver) reads only what she gave herself.

Feedback, responses and take-overs of every version of the SKP are read together: a penyesuaian ekspektasi
makes a new version, and what was said on the old one stays part of the year's record.
"""

import datetime

from django.db.models import OuterRef, Subquery

from kinerja.models import PengaturanPemda
from kinerja.permissions import sees_all_pegawai
from skp import waktu
from skp.models import Rhk, Skp, StatusSkp
from skp.permissions import adalah, rantai_skp

from ..models import AmbilAlih, TanggapanProgres, UmpanBalik, UndanganUmpanBalik
from ..periode import Periode
from ..permissions import adalah_pemilik


def versi_skp(skp: Skp):
    """Every version of this SKP (same Pegawai, year, jabatan and start): a penyesuaian ekspektasi makes a
    new version, and what was done on the old one still counts."""
    return Skp.objects.filter(
        pegawai_id=skp.pegawai_id, tahun=skp.tahun, jabatan_id=skp.jabatan_id, periode_mulai=skp.periode_mulai
    )


def membaca_semua(skp: Skp, user, tanggal: datetime.date | None = None) -> bool:
    """Reads all feedback with names: BKPSDM, the Kepala Daerah, the leader and the Atasan Penilai (today's,
    or those named on the SKP)."""
    if not user.is_authenticated or user.pemda_id != skp.pemda_id:
        return False
    if sees_all_pegawai(user):
        return True
    me = user.pegawai_id
    if me is not None and me != skp.pegawai_id and me in (skp.penilai_id, skp.atasan_penilai_id):
        return True
    rantai = rantai_skp(skp, tanggal or waktu.hari_ini(skp.pemda_id))
    return adalah(user, rantai.penilai) or adalah(user, rantai.atasan_penilai)


def membaca_tindak_lanjut(skp: Skp, user, tanggal: datetime.date | None = None) -> bool:
    """The responses to progress and take-overs: the Pegawai, and those who read all feedback."""
    return adalah_pemilik(skp, user) or membaca_semua(skp, user, tanggal)


def nama_pemberi(ub: UmpanBalik, *, anonim: bool) -> str:
    if anonim and ub.peran != "pimpinan":
        return ub.get_peran_display()
    if ub.pemberi_pegawai_id:
        return ub.pemberi_pegawai.nama_lengkap
    return ub.pemberi.nama_tampil


def umpan_balik_untuk(skp: Skp, user, periode: Periode | None = None) -> list[UmpanBalik]:
    """The feedback on `skp` (all its versions) that `user` may read, newest first, each with `nama_pemberi`
    (the giver's name, or her role where the Pegawai reads anonymous peers) and `anonim`. A fixed number of
    queries."""
    qs = UmpanBalik.objects.filter(skp__in=versi_skp(skp).values("pk")).select_related(
        "pemberi__pegawai", "pemberi_pegawai", "rhk", "iki", "realisasi"
    )
    if periode is not None:
        qs = qs.filter(jenis_periode=periode.jenis, nomor_periode=periode.nomor)
    anonim = False
    if adalah_pemilik(skp, user):
        pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
        anonim = bool(pengaturan and pengaturan.umpan_balik_rekan_anonim)
    elif not membaca_semua(skp, user):
        qs = qs.filter(pemberi_id=user.pk) if user.is_authenticated else qs.none()
    hasil = list(qs.order_by("-tanggal", "-id"))
    for ub in hasil:
        ub.anonim = anonim and ub.peran != "pimpinan"
        ub.nama_pemberi = nama_pemberi(ub, anonim=anonim)
    return hasil


def undangan_skp(skp: Skp, *, semua: bool = False):
    """Invitations on this SKP and its earlier versions (standing ones, or all with `semua`), with the invitee
    and who invited."""
    qs = UndanganUmpanBalik.objects.filter(content_object__in=versi_skp(skp).values("pk")).select_related(
        "pegawai", "diundang_oleh__pegawai"
    )
    if not semua:
        qs = qs.filter(dicabut_pada__isnull=True)
    return qs.order_by("dicabut_pada", "-dibuat_pada", "-id")


def undangan_saya(user):
    """The standing invitations of `user`, with the SKP and its Pegawai."""
    if not user.is_authenticated or user.pemda_id is None:
        return UndanganUmpanBalik.objects.none()
    # The version of that SKP in force now (a revision set since the invitation), to give feedback on.
    terkini = (
        Skp.objects.filter(
            pegawai_id=OuterRef("content_object__pegawai_id"),
            tahun=OuterRef("content_object__tahun"),
            jabatan_id=OuterRef("content_object__jabatan_id"),
            periode_mulai=OuterRef("content_object__periode_mulai"),
            status=StatusSkp.DITETAPKAN,
        )
        .order_by("-versi")
        .values("pk")[:1]
    )
    return (
        UndanganUmpanBalik.objects.filter(user_id=user.pk, dicabut_pada__isnull=True)
        .annotate(skp_terkini_id=Subquery(terkini))
        .select_related("content_object__pegawai", "diundang_oleh__pegawai")
        .order_by("-dibuat_pada", "-id")
    )


def tanggapan_untuk(skp: Skp) -> list[TanggapanProgres]:
    return list(
        TanggapanProgres.objects.filter(skp__in=versi_skp(skp).values("pk"))
        .select_related("rhk", "oleh__pegawai")
        .order_by("-tanggal", "-id")
    )


def ambil_alih_untuk(skp: Skp) -> dict:
    """The RHK taken over, keyed by RHK `garis` (the same across SKP versions): every version of the
    Pegawai's SKP of that year counts, so the evaluation of the final version finds a take-over recorded
    on an earlier one."""
    versi = Skp.objects.filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun).values("pk")
    qs = (
        AmbilAlih.objects.filter(skp__in=versi)
        .select_related("rhk", "oleh__pegawai")
        .order_by("tanggal", "id")
    )
    return {a.rhk.garis: a for a in qs}


def rhk_skp(skp: Skp) -> list[Rhk]:
    return list(Rhk.objects.filter(skp=skp).prefetch_related("iki").order_by("urutan", "id"))
