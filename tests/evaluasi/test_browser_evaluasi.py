"""Issue 5 "Done when", in Debian's chromium, through the real pages:

1. Bogor (BKPSDM chose triwulanan): BKPSDM opens Triwulan I and sets the seksi's capaian; the Penilai rates her
   Pegawai with the pola distribusi chart in view and signs; the Pegawai signs D.1.1; both signatures are on it.
2. Sumedang (bulanan): the Penilai lets the March window pass for one Pegawai; the Atasan Penilai rates and
   signs D.1.2 (final); the Pegawai signs it.
3. Sumedang: another Pegawai, whose D.1.1 the Penilai signed in time, files a keberatan; the Atasan asks the
   Penilai, who explains; the Atasan changes the result; D.1.3 prints with the keberatan, the explanation and
   the decision, and the D.1.1 stays readable as signed.

"Today" moves with the story (skp.waktu.hari_ini is patched; the windows are the Pemda's working days)."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from dokumen.models import Dokumen, StatusDokumen
from evaluasi.models import Evaluasi, Keberatan, PeriodeEvaluasi, StatusEvaluasi
from kinerja.models import JenisJabatan, JenisUnit, Pemda, User
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
D = datetime.date


def _pemda(slug, nama, kode):
    """A Pemda with its regulation settings: Dinas (JPT) > Bidang (Atasan Penilai) > Seksi (Penilai, two
    Pegawai), an admin BKPSDM in a BKPSDM unit. Accounts use the test password."""
    fixture = load_fixture(slug)
    with scopes_disabled():
        pemda = Pemda.objects.create(slug=slug, nama=nama)
    with tenant_context(pemda.pk):
        pengaturan_from_fixture(fixture=fixture, pemda=pemda).save()
    dinas = UnitKerjaFactory(pemda=pemda, nama="Dinas Kesehatan", kode=kode)
    bidang = UnitKerjaFactory(
        pemda=pemda, nama="Bidang Pelayanan Kesehatan", kode=f"{kode}.1", jenis=JenisUnit.BIDANG, parent=dinas
    )
    seksi = UnitKerjaFactory(
        pemda=pemda, nama="Seksi Pelayanan Primer", kode=f"{kode}.1.1", jenis=JenisUnit.SEKSI, parent=bidang
    )
    bkpsdm = UnitKerjaFactory(pemda=pemda, nama="BKPSDM", kode=f"{kode}9")
    o = {}
    o["kadis"] = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=dinas, nama="Kepala Dinas", jenis=JenisJabatan.JPT_PRATAMA, memimpin_unit=True
        ),
        nama="Hendra Kusuma",
    )
    o["atasan"] = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=bidang, nama="Kepala Bidang", jenis=JenisJabatan.ADMINISTRATOR, memimpin_unit=True
        ),
        nama="Ratna Wulandari",
    )
    o["penilai"] = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=seksi, nama="Kepala Seksi", jenis=JenisJabatan.PENGAWAS, memimpin_unit=True
        ),
        nama="Budi Prasetyo",
    )
    pelaksana = JabatanFactory(unit=seksi, nama="Pengelola Layanan Kesehatan", jenis=JenisJabatan.PELAKSANA)
    o["pegawai"] = pegawai_with_account(jabatan=pelaksana, nama="Siti Rahmawati")
    o["rekan"] = pegawai_with_account(jabatan=pelaksana, nama="Dedi Kurniawan")
    o["admin"] = pegawai_with_account(
        jabatan=JabatanFactory(unit=bkpsdm, nama="Analis SDM"), nama="Admin BKPSDM"
    )
    with scopes_disabled():
        User.objects.filter(pegawai=o["admin"]).update(is_admin_bkpsdm=True)
        akun = {k: User.objects.get(pegawai=p) for k, p in o.items()}
    return pemda, seksi, o, akun


def _skp_ditetapkan(pemda, pegawai, akun_pegawai, akun_penilai, hari):
    hari["tanggal"] = D(2026, 1, 12)
    with tenant_context(pemda.pk):
        skp = skp_services.skp_buat(pegawai=pegawai, tahun=2026, pendekatan="kuantitatif", by=akun_pegawai)
        for n in (1, 2):
            rhk = skp_services.rhk_tambah(
                skp=skp, jenis="utama", teks=f"Layanan kesehatan primer {n} terselenggara", by=akun_pegawai
            )
            skp_services.iki_tambah(
                rhk=rhk,
                teks=f"Jumlah laporan layanan {n} yang tersusun",
                aspek="kuantitas",
                target_angka=12,
                target_satuan="laporan",
                by=akun_pegawai,
            )
        skp_services.skp_ajukan(skp=skp, by=akun_pegawai)
        skp_services.skp_setujui(skp=skp, by=akun_penilai)
        skp_services.skp_tanda_tangan_pegawai(skp=skp, by=akun_pegawai, password=PASSWORD)
        return skp_services.skp_tetapkan(skp=skp, by=akun_penilai, password=PASSWORD)


def _teks_pdf(data: bytes, tmp_path, nama: str) -> str:
    return " ".join(teks_pdf(data, tmp_path, f"evaluasi-{nama}").split())


def kirim(page, selector: str):
    """Click a submit button and wait until the answer page has loaded (the server's transaction is over
    before the test reads the database again)."""
    with page.expect_navigation():
        page.click(selector)


def _pdf(page, url: str) -> bytes:
    respon = page.request.get(url)
    assert respon.status == 200, (url, respon.status)
    assert respon.headers["content-type"] == "application/pdf"
    return respon.body()


def _evaluasi(pemda, pegawai, jenis, nomor) -> Evaluasi:
    with tenant_context(pemda.pk):
        return Evaluasi.objects.select_related("periode").get(
            pegawai=pegawai, periode__jenis=jenis, periode__nomor=nomor, periode__tahun=2026
        )


def _buka_dan_capaian(j: Jalan, pemda, seksi, admin, jenis: str, nomor: int, label: str) -> PeriodeEvaluasi:
    page = j.page
    j.masuk(admin)
    page.goto(j.live.url + reverse("evaluasi_periode_list") + "?tahun=2026")
    j.shot("periode-sebelum")
    with page.expect_navigation():
        page.locator(
            f"form:has(input[name=jenis][value={jenis}]):has(input[name=nomor][value='{nomor}']) button"
        ).first.click()
    assert label in page.inner_text("body")
    with tenant_context(pemda.pk):
        periode = PeriodeEvaluasi.objects.get(jenis=jenis, nomor=nomor, tahun=2026)
    page.goto(j.live.url + reverse("evaluasi_capaian", kwargs={"pk": periode.pk}))
    page.select_option(f"select[name='predikat-{seksi.pk}']", "baik")
    page.fill(f"input[name='keterangan-{seksi.pk}']", "Capaian rencana aksi perjanjian kinerja 100%")
    kirim(page, "#form-capaian button[type=submit]")
    j.shot("capaian")
    assert "Baik" in page.inner_text(f"#capaian-{seksi.pk}")
    j.keluar()
    return periode


def _nilai_dan_tandatangani(j: Jalan, evaluasi: Evaluasi, hasil: str, perilaku: str, nama: str):
    page = j.page
    page.goto(j.live.url + reverse("evaluasi_detail", kwargs={"pk": evaluasi.pk}))
    assert page.locator("#capaian-organisasi svg.grafik-distribusi").count() == 1
    page.select_option("select[name=rating_hasil]", hasil)
    page.select_option("select[name=rating_perilaku]", perilaku)
    page.fill("textarea[name=catatan_rekomendasi]", f"Catatan untuk {nama}: pertahankan laporan tepat waktu.")
    j.shot(f"nilai-{nama}")
    kirim(page, "#form-nilai button[type=submit]")
    page.fill("#form-tandatangani input[name=password]", PASSWORD)
    kirim(page, "#form-tandatangani button[type=submit]")
    j.shot(f"ditandatangani-{nama}")


def test_bogor_triwulan_dievaluasi_sampai_d_1_1_ditandatangani_keduanya(
    live,  # noqa: F811
    browser_page,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    hari = {"tanggal": D(2026, 4, 1)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: hari["tanggal"])
    pemda, seksi, o, akun = _pemda("bogor", "Kabupaten Bogor", "B01")
    _skp_ditetapkan(pemda, o["pegawai"], akun["pegawai"], akun["penilai"], hari)
    _skp_ditetapkan(pemda, o["rekan"], akun["rekan"], akun["penilai"], hari)
    hari["tanggal"] = D(2026, 4, 1)
    j = Jalan(browser_page, live, "evaluasi-bogor", PASSWORD)
    page = browser_page

    # BKPSDM chose triwulanan: the page offers quarters, not months.
    periode = _buka_dan_capaian(j, pemda, seksi, o["admin"], "triwulanan", 1, "Triwulan I 2026")

    # The Penilai sees her unit's distribution against the pola while rating.
    j.masuk(o["penilai"])
    page.goto(live.url + reverse("evaluasi_penilai") + f"?periode={periode.pk}")
    assert page.locator("svg.grafik-distribusi").count() >= 1
    body = page.inner_text("body")
    assert "Siti Rahmawati" in body and "Dedi Kurniawan" in body
    j.shot("penilai-tim")
    rekan = _evaluasi(pemda, o["rekan"], "triwulanan", 1)
    _nilai_dan_tandatangani(j, rekan, "di_atas", "di_atas", "rekan")
    ev = _evaluasi(pemda, o["pegawai"], "triwulanan", 1)
    _nilai_dan_tandatangani(j, ev, "sesuai", "sesuai", "pegawai")
    ev = _evaluasi(pemda, o["pegawai"], "triwulanan", 1)
    assert ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI and ev.predikat == "baik"
    j.keluar()

    # The Pegawai reads and signs D.1.1.
    j.masuk(o["pegawai"])
    page.goto(live.url + reverse("evaluasi_saya"))
    assert "Triwulan I 2026" in page.inner_text("body")
    j.shot("pegawai-evaluasi-saya")
    page.fill(f"#sandi-{ev.pk}", PASSWORD)
    kirim(page, f"form.ttd-pegawai:has(#sandi-{ev.pk}) button[type=submit]")
    j.shot("pegawai-ditandatangani")
    ev = _evaluasi(pemda, o["pegawai"], "triwulanan", 1)
    assert ev.status == StatusEvaluasi.SELESAI
    with tenant_context(pemda.pk):
        d11 = Dokumen.objects.get(objek_id=ev.pk, format_kode="D.1.1")
        assert d11.status == StatusDokumen.DITANDATANGANI
        assert sorted(d11.tanda_tangan.values_list("penandatangan__peran", flat=True)) == [
            "pegawai",
            "penilai",
        ]
    teks = _teks_pdf(
        _pdf(page, live.url + reverse("evaluasi_cetak_dokumen", kwargs={"pk": ev.pk})), tmp_path, "d-1-1"
    )
    assert "DOKUMEN EVALUASI KINERJA" in teks.upper() and "TRIWULAN I" in teks.upper()
    assert "Siti Rahmawati" in teks and "Budi Prasetyo" in teks and "BAIK" in teks.upper()
    hasil = _teks_pdf(
        _pdf(page, live.url + reverse("evaluasi_cetak_hasil", kwargs={"pk": ev.pk})), tmp_path, "c-1-3"
    )
    assert "HASIL EVALUASI KINERJA" in hasil.upper() and "POLA DISTRIBUSI" in hasil.upper()
    j.keluar()


def test_sumedang_atasan_menandatangani_d_1_2_dan_keberatan_mengubah_hasil_d_1_3(
    live,  # noqa: F811
    browser_page,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    hari = {"tanggal": D(2026, 3, 31)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: hari["tanggal"])
    pemda, seksi, o, akun = _pemda("sumedang", "Kabupaten Sumedang", "S01")
    _skp_ditetapkan(pemda, o["pegawai"], akun["pegawai"], akun["penilai"], hari)
    _skp_ditetapkan(pemda, o["rekan"], akun["rekan"], akun["penilai"], hari)
    hari["tanggal"] = D(2026, 3, 31)
    j = Jalan(browser_page, live, "evaluasi-sumedang", PASSWORD)
    page = browser_page
    periode = _buka_dan_capaian(j, pemda, seksi, o["admin"], "bulanan", 3, "Maret 2026")

    # In time, the Penilai rates and signs only Dedi's (D.1.1).
    j.masuk(o["penilai"])
    rekan = _evaluasi(pemda, o["rekan"], "bulanan", 3)
    _nilai_dan_tandatangani(j, rekan, "sesuai", "sesuai", "rekan")
    j.keluar()

    # The window (10 working days after 31 March, past Good Friday) has passed: Siti's evaluation is the Atasan's.
    hari["tanggal"] = D(2026, 4, 20)
    ev = _evaluasi(pemda, o["pegawai"], "bulanan", 3)
    j.masuk(o["penilai"])
    page.goto(live.url + reverse("evaluasi_detail", kwargs={"pk": ev.pk}))
    assert "atasan" in page.inner_text("#alasan-tidak-boleh").lower()
    assert page.locator("#form-nilai").count() == 0
    j.shot("penilai-terlambat")
    j.keluar()

    j.masuk(o["atasan"])
    page.goto(live.url + reverse("evaluasi_penilai") + f"?periode={periode.pk}")
    assert "Siti Rahmawati" in page.inner_text("body")
    j.shot("atasan-daftar")
    _nilai_dan_tandatangani(j, ev, "sesuai", "di_atas", "d-1-2")
    ev = _evaluasi(pemda, o["pegawai"], "bulanan", 3)
    assert ev.oleh_atasan and ev.final and ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI
    j.keluar()

    j.masuk(o["pegawai"])
    page.goto(live.url + reverse("evaluasi_detail", kwargs={"pk": ev.pk}))
    assert page.locator("#ajukan-keberatan").count() == 0  # D.1.2 is final
    page.fill("#form-ttd-pegawai input[name=password]", PASSWORD)
    kirim(page, "#form-ttd-pegawai button[type=submit]")
    ev = _evaluasi(pemda, o["pegawai"], "bulanan", 3)
    assert ev.status == StatusEvaluasi.SELESAI
    teks = _teks_pdf(
        _pdf(page, live.url + reverse("evaluasi_cetak_dokumen", kwargs={"pk": ev.pk})), tmp_path, "d-1-2"
    )
    assert "Ratna Wulandari" in teks and "D.1.2" in teks
    j.keluar()

    # Dedi objects to his D.1.1 (received 31 March; 14 working days).
    j.masuk(o["rekan"])
    page.goto(live.url + reverse("evaluasi_detail", kwargs={"pk": rekan.pk}))
    kirim(page, "#ajukan-keberatan")
    page.fill(
        "textarea[name=alasan]", "Laporan layanan Maret sudah lengkap 3 dari 3; bukti belum dipertimbangkan."
    )
    j.shot("keberatan-ajukan")
    kirim(page, "#tombol-ajukan")
    j.keluar()
    with tenant_context(pemda.pk):
        keberatan = Keberatan.objects.get(evaluasi=rekan)

    j.masuk(o["atasan"])
    page.goto(live.url + reverse("keberatan_list"))
    assert "Dedi Kurniawan" in page.inner_text("body")
    page.goto(live.url + reverse("keberatan_detail", kwargs={"pk": keberatan.pk}))
    kirim(page, "#tombol-minta-penjelasan")
    j.keluar()

    j.masuk(o["penilai"])
    page.goto(live.url + reverse("keberatan_detail", kwargs={"pk": keberatan.pk}))
    page.fill("textarea[name=teks]", "Bukti laporan ketiga diunggah setelah saya menilai.")
    kirim(page, "#tombol-penjelasan")
    j.keluar()

    j.masuk(o["atasan"])
    page.goto(live.url + reverse("keberatan_detail", kwargs={"pk": keberatan.pk}))
    page.check("input[name=keputusan][value=ubah]")
    page.fill("#form-putuskan textarea[name=alasan]", "Bukti lengkap: hasil kerja di atas ekspektasi.")
    page.select_option("select[name=rating_hasil_baru]", "di_atas")
    page.select_option("select[name=rating_perilaku_baru]", "sesuai")
    page.fill("#form-putuskan textarea[name=rekomendasi]", "Pertahankan ketepatan laporan layanan.")
    page.fill("#form-putuskan input[name=password]", PASSWORD)
    j.shot("keberatan-putuskan")
    kirim(page, "#tombol-putuskan")
    j.shot("keberatan-diputus")
    rekan = _evaluasi(pemda, o["rekan"], "bulanan", 3)
    assert rekan.predikat == "baik" and rekan.rating_hasil == "di_atas"
    teks = _teks_pdf(
        _pdf(page, live.url + reverse("evaluasi_cetak_keberatan", kwargs={"pk": rekan.pk})), tmp_path, "d-1-3"
    )
    assert "KEBERATAN" in teks.upper()
    assert "bukti belum dipertimbangkan" in teks
    assert "diunggah setelah saya menilai" in teks
    assert "hasil kerja di atas ekspektasi" in teks
    with tenant_context(pemda.pk):
        d11 = Dokumen.objects.get(objek_id=rekan.pk, format_kode="D.1.1")
        assert d11.status != StatusDokumen.DIGANTIKAN  # the old document stays as it was
    lama = _pdf(page, live.url + reverse("evaluasi_cetak_dokumen", kwargs={"pk": rekan.pk}))
    assert "Dedi Kurniawan" in _teks_pdf(lama, tmp_path, "d-1-1-lama")
    j.keluar()
