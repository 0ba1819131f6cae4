"""Pegawai list and detail pages, and BKPSDM's corrections made from the detail page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import KoreksiPenilai, Penempatan, RiwayatStatus, User
from kinerja.selectors.penilai import rantai_penilai

from .factories import JabatanFactory, PegawaiFactory, PenempatanFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

PEGAWAI_LIST_MAX_QUERIES = 12


# Helpers shared by the view tests -----------------------------------------------------------------------
def tambah_pegawai(world, n=30, *, jabatan=None):
    """`n` more Pegawai of Sumedang, placed, some PPPK and some on leave: rows that would cost per-row
    queries if a page forgot to prefetch."""
    jabatan = jabatan or world.pelaksana
    with scopes_disabled():
        from kinerja.models import Golongan

        pppk = Golongan.objects.get(jenis_asn="PPPK", kode="IX")
        for i in range(n):
            extra = {"jenis_asn": "PPPK", "golongan": pppk} if i % 3 == 0 else {}
            p = PegawaiFactory(pemda=world.sumedang, nama=f"Tambahan {i:02d}", **extra)
            PenempatanFactory(pegawai=p, jabatan=jabatan)
            if i % 5 == 0:
                RiwayatStatus.objects.create(
                    pemda=world.sumedang,
                    pegawai=p,
                    status="cuti",
                    jenis_cuti="tahunan",
                    mulai=datetime.date.today() - datetime.timedelta(days=1),
                    selesai=datetime.date.today() + datetime.timedelta(days=5),
                )


def query_count(client, url) -> int:
    client.get(url)  # warm the per-Pemda caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def text(response) -> str:
    return response.content.decode()


def listed(response) -> set[str]:
    """Names of the Pegawai in the page's table (not the header, which names the user)."""
    return {p.nama for p in response.context["page"].object_list}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# The list ---------------------------------------------------------------------------------------------
