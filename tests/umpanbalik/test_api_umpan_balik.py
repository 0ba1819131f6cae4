"""The umpan balik API (umpanbalik/api/umpan_balik.py): the same rules as the pages. Not hers to see or another
Pemda's: 404; visible but not hers to do: 403 with the reason; refused input: 400 with the reason."""

import pytest
from django_scopes import scopes_disabled

from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from umpanbalik.models import AmbilAlih, TanggapanProgres, UmpanBalik, UndanganUmpanBalik
from umpanbalik.services.tindak_lanjut import tanggapan_catat
from umpanbalik.services.umpan_balik import umpan_balik_beri, undangan_buat

from ..factories import RhkFactory
from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db

ENDPOINTS = ("umpan-balik", "undangan-umpan-balik", "tanggapan-progres", "ambil-alih")


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def undang(world, skp, siapa="rekan"):
    with tenant_context(world.sumedang.pk):
        return undangan_buat(skp=skp, pegawai=getattr(world, siapa), peran="rekan", by=world.users.pegawai)


@pytest.mark.parametrize("nama", ENDPOINTS)
def test_anonymous_is_refused(client, world, nama):
    assert client.get(f"/api/{nama}/").status_code in (401, 403)
    assert post(client, f"/api/{nama}/", {}).status_code in (401, 403)


def test_the_schema_lists_the_endpoints(client, db):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert {f"/api/{n}/" for n in ENDPOINTS} | {"/api/undangan-umpan-balik/{id}/cabut/"} <= set(paths)


# Umpan balik ------------------------------------------------------------------------------------------------
def test_the_leader_gives_and_the_pegawai_reads_it(skp_berjalan, world, login):
    body = {"skp": skp_berjalan.pk, "teks": "Bagus.", "jenis": "berkala", "periode": "bulanan-2"}
    response = post(login(world.users.penilai), "/api/umpan-balik/", body)
    assert response.status_code == 201, response.content
    assert response.json()["peran"] == "pimpinan" and response.json()["periode"] == "bulanan-2"
    rows = login(world.users.pegawai).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").json()["results"]
    assert [(r["teks"], r["pemberi_nama"], r["pemberi_pegawai"]) for r in rows] == [
        ("Bagus.", "Budi Santoso", world.penilai.pk)
    ]


def test_anonymity_hides_the_peer_from_the_pegawai_but_not_from_the_leader(skp_berjalan, world, login):
    undang(world, skp_berjalan)
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(umpan_balik_rekan_anonim=True)
    body = {"skp": skp_berjalan.pk, "teks": "Rapi.", "jenis": "insidental", "perilaku": "akuntabel"}
    assert post(login(world.users.rekan), "/api/umpan-balik/", body).status_code == 201
    [row] = login(world.users.pegawai).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").json()["results"]
    assert (row["pemberi_nama"], row["pemberi_pegawai"], row["anonim"]) == (
        "Rekan kerja setingkat",
        None,
        True,
    )
    assert "Rudi" not in str(row)
    [row] = login(world.users.penilai).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").json()["results"]
    assert (row["pemberi_nama"], row["pemberi_pegawai"]) == ("Rudi Hartono", world.rekan.pk)


def test_an_invitee_lists_only_her_own(skp_berjalan, world, login):
    undang(world, skp_berjalan)
    with tenant_context(world.sumedang.pk):
        umpan_balik_beri(skp=skp_berjalan, by=world.users.penilai, teks="Dari pimpinan.", jenis="berkala")
    assert login(world.users.rekan).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").json()["results"] == []


def test_who_may_not_give_gets_403_or_404(skp_berjalan, world, login):
    body = {"skp": skp_berjalan.pk, "teks": "x", "jenis": "berkala"}
    assert post(login(world.users.pegawai), "/api/umpan-balik/", body).status_code == 403
    assert post(login(world.users.atasan), "/api/umpan-balik/", body).status_code == 403
    assert "detail" in post(login(world.users.atasan), "/api/umpan-balik/", body).json()
    assert post(login(rekan_lain(world)), "/api/umpan-balik/", body).status_code == 404
    assert post(login(world.users.outsider), "/api/umpan-balik/", body).status_code == 404
    with scopes_disabled():
        assert not UmpanBalik.objects.exists()


