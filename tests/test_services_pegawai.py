"""BKPSDM adds a Pegawai and changes her data (kinerja/services/org.py: pegawai_tambah, pegawai_update,
golongan_untuk). Only the Pemda's BKPSDM admin may; a refusal explains itself in Indonesian on the field it
is about and changes nothing; what goes through is audited.

Services run the way a request runs them: inside tenant_context() of the caller's Pemda.
"""

import datetime

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent, Golongan, Pegawai, Penempatan, UnitKerja, User
from kinerja.scoping import tenant_context
from kinerja.services import org

from .factories import JabatanFactory, UnitKerjaFactory, UserFactory, make_nip

pytestmark = pytest.mark.django_db

D = datetime.date
NON_ADMINS = ["pegawai", "penilai", "kadis", "bupati", "outsider_admin"]
NIP_BARU = make_nip(lahir=D(1994, 8, 12), tmt=(2019, 3), gender=1, urut=7)  # 199408122019031007
TMT_JABATAN = D(2026, 2, 2)


def golongan(jenis_asn, kode):
    return Golongan.objects.get(jenis_asn=jenis_asn, kode=kode)


def keadaan():
    """Everything adding or changing a Pegawai could touch, to prove a refused write changed nothing."""
    with scopes_disabled():
        return (
            sorted(Pegawai.objects.values_list()),
            sorted(User.objects.values_list("pk", "username", "email", "password", "pegawai")),
            sorted(Penempatan.objects.values_list()),
            AuditEvent.objects.count(),
        )


def audit(aksi):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(aksi=aksi).order_by("pk"))


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def jabatan_of(pegawai):
    with scopes_disabled():
        return Penempatan.objects.select_related("jabatan").get(pegawai=pegawai).jabatan


def data_baru(**changes):
    return {
        "nama": "Rahmat Hidayat",
        "gelar_depan": "",
        "gelar_belakang": "S.Kom.",
        "jenis_asn": "PNS",
        "golongan": golongan("PNS", "III/a"),
        "email": "rahmat@sumedangkab.go.id",
        "telepon": "0812-2000-3000",
    } | changes


def tambah(world, *, by=None, nip=NIP_BARU, jabatan=None, mulai=TMT_JABATAN, **changes):
    with tenant_context(world.sumedang.pk):
        return org.pegawai_tambah(
            pemda_id=world.sumedang.pk,
            nip=nip,
            data=data_baru(**changes),
            jabatan=jabatan or world.pelaksana,
            mulai=mulai,
            nomor_sk="821/12/BKPSDM/2026",
            by=by or world.users.admin,
        )


def tambah_ditolak(world, **kwargs) -> ValidationError:
    """`tambah` refused: returns the error after checking that nothing changed."""
    before = keadaan()
    with pytest.raises(ValidationError) as excinfo:
        tambah(world, **kwargs)
    assert keadaan() == before
    return excinfo.value


def ubah(world, pegawai, *, by=None, alasan="SK kenaikan pangkat 823/45/2026", **data):
    with tenant_context(world.sumedang.pk):
        return org.pegawai_update(pegawai=pegawai, data=data, by=by or world.users.admin, alasan=alasan)


def ubah_ditolak(world, pegawai, **kwargs) -> ValidationError:
    before = keadaan()
    with pytest.raises(ValidationError) as excinfo:
        ubah(world, pegawai, **kwargs)
    assert keadaan() == before
    return excinfo.value


# golongan_untuk, shared with the import ------------------------------------------------------------
def test_golongan_is_found_by_its_code_for_its_jenis_asn_in_any_case(world):
    assert org.golongan_untuk(jenis_asn="PNS", kode=" iii/b ") == golongan("PNS", "III/b")
    assert org.golongan_untuk(jenis_asn="PPPK", kode="ix") == golongan("PPPK", "IX")
    assert org.golongan_untuk(jenis_asn="PNS", kode="") is None


@pytest.mark.parametrize(
    "jenis_asn, kode, pesan",
    [
        ("PNS", "IX", "Golongan 'IX' tidak ada untuk PNS (mis. III/a)."),
        ("PPPK", "III/a", "Golongan 'III/a' tidak ada untuk PPPK (I sampai XVII)."),
        ("PNS", "V/a", "Golongan 'V/a' tidak ada untuk PNS (mis. III/a)."),
    ],
)
def test_a_golongan_of_the_other_jenis_asn_is_refused_on_the_golongan_field(world, jenis_asn, kode, pesan):
    with pytest.raises(ValidationError) as excinfo:
        org.golongan_untuk(jenis_asn=jenis_asn, kode=kode)
    assert excinfo.value.message_dict == {"golongan": [pesan]}


