"""API of the printed formats B.1.2 to B.1.10: the same PDFs as the pages, and issuing and signing them.

GET answers `application/pdf` to whoever may read the record (umpanbalik.permissions), 404 to anyone else;
POST `terbitkan` issues a new version, POST `tanda-tangan` signs the current one with the user's password,
both answering the document's state. The object is looked up before anything else, so an id the user may not
see is a 404 whatever the method (tests/test_cross_tenant_routes.py). Errors: 400 with the reason (bad
period, bad format, wrong password), 403 with the reason (may read, may not act).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dokumen.models import Dokumen
from dokumen.selectors import dokumen_berlaku
from kinerja.api import TENANT_PERMISSIONS
from kinerja.models import PengaturanPemda
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, PasswordSerializer, _pesan

from .. import documents
from ..permissions import get_bimbingan_for_user, get_laporan_perilaku_for_user, get_skp_pelaksanaan_for_user
from ..views.cetak import nama_rekaman, respons_pdf

PDF_RESPONSE = OpenApiResponse(response=OpenApiTypes.BINARY, description="PDF (application/pdf), inline.")
PERIODE = OpenApiParameter(
    "periode",
    str,
    description="Periode pendokumentasian, mis. 'bulanan-3' atau 'triwulanan-1'; kosong: periode terkecil "
    "Pemda yang memuat hari ini.",
)
# Not "format": DRF reads ?format= as the renderer to answer with (URL_FORMAT_OVERRIDE).
FORMAT = OpenApiParameter(
    "format_kode",
    str,
    description="B.1.6 (coaching), B.1.7 (mentoring), B.1.8 atau B.1.9; kosong: B.1.6/B.1.7 sesuai jenis.",
)


class PenandatanganCetakSerializer(serializers.Serializer):
    urutan = serializers.IntegerField()
    judul_peran = serializers.CharField()
    nama = serializers.CharField()
    ditandatangani = serializers.BooleanField()


class DokumenCetakSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    format_kode = serializers.CharField()
    judul = serializers.CharField()
    versi = serializers.IntegerField()
    status = serializers.CharField()
    penandatangan = PenandatanganCetakSerializer(many=True)
    pdf = serializers.URLField()


def _dokumen_data(request, dokumen: Dokumen, pdf_url: str) -> dict:
    sudah = set(dokumen.tanda_tangan.values_list("penandatangan_id", flat=True))
    return {
        "id": dokumen.pk,
        "format_kode": dokumen.format_kode,
        "judul": dokumen.judul,
        "versi": dokumen.versi,
        "status": dokumen.status,
        "penandatangan": [
            {
                "urutan": p.urutan,
                "judul_peran": p.judul_peran,
                "nama": p.nama,
                "ditandatangani": p.pk in sudah,
            }
            for p in dokumen.penandatangan.order_by("urutan")
        ],
        "pdf": request.build_absolute_uri(pdf_url),
    }


class _CetakView(APIView):
    """GET the PDF, POST an action (`aksi` in the URL: terbitkan | tanda-tangan)."""

    permission_classes = TENANT_PERMISSIONS
    aksi: str | None = None

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(_pesan(exc))
        elif isinstance(exc, PermissionDenied):
            exc = exceptions.PermissionDenied(str(exc) or None)
        return super().handle_exception(exc)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # The object first: an id she may not see is a 404 whatever the method.
        if "pk" in kwargs and request.user.is_authenticated and getattr(request.user, "pemda_id", None):
            self.objek(request, kwargs["pk"])
        return super().http_method_not_allowed(request, *args, **kwargs)

    def objek(self, request, pk):
        raise NotImplementedError

    def _password(self, request) -> str:
        data = PasswordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data["password"]

    def _hasil(self, request, dokumen: Dokumen, pdf_url: str):
        dokumen = Dokumen.objects.defer("html", "pdf").get(pk=dokumen.pk)
        return Response(DokumenCetakSerializer(_dokumen_data(request, dokumen, pdf_url)).data)


def _periode(request, skp):
    kode = request.data.get("periode") if request.method == "POST" else None
    kode = kode or request.query_params.get("periode")
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    try:
        return documents.periode_dari_kode(skp, kode, pengaturan)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError({"periode": exc.messages}) from None


# B.1.2 ----------------------------------------------------------------------------------------------------
class B12View(_CetakView):
    def objek(self, request, pk):
        return get_skp_pelaksanaan_for_user(request.user, pk)

    @extend_schema(responses={200: PDF_RESPONSE, 404: NOT_FOUND_RESPONSE}, tags=["cetak"])
    def get(self, request, pk):
        skp = self.objek(request, pk)
        pdf = documents.pdf_realisasi_rencana_aksi(skp, by=request.user)
        return respons_pdf(pdf, f"B.1.2 rencana aksi realisasi {skp.tahun} {skp.pegawai.nama_lengkap}")


class B12AksiView(B12View):
    http_method_names = ["post", "options"]

    @extend_schema(
        request=PasswordSerializer, responses={200: DokumenCetakSerializer, **WRITE_ERRORS}, tags=["cetak"]
    )
    def post(self, request, pk):
        skp = self.objek(request, pk)
        if self.aksi == "terbitkan":
            dokumen = documents.realisasi_rencana_aksi_terbitkan(skp=skp, by=request.user)
        else:
            documents.realisasi_rencana_aksi_tanda_tangani(
                skp=skp, by=request.user, password=self._password(request)
            )
            dokumen = dokumen_berlaku(skp, "B.1.2")
        return self._hasil(request, dokumen, reverse("api:skp-b-1-2-pdf", kwargs={"pk": skp.pk}))


# Rekaman ----------------------------------------------------------------------------------------------------
class RekamanView(_CetakView):
    def objek(self, request, pk):
        return get_skp_pelaksanaan_for_user(request.user, pk)

    @extend_schema(
        parameters=[PERIODE],
        responses={200: PDF_RESPONSE, 400: WRITE_ERRORS[400], 404: NOT_FOUND_RESPONSE},
        tags=["cetak"],
    )
    def get(self, request, pk):
        skp = self.objek(request, pk)
        periode = _periode(request, skp)
        return respons_pdf(documents.pdf_rekaman(skp, periode, by=request.user), nama_rekaman(skp, periode))


class RekamanAksiView(RekamanView):
    http_method_names = ["post", "options"]

    @extend_schema(
        parameters=[PERIODE],
        request=PasswordSerializer,
        responses={200: DokumenCetakSerializer, **WRITE_ERRORS},
        tags=["cetak"],
        description="terbitkan: pimpinan menerbitkan rekaman periode (tanpa kata sandi); tanda-tangan: Pegawai "
        "lalu pimpinan menandatangani dengan kata sandi.",
    )
    def post(self, request, pk):
        skp = self.objek(request, pk)
        periode = _periode(request, skp)
        if self.aksi == "terbitkan":
            dokumen = documents.rekaman_terbitkan(skp=skp, periode=periode, by=request.user)
        else:
            documents.rekaman_tanda_tangani(
                skp=skp, periode=periode, by=request.user, password=self._password(request)
            )
            dokumen = documents.dokumen_rekaman(skp, periode)
        url = reverse("api:skp-rekaman-pdf", kwargs={"pk": skp.pk}) + f"?periode={periode.kode}"
        return self._hasil(request, dokumen, url)


# Bimbingan ------------------------------------------------------------------------------------------------
def _format(request, bimbingan) -> str:
    kode = request.data.get("format_kode") if request.method == "POST" else None
    kode = kode or request.query_params.get("format_kode") or documents.format_bimbingan(bimbingan) or ""
    kode = str(kode).strip()
    if not kode:
        raise exceptions.ValidationError(
            {"format_kode": ["Pilih format B.1.8 atau B.1.9 untuk bimbingan ini."]}
        )
    return kode.upper()


class BimbinganView(_CetakView):
    def objek(self, request, pk):
        return get_bimbingan_for_user(request.user, pk)

    @extend_schema(
        parameters=[FORMAT],
        responses={200: PDF_RESPONSE, 400: WRITE_ERRORS[400], 404: NOT_FOUND_RESPONSE},
        tags=["cetak"],
    )
    def get(self, request, pk):
        bimbingan = self.objek(request, pk)
        kode = _format(request, bimbingan)
        pdf = documents.pdf_bimbingan(bimbingan, kode, by=request.user)
        return respons_pdf(pdf, f"{kode} {bimbingan.get_jenis_display()} {bimbingan.tanggal:%Y-%m-%d}")


class BimbinganAksiView(BimbinganView):
    http_method_names = ["post", "options"]

    @extend_schema(
        parameters=[FORMAT],
        request=PasswordSerializer,
        responses={200: DokumenCetakSerializer, **WRITE_ERRORS},
        tags=["cetak"],
    )
    def post(self, request, pk):
        bimbingan = self.objek(request, pk)
        kode = _format(request, bimbingan)
        if self.aksi == "terbitkan":
            dokumen = documents.bimbingan_dokumen_terbitkan(
                bimbingan=bimbingan, format_kode=kode, by=request.user
            )
        else:
            documents.bimbingan_dokumen_tanda_tangani(
                bimbingan=bimbingan, format_kode=kode, by=request.user, password=self._password(request)
            )
            dokumen = dokumen_berlaku(documents.anchor_bimbingan(bimbingan, kode), kode)
        url = reverse("api:bimbingan-cetak-pdf", kwargs={"pk": bimbingan.pk}) + f"?format_kode={kode}"
        return self._hasil(request, dokumen, url)


# B.1.10 ---------------------------------------------------------------------------------------------------
class LaporanPerilakuView(_CetakView):
    def objek(self, request, pk):
        return get_laporan_perilaku_for_user(request.user, pk)

    @extend_schema(responses={200: PDF_RESPONSE, 404: NOT_FOUND_RESPONSE}, tags=["cetak"])
    def get(self, request, pk):
        laporan = self.objek(request, pk)
        pdf = documents.pdf_laporan_perilaku(laporan, by=request.user)
        return respons_pdf(pdf, f"B.1.10 laporan perilaku kerja {laporan.tanggal:%Y-%m-%d}")


class LaporanPerilakuAksiView(LaporanPerilakuView):
    http_method_names = ["post", "options"]

    @extend_schema(
        request=PasswordSerializer, responses={200: DokumenCetakSerializer, **WRITE_ERRORS}, tags=["cetak"]
    )
    def post(self, request, pk):
        laporan = self.objek(request, pk)
        if self.aksi == "terbitkan":
            dokumen = documents.laporan_perilaku_dokumen_terbitkan(laporan=laporan, by=request.user)
        else:
            documents.laporan_perilaku_dokumen_tanda_tangani(
                laporan=laporan, by=request.user, password=self._password(request)
            )
            dokumen = dokumen_berlaku(laporan, "B.1.10")
        return self._hasil(
            request, dokumen, reverse("api:laporan-perilaku-cetak-pdf", kwargs={"pk": laporan.pk})
        )


def _rute(awal: str, nama: str, baca, aksi) -> list:
    return [
        path(f"{awal}/", baca.as_view(), name=f"{nama}-pdf"),
        path(f"{awal}/terbitkan/", aksi.as_view(aksi="terbitkan"), name=f"{nama}-terbitkan"),
        path(f"{awal}/tanda-tangan/", aksi.as_view(aksi="tanda-tangan"), name=f"{nama}-tanda-tangan"),
    ]


ROUTES = []
EXTRA_URLS = [
    *_rute("pelaksanaan/skp/<int:pk>/cetak/b-1-2", "skp-b-1-2", B12View, B12AksiView),
    *_rute("pelaksanaan/skp/<int:pk>/cetak/rekaman", "skp-rekaman", RekamanView, RekamanAksiView),
    *_rute("pelaksanaan/bimbingan/<int:pk>/cetak", "bimbingan-cetak", BimbinganView, BimbinganAksiView),
    *_rute(
        "pelaksanaan/laporan-perilaku/<int:pk>/cetak",
        "laporan-perilaku-cetak",
        LaporanPerilakuView,
        LaporanPerilakuAksiView,
    ),
]