def test_reading_needs_an_skp_she_may_see(skp_berjalan, world, login):
    assert login(world.users.pegawai).get("/api/umpan-balik/").status_code == 400
    assert login(world.users.pegawai).get("/api/umpan-balik/?skp=abc").status_code == 400
    assert login(world.users.outsider).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").status_code == 404
    assert login(rekan_lain(world)).get(f"/api/umpan-balik/?skp={skp_berjalan.pk}").status_code == 404


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"jenis": "bulanan"}, "jenis"),
        ({"periode": "bulanan-12"}, "periode"),
        ({"teks": ""}, "teks"),
        ({"rhk": "asing"}, "rhk"),
        ({"iki": 10**12}, "iki"),
        ({"perilaku": "jujur"}, "perilaku"),
    ],
)
def test_bad_feedback_is_a_400_with_the_reason(skp_berjalan, world, login, extra, field):
    if extra.get("rhk") == "asing":
        extra = {"rhk": RhkFactory(pemda=world.sumedang).pk}
    body = {"skp": skp_berjalan.pk, "teks": "Bagus.", "jenis": "berkala", **extra}
    response = post(login(world.users.penilai), "/api/umpan-balik/", body)
    assert response.status_code == 400
    assert field in response.json()


# Undangan ---------------------------------------------------------------------------------------------------
def test_invite_list_and_revoke(skp_berjalan, world, login):
    pegawai = login(world.users.pegawai)
    response = post(
        pegawai,
        "/api/undangan-umpan-balik/",
        {"skp": skp_berjalan.pk, "pegawai": world.rekan.pk, "peran": "rekan"},
    )
    assert response.status_code == 201, response.content
    uid = response.json()["id"]
    again = post(
        pegawai,
        "/api/undangan-umpan-balik/",
        {"skp": skp_berjalan.pk, "nip": world.rekan.nip, "peran": "bawahan"},
    )
    assert again.status_code == 400 and "sudah diundang" in str(again.json())
    for user in (world.users.pegawai, world.users.penilai, world.users.rekan, world.users.admin):
        ids = [r["id"] for r in login(user).get("/api/undangan-umpan-balik/").json()["results"]]
        assert ids == [uid], user
    for user in (rekan_lain(world), world.users.outsider, world.users.atasan):
        assert login(user).get("/api/undangan-umpan-balik/").json()["results"] == []
    assert post(login(world.users.rekan), f"/api/undangan-umpan-balik/{uid}/cabut/", {}).status_code == 403
    assert post(login(world.users.outsider), f"/api/undangan-umpan-balik/{uid}/cabut/", {}).status_code == 404
    done = post(login(world.users.penilai), f"/api/undangan-umpan-balik/{uid}/cabut/", {})
    assert done.status_code == 200 and done.json()["berlaku"] is False
    assert post(pegawai, f"/api/undangan-umpan-balik/{uid}/cabut/", {}).status_code == 400
    assert login(world.users.pegawai).get(f"/api/undangan-umpan-balik/{uid}/cabut/").status_code == 405


def test_invitation_refusals(skp_berjalan, world, login):
    body = {"skp": skp_berjalan.pk, "pegawai": world.rekan.pk, "peran": "rekan"}
    assert post(login(world.users.atasan), "/api/undangan-umpan-balik/", body).status_code == 403
    assert (
        post(
            login(world.users.rekan), "/api/undangan-umpan-balik/", {**body, "pegawai": world.atasan.pk}
        ).status_code
        == 404
    )
    assert post(login(world.users.outsider), "/api/undangan-umpan-balik/", body).status_code == 404
    pegawai = login(world.users.pegawai)
    assert post(pegawai, "/api/undangan-umpan-balik/", {**body, "peran": "pimpinan"}).status_code == 400
    assert (
        post(pegawai, "/api/undangan-umpan-balik/", {"skp": skp_berjalan.pk, "peran": "rekan"}).status_code
        == 400
    )
    outsider = post(pegawai, "/api/undangan-umpan-balik/", {**body, "pegawai": world.outsider.pk})
    assert outsider.status_code == 400 and "pegawai" in outsider.json()
    with scopes_disabled():
        assert not UndanganUmpanBalik.objects.exists()


