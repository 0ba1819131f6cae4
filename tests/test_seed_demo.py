"""`manage.py seed_demo` and `manage.py demo_accounts`: the four demo Pemda, idempotent, with valid NIPs,
a tree that gives everyone a Penilai, and demo accounts that log in through the real login view."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scopes_disabled
from PIL import Image

from kinerja.models import (
    Jabatan,
    JenisJabatan,
    JenisUnit,
    Pegawai,
    Pemda,
    Penempatan,
    PengaturanPemda,
    UnitKerja,
    User,
)
from kinerja.nip import parse_nip
from kinerja.scoping import tenant_context
from kinerja.selectors.penilai import Struktur, rantai_penilai
from kinerja.services.seed import (
    DEMO_PASSWORD,
    FIXTURE_FIELDS,
    PERAN,
    akun_demo,
    fixture_slugs,
    load_fixture,
    rantai_demo,
)

pytestmark = pytest.mark.django_db

N = 30


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed("--pegawai", str(N))


def counts() -> dict:
    with scopes_disabled():
        counted = {
            model.__name__: model.objects.count()
            for model in (Pemda, PengaturanPemda, UnitKerja, Jabatan, Pegawai, Penempatan, User)
        }
        counted["per_pemda"] = {
            p.slug: (Pegawai.objects.filter(pemda=p).count(), User.objects.filter(pemda=p).count())
            for p in Pemda.objects.all()
        }
    return counted


def nips(slug: str) -> list[tuple]:
    with scopes_disabled():
        return list(
            Pegawai.objects.filter(pemda__slug=slug)
            .order_by("nip")
            .values_list("nip", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "golongan__kode")
        )


def akun(slug: str, peran: str):
    return next(a for a in akun_demo() if a.pemda == slug and a.peran == peran)


def test_seed_creates_the_four_pemda_with_the_settings_of_their_fixture_and_a_png_logo(seeded):
    with scopes_disabled():
        assert sorted(Pemda.objects.values_list("slug", flat=True)) == fixture_slugs()
        for slug in fixture_slugs():
            fixture = load_fixture(slug)
            row = PengaturanPemda.objects.get(pemda__slug=slug)
            assert row.pemda.nama == fixture.pemda["nama"]
            for name in FIXTURE_FIELDS:
                assert getattr(row, name) == fixture.pengaturan[name], (slug, name)
            with row.logo.open("rb") as berkas:
                logo = Image.open(berkas)
                assert (logo.format, logo.size) == ("PNG", (256, 256))
    assert "Kabupaten Bogor: 30 Pegawai" in seeded


def test_seeding_twice_changes_nothing(seeded, _media):
    before, logos, bogor = counts(), sorted((_media / "logo").iterdir()), nips("bogor")
    output = seed("--pegawai", str(N))
    assert counts() == before
    assert sorted((_media / "logo").iterdir()) == logos
    assert nips("bogor") == bogor
    assert "sudah berisi data" in output


def test_reset_rebuilds_only_the_named_pemda(seeded, _media):
    sumedang = nips("sumedang")
    seed("--pegawai", "45", "--pemda", "bogor", "--reset")
    per_pemda = counts()["per_pemda"]
    # N Pegawai, each with an account, plus the Bupati's account.
    assert per_pemda == {
        "bogor": (45, 46),
        "indragiri-hulu": (N, N + 1),
        "sarolangun": (N, N + 1),
        "sumedang": (N, N + 1),
    }
    assert nips("sumedang") == sumedang
    assert len(list((_media / "logo").iterdir())) == 4


def test_the_same_fixture_and_size_give_the_same_pegawai(seeded):
    before = nips("sarolangun")
    seed("--pegawai", str(N), "--pemda", "sarolangun", "--reset")
    assert nips("sarolangun") == before


def test_every_pegawai_has_a_valid_nip_matching_her_data_and_one_account_named_by_it(seeded):
    with scopes_disabled():
        for pemda in Pemda.objects.all():
            pegawai = list(Pegawai.objects.filter(pemda=pemda))
            assert len(pegawai) == N
            for p in pegawai:
                info = parse_nip(p.nip)
                assert (info.tanggal_lahir, info.tmt, info.jenis_kelamin) == (
                    p.tanggal_lahir,
                    p.tmt,
                    p.jenis_kelamin,
                )
                assert p.golongan.jenis_asn == p.jenis_asn
            usernames = dict(
                User.objects.filter(pemda=pemda, pegawai__isnull=False).values_list("pegawai_id", "username")
            )
            assert usernames == {p.pk: p.nip for p in pegawai}


def test_a_larger_seed_has_every_kind_of_unit_and_jabatan_and_a_pns_pppk_mix():
    seed("--pegawai", "2500", "--pemda", "sumedang")
    with scopes_disabled():
        units = set(UnitKerja.objects.values_list("jenis", flat=True))
        jabatan = Jabatan.objects.all()
        asn = set(Pegawai.objects.values_list("jenis_asn", flat=True))
        mandiri = set(jabatan.filter(pimpinan_unit_kerja_mandiri=True).values_list("unit__jenis", "jenis"))
        unit_ids = set(UnitKerja.objects.values_list("pk", flat=True))
        headed = set(
            Penempatan.objects.filter(jabatan__memimpin_unit=True, selesai__isnull=True).values_list(
                "jabatan__unit_id", flat=True
            )
        )
        pppk_heads = Penempatan.objects.filter(jabatan__memimpin_unit=True, pegawai__jenis_asn="PPPK")
    assert {
        JenisUnit.SEKRETARIAT,
        JenisUnit.BAGIAN,
        JenisUnit.BIDANG,
        JenisUnit.SUBBAGIAN,
        JenisUnit.SEKSI,
        JenisUnit.UPTD,
        JenisUnit.SEKOLAH,
        JenisUnit.PUSKESMAS,
        JenisUnit.KECAMATAN,
    } <= units
    assert set(jabatan.values_list("jenis", flat=True)) >= set(JenisJabatan.values) - {JenisJabatan.JPT_MADYA}
    # Kepala sekolah and kepala puskesmas are functional officials leading a unit kerja mandiri.
    assert {
        (JenisUnit.SEKOLAH, JenisJabatan.FUNGSIONAL),
        (JenisUnit.PUSKESMAS, JenisJabatan.FUNGSIONAL),
    } <= mandiri
    assert asn == {"PNS", "PPPK"}
    assert headed == unit_ids  # every unit has its head
    assert not pppk_heads.exists()  # PPPK hold functional and pelaksana positions only


def test_every_seeded_pegawai_gets_a_penilai_and_atasan_penilai_from_the_tree(seeded):
    with scopes_disabled():
        pemdas = list(Pemda.objects.all())
    for pemda in pemdas:
        with tenant_context(pemda.pk):
            struktur = Struktur.for_pemda(pemda_id=pemda.pk)
            kepala_sekolah = Penempatan.objects.get(
                jabatan__unit__jenis=JenisUnit.SEKOLAH,
                jabatan__memimpin_unit=True,
                jabatan__unit__kode__endswith="S001",
            )
            guru = Penempatan.objects.filter(
                jabatan__unit=kepala_sekolah.jabatan.unit, jabatan__memimpin_unit=False
            )
            for pegawai_id in Pegawai.objects.values_list("pk", flat=True):
                rantai = struktur.rantai(pegawai_id)
                assert rantai.penilai is not None and not rantai.masalah, (pemda.slug, pegawai_id, rantai)
            for penempatan in guru:
                assert struktur.rantai(penempatan.pegawai_id).penilai.pegawai_id == kepala_sekolah.pegawai_id


def test_the_demo_chain_is_the_chain_the_penilai_derivation_gives(seeded):
    with scopes_disabled():
        pemdas = list(Pemda.objects.all())
    peran = {(a.pemda, a.peran): a.pegawai_id for a in akun_demo()}
    for pemda in pemdas:
        with tenant_context(pemda.pk):
            chain = rantai_demo(pemda.pk)
            assert [peran[(pemda.slug, p)] for p in PERAN[2:]] == [
                chain.kepala_pd,
                chain.atasan_penilai,
                chain.penilai,
                chain.pegawai,
            ]
            pegawai = {p.pk: p for p in Pegawai.objects.filter(pk__in=chain)}
            jabatan = {
                p.pegawai_id: p.jabatan
                for p in Penempatan.objects.filter(pegawai__in=chain).select_related("jabatan__unit")
            }
            rantai = rantai_penilai(pegawai[chain.pegawai])
            assert rantai.penilai.pegawai_id == chain.penilai
            assert rantai.atasan_penilai.pegawai_id == chain.atasan_penilai
            assert rantai_penilai(pegawai[chain.penilai]).atasan_penilai.pegawai_id == chain.kepala_pd
            assert rantai_penilai(pegawai[chain.kepala_pd]).penilai.is_kepala_daerah
        assert not jabatan[chain.pegawai].memimpin_unit
        assert jabatan[chain.penilai].unit.jenis == JenisUnit.SEKSI
        assert jabatan[chain.atasan_penilai].unit.jenis == JenisUnit.BIDANG
        assert jabatan[chain.kepala_pd].unit.parent_id is None
        assert jabatan[chain.kepala_pd].jenis == JenisJabatan.JPT_PRATAMA


def test_every_demo_account_logs_in_through_the_login_view_and_sees_its_beranda(seeded):
    accounts = akun_demo()
    assert {(a.pemda, a.peran) for a in accounts} == {(s, p) for s in fixture_slugs() for p in PERAN}
    for a in accounts:
        client = Client()
        response = client.post(reverse("login"), {"username": a.username, "password": a.password})
        assert response.status_code == 302, a
        assert client.session["_auth_user_id"] == str(a.user_id)
        response = client.get(reverse("beranda"))
        assert response.status_code == 200, a
        assert escape(a.nama) in response.content.decode()


def test_the_demo_pegawai_sees_her_demo_penilai_on_her_beranda(seeded):
    pegawai, penilai = akun("sumedang", "Pegawai"), akun("sumedang", "Pejabat Penilai Kinerja")
    client = Client()
    client.post(reverse("login"), {"username": pegawai.username, "password": DEMO_PASSWORD})
    assert escape(penilai.nama) in client.get(reverse("beranda")).content.decode()


def test_the_demo_admin_of_bogor_sees_no_sumedang_pegawai(seeded):
    admin = akun("bogor", "Admin BKPSDM")
    with scopes_disabled():
        assert User.objects.get(pk=admin.user_id).is_admin_bkpsdm
        dari_sumedang = Pegawai.objects.filter(pemda__slug="sumedang").order_by("nip").first()
        dari_bogor = Pegawai.objects.filter(pemda__slug="bogor").order_by("nip").first()
    client = Client()
    assert (
        client.post(reverse("login"), {"username": admin.username, "password": DEMO_PASSWORD}).status_code
        == 302
    )

    assert (
        dari_bogor.nip_format in client.get(reverse("pegawai_list"), {"q": dari_bogor.nip}).content.decode()
    )
    found = client.get(reverse("pegawai_list"), {"q": dari_sumedang.nip}).content.decode()
    assert dari_sumedang.nip_format not in found
    assert client.get(reverse("pegawai_detail", args=[dari_sumedang.pk])).status_code == 404


def test_demo_accounts_prints_every_account_derived_from_the_data(seeded):
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    table = out.getvalue()
    accounts = akun_demo()
    assert len(accounts) == 6 * 4
    for a in accounts:
        line = next(line for line in table.splitlines() if a.username in line.split())
        assert a.peran in line and a.nama in line and a.pemda_nama in line and DEMO_PASSWORD in line

    out = io.StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {(r["pemda"], r["role"], r["peran"], r["username"]) for r in rows} == {
        (a.pemda, a.role, a.peran, a.username) for a in accounts
    }
    assert {r["role"] for r in rows} == {
        "admin_bkpsdm",
        "kepala_daerah",
        "kepala_pd",
        "atasan_penilai",
        "penilai",
        "pegawai",
    }
    with scopes_disabled():
        users = {u.username: u for u in User.objects.filter(username__in=[r["username"] for r in rows])}
    for r in rows:
        user = users[r["username"]]
        assert user.pemda.slug == r["pemda"]
        assert user.is_admin_bkpsdm == (r["role"] == "admin_bkpsdm")
        assert user.is_kepala_daerah == (r["role"] == "kepala_daerah")


def test_demo_accounts_does_not_show_a_password_that_was_changed(seeded):
    pegawai = akun("bogor", "Pegawai")
    with scopes_disabled():
        user = User.objects.get(pk=pegawai.user_id)
        user.set_password("kata-sandi-baru-2026")
        user.save()
    out = io.StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    shown = {r["username"]: r["password"] for r in json.loads(out.getvalue())}
    assert shown[pegawai.username] != DEMO_PASSWORD
    assert shown[akun("bogor", "Admin BKPSDM").username] == DEMO_PASSWORD


def test_too_few_pegawai_or_an_unknown_pemda_is_refused():
    with pytest.raises(CommandError, match="paling sedikit"):
        seed("--pegawai", "5")
    with pytest.raises(CommandError):
        seed("--pemda", "atlantis")
    with scopes_disabled():
        assert not Pemda.objects.exists()
