"""Reads of pembinaan: who may read a konseling record, and what the pembinaan page of an SKP lists.

Konseling is confidential (Sumedang lampiran Pembinaan angka 5 huruf b): it is read by the Pegawai herself
and by the holders of an `AksesKonseling` grant (the counsellor and the officials it is reported to,
umpanbalik.services.pembinaan). Reading the SKP is not enough: not BKPSDM as such, not the Kepala Daerah,
not the Penilai unless granted.
"""

from django.db.models import Q
from django.http import Http404

from ..models import AksesKonseling, Bimbingan, Konseling, LaporanPerilaku


def konseling_visible_to(user):
    if not user.is_authenticated or user.pemda_id is None:
        return Konseling.objects.none()
    diberi = AksesKonseling.objects.filter(
        user_id=user.pk,
        permission__codename="baca_konseling",
        permission__content_type__app_label="umpanbalik",
    ).values("content_object_id")
    syarat = Q(pk__in=diberi)
    if user.pegawai_id:
        syarat |= Q(skp__pegawai_id=user.pegawai_id)
    return Konseling.objects.filter(syarat)


def get_konseling_for_user(user, pk) -> Konseling:
    """The konseling record, or 404 when it is missing, of another Pemda, or not hers to read."""
    try:
        return konseling_visible_to(user).select_related("skp__pegawai", "konselor", "laporan").get(pk=pk)
    except (Konseling.DoesNotExist, ValueError, TypeError):
        raise Http404("Konseling tidak ditemukan.") from None


def pembinaan_skp(skp, user) -> dict:
    """What the pembinaan page of one SKP shows to `user` (she may read the SKP's pelaksanaan)."""
    bimbingan = list(
        Bimbingan.objects.filter(skp=skp)
        .select_related("pembina__pegawai")
        .prefetch_related("umpan_balik_pegawai", "evaluasi_kompetensi")
        .order_by("-tanggal", "-id")
    )
    laporan = list(LaporanPerilaku.objects.filter(skp=skp).select_related("pelapor__pegawai"))
    konseling = list(
        konseling_visible_to(user)
        .filter(skp=skp)
        .select_related("konselor__pegawai")
        .order_by("-tanggal", "-id")
    )
    return {"bimbingan": bimbingan, "laporan": laporan, "konseling": konseling}
