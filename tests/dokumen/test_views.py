"""The public verification page (no login; shows only what was signed) and the signers' PDF download."""

import hashlib
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from dokumen import selectors, views
from kinerja.scoping import tenant_context

pytestmark = pytest.mark.django_db


def _url(dokumen):
    return reverse("dokumen_verifikasi", kwargs={"token": dokumen.token})


# Verification page --------------------------------------------------------------------------------------
def test_anyone_sees_what_was_signed_by_whom_and_when(client, ditandatangani):
    response = client.get(_url(ditandatangani))
    assert response.status_code == 200
    isi = response.content.decode()
    for teks in (
        "X.1",
        "Contoh Dokumen Kinerja",
        "Kabupaten Sumedang",
        "Pemerintah Kabupaten Sumedang",
        ditandatangani.html_sha256,
        ditandatangani.pdf_sha256,
        ditandatangani.sertifikat.sidik_jari_sha256,
        "Siti Aminah",
        "Budi Santoso",
        "Pengelola Aplikasi",
        "Pejabat Penilai Kinerja",
        "versi yang berlaku",
    ):
        assert teks in isi, teks
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_page_reveals_nothing_beyond_the_signed_record(client, ditandatangani, terbitkan, sumedang):
    lain = terbitkan(objek=sumedang.rekan, judul="Dokumen Rekan Lain")
    isi = client.get(_url(ditandatangani)).content.decode()
    assert "Dokumen Rekan Lain" not in isi and str(lain.token) not in isi
    assert "Rudi Hartono" not in isi  # another Pegawai of the Pemda
    assert sumedang.pegawai.nip not in isi and sumedang.pegawai.nip_format not in isi  # no NIPs
    assert "Aplikasi layanan kepegawaian" not in isi  # not the document's content
    assert "%PDF" not in isi


def test_a_document_awaiting_signatures_says_so(client, terbitkan):
    dokumen = terbitkan()
    isi = client.get(_url(dokumen)).content.decode()
    assert "belum ditandatangani lengkap" in isi
    assert "belum ada (menunggu tanda tangan)" in isi


def test_a_superseded_version_shows_a_banner_and_links_to_the_current_one(client, ditandatangani, terbitkan):
    kedua = terbitkan()
    ketiga = terbitkan()
    response = client.get(_url(ditandatangani))
    isi = response.content.decode()
    assert response.status_code == 200
    assert "sudah <strong>digantikan</strong>" in isi
    assert _url(ketiga) in isi and "versi 3" in isi
    assert _url(kedua) not in isi
    assert "versi yang berlaku" not in client.get(_url(kedua)).content.decode()
    assert "sudah <strong>digantikan</strong>" not in client.get(_url(ketiga)).content.decode()


def test_an_unknown_token_is_404(client, ditandatangani):
    assert client.get(reverse("dokumen_verifikasi", kwargs={"token": uuid.uuid4()})).status_code == 404
    assert client.get("/verifikasi/bukan-token/").status_code == 404


def test_a_logged_in_user_of_another_pemda_sees_the_same_public_record(login, ditandatangani, sumedang):
    response = login(sumedang.users.outsider).get(_url(ditandatangani))
    assert response.status_code == 200
    assert "Siti Aminah" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Row-Level Security is PostgreSQL only")
def test_the_lookup_across_pemda_leaves_the_requests_own_pemda_set_for_rls(ditandatangani, sumedang):
    # set_config(..., true) lasts to the end of the transaction, not of national_context's savepoint.
    with tenant_context(sumedang.bogor.pk):
        assert selectors.verifikasi(ditandatangani.token).judul == "Contoh Dokumen Kinerja"
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('app.pemda_id', true)")
            assert cursor.fetchone()[0] == str(sumedang.bogor.pk)


def test_the_uploaded_signed_pdf_matches(client, ditandatangani):
    berkas = SimpleUploadedFile("skp.pdf", bytes(ditandatangani.pdf), content_type="application/pdf")
    response = client.post(_url(ditandatangani), {"berkas": berkas})
    assert response.status_code == 200
    assert "<strong>Cocok.</strong>" in response.content.decode()


def test_an_altered_pdf_does_not_match(client, ditandatangani):
    diubah = bytes(ditandatangani.pdf) + b"\n% tambahan"
    berkas = SimpleUploadedFile("skp.pdf", diubah, content_type="application/pdf")
    isi = client.post(_url(ditandatangani), {"berkas": berkas}).content.decode()
    assert "<strong>Tidak cocok.</strong>" in isi
    assert hashlib.sha256(diubah).hexdigest() in isi


def test_nothing_matches_before_the_document_is_final(client, terbitkan):
    dokumen = terbitkan()
    berkas = SimpleUploadedFile("skp.pdf", b"%PDF-1.7", content_type="application/pdf")
    isi = client.post(_url(dokumen), {"berkas": berkas}).content.decode()
    assert "Tidak cocok" in isi and "belum punya PDF final" in isi


def test_an_upload_over_the_limit_is_refused(client, ditandatangani, monkeypatch):
    monkeypatch.setattr(views, "UNGGAH_MAKS_BYTE", 100)
    berkas = SimpleUploadedFile("besar.pdf", b"x" * 101, content_type="application/pdf")
    response = client.post(_url(ditandatangani), {"berkas": berkas})
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


# Download -----------------------------------------------------------------------------------------------
def _pdf_url(dokumen):
    return reverse("dokumen_pdf", kwargs={"pk": dokumen.pk})


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "admin"])
def test_signers_and_the_admin_bkpsdm_download_the_signed_pdf(login, ditandatangani, sumedang, persona):
    response = login(getattr(sumedang.users, persona)).get(_pdf_url(ditandatangani))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(ditandatangani.pdf)
    assert 'filename="x1-contoh-dokumen-kinerja-v1.pdf"' in response["Content-Disposition"]


def test_before_it_is_final_the_download_is_a_draft(login, terbitkan, sumedang):
    dokumen = terbitkan()
    response = login(sumedang.users.pegawai).get(_pdf_url(dokumen))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "-draf.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("persona", ["rekan", "atasan", "bupati"])
def test_other_users_of_the_pemda_get_403(login, ditandatangani, sumedang, persona):
    assert login(getattr(sumedang.users, persona)).get(_pdf_url(ditandatangani)).status_code == 403


@pytest.mark.parametrize("persona", ["outsider", "outsider_admin"])
def test_users_of_another_pemda_get_404(login, ditandatangani, sumedang, persona):
    assert login(getattr(sumedang.users, persona)).get(_pdf_url(ditandatangani)).status_code == 404


def test_anonymous_users_are_sent_to_login(client, ditandatangani):
    response = client.get(_pdf_url(ditandatangani))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
