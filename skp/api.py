"""The SKP API (issue 3 item 8): the same rules as the web UI, because both call the same code.

Reads go through `skp.permissions.skp_visible_to` (the base class's `visible_to`), so an SKP the user may not
see is a 404 exactly like one of another Pemda. Writes call one service each (skp.services); the service
decides who may do it and what is allowed, and its exceptions become HTTP answers in one place
(`SkpApiMixin.handle_exception`): django ValidationError -> 400 with the messages per field, PermissionDenied
-> 403 with the reason, a row that vanished -> 404. The serializers below only check types.
"""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
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
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dokumen.selectors import dokumen_objek
from kinerja.api import TENANT_PERMISSIONS, HalamanSempit, RujukanSerializer, TenantReadViewSet
from kinerja.models import Pendekatan
from kinerja.permissions import pegawai_visible_to

from . import services
from .models import (
    AspekIki,
    BagianLampiran,
    CatatanSkp,
    Iki,
    JenisPemberitahuan,
    JenisRhk,
    JenisSkp,
    KegiatanTimeline,
    LampiranSkp,
    ManualIndikator,
    Pemberitahuan,
    Perspektif,
    RencanaAksi,
    Rhk,
    Skp,
    StatusSkp,
    TeksTersimpan,
)
from .permissions import skp_visible_to
from .selectors import inbox_penilai, matriks_peran_hasil, perbedaan_versi, riwayat_versi, skp_lengkap

# Errors ---------------------------------------------------------------------------------------------------
VALIDATION_RESPONSE = OpenApiResponse(
    description="Ditolak aturan SKP: pesan per field (atau `non_field_errors`)."
)
FORBIDDEN_RESPONSE = OpenApiResponse(
    description="Anda tidak berhak melakukan ini; `detail` memuat alasannya."
)
NOT_FOUND_RESPONSE = OpenApiResponse(
    description="Tidak ditemukan, milik Pemda lain, atau tidak boleh Anda lihat."
)
WRITE_ERRORS = {400: VALIDATION_RESPONSE, 403: FORBIDDEN_RESPONSE, 404: NOT_FOUND_RESPONSE}


def _pesan(exc: DjangoValidationError):
    """A service's ValidationError as DRF's body: {field: [messages]} or {"non_field_errors": [messages]}."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


class SkpApiMixin:
    """What every SKP viewset shares: service exceptions as answers, and 404 before 405."""

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(_pesan(exc))
        elif isinstance(exc, ObjectDoesNotExist):  # a row removed meanwhile (another tab, another user)
            exc = exceptions.NotFound("Data tidak ditemukan; mungkin baru saja dihapus.")
        return super().handle_exception(exc)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # An object route looks the object up first: an id of another Pemda, or one not hers to see, is a 404
        # whatever the method, as an id that exists nowhere (tests/test_cross_tenant_routes.py).
        if self.lookup_field in self.kwargs and request.user.is_authenticated:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def _user_rhk(self):
        return Rhk.objects.filter(skp__in=skp_visible_to(self.request.user))


def teks_pilihan(choices, *, tulis=False, **kwargs):
    """A choice written in the schema as a string listing its values, not as an enum component: several
    models name a field `jenis`, each with its own values, and drf-spectacular cannot name those enums
    apart without a project-wide ENUM_NAME_OVERRIDES."""
    values = list(getattr(choices, "values", choices))

    @extend_schema_field({"type": "string", "description": "Salah satu dari: " + ", ".join(values) + "."})
    class Pilihan(serializers.ChoiceField if tulis else serializers.CharField):
        pass

    return Pilihan(choices=values, **kwargs) if tulis else Pilihan(**kwargs)


def _nilai(value):
    """A value of a version difference as JSON: decimals as strings, as DRF writes DecimalField."""
    return str(value) if isinstance(value, Decimal) else value


# Read serializers -----------------------------------------------------------------------------------------
class PegawaiRingkasSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nip = serializers.CharField()
    nama = serializers.CharField(source="nama_lengkap")


class PenilaiSkpSerializer(serializers.Serializer):
    kepala_daerah = serializers.BooleanField(help_text="true: Kepala Daerah (SKP JPT).")
    pegawai = PegawaiRingkasSerializer(allow_null=True)


def _ringkas(pegawai) -> dict | None:
    """PegawaiRingkasSerializer's answer without the serializer."""
    if pegawai is None:
        return None
    return {"id": pegawai.pk, "nip": str(pegawai.nip), "nama": pegawai.nama_lengkap}


class SkpRingkasSerializer(serializers.ModelSerializer):
    """An SKP in the Penilai's inbox: who, which year and form, where it stands."""

    pegawai = PegawaiRingkasSerializer()
    jabatan = RujukanSerializer()
    unit = RujukanSerializer()
    jenis = teks_pilihan(JenisSkp)
    status_label = serializers.CharField(source="get_status_display")
    format_kode = serializers.CharField(help_text="Format lampiran Perbup: A.1.1, A.1.2, A.1.6 atau A.1.7.")

    class Meta:
        model = Skp
        fields = [
            "id",
            "pegawai",
            "tahun",
            "jenis",
            "pendekatan",
            "format_kode",
            "status",
            "status_label",
            "versi",
            "jabatan",
            "unit",
            "periode_mulai",
            "periode_selesai",
            "diajukan_pada",
        ]


class SkpSerializer(SkpRingkasSerializer):
    """One SKP in a list, with its Penilai and Atasan Penilai."""

    penilai = serializers.SerializerMethodField()
    atasan_penilai = serializers.SerializerMethodField()

    class Meta:
        model = Skp
        fields = [
            "id",
            "pegawai",
            "tahun",
            "jenis",
            "pendekatan",
            "format_kode",
            "status",
            "status_label",
            "versi",
            "sebelumnya",
            "jabatan",
            "unit",
            "penilai",
            "atasan_penilai",
            "periode_mulai",
            "periode_selesai",
            "diajukan_pada",
            "disetujui_pada",
            "ditandatangani_pegawai_pada",
            "ditetapkan_pada",
            "ditetapkan_sebagai",
        ]

    # Built as dicts, the shape of PenilaiSkpSerializer: a serializer instance per row and field cost more
    # than the rest of the row (two per SKP, 50 per page).
    @extend_schema_field(PenilaiSkpSerializer)
    def get_penilai(self, obj):
        return {"kepala_daerah": obj.penilai_kepala_daerah, "pegawai": _ringkas(obj.penilai)}

    @extend_schema_field(PenilaiSkpSerializer)
    def get_atasan_penilai(self, obj):
        return {"kepala_daerah": obj.atasan_penilai_kepala_daerah, "pegawai": _ringkas(obj.atasan_penilai)}


class ManualIndikatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = ManualIndikator
        fields = [
            "id",
            "tujuan",
            "definisi",
            "formula",
            "satuan_pengukuran",
            "tingkat_kendali",
            "sumber_data",
            "periode_pelaporan",
        ]


class IkiSerializer(serializers.ModelSerializer):
    target_tampil = serializers.CharField(help_text="Target seperti tercetak: angka dan satuan, atau teks.")
    manual = serializers.SerializerMethodField(
        help_text="Manual indikator (Format A.1.3, SKP JPT), bila ada."
    )

    class Meta:
        model = Iki
        fields = [
            "id",
            "rhk",
            "teks",
            "aspek",
            "perspektif",
            "target_angka",
            "target_satuan",
            "target_teks",
            "target_tampil",
            "urutan",
            "garis",
            "manual",
        ]

    @extend_schema_field(ManualIndikatorSerializer(allow_null=True))
    def get_manual(self, obj):
        manual = next(iter(obj.manual.all()), None)
        return ManualIndikatorSerializer(manual).data if manual else None


class RhkPimpinanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    teks = serializers.CharField()
    skp = serializers.IntegerField(source="skp_id")
    pegawai = PegawaiRingkasSerializer(source="skp.pegawai")


class RencanaAksiSerializer(serializers.ModelSerializer):
    class Meta:
        model = RencanaAksi
        fields = ["id", "teks", "urutan"]


class RhkSerializer(serializers.ModelSerializer):
    intervensi = serializers.SerializerMethodField(
        help_text="RHK pimpinan yang diintervensi (Format A.1.7 kolom 2), atau null."
    )
    intervensi_iki = serializers.SerializerMethodField(
        help_text="IKI pimpinan yang diintervensi, bila dipilih."
    )
    jenis = teks_pilihan(JenisRhk)
    iki = IkiSerializer(many=True)
    rencana_aksi = RencanaAksiSerializer(many=True)

    class Meta:
        model = Rhk
        fields = [
            "id",
            "skp",
            "jenis",
            "teks",
            "penugasan_dari",
            "intervensi",
            "intervensi_iki",
            "intervensi_teks",
            "urutan",
            "garis",
            "iki",
            "rencana_aksi",
        ]

    @extend_schema_field(RhkPimpinanSerializer(allow_null=True))
    def get_intervensi(self, obj):
        return RhkPimpinanSerializer(obj.intervensi).data if obj.intervensi_id else None

    @extend_schema_field(RujukanSerializer(allow_null=True))
    def get_intervensi_iki(self, obj):
        iki = obj.intervensi_iki
        return {"id": iki.pk, "nama": iki.teks} if iki else None


class PerilakuSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    baris = serializers.ListField(child=serializers.CharField(), help_text="Uraian tetap nilai BerAKHLAK.")
    ekspektasi_khusus = serializers.CharField(help_text="Ekspektasi khusus pimpinan; kosong bila tidak ada.")


class LampiranSerializer(serializers.ModelSerializer):
    class Meta:
        model = LampiranSkp
        fields = ["id", "bagian", "teks", "jenis_dukungan", "jadwal_pelaporan", "bukti", "sifat", "urutan"]


