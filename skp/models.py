"""Perencanaan kinerja: the SKP (Sasaran Kinerja Pegawai) of one Pegawai for one year, with its parts.

One `Skp` row is one version of one SKP. A penyesuaian ekspektasi (Pasal 19(3)(a) and (4) Sumedang) is a new
row with `versi + 1` and `sebelumnya` pointing at the version it revises; its RHK, IKI and lampiran are copies,
so an old version stays readable exactly as it was set. RHK and IKI carry a `garis` (lineage) that their copies
keep, so the versions can be compared and a subordinate who intervened an RHK of an older version of her
leader's SKP is still found in the leader's matriks peran hasil.

The formats behind the fields are in the lampiran of Perbup Sumedang 103/2023: A.1.1/A.1.2 (SKP JPT and
pimpinan unit kerja mandiri), A.1.3 (manual indikator kinerja), A.1.5 (matriks peran hasil), A.1.6/A.1.7 (SKP
administrasi and fungsional), A.1.8 (lampiran SKP), B.1.1 (rencana aksi).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from kinerja.models import Jabatan, Pegawai, Pendekatan, PeriodeDokumentasi, TenantModel, UnitKerja

from .perilaku import PerilakuKerja


class JenisSkp(models.TextChoices):
    """Which form the SKP uses, derived from the jabatan (Sumedang lampiran, Format A.1.1/A.1.2 vs A.1.6/A.1.7)."""

    JPT = "jpt", "Pimpinan tinggi / pimpinan unit kerja mandiri"
    ADMINISTRASI = "administrasi", "Administrasi / fungsional"


class StatusSkp(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan kepada Penilai"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk diperbaiki"
    DISETUJUI = "disetujui", "Disetujui Penilai, menunggu tanda tangan Pegawai"
    DITANDATANGANI_PEGAWAI = "ditandatangani_pegawai", "Ditandatangani Pegawai, menunggu penetapan"
    DITETAPKAN = "ditetapkan", "Ditetapkan"
    DIGANTIKAN = "digantikan", "Digantikan versi baru"


# The owner edits her RHK and IKI only while the SKP is in her hands.
STATUS_DAPAT_DIUBAH = (StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN)
# Waiting for the Penilai (or whoever acts for her).
STATUS_MENUNGGU_PENILAI = (StatusSkp.DIAJUKAN, StatusSkp.DITANDATANGANI_PEGAWAI)
STATUS_BELUM_DITETAPKAN = (
    StatusSkp.DRAFT,
    StatusSkp.DIAJUKAN,
    StatusSkp.DIKEMBALIKAN,
    StatusSkp.DISETUJUI,
    StatusSkp.DITANDATANGANI_PEGAWAI,
)


class PeranPenetap(models.TextChoices):
    """In which capacity the SKP was set (Sumedang lampiran "Penetapan SKP" angka 1, 2 and 4)."""

    PENILAI = "penilai", "Pejabat Penilai Kinerja"
    ATASAN_PENILAI = "atasan_penilai", "Atasan Pejabat Penilai Kinerja"
    KEPALA_DAERAH = "kepala_daerah", "Kepala Daerah"


class Skp(TenantModel):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=20, choices=JenisSkp.choices)
    pendekatan = models.CharField(
        max_length=20,
        choices=Pendekatan.choices,
        help_text="Pendekatan hasil kerja; harus diizinkan pengaturan Pemda (Sarolangun Pasal 7(5): kuantitatif).",
    )
    status = models.CharField(max_length=30, choices=StatusSkp.choices, default=StatusSkp.DRAFT)

    # The position and the officials, as they were (Sumedang lampiran "Penetapan SKP" angka 5 and 6: a new
    # position or a new Penilai means a new SKP). The Penilai is refreshed when the SKP is submitted and when
    # it is approved, so it names who actually handled it.
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="Penilai"
    )
    penilai_kepala_daerah = models.BooleanField(
        default=False, help_text="Penilai adalah Kepala Daerah (SKP JPT, lampiran 'Penetapan SKP' angka 2)."
    )
    penilai_dasar = models.CharField(max_length=20, blank=True, help_text="kinerja.selectors.penilai.Dasar")
    atasan_penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Atasan Penilai",
    )
    atasan_penilai_kepala_daerah = models.BooleanField(default=False)
    identitas = models.JSONField(
        default=dict,
        blank=True,
        help_text="Blok identitas (nama, NIP, pangkat/gol., jabatan, unit kerja) Pegawai, Penilai dan Atasan "
        "Penilai seperti tercetak pada format SKP.",
    )

    periode_mulai = models.DateField()
    periode_selesai = models.DateField()

    versi = models.PositiveSmallIntegerField(default=1)
    sebelumnya = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisi",
        verbose_name="versi sebelumnya",
    )
    alasan_revisi = models.TextField(blank=True, help_text="Alasan penyesuaian ekspektasi (versi > 1).")
    asal_mutasi = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan_mutasi",
        verbose_name="SKP jabatan/Penilai sebelumnya",
    )

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    ditandatangani_pegawai_pada = models.DateTimeField(null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ditetapkan_sebagai = models.CharField(max_length=20, choices=PeranPenetap.choices, blank=True)
    ditetapkan_pada = models.DateTimeField(null=True, blank=True)
    digantikan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "pegawai_id", "periode_mulai", "versi"]
        # Held by invited feedback givers through umpanbalik.UndanganUmpanBalik (Pasal 17(2) Sumedang).
        permissions = [("beri_umpan_balik", "Memberi umpan balik berkelanjutan atas SKP")]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "pegawai", "tahun", "jabatan", "periode_mulai", "versi"],
                name="skp_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["pemda", "sebelumnya"], condition=Q(sebelumnya__isnull=False), name="skp_satu_revisi"
            ),
            models.CheckConstraint(
                condition=Q(versi=1, sebelumnya__isnull=True) | Q(versi__gt=1, sebelumnya__isnull=False),
                name="skp_versi_bersambung",
            ),
            models.CheckConstraint(
                condition=Q(periode_selesai__gte=models.F("periode_mulai")), name="skp_periode_urut"
            ),
            models.CheckConstraint(
                condition=Q(penilai__isnull=False, penilai_kepala_daerah=False)
                | Q(penilai__isnull=True, penilai_kepala_daerah=True),
                name="skp_satu_penilai",
            ),
            models.CheckConstraint(
                condition=~Q(atasan_penilai__isnull=False, atasan_penilai_kepala_daerah=True),
                name="skp_satu_atasan_penilai",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditetapkan") | ~Q(ditetapkan_sebagai=""), name="skp_ditetapkan_berperan"
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "pegawai", "tahun"], name="skp_pegawai_tahun_idx"),
            models.Index(fields=["pemda", "tahun", "status"], name="skp_tahun_status_idx"),
            # The lists' order (Meta.ordering within a Pemda): a page of the API list is read off the index
            # instead of sorting the Pemda's 20,000 SKPs on every request.
            models.Index(
                fields=["pemda", "-tahun", "pegawai", "periode_mulai", "versi", "id"], name="skp_urutan_idx"
            ),
        ]

    def __str__(self):
        return f"SKP {self.tahun} {self.pegawai_id} v{self.versi} ({self.status})"

    @property
    def format_kode(self) -> str:
        """The format of the Sumedang lampiran this SKP is printed in."""
        kuantitatif = self.pendekatan == Pendekatan.KUANTITATIF
        if self.jenis == JenisSkp.JPT:
            return "A.1.2" if kuantitatif else "A.1.1"
        return "A.1.7" if kuantitatif else "A.1.6"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH

    @property
    def berlaku(self) -> bool:
        return self.status != StatusSkp.DIGANTIKAN


class JenisRhk(models.TextChoices):
    """Sarolangun Pasal 6(5)-(7): utama = prioritas tinggi, tambahan = prioritas rendah."""

    UTAMA = "utama", "Utama"
    TAMBAHAN = "tambahan", "Tambahan"


class Rhk(TenantModel):
    """Rencana hasil kerja (Pasal 9(1) Sumedang)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(max_length=10, choices=JenisRhk.choices)
    teks = models.TextField("rencana hasil kerja")
    penugasan_dari = models.CharField(
        max_length=250,
        blank=True,
        help_text="Jabatan pimpinan / tim kerja yang memberikan penugasan (Format A.1.1 dan A.1.6).",
    )
    # The cascading link: "RHK pimpinan yang diintervensi" (Format A.1.7 kolom 2). The leader's SKP may still
    # be a draft; if she removes the RHK the link is cleared and `intervensi_teks` keeps what was agreed.
    intervensi = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diintervensi",
        verbose_name="RHK pimpinan yang diintervensi",
    )
    intervensi_iki = models.ForeignKey(
        "Iki",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diintervensi",
        verbose_name="IKI pimpinan yang diintervensi",
        help_text="Opsional: IKI tertentu dari RHK pimpinan itu (kolom matriks peran hasil, Format A.1.5).",
    )
    intervensi_teks = models.TextField(blank=True, help_text="Teks RHK pimpinan saat dikaitkan.")
    urutan = models.PositiveSmallIntegerField(default=0)
    garis = models.UUIDField(default=uuid.uuid4, editable=False, help_text="Sama pada salinan di versi lain.")

    class Meta:
        verbose_name = "Rencana hasil kerja"
        verbose_name_plural = "Rencana hasil kerja"
        ordering = ["skp", "urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["pemda", "skp", "garis"], name="rhk_garis_unik")]
        indexes = [models.Index(fields=["pemda", "garis"], name="rhk_garis_idx")]

    def __str__(self):
        return self.teks[:80]


class AspekIki(models.TextChoices):
    """Pasal 9(2) Sumedang, Pasal 8(2) Bogor, Pasal 7(4) Sarolangun, Pasal 10(2) Inhu."""

    KUANTITAS = "kuantitas", "Kuantitas"
    KUALITAS = "kualitas", "Kualitas"
    WAKTU = "waktu", "Waktu"
    BIAYA = "biaya", "Biaya"


class Perspektif(models.TextChoices):
    """Perspektif of a JPT's IKI (Format A.1.1 and A.1.2 kolom 5)."""

    PENERIMA_LAYANAN = "penerima_layanan", "Penerima Layanan"
    PROSES_BISNIS = "proses_bisnis", "Proses Bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal", "Penguatan Internal"
    ANGGARAN = "anggaran", "Anggaran"


class Iki(TenantModel):
    """Indikator kinerja individu with its target (Pasal 9(2)(3) Sumedang)."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="iki")
    teks = models.TextField("indikator kinerja individu")
    aspek = models.CharField(max_length=10, choices=AspekIki.choices, blank=True)
    perspektif = models.CharField(max_length=20, choices=Perspektif.choices, blank=True)
    target_angka = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    target_satuan = models.CharField(max_length=60, blank=True, help_text="Mis. 'dokumen', '%', 'hari'.")
    target_teks = models.TextField(blank=True, help_text="Target pendekatan kualitatif.")
    urutan = models.PositiveSmallIntegerField(default=0)
    garis = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = "Indikator kinerja individu"
        verbose_name_plural = "Indikator kinerja individu"
        ordering = ["rhk", "urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["pemda", "rhk", "garis"], name="iki_garis_unik")]
        indexes = [models.Index(fields=["pemda", "garis"], name="iki_garis_idx")]

    def __str__(self):
        return self.teks[:80]

    @property
    def target_tampil(self) -> str:
        if self.target_angka is not None:
            angka = f"{self.target_angka.normalize():f}"
            return f"{angka} {self.target_satuan}".strip()
        return self.target_teks


class TingkatKendali(models.TextChoices):
    """Format A.1.3 "Kualitas dan tingkat kendali" ('Outout' in the text is a typo for output)."""

    OUTCOME = "outcome", "Outcome"
    OUTCOME_ANTARA = "outcome_antara", "Outcome Antara"
    OUTPUT_KENDALI_RENDAH = "output_kendali_rendah", "Output Kendali Rendah"


class PeriodePelaporan(models.TextChoices):
    """Format A.1.3 "Periode pelaporan"."""

    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    SEMESTERAN = "semesteran", "Semesteran"
    TAHUNAN = "tahunan", "Tahunan"


class ManualIndikator(TenantModel):
    """Manual indikator kinerja of one IKI of a JPT's SKP (Format A.1.3). RHK and IKI come from the IKI."""

    iki = models.ForeignKey(Iki, on_delete=models.CASCADE, related_name="manual")
    tujuan = models.TextField()
    definisi = models.TextField()
    formula = models.TextField(blank=True, help_text="Opsional bagi pendekatan hasil kerja kualitatif.")
    satuan_pengukuran = models.CharField(
        max_length=100, blank=True, help_text="Opsional bagi pendekatan hasil kerja kualitatif."
    )
    tingkat_kendali = models.CharField(
        "kualitas dan tingkat kendali", max_length=30, choices=TingkatKendali.choices
    )
    sumber_data = models.TextField()
    periode_pelaporan = models.CharField(max_length=20, choices=PeriodePelaporan.choices)

    class Meta:
        verbose_name = "Manual indikator kinerja"
        verbose_name_plural = "Manual indikator kinerja"
        constraints = [models.UniqueConstraint(fields=["pemda", "iki"], name="manual_satu_per_iki")]

    def __str__(self):
        return f"Manual {self.iki}"


class EkspektasiKhusus(TenantModel):
    """Ekspektasi khusus pimpinan on one BerAKHLAK value (Pasal 10(4) Sumedang, 9(4) Bogor, 8(4) Sarolangun)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ekspektasi_khusus")
    perilaku = models.CharField(max_length=30, choices=PerilakuKerja.choices)
    teks = models.TextField()

    class Meta:
        verbose_name = "Ekspektasi khusus pimpinan"
        verbose_name_plural = "Ekspektasi khusus pimpinan"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "skp", "perilaku"], name="ekspektasi_satu_per_perilaku")
        ]

    def __str__(self):
        return f"{self.get_perilaku_display()}: {self.teks[:60]}"


class BagianLampiran(models.TextChoices):
    """The three parts of the Lampiran SKP (Format A.1.8; Pasal 11, 12, 13 Sumedang)."""

    DUKUNGAN_SUMBER_DAYA = "dukungan_sumber_daya", "Dukungan sumber daya"
    SKEMA_PERTANGGUNGJAWABAN = "skema_pertanggungjawaban", "Skema pertanggungjawaban"
    KONSEKUENSI = "konsekuensi", "Konsekuensi"


class JenisDukungan(models.TextChoices):
    """Pasal 11(1) Sumedang."""

    SDM = "sdm", "Sumber daya manusia"
    ANGGARAN = "anggaran", "Anggaran"
    PERALATAN = "peralatan", "Peralatan kerja"
    PENDAMPINGAN = "pendampingan", "Pendampingan pimpinan"
    SARANA = "sarana", "Sarana dan prasarana"


class SifatKonsekuensi(models.TextChoices):
    """Pasal 13 Sumedang."""

    POSITIF = "positif", "Positif (memenuhi ekspektasi)"
    NEGATIF = "negatif", "Negatif (tidak memenuhi ekspektasi)"


class LampiranSkp(TenantModel):
    """One line of the Lampiran SKP (Format A.1.8). Skema pertanggungjawaban lines carry the reporting schedule
    and the expected evidence (Pasal 12 Sumedang, Pasal 11 Bogor); konsekuensi lines are positive or negative."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="lampiran")
    bagian = models.CharField(max_length=30, choices=BagianLampiran.choices)
    teks = models.TextField()
    jenis_dukungan = models.CharField(max_length=20, choices=JenisDukungan.choices, blank=True)
    jadwal_pelaporan = models.CharField(max_length=20, choices=PeriodeDokumentasi.choices, blank=True)
    bukti = models.TextField("bukti kinerja yang diharapkan", blank=True)
    sifat = models.CharField(max_length=10, choices=SifatKonsekuensi.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "Lampiran SKP"
        verbose_name_plural = "Lampiran SKP"
        ordering = ["skp", "bagian", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bagian="konsekuensi", sifat__in=["positif", "negatif"])
                | (~Q(bagian="konsekuensi") & Q(sifat="")),
                name="lampiran_konsekuensi_bersifat",
            ),
            models.CheckConstraint(
                condition=~Q(bagian="skema_pertanggungjawaban") | ~Q(jadwal_pelaporan=""),
                name="lampiran_skema_berjadwal",
            ),
        ]

    def __str__(self):
        return f"{self.get_bagian_display()}: {self.teks[:60]}"


