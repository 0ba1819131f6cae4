"""API of the rating of evaluations (issue 5): the same rules as the pages, because both call the same services
and selectors.

- `GET /api/evaluasi/`: the evaluations the user may see (evaluasi.permissions), filters `periode` (id),
  `status`, `as` = penilai | atasan | pegawai (in which capacity she is on it).
- `GET /api/evaluasi/<id>/`: one evaluation with its material (realisasi per IKI, feedback, ambil alih, the
  suggested hasil kerja rating with its reason) and the deadlines.
- `POST /api/evaluasi/<id>/nilai/`, `tandatangani/` (the evaluator: C.1.x and D.1.1, or D.1.2 by the Atasan
  after the window), `tandatangani-pegawai/`, `pakai-hasil-sebelumnya/`.
Another Pemda's evaluation, or one she may not see, is a 404; one she sees but may not act on is a 403 with the
reason; input a rule refuses is a 400 with the reason per field.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import TenantReadViewSet
from skp import waktu
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan
from skp.perilaku import PerilakuKerja

from ..models import (
    Evaluasi,
    Jenjang,
    Kelulusan,
    LokasiStudi,
    Predikat,
    PredikatOrganisasi,
    Rating,
    StatusEvaluasi,
)
from ..permissions import adalah_pegawai, evaluasi_visible_to
from ..selectors import penilaian as sel
from ..services import penilaian as services

SEBAGAI = ("penilai", "atasan", "pegawai")


# Read ---------------------------------------------------------------------------------------------------------
class EvaluasiPegawaiSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nip = serializers.CharField()
    nama = serializers.CharField(source="nama_lengkap")


class EvaluasiSerializer(serializers.ModelSerializer):
    periode_label = serializers.CharField(source="periode.label")
    jenis_periode = serializers.CharField(source="periode.jenis")
    pegawai = EvaluasiPegawaiSerializer()
    status = teks_pilihan(StatusEvaluasi)
    status_label = serializers.CharField(source="get_status_display")
    rating_hasil = teks_pilihan(Rating)
    rating_perilaku = teks_pilihan(Rating)
    predikat = teks_pilihan(Predikat)
    predikat_label = serializers.CharField(source="get_predikat_display")
    saran_hasil = teks_pilihan(Rating)
    capaian_organisasi = teks_pilihan(PredikatOrganisasi)

    class Meta:
        model = Evaluasi
        fields = [
            "id",
            "periode",
            "periode_label",
            "jenis_periode",
            "pegawai",
            "skp",
            "unit",
            "penilai",
            "penilai_kepala_daerah",
            "atasan_penilai",
            "atasan_penilai_kepala_daerah",
            "status",
            "status_label",
            "alasan_pengecualian",
            "rating_hasil",
            "rating_perilaku",
            "predikat",
            "predikat_label",
            "saran_hasil",
            "capaian_organisasi",
            "oleh_atasan",
            "final",
            "tugas_belajar",
            "ditandatangani_penilai_pada",
            "ditandatangani_pegawai_pada",
        ]


class EvaluasiBahanIkiSerializer(serializers.Serializer):
    iki = serializers.IntegerField(source="iki.pk")
    indikator = serializers.CharField(source="iki.teks")
    target = serializers.CharField(source="iki.target_tampil")
    realisasi = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    harapan = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    persen = serializers.IntegerField(allow_null=True)
    rating = teks_pilihan(Rating)
    alasan = serializers.CharField()


class EvaluasiUmpanBalikSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    tanggal = serializers.DateField()
    pemberi = serializers.CharField(source="nama_pemberi")
    peran = serializers.CharField()
    teks = serializers.CharField()


class EvaluasiAmbilAlihSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    tanggal = serializers.DateField()
    catatan = serializers.CharField()
    oleh = serializers.CharField(source="oleh.nama_tampil")


class EvaluasiBahanRhkSerializer(serializers.Serializer):
    rhk = serializers.IntegerField(source="rhk.pk")
    garis = serializers.CharField(source="rhk.garis", help_text="Kunci catatan_hasil.")
    teks = serializers.CharField(source="rhk.teks")
    utama = serializers.BooleanField()
    rating = teks_pilihan(Rating)
    iki = EvaluasiBahanIkiSerializer(many=True)
    ambil_alih = EvaluasiAmbilAlihSerializer(allow_null=True)
    umpan_balik = EvaluasiUmpanBalikSerializer(many=True)


class EvaluasiBahanPerilakuSerializer(serializers.Serializer):
    kode = teks_pilihan(PerilakuKerja)
    label = serializers.CharField()
    ekspektasi_khusus = serializers.CharField()
    umpan_balik = EvaluasiUmpanBalikSerializer(many=True)


class EvaluasiBahanSerializer(serializers.Serializer):
    rhk = EvaluasiBahanRhkSerializer(many=True)
    perilaku = EvaluasiBahanPerilakuSerializer(many=True)
    umpan_balik_umum = EvaluasiUmpanBalikSerializer(many=True)
    bukti = serializers.IntegerField()
    saran = teks_pilihan(Rating, help_text="Saran rating hasil kerja; tidak memaksa.")
    saran_alasan = serializers.CharField()


class EvaluasiCapaianSerializer(serializers.Serializer):
    predikat = teks_pilihan(PredikatOrganisasi)
    label = serializers.CharField()
    keterangan = serializers.CharField()


class EvaluasiDistribusiBarisSerializer(serializers.Serializer):
    predikat = teks_pilihan(Predikat)
    label = serializers.CharField()
    harapan = serializers.IntegerField(help_text="Persen menurut pola distribusi.")
    jumlah = serializers.IntegerField()
    persen = serializers.IntegerField()


class EvaluasiDistribusiSerializer(serializers.Serializer):
    capaian = serializers.CharField()
    total = serializers.IntegerField()
    baris = EvaluasiDistribusiBarisSerializer(many=True)
    peringatan = serializers.ListField(child=serializers.CharField())


class EvaluasiDetailSerializer(EvaluasiSerializer):
    catatan_rekomendasi = serializers.CharField()
    catatan_hasil = serializers.DictField(child=serializers.CharField())
    catatan_perilaku = serializers.DictField(child=serializers.CharField())
    jenjang = teks_pilihan(Jenjang)
    lokasi_studi = teks_pilihan(LokasiStudi)
    kelulusan = teks_pilihan(Kelulusan)

    class Meta(EvaluasiSerializer.Meta):
        fields = [
            *EvaluasiSerializer.Meta.fields,
            "catatan_rekomendasi",
            "catatan_hasil",
            "catatan_perilaku",
            "ipk",
            "jenjang",
            "lokasi_studi",
            "akreditasi_institusi",
            "kelulusan",
            "dari_evaluasi",
        ]


class EvaluasiHalamanSerializer(serializers.Serializer):
    evaluasi = EvaluasiDetailSerializer()
    bahan = EvaluasiBahanSerializer()
    capaian = EvaluasiCapaianSerializer()
    distribusi = EvaluasiDistribusiSerializer()
    peran = serializers.CharField(
        allow_null=True, help_text="penilai / atasan_penilai bila Anda dapat menilai hari ini."
    )
    alasan_tidak_boleh = serializers.CharField(help_text="Mengapa Anda tidak dapat menilai hari ini.")
    batas_evaluasi = serializers.DateField(allow_null=True)
    batas_atasan = serializers.DateField(allow_null=True)
    batas_pegawai = serializers.DateField(allow_null=True)
    batas_keberatan = serializers.DateField(allow_null=True)
    sebelumnya = serializers.IntegerField(
        source="sebelumnya.pk", allow_null=True, help_text="Evaluasi sebelumnya yang dapat dipakai (mutasi)."
    )


# Write --------------------------------------------------------------------------------------------------------
class EvaluasiNilaiSerializer(serializers.Serializer):
    rating_hasil = teks_pilihan(Rating, tulis=True)
    rating_perilaku = teks_pilihan(Rating, tulis=True)
    catatan_rekomendasi = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    catatan_hasil = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000),
        required=False,
        default=dict,
        help_text="Per RHK: {garis: teks}.",
    )
    catatan_perilaku = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000),
        required=False,
        default=dict,
        help_text="Per nilai BerAKHLAK: {kode: teks}.",
    )
    ipk = serializers.CharField(required=False, allow_blank=True, max_length=6, default="")
    jenjang = teks_pilihan(Jenjang, tulis=True, required=False, allow_blank=True, default="")
    lokasi_studi = teks_pilihan(LokasiStudi, tulis=True, required=False, allow_blank=True, default="")
    akreditasi_institusi = serializers.ChoiceField(
        choices=["", "A", "B", "C"], required=False, allow_blank=True, default=""
    )
    kelulusan = teks_pilihan(Kelulusan, tulis=True, required=False, allow_blank=True, default="")

    def validate_catatan_perilaku(self, value):
        salah = [k for k in value if k not in PerilakuKerja.values]
        if salah:
            raise serializers.ValidationError(f"Nilai BerAKHLAK tidak dikenal: {', '.join(salah)}.")
        return value


class EvaluasiKataSandiSerializer(serializers.Serializer):
    password = serializers.CharField(trim_whitespace=False, max_length=256)


class EvaluasiPakaiSerializer(serializers.Serializer):
    sumber = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Id evaluasi sebelumnya.")


PERIODE_PARAM = OpenApiParameter("periode", OpenApiTypes.INT, description="Id periode evaluasi.")
STATUS_PARAM = OpenApiParameter("status", OpenApiTypes.STR, description=", ".join(StatusEvaluasi.values))
SEBAGAI_PARAM = OpenApiParameter("as", OpenApiTypes.STR, description="penilai, atasan atau pegawai.")


@extend_schema_view(
    list=extend_schema(
        summary="Evaluasi yang boleh Anda lihat",
        parameters=[PERIODE_PARAM, STATUS_PARAM, SEBAGAI_PARAM],
        responses={200: EvaluasiSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu evaluasi dengan bahan penilaiannya",
        responses={200: EvaluasiHalamanSerializer, 404: NOT_FOUND_RESPONSE},
    ),
)
@extend_schema(tags=["evaluasi"])
class EvaluasiViewSet(SkpApiMixin, TenantReadViewSet):
    model = Evaluasi
    serializer_class = EvaluasiSerializer

    def visible_to(self, user):
        return evaluasi_visible_to(user)

    def prepare(self, queryset):
        return queryset.select_related("periode", "pegawai", "unit").order_by(
            "-periode__tahun", "periode__jenis", "-periode__nomor", "pegawai__nama", "pk"
        )

    def filter_list(self, qs):
        params = self.request.query_params
        if "periode" in params:
            qs = qs.filter(periode_id=self._id_param("periode"))
        if "status" in params:
            nilai = self._text_param("status")
            if nilai not in StatusEvaluasi.values:
                raise exceptions.ValidationError(
                    {"status": f"Pilih salah satu: {', '.join(StatusEvaluasi.values)}."}
                )
            qs = qs.filter(status=nilai)
        if "as" in params:
            sebagai = self._text_param("as")
            user = self.request.user
            if sebagai not in SEBAGAI:
                raise exceptions.ValidationError({"as": f"Pilih salah satu: {', '.join(SEBAGAI)}."})
            if sebagai == "penilai":
                qs = qs.filter(sel._q_penilai(user))
            elif sebagai == "atasan":
                qs = qs.filter(sel._q_atasan(user))
            else:
                qs = qs.filter(pegawai_id=user.pegawai_id) if user.pegawai_id else qs.none()
        return qs

    def _halaman(self, evaluasi):
        h = sel.halaman_evaluasi(evaluasi, self.request.user, tanggal=waktu.hari_ini(evaluasi.pemda_id))
        return EvaluasiHalamanSerializer(h).data

    def retrieve(self, request, pk=None):
        return Response(self._halaman(self.get_object()))

    @extend_schema(
        summary="Isi rating (Penilai; atasan Penilai setelah jangka waktu evaluasi)",
        request=EvaluasiNilaiSerializer,
        responses={200: EvaluasiHalamanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def nilai(self, request, pk=None):
        evaluasi = self.get_object()
        d = EvaluasiNilaiSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        ev = services.nilai(evaluasi=evaluasi, by=request.user, **d.validated_data)
        return Response(self._halaman(self.get_queryset().get(pk=ev.pk)))

    @extend_schema(
        summary="Tandatangani hasil evaluasi dan dokumen evaluasi (D.1.1, atau D.1.2 oleh atasan Penilai)",
        request=EvaluasiKataSandiSerializer,
        responses={200: EvaluasiHalamanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def tandatangani(self, request, pk=None):
        evaluasi = self.get_object()
        d = EvaluasiKataSandiSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        ev = services.tandatangani_evaluator(
            evaluasi=evaluasi, by=request.user, password=d.validated_data["password"]
        )
        return Response(self._halaman(self.get_queryset().get(pk=ev.pk)))

    @extend_schema(
        summary="Pegawai menandatangani dan mengembalikan dokumen evaluasi",
        request=EvaluasiKataSandiSerializer,
        responses={200: EvaluasiHalamanSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="tandatangani-pegawai", url_name="tandatangani-pegawai")
    def tandatangani_pegawai(self, request, pk=None):
        evaluasi = self.get_object()
        d = EvaluasiKataSandiSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        if not adalah_pegawai(request.user, evaluasi):
            raise exceptions.PermissionDenied(
                "Hanya Pegawai yang dinilai yang menandatangani dokumen evaluasinya."
            )
        ev = services.tandatangani_pegawai(
            evaluasi=evaluasi, by=request.user, password=d.validated_data["password"]
        )
        return Response(self._halaman(self.get_queryset().get(pk=ev.pk)))

    @extend_schema(
        summary="Pakai hasil periode sebelumnya (mutasi; lampiran Evaluasi Kinerja angka 13 huruf a)",
        request=EvaluasiPakaiSerializer,
        responses={200: EvaluasiHalamanSerializer, **WRITE_ERRORS},
    )
    @action(
        detail=True, methods=["post"], url_path="pakai-hasil-sebelumnya", url_name="pakai-hasil-sebelumnya"
    )
    def pakai_hasil_sebelumnya(self, request, pk=None):
        evaluasi = self.get_object()
        d = EvaluasiPakaiSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        sumber = (
            Evaluasi.objects.filter(pk=d.validated_data["sumber"], pegawai_id=evaluasi.pegawai_id)
            .select_related("periode")
            .first()
        )
        if sumber is None:
            raise exceptions.ValidationError({"sumber": "Evaluasi sebelumnya tidak ditemukan."})
        ev = services.pakai_hasil_sebelumnya(evaluasi=evaluasi, sumber=sumber, by=request.user)
        return Response(self._halaman(self.get_queryset().get(pk=ev.pk)))


ROUTES = [("evaluasi", EvaluasiViewSet, "evaluasi")]
EXTRA_URLS = []
