"""API of pembinaan kinerja: bimbingan (B.1.6/B.1.7 isian, mentoring journal, B.1.8, B.1.9), behaviour problem
reports (B.1.10) and konseling.

Visibility as in the pages (umpanbalik.permissions, umpanbalik.selectors.pembinaan): another Pemda's object,
and a konseling record the user may not read, are 404. A visible object she may not act on is 403 with the
reason (the services decide); bad input is 400 with the reason. The JSON of `isian`, `jawaban` and `nilai` is
described in umpanbalik/isian.py.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import TenantReadViewSet
from kinerja.models import Pegawai
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan
from skp.permissions import skp_visible_to

from .. import isian as isian_mod
from ..models import (
    Bimbingan,
    EvaluasiKompetensi,
    JenisBimbingan,
    JenisKonselor,
    JurnalMentoring,
    Konseling,
    LaporanPerilaku,
    UmpanBalikBimbingan,
)
from ..permissions import bimbingan_visible_to, laporan_perilaku_visible_to
from ..selectors.pembinaan import konseling_visible_to
from ..services import pembinaan as services

User = get_user_model()


# Serializers ----------------------------------------------------------------------------------------------
class JurnalSerializer(serializers.ModelSerializer):
    class Meta:
        model = JurnalMentoring
        fields = ["id", "waktu_tempat", "materi", "rencana_aksi", "target_waktu", "dibuat_pada"]


class UmpanBalikBimbinganSerializer(serializers.ModelSerializer):
    jawaban = serializers.JSONField(
        help_text='{"1": {"jawaban": "ya|sebagian|tidak", "catatan": ""}, ... "9"}'
    )

    class Meta:
        model = UmpanBalikBimbingan
        fields = ["id", "jawaban", "dibuat_oleh", "dibuat_pada"]


class EvaluasiKompetensiSerializer(serializers.ModelSerializer):
    nilai = serializers.JSONField(help_text="[{kelompok, kompetensi, nilai 1-5, alasan}]")

    class Meta:
        model = EvaluasiKompetensi
        fields = ["id", "nilai", "rekomendasi", "dibuat_oleh", "dibuat_pada"]


class BimbinganSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(JenisBimbingan)
    isian = serializers.JSONField(help_text="Struktur per jenis: lihat umpanbalik/isian.py.")
    perlu_perubahan_skp = serializers.SerializerMethodField()
    jurnal = JurnalSerializer(many=True, read_only=True)
    umpan_balik_pegawai = serializers.SerializerMethodField()
    evaluasi_kompetensi = serializers.SerializerMethodField()

    class Meta:
        model = Bimbingan
        fields = [
            "id",
            "skp",
            "jenis",
            "pembina",
            "pembina_pegawai",
            "penugasan_khusus",
            "tanggal",
            "tempat",
            "isian",
            "perlu_perubahan_skp",
            "jurnal",
            "umpan_balik_pegawai",
            "evaluasi_kompetensi",
            "dibuat_pada",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_perlu_perubahan_skp(self, obj):
        return isian_mod.perlu_perubahan_skp(obj.isian)

    @extend_schema_field(UmpanBalikBimbinganSerializer(allow_null=True))
    def get_umpan_balik_pegawai(self, obj):
        ub = next(iter(obj.umpan_balik_pegawai.all()), None)
        return UmpanBalikBimbinganSerializer(ub).data if ub else None

    @extend_schema_field(EvaluasiKompetensiSerializer(allow_null=True))
    def get_evaluasi_kompetensi(self, obj):
        ev = next(iter(obj.evaluasi_kompetensi.all()), None)
        return EvaluasiKompetensiSerializer(ev).data if ev else None


@extend_schema_field(OpenApiTypes.INT)
class SkpTerlihatField(serializers.PrimaryKeyRelatedField):
    """An SKP the user may read (one not hers to read is 'not found', as another Pemda's)."""

    def get_queryset(self):
        return skp_visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class PegawaiPemdaField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Pegawai.objects.all()  # the Pemda scope of the request


class BimbinganBuatSerializer(serializers.Serializer):
    skp = SkpTerlihatField(help_text="Id SKP Pegawai yang dibimbing.")
    jenis = teks_pilihan(JenisBimbingan, tulis=True)
    tanggal = serializers.DateField()
    tempat = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    pembina_pegawai = PegawaiPemdaField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Id Pegawai pihak lain yang diberikan penugasan khusus; kosong bila Pimpinan sendiri.",
    )


class IsiSerializer(serializers.Serializer):
    bagian = teks_pilihan([isian_mod.PEGAWAI, isian_mod.PEMBINA], tulis=True)
    data = serializers.JSONField(help_text="Kunci bagian itu (lihat umpanbalik/isian.py BAGIAN).")


