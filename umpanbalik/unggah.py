"""Checking and storing uploaded bukti dukung.

What a file is comes from its content (its first bytes, and for Office/OpenDocument files the entries of
the zip), never from its name or the browser's content type; the name's extension must then agree with
the content, so a text file or a program renamed `.pdf` is refused with a message that says so. Files
are stored under settings.MEDIA_ROOT (never routed) by content hash (BuktiDukung.berkas `upload_to`) and
served only through the permission-checking views.
"""

import dataclasses
import hashlib
import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage


@dataclasses.dataclass(frozen=True)
class Jenis:
    kode: str
    label: str
    tipe: str  # the content type served
    ekstensi: tuple[str, ...]
    tampil_langsung: bool = False  # shown in the browser (inline) rather than downloaded


PDF = Jenis("pdf", "PDF", "application/pdf", (".pdf",), True)
PNG = Jenis("png", "PNG", "image/png", (".png",), True)
JPEG = Jenis("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"), True)
DOCX = Jenis(
    "docx",
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Jenis("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = Jenis(
    "pptx",
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
ODT = Jenis("odt", "ODT", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = Jenis("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))

SEMUA = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS)
MENURUT_EKSTENSI = {e: j for j in SEMUA for e in j.ekstensi}
MENURUT_TIPE = {j.tipe: j for j in SEMUA}
DITERIMA = ", ".join(j.label for j in SEMUA)
# The `accept` attribute of the file inputs (a hint for the browser; the server decides).
ACCEPT = ",".join(e for j in SEMUA for e in j.ekstensi)

# Which part of an OOXML package says what it is.
_OOXML = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))


def ukuran_maks_mb() -> int:
    return int(getattr(settings, "BUKTI_UKURAN_MAKS_MB", 10))


@dataclasses.dataclass(frozen=True)
class BerkasDiperiksa:
    nama: str
    ukuran: int
    jenis: Jenis
    sha256: str


def nama_aman(nama: str) -> str:
    """The user's file name for display and Content-Disposition: no path, no control characters."""
    nama = os.path.basename((nama or "").replace("\\", "/"))
    nama = "".join(c for c in nama if unicodedata.category(c)[0] != "C").strip()
    if len(nama) > 200:
        dasar, ext = os.path.splitext(nama)
        nama = dasar[: 200 - len(ext[:20])] + ext[:20]
    return nama or "berkas"


def _ooxml_atau_odf(berkas) -> Jenis | None:
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as z:
            nama = z.namelist()
            if "[Content_Types].xml" in nama:
                for awalan, jenis in _OOXML:
                    if any(n.startswith(awalan) for n in nama):
                        return jenis
                return None
            if "mimetype" in nama:
                with z.open("mimetype") as m:
                    tipe = m.read(100).decode("ascii", "replace").strip()
                return {ODT.tipe: ODT, ODS.tipe: ODS}.get(tipe)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
        return None
    return None


def kenali(berkas) -> Jenis | None:
    """The kind of file from its content, or None when it is none of the accepted kinds."""
    berkas.seek(0)
    kepala = berkas.read(16)
    if kepala.startswith(b"%PDF-"):
        return PDF
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kepala.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kepala.startswith(b"PK\x03\x04"):
        return _ooxml_atau_odf(berkas)
    return None


def _sha256(berkas) -> str:
    h = hashlib.sha256()
    berkas.seek(0)
    for potongan in berkas.chunks() if hasattr(berkas, "chunks") else iter(lambda: berkas.read(65536), b""):
        h.update(potongan)
    berkas.seek(0)
    return h.hexdigest()


def periksa(berkas) -> BerkasDiperiksa:
    """Refuse (ValidationError on `berkas`) what is empty, too large, not an accepted kind by its content,
    or named as another kind than it is."""
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas yang akan diunggah."})
    nama = nama_aman(getattr(berkas, "name", ""))
    ukuran = berkas.size or 0
    maks = ukuran_maks_mb()
    if ukuran <= 0:
        raise ValidationError({"berkas": "Berkas kosong tidak dapat diunggah."})
    if ukuran > maks * 1024 * 1024:
        raise ValidationError({"berkas": f"Berkas lebih dari {maks} MB; unggah berkas yang lebih kecil."})
    ekstensi = os.path.splitext(nama)[1].lower()
    diharapkan = MENURUT_EKSTENSI.get(ekstensi)
    if diharapkan is None:
        tertulis = ekstensi or "tanpa ekstensi"
        raise ValidationError(
            {"berkas": f"Jenis berkas {tertulis} tidak diterima. Yang diterima: {DITERIMA}."}
        )
    jenis = kenali(berkas)
    if jenis is None or jenis != diharapkan:
        raise ValidationError(
            {"berkas": f"Isi berkas bukan {diharapkan.label}, walaupun namanya berakhiran {ekstensi}."}
        )
    return BerkasDiperiksa(nama=nama, ukuran=ukuran, jenis=jenis, sha256=_sha256(berkas))


def simpan(bukti, berkas, diperiksa: BerkasDiperiksa) -> None:
    """Put the file in storage under the model's `upload_to` name (by content hash) and fill the bukti's
    file fields (the caller saves the row). The same content uploaded twice is stored once."""
    bukti.sha256 = diperiksa.sha256
    bukti.nama_berkas = diperiksa.nama
    bukti.ukuran = diperiksa.ukuran
    bukti.tipe = diperiksa.jenis.tipe
    lokasi = bukti.berkas.field.generate_filename(bukti, diperiksa.nama)
    if default_storage.exists(lokasi):
        bukti.berkas.name = lokasi
        return
    berkas.seek(0)
    bukti.berkas.save(lokasi, berkas, save=False)


def jenis_tersimpan(tipe: str) -> Jenis | None:
    return MENURUT_TIPE.get(tipe)
