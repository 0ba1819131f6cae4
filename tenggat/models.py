"""Deadlines watched by the system (issue 6): the reminders sent and the escalations made.

- Pengingat: one reminder to one Pegawai about one item at one step of the Pemda's schedule ("7 hari kerja
  lagi", "hari ini", "terlambat 6 hari kerja"). Its unique key (penerima, jenis, objek, langkah) is the
  idempotency key: a retried or raced task inserts nothing the second time, so nothing is sent twice.
- Eskalasi: a transition the regulations make automatic (an SKP not set by the deadline becomes the Atasan
  Penilai's; an evaluation not signed in its window moves to the Atasan Penilai, D.1.2; a keberatan not decided
  in time is flagged to BKPSDM), recorded once with the rule that caused it.
"""

from django.db import models

from kinerja.models import Pegawai, TenantModel


class JenisTenggat(models.TextChoices):
    SKP_PENETAPAN = "skp_penetapan", "Penetapan SKP (akhir Januari)"
    EVALUASI_PENILAI = "evaluasi_penilai", "Evaluasi dan tanda tangan Pejabat Penilai Kinerja"
    EVALUASI_ATASAN = "evaluasi_atasan", "Evaluasi oleh atasan Penilai (D.1.2)"
    EVALUASI_PEGAWAI = "evaluasi_pegawai", "Tanda tangan Pegawai atas dokumen evaluasi"
    KEBERATAN_PUTUS = "keberatan_putus", "Keputusan atas keberatan"
    LAPOR_PYB = "lapor_pyb", "Pelaporan berjenjang kepada PyB"


class Pengingat(TenantModel):
    penerima = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pengingat")
    jenis = models.CharField(max_length=30, choices=JenisTenggat.choices)
    objek_jenis = models.CharField(max_length=100)
    objek_id = models.BigIntegerField()
    langkah = models.CharField(max_length=20, help_text="Langkah jadwal: 'h-7', 'h-2', 'h0', 'lewat-1', ...")
    batas = models.DateField()
    tanggal = models.DateField(help_text="Hari (kalender Pemda) pengingat ini dikirim.")
    pesan = models.TextField()
    surel = models.EmailField(blank=True)
    surel_terkirim_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Pengingat"
        verbose_name_plural = "Pengingat"
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "penerima", "jenis", "objek_jenis", "objek_id", "langkah"],
                name="pengingat_sekali_per_langkah",
            )
        ]
        indexes = [models.Index(fields=["pemda", "tanggal"], name="pengingat_tanggal_idx")]

    def __str__(self):
        return f"{self.jenis} {self.objek_jenis}#{self.objek_id} {self.langkah} -> {self.penerima_id}"


class JenisEskalasi(models.TextChoices):
    SKP_KE_ATASAN = "skp_ke_atasan", "SKP belum ditetapkan: dialog dengan atasan Penilai"
    EVALUASI_KE_ATASAN = "evaluasi_ke_atasan", "Evaluasi lewat jangka waktu: atasan Penilai (D.1.2)"
    KEBERATAN_KE_BKPSDM = "keberatan_ke_bkpsdm", "Keberatan belum diputus: dilaporkan kepada BKPSDM"


class Eskalasi(TenantModel):
    jenis = models.CharField(max_length=30, choices=JenisEskalasi.choices)
    objek_jenis = models.CharField(max_length=100)
    objek_id = models.BigIntegerField()
    aturan = models.CharField(max_length=300, help_text="Ketentuan yang menyebabkan eskalasi (Pasal).")
    batas = models.DateField(help_text="Batas waktu yang terlewati.")
    tanggal = models.DateField(help_text="Hari (kalender Pemda) eskalasi dicatat.")
    kepada = models.JSONField(default=list, help_text="Id Pegawai yang kini bertindak / diberi tahu.")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Eskalasi"
        verbose_name_plural = "Eskalasi"
        ordering = ["-tanggal", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "jenis", "objek_jenis", "objek_id"], name="eskalasi_sekali_per_objek"
            )
        ]

    def __str__(self):
        return f"{self.jenis} {self.objek_jenis}#{self.objek_id}"
