"""Every list endpoint of evaluasi, read by another Pemda's admin: her own Pemda's rows and never a Sumedang one;
anonymous is refused. (Object routes are covered by tests/test_cross_tenant_routes.py.)"""

import pytest
from django_scopes import scopes_disabled

from tests.factories import (
    EvaluasiFactory,
    KeberatanFactory,
    LaporanBerjenjangFactory,
    PenghargaanFactory,
    PeriodeEvaluasiFactory,
    SanksiFactory,
)

pytestmark = pytest.mark.django_db

DAFTAR = {
    "/api/evaluasi/": "evaluasi",
    "/api/keberatan/": "keberatan",
    "/api/evaluasi-laporan/": "laporan",
    "/api/evaluasi-penghargaan/": "penghargaan",
    "/api/evaluasi-sanksi/": "sanksi",
}


def _baris(pemda, pegawai):
    periode = PeriodeEvaluasiFactory(pemda=pemda, jenis="tahunan", nomor=1, tahun=2026)
    ev = EvaluasiFactory(
        pemda=pemda,
        periode=periode,
        pegawai=pegawai,
        status="selesai",
        predikat="baik",
        rating_hasil="sesuai",
        rating_perilaku="sesuai",
    )
    return {
        "periode": periode.pk,
        "evaluasi": ev.pk,
        "keberatan": KeberatanFactory(pemda=pemda, evaluasi=ev).pk,
        "laporan": LaporanBerjenjangFactory(pemda=pemda, evaluasi=ev).pk,
        "penghargaan": PenghargaanFactory(pemda=pemda, evaluasi=ev).pk,
        "sanksi": SanksiFactory(pemda=pemda, evaluasi=ev).pk,
    }


def _ids(body):
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return {row["id"] for row in rows}


@pytest.mark.parametrize("url", sorted(DAFTAR))
def test_admin_pemda_lain_hanya_melihat_barisnya_sendiri(login, world, client, url):
    with scopes_disabled():
        sumedang = _baris(world.sumedang, world.pegawai)
        bogor = _baris(world.bogor, world.outsider)
    assert client.get(url).status_code in (401, 403)
    for persona in ("outsider_admin", "admin"):
        response = login(getattr(world.users, persona)).get(url)
        assert response.status_code == 200, response.content
        ids = _ids(response.json())
        sendiri, lain = (bogor, sumedang) if persona == "outsider_admin" else (sumedang, bogor)
        assert sendiri[DAFTAR[url]] in ids
        assert lain[DAFTAR[url]] not in ids


def test_periode_pemda_lain_tidak_terlihat(login, world):
    with scopes_disabled():
        sumedang = _baris(world.sumedang, world.pegawai)
        bogor = _baris(world.bogor, world.outsider)
    response = login(world.users.outsider_admin).get("/api/evaluasi/periode/?tahun=2026")
    assert response.status_code == 200, response.content
    terbuka = {baris["periode"] for baris in response.json() if baris["periode"]}
    assert terbuka == {bogor["periode"]}
    assert sumedang["periode"] not in terbuka
