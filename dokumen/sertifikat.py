"""The Pemda's self-signed sealing certificate: made, stored encrypted, loaded for pyHanko.

Key: EC P-256 (small signatures, fast; accepted by PAdES validators). Subject: CN = nama instansi,
O = nama Pemda, C = ID. Validity: five years. Key usage: digitalSignature + nonRepudiation (content
commitment), extended key usage documentSigning (RFC 9336), as document-sealing certificates carry.
"""

import datetime
import hashlib
import hmac

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

MASA_BERLAKU_TAHUN = 5
# id-kp-documentSigning (RFC 9336)
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


def kata_sandi_kunci() -> bytes:
    """Password of the stored private keys, derived from SECRET_KEY (see SertifikatPemda's docstring)."""
    return (
        hmac.new(settings.SECRET_KEY.encode(), b"kinerja.dokumen.sertifikat-pemda.v1", hashlib.sha256)
        .hexdigest()
        .encode()
    )


def buat(*, nama_instansi: str, nama_pemda: str, sekarang: datetime.datetime | None = None) -> dict:
    """A new key and self-signed certificate. Returns the fields of a SertifikatPemda row."""
    sekarang = sekarang or datetime.datetime.now(datetime.UTC)
    kunci = ec.generate_private_key(ec.SECP256R1())
    subjek = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, nama_instansi[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, nama_pemda[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    mulai = sekarang - datetime.timedelta(minutes=5)
    sampai = sekarang + datetime.timedelta(days=365 * MASA_BERLAKU_TAHUN)
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai)
        .not_valid_after(sampai)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    der = sertifikat.public_bytes(serialization.Encoding.DER)
    return {
        # Written as people read it: "CN=Pemerintah Kabupaten Sumedang, O=Kabupaten Sumedang, C=ID".
        "subjek": ", ".join(f"{a.rfc4514_attribute_name}={a.value}" for a in sertifikat.subject),
        "sertifikat_pem": sertifikat.public_bytes(serialization.Encoding.PEM).decode(),
        "kunci_pem_terenkripsi": kunci.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(kata_sandi_kunci()),
        ).decode(),
        "sidik_jari_sha256": hashlib.sha256(der).hexdigest(),
        "berlaku_mulai": mulai,
        "berlaku_sampai": sampai,
    }


def sertifikat_asn1(sertifikat_pem: str) -> asn1_x509.Certificate:
    cert = x509.load_pem_x509_certificate(sertifikat_pem.encode())
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def kunci_asn1(kunci_pem_terenkripsi: str, kata_sandi: bytes | None = None) -> asn1_keys.PrivateKeyInfo:
    """The decrypted private key; raises ValueError when SECRET_KEY changed since it was stored."""
    kata_sandi = kata_sandi or kata_sandi_kunci()
    kunci = serialization.load_pem_private_key(kunci_pem_terenkripsi.encode(), password=kata_sandi)
    der = kunci.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return asn1_keys.PrivateKeyInfo.load(der)
