"""Who puts the cryptographic signature on a finished PDF: the seam for the national PKI.

Today every finished document is sealed once, after its last signer confirmed with her password, with the
Pemda's own certificate (`PenandaSertifikatPemda`): a PAdES baseline signature (SubFilter
ETSI.CAdES.detached) in an invisible signature field. The people's signatures are recorded as TandaTangan
rows and printed in their blocks; the seal binds them to the bytes.

To use personal certificates of the national PKI (BSrE, Balai Besar Sertifikasi Elektronik) later, write a
class with the same `tandatangani()` and point `settings.DOKUMEN_PENANDA` at a factory
`(pemda_id) -> Penanda` (dotted path). A BSrE signer would call its signing API with the PDF and the
signer's identity and passphrase instead of using a stored key; per-signer signatures would then be added
in `services.tanda_tangani` at each signature (incremental PAdES revisions) rather than once at the end.
Nothing else in the engine depends on where the key lives.
"""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import sertifikat as sert
from .models import SertifikatPemda

NAMA_FIELD = "SegelPemda"


@dataclass(frozen=True)
class PermintaanTandaTangan:
    """What goes into the signature dictionary besides the CMS: shown by PDF readers."""

    alasan: str
    lokasi: str
    nama: str
    kontak: str = ""


class Penanda(Protocol):
    """Signs the bytes of a finished PDF and returns the signed PDF."""

    sertifikat: SertifikatPemda | None

    def tandatangani(self, pdf: bytes, *, permintaan: PermintaanTandaTangan) -> bytes: ...


class PenandaSertifikatPemda:
    """Seals with the Pemda's stored certificate (dokumen/sertifikat.py)."""

    def __init__(self, sertifikat: SertifikatPemda):
        self.sertifikat = sertifikat

    def _signer(self) -> signers.SimpleSigner:
        cert = sert.sertifikat_asn1(self.sertifikat.sertifikat_pem)
        return signers.SimpleSigner(
            signing_cert=cert,
            signing_key=sert.kunci_asn1(self.sertifikat.kunci_pem_terenkripsi),
            cert_registry=SimpleCertificateStore.from_certs([cert]),
        )

    def tandatangani(self, pdf: bytes, *, permintaan: PermintaanTandaTangan) -> bytes:
        return _di_luar_event_loop(self._tandatangani, pdf, permintaan)

    def _tandatangani(self, pdf: bytes, permintaan: PermintaanTandaTangan) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=NAMA_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=permintaan.alasan,
            location=permintaan.lokasi,
            name=permintaan.nama,
            contact_info=permintaan.kontak or None,
        )
        out = signers.sign_pdf(
            writer,
            meta,
            signer=self._signer(),
            new_field_spec=fields.SigFieldSpec(sig_field_name=NAMA_FIELD),
        )
        return out.getvalue()


def _di_luar_event_loop(fungsi, *args):
    """pyHanko's synchronous API runs `asyncio.run()`, which fails in a thread that already runs an event
    loop (an ASGI server, async code calling the service): then sign in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi(*args)
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(fungsi, *args).result()


def penanda_sertifikat_pemda(pemda_id: int) -> Penanda:
    from .services import sertifikat_pemda_pastikan

    return PenandaSertifikatPemda(sertifikat_pemda_pastikan(pemda_id=pemda_id))


def penanda_untuk(pemda_id: int) -> Penanda:
    """The signer of this Pemda's documents (settings.DOKUMEN_PENANDA, default: its own certificate)."""
    factory = getattr(settings, "DOKUMEN_PENANDA", None)
    if factory:
        return import_string(factory)(pemda_id)
    return penanda_sertifikat_pemda(pemda_id)
