"""The read API of the core (DRF + drf-spectacular).

The Pemda is never taken from request data: TenantMiddleware activates the logged-in user's Pemda (token
or session) before DRF runs, so every query below is already limited to it, and anything of another Pemda
is a 404. On top of that, each viewset says who may see which rows in one place, `visible_to`, applied by
the base class (NetBox `restrict`). Lists run a fixed number of queries whatever their length: related rows
come by select_related/prefetch, and what needs the org tree (leaders) is loaded once per page.
"""

import datetime

from django.contrib.auth import authenticate, user_logged_in
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from kinerja.models import (
    DelegasiPimpinan,
    Pegawai,
    Pemda,
    Penempatan,
    PengaturanPemda,
    RiwayatStatus,
    UnitKerja,
)
from kinerja.permissions import pegawai_visible_to, unit_visible_to
from kinerja.selectors.penilai import Dasar, Pejabat, rantai_penilai
from kinerja.selectors.periode import berlaku


# Access -----------------------------------------------------------------------------------------------
class PunyaPemda(permissions.BasePermission):
    """Tenant data is for users of a Pemda. A platform superadmin has none, and must not get every Pemda's
    rows through the API (the national view is /admin/ only)."""

    message = (
        "Akun ini tidak terikat pada Pemda mana pun; data API hanya tersedia bagi pengguna sebuah Pemda."
    )

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.pemda_id)


TENANT_PERMISSIONS = [permissions.IsAuthenticated, PunyaPemda]


class _PaginatorSempit(Paginator):
    """Picks the page's ids in a subquery that selects only the ids, and the wide rows of just those.

    A list ordered by a column of a joined table (the Pegawai's name) is sorted over the whole Pemda on
    every request; with select_related that sort carries every column of five tables (20,000 wide rows for
    25). Here the sort carries the id only, and the outer query, still one query, joins 25 rows."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


class HalamanSempit(PageNumberPagination):
    """The default page-number pagination (same parameters, same answer) with _PaginatorSempit."""

    django_paginator_class = _PaginatorSempit


class TenantReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of every API viewset: rows of the user's Pemda (the scope), restricted by `visible_to`.

    No class-level `queryset`: a scoped manager cannot build one before a Pemda is active.
    """

    permission_classes = TENANT_PERMISSIONS
    lookup_value_regex = r"\d+"
    model: type | None = None

    def visible_to(self, user):
        raise NotImplementedError

    def prepare(self, queryset):
        """select_related/prefetch for the serializer; called after the visibility restriction."""
        return queryset

    def filter_list(self, queryset):
        """Query-string filters of the list."""
        return queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no scope
            return self.model.objects.none()
        return self.prepare(self.visible_to(self.request.user))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return self.filter_list(queryset) if self.action == "list" else queryset

    def _text_param(self, name) -> str:
        value = self.request.query_params.get(name, "").strip()
        if "\x00" in value:  # PostgreSQL refuses NUL in a string: answer 400, not 500
            raise exceptions.ValidationError({name: "Teks pencarian memuat karakter NUL yang tidak sah."})
        return value

    def _id_param(self, name):
        value = self.request.query_params.get(name)
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 0 < number < 2**63:  # ids are positive bigints; beyond that the database raises
            raise exceptions.ValidationError({name: f"'{value}' bukan id yang sah."})
        return number


