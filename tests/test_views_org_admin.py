"""BKPSDM builds the org tree from the unit pages: a new Perangkat Daerah on the list, and on a unit's page
changing it, adding a sub-unit, moving it, closing it, adding and changing its Jabatan.

Only the Pemda's BKPSDM admin may (others get 403; another Pemda's objects are 404, see
test_cross_tenant_routes.py). Every write goes through kinerja.services.org and is audited; a refused or
invalid write shows its message, keeps what was typed and changes nothing.
"""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent, Jabatan, JenisJabatan, JenisUnit, UnitKerja

from .factories import JabatanFactory, UnitKerjaFactory
from .test_views_pegawai import messages_of, query_count, text

pytestmark = pytest.mark.django_db

UNIT_DETAIL_ADMIN_MAX_QUERIES = 16
NON_ADMINS = ["pegawai", "penilai", "atasan", "kadis", "bupati"]


def audit(aksi):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(aksi=aksi).order_by("pk"))


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def tree():
    """Everything an action could change in the tree, to prove a refused one changed nothing."""
    with scopes_disabled():
        return (
            sorted(UnitKerja.objects.values_list("pk", "nama", "kode", "jenis", "parent", "path", "aktif")),
            sorted(Jabatan.objects.values_list("pk", "unit", "nama", "jenis", "memimpin_unit")),
            AuditEvent.objects.count(),
        )


@pytest.fixture
def kosong(world):
    """An active unit under BKPSDM with nobody in it: it may be closed."""
    return UnitKerjaFactory(
        pemda=world.sumedang, kode="D02.U1", nama="UPTD Pelatihan", jenis=JenisUnit.UPTD, parent=world.bkpsdm
    )


# Each action: its URL for the world, and valid POST data ---------------------------------------------------
def _actions(world):
    return {
        "unit_create": (
            reverse("unit_create"),
            {"baru-nama": "Dinas Pariwisata", "baru-kode": "D03", "baru-jenis": "perangkat_daerah"},
        ),
        "unit_update": (
            reverse("unit_update", args=[world.bidang.pk]),
            {"ubah-nama": "Bidang E-Government", "ubah-kode": "D01.B1", "ubah-jenis": "bidang"},
        ),
        "unit_sub_create": (
            reverse("unit_sub_create", args=[world.bidang.pk]),
            {"sub-nama": "Seksi Persandian", "sub-kode": "D01.B1.S2", "sub-jenis": "seksi"},
        ),
        "unit_pindah": (
            reverse("unit_pindah", args=[world.bidang.pk]),
            {"pindah-parent": world.bkpsdm.pk, "pindah-alasan": "Perbup 12/2026 tentang SOTK"},
        ),
        "unit_nonaktifkan": (
            reverse("unit_nonaktifkan", args=[world.kosong.pk]),
            {"nonaktif-alasan": "Digabung ke BKPSDM"},
        ),
        "jabatan_create": (
            reverse("jabatan_create", args=[world.seksi.pk]),
            {"jabatan-nama": "Pranata Komputer", "jabatan-jenis": "fungsional"},
        ),
        "jabatan_update": (
            reverse("jabatan_update", args=[world.pelaksana.pk]),
            {"jabatan_ubah-nama": "Pengembang Aplikasi", "jabatan_ubah-jenis": "pelaksana"},
        ),
    }


ACTIONS = [
    "unit_create",
    "unit_update",
    "unit_sub_create",
    "unit_pindah",
    "unit_nonaktifkan",
    "jabatan_create",
    "jabatan_update",
]


@pytest.fixture
def actions(world, kosong):
    world.kosong = kosong
    return _actions(world)


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_visitor_is_sent_to_login_from_an_org_action(client, actions, action):
    url, data = actions[action]
    before = tree()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert tree() == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", NON_ADMINS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_bkpsdm_may_open_or_post_an_org_action(login, world, actions, action, persona, method):
    url, data = actions[action]
    before = tree()
    response = getattr(login(getattr(world.users, persona)), method)(url, data)
    assert response.status_code == 403
    assert tree() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_each_org_action_goes_through_for_the_admin_and_is_audited(login, world, actions, action):
    url, data = actions[action]
    before = tree()
    response = login(world.users.admin).post(url, data, follow=True)
    assert response.redirect_chain and response.status_code == 200
    assert tree() != before
    with scopes_disabled():
        [event] = AuditEvent.objects.all()
    assert event.oleh == world.users.admin and event.pemda_id == world.sumedang.pk
    [pesan] = messages_of(response)
    assert "belum disimpan" not in pesan


