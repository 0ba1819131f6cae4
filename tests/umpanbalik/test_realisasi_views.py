"""The realisasi pages (/pelaksanaan/skp/<pk>/realisasi/, the htmx forms, the history) and the download of a
bukti: who sees what, who may write, bad input answered with a message, files served only to readers.

`skp_cepat` is the Pegawai's set SKP built directly (2 RHK x 2 IKI, target 4 modul): the pages read it like
one that went through the signing flow, at a fraction of the cost."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.scoping import tenant_context
from tests.factories import IkiFactory, RhkFactory, SkpFactory, UndanganUmpanBalikFactory
from umpanbalik.models import BuktiDukung, Realisasi
from umpanbalik.periode import Periode
from umpanbalik.services.catatan import catatan_harian_buat
from umpanbalik.services.realisasi import bukti_tautan, bukti_unggah, realisasi_catat

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MARET = Periode("bulanan", 3, 2026)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def bangun_skp_cepat(world):
    skp = SkpFactory(
        pemda=world.sumedang,
        pegawai=world.pegawai,
        jabatan=world.pelaksana,
        unit=world.seksi,
        penilai=world.penilai,
        atasan_penilai=world.atasan,
        status="ditetapkan",
        ditetapkan_sebagai="penilai",
    )
    for n in (1, 2):
        rhk = RhkFactory(pemda=world.sumedang, skp=skp, teks=f"Aplikasi layanan {n} terbangun", urutan=n)
        for m in (1, 2):
            IkiFactory(
                pemda=world.sumedang,
                rhk=rhk,
                teks=f"Modul {n}.{m} berjalan",
                target_angka=4,
                target_satuan="modul",
                urutan=m,
            )
    return skp


@pytest.fixture
def skp_cepat(world):
    return bangun_skp_cepat(world)


def iki_pertama(skp):
    with scopes_disabled():
        return skp.rhk.order_by("urutan").first().iki.order_by("urutan").first()


def catat(world, skp, **kwargs):
    kwargs.setdefault("nilai", 1)
    with tenant_context(world.sumedang.pk):
        return realisasi_catat(
            skp=skp,
            iki=iki_pertama(skp),
            periode=kwargs.pop("periode", MARET),
            by=world.users.pegawai,
            **kwargs,
        )


def unggah_pdf(world, r, nama="laporan.pdf", isi=PDF):
    with tenant_context(world.sumedang.pk):
        return bukti_unggah(
            realisasi=r, by=world.users.pegawai, berkas=SimpleUploadedFile(nama, isi, "application/pdf")
        )


def url_halaman(skp, periode=""):
    url = reverse("realisasi_skp", kwargs={"pk": skp.pk})
    return f"{url}?periode={periode}" if periode else url


def html(response):
    return response.content.decode()


# The page --------------------------------------------------------------------------------------------------
def test_the_owner_sees_this_months_page_with_targets_and_a_form_per_iki(login, world, skp_cepat):
    catat(world, skp_cepat, nilai=3, teks="Tiga modul selesai")
    response = login(world.users.pegawai).get(url_halaman(skp_cepat))
    isi = html(response)
    assert response.status_code == 200
    assert "Realisasi Maret 2026" in isi
    assert "Aplikasi layanan 1 terbangun" in isi and "Modul 2.2 berjalan" in isi
    assert "Target: 4 modul" in isi
    assert "3 modul" in isi and "Tiga modul selesai" in isi and "versi 1" in isi
    assert isi.count('id="form-realisasi-') == 4
    assert "Tarik dari catatan harian" in isi
    assert 'value="bulanan-4"' in isi and "(belum dimulai)" in isi


@pytest.mark.parametrize("siapa", ["penilai", "atasan", "admin", "bupati"])
def test_readers_who_are_not_the_owner_see_it_read_only(login, world, skp_cepat, siapa):
    r = catat(world, skp_cepat, nilai=2)
    unggah_pdf(world, r)
    response = login(getattr(world.users, siapa)).get(url_halaman(skp_cepat))
    isi = html(response)
    assert response.status_code == 200
    assert "2 modul" in isi and "laporan.pdf" in isi
    assert "form-realisasi-" not in isi and "form-bukti-" not in isi and "Hapus" not in isi
    assert "hanya Pegawai pemilik SKP" in isi


@pytest.mark.parametrize("siapa", ["rekan", "kadis", "outsider"])
def test_those_who_may_not_read_the_skp_get_404(login, world, skp_cepat, siapa):
    assert login(getattr(world.users, siapa)).get(url_halaman(skp_cepat)).status_code == 404


def test_an_invited_peer_reads_the_page(login, world, skp_cepat):
    UndanganUmpanBalikFactory(
        pemda=world.sumedang, content_object=skp_cepat, pegawai=world.rekan, user=world.users.rekan
    )
    response = login(world.users.rekan).get(url_halaman(skp_cepat))
    assert response.status_code == 200
    assert "form-realisasi-" not in html(response)


def test_another_period_is_chosen_by_its_code(login, world, skp_cepat):
    catat(world, skp_cepat, nilai=1, periode=Periode("bulanan", 2, 2026))
    isi = html(login(world.users.pegawai).get(url_halaman(skp_cepat, "bulanan-2")))
    assert "Realisasi Februari 2026" in isi and "1 modul" in isi
    assert "Tahun 2026" in isi  # the yearly period is offered too


@pytest.mark.parametrize(
    ("kode", "pesan"),
    [("triwulanan-1", "tidak dikenal"), ("bulanan-13", "1 sampai 12"), ("bulanan-x", "harus angka")],
)
def test_a_bad_period_code_is_a_400_with_a_message(login, world, skp_cepat, kode, pesan):
    response = login(world.users.pegawai).get(url_halaman(skp_cepat, kode))
    assert response.status_code == 400
    assert pesan in html(response)


# Recording -------------------------------------------------------------------------------------------------
def data_realisasi(iki, **kwargs):
    data = {f"iki{iki.pk}-periode": "bulanan-3", f"iki{iki.pk}-sifat": "progres"}
    data.update({f"iki{iki.pk}-{k}": v for k, v in kwargs.items()})
    return data


def test_the_owner_records_with_htmx_and_a_pdf_and_gets_the_card_back(login, world, skp_cepat):
    iki = iki_pertama(skp_cepat)
    berkas = SimpleUploadedFile("bukti maret.pdf", PDF, "application/pdf")
    data = data_realisasi(
        iki,
        nilai="2",
        teks="Dua modul",
        berkas=berkas,
        tautan="https://contoh.go.id/rapat",
        keterangan="Notulen",
    )
    response = login(world.users.pegawai).post(
        reverse("realisasi_catat", kwargs={"pk": iki.pk}), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200, html(response)
    isi = html(response)
    assert isi.lstrip().startswith(f'<article class="iki-realisasi" id="iki-{iki.pk}">')
    assert "2 modul" in isi and "bukti maret.pdf" in isi and "https://contoh.go.id/rapat" in isi
    with scopes_disabled():
        r = Realisasi.objects.get(iki=iki, berlaku=True)
        assert (r.nilai, r.teks, r.versi) == (2, "Dua modul", 1)
        assert r.bukti.count() == 2


def test_a_file_pretending_to_be_a_pdf_is_refused_and_nothing_is_recorded(login, world, skp_cepat):
    iki = iki_pertama(skp_cepat)
    palsu = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 program", "application/pdf")
    response = login(world.users.pegawai).post(
        reverse("realisasi_catat", kwargs={"pk": iki.pk}),
        data_realisasi(iki, nilai="2", berkas=palsu),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Isi berkas bukan PDF" in html(response)
    with scopes_disabled():
        assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()


def test_a_missing_value_is_a_400_on_the_whole_page_without_htmx(login, world, skp_cepat):
    iki = iki_pertama(skp_cepat)
    response = login(world.users.pegawai).post(
        reverse("realisasi_catat", kwargs={"pk": iki.pk}), data_realisasi(iki, nilai="")
    )
    assert response.status_code == 400
    assert "Isi capaian berupa angka" in html(response)
    assert "Realisasi belum disimpan" in html(response)


def test_without_htmx_recording_redirects_to_the_period(login, world, skp_cepat):
    iki = iki_pertama(skp_cepat)
    response = login(world.users.pegawai).post(
        reverse("realisasi_catat", kwargs={"pk": iki.pk}), data_realisasi(iki, nilai="1")
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url_halaman(skp_cepat, 'bulanan-3')}#iki-{iki.pk}"


def test_the_penilai_cannot_record_for_the_pegawai(login, world, skp_cepat):
    iki = iki_pertama(skp_cepat)
    response = login(world.users.penilai).post(
        reverse("realisasi_catat", kwargs={"pk": iki.pk}), data_realisasi(iki, nilai="4")
    )
    assert response.status_code == 403
    with scopes_disabled():
        assert not Realisasi.objects.exists()


def test_a_bukti_is_added_and_removed_as_a_new_version(login, world, skp_cepat):
    r = catat(world, skp_cepat)
    client = login(world.users.pegawai)
    iki = iki_pertama(skp_cepat)
    response = client.post(
        reverse("bukti_tambah", kwargs={"pk": r.pk}),
        {f"bukti{iki.pk}-tautan": "https://contoh.go.id/foto", f"bukti{iki.pk}-keterangan": "Foto kegiatan"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Foto kegiatan" in html(response)
    with scopes_disabled():
        bukti = r.bukti.get()
    response = client.post(reverse("bukti_hapus", kwargs={"pk": bukti.pk}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "versi 2" in html(response)
    with scopes_disabled():
        assert Realisasi.objects.get(berlaku=True).bukti.count() == 0
        assert r.bukti.count() == 1


def test_a_bukti_form_without_file_or_link_says_so(login, world, skp_cepat):
    r = catat(world, skp_cepat)
    response = login(world.users.pegawai).post(reverse("bukti_tambah", kwargs={"pk": r.pk}), {})
    assert response.status_code == 400
    assert "Pilih berkas atau isi tautan" in html(response)


def test_the_catatan_harian_are_pulled_into_the_note(login, world, skp_cepat, hari):
    iki = iki_pertama(skp_cepat)
    with tenant_context(world.sumedang.pk):
        catatan_harian_buat(
            skp=skp_cepat,
            by=world.users.pegawai,
            tanggal=datetime.date(2026, 3, 5),
            uraian="Menyusun modul login",
            rhk=iki.rhk,
        )
    client = login(world.users.pegawai)
    url = reverse("realisasi_tarik_catatan", kwargs={"pk": iki.pk})
    response = client.get(
        f"{url}?periode=bulanan-3", {f"iki{iki.pk}-teks": "Catatan saya"}, HTTP_HX_REQUEST="true"
    )
    isi = html(response)
    assert response.status_code == 200
    assert f'name="iki{iki.pk}-teks"' in isi
    assert "Catatan saya\n- 5 Maret 2026: Menyusun modul login" in isi
    # Without htmx the page opens with the note filled.
    response = client.get(f"{url}?periode=bulanan-3")
    assert response.status_code == 302
    halaman = client.get(response["Location"])
    assert "- 5 Maret 2026: Menyusun modul login" in html(halaman)


def test_the_history_shows_every_version_with_its_bukti(login, world, skp_cepat):
    v1 = catat(world, skp_cepat, nilai=1)
    unggah_pdf(world, v1, "maret-awal.pdf")
    v2 = catat(world, skp_cepat, nilai=3, alasan="Dua modul lagi selesai")
    for siapa in ("pegawai", "penilai"):
        response = login(getattr(world.users, siapa)).get(reverse("realisasi_riwayat", kwargs={"pk": v2.pk}))
        isi = html(response)
        assert response.status_code == 200
        assert "Versi 2" in isi and "Versi 1" in isi and "Digantikan" in isi and "Berlaku" in isi
        assert "Dua modul lagi selesai" in isi
        assert isi.count("maret-awal.pdf") == 2
    assert login(world.users.rekan).get(reverse("realisasi_riwayat", kwargs={"pk": v1.pk})).status_code == 404


# Download --------------------------------------------------------------------------------------------------
def test_the_file_is_served_to_those_who_may_read_the_skp(login, world, skp_cepat):
    b = unggah_pdf(world, catat(world, skp_cepat), "Laporan Maret.pdf")
    url = reverse("bukti_unduh", kwargs={"pk": b.pk})
    for siapa in ("pegawai", "penilai", "atasan", "admin", "bupati"):
        response = login(getattr(world.users, siapa)).get(url)
        assert response.status_code == 200, siapa
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert 'filename="Laporan Maret.pdf"' in response["Content-Disposition"]


def test_a_rekan_sees_the_file_only_while_invited(login, world, skp_cepat):
    b = unggah_pdf(world, catat(world, skp_cepat))
    url = reverse("bukti_unduh", kwargs={"pk": b.pk})
    client = login(world.users.rekan)
    assert client.get(url).status_code == 404
    undangan = UndanganUmpanBalikFactory(
        pemda=world.sumedang, content_object=skp_cepat, pegawai=world.rekan, user=world.users.rekan
    )
    assert client.get(url).status_code == 200
    with scopes_disabled():
        type(undangan).objects.filter(pk=undangan.pk).update(dicabut_pada=datetime.datetime.now(datetime.UTC))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("siapa", ["kadis", "outsider", "outsider_admin"])
def test_others_get_404_for_the_file(login, world, skp_cepat, siapa):
    b = unggah_pdf(world, catat(world, skp_cepat))
    assert (
        login(getattr(world.users, siapa)).get(reverse("bukti_unduh", kwargs={"pk": b.pk})).status_code == 404
    )


def test_anonymous_is_sent_to_login(client, world, skp_cepat):
    b = unggah_pdf(world, catat(world, skp_cepat))
    response = client.get(reverse("bukti_unduh", kwargs={"pk": b.pk}))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_an_office_file_is_a_download_and_a_link_a_redirect(login, world, skp_cepat):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    r = catat(world, skp_cepat)
    with tenant_context(world.sumedang.pk):
        docx = bukti_unggah(
            realisasi=r, by=world.users.pegawai, berkas=SimpleUploadedFile("notulen.docx", buf.getvalue())
        )
        tautan = bukti_tautan(realisasi=r, by=world.users.pegawai, tautan="https://contoh.go.id/album")
    client = login(world.users.penilai)
    response = client.get(reverse("bukti_unduh", kwargs={"pk": docx.pk}))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    response = client.get(reverse("bukti_unduh", kwargs={"pk": tautan.pk}))
    assert response.status_code == 302 and response["Location"] == "https://contoh.go.id/album"


# Query counts ----------------------------------------------------------------------------------------------
def _jumlah_query(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import RLS_SETUP_MARK

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len([q for q in ctx.captured_queries if RLS_SETUP_MARK not in q["sql"]])


def test_the_page_runs_a_fixed_number_of_queries_whatever_the_number_of_iki_and_bukti(
    login, world, skp_cepat
):
    client = login(world.users.pegawai)
    r = catat(world, skp_cepat)
    unggah_pdf(world, r)
    client.get(url_halaman(skp_cepat))  # warm the per-Pemda caches (letterhead) and the session
    sedikit = _jumlah_query(client, url_halaman(skp_cepat))
    for n in range(3):
        rhk = RhkFactory(pemda=world.sumedang, skp=skp_cepat, urutan=10 + n)
        for _ in range(3):
            iki = IkiFactory(pemda=world.sumedang, rhk=rhk, target_angka=4, target_satuan="modul")
            with tenant_context(world.sumedang.pk):
                lain = realisasi_catat(skp=skp_cepat, iki=iki, periode=MARET, by=world.users.pegawai, nilai=1)
                bukti_tautan(realisasi=lain, by=world.users.pegawai, tautan="https://contoh.go.id/a")
    assert _jumlah_query(client, url_halaman(skp_cepat)) == sedikit
    assert sedikit <= 20
