"""Who did what, when and why: every state change made by a service records one event."""

from django.conf import settings
from django.db import models

from .tenancy import TenantModel


class AuditEvent(TenantModel):
    aksi = models.CharField(max_length=60, help_text="Nama service, mis. 'pegawai_mutasi'.")
    objek_jenis = models.CharField(max_length=60)
    objek_id = models.BigIntegerField(null=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)
    alasan = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "Jejak audit"
        verbose_name_plural = "Jejak audit"
        ordering = ["-pada"]
        indexes = [models.Index(fields=["pemda", "objek_jenis", "objek_id"], name="audit_objek_idx")]

    def __str__(self):
        return f"{self.aksi} {self.objek_jenis}#{self.objek_id}"