@pytest.mark.parametrize("action", [a for a in ACTIONS if a != "unit_create"])
def test_admin_opening_an_action_sees_the_unit_page_with_that_form(login, world, actions, action):
    url, _ = actions[action]
    before = tree()
    response = login(world.users.admin).get(url)
    assert response.status_code == 200
    assert f'action="{url}#panel-' in text(response)
    assert 'class="kartu panel-org fokus"' in text(response)
    assert tree() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_an_org_action_answers_put_with_405(login, actions, world, action):
    url, _ = actions[action]
    assert login(world.users.admin).put(url).status_code == 405


# What each persona sees ------------------------------------------------------------------------------
def test_admin_sees_the_new_unit_form_on_the_list_and_others_do_not(login, world):
    body = text(login(world.users.admin).get(reverse("unit_list")))
    assert "Tambah unit (Perangkat Daerah)" in body and f'action="{reverse("unit_create")}' in body
    assert '<details class="kartu panel" id="panel-baru">' in body  # closed until asked for
    body = text(login(world.users.kadis).get(reverse("unit_list")))
    assert "Tambah unit" not in body and reverse("unit_create") not in body


def test_admin_sees_the_panels_on_a_unit_page_and_others_do_not(login, world):
    url = reverse("unit_detail", args=[world.seksi.pk])
    body = text(login(world.users.admin).get(url))
    for judul in (
        "Ubah data unit",
        "Tambah sub-unit",
        "Tambah jabatan",
        "Pindahkan unit",
        "Nonaktifkan unit",
    ):
        assert judul in body
    assert reverse("jabatan_update", args=[world.pelaksana.pk]) in body
    body = text(login(world.users.penilai).get(url))
    assert "Tindakan admin BKPSDM" not in body and "Pindahkan unit" not in body
    assert reverse("jabatan_update", args=[world.pelaksana.pk]) not in body


def test_the_move_form_offers_the_pemdas_other_units_but_not_the_subtree(login, world):
    response = login(world.users.admin).get(reverse("unit_pindah", args=[world.bidang.pk]))
    choices = dict(response.context["pindah_form"].fields["parent"].choices)
    assert str(world.bkpsdm.pk) in choices and str(world.dinas.pk) in choices
    assert str(world.bidang.pk) not in choices and str(world.seksi.pk) not in choices
    assert str(world.unit_bogor.pk) not in choices
    assert "atas" in choices


def test_editing_a_jabatan_shows_its_current_values(login, world):
    response = login(world.users.admin).get(reverse("jabatan_update", args=[world.pelaksana.pk]))
    body = text(response)
    assert "Ubah jabatan: Pengelola Aplikasi" in body
    assert 'name="jabatan_ubah-nama" value="Pengelola Aplikasi"' in body


def test_unit_page_for_the_admin_has_a_fixed_number_of_queries(login, world, max_queries):
    client = login(world.users.admin)
    url = reverse("unit_detail", args=[world.seksi.pk])
    before = query_count(client, url)
    with scopes_disabled():
        for i in range(15):
            unit = UnitKerjaFactory(pemda=world.sumedang, kode=f"D09.{i}", parent=world.bkpsdm)
            JabatanFactory(unit=world.seksi, nama=f"Analis {i}")
            JabatanFactory(unit=unit, nama="Kepala", memimpin_unit=True)
    assert query_count(client, url) == before
    with max_queries(UNIT_DETAIL_ADMIN_MAX_QUERIES):
        client.get(reverse("jabatan_update", args=[world.pelaksana.pk]))


# Adding a Perangkat Daerah ----------------------------------------------------------------------------
def test_admin_adds_a_perangkat_daerah_and_lands_on_its_page(login, world, actions):
    url, data = actions["unit_create"]
    response = login(world.users.admin).post(url, data)
    with scopes_disabled():
        unit = UnitKerja.objects.get(pemda=world.sumedang, kode="D03")
    assert response.status_code == 302 and response["Location"] == reverse("unit_detail", args=[unit.pk])
    assert (unit.nama, unit.parent_id, unit.path, unit.depth) == ("Dinas Pariwisata", None, f"/{unit.pk}/", 0)
    assert [e.objek_id for e in audit("unitkerja_create")] == [unit.pk]


def test_a_taken_code_is_refused_with_a_clear_message_keeping_what_was_typed(login, world, actions):
    url, data = actions["unit_create"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"baru-kode": "D01"})
    assert response.status_code == 400
    body = text(response)
    assert "Kode D01 sudah dipakai Dinas Komunikasi dan Informatika" in body
    assert 'value="Dinas Pariwisata"' in body
    assert '<details class="kartu panel" id="panel-baru" open>' in body
    assert messages_of(response) == ["Unit belum disimpan. Periksa isian yang ditandai."]
    assert tree() == before


