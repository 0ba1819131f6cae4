"""The Penilai's team view (/pelaksanaan/tim/), the SKP's pelaksanaan overview and their API: who sees what,
the progress signals on the page, and a number of SQL queries that does not grow with the team."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from tests.conftest import RLS_SETUP_MARK
from tests.factories import IkiFactory, RealisasiFactory, RhkFactory, SkpFactory, pegawai_with_account

pytestmark = pytest.mark.django_db
D = datetime.date
# Pinned: the team page for any number of Pegawai (the org tree of the Pemda is loaded once).
QUERIES_TIM = 18


def _anggota(world, n, *, tertinggal=0):
    """`n` more pelaksana in the Penilai's seksi, each with a set SKP (one IKI, target 12); the first
    `tertinggal` recorded 1 by February (behind), the others 2 (on track)."""
    with scopes_disabled():
        jabatan = world.pegawai.penempatan.first().jabatan
        for i in range(n):
            p = pegawai_with_account(jabatan=jabatan, nama=f"Anggota {i:02d}")
            skp = SkpFactory(
                pemda=world.sumedang,
                pegawai=p,
                jabatan=jabatan,
                penilai=world.penilai,
                status="ditetapkan",
                ditetapkan_sebagai="penilai",
            )
            iki = IkiFactory(
                pemda=world.sumedang, rhk=RhkFactory(pemda=world.sumedang, skp=skp), target_angka=12
            )
            RealisasiFactory(
                pemda=world.sumedang,
                skp=skp,
                iki=iki,
                nomor_periode=2,
                nilai=Decimal(1 if i < tertinggal else 2),
            )


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len([q for q in ctx.captured_queries if RLS_SETUP_MARK not in q["sql"]]), response


def test_penilai_sees_her_team_behind_first(login, world):
    _anggota(world, 3, tertinggal=1)
    response = login(world.users.penilai).get("/pelaksanaan/tim/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Anggota 00") < html.index("Anggota 01")
    assert 'id="hitung-tertinggal"' in html
    baris = html[html.index('id="tabel-tim"') :]
    assert "Tertinggal" in baris and "Sesuai target" in baris
    # The world's own Pegawai has no set SKP: listed apart.
    assert "Siti Aminah" in html[html.index('id="tanpa-skp"') :]


def test_team_filter_by_status(login, world):
    _anggota(world, 3, tertinggal=1)
    html = login(world.users.penilai).get("/pelaksanaan/tim/?status=tertinggal").content.decode()
    assert "Anggota 00" in html and "Anggota 01" not in html
    # An unknown filter shows everyone rather than failing.
    html = login(world.users.penilai).get("/pelaksanaan/tim/?status=<x>").content.decode()
    assert "Anggota 01" in html


def test_a_pegawai_without_a_team_sees_an_empty_team(login, world):
    _anggota(world, 2)
    html = login(world.users.rekan).get("/pelaksanaan/tim/").content.decode()
    assert "Anggota" not in html
    assert "Belum ada Pegawai yang Anda nilai" in html


def test_atasan_penilai_does_not_get_the_penilais_team(login, world):
    _anggota(world, 2)
    html = login(world.users.atasan).get("/pelaksanaan/tim/").content.decode()
    assert "Anggota 00" not in html


def test_team_page_runs_a_fixed_number_of_queries_for_60_pegawai(login, world):
    client = login(world.users.penilai)
    _anggota(world, 3)
    client.get("/pelaksanaan/tim/")  # warms the per-process caches (the Pemda's letterhead)
    kecil, _ = _jumlah_query(client, "/pelaksanaan/tim/")
    _anggota(world, 57)
    besar, response = _jumlah_query(client, "/pelaksanaan/tim/")
    assert response.content.decode().count('id="tim-') == 60
    assert besar == kecil
    assert besar <= QUERIES_TIM


def test_team_api_lists_progress_with_a_fixed_number_of_queries(login, world):
    client = login(world.users.penilai)
    _anggota(world, 2, tertinggal=1)
    client.get("/api/pelaksanaan/tim/")
    kecil, _ = _jumlah_query(client, "/api/pelaksanaan/tim/")
    _anggota(world, 10)
    besar, response = _jumlah_query(client, "/api/pelaksanaan/tim/")
    body = response.json()
    assert len(body["progres"]) == 12
    assert body["progres"][0]["status"] == "tertinggal"
    assert body["progres"][0]["iki"][0]["harapan"] == "2.00"
    assert world.pegawai.pk in body["tanpa_skp"]
    assert besar == kecil


def test_overview_shows_progress_to_the_pegawai_and_her_penilai(login, world):
    _anggota(world, 1, tertinggal=1)
    with scopes_disabled():
        from skp.models import Skp

        skp = Skp.objects.get(pegawai__nama="Anggota 00")
    for user in (world.users.penilai, world.users.admin, world.users.atasan):
        html = login(user).get(f"/pelaksanaan/skp/{skp.pk}/").content.decode()
        assert 'id="tabel-progres"' in html and "Tertinggal" in html, user
    html = login(world.users.penilai).get(f"/pelaksanaan/skp/{skp.pk}/").content.decode()
    assert 'id="saran-tindak-lanjut"' in html


def test_overview_is_404_for_a_colleague_and_an_outsider(login, world):
    _anggota(world, 1)
    with scopes_disabled():
        from skp.models import Skp

        skp = Skp.objects.get(pegawai__nama="Anggota 00")
    assert login(world.users.rekan).get(f"/pelaksanaan/skp/{skp.pk}/").status_code == 404
    assert login(world.users.outsider).get(f"/pelaksanaan/skp/{skp.pk}/").status_code == 404
    assert login(world.users.outsider).get(f"/api/pelaksanaan/skp/{skp.pk}/progres/").status_code == 404
    assert login(world.users.penilai).get(f"/api/pelaksanaan/skp/{skp.pk}/progres/").status_code == 200


def test_my_pelaksanaan_without_a_set_skp_says_so(login, world):
    response = login(world.users.pegawai).get("/pelaksanaan/")
    assert response.status_code == 200
    assert 'id="tanpa-skp"' in response.content.decode()


def test_my_pelaksanaan_goes_to_my_skp_in_force(login, world):
    with scopes_disabled():
        skp = SkpFactory(
            pemda=world.sumedang,
            pegawai=world.pegawai,
            jabatan=world.pegawai.penempatan.first().jabatan,
            penilai=world.penilai,
            status="ditetapkan",
            ditetapkan_sebagai="penilai",
        )
    response = login(world.users.pegawai).get("/pelaksanaan/")
    assert response.status_code == 302
    assert response["Location"] == f"/pelaksanaan/skp/{skp.pk}/"


def test_anonymous_gets_the_login_page_and_the_api_refuses():
    from django.test import Client

    client = Client()
    assert client.get("/pelaksanaan/tim/").status_code == 302
    assert client.get("/api/pelaksanaan/tim/").status_code in (401, 403)