def test_golongan_lookup_with_a_prepared_table_runs_no_query(world, django_assert_num_queries):
    daftar = org.golongan_daftar()
    with django_assert_num_queries(0):
        assert org.golongan_untuk(jenis_asn="PPPK", kode="XVII", daftar=daftar).kode == "XVII"


# Adding a Pegawai ------------------------------------------------------------------------------------
def test_admin_adds_a_pegawai_with_her_first_placement_and_an_account_without_password(world):
    pegawai = tambah(world)
    with scopes_disabled():
        pegawai = Pegawai.objects.select_related("golongan").get(pk=pegawai.pk)
        [penempatan] = Penempatan.objects.filter(pegawai=pegawai)
        akun = User.objects.get(pegawai=pegawai)
    assert (pegawai.pemda_id, pegawai.nip, pegawai.nama_lengkap) == (
        world.sumedang.pk,
        NIP_BARU,
        "Rahmat Hidayat, S.Kom.",
    )
    # Read from the NIP.
    assert (pegawai.tanggal_lahir, pegawai.tmt, pegawai.jenis_kelamin) == (D(1994, 8, 12), D(2019, 3, 1), "L")
    assert (pegawai.golongan.kode, pegawai.email, pegawai.telepon) == (
        "III/a",
        "rahmat@sumedangkab.go.id",
        "0812-2000-3000",
    )
    assert (penempatan.jabatan, penempatan.mulai, penempatan.selesai, penempatan.nomor_sk) == (
        world.pelaksana,
        TMT_JABATAN,
        None,
        "821/12/BKPSDM/2026",
    )
    assert (akun.username, akun.pemda_id, akun.email) == (NIP_BARU, world.sumedang.pk, pegawai.email)
    assert not is_password_usable(akun.password) and akun.is_active


def test_adding_a_pegawai_is_audited_as_her_creation_and_her_placement(world):
    pegawai = tambah(world)
    events = [
        (e.aksi, e.objek_id, e.oleh, e.pemda_id) for e in audit("pegawai_create") + audit("pegawai_mutasi")
    ]
    admin = world.users.admin
    assert events == [
        ("pegawai_create", pegawai.pk, admin, world.sumedang.pk),
        ("pegawai_mutasi", pegawai.pk, admin, world.sumedang.pk),
    ]
    assert audit("pegawai_mutasi")[0].data["jabatan_id"] == world.pelaksana.pk


def test_a_nip_typed_as_printed_with_spaces_is_stored_without(world):
    nip = f"{NIP_BARU[:8]} {NIP_BARU[8:14]} {NIP_BARU[14]} {NIP_BARU[15:]}"
    assert tambah(world, nip=nip).nip == NIP_BARU


@pytest.mark.parametrize(
    "nip, pesan",
    [
        ("19940812201903100", "NIP harus 18 digit angka."),
        ("1994081220190310O7", "NIP harus 18 digit angka."),
        ("199413122019031007", "8 digit pertama NIP (19941312) bukan tanggal lahir yang sah."),
        ("199408122019131007", "Digit 9-14 NIP (201913) bukan tahun-bulan TMT yang sah."),
        ("199408122019033007", "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."),
        ("199408122019031000", "Nomor urut NIP (3 digit terakhir) tidak boleh 000."),
    ],
)
def test_a_bad_nip_is_refused_with_the_nip_rule_it_breaks(world, nip, pesan):
    assert tambah_ditolak(world, nip=nip).message_dict == {"nip": [pesan]}


def test_a_nip_already_registered_in_the_pemda_is_refused_naming_its_holder(world):
    error = tambah_ditolak(world, nip=world.pegawai.nip)
    assert error.message_dict == {
        "nip": [
            f"NIP {world.pegawai.nip} sudah terdaftar atas nama Siti Aminah; ubah datanya dari halamannya."
        ]
    }


