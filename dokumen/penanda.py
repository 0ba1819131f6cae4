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
import functools
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
# Room for the CMS in the PDF. Left unset, pyHanko signs a dummy first to measure it (a second signature,
# about a fifth of the time). An EC P-256 seal with its certificate and signed attributes is about 1.5 kB;
# the rest of the room stays zeros in /Contents, as pyHanko's own estimate leaves some.
RUANG_CMS = 8192


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
        s = self.sertifikat
        return _signer(s.sertifikat_pem, s.kunci_pem_terenkripsi, sert.kata_sandi_kunci())

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
            bytes_reserved=RUANG_CMS,
        )
        return out.getvalue()


@functools.lru_cache(maxsize=16)
def _signer(sertifikat_pem: str, kunci_pem_terenkripsi: str, kata_sandi: bytes) -> signers.SimpleSigner:
    """The signer of one stored certificate, built once per process: decrypting and loading the key costs
    about as much as a seal. Keyed by the stored texts and the key's password, so a renewed certificate, a
    new key or a changed SECRET_KEY is never served from an old entry."""
    cert = sert.sertifikat_asn1(sertifikat_pem)
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=sert.kunci_asn1(kunci_pem_terenkripsi, kata_sandi),
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )


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
