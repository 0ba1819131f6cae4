"""API of umpan balik berkelanjutan, invitations, the leader's responses to progress and ambil alih.

The same rules as the pages, because both call the same services and selectors: an SKP the user may not see
(another Pemda's, or not hers) is a 404; one she sees but may not act on is a 403 with the reason; input a
rule refuses is a 400 with the reason per field (skp.api.SkpApiMixin maps the services' exceptions).

- `umpan-balik`: list `?skp=` (what umpanbalik.selectors.umpan_balik.umpan_balik_untuk lets the user read,
  giver names hidden where the Pemda chose anonymity for peers), create.
- `undangan-umpan-balik`: list (on her own SKP, on SKP of the Pegawai she leads, her own invitations; all for
  BKPSDM), create, `cabut`.
- `tanggapan-progres`: list `?skp=`, create (the leader).
- `ambil-alih`: list `?skp=`, create (the leader, after a follow-up; Pasal 19 ayat (6)).
"""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import TENANT_PERMISSIONS
from kinerja.models import Pegawai, PeriodeDokumentasi
from kinerja.permissions import sees_all_pegawai
from kinerja.selectors.penilai import Struktur
from skp import waktu
from skp.api import NOT_FOUND_RESPONSE, WRITE_ERRORS, SkpApiMixin, teks_pilihan
from skp.models import Iki, Rhk, Skp
from skp.perilaku import PerilakuKerja

from ..models import (
    AmbilAlih,
    CaraUmpanBalik,
    JenisTanggapan,
    JenisUmpanBalik,
    PeranPemberi,
    Realisasi,
    TanggapanProgres,
    UmpanBalik,
    UndanganUmpanBalik,
)
from ..permissions import get_skp_pelaksanaan_for_user, skp_pelaksanaan_visible_to
from ..selectors import umpan_balik as sel
from ..services import tindak_lanjut as tl
from ..services import umpan_balik as svc

SKP_PARAM = OpenApiParameter("skp", OpenApiTypes.INT, required=True, description="Id SKP.")
PERAN_UNDANGAN = [p.value for p in svc.PERAN_UNDANGAN]


def _id(value, field):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 0 < number < 2**63:
        raise exceptions.ValidationError({field: f"'{value}' bukan id yang sah."})
    return number


class _Dasar(SkpApiMixin, viewsets.GenericViewSet):
    permission_classes = TENANT_PERMISSIONS
    lookup_value_regex = r"\d+"
    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.visible_to(self.request.user)

    def visible_to(self, user):
        return self.model.objects.none()

    def _skp_param(self) -> Skp:
        """The SKP of `?skp=`: 404 when she may not see it (another Pemda's included)."""
        if "skp" not in self.request.query_params:
            raise exceptions.ValidationError({"skp": "Sebutkan SKP-nya: ?skp=<id>."})
        return get_skp_pelaksanaan_for_user(self.request.user, _id(self.request.query_params["skp"], "skp"))

    def _skp_body(self, data) -> Skp:
        return get_skp_pelaksanaan_for_user(self.request.user, data["skp"])

    def _halaman(self, rows, serializer_class):
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer_class(page, many=True).data)

    def _baca(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data


def _cek_pembaca_tindak_lanjut(skp, user):
    if not sel.membaca_tindak_lanjut(skp, user):
        raise exceptions.PermissionDenied(
            "Tanggapan dan pengambilalihan hanya dapat dibaca Pegawai pemilik SKP, pimpinannya, Atasan Penilai, "
            "BKPSDM dan Kepala Daerah."
        )


# Umpan balik ------------------------------------------------------------------------------------------------
class UmpanBalikSerializer(serializers.ModelSerializer):
    peran = teks_pilihan(PeranPemberi)
    peran_label = serializers.CharField(source="get_peran_display")
    jenis = teks_pilihan(JenisUmpanBalik)
    cara = teks_pilihan(CaraUmpanBalik)
    perilaku = teks_pilihan(PerilakuKerja)
    periode = serializers.SerializerMethodField(help_text="Kode periode, mis. 'bulanan-3'.")
    jenis_periode = teks_pilihan(PeriodeDokumentasi)
    pemberi_nama = serializers.CharField(
        source="nama_pemberi", help_text="Nama pemberi, atau perannya bila Pemda merahasiakan nama rekan."
    )
    pemberi_pegawai = serializers.SerializerMethodField(
        help_text="Id Pegawai pemberi; null bila dirahasiakan."
    )
    anonim = serializers.BooleanField()

    class Meta:
        model = UmpanBalik
        fields = [
            "id",
            "skp",
            "peran",
            "peran_label",
            "jenis",
            "cara",
            "periode",
            "jenis_periode",
            "nomor_periode",
            "rhk",
            "iki",
            "realisasi",
            "perilaku",
            "teks",
            "tanggal",
            "pemberi_nama",
            "pemberi_pegawai",
            "anonim",
        ]

    def get_periode(self, obj) -> str:
        return f"{obj.jenis_periode}-{obj.nomor_periode}"

    def get_pemberi_pegawai(self, obj) -> int | None:
        return None if obj.anonim else obj.pemberi_pegawai_id


class UmpanBalikTulisSerializer(serializers.Serializer):
    skp = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    teks = serializers.CharField(max_length=5000)
    jenis = teks_pilihan(JenisUmpanBalik, tulis=True)
    cara = teks_pilihan(CaraUmpanBalik, tulis=True, required=False, default=CaraUmpanBalik.LANGSUNG)
    periode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=30,
        help_text="Mis. 'bulanan-3'; kosong: periode hari ini.",
    )
    rhk = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    iki = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    realisasi = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    perilaku = teks_pilihan(PerilakuKerja, tulis=True, required=False, allow_blank=True, default="")


