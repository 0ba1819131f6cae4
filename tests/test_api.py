"""The read API: token login, what each endpoint returns, filters, and fixed query counts on lists.
Who may read what is in test_api_permissions.py."""

import pytest
from django_scopes import scopes_disabled
from drf_spectacular.validation import validate_schema

from kinerja.models import JenisJabatan, Pegawai, PengaturanPemda

from .conftest import PASSWORD
from .factories import JabatanFactory, UnitKerjaFactory, UserFactory, pegawai_with_account

pytestmark = pytest.mark.django_db


def obtain_token(client, username, password=PASSWORD):
    return client.post(
        "/api/auth/token/", {"username": username, "password": password}, content_type="application/json"
    )


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Token -------------------------------------------------------------------------------------------------
def test_token_login_reads_pegawai_of_her_own_pemda_only(client, world):
    response = obtain_token(client, world.admin_pegawai.nip)
    assert response.status_code == 200
    token = response.json()["token"]

    response = client.get("/api/pegawai/", HTTP_AUTHORIZATION=f"Token {token}")
    with scopes_disabled():
        sumedang = set(Pegawai.objects.filter(pemda=world.sumedang).values_list("pk", flat=True))
    assert ids(response) == sumedang
    assert world.outsider.pk not in sumedang


def test_outsider_token_reads_only_bogor(client, world):
    token = obtain_token(client, world.outsider.nip).json()["token"]
    response = client.get("/api/pegawai/", HTTP_AUTHORIZATION=f"Token {token}")
    assert ids(response) == {world.outsider.pk, world.outsider_admin_pegawai.pk}
    response = client.get(f"/api/pegawai/{world.pegawai.pk}/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 404


def test_the_same_token_is_returned_on_every_login(client, world):
    first = obtain_token(client, world.pegawai.nip).json()["token"]
    assert obtain_token(client, world.pegawai.nip).json()["token"] == first


def test_token_login_accepts_a_nip_typed_with_spaces(client, world):
    assert obtain_token(client, world.pegawai.nip_format).status_code == 200


def test_wrong_password_gets_400_with_a_reason(client, world):
    response = obtain_token(client, world.pegawai.nip, "salah-sekali")
    assert response.status_code == 400
    assert "NIP atau kata sandi salah" in response.json()["non_field_errors"][0]
    assert obtain_token(client, "", "").status_code == 400


def test_an_unknown_token_is_401(client, world):
    response = client.get("/api/pegawai/", HTTP_AUTHORIZATION="Token bukan-token-yang-sah")
    assert response.status_code == 401


def test_a_superadmin_token_reads_no_tenant_data(client, world):
    UserFactory(username="root", pemda=None, is_superuser=True, is_staff=True)
    token = obtain_token(client, "root").json()["token"]
    response = client.get("/api/pegawai/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 403
    assert "tidak terikat pada Pemda" in response.json()["detail"]


# Pemda and settings ------------------------------------------------------------------------------------
def test_pemda_is_the_users_own(login, world):
    body = login(world.users.pegawai).get("/api/pemda/").json()
    assert body == {"id": world.sumedang.pk, "slug": "sumedang", "nama": "Kabupaten Sumedang"}


def test_pengaturan_has_every_field_and_no_logo_yet(login, world):
    body = login(world.users.pegawai).get("/api/pengaturan/").json()
    assert body["nama_instansi"] == "Pemerintah Kabupaten Sumedang"
    assert body["siklus_evaluasi_periodik"] == "bulanan"
    assert body["logo"] is None
    assert "dasar_hukum" in body and "pemda" not in body
    with scopes_disabled():
        model_fields = {f.name for f in PengaturanPemda._meta.concrete_fields} - {"pemda"}
    assert model_fields <= set(body)


def test_pengaturan_logo_is_a_url_to_the_logo_view(login, world):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(logo="logo/sumedang.png")
    body = login(world.users.pegawai).get("/api/pengaturan/").json()
    assert body["logo"] == "http://testserver/pemda/logo/?v=sumedang.png"


# Unit kerja --------------------------------------------------------------------------------------------
def test_unit_list_filters_roots_children_and_search(login, world):
    client = login(world.users.pegawai)
    assert ids(client.get("/api/unit-kerja/?parent=")) == {world.dinas.pk, world.bkpsdm.pk}
    assert ids(client.get(f"/api/unit-kerja/?parent={world.dinas.pk}")) == {world.bidang.pk}
    assert ids(client.get("/api/unit-kerja/?q=seksi")) == {world.seksi.pk}
    assert client.get("/api/unit-kerja/?parent=abc").status_code == 400
    # Bogor's unit is not a child of anything the scope lets her name.
    assert ids(client.get(f"/api/unit-kerja/?parent={world.unit_bogor.pk}")) == set()


def test_unit_detail_shows_parent_depth_and_leader(login, world):
    body = login(world.users.pegawai).get(f"/api/unit-kerja/{world.seksi.pk}/").json()
    assert body["id"] == world.seksi.pk
    assert body["parent"] == world.bidang.pk
    assert body["depth"] == 2
    assert body["path"] == f"/{world.dinas.pk}/{world.bidang.pk}/{world.seksi.pk}/"
    assert body["jenis"] == "seksi"
    assert body["pimpinan"] == {"pegawai_id": world.penilai.pk, "nama": "Budi Santoso", "dasar": "struktur"}

    bkpsdm = login(world.users.pegawai).get(f"/api/unit-kerja/{world.bkpsdm.pk}/").json()
    assert bkpsdm["pimpinan"] is None


def test_unit_list_shows_the_leader_of_each_unit(login, world):
    rows = login(world.users.admin).get("/api/unit-kerja/").json()["results"]
    leaders = {row["id"]: (row["pimpinan"] or {}).get("pegawai_id") for row in rows}
    assert leaders == {
        world.dinas.pk: world.kadis.pk,
        world.bidang.pk: world.atasan.pk,
        world.seksi.pk: world.penilai.pk,
        world.bkpsdm.pk: None,
    }


# Pegawai -----------------------------------------------------------------------------------------------
def test_plain_pegawai_sees_her_penilai_but_not_a_colleague_in_another_unit(login, world):
    client = login(world.users.pegawai)
    assert client.get(f"/api/pegawai/{world.admin_pegawai.pk}/").status_code == 404
    assert client.get(f"/api/pegawai/{world.penilai.pk}/").status_code == 200
    assert client.get(f"/api/pegawai/{world.atasan.pk}/").status_code == 200
    assert ids(client.get("/api/pegawai/")) == {world.pegawai.pk, world.penilai.pk, world.atasan.pk}


def test_penilai_sees_those_she_evaluates(login, world):
    assert ids(login(world.users.penilai).get("/api/pegawai/")) >= {world.pegawai.pk, world.rekan.pk}


def test_pegawai_detail_shows_jabatan_golongan_and_the_derived_penilai(login, world):
    body = login(world.users.pegawai).get(f"/api/pegawai/{world.pegawai.pk}/").json()
    assert body["nip"] == world.pegawai.nip
    assert body["jabatan"] == {"id": world.pelaksana.pk, "nama": "Pengelola Aplikasi"}
    assert body["unit"] == {"id": world.seksi.pk, "nama": "Seksi Pengembangan Aplikasi"}
    assert body["golongan"]["kode"] == "III/a"
    assert body["status"] == "aktif"
    assert body["penilai"] == {
        "kepala_daerah": False,
        "pegawai_id": world.penilai.pk,
        "nama": "Budi Santoso",
        "dasar": "struktur",
        "dasar_label": "pimpinan unit kerja",
    }
    assert body["atasan_penilai"]["pegawai_id"] == world.atasan.pk
    assert body["masalah"] == []


def test_the_penilai_of_a_jpt_is_the_kepala_daerah(login, world):
    body = login(world.users.admin).get(f"/api/pegawai/{world.kadis.pk}/").json()
    assert body["penilai"]["kepala_daerah"] is True
    assert body["penilai"]["pegawai_id"] is None
    assert body["atasan_penilai"] is None


def test_pegawai_list_filters_by_unit_subtree_and_search(login, world):
    client = login(world.users.admin)
    subtree = {world.kadis.pk, world.atasan.pk, world.penilai.pk, world.pegawai.pk, world.rekan.pk}
    assert ids(client.get(f"/api/pegawai/?unit={world.dinas.pk}")) == subtree
    assert ids(client.get(f"/api/pegawai/?unit={world.seksi.pk}")) == {
        world.penilai.pk,
        world.pegawai.pk,
        world.rekan.pk,
    }
    assert ids(client.get("/api/pegawai/?q=siti")) == {world.pegawai.pk}
    assert ids(client.get(f"/api/pegawai/?q={world.rekan.nip_format}")) == {world.rekan.pk}
    assert client.get(f"/api/pegawai/?unit={world.unit_bogor.pk}").status_code == 400


def test_pegawai_list_does_not_derive_penilai_per_row(login, world):
    row = login(world.users.admin).get("/api/pegawai/").json()["results"][0]
    assert "penilai" not in row and {"id", "nip", "nama", "jabatan", "unit", "golongan"} <= set(row)


# Query counts ------------------------------------------------------------------------------------------
LIST_QUERIES = {
    # session, user, savepoint, count, page, current placements, release savepoint
    ("admin", "/api/pegawai/"): 7,
    # + the org snapshot (5 queries) pegawai_visible_to reads for a plain Pegawai
    ("pegawai", "/api/pegawai/"): 12,
    # session, user, savepoint, count, page, heads, Plt./Plh., release savepoint
    ("admin", "/api/unit-kerja/"): 8,
    ("pegawai", "/api/unit-kerja/"): 8,
}


def _thirty_more(world):
    """30 Pegawai in 10 new seksi under the Bidang, each seksi with its own head: more rows and more leaders."""
    for i in range(10):
        seksi = UnitKerjaFactory(pemda=world.sumedang, parent=world.bidang, jenis="seksi")
        head = JabatanFactory(unit=seksi, jenis=JenisJabatan.PENGAWAS, memimpin_unit=True)
        staf = JabatanFactory(unit=seksi)
        pegawai_with_account(jabatan=head, nama=f"Kepala {i}")
        pegawai_with_account(jabatan=staf, nama=f"Staf {i}a")
        pegawai_with_account(jabatan=staf, nama=f"Staf {i}b")


@pytest.mark.parametrize(("persona", "url"), list(LIST_QUERIES))
def test_list_query_count_does_not_grow_with_rows(login, world, max_queries, persona, url):
    client = login(getattr(world.users, persona))
    bound = LIST_QUERIES[(persona, url)]
    with max_queries(bound):
        before = client.get(url).json()["count"]

    _thirty_more(world)
    with max_queries(bound):
        after = client.get(url).json()["count"]
    if persona == "admin":
        assert after == before + (30 if url == "/api/pegawai/" else 10)


def test_pegawai_detail_query_count_is_fixed(login, world, max_queries):
    client = login(world.users.pegawai)
    # visibility snapshot (5) + the object (3) + rantai_penilai (~12) + names of the Penilai: not per row.
    with max_queries(22):
        assert client.get(f"/api/pegawai/{world.pegawai.pk}/").status_code == 200


# Schema and docs ---------------------------------------------------------------------------------------
def test_schema_is_a_valid_openapi_document_with_every_path(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert {
        "/api/auth/token/",
        "/api/pemda/",
        "/api/pengaturan/",
        "/api/unit-kerja/",
        "/api/unit-kerja/{id}/",
        "/api/pegawai/",
        "/api/pegawai/{id}/",
        "/api/skp/",
        "/api/skp/inbox/",
        "/api/skp/{id}/",
        "/api/skp/{id}/matriks/",
        "/api/skp/{id}/perbedaan/",
        "/api/skp/{id}/ajukan/",
        "/api/skp/{id}/kembalikan/",
        "/api/skp/{id}/setujui/",
        "/api/skp/{id}/tanda-tangan/",
        "/api/skp/{id}/tetapkan/",
        "/api/skp/{id}/revisi/",
        "/api/skp/{id}/rhk/",
        "/api/rhk/{id}/",
        "/api/rhk/{id}/iki/",
        "/api/iki/{id}/",
        "/api/skp/{id}/ambil-rhk-pimpinan/",
        "/api/skp/{id}/salin-tahun-lalu/",
        "/api/skp/{id}/ekspektasi-khusus/",
        "/api/skp/{id}/lampiran/",
        "/api/lampiran/{id}/",
        "/api/iki/{id}/manual/",
        "/api/skp/{id}/timeline/kegiatan/",
        "/api/kegiatan-timeline/{id}/",
        "/api/skp/{id}/timeline/ajukan/",
        "/api/skp/{id}/timeline/setujui/",
        "/api/skp/{id}/timeline/kembalikan/",
        "/api/rhk/{id}/rencana-aksi/",
        "/api/rencana-aksi/{id}/",
        "/api/teks-tersimpan/",
        "/api/teks-tersimpan/{id}/",
        "/api/skp/{id}/terapkan-teks/",
        "/api/pemberitahuan/",
        "/api/pemberitahuan/baca/",
        "/api/skp/{id}/mutasi/",
    } <= set(schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_api_docs_render_with_local_assets(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "drf_spectacular_sidecar" in response.content.decode()
