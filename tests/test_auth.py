import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import User
from kinerja.services.akun import akun_reset_password

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_pegawai_logs_in_with_her_nip_even_typed_with_spaces(client, world):
    nip = world.pegawai.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = client.post(reverse("login"), {"username": spaced, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users.pegawai.pk)


def test_wrong_password_is_refused_with_a_message(client, world):
    response = client.post(reverse("login"), {"username": world.pegawai.nip, "password": "salah-sekali"})
    assert response.status_code == 200
    assert "NIP atau kata sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_after_a_bkpsdm_reset_the_pegawai_must_choose_a_new_password_first(client, world):
    with scopes_disabled():
        sementara = akun_reset_password(pegawai=world.pegawai, by=world.users.admin)
    response = client.post(reverse("login"), {"username": world.pegawai.nip, "password": sementara})
    assert response.status_code == 302

    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")

    response = client.post(
        reverse("password_change"),
        {
            "old_password": sementara,
            "new_password1": "Kinerja-baru-2026",
            "new_password2": "Kinerja-baru-2026",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert User.objects.get(pk=world.users.pegawai.pk).harus_ganti_password is False
    assert client.get(reverse("beranda")).status_code == 200


def test_only_bkpsdm_of_the_same_pemda_may_reset_a_password(world):
    from django.core.exceptions import PermissionDenied

    with scopes_disabled():
        for actor in (world.users.penilai, world.users.outsider_admin, world.users.bupati):
            with pytest.raises(PermissionDenied):
                akun_reset_password(pegawai=world.pegawai, by=actor)
