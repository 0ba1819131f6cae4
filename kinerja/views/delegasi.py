"""Plt./Plh. delegations of a unit's leadership, managed by BKPSDM."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.forms import DelegasiForm, attach_errors
from kinerja.models import DelegasiPimpinan
from kinerja.permissions import require_admin_bkpsdm
from kinerja.services import org as org_services


def _render(request, form, status=200):
    today = timezone.localdate()
    semua = DelegasiPimpinan.objects.select_related("content_object", "pegawai").order_by("-mulai", "-id")
    berjalan = Q(dicabut_pada__isnull=True) & (Q(selesai__isnull=True) | Q(selesai__gte=today))
    return render(
        request,
        "kinerja/delegasi_list.html",
        {
            "form": form,
            "berjalan": semua.filter(berjalan),
            "lampau": semua.exclude(berjalan)[:200],
            "today": today,
        },
        status=status,
    )


@login_required
def delegasi_list(request):
    require_admin_bkpsdm(request.user)
    return _render(request, DelegasiForm(initial={"mulai": timezone.localdate()}))


@login_required
@require_POST
def delegasi_create(request):
    require_admin_bkpsdm(request.user)
    form = DelegasiForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            delegasi = org_services.delegasi_create(
                unit=data["unit"],
                pegawai=data["pegawai_nip"],
                jenis=data["jenis"],
                mulai=data["mulai"],
                selesai=data["selesai"],
                nomor_sk=data["nomor_sk"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"{delegasi.get_jenis_display()} {delegasi.unit} diberikan kepada {delegasi.pegawai.nama_lengkap}.",
            )
            return redirect("delegasi_list")
    messages.error(request, "Delegasi belum disimpan. Periksa isian yang ditandai.")
    return _render(request, form, status=400)


@login_required
@require_POST
def delegasi_cabut(request, pk):
    delegasi = DelegasiPimpinan.objects.filter(pk=pk).select_related("content_object", "pegawai").first()
    if delegasi is None:
        raise Http404("Delegasi tidak ditemukan.")
    try:
        org_services.delegasi_cabut(delegasi=delegasi, by=request.user, alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Delegasi {delegasi.unit} oleh {delegasi.pegawai.nama_lengkap} dicabut.")
    return redirect("delegasi_list")
