"""The side menu's compliance entry for a Kepala Perangkat Daerah: only where her Pemda lets her watch her own PD
(Bogor Pasal 35(1)), and the page it leads to then answers."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import PengaturanPemda

pytestmark = pytest.mark.django_db


def _setel(world, nilai: bool):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.bogor).update(kepala_pd_awasi_pd_sendiri=nilai)


def test_kepala_pd_bogor_melihat_menu_bila_diizinkan(login, world):
    client = login(world.users.outsider)  # Kepala Dinas Kesehatan, a root unit of Bogor
    _setel(world, False)
    assert "Kepatuhan PD saya" not in client.get(reverse("tenggat_menu")).content.decode()
    assert client.get(reverse("kepatuhan")).status_code == 403
    _setel(world, True)
    body = client.get(reverse("tenggat_menu")).content.decode()
    assert "Kepatuhan PD saya" in body and reverse("kepatuhan") in body
    assert client.get(reverse("kepatuhan")).status_code == 200


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "atasan", "admin"])
def test_yang_lain_tidak_mendapat_entri_ini(login, world, persona):
    body = login(getattr(world.users, persona)).get(reverse("tenggat_menu")).content.decode()
    assert "Kepatuhan PD saya" not in body
