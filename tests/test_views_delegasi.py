"""Plt./Plh. delegations: BKPSDM lists, creates and revokes them through the services."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import DelegasiPimpinan
from kinerja.selectors.penilai import rantai_penilai
from kinerja.services.org import delegasi_create

from .test_views_pegawai import text

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def data(world, **changes):
    return {
        "unit": world.seksi.pk,
        "pegawai_nip": world.rekan.nip,
        "jenis": "plh",
        "mulai": (TODAY - datetime.timedelta(days=1)).isoformat(),
        "selesai": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "nomor_sk": "800/12/BKPSDM",
    } | changes


def existing(world):
    with scopes_disabled():
        return delegasi_create(
            unit=world.bidang, pegawai=world.penilai, jenis="plt", mulai=TODAY, selesai=None, by=None
        )


@pytest.mark.parametrize("name,method", [("delegasi_list", "get"), ("delegasi_create", "post")])
def test_anonymous_visitor_is_sent_to_login_from_delegasi(client, world, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_revoke_is_sent_to_login(client, world):
    response = client.post(reverse("delegasi_cabut", args=[existing(world).pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "atasan", "bupati"])
def test_only_bkpsdm_manages_delegations(login, world, persona):
    delegasi = existing(world)
    client = login(getattr(world.users, persona))
    assert client.get(reverse("delegasi_list")).status_code == 403
    assert client.post(reverse("delegasi_create"), data(world)).status_code == 403
    assert client.post(reverse("delegasi_cabut", args=[delegasi.pk])).status_code == 403
    with scopes_disabled():
        assert DelegasiPimpinan.objects.count() == 1
        assert DelegasiPimpinan.objects.get().dicabut_pada is None


def test_another_pemdas_admin_gets_404_revoking_a_sumedang_delegation(login, world):
    delegasi = existing(world)
    assert (
        login(world.users.outsider_admin).post(reverse("delegasi_cabut", args=[delegasi.pk])).status_code
        == 404
    )
    body = text(login(world.users.outsider_admin).get(reverse("delegasi_list")))
    assert world.penilai.nama not in body


def test_another_pemdas_admin_cannot_delegate_a_sumedang_unit(login, world):
    response = login(world.users.outsider_admin).post(reverse("delegasi_create"), data(world))
    assert response.status_code == 400
    with scopes_disabled():
        assert not DelegasiPimpinan.objects.exists()


def test_admin_lists_current_delegations(login, world):
    existing(world)
    body = text(login(world.users.admin).get(reverse("delegasi_list")))
    assert "Bidang Aplikasi Informatika" in body and world.penilai.nama in body


def test_admin_creates_a_plh_that_then_evaluates_the_unit(login, world):
    response = login(world.users.admin).post(reverse("delegasi_create"), data(world))
    assert response.status_code == 302
    with scopes_disabled():
        delegasi = DelegasiPimpinan.objects.get()
        assert (delegasi.unit, delegasi.pegawai, delegasi.jenis) == (world.seksi, world.rekan, "plh")
        assert delegasi.dibuat_oleh == world.users.admin
        assert rantai_penilai(world.pegawai).penilai.pegawai_id == world.rekan.pk


def test_an_unknown_nip_is_refused_with_a_message(login, world):
    response = login(world.users.admin).post(reverse("delegasi_create"), data(world, pegawai_nip="123"))
    assert response.status_code == 400
    assert "tidak ditemukan di Pemda ini" in text(response)
    with scopes_disabled():
        assert not DelegasiPimpinan.objects.exists()


def test_an_end_before_the_start_is_refused(login, world):
    response = login(world.users.admin).post(
        reverse("delegasi_create"), data(world, selesai=(TODAY - datetime.timedelta(days=5)).isoformat())
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not DelegasiPimpinan.objects.exists()


def test_a_pegawai_without_an_account_is_refused_with_the_service_message(login, world):
    from .factories import PegawaiFactory

    with scopes_disabled():
        tanpa_akun = PegawaiFactory(pemda=world.sumedang, nama="Tanpa Akun")
    response = login(world.users.admin).post(
        reverse("delegasi_create"), data(world, pegawai_nip=tanpa_akun.nip)
    )
    assert response.status_code == 400
    assert "belum punya akun" in text(response)


def test_admin_revokes_a_delegation_and_it_moves_to_history(login, world):
    delegasi = existing(world)
    client = login(world.users.admin)
    response = client.post(
        reverse("delegasi_cabut", args=[delegasi.pk]), {"alasan": "Kabid definitif dilantik"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert DelegasiPimpinan.objects.get().dicabut_pada is not None
    response = client.get(reverse("delegasi_list"))
    assert not response.context["berjalan"] and len(response.context["lampau"]) == 1


def test_revoking_twice_shows_a_message(login, world):
    delegasi = existing(world)
    client = login(world.users.admin)
    client.post(reverse("delegasi_cabut", args=[delegasi.pk]))
    response = client.post(reverse("delegasi_cabut", args=[delegasi.pk]), follow=True)
    assert "sudah dicabut" in text(response)
