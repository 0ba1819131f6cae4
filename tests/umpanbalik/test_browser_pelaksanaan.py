"""Issue 4 "Done when", in Debian's chromium: a Pegawai of Indragiri Hulu records monthly realisasi with a PDF as
evidence and invites a peer; her Penilai and the invited peer give feedback; a colleague from another unit who
was not invited cannot; the Penilai sees her behind target, runs a coaching session and records B.1.6; the
rekaman B.1.5 for the month prints with all of it.

"Today" is 16 November 2026 (the last ended month, the one compared, is October)."""

import datetime
import re

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, Pemda, User
from kinerja.scoping import tenant_context
from kinerja.services.seed import load_fixture, pengaturan_from_fixture
from skp import services as skp_services

from ..conftest import PASSWORD
from ..factories import JabatanFactory, UnitKerjaFactory, pegawai_with_account
from ..test_browser import Jalan, browser_page, live, teks_pdf  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
HARI_INI = datetime.date(2026, 11, 16)
PDF_BUKTI = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _inhu():
    """Indragiri Hulu with its regulation settings: Dinas Kesehatan > Seksi Pelayanan (Penilai, the Pegawai and
    a peer) and Seksi Sumber Daya (a colleague of another unit). The Pegawai's SKP 2026 is set in January."""
    fixture = load_fixture("indragiri-hulu")
    with scopes_disabled():
        pemda = Pemda.objects.create(slug="indragiri-hulu", nama="Kabupaten Indragiri Hulu")
    with tenant_context(pemda.pk):
        pengaturan_from_fixture(fixture=fixture, pemda=pemda).save()
    dinas = UnitKerjaFactory(pemda=pemda, nama="Dinas Kesehatan", kode="K01")
    seksi = UnitKerjaFactory(pemda=pemda, nama="Seksi Pelayanan Kesehatan", kode="K01.1", parent=dinas)
    seksi_lain = UnitKerjaFactory(pemda=pemda, nama="Seksi Sumber Daya Kesehatan", kode="K01.2", parent=dinas)
    kepala = JabatanFactory(
        unit=dinas, nama="Kepala Dinas", jenis=JenisJabatan.JPT_PRATAMA, memimpin_unit=True
    )
    kadis = pegawai_with_account(jabatan=kepala, nama="Hasan Basri")
    penilai = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=seksi, nama="Kepala Seksi", jenis=JenisJabatan.PENGAWAS, memimpin_unit=True
        ),
        nama="Rahmawati",
    )
    pelaksana = JabatanFactory(unit=seksi, nama="Pengelola Data Kesehatan", jenis=JenisJabatan.PELAKSANA)
    pegawai = pegawai_with_account(jabatan=pelaksana, nama="Nurul Hidayah")
    rekan = pegawai_with_account(jabatan=pelaksana, nama="Fitri Handayani")
    pegawai_with_account(
        jabatan=JabatanFactory(
            unit=seksi_lain, nama="Kepala Seksi", jenis=JenisJabatan.PENGAWAS, memimpin_unit=True
        ),
        nama="Darmawan",
    )
    lain = pegawai_with_account(
        jabatan=JabatanFactory(unit=seksi_lain, nama="Pengelola Sarana", jenis=JenisJabatan.PELAKSANA),
        nama="Joko Susilo",
    )
    with scopes_disabled():
        akun = {p.pk: User.objects.get(pegawai=p) for p in (kadis, penilai, pegawai, rekan, lain)}
    return pemda, pegawai, penilai, rekan, lain, akun


def _skp_ditetapkan(pemda, pegawai, penilai, akun, hari):
    hari["tanggal"] = datetime.date(2026, 1, 12)
    with tenant_context(pemda.pk):
        skp = skp_services.skp_buat(
            pegawai=pegawai, tahun=2026, pendekatan="kuantitatif", by=akun[pegawai.pk]
        )
        rhk = skp_services.rhk_tambah(
            skp=skp, jenis="utama", teks="Data pelayanan kesehatan terkelola", by=akun[pegawai.pk]
        )
        skp_services.iki_tambah(
            rhk=rhk,
            teks="Laporan data pelayanan yang tersusun",
            aspek="kuantitas",
            target_angka=12,
            target_satuan="laporan",
            by=akun[pegawai.pk],
        )
        skp_services.skp_ajukan(skp=skp, by=akun[pegawai.pk])
        skp_services.skp_setujui(skp=skp, by=akun[penilai.pk])
        skp_services.skp_tanda_tangan_pegawai(skp=skp, by=akun[pegawai.pk], password=PASSWORD)
        skp = skp_services.skp_tetapkan(skp=skp, by=akun[penilai.pk], password=PASSWORD)
    hari["tanggal"] = HARI_INI
    return skp


