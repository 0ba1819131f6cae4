"""Helpers of the document tests: PAdES validation with pyHanko, and PDF text extraction."""

import io
import shutil
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from dokumen import sertifikat


def validasi(pdf: bytes, sertifikat_pem: str):
    """pyHanko's status of the (only) signature of `pdf`, with the Pemda's certificate as the trust root."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    [tanda_tangan] = reader.embedded_signatures
    konteks = ValidationContext(trust_roots=[sertifikat.sertifikat_asn1(sertifikat_pem)])
    return tanda_tangan, validate_pdf_signature(tanda_tangan, konteks)


def teks_pdf(pdf: bytes, *, mentah: bool = False) -> str:
    """The text of a PDF (poppler's pdftotext), to check what a reader sees. `mentah`: in content-stream
    order (-raw), which keeps rotated text such as the draft watermark together."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    hasil = subprocess.run(
        ["pdftotext", "-raw" if mentah else "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return hasil.stdout.decode("utf-8")


def jumlah_halaman(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
