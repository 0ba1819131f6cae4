"""Printed evaluation documents: hasil evaluasi (C.1.x), dokumen evaluasi (D.1.1/D.1.2), the keberatan
decision (D.1.3) and the pelaporan berjenjang bundle (one PDF: dokumen evaluasi, hasil evaluasi, SKP).

GET only, PDF inline, for whoever may see the evaluation (evaluasi.permissions); anyone else gets a 404, as
does a method other than GET once the object is found to be hers (405). `?versi=N` reads an older version of
the format (a signed document never changes; a correction is a new version).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import path
from django.utils.text import slugify

from .. import documents
from ..permissions import get_evaluasi_for_user


def respons_pdf(pdf: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(nama)[:90] or "dokumen"}.pdf"'
    return response


def versi_dari(nilai) -> int | None:
    """The `versi` query parameter: None when absent; a 404 when it names no version."""
    if nilai in (None, ""):
        return None
    try:
        versi = int(nilai)
    except (TypeError, ValueError):
        raise Http404("Versi dokumen tidak dikenal.") from None
    if versi < 1:
        raise Http404("Versi dokumen tidak dikenal.")
    return versi


def nama_berkas(evaluasi, jenis: str, kode: str = "", versi: int | None = None) -> str:
    bagian = [kode, jenis, evaluasi.periode.label, evaluasi.pegawai.nama_lengkap]
    if versi:
        bagian.append(f"versi {versi}")
    return " ".join(b for b in bagian if b)


JENIS = {
    "hasil": ("hasil evaluasi kinerja", documents.pdf_hasil, documents.format_hasil),
    "dokumen": ("dokumen evaluasi kinerja", documents.pdf_dokumen, documents.format_dokumen),
    "keberatan": ("keputusan keberatan", documents.pdf_keberatan, lambda e: "D.1.3"),
}


def pdf_jenis(evaluasi, jenis: str, *, by, versi: int | None):
    """(pdf bytes, file name) of `jenis` (hasil, dokumen, keberatan, bundel)."""
    if jenis == "bundel":
        return documents.pdf_bundel(evaluasi, by=by), nama_berkas(evaluasi, "pelaporan berjenjang")
    judul, fungsi, kode = JENIS[jenis]
    return fungsi(evaluasi, by=by, versi=versi), nama_berkas(evaluasi, judul, kode(evaluasi), versi)


def _cetak(jenis: str):
    @login_required
    def view(request, pk):
        evaluasi = get_evaluasi_for_user(request.user, pk)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])
        versi = versi_dari(request.GET.get("versi")) if jenis != "bundel" else None
        try:
            pdf, nama = pdf_jenis(evaluasi, jenis, by=request.user, versi=versi)
        except ValidationError as exc:
            return render(
                request,
                "dokumen/b_1_tindakan.html",
                {"judul": "Dokumen belum tersedia", "kembali": "/", "pesan": exc.messages},
                status=404,
            )
        except PermissionDenied:
            raise Http404("Evaluasi tidak ditemukan.") from None
        return respons_pdf(pdf, nama)

    view.__name__ = f"cetak_{jenis}"
    return view


cetak_hasil = _cetak("hasil")
cetak_dokumen = _cetak("dokumen")
cetak_keberatan = _cetak("keberatan")
cetak_bundel = _cetak("bundel")

urlpatterns = [
    path("<int:pk>/cetak/hasil/", cetak_hasil, name="evaluasi_cetak_hasil"),
    path("<int:pk>/cetak/dokumen/", cetak_dokumen, name="evaluasi_cetak_dokumen"),
    path("<int:pk>/cetak/keberatan/", cetak_keberatan, name="evaluasi_cetak_keberatan"),
    path("<int:pk>/cetak/bundel/", cetak_bundel, name="evaluasi_cetak_bundel"),
]