def test_a_nip_that_is_another_accounts_username_is_refused(world):
    # The outsider is a Pegawai of Bogor: the NIP is free in Sumedang, but usernames are national.
    error = tambah_ditolak(world, nip=world.outsider.nip)
    [pesan] = error.message_dict["nip"]
    assert pesan.startswith(f"NIP {world.outsider.nip} sudah dipakai akun lain")


@pytest.mark.parametrize("cara", ["diperiksa", "bentrok"])
def test_an_account_taken_at_the_last_moment_is_refused_and_undoes_the_pegawai(world, monkeypatch, cara):
    """Another writer creates an account with the NIP after the checks: nothing of the new Pegawai stays."""
    akun_asli = org.akun_for_pegawai

    def berebut(*, pegawai):
        UserFactory(username=pegawai.nip, pemda=world.bogor)
        if cara == "bentrok":  # lost the INSERT itself
            raise IntegrityError("duplicate key value violates unique constraint")
        return akun_asli(pegawai=pegawai)  # sees the other account and refuses

    monkeypatch.setattr(org, "akun_for_pegawai", berebut)
    before = keadaan()
    with pytest.raises(ValidationError) as excinfo:
        tambah(world)
    assert "sudah dipakai akun lain" in excinfo.value.message_dict["nip"][0]
    with scopes_disabled():
        assert not Pegawai.objects.filter(nip=NIP_BARU).exists()
    assert keadaan()[2:] == before[2:]


def test_a_golongan_of_the_other_jenis_asn_is_refused(world):
    error = tambah_ditolak(world, jenis_asn="PNS", golongan=golongan("PPPK", "IX"))
    assert error.message_dict == {"golongan": ["Golongan IX bukan golongan PNS."]}


def test_a_pppk_with_a_pppk_golongan_is_added(world):
    pegawai = tambah(world, jenis_asn="PPPK", golongan=golongan("PPPK", "IX"))
    assert (fresh(pegawai).jenis_asn, fresh(pegawai).golongan.kode) == ("PPPK", "IX")


def test_a_name_of_blanks_is_refused(world):
    assert tambah_ditolak(world, nama="   ").message_dict == {"nama": ["Nama wajib diisi."]}


def test_a_leading_jabatan_with_a_holder_is_refused_and_nothing_is_created(world):
    error = tambah_ditolak(world, jabatan=jabatan_of(world.penilai))
    [pesan] = error.message_dict["jabatan"]
    assert pesan.startswith("Jabatan pimpinan Kepala Seksi") and "masih diduduki Budi Santoso" in pesan
    with scopes_disabled():
        assert not User.objects.filter(username=NIP_BARU).exists()


def test_a_vacant_leading_jabatan_takes_the_new_pegawai(world):
    uptd = UnitKerjaFactory(pemda=world.sumedang, kode="D02.U1", nama="UPTD Pelatihan", parent=world.bkpsdm)
    kepala = JabatanFactory(unit=uptd, nama="Kepala UPTD", memimpin_unit=True)
    pegawai = tambah(world, jabatan=kepala)
    with scopes_disabled():
        assert Penempatan.objects.get(pegawai=pegawai).jabatan == kepala


def test_a_jabatan_of_another_pemda_is_refused(world):
    with scopes_disabled():
        jabatan_bogor = JabatanFactory(unit=world.unit_bogor, nama="Staf")
    error = tambah_ditolak(world, jabatan=jabatan_bogor)
    assert error.message_dict == {"jabatan": ["Jabatan berasal dari Pemda lain."]}


def test_a_jabatan_in_a_closed_unit_is_refused(world):
    with scopes_disabled():
        UnitKerja.objects.filter(pk=world.seksi.pk).update(aktif=False)
    error = tambah_ditolak(world)
    assert error.message_dict == {"jabatan": ["Unit kerja Seksi Pengembangan Aplikasi sudah dinonaktifkan."]}


def test_a_placement_before_the_tmt_in_the_nip_is_refused(world):
    error = tambah_ditolak(world, mulai=D(2019, 2, 28))
    assert error.message_dict == {
        "mulai": ["TMT jabatan tidak boleh sebelum TMT CPNS/PPPK dalam NIP (03-2019)."]
    }


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_only_the_pemdas_bkpsdm_admin_may_add_a_pegawai(world, persona):
    before = keadaan()
    with pytest.raises(PermissionDenied):
        tambah(world, by=getattr(world.users, persona))
    assert keadaan() == before