def test_a_new_unit_without_a_name_is_a_form_error_not_a_crash(login, world, actions):
    url, data = actions["unit_create"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"baru-nama": "", "baru-jenis": "kementerian"})
    assert response.status_code == 400
    assert response.context["unit_form"].errors.keys() == {"nama", "jenis"}
    assert tree() == before


def test_admin_opening_the_new_unit_address_sees_the_form_open(login, world):
    body = text(login(world.users.admin).get(reverse("unit_create")))
    assert '<details class="kartu panel" id="panel-baru" open>' in body


# Changing a unit --------------------------------------------------------------------------------------
def test_admin_changes_a_unit_with_its_reason_in_the_audit(login, world, actions):
    url, data = actions["unit_update"]
    response = login(world.users.admin).post(url, data | {"ubah-alasan": "Perbup 12/2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("unit_detail", args=[world.bidang.pk])
    assert fresh(world.bidang).nama == "Bidang E-Government"
    [event] = audit("unitkerja_update")
    assert event.alasan == "Perbup 12/2026" and event.data["sebelum"]["nama"] == "Bidang Aplikasi Informatika"


def test_changing_a_unit_to_a_taken_code_shows_the_message_and_changes_nothing(login, world, actions):
    url, data = actions["unit_update"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"ubah-kode": "D02"})
    assert response.status_code == 400
    body = text(response)
    assert "Kode D02 sudah dipakai BKPSDM" in body
    assert 'value="Bidang E-Government"' in body  # what she typed, not what is stored
    assert 'class="kartu panel-org fokus" id="panel-ubah"' in body
    assert tree() == before


def test_saving_a_unit_unchanged_shows_the_service_message(login, world, actions):
    url, _ = actions["unit_update"]
    data = {"ubah-nama": "Bidang Aplikasi Informatika", "ubah-kode": "D01.B1", "ubah-jenis": "bidang"}
    response = login(world.users.admin).post(url, data)
    assert response.status_code == 400
    assert "Tidak ada perubahan" in text(response)


# Sub-units --------------------------------------------------------------------------------------------
def test_admin_adds_a_sub_unit_and_goes_back_to_the_parent(login, world, actions):
    url, data = actions["unit_sub_create"]
    response = login(world.users.admin).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("unit_detail", args=[world.bidang.pk]) + "#sub-unit"
    with scopes_disabled():
        sub = UnitKerja.objects.get(kode="D01.B1.S2")
    assert (sub.parent_id, sub.path, sub.depth) == (world.bidang.pk, f"{world.bidang.path}{sub.pk}/", 2)
    assert [e.objek_id for e in audit("unitkerja_create")] == [sub.pk]
    body = text(login(world.users.admin).get(reverse("unit_detail", args=[world.bidang.pk])))
    assert "Seksi Persandian" in body


def test_a_closed_unit_gets_no_sub_unit(login, world, actions):
    with scopes_disabled():
        UnitKerja.objects.filter(pk=world.bidang.pk).update(aktif=False)
    url, data = actions["unit_sub_create"]
    before = tree()
    response = login(world.users.admin).post(url, data)
    assert response.status_code == 400
    assert "Unit ini nonaktif; sub-unit baru tidak dapat ditambahkan." in text(response)
    assert tree() == before


# Moving -----------------------------------------------------------------------------------------------
def test_admin_moves_a_unit_with_its_subtree_and_reason(login, world, actions):
    url, data = actions["unit_pindah"]
    response = login(world.users.admin).post(url, data, follow=True)
    bidang, seksi = fresh(world.bidang), fresh(world.seksi)
    assert bidang.parent_id == world.bkpsdm.pk and seksi.path == f"{bidang.path}{seksi.pk}/"
    assert messages_of(response) == [
        "Bidang Aplikasi Informatika beserta sub-unitnya dipindahkan ke bawah BKPSDM."
    ]
    [event] = audit("unitkerja_move")
    assert event.alasan == "Perbup 12/2026 tentang SOTK"
    assert ">BKPSDM</a> ›" in text(response)  # the breadcrumb follows


def test_admin_moves_a_unit_to_the_top_level(login, world, actions):
    url, data = actions["unit_pindah"]
    login(world.users.admin).post(url, data | {"pindah-parent": "atas"})
    assert (fresh(world.bidang).parent_id, fresh(world.bidang).depth) == (None, 0)


def test_moving_without_a_reason_shows_the_message_and_changes_nothing(login, world, actions):
    url, data = actions["unit_pindah"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"pindah-alasan": " "})
    assert response.status_code == 400
    assert "Sebutkan dasar pemindahan unit (mis. Perbup SOTK)." in text(response)
    assert tree() == before


