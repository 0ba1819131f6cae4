"""The compliance entry of the side menu for a Kepala Perangkat Daerah whose Pemda lets her watch her own PD
(Bogor Pasal 35(1)), fetched by base.html after the page like the Penilai's entries: no query on every page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path

from kinerja.permissions import is_admin_bkpsdm
from skp import waktu

from ..selectors.kepatuhan import lingkup


@login_required
def tenggat_menu(request):
    boleh = False
    if request.user.pegawai_id and not is_admin_bkpsdm(request.user):
        try:
            boleh = bool(lingkup(request.user, waktu.hari_ini(request.user.pemda_id)))
        except PermissionDenied:
            boleh = False
    return render(request, "tenggat/_menu.html", {"boleh": boleh, "aktif": request.GET.get("aktif", "")})


urlpatterns = [path("menu/", tenggat_menu, name="tenggat_menu")]