# Auth token -------------------------------------------------------------------------------------------
class Terkunci(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = (
        "Terlalu banyak percobaan masuk yang gagal untuk NIP ini dari alamat ini. Demi keamanan, akun "
        "dikunci sementara; coba lagi 15 menit lagi, atau hubungi admin BKPSDM."
    )
    default_code = "terkunci"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="NIP (boleh dengan spasi) atau nama pengguna.")
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenView(APIView):
    """Exchange NIP and password for an API token (`Authorization: Token <token>`).

    Goes through django-axes like the web login: failures are counted per NIP and address, and a locked
    NIP is refused even with the right password.
    """

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="NIP atau kata sandi salah."),
            429: OpenApiResponse(description="Terkunci (terlalu banyak kegagalan) atau dibatasi."),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # axes reads and flags the Django request, not DRF's wrapper around it.
        django_request = request._request
        user = authenticate(
            django_request,
            username=data.validated_data["username"].replace(" ", ""),
            password=data.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            # Answer in JSON; left flagged, AxesMiddleware would swap in the HTML lockout page.
            django_request.axes_locked_out = False
            raise Terkunci()
        if user is None:
            raise exceptions.ValidationError(
                {"non_field_errors": ["NIP atau kata sandi salah, atau akun tidak aktif."]}
            )
        # A token is a login: axes resets the failure count, Django records last_login.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# Pemda and its settings -------------------------------------------------------------------------------
class PemdaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pemda
        fields = ["id", "slug", "nama"]


class PemdaView(APIView):
    """The Pemda of the logged-in user."""

    permission_classes = TENANT_PERMISSIONS

    @extend_schema(responses=PemdaSerializer, tags=["pemda"])
    def get(self, request):
        return Response(PemdaSerializer(Pemda.objects.get(pk=request.user.pemda_id)).data)


class PengaturanSerializer(serializers.ModelSerializer):
    logo = serializers.SerializerMethodField(help_text="URL lambang daerah, atau null bila belum diunggah.")

    class Meta:
        model = PengaturanPemda
        exclude = ["pemda"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_logo(self, obj):
        if not obj.logo:
            return None
        url = f"{reverse('pemda_logo')}?v={obj.logo.name.rsplit('/', 1)[-1]}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class PengaturanView(APIView):
    """The regulation and letterhead settings of the logged-in user's Pemda (one object)."""

    permission_classes = TENANT_PERMISSIONS

    @extend_schema(responses=PengaturanSerializer, tags=["pemda"])
    def get(self, request):
        pengaturan = PengaturanPemda.objects.first()
        if pengaturan is None:
            raise Http404("Pengaturan Pemda belum dibuat.")
        return Response(PengaturanSerializer(pengaturan, context={"request": request}).data)


# Unit kerja -------------------------------------------------------------------------------------------
class PimpinanSerializer(serializers.Serializer):
    pegawai_id = serializers.IntegerField()
    nama = serializers.CharField()
    dasar = serializers.ChoiceField(
        choices=[Dasar.STRUKTUR, Dasar.PLT, Dasar.PLH],
        help_text="struktur = pejabat definitif; plt/plh = delegasi yang berlaku hari ini.",
    )


def pimpinan_units(unit_ids, tanggal: datetime.date) -> dict[int, dict]:
    """Who leads each unit on `tanggal`: the Plt./Plh. in force, else the definitive head. Two queries."""
    result = {}
    heads = berlaku(
        Penempatan.objects.filter(jabatan__memimpin_unit=True, jabatan__unit_id__in=unit_ids), tanggal
    ).select_related("pegawai", "jabatan")
    for p in heads:
        result[p.jabatan.unit_id] = {
            "pegawai_id": p.pegawai_id,
            "nama": p.pegawai.nama_lengkap,
            "dasar": "struktur",
        }
    delegasi = berlaku(
        DelegasiPimpinan.objects.filter(dicabut_pada__isnull=True, content_object_id__in=unit_ids), tanggal
    ).select_related("pegawai")
    # The most recent delegation wins, as in the Penilai derivation.
    for d in delegasi.order_by("mulai", "id"):
        result[d.content_object_id] = {
            "pegawai_id": d.pegawai_id,
            "nama": d.pegawai.nama_lengkap,
            "dasar": d.jenis,
        }
    return result


class UnitKerjaListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        units = list(data.all() if hasattr(data, "all") else data)
        self.child.context["pimpinan"] = pimpinan_units([u.pk for u in units], timezone.localdate())
        return super().to_representation(units)


class UnitKerjaSerializer(serializers.ModelSerializer):
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    pimpinan = serializers.SerializerMethodField(help_text="Pimpinan unit hari ini, atau null bila kosong.")

    class Meta:
        model = UnitKerja
        fields = [
            "id",
            "kode",
            "nama",
            "jenis",
            "jenis_label",
            "parent",
            "path",
            "depth",
            "aktif",
            "pimpinan",
        ]
        list_serializer_class = UnitKerjaListSerializer

    @extend_schema_field(PimpinanSerializer(allow_null=True))
    def get_pimpinan(self, obj):
        if "pimpinan" not in self.context:  # a single object; a list loads its whole page at once
            self.context["pimpinan"] = pimpinan_units([obj.pk], timezone.localdate())
        return self.context["pimpinan"].get(obj.pk)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "parent",
                OpenApiTypes.STR,
                description="Id unit induk; kosong (`?parent=`) untuk unit teratas (Perangkat Daerah).",
            ),
            OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada nama atau kode unit."),
        ]
    )
)
@extend_schema(tags=["unit-kerja"])
class UnitKerjaViewSet(TenantReadViewSet):
    """The org tree of the Pemda; visible to everyone of the Pemda."""

    model = UnitKerja
    serializer_class = UnitKerjaSerializer

    def visible_to(self, user):
        return unit_visible_to(user)

    def prepare(self, queryset):
        return queryset.order_by("path")

    def filter_list(self, queryset):
        params = self.request.query_params
        if "parent" in params:
            if params["parent"] == "":
                queryset = queryset.filter(parent__isnull=True)
            else:
                queryset = queryset.filter(parent_id=self._id_param("parent"))
        if q := self._text_param("q"):
            queryset = queryset.filter(Q(nama__icontains=q) | Q(kode__istartswith=q))
        return queryset


