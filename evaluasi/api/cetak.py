"""API of the printed evaluation documents: the same PDFs as the pages (evaluasi.views.cetak).

GET `/api/evaluasi/<pk>/pdf/<kode>/` (URL names `api:evaluasi-pdf-<kode>`) with kode `hasil` (C.1.x), `dokumen` (D.1.1/D.1.2), `keberatan` (D.1.3) or
`bundel` (pelaporan berjenjang: one PDF), `?versi=N` for an older version; GET `/api/evaluasi/<pk>/dokumen/`
lists every issued version with its link. `application/pdf` to whoever may see the evaluation, 404 to anyone
else whatever the method (the object is looked up first); 404 with a reason for an unknown kode or version or
when there is no keberatan.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS
from skp.api import NOT_FOUND_RESPONSE

from .. import documents
from ..permissions import get_evaluasi_for_user
from ..views.cetak import pdf_jenis, respons_pdf

KODE = ("hasil", "dokumen", "keberatan", "bundel")
PDF_RESPONSE = OpenApiResponse(response=OpenApiTypes.BINARY, description="PDF (application/pdf), inline.")
VERSI = OpenApiParameter("versi", int, description="Versi lama format ini; kosong: versi yang berlaku.")


class _EvaluasiView(APIView):
    permission_classes = TENANT_PERMISSIONS

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.NotFound(" ".join(exc.messages))
        elif isinstance(exc, PermissionDenied):
            exc = exceptions.NotFound("Evaluasi tidak ditemukan.")
        return super().handle_exception(exc)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # The object first: an id she may not see is a 404 whatever the method.
        if "pk" in kwargs and request.user.is_authenticated and getattr(request.user, "pemda_id", None):
            get_evaluasi_for_user(request.user, kwargs["pk"])
        return super().http_method_not_allowed(request, *args, **kwargs)


class EvaluasiPdfView(_EvaluasiView):
    kode = "hasil"

    @extend_schema(
        parameters=[VERSI], responses={200: PDF_RESPONSE, 404: NOT_FOUND_RESPONSE}, tags=["evaluasi-cetak"]
    )
    def get(self, request, pk):
        evaluasi = get_evaluasi_for_user(request.user, pk)
        kode = self.kode
        versi = request.query_params.get("versi")
        if versi not in (None, "") and kode != "bundel":
            try:
                versi = int(versi)
            except ValueError:
                raise exceptions.NotFound("Versi dokumen tidak dikenal.") from None
        else:
            versi = None
        try:
            pdf, nama = pdf_jenis(evaluasi, kode, by=request.user, versi=versi)
        except Http404 as exc:
            raise exceptions.NotFound(str(exc)) from None
        return respons_pdf(pdf, nama)


class VersiSerializer(serializers.Serializer):
    format_kode = serializers.CharField()
    versi = serializers.IntegerField()
    status = serializers.CharField()
    judul = serializers.CharField()
    berlaku = serializers.BooleanField()
    pdf = serializers.URLField()


class EvaluasiDokumenView(_EvaluasiView):
    @extend_schema(
        responses={200: VersiSerializer(many=True), 404: NOT_FOUND_RESPONSE}, tags=["evaluasi-cetak"]
    )
    def get(self, request, pk):
        evaluasi = get_evaluasi_for_user(request.user, pk)
        jenis = {kode: "hasil" for kode in documents.FORMAT_HASIL}
        jenis.update({"D.1.1": "dokumen", "D.1.2": "dokumen", "D.1.3": "keberatan"})
        data = []
        for d in documents.versi_dokumen(evaluasi):
            kode = jenis.get(d.format_kode, "hasil")
            url = reverse(f"api:evaluasi-pdf-{kode}", kwargs={"pk": evaluasi.pk})
            data.append(
                {
                    "format_kode": d.format_kode,
                    "versi": d.versi,
                    "status": d.status,
                    "judul": d.judul,
                    "berlaku": d.status != "digantikan",
                    "pdf": request.build_absolute_uri(f"{url}?versi={d.versi}"),
                }
            )
        return Response(VersiSerializer(data, many=True).data)


ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = [
    *[
        path(
            f"evaluasi/<int:pk>/pdf/{kode}/", EvaluasiPdfView.as_view(kode=kode), name=f"evaluasi-pdf-{kode}"
        )
        for kode in KODE
    ],
    path("evaluasi/<int:pk>/dokumen/", EvaluasiDokumenView.as_view(), name="evaluasi-dokumen"),
]
