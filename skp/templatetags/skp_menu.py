"""SKP entries of the menu (fetched by base.html after the page, skp_menu view) and of the beranda: one query for
the menu, one more on the beranda. Template tags rather than context from kinerja's views, so the core names no stage
(STYLE.md "Shape": data flows kinerja <- skp).

The badge counts SKP waiting for the user as the Penilai recorded on the SKP (refreshed when it is submitted);
the inbox itself (skp.selectors.inbox_penilai) also finds what an Atasan Penilai or a Plt. may handle, which
is too costly for every page. A "leader" (matriks peran hasil) is anyone named Penilai on an SKP.
"""

from django import template
from django.db.models import Count, Q

from .. import waktu
from ..models import STATUS_MENUNGGU_PENILAI, Skp, StatusSkp

register = template.Library()


def _menu(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(request, "pemda_id", None):
        return {}
    if hasattr(request, "_skp_menu"):
        return request._skp_menu
    if user.is_kepala_daerah:
        qs = Skp.objects.filter(penilai_kepala_daerah=True)
    elif user.pegawai_id:
        qs = Skp.objects.filter(penilai_id=user.pegawai_id)
    else:
        qs = None
    hasil = {}
    if qs is not None:
        hitung = qs.aggregate(
            menunggu=Count("pk", filter=Q(status__in=STATUS_MENUNGGU_PENILAI)), dinilai=Count("pk")
        )
        penilai = bool(hitung["dinilai"]) or user.is_kepala_daerah
        hasil = {
            "menunggu": hitung["menunggu"],
            "penilai": penilai,
            "pimpinan": penilai and bool(user.pegawai_id),
        }
    request._skp_menu = hasil
    return hasil


@register.simple_tag(takes_context=True)
def skp_menu(context):
    return _menu(context.get("request"))


@register.simple_tag(takes_context=True)
def skp_beranda(context):
    """The Pegawai's SKP of this year (the latest live version) and what waits for her as Penilai."""
    request = context.get("request")
    hasil = dict(_menu(request))
    user = getattr(request, "user", None)
    if hasil is not None and user is not None and user.is_authenticated and user.pegawai_id:
        tahun = waktu.hari_ini(request.pemda_id).year
        hasil["tahun"] = tahun
        hasil["skp"] = (
            Skp.objects.filter(pegawai_id=user.pegawai_id, tahun=tahun)
            .exclude(status=StatusSkp.DIGANTIKAN)
            .order_by("-periode_mulai", "-versi")
            .first()
        )
    return hasil