# Changing her data -----------------------------------------------------------------------------------
def test_admin_changes_a_pegawais_data_with_before_and_after_and_reason_in_the_audit(world):
    ubah(
        world,
        world.pegawai,
        nama="Siti Aminah Rahayu",
        gelar_belakang="S.E.",
        golongan=golongan("PNS", "III/b"),
        telepon="022-123",
    )
    pegawai = fresh(world.pegawai)
    assert (pegawai.nama_lengkap, pegawai.golongan.kode, pegawai.telepon) == (
        "Siti Aminah Rahayu, S.E.",
        "III/b",
        "022-123",
    )
    [event] = audit("pegawai_update")
    assert (event.objek_id, event.oleh, event.pemda_id) == (pegawai.pk, world.users.admin, world.sumedang.pk)
    assert event.alasan == "SK kenaikan pangkat 823/45/2026"
    assert event.data == {
        "sebelum": {"nama": "Siti Aminah", "gelar_belakang": "", "golongan": "III/a", "telepon": ""},
        "sesudah": {
            "nama": "Siti Aminah Rahayu",
            "gelar_belakang": "S.E.",
            "golongan": "III/b",
            "telepon": "022-123",
        },
    }


def test_a_new_email_reaches_her_accounts_email(world):
    ubah(world, world.pegawai, email="siti.aminah@sumedangkab.go.id", alasan="Surel dinas baru")
    assert fresh(world.pegawai).email == "siti.aminah@sumedangkab.go.id"
    assert fresh(world.users.pegawai).email == "siti.aminah@sumedangkab.go.id"
    assert fresh(world.users.rekan).email == world.rekan.email  # nobody else's


def test_a_change_without_email_leaves_the_accounts_email(world):
    with scopes_disabled():
        User.objects.filter(pk=world.users.pegawai.pk).update(email="pribadi@contoh.id")
    ubah(world, world.pegawai, telepon="0813")
    assert fresh(world.users.pegawai).email == "pribadi@contoh.id"


def test_saving_the_same_data_is_refused_as_no_change(world):
    error = ubah_ditolak(
        world, world.pegawai, nama="Siti Aminah", jenis_asn="PNS", golongan=golongan("PNS", "III/a")
    )
    assert error.messages == ["Tidak ada perubahan: data Pegawai sama dengan sebelumnya."]


def test_a_change_without_a_reason_is_refused(world):
    error = ubah_ditolak(world, world.pegawai, alasan="  ", nama="Siti Aminah Rahayu")
    assert error.message_dict == {"alasan": ["Sebutkan alasan perubahan (mis. nomor SK kenaikan pangkat)."]}


def test_changing_the_jenis_asn_without_a_fitting_golongan_is_refused(world):
    error = ubah_ditolak(world, world.pegawai, jenis_asn="PPPK")
    assert error.message_dict == {"golongan": ["Golongan III/a bukan golongan PPPK."]}


def test_changing_to_pppk_with_a_pppk_golongan_goes_through(world):
    ubah(world, world.pegawai, jenis_asn="PPPK", golongan=golongan("PPPK", "IX"), alasan="Alih status")
    assert (fresh(world.pegawai).jenis_asn, fresh(world.pegawai).golongan.kode) == ("PPPK", "IX")


def test_the_nip_cannot_be_changed(world):
    error = ubah_ditolak(world, world.pegawai, nip=NIP_BARU)
    assert error.message_dict == {
        "nip": ["NIP adalah identitas Pegawai dan nama pengguna akunnya; tidak dapat diubah."]
    }


def test_a_name_of_blanks_is_refused_on_change(world):
    assert ubah_ditolak(world, world.pegawai, nama=" ").message_dict == {"nama": ["Nama wajib diisi."]}


def test_an_invalid_email_is_refused_on_change(world):
    error = ubah_ditolak(world, world.pegawai, email="bukan-surel")
    assert list(error.message_dict) == ["email"]


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_only_the_pemdas_bkpsdm_admin_may_change_a_pegawai(world, persona):
    before = keadaan()
    with pytest.raises(PermissionDenied):
        ubah(world, world.pegawai, by=getattr(world.users, persona), nama="Titipan")
    assert keadaan() == before
