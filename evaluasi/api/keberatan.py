"""API of the keberatan (Sumedang lampiran Tindak Lanjut "KEBERATAN" angka 1-7): `/api/keberatan/`.

Visibility as in the pages (evaluasi.permissions.keberatan_visible_to): another Pemda's keberatan, or one not
hers to see, is 404. A visible one she may not act on is 403 with the reason; bad input, a closed window or
a wrong password is 400 with the reason (the services decide). Filing (`POST /api/keberatan/`) names the
Evaluasi by id; one not visible to her is "not found" as a 400 on the field.
"""

from django.db.models import OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dokumen.models import Dokumen, StatusDokumen
from kinerja.api import TenantReadViewSet
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan

from .. import jendela
from ..models import Evaluasi, Keberatan, Rating, StatusKeberatan
from ..permissions import evaluasi_visible_to, keberatan_visible_to
from ..services import keberatan as services
from ..services._umum import pengaturan_untuk

TEKS = {"max_length": services.BATAS_TEKS}


class KeberatanSerializer(serializers.ModelSerializer):
    status = teks_pilihan(StatusKeberatan)
    pegawai = serializers.IntegerField(source="evaluasi.pegawai_id", read_only=True)
    periode = serializers.CharField(source="evaluasi.periode.label", read_only=True)
    batas_putus = serializers.SerializerMethodField()
    dokumen_d13 = serializers.SerializerMethodField()

    class Meta:
        model = Keberatan
        fields = [
            "id",
            "evaluasi",
            "pegawai",
            "periode",
            "status",
            "alasan",
            "diajukan_oleh",
            "diajukan_pada",
            "batas_putus",
            "penjelasan_diminta_pada",
            "penjelasan_penilai",
            "penjelasan_pada",
            "permintaan_pegawai",
            "keterangan_pegawai",
            "keterangan_pada",
            "predikat_semula",
            "rating_hasil_semula",
            "rating_perilaku_semula",
            "keputusan",
            "rekomendasi",
            "rating_hasil_baru",
            "rating_perilaku_baru",
            "predikat_baru",
            "diputus_oleh",
            "diputus_pada",
            "dokumen_d13",
        ]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_batas_putus(self, obj):
        pengaturan = self.context.get("pengaturan") or pengaturan_untuk(obj.pemda_id)
        return jendela.batas_putus_keberatan(obj, pengaturan)

    @extend_schema_field(OpenApiTypes.INT)
    def get_dokumen_d13(self, obj):
        return obj.d13_id if obj.status == StatusKeberatan.DIUBAH else None


@extend_schema_field(OpenApiTypes.INT)
class EvaluasiTerlihatField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return evaluasi_visible_to(self.context["request"].user)


class AjukanSerializer(serializers.Serializer):
    evaluasi = EvaluasiTerlihatField(help_text="Id Evaluasi yang diajukan keberatan.")
    alasan = serializers.CharField(allow_blank=True, **TEKS)


class PertanyaanSerializer(serializers.Serializer):
    pertanyaan = serializers.CharField(allow_blank=True, required=False, default="", **TEKS)


class TeksSerializer(serializers.Serializer):
    teks = serializers.CharField(allow_blank=True, **TEKS)


class PermintaanSerializer(serializers.Serializer):
    permintaan = serializers.CharField(allow_blank=True, **TEKS)


class PutuskanSerializer(serializers.Serializer):
    keputusan = teks_pilihan([services.KUATKAN, services.UBAH], tulis=True)
    alasan = serializers.CharField(allow_blank=True, help_text="Pertimbangan keputusan.", **TEKS)
    rekomendasi = serializers.CharField(allow_blank=True, required=False, default="", **TEKS)
    rating_hasil_baru = teks_pilihan(
        [""] + list(Rating.values), tulis=True, required=False, default="", allow_blank=True
    )
    rating_perilaku_baru = teks_pilihan(
        [""] + list(Rating.values), tulis=True, required=False, default="", allow_blank=True
    )
    password = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Wajib bila `ubah`: menandatangani D.1.3."
    )


class SandiSerializer(serializers.Serializer):
    password = serializers.CharField(allow_blank=True)


