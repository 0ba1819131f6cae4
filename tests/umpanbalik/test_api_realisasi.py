"""The realisasi API (/api/catatan-harian/, /api/realisasi/, /api/bukti/): the permission tests every endpoint
gets, the writes through the same services as the pages (400 with a reason, 403 for a visible record that is
not hers, 404 for what she may not read), multipart uploads checked by content, and the download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from kinerja.scoping import tenant_context
from tests.factories import (
    CatatanHarianFactory,
    IkiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    UndanganUmpanBalikFactory,
)
from umpanbalik.models import BuktiDukung, CatatanHarian, Realisasi
from umpanbalik.periode import Periode
from umpanbalik.services.catatan import catatan_harian_buat
from umpanbalik.services.realisasi import bukti_unggah, realisasi_catat

from ..test_api_permissions import (  # noqa: F401 (the hook parametrizes the personas)
    EndpointPermissionTests,
    HiddenInsidePemdaTests,
    pytest_generate_tests,
)
from .test_realisasi_views import PDF, bangun_skp_cepat, iki_pertama

pytestmark = pytest.mark.django_db

READERS = ("pegawai", "penilai", "atasan", "admin", "bupati")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _bogor(world):
    """Bogor's own rows, so the outsiders' lists are not empty: a set SKP each with a realisasi and a catatan."""
    for p in (world.outsider, world.outsider_admin_pegawai):
        skp = SkpFactory(pemda=world.bogor, pegawai=p, status="ditetapkan", ditetapkan_sebagai="penilai")
        iki = IkiFactory(pemda=world.bogor, rhk=RhkFactory(pemda=world.bogor, skp=skp))
        RealisasiFactory(pemda=world.bogor, iki=iki, skp=skp, dibuat_oleh=world.users.outsider)
        CatatanHarianFactory(pemda=world.bogor, skp=skp, pegawai=p)


@pytest.fixture
def data(world):
    skp = bangun_skp_cepat(world)
    iki = iki_pertama(skp)
    with tenant_context(world.sumedang.pk):
        r = realisasi_catat(
            skp=skp, iki=iki, periode=Periode("bulanan", 3, 2026), by=world.users.pegawai, nilai=1
        )
        b = bukti_unggah(
            realisasi=r,
            by=world.users.pegawai,
            berkas=SimpleUploadedFile("bukti.pdf", PDF, "application/pdf"),
        )
        c = catatan_harian_buat(
            skp=skp,
            by=world.users.pegawai,
            tanggal=datetime.date(2026, 3, 10),
            uraian="Modul diuji",
            rhk=iki.rhk,
        )
    _bogor(world)
    world.api = type("Data", (), {"skp": skp, "iki": iki, "realisasi": r, "bukti": b, "catatan": c})
    return world.api


def _sumedang_ids(model, world):
    with scopes_disabled():
        return set(model.objects.filter(pemda=world.sumedang).values_list("pk", flat=True))


# Permission tests for every endpoint ------------------------------------------------------------------------
@pytest.mark.usefixtures("data")
class TestRealisasiList(EndpointPermissionTests):
    kind = "list"
    allowed = READERS

    def url(self, world):
        return "/api/realisasi/"

    def sumedang_ids(self, world):
        return _sumedang_ids(Realisasi, world)


@pytest.mark.usefixtures("data")
class TestRealisasiDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = READERS
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/realisasi/{world.api.realisasi.pk}/"


@pytest.mark.usefixtures("data")
class TestBuktiDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = READERS
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/bukti/{world.api.bukti.pk}/"


@pytest.mark.usefixtures("data")
class TestCatatanHarianList(EndpointPermissionTests):
    kind = "list"
    allowed = ("pegawai",)

    def url(self, world):
        return "/api/catatan-harian/"

    def sumedang_ids(self, world):
        return _sumedang_ids(CatatanHarian, world)


@pytest.mark.usefixtures("data")
class TestCatatanHarianDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = READERS
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/catatan-harian/{world.api.catatan.pk}/"


# Reads ------------------------------------------------------------------------------------------------------
def test_the_list_filters_by_skp_and_period_and_shows_current_versions(login, world, data):
    client = login(world.users.penilai)
    with tenant_context(world.sumedang.pk):
        v2 = realisasi_catat(
            skp=data.skp, iki=data.iki, periode=Periode("bulanan", 3, 2026), by=world.users.pegawai, nilai=2
        )
    body = client.get(f"/api/realisasi/?skp={data.skp.pk}&periode=bulanan-3").json()
    assert [r["id"] for r in body["results"]] == [v2.pk]
    assert body["results"][0]["periode"] == "bulanan-3" and body["results"][0]["versi"] == 2
    assert client.get(f"/api/realisasi/?skp={data.skp.pk}&periode=bulanan-2").json()["count"] == 0
    semua = client.get(f"/api/realisasi/?skp={data.skp.pk}&semua_versi=1").json()
    assert {r["versi"] for r in semua["results"]} == {1, 2}
    bad = client.get("/api/realisasi/?periode=kuartal-1")
    assert bad.status_code == 400 and "periode" in bad.json()
    assert client.get("/api/realisasi/?skp=abc").status_code == 400


def test_the_detail_carries_the_bukti_and_the_versions(login, world, data):
    with tenant_context(world.sumedang.pk):
        v2 = realisasi_catat(
            skp=data.skp, iki=data.iki, periode=Periode("bulanan", 3, 2026), by=world.users.pegawai, nilai=3
        )
    body = login(world.users.penilai).get(f"/api/realisasi/{v2.pk}/").json()
    assert (body["versi"], body["sebelumnya"], body["berlaku"], body["nilai"]) == (
        2,
        data.realisasi.pk,
        True,
        "3.00",
    )
    assert [v["versi"] for v in body["riwayat"]] == [2, 1]
    [bukti] = body["bukti"]
    assert (bukti["nama_berkas"], bukti["jenis"], bukti["tipe"]) == ("bukti.pdf", "berkas", "application/pdf")
    assert bukti["unduh"].endswith(f"/api/bukti/{bukti['id']}/unduh/")


def test_the_catatan_harian_are_pulled_as_text(login, world, data):
    client = login(world.users.pegawai)
    body = client.get(f"/api/realisasi/dari-catatan/?iki={data.iki.pk}&periode=bulanan-3").json()
    assert body == {"teks": "- 10 Maret 2026: Modul diuji"}
    assert client.get(f"/api/realisasi/dari-catatan/?iki={data.iki.pk}&periode=x-1").status_code == 400
    rekan = login(world.users.rekan).get(f"/api/realisasi/dari-catatan/?iki={data.iki.pk}&periode=bulanan-3")
    assert rekan.status_code == 400 and "iki" in rekan.json()


# Realisasi writes -------------------------------------------------------------------------------------------
def test_the_owner_records_a_new_version_and_the_bukti_come_along(login, world, data):
    client = login(world.users.pegawai)
    response = client.post(
        "/api/realisasi/",
        {"iki": data.iki.pk, "periode": "bulanan-3", "nilai": "2.5", "sifat": "akhir", "alasan": "Revisi"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["versi"], body["nilai"], body["sifat"], body["sebelumnya"]) == (
        2,
        "2.50",
        "akhir",
        data.realisasi.pk,
    )
    assert [b["nama_berkas"] for b in body["bukti"]] == ["bukti.pdf"]


@pytest.mark.parametrize(
    ("isi", "field"),
    [
        ({"periode": "bulanan-3", "nilai": "-1"}, "nilai"),
        ({"periode": "bulanan-3"}, "nilai"),
        ({"periode": "bulanan-9", "nilai": "1"}, "periode"),
        ({"periode": "semesteran-1", "nilai": "1"}, "periode"),
        ({"periode": "bulanan-3", "nilai": "1", "sifat": "selesai"}, "sifat"),
    ],
)
def test_bad_realisasi_input_is_a_400_with_the_reason(login, world, data, isi, field):
    response = login(world.users.pegawai).post(
        "/api/realisasi/", {"iki": data.iki.pk, **isi}, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_the_penilai_gets_403_and_a_rekan_or_outsider_cannot_name_the_iki(login, world, data):
    isi = {"iki": data.iki.pk, "periode": "bulanan-3", "nilai": "4"}
    response = login(world.users.penilai).post("/api/realisasi/", isi, content_type="application/json")
    assert response.status_code == 403 and "pemilik" in response.json()["detail"]
    for siapa in ("rekan", "outsider"):
        response = login(getattr(world.users, siapa)).post(
            "/api/realisasi/", isi, content_type="application/json"
        )
        assert response.status_code == 400 and "iki" in response.json()
    with scopes_disabled():
        assert Realisasi.objects.filter(pemda=world.sumedang).count() == 1


# Bukti writes and download ----------------------------------------------------------------------------------
def test_a_pdf_is_uploaded_multipart_and_downloaded(login, world, data):
    client = login(world.users.pegawai)
    response = client.post(
        "/api/bukti/",
        {
            "realisasi": data.realisasi.pk,
            "berkas": SimpleUploadedFile("maret.pdf", PDF),
            "keterangan": "Laporan",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nama_berkas"], body["tipe"], body["ukuran"]) == ("maret.pdf", "application/pdf", len(PDF))
    unduh = client.get(f"/api/bukti/{body['id']}/unduh/")
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content) == PDF
    assert unduh["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (("laporan.pdf", b"teks biasa"), "Isi berkas bukan PDF"),
        (("foto.png", b"MZ\x90\x00program"), "Isi berkas bukan PNG"),
        (("kosong.pdf", b""), "kosong"),
        (("virus.exe", PDF), "tidak diterima"),
    ],
)
def test_a_bad_upload_is_a_400_with_the_reason(login, world, data, berkas, pesan):
    response = login(world.users.pegawai).post(
        "/api/bukti/", {"realisasi": data.realisasi.pk, "berkas": SimpleUploadedFile(*berkas)}
    )
    assert response.status_code == 400
    assert pesan in " ".join(response.json()["berkas"])
    with scopes_disabled():
        assert BuktiDukung.objects.filter(pemda=world.sumedang).count() == 1


def test_a_link_is_added_and_a_bukti_removed_as_a_new_version(login, world, data):
    client = login(world.users.pegawai)
    response = client.post(
        "/api/bukti/",
        {"realisasi": data.realisasi.pk, "tautan": "https://contoh.go.id/x"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["jenis"] == "tautan"
    assert client.get(f"/api/bukti/{response.json()['id']}/unduh/")["Location"] == "https://contoh.go.id/x"
    response = client.delete(f"/api/bukti/{data.bukti.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["versi"] == 2 and [b["tautan"] for b in body["bukti"]] == ["https://contoh.go.id/x"]
    assert (
        client.post(
            "/api/bukti/", {"realisasi": data.realisasi.pk}, content_type="application/json"
        ).status_code
        == 400
    )
    bad = client.post(
        "/api/bukti/",
        {"realisasi": body["id"], "tautan": "javascript:alert(1)"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "tautan" in bad.json()


def test_only_the_owner_changes_bukti(login, world, data):
    client = login(world.users.penilai)
    assert client.delete(f"/api/bukti/{data.bukti.pk}/").status_code == 403
    response = client.post(
        "/api/bukti/",
        {"realisasi": data.realisasi.pk, "tautan": "https://contoh.go.id/y"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert login(world.users.rekan).delete(f"/api/bukti/{data.bukti.pk}/").status_code == 404


def test_the_download_follows_who_may_read_the_skp(login, world, data):
    url = f"/api/bukti/{data.bukti.pk}/unduh/"
    for siapa in READERS:
        assert login(getattr(world.users, siapa)).get(url).status_code == 200, siapa
    for siapa in ("rekan", "kadis", "outsider", "outsider_admin"):
        assert login(getattr(world.users, siapa)).get(url).status_code == 404, siapa
    UndanganUmpanBalikFactory(
        pemda=world.sumedang, content_object=data.skp, pegawai=world.rekan, user=world.users.rekan
    )
    assert login(world.users.rekan).get(url).status_code == 200


# Catatan harian writes --------------------------------------------------------------------------------------
def test_the_owner_writes_changes_and_deletes_her_catatan(login, world, data):
    client = login(world.users.pegawai)
    response = client.post(
        "/api/catatan-harian/",
        {"uraian": "Rapat modul", "rhk": data.iki.rhk_id},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["skp"], body["tanggal"], body["rhk"]) == (data.skp.pk, "2026-03-16", data.iki.rhk_id)
    response = client.patch(
        f"/api/catatan-harian/{body['id']}/", {"hasil": "notulen"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["hasil"] == "notulen"
    assert response.json()["uraian"] == "Rapat modul"
    assert client.delete(f"/api/catatan-harian/{body['id']}/").status_code == 204
    assert len(client.get("/api/catatan-harian/").json()["results"]) == 1


def test_bad_catatan_input_is_a_400_and_others_get_403_or_404(login, world, data):
    client = login(world.users.pegawai)
    response = client.post(
        "/api/catatan-harian/", {"uraian": "Besok", "tanggal": "2026-03-20"}, content_type="application/json"
    )
    assert response.status_code == 400 and "tanggal" in response.json()
    url = f"/api/catatan-harian/{data.catatan.pk}/"
    assert (
        login(world.users.penilai).patch(url, {"uraian": "x"}, content_type="application/json").status_code
        == 403
    )
    assert login(world.users.penilai).delete(url).status_code == 403
    assert login(world.users.rekan).delete(url).status_code == 404
    response = login(world.users.rekan).post(
        "/api/catatan-harian/", {"uraian": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "skp" in response.json()
    with scopes_disabled():
        assert CatatanHarian.objects.get(pk=data.catatan.pk).uraian == "Modul diuji"


def test_the_realisasi_list_runs_a_fixed_number_of_queries(login, world, data):
    from .test_realisasi_views import _jumlah_query

    client = login(world.users.penilai)
    url = f"/api/realisasi/?skp={data.skp.pk}"
    client.get(url)
    satu = _jumlah_query(client, url)
    for _ in range(4):
        iki = IkiFactory(pemda=world.sumedang, rhk=data.iki.rhk, target_angka=4, target_satuan="modul")
        with tenant_context(world.sumedang.pk):
            r = realisasi_catat(
                skp=data.skp, iki=iki, periode=Periode("bulanan", 2, 2026), by=world.users.pegawai, nilai=1
            )
            bukti_unggah(realisasi=r, by=world.users.pegawai, berkas=SimpleUploadedFile("b.pdf", PDF))
    assert _jumlah_query(client, url) == satu
