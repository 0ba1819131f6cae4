"""The tenancy guarantees of the core (docs/tenancy.md).

- Fail-closed: a query of any tenant-owned model with no active Pemda raises ScopeError.
- tenant_context(pemda_id) sees that Pemda only; national_context() sees every Pemda; no Pemda, no context.
- A row never points into another Pemda: TenantModel.save() refuses it (check_same_pemda), and on PostgreSQL
  the composite foreign keys of kinerja/rls.py refuse it even when the ORM check is skipped.

The tenant models and their foreign keys are read from the app registry, so a model added later is checked
without editing this file. Rows of each model come from ROW_BUILDERS, or else from `<Model>Factory` in
tests/factories.py called with `pemda=`; a model with neither fails here with a message saying so.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django_scopes import ScopeError, scopes_disabled

from dokumen import sertifikat
from dokumen.models import Dokumen, Penandatangan, SertifikatPemda, TandaTangan, sha256_hex
from kinerja.models import (
    AuditEvent,
    DelegasiPimpinan,
    HariLiburPemda,
    Jabatan,
    JenisDelegasi,
    KoreksiPenilai,
    Pegawai,
    Penempatan,
    PengaturanPemda,
    RiwayatStatus,
    UnitKerja,
    is_tenant_model,
    tenant_foreign_keys,
)
from kinerja.models.tenancy import check_same_pemda
from kinerja.scoping import national_context, tenant_context
from skp.models import Skp

from . import factories

pytestmark = pytest.mark.django_db

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="composite foreign keys exist on PostgreSQL only"
)


def label(model) -> str:
    return model._meta.label


TENANT_MODELS = sorted((m for m in apps.get_models() if is_tenant_model(m)), key=label)
TENANT_FKS = [(model, field) for model in TENANT_MODELS for field in tenant_foreign_keys(model)]
FK_IDS = [f"{model.__name__}.{field.name}" for model, field in TENANT_FKS]


# Rows ------------------------------------------------------------------------------------------------
def _unit(pemda):
    return factories.UnitKerjaFactory(pemda=pemda, parent=factories.UnitKerjaFactory(pemda=pemda))


def _jabatan(pemda):
    return factories.JabatanFactory(unit=factories.UnitKerjaFactory(pemda=pemda))


def _pegawai(pemda):
    return factories.PegawaiFactory(pemda=pemda)


def _penempatan(pemda):
    return factories.PenempatanFactory(pegawai=_pegawai(pemda), jabatan=_jabatan(pemda))


def _riwayat_status(pemda):
    return RiwayatStatus.objects.create(
        pemda=pemda, pegawai=_pegawai(pemda), status="tugas_belajar", mulai=datetime.date(2025, 8, 1)
    )


def _delegasi(pemda):
    pegawai = _pegawai(pemda)
    return DelegasiPimpinan.objects.create(
        pemda=pemda,
        content_object=factories.UnitKerjaFactory(pemda=pemda),
        user=factories.UserFactory(username=pegawai.nip, pemda=pemda, pegawai=pegawai),
        permission=Permission.objects.get(content_type__app_label="kinerja", codename="pimpin_unitkerja"),
        pegawai=pegawai,
        jenis=JenisDelegasi.PLT,
        mulai=datetime.date(2026, 1, 5),
    )


def _koreksi(pemda):
    return KoreksiPenilai.objects.create(
        pemda=pemda,
        pegawai=_pegawai(pemda),
        penilai=_pegawai(pemda),
        atasan_penilai=_pegawai(pemda),
        mulai=datetime.date(2026, 1, 1),
        alasan="Unit belum punya pejabat pengawas.",
    )


def _pengaturan(pemda):
    existing = PengaturanPemda.objects.filter(pemda=pemda).first()
    return existing or factories.PengaturanFactory(pemda=pemda)


def _hari_libur(pemda):
    return HariLiburPemda.objects.create(pemda=pemda, tanggal=datetime.date(2026, 4, 20), nama="Hari Jadi")


def _audit(pemda):
    return AuditEvent.objects.create(pemda=pemda, aksi="uji", objek_jenis="Uji", objek_id=1)


def _sertifikat(pemda):
    return SertifikatPemda.objects.create(
        pemda=pemda,
        aktif=False,
        **sertifikat.buat(nama_instansi=f"Pemerintah {pemda.nama}", nama_pemda=pemda.nama),
    )


def _dokumen(pemda):
    # A document awaiting signatures: its foreign keys may still be set (a final one is frozen by a trigger).
    html = "<p>Dokumen uji</p>"
    return Dokumen.objects.create(
        pemda=pemda,
        format_kode="X.1",
        judul="Dokumen uji",
        objek_jenis="kinerja.Pegawai",
        objek_id=_pegawai(pemda).pk,
        versi=1,
        html=html,
        html_sha256=sha256_hex(html),
        diterbitkan_pada=datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC),
    )


def _penandatangan(pemda):
    pegawai = _pegawai(pemda)
    return Penandatangan.objects.create(
        pemda=pemda,
        dokumen=_dokumen(pemda),
        urutan=1,
        peran="pegawai",
        user=factories.UserFactory(username=pegawai.nip, pemda=pemda, pegawai=pegawai),
        judul_peran="Pegawai yang Dinilai",
        nama=pegawai.nama,
    )


def _tanda_tangan(pemda):
    penandatangan = _penandatangan(pemda)
    return TandaTangan.objects.create(
        pemda=pemda,
        dokumen=penandatangan.dokumen,
        penandatangan=penandatangan,
        user=penandatangan.user,
        pada=datetime.datetime(2026, 1, 31, 10, tzinfo=datetime.UTC),
        html_sha256=penandatangan.dokumen.html_sha256,
    )


def _skp(pemda):
    # A revision: `skp_versi_bersambung` allows `sebelumnya` only on a version above 1, and the foreign-key
    # tests point `sebelumnya` of this row at another SKP.
    return factories.SkpFactory(pemda=pemda, versi=2, sebelumnya=factories.SkpFactory(pemda=pemda))


ROW_BUILDERS = {
    AuditEvent: _audit,
    Dokumen: _dokumen,
    Penandatangan: _penandatangan,
    SertifikatPemda: _sertifikat,
    TandaTangan: _tanda_tangan,
    DelegasiPimpinan: _delegasi,
    HariLiburPemda: _hari_libur,
    Jabatan: _jabatan,
    KoreksiPenilai: _koreksi,
    Pegawai: _pegawai,
    Penempatan: _penempatan,
    PengaturanPemda: _pengaturan,
    RiwayatStatus: _riwayat_status,
    UnitKerja: _unit,
    Skp: _skp,
}


def row_of(model, pemda):
    """A saved row of `model` in `pemda` whose own tenant foreign keys stay inside `pemda`."""
    with scopes_disabled():
        builder = ROW_BUILDERS.get(model)
        if builder is not None:
            return builder(pemda)
        factory = getattr(factories, f"{model.__name__}Factory", None)
        if factory is None:
            pytest.fail(
                f"{label(model)} is a tenant model with no row builder: add it to ROW_BUILDERS in "
                f"tests/test_tenancy.py or add {model.__name__}Factory to tests/factories.py."
            )
        try:
            row = factory(pemda=pemda)
        except ValidationError as exc:
            pytest.fail(
                f"{model.__name__}Factory(pemda=...) built rows across Pemda ({exc}); add a builder for "
                f"{label(model)} to ROW_BUILDERS in tests/test_tenancy.py."
            )
        assert row.pemda_id == pemda.pk
        return row


@pytest.fixture
def every_row(world):
    """At least one row of every tenant model in each of the two Pemda of the world."""
    for pemda in (world.sumedang, world.bogor):
        for model in TENANT_MODELS:
            row_of(model, pemda)
    return world


def test_the_registry_lists_the_known_tenant_models_and_foreign_keys():
    # Guards the introspection itself: if it came back empty, every parametrized test would pass vacuously.
    assert set(ROW_BUILDERS) <= set(TENANT_MODELS)
    assert {
        "Jabatan.unit",
        "Penempatan.pegawai",
        "Penempatan.jabatan",
        "UnitKerja.parent",
        "RiwayatStatus.pegawai",
        "DelegasiPimpinan.content_object",
        "DelegasiPimpinan.pegawai",
        "KoreksiPenilai.pegawai",
        "KoreksiPenilai.penilai",
        "KoreksiPenilai.atasan_penilai",
    } <= set(FK_IDS)


# Fail-closed scoping ---------------------------------------------------------------------------------
QUERIES = {
    "all": lambda m: list(m.objects.all()),
    "iterate": lambda m: list(m.objects.get_queryset()),
    "filter": lambda m: list(m.objects.filter(pk__gt=0)),
    "get": lambda m: m.objects.get(pk=1),
    "first": lambda m: m.objects.first(),
    "count": lambda m: m.objects.count(),
    "values_list": lambda m: list(m.objects.values_list("pk", flat=True)),
    "in_bulk": lambda m: m.objects.in_bulk([1, 2]),
    "update": lambda m: m.objects.update(pemda_id=0),
    "delete": lambda m: m.objects.all().delete(),
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_query_of_a_tenant_model_without_an_active_pemda_raises(every_row, model, query):
    with pytest.raises(ScopeError):
        query(model)


def test_related_manager_without_an_active_pemda_raises(world):
    with pytest.raises(ScopeError):
        list(world.dinas.jabatan.all())
    with pytest.raises(ScopeError):
        list(world.pegawai.penempatan.all())


# django-scopes' own DisabledQuerySet leaves these open; TenantModel's manager (tenant_manager in
# kinerja/models/tenancy.py) closes them, since each would otherwise run over every Pemda.
LEAKY_READS = {
    "exists": lambda m: m.objects.exists(),
    "exclude-exists": lambda m: m.objects.exclude(pk=0).exists(),
    "explain": lambda m: m.objects.explain(),
    "select_related": lambda m: list(m.objects.select_related()),
    "distinct": lambda m: list(m.objects.distinct()),
    "in_bulk": lambda m: m.objects.in_bulk(),
}


@pytest.mark.parametrize("query", LEAKY_READS.values(), ids=LEAKY_READS.keys())
@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_existence_and_other_reads_without_an_active_pemda_raise(world, model, query):
    with pytest.raises(ScopeError):
        query(model)


@pytest.mark.parametrize("pemda_id", [None, ""])
def test_tenant_context_without_a_pemda_refuses_to_start(pemda_id):
    with pytest.raises(ValueError):
        with tenant_context(pemda_id):
            pass


def test_tenant_context_needs_an_argument():
    with pytest.raises(TypeError):
        with tenant_context():
            pass


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_tenant_context_sees_only_the_rows_of_its_pemda(every_row, model):
    for pemda in (every_row.sumedang, every_row.bogor):
        with scopes_disabled():
            own = set(model.objects.filter(pemda=pemda).values_list("pk", flat=True))
            other = set(model.objects.exclude(pemda=pemda).values_list("pk", flat=True))
        assert own and other
        with tenant_context(pemda.pk):
            seen = set(model.objects.values_list("pk", flat=True))
            assert model.objects.count() == len(own)
            for pk in other:
                assert not model.objects.filter(pk=pk).exists()
        assert seen == own


@pytest.mark.parametrize("model", TENANT_MODELS, ids=label)
def test_national_context_sees_every_pemda(every_row, model):
    with national_context():
        pemda_ids = set(model.objects.values_list("pemda_id", flat=True))
    assert {every_row.sumedang.pk, every_row.bogor.pk} <= pemda_ids


def test_scope_ends_with_the_context(world):
    with tenant_context(world.sumedang.pk):
        assert UnitKerja.objects.count() == 4
    with pytest.raises(ScopeError):
        UnitKerja.objects.count()
    with national_context():
        assert UnitKerja.objects.count() == 5
    with pytest.raises(ScopeError):
        UnitKerja.objects.count()


def test_an_object_of_another_pemda_is_not_found_inside_a_tenant_context(world):
    with tenant_context(world.bogor.pk), pytest.raises(UnitKerja.DoesNotExist):
        UnitKerja.objects.get(pk=world.dinas.pk)


# Same-Pemda foreign keys in the ORM ------------------------------------------------------------------
@pytest.mark.parametrize("set_as", ["object", "id"])
@pytest.mark.parametrize("model, field", TENANT_FKS, ids=FK_IDS)
def test_saving_a_row_that_points_into_another_pemda_is_refused(world, model, field, set_as):
    target = row_of(field.related_model, world.bogor)
    row = model(pemda=world.sumedang)
    if set_as == "object":
        setattr(row, field.name, target)
    else:
        setattr(row, field.attname, target.pk)
    with pytest.raises(ValidationError) as excinfo, scopes_disabled():
        row.save()
    assert "Pemda lain" in excinfo.value.message_dict[field.name][0]
    assert row.pk is None


@pytest.mark.parametrize("model, field", TENANT_FKS, ids=FK_IDS)
def test_a_foreign_key_inside_the_same_pemda_passes_the_check(world, model, field):
    row = model(pemda=world.sumedang)
    setattr(row, field.attname, row_of(field.related_model, world.sumedang).pk)
    check_same_pemda(row)


def test_moving_a_row_to_another_pemda_while_its_foreign_keys_stay_is_refused(world):
    with scopes_disabled():
        jabatan = Jabatan.objects.get(pk=world.pelaksana.pk)
    jabatan.pemda = world.bogor
    with pytest.raises(ValidationError) as excinfo:
        jabatan.save()
    assert "unit" in excinfo.value.message_dict


def test_unit_cannot_hang_under_a_unit_of_another_pemda(world):
    with scopes_disabled():
        bidang = UnitKerja.objects.get(pk=world.bidang.pk)
    bidang.parent = world.unit_bogor
    with pytest.raises(ValidationError) as excinfo:
        bidang.save()
    assert excinfo.value.message_dict["parent"] == [
        "unit induk berasal dari Pemda lain; relasi lintas Pemda tidak diizinkan."
    ]


# Same-Pemda foreign keys in PostgreSQL (composite FKs) -----------------------------------------------
def _immediate(cursor):
    # The composite FKs are DEFERRABLE INITIALLY DEFERRED (bulk loads insert in any order); the test
    # transaction never commits, so make them fire at the statement.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@only_postgresql
@pytest.mark.parametrize("model, field", TENANT_FKS, ids=FK_IDS)
def test_database_refuses_a_cross_pemda_reference_made_with_queryset_update(world, model, field):
    source = row_of(model, world.sumedang)
    same = row_of(field.related_model, world.sumedang)
    other = row_of(field.related_model, world.bogor)
    with transaction.atomic(), connection.cursor() as cursor:
        _immediate(cursor)
        assert model._base_manager.filter(pk=source.pk).update(**{field.attname: same.pk}) == 1
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic(), connection.cursor() as cursor:
        _immediate(cursor)
        model._base_manager.filter(pk=source.pk).update(**{field.attname: other.pk})
    assert "tfk_" in str(excinfo.value)


@only_postgresql
def test_database_refuses_a_cross_pemda_reference_made_with_raw_sql(world):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic(), connection.cursor() as cursor:
        _immediate(cursor)
        cursor.execute(
            "UPDATE kinerja_penempatan SET jabatan_id = %s WHERE pegawai_id = %s",
            [row_of(Jabatan, world.bogor).pk, world.pegawai.pk],
        )
    assert "tfk_" in str(excinfo.value)


@only_postgresql
def test_database_refuses_a_cross_pemda_reference_made_with_bulk_create(world):
    # bulk_create() does not call save(), so check_same_pemda never runs: only the database stops it.
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic(), connection.cursor() as cursor:
        _immediate(cursor)
        Jabatan.objects.bulk_create(
            [Jabatan(pemda=world.sumedang, unit=world.unit_bogor, nama="Lintas Pemda", jenis="pelaksana")]
        )
    assert "tfk_" in str(excinfo.value)


@only_postgresql
def test_deferred_composite_fk_still_fails_at_commit(world):
    # Without SET CONSTRAINTS the check waits for COMMIT, which the test transaction never reaches.
    # Switching to IMMEDIATE afterwards checks the pending rows at once, exactly as COMMIT would.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        UnitKerja._base_manager.filter(pk=world.bidang.pk).update(parent_id=world.unit_bogor.pk)
        _immediate(cursor)
