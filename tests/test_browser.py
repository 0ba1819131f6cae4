"""One walk through the real pages in Debian's chromium: a Bogor BKPSDM admin sees Bogor only."""

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, JenisUnit

from .conftest import PASSWORD, _build_world
from .factories import JabatanFactory, UnitKerjaFactory, pegawai_with_account

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread and needs committed rows; restore the seeded code lists after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium tidak terpasang di /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
        yield page
        browser.close()


@pytest.fixture
def live(request, monkeypatch):
    """pytest-django's live server, started with a str media URL: settings.MEDIA_URL is None on purpose
    (uploads are served only through permission-checked views), but Django's live server wraps a media
    handler around the app that needs one. Nothing is ever stored under this path."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import testcases

    monkeypatch.setattr(
        testcases._MediaFilesHandler, "get_base_url", lambda self: "/__media-tidak-dilayani__/"
    )
    if connection.vendor == "sqlite":
        # On SQLite the live server's request threads share the test's one in-memory connection; a page that
        # loads two fragments at once (the bell and the Penilai menu) would interleave their savepoints on it
        # ("no such savepoint"). One request at a time, as on a real server's own connections.
        kunci = threading.Lock()
        asli = WSGIHandler.__call__

        def satu_per_satu(self, environ, start_response):
            with kunci:
                return asli(self, environ, start_response)

        monkeypatch.setattr(WSGIHandler, "__call__", satu_per_satu)
    return request.getfixturevalue("live_server")


class Jalan:
    """One walk through the pages: log in and out by NIP, numbered full-page screenshots in test-artifacts/."""

    def __init__(self, page, live, awalan: str, password: str):
        self.page, self.live, self.awalan, self.password, self.n = page, live, awalan, password, 0

    def shot(self, name: str):
        self.n += 1
        self.page.screenshot(path=str(ARTIFACTS / f"{self.awalan}-{self.n:02d}-{name}.png"), full_page=True)

    def masuk(self, pegawai):
        self.page.goto(self.live.url + "/masuk/")
        self.page.fill("input[name=username]", pegawai.nip)
        self.page.fill("input[name=password]", self.password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.live.url + "/")

    def keluar(self):
        self.page.click("button.keluar")
        self.page.wait_for_url("**/masuk/**")


def teks_pdf(data: bytes, tmp_path, nama: str) -> str:
    """Keep the PDF and a PNG of its first page in test-artifacts/ as `nama`, and return its text
    (pdftotext -layout); skips the test where poppler-utils is missing."""
    path = tmp_path / f"{nama}.pdf"
    path.write_bytes(data)
    shutil.copy(path, ARTIFACTS / f"{nama}.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(ARTIFACTS / nama)],
            check=False,
        )
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def _bogor_bidang(world):
    bidang = UnitKerjaFactory(
        pemda=world.bogor,
        nama="Bidang Pelayanan Kesehatan",
        kode="B01.1",
        jenis=JenisUnit.BIDANG,
        parent=world.unit_bogor,
    )
    return pegawai_with_account(
        jabatan=JabatanFactory(
            unit=bidang, nama="Kepala Bidang", jenis=JenisJabatan.ADMINISTRATOR, memimpin_unit=True
        ),
        nama="Rina Marlina",
        gelar_depan="dr.",
        gelar_belakang="M.K.M.",
    )


def test_bogor_admin_walks_through_her_pemda_and_never_sees_sumedang(live, browser_page):
    world = _build_world()
    with scopes_disabled():
        kabid = _bogor_bidang(world)
    page = browser_page

    def shot(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    page.goto(live.url + "/masuk/")
    shot("01-masuk")
    page.fill("input[name=username]", world.outsider_admin_pegawai.nip)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live.url + "/")
    body = page.inner_text("body")
    assert "Pemerintah Kabupaten Bogor" in body and "Kabupaten Bogor" in body
    assert "Sumedang" not in body
    shot("02-beranda-admin")

    page.click("nav >> text=Unit Kerja")
    page.wait_for_selector("text=Dinas Kesehatan")
    assert "Dinas Komunikasi" not in page.inner_text("body")
    page.click("summary:has-text('Dinas Kesehatan')")
    page.wait_for_selector("text=Bidang Pelayanan Kesehatan")
    shot("03-unit-kerja")

    page.click("nav >> text=Pegawai")
    page.wait_for_selector("table")
    table = page.inner_text("table")
    assert "Outsider Bogor" in table and "Rina Marlina" in table
    assert world.pegawai.nama not in table and world.penilai.nama not in table
    shot("04-pegawai")

    page.click("text=dr. Rina Marlina, M.K.M.")
    page.wait_for_selector("text=Riwayat penempatan")
    assert "Outsider Bogor" in page.inner_text("body")  # her Penilai, the Kepala Dinas
    shot("05-pegawai-detail")

    page.goto(live.url + f"/pegawai/{world.pegawai.pk}/")
    assert "Halaman tidak ditemukan" in page.inner_text("body")

    page.click("nav >> text=Pengaturan Pemda")
    page.wait_for_selector("text=Simpan pengaturan")
    assert page.input_value("input[name=nama_instansi]") == "Pemerintah Kabupaten Bogor"
    shot("06-pengaturan")
    page.screenshot(path=str(ARTIFACTS / "06b-pengaturan-atas.png"))

    page.click("nav >> text=Plt./Plh.")
    page.wait_for_selector("text=Tetapkan Plt./Plh. baru")
    shot("07-delegasi")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live.url + "/")
    page.click("button.menu-toggle")
    page.wait_for_selector("nav#menu.buka")
    shot("08-beranda-ponsel")
    assert kabid.pk


def test_sumedang_admin_builds_the_org_tree_from_the_unit_pages(live, browser_page):
    world = _build_world()
    page = browser_page

    def shot(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    page.goto(live.url + "/masuk/")
    page.fill("input[name=username]", world.admin_pegawai.nip)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live.url + "/")

    page.click("nav >> text=Unit Kerja")
    page.click("summary:has-text('Tambah unit (Perangkat Daerah)')")
    page.fill("input[name=baru-nama]", "Dinas Pariwisata dan Kebudayaan")
    page.fill("input[name=baru-kode]", "D01")  # taken by Diskominfo
    page.click("button:has-text('Tambah unit')")
    page.wait_for_selector("text=Kode D01 sudah dipakai Dinas Komunikasi dan Informatika")
    assert page.input_value("input[name=baru-nama]") == "Dinas Pariwisata dan Kebudayaan"
    shot("09-unit-baru-salah")
    page.fill("input[name=baru-kode]", "D03")
    page.click("button:has-text('Tambah unit')")
    page.wait_for_selector("h1:has-text('Dinas Pariwisata dan Kebudayaan')")

    page.fill("#panel-jabatan input[name=jabatan-nama]", "Kepala Dinas")
    page.select_option("#panel-jabatan select[name=jabatan-jenis]", "jpt_pratama")
    page.check("#panel-jabatan input[name=jabatan-memimpin_unit]")
    page.click("#panel-jabatan button[type=submit]")
    page.wait_for_selector("text=Jabatan Kepala Dinas ditambahkan.")
    page.fill("#panel-sub input[name=sub-nama]", "Bidang Destinasi Wisata")
    page.fill("#panel-sub input[name=sub-kode]", "D03.B1")
    page.click("#panel-sub button[type=submit]")
    page.wait_for_selector("text=Sub-unit Bidang Destinasi Wisata ditambahkan")
    shot("10-unit-detail-admin")

    page.goto(live.url + f"/unit/{world.seksi.pk}/")
    page.select_option("#panel-pindah select", label="BKPSDM (D02)")
    page.fill("#panel-pindah textarea", "  ")  # a reason of blanks passes the browser's check, not ours
    page.click("#panel-pindah button[type=submit]")
    page.wait_for_selector("text=Sebutkan dasar pemindahan unit")
    shot("11-pindah-tanpa-dasar")
    page.fill("#panel-pindah textarea", "Perbup Nomor 12 Tahun 2026 tentang SOTK")
    page.click("#panel-pindah button[type=submit]")
    page.wait_for_selector("text=dipindahkan ke bawah BKPSDM")
    assert "BKPSDM" in page.inner_text(".breadcrumb")

    page.click("text=Ubah >> nth=0")
    page.wait_for_selector("text=Ubah jabatan:")
    shot("12-ubah-jabatan")


def test_sumedang_admin_adds_a_pegawai_and_then_changes_her_data(live, browser_page):
    world = _build_world()
    page = browser_page

    def shot(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    page.goto(live.url + "/masuk/")
    page.fill("input[name=username]", world.admin_pegawai.nip)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live.url + "/")

    page.click("nav >> text=Pegawai")
    page.click("text=Tambah Pegawai")
    page.wait_for_selector("h1:has-text('Tambah Pegawai')")
    shot("13-pegawai-tambah")
    page.fill("input[name=baru-nip]", world.pegawai.nip)  # taken by Siti Aminah
    page.fill("input[name=baru-nama]", "Rahmat Hidayat")
    page.fill("input[name=baru-gelar_belakang]", "S.Kom.")
    page.select_option("select[name=baru-golongan]", "IX")  # a PPPK golongan for a PNS
    page.fill("input[name=baru-email]", "rahmat@sumedangkab.go.id")
    page.select_option("select[name=baru-jabatan]", label="Pengelola Aplikasi")
    page.fill("input[name=baru-mulai]", "2026-02-02")
    page.click("button:has-text('Tambah Pegawai')")
    page.wait_for_selector("text=Golongan 'IX' tidak ada untuk PNS")
    assert f"NIP {world.pegawai.nip} sudah terdaftar atas nama Siti Aminah" in page.inner_text("#panel-baru")
    assert page.input_value("input[name=baru-nama]") == "Rahmat Hidayat"
    shot("14-pegawai-tambah-salah")

    page.select_option("select[name=baru-golongan]", "III/a")
    page.fill("input[name=baru-nip]", "19940812 201903 1 007")
    page.click("button:has-text('Tambah Pegawai')")
    page.wait_for_selector("h1:has-text('Rahmat Hidayat, S.Kom.')")
    body = page.inner_text("body")
    assert "ditambahkan sebagai Pengelola Aplikasi" in body and "belum punya kata sandi" in body
    assert "Budi Santoso" in body  # her Penilai, the Kepala Seksi
    shot("15-pegawai-baru")

    page.select_option("#ubah select[name=ubah-golongan]", "III/b")
    page.fill("#ubah input[name=ubah-email]", "rahmat.hidayat@sumedangkab.go.id")
    page.fill("#ubah textarea[name=ubah-alasan]", "  ")  # blanks pass the browser's check, not ours
    page.click("#ubah button[type=submit]")
    page.wait_for_selector("text=Sebutkan alasan perubahan")
    assert page.input_value("#ubah input[name=ubah-email]") == "rahmat.hidayat@sumedangkab.go.id"
    page.locator("#ubah").screenshot(path=str(ARTIFACTS / "16-pegawai-ubah-salah.png"))
    page.fill("#ubah textarea[name=ubah-alasan]", "SK kenaikan pangkat 823/45/2026")
    page.click("#ubah button[type=submit]")
    page.wait_for_selector("text=Data Rahmat Hidayat, S.Kom. disimpan.")
    body = page.inner_text("body")
    assert "Penata Muda Tingkat I, III/b" in body and "rahmat.hidayat@sumedangkab.go.id" in body
    shot("17-pegawai-diubah")
