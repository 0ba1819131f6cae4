"""API of BKPSDM's side of the evaluation: periods (list, open, refresh, overview), capaian kinerja organisasi
per unit, and the pola distribusi.

Another Pemda's period is a 404. A period of her own Pemda that she may not act on is 403 with the reason;
bad input is 400 with the reason (the services decide). The capaian routes are open to BKPSDM and to a unit's
leader for the units she leads on the period's last day; everything else is BKPSDM's.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS, TenantReadViewSet
from kinerja.models import PengaturanPemda, UnitKerja
from kinerja.permissions import is_admin_bkpsdm
from skp.api import WRITE_ERRORS, SkpApiMixin, teks_pilihan

from ..models import CapaianOrganisasi, JenisPeriode, PeriodeEvaluasi, PredikatOrganisasi, StatusPeriode
from ..selectors.capaian import capaian_banyak
from ..selectors.ringkasan import daftar_periode, ringkasan_periode, unit_capaian
from ..services import periode as periode_services
from ..services._umum import hari_ini, pastikan_admin, pengaturan_untuk
from ..services.capaian import tetapkan_capaian
from ..services.pola import ubah_pola


def _admin(user):
    if not is_admin_bkpsdm(user):
        raise exceptions.PermissionDenied("Hanya admin BKPSDM yang dapat melakukan ini.")


# Serializers ----------------------------------------------------------------------------------------------
class PeriodeSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(JenisPeriode, read_only=True)
    status = teks_pilihan(StatusPeriode, read_only=True)
    label = serializers.CharField(read_only=True)
    mulai = serializers.DateField(read_only=True)
    selesai = serializers.DateField(read_only=True)

    class Meta:
        model = PeriodeEvaluasi
        fields = [
            "id",
            "jenis",
            "nomor",
            "tahun",
            "label",
            "mulai",
            "selesai",
            "status",
            "otomatis",
            "dibuka_pada",
        ]


class BukaPeriodeSerializer(serializers.Serializer):
    jenis = teks_pilihan(JenisPeriode, tulis=True)
    nomor = serializers.IntegerField(min_value=1, max_value=12)
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)


class SiklusSerializer(serializers.Serializer):
    """A period of the Pemda's cycle in a year, open (`periode`) or not."""

    periode = serializers.IntegerField(source="periode.pk", allow_null=True, default=None)
    jenis = serializers.CharField()
    nomor = serializers.IntegerField()
    tahun = serializers.IntegerField()
    label = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    boleh_dibuka = serializers.BooleanField()
    dibuka_mulai = serializers.DateField()
    dievaluasi = serializers.IntegerField()
    dikecualikan = serializers.IntegerField()
    ditandatangani = serializers.IntegerField()
    terlambat = serializers.IntegerField()
    batas_evaluasi = serializers.DateField()
    batas_atasan = serializers.DateField()
    batas_lapor = serializers.DateField()


class HitungSerializer(serializers.Serializer):
    dievaluasi = serializers.IntegerField()
    belum_dinilai = serializers.IntegerField()
    dinilai = serializers.IntegerField()
    ttd_penilai = serializers.IntegerField()
    ttd_pegawai = serializers.IntegerField()
    dikecualikan = serializers.IntegerField()
    oleh_atasan = serializers.IntegerField()
    terlambat = serializers.IntegerField()
    keberatan_terbuka = serializers.IntegerField()
    tanpa_skp = serializers.IntegerField()
    predikat = serializers.DictField(child=serializers.IntegerField())


class BarisRingkasanSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit_id")
    nama = serializers.CharField()
    kode = serializers.CharField()
    depth = serializers.IntegerField()
    hitung = HitungSerializer()


class RingkasanSerializer(serializers.Serializer):
    periode = serializers.IntegerField(source="periode.pk")
    tanggal = serializers.DateField()
    batas_evaluasi = serializers.DateField(source="batas")
    total = HitungSerializer()
    pd = BarisRingkasanSerializer(allow_null=True)
    baris = BarisRingkasanSerializer(many=True)
    alasan_pengecualian = serializers.ListField(child=serializers.ListField())
    tanpa_skp = serializers.ListField(child=serializers.DictField())


class CapaianSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    nama = serializers.CharField()
    predikat = serializers.CharField(allow_blank=True, help_text="Yang ditetapkan untuk periode ini.")
    keterangan = serializers.CharField(allow_blank=True)
    berlaku = serializers.CharField(
        allow_blank=True, help_text="Yang dipakai evaluasi (unit di atasnya, atau tahun lalu: huruf f)."
    )
    berlaku_keterangan = serializers.CharField(allow_blank=True)


class TetapkanCapaianSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    predikat = teks_pilihan(PredikatOrganisasi, tulis=True)
    keterangan = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class PolaSerializer(serializers.Serializer):
    pola = serializers.JSONField(
        help_text='{"istimewa": {"sangat_baik": 60, "baik": 25, ...}, ...}; baris = 100'
    )
    toleransi = serializers.IntegerField(min_value=0, max_value=100)


# Views ------------------------------------------------------------------------------------------------------
class PeriodeViewSet(SkpApiMixin, TenantReadViewSet):
    """The Pemda's evaluation periods. BKPSDM: list (`?tahun=`: the cycle of that year with counts and
    windows), open (POST), refresh (`siapkan`), overview (`ringkasan`, `?pd=` a Perangkat Daerah). Capaian:
    BKPSDM and unit leaders."""

    model = PeriodeEvaluasi
    serializer_class = PeriodeSerializer

    def visible_to(self, user):
        return PeriodeEvaluasi.objects.all()

    @extend_schema(
        parameters=[OpenApiParameter("tahun", OpenApiTypes.INT)],
        responses=SiklusSerializer(many=True),
        tags=["evaluasi"],
    )
    def list(self, request):
        _admin(request.user)
        pemda_id = request.user.pemda_id
        tanggal = hari_ini(pemda_id)
        tahun = request.query_params.get("tahun") or tanggal.year
        try:
            tahun = int(tahun)
        except ValueError:
            raise exceptions.ValidationError({"tahun": "Tahun harus angka."}) from None
        if not 2000 <= tahun <= 2100:
            raise exceptions.ValidationError({"tahun": "Tahun tidak sah."})
        baris = daftar_periode(pemda_id, tahun, pengaturan_untuk(pemda_id), tanggal)
        return Response(SiklusSerializer(baris, many=True).data)

    @extend_schema(responses=PeriodeSerializer, tags=["evaluasi"])
    def retrieve(self, request, *args, **kwargs):
        periode = self.get_object()
        _admin(request.user)
        return Response(PeriodeSerializer(periode).data)

    @extend_schema(
        request=BukaPeriodeSerializer, responses={201: PeriodeSerializer, **WRITE_ERRORS}, tags=["evaluasi"]
    )
    def create(self, request):
        data = BukaPeriodeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        periode = periode_services.buka_periode(
            pemda_id=request.user.pemda_id, by=request.user, **data.validated_data
        )
        return Response(PeriodeSerializer(periode).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: {"type": "object", "properties": {"ditambahkan": {"type": "integer"}}},
            **WRITE_ERRORS,
        },
        tags=["evaluasi"],
    )
    @action(detail=True, methods=["post"])
    def siapkan(self, request, pk=None):
        periode = self.get_object()
        pastikan_admin(request.user, periode.pemda_id)
        return Response({"ditambahkan": periode_services.siapkan_evaluasi(periode=periode, by=request.user)})

    @extend_schema(
        parameters=[OpenApiParameter("pd", OpenApiTypes.INT, description="Perangkat Daerah (unit akar)")],
        responses=RingkasanSerializer,
        tags=["evaluasi"],
    )
    @action(detail=True, methods=["get"])
    def ringkasan(self, request, pk=None):
        periode = self.get_object()
        _admin(request.user)
        pd_id = None
        if request.query_params.get("pd"):
            pd_id = self._id_param("pd")
            if not UnitKerja.objects.filter(pk=pd_id, parent__isnull=True).exists():
                raise exceptions.ValidationError({"pd": "Bukan Perangkat Daerah (unit akar) Pemda ini."})
        r = ringkasan_periode(periode, tanggal=hari_ini(periode.pemda_id), pd_id=pd_id)
        return Response(RingkasanSerializer(r).data)

    @extend_schema(methods=["GET"], responses=CapaianSerializer(many=True), tags=["evaluasi"])
    @extend_schema(
        methods=["POST"],
        request=TetapkanCapaianSerializer,
        responses={200: CapaianSerializer, **WRITE_ERRORS},
        tags=["evaluasi"],
    )
    @action(detail=True, methods=["get", "post"])
    def capaian(self, request, pk=None):
        periode = self.get_object()
        units = unit_capaian(request.user, periode)
        if units is None:
            raise PermissionDenied("Capaian unit ditetapkan oleh pimpinan unit itu atau admin BKPSDM.")
        if request.method == "POST":
            data = TetapkanCapaianSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            unit = UnitKerja.objects.filter(pk=data.validated_data["unit"]).first()
            if unit is None:
                raise exceptions.ValidationError({"unit": "Unit kerja tidak ditemukan di Pemda ini."})
            tetapkan_capaian(
                unit=unit,
                periode=periode,
                predikat=data.validated_data["predikat"],
                keterangan=data.validated_data["keterangan"],
                by=request.user,
            )
            units = [unit]
        return Response(
            self._capaian(periode, units) if request.method == "GET" else self._capaian(periode, units)[0]
        )

    def _capaian(self, periode, units):
        tetap = {c.unit_id: c for c in CapaianOrganisasi.objects.filter(periode=periode, unit__in=units)}
        berlaku = capaian_banyak(
            periode,
            [u.pk for u in units],
            pengaturan=pengaturan_untuk(periode.pemda_id),
            tanggal=hari_ini(periode.pemda_id),
        )
        return CapaianSerializer(
            [
                {
                    "unit": u.pk,
                    "nama": u.nama,
                    "predikat": tetap[u.pk].predikat if u.pk in tetap else "",
                    "keterangan": tetap[u.pk].keterangan if u.pk in tetap else "",
                    "berlaku": berlaku[u.pk].predikat,
                    "berlaku_keterangan": berlaku[u.pk].keterangan,
                }
                for u in units
            ],
            many=True,
        ).data