@extend_schema_view(
    list=extend_schema(
        summary="Keberatan yang boleh Anda lihat",
        description="Milik sendiri, yang Anda jelaskan (Penilai) atau putuskan (atasan Penilai); seluruh "
        "Pemda bagi BKPSDM dan Kepala Daerah.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusKeberatan.values),
            OpenApiParameter("evaluasi", OpenApiTypes.INT, description="Id Evaluasi."),
        ],
    ),
    retrieve=extend_schema(
        summary="Keberatan", responses={200: KeberatanSerializer, 404: NOT_FOUND_RESPONSE}
    ),
)
@extend_schema(tags=["keberatan"])
class KeberatanViewSet(SkpApiMixin, TenantReadViewSet):
    model = Keberatan
    serializer_class = KeberatanSerializer

    def visible_to(self, user):
        return keberatan_visible_to(user)

    def prepare(self, queryset):
        # The current D.1.3 in the same query (the list stays at a fixed number of queries).
        d13 = (
            Dokumen.objects.filter(
                objek_jenis=Evaluasi._meta.label, objek_id=OuterRef("evaluasi_id"), format_kode="D.1.3"
            )
            .exclude(status=StatusDokumen.DIGANTIKAN)
            .values("pk")[:1]
        )
        return (
            queryset.select_related("evaluasi", "evaluasi__periode")
            .annotate(d13_id=Subquery(d13))
            .order_by("-diajukan_pada", "-id")
        )

    def filter_list(self, queryset):
        params = self.request.query_params
        if params.get("status"):
            queryset = queryset.filter(status=self._text_param("status"))
        if params.get("evaluasi"):
            queryset = queryset.filter(evaluasi_id=self._id_param("evaluasi"))
        return queryset

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        user = getattr(self.request, "user", None)
        if (
            user is not None
            and getattr(user, "pemda_id", None)
            and not getattr(self, "swagger_fake_view", False)
        ):
            ctx["pengaturan"] = pengaturan_untuk(user.pemda_id)
        return ctx

    def _masukan(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _jawab(self, k, status_code=200):
        k = self.prepare(Keberatan.objects.filter(pk=k.pk)).get()
        return Response(
            KeberatanSerializer(k, context=self.get_serializer_context()).data, status=status_code
        )

    @extend_schema(
        summary="Ajukan keberatan atas hasil evaluasi",
        description="Oleh Pegawai yang dinilai, setelah dokumen evaluasi ditandatangani, paling lama 14 hari "
        "kerja sejak diterima; tidak untuk hasil final (D.1.2, Kepala Daerah). Sekali per evaluasi.",
        request=AjukanSerializer,
        responses={201: KeberatanSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(AjukanSerializer)
        k = services.ajukan_keberatan(by=request.user, **data)
        return self._jawab(k, status.HTTP_201_CREATED)

    def _langkah(self, serializer_class, fungsi):
        k = self.get_object()
        data = self._masukan(serializer_class)
        return self._jawab(fungsi(keberatan=k, by=self.request.user, **data))

    @extend_schema(
        summary="Minta penjelasan Pejabat Penilai Kinerja",
        description="Oleh atasan Pejabat Penilai Kinerja.",
        request=PertanyaanSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="minta-penjelasan", url_name="minta-penjelasan")
    def minta_penjelasan(self, request, pk=None):
        return self._langkah(PertanyaanSerializer, services.minta_penjelasan)

    @extend_schema(
        summary="Beri penjelasan atas keberatan",
        description="Oleh Pejabat Penilai Kinerja; penjelasan berikutnya ditambahkan di bawahnya.",
        request=TeksSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="beri-penjelasan", url_name="beri-penjelasan")
    def beri_penjelasan(self, request, pk=None):
        return self._langkah(TeksSerializer, services.beri_penjelasan)

    @extend_schema(
        summary="Minta keterangan Pegawai",
        description="Oleh atasan Pejabat Penilai Kinerja.",
        request=PermintaanSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="minta-keterangan", url_name="minta-keterangan")
    def minta_keterangan(self, request, pk=None):
        return self._langkah(PermintaanSerializer, services.minta_keterangan)

    @extend_schema(
        summary="Beri keterangan atas keberatan",
        description="Oleh Pegawai yang mengajukan keberatan.",
        request=TeksSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="beri-keterangan", url_name="beri-keterangan")
    def beri_keterangan(self, request, pk=None):
        return self._langkah(TeksSerializer, services.beri_keterangan)

    @extend_schema(
        summary="Putuskan keberatan",
        description="Oleh atasan Pejabat Penilai Kinerja: `kuatkan`, atau `ubah` dengan rating baru, "
        "rekomendasi baru dan kata sandi (Format D.1.3 diterbitkan dan ditandatanganinya).",
        request=PutuskanSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def putuskan(self, request, pk=None):
        return self._langkah(PutuskanSerializer, services.putuskan)

    @extend_schema(
        summary="Tandatangani Format D.1.3",
        description="Oleh Pejabat Penilai Kinerja, lalu Pegawai.",
        request=SandiSerializer,
        responses={200: KeberatanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def tandatangani(self, request, pk=None):
        return self._langkah(SandiSerializer, services.tandatangani_keberatan)


ROUTES = [("keberatan", KeberatanViewSet, "keberatan")]
EXTRA_URLS = []
