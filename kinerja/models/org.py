"""The organisation tree of a Pemda and the positions in it."""

from django.db import models
from django.db.models import Q

from .tenancy import TenantModel


class JenisUnit(models.TextChoices):
    PERANGKAT_DAERAH = "perangkat_daerah", "Perangkat Daerah"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    BAGIAN = "bagian", "Bagian"
    BIDANG = "bidang", "Bidang"
    SUBBAGIAN = "subbagian", "Subbagian"
    SEKSI = "seksi", "Seksi"
    UPTD = "uptd", "UPTD"
    SEKOLAH = "sekolah", "Sekolah"
    PUSKESMAS = "puskesmas", "Puskesmas"
    KECAMATAN = "kecamatan", "Kecamatan"
    KELURAHAN = "kelurahan", "Kelurahan"


class UnitKerja(TenantModel):
    """A unit in the tree (Pasal 1: Unit Kerja, Perangkat Daerah). `path` holds the ids from the root,
    so a whole subtree is one indexed prefix query."""

    kode = models.CharField(max_length=40, help_text="Kode unit, unik dalam Pemda, mis. '1.02.01'.")
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=20, choices=JenisUnit.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="unit induk",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    aktif = models.BooleanField(default=True)

    class Meta:
        verbose_name = "Unit kerja"
        verbose_name_plural = "Unit kerja"
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["pemda", "kode"], name="unitkerja_kode_unik")]
        indexes = [models.Index(fields=["pemda", "parent"], name="unitkerja_parent_idx")]
        permissions = [("pimpin_unitkerja", "Bertindak sebagai pimpinan unit kerja (Plt./Plh.)")]

    def __str__(self):
        return self.nama

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, this unit included."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def is_perangkat_daerah(self) -> bool:
        return self.parent_id is None


class JenisJabatan(models.TextChoices):
    JPT_MADYA = "jpt_madya", "JPT Madya"
    JPT_PRATAMA = "jpt_pratama", "JPT Pratama"
    ADMINISTRATOR = "administrator", "Administrator"
    PENGAWAS = "pengawas", "Pengawas"
    FUNGSIONAL = "fungsional", "Fungsional"
    PELAKSANA = "pelaksana", "Pelaksana"


JPT = {JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA}


class Jabatan(TenantModel):
    """A position in a unit. Several Pegawai may hold the same non-leading position; a leading position
    (`memimpin_unit`) is held by the head of the unit, who is the Pejabat Penilai Kinerja of its staff.
    A JF heading a unit (a school principal) leads it too (Sumedang lampiran Evaluasi Kinerja angka 7)."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="jabatan")
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=20, choices=JenisJabatan.choices)
    memimpin_unit = models.BooleanField(default=False, help_text="Jabatan pimpinan unit kerja ini.")
    pimpinan_unit_kerja_mandiri = models.BooleanField(
        default=False,
        help_text="Pimpinan unit kerja mandiri: memakai format SKP seperti JPT (Format A.1.1/A.1.2).",
    )

    class Meta:
        verbose_name = "Jabatan"
        verbose_name_plural = "Jabatan"
        ordering = ["unit__path", "-memimpin_unit", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "unit", "nama"], name="jabatan_nama_unik"),
            models.UniqueConstraint(
                fields=["pemda", "unit"],
                condition=Q(memimpin_unit=True),
                name="jabatan_satu_pimpinan_per_unit",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def is_jpt(self) -> bool:
        return self.jenis in JPT