class PolaView(SkpApiMixin, APIView):
    """The Pemda's pola distribusi (5 capaian x 5 predikat, percent, each row 100) and the tolerance. BKPSDM."""

    permission_classes = TENANT_PERMISSIONS

    def _pengaturan(self, request):
        _admin(request.user)
        pengaturan = PengaturanPemda.objects.filter(pemda_id=request.user.pemda_id).first()
        if pengaturan is None:
            raise exceptions.NotFound("Pengaturan Pemda belum diisi.")
        return pengaturan

    @extend_schema(responses=PolaSerializer, tags=["evaluasi"])
    def get(self, request):
        p = self._pengaturan(request)
        return Response({"pola": p.pola_distribusi, "toleransi": p.toleransi_pola_distribusi})

    @extend_schema(request=PolaSerializer, responses={200: PolaSerializer, **WRITE_ERRORS}, tags=["evaluasi"])
    def put(self, request):
        self._pengaturan(request)
        data = PolaSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        p = ubah_pola(
            pemda_id=request.user.pemda_id,
            pola=data.validated_data["pola"],
            toleransi=data.validated_data["toleransi"],
            by=request.user,
        )
        return Response({"pola": p.pola_distribusi, "toleransi": p.toleransi_pola_distribusi})


ROUTES = [("evaluasi/periode", PeriodeViewSet, "evaluasi-periode")]
EXTRA_URLS = [path("evaluasi/pola/", PolaView.as_view(), name="evaluasi-pola")]
