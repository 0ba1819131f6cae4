"""The public verification page in Debian's chromium, without logging in: the record of a signed document,
the PDF check, and a superseded version's banner. Screenshots go to test-artifacts/dokumen/."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from dokumen import services

from ..conftest import PASSWORD, _build_world
from ..test_browser import ARTIFACTS, browser_page, live  # noqa: F401 (fixtures)
from .conftest import TEMPLATE, konteks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _terbitkan(world):
    return services.terbitkan(
        pemda_id=world.sumedang.pk,
        format_kode="A.1.7",
        judul="Sasaran Kinerja Pegawai",
        objek=world.pegawai,
        template=TEMPLATE,
        konteks=konteks(world),
        penandatangan=[("pegawai", world.users.pegawai), ("penilai", world.users.penilai)],
        by=world.users.penilai,
    )


def test_anyone_checks_a_signed_document_and_its_pdf(live, browser_page, tmp_path):  # noqa: F811
    world = _build_world()
    with scopes_disabled():
        dokumen = _terbitkan(world)
        services.tanda_tangani(dokumen=dokumen, user=world.users.pegawai, password=PASSWORD)
        services.tanda_tangani(dokumen=dokumen, user=world.users.penilai, password=PASSWORD)
        dokumen.refresh_from_db()
    out = ARTIFACTS / "dokumen"
    out.mkdir(parents=True, exist_ok=True)
    page = browser_page
    url = live.url + reverse("dokumen_verifikasi", kwargs={"token": dokumen.token})

    page.goto(url)
    assert page.locator("h1").inner_text() == "Verifikasi dokumen"
    assert "versi yang berlaku" in page.locator(".spanduk").inner_text()
    assert "Budi Santoso" in page.locator("table").inner_text()
    page.screenshot(path=str(out / "verifikasi-berlaku.png"), full_page=True)

    berkas = tmp_path / "skp.pdf"
    berkas.write_bytes(bytes(dokumen.pdf))
    page.set_input_files("input[name=berkas]", str(berkas))
    page.click("button[type=submit]")
    assert "Cocok." in page.locator("[role=status]").inner_text()
    page.screenshot(path=str(out / "verifikasi-cocok.png"), full_page=True)

    with scopes_disabled():
        _terbitkan(world)
    page.goto(url)
    assert "digantikan" in page.locator("[role=alert]").inner_text()
    page.screenshot(path=str(out / "verifikasi-digantikan.png"), full_page=True)