class JurnalTulisSerializer(serializers.Serializer):
    waktu_tempat = serializers.CharField(allow_blank=True)
    materi = serializers.CharField(allow_blank=True)
    rencana_aksi = serializers.CharField(allow_blank=True)
    target_waktu = serializers.CharField(allow_blank=True)


class JawabanSerializer(serializers.Serializer):
    jawaban = serializers.JSONField(
        help_text='{"1": {"jawaban": "ya|sebagian|tidak", "catatan": ""}, ... "9"}'
    )


class EvaluasiTulisSerializer(serializers.Serializer):
    nilai = serializers.JSONField(help_text="[{kelompok, kompetensi, nilai 1-5, alasan}]")
    rekomendasi = serializers.CharField(allow_blank=True)


class LaporanPerilakuSerializer(serializers.ModelSerializer):
    class Meta:
        model = LaporanPerilaku
        fields = [
            "id",
            "skp",
            "pelapor",
            "masalah",
            "ekspektasi_khusus",
            "uraian",
            "serupa_pada_pegawai_lain",
            "retrospektif",
            "tanggal",
            "dibuat_pada",
        ]


class LaporanBuatSerializer(serializers.Serializer):
    skp = SkpTerlihatField()
    masalah = serializers.CharField(allow_blank=True)
    ekspektasi_khusus = serializers.CharField(allow_blank=True, required=False, default="")
    uraian = serializers.CharField(allow_blank=True)
    serupa_pada_pegawai_lain = serializers.BooleanField()
    retrospektif = serializers.CharField(allow_blank=True)


class KonselingSerializer(serializers.ModelSerializer):
    jenis_konselor = teks_pilihan(JenisKonselor)

    class Meta:
        model = Konseling
        fields = [
            "id",
            "skp",
            "laporan",
            "konselor",
            "jenis_konselor",
            "tanggal",
            "tempat",
            "rekaman",
            "tindak_lanjut",
            "dibuat_oleh",
            "dibuat_pada",
        ]


@extend_schema_field(OpenApiTypes.INT)
class AkunPemdaField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return User.objects.filter(pemda_id=self.context["request"].user.pemda_id, is_active=True)


@extend_schema_field(OpenApiTypes.INT)
class LaporanTerlihatField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return laporan_perilaku_visible_to(self.context["request"].user)


class KonselingBuatSerializer(serializers.Serializer):
    skp = SkpTerlihatField()
    konselor = AkunPemdaField(help_text="Id akun konselor.")
    jenis_konselor = teks_pilihan(JenisKonselor, tulis=True)
    tanggal = serializers.DateField()
    tempat = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    laporan = LaporanTerlihatField(allow_null=True, required=False, default=None)


class KonselingIsiSerializer(serializers.Serializer):
    rekaman = serializers.CharField(allow_blank=True)
    tindak_lanjut = serializers.CharField(allow_blank=True, required=False, default="")


# Viewsets -------------------------------------------------------------------------------------------------
SKP_PARAM = OpenApiParameter("skp", OpenApiTypes.INT, description="Id SKP.")


def _baca(ser, summary):
    return {
        "list": extend_schema(summary=f"{summary} yang boleh Anda lihat", parameters=[SKP_PARAM]),
        "retrieve": extend_schema(summary=summary, responses={200: ser, 404: NOT_FOUND_RESPONSE}),
    }


