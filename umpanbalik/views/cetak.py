"""Printed formats B.1.2 to B.1.10, and issuing and signing them.

GET routes answer the PDF (inline) to whoever may read the record, 404 to anyone else (another Pemda, an
uninvited colleague: the loaders of umpanbalik.permissions). The object is loaded before the method is
checked, so an id the user may not see is a 404 whatever the method.

POST routes issue a document (the engine makes a new version each time) or sign the current one with the
user's password. They come from the pelaksanaan pages with a `next` address to go back to (the PDF when there
is none). A refused action answers a small page with the reason: 400 for bad input or a wrong password, 403
for someone who may read the record but not act on it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from kinerja.models import PengaturanPemda
from skp.forms import PasswordForm

from .. import documents
from ..permissions import get_bimbingan_for_user, get_laporan_perilaku_for_user, get_skp_pelaksanaan_for_user


def respons_pdf(pdf: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(nama)[:90] or "dokumen"}.pdf"'
    return response


def _pengaturan(pemda_id):
    return PengaturanPemda.objects.filter(pemda_id=pemda_id).first()


def nama_rekaman(skp, periode) -> str:
    return f"{documents.format_rekaman(skp)} rekaman {periode.kode} {skp.tahun} {skp.pegawai.nama_lengkap}"


def _gagal(request, *, judul: str, kembali: str, pesan: list[str], status: int, form=None, aksi: str = ""):
    return render(
        request,
        "dokumen/b_1_tindakan.html",
        {"judul": judul, "kembali": kembali, "pesan": pesan, "form": form, "aksi": aksi},
        status=status,
    )


def _tujuan(request, bawaan: str) -> str:
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return bawaan


def _jalankan(request, *, judul: str, kembali: str, sukses: str, fungsi, dengan_sandi: bool = False):
    """Run an issue/sign service; on success a message and a redirect to `next` (or `kembali`)."""
    form = None
    try:
        if dengan_sandi:
            form = PasswordForm(request.POST)
            if not form.is_valid():
                return _gagal(
                    request,
                    judul=judul,
                    kembali=kembali,
                    pesan=["Masukkan kata sandi Anda untuk menandatangani."],
                    status=400,
                    form=form,
                    aksi=request.path,
                )
            fungsi(password=form.cleaned_data["password"])
        else:
            fungsi()
    except ValidationError as exc:
        return _gagal(
            request,
            judul=judul,
            kembali=kembali,
            pesan=list(exc.messages),
            status=400,
            form=PasswordForm() if dengan_sandi else None,
            aksi=request.path,
        )
    except PermissionDenied as exc:
        return _gagal(request, judul=judul, kembali=kembali, pesan=[str(exc)], status=403)
    messages.success(request, sukses)
    return redirect(_tujuan(request, kembali))


def _periode(request, skp):
    kode = request.POST.get("periode") if request.method == "POST" else None
    kode = kode or request.GET.get("periode")
    return documents.periode_dari_kode(skp, kode, _pengaturan(skp.pemda_id))


# B.1.2 ------------------------------------------------------------------------------------------------
@login_required
def cetak_b_1_2(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    pdf = documents.pdf_realisasi_rencana_aksi(skp, by=request.user)
    return respons_pdf(pdf, f"B.1.2 rencana aksi realisasi {skp.tahun} {skp.pegawai.nama_lengkap}")


@login_required
@require_POST
def b_1_2_terbitkan(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    return _jalankan(
        request,
        judul="Format B.1.2 belum diterbitkan",
        kembali=reverse("cetak_b_1_2", kwargs={"pk": skp.pk}),
        sukses="Format B.1.2 diterbitkan. Tanda tangani dengan kata sandi Anda.",
        fungsi=lambda: documents.realisasi_rencana_aksi_terbitkan(skp=skp, by=request.user),
    )


@login_required
@require_POST
def b_1_2_tanda_tangan(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    return _jalankan(
        request,
        judul="Format B.1.2 belum ditandatangani",
        kembali=reverse("cetak_b_1_2", kwargs={"pk": skp.pk}),
        sukses="Format B.1.2 Anda tandatangani.",
        fungsi=lambda password: documents.realisasi_rencana_aksi_tanda_tangani(
            skp=skp, by=request.user, password=password
        ),
        dengan_sandi=True,
    )


# Rekaman B.1.3 / B.1.4 / B.1.5 ----------------------------------------------------------------------------
def _rekaman_url(skp, periode) -> str:
    return reverse("cetak_rekaman", kwargs={"pk": skp.pk}) + f"?periode={periode.kode}"


@login_required
def cetak_rekaman(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    try:
        periode = _periode(request, skp)
    except ValidationError as exc:
        return _gagal(
            request,
            judul="Rekaman umpan balik tidak dapat dicetak",
            kembali=reverse("cetak_rekaman", kwargs={"pk": skp.pk}),
            pesan=list(exc.messages),
            status=400,
        )
    pdf = documents.pdf_rekaman(skp, periode, by=request.user)
    return respons_pdf(pdf, nama_rekaman(skp, periode))


def _aksi_rekaman(request, pk, *, judul: str, sukses: str, buat, dengan_sandi=False):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    try:
        periode = _periode(request, skp)
    except ValidationError as exc:
        return _gagal(
            request,
            judul=judul,
            kembali=reverse("cetak_rekaman", kwargs={"pk": skp.pk}),
            pesan=list(exc.messages),
            status=400,
        )
    return _jalankan(
        request,
        judul=judul,
        kembali=_rekaman_url(skp, periode),
        sukses=sukses.format(periode=periode.label),
        fungsi=buat(skp, periode),
        dengan_sandi=dengan_sandi,
    )


@login_required
@require_POST
def rekaman_terbitkan(request, pk):
    return _aksi_rekaman(
        request,
        pk,
        judul="Rekaman umpan balik belum diterbitkan",
        sukses="Rekaman umpan balik {periode} diterbitkan; Pegawai menandatanganinya lebih dulu.",
        buat=lambda skp, periode: (
            lambda: documents.rekaman_terbitkan(skp=skp, periode=periode, by=request.user)
        ),
    )


@login_required
@require_POST
def rekaman_tanda_tangan(request, pk):
    return _aksi_rekaman(
        request,
        pk,
        judul="Rekaman umpan balik belum ditandatangani",
        sukses="Rekaman umpan balik {periode} Anda tandatangani.",
        buat=lambda skp, periode: (
            lambda password: documents.rekaman_tanda_tangani(
                skp=skp, periode=periode, by=request.user, password=password
            )
        ),
        dengan_sandi=True,
    )


# Bimbingan B.1.6 / B.1.7 / B.1.8 / B.1.9 ------------------------------------------------------------------
def _format_bimbingan(request, bimbingan) -> str:
    kode = request.POST.get("format") if request.method == "POST" else None
    kode = (kode or request.GET.get("format") or documents.format_bimbingan(bimbingan) or "").strip().upper()
    return kode


@login_required
def cetak_bimbingan(request, pk):
    bimbingan = get_bimbingan_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    kode = _format_bimbingan(request, bimbingan)
    try:
        if not kode:
            raise ValidationError(
                f"{bimbingan.get_jenis_display()} tidak memiliki format pelaksanaan; pilih format B.1.8 atau B.1.9."
            )
        pdf = documents.pdf_bimbingan(bimbingan, kode, by=request.user)
    except ValidationError as exc:
        return _gagal(
            request,
            judul="Dokumen bimbingan tidak dapat dicetak",
            kembali=reverse("cetak_bimbingan", kwargs={"pk": bimbingan.pk}),
            pesan=list(exc.messages),
            status=400,
        )
    return respons_pdf(pdf, f"{kode} {bimbingan.get_jenis_display()} {bimbingan.tanggal:%Y-%m-%d}")


def _aksi_bimbingan(request, pk, *, judul: str, sukses: str, buat, dengan_sandi=False):
    bimbingan = get_bimbingan_for_user(request.user, pk)
    kode = _format_bimbingan(request, bimbingan)
    return _jalankan(
        request,
        judul=judul.format(kode=kode or "bimbingan"),
        kembali=reverse("cetak_bimbingan", kwargs={"pk": bimbingan.pk}) + f"?format={kode}",
        sukses=sukses.format(kode=kode),
        fungsi=buat(bimbingan, kode),
        dengan_sandi=dengan_sandi,
    )


@login_required
@require_POST
def bimbingan_dokumen_terbitkan(request, pk):
    return _aksi_bimbingan(
        request,
        pk,
        judul="Format {kode} belum diterbitkan",
        sukses="Format {kode} diterbitkan. Tanda tangani dengan kata sandi Anda.",
        buat=lambda b, kode: (
            lambda: documents.bimbingan_dokumen_terbitkan(bimbingan=b, format_kode=kode, by=request.user)
        ),
    )


@login_required
@require_POST
def bimbingan_dokumen_tanda_tangan(request, pk):
    return _aksi_bimbingan(
        request,
        pk,
        judul="Format {kode} belum ditandatangani",
        sukses="Format {kode} Anda tandatangani.",
        buat=lambda b, kode: (
            lambda password: documents.bimbingan_dokumen_tanda_tangani(
                bimbingan=b, format_kode=kode, by=request.user, password=password
            )
        ),
        dengan_sandi=True,
    )


# B.1.10 ---------------------------------------------------------------------------------------------------
@login_required
def cetak_laporan_perilaku(request, pk):
    laporan = get_laporan_perilaku_for_user(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    pdf = documents.pdf_laporan_perilaku(laporan, by=request.user)
    return respons_pdf(pdf, f"B.1.10 laporan perilaku kerja {laporan.tanggal:%Y-%m-%d}")


@login_required
@require_POST
def laporan_perilaku_dokumen_terbitkan(request, pk):
    laporan = get_laporan_perilaku_for_user(request.user, pk)
    return _jalankan(
        request,
        judul="Format B.1.10 belum diterbitkan",
        kembali=reverse("cetak_laporan_perilaku", kwargs={"pk": laporan.pk}),
        sukses="Format B.1.10 diterbitkan. Tanda tangani dengan kata sandi Anda.",
        fungsi=lambda: documents.laporan_perilaku_dokumen_terbitkan(laporan=laporan, by=request.user),
    )


@login_required
@require_POST
def laporan_perilaku_dokumen_tanda_tangan(request, pk):
    laporan = get_laporan_perilaku_for_user(request.user, pk)
    return _jalankan(
        request,
        judul="Format B.1.10 belum ditandatangani",
        kembali=reverse("cetak_laporan_perilaku", kwargs={"pk": laporan.pk}),
        sukses="Format B.1.10 Anda tandatangani.",
        fungsi=lambda password: documents.laporan_perilaku_dokumen_tanda_tangani(
            laporan=laporan, by=request.user, password=password
        ),
        dengan_sandi=True,
    )


urlpatterns = [
    path("skp/<int:pk>/cetak/b-1-2/", cetak_b_1_2, name="cetak_b_1_2"),
    path("skp/<int:pk>/cetak/b-1-2/terbitkan/", b_1_2_terbitkan, name="cetak_b_1_2_terbitkan"),
    path("skp/<int:pk>/cetak/b-1-2/tanda-tangan/", b_1_2_tanda_tangan, name="cetak_b_1_2_tanda_tangan"),
    path("skp/<int:pk>/cetak/rekaman/", cetak_rekaman, name="cetak_rekaman"),
    path("skp/<int:pk>/cetak/rekaman/terbitkan/", rekaman_terbitkan, name="rekaman_terbitkan"),
    path("skp/<int:pk>/cetak/rekaman/tanda-tangan/", rekaman_tanda_tangan, name="rekaman_tanda_tangan"),
    path("bimbingan/<int:pk>/cetak/", cetak_bimbingan, name="cetak_bimbingan"),
    path(
        "bimbingan/<int:pk>/cetak/terbitkan/", bimbingan_dokumen_terbitkan, name="cetak_bimbingan_terbitkan"
    ),
    path(
        "bimbingan/<int:pk>/cetak/tanda-tangan/",
        bimbingan_dokumen_tanda_tangan,
        name="cetak_bimbingan_tanda_tangan",
    ),
    path("laporan-perilaku/<int:pk>/cetak/", cetak_laporan_perilaku, name="cetak_laporan_perilaku"),
    path(
        "laporan-perilaku/<int:pk>/cetak/terbitkan/",
        laporan_perilaku_dokumen_terbitkan,
        name="cetak_laporan_perilaku_terbitkan",
    ),
    path(
        "laporan-perilaku/<int:pk>/cetak/tanda-tangan/",
        laporan_perilaku_dokumen_tanda_tangan,
        name="cetak_laporan_perilaku_tanda_tangan",
    ),
]
