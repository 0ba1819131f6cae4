"""Login throttling: django-axes locks a NIP after five failures from one address, on the web login and on
the API token endpoint alike; the token endpoint is also rate-limited (ScopedRateThrottle "token")."""

import pytest
from django.urls import reverse
from rest_framework.throttling import ScopedRateThrottle

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "salah-sekali"


def web_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def token_login(client, username, password):
    return client.post(
        "/api/auth/token/", {"username": username, "password": password}, content_type="application/json"
    )


def test_web_login_locks_after_five_failures_even_for_the_right_password(client, world):
    nip = world.pegawai.nip
    for _ in range(4):
        assert web_login(client, nip, WRONG).status_code == 200
    web_login(client, nip, WRONG)

    response = web_login(client, nip, PASSWORD)
    assert response.status_code in (403, 429)
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_web_lockout_is_per_nip(client, world):
    for _ in range(5):
        web_login(client, world.pegawai.nip, WRONG)
    assert web_login(client, world.rekan.nip, PASSWORD).status_code == 302


def test_token_endpoint_locks_after_five_failures_with_an_indonesian_reason(client, world):
    nip = world.pegawai.nip
    for _ in range(4):
        assert token_login(client, nip, WRONG).status_code == 400
    token_login(client, nip, WRONG)

    response = token_login(client, nip, PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Terlalu banyak percobaan masuk" in response.json()["detail"]
    assert "token" not in response.json()


def test_web_and_api_failures_count_together(client, world):
    nip = world.pegawai.nip
    for _ in range(3):
        web_login(client, nip, WRONG)
    for _ in range(2):
        token_login(client, nip, WRONG)
    assert token_login(client, nip, PASSWORD).status_code == 429
    assert web_login(client, nip, PASSWORD).status_code in (403, 429)


def test_a_successful_token_login_resets_the_failure_count(client, world):
    nip = world.pegawai.nip
    for _ in range(4):
        token_login(client, nip, WRONG)
    assert token_login(client, nip, PASSWORD).status_code == 200
    for _ in range(4):
        assert token_login(client, nip, WRONG).status_code == 400
    assert token_login(client, nip, PASSWORD).status_code == 200


def test_token_endpoint_is_rate_limited(client, world, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    for _ in range(3):
        assert token_login(client, world.pegawai.nip, PASSWORD).status_code == 200
    response = token_login(client, world.pegawai.nip, PASSWORD)
    assert response.status_code == 429
    assert "Retry-After" in response
