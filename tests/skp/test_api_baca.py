"""The SKP read API (skp/api.py): who reads which SKP, what an SKP looks like nested, the Penilai's inbox, the
matriks peran hasil, version differences, and fixed query counts. Every endpoint gets the permission tests of
tests/test_api_permissions.py.

The data (`skp_data`): the Penilai (head of seksi) has a draft SKP with one RHK; the Pegawai's SKP intervenes
it and is submitted to her; in Bogor the admin's SKP is submitted to the outsider.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, User
from kinerja.scoping import tenant_context
from skp import services
from skp.models import Skp

from ..factories import JabatanFactory, UnitKerjaFactory, pegawai_with_account
from ..test_api_permissions import (  # noqa: F401 (the hook parametrizes the personas)
    EndpointPermissionTests,
    HiddenInsidePemdaTests,
    pytest_generate_tests,
)
from .bantu import D, ajukan, draft, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db

SEES_PEGAWAI_SKP = ("pegawai", "penilai", "atasan", "admin", "bupati")


def bangun(world):
    with tenant_context(world.sumedang.pk):
        skp_penilai = draft(world, "penilai")
        rhk_penilai = isi(skp_penilai, world.users.penilai)[0]
        skp_pegawai = ajukan(world, draft(world), intervensi=rhk_penilai)
    with tenant_context(world.bogor.pk):
        skp_bogor = services.skp_buat(
            pegawai=world.outsider_admin_pegawai,
            tahun=2026,
            pendekatan="kuantitatif",
            by=world.users.outsider_admin,
        )
        skp_bogor = ajukan(world, skp_bogor, "outsider_admin")
    return SimpleNamespace(penilai=skp_penilai, rhk_penilai=rhk_penilai, pegawai=skp_pegawai, bogor=skp_bogor)


@pytest.fixture
def skp_data(world):
    world.skp = bangun(world)
    return world.skp


def _sumedang_skp_ids(world):
    with scopes_disabled():
        return set(Skp.objects.filter(pemda=world.sumedang).values_list("pk", flat=True))


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Permission tests for every read endpoint -------------------------------------------------------------
@pytest.mark.usefixtures("skp_data")
class TestSkpList(EndpointPermissionTests):
    kind = "list"

    def url(self, world):
        return "/api/skp/"

    def sumedang_ids(self, world):
        return _sumedang_skp_ids(world)


@pytest.mark.usefixtures("skp_data")
class TestSkpDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/skp/{world.skp.pegawai.pk}/"


@pytest.mark.usefixtures("skp_data")
class TestSkpInbox(EndpointPermissionTests):
    kind = "list"
    allowed = ("penilai",)

    def url(self, world):
        return "/api/skp/inbox/"

    def sumedang_ids(self, world):
        return _sumedang_skp_ids(world)

    def test_outsider_never_sees_sumedang(self, login, world, outsider_persona):
        # Only Bogor's Penilai (the outsider) has something waiting; neither sees Sumedang.
        response = login(getattr(world.users, outsider_persona)).get(self.url(world))
        found = ids(response)
        assert not found & self.sumedang_ids(world)
        assert found == ({world.skp.bogor.pk} if outsider_persona == "outsider" else set())


@pytest.mark.usefixtures("skp_data")
class TestSkpMatriks(EndpointPermissionTests):
    """The Penilai's matriks: everyone who may see her SKP may open it (her subordinates read her RHK)."""

    kind = "detail"

    def url(self, world):
        return f"/api/skp/{world.skp.penilai.pk}/matriks/"


@pytest.fixture
def revisi(world):
    """The Pegawai's SKP set, then revised: v2 changes one RHK and drops nothing."""
    with tenant_context(world.sumedang.pk):
        v1 = sampai_ditetapkan(world, draft(world))
        v2 = services.skp_revisi(skp=v1, by=world.users.pegawai, alasan="Target naik")
        rhk = v2.rhk.order_by("urutan").first()
        services.rhk_ubah(rhk=rhk, by=world.users.pegawai, teks="Aplikasi layanan terbangun dan dipakai")
        iki = rhk.iki.first()
        services.iki_ubah(iki=iki, by=world.users.pegawai, target_angka="6")
    world.revisi = SimpleNamespace(v1=v1, v2=v2, rhk=rhk, iki=iki)
    return world.revisi


