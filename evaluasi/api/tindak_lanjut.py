"""API of the tindak lanjut area of evaluasi (issue 5): pelaporan berjenjang, pemeringkatan, penghargaan, sanksi
and the TPP export.

Visibility as on the pages: another Pemda's object is 404; a reward is seen by BKPSDM, the Kepala Daerah and its
Pegawai; a sanction by BKPSDM and the Kepala Daerah. The services decide who may act: 403 with the reason, bad
input 400 with the reason.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS, TenantReadViewSet
from kinerja.permissions import is_admin_bkpsdm, sees_all_pegawai
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan

from .. import ekspor
from ..models import (
    HasilSanksi,
    JenisPenghargaan,
    LaporanBerjenjang,
    Penghargaan,
    PeriodeEvaluasi,
    Sanksi,
)
from ..permissions import evaluasi_visible_to
from ..selectors import sanksi as sanksi_sel
from ..selectors.peringkat import peringkat_untuk
from ..services import tindak_lanjut as services
from ..services._umum import pengaturan_untuk


@extend_schema_field(OpenApiTypes.INT)
class EvaluasiTerlihatField(serializers.PrimaryKeyRelatedField):
    """An evaluation the user may see (one not hers to see is 'not found', as another Pemda's)."""

    def get_queryset(self):
        return evaluasi_visible_to(self.context["request"].user)


class _Dasar(SkpApiMixin, TenantReadViewSet):
    def _masukan(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data


def _int_param(request, name):
    nilai = request.query_params.get(name)
    if nilai in (None, ""):
        return None
    try:
        n = int(nilai)
    except ValueError:
        raise exceptions.ValidationError({name: f"'{name}' harus berupa angka."}) from None
    if not 0 < n < 2**31:
        raise exceptions.ValidationError({name: f"'{name}' di luar rentang."})
    return n


# ---- laporan berjenjang --------------------------------------------------------------------------------------
class LaporanBerjenjangSerializer(serializers.ModelSerializer):
    periode = serializers.CharField(source="evaluasi.periode.label", read_only=True)
    pegawai = serializers.IntegerField(source="evaluasi.pegawai_id", read_only=True)

    class Meta:
        model = LaporanBerjenjang
        fields = [
            "id",
            "evaluasi",
            "pegawai",
            "periode",
            "dilaporkan_oleh",
            "dilaporkan_pada",
            "kepada",
            "catatan",
        ]


class LaporanBerjenjangBuatSerializer(serializers.Serializer):
    evaluasi = EvaluasiTerlihatField(help_text="Id evaluasi yang sudah ditandatangani pejabat penilai.")
    kepada = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    catatan = serializers.CharField(allow_blank=True, required=False, default="")


@extend_schema_view(
    list=extend_schema(
        summary="Laporan kinerja berjenjang yang boleh Anda lihat",
        parameters=[OpenApiParameter("periode", OpenApiTypes.INT, description="Id periode evaluasi.")],
    ),
    retrieve=extend_schema(
        summary="Laporan berjenjang", responses={200: LaporanBerjenjangSerializer, 404: NOT_FOUND_RESPONSE}
    ),
)
@extend_schema(tags=["evaluasi-tindak-lanjut"])
class LaporanViewSet(_Dasar):
    model = LaporanBerjenjang
    serializer_class = LaporanBerjenjangSerializer

    def visible_to(self, user):
        if sees_all_pegawai(user):
            return LaporanBerjenjang.objects.all()
        return LaporanBerjenjang.objects.filter(evaluasi__in=evaluasi_visible_to(user))

    def prepare(self, queryset):
        return queryset.select_related("evaluasi", "evaluasi__periode").order_by("-dilaporkan_pada", "-pk")

    def filter_list(self, queryset):
        periode = _int_param(self.request, "periode")
        return queryset.filter(evaluasi__periode_id=periode) if periode else queryset

    @extend_schema(
        summary="Laporkan evaluasi secara berjenjang",
        description="Oleh pejabat yang menandatangani dokumen evaluasi (Penilai; atasan Penilai untuk D.1.2) atau "
        "BKPSDM, setelah ditandatangani; sekali per evaluasi. Berkas PDF: /evaluasi/.../bundel (cetak).",
        request=LaporanBerjenjangBuatSerializer,
        responses={201: LaporanBerjenjangSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(LaporanBerjenjangBuatSerializer)
        lap = services.lapor_berjenjang(by=request.user, **data)
        lap = self.prepare(LaporanBerjenjang.objects.filter(pk=lap.pk)).get()
        return Response(LaporanBerjenjangSerializer(lap).data, status=status.HTTP_201_CREATED)


# ---- penghargaan ---------------------------------------------------------------------------------------------
class PenghargaanSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(JenisPenghargaan)
    predikat = serializers.CharField(source="evaluasi.predikat", read_only=True)
    periode = serializers.CharField(source="evaluasi.periode.label", read_only=True)

    class Meta:
        model = Penghargaan
        fields = [
            "id",
            "evaluasi",
            "pegawai",
            "periode",
            "predikat",
            "jenis",
            "keterangan",
            "dicatat_oleh",
            "dicatat_pada",
        ]


class PenghargaanBuatSerializer(serializers.Serializer):
    evaluasi = EvaluasiTerlihatField()
    jenis = teks_pilihan(JenisPenghargaan, tulis=True)
    keterangan = serializers.CharField(allow_blank=True, required=False, default="")


@extend_schema_view(
    list=extend_schema(summary="Penghargaan atas hasil evaluasi"),
    retrieve=extend_schema(
        summary="Penghargaan", responses={200: PenghargaanSerializer, 404: NOT_FOUND_RESPONSE}
    ),
)
@extend_schema(tags=["evaluasi-tindak-lanjut"])
class PenghargaanViewSet(_Dasar):
    model = Penghargaan
    serializer_class = PenghargaanSerializer

    def visible_to(self, user):
        if sees_all_pegawai(user):
            return Penghargaan.objects.all()
        return (
            Penghargaan.objects.filter(pegawai_id=user.pegawai_id)
            if user.pegawai_id
            else Penghargaan.objects.none()
        )

    def prepare(self, queryset):
        return queryset.select_related("evaluasi", "evaluasi__periode").order_by("-dicatat_pada", "-pk")

    @extend_schema(
        summary="Catat penghargaan",
        description="Oleh BKPSDM, atas hasil yang sudah ditandatangani: Sangat Baik; Baik hanya dengan keterangan.",
        request=PenghargaanBuatSerializer,
        responses={201: PenghargaanSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(PenghargaanBuatSerializer)
        p = services.catat_penghargaan(by=request.user, **data)
        p = self.prepare(Penghargaan.objects.filter(pk=p.pk)).get()
        return Response(PenghargaanSerializer(p).data, status=status.HTTP_201_CREATED)


# ---- sanksi --------------------------------------------------------------------------------------------------
class SanksiSerializer(serializers.ModelSerializer):
    tahap = teks_pilihan(["perbaikan", "uji_kompetensi", "selesai"])
    hasil = teks_pilihan(HasilSanksi)

    class Meta:
        model = Sanksi
        fields = [
            "id",
            "evaluasi",
            "pegawai",
            "aturan",
            "dasar",
            "tahap",
            "mulai",
            "batas_perbaikan",
            "uji_kompetensi_pada",
            "hasil",
            "catatan",
            "dicatat_oleh",
            "diubah_pada",
        ]


class SanksiBuatSerializer(serializers.Serializer):
    evaluasi = EvaluasiTerlihatField(help_text="Id evaluasi tahunan.")
    aturan = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Kode aturan dalam Pengaturan Pemda (sanksi_kinerja).",
    )
    catatan = serializers.CharField(allow_blank=True, required=False, default="")


class SanksiUjiKompetensiSerializer(serializers.Serializer):
    tanggal = serializers.DateField()
    catatan = serializers.CharField(allow_blank=True, required=False, default="")


class SanksiSelesaiSerializer(serializers.Serializer):
    hasil = teks_pilihan(HasilSanksi, tulis=True)
    catatan = serializers.CharField(allow_blank=True, required=False, default="")


class CalonSanksiSerializer(serializers.Serializer):
    evaluasi = serializers.IntegerField(source="evaluasi.pk")
    pegawai = serializers.IntegerField(source="evaluasi.pegawai_id")
    nama = serializers.CharField(source="evaluasi.pegawai.nama_lengkap")
    predikat = serializers.CharField(source="evaluasi.predikat")
    rating_hasil = serializers.CharField(source="evaluasi.rating_hasil")
    aturan = serializers.SerializerMethodField()
    sudah = serializers.ListField(child=serializers.CharField())
    keberatan_diproses = serializers.BooleanField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aturan(self, obj):
        return [a["kode"] for a in obj.aturan]


@extend_schema_view(
    list=extend_schema(summary="Sanksi atas hasil evaluasi (BKPSDM, Kepala Daerah)"),
    retrieve=extend_schema(summary="Sanksi", responses={200: SanksiSerializer, 404: NOT_FOUND_RESPONSE}),
)
@extend_schema(tags=["evaluasi-tindak-lanjut"])
class SanksiViewSet(_Dasar):
    model = Sanksi
    serializer_class = SanksiSerializer

    def visible_to(self, user):
        return Sanksi.objects.all() if sees_all_pegawai(user) else Sanksi.objects.none()

    def prepare(self, queryset):
        return queryset.order_by("-mulai", "-pk")

    @extend_schema(
        summary="Mulai sanksi menurut aturan Pemda",
        description="Oleh BKPSDM atas hasil evaluasi tahunan yang memenuhi aturan; tanpa aturan Pemda: dicatat "
        "'sesuai ketentuan peraturan perundang-undangan' tanpa tahapan.",
        request=SanksiBuatSerializer,
        responses={201: SanksiSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(SanksiBuatSerializer)
        s = services.mulai_sanksi(
            evaluasi=data["evaluasi"], aturan_kode=data["aturan"], catatan=data["catatan"], by=request.user
        )
        return Response(SanksiSerializer(s).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Catat uji kompetensi",
        request=SanksiUjiKompetensiSerializer,
        responses={200: SanksiSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="uji-kompetensi", url_name="uji-kompetensi")
    def uji_kompetensi(self, request, pk=None):
        s = self.get_object()
        data = self._masukan(SanksiUjiKompetensiSerializer)
        return Response(
            SanksiSerializer(services.catat_uji_kompetensi(sanksi=s, by=request.user, **data)).data
        )

    @extend_schema(
        summary="Tetapkan hasil sanksi",
        request=SanksiSelesaiSerializer,
        responses={200: SanksiSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def selesai(self, request, pk=None):
        s = self.get_object()
        data = self._masukan(SanksiSelesaiSerializer)
        return Response(SanksiSerializer(services.selesaikan_sanksi(sanksi=s, by=request.user, **data)).data)

    @extend_schema(
        summary="Calon sanksi pada evaluasi tahunan",
        parameters=[
            OpenApiParameter("periode", OpenApiTypes.INT, required=True, description="Id periode tahunan.")
        ],
        responses={200: CalonSanksiSerializer(many=True), 400: WRITE_ERRORS[400], 403: WRITE_ERRORS[403]},
    )
    @action(detail=False, methods=["get"])
    def calon(self, request):
        if not is_admin_bkpsdm(request.user):
            raise PermissionDenied("Hanya admin BKPSDM.")
        periode_id = _int_param(request, "periode")
        periode = PeriodeEvaluasi.objects.filter(pk=periode_id).first() if periode_id else None
        if periode is None:
            raise exceptions.ValidationError({"periode": "Sebutkan id periode evaluasi tahunan Pemda Anda."})
        if not periode.tahunan:
            raise exceptions.ValidationError({"periode": "Sanksi ditetapkan atas evaluasi tahunan."})
        calon = sanksi_sel.calon_sanksi(periode, pengaturan_untuk(request.user.pemda_id))
        return Response(CalonSanksiSerializer(calon, many=True).data)


# ---- peringkat and TPP export --------------------------------------------------------------------------------
class _ApiView(SkpApiMixin, APIView):
    permission_classes = TENANT_PERMISSIONS

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            exc = exceptions.NotFound(str(exc) or "Tidak ditemukan.")
        return super().handle_exception(exc)


@extend_schema(
    tags=["evaluasi-tindak-lanjut"],
    summary="Pemeringkatan menurut predikat",
    description="Peringkat bersama (kompetisi: 1, 2, 2, 4). BKPSDM dan Kepala Daerah: seluruh Pemda atau `unit` "
    "beserta sub-unitnya; Pejabat Penilai Kinerja: Pegawai yang dinilainya.",
    parameters=[
        OpenApiParameter("periode", OpenApiTypes.INT, description="Id periode; kosong: periode terbaru."),
        OpenApiParameter("unit", OpenApiTypes.INT, description="Id unit kerja (BKPSDM)."),
    ],
    responses={200: OpenApiTypes.OBJECT, 403: WRITE_ERRORS[403], 404: NOT_FOUND_RESPONSE},
)
class PeringkatView(_ApiView):
    def get(self, request):
        periode, unit, hasil = peringkat_untuk(
            request.user, _int_param(request, "periode"), _int_param(request, "unit")
        )
        if hasil is None:
            return Response({"periode": None, "baris": [], "dikecualikan": [], "belum_ditandatangani": 0})
        return Response(
            {
                "periode": {"id": periode.pk, "label": periode.label},
                "unit": {"id": unit.pk, "nama": unit.nama} if unit else None,
                "jumlah_pemda": hasil.jumlah_pemda,
                "belum_ditandatangani": hasil.belum_ditandatangani,
                "baris": [
                    {
                        "peringkat": b.peringkat,
                        "peringkat_unit": b.peringkat_unit,
                        "peringkat_pemda": b.peringkat_pemda,
                        "evaluasi": b.evaluasi.pk,
                        "pegawai": b.evaluasi.pegawai_id,
                        "nip": b.evaluasi.pegawai.nip,
                        "nama": b.evaluasi.pegawai.nama_lengkap,
                        "predikat": b.evaluasi.predikat,
                        "rating_hasil": b.evaluasi.rating_hasil,
                        "rating_perilaku": b.evaluasi.rating_perilaku,
                        "unit": b.evaluasi.unit_id,
                        "perangkat_daerah": b.perangkat_daerah,
                    }
                    for b in hasil.baris
                ],
                "dikecualikan": [
                    {"evaluasi": ev.pk, "pegawai": ev.pegawai_id, "alasan": ev.alasan_pengecualian}
                    for ev in hasil.dikecualikan
                ],
            }
        )


class _BerkasRenderer(BaseRenderer):
    """Errors on a csv/xlsx request are written as JSON."""

    charset = None

    @classmethod
    def untuk(cls, fmt, media_type):
        return type(f"Renderer_{fmt}", (cls,), {"format": fmt, "media_type": media_type})

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        if renderer_context and renderer_context.get("response") is not None:
            renderer_context["response"]["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


@extend_schema(
    tags=["evaluasi-tindak-lanjut"],
    summary="Ekspor predikat per Pegawai untuk TPP",
    description="BKPSDM. CSV: UTF-8 dengan BOM, pemisah ';'. XLSX: satu lembar, baris judul tebal dan dibekukan.",
    parameters=[
        OpenApiParameter("tahun", OpenApiTypes.INT, required=True),
        OpenApiParameter("format", OpenApiTypes.STR, enum=["csv", "xlsx"], required=True),
    ],
    responses={(200, "text/csv"): OpenApiTypes.BINARY, 400: WRITE_ERRORS[400], 403: WRITE_ERRORS[403]},
)
class EksporTppView(_ApiView):
    # `?format=` is DRF's format override: these let csv/xlsx through negotiation (the view answers the file).
    renderer_classes = [
        JSONRenderer,
        _BerkasRenderer.untuk("csv", "text/csv"),
        _BerkasRenderer.untuk("xlsx", ekspor.XLSX_TYPE),
    ]

    def get(self, request):
        if not is_admin_bkpsdm(request.user):
            raise PermissionDenied("Hanya admin BKPSDM yang dapat mengekspor predikat untuk TPP.")
        tahun = _int_param(request, "tahun")
        if tahun is None or not 2000 <= tahun <= 2100:
            raise exceptions.ValidationError({"tahun": "Sebutkan tahun, mis. ?tahun=2026."})
        fmt = request.query_params.get("format", "")
        if fmt not in ("csv", "xlsx"):
            raise exceptions.ValidationError({"format": "Format: csv atau xlsx."})
        return ekspor.respons(request.user, tahun, fmt)


ROUTES = [
    ("evaluasi-laporan", LaporanViewSet, "evaluasi-laporan"),
    ("evaluasi-penghargaan", PenghargaanViewSet, "evaluasi-penghargaan"),
    ("evaluasi-sanksi", SanksiViewSet, "evaluasi-sanksi"),
]


def _extra():
    from django.urls import path

    return [
        path("evaluasi-peringkat/", PeringkatView.as_view(), name="evaluasi-peringkat"),
        path("evaluasi-ekspor-tpp/", EksporTppView.as_view(), name="evaluasi-ekspor-tpp"),
    ]


EXTRA_URLS = _extra()
