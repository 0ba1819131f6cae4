"""The bell in a real browser: the count arrives after the page, the list opens and marks notices read."""

import datetime

import pytest
from django_scopes import scopes_disabled

from skp.models import Pemberitahuan
from tenggat.proses import proses_pemda
from tests.conftest import PASSWORD, _build_world
from tests.test_browser import ARTIFACTS, Jalan, browser_page, live  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_siti_sees_her_reminders_in_the_bell_and_reads_them(live, browser_page, monkeypatch):  # noqa: F811
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: datetime.date(2027, 1, 25))
    world = _build_world()
    proses_pemda(world.sumedang.pk, datetime.date(2027, 1, 25))  # her SKP 2027 is not set: a reminder
    with scopes_disabled():
        for jenis, pesan, tautan in [
            ("umpan_balik", "Budi Santoso memberi umpan balik atas realisasi triwulan IV 2026.", "/skp/"),
            ("evaluasi", "Evaluasi kinerja tahunan 2026 Anda sudah ditandatangani Penilai.", ""),
        ]:
            Pemberitahuan.objects.create(
                pemda=world.sumedang, penerima=world.pegawai, jenis=jenis, pesan=pesan, tautan=tautan
            )
        belum = Pemberitahuan.objects.filter(penerima=world.pegawai, dibaca_pada__isnull=True).count()
    assert belum >= 3

    page = browser_page
    jalan = Jalan(page, live, "lonceng", PASSWORD)
    jalan.masuk(world.pegawai)
    page.wait_for_selector("#lonceng-jumlah")
    assert page.inner_text("#lonceng-jumlah") == str(belum)
    page.screenshot(
        path=str(ARTIFACTS / "lonceng-01-kop.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 90}
    )

    page.click("a.lonceng")
    page.wait_for_url("**/tenggat/pemberitahuan/")
    assert "belum ditetapkan" in page.inner_text("main")
    jalan.n = 1
    jalan.shot("daftar")
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the icon and the count, no label
    page.screenshot(
        path=str(ARTIFACTS / "lonceng-03-kop-ponsel.png"), clip={"x": 0, "y": 0, "width": 390, "height": 90}
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    jalan.n = 3

    # "Buka" on the SKP reminder: read, and she lands on her SKP page.
    page.locator("li.belum", has_text="belum ditetapkan").locator("button", has_text="Buka").click()
    page.wait_for_url("**/skp/")
    page.wait_for_selector("#lonceng-jumlah")
    assert page.inner_text("#lonceng-jumlah") == str(belum - 1)

    page.goto(live.url + "/tenggat/pemberitahuan/")
    page.click("#tandai-semua")
    page.wait_for_selector("text=ditandai sudah dibaca")
    page.wait_for_selector("a.lonceng")
    assert page.locator("#lonceng-jumlah").count() == 0
    jalan.shot("semua-dibaca")
