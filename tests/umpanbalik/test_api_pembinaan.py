"""API of pembinaan: /api/bimbingan/, /api/laporan-perilaku/, /api/konseling/. The shared permission mixin
(anonymous, outsider 404, allowed personas, hidden inside the Pemda), then each write: 201 for the right
person, 403 with the reason for a visible object she may not act on, 404 for what she may not see, 400 with
the reason for bad input. Konseling confidentiality is in test_konseling.py."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.scoping import tenant_context
from tests.factories import (
    AksesKonselingFactory,
    BimbinganFactory,
    KonselingFactory,
    LaporanPerilakuFactory,
    SkpFactory,
)
from tests.test_api_permissions import EndpointPermissionTests, HiddenInsidePemdaTests, pytest_generate_tests
from umpanbalik import isian as isian_mod
from umpanbalik.models import (
    Bimbingan,
    EvaluasiKompetensi,
    JurnalMentoring,
    LaporanPerilaku,
    UmpanBalikBimbingan,
)
from umpanbalik.services import pembinaan as svc

from .rute_pembinaan import skp_ditetapkan

pytestmark = pytest.mark.django_db
__all__ = ["pytest_generate_tests"]
D = datetime.date
SEES_PEGAWAI_SKP = ("pegawai", "penilai", "atasan", "admin", "bupati")
JSON = "application/json"


@pytest.fixture
def data(world):
    """In Sumedang a coaching, a report and a konseling by the Penilai on the Pegawai's SKP; in Bogor the same
    on the SKP of Bogor's admin, whose Penilai is the outsider (both outsiders see the Bogor rows)."""
    with tenant_context(world.sumedang.pk):
        skp = skp_ditetapkan(world)
        bimbingan = svc.bimbingan_buat(
            skp=skp, by=world.users.penilai, jenis="coaching", tanggal=D(2026, 3, 16)
        )
        laporan = svc.laporan_perilaku_buat(
            skp=skp,
            by=world.users.penilai,
            masalah="Tidak disiplin",
            ekspektasi_khusus="",
            uraian="Terlambat",
            serupa_pada_pegawai_lain=False,
            retrospektif="Ditegur",
        )
        konseling = svc.konseling_buat(
            skp=skp,
            by=world.users.penilai,
            konselor=world.users.penilai,
            jenis_konselor="penilai",
            tanggal=D(2026, 3, 20),
        )
    skp_bogor = SkpFactory(pemda=world.bogor, pegawai=world.outsider_admin_pegawai, penilai=world.outsider)
    BimbinganFactory(pemda=world.bogor, skp=skp_bogor, pembina=world.users.outsider)
    LaporanPerilakuFactory(pemda=world.bogor, skp=skp_bogor, pelapor=world.users.outsider)
    AksesKonselingFactory(
        pemda=world.bogor,
        content_object=KonselingFactory(
            pemda=world.bogor, skp=skp_bogor, konselor=world.users.outsider, jenis_konselor="penilai"
        ),
    )
    world.data = SimpleNamespace(skp=skp, bimbingan=bimbingan, laporan=laporan, konseling=konseling)
    return world.data


def _ids(model, world):
    with scopes_disabled():
        return set(model.objects.filter(pemda=world.sumedang).values_list("pk", flat=True))


@pytest.mark.usefixtures("data")
class TestBimbinganList(EndpointPermissionTests):
    kind = "list"
    allowed = SEES_PEGAWAI_SKP

    def url(self, world):
        return "/api/bimbingan/"

    def sumedang_ids(self, world):
        return _ids(Bimbingan, world)


@pytest.mark.usefixtures("data")
class TestBimbinganDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/bimbingan/{world.data.bimbingan.pk}/"


@pytest.mark.usefixtures("data")
class TestLaporanPerilakuList(EndpointPermissionTests):
    kind = "list"
    allowed = SEES_PEGAWAI_SKP

    def url(self, world):
        return "/api/laporan-perilaku/"

    def sumedang_ids(self, world):
        return _ids(LaporanPerilaku, world)


