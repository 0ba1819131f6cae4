"""The evaluator's page (/evaluasi/penilai/) and the API list run a fixed number of SQL queries whatever the
number of Pegawai: 3 and 60 evaluations cost the same, and the number is pinned."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.conftest import RLS_SETUP_MARK
from tests.factories import (
    CapaianOrganisasiFactory,
    EvaluasiFactory,
    IkiFactory,
    PeriodeEvaluasiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    UmpanBalikFactory,
    pegawai_with_account,
)

from .conftest import D

pytestmark = pytest.mark.django_db
# Pinned: the evaluator's page of one period, for any number of Pegawai (bahan_banyak, capaian_banyak, one
# distribution query for all units).
QUERIES_PENILAI = 24
PREDIKAT = ["baik", "sangat_baik", "baik", "butuh_perbaikan", ""]


@pytest.fixture
def periode(world, hari):
    hari(D(2026, 4, 2))
    p = PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="bulanan", nomor=3, tahun=2026)
    CapaianOrganisasiFactory(pemda=world.sumedang, unit=world.seksi, periode=p, predikat="baik")
    return p


def _evaluasi(world, periode, n, mulai=0):
    with scopes_disabled():
        jabatan = world.pegawai.penempatan.first().jabatan
        for i in range(mulai, mulai + n):
            p = pegawai_with_account(jabatan=jabatan, nama=f"Anggota {i:02d}")
            skp = SkpFactory(
                pemda=world.sumedang,
                pegawai=p,
                jabatan=jabatan,
                penilai=world.penilai,
                status="ditetapkan",
                ditetapkan_sebagai="penilai",
            )
            for jenis in ("utama", "tambahan"):
                rhk = RhkFactory(pemda=world.sumedang, skp=skp, jenis=jenis)
                iki = IkiFactory(pemda=world.sumedang, rhk=rhk, target_angka=12)
                RealisasiFactory(pemda=world.sumedang, skp=skp, iki=iki, nomor_periode=3, nilai=Decimal(3))
                UmpanBalikFactory(pemda=world.sumedang, skp=skp, rhk=rhk, tanggal=D(2026, 3, 10))
            predikat = PREDIKAT[i % len(PREDIKAT)]
            EvaluasiFactory(
                pemda=world.sumedang,
                periode=periode,
                pegawai=p,
                skp=skp,
                penilai=world.penilai,
                atasan_penilai=world.atasan,
                unit=world.seksi,
                status="dinilai" if predikat else "belum_dinilai",
                predikat=predikat,
                rating_hasil="sesuai" if predikat else "",
                rating_perilaku="sesuai" if predikat else "",
            )


def _jumlah(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len([q for q in ctx.captured_queries if RLS_SETUP_MARK not in q["sql"]]), response


def test_halaman_penilai_kueri_tetap_untuk_60_pegawai(world, periode, login):
    client = login(world.users.penilai)
    _evaluasi(world, periode, 3)
    url = reverse("evaluasi_penilai")
    client.get(url)  # warm up (per-process caches: the Pemda's days off, the letterhead)
    kecil, _ = _jumlah(client, url)
    _evaluasi(world, periode, 57, mulai=3)
    besar, response = _jumlah(client, url)
    html = response.content.decode()
    assert html.count('id="baris-') == 60
    assert 'id="hitung-belum_dinilai"' in html and "Dinilai (draf): 48" in html
    assert "grafik-distribusi" in html
    assert besar == kecil
    assert besar == QUERIES_PENILAI


def test_api_daftar_kueri_tetap(world, periode, login):
    client = login(world.users.penilai)
    _evaluasi(world, periode, 3)
    url = "/api/evaluasi/?as=penilai"
    client.get(url)
    kecil, _ = _jumlah(client, url)
    _evaluasi(world, periode, 20, mulai=3)
    besar, response = _jumlah(client, url)
    assert response.json()["count"] == 23
    assert besar == kecil
