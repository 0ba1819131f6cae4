"""Issued documents: frozen HTML, expected signers, signatures, the signed PDF, the Pemda's certificate.

A `Dokumen` is one issued version of one format (e.g. "A.1.7") for one object (an SKP, an evaluation).
Its content is frozen when it is issued; it is never edited afterwards. A correction is a new version, and
the old one stays readable, marked `digantikan` with a link to its successor. Three layers hold this:
the services in dokumen/services.py (the only writers), `save()`/`delete()` below (refuse a change of a
frozen field whatever the caller), and on PostgreSQL a trigger (migration 0002) for what bypasses the ORM.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from kinerja.models import TenantModel
from kinerja.models.tenancy import check_same_pemda


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(bytes(data)).hexdigest()


class StatusDokumen(models.TextChoices):
    MENUNGGU_TANDA_TANGAN = "menunggu_tanda_tangan", "Menunggu tanda tangan"
    DITANDATANGANI = "ditandatangani", "Ditandatangani"
    DIGANTIKAN = "digantikan", "Digantikan versi baru"


class Peran(models.TextChoices):
    """Who signs in which capacity (Sumedang lampiran, formats A-D: Pegawai yang dinilai, Pejabat Penilai
    Kinerja, atasan Pejabat Penilai Kinerja; the Kepala Daerah sets the SKP of JPT)."""

    PEGAWAI = "pegawai", "Pegawai yang Dinilai"
    PENILAI = "penilai", "Pejabat Penilai Kinerja"
    ATASAN_PENILAI = "atasan_penilai", "Atasan Pejabat Penilai Kinerja"
    KEPALA_DAERAH = "kepala_daerah", "Kepala Daerah"
    # Bimbingan kinerja (B.1.6-B.1.9): the leader or another party given a special assignment.
    PEMBINA = "pembina", "Pimpinan / Pihak Lain yang Diberikan Penugasan Khusus"


class FrozenRowError(ValidationError):
    """A change to a row that the document engine keeps unchanged once written."""


class SertifikatPemda(TenantModel):
    """The certificate a Pemda seals its finished documents with (PAdES).

    For the demo it is self-signed and made on first need (dokumen/sertifikat.py). The private key is stored
    encrypted (PKCS#8, AES-256) under a password derived from settings.SECRET_KEY: a database dump alone does
    not give the key, but whoever has both the dump and SECRET_KEY has it, and changing SECRET_KEY makes the
    stored key unreadable (`manage.py sertifikat_pemda --ganti` then makes a new one; documents sealed with the
    old one still validate, their certificate travels inside each PDF and stays here). Production should keep
    the key in an HSM or use the national PKI (BSrE) through the `Penanda` seam (dokumen/penanda.py).
    """

    subjek = models.CharField(max_length=300)
    sertifikat_pem = models.TextField(help_text="Sertifikat X.509 (PEM).")
    kunci_pem_terenkripsi = models.TextField(help_text="Kunci privat PKCS#8 terenkripsi (PEM).")
    sidik_jari_sha256 = models.CharField(max_length=64)
    berlaku_mulai = models.DateTimeField()
    berlaku_sampai = models.DateTimeField()
    aktif = models.BooleanField(default=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Sertifikat Pemda"
        verbose_name_plural = "Sertifikat Pemda"
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(fields=["pemda"], condition=Q(aktif=True), name="sertifikat_satu_aktif"),
            models.UniqueConstraint(fields=["pemda", "sidik_jari_sha256"], name="sertifikat_sidik_jari_unik"),
        ]

    def __str__(self):
        return f"{self.subjek} ({self.sidik_jari_sha256[:16]})"


class Dokumen(TenantModel):
    # Fixed when the row is inserted; never changed afterwards.
    BEKU = (
        "pemda_id",
        "format_kode",
        "judul",
        "objek_jenis",
        "objek_id",
        "versi",
        "html",
        "html_sha256",
        "token",
        "diterbitkan_oleh_id",
        "diterbitkan_pada",
    )
    # Empty until the last signature, then fixed.
    SEKALI = ("pdf", "pdf_sha256", "sertifikat_id", "ditandatangani_pada", "diganti_oleh_id")
    # status may only move forward along these edges.
    LANGKAH = {
        "menunggu_tanda_tangan": {"ditandatangani", "digantikan"},
        "ditandatangani": {"digantikan"},
        "digantikan": set(),
    }

    format_kode = models.CharField(max_length=20, help_text="Kode format lampiran Perbup, mis. 'A.1.7'.")
    judul = models.CharField(max_length=250)
    objek_jenis = models.CharField(max_length=100, help_text="Label model objek, mis. 'skp.SKP'.")
    objek_id = models.BigIntegerField()
    versi = models.PositiveIntegerField()
    html = models.TextField(help_text="Isi dokumen yang dibekukan saat diterbitkan.")
    html_sha256 = models.CharField("SHA-256 isi", max_length=64)
    pdf = models.BinaryField(null=True, editable=False, help_text="PDF final bertanda tangan PAdES.")
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True)
    sertifikat = models.ForeignKey(
        SertifikatPemda, on_delete=models.PROTECT, null=True, blank=True, related_name="dokumen"
    )
    status = models.CharField(
        max_length=30, choices=StatusDokumen.choices, default=StatusDokumen.MENUNGGU_TANDA_TANGAN
    )
    diganti_oleh = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diganti oleh"
    )
    # Random and unguessable: the only key of the public verification page. Unique per Pemda in the schema
    # (uniqueness must contain the tenant column, docs/tenancy.md); across Pemda a UUID4 collision (122
    # random bits) is not a practical concern, and the page treats an ambiguous token as unknown.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    diterbitkan_pada = models.DateTimeField(editable=False)
    ditandatangani_pada = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Dokumen"
        verbose_name_plural = "Dokumen"
        ordering = ["-diterbitkan_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "objek_jenis", "objek_id", "format_kode", "versi"], name="dokumen_versi_unik"
            ),
            models.UniqueConstraint(
                fields=["pemda", "objek_jenis", "objek_id", "format_kode"],
                condition=~Q(status="digantikan"),
                name="dokumen_satu_versi_berlaku",
            ),
            models.UniqueConstraint(fields=["pemda", "token"], name="dokumen_token_unik"),
            models.CheckConstraint(condition=Q(versi__gte=1), name="dokumen_versi_positif"),
            models.CheckConstraint(
                condition=~Q(status="ditandatangani") | (Q(pdf__isnull=False) & ~Q(pdf_sha256="")),
                name="dokumen_final_punya_pdf",
            ),
        ]
        indexes = [
            models.Index(fields=["token"], name="dokumen_token_idx"),
            models.Index(fields=["pemda", "objek_jenis", "objek_id"], name="dokumen_objek_idx"),
        ]

    def __str__(self):
        return f"{self.format_kode} {self.judul} (versi {self.versi})"

    @property
    def berlaku(self) -> bool:
        return self.status != StatusDokumen.DIGANTIKAN

    @property
    def final(self) -> bool:
        return self.pdf_sha256 != ""

    def save(self, *args, **kwargs):
        check_same_pemda(self)
        deferred = self.get_deferred_fields()
        if "html" not in deferred and sha256_hex(self.html) != self.html_sha256:
            raise FrozenRowError("SHA-256 isi dokumen tidak cocok dengan isinya.")
        if "pdf" not in deferred and self.pdf is not None and sha256_hex(self.pdf) != self.pdf_sha256:
            raise FrozenRowError("SHA-256 PDF tidak cocok dengan PDF-nya.")
        if self.pk is not None and not self._state.adding:
            self._check_frozen(deferred)
        super().save(*args, **kwargs)

    def _check_frozen(self, deferred):
        names = [f for f in (*self.BEKU, *self.SEKALI, "status") if f not in deferred]
        stored = type(self)._base_manager.filter(pk=self.pk).values(*names).first()
        if stored is None:
            return
        for name in self.BEKU:
            if name in stored and _normal(stored[name]) != _normal(getattr(self, name)):
                raise FrozenRowError(
                    f"Dokumen yang sudah diterbitkan tidak dapat diubah ({name}); terbitkan versi baru."
                )
        for name in self.SEKALI:
            if (
                name in stored
                and stored[name] not in (None, "")
                and (_normal(stored[name]) != _normal(getattr(self, name)))
            ):
                raise FrozenRowError(f"{name} dokumen sudah ditetapkan dan tidak dapat diubah.")
        if "status" in stored and stored["status"] != self.status:
            if str(self.status) not in self.LANGKAH[stored["status"]]:
                raise FrozenRowError(
                    f"Status dokumen tidak dapat berubah dari {stored['status']} menjadi {self.status}."
                )

    def delete(self, *args, **kwargs):
        raise FrozenRowError("Dokumen yang sudah diterbitkan tidak dapat dihapus; terbitkan versi baru.")


def _normal(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value


class Penandatangan(TenantModel):
    """An expected signer of a document, in order, with her name and position as printed in her block."""

    dokumen = models.ForeignKey(Dokumen, on_delete=models.PROTECT, related_name="penandatangan")
    urutan = models.PositiveSmallIntegerField()
    peran = models.CharField(max_length=20, choices=Peran.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    judul_peran = models.CharField(max_length=120, help_text="Judul blok, mis. 'Pejabat Penilai Kinerja'.")
    nama = models.CharField(max_length=200)
    nip = models.CharField("NIP", max_length=30, blank=True)
    jabatan = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "Penandatangan"
        verbose_name_plural = "Penandatangan"
        ordering = ["dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "dokumen", "urutan"], name="penandatangan_urutan_unik")
        ]
        indexes = [models.Index(fields=["pemda", "user"], name="penandatangan_user_idx")]

    def __str__(self):
        return f"{self.urutan}. {self.get_peran_display()}: {self.nama}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise FrozenRowError("Penandatangan dokumen ditetapkan saat diterbitkan dan tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenRowError("Penandatangan dokumen tidak dapat dihapus.")


class TandaTangan(TenantModel):
    """The act of signing: one expected signer confirmed with her password, at a moment, this content."""

    dokumen = models.ForeignKey(Dokumen, on_delete=models.PROTECT, related_name="tanda_tangan")
    penandatangan = models.ForeignKey(Penandatangan, on_delete=models.PROTECT, related_name="tanda_tangan")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField()
    html_sha256 = models.CharField(
        "SHA-256 isi yang ditandatangani", max_length=64, help_text="Isi yang dilihat dan disetujui."
    )

    class Meta:
        verbose_name = "Tanda tangan"
        verbose_name_plural = "Tanda tangan"
        ordering = ["pada"]
        constraints = [models.UniqueConstraint(fields=["pemda", "penandatangan"], name="tandatangan_sekali")]
        indexes = [models.Index(fields=["pemda", "dokumen"], name="tandatangan_dokumen_idx")]

    def __str__(self):
        return f"{self.penandatangan} pada {self.pada:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise FrozenRowError("Tanda tangan yang sudah dicatat tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenRowError("Tanda tangan yang sudah dicatat tidak dapat dihapus.")
