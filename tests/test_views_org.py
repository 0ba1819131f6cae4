"""The unit tree (HTMX) and a unit's page: every user of the Pemda reads them; nobody else."""

import datetime
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import DelegasiPimpinan
from kinerja.services.org import delegasi_create

from .test_views_pegawai import query_count, tambah_pegawai, text

pytestmark = pytest.mark.django_db

UNIT_LIST_MAX_QUERIES = 9
PERSONAS = ["pegawai", "penilai", "atasan", "admin", "bupati"]


@pytest.mark.parametrize("name", ["unit_list", "unit_detail", "unit_children"])
def test_anonymous_visitor_is_sent_to_login_from_the_unit_pages(client, world, name):
    url = reverse(name) if name == "unit_list" else reverse(name, args=[world.dinas.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_user_of_the_pemda_reads_the_tree(login, world, persona):
    client = login(getattr(world.users, persona))
    assert client.get(reverse("unit_list")).status_code == 200
    assert client.get(reverse("unit_detail", args=[world.seksi.pk])).status_code == 200
    assert client.get(reverse("unit_children", args=[world.dinas.pk])).status_code == 200


@pytest.mark.parametrize("name", ["unit_detail", "unit_children"])
@pytest.mark.parametrize("persona", ["outsider", "outsider_admin"])
def test_outsider_gets_404_for_a_unit_of_another_pemda(login, world, name, persona):
    response = login(getattr(world.users, persona)).get(reverse(name, args=[world.dinas.pk]))
    assert response.status_code == 404


def test_tree_shows_top_level_units_with_leader_and_pegawai_count(login, world):
    response = login(world.users.pegawai).get(reverse("unit_list"))
    body = text(response)
    assert "Dinas Komunikasi dan Informatika" in body and "BKPSDM" in body
    assert "Bidang Aplikasi" not in body  # loaded on demand
    assert world.kadis.nama in body
    counts = {unit.nama: unit.jumlah_pegawai for unit, _ in response.context["rows"]}
    assert counts == {"Dinas Komunikasi dan Informatika": 5, "BKPSDM": 1}
    assert "Dinas Kesehatan" not in body


def test_children_partial_is_a_fragment_that_htmx_can_expand(login, world):
    response = login(world.users.pegawai).get(
        reverse("unit_children", args=[world.dinas.pk]), HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert "<html" not in body
    assert "Bidang Aplikasi Informatika" in body and world.atasan.nama in body
    assert f'hx-get="{reverse("unit_children", args=[world.bidang.pk])}"' in body


def test_tree_rows_are_expandable_with_htmx(login, world):
    body = text(login(world.users.pegawai).get(reverse("unit_list")))
    assert f'hx-get="{reverse("unit_children", args=[world.dinas.pk])}"' in body
    assert 'hx-trigger="toggle once"' in body


def test_unit_detail_shows_leader_jabatan_and_pegawai(login, world):
    body = text(login(world.users.pegawai).get(reverse("unit_detail", args=[world.seksi.pk])))
    assert "Seksi Pengembangan Aplikasi" in body
    assert world.penilai.nama in body  # leader
    assert "Pengelola Aplikasi" in body  # jabatan
    assert world.rekan.nama in body  # current Pegawai
    assert "Bidang Aplikasi Informatika" in body  # breadcrumb


def test_unit_detail_shows_a_plt_leader(login, world):
    with scopes_disabled():
        delegasi_create(
            unit=world.bidang,
            pegawai=world.penilai,
            jenis="plt",
            mulai=datetime.date.today() - datetime.timedelta(days=1),
            selesai=None,
            by=None,
        )
        assert DelegasiPimpinan.objects.count() == 1
    body = text(login(world.users.pegawai).get(reverse("unit_detail", args=[world.bidang.pk])))
    assert "Plt. (Pelaksana Tugas)" in body
    assert world.penilai.nama in body and world.atasan.nama in body


def test_unit_detail_paginates_its_pegawai(login, world):
    tambah_pegawai(world, 55)
    response = login(world.users.admin).get(reverse("unit_detail", args=[world.seksi.pk]), {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 55 + 3 - 50


def test_unit_list_query_count_does_not_grow_with_the_number_of_pegawai(login, world, max_queries):
    client = login(world.users.admin)
    url = reverse("unit_list")
    before = query_count(client, url)
    tambah_pegawai(world, 30)
    assert query_count(client, url) == before
    with max_queries(UNIT_LIST_MAX_QUERIES):
        client.get(url)


@pytest.mark.parametrize(
    "name,args,menu",
    [
        ("unit_list", [], "Unit Kerja"),
        ("unit_pindah", ["seksi"], "Unit Kerja"),
        ("pegawai_detail", ["pegawai"], "Pegawai"),
        ("pegawai_impor", [], "Impor/Ekspor Pegawai"),
    ],
)
def test_the_menu_marks_the_section_of_the_page(login, world, name, args, menu):
    response = login(world.users.admin).get(reverse(name, args=[getattr(world, a).pk for a in args]))
    marked = re.findall(r'class="aktif"[^>]*>([^<]+)</a>', response.content.decode())
    assert marked == [menu]
