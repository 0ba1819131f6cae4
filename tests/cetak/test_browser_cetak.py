"""Cetak massal in a real browser: BKPSDM starts a print run, the job page's progress bar follows the workers
(htmx every 2 s), the download links appear when the groups are ready and the polling stops.

The workers are this test's own thread (the job's `mulai` is held back, then run here while the page is open),
so the page must poll a database another connection writes: PostgreSQL only (on SQLite the live server shares
the test's in-memory connection)."""

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from cetak import tasks
from cetak.models import PekerjaanCetak
from tests.conftest import PASSWORD, _build_world
from tests.test_browser import ARTIFACTS, Jalan, browser_page, live  # noqa: F401 (fixtures)

from . import bantu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_bkpsdm_melihat_kemajuan_lalu_mengunduh(live, browser_page, monkeypatch, media):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("Halaman dan worker menulis bersamaan: butuh PostgreSQL.")
    world = _build_world()
    data = bantu.siapkan(world, menunggu_segel=2)
    tertahan = []
    monkeypatch.setattr(tasks.mulai, "delay", lambda pk: tertahan.append(pk))

    page = browser_page
    jalan = Jalan(page, live, "cetak", PASSWORD)
    jalan.masuk(world.admin_pegawai)
    page.click("text=Cetak massal")
    page.select_option("select[name=periode]", str(data.periode.pk))
    page.select_option("select[name=lingkup]", "pemda")
    jalan.shot("form")
    page.click("#form-cetak button[type=submit]")
    page.wait_for_selector("#progres[data-status=antre]")
    assert page.inner_text("#selesai") == "0" and page.inner_text("#jumlah") == "6"
    assert page.locator("a.unduh").count() == 0
    jalan.shot("antre")

    with scopes_disabled():
        (pk,) = tertahan
        assert PekerjaanCetak.objects.get(pk=pk).jumlah == 6
    tasks.mulai(pk)  # the "workers" (eager chunks in this thread) while the page polls

    page.wait_for_selector("#progres[data-status=selesai]", timeout=30_000)
    assert page.inner_text("#selesai") == "6" and page.inner_text("#disegel") == "2"
    assert page.locator("a.unduh").count() == 2
    assert page.get_attribute("#progres", "hx-trigger") is None  # done: the polling stopped
    jalan.shot("selesai")
    with page.expect_download() as unduhan:
        page.locator("a.unduh").first.click()
    assert unduhan.value.suggested_filename.endswith(".zip")
    unduhan.value.save_as(str(ARTIFACTS / "cetak-contoh.zip"))