# Tanggapan progres ------------------------------------------------------------------------------------------
def test_tanggapan_by_the_leader_read_by_the_pegawai(skp_berjalan, world, login):
    body = {"skp": skp_berjalan.pk, "jenis": "apresiasi", "teks": "Terima kasih."}
    assert post(login(world.users.pegawai), "/api/tanggapan-progres/", body).status_code == 403
    response = post(login(world.users.penilai), "/api/tanggapan-progres/", body)
    assert response.status_code == 201 and response.json()["jenis"] == "apresiasi"
    rows = login(world.users.pegawai).get(f"/api/tanggapan-progres/?skp={skp_berjalan.pk}").json()["results"]
    assert [r["teks"] for r in rows] == ["Terima kasih."]
    undang(world, skp_berjalan)
    assert login(world.users.rekan).get(f"/api/tanggapan-progres/?skp={skp_berjalan.pk}").status_code == 403
    assert (
        login(world.users.outsider).get(f"/api/tanggapan-progres/?skp={skp_berjalan.pk}").status_code == 404
    )
    assert post(login(world.users.outsider), "/api/tanggapan-progres/", body).status_code == 404
    bad = post(login(world.users.penilai), "/api/tanggapan-progres/", {**body, "jenis": "hadiah"})
    assert bad.status_code == 400 and "jenis" in bad.json()
    with scopes_disabled():
        assert TanggapanProgres.objects.count() == 1


# Ambil alih -------------------------------------------------------------------------------------------------
def test_ambil_alih_after_a_follow_up_once(skp_berjalan, world, login):
    with scopes_disabled():
        rhk = skp_berjalan.rhk.first()
    penilai = login(world.users.penilai)
    refused = post(penilai, "/api/ambil-alih/", {"rhk": rhk.pk})
    assert refused.status_code == 400 and "Pasal 19 ayat (6)" in str(refused.json())
    with tenant_context(world.sumedang.pk):
        tanggapan_catat(skp=skp_berjalan, by=world.users.penilai, jenis="pembinaan", teks="Coaching.")
    assert post(login(world.users.pegawai), "/api/ambil-alih/", {"rhk": rhk.pk}).status_code == 403
    assert post(login(world.users.outsider), "/api/ambil-alih/", {"rhk": rhk.pk}).status_code == 404
    done = post(login(world.users.penilai), "/api/ambil-alih/", {"rhk": rhk.pk})
    assert done.status_code == 201
    assert (
        done.json()["catatan"]
        == "Pegawai yang bersangkutan tidak dapat menyelesaikan rencana hasil kerja ini."
    )
    assert post(login(world.users.penilai), "/api/ambil-alih/", {"rhk": rhk.pk}).status_code == 400
    rows = login(world.users.pegawai).get(f"/api/ambil-alih/?skp={skp_berjalan.pk}").json()["results"]
    assert [r["rhk"] for r in rows] == [rhk.pk]
    assert login(world.users.outsider).get(f"/api/ambil-alih/?skp={skp_berjalan.pk}").status_code == 404
    with scopes_disabled():
        assert AmbilAlih.objects.count() == 1


def test_an_invited_peer_cannot_take_over(skp_berjalan, world, login):
    with scopes_disabled():
        rhk = skp_berjalan.rhk.first()
    undang(world, skp_berjalan)
    with tenant_context(world.sumedang.pk):
        tanggapan_catat(skp=skp_berjalan, by=world.users.penilai, jenis="pembinaan", teks="Coaching.")
    assert post(login(world.users.rekan), "/api/ambil-alih/", {"rhk": rhk.pk}).status_code == 403
    assert login(world.users.rekan).get(f"/api/ambil-alih/?skp={skp_berjalan.pk}").status_code == 403