def _baris(model, pk, field, **filter):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **filter).first()
    if obj is None:
        raise exceptions.ValidationError({field: f"{field.upper()} {pk} bukan bagian dari SKP ini."})
    return obj


@extend_schema_view(
    list=extend_schema(
        summary="Umpan balik atas satu SKP yang boleh Anda baca",
        description="Pegawai: semua umpan balik atas SKP-nya (nama rekan dirahasiakan bila Pemda memilih "
        "demikian); pimpinan, Atasan Penilai, BKPSDM, Kepala Daerah: semua dengan nama; yang diundang: "
        "umpan balik yang diberikannya sendiri.",
        parameters=[SKP_PARAM],
        responses={200: UmpanBalikSerializer(many=True), 404: NOT_FOUND_RESPONSE},
    ),
    create=extend_schema(
        summary="Beri umpan balik",
        description="Oleh pimpinan (berkala/insidental) atau pemberi yang diundang; SKP harus ditetapkan.",
        request=UmpanBalikTulisSerializer,
        responses={201: UmpanBalikSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["umpan balik"])
class UmpanBalikViewSet(_Dasar):
    model = UmpanBalik
    serializer_class = UmpanBalikSerializer

    def list(self, request):
        skp = self._skp_param()
        return self._halaman(sel.umpan_balik_untuk(skp, request.user), UmpanBalikSerializer)

    def create(self, request):
        d = self._baca(UmpanBalikTulisSerializer)
        skp = self._skp_body(d)
        ub = svc.umpan_balik_beri(
            skp=skp,
            by=request.user,
            teks=d["teks"],
            jenis=d["jenis"],
            cara=d["cara"],
            periode=d.get("periode") or None,
            rhk=_baris(Rhk, d.get("rhk"), "rhk", skp=skp),
            iki=_baris(Iki, d.get("iki"), "iki", rhk__skp=skp),
            realisasi=_baris(Realisasi, d.get("realisasi"), "realisasi", skp=skp),
            perilaku=d["perilaku"],
        )
        baris = next(u for u in sel.umpan_balik_untuk(skp, request.user) if u.pk == ub.pk)
        return Response(UmpanBalikSerializer(baris).data, status=status.HTTP_201_CREATED)


# Undangan ---------------------------------------------------------------------------------------------------
class UndanganSerializer(serializers.ModelSerializer):
    skp = serializers.IntegerField(source="content_object_id")
    pegawai_nama = serializers.CharField(source="pegawai.nama_lengkap")
    peran = teks_pilihan(PeranPemberi)
    peran_label = serializers.CharField(source="get_peran_display")
    berlaku = serializers.SerializerMethodField()

    class Meta:
        model = UndanganUmpanBalik
        fields = [
            "id",
            "skp",
            "pegawai",
            "pegawai_nama",
            "peran",
            "peran_label",
            "dibuat_pada",
            "dicabut_pada",
            "berlaku",
        ]

    def get_berlaku(self, obj) -> bool:
        return obj.dicabut_pada is None


class UndanganTulisSerializer(serializers.Serializer):
    skp = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    pegawai = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**63 - 1, help_text="Id Pegawai; atau `nip`."
    )
    nip = serializers.CharField(required=False, allow_blank=True, max_length=30)
    peran = teks_pilihan(PERAN_UNDANGAN, tulis=True)

    def validate(self, data):
        nip = (data.get("nip") or "").replace(" ", "")
        if bool(data.get("pegawai")) == bool(nip):
            raise serializers.ValidationError(
                "Sebutkan Pegawai yang diundang: `pegawai` (id) atau `nip`, salah satu."
            )
        data["nip"] = nip
        return data


@extend_schema_view(
    list=extend_schema(
        summary="Undangan umpan balik",
        description="Atas SKP Anda, atas SKP Pegawai yang Anda nilai, dan undangan untuk Anda; seluruh Pemda bagi "
        "BKPSDM dan Kepala Daerah.",
        parameters=[
            OpenApiParameter("skp", OpenApiTypes.INT, description="Hanya atas SKP ini."),
            OpenApiParameter("berlaku", OpenApiTypes.BOOL, description="Hanya yang belum dicabut."),
        ],
    ),
    create=extend_schema(
        summary="Undang pemberi umpan balik",
        description="Oleh Pegawai pemilik SKP atau pimpinannya; Pegawai Pemda ini yang memiliki akun.",
        request=UndanganTulisSerializer,
        responses={201: UndanganSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["umpan balik"])
class UndanganViewSet(_Dasar, mixins.ListModelMixin):
    model = UndanganUmpanBalik
    serializer_class = UndanganSerializer

    def visible_to(self, user):
        qs = UndanganUmpanBalik.objects.select_related("pegawai").order_by("-dibuat_pada", "-id")
        if sees_all_pegawai(user):
            return qs
        me = user.pegawai_id
        if me is None:
            return qs.filter(user_id=user.pk)
        dinilai = Struktur.for_pemda(
            pemda_id=user.pemda_id, tanggal=waktu.hari_ini(user.pemda_id)
        ).dinilai_oleh(me)
        return qs.filter(
            Q(user_id=user.pk)
            | Q(content_object__pegawai_id=me)
            | Q(content_object__penilai_id=me)
            | Q(content_object__pegawai_id__in=dinilai)
        )

    def filter_queryset(self, queryset):
        params = self.request.query_params
        if self.action == "list":
            if params.get("skp"):
                queryset = queryset.filter(content_object_id=_id(params["skp"], "skp"))
            if params.get("berlaku") in ("1", "true"):
                queryset = queryset.filter(dicabut_pada__isnull=True)
        return queryset

    def create(self, request):
        d = self._baca(UndanganTulisSerializer)
        skp = self._skp_body(d)
        if d.get("pegawai"):
            pegawai = Pegawai.objects.filter(pk=d["pegawai"]).first()
        else:
            pegawai = Pegawai.objects.filter(nip=d["nip"]).first()
        if pegawai is None:
            raise exceptions.ValidationError({"pegawai": "Pegawai tidak ditemukan di Pemda ini."})
        undangan = svc.undangan_buat(skp=skp, pegawai=pegawai, peran=d["peran"], by=request.user)
        return Response(UndanganSerializer(undangan).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cabut undangan",
        description="Oleh Pegawai pemilik SKP atau pimpinannya.",
        request=None,
        responses={200: UndanganSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def cabut(self, request, pk=None):
        undangan = svc.undangan_cabut(undangan=self.get_object(), by=request.user)
        return Response(UndanganSerializer(undangan).data)


# Tanggapan progres ------------------------------------------------------------------------------------------
class TanggapanSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(JenisTanggapan)
    jenis_label = serializers.CharField(source="get_jenis_display")
    oleh_nama = serializers.CharField(source="oleh.nama_tampil")

    class Meta:
        model = TanggapanProgres
        fields = ["id", "skp", "jenis", "jenis_label", "rhk", "teks", "tanggal", "oleh_nama"]


class TanggapanTulisSerializer(serializers.Serializer):
    skp = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    jenis = teks_pilihan(JenisTanggapan, tulis=True)
    teks = serializers.CharField(max_length=5000)
    rhk = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)


@extend_schema_view(
    list=extend_schema(
        summary="Tanggapan pimpinan atas kemajuan kinerja",
        parameters=[SKP_PARAM],
        responses={200: TanggapanSerializer(many=True), 403: WRITE_ERRORS[403], 404: NOT_FOUND_RESPONSE},
    ),
    create=extend_schema(
        summary="Catat tanggapan atas kemajuan kinerja",
        description="Oleh pimpinan (Pasal 19 ayat (2) dan (3)). Penyesuaian ekspektasi dilanjutkan dengan revisi "
        "SKP (`POST /api/skp/{id}/revisi/`).",
        request=TanggapanTulisSerializer,
        responses={201: TanggapanSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["umpan balik"])
class TanggapanViewSet(_Dasar):
    model = TanggapanProgres
    serializer_class = TanggapanSerializer

    def list(self, request):
        skp = self._skp_param()
        _cek_pembaca_tindak_lanjut(skp, request.user)
        return self._halaman(sel.tanggapan_untuk(skp), TanggapanSerializer)

    def create(self, request):
        d = self._baca(TanggapanTulisSerializer)
        skp = self._skp_body(d)
        tanggapan = tl.tanggapan_catat(
            skp=skp,
            by=request.user,
            jenis=d["jenis"],
            teks=d["teks"],
            rhk=_baris(Rhk, d.get("rhk"), "rhk", skp=skp),
        )
        return Response(TanggapanSerializer(tanggapan).data, status=status.HTTP_201_CREATED)


# Ambil alih -------------------------------------------------------------------------------------------------
class AmbilAlihSerializer(serializers.ModelSerializer):
    rhk_teks = serializers.CharField(source="rhk.teks")
    oleh_nama = serializers.CharField(source="oleh.nama_tampil")

    class Meta:
        model = AmbilAlih
        fields = ["id", "skp", "rhk", "rhk_teks", "catatan", "tanggal", "oleh_nama"]


class AmbilAlihTulisSerializer(serializers.Serializer):
    rhk = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    catatan = serializers.CharField(max_length=5000, default=tl.CATATAN_AMBIL_ALIH)


@extend_schema_view(
    list=extend_schema(
        summary="RHK yang diambil alih pimpinan",
        description="Semua versi SKP Pegawai pada tahun itu.",
        parameters=[SKP_PARAM],
        responses={200: AmbilAlihSerializer(many=True), 403: WRITE_ERRORS[403], 404: NOT_FOUND_RESPONSE},
    ),
    create=extend_schema(
        summary="Ambil alih RHK",
        description="Oleh pimpinan, setelah tindak lanjut (penyesuaian ekspektasi, dukungan sumber daya atau "
        "pembinaan) dicatat (Pasal 19 ayat (6)-(8)); satu kali per RHK.",
        request=AmbilAlihTulisSerializer,
        responses={201: AmbilAlihSerializer, **WRITE_ERRORS},
    ),
)
@extend_schema(tags=["umpan balik"])
class AmbilAlihViewSet(_Dasar):
    model = AmbilAlih
    serializer_class = AmbilAlihSerializer

    def list(self, request):
        skp = self._skp_param()
        _cek_pembaca_tindak_lanjut(skp, request.user)
        rows = sorted(sel.ambil_alih_untuk(skp).values(), key=lambda a: (a.tanggal, a.pk), reverse=True)
        return self._halaman(rows, AmbilAlihSerializer)

    def create(self, request):
        d = self._baca(AmbilAlihTulisSerializer)
        rhk = Rhk.objects.filter(
            pk=d["rhk"], skp__in=skp_pelaksanaan_visible_to(request.user).values("pk")
        ).first()
        if rhk is None:
            raise exceptions.NotFound("RHK tidak ditemukan.")
        alih = tl.ambil_alih(rhk=rhk, by=request.user, catatan=d["catatan"])
        return Response(AmbilAlihSerializer(alih).data, status=status.HTTP_201_CREATED)


ROUTES = [
    ("umpan-balik", UmpanBalikViewSet, "umpan-balik"),
    ("undangan-umpan-balik", UndanganViewSet, "undangan-umpan-balik"),
    ("tanggapan-progres", TanggapanViewSet, "tanggapan-progres"),
    ("ambil-alih", AmbilAlihViewSet, "ambil-alih"),
]
EXTRA_URLS = []
