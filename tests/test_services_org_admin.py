"""BKPSDM's writes on the org tree (kinerja/services/org.py): changing and closing a unit, adding and
changing a Jabatan. Each one is refused for anyone but the Pemda's BKPSDM admin, explains a refusal in
Indonesian, changes nothing when it refuses, and leaves an audit event (who, when, why).

Services run the way a request runs them: inside tenant_context() of the caller's Pemda.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent, Jabatan, JenisDelegasi, JenisJabatan, JenisUnit, Penempatan, UnitKerja
from kinerja.scoping import tenant_context
from kinerja.services import org

from .factories import JabatanFactory, PenempatanFactory, UnitKerjaFactory, pegawai_with_account

pytestmark = pytest.mark.django_db

D = datetime.date
NON_ADMINS = ["pegawai", "penilai", "kadis", "bupati"]


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def audit_events():
    with scopes_disabled():
        return list(AuditEvent.objects.order_by("pk"))


def as_admin(world, write, **kwargs):
    with tenant_context(world.sumedang.pk):
        return write(by=world.users.admin, **kwargs)


def refused(world, write, *, by=None, **kwargs) -> ValidationError:
    """Run `write` as Sumedang's admin, expect a ValidationError and return it."""
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError) as excinfo:
        write(by=by or world.users.admin, **kwargs)
    return excinfo.value


@pytest.fixture
def kosong(world):
    """An active unit under BKPSDM with nobody in it: it may be closed."""
    return UnitKerjaFactory(
        pemda=world.sumedang, kode="D02.U1", nama="UPTD Pelatihan", jenis=JenisUnit.UPTD, parent=world.bkpsdm
    )


# Changing a unit -------------------------------------------------------------------------------------
def ubah(world, unit, **changes):
    data = {"nama": unit.nama, "kode": unit.kode, "jenis": unit.jenis} | changes
    return as_admin(world, org.unitkerja_update, unit=unit, **data)


def test_admin_renames_and_recodes_a_unit_and_it_keeps_its_place(world):
    before = timezone.now()
    with tenant_context(world.sumedang.pk):
        org.unitkerja_update(
            unit=world.bidang,
            nama="Bidang Layanan E-Government",
            kode="D01.B2",
            jenis=JenisUnit.BIDANG,
            by=world.users.admin,
            alasan="Perbup 12/2026 tentang SOTK",
        )
    bidang = fresh(world.bidang)
    assert (bidang.nama, bidang.kode) == ("Bidang Layanan E-Government", "D01.B2")
    assert (bidang.parent_id, bidang.path, bidang.depth) == (world.dinas.pk, world.bidang.path, 1)
    [event] = audit_events()
    assert (event.aksi, event.objek_jenis, event.objek_id, event.oleh, event.alasan) == (
        "unitkerja_update",
        "UnitKerja",
        world.bidang.pk,
        world.users.admin,
        "Perbup 12/2026 tentang SOTK",
    )
    assert event.data["sebelum"]["nama"] == "Bidang Aplikasi Informatika"
    assert event.data["sesudah"]["kode"] == "D01.B2"
    assert before <= event.pada <= timezone.now()


def test_a_code_taken_in_the_pemda_is_refused_with_the_unit_that_has_it(world):
    error = refused(
        world, org.unitkerja_update, unit=world.bidang, nama="Bidang", kode="D02", jenis=JenisUnit.BIDANG
    )
    assert error.message_dict == {
        "kode": ["Kode D02 sudah dipakai BKPSDM. Kode unit harus unik dalam Pemda."]
    }
    assert fresh(world.bidang).kode == "D01.B1"
    assert audit_events() == []


def test_a_code_used_only_in_another_pemda_is_free(world):
    ubah(world, world.bidang, kode="B01")  # Bogor's Dinas Kesehatan has it
    assert fresh(world.bidang).kode == "B01"


