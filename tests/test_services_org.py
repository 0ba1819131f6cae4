"""Writes on the org tree and on Pegawai (kinerja/services/org.py): the unit tree keeps its materialised path,
every write is audited (who, when, why), only the BKPSDM admin of the Pemda may write, and nothing may point
into another Pemda.

Services run the way a request runs them: inside tenant_context() of the caller's Pemda.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from kinerja.models import (
    AuditEvent,
    DelegasiPimpinan,
    JenisDelegasi,
    JenisUnit,
    KoreksiPenilai,
    Penempatan,
    RiwayatStatus,
    UnitKerja,
)
from kinerja.scoping import tenant_context
from kinerja.services import org

from .factories import JabatanFactory, UnitKerjaFactory, make_nip

pytestmark = pytest.mark.django_db

D = datetime.date


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def audit_events(pemda=None):
    with scopes_disabled():
        qs = AuditEvent.objects.order_by("pk")
        return list(qs.filter(pemda=pemda) if pemda else qs)


def unit_baru(world, *, parent, kode="D01.B9", by=None):
    with tenant_context(world.sumedang.pk):
        return org.unitkerja_create(
            pemda_id=world.sumedang.pk,
            kode=kode,
            nama=f"Unit {kode}",
            jenis=JenisUnit.BIDANG if parent else JenisUnit.PERANGKAT_DAERAH,
            parent=parent,
            by=by or world.users.admin,
        )


# The unit tree ---------------------------------------------------------------------------------------
def test_new_top_level_unit_gets_its_own_path_at_depth_zero(world):
    unit = unit_baru(world, parent=None, kode="D09")
    assert (fresh(unit).path, fresh(unit).depth) == (f"/{unit.pk}/", 0)
    assert fresh(unit).ancestor_ids == [unit.pk]


def test_new_sub_unit_extends_its_parents_path(world):
    unit = unit_baru(world, parent=world.seksi, kode="D01.B1.S1.X")
    assert fresh(unit).path == f"/{world.dinas.pk}/{world.bidang.pk}/{world.seksi.pk}/{unit.pk}/"
    assert fresh(unit).depth == 3
    with tenant_context(world.sumedang.pk):
        subtree = UnitKerja.objects.filter(path__startswith=world.bidang.path)
        assert set(subtree.values_list("pk", flat=True)) == {world.bidang.pk, world.seksi.pk, unit.pk}


def test_new_unit_under_a_unit_of_another_pemda_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        unit_baru(world, parent=world.unit_bogor)
    assert "parent" in excinfo.value.message_dict
    with scopes_disabled():
        assert not UnitKerja.objects.filter(kode="D01.B9").exists()
    assert audit_events() == []


def test_unit_code_is_unique_within_the_pemda_only(world):
    with pytest.raises(ValidationError):
        unit_baru(world, parent=None, kode="D01")
    with tenant_context(world.bogor.pk):
        org.unitkerja_create(
            pemda_id=world.bogor.pk,
            kode="D01",
            nama="Dinas di Bogor",
            jenis=JenisUnit.PERANGKAT_DAERAH,
            parent=None,
            by=world.users.outsider_admin,
        )


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "kadis", "bupati", "outsider_admin"])
def test_only_the_bkpsdm_admin_of_the_pemda_creates_units(world, persona):
    with pytest.raises(PermissionDenied):
        unit_baru(world, parent=world.dinas, by=getattr(world.users, persona))
    with scopes_disabled():
        assert not UnitKerja.objects.filter(kode="D01.B9").exists()


def test_creating_a_unit_records_who_and_when(world):
    before = timezone.now()
    unit = unit_baru(world, parent=world.dinas)
    [event] = audit_events()
    assert (event.pemda_id, event.aksi, event.objek_jenis, event.objek_id) == (
        world.sumedang.pk,
        "unitkerja_create",
        "UnitKerja",
        unit.pk,
    )
    assert event.oleh == world.users.admin
    assert before <= event.pada <= timezone.now()


# Moving a unit ---------------------------------------------------------------------------------------
def move(**kwargs):
    return org.unitkerja_move(**kwargs)


@pytest.fixture
def cabang(world):
    """A unit under BKPSDM to move the Bidang (with its Seksi) under: both go one level deeper."""
    return UnitKerjaFactory(pemda=world.sumedang, kode="D02.B1", parent=world.bkpsdm, jenis=JenisUnit.BIDANG)


def test_moving_a_unit_recomputes_path_and_depth_of_its_whole_subtree(world, cabang):
    with tenant_context(world.sumedang.pk):
        move(unit=world.bidang, parent=cabang, by=world.users.admin, alasan="Perbup SOTK 2026")
    bidang, seksi = fresh(world.bidang), fresh(world.seksi)
    assert (bidang.parent_id, bidang.path, bidang.depth) == (
        cabang.pk,
        f"/{world.bkpsdm.pk}/{cabang.pk}/{bidang.pk}/",
        2,
    )
    assert (seksi.path, seksi.depth) == (f"{bidang.path}{seksi.pk}/", 3)
    assert (fresh(world.dinas).path, fresh(world.dinas).depth) == (f"/{world.dinas.pk}/", 0)


def test_moving_a_unit_to_the_top_level_makes_it_a_perangkat_daerah(world):
    with tenant_context(world.sumedang.pk):
        move(unit=world.bidang, parent=None, by=world.users.admin, alasan="Menjadi badan")
    assert (fresh(world.bidang).path, fresh(world.bidang).depth) == (f"/{world.bidang.pk}/", 0)
    assert fresh(world.seksi).path == f"/{world.bidang.pk}/{world.seksi.pk}/"


@pytest.mark.parametrize("new_parent", ["bidang", "seksi"])
def test_moving_a_unit_under_itself_or_its_own_descendant_is_refused(world, new_parent):
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError):
        move(unit=world.bidang, parent=getattr(world, new_parent), by=world.users.admin, alasan="Salah")
    assert fresh(world.bidang).parent_id == world.dinas.pk
    assert fresh(world.seksi).path == world.seksi.path


def test_moving_a_unit_records_who_when_and_why(world, cabang):
    before = timezone.now()
    with tenant_context(world.sumedang.pk):
        move(unit=world.bidang, parent=cabang, by=world.users.admin, alasan="Perbup SOTK 2026")
    [event] = [e for e in audit_events() if e.objek_jenis == "UnitKerja" and e.objek_id == world.bidang.pk]
    assert event.oleh == world.users.admin and event.alasan == "Perbup SOTK 2026"
    assert before <= event.pada <= timezone.now()
    assert event.data.get("parent_lama") == world.dinas.pk and event.data.get("parent_baru") == cabang.pk


def test_a_unit_cannot_be_moved_across_pemda_or_by_another_pemdas_admin(world):
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError):
        move(unit=world.bidang, parent=world.unit_bogor, by=world.users.admin, alasan="Lintas")
    with tenant_context(world.bogor.pk), pytest.raises(PermissionDenied):
        move(unit=world.bidang, parent=None, by=world.users.outsider_admin, alasan="Lintas")
    assert fresh(world.bidang).parent_id == world.dinas.pk


def test_moving_a_unit_needs_a_reason(world):
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError) as excinfo:
        move(unit=world.bidang, parent=None, by=world.users.admin, alasan=" ")
    assert "alasan" in excinfo.value.message_dict
    assert fresh(world.bidang).parent_id == world.dinas.pk
    assert audit_events() == []


# Placements, corrections, delegations ----------------------------------------------------------------
def test_mutasi_ends_the_current_placement_and_records_why(world):
    baru = JabatanFactory(unit=world.bidang, nama="Analis Kebijakan")
    with tenant_context(world.sumedang.pk):
        org.pegawai_mutasi(
            pegawai=world.pegawai,
            jabatan=baru,
            mulai=D(2026, 2, 1),
            by=world.users.admin,
            nomor_sk="800/12/BKPSDM/2026",
            alasan="Rotasi sesuai kebutuhan organisasi",
        )
        riwayat = list(Penempatan.objects.filter(pegawai=world.pegawai).order_by("mulai"))
    assert [(p.jabatan_id, p.mulai, p.selesai) for p in riwayat] == [
        (world.pelaksana.pk, D(2020, 1, 1), D(2026, 1, 31)),
        (baru.pk, D(2026, 2, 1), None),
    ]
    [event] = audit_events()
    assert (event.aksi, event.objek_id, event.oleh, event.alasan) == (
        "pegawai_mutasi",
        world.pegawai.pk,
        world.users.admin,
        "Rotasi sesuai kebutuhan organisasi",
    )
    assert event.data == {"jabatan_id": baru.pk, "mulai": "2026-02-01", "sebelumnya": world.pelaksana.pk}


@pytest.mark.parametrize("by", ["admin", "system"])
def test_mutasi_into_a_jabatan_of_another_pemda_is_refused(world, by):
    with scopes_disabled():
        jabatan_bogor = world.unit_bogor.jabatan.first()
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError) as excinfo:
        org.pegawai_mutasi(
            pegawai=world.pegawai,
            jabatan=jabatan_bogor,
            mulai=D(2026, 2, 1),
            by=world.users.admin if by == "admin" else None,
        )
    assert excinfo.value.messages == ["Jabatan berasal dari Pemda lain."]
    with scopes_disabled():
        assert Penempatan.objects.get(pegawai=world.pegawai).selesai is None
    assert audit_events() == []


def test_koreksi_with_a_penilai_of_another_pemda_is_refused_and_changes_nothing(world):
    with tenant_context(world.sumedang.pk):
        lama = org.koreksi_penilai_create(
            pegawai=world.pegawai,
            penilai=world.atasan,
            atasan_penilai=world.kadis,
            mulai=D(2026, 1, 1),
            selesai=None,
            alasan="Kepala Seksi sedang tugas belajar",
            by=world.users.admin,
        )
        with pytest.raises(ValidationError) as excinfo:
            org.koreksi_penilai_create(
                pegawai=world.pegawai,
                penilai=world.outsider,
                atasan_penilai=None,
                mulai=D(2026, 3, 1),
                selesai=None,
                alasan="Lintas Pemda",
                by=world.users.admin,
            )
    assert "penilai" in excinfo.value.message_dict
    # The refused correction rolled back its closing of the one in force.
    assert fresh(lama).selesai is None
    with scopes_disabled():
        assert KoreksiPenilai.objects.count() == 1
    assert [(e.aksi, e.alasan) for e in audit_events()] == [
        ("koreksi_penilai_create", "Kepala Seksi sedang tugas belajar")
    ]


def test_koreksi_needs_a_reason(world):
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError) as excinfo:
        org.koreksi_penilai_create(
            pegawai=world.pegawai,
            penilai=world.atasan,
            atasan_penilai=None,
            mulai=D(2026, 1, 1),
            selesai=None,
            alasan="  ",
            by=world.users.admin,
        )
    assert excinfo.value.message_dict == {"alasan": ["Alasan koreksi wajib diisi."]}


def test_delegasi_to_a_pegawai_of_another_pemda_is_refused(world):
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError) as excinfo:
        org.delegasi_create(
            unit=world.seksi,
            pegawai=world.outsider,
            jenis=JenisDelegasi.PLT,
            mulai=D(2026, 3, 2),
            selesai=None,
            by=world.users.admin,
        )
    assert excinfo.value.messages == ["Pegawai dan unit kerja harus dari Pemda yang sama."]
    with scopes_disabled():
        assert not DelegasiPimpinan.objects.exists()


def test_every_write_records_who_and_why(world):
    admin = world.users.admin
    with tenant_context(world.sumedang.pk):
        pegawai = org.pegawai_create(
            pemda_id=world.sumedang.pk, by=admin, nip=make_nip(urut=901), nama="Rina Marlina"
        )
        org.pegawai_mutasi(pegawai=pegawai, jabatan=world.pelaksana, mulai=D(2026, 1, 2), by=admin)
        org.penempatan_akhiri(pegawai=pegawai, selesai=D(2026, 6, 30), by=admin, alasan="Pensiun dini")
        org.status_tambah(
            pegawai=world.rekan,
            status="cuti",
            jenis_cuti="melahirkan",
            mulai=D(2026, 4, 1),
            selesai=D(2026, 6, 30),
            by=admin,
        )
        delegasi = org.delegasi_create(
            unit=world.seksi,
            pegawai=world.rekan,
            jenis=JenisDelegasi.PLH,
            mulai=D(2026, 3, 2),
            selesai=D(2026, 3, 13),
            by=admin,
        )
        org.delegasi_cabut(delegasi=delegasi, by=admin, alasan="Kepala Seksi kembali lebih awal")
    assert [(e.aksi, e.oleh, e.alasan) for e in audit_events()] == [
        ("pegawai_create", admin, ""),
        ("pegawai_mutasi", admin, ""),
        ("penempatan_akhiri", admin, "Pensiun dini"),
        ("status_tambah", admin, ""),
        ("delegasi_create", admin, ""),
        ("delegasi_cabut", admin, "Kepala Seksi kembali lebih awal"),
    ]
    assert {e.pemda_id for e in audit_events()} == {world.sumedang.pk}


# Another Pemda's admin touches nothing ---------------------------------------------------------------
def _delegasi(world):
    with tenant_context(world.sumedang.pk):
        return org.delegasi_create(
            unit=world.seksi,
            pegawai=world.rekan,
            jenis=JenisDelegasi.PLT,
            mulai=D(2026, 3, 2),
            selesai=None,
            by=world.users.admin,
        )


WRITES = {
    "unitkerja_create": lambda w, by: org.unitkerja_create(
        pemda_id=w.sumedang.pk, kode="X1", nama="Unit X", jenis="bidang", parent=w.dinas, by=by
    ),
    "pegawai_create": lambda w, by: org.pegawai_create(
        pemda_id=w.sumedang.pk, by=by, nip=make_nip(urut=902), nama="Titipan"
    ),
    "pegawai_mutasi": lambda w, by: org.pegawai_mutasi(
        pegawai=w.pegawai, jabatan=w.pelaksana, mulai=D(2026, 2, 1), by=by
    ),
    "penempatan_akhiri": lambda w, by: org.penempatan_akhiri(pegawai=w.pegawai, selesai=D(2026, 2, 1), by=by),
    "status_tambah": lambda w, by: org.status_tambah(
        pegawai=w.pegawai, status="tugas_belajar", mulai=D(2026, 2, 1), selesai=None, by=by
    ),
    "delegasi_create": lambda w, by: org.delegasi_create(
        unit=w.seksi, pegawai=w.rekan, jenis="plt", mulai=D(2026, 3, 2), selesai=None, by=by
    ),
    "delegasi_cabut": lambda w, by: org.delegasi_cabut(delegasi=w.delegasi, by=by),
    "koreksi_penilai_create": lambda w, by: org.koreksi_penilai_create(
        pegawai=w.pegawai,
        penilai=w.atasan,
        atasan_penilai=None,
        mulai=D(2026, 1, 1),
        selesai=None,
        alasan="Titipan",
        by=by,
    ),
}


def _snapshot():
    with scopes_disabled():
        return {
            model.__name__: sorted(model.objects.values_list("pk", flat=True))
            for model in (UnitKerja, Penempatan, RiwayatStatus, DelegasiPimpinan, KoreksiPenilai)
        } | {
            "penempatan_selesai": sorted(map(str, Penempatan.objects.values_list("selesai", flat=True))),
            "delegasi_dicabut": sorted(
                map(str, DelegasiPimpinan.objects.values_list("dicabut_pada", flat=True))
            ),
        }


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_admin_of_another_pemda_cannot_write_anything_of_sumedang(world, write):
    # The objects are Sumedang's; the caller is Bogor's BKPSDM admin, in her own tenant context.
    world.delegasi = _delegasi(world)
    before, events_before = _snapshot(), len(audit_events())
    with tenant_context(world.bogor.pk), pytest.raises(PermissionDenied):
        write(world, world.users.outsider_admin)
    assert _snapshot() == before
    assert len(audit_events()) == events_before


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_pegawai_without_the_admin_role_cannot_write(world, write):
    world.delegasi = _delegasi(world)
    before = _snapshot()
    with tenant_context(world.sumedang.pk), pytest.raises(PermissionDenied):
        write(world, world.users.penilai)
    assert _snapshot() == before


# Closed units and duplicate codes --------------------------------------------------------------------
def test_a_taken_unit_code_is_reported_as_taken(world):
    # Django's Indonesian catalogue says "tidak ada" (does not exist) for a multi-field unique check.
    with pytest.raises(ValidationError) as excinfo:
        unit_baru(world, parent=None, kode="D01")
    assert excinfo.value.messages == ["Unit kerja dengan kode ini sudah ada."]


def _tutup(unit):
    with scopes_disabled():
        UnitKerja.objects.filter(pk=unit.pk).update(aktif=False)


def test_no_new_unit_under_a_closed_unit(world, cabang):
    _tutup(cabang)
    with pytest.raises(ValidationError, match="sudah dinonaktifkan"):
        unit_baru(world, parent=fresh(cabang), kode="D02.B1.S9")
    with scopes_disabled():
        assert not UnitKerja.objects.filter(kode="D02.B1.S9").exists()


def test_no_move_under_a_closed_unit(world, cabang):
    _tutup(cabang)
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError, match="sudah dinonaktifkan"):
        move(unit=world.bidang, parent=fresh(cabang), by=world.users.admin, alasan="SOTK")
    assert fresh(world.bidang).parent_id == world.dinas.pk


def test_no_placement_into_a_jabatan_of_a_closed_unit(world, cabang):
    jabatan = JabatanFactory(unit=cabang, nama="Analis")
    _tutup(cabang)
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError, match="sudah dinonaktifkan"):
        org.pegawai_mutasi(pegawai=world.rekan, jabatan=jabatan, mulai=D(2026, 2, 1), by=world.users.admin)
    with scopes_disabled():
        assert not Penempatan.objects.filter(jabatan=jabatan).exists()
