"""The notification bell: its count comes after the page from a small endpoint, the list shows a user her own
notices only, marking read touches her own rows only, and "open" never leaves the site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from kinerja.scoping import tenant_context
from skp.models import Pemberitahuan
from tenggat.lonceng import jalur_lokal
from tests.skp import bantu

pytestmark = pytest.mark.django_db

HITUNG = reverse("lonceng_hitung")
DAFTAR = reverse("lonceng")
SEMUA = reverse("lonceng_baca_semua")


def baca(pk, buka=False):
    return reverse("lonceng_baca", kwargs={"pk": pk}) + ("?buka=1" if buka else "")


def beri(penerima, pemda=None, *, jenis="tenggat", pesan="SKP 2027 belum ditetapkan.", tautan="", **kwargs):
    with scopes_disabled():
        return Pemberitahuan.objects.create(
            pemda=pemda or penerima.pemda,
            penerima=penerima,
            jenis=jenis,
            pesan=pesan,
            tautan=tautan,
            **kwargs,
        )


def dibaca(p):
    with scopes_disabled():
        return Pemberitahuan.objects.get(pk=p.pk).dibaca_pada is not None


def badge(client):
    """The number on the bell, or 0 when it shows none."""
    html = client.get(HITUNG, HTTP_HX_REQUEST="true").content.decode()
    assert 'href="/tenggat/pemberitahuan/"' in html
    if 'id="lonceng-jumlah"' not in html:
        return 0
    return int(html.split('id="lonceng-jumlah">')[1].split("<")[0])


# The bell ----------------------------------------------------------------------------------------------------
def test_bell_shows_no_badge_without_unread_notices(world, login):
    beri(world.pegawai, dibaca_pada=timezone.now())
    assert badge(login(world.users.pegawai)) == 0


def test_bell_counts_her_unread_notices_and_drops_as_she_reads(world, login):
    mine = [beri(world.pegawai, pesan=f"Pengingat {n}") for n in range(3)]
    beri(world.rekan)  # her colleague's: not counted
    beri(world.outsider)  # another Pemda's
    client = login(world.users.pegawai)
    assert badge(client) == 3
    client.post(baca(mine[0].pk))
    assert badge(client) == 2
    client.post(SEMUA)
    assert badge(client) == 0


def test_header_loads_the_bell_after_the_page(world, login):
    html = login(world.users.pegawai).get(reverse("beranda")).content.decode()
    assert f'hx-get="{HITUNG}"' in html
    assert 'hx-trigger="load, every 60s"' in html
    assert "lonceng-jumlah" not in html  # the count is not computed while rendering the page


def test_header_has_no_bell_for_an_account_without_pegawai(world, login):
    html = login(world.users.bupati).get(reverse("beranda")).content.decode()
    assert HITUNG not in html


@pytest.mark.parametrize("banyak", [0, 1, 30])
def test_bell_endpoint_runs_a_fixed_number_of_queries(world, login, max_queries, banyak):
    for n in range(banyak):
        beri(world.pegawai, pesan=f"Pengingat {n}")
    client = login(world.users.pegawai)
    # session, user, the tenant transaction's savepoint and its release, one COUNT
    with max_queries(5):
        response = client.get(HITUNG, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_bell_endpoint_for_an_expired_session_swaps_nothing(client):
    assert client.get(HITUNG, HTTP_HX_REQUEST="true").status_code == 204
    assert client.get(HITUNG).status_code == 302


# The list ----------------------------------------------------------------------------------------------------
def test_list_shows_only_her_own_notices_unread_first(world, login):
    lama = beri(world.pegawai, pesan="Pengingat lama yang sudah dibaca", dibaca_pada=timezone.now())
    baru = beri(world.pegawai, jenis="eskalasi", pesan="Evaluasi belum ditandatangani: Atasan Penilai")
    rekan = beri(world.rekan, pesan="Pengingat untuk Rudi Hartono")
    luar = beri(world.outsider, pesan="Pengingat untuk Bogor")
    html = login(world.users.pegawai).get(DAFTAR).content.decode()
    assert f'id="pemberitahuan-{baru.pk}"' in html and f'id="pemberitahuan-{lama.pk}"' in html
    assert html.index(f"pemberitahuan-{baru.pk}") < html.index(f"pemberitahuan-{lama.pk}")
    assert "Eskalasi" in html and "Atasan Penilai" in html
    assert rekan.pesan not in html and luar.pesan not in html


def test_list_links_to_the_skp_when_there_is_no_tautan(world, login):
    with tenant_context(world.sumedang.pk):
        skp = bantu.draft(world, tahun=2027)
    with scopes_disabled():
        p = beri(world.pegawai, skp=skp, dibaca_pada=timezone.now())
    html = login(world.users.pegawai).get(DAFTAR).content.decode()
    assert f'href="{reverse("skp_detail", kwargs={"pk": skp.pk})}"' in html
    assert f'id="pemberitahuan-{p.pk}"' in html


def test_list_is_paginated_by_25(world, login, max_queries):
    for n in range(30):
        beri(world.pegawai, pesan=f"Pengingat nomor {n:02d}")
    client = login(world.users.pegawai)
    with max_queries(12):
        pertama = client.get(DAFTAR).content.decode()
    kedua = client.get(DAFTAR + "?page=2").content.decode()
    assert pertama.count('class="belum"') == 25 and kedua.count('class="belum"') == 5
    assert "Pengingat nomor 29" in pertama and "Pengingat nomor 00" in kedua  # newest first
    assert "Halaman 1 dari 2" in pertama


def test_list_for_an_account_without_pegawai_is_empty_not_an_error(world, login):
    response = login(world.users.bupati).get(DAFTAR)
    assert response.status_code == 200
    assert "tidak terhubung dengan data Pegawai" in response.content.decode()


# Marking read ------------------------------------------------------------------------------------------------
def test_she_marks_one_notice_read(world, login):
    p, lain = beri(world.pegawai), beri(world.pegawai)
    response = login(world.users.pegawai).post(baca(p.pk), {"page": "2"})
    assert response.status_code == 302 and response.url == DAFTAR + "?page=2"
    assert dibaca(p) and not dibaca(lain)


def test_reading_again_keeps_the_first_reading_time(world, login):
    waktu = timezone.now() - datetime.timedelta(days=3)
    p = beri(world.pegawai, dibaca_pada=waktu)
    login(world.users.pegawai).post(baca(p.pk))
    with scopes_disabled():
        assert Pemberitahuan.objects.get(pk=p.pk).dibaca_pada == waktu


def test_she_marks_all_her_own_read_and_no_one_elses(world, login):
    mine = [beri(world.pegawai) for _ in range(3)]
    rekan, luar = beri(world.rekan), beri(world.outsider)
    response = login(world.users.pegawai).post(SEMUA)
    assert response.status_code == 302 and response.url == DAFTAR
    assert all(dibaca(p) for p in mine)
    assert not dibaca(rekan) and not dibaca(luar)


def test_a_colleagues_notice_is_404_and_stays_unread(world, login):
    rekan = beri(world.rekan)
    assert login(world.users.pegawai).post(baca(rekan.pk)).status_code == 404
    assert login(world.users.pegawai).post(baca(rekan.pk, buka=True)).status_code == 404
    assert not dibaca(rekan)


def test_another_pemdas_notice_is_404_both_ways(world, login):
    luar, sumedang = beri(world.outsider), beri(world.pegawai)
    assert login(world.users.pegawai).post(baca(luar.pk)).status_code == 404
    assert login(world.users.outsider).post(baca(sumedang.pk)).status_code == 404
    assert not dibaca(luar) and not dibaca(sumedang)


def test_marking_read_is_post_only(world, login):
    p = beri(world.pegawai)
    assert login(world.users.pegawai).get(baca(p.pk)).status_code == 405
    assert login(world.users.pegawai).get(SEMUA).status_code == 405
    assert not dibaca(p)


def test_anonymous_cannot_mark(world, client):
    p = beri(world.pegawai)
    assert client.post(baca(p.pk)).status_code == 302
    assert client.post(SEMUA).status_code == 302
    assert not dibaca(p)


# Opening -----------------------------------------------------------------------------------------------------
def test_open_marks_read_and_goes_to_the_local_tautan(world, login):
    p = beri(world.pegawai, tautan="/skp/")
    response = login(world.users.pegawai).post(baca(p.pk, buka=True))
    assert response.status_code == 302 and response.url == "/skp/"
    assert dibaca(p)


@pytest.mark.parametrize(
    "tautan",
    [
        "https://jahat.example/skp/",
        "//jahat.example/skp/",
        "/\\jahat.example",
        "javascript:alert(1)",
        "http:/jahat.example",
        "skp/",
        "/\tjahat",
    ],
)
def test_open_never_redirects_off_the_site(world, login, tautan):
    p = beri(world.pegawai, tautan=tautan)
    response = login(world.users.pegawai).post(baca(p.pk, buka=True))
    assert response.status_code == 302 and response.url == DAFTAR
    assert dibaca(p)
    html = login(world.users.pegawai).get(DAFTAR).content.decode()
    assert "jahat" not in html.split('id="pemberitahuan-')[1].split("lonceng-aksi")[1].split("</li>")[0]


def test_open_without_tautan_goes_to_the_skp(world, login):
    with tenant_context(world.sumedang.pk):
        skp = bantu.draft(world, tahun=2027)
    p = beri(world.pegawai, skp=skp)
    response = login(world.users.pegawai).post(baca(p.pk, buka=True))
    assert response.url == reverse("skp_detail", kwargs={"pk": skp.pk})


@pytest.mark.parametrize(
    ("tautan", "hasil"),
    [("/skp/", "/skp/"), ("/evaluasi/3/?tab=a#x", "/evaluasi/3/?tab=a#x"), ("", None), ("//x.example", None)],
)
def test_jalur_lokal(tautan, hasil):
    assert jalur_lokal(tautan) == hasil


# API ---------------------------------------------------------------------------------------------------------
def test_api_count_of_her_unread_notices(world, login):
    (
        beri(world.pegawai),
        beri(world.pegawai),
        beri(world.pegawai, dibaca_pada=timezone.now()),
        beri(world.rekan),
    )
    response = login(world.users.pegawai).get(reverse("api:pemberitahuan-hitung"))
    assert response.status_code == 200 and response.json() == {"belum_dibaca": 2}


def test_api_count_is_zero_for_another_pemda_and_refused_to_anonymous(world, login, client):
    beri(world.pegawai)
    assert client.get(reverse("api:pemberitahuan-hitung")).status_code in (401, 403)
    response = login(world.users.outsider).get(reverse("api:pemberitahuan-hitung"))
    assert response.json() == {"belum_dibaca": 0}