class CatatanSkp(TenantModel):
    """A comment of the Penilai when she returns the SKP (per SKP, or on one RHK)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="catatan")
    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, null=True, blank=True, related_name="catatan")
    teks = models.TextField()
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    putaran = models.PositiveSmallIntegerField(default=1, help_text="Pengembalian ke berapa.")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Catatan SKP"
        verbose_name_plural = "Catatan SKP"
        ordering = ["skp", "putaran", "id"]

    def __str__(self):
        return self.teks[:80]


class JenisTeks(models.TextChoices):
    EKSPEKTASI_KHUSUS = "ekspektasi_khusus", "Ekspektasi khusus pimpinan"
    KONSEKUENSI_POSITIF = "konsekuensi_positif", "Konsekuensi positif"
    KONSEKUENSI_NEGATIF = "konsekuensi_negatif", "Konsekuensi negatif"


class TeksTersimpan(TenantModel):
    """A Penilai's reusable text (ekspektasi khusus, konsekuensi), applied to an SKP in one step.
    Owned by an account, so the Kepala Daerah (not a Pegawai) has her own too."""

    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=30, choices=JenisTeks.choices)
    perilaku = models.CharField(
        max_length=30,
        choices=PerilakuKerja.choices,
        blank=True,
        help_text="Untuk ekspektasi khusus: nilai BerAKHLAK yang dituju.",
    )
    judul = models.CharField(max_length=120)
    teks = models.TextField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Teks tersimpan"
        verbose_name_plural = "Teks tersimpan"
        ordering = ["jenis", "judul"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "pemilik", "jenis", "judul"], name="teks_tersimpan_unik"
            ),
            models.CheckConstraint(
                condition=Q(jenis="ekspektasi_khusus", perilaku__gt="")
                | (~Q(jenis="ekspektasi_khusus") & Q(perilaku="")),
                name="teks_ekspektasi_berperilaku",
            ),
        ]

    def __str__(self):
        return self.judul


class StatusTimeline(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
    DISETUJUI = "disetujui", "Disetujui Penilai"


class Timeline(TenantModel):
    """The 12-month jadwal rencana kinerja of an SKP, to be approved by the Penilai (Sarolangun Pasal 14,
    Bogor Pasal 15). Required where PengaturanPemda.wajib_timeline."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="timeline")
    status = models.CharField(max_length=20, choices=StatusTimeline.choices, default=StatusTimeline.DRAFT)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True, help_text="Catatan Penilai saat mengembalikan.")

    class Meta:
        verbose_name = "Timeline"
        verbose_name_plural = "Timeline"
        constraints = [models.UniqueConstraint(fields=["pemda", "skp"], name="timeline_satu_per_skp")]

    def __str__(self):
        return f"Timeline SKP {self.skp_id} ({self.status})"