class CatatanSerializer(serializers.ModelSerializer):
    penulis = serializers.SerializerMethodField()

    class Meta:
        model = CatatanSkp
        fields = ["id", "rhk", "teks", "putaran", "penulis", "dibuat_pada"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_penulis(self, obj):
        return obj.penulis.get_full_name() or obj.penulis.username if obj.penulis else ""


class KegiatanTimelineSerializer(serializers.ModelSerializer):
    bulan = serializers.ListField(child=serializers.IntegerField())

    class Meta:
        model = KegiatanTimeline
        fields = [
            "id",
            "rhk",
            "kegiatan",
            "durasi",
            "satuan_durasi",
            "bulan",
            "tipe_aktivitas",
            "pola_penugasan",
            "urutan",
        ]


class TimelineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    diajukan_pada = serializers.DateTimeField(allow_null=True)
    disetujui_pada = serializers.DateTimeField(allow_null=True)
    catatan = serializers.CharField()
    kegiatan = KegiatanTimelineSerializer(many=True)


class KewajibanSerializer(serializers.Serializer):
    timeline_wajib = serializers.BooleanField()
    timeline_status = serializers.CharField(allow_null=True)
    timeline_kurang = serializers.BooleanField()
    rencana_aksi_wajib = serializers.BooleanField()
    rhk_tanpa_rencana_aksi = serializers.ListField(child=serializers.IntegerField(), help_text="Id RHK.")


class VersiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skp
        fields = ["id", "versi", "status", "alasan_revisi", "ditetapkan_pada", "digantikan_pada"]


class DokumenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    format_kode = serializers.CharField()
    judul = serializers.CharField()
    versi = serializers.IntegerField()
    status = serializers.CharField()
    diterbitkan_pada = serializers.DateTimeField()
    ditandatangani_pada = serializers.DateTimeField(allow_null=True)
    pdf = serializers.URLField(help_text="Unduhan PDF bagi penandatangan dan BKPSDM.")
    verifikasi = serializers.URLField(help_text="Halaman verifikasi publik (QR pada dokumen).")


class SkpDetailSerializer(SkpSerializer):
    """The whole SKP: what its page and its document show."""

    identitas = serializers.JSONField(help_text="Blok identitas Pegawai, Penilai dan Atasan Penilai.")
    rhk = serializers.SerializerMethodField()
    perilaku = serializers.SerializerMethodField()
    lampiran = serializers.SerializerMethodField()
    catatan = serializers.SerializerMethodField(help_text="Catatan Penilai saat mengembalikan, per putaran.")
    timeline = serializers.SerializerMethodField()
    kewajiban = serializers.SerializerMethodField(
        help_text="Timeline dan rencana aksi yang diwajibkan Pemda."
    )
    riwayat_versi = serializers.SerializerMethodField()
    dokumen = serializers.SerializerMethodField(help_text="Dokumen SKP yang diterbitkan, terbaru dahulu.")

    class Meta(SkpSerializer.Meta):
        fields = [
            *SkpSerializer.Meta.fields,
            "alasan_revisi",
            "asal_mutasi",
            "identitas",
            "rhk",
            "perilaku",
            "lampiran",
            "catatan",
            "timeline",
            "kewajiban",
            "riwayat_versi",
            "dokumen",
        ]

    @property
    def lengkap(self):
        return self.context["lengkap"]

    @extend_schema_field(RhkSerializer(many=True))
    def get_rhk(self, obj):
        return RhkSerializer(self.lengkap.rhk, many=True).data

    @extend_schema_field(PerilakuSerializer(many=True))
    def get_perilaku(self, obj):
        return PerilakuSerializer(self.lengkap.perilaku, many=True).data

    @extend_schema_field(
        inline_serializer(
            "LampiranSkpBagian",
            {bagian: LampiranSerializer(many=True) for bagian in BagianLampiran.values},
        )
    )
    def get_lampiran(self, obj):
        return {
            bagian: LampiranSerializer(baris, many=True).data
            for bagian, baris in self.lengkap.lampiran.items()
        }

    @extend_schema_field(CatatanSerializer(many=True))
    def get_catatan(self, obj):
        return CatatanSerializer(self.lengkap.catatan, many=True).data

    @extend_schema_field(TimelineSerializer(allow_null=True))
    def get_timeline(self, obj):
        timeline = self.lengkap.timeline
        if timeline is None:
            return None
        return TimelineSerializer(
            {
                "id": timeline.pk,
                "status": timeline.status,
                "diajukan_pada": timeline.diajukan_pada,
                "disetujui_pada": timeline.disetujui_pada,
                "catatan": timeline.catatan,
                "kegiatan": sorted(timeline.kegiatan.all(), key=lambda k: (k.urutan, k.pk)),
            }
        ).data

    @extend_schema_field(KewajibanSerializer)
    def get_kewajiban(self, obj):
        kewajiban = dict(self.lengkap.kewajiban)
        kewajiban["rhk_tanpa_rencana_aksi"] = [r.pk for r in kewajiban["rhk_tanpa_rencana_aksi"]]
        return KewajibanSerializer(kewajiban).data

    @extend_schema_field(VersiSerializer(many=True))
    def get_riwayat_versi(self, obj):
        return VersiSerializer(riwayat_versi(obj), many=True).data

    @extend_schema_field(DokumenSerializer(many=True))
    def get_dokumen(self, obj):
        request = self.context["request"]
        return DokumenSerializer(
            [
                {
                    "id": d.pk,
                    "format_kode": d.format_kode,
                    "judul": d.judul,
                    "versi": d.versi,
                    "status": d.status,
                    "diterbitkan_pada": d.diterbitkan_pada,
                    "ditandatangani_pada": d.ditandatangani_pada,
                    "pdf": request.build_absolute_uri(reverse("dokumen_pdf", kwargs={"pk": d.pk})),
                    "verifikasi": request.build_absolute_uri(
                        reverse("dokumen_verifikasi", kwargs={"token": d.token})
                    ),
                }
                for d in dokumen_objek(obj)
            ],
            many=True,
        ).data


class TugasSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="skp.pk", help_text="Id SKP.")
    aksi = serializers.ChoiceField(
        choices=["setujui", "tetapkan", "setujui_timeline"],
        help_text="setujui: SKP diajukan; tetapkan: sudah ditandatangani Pegawai; setujui_timeline.",
    )
    peran = serializers.CharField(
        help_text="Sebagai apa Anda bertindak: penilai, atasan_penilai, kepala_daerah."
    )
    batas = serializers.DateField(allow_null=True, help_text="Batas penetapan SKP, bila berlaku.")
    terlambat = serializers.BooleanField()
    timeline = serializers.IntegerField(source="timeline.pk", allow_null=True, default=None)
    skp = SkpRingkasSerializer()


class KolomMatriksSerializer(serializers.Serializer):
    kunci = serializers.CharField(help_text="Id IKI, atau 'rhk-<id>' untuk RHK tanpa IKI.")
    rhk = RujukanSerializer()
    iki = RujukanSerializer(allow_null=True)


class BarisMatriksSerializer(serializers.Serializer):
    pegawai = PegawaiRingkasSerializer()
    jabatan = serializers.CharField()
    sel = serializers.DictField(
        child=serializers.ListField(child=RujukanSerializer()),
        help_text="Kunci kolom -> RHK Pegawai ini yang mengintervensinya.",
    )


class MatriksSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id SKP pimpinan.")
    kolom = KolomMatriksSerializer(many=True)
    baris = BarisMatriksSerializer(many=True)
    tanpa_peran = serializers.ListField(
        child=serializers.CharField(), help_text="Kolom yang belum diintervensi."
    )


class PerubahanSerializer(serializers.Serializer):
    jenis = teks_pilihan(["ditambah", "dihapus", "diubah"])
    sebelum = RujukanSerializer(allow_null=True)
    sesudah = RujukanSerializer(allow_null=True)
    rincian = serializers.DictField(
        child=serializers.ListField(allow_empty=True), help_text="Field -> [sebelum, sesudah]."
    )
    iki = serializers.ListField(child=serializers.DictField(), help_text="Perubahan IKI, bentuk yang sama.")


class PerbedaanSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id SKP yang diminta.")
    lama = VersiSerializer()
    baru = VersiSerializer()
    skp = serializers.DictField(child=serializers.ListField(), help_text="Field SKP -> [sebelum, sesudah].")
    rhk = PerubahanSerializer(many=True)
    ekspektasi_khusus = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def _rujukan(obj):
    return {"id": obj.pk, "nama": obj.teks} if obj is not None else None


def _perubahan(p) -> dict:
    return {
        "jenis": p.jenis,
        "sebelum": _rujukan(p.sebelum),
        "sesudah": _rujukan(p.sesudah),
        "rincian": {f: [_nilai(a), _nilai(b)] for f, (a, b) in p.rincian.items()},
        "iki": [_perubahan(i) for i in p.iki],
    }


# Write serializers: types only --------------------------------------------------------------------------
class SkpBuatSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=1, max_value=9999)
    pendekatan = serializers.ChoiceField(choices=Pendekatan.choices)