# Pegawai ----------------------------------------------------------------------------------------------
class RujukanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()


class PegawaiSerializer(serializers.ModelSerializer):
    golongan = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    jabatan = serializers.SerializerMethodField(help_text="Jabatan yang berlaku hari ini.")
    unit = serializers.SerializerMethodField(help_text="Unit kerja jabatan yang berlaku hari ini.")

    class Meta:
        model = Pegawai
        fields = ["id", "nip", "nama", "nama_lengkap", "jenis_asn", "golongan", "jabatan", "unit"]

    @staticmethod
    def _kini(obj):
        kini = getattr(obj, "penempatan_kini", None)
        return kini[0] if kini else None

    @extend_schema_field(RujukanSerializer(allow_null=True))
    def get_jabatan(self, obj):
        kini = self._kini(obj)
        return {"id": kini.jabatan_id, "nama": kini.jabatan.nama} if kini else None

    @extend_schema_field(RujukanSerializer(allow_null=True))
    def get_unit(self, obj):
        kini = self._kini(obj)
        return {"id": kini.jabatan.unit_id, "nama": kini.jabatan.unit.nama} if kini else None


class GolonganSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    pangkat = serializers.CharField()


class PejabatSerializer(serializers.Serializer):
    kepala_daerah = serializers.BooleanField(help_text="true: Kepala Daerah (bukan Pegawai).")
    pegawai_id = serializers.IntegerField(allow_null=True)
    nama = serializers.CharField()
    dasar = serializers.ChoiceField(choices=list(Dasar.LABEL))
    dasar_label = serializers.CharField()


