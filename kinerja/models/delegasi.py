"""Explicit, dated overrides of who leads a unit or who evaluates a Pegawai.

Derived Penilai come from the tree (kinerja/selectors/penilai.py). Two explicit overrides exist:
- Plt./Plh. delegation of a unit's leadership (Sumedang lampiran Evaluasi Kinerja angka 3, 5, 6):
  a django-guardian direct object grant of `kinerja.pimpin_unitkerja` on the unit, carrying the Pemda
  and its dates. Only the dated selector decides whether it is in force on a given day.
- A BKPSDM correction of one Pegawai's Penilai / Atasan Penilai, with its reason, when the tree cannot
  express the real arrangement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from guardian.managers import UserObjectPermissionManager
from guardian.models import UserObjectPermissionBase

from .org import UnitKerja
from .pegawai import Pegawai
from .tenancy import TenantModel, tenant_manager


class JenisDelegasi(models.TextChoices):
    PLT = "plt", "Plt. (Pelaksana Tugas)"
    PLH = "plh", "Plh. (Pelaksana Harian)"


class DelegasiPimpinan(TenantModel, UserObjectPermissionBase):
    content_object = models.ForeignKey(
        UnitKerja,
        on_delete=models.CASCADE,
        related_name="delegasi",
        db_column="unit_id",
        verbose_name="unit kerja",
    )
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="delegasi_pimpinan")
    jenis = models.CharField(max_length=3, choices=JenisDelegasi.choices)
    mulai = models.DateField()
    selesai = models.DateField(null=True, blank=True)
    nomor_sk = models.CharField("Nomor SK/surat perintah", max_length=100, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dicabut_pada = models.DateTimeField(null=True, blank=True, editable=False)

    objects = tenant_manager(UserObjectPermissionManager)

    class Meta:
        verbose_name = "Delegasi Plt./Plh."
        verbose_name_plural = "Delegasi Plt./Plh."
        ordering = ["-mulai"]
        unique_together = []
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "user", "permission", "content_object", "mulai"], name="delegasi_unik"
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="delegasi_urut_tanggal",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.content_object} oleh {self.pegawai}"

    @property
    def unit(self) -> UnitKerja:
        return self.content_object


class KoreksiPenilai(TenantModel):
    """BKPSDM's correction of the derived Penilai (and optionally Atasan Penilai) of one Pegawai."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="koreksi_penilai")
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name="Pejabat Penilai"
    )
    atasan_penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Atasan Penilai",
    )
    mulai = models.DateField()
    selesai = models.DateField(null=True, blank=True)
    alasan = models.TextField()
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Koreksi Penilai"
        verbose_name_plural = "Koreksi Penilai"
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="koreksi_urut_tanggal",
            ),
            models.CheckConstraint(
                condition=~Q(penilai=models.F("pegawai")), name="koreksi_bukan_diri_sendiri"
            ),
        ]
        indexes = [models.Index(fields=["pemda", "pegawai", "mulai"], name="koreksi_pegawai_idx")]