@pytest.mark.usefixtures("revisi")
class TestSkpPerbedaan(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/skp/{world.revisi.v2.pk}/perbedaan/?dengan={world.revisi.v1.pk}"


@pytest.mark.usefixtures("skp_data")
class TestRhkDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        with scopes_disabled():
            return f"/api/rhk/{world.skp.pegawai.rhk.get().pk}/"


@pytest.mark.usefixtures("skp_data")
class TestIkiDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        with scopes_disabled():
            return f"/api/iki/{world.skp.pegawai.rhk.get().iki.get().pk}/"


# What the endpoints return ----------------------------------------------------------------------------
def test_each_persona_lists_the_skp_she_may_see(login, world, skp_data):
    semua = {skp_data.penilai.pk, skp_data.pegawai.pk}
    expected = {
        "pegawai": semua,  # her own, and her Penilai's to intervene it
        "rekan": {skp_data.penilai.pk},
        "penilai": semua,
        "atasan": semua,
        "kadis": {skp_data.penilai.pk},
        "admin": semua,
        "bupati": semua,
    }
    for persona, skp_ids in expected.items():
        assert ids(login(getattr(world.users, persona)).get("/api/skp/")) == skp_ids, persona


def test_the_list_filters_by_year_status_and_pegawai(login, world, skp_data):
    client = login(world.users.admin)
    assert ids(client.get("/api/skp/?tahun=2026")) == {skp_data.penilai.pk, skp_data.pegawai.pk}
    assert ids(client.get("/api/skp/?tahun=2025")) == set()
    assert ids(client.get("/api/skp/?status=diajukan")) == {skp_data.pegawai.pk}
    assert ids(client.get(f"/api/skp/?pegawai={world.penilai.pk}")) == {skp_data.penilai.pk}
    assert ids(client.get(f"/api/skp/?pegawai={world.outsider_admin_pegawai.pk}")) == set()


@pytest.mark.parametrize(
    "query,field",
    [("status=entah", "status"), ("tahun=abc", "tahun"), ("pegawai=-3", "pegawai")],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(login, world, skp_data, query, field):
    response = login(world.users.admin).get(f"/api/skp/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_a_list_row_names_the_pegawai_position_and_penilai(login, world, skp_data):
    rows = login(world.users.penilai).get(f"/api/skp/?pegawai={world.pegawai.pk}").json()["results"]
    (row,) = rows
    assert row["pegawai"] == {"id": world.pegawai.pk, "nip": world.pegawai.nip, "nama": "Siti Aminah"}
    assert (row["tahun"], row["status"], row["versi"], row["format_kode"]) == (2026, "diajukan", 1, "A.1.7")
    assert row["jabatan"] == {"id": world.pelaksana.pk, "nama": "Pengelola Aplikasi"}
    assert row["penilai"]["pegawai"]["id"] == world.penilai.pk
    assert row["atasan_penilai"]["pegawai"]["id"] == world.atasan.pk


def test_the_detail_nests_rhk_iki_the_leaders_rhk_perilaku_lampiran_and_versions(login, world, skp_data):
    with tenant_context(world.sumedang.pk):
        services.lampiran_tambah(
            skp=skp_data.pegawai,
            bagian="konsekuensi",
            teks="Tunjangan penuh",
            sifat="positif",
            by=world.users.penilai,
        )
        services.ekspektasi_khusus_simpan(
            skp=skp_data.pegawai, perilaku="berorientasi_pelayanan", teks="Ramah", by=world.users.penilai
        )
    body = login(world.users.pegawai).get(f"/api/skp/{skp_data.pegawai.pk}/").json()
    assert body["id"] == skp_data.pegawai.pk and body["status"] == "diajukan"
    (rhk,) = body["rhk"]
    assert rhk["jenis"] == "utama" and rhk["teks"] == "Aplikasi layanan 1 terbangun"
    assert rhk["intervensi"]["id"] == skp_data.rhk_penilai.pk
    assert rhk["intervensi"]["pegawai"]["id"] == world.penilai.pk
    (iki,) = rhk["iki"]
    assert (iki["target_angka"], iki["target_satuan"], iki["target_tampil"]) == ("4.00", "modul", "4 modul")
    assert iki["manual"] is None
    assert len(body["perilaku"]) == 7
    pelayanan = next(p for p in body["perilaku"] if p["kode"] == "berorientasi_pelayanan")
    assert pelayanan["ekspektasi_khusus"] == "Ramah" and len(pelayanan["baris"]) == 3
    assert [row["teks"] for row in body["lampiran"]["konsekuensi"]] == ["Tunjangan penuh"]
    assert body["lampiran"]["dukungan_sumber_daya"] == []
    assert body["riwayat_versi"] == [
        {
            "id": skp_data.pegawai.pk,
            "versi": 1,
            "status": "diajukan",
            "alasan_revisi": "",
            "ditetapkan_pada": None,
            "digantikan_pada": None,
        }
    ]
    assert body["dokumen"] == [] and body["timeline"] is None
    assert body["identitas"]["penilai"]["nama"] == "Budi Santoso"


def test_a_set_skp_links_its_signed_document(login, world):
    with tenant_context(world.sumedang.pk):
        skp = sampai_ditetapkan(world, draft(world))
    body = login(world.users.pegawai).get(f"/api/skp/{skp.pk}/").json()
    # The SKP (A.1.7) and its Lampiran (A.1.8), signed together.
    assert sorted((d["format_kode"], d["status"]) for d in body["dokumen"]) == [
        ("A.1.7", "ditandatangani"),
        ("A.1.8", "ditandatangani"),
    ]
    (dokumen,) = [d for d in body["dokumen"] if d["format_kode"] == "A.1.7"]
    assert dokumen["pdf"] == f"http://testserver/dokumen/{dokumen['id']}/pdf/"
    assert "/verifikasi/" in dokumen["verifikasi"]
    assert body["ditetapkan_sebagai"] == "penilai"


def test_the_inbox_shows_the_deadline_and_whether_it_is_late(login, world, skp_data, hari):
    (tugas,) = login(world.users.penilai).get("/api/skp/inbox/").json()["results"]
    assert tugas["id"] == skp_data.pegawai.pk and tugas["skp"]["id"] == skp_data.pegawai.pk
    assert (tugas["aksi"], tugas["peran"], tugas["batas"], tugas["terlambat"]) == (
        "setujui",
        "penilai",
        "2026-01-31",
        False,
    )
    assert ids(login(world.users.atasan).get("/api/skp/inbox/")) == set()

    hari(D(2026, 2, 2))
    (tugas,) = login(world.users.atasan).get("/api/skp/inbox/").json()["results"]
    assert (tugas["peran"], tugas["terlambat"]) == ("atasan_penilai", True)
    assert login(world.users.penilai).get("/api/skp/inbox/").json()["results"][0]["terlambat"] is True


def test_the_matriks_shows_who_picked_up_the_leaders_rhk(login, world, skp_data):
    body = login(world.users.penilai).get(f"/api/skp/{skp_data.penilai.pk}/matriks/").json()
    assert [k["rhk"]["id"] for k in body["kolom"]] == [skp_data.rhk_penilai.pk]
    baris = {b["pegawai"]["id"]: b for b in body["baris"]}
    assert set(baris) == {world.pegawai.pk, world.rekan.pk}
    kunci = body["kolom"][0]["kunci"]
    with scopes_disabled():
        rhk_pegawai = skp_data.pegawai.rhk.get()
    assert baris[world.pegawai.pk]["sel"] == {kunci: [{"id": rhk_pegawai.pk, "nama": rhk_pegawai.teks}]}
    assert baris[world.rekan.pk]["sel"] == {}
    assert body["tanpa_peran"] == []


def test_a_subordinate_sees_only_her_own_row_of_the_leaders_matriks(login, world, skp_data):
    body = login(world.users.rekan).get(f"/api/skp/{skp_data.penilai.pk}/matriks/").json()
    assert [b["pegawai"]["id"] for b in body["baris"]] == [world.rekan.pk]
    assert body["tanpa_peran"] == []  # computed over everyone: the leader's IKI is picked up


def test_the_differences_between_two_versions(login, world, revisi):
    client = login(world.users.penilai)
    body = client.get(f"/api/skp/{revisi.v2.pk}/perbedaan/?dengan={revisi.v1.pk}").json()
    assert (body["lama"]["id"], body["baru"]["id"]) == (revisi.v1.pk, revisi.v2.pk)
    (perubahan,) = body["rhk"]
    assert perubahan["jenis"] == "diubah"
    assert perubahan["rincian"]["teks"] == [
        "Aplikasi layanan 1 terbangun",
        "Aplikasi layanan terbangun dan dipakai",
    ]
    (iki,) = perubahan["iki"]
    assert iki["rincian"] == {"target_angka": ["4.00", "6.00"]}
    # Either order gives the same comparison, oldest first.
    again = client.get(f"/api/skp/{revisi.v1.pk}/perbedaan/?dengan={revisi.v2.pk}").json()
    assert again["rhk"] == body["rhk"]


def test_differences_need_another_version_of_the_same_pegawai(login, world, revisi):
    with tenant_context(world.sumedang.pk):
        lain = draft(world, "penilai")
    client = login(world.users.admin)
    url = f"/api/skp/{revisi.v2.pk}/perbedaan/"
    assert "dengan" in client.get(url).json()
    assert "dengan" in client.get(f"{url}?dengan=abc").json()
    response = client.get(f"{url}?dengan={lain.pk}")
    assert response.status_code == 400 and "dengan" in response.json()
    response = client.get(f"{url}?dengan={10**9}")
    assert response.status_code == 400 and "tidak ditemukan" in response.json()["dengan"]


# Query counts -----------------------------------------------------------------------------------------
def _lima_lagi(world):
    """Five more Pegawai in the seksi, each with a submitted SKP of three RHK: more rows, more inbox."""
    with tenant_context(world.sumedang.pk):
        for i in range(5):
            p = pegawai_with_account(jabatan=world.pelaksana, nama=f"Staf {i}")
            user = User.objects.get(pegawai=p)
            skp = services.skp_buat(pegawai=p, tahun=2026, pendekatan="kuantitatif", by=user)
            isi(skp, user, rhk=3, iki=2)
            services.skp_ajukan(skp=skp, by=user)
        seksi = UnitKerjaFactory(pemda=world.sumedang, parent=world.bidang, jenis="seksi")
        pegawai_with_account(
            jabatan=JabatanFactory(unit=seksi, jenis=JenisJabatan.PENGAWAS, memimpin_unit=True)
        )


LIST_QUERIES = {
    # session, user, savepoint, count, page, release savepoint
    ("admin", "/api/skp/"): 6,
    # + the org snapshot pegawai_visible_to reads for a plain Pegawai (5) and her ids (1)
    ("penilai", "/api/skp/"): 12,
    # session, user, savepoint, settings, org snapshot (5), SKP waiting, timelines waiting, release savepoint
    ("penilai", "/api/skp/inbox/"): 12,
}


@pytest.mark.parametrize(("persona", "url"), list(LIST_QUERIES))
def test_list_query_count_does_not_grow_with_rows(login, world, skp_data, max_queries, persona, url):
    client = login(getattr(world.users, persona))
    bound = LIST_QUERIES[(persona, url)]
    with max_queries(bound):
        before = client.get(url).json()["count"]
    _lima_lagi(world)
    with max_queries(bound):
        after = client.get(url).json()["count"]
    assert after == before + 5


def test_detail_query_count_does_not_grow_with_rhk(login, world, skp_data, max_queries):
    client = login(world.users.penilai)
    url = f"/api/skp/{skp_data.pegawai.pk}/"
    with max_queries(23) as first:
        client.get(url)
    with tenant_context(world.sumedang.pk):
        services.skp_kembalikan(skp=skp_data.pegawai, by=world.users.penilai, catatan="Tambah RHK")
        isi(skp_data.pegawai, world.users.pegawai, rhk=4, iki=3)
        services.lampiran_tambah(
            skp=skp_data.pegawai,
            bagian="dukungan_sumber_daya",
            teks="Server",
            jenis_dukungan="sarana",
            by=world.users.pegawai,
        )
    with max_queries(len(first.captured_queries)):
        body = client.get(url).json()
    assert len(body["rhk"]) == 5 and len(body["catatan"]) == 1


def test_matriks_query_count_does_not_grow_with_subordinates(login, world, skp_data, max_queries):
    client = login(world.users.penilai)
    url = f"/api/skp/{skp_data.penilai.pk}/matriks/"
    with max_queries(30) as first:
        client.get(url)
    _lima_lagi(world)
    with max_queries(len(first.captured_queries)):
        body = client.get(url).json()
    assert len(body["baris"]) == 7