class SatuanDurasi(models.TextChoices):
    HARI = "hari", "Hari"
    MINGGU = "minggu", "Minggu"
    BULAN = "bulan", "Bulan"


class KegiatanTimeline(TenantModel):
    """One activity of the timeline: durasi pengerjaan, bulan pelaksanaan, tipe aktivitas, pola penugasan
    (Sarolangun Pasal 14(1)(a), Bogor Pasal 15(1)(a); the texts do not enumerate types or patterns)."""

    timeline = models.ForeignKey(Timeline, on_delete=models.CASCADE, related_name="kegiatan")
    rhk = models.ForeignKey(Rhk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kegiatan = models.TextField()
    durasi = models.PositiveSmallIntegerField()
    satuan_durasi = models.CharField(max_length=10, choices=SatuanDurasi.choices, default=SatuanDurasi.HARI)
    bulan = models.JSONField(default=list, help_text="Bulan pelaksanaan, 1 sampai 12.")
    tipe_aktivitas = models.CharField(max_length=100)
    pola_penugasan = models.CharField(max_length=100)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "Kegiatan timeline"
        verbose_name_plural = "Kegiatan timeline"
        ordering = ["timeline", "urutan", "id"]
        constraints = [models.CheckConstraint(condition=Q(durasi__gt=0), name="kegiatan_durasi_positif")]

    def __str__(self):
        return self.kegiatan[:80]


class RencanaAksi(TenantModel):
    """One step of the rencana aksi of an RHK (Format B.1.1; Sarolangun Pasal 14(1)(b), Bogor Pasal 15(1)(b))."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="rencana_aksi")
    teks = models.TextField()
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "Rencana aksi"
        verbose_name_plural = "Rencana aksi"
        ordering = ["rhk", "urutan", "id"]

    def __str__(self):
        return self.teks[:80]


class JenisPemberitahuan(models.TextChoices):
    RHK_PIMPINAN_BERUBAH = "rhk_pimpinan_berubah", "RHK pimpinan yang diintervensi berubah"
    RHK_PIMPINAN_DIHAPUS = "rhk_pimpinan_dihapus", "RHK pimpinan yang diintervensi dihapus"
    UMPAN_BALIK = "umpan_balik", "Umpan balik baru"
    EVALUASI = "evaluasi", "Evaluasi kinerja"
    KEBERATAN = "keberatan", "Keberatan atas evaluasi"
    TENGGAT = "tenggat", "Pengingat tenggat"
    ESKALASI = "eskalasi", "Eskalasi tenggat"


class Pemberitahuan(TenantModel):
    """A notice to one Pegawai (the UI shows them later)."""

    penerima = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pemberitahuan_skp")
    jenis = models.CharField(max_length=30, choices=JenisPemberitahuan.choices)
    pesan = models.TextField()
    skp = models.ForeignKey(Skp, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rhk = models.ForeignKey(Rhk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    tautan = models.CharField(max_length=300, blank=True, help_text="Halaman tempat menindaklanjutinya.")
    kelompok = models.CharField(
        max_length=150,
        blank=True,
        help_text="Pengingat sehari dengan jenis, langkah dan batas yang sama digabung dalam satu pemberitahuan.",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibaca_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Pemberitahuan"
        verbose_name_plural = "Pemberitahuan"
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["pemda", "penerima", "dibaca_pada"], name="pemberitahuan_penerima_idx")
        ]

    def __str__(self):
        return self.pesan[:80]
