"""API of the realisasi area: catatan harian, realisasi per IKI per period, bukti dukung (issue 4 items 1, 2
and their part of 8). The same services as the pages, so the same rules.

Reads go through umpanbalik.permissions.skp_pelaksanaan_visible_to: what the user may not read is a 404,
as if of another Pemda. Writes call one service each; a service's ValidationError is a 400 with the
messages per field, PermissionDenied a 403 with the reason (skp.api.SkpApiMixin).

ROUTES = [(prefix, viewset, basename)], EXTRA_URLS = [path(...)].
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import TENANT_PERMISSIONS, TenantReadViewSet
from kinerja.models import PengaturanPemda, PeriodeDokumentasi
from skp import waktu
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin
from skp.models import Iki, RencanaAksi, Rhk, Skp
from skp.selectors import skp_berlaku_pada
from skp.services._umum import TETAP

from .. import periode as periode_mod
from ..models import BuktiDukung, CatatanHarian, Realisasi, SifatRealisasi
from ..permissions import skp_pelaksanaan_visible_to
from ..selectors import realisasi as sel
from ..services import catatan as catatan_services
from ..services import realisasi as services
from ..views.realisasi import respons_bukti


def _terlihat(user):
    return skp_pelaksanaan_visible_to(user).values("pk")


def _pengaturan():
    return PengaturanPemda.objects.first()


@extend_schema_field(OpenApiTypes.INT)
class _TerlihatField(serializers.PrimaryKeyRelatedField):
    """An id of a row on an SKP the user may read; anything else reads as "not found" (400)."""

    default_error_messages = {
        "does_not_exist": "Tidak ditemukan: id {pk_value}.",
        "incorrect_type": "Id harus angka, bukan {data_type}.",
    }

    def __init__(self, model, skp_path, **kwargs):
        self.model, self.skp_path = model, skp_path
        super().__init__(**kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        return self.model.objects.filter(**{f"{self.skp_path}__in": _terlihat(user)})


def _terlihat_field(model, skp_path, **kwargs):
    return _TerlihatField(model, skp_path, **kwargs)


def _kode_periode(kode: str, skp: Skp):
    try:
        return periode_mod.dari_kode(kode, skp.tahun, _pengaturan())
    except ValueError as exc:
        raise exceptions.ValidationError({"periode": str(exc)}) from None


# Serializers ------------------------------------------------------------------------------------------------
class BuktiSerializer(serializers.ModelSerializer):
    jenis = serializers.SerializerMethodField(help_text="'berkas' atau 'tautan'.")
    unduh = serializers.SerializerMethodField(
        help_text="URL API untuk mengunduh berkas (atau membuka tautan)."
    )

    class Meta:
        model = BuktiDukung
        fields = [
            "id",
            "realisasi",
            "jenis",
            "nama_berkas",
            "ukuran",
            "tipe",
            "sha256",
            "tautan",
            "keterangan",
            "dibuat_pada",
            "unduh",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_jenis(self, obj):
        return "tautan" if obj.tautan else "berkas"

    @extend_schema_field(OpenApiTypes.URI)
    def get_unduh(self, obj):
        url = reverse("api:bukti-unduh", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RealisasiSerializer(serializers.ModelSerializer):
    periode = serializers.SerializerMethodField(help_text="Kode periode, mis. 'bulanan-3'.")
    periode_label = serializers.SerializerMethodField()
    sifat = serializers.CharField(help_text="progres atau akhir.")
    dibuat_oleh = serializers.SerializerMethodField(help_text="Nama yang mencatat.")
    bukti = BuktiSerializer(many=True, read_only=True)

    class Meta:
        model = Realisasi
        fields = [
            "id",
            "skp",
            "iki",
            "periode",
            "periode_label",
            "sifat",
            "nilai",
            "teks",
            "versi",
            "sebelumnya",
            "berlaku",
            "alasan_ubah",
            "dibuat_oleh",
            "dibuat_pada",
            "bukti",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_periode(self, obj):
        return f"{obj.jenis_periode}-{obj.nomor_periode}"

    @extend_schema_field(OpenApiTypes.STR)
    def get_periode_label(self, obj):
        return periode_mod.Periode(obj.jenis_periode, obj.nomor_periode, obj.skp.tahun).label

    @extend_schema_field(OpenApiTypes.STR)
    def get_dibuat_oleh(self, obj):
        u = obj.dibuat_oleh
        return getattr(u, "nama_tampil", "") or u.username


class VersiRingkasSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    versi = serializers.IntegerField()
    skp = serializers.IntegerField(source="skp_id")
    berlaku = serializers.BooleanField()
    dibuat_pada = serializers.DateTimeField()


class RealisasiDetailSerializer(RealisasiSerializer):
    riwayat = serializers.SerializerMethodField(help_text="Semua versi realisasi IKI ini pada periode ini.")

    class Meta(RealisasiSerializer.Meta):
        fields = [*RealisasiSerializer.Meta.fields, "riwayat"]

    @extend_schema_field(VersiRingkasSerializer(many=True))
    def get_riwayat(self, obj):
        return VersiRingkasSerializer(sel.riwayat_realisasi(obj), many=True).data


class RealisasiTulisSerializer(serializers.Serializer):
    iki = _terlihat_field(Iki, "rhk__skp", help_text="Id IKI pada SKP Anda yang berlaku.")
    periode = serializers.CharField(help_text="Kode periode pendokumentasian, mis. 'bulanan-3'.")
    nilai = serializers.DecimalField(
        max_digits=30,
        decimal_places=10,
        required=False,
        allow_null=True,
        help_text="Capaian kumulatif dalam satuan target (IKI kuantitatif).",
    )
    teks = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Uraian (wajib bagi IKI kualitatif)."
    )
    sifat = serializers.ChoiceField(
        choices=SifatRealisasi.choices, required=False, default=SifatRealisasi.PROGRES
    )
    alasan = serializers.CharField(required=False, allow_blank=True, default="")


class CatatanHarianSerializer(serializers.ModelSerializer):
    class Meta:
        model = CatatanHarian
        fields = [
            "id",
            "skp",
            "tanggal",
            "uraian",
            "hasil",
            "rhk",
            "rencana_aksi",
            "dibuat_pada",
            "diubah_pada",
        ]


class CatatanHarianTulisSerializer(serializers.Serializer):
    skp = _terlihat_field(
        Skp, "pk", required=False, help_text="Id SKP; tanpa ini SKP Anda yang berlaku hari ini."
    )
    tanggal = serializers.DateField(required=False, help_text="Tanpa ini: hari ini.")
    uraian = serializers.CharField(allow_blank=True, trim_whitespace=False)
    hasil = serializers.CharField(required=False, allow_blank=True, default="")
    rhk = _terlihat_field(Rhk, "skp", required=False, allow_null=True)
    rencana_aksi = _terlihat_field(RencanaAksi, "rhk__skp", required=False, allow_null=True)


class CatatanHarianUbahSerializer(serializers.Serializer):
    tanggal = serializers.DateField(required=False)
    uraian = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    hasil = serializers.CharField(required=False, allow_blank=True)
    rhk = _terlihat_field(Rhk, "skp", required=False, allow_null=True)
    rencana_aksi = _terlihat_field(RencanaAksi, "rhk__skp", required=False, allow_null=True)


class BuktiTulisSerializer(serializers.Serializer):
    realisasi = _terlihat_field(Realisasi, "skp", help_text="Id realisasi (versi yang berlaku).")
    berkas = serializers.FileField(
        required=False, allow_empty_file=True, help_text="PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT atau ODS."
    )
    tautan = serializers.CharField(required=False, allow_blank=True, default="", help_text="http/https.")
    keterangan = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, data):
        berkas, tautan = data.get("berkas"), (data.get("tautan") or "").strip()
        if bool(berkas) == bool(tautan):
            raise serializers.ValidationError("Kirim salah satu: `berkas` (multipart) atau `tautan`.")
        return data


# Viewsets ---------------------------------------------------------------------------------------------------
class _Basis(SkpApiMixin, viewsets.GenericViewSet):
    permission_classes = TENANT_PERMISSIONS
    lookup_value_regex = TenantReadViewSet.lookup_value_regex
    model: type | None = None
    get_queryset = TenantReadViewSet.get_queryset
    _id_param = TenantReadViewSet._id_param

    def prepare(self, queryset):
        return queryset

    def _data(self, serializer_class, **kwargs):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        data.is_valid(raise_exception=True)
        return data.validated_data


@extend_schema_view(
    list=extend_schema(
        summary="Catatan harian",
        description="Tanpa `skp`: catatan harian Anda sendiri. Dengan `skp`: catatan pada SKP itu, bila Anda "
        "boleh membaca pelaksanaannya.",
        parameters=[OpenApiParameter("skp", OpenApiTypes.INT, description="Id SKP.")],
    ),
    retrieve=extend_schema(
        summary="Satu catatan harian", responses={200: CatatanHarianSerializer, 404: NOT_FOUND_RESPONSE}
    ),
    create=extend_schema(
        summary="Tambah catatan harian",
        description="Oleh Pegawai pemilik SKP yang ditetapkan dan berlaku; tanggal dalam periode SKP, tidak "
        "setelah hari ini.",
        request=CatatanHarianTulisSerializer,
        responses={201: CatatanHarianSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Ubah catatan harian",
        request=CatatanHarianUbahSerializer,
        responses={200: CatatanHarianSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(summary="Hapus catatan harian", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["pelaksanaan"])
class CatatanHarianViewSet(_Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    model = CatatanHarian
    serializer_class = CatatanHarianSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def visible_to(self, user):
        return CatatanHarian.objects.filter(skp__in=_terlihat(user))

    def prepare(self, queryset):
        return queryset.order_by("-tanggal", "-id")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        if self.request.query_params.get("skp"):
            return queryset.filter(skp_id=self._id_param("skp"))
        return queryset.filter(pegawai_id=self.request.user.pegawai_id)

    def create(self, request):
        d = self._data(CatatanHarianTulisSerializer)
        tanggal = d.get("tanggal") or waktu.hari_ini(request.user.pemda_id)
        skp = d.get("skp")
        if skp is None:
            skp = skp_berlaku_pada(request.user.pegawai, tanggal) if request.user.pegawai_id else None
            if skp is None:
                raise exceptions.ValidationError(
                    {"skp": "Anda tidak memiliki SKP yang ditetapkan dan berlaku."}
                )
        catatan = catatan_services.catatan_harian_buat(
            skp=skp,
            by=request.user,
            tanggal=tanggal,
            uraian=d["uraian"],
            hasil=d["hasil"],
            rhk=d.get("rhk"),
            rencana_aksi=d.get("rencana_aksi"),
        )
        return Response(CatatanHarianSerializer(catatan).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        catatan = self.get_object()
        d = self._data(CatatanHarianUbahSerializer, partial=True)
        kwargs = {f: d.get(f, TETAP) for f in ("tanggal", "uraian", "hasil", "rhk", "rencana_aksi")}
        catatan = catatan_services.catatan_harian_ubah(catatan=catatan, by=request.user, **kwargs)
        return Response(CatatanHarianSerializer(catatan).data)

    def destroy(self, request, pk=None):
        catatan_services.catatan_harian_hapus(catatan=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _realisasi_qs():
    return Realisasi.objects.select_related("skp", "iki", "dibuat_oleh__pegawai").prefetch_related("bukti")


@extend_schema_view(
    list=extend_schema(
        summary="Realisasi",
        description="Realisasi yang boleh Anda baca; bawaannya hanya versi yang berlaku.",
        parameters=[
            OpenApiParameter("skp", OpenApiTypes.INT, description="Id SKP."),
            OpenApiParameter("iki", OpenApiTypes.INT, description="Id IKI."),
            OpenApiParameter("periode", OpenApiTypes.STR, description="Kode periode, mis. 'bulanan-3'."),
            OpenApiParameter("semua_versi", OpenApiTypes.BOOL, description="Termasuk versi yang digantikan."),
        ],
    ),
    retrieve=extend_schema(
        summary="Satu versi realisasi dengan bukti dan riwayat versinya",
        responses={200: RealisasiDetailSerializer, 404: NOT_FOUND_RESPONSE},
    ),
    create=extend_schema(
        summary="Catat realisasi",
        description="Oleh Pegawai pemilik SKP yang berlaku. Bila IKI itu sudah punya realisasi pada periode "
        "itu, tercatat versi baru (bukti versi lama ikut terbawa); versi lama tetap tersimpan.",
        request=RealisasiTulisSerializer,
        responses={201: RealisasiDetailSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["pelaksanaan"])
class RealisasiViewSet(_Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    model = Realisasi
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return RealisasiSerializer if self.action == "list" else RealisasiDetailSerializer

    def visible_to(self, user):
        return Realisasi.objects.filter(skp__in=_terlihat(user))

    def prepare(self, queryset):
        return (
            queryset.select_related("skp", "iki", "dibuat_oleh__pegawai")
            .prefetch_related("bukti")
            .order_by("skp_id", "iki_id", "jenis_periode", "nomor_periode", "-versi")
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        params = self.request.query_params
        if params.get("skp"):
            queryset = queryset.filter(skp_id=self._id_param("skp"))
        if params.get("iki"):
            queryset = queryset.filter(iki_id=self._id_param("iki"))
        if params.get("periode"):
            jenis, _, nomor = params["periode"].partition("-")
            if jenis not in PeriodeDokumentasi.values or not nomor.isdigit():
                raise exceptions.ValidationError(
                    {"periode": f"Periode '{params['periode']}' tidak dikenal; contoh: 'bulanan-3'."}
                )
            queryset = queryset.filter(jenis_periode=jenis, nomor_periode=int(nomor))
        if params.get("semua_versi") not in ("1", "true"):
            queryset = queryset.filter(berlaku=True)
        return queryset

    def create(self, request):
        d = self._data(RealisasiTulisSerializer)
        iki = Iki.objects.select_related("rhk__skp").get(pk=d["iki"].pk)
        skp = iki.rhk.skp
        periode = _kode_periode(d["periode"], skp)
        r = services.realisasi_catat(
            skp=skp,
            iki=iki,
            periode=periode,
            by=request.user,
            nilai=d.get("nilai"),
            teks=d["teks"],
            sifat=d["sifat"],
            alasan=d["alasan"],
        )
        return Response(
            RealisasiDetailSerializer(
                _realisasi_qs().get(pk=r.pk), context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Tarik dari catatan harian",
        description="Catatan harian pada periode itu untuk RHK dari IKI ini, sebagai teks yang dapat dipakai "
        "untuk uraian realisasi.",
        parameters=[
            OpenApiParameter("iki", OpenApiTypes.INT, required=True),
            OpenApiParameter("periode", OpenApiTypes.STR, required=True, description="Mis. 'bulanan-3'."),
        ],
        responses={
            200: inline_serializer("TarikCatatan", {"teks": serializers.CharField()}),
            400: OpenApiResponse(description="IKI atau periode tidak sah."),
        },
    )
    @action(detail=False, methods=["get"], url_path="dari-catatan", url_name="dari-catatan")
    def dari_catatan(self, request):
        iki = (
            Iki.objects.filter(pk=self._id_param("iki"), rhk__skp__in=_terlihat(request.user))
            .select_related("rhk__skp")
            .first()
        )
        if iki is None:
            raise exceptions.ValidationError({"iki": "IKI tidak ditemukan."})
        periode = _kode_periode(request.query_params.get("periode", ""), iki.rhk.skp)
        return Response({"teks": sel.realisasi_dari_catatan(skp=iki.rhk.skp, iki=iki, periode=periode)})


@extend_schema_view(
    retrieve=extend_schema(
        summary="Satu bukti dukung", responses={200: BuktiSerializer, 404: NOT_FOUND_RESPONSE}
    ),
    destroy=extend_schema(
        summary="Hapus bukti dukung",
        description="Membuat versi baru realisasi tanpa bukti ini (versi lama tetap menyimpannya); menjawab "
        "versi baru itu.",
        responses={200: RealisasiDetailSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["pelaksanaan"])
class BuktiDukungViewSet(_Basis, mixins.RetrieveModelMixin):
    model = BuktiDukung
    serializer_class = BuktiSerializer
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def visible_to(self, user):
        return BuktiDukung.objects.filter(realisasi__skp__in=_terlihat(user))

    @extend_schema(
        summary="Tambah bukti dukung",
        description="Pada versi realisasi yang berlaku, oleh Pegawai pemilik: `berkas` (multipart; isi "
        "diperiksa, paling besar sesuai batas Pemda) atau `tautan` (http/https).",
        request={"multipart/form-data": BuktiTulisSerializer, "application/json": BuktiTulisSerializer},
        responses={201: BuktiSerializer, **WRITE_ERRORS},
    )
    def create(self, request):
        d = self._data(BuktiTulisSerializer)
        if d.get("berkas"):
            bukti = services.bukti_unggah(
                realisasi=d["realisasi"], by=request.user, berkas=d["berkas"], keterangan=d["keterangan"]
            )
        else:
            bukti = services.bukti_tautan(
                realisasi=d["realisasi"], by=request.user, tautan=d["tautan"], keterangan=d["keterangan"]
            )
        return Response(
            BuktiSerializer(bukti, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request, pk=None):
        baru = services.bukti_hapus(bukti=self.get_object(), by=request.user)
        return Response(
            RealisasiDetailSerializer(
                _realisasi_qs().get(pk=baru.pk), context=self.get_serializer_context()
            ).data
        )

    @extend_schema(
        summary="Unduh bukti dukung",
        description="Berkasnya (jenis yang tersimpan; PDF dan gambar ditampilkan, lainnya diunduh), atau "
        "pengalihan ke tautannya.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="Berkas."),
            302: OpenApiResponse(description="Pengalihan ke tautan bukti."),
            404: NOT_FOUND_RESPONSE,
        },
    )
    @action(detail=True, methods=["get"])
    def unduh(self, request, pk=None):
        return respons_bukti(self.get_object())


ROUTES = [
    ("catatan-harian", CatatanHarianViewSet, "catatan-harian"),
    ("realisasi", RealisasiViewSet, "realisasi"),
    ("bukti", BuktiDukungViewSet, "bukti"),
]
EXTRA_URLS = []
