"""Cetak massal: a print run of the evaluation documents of a period, for BKPSDM (the whole Pemda or a unit and
its subunits) or a Penilai (her own Pegawai).

- PekerjaanCetak: the job, with its counts (kept by the workers as each item commits).
- KelompokCetak: one output file (a ZIP): a Perangkat Daerah when the whole Pemda is printed, the unit when a
  unit is printed, "Pegawai saya" for a Penilai.
- ItemCetak: one evaluation of the job, made when the job is created. An item is `antre` until a worker has
  processed it (sealed its document if it was fully signed and waiting for its seal, or recorded why it is not
  printed) and `selesai` after; the seal and the item's state commit in one transaction, so a worker killed at
  any point leaves the item either done with its PDF or pending with nothing written.
"""

from django.conf import settings
from django.db import models

from kinerja.models import Pegawai, TenantModel, UnitKerja


class LingkupCetak(models.TextChoices):
    PEMDA = "pemda", "Seluruh Pemda"
    UNIT = "unit", "Unit kerja dan sub-unitnya"
    PENILAI = "penilai", "Pegawai saya"


class JenisCetak(models.TextChoices):
    DOKUMEN = "dokumen", "Dokumen evaluasi (D.1.1/D.1.2)"
    HASIL = "hasil", "Hasil evaluasi (C.1.1-C.1.3)"


class StatusPekerjaan(models.TextChoices):
    ANTRE = "antre", "Dalam antrean"
    BERJALAN = "berjalan", "Berjalan"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Sebagian gagal"


class StatusItem(models.TextChoices):
    ANTRE = "antre", "Belum diproses"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class HasilItem(models.TextChoices):
    DICETAK = "dicetak", "Dicetak"
    DILEWATI = "dilewati", "Tidak dicetak"


class PekerjaanCetak(TenantModel):
    periode = models.ForeignKey("evaluasi.PeriodeEvaluasi", on_delete=models.PROTECT, related_name="+")
    lingkup = models.CharField(max_length=10, choices=LingkupCetak.choices)
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    jenis = models.CharField(max_length=10, choices=JenisCetak.choices, default=JenisCetak.DOKUMEN)
    status = models.CharField(max_length=10, choices=StatusPekerjaan.choices, default=StatusPekerjaan.ANTRE)
    jumlah = models.PositiveIntegerField(default=0, help_text="Evaluasi dalam lingkup.")
    selesai = models.PositiveIntegerField(default=0, help_text="Item yang sudah diproses.")
    disegel = models.PositiveIntegerField(default=0, help_text="Dokumen yang disegel oleh pekerjaan ini.")
    dilewati = models.PositiveIntegerField(
        default=0, help_text="Evaluasi tanpa dokumen final (alasan di DAFTAR)."
    )
    gagal = models.PositiveIntegerField(default=0)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    # Touched by every processed item: the sweeper re-enqueues a job whose progress stopped.
    diubah_pada = models.DateTimeField(auto_now=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Pekerjaan cetak massal"
        verbose_name_plural = "Pekerjaan cetak massal"
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["pemda", "status", "diubah_pada"], name="cetak_pekerjaan_status_idx")]

    def __str__(self):
        return f"Cetak {self.get_jenis_display()} {self.get_lingkup_display()} #{self.pk}"

    @property
    def aktif(self) -> bool:
        return self.status in (StatusPekerjaan.ANTRE, StatusPekerjaan.BERJALAN)

    @property
    def persen(self) -> int:
        return int(100 * self.selesai / self.jumlah) if self.jumlah else 100


class KelompokCetak(TenantModel):
    pekerjaan = models.ForeignKey(PekerjaanCetak, on_delete=models.CASCADE, related_name="kelompok")
    kunci = models.CharField(max_length=40, help_text="'pd-<id>', 'unit-<id>', 'tanpa-unit' atau 'penilai'.")
    nama = models.CharField(max_length=250)
    jumlah = models.PositiveIntegerField(default=0)
    berkas = models.CharField(max_length=300, blank=True, help_text="Path ZIP relatif terhadap MEDIA_ROOT.")
    ukuran = models.PositiveBigIntegerField(default=0)
    siap = models.BooleanField(default=False)
    siap_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Kelompok cetak"
        verbose_name_plural = "Kelompok cetak"
        ordering = ["nama", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "pekerjaan", "kunci"], name="cetak_kelompok_unik")
        ]

    def __str__(self):
        return self.nama


class ItemCetak(TenantModel):
    pekerjaan = models.ForeignKey(PekerjaanCetak, on_delete=models.CASCADE, related_name="item")
    kelompok = models.ForeignKey(KelompokCetak, on_delete=models.CASCADE, related_name="item")
    evaluasi = models.ForeignKey("evaluasi.Evaluasi", on_delete=models.PROTECT, related_name="+")
    dokumen = models.ForeignKey(
        "dokumen.Dokumen", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=StatusItem.choices, default=StatusItem.ANTRE)
    hasil = models.CharField(max_length=10, choices=HasilItem.choices, blank=True)
    disegel = models.BooleanField(default=False, help_text="Dokumen ini disegel oleh pekerjaan ini.")
    keterangan = models.CharField(max_length=300, blank=True, help_text="Mengapa tidak dicetak.")
    kesalahan = models.TextField(blank=True)
    diproses_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Item cetak"
        verbose_name_plural = "Item cetak"
        ordering = ["kelompok_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "pekerjaan", "evaluasi"], name="cetak_item_unik")
        ]
        indexes = [
            models.Index(fields=["pemda", "pekerjaan", "status"], name="cetak_item_status_idx"),
            models.Index(fields=["pemda", "kelompok", "status"], name="cetak_item_kelompok_idx"),
        ]

    def __str__(self):
        return f"Item {self.pk} ({self.status})"
