"""Issue 3 "Done when", in Debian's chromium: a Pegawai of Sumedang drafts a kuantitatif SKP picking her
leader's RHK and submits it; her Penilai returns it with a comment; she fixes it and resubmits; it is approved,
she signs, the Penilai sets it (both with their password); the PDF link answers with a PDF."""

import pytest

from kinerja.scoping import tenant_context
from skp import services

from ..conftest import PASSWORD, _build_world
from ..test_browser import ARTIFACTS, Jalan, browser_page, live  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_pegawai_and_penilai_walk_the_skp_from_draft_to_set(live, browser_page):  # noqa: F811
    world = _build_world()
    from skp import waktu

    tahun = waktu.hari_ini(world.sumedang.pk).year
    with tenant_context(world.sumedang.pk):
        leader = services.skp_buat(
            pegawai=world.penilai, tahun=tahun, pendekatan="kuantitatif", by=world.users.penilai
        )
        for teks in ("Aplikasi layanan publik terbangun", "Data layanan terintegrasi"):
            rhk = services.rhk_tambah(skp=leader, jenis="utama", teks=teks, by=world.users.penilai)
            services.iki_tambah(
                rhk=rhk,
                teks=f"{teks}: persentase",
                aspek="kuantitas",
                target_angka=100,
                target_satuan="%",
                by=world.users.penilai,
            )
    page = browser_page
    jalan = Jalan(page, live, "skp", PASSWORD)
    shot, masuk, keluar = jalan.shot, jalan.masuk, jalan.keluar

    def buka_dari_kotak_masuk():
        page.click("nav >> text=SKP menunggu")
        page.wait_for_selector("table.kotak-masuk")
        page.click("table.kotak-masuk >> text=Siti Aminah")
        page.wait_for_selector("#langkah")

    # The Pegawai drafts, picking her leader's RHK.
    masuk(world.pegawai)
    shot("beranda-pegawai")
    page.click("nav >> text=SKP saya")
    page.check("input[name=pendekatan][value=kuantitatif]")
    shot("skp-saya")
    page.click("#tombol-buat")
    page.wait_for_selector("#ambil-pimpinan")
    shot("draf-baru")
    page.check("#ambil-pimpinan >> text=Aplikasi layanan publik terbangun")
    page.click("text=Ambil RHK terpilih")
    page.wait_for_selector("article.rhk")
    assert "Mengintervensi RHK pimpinan" in page.inner_text("#rhk-daftar")
    form = "article.rhk form[action$='/iki/']"
    page.fill(f"{form} textarea[name$='-teks']", "Modul layanan berjalan")
    page.select_option(f"{form} select[name$='-aspek']", "kuantitas")
    page.fill(f"{form} input[name$='-target_angka']", "4")
    page.fill(f"{form} input[name$='-target_satuan']", "modul")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector("td:has-text('4 modul')")
    shot("rhk-iki-terisi")
    page.click("#tombol-ajukan")
    page.wait_for_selector("text=menunggu pemeriksaan Penilai")
    shot("diajukan")
    keluar()

    # Her Penilai returns it with a comment on the RHK.
    masuk(world.penilai)
    buka_dari_kotak_masuk()
    page.fill("textarea[name^=catatan_rhk_]", "Target 4 modul terlalu rendah; naikkan menjadi 6.")
    shot("penilai-memeriksa")
    page.click("#tombol-kembalikan")
    page.wait_for_selector("text=dikembalikan dengan catatan")
    shot("dikembalikan")
    keluar()

    # She fixes it and resubmits.
    masuk(world.pegawai)
    page.click("#skp-saya")
    page.wait_for_selector(".catatan-penilai")
    assert "terlalu rendah" in page.inner_text(".catatan-penilai")
    page.click("summary:has-text('Ubah indikator')")
    ubah = "form[action*='/iki/'][action$='/ubah/']"
    page.fill(f"{ubah} input[name$='-target_angka']", "6")
    page.click(f"{ubah} button[type=submit]")
    page.wait_for_selector("td:has-text('6 modul')")
    shot("diperbaiki")
    page.click("#tombol-ajukan")
    page.wait_for_selector("text=menunggu pemeriksaan Penilai")
    keluar()

    # Approved.
    masuk(world.penilai)
    buka_dari_kotak_masuk()
    page.click("#tombol-setujui")
    page.wait_for_selector("text=disetujui")
    shot("disetujui")
    keluar()

    # She signs with her password.
    masuk(world.pegawai)
    page.click("#skp-saya")
    page.wait_for_selector("#tombol-ttd")
    shot("tanda-tangan")
    page.fill("input[name=ttd-password]", PASSWORD)
    page.click("#tombol-ttd")
    page.wait_for_selector("text=menunggu penetapan")
    keluar()

    # The Penilai sets it, and the PDF is there.
    masuk(world.penilai)
    buka_dari_kotak_masuk()
    shot("penetapan")
    page.fill("input[name=tetapkan-password]", PASSWORD)
    page.click("#tombol-tetapkan")
    page.wait_for_selector("text=SKP ditetapkan")
    shot("ditetapkan")
    href = page.get_attribute("#tautan-pdf", "href")
    pdf = page.request.get(live.url + href)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # After setting, the Pegawai plans the year: a rencana aksi under her RHK, then the 12-month page.
    skp_url = page.url.split("#")[0].rstrip("/")
    keluar()
    masuk(world.pegawai)
    page.goto(skp_url + "/pelaksanaan/")
    page.wait_for_selector("text=Rencana aksi per RHK")
    shot("pelaksanaan")
