"""The public verification page and the signers' PDF download."""

import hashlib

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from kinerja.permissions import is_admin_bkpsdm

from . import selectors, services
from .models import Dokumen

UNGGAH_MAKS_BYTE = 10 * 1024 * 1024


class UnggahPdfForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF yang ingin dicocokkan")

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UNGGAH_MAKS_BYTE:
            raise forms.ValidationError("Berkas terlalu besar (paling besar 10 MB).")
        return berkas


def _sha256_berkas(berkas) -> str:
    digest = hashlib.sha256()
    for potongan in berkas.chunks():
        digest.update(potongan)
    return digest.hexdigest()


@never_cache
def verifikasi(request, token):
    """Public, no login: shows what was signed (format, title, Pemda, version, hashes, signers and when) and
    whether this is the current version, and checks an uploaded PDF against the stored one. Nothing else of
    the Pemda is reachable from here."""
    data = selectors.verifikasi(token)
    if data is None:
        raise Http404("Dokumen tidak ditemukan.")
    form = UnggahPdfForm()
    hasil = None
    status = 200
    if request.method == "POST":
        form = UnggahPdfForm(request.POST, request.FILES)
        if form.is_valid():
            sha = _sha256_berkas(form.cleaned_data["berkas"])
            hasil = {"sha256": sha, "cocok": bool(data.pdf_sha256) and sha == data.pdf_sha256}
        else:
            status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request, "dokumen/verifikasi.html", {"dok": data, "form": form, "hasil": hasil}, status=status
    )


def get_dokumen_for_user(user, pk) -> Dokumen:
    """The document, for its signers and the Pemda's BKPSDM admins; 404 when it is not in the user's Pemda
    (the scope hides it), 403 for the Pemda's other users."""
    dokumen = Dokumen.objects.filter(pk=pk).defer("html", "pdf").first()
    if dokumen is None:
        raise Http404("Dokumen tidak ditemukan.")
    if is_admin_bkpsdm(user) or dokumen.penandatangan.filter(user_id=user.pk).exists():
        return dokumen
    raise PermissionDenied("Dokumen ini hanya dapat diunduh oleh penandatangannya dan admin BKPSDM.")


@login_required
def dokumen_pdf(request, pk):
    dokumen = get_dokumen_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    pdf = services.pdf_untuk(dokumen)
    nama = slugify(f"{dokumen.format_kode} {dokumen.judul}")[:80] or "dokumen"
    draf = "" if dokumen.final else "-draf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}-v{dokumen.versi}{draf}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
