"""Who may see and change what in the core. One lookup per object kind: 404 for what the user may not
see (including everything of another Pemda, which the scope hides anyway), 403 for what she may see but
not change (healthchecks `_get_check_for_user` / `_get_rw_check_for_user`)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from kinerja.models import Pegawai, UnitKerja


def is_admin_bkpsdm(user) -> bool:
    return bool(user.is_authenticated and user.pemda_id and user.is_admin_bkpsdm)


def is_kepala_daerah(user) -> bool:
    return bool(user.is_authenticated and user.pemda_id and user.is_kepala_daerah)


def sees_all_pegawai(user) -> bool:
    return is_admin_bkpsdm(user) or is_kepala_daerah(user)


def pegawai_visible_to(user):
    """Pegawai this user may see: all of her Pemda for BKPSDM and the Kepala Daerah; otherwise herself,
    her Penilai and Atasan Penilai, and the Pegawai she evaluates."""
    qs = Pegawai.objects.all()
    if sees_all_pegawai(user):
        return qs
    if not user.pegawai_id:
        return qs.none()
    from kinerja.selectors.penilai import Struktur

    struktur = Struktur.for_pemda(pemda_id=user.pemda_id)
    me = user.pegawai_id
    ids = {me}
    rantai = struktur.rantai(me)
    for pejabat in (rantai.penilai, rantai.atasan_penilai):
        if pejabat and pejabat.pegawai_id:
            ids.add(pejabat.pegawai_id)
    # Those she evaluates, and as Atasan Penilai (escalations, keberatan) those her Penilai-subordinates evaluate.
    dinilai = set(struktur.dinilai_oleh(me))
    ids |= dinilai
    for pid in dinilai:
        ids.update(struktur.dinilai_oleh(pid))
    return qs.filter(Q(pk__in=ids))


def get_pegawai_for_user(user, pk) -> Pegawai:
    try:
        return pegawai_visible_to(user).get(pk=pk)
    except (Pegawai.DoesNotExist, ValueError, TypeError):
        raise Http404("Pegawai tidak ditemukan.") from None


def get_pegawai_for_admin(user, pk) -> Pegawai:
    pegawai = get_pegawai_for_user(user, pk)
    if not is_admin_bkpsdm(user):
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mengubah data Pegawai.")
    return pegawai


def get_unit_for_user(user, pk) -> UnitKerja:
    """The org tree is visible to everyone of the Pemda."""
    try:
        return UnitKerja.objects.get(pk=pk)
    except (UnitKerja.DoesNotExist, ValueError, TypeError):
        raise Http404("Unit kerja tidak ditemukan.") from None


def require_admin_bkpsdm(user):
    if not is_admin_bkpsdm(user):
        raise PermissionDenied("Halaman ini hanya untuk admin BKPSDM.")


def unit_visible_to(user):
    """Units this user may see: the whole org tree of her Pemda (the active scope limits it to her Pemda)."""
    return UnitKerja.objects.all()