class _Dasar(SkpApiMixin, TenantReadViewSet):
    def filter_list(self, queryset):
        if self.request.query_params.get("skp"):
            queryset = queryset.filter(skp_id=self._id_param("skp"))
        return queryset

    def _masukan(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data


@extend_schema_view(**_baca(BimbinganSerializer, "Bimbingan kinerja"))
@extend_schema(tags=["pembinaan"])
class BimbinganViewSet(_Dasar):
    model = Bimbingan
    serializer_class = BimbinganSerializer

    def visible_to(self, user):
        return bimbingan_visible_to(user)

    def prepare(self, queryset):
        return queryset.prefetch_related("jurnal", "umpan_balik_pegawai", "evaluasi_kompetensi").order_by(
            "-tanggal", "-id"
        )

    def _jawab(self, bimbingan, status_code=200):
        b = self.prepare(Bimbingan.objects.filter(pk=bimbingan.pk)).get()
        return Response(BimbinganSerializer(b).data, status=status_code)

    @extend_schema(
        summary="Mulai bimbingan kinerja",
        description="Oleh Pimpinan (Pejabat Penilai Kinerja hari ini); pembina = dirinya, atau Pegawai lain "
        "yang diberikan penugasan khusus (`pembina_pegawai`, harus punya akun).",
        request=BimbinganBuatSerializer,
        responses={201: BimbinganSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(BimbinganBuatSerializer)
        b = services.bimbingan_buat(by=request.user, **data)
        return self._jawab(b, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Isi satu bagian format (B.1.6/B.1.7)",
        description="`pegawai`: oleh Pegawai; `pembina`: oleh pembina (LANGKAH KEDEPAN, uraian pelatihan).",
        request=IsiSerializer,
        responses={200: BimbinganSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def isi(self, request, pk=None):
        b = self.get_object()
        data = self._masukan(IsiSerializer)
        return self._jawab(services.bimbingan_isi(bimbingan=b, by=request.user, **data))

    @extend_schema(
        summary="Tambah jurnal mentoring",
        description="Oleh mentor atau Pegawai; hanya pada mentoring.",
        request=JurnalTulisSerializer,
        responses={201: BimbinganSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def jurnal(self, request, pk=None):
        b = self.get_object()
        data = self._masukan(JurnalTulisSerializer)
        services.jurnal_mentoring_tambah(bimbingan=b, by=request.user, **data)
        return self._jawab(b, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Umpan balik Pegawai atas bimbingan (B.1.8)",
        description="Oleh Pegawai, sekali (yang kedua ditolak 400).",
        request=JawabanSerializer,
        responses={201: BimbinganSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="umpan-balik-pegawai", url_name="umpan-balik-pegawai")
    def umpan_balik_pegawai(self, request, pk=None):
        b = self.get_object()
        data = self._masukan(JawabanSerializer)
        services.umpan_balik_bimbingan_isi(bimbingan=b, by=request.user, **data)
        return self._jawab(b, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Evaluasi kompetensi Pegawai (B.1.9)",
        description="Oleh pembina, sekali (yang kedua ditolak 400).",
        request=EvaluasiTulisSerializer,
        responses={201: BimbinganSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="evaluasi-kompetensi", url_name="evaluasi-kompetensi")
    def evaluasi_kompetensi(self, request, pk=None):
        b = self.get_object()
        data = self._masukan(EvaluasiTulisSerializer)
        services.evaluasi_kompetensi_isi(bimbingan=b, by=request.user, **data)
        return self._jawab(b, status.HTTP_201_CREATED)


@extend_schema_view(**_baca(LaporanPerilakuSerializer, "Laporan permasalahan perilaku kerja (B.1.10)"))
@extend_schema(tags=["pembinaan"])
class LaporanPerilakuViewSet(_Dasar):
    model = LaporanPerilaku
    serializer_class = LaporanPerilakuSerializer

    def visible_to(self, user):
        return laporan_perilaku_visible_to(user)

    def prepare(self, queryset):
        return queryset.order_by("-tanggal", "-id")

    @extend_schema(
        summary="Laporkan permasalahan perilaku kerja kepada BKPSDM",
        description="Oleh Pejabat Penilai Kinerja Pegawai.",
        request=LaporanBuatSerializer,
        responses={201: LaporanPerilakuSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(LaporanBuatSerializer)
        lap = services.laporan_perilaku_buat(by=request.user, **data)
        return Response(LaporanPerilakuSerializer(lap).data, status=status.HTTP_201_CREATED)


@extend_schema_view(**_baca(KonselingSerializer, "Konseling kinerja"))
@extend_schema(tags=["pembinaan"])
class KonselingViewSet(_Dasar):
    """Only the records the user may read (the Pegawai, the counsellor, the officials granted)."""

    model = Konseling
    serializer_class = KonselingSerializer

    def visible_to(self, user):
        return konseling_visible_to(user)

    def prepare(self, queryset):
        return queryset.order_by("-tanggal", "-id")

    @extend_schema(
        summary="Jadwalkan konseling kinerja",
        description="Oleh admin BKPSDM (konselor dan jadwal), atau oleh Pejabat Penilai Kinerja sebagai "
        "konselor sendiri (`jenis_konselor`=penilai, `konselor`=akunnya).",
        request=KonselingBuatSerializer,
        responses={201: KonselingSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        data = self._masukan(KonselingBuatSerializer)
        k = services.konseling_buat(by=request.user, **data)
        return Response(KonselingSerializer(k).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Isi rekaman hasil konseling",
        description="Oleh konselor.",
        request=KonselingIsiSerializer,
        responses={200: KonselingSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def isi(self, request, pk=None):
        k = self.get_object()
        data = self._masukan(KonselingIsiSerializer)
        k = services.konseling_isi(konseling=k, by=request.user, **data)
        return Response(KonselingSerializer(k).data)


ROUTES = [
    ("bimbingan", BimbinganViewSet, "bimbingan"),
    ("laporan-perilaku", LaporanPerilakuViewSet, "laporan-perilaku"),
    ("konseling", KonselingViewSet, "konseling"),
]
EXTRA_URLS = []