def test_changing_only_the_kind_of_a_unit_keeps_its_own_code(world):
    ubah(world, world.bidang, jenis=JenisUnit.BAGIAN)
    assert (fresh(world.bidang).jenis, fresh(world.bidang).kode) == (JenisUnit.BAGIAN, "D01.B1")


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"nama": "  "}, "nama"), ({"kode": ""}, "kode"), ({"jenis": "kementerian"}, "jenis")],
)
def test_a_unit_needs_a_name_a_code_and_a_known_kind(world, changes, field):
    data = {"nama": "Bidang Baru", "kode": "D01.B7", "jenis": JenisUnit.BIDANG} | changes
    error = refused(world, org.unitkerja_update, unit=world.bidang, **data)
    assert field in error.message_dict
    assert fresh(world.bidang).nama == "Bidang Aplikasi Informatika"


def test_saving_a_unit_unchanged_says_so_and_records_nothing(world):
    error = refused(
        world,
        org.unitkerja_update,
        unit=world.bidang,
        nama=" Bidang Aplikasi Informatika ",
        kode="D01.B1",
        jenis=JenisUnit.BIDANG,
    )
    assert error.messages == ["Tidak ada perubahan: data unit sama dengan sebelumnya."]
    assert audit_events() == []


# Closing a unit --------------------------------------------------------------------------------------
def test_admin_closes_an_empty_unit_with_a_reason(world, kosong):
    as_admin(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung ke BKPSDM (Perbup 12/2026)")
    assert fresh(kosong).aktif is False
    [event] = audit_events()
    assert (event.aksi, event.objek_id, event.oleh, event.alasan) == (
        "unitkerja_nonaktifkan",
        kosong.pk,
        world.users.admin,
        "Digabung ke BKPSDM (Perbup 12/2026)",
    )


def test_closing_a_unit_needs_a_reason(world, kosong):
    error = refused(world, org.unitkerja_nonaktifkan, unit=kosong, alasan=" ")
    assert error.message_dict == {"alasan": ["Sebutkan dasar penonaktifan unit (mis. Perbup SOTK)."]}
    assert fresh(kosong).aktif is True


def test_a_unit_where_someone_is_still_placed_cannot_be_closed(world):
    error = refused(world, org.unitkerja_nonaktifkan, unit=world.bkpsdm, alasan="Digabung")
    assert error.messages == [
        "Masih ada 1 penempatan Pegawai yang berlaku di unit ini (Dewi Lestari). "
        "Mutasikan atau akhiri penempatannya dulu."
    ]
    assert fresh(world.bkpsdm).aktif is True
    assert audit_events() == []


def test_a_unit_with_an_active_sub_unit_cannot_be_closed(world):
    error = refused(world, org.unitkerja_nonaktifkan, unit=world.bidang, alasan="Digabung")
    assert "1 sub-unit aktif (Seksi Pengembangan Aplikasi)" in error.messages[0]
    assert fresh(world.bidang).aktif is True


def test_someone_placed_deeper_in_the_subtree_blocks_closing_even_under_a_closed_sub_unit(world, kosong):
    # A closed sub-unit that still holds a placement (e.g. closed before this check existed).
    sub = UnitKerjaFactory(pemda=world.sumedang, kode="D02.U1.A", parent=kosong, jenis=JenisUnit.SEKSI)
    pegawai_with_account(jabatan=JabatanFactory(unit=sub, nama="Instruktur"), nama="Yanti Rahayu")
    with scopes_disabled():
        UnitKerja.objects.filter(pk=sub.pk).update(aktif=False)
    error = refused(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung")
    assert "Yanti Rahayu" in error.messages[0]
    assert fresh(kosong).aktif is True


def test_a_placement_yet_to_start_blocks_closing_and_an_ended_one_does_not(world, kosong):
    jabatan = JabatanFactory(unit=kosong, nama="Instruktur")
    mulai_nanti = timezone.localdate() + datetime.timedelta(days=30)
    with scopes_disabled():
        nanti = PenempatanFactory(
            pegawai=world.rekan, jabatan=jabatan, mulai=mulai_nanti, selesai=mulai_nanti
        )
    assert "Rudi Hartono" in refused(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="x").messages[0]
    with scopes_disabled():
        Penempatan.objects.filter(pk=nanti.pk).update(mulai=D(2021, 1, 1), selesai=D(2021, 12, 31))
    as_admin(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung")
    assert fresh(kosong).aktif is False


def test_a_unit_with_a_plt_in_force_cannot_be_closed(world, kosong):
    with tenant_context(world.sumedang.pk):
        org.delegasi_create(
            unit=kosong,
            pegawai=world.rekan,
            jenis=JenisDelegasi.PLT,
            mulai=D(2026, 1, 5),
            selesai=None,
            by=world.users.admin,
        )
    error = refused(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung")
    assert error.messages == [
        "Plt. (Pelaksana Tugas) unit ini (Rudi Hartono) masih berlaku. Cabut delegasinya dulu."
    ]
    assert fresh(kosong).aktif is True


def test_closing_a_closed_unit_is_refused(world, kosong):
    as_admin(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung")
    assert refused(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Lagi").messages == [
        "Unit ini sudah nonaktif."
    ]
    assert len(audit_events()) == 1


# Adding a Jabatan ------------------------------------------------------------------------------------
def jabatan_baru(world, unit, **kwargs):
    data = {
        "nama": "Pranata Komputer",
        "jenis": JenisJabatan.FUNGSIONAL,
        "memimpin_unit": False,
        "pimpinan_unit_kerja_mandiri": False,
    } | kwargs
    return as_admin(world, org.jabatan_create, unit=unit, **data)


def test_admin_adds_a_jabatan_to_a_unit(world):
    jabatan = jabatan_baru(world, world.seksi, nama=" Pranata Komputer Ahli Pertama ")
    jabatan = fresh(jabatan)
    assert (jabatan.unit_id, jabatan.pemda_id, jabatan.nama, jabatan.memimpin_unit) == (
        world.seksi.pk,
        world.sumedang.pk,
        "Pranata Komputer Ahli Pertama",
        False,
    )
    [event] = audit_events()
    assert (event.aksi, event.objek_jenis, event.objek_id, event.oleh) == (
        "jabatan_create",
        "Jabatan",
        jabatan.pk,
        world.users.admin,
    )


def test_a_unit_has_one_leading_jabatan(world):
    error = refused(
        world,
        org.jabatan_create,
        unit=world.seksi,
        nama="Koordinator Seksi",
        jenis=JenisJabatan.PENGAWAS,
        memimpin_unit=True,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.message_dict["memimpin_unit"][0].startswith(
        "Unit ini sudah punya jabatan pimpinan (Kepala Seksi)"
    )
    with scopes_disabled():
        assert not Jabatan.objects.filter(nama="Koordinator Seksi").exists()
    assert audit_events() == []


def test_a_unit_without_a_leader_gets_its_leading_jabatan(world, kosong):
    jabatan = jabatan_baru(world, kosong, nama="Kepala UPTD", jenis=JenisJabatan.PENGAWAS, memimpin_unit=True)
    assert fresh(jabatan).memimpin_unit is True


def test_a_jabatan_name_is_unique_in_its_unit_whatever_the_case(world):
    error = refused(
        world,
        org.jabatan_create,
        unit=world.seksi,
        nama="pengelola aplikasi",
        jenis=JenisJabatan.PELAKSANA,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.message_dict == {"nama": ["Jabatan pengelola aplikasi sudah ada di unit ini."]}
    jabatan_baru(world, world.bidang, nama="Pengelola Aplikasi")  # another unit may have it


def test_only_a_leading_jabatan_can_lead_an_independent_unit(world, kosong):
    error = refused(
        world,
        org.jabatan_create,
        unit=kosong,
        nama="Kepala Sekolah",
        jenis=JenisJabatan.FUNGSIONAL,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=True,
    )
    assert "pimpinan_unit_kerja_mandiri" in error.message_dict
    jabatan = jabatan_baru(
        world, kosong, nama="Kepala Sekolah", memimpin_unit=True, pimpinan_unit_kerja_mandiri=True
    )
    assert fresh(jabatan).pimpinan_unit_kerja_mandiri is True


def test_a_closed_unit_gets_no_new_jabatan(world, kosong):
    as_admin(world, org.unitkerja_nonaktifkan, unit=kosong, alasan="Digabung")
    error = refused(
        world,
        org.jabatan_create,
        unit=kosong,
        nama="Instruktur",
        jenis=JenisJabatan.FUNGSIONAL,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.messages == ["Unit ini nonaktif; jabatan baru tidak dapat ditambahkan."]


def test_a_jabatan_needs_a_name_and_a_known_kind(world):
    for nama, jenis, field in [(" ", JenisJabatan.PELAKSANA, "nama"), ("Staf", "eselon_1", "jenis")]:
        error = refused(
            world,
            org.jabatan_create,
            unit=world.seksi,
            nama=nama,
            jenis=jenis,
            memimpin_unit=False,
            pimpinan_unit_kerja_mandiri=False,
        )
        assert field in error.message_dict
    with scopes_disabled():
        assert Jabatan.objects.filter(unit=world.seksi).count() == 2


# Changing a Jabatan ----------------------------------------------------------------------------------
def ubah_jabatan(world, jabatan, **changes):
    data = {
        "nama": jabatan.nama,
        "jenis": jabatan.jenis,
        "memimpin_unit": jabatan.memimpin_unit,
        "pimpinan_unit_kerja_mandiri": jabatan.pimpinan_unit_kerja_mandiri,
    } | changes
    return as_admin(world, org.jabatan_update, jabatan=jabatan, **data)


def test_admin_renames_a_jabatan_and_its_holders_stay(world):
    with tenant_context(world.sumedang.pk):
        org.jabatan_update(
            jabatan=world.pelaksana,
            nama="Pengembang Aplikasi",
            jenis=JenisJabatan.PELAKSANA,
            memimpin_unit=False,
            pimpinan_unit_kerja_mandiri=False,
            by=world.users.admin,
            alasan="Kepmenpan nomenklatur 2026",
        )
        holders = set(Penempatan.objects.filter(jabatan=world.pelaksana).values_list("pegawai_id", flat=True))
    assert fresh(world.pelaksana).nama == "Pengembang Aplikasi"
    assert holders == {world.pegawai.pk, world.rekan.pk}
    [event] = audit_events()
    assert (event.aksi, event.objek_id, event.oleh, event.alasan) == (
        "jabatan_update",
        world.pelaksana.pk,
        world.users.admin,
        "Kepmenpan nomenklatur 2026",
    )
    assert (event.data["sebelum"]["nama"], event.data["sesudah"]["nama"]) == (
        "Pengelola Aplikasi",
        "Pengembang Aplikasi",
    )


def test_a_second_leading_jabatan_in_a_unit_is_refused_on_change_too(world):
    staf = JabatanFactory(unit=world.seksi, nama="Analis", jenis=JenisJabatan.FUNGSIONAL)
    error = refused(
        world,
        org.jabatan_update,
        jabatan=staf,
        nama="Analis",
        jenis=JenisJabatan.FUNGSIONAL,
        memimpin_unit=True,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert "memimpin_unit" in error.message_dict and "Kepala Seksi" in error.message_dict["memimpin_unit"][0]
    assert fresh(staf).memimpin_unit is False


def test_the_leading_jabatan_keeps_leading_when_renamed(world):
    kepala = Jabatan._base_manager.get(unit=world.seksi, memimpin_unit=True)
    ubah_jabatan(world, kepala, nama="Kepala Seksi Pengembangan")
    assert fresh(kepala).memimpin_unit is True


def test_a_jabatan_held_by_several_pegawai_cannot_become_the_leading_one(world, kosong):
    jabatan = JabatanFactory(unit=kosong, nama="Instruktur", jenis=JenisJabatan.FUNGSIONAL)
    for nama in ("Yanti Rahayu", "Asep Sunandar"):
        pegawai_with_account(jabatan=jabatan, nama=nama)
    error = refused(
        world,
        org.jabatan_update,
        jabatan=jabatan,
        nama="Instruktur",
        jenis=JenisJabatan.FUNGSIONAL,
        memimpin_unit=True,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.message_dict["memimpin_unit"][0].startswith("Jabatan ini diduduki 2 Pegawai")
    assert fresh(jabatan).memimpin_unit is False


def test_a_jabatan_held_by_one_pegawai_can_become_the_leading_one(world, kosong):
    jabatan = JabatanFactory(unit=kosong, nama="Koordinator", jenis=JenisJabatan.PENGAWAS)
    pegawai_with_account(jabatan=jabatan, nama="Yanti Rahayu")
    ubah_jabatan(world, jabatan, memimpin_unit=True)
    assert fresh(jabatan).memimpin_unit is True


def test_a_renamed_jabatan_may_not_take_the_name_of_another_in_its_unit(world):
    kepala = Jabatan._base_manager.get(unit=world.seksi, memimpin_unit=True)
    error = refused(
        world,
        org.jabatan_update,
        jabatan=kepala,
        nama="Pengelola Aplikasi",
        jenis=kepala.jenis,
        memimpin_unit=True,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.message_dict == {"nama": ["Jabatan Pengelola Aplikasi sudah ada di unit ini."]}


def test_saving_a_jabatan_unchanged_says_so(world):
    error = refused(
        world,
        org.jabatan_update,
        jabatan=world.pelaksana,
        nama="Pengelola Aplikasi",
        jenis=JenisJabatan.PELAKSANA,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=False,
    )
    assert error.messages == ["Tidak ada perubahan: data jabatan sama dengan sebelumnya."]
    assert audit_events() == []


# Who may write -------------------------------------------------------------------------------------------
WRITES = {
    "unitkerja_update": lambda w, by: org.unitkerja_update(
        unit=w.bidang, nama="Bidang X", kode="X9", jenis=JenisUnit.BIDANG, by=by
    ),
    "unitkerja_nonaktifkan": lambda w, by: org.unitkerja_nonaktifkan(unit=w.kosong, by=by, alasan="Titipan"),
    "jabatan_create": lambda w, by: org.jabatan_create(
        unit=w.seksi,
        nama="Titipan",
        jenis=JenisJabatan.PELAKSANA,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=False,
        by=by,
    ),
    "jabatan_update": lambda w, by: org.jabatan_update(
        jabatan=w.pelaksana,
        nama="Titipan",
        jenis=JenisJabatan.PELAKSANA,
        memimpin_unit=False,
        pimpinan_unit_kerja_mandiri=False,
        by=by,
    ),
}


def _snapshot():
    with scopes_disabled():
        return (
            sorted(UnitKerja.objects.values_list("pk", "nama", "kode", "jenis", "aktif")),
            sorted(Jabatan.objects.values_list("pk", "nama", "jenis", "memimpin_unit")),
        )


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
@pytest.mark.parametrize("persona", NON_ADMINS)
def test_a_user_without_the_admin_role_cannot_change_the_tree(world, kosong, write, persona):
    world.kosong = kosong
    before = _snapshot()
    with tenant_context(world.sumedang.pk), pytest.raises(PermissionDenied):
        write(world, getattr(world.users, persona))
    assert _snapshot() == before
    assert audit_events() == []


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_another_pemdas_admin_cannot_change_sumedangs_tree(world, kosong, write):
    world.kosong = kosong
    before = _snapshot()
    with tenant_context(world.bogor.pk), pytest.raises(PermissionDenied):
        write(world, world.users.outsider_admin)
    assert _snapshot() == before
    assert audit_events() == []


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_the_admin_can_do_each_write(world, kosong, write):
    """The other side of the refusals above: the same calls go through for Sumedang's admin."""
    world.kosong = kosong
    before = _snapshot()
    with tenant_context(world.sumedang.pk):
        write(world, world.users.admin)
    assert _snapshot() != before
    assert len(audit_events()) == 1
