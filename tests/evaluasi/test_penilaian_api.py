"""The API of rating (/api/evaluasi/): scoped list with filters, detail with the material, the actions, and
4xx answers with a reason (never a 500)."""

import pytest

from evaluasi.models import StatusEvaluasi

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def maret(skp_berjalan, sumedang, hari):
    hari(D(2026, 3, 31))
    p = bantu.buka(sumedang)
    bantu.capaian(sumedang, p)
    return bantu.evaluasi_pegawai(p, sumedang.pegawai)


def _url(ev, aksi=""):
    return f"/api/evaluasi/{ev.pk}/" + (f"{aksi}/" if aksi else "")


def test_daftar_menurut_peran_dan_saringan(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    body = c.get("/api/evaluasi/?as=penilai").json()
    assert [r["id"] for r in body["results"]] == [maret.pk]
    assert body["results"][0]["status"] == "belum_dinilai"
    assert c.get("/api/evaluasi/?as=pegawai").json()["count"] == 0
    assert c.get(f"/api/evaluasi/?periode={maret.periode_id}&status=belum_dinilai").json()["count"] == 1
    assert c.get("/api/evaluasi/?status=selesai").json()["count"] == 0
    assert login(sumedang.users.atasan).get("/api/evaluasi/?as=atasan").json()["count"] == 1
    assert login(sumedang.users.pegawai).get("/api/evaluasi/?as=pegawai").json()["count"] == 1
    assert login(sumedang.users.rekan).get("/api/evaluasi/").json()["count"] == 0
    assert login(sumedang.users.admin).get("/api/evaluasi/").json()["count"] == 1
    assert login(sumedang.users.outsider).get("/api/evaluasi/").json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("status=x", "status"), ("as=bupati", "as"), ("periode=abc", "periode"), ("periode=0", "periode")],
)
def test_saringan_salah_400(maret, sumedang, login, query, field):
    r = login(sumedang.users.penilai).get(f"/api/evaluasi/?{query}")
    assert r.status_code == 400 and field in r.json()


def test_detail_dengan_bahan(maret, sumedang, login):
    body = login(sumedang.users.penilai).get(_url(maret)).json()
    assert body["evaluasi"]["id"] == maret.pk
    assert body["peran"] == "penilai" and body["alasan_tidak_boleh"] == ""
    assert len(body["bahan"]["rhk"]) == 2 and len(body["bahan"]["rhk"][0]["iki"]) == 2
    assert len(body["bahan"]["perilaku"]) == 7
    assert "saran" in body["bahan"] and body["bahan"]["saran_alasan"]
    assert body["batas_evaluasi"] == "2026-04-15"
    assert body["capaian"]["predikat"] == "baik"
    assert [b["predikat"] for b in body["distribusi"]["baris"]][0] == "sangat_baik"


def test_detail_404_untuk_rekan_dan_pemda_lain(maret, sumedang, login):
    assert login(sumedang.users.rekan).get(_url(maret)).status_code == 404
    assert login(sumedang.users.outsider).get(_url(maret)).status_code == 404
    r = login(sumedang.users.outsider).post(
        _url(maret, "nilai"), {"rating_hasil": "sesuai"}, content_type="application/json"
    )
    assert r.status_code == 404


def test_nilai_tanda_tangan_dan_pegawai(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    r = c.post(_url(maret, "nilai"), {"rating_perilaku": "sesuai"}, content_type="application/json")
    assert r.status_code == 400 and "rating_hasil" in r.json()
    r = c.post(
        _url(maret, "nilai"),
        {"rating_hasil": "baik", "rating_perilaku": "sesuai"},
        content_type="application/json",
    )
    assert r.status_code == 400 and "rating_hasil" in r.json()
    garis = str(c.get(_url(maret)).json()["bahan"]["rhk"][0]["garis"])
    r = c.post(
        _url(maret, "nilai"),
        {
            "rating_hasil": "di_atas",
            "rating_perilaku": "di_atas",
            "catatan_hasil": {garis: "Modul selesai lebih cepat."},
            "catatan_perilaku": {"kolaboratif": "Membantu tim."},
            "catatan_rekomendasi": "Pertahankan.",
        },
        content_type="application/json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["evaluasi"]["predikat"] == "sangat_baik"
    assert r.json()["evaluasi"]["catatan_hasil"] == {garis: "Modul selesai lebih cepat."}
    r = c.post(
        _url(maret, "nilai"),
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai", "catatan_perilaku": {"x": "y"}},
        content_type="application/json",
    )
    assert r.status_code == 400 and "catatan_perilaku" in r.json()
    r = c.post(_url(maret, "tandatangani"), {"password": "salah"}, content_type="application/json")
    assert r.status_code == 400
    r = c.post(_url(maret, "tandatangani"), {"password": bantu.PASSWORD}, content_type="application/json")
    assert r.status_code == 200 and r.json()["evaluasi"]["status"] == "menunggu_pegawai"
    assert r.json()["batas_pegawai"] is not None
    r = c.post(
        _url(maret, "tandatangani-pegawai"), {"password": bantu.PASSWORD}, content_type="application/json"
    )
    assert r.status_code == 403
    r = login(sumedang.users.pegawai).post(
        _url(maret, "tandatangani-pegawai"), {"password": bantu.PASSWORD}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["evaluasi"]["status"] == StatusEvaluasi.SELESAI


@pytest.mark.parametrize("pengguna", ["pegawai", "atasan", "admin", "bupati"])
def test_yang_melihat_tetapi_tidak_berhak_menilai_403_dengan_alasan(maret, sumedang, login, pengguna):
    r = login(getattr(sumedang.users, pengguna)).post(
        _url(maret, "nilai"),
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
        content_type="application/json",
    )
    assert r.status_code == 403 and r.json()["detail"]
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.BELUM_DINILAI


def test_pakai_hasil_sebelumnya_sumber_salah_400(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    r = c.post(_url(maret, "pakai-hasil-sebelumnya"), {"sumber": 999999}, content_type="application/json")
    assert r.status_code == 400 and "sumber" in r.json()
    r = c.post(_url(maret, "pakai-hasil-sebelumnya"), {"sumber": maret.pk}, content_type="application/json")
    assert r.status_code == 400
    r = c.post(_url(maret, "pakai-hasil-sebelumnya"), {}, content_type="application/json")
    assert r.status_code == 400


def test_atasan_setelah_jendela_menilai_d12(maret, sumedang, login, hari):
    hari(D(2026, 4, 16))
    c = login(sumedang.users.atasan)
    body = c.get(_url(maret)).json()
    assert body["peran"] == "atasan_penilai"
    r = c.post(
        _url(maret, "nilai"),
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
        content_type="application/json",
    )
    assert r.status_code == 200
    r = c.post(_url(maret, "tandatangani"), {"password": bantu.PASSWORD}, content_type="application/json")
    assert r.status_code == 200
    assert r.json()["evaluasi"]["oleh_atasan"] and r.json()["evaluasi"]["final"]
    r = login(sumedang.users.penilai).post(
        _url(maret, "nilai"),
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
        content_type="application/json",
    )
    assert r.status_code == 400  # already signed
