"""BKPSDM's employee import (upload, summary or row-by-row error table) and export (CSV/XLSX)."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kinerja.models import Pemda
from kinerja.permissions import require_admin_bkpsdm
from kinerja.services import impor as impor_services

logger = logging.getLogger(__name__)

# A file full of mistakes would make a page nobody reads; the first ones show what to fix.
MAX_KESALAHAN_TAMPIL = 500

PETUNJUK_KOLOM = [
    ("nip", "wajib", "NIP 18 digit, diisi sebagai teks (bukan angka) agar tidak berubah di Excel."),
    ("nama", "wajib", "Nama tanpa gelar."),
    ("gelar_depan", "", "Mis. Dr., dr., Ir."),
    ("gelar_belakang", "", "Mis. S.Kom., M.Si."),
    ("jenis_asn", "wajib", "PNS atau PPPK."),
    ("golongan", "", "Kode golongan: III/a untuk PNS, IX untuk PPPK."),
    ("email", "", "Alamat email Pegawai."),
    ("telepon", "", "Nomor telepon, diisi sebagai teks."),
    ("unit_kode", "wajib*", "Kode unit kerja di Pemda ini, mis. D01.B1."),
    ("jabatan", "wajib*", "Nama jabatan di unit itu, persis seperti di aplikasi."),
    (
        "jenis_jabatan",
        "",
        "Hanya bila jabatan belum ada di unit itu: jabatan baru dibuat dengan jenis ini "
        "(jpt_madya, jpt_pratama, administrator, pengawas, fungsional, pelaksana). Jabatan pimpinan unit "
        "tidak pernah dibuat lewat impor.",
    ),
    ("tmt_jabatan", "wajib*", "Tanggal mulai menduduki jabatan, YYYY-MM-DD (mis. 2024-01-31)."),
]


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Pegawai (.xlsx atau .csv)",
        help_text="Paling besar 5 MB dan 50.000 baris.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


@login_required
def pegawai_impor(request):
    require_admin_bkpsdm(request.user)
    form = ImporForm()
    hasil = None
    status = 200
    if request.method == "POST":
        form = ImporForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            hasil = _jalankan(request, berkas)
            if hasil.ok:
                messages.success(
                    request,
                    f"Impor {berkas.name} selesai: {hasil.created} Pegawai baru, {hasil.updated} diperbarui, "
                    f"{hasil.moved} pindah jabatan, {hasil.unchanged} tetap"
                    + (f", {hasil.jabatan_baru} jabatan baru dibuat" if hasil.jabatan_baru else "")
                    + ".",
                )
                return redirect("pegawai_impor")
    kesalahan = hasil.errors if hasil else []
    return render(
        request,
        "kinerja/pegawai_impor.html",
        {
            "form": form,
            "kolom": PETUNJUK_KOLOM,
            "kesalahan": kesalahan[:MAX_KESALAHAN_TAMPIL],
            "kesalahan_jumlah": len(kesalahan),
            "kesalahan_lain": max(0, len(kesalahan) - MAX_KESALAHAN_TAMPIL),
        },
        status=status,
    )


def _jalankan(request, berkas) -> impor_services.ImporResult:
    try:
        return impor_services.pegawai_impor(
            pemda_id=request.pemda_id, file=berkas, filename=berkas.name, by=request.user
        )
    except PermissionDenied:
        raise
    except Exception:
        # The service has rolled back; the admin gets a message, the operators get the traceback.
        logger.exception("Impor Pegawai gagal (pemda %s, berkas %s)", request.pemda_id, berkas.name)
        return impor_services.ImporResult(
            errors=[
                impor_services.Kesalahan(
                    None,
                    "",
                    "Berkas tidak dapat diproses karena kesalahan sistem; tidak ada data yang diubah. "
                    "Coba lagi, atau hubungi pengelola aplikasi.",
                )
            ]
        )


@login_required
def pegawai_ekspor(request, fmt):
    require_admin_bkpsdm(request.user)
    if fmt not in impor_services.FORMAT:
        raise Http404("Format ekspor tidak dikenal.")
    templat = request.GET.get("template") == "1"
    data = impor_services.pegawai_ekspor(pemda_id=request.pemda_id, fmt=fmt, kosong=templat)
    slug = Pemda.objects.values_list("slug", flat=True).get(pk=request.pemda_id)
    nama = (
        f"templat-impor-pegawai-{slug}.{fmt}"
        if templat
        else f"pegawai-{slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    )
    response = HttpResponse(data, content_type=impor_services.CONTENT_TYPE[fmt])
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response