class KembalikanSerializer(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, default="")
    catatan_rhk = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Catatan per RHK: id RHK -> teks.",
    )

    def validate_catatan_rhk(self, value):
        try:
            return {int(k): v for k, v in value.items() if 0 < int(k) < 2**63}
        except (TypeError, ValueError):
            raise serializers.ValidationError("Kunci catatan_rhk harus id RHK (bilangan bulat).") from None


class PasswordSerializer(serializers.Serializer):
    password = serializers.CharField(
        trim_whitespace=False,
        allow_blank=True,
        style={"input_type": "password"},
        help_text="Kata sandi Anda.",
    )


class RevisiSerializer(serializers.Serializer):
    alasan = serializers.CharField(allow_blank=True, help_text="Alasan penyesuaian ekspektasi.")


@extend_schema_field(OpenApiTypes.INT)
class RhkChoiceField(serializers.PrimaryKeyRelatedField):
    """An RHK (or IKI) of an SKP the user may see: one cannot link what one cannot read."""

    def get_queryset(self):
        view = self.context["view"]
        rhk = view._user_rhk()
        return rhk if self.source_model is Rhk else Iki.objects.filter(rhk__in=rhk)

    def __init__(self, source_model, **kwargs):
        self.source_model = source_model
        super().__init__(**kwargs)


class RhkTulisSerializer(serializers.Serializer):
    jenis = teks_pilihan(JenisRhk, tulis=True)
    teks = serializers.CharField(allow_blank=True, trim_whitespace=False)
    penugasan_dari = serializers.CharField(allow_blank=True, required=False)
    intervensi = RhkChoiceField(Rhk, allow_null=True, required=False, help_text="Id RHK pimpinan.")
    intervensi_iki = RhkChoiceField(Iki, allow_null=True, required=False, help_text="Id IKI pimpinan.")


class IkiTulisSerializer(serializers.Serializer):
    teks = serializers.CharField(allow_blank=True, trim_whitespace=False)
    aspek = serializers.ChoiceField(choices=AspekIki.choices, allow_blank=True, required=False)
    perspektif = serializers.ChoiceField(choices=Perspektif.choices, allow_blank=True, required=False)
    target_angka = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True, required=False)
    target_satuan = serializers.CharField(allow_blank=True, required=False)
    target_teks = serializers.CharField(allow_blank=True, required=False)


class AmbilRhkPimpinanSerializer(serializers.Serializer):
    rhk_pimpinan = serializers.ListField(
        child=RhkChoiceField(Rhk), allow_empty=False, help_text="Id RHK pimpinan yang diintervensi."
    )
    jenis = teks_pilihan(JenisRhk, tulis=True, required=False)


class EkspektasiKhususSerializer(serializers.Serializer):
    perilaku = serializers.CharField(help_text="Kode nilai BerAKHLAK, mis. berorientasi_pelayanan.")
    teks = serializers.CharField(allow_blank=True, help_text="Kosong: menghapus ekspektasi khusus itu.")


class LampiranUbahSerializer(serializers.Serializer):
    teks = serializers.CharField(allow_blank=True, required=False)
    jenis_dukungan = serializers.CharField(allow_blank=True, required=False)
    jadwal_pelaporan = serializers.CharField(allow_blank=True, required=False)
    bukti = serializers.CharField(allow_blank=True, required=False)
    sifat = serializers.CharField(allow_blank=True, required=False, help_text="positif atau negatif.")


class LampiranTambahSerializer(LampiranUbahSerializer):
    bagian = teks_pilihan(BagianLampiran, tulis=True)
    teks = serializers.CharField(allow_blank=True)


class ManualTulisSerializer(serializers.Serializer):
    tujuan = serializers.CharField(allow_blank=True)
    definisi = serializers.CharField(allow_blank=True)
    formula = serializers.CharField(allow_blank=True, required=False)
    satuan_pengukuran = serializers.CharField(allow_blank=True, required=False)
    tingkat_kendali = serializers.CharField(allow_blank=True)
    sumber_data = serializers.CharField(allow_blank=True)
    periode_pelaporan = serializers.CharField(allow_blank=True)


class KegiatanTulisSerializer(serializers.Serializer):
    kegiatan = serializers.CharField(allow_blank=True)
    durasi = serializers.IntegerField(min_value=-32768, max_value=32767)
    satuan_durasi = serializers.CharField(required=False, help_text="hari, minggu atau bulan.")
    bulan = serializers.ListField(child=serializers.IntegerField(min_value=-100, max_value=100))
    tipe_aktivitas = serializers.CharField(allow_blank=True)
    pola_penugasan = serializers.CharField(allow_blank=True)
    rhk = RhkChoiceField(Rhk, allow_null=True, required=False, help_text="Id RHK SKP ini, bila terkait.")


class RencanaAksiTulisSerializer(serializers.Serializer):
    teks = serializers.CharField(allow_blank=True)


class TimelineKembalikanSerializer(serializers.Serializer):
    catatan = serializers.CharField(allow_blank=True)


class MutasiSerializer(serializers.Serializer):
    salin_isi_lama = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Salin RHK dan IKI SKP lama (mis. bila hanya Penilai berubah).",
    )


class TeksTersimpanSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(["ekspektasi_khusus", "konsekuensi_positif", "konsekuensi_negatif"])

    class Meta:
        model = TeksTersimpan
        fields = ["id", "jenis", "perilaku", "judul", "teks", "dibuat_pada"]


class TeksTersimpanTulisSerializer(serializers.Serializer):
    jenis = serializers.CharField(
        help_text="ekspektasi_khusus, konsekuensi_positif atau konsekuensi_negatif."
    )
    perilaku = serializers.CharField(allow_blank=True, required=False, help_text="Untuk ekspektasi khusus.")
    judul = serializers.CharField(allow_blank=True)
    teks = serializers.CharField(allow_blank=True)


@extend_schema_field(OpenApiTypes.INT)
class TeksMilikField(serializers.PrimaryKeyRelatedField):
    """One of the user's own saved texts."""

    def get_queryset(self):
        return TeksTersimpan.objects.filter(pemilik=self.context["view"].request.user)


class TerapkanTeksSerializer(serializers.Serializer):
    teks = TeksMilikField(help_text="Id teks tersimpan Anda.")


class PemberitahuanSerializer(serializers.ModelSerializer):
    jenis = teks_pilihan(JenisPemberitahuan.values)

    class Meta:
        model = Pemberitahuan
        fields = ["id", "jenis", "pesan", "skp", "rhk", "tautan", "dibuat_pada", "dibaca_pada"]