def test_realisasi_feedback_coaching_and_the_rekaman_of_the_month(
    live,  # noqa: F811
    browser_page,  # noqa: F811
    monkeypatch,
    tmp_path,
    settings,
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    hari = {"tanggal": HARI_INI}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: hari["tanggal"])
    pemda, pegawai, penilai, rekan, lain, akun = _inhu()
    skp = _skp_ditetapkan(pemda, pegawai, penilai, akun, hari)
    bukti = tmp_path / "laporan-oktober.pdf"
    bukti.write_bytes(PDF_BUKTI)
    page = browser_page
    jalan = Jalan(page, live, "pelaksanaan", PASSWORD)
    shot, masuk, keluar = jalan.shot, jalan.masuk, jalan.keluar

    try:
        # The Pegawai records October's realisasi with a PDF as evidence.
        masuk(pegawai)
        page.click("nav >> text=Realisasi dan umpan balik")
        page.wait_for_selector("#tabel-progres")
        page.click("text=Realisasi dan bukti dukung")
        page.wait_for_selector("#pilih-periode")
        page.select_option("#periode", "bulanan-10")
        page.wait_for_url("**periode=bulanan-10**")
        form = "form[id^=form-realisasi-]"
        page.click("summary:has-text('Catat realisasi')")
        page.fill(f"{form} input[name$='-nilai']", "3")
        page.fill(
            f"{form} textarea[name$='-teks']", "Tiga laporan data pelayanan Januari-Maret selesai disusun."
        )
        page.set_input_files(f"{form} input[type=file]", str(bukti))
        page.click(f"{form} button[type=submit]")
        page.wait_for_selector("a:has-text('laporan-oktober.pdf')")
        shot("realisasi-dengan-bukti")

        # She invites her peer to give feedback.
        page.goto(live.url + f"/pelaksanaan/skp/{skp.pk}/undangan/")
        page.select_option("#undang select[name=pegawai]", label=f"{rekan.nama_lengkap} ({rekan.nip_format})")
        page.click("#tombol-undang")
        page.wait_for_selector(f"#daftar-undangan >> text={rekan.nama_lengkap}")
        shot("undangan")
        keluar()

        # The invited peer gives feedback on October.
        masuk(rekan)
        page.click("nav >> text=Diminta umpan balik")
        page.click("a.tombol:has-text('Beri umpan balik')")
        page.wait_for_selector("#tombol-beri-umpan-balik")
        page.check("input[name=jenis][value=insidental]")
        page.select_option("select[name=periode]", "bulanan-10")
        page.select_option("select[name=sasaran]", "perilaku-kolaboratif")
        page.fill("textarea[name=teks]", "Nurul sigap membagikan data kepada seksi lain.")
        page.click("#tombol-beri-umpan-balik")
        page.wait_for_selector("text=Nurul sigap membagikan data")
        shot("umpan-balik-rekan")
        keluar()

        # A colleague of another unit, not invited, cannot even open it.
        masuk(lain)
        for url in (f"/pelaksanaan/skp/{skp.pk}/umpan-balik/", f"/pelaksanaan/skp/{skp.pk}/realisasi/"):
            response = page.goto(live.url + url)
            assert response.status == 404, url
        keluar()

        # The Penilai sees her behind target, gives feedback, runs a coaching and records B.1.6.
        masuk(penilai)
        page.click("nav >> text=Progres tim")
        page.wait_for_selector("#tabel-tim")
        baris = page.inner_text(f"#tim-{pegawai.pk}")
        assert "Tertinggal" in baris
        shot("progres-tim")
        page.click(f"#tim-{pegawai.pk} >> text={pegawai.nama_lengkap}")
        page.wait_for_selector("#saran-tindak-lanjut")
        shot("ringkasan-penilai")
        page.click("#aksi-pelaksanaan >> text=Umpan balik")
        page.wait_for_selector("#tombol-beri-umpan-balik")
        page.select_option("select[name=periode]", "bulanan-10")
        sasaran = page.eval_on_selector(
            "select[name=sasaran]", "s => [...s.options].find(o => o.value.startsWith('iki-')).value"
        )
        page.select_option("select[name=sasaran]", sasaran)
        page.fill("textarea[name=teks]", "Capaian 3 dari 10 laporan yang diharapkan; kita bahas hambatannya.")
        page.click("#tombol-beri-umpan-balik")
        page.wait_for_selector("text=kita bahas hambatannya")
        page.goto(live.url + f"/pelaksanaan/skp/{skp.pk}/pembinaan/")
        page.click("summary:has-text('Mulai bimbingan')")
        page.select_option("#bimbingan-baru select[name=jenis]", "coaching")
        page.fill("#bimbingan-baru input[name=tanggal]", "2026-10-30")
        page.fill("#bimbingan-baru input[name=tempat]", "Ruang rapat Dinas Kesehatan")
        page.click("#tombol-mulai-bimbingan")
        page.wait_for_selector("#bagian-pembina")
        page.select_option("select[name='langkah-0-iki']", index=1)
        page.fill(
            "textarea[name='langkah-0-strategi']", "Jadwal mingguan penyusunan laporan dengan templat baku."
        )
        page.click("#tombol-simpan-pembina")
        page.wait_for_selector("text=Jadwal mingguan penyusunan laporan")
        shot("coaching-b16")
        bimbingan = re.search(r"/bimbingan/(\d+)/", page.url).group(1)
        pdf = page.request.get(f"{live.url}/pelaksanaan/bimbingan/{bimbingan}/cetak/?format=B.1.6")
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
        teks = teks_pdf(pdf.body(), tmp_path, "pelaksanaan-b16")
        assert "PELAKSANAAN" in teks.upper() and "COACHING" in teks.upper()
        assert "Jadwal mingguan penyusunan laporan" in teks

        # The rekaman B.1.5 of October holds the realisasi and its evidence, both feedbacks and the coaching.
        page.goto(live.url + f"/pelaksanaan/skp/{skp.pk}/")
        href = page.get_attribute("#cetak-rekaman", "href")
        assert "periode=bulanan-10" in href
        pdf = page.request.get(live.url + href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        teks = " ".join(teks_pdf(pdf.body(), tmp_path, "pelaksanaan-b15-oktober").split())
        assert "FORMAT B.1.5" in teks and "OKTOBER 2026" in teks
        assert "3 laporan" in teks
        assert "laporan-oktober.pdf" in teks
        assert "kita bahas hambatannya" in teks
        assert "Nurul sigap membagikan data" in teks and "Fitri Handayani" in teks
        assert "Coaching" in teks
        keluar()
    except Exception:
        shot("gagal")
        raise
