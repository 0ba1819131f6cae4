"""Pengaturan Pemda: BKPSDM edits its own regulation settings and days off; everyone sees the logo."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.forms import HariLiburForm, PengaturanForm, attach_errors
from kinerja.models import HariLiburPemda, PengaturanPemda
from kinerja.permissions import require_admin_bkpsdm
from kinerja.services import pengaturan as services


def _pengaturan_or_404():
    pengaturan = PengaturanPemda.objects.first()
    if pengaturan is None:
        raise Http404("Pengaturan Pemda belum dibuat.")
    return pengaturan


def _render(request, form, libur_form, status=200):
    return render(
        request,
        "kinerja/pengaturan.html",
        {"form": form, "libur_form": libur_form, "libur": HariLiburPemda.objects.order_by("tanggal")},
        status=status,
    )


@login_required
def pengaturan(request):
    require_admin_bkpsdm(request.user)
    current = _pengaturan_or_404()
    if request.method != "POST":
        return _render(request, PengaturanForm(instance=current), HariLiburForm())
    form = PengaturanForm(request.POST, request.FILES, instance=PengaturanPemda.objects.get(pk=current.pk))
    if form.is_valid():
        try:
            services.pengaturan_update(
                pengaturan=current, data=form.cleaned_data, files=request.FILES, by=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Pengaturan Pemda disimpan.")
            return redirect("pengaturan")
    messages.error(request, "Pengaturan belum disimpan. Periksa isian yang ditandai.")
    return _render(request, form, HariLiburForm(), status=400)


@login_required
@require_POST
def hari_libur_tambah(request):
    require_admin_bkpsdm(request.user)
    form = HariLiburForm(request.POST)
    if form.is_valid():
        try:
            libur = services.hari_libur_tambah(
                pemda_id=request.pemda_id,
                tanggal=form.cleaned_data["tanggal"],
                nama=form.cleaned_data["nama"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Hari libur {libur.tanggal:%d-%m-%Y} ({libur.nama}) ditambahkan.")
            return redirect("pengaturan")
    messages.error(request, "Hari libur belum ditambahkan. Periksa isian yang ditandai.")
    return _render(request, PengaturanForm(instance=_pengaturan_or_404()), form, status=400)


@login_required
@require_POST
def hari_libur_hapus(request, pk):
    libur = HariLiburPemda.objects.filter(pk=pk).first()
    if libur is None:
        raise Http404("Hari libur tidak ditemukan.")
    services.hari_libur_hapus(libur=libur, by=request.user)
    messages.success(request, f"Hari libur {libur.tanggal:%d-%m-%Y} dihapus.")
    return redirect("pengaturan")


@login_required
def logo(request):
    pengaturan = PengaturanPemda.objects.only("logo").first()
    if not pengaturan or not pengaturan.logo:
        raise Http404("Pemda ini belum punya logo.")
    try:
        berkas = pengaturan.logo.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas logo tidak ditemukan.") from None
    response = FileResponse(berkas, filename=pengaturan.logo.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, max-age=86400"
    return response
