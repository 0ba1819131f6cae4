"""Pegawai, their dated placements (a mutation keeps history) and dated statuses."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from kinerja.nip import NIPError, parse_nip

from .org import Jabatan
from .pengaturan import JenisCuti, StatusKepegawaian
from .tenancy import Golongan, TenantModel


class JenisASN(models.TextChoices):
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", "Laki-laki"
    PEREMPUAN = "P", "Perempuan"


class Pegawai(TenantModel):
    nip = models.CharField(
        "NIP",
        max_length=18,
        help_text="18 digit: tanggal lahir (8), TMT CPNS/PPPK tahun-bulan (6), jenis kelamin (1), nomor urut (3).",
    )
    nama = models.CharField(max_length=150, help_text="Nama tanpa gelar.")
    gelar_depan = models.CharField(max_length=40, blank=True, help_text="Mis. 'Dr.', 'dr.', 'Ir.'.")
    gelar_belakang = models.CharField(max_length=60, blank=True, help_text="Mis. 'S.Kom., M.Si.'.")
    jenis_asn = models.CharField("Jenis ASN", max_length=4, choices=JenisASN.choices, default=JenisASN.PNS)
    golongan = models.ForeignKey(Golongan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tanggal_lahir = models.DateField(editable=False)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices, editable=False)
    tmt = models.DateField("TMT CPNS/PPPK", editable=False)
    email = models.EmailField(blank=True)
    telepon = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = "Pegawai"
        verbose_name_plural = "Pegawai"
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nip"], name="pegawai_nip_unik")]
        indexes = [models.Index(fields=["pemda", "nama"], name="pegawai_nama_idx")]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        """Nama with gelar, as printed on documents: 'Dr. Siti Aminah, S.E., M.Si.'."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_format(self) -> str:
        """NIP as printed on documents: 19670302 199703 2 002."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n

    def fill_from_nip(self):
        """Set birth date, TMT and gender from the NIP (raises ValidationError on a bad NIP)."""
        try:
            info = parse_nip(self.nip)
        except NIPError as exc:
            raise ValidationError({"nip": str(exc)}) from exc
        self.tanggal_lahir = info.tanggal_lahir
        self.tmt = info.tmt
        self.jenis_kelamin = info.jenis_kelamin

    def clean(self):
        super().clean()
        self.fill_from_nip()
        if self.golongan_id and self.golongan.jenis_asn != self.jenis_asn:
            raise ValidationError(
                {"golongan": f"Golongan {self.golongan.kode} bukan golongan {self.jenis_asn}."}
            )

    def save(self, *args, **kwargs):
        if self.tanggal_lahir is None or self.tmt is None or not self.jenis_kelamin:
            self.fill_from_nip()
        super().save(*args, **kwargs)


class Penempatan(TenantModel):
    """A dated placement of a Pegawai in a Jabatan. A mutation ends one and starts the next."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penempatan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="penempatan")
    mulai = models.DateField()
    selesai = models.DateField(null=True, blank=True, help_text="Kosong selama penempatan masih berlaku.")
    nomor_sk = models.CharField("Nomor SK", max_length=100, blank=True)

    class Meta:
        verbose_name = "Penempatan"
        verbose_name_plural = "Penempatan"
        ordering = ["-mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "pegawai"], condition=Q(selesai__isnull=True), name="penempatan_satu_aktif"
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penempatan_urut_tanggal",
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "jabatan", "selesai"], name="penempatan_jabatan_idx"),
            models.Index(fields=["pemda", "pegawai", "mulai"], name="penempatan_pegawai_idx"),
        ]

    def __str__(self):
        return f"{self.pegawai} di {self.jabatan} sejak {self.mulai}"

    def berlaku_pada(self, tanggal: datetime.date) -> bool:
        return self.mulai <= tanggal and (self.selesai is None or self.selesai >= tanggal)


class RiwayatStatus(TenantModel):
    """A dated status other than aktif (cuti, tugas belajar, CLTN, ...). No row covering a date = aktif."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_status")
    status = models.CharField(max_length=30, choices=StatusKepegawaian.choices)
    jenis_cuti = models.CharField(max_length=20, choices=JenisCuti.choices, blank=True)
    mulai = models.DateField()
    selesai = models.DateField(null=True, blank=True, help_text="Kosong bila belum ditentukan.")
    nomor_sk = models.CharField("Nomor SK", max_length=100, blank=True)
    keterangan = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "Riwayat status"
        verbose_name_plural = "Riwayat status"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="status_urut_tanggal",
            ),
            models.CheckConstraint(
                condition=(Q(status="cuti") & ~Q(jenis_cuti="")) | (~Q(status="cuti") & Q(jenis_cuti="")),
                name="status_cuti_berjenis",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "pegawai", "mulai"], name="status_pegawai_idx")]

    def __str__(self):
        return f"{self.get_status_display()} {self.mulai} s.d. {self.selesai or '-'}"