@pytest.mark.parametrize("target", ["seksi", "bidang", "unit_bogor"])
def test_moving_under_its_own_subtree_or_into_another_pemda_is_refused(login, world, actions, target):
    url, data = actions["unit_pindah"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"pindah-parent": getattr(world, target).pk})
    assert response.status_code == 400
    assert response.context["pindah_form"].errors.keys() == {"parent"}
    assert tree() == before


def test_moving_under_its_current_parent_shows_the_service_message(login, world, actions):
    url, data = actions["unit_pindah"]
    response = login(world.users.admin).post(url, data | {"pindah-parent": world.dinas.pk})
    assert response.status_code == 400
    assert "Unit sudah berada di bawah unit induk ini." in text(response)
    assert "Perbup 12/2026 tentang SOTK" in text(response)  # the typed reason is kept


# Closing ----------------------------------------------------------------------------------------------
def test_admin_closes_an_empty_unit_and_it_leaves_the_tree(login, world, actions):
    url, data = actions["unit_nonaktifkan"]
    client = login(world.users.admin)
    response = client.post(url, data, follow=True)
    assert fresh(world.kosong).aktif is False
    assert messages_of(response) == ["Unit UPTD Pelatihan dinonaktifkan."]
    assert "nonaktif" in text(response)
    assert audit("unitkerja_nonaktifkan")[0].alasan == "Digabung ke BKPSDM"
    children = text(client.get(reverse("unit_children", args=[world.bkpsdm.pk])))
    assert "UPTD Pelatihan" not in children


def test_closing_a_unit_where_pegawai_are_placed_shows_why_and_changes_nothing(login, world):
    before = tree()
    response = login(world.users.admin).post(
        reverse("unit_nonaktifkan", args=[world.dinas.pk]), {"nonaktif-alasan": "Digabung"}
    )
    assert response.status_code == 400
    assert "masih punya 2 sub-unit aktif" in text(response)
    response = login(world.users.admin).post(
        reverse("unit_nonaktifkan", args=[world.bkpsdm.pk]), {"nonaktif-alasan": "Digabung"}
    )
    assert "Masih ada 1 penempatan Pegawai yang berlaku di unit ini (Dewi Lestari)" in text(response)
    assert tree() == before


def test_closing_without_a_reason_is_refused(login, world, actions):
    url, _ = actions["unit_nonaktifkan"]
    before = tree()
    response = login(world.users.admin).post(url, {"nonaktif-alasan": ""})
    assert response.status_code == 400
    assert "Sebutkan dasar penonaktifan unit" in text(response)
    assert tree() == before


# Jabatan ----------------------------------------------------------------------------------------------
def test_admin_adds_a_jabatan_and_sees_it_in_the_unit(login, world, actions):
    url, data = actions["jabatan_create"]
    response = login(world.users.admin).post(url, data, follow=True)
    assert messages_of(response) == ["Jabatan Pranata Komputer ditambahkan."]
    with scopes_disabled():
        jabatan = Jabatan.objects.get(unit=world.seksi, nama="Pranata Komputer")
    assert jabatan.jenis == JenisJabatan.FUNGSIONAL and not jabatan.memimpin_unit
    assert [e.objek_id for e in audit("jabatan_create")] == [jabatan.pk]
    assert "Pranata Komputer" in text(response)


def test_a_second_leading_jabatan_shows_the_message_and_changes_nothing(login, world, actions):
    url, data = actions["jabatan_create"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"jabatan-memimpin_unit": "on"})
    assert response.status_code == 400
    body = text(response)
    assert "Unit ini sudah punya jabatan pimpinan (Kepala Seksi)" in body
    assert 'value="Pranata Komputer"' in body
    assert tree() == before


def test_admin_changes_a_jabatan_and_returns_to_its_unit(login, world, actions):
    url, data = actions["jabatan_update"]
    response = login(world.users.admin).post(url, data | {"jabatan_ubah-alasan": "Nomenklatur baru"})
    assert response["Location"] == reverse("unit_detail", args=[world.seksi.pk]) + "#jabatan"
    assert fresh(world.pelaksana).nama == "Pengembang Aplikasi"
    assert audit("jabatan_update")[0].alasan == "Nomenklatur baru"


def test_making_a_shared_jabatan_the_leading_one_is_refused(login, world, actions):
    with scopes_disabled():
        Jabatan.objects.filter(unit=world.seksi, memimpin_unit=True).update(memimpin_unit=False)
    url, data = actions["jabatan_update"]
    before = tree()
    response = login(world.users.admin).post(url, data | {"jabatan_ubah-memimpin_unit": "on"})
    assert response.status_code == 400
    assert "Jabatan ini diduduki 2 Pegawai" in text(response)
    assert 'class="kartu panel-org fokus" id="panel-jabatan_ubah"' in text(response)
    assert tree() == before
