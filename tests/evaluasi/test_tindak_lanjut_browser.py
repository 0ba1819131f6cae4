"""Tindak lanjut pages in Debian's chromium: the Penilai reports two signed results at once; BKPSDM sees the
ranking of the Pemda, the reward candidates, the sanction candidates and downloads the TPP export form."""

import pytest
from django_scopes import scopes_disabled

from evaluasi.models import LaporanBerjenjang

from ..conftest import PASSWORD, _build_world
from ..factories import PegawaiFactory
from ..test_browser import Jalan, browser_page, live  # noqa: F401 (fixtures)
from .rute_tindak_lanjut import hasil, periode

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_penilai_melapor_dan_bkpsdm_melihat_tindak_lanjut(live, browser_page):  # noqa: F811
    w = _build_world()
    th = periode(w.sumedang, "tahunan", 1, 2026)
    a = hasil(
        w.pegawai,
        th,
        "sangat_baik",
        hasil_kerja="di_atas",
        perilaku="di_atas",
        unit=w.seksi,
        penilai=w.penilai,
    )
    b = hasil(
        w.rekan, th, "kurang", hasil_kerja="sesuai", perilaku="di_bawah", unit=w.seksi, penilai=w.penilai
    )
    hasil(w.penilai, th, "baik", unit=w.bidang, penilai=w.atasan)
    hasil(
        PegawaiFactory(pemda=w.sumedang, nama="Cuti Panjang"),
        th,
        "",
        status="dikecualikan",
        unit=w.seksi,
        alasan_pengecualian="Cuti di luar tanggungan negara",
    )
    page = browser_page
    jalan = Jalan(page, live, "tindak-lanjut", PASSWORD)

    jalan.masuk(w.penilai)
    page.goto(live.url + "/evaluasi/tindak-lanjut/laporan/")
    page.check(f"input[name=evaluasi][value='{a.pk}']")
    page.check(f"input[name=evaluasi][value='{b.pk}']")
    jalan.shot("laporan-dipilih")
    page.click("#tombol-lapor-banyak")
    page.wait_for_selector("#tabel-sudah")
    jalan.shot("laporan-terkirim")
    with scopes_disabled():
        assert LaporanBerjenjang.objects.count() == 2
    page.goto(live.url + "/evaluasi/tindak-lanjut/peringkat/")
    assert page.locator("#tabel-peringkat tbody tr").count() == 2
    jalan.keluar()

    jalan.masuk(w.admin_pegawai)
    page.goto(live.url + "/evaluasi/tindak-lanjut/peringkat/")
    assert page.locator("#tabel-peringkat tbody tr").count() == 3
    assert "Cuti di luar tanggungan negara" in page.content()
    jalan.shot("peringkat-pemda")
    page.goto(live.url + "/evaluasi/tindak-lanjut/penghargaan/")
    page.click(f"#calon-{a.pk} a")
    page.select_option("select[name=jenis]", "suksesi")
    page.click("#tombol-penghargaan")
    page.wait_for_selector("#tabel-penghargaan")
    jalan.shot("penghargaan")
    page.goto(live.url + "/evaluasi/tindak-lanjut/sanksi/")
    assert page.locator(f"#calon-{b.pk}").count() == 1
    jalan.shot("sanksi-calon")
    page.goto(live.url + "/evaluasi/tindak-lanjut/ekspor-tpp/")
    jalan.shot("ekspor")
