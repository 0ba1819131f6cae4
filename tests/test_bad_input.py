"""Bad query strings get a page or a 4xx with a reason, never a 500 (DEVELOPERS.md): every list page and
list endpoint is requested with garbage in every parameter it reads."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GARBAGE = ["abc", "-1", "0", "99999999999999999999", "1.5", "%00", "\x00", "' OR 1=1 --", "ä" * 300, ""]

PAGES = [
    ("pegawai_list", ["q", "unit", "status", "jenis_asn", "page"]),
    ("unit_list", ["page"]),
    ("delegasi_list", ["page"]),
    ("pengaturan", ["page"]),
    ("pegawai_impor", ["template"]),
]
API = [
    ("/api/pegawai/", ["q", "unit", "page", "page_size"]),
    ("/api/unit-kerja/", ["q", "parent", "page", "page_size"]),
    ("/api/pemda/", ["format"]),
    ("/api/skp/", ["tahun", "status", "pegawai", "page", "page_size"]),
    ("/api/skp/inbox/", ["page", "page_size"]),
]


@pytest.mark.parametrize("name,params", PAGES)
def test_pages_never_answer_500_to_garbage(login, world, name, params):
    client = login(world.users.admin)
    for param in params:
        for value in GARBAGE:
            response = client.get(reverse(name), {param: value})
            assert response.status_code in (200, 400, 404), (param, value, response.status_code)


@pytest.mark.parametrize("url,params", API)
def test_api_answers_garbage_with_a_page_or_a_4xx_with_a_reason(login, world, url, params):
    client = login(world.users.admin)
    for param in params:
        for value in GARBAGE:
            response = client.get(url, {param: value})
            assert response.status_code in (200, 400, 404), (param, value, response.status_code)
            if response.status_code == 400:
                assert response.json(), (param, value)


def test_an_unknown_unit_filter_in_the_api_says_why(login, world):
    response = login(world.users.admin).get("/api/pegawai/", {"unit": "abc"})
    assert response.status_code == 400
    assert "unit" in response.json()


HUGE = 10**20


@pytest.mark.parametrize(
    "url",
    [
        f"/api/pegawai/{HUGE}/",
        f"/api/unit-kerja/{HUGE}/",
        f"/api/skp/{HUGE}/",
        f"/api/skp/{HUGE}/matriks/",
        f"/api/rhk/{HUGE}/",
        f"/api/iki/{HUGE}/",
        f"/pegawai/{HUGE}/",
        f"/unit/{HUGE}/",
        f"/unit/{HUGE}/anak/",
    ],
)
def test_an_id_beyond_any_row_is_a_404_not_a_500(login, world, url):
    assert login(world.users.admin).get(url).status_code == 404


def test_an_import_file_with_nul_characters_is_refused_with_a_message(world):
    from .test_impor import as_csv, baris, impor, nip

    result = impor(world, as_csv([baris(nip(41), "Nama\x00Rusak")]))
    assert not result.ok
    assert result.errors and all(e.pesan for e in result.errors)


def test_the_token_endpoint_answers_nul_with_a_400(client, world):
    response = client.post(
        "/api/auth/token/", {"username": "19\x0085", "password": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
