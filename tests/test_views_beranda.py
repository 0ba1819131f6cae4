"""Beranda per role, with real counts in a fixed number of queries."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from .factories import PegawaiFactory
from .test_views_pegawai import query_count, tambah_pegawai, text

pytestmark = pytest.mark.django_db

# +2 for SKP planning: the menu's SKP count (base.html) and the admin's own SKP of the year (she is a Pegawai).
BERANDA_ADMIN_MAX_QUERIES = 21


def test_anonymous_visitor_is_sent_to_login_from_beranda(client, world):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_pegawai_sees_her_identity_and_her_penilai_chain(login, world):
    body = text(login(world.users.pegawai).get(reverse("beranda")))
    assert world.pegawai.nama_lengkap in body
    assert world.pegawai.nip_format in body
    assert "Penata Muda, III/a" in body
    assert "Pengelola Aplikasi" in body and "Seksi Pengembangan Aplikasi" in body
    assert world.penilai.nama in body and world.atasan.nama in body
    assert "Jika salah, hubungi admin BKPSDM" in body
    assert "Pegawai yang saya nilai" not in body


def test_penilai_sees_the_pegawai_she_evaluates(login, world):
    response = login(world.users.penilai).get(reverse("beranda"))
    body = text(response)
    assert "Pegawai yang saya nilai (2)" in body
    assert {p.pk for p in response.context["saya"]["bawahan"]} == {world.pegawai.pk, world.rekan.pk}


def test_a_jpt_sees_the_kepala_daerah_as_her_penilai(login, world):
    body = text(login(world.users.kadis).get(reverse("beranda")))
    assert "Bupati" in body
    assert "Penilai adalah Kepala Daerah" in body


def test_admin_sees_real_counts(login, world):
    tambah_pegawai(world, 6)
    with scopes_disabled():
        PegawaiFactory(pemda=world.sumedang, nama="Belum Ditempatkan")
    admin = login(world.users.admin).get(reverse("beranda")).context["admin"]
    assert admin["jumlah_unit"] == 4
    assert admin["asn"] == {"total": 13, "pns": 11, "pppk": 2}
    assert dict((kode, n) for kode, _, n in admin["status"]) == {"aktif": 11, "cuti": 2}
    assert admin["tanpa_penilai"] == 1


def test_admin_beranda_links_to_the_list_of_pegawai_without_penilai(login, world):
    body = text(login(world.users.admin).get(reverse("beranda")))
    assert "?tanpa_penilai=on" in body


def test_bupati_sees_counts_of_jpt_and_perangkat_daerah(login, world):
    kd = login(world.users.bupati).get(reverse("beranda")).context["kd"]
    assert kd["jpt"] == 1  # the Kepala Dinas
    assert kd["perangkat_daerah"] == 2  # Dinas Kominfo and BKPSDM


def test_outsider_sees_her_own_pemda_only(login, world):
    response = login(world.users.outsider_admin).get(reverse("beranda"))
    body = text(response)
    assert "Pemerintah Kabupaten Bogor" in body and "Sumedang" not in body
    assert response.context["admin"]["asn"]["total"] == 2


def test_admin_beranda_query_count_does_not_grow_with_the_number_of_pegawai(login, world, max_queries):
    client = login(world.users.admin)
    url = reverse("beranda")
    before = query_count(client, url)
    tambah_pegawai(world, 30)
    assert query_count(client, url) == before
    with max_queries(BERANDA_ADMIN_MAX_QUERIES):
        client.get(url)


def test_a_browser_asking_for_english_still_gets_one_language(login, world):
    """There is no English catalogue yet: day names must not switch language inside Indonesian pages."""
    client = login(world.users.pegawai)
    response = client.get(reverse("beranda"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    hari = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"}
    days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    body = text(response)
    assert any(h in body for h in hari)
    assert not any(d in body for d in days)
    assert response["Content-Language"] == "id"