class BacaSerializer(serializers.Serializer):
    id = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        help_text="Id pemberitahuan; tanpa ini semua yang belum dibaca.",
    )


# Viewsets -------------------------------------------------------------------------------------------------
def _detail(skp_id, request):
    lengkap = skp_lengkap(skp_id)
    return SkpDetailSerializer(lengkap.skp, context={"request": request, "lengkap": lengkap}).data


def _aksi(summary, request_serializer=None, status_code=200, description=""):
    return extend_schema(
        summary=summary,
        description=description,
        request=request_serializer,
        responses={status_code: SkpDetailSerializer, **WRITE_ERRORS},
    )


@extend_schema_view(
    list=extend_schema(
        summary="SKP yang boleh Anda lihat",
        description="Milik sendiri, yang Anda nilai (sebagai Penilai, Atasan Penilai, Kepala Daerah), SKP "
        "pimpinan Anda; seluruh Pemda bagi BKPSDM dan Kepala Daerah. Urutan: tahun terbaru dulu, lalu id "
        "Pegawai, awal periode dan versi.",
        parameters=[
            OpenApiParameter("tahun", OpenApiTypes.INT),
            OpenApiParameter("status", OpenApiTypes.STR, enum=StatusSkp.values),
            OpenApiParameter("pegawai", OpenApiTypes.INT, description="Id Pegawai."),
        ],
    ),
    retrieve=extend_schema(
        summary="SKP lengkap", responses={200: SkpDetailSerializer, 404: NOT_FOUND_RESPONSE}
    ),
)
@extend_schema(tags=["skp"])
class SkpViewSet(SkpApiMixin, TenantReadViewSet):
    model = Skp
    pagination_class = HalamanSempit

    def get_serializer_class(self):
        return SkpSerializer if self.action == "list" else SkpDetailSerializer

    def visible_to(self, user):
        return skp_visible_to(user)

    # Actions only the SKP's owner may take (the service refuses anyone else).
    AKSI_PEMILIK = frozenset({"ajukan"})

    def get_object(self):
        """Her own SKP is always hers to see (skp_visible_to): for an owner's action it is found by its owner
        in one query, without the snapshot of the Pemda's whole org tree that deciding what else she may see
        takes (tens of ms for 20,000 Pegawai, on every submit of the January rush). Anyone else, and every
        other action (a Penilai's reads would pay one query more), takes the full path."""
        user = self.request.user
        pk = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if (
            self.action in self.AKSI_PEMILIK
            and getattr(user, "pegawai_id", None)
            and pk.isdigit()
            and int(pk) < 2**63
        ):
            skp = Skp.objects.filter(pk=int(pk), pegawai_id=user.pegawai_id).first()
            if skp is not None:
                self.check_object_permissions(self.request, skp)
                return skp
        return super().get_object()

    def prepare(self, queryset):
        if self.action == "list":
            return queryset.select_related(
                "pegawai", "jabatan", "unit", "penilai", "atasan_penilai"
            ).order_by("-tahun", "pegawai_id", "periode_mulai", "versi", "pk")  # skp_urutan_idx
        return queryset

    def filter_list(self, queryset):
        params = self.request.query_params
        if params.get("tahun"):
            tahun = self._id_param("tahun")
            queryset = queryset.filter(tahun=tahun if tahun < 10000 else 0)
        if params.get("status"):
            nilai = self._text_param("status")
            if nilai not in StatusSkp.values:
                raise exceptions.ValidationError(
                    {"status": f"Status tidak dikenal; pilih salah satu: {', '.join(StatusSkp.values)}."}
                )
            queryset = queryset.filter(status=nilai)
        if params.get("pegawai"):
            queryset = queryset.filter(pegawai_id=self._id_param("pegawai"))
        return queryset

    def retrieve(self, request, *args, **kwargs):
        return Response(_detail(self.get_object().pk, request))

    @extend_schema(
        summary="Susun draf SKP",
        description="Draf SKP Anda sendiri (Pegawai dari akun yang login, tidak pernah dari isi permintaan) "
        "untuk jabatan Anda hari ini.",
        request=SkpBuatSerializer,
        responses={201: SkpDetailSerializer, 400: VALIDATION_RESPONSE, 403: FORBIDDEN_RESPONSE},
    )
    def create(self, request):
        data = SkpBuatSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if request.user.pegawai_id is None:
            raise PermissionDenied("SKP disusun oleh Pegawai; akun ini bukan akun Pegawai.")
        skp = services.skp_buat(pegawai=request.user.pegawai, by=request.user, **data.validated_data)
        return Response(_detail(skp.pk, request), status=status.HTTP_201_CREATED)

    def _jalankan(self, service, serializer_class=None, status_code=200, **extra):
        skp = self.get_object()
        kwargs = {}
        if serializer_class is not None:
            data = serializer_class(data=self.request.data)
            data.is_valid(raise_exception=True)
            kwargs = data.validated_data
        hasil = service(skp=skp, by=self.request.user, **kwargs, **extra)
        return Response(_detail(hasil.pk, self.request), status=status_code)

    @_aksi("Ajukan kepada Penilai", description="Oleh Pegawai pemilik SKP; ditolak bila belum lengkap.")
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        return self._jalankan(services.skp_ajukan)

    @_aksi(
        "Kembalikan dengan catatan", KembalikanSerializer, description="Oleh Penilai (atau yang bertindak)."
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        return self._jalankan(services.skp_kembalikan, KembalikanSerializer)

    @_aksi("Setujui", description="Oleh Penilai; menerbitkan dokumen SKP untuk ditandatangani.")
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._jalankan(services.skp_setujui)

    @_aksi("Tanda tangan Pegawai", PasswordSerializer, description="Dikonfirmasi dengan kata sandi.")
    @action(detail=True, methods=["post"], url_path="tanda-tangan", url_name="tanda-tangan")
    def tanda_tangan(self, request, pk=None):
        return self._jalankan(services.skp_tanda_tangan_pegawai, PasswordSerializer)

    @_aksi(
        "Tetapkan",
        PasswordSerializer,
        description="Oleh Penilai (Kepala Daerah untuk JPT), dengan kata sandi.",
    )
    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        return self._jalankan(services.skp_tetapkan, PasswordSerializer)

    @_aksi("Revisi (penyesuaian ekspektasi)", RevisiSerializer, status_code=201)
    @action(detail=True, methods=["post"])
    def revisi(self, request, pk=None):
        return self._jalankan(services.skp_revisi, RevisiSerializer, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tambah RHK",
        request=RhkTulisSerializer,
        responses={201: RhkSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def rhk(self, request, pk=None):
        skp = self.get_object()
        data = RhkTulisSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        rhk = services.rhk_tambah(skp=skp, by=request.user, **data.validated_data)
        return Response(RhkSerializer(_rhk_lengkap().get(pk=rhk.pk)).data, status=status.HTTP_201_CREATED)

    def _data(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(
        summary="Hapus draf SKP",
        description="Oleh Pegawai pemilik, selama SKP belum pernah disetujui.",
        responses={204: None, **WRITE_ERRORS},
    )
    def destroy(self, request, pk=None):
        services.skp_hapus_draft(skp=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Ambil RHK pimpinan",
        description="Tiap RHK pimpinan yang dipilih menjadi RHK draf ini yang mengintervensinya.",
        request=AmbilRhkPimpinanSerializer,
        responses={201: RhkSerializer(many=True), **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="ambil-rhk-pimpinan", url_name="ambil-rhk-pimpinan")
    def ambil_rhk_pimpinan(self, request, pk=None):
        skp = self.get_object()
        baru = services.skp_ambil_rhk_pimpinan(
            skp=skp, by=request.user, **self._data(AmbilRhkPimpinanSerializer)
        )
        rhk = _rhk_lengkap().filter(pk__in=[r.pk for r in baru]).order_by("urutan", "pk")
        return Response(RhkSerializer(rhk, many=True).data, status=status.HTTP_201_CREATED)

    @_aksi(
        "Salin SKP tahun lalu", description="RHK, IKI, manual dan lampiran SKP tahun lalu ke akhir draf ini."
    )
    @action(detail=True, methods=["post"], url_path="salin-tahun-lalu", url_name="salin-tahun-lalu")
    def salin_tahun_lalu(self, request, pk=None):
        skp = self.get_object()
        services.skp_salin_tahun_lalu(skp=skp, by=request.user)
        return Response(_detail(skp.pk, request))

    @_aksi(
        "Ekspektasi khusus pimpinan",
        EkspektasiKhususSerializer,
        description="Oleh Penilai (atau yang bertindak) pada satu nilai BerAKHLAK; teks kosong menghapusnya.",
    )
    @action(detail=True, methods=["put"], url_path="ekspektasi-khusus", url_name="ekspektasi-khusus")
    def ekspektasi_khusus(self, request, pk=None):
        skp = self.get_object()
        services.ekspektasi_khusus_simpan(skp=skp, by=request.user, **self._data(EkspektasiKhususSerializer))
        return Response(_detail(skp.pk, request))

    @extend_schema(
        summary="Tambah baris lampiran",
        description="Oleh Pegawai pemilik selama draf, atau Penilai sampai menyetujui.",
        request=LampiranTambahSerializer,
        responses={201: LampiranSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def lampiran(self, request, pk=None):
        skp = self.get_object()
        baris = services.lampiran_tambah(skp=skp, by=request.user, **self._data(LampiranTambahSerializer))
        return Response(LampiranSerializer(baris).data, status=status.HTTP_201_CREATED)

    @_aksi(
        "Terapkan teks tersimpan",
        TerapkanTeksSerializer,
        description="Ekspektasi khusus atau baris konsekuensi dari teks tersimpan Anda, dalam satu langkah.",
    )
    @action(detail=True, methods=["post"], url_path="terapkan-teks", url_name="terapkan-teks")
    def terapkan_teks(self, request, pk=None):
        skp = self.get_object()
        services.skp_terapkan_teks(skp=skp, by=request.user, **self._data(TerapkanTeksSerializer))
        return Response(_detail(skp.pk, request))

    @_aksi(
        "Mulai SKP baru karena mutasi",
        MutasiSerializer,
        status_code=201,
        description="Oleh Pegawai atau admin BKPSDM, bila jabatan atau Penilai berubah setelah penetapan.",
    )
    @action(detail=True, methods=["post"])
    def mutasi(self, request, pk=None):
        return self._jalankan(
            services.skp_mulai_mutasi, MutasiSerializer, status_code=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Tambah kegiatan timeline",
        description="Oleh Pegawai pemilik, selama timeline draf atau dikembalikan.",
        request=KegiatanTulisSerializer,
        responses={201: KegiatanTimelineSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="timeline/kegiatan", url_name="timeline-kegiatan")
    def timeline_kegiatan(self, request, pk=None):
        skp = self.get_object()
        kegiatan = services.timeline_kegiatan_tambah(
            skp=skp, by=request.user, **self._data(KegiatanTulisSerializer)
        )
        return Response(KegiatanTimelineSerializer(kegiatan).data, status=status.HTTP_201_CREATED)

    def _timeline(self, service, serializer_class=None):
        skp = self.get_object()
        kwargs = self._data(serializer_class) if serializer_class else {}
        service(skp=skp, by=self.request.user, **kwargs)
        return Response(_detail(skp.pk, self.request))

    @_aksi("Ajukan timeline", description="Oleh Pegawai pemilik, setelah SKP ditetapkan.")
    @action(detail=True, methods=["post"], url_path="timeline/ajukan", url_name="timeline-ajukan")
    def timeline_ajukan(self, request, pk=None):
        return self._timeline(services.timeline_ajukan)

    @_aksi("Setujui timeline", description="Oleh Penilai (atau yang bertindak).")
    @action(detail=True, methods=["post"], url_path="timeline/setujui", url_name="timeline-setujui")
    def timeline_setujui(self, request, pk=None):
        return self._timeline(services.timeline_setujui)

    @_aksi("Kembalikan timeline", TimelineKembalikanSerializer, description="Oleh Penilai, dengan catatan.")
    @action(detail=True, methods=["post"], url_path="timeline/kembalikan", url_name="timeline-kembalikan")
    def timeline_kembalikan(self, request, pk=None):
        return self._timeline(services.timeline_kembalikan, TimelineKembalikanSerializer)

    @extend_schema(
        summary="Kotak masuk Penilai",
        description="SKP yang menunggu Anda (disetujui atau ditetapkan) dan timeline yang menunggu "
        "persetujuan, dengan batas penetapan; yang terlambat lebih dulu.",
        responses=TugasSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=TenantReadViewSet.pagination_class)
    def inbox(self, request):
        tugas = inbox_penilai(request.user)
        page = self.paginate_queryset(tugas)
        return self.get_paginated_response(TugasSerializer(page, many=True).data)

    @extend_schema(
        summary="Matriks peran hasil (Format A.1.5)",
        description="IKI pimpinan (kolom) terhadap bawahan yang mengintervensinya (baris). Baris hanya bagi "
        "Pegawai yang boleh Anda lihat; pemilik SKP melihat semuanya.",
        responses={200: MatriksSerializer, 404: NOT_FOUND_RESPONSE},
    )
    @action(detail=True, methods=["get"])
    def matriks(self, request, pk=None):
        skp = self.get_object()
        matriks = matriks_peran_hasil(skp)
        baris = matriks.baris
        if request.user.pegawai_id != skp.pegawai_id:
            boleh = set(pegawai_visible_to(request.user).values_list("pk", flat=True))
            baris = [b for b in baris if b.pegawai.pk in boleh]
        return Response(
            {
                "id": skp.pk,
                "kolom": [
                    {"kunci": str(k.kunci), "rhk": _rujukan(k.rhk), "iki": _rujukan(k.iki)}
                    for k in matriks.kolom
                ],
                "baris": [
                    {
                        "pegawai": PegawaiRingkasSerializer(b.pegawai).data,
                        "jabatan": b.jabatan,
                        "sel": {str(kunci): [_rujukan(r) for r in rhk] for kunci, rhk in b.sel.items()},
                    }
                    for b in baris
                ],
                "tanpa_peran": [str(k.kunci) for k in matriks.tanpa_peran],
            }
        )

    @extend_schema(
        summary="Perbedaan dengan versi lain",
        parameters=[
            OpenApiParameter("dengan", OpenApiTypes.INT, required=True, description="Id versi lain.")
        ],
        responses={200: PerbedaanSerializer, 400: VALIDATION_RESPONSE, 404: NOT_FOUND_RESPONSE},
    )
    @action(detail=True, methods=["get"])
    def perbedaan(self, request, pk=None):
        skp = self.get_object()
        lain_id = self._id_param("dengan")
        lain = self.get_queryset().filter(pk=lain_id).first()
        if lain is None:
            raise exceptions.ValidationError({"dengan": "Versi SKP itu tidak ditemukan."})
        lama, baru = sorted((skp, lain), key=lambda s: (s.versi, s.pk))
        try:
            beda = perbedaan_versi(lama, baru)
        except ValueError as exc:
            raise exceptions.ValidationError({"dengan": str(exc)}) from None
        return Response(
            {
                "id": skp.pk,
                "lama": VersiSerializer(lama).data,
                "baru": VersiSerializer(baru).data,
                "skp": {f: [_nilai(a), _nilai(b)] for f, (a, b) in beda.skp.items()},
                "rhk": [_perubahan(p) for p in beda.rhk],
                "ekspektasi_khusus": {k: list(v) for k, v in beda.ekspektasi_khusus.items()},
            }
        )


def _rhk_lengkap():
    return Rhk.objects.select_related("intervensi__skp__pegawai", "intervensi_iki").prefetch_related(
        "iki__manual", "rencana_aksi"
    )


class _BagianViewSet(SkpApiMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """RHK and IKI by id: read, change (PATCH: only the fields sent), remove. No list: they are read with their
    SKP. Scoped and restricted as TenantReadViewSet does."""

    permission_classes = TENANT_PERMISSIONS
    lookup_value_regex = TenantReadViewSet.lookup_value_regex
    model: type | None = None
    get_queryset = TenantReadViewSet.get_queryset

    def prepare(self, queryset):
        return queryset

    def _tulis(self, serializer_class, partial):
        data = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        return data.validated_data


@extend_schema_view(
    retrieve=extend_schema(summary="Satu RHK dengan IKI-nya"),
    partial_update=extend_schema(
        summary="Ubah RHK", request=RhkTulisSerializer, responses={200: RhkSerializer, **WRITE_ERRORS}
    ),
    destroy=extend_schema(summary="Hapus RHK", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class RhkViewSet(_BagianViewSet):
    model = Rhk
    serializer_class = RhkSerializer

    def visible_to(self, user):
        return self._user_rhk()

    def prepare(self, queryset):
        return queryset.select_related("intervensi__skp__pegawai", "intervensi_iki").prefetch_related(
            "iki__manual", "rencana_aksi"
        )

    def partial_update(self, request, pk=None):
        rhk = services.rhk_ubah(
            rhk=self.get_object(), by=request.user, **self._tulis(RhkTulisSerializer, True)
        )
        return Response(RhkSerializer(self.get_queryset().get(pk=rhk.pk)).data)

    def destroy(self, request, pk=None):
        services.rhk_hapus(rhk=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Tambah IKI", request=IkiTulisSerializer, responses={201: IkiSerializer, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def iki(self, request, pk=None):
        rhk = self.get_object()
        iki = services.iki_tambah(rhk=rhk, by=request.user, **self._tulis(IkiTulisSerializer, False))
        return Response(
            IkiSerializer(Iki.objects.prefetch_related("manual").get(pk=iki.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Tambah rencana aksi",
        description="Oleh Pegawai pemilik SKP.",
        request=RencanaAksiTulisSerializer,
        responses={201: RencanaAksiSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="rencana-aksi", url_name="rencana-aksi")
    def rencana_aksi(self, request, pk=None):
        rhk = self.get_object()
        aksi = services.rencana_aksi_tambah(
            rhk=rhk, by=request.user, **self._tulis(RencanaAksiTulisSerializer, False)
        )
        return Response(RencanaAksiSerializer(aksi).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="Satu IKI"),
    partial_update=extend_schema(
        summary="Ubah IKI", request=IkiTulisSerializer, responses={200: IkiSerializer, **WRITE_ERRORS}
    ),
    destroy=extend_schema(summary="Hapus IKI", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class IkiViewSet(_BagianViewSet):
    model = Iki
    serializer_class = IkiSerializer

    def visible_to(self, user):
        return Iki.objects.filter(rhk__in=self._user_rhk())

    def prepare(self, queryset):
        return queryset.prefetch_related("manual")

    def partial_update(self, request, pk=None):
        iki = services.iki_ubah(
            iki=self.get_object(), by=request.user, **self._tulis(IkiTulisSerializer, True)
        )
        return Response(IkiSerializer(self.get_queryset().get(pk=iki.pk)).data)

    def destroy(self, request, pk=None):
        services.iki_hapus(iki=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Simpan manual indikator (Format A.1.3)",
        description="SKP JPT; formula dan satuan pengukuran wajib untuk pendekatan kuantitatif.",
        request=ManualTulisSerializer,
        responses={200: IkiSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["put"])
    def manual(self, request, pk=None):
        iki = self.get_object()
        services.manual_indikator_simpan(
            iki=iki, by=request.user, **self._tulis(ManualTulisSerializer, False)
        )
        return Response(IkiSerializer(self.get_queryset().get(pk=iki.pk)).data)


@extend_schema_view(
    retrieve=extend_schema(summary="Satu baris lampiran"),
    partial_update=extend_schema(
        summary="Ubah baris lampiran",
        request=LampiranUbahSerializer,
        responses={200: LampiranSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(summary="Hapus baris lampiran", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class LampiranViewSet(_BagianViewSet):
    model = LampiranSkp
    serializer_class = LampiranSerializer

    def visible_to(self, user):
        return LampiranSkp.objects.filter(skp__in=skp_visible_to(user))

    def partial_update(self, request, pk=None):
        baris = services.lampiran_ubah(
            lampiran=self.get_object(), by=request.user, **self._tulis(LampiranUbahSerializer, True)
        )
        return Response(LampiranSerializer(baris).data)

    def destroy(self, request, pk=None):
        services.lampiran_hapus(lampiran=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    retrieve=extend_schema(summary="Satu kegiatan timeline"),
    partial_update=extend_schema(
        summary="Ubah kegiatan timeline",
        request=KegiatanTulisSerializer,
        responses={200: KegiatanTimelineSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(summary="Hapus kegiatan timeline", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class KegiatanTimelineViewSet(_BagianViewSet):
    model = KegiatanTimeline
    serializer_class = KegiatanTimelineSerializer

    def visible_to(self, user):
        return KegiatanTimeline.objects.filter(timeline__skp__in=skp_visible_to(user))

    def partial_update(self, request, pk=None):
        data = dict(self._tulis(KegiatanTulisSerializer, True))
        if "kegiatan" in data:
            data["uraian"] = data.pop("kegiatan")
        kegiatan = services.timeline_kegiatan_ubah(kegiatan=self.get_object(), by=request.user, **data)
        return Response(KegiatanTimelineSerializer(kegiatan).data)

    def destroy(self, request, pk=None):
        services.timeline_kegiatan_hapus(kegiatan=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    retrieve=extend_schema(summary="Satu langkah rencana aksi"),
    partial_update=extend_schema(
        summary="Ubah rencana aksi",
        request=RencanaAksiTulisSerializer,
        responses={200: RencanaAksiSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(summary="Hapus rencana aksi", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class RencanaAksiViewSet(_BagianViewSet):
    model = RencanaAksi
    serializer_class = RencanaAksiSerializer

    def visible_to(self, user):
        return RencanaAksi.objects.filter(rhk__in=self._user_rhk())

    def partial_update(self, request, pk=None):
        aksi = services.rencana_aksi_ubah(
            rencana_aksi=self.get_object(), by=request.user, **self._tulis(RencanaAksiTulisSerializer, False)
        )
        return Response(RencanaAksiSerializer(aksi).data)

    def destroy(self, request, pk=None):
        services.rencana_aksi_hapus(rencana_aksi=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Teks tersimpan Anda"),
    retrieve=extend_schema(summary="Satu teks tersimpan Anda"),
    create=extend_schema(
        summary="Simpan teks",
        description="Judul yang sama (per jenis) menggantikan teks lama.",
        request=TeksTersimpanTulisSerializer,
        responses={201: TeksTersimpanSerializer, 400: VALIDATION_RESPONSE, 403: FORBIDDEN_RESPONSE},
    ),
    destroy=extend_schema(summary="Hapus teks tersimpan", responses={204: None, **WRITE_ERRORS}),
)
@extend_schema(tags=["skp"])
class TeksTersimpanViewSet(
    SkpApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The user's own reusable texts; another user's are not found."""

    permission_classes = TENANT_PERMISSIONS
    lookup_value_regex = TenantReadViewSet.lookup_value_regex
    serializer_class = TeksTersimpanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TeksTersimpan.objects.none()
        return TeksTersimpan.objects.filter(pemilik=self.request.user).order_by("jenis", "judul", "pk")

    def create(self, request):
        data = TeksTersimpanTulisSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        teks = services.teks_tersimpan_simpan(by=request.user, **data.validated_data)
        return Response(TeksTersimpanSerializer(teks).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        services.teks_tersimpan_hapus(teks=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Pemberitahuan Anda",
        parameters=[
            OpenApiParameter("belum_dibaca", OpenApiTypes.BOOL, description="Hanya yang belum dibaca.")
        ],
    ),
)
@extend_schema(tags=["skp"])
class PemberitahuanViewSet(SkpApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Notices to the logged-in Pegawai, newest first."""

    permission_classes = TENANT_PERMISSIONS
    serializer_class = PemberitahuanSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.pegawai_id:
            return Pemberitahuan.objects.none()
        qs = Pemberitahuan.objects.filter(penerima_id=user.pegawai_id).order_by("-dibuat_pada", "-id")
        if self.action == "list" and self.request.query_params.get("belum_dibaca") in ("1", "true"):
            qs = qs.filter(dibaca_pada__isnull=True)
        return qs

    @extend_schema(
        summary="Tandai dibaca",
        request=BacaSerializer,
        responses={
            200: inline_serializer("PemberitahuanDibaca", {"dibaca": serializers.IntegerField()}),
            400: VALIDATION_RESPONSE,
            403: FORBIDDEN_RESPONSE,
        },
    )
    @action(detail=False, methods=["post"])
    def baca(self, request):
        data = BacaSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        belum = self.get_queryset().filter(dibaca_pada__isnull=True)
        if "id" in data.validated_data:
            belum = belum.filter(pk__in=data.validated_data["id"])
        jumlah = services.pemberitahuan_baca(pemberitahuan=list(belum), by=request.user)
        return Response({"dibaca": jumlah})