class PegawaiDetailSerializer(PegawaiSerializer):
    golongan = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(
        help_text="Status kepegawaian hari ini ('aktif' bila tidak ada)."
    )
    penilai = serializers.SerializerMethodField(help_text="Pejabat Penilai Kinerja hari ini.")
    atasan_penilai = serializers.SerializerMethodField(help_text="Atasan Pejabat Penilai Kinerja hari ini.")
    masalah = serializers.SerializerMethodField(help_text="Mengapa Penilai tidak dapat ditentukan, bila ada.")

    class Meta(PegawaiSerializer.Meta):
        fields = [
            *PegawaiSerializer.Meta.fields,
            "gelar_depan",
            "gelar_belakang",
            "jenis_kelamin",
            "tanggal_lahir",
            "tmt",
            "email",
            "telepon",
            "status",
            "penilai",
            "atasan_penilai",
            "masalah",
        ]

    @extend_schema_field(GolonganSerializer(allow_null=True))
    def get_golongan(self, obj):
        g = obj.golongan
        return {"id": g.pk, "kode": g.kode, "pangkat": g.pangkat} if g else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_status(self, obj):
        kini = getattr(obj, "status_kini", None)
        return kini[0].status if kini else "aktif"

    def _rantai(self, obj):
        if not hasattr(obj, "_api_rantai"):
            rantai = rantai_penilai(obj, timezone.localdate())
            ids = [p.pegawai_id for p in (rantai.penilai, rantai.atasan_penilai) if p and p.pegawai_id]
            obj._api_rantai = rantai
            obj._api_nama = {p.pk: p.nama_lengkap for p in Pegawai.objects.filter(pk__in=ids)}
        return obj._api_rantai

    def _pejabat(self, obj, pejabat: Pejabat | None):
        if pejabat is None:
            return None
        if pejabat.is_kepala_daerah:
            pengaturan = PengaturanPemda.objects.only("jabatan_kepala_daerah", "nama_kepala_daerah").first()
            nama = (pengaturan.nama_kepala_daerah or pengaturan.jabatan_kepala_daerah) if pengaturan else ""
        else:
            nama = obj._api_nama.get(pejabat.pegawai_id, "")
        return {
            "kepala_daerah": pejabat.is_kepala_daerah,
            "pegawai_id": pejabat.pegawai_id,
            "nama": nama or "Kepala Daerah",
            "dasar": pejabat.dasar,
            "dasar_label": pejabat.dasar_label,
        }

    @extend_schema_field(PejabatSerializer(allow_null=True))
    def get_penilai(self, obj):
        return self._pejabat(obj, self._rantai(obj).penilai)

    @extend_schema_field(PejabatSerializer(allow_null=True))
    def get_atasan_penilai(self, obj):
        return self._pejabat(obj, self._rantai(obj).atasan_penilai)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_masalah(self, obj):
        return self._rantai(obj).masalah


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada nama atau awal NIP."),
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                description="Id unit kerja: Pegawai di unit itu dan semua unit bawahannya.",
            ),
        ]
    )
)
@extend_schema(tags=["pegawai"])
class PegawaiViewSet(TenantReadViewSet):
    """Pegawai this user may see: all of the Pemda for BKPSDM and the Kepala Daerah; otherwise herself, her
    Penilai and Atasan Penilai and those she evaluates (kinerja.permissions.pegawai_visible_to)."""

    model = Pegawai

    def get_serializer_class(self):
        return PegawaiSerializer if self.action == "list" else PegawaiDetailSerializer

    def visible_to(self, user):
        return pegawai_visible_to(user)

    def prepare(self, queryset):
        tanggal = timezone.localdate()
        queryset = queryset.select_related("golongan").order_by("nama", "pk")
        queryset = queryset.prefetch_related(
            Prefetch(
                "penempatan",
                queryset=berlaku(Penempatan.objects.select_related("jabatan__unit"), tanggal),
                to_attr="penempatan_kini",
            )
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "riwayat_status",
                    queryset=berlaku(RiwayatStatus.objects.all(), tanggal),
                    to_attr="status_kini",
                )
            )
        return queryset

    def filter_list(self, queryset):
        params = self.request.query_params
        if q := self._text_param("q"):
            queryset = queryset.filter(Q(nama__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
        if params.get("unit"):
            path = UnitKerja.objects.filter(pk=self._id_param("unit")).values_list("path", flat=True).first()
            if path is None:
                raise exceptions.ValidationError({"unit": "Unit kerja tidak ditemukan."})
            queryset = queryset.filter(
                Exists(
                    berlaku(Penempatan.objects.all(), timezone.localdate()).filter(
                        pegawai=OuterRef("pk"), jabatan__unit__path__startswith=path
                    )
                )
            )
        return queryset
