"""API of cetak massal: `GET/POST /api/cetak/` (list, create), `GET /api/cetak/<pk>/` (progress, with each
group and its download link once ready), `POST /api/cetak/<pk>/lanjutkan/`, and
`GET /api/cetak-berkas/<pk>/` (the group's ZIP). Another Pemda's job or file is a 404 whatever the method."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from evaluasi.models import PeriodeEvaluasi
from kinerja.api import TENANT_PERMISSIONS, TenantReadViewSet
from kinerja.models import UnitKerja
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan

from . import selectors, services
from .models import JenisCetak, KelompokCetak, LingkupCetak, PekerjaanCetak, StatusPekerjaan
from .views import respons_zip


class KelompokSerializer(serializers.ModelSerializer):
    unduh = serializers.SerializerMethodField()

    class Meta:
        model = KelompokCetak
        fields = ["id", "kunci", "nama", "jumlah", "siap", "ukuran", "unduh"]

    def get_unduh(self, obj) -> str | None:
        return reverse("api:cetak-unduh", kwargs={"pk": obj.pk}) if obj.siap else None


class PekerjaanSerializer(serializers.ModelSerializer):
    lingkup = teks_pilihan(LingkupCetak, read_only=True)
    jenis = teks_pilihan(JenisCetak, read_only=True)
    status = teks_pilihan(StatusPekerjaan, read_only=True)
    periode_label = serializers.CharField(source="periode.label", read_only=True)
    persen = serializers.IntegerField(read_only=True)

    class Meta:
        model = PekerjaanCetak
        fields = [
            "id",
            "periode",
            "periode_label",
            "lingkup",
            "unit",
            "penilai",
            "jenis",
            "status",
            "jumlah",
            "selesai",
            "disegel",
            "dilewati",
            "gagal",
            "persen",
            "dibuat_pada",
            "selesai_pada",
        ]


class PekerjaanDetailSerializer(PekerjaanSerializer):
    kelompok = serializers.SerializerMethodField()

    class Meta(PekerjaanSerializer.Meta):
        fields = [*PekerjaanSerializer.Meta.fields, "kelompok"]

    def get_kelompok(self, obj) -> list[dict]:
        return KelompokSerializer(selectors.kelompok_pekerjaan(obj), many=True).data


@extend_schema_field(OpenApiTypes.INT)
class TerlihatField(serializers.PrimaryKeyRelatedField):
    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.all()  # the request's Pemda (scope): another Pemda's id is "not found"


class BuatSerializer(serializers.Serializer):
    periode = TerlihatField(PeriodeEvaluasi, help_text="Id PeriodeEvaluasi.")
    lingkup = teks_pilihan(LingkupCetak, tulis=True)
    unit = TerlihatField(UnitKerja, required=False, allow_null=True, help_text="Wajib bila lingkup `unit`.")
    jenis = teks_pilihan(JenisCetak, tulis=True, required=False, default=JenisCetak.DOKUMEN)

    def validate(self, data):
        if data["lingkup"] == LingkupCetak.UNIT and not data.get("unit"):
            raise serializers.ValidationError({"unit": "Pilih unit kerja yang akan dicetak."})
        if data["lingkup"] != LingkupCetak.UNIT:
            data["unit"] = None
        return data


@extend_schema_view(
    list=extend_schema(summary="Pekerjaan cetak massal", tags=["cetak"]),
    retrieve=extend_schema(
        summary="Kemajuan pekerjaan cetak",
        responses={200: PekerjaanDetailSerializer, 404: NOT_FOUND_RESPONSE},
        tags=["cetak"],
    ),
)
class PekerjaanCetakViewSet(SkpApiMixin, TenantReadViewSet):
    model = PekerjaanCetak
    serializer_class = PekerjaanSerializer

    def visible_to(self, user):
        return services.pekerjaan_visible_to(user)

    def prepare(self, queryset):
        return queryset.select_related("periode").order_by("-dibuat_pada", "-id")

    def get_serializer_class(self):
        return PekerjaanDetailSerializer if self.action != "list" else PekerjaanSerializer

    def handle_exception(self, exc):
        if isinstance(exc, PermissionDenied):
            exc = exceptions.PermissionDenied(str(exc))
        return super().handle_exception(exc)

    @extend_schema(
        summary="Buat pekerjaan cetak massal",
        description="Admin BKPSDM: `pemda` (seluruh Pemda, satu ZIP per Perangkat Daerah) atau `unit` (unit dan "
        "sub-unitnya); Pejabat Penilai Kinerja: `penilai` (Pegawai yang dinilainya).",
        request=BuatSerializer,
        responses={201: PekerjaanDetailSerializer, **WRITE_ERRORS},
        tags=["cetak"],
    )
    def create(self, request):
        data = BuatSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        d = data.validated_data
        pekerjaan = services.buat_pekerjaan(
            pemda_id=request.user.pemda_id,
            by=request.user,
            periode=d["periode"],
            unit=d.get("unit"),
            milik_penilai=d["lingkup"] == LingkupCetak.PENILAI,
            jenis=d.get("jenis") or JenisCetak.DOKUMEN,
        )
        pekerjaan = self.prepare(PekerjaanCetak.objects.filter(pk=pekerjaan.pk)).get()
        return Response(PekerjaanDetailSerializer(pekerjaan).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Lanjutkan pekerjaan cetak",
        description="Memproses kembali yang belum selesai; tidak ada dokumen yang dicetak dua kali.",
        request=None,
        responses={200: PekerjaanDetailSerializer, **WRITE_ERRORS},
        tags=["cetak"],
    )
    @action(detail=True, methods=["post"], url_path="lanjutkan", url_name="lanjutkan")
    def lanjutkan(self, request, pk=None):
        pekerjaan = self.get_object()
        services.lanjutkan(pekerjaan, request.user)
        pekerjaan = self.prepare(PekerjaanCetak.objects.filter(pk=pekerjaan.pk)).get()
        return Response(PekerjaanDetailSerializer(pekerjaan).data)


class UnduhView(APIView):
    """The ZIP of one group (application/zip, attachment); 404 while it is not ready."""

    permission_classes = TENANT_PERMISSIONS

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.NotFound(" ".join(exc.messages))
        return super().handle_exception(exc)

    def http_method_not_allowed(self, request, *args, **kwargs):
        if "pk" in kwargs and request.user.is_authenticated and getattr(request.user, "pemda_id", None):
            selectors.get_kelompok_for_user(request.user, kwargs["pk"])
        return super().http_method_not_allowed(request, *args, **kwargs)

    @extend_schema(
        summary="Unduh ZIP satu kelompok",
        responses={
            200: OpenApiResponse(response=OpenApiTypes.BINARY, description="ZIP (application/zip)."),
            404: NOT_FOUND_RESPONSE,
        },
        tags=["cetak"],
    )
    def get(self, request, pk):
        return respons_zip(selectors.get_kelompok_for_user(request.user, pk))


ROUTES = [("cetak", PekerjaanCetakViewSet, "cetak")]
EXTRA_URLS = [path("cetak-berkas/<int:pk>/", UnduhView.as_view(), name="cetak-unduh")]


def register(router):
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)


def urlpatterns():
    return list(EXTRA_URLS)
