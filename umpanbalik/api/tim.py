"""API of progress signals: one SKP's progress per IKI, and the Penilai's team (umpanbalik.selectors.progres)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS

from ..permissions import get_skp_pelaksanaan_for_user
from ..selectors.progres import progres_skp, progres_tim


class ProgresIkiSerializer(serializers.Serializer):
    iki = serializers.IntegerField(source="iki.pk")
    indikator = serializers.CharField(source="iki.teks")
    rhk = serializers.IntegerField(source="iki.rhk_id")
    target = serializers.CharField(source="iki.target_tampil")
    status = serializers.CharField()
    label = serializers.CharField()
    realisasi = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    harapan = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    persen = serializers.IntegerField(allow_null=True)
    periode_realisasi = serializers.CharField()
    alasan = serializers.CharField()


class ProgresSkpSerializer(serializers.Serializer):
    skp = serializers.IntegerField(source="skp.pk")
    pegawai = serializers.IntegerField(source="skp.pegawai_id")
    nama = serializers.CharField(source="skp.pegawai.nama_lengkap")
    periode_acuan = serializers.CharField(source="acuan.kode")
    periode_acuan_label = serializers.CharField(source="acuan.label")
    status = serializers.CharField()
    label = serializers.CharField()
    umpan_balik_terakhir = serializers.DateField(allow_null=True)
    tanggapan = serializers.IntegerField()
    bimbingan = serializers.IntegerField()
    ambil_alih = serializers.IntegerField()
    iki = ProgresIkiSerializer(many=True)


class ProgresSkpView(APIView):
    """Progress of one SKP: for whoever may read its pelaksanaan (404 otherwise)."""

    permission_classes = TENANT_PERMISSIONS

    @extend_schema(responses=ProgresSkpSerializer, tags=["pelaksanaan"])
    def get(self, request, pk):
        skp = get_skp_pelaksanaan_for_user(request.user, pk)
        return Response(ProgresSkpSerializer(progres_skp(skp)).data)


class TimSerializer(serializers.Serializer):
    progres = ProgresSkpSerializer(many=True)
    tanpa_skp = serializers.ListField(
        child=serializers.IntegerField(), help_text="Pegawai tanpa SKP berjalan."
    )


class TimView(APIView):
    """The team of the logged-in Penilai with progress signals, behind first; empty for others."""

    permission_classes = TENANT_PERMISSIONS

    @extend_schema(responses=TimSerializer, tags=["pelaksanaan"])
    def get(self, request):
        daftar, tanpa = progres_tim(request.user)
        return Response(TimSerializer({"progres": daftar, "tanpa_skp": tanpa}).data)


ROUTES = []
EXTRA_URLS = [
    path("pelaksanaan/tim/", TimView.as_view(), name="pelaksanaan-tim"),
    path("pelaksanaan/skp/<int:pk>/progres/", ProgresSkpView.as_view(), name="pelaksanaan-progres"),
]
