"""Pages of cetak massal: the form and job list, the job page with its progress (an htmx fragment polled every
2 s while the job runs), "Lanjutkan", and the ZIP download. Everything is looked up for the logged-in user:
another Pemda's job or file is a 404 (cetak.selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path

from . import selectors, services
from .forms import CetakForm
from .models import LingkupCetak


def _konteks_progres(pekerjaan):
    return {"pekerjaan": pekerjaan, "kelompok": selectors.kelompok_pekerjaan(pekerjaan)}


@login_required
def cetak_daftar(request):
    if not services.boleh_membuat(request.user):
        raise PermissionDenied("Cetak massal untuk Admin BKPSDM dan Pejabat Penilai Kinerja.")
    form = CetakForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                pekerjaan = services.buat_pekerjaan(
                    pemda_id=request.user.pemda_id,
                    by=request.user,
                    periode=d["periode"],
                    unit=d.get("unit"),
                    milik_penilai=d["lingkup"] == LingkupCetak.PENILAI,
                    jenis=d["jenis"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, "Pekerjaan cetak dibuat; dokumen sedang diproses.")
                return redirect("cetak_detail", pk=pekerjaan.pk)
        status = 400
    ctx = {"form": form, "daftar": selectors.daftar_pekerjaan(request.user)}
    return render(request, "cetak/daftar.html", ctx, status=status)


@login_required
def cetak_detail(request, pk):
    pekerjaan = selectors.get_pekerjaan_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return render(request, "cetak/detail.html", _konteks_progres(pekerjaan))


@login_required
def cetak_progres(request, pk):
    pekerjaan = selectors.get_pekerjaan_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return render(request, "cetak/_progres.html", _konteks_progres(pekerjaan))


@login_required
def cetak_lanjutkan(request, pk):
    pekerjaan = selectors.get_pekerjaan_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.lanjutkan(pekerjaan, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Pekerjaan dilanjutkan: yang belum selesai diproses kembali.")
    return redirect("cetak_detail", pk=pekerjaan.pk)


def respons_zip(kelompok):
    if not kelompok.siap or not kelompok.berkas:
        raise Http404("Berkas belum siap.")
    try:
        berkas = open(services.path_berkas(kelompok), "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None
    return FileResponse(
        berkas, as_attachment=True, filename=services.nama_zip(kelompok), content_type="application/zip"
    )


@login_required
def cetak_unduh(request, pk):
    kelompok = selectors.get_kelompok_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return respons_zip(kelompok)


urlpatterns = [
    path("", cetak_daftar, name="cetak_daftar"),
    path("<int:pk>/", cetak_detail, name="cetak_detail"),
    path("<int:pk>/progres/", cetak_progres, name="cetak_progres"),
    path("<int:pk>/lanjutkan/", cetak_lanjutkan, name="cetak_lanjutkan"),
    path("berkas/<int:pk>/", cetak_unduh, name="cetak_unduh"),
]