@pytest.mark.usefixtures("data")
class TestLaporanPerilakuDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = SEES_PEGAWAI_SKP
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/laporan-perilaku/{world.data.laporan.pk}/"


@pytest.mark.usefixtures("data")
class TestKonselingList(EndpointPermissionTests):
    kind = "list"
    allowed = ("pegawai", "penilai", "atasan")

    def url(self, world):
        return "/api/konseling/"

    def sumedang_ids(self, world):
        from umpanbalik.models import Konseling

        return _ids(Konseling, world)


@pytest.mark.usefixtures("data")
class TestKonselingDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    kind = "detail"
    allowed = ("pegawai", "penilai", "atasan")
    hidden_from = ("rekan", "kadis", "admin", "bupati")

    def url(self, world):
        return f"/api/konseling/{world.data.konseling.pk}/"


# ---- bimbingan writes --------------------------------------------------------------------------------


def test_the_leader_starts_a_bimbingan_through_the_api(login, world, data):
    response = login(world.users.penilai).post(
        "/api/bimbingan/",
        {
            "skp": data.skp.pk,
            "jenis": "mentoring",
            "tanggal": "2026-03-18",
            "pembina_pegawai": world.atasan.pk,
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["jenis"] == "mentoring" and body["penugasan_khusus"] is True
    assert body["pembina"] == world.users.atasan.pk and body["isian"] == {} and body["jurnal"] == []


def test_the_pegawai_starting_a_bimbingan_gets_403_with_the_reason(login, world, data):
    response = login(world.users.pegawai).post(
        "/api/bimbingan/",
        {"skp": data.skp.pk, "jenis": "coaching", "tanggal": "2026-03-18"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert "pimpinan" in response.json()["detail"]


@pytest.mark.parametrize(
    "ubah, kunci",
    [
        ({"jenis": "rapat"}, "jenis"),
        ({"tanggal": "besok"}, "tanggal"),
        ({"tanggal": "2027-02-01"}, "non_field_errors"),
        ({"pembina_pegawai": 10**9}, "pembina_pegawai"),
    ],
)
def test_bad_bimbingan_input_is_a_400_with_the_reason(login, world, data, ubah, kunci):
    body = {"skp": data.skp.pk, "jenis": "coaching", "tanggal": "2026-03-18", **ubah}
    response = login(world.users.penilai).post("/api/bimbingan/", body, content_type=JSON)
    assert response.status_code == 400
    assert kunci in response.json()


def test_an_skp_she_may_not_see_is_refused_as_unknown(login, world, data):
    response = login(world.users.rekan).post(
        "/api/bimbingan/",
        {"skp": data.skp.pk, "jenis": "coaching", "tanggal": "2026-03-18"},
        content_type=JSON,
    )
    assert response.status_code == 400 and "skp" in response.json()
    with scopes_disabled():
        assert Bimbingan.objects.filter(pemda=world.sumedang).count() == 1


def test_the_list_filters_by_skp(login, world, data):
    client = login(world.users.penilai)
    assert [r["id"] for r in client.get(f"/api/bimbingan/?skp={data.skp.pk}").json()["results"]] == [
        data.bimbingan.pk
    ]
    assert client.get("/api/bimbingan/?skp=999999").json()["results"] == []
    assert client.get("/api/bimbingan/?skp=abc").status_code == 400


def test_the_parties_fill_the_coaching_through_the_api(login, world, data):
    with tenant_context(world.sumedang.pk):
        iki = list(svc.iki_skp(data.skp))
    isi = f"/api/bimbingan/{data.bimbingan.pk}/isi/"
    pegawai = login(world.users.pegawai)
    response = pegawai.post(
        isi,
        {
            "bagian": "pegawai",
            "data": {
                "tujuan": [{"iki": iki[0], "target": "4 modul", "strategi": "Fokus"}],
                "peluang": "Kolaborasi",
            },
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["isian"]["tujuan"][0]["iki"] == iki[0]
    assert (
        pegawai.post(isi, {"bagian": "pembina", "data": {"langkah": []}}, content_type=JSON).status_code
        == 403
    )
    penilai = login(world.users.penilai)
    response = penilai.post(
        isi,
        {
            "bagian": "pembina",
            "data": {"langkah": [{"iki": iki[1], "strategi": "Sesuaikan", "penyesuaian": True}]},
        },
        content_type=JSON,
    )
    assert response.status_code == 200 and response.json()["perlu_perubahan_skp"] is True
    assert response.json()["isian"]["peluang"] == "Kolaborasi"


@pytest.mark.parametrize(
    "body, pesan",
    [
        (
            {"bagian": "pegawai", "data": {"tujuan": [{"iki": 10**9, "target": "1", "strategi": "x"}]}},
            "bukan bagian",
        ),
        ({"bagian": "pegawai", "data": "teks"}, "objek"),
        ({"bagian": "lain", "data": {}}, "bagian"),
        ({"bagian": "pegawai", "data": {"peluang": "x" * 4001}}, "4000"),
    ],
)
def test_bad_isian_through_the_api_is_a_400_with_the_reason(login, world, data, body, pesan):
    response = login(world.users.pegawai).post(
        f"/api/bimbingan/{data.bimbingan.pk}/isi/", body, content_type=JSON
    )
    assert response.status_code == 400
    assert pesan in str(response.json())


def test_the_journal_through_the_api(login, world, data):
    with tenant_context(world.sumedang.pk):
        m = svc.bimbingan_buat(
            skp=data.skp, by=world.users.penilai, jenis="mentoring", tanggal=D(2026, 3, 16)
        )
    jurnal = {"waktu_tempat": "Lab", "materi": "Uji", "rencana_aksi": "Tulis", "target_waktu": "April"}
    response = login(world.users.pegawai).post(f"/api/bimbingan/{m.pk}/jurnal/", jurnal, content_type=JSON)
    assert response.status_code == 201 and response.json()["jurnal"][0]["materi"] == "Uji"
    coaching = login(world.users.penilai).post(
        f"/api/bimbingan/{data.bimbingan.pk}/jurnal/", jurnal, content_type=JSON
    )
    assert coaching.status_code == 400 and "mentoring" in str(coaching.json())
    assert (
        login(world.users.atasan)
        .post(f"/api/bimbingan/{m.pk}/jurnal/", jurnal, content_type=JSON)
        .status_code
        == 403
    )
    assert (
        login(world.users.rekan).post(f"/api/bimbingan/{m.pk}/jurnal/", jurnal, content_type=JSON).status_code
        == 404
    )
    with scopes_disabled():
        assert JurnalMentoring.objects.count() == 1


def test_b18_through_the_api_once_and_only_by_the_pegawai(login, world, data):
    url = f"/api/bimbingan/{data.bimbingan.pk}/umpan-balik-pegawai/"
    jawaban = {"jawaban": {str(n): {"jawaban": "ya", "catatan": ""} for n in range(1, 10)}}
    assert login(world.users.penilai).post(url, jawaban, content_type=JSON).status_code == 403
    incomplete = {"jawaban": {"1": "ya"}}
    response = login(world.users.pegawai).post(url, incomplete, content_type=JSON)
    assert response.status_code == 400 and "Kriteria 2" in str(response.json())
    response = login(world.users.pegawai).post(url, jawaban, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["umpan_balik_pegawai"]["jawaban"]["9"] == {"jawaban": "ya", "catatan": ""}
    again = login(world.users.pegawai).post(url, jawaban, content_type=JSON)
    assert again.status_code == 400 and "sudah diisi" in str(again.json())
    with scopes_disabled():
        assert UmpanBalikBimbingan.objects.count() == 1


def test_b19_through_the_api_only_by_the_pembina(login, world, data):
    url = f"/api/bimbingan/{data.bimbingan.pk}/evaluasi-kompetensi/"
    nilai = [
        {"kelompok": kel, "kompetensi": nama, "nilai": 3, "alasan": "Cukup"}
        for kel, nama in isian_mod.KOMPETENSI_TETAP
    ]
    body = {"nilai": nilai, "rekomendasi": "Pelatihan"}
    assert login(world.users.pegawai).post(url, body, content_type=JSON).status_code == 403
    bad = login(world.users.penilai).post(url, {"nilai": nilai[:3], "rekomendasi": "x"}, content_type=JSON)
    assert bad.status_code == 400 and "belum dinilai" in str(bad.json())
    response = login(world.users.penilai).post(url, body, content_type=JSON)
    assert response.status_code == 201
    assert len(response.json()["evaluasi_kompetensi"]["nilai"]) == 8
    with scopes_disabled():
        assert EvaluasiKompetensi.objects.count() == 1


def test_an_outsider_cannot_act_on_a_sumedang_bimbingan(login, world, data):
    response = login(world.users.outsider_admin).post(
        f"/api/bimbingan/{data.bimbingan.pk}/isi/", {"bagian": "pegawai", "data": {}}, content_type=JSON
    )
    assert response.status_code == 404


# ---- laporan writes ---------------------------------------------------------------------------------

LAPORAN = {
    "masalah": "Tidak menjunjung nilai Harmonis",
    "uraian": "Konflik dengan rekan",
    "serupa_pada_pegawai_lain": True,
    "retrospektif": "Mediasi",
}


def test_the_penilai_reports_through_the_api(login, world, data):
    response = login(world.users.penilai).post(
        "/api/laporan-perilaku/", {"skp": data.skp.pk, **LAPORAN}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["pelapor"] == world.users.penilai.pk and body["serupa_pada_pegawai_lain"] is True
    ids = {r["id"] for r in login(world.users.admin).get("/api/laporan-perilaku/").json()["results"]}
    assert body["id"] in ids


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "admin"])
def test_others_reporting_through_the_api_get_403(login, world, data, siapa):
    response = login(getattr(world.users, siapa)).post(
        "/api/laporan-perilaku/", {"skp": data.skp.pk, **LAPORAN}, content_type=JSON
    )
    assert response.status_code == 403


def test_a_report_without_retrospektif_is_a_400(login, world, data):
    response = login(world.users.penilai).post(
        "/api/laporan-perilaku/", {"skp": data.skp.pk, **LAPORAN, "retrospektif": " "}, content_type=JSON
    )
    assert response.status_code == 400 and "Retrospektif" in str(response.json())


def test_the_schema_still_generates_with_the_pembinaan_endpoints(login, world):
    response = login(world.users.pegawai).get(reverse("api:schema"))
    assert response.status_code == 200
    schema = response.content.decode()
    for path in (
        "/api/bimbingan/{id}/umpan-balik-pegawai/",
        "/api/bimbingan/{id}/evaluasi-kompetensi/",
        "/api/laporan-perilaku/",
        "/api/konseling/{id}/isi/",
    ):
        assert path in schema


def test_the_bimbingan_list_runs_a_fixed_number_of_queries(login, world, data, max_queries):
    client = login(world.users.penilai)
    client.get("/api/bimbingan/")
    with max_queries(30) as satu:
        client.get("/api/bimbingan/")
    with tenant_context(world.sumedang.pk):
        for _ in range(4):
            svc.bimbingan_buat(
                skp=data.skp, by=world.users.penilai, jenis="mentoring", tanggal=D(2026, 3, 16)
            )
    with max_queries(len(satu.captured_queries)):
        assert client.get("/api/bimbingan/").json()["count"] == 5


@pytest.mark.parametrize("endpoint", ["/api/bimbingan/", "/api/laporan-perilaku/", "/api/konseling/"])
def test_garbage_in_the_skp_filter_is_a_400_never_a_500(login, world, endpoint):
    client = login(world.users.admin)
    for nilai in ["abc", "-1", "0", "99999999999999999999", "1.5", "%00", "\x00", "' OR 1=1 --", "ä" * 300]:
        response = client.get(endpoint, {"skp": nilai})
        assert response.status_code == 400, (nilai, response.status_code)
        assert "skp" in response.json()