def test_anonymous_visitor_is_sent_to_login_from_the_pegawai_list(client, world):
    response = client.get(reverse("pegawai_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_admin_sees_every_pegawai_of_her_pemda_and_none_of_another(login, world):
    body = listed(login(world.users.admin).get(reverse("pegawai_list")))
    for p in (world.pegawai, world.rekan, world.penilai, world.kadis):
        assert p.nama in body
    assert "Outsider Bogor" not in body


def test_bupati_sees_every_pegawai_of_her_pemda(login, world):
    body = listed(login(world.users.bupati).get(reverse("pegawai_list")))
    assert world.rekan.nama in body and world.kadis.nama in body


def test_pegawai_sees_herself_and_her_penilai_chain_but_not_a_colleague(login, world):
    body = listed(login(world.users.pegawai).get(reverse("pegawai_list")))
    assert world.pegawai.nama in body
    assert world.penilai.nama in body
    assert world.atasan.nama in body
    assert world.rekan.nama not in body


def test_penilai_sees_the_pegawai_she_evaluates(login, world):
    body = listed(login(world.users.penilai).get(reverse("pegawai_list")))
    assert world.pegawai.nama in body and world.rekan.nama in body
    assert world.admin_pegawai.nama not in body


def test_outsider_sees_only_pegawai_of_her_own_pemda(login, world):
    body = listed(login(world.users.outsider_admin).get(reverse("pegawai_list")))
    assert "Outsider Bogor" in body
    assert world.pegawai.nama not in body


def test_list_searches_by_name_and_by_nip(login, world):
    client = login(world.users.admin)
    body = listed(client.get(reverse("pegawai_list"), {"q": "siti"}))
    assert world.pegawai.nama in body and world.rekan.nama not in body
    nip = world.rekan.nip
    body = listed(client.get(reverse("pegawai_list"), {"q": f"{nip[:8]} {nip[8:14]}"}))
    assert world.rekan.nama in body


def test_list_filters_by_unit_including_its_subtree(login, world):
    client = login(world.users.admin)
    body = listed(client.get(reverse("pegawai_list"), {"unit": world.bidang.pk}))
    assert world.atasan.nama in body and world.pegawai.nama in body
    assert world.kadis.nama not in body and world.admin_pegawai.nama not in body


def test_list_filters_by_jenis_asn_and_status(login, world):
    tambah_pegawai(world, 6)
    client = login(world.users.admin)
    body = listed(client.get(reverse("pegawai_list"), {"jenis_asn": "PPPK"}))
    assert "Tambahan 00" in body and "Tambahan 01" not in body and world.pegawai.nama not in body
    body = listed(client.get(reverse("pegawai_list"), {"status": "cuti"}))
    assert "Tambahan 00" in body and "Tambahan 05" in body and "Tambahan 01" not in body
    body = listed(client.get(reverse("pegawai_list"), {"status": "aktif"}))
    assert "Tambahan 00" not in body and "Tambahan 01" in body


def test_list_filters_pegawai_without_a_derivable_penilai(login, world):
    with scopes_disabled():
        PegawaiFactory(pemda=world.sumedang, nama="Belum Ditempatkan")
    body = listed(login(world.users.admin).get(reverse("pegawai_list"), {"tanpa_penilai": "on"}))
    assert "Belum Ditempatkan" in body
    assert world.pegawai.nama not in body


def test_a_bad_filter_value_shows_a_message_instead_of_an_error(login, world):
    response = login(world.users.admin).get(reverse("pegawai_list"), {"unit": "bukan-angka", "page": "x"})
    assert response.status_code == 200
    assert "Saringan tidak sah" in text(response)


def test_list_is_paginated_by_fifty(login, world):
    tambah_pegawai(world, 50)
    client = login(world.users.admin)
    first = text(client.get(reverse("pegawai_list")))
    assert "halaman 1 dari 2" in first
    second = client.get(reverse("pegawai_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 6 + 50 - 50


def test_list_query_count_does_not_grow_with_the_number_of_pegawai(login, world, max_queries):
    client = login(world.users.admin)
    url = reverse("pegawai_list")
    before = query_count(client, url)
    tambah_pegawai(world, 30)
    assert query_count(client, url) == before
    with max_queries(PEGAWAI_LIST_MAX_QUERIES):
        client.get(url, {"tanpa_penilai": "on", "status": "aktif", "unit": world.dinas.pk})


# The detail -------------------------------------------------------------------------------------------
def test_anonymous_visitor_is_sent_to_login_from_a_pegawai_detail(client, world):
    response = client.get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["outsider", "outsider_admin"])
def test_outsider_gets_404_for_a_pegawai_of_another_pemda(login, world, persona):
    response = login(getattr(world.users, persona)).get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "admin", "bupati"])
def test_pegawai_detail_is_open_to_herself_her_penilai_bkpsdm_and_the_bupati(login, world, persona):
    response = login(getattr(world.users, persona)).get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    assert response.status_code == 200
    body = text(response)
    assert world.pegawai.nama_lengkap in body
    assert world.penilai.nama in body  # her derived Penilai
    assert world.atasan.nama in body  # her Atasan Penilai
    assert "pimpinan unit kerja" in body  # why


def test_atasan_penilai_opens_the_penilai_she_evaluates_and_the_staff_below(login, world):
    # As Atasan Penilai she handles escalations and keberatan of the staff two levels down.
    client = login(world.users.atasan)
    assert client.get(reverse("pegawai_detail", args=[world.penilai.pk])).status_code == 200
    assert client.get(reverse("pegawai_detail", args=[world.pegawai.pk])).status_code == 200


def test_penilai_cannot_open_pegawai_of_a_unit_she_does_not_lead(login, world):
    client = login(world.users.penilai)
    assert client.get(reverse("pegawai_detail", args=[world.admin_pegawai.pk])).status_code == 404


def test_a_colleague_cannot_open_another_pegawai_detail(login, world):
    response = login(world.users.rekan).get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    assert response.status_code == 404


def test_detail_shows_admin_forms_only_to_bkpsdm(login, world):
    url = reverse("pegawai_detail", args=[world.pegawai.pk])
    assert "Simpan mutasi" in text(login(world.users.admin).get(url))
    assert "Simpan mutasi" not in text(login(world.users.penilai).get(url))


def test_detail_of_a_jpt_names_the_kepala_daerah_as_penilai(login, world):
    body = text(login(world.users.admin).get(reverse("pegawai_detail", args=[world.kadis.pk])))
    assert "Bupati" in body
    assert "Penilai adalah Kepala Daerah" in body


# The admin actions ------------------------------------------------------------------------------------
def _actions(world):
    today = datetime.date.today()
    return {
        "pegawai_reset_password": {},
        "pegawai_koreksi_penilai": {
            "koreksi-penilai_nip": world.atasan.nip,
            "koreksi-mulai": today.isoformat(),
            "koreksi-alasan": "Kepala seksi sedang tugas belajar",
        },
        "pegawai_mutasi": {"mutasi-jabatan": "", "mutasi-mulai": today.isoformat()},
        "pegawai_status": {"status-status": "tugas_belajar", "status-mulai": today.isoformat()},
    }


ACTIONS = ["pegawai_reset_password", "pegawai_koreksi_penilai", "pegawai_mutasi", "pegawai_status"]


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_post_to_an_admin_action_is_sent_to_login(client, world, action):
    response = client.post(reverse(action, args=[world.pegawai.pk]), _actions(world)[action])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", ["penilai", "bupati", "pegawai"])
def test_only_bkpsdm_may_post_an_admin_action(login, world, action, persona):
    response = login(getattr(world.users, persona)).post(
        reverse(action, args=[world.pegawai.pk]), _actions(world)[action]
    )
    assert response.status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_atasan_posting_an_admin_action_on_the_penilai_she_sees_gets_403(login, world, action):
    response = login(world.users.atasan).post(
        reverse(action, args=[world.penilai.pk]), _actions(world)[action]
    )
    assert response.status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
def test_a_pegawai_posting_on_a_colleague_gets_404(login, world, action):
    response = login(world.users.rekan).post(
        reverse(action, args=[world.pegawai.pk]), _actions(world)[action]
    )
    assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_another_pemdas_admin_gets_404_for_an_admin_action(login, world, action):
    response = login(world.users.outsider_admin).post(
        reverse(action, args=[world.pegawai.pk]), _actions(world)[action]
    )
    assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_admin_actions_refuse_get(login, world, action):
    assert login(world.users.admin).get(reverse(action, args=[world.pegawai.pk])).status_code == 405


def test_admin_resets_a_password_and_sees_the_temporary_one_once(client, login, world):
    admin = login(world.users.admin)
    response = admin.post(reverse("pegawai_reset_password", args=[world.pegawai.pk]), follow=True)
    (pesan,) = messages_of(response)
    sementara = re.search(r": (\S+) — sampaikan", pesan).group(1)
    again = admin.get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    assert sementara not in text(again)
    with scopes_disabled():
        akun = User.objects.get(pk=world.users.pegawai.pk)
    assert akun.check_password(sementara) and akun.harus_ganti_password


def test_admin_corrects_the_penilai_through_the_service(login, world):
    response = login(world.users.admin).post(
        reverse("pegawai_koreksi_penilai", args=[world.pegawai.pk]),
        _actions(world)["pegawai_koreksi_penilai"],
    )
    assert response.status_code == 302
    with scopes_disabled():
        koreksi = KoreksiPenilai.objects.get(pegawai=world.pegawai)
        assert koreksi.penilai == world.atasan and koreksi.dibuat_oleh == world.users.admin
        assert rantai_penilai(world.pegawai).penilai.pegawai_id == world.atasan.pk


def test_correction_with_an_unknown_nip_shows_a_message_and_changes_nothing(login, world):
    data = _actions(world)["pegawai_koreksi_penilai"] | {"koreksi-penilai_nip": "199901012020011999"}
    response = login(world.users.admin).post(
        reverse("pegawai_koreksi_penilai", args=[world.pegawai.pk]), data
    )
    assert response.status_code == 400
    assert "tidak ditemukan di Pemda ini" in text(response)
    assert messages_of(response)
    with scopes_disabled():
        assert not KoreksiPenilai.objects.exists()


def test_correction_naming_a_pegawai_of_another_pemda_is_refused(login, world):
    data = _actions(world)["pegawai_koreksi_penilai"] | {"koreksi-penilai_nip": world.outsider.nip}
    response = login(world.users.admin).post(
        reverse("pegawai_koreksi_penilai", args=[world.pegawai.pk]), data
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not KoreksiPenilai.objects.exists()


def test_correction_making_her_her_own_penilai_shows_the_service_message(login, world):
    data = _actions(world)["pegawai_koreksi_penilai"] | {"koreksi-penilai_nip": world.pegawai.nip}
    response = login(world.users.admin).post(
        reverse("pegawai_koreksi_penilai", args=[world.pegawai.pk]), data
    )
    assert response.status_code == 400
    assert "Penilai dirinya sendiri" in text(response)


def test_admin_moves_a_pegawai_to_another_jabatan_keeping_history(login, world):
    with scopes_disabled():
        baru = JabatanFactory(unit=world.bkpsdm, nama="Pranata Komputer")
    response = login(world.users.admin).post(
        reverse("pegawai_mutasi", args=[world.pegawai.pk]),
        {
            "mutasi-jabatan": baru.pk,
            "mutasi-mulai": datetime.date.today().isoformat(),
            "mutasi-nomor_sk": "SK-1",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        riwayat = list(Penempatan.objects.filter(pegawai=world.pegawai).order_by("mulai"))
    assert [p.jabatan for p in riwayat] == [world.pelaksana, baru]
    assert riwayat[0].selesai is not None and riwayat[1].selesai is None


def test_mutasi_to_the_current_jabatan_shows_the_service_message_and_changes_nothing(login, world):
    response = login(world.users.admin).post(
        reverse("pegawai_mutasi", args=[world.pegawai.pk]),
        {"mutasi-jabatan": world.pelaksana.pk, "mutasi-mulai": datetime.date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "sudah menduduki jabatan ini" in text(response)
    with scopes_disabled():
        assert Penempatan.objects.filter(pegawai=world.pegawai).count() == 1


def test_mutasi_to_a_jabatan_of_another_pemda_is_refused(login, world):
    with scopes_disabled():
        bogor_jabatan = JabatanFactory(unit=world.unit_bogor, nama="Staf")
    response = login(world.users.admin).post(
        reverse("pegawai_mutasi", args=[world.pegawai.pk]),
        {"mutasi-jabatan": bogor_jabatan.pk, "mutasi-mulai": datetime.date.today().isoformat()},
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert Penempatan.objects.filter(pegawai=world.pegawai).count() == 1


def test_admin_adds_a_status(login, world):
    response = login(world.users.admin).post(
        reverse("pegawai_status", args=[world.pegawai.pk]),
        {
            "status-status": "cuti",
            "status-jenis_cuti": "melahirkan",
            "status-mulai": "2026-02-01",
            "status-selesai": "2026-04-30",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        status = RiwayatStatus.objects.get(pegawai=world.pegawai)
    assert (status.status, status.jenis_cuti) == ("cuti", "melahirkan")


def test_cuti_without_its_kind_is_refused_with_a_message(login, world):
    response = login(world.users.admin).post(
        reverse("pegawai_status", args=[world.pegawai.pk]),
        {"status-status": "cuti", "status-mulai": "2026-02-01"},
    )
    assert response.status_code == 400
    assert "Pilih jenis cuti" in text(response)
    with scopes_disabled():
        assert not RiwayatStatus.objects.exists()


def test_overlapping_status_shows_the_service_message(login, world):
    client = login(world.users.admin)
    url = reverse("pegawai_status", args=[world.pegawai.pk])
    client.post(url, {"status-status": "tugas_belajar", "status-mulai": "2026-01-01"})
    response = client.post(url, {"status-status": "mpp", "status-mulai": "2026-03-01"})
    assert response.status_code == 400
    assert "bertumpang tindih" in text(response)
    with scopes_disabled():
        assert RiwayatStatus.objects.count() == 1


def test_a_malformed_date_is_a_form_error_not_a_crash(login, world):
    response = login(world.users.admin).post(
        reverse("pegawai_status", args=[world.pegawai.pk]),
        {"status-status": "mpp", "status-mulai": "31-31-2026"},
    )
    assert response.status_code == 400


def test_the_mutasi_form_offers_no_jabatan_of_a_closed_unit(login, world):
    with scopes_disabled():
        tutup = UnitKerjaFactory(pemda=world.sumedang, nama="Bidang Lama", kode="D01.B0", parent=world.dinas)
        lama = JabatanFactory(unit=tutup, nama="Analis Lama")
        buka = JabatanFactory(unit=world.bidang, nama="Analis Baru")
        type(tutup).objects.filter(pk=tutup.pk).update(aktif=False)
    choices = str(
        login(world.users.admin)
        .get(reverse("pegawai_detail", args=[world.pegawai.pk]))
        .context["mutasi_form"]["jabatan"]
    )
    assert f'value="{buka.pk}"' in choices
    assert f'value="{lama.pk}"' not in choices
