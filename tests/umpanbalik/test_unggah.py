"""umpanbalik.unggah: what a file is comes from its content, the name must agree, size and emptiness are
checked, and storage is by content hash under MEDIA_ROOT."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from umpanbalik import unggah
from umpanbalik.models import BuktiDukung

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 200
    + b"This program cannot be run"
)


def berkas(nama, isi, tipe="application/octet-stream"):
    return SimpleUploadedFile(nama, isi, content_type=tipe)


def gambar(format_):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, format=format_)
    return buf.getvalue()


def zip_dengan(entri: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for nama, isi in entri.items():
            z.writestr(nama, isi)
    return buf.getvalue()


DOCX = zip_dengan({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_dengan({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_dengan({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = zip_dengan({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})


def pesan(exc) -> str:
    return " ".join(exc.value.message_dict["berkas"])


def test_a_real_pdf_made_by_weasyprint_is_accepted():
    from weasyprint import HTML

    isi = HTML(string="<p>Laporan modul</p>").write_pdf()
    hasil = unggah.periksa(berkas("Laporan Maret.pdf", isi, "application/pdf"))
    assert hasil.jenis is unggah.PDF
    assert (hasil.nama, hasil.ukuran) == ("Laporan Maret.pdf", len(isi))
    assert len(hasil.sha256) == 64


@pytest.mark.parametrize(
    ("nama", "isi", "jenis"),
    [
        ("bukti.pdf", PDF, unggah.PDF),
        ("BUKTI.PDF", PDF, unggah.PDF),
        ("foto.png", gambar("PNG"), unggah.PNG),
        ("foto.jpg", gambar("JPEG"), unggah.JPEG),
        ("foto.jpeg", gambar("JPEG"), unggah.JPEG),
        ("laporan.docx", DOCX, unggah.DOCX),
        ("rekap.xlsx", XLSX, unggah.XLSX),
        ("notulen.odt", ODT, unggah.ODT),
        ("rekap.ods", ODS, unggah.ODS),
    ],
)
def test_accepted_kinds_are_recognised_by_their_content(nama, isi, jenis):
    assert unggah.periksa(berkas(nama, isi)).jenis is jenis


def test_a_text_file_named_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas("laporan.pdf", b"Ini hanya teks biasa, bukan PDF.\n", "application/pdf"))
    assert "Isi berkas bukan PDF" in pesan(exc)


def test_an_exe_renamed_png_is_refused_whatever_the_browser_says():
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas("foto.png", EXE, "image/png"))
    assert "Isi berkas bukan PNG" in pesan(exc)


@pytest.mark.parametrize(
    ("nama", "isi", "kata"),
    [
        ("foto.png", PDF, "bukan PNG"),
        ("laporan.pdf", gambar("PNG"), "bukan PDF"),
        ("rekap.xlsx", DOCX, "bukan XLSX"),
        ("laporan.docx", zip_dengan({"isi.txt": b"x"}), "bukan DOCX"),
        ("laporan.docx", b"PK\x03\x04rusak", "bukan DOCX"),
        ("notulen.odt", ODS, "bukan ODT"),
    ],
)
def test_the_extension_must_agree_with_the_content(nama, isi, kata):
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas(nama, isi))
    assert kata in pesan(exc)


@pytest.mark.parametrize("nama", ["program.exe", "skrip.html", "arsip.zip", "tanpa_ekstensi"])
def test_other_kinds_are_refused_by_name(nama):
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas(nama, PDF))
    assert "tidak diterima" in pesan(exc)
    assert "PDF, PNG, JPEG" in pesan(exc)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas("kosong.pdf", b""))
    assert "kosong" in pesan(exc)


def test_a_file_over_10_mb_is_refused_with_a_clear_message():
    besar = PDF + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas("besar.pdf", besar))
    assert "Berkas lebih dari 10 MB" in pesan(exc)


def test_the_limit_comes_from_settings(settings):
    settings.BUKTI_UKURAN_MAKS_MB = 1
    with pytest.raises(ValidationError) as exc:
        unggah.periksa(berkas("besar.pdf", PDF + b"0" * (1024 * 1024)))
    assert "Berkas lebih dari 1 MB" in pesan(exc)
    assert unggah.periksa(berkas("kecil.pdf", PDF + b"0" * 1000)).jenis is unggah.PDF


@pytest.mark.parametrize(
    ("nama", "aman"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\siti\\laporan.pdf", "laporan.pdf"),
        ("lap\x00or\nan.pdf", "laporan.pdf"),
        ("", "berkas"),
    ],
)
def test_the_original_name_loses_its_path_and_control_characters(nama, aman):
    assert unggah.nama_aman(nama) == aman


def test_a_long_name_keeps_its_extension():
    nama = unggah.nama_aman("a" * 300 + ".pdf")
    assert len(nama) <= 200 and nama.endswith(".pdf")


@pytest.mark.django_db
def test_files_are_stored_by_content_hash_under_media_root_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a, b = BuktiDukung(pemda_id=7), BuktiDukung(pemda_id=7)
    for bukti, nama in ((a, "satu.pdf"), (b, "dua.pdf")):
        f = berkas(nama, PDF)
        unggah.simpan(bukti, f, unggah.periksa(f))
    assert a.berkas.name == b.berkas.name == f"bukti/7/{a.sha256[:2]}/{a.sha256}"
    assert (a.nama_berkas, b.nama_berkas) == ("satu.pdf", "dua.pdf")
    assert (a.tipe, a.ukuran) == ("application/pdf", len(PDF))
    disimpan = list(tmp_path.rglob("*"))
    assert [p for p in disimpan if p.is_file()] == [tmp_path / a.berkas.name]
    assert (tmp_path / a.berkas.name).read_bytes() == PDF
