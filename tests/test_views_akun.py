"""The account pages in Indonesian: login, password reset, password change, lockout."""

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD
from .test_views_pegawai import text

pytestmark = pytest.mark.django_db


def test_login_page_asks_for_nip_and_password_and_links_to_reset(client, world):
    body = text(client.get(reverse("login")))
    assert "NIP" in body and "Kata sandi" in body
    assert reverse("password_reset") in body and "Lupa kata sandi?" in body


def test_logout_is_a_post_form_in_the_header(login, world):
    body = text(login(world.users.pegawai).get(reverse("beranda")))
    assert f'<form method="post" action="{reverse("logout")}">' in body


def test_layout_loads_vendored_htmx_and_sends_the_csrf_header(login, world):
    body = text(login(world.users.pegawai).get(reverse("beranda")))
    assert "/static/js/htmx.min.js" in body
    assert 'hx-headers=\'{"X-CSRFToken":' in body


def test_nav_shows_admin_links_only_to_bkpsdm(login, world):
    admin = text(login(world.users.admin).get(reverse("beranda")))
    for name in ("pegawai_impor", "delegasi_list", "pengaturan"):
        assert reverse(name) in admin
    pegawai = text(login(world.users.pegawai).get(reverse("beranda")))
    assert reverse("pengaturan") not in pegawai and reverse("unit_list") in pegawai
    assert "/api/docs/" in pegawai


def test_password_reset_sends_an_indonesian_email_with_a_working_link(client, world):
    world.users.pegawai.email = "siti@example.go.id"
    world.users.pegawai.save(update_fields=["email"])
    response = client.post(reverse("password_reset"), {"email": "siti@example.go.id"}, follow=True)
    assert "Periksa surel Anda" in text(response)
    (email,) = mail.outbox
    assert email.subject == "Kata sandi baru akun Kinerja ASN"
    link = next(line for line in email.body.splitlines() if "/akun/reset/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert "Buat kata sandi baru" in text(response)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Kinerja-baru-2026", "new_password2": "Kinerja-baru-2026"},
        follow=True,
    )
    assert "Kata sandi diperbarui" in text(response)


def test_an_invalid_reset_link_says_so(client, world):
    body = text(client.get(reverse("password_reset_confirm", args=["MQ", "salah-token"])))
    assert "Tautan tidak berlaku" in body


def test_password_change_page_explains_a_forced_change(login, world):
    world.users.pegawai.harus_ganti_password = True
    world.users.pegawai.save(update_fields=["harus_ganti_password"])
    body = text(login(world.users.pegawai).get(reverse("password_change")))
    assert "kata sandi sementara" in body


def test_too_many_failed_logins_show_the_lockout_page(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        response = client.post(reverse("login"), {"username": world.pegawai.nip, "password": "salah"})
    response = client.post(reverse("login"), {"username": world.pegawai.nip, "password": PASSWORD})
    assert response.status_code == 429
    assert "coba lagi 15 menit" in text(response)
