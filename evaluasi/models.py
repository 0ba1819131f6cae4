"""Evaluasi kinerja and its tindak lanjut (issue 5; Sumedang lampiran "Evaluasi Kinerja" and "Tindak Lanjut").

- PeriodeEvaluasi: a monthly, quarterly or annual evaluation period of the Pemda, opened by BKPSDM or
  automatically (the Pemda's cycle: PengaturanPemda.siklus_evaluasi_periodik).
- CapaianOrganisasi: the unit's achievement in a period (Tahap Pertama), Istimewa .. Sangat Kurang.
- Evaluasi: one Pegawai in one period: who evaluates (read on the period's last day: lampiran angka 13/14),
  the ratings, the predikat from the kuadran, its documents (C.1.x and D.1.1/D.1.2, dokumen engine).
- Keberatan: the Pegawai's objection to the Atasan Penilai; a change issues D.1.3.
- Penghargaan, Sanksi, LaporanBerjenjang: the tindak lanjut records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kinerja.models import Pegawai, TenantModel, UnitKerja
from skp.models import Skp


class JenisPeriode(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    TAHUNAN = "tahunan", "Tahunan"


class StatusPeriode(models.TextChoices):
    DIBUKA = "dibuka", "Dibuka"
    DITUTUP = "ditutup", "Ditutup"


class PredikatOrganisasi(models.TextChoices):
    """Tahap Pertama huruf a."""

    ISTIMEWA = "istimewa", "Istimewa"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class Rating(models.TextChoices):
    DI_ATAS = "di_atas", "Di Atas Ekspektasi"
    SESUAI = "sesuai", "Sesuai Ekspektasi"
    DI_BAWAH = "di_bawah", "Di Bawah Ekspektasi"


class Predikat(models.TextChoices):
    """From the kuadran (evaluasi.kuadran); best first."""

    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class PeriodeEvaluasi(TenantModel):
    jenis = models.CharField(max_length=12, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(help_text="Bulan 1-12, triwulan 1-4, tahunan 1.")
    tahun = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=StatusPeriode.choices, default=StatusPeriode.DIBUKA)
    otomatis = models.BooleanField(default=False, help_text="Dibuka otomatis oleh sistem pada akhir periode.")
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuka_pada = models.DateTimeField(auto_now_add=True)
    ditutup_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Periode evaluasi"
        verbose_name_plural = "Periode evaluasi"
        ordering = ["-tahun", "jenis", "-nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "jenis", "nomor", "tahun"], name="periode_evaluasi_unik"
            ),
            models.CheckConstraint(condition=Q(nomor__gte=1, nomor__lte=12), name="periode_evaluasi_nomor"),
        ]

    def __str__(self):
        return self.label

    @property
    def periode(self):
        """The calendar period (umpanbalik.periode.Periode): dates, labels."""
        from umpanbalik.periode import Periode

        return Periode(self.jenis, self.nomor, self.tahun)

    @property
    def label(self) -> str:
        return self.periode.label

    @property
    def mulai(self):
        return self.periode.mulai

    @property
    def selesai(self):
        return self.periode.selesai

    @property
    def tahunan(self) -> bool:
        return self.jenis == JenisPeriode.TAHUNAN


class CapaianOrganisasi(TenantModel):
    """The achievement of the unit led by the Penilai (Tahap Pertama huruf g), per period."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(PeriodeEvaluasi, on_delete=models.CASCADE, related_name="capaian")
    predikat = models.CharField(max_length=20, choices=PredikatOrganisasi.choices)
    keterangan = models.TextField(
        blank=True, help_text="Dasar penetapan, mis. capaian IKU / rencana aksi PK."
    )
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ditetapkan_pada = models.DateTimeField()

    class Meta:
        verbose_name = "Capaian kinerja organisasi"
        verbose_name_plural = "Capaian kinerja organisasi"
        constraints = [models.UniqueConstraint(fields=["pemda", "unit", "periode"], name="capaian_unik")]

    def __str__(self):
        return f"{self.unit_id} {self.periode_id}: {self.predikat}"


class StatusEvaluasi(models.TextChoices):
    BELUM_DINILAI = "belum_dinilai", "Belum dinilai"
    DINILAI = "dinilai", "Dinilai (draf)"
    MENUNGGU_PEGAWAI = "menunggu_pegawai", "Ditandatangani penilai, menunggu Pegawai"
    SELESAI = "selesai", "Selesai"
    DIKECUALIKAN = "dikecualikan", "Dikecualikan"


class Jenjang(models.TextChoices):
    S1 = "s1", "Strata 1 (S-1)"
    S2_S3 = "s2_s3", "Profesi, Strata 2 (S-2) / Strata 3 (S-3)"


class LokasiStudi(models.TextChoices):
    DALAM_NEGERI = "dalam_negeri", "Dalam negeri"
    LUAR_NEGERI = "luar_negeri", "Luar negeri"


class Kelulusan(models.TextChoices):
    BELUM = "belum", "Masih menempuh studi"
    LEBIH_CEPAT = "lebih_cepat", "Lulus lebih cepat"
    TEPAT_WAKTU = "tepat_waktu", "Lulus tepat waktu"
    PERPANJANGAN = "perpanjangan", "Lulus tidak tepat waktu / perpanjangan"
    TIDAK_LULUS = "tidak_lulus", "Tidak lulus / drop out"


class Evaluasi(TenantModel):
    periode = models.ForeignKey(PeriodeEvaluasi, on_delete=models.PROTECT, related_name="evaluasi")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi")
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluasi")
    # Who evaluates: the chain on the period's last day (lampiran angka 13 and 14), kept as at preparation and
    # refreshed while nothing is signed.
    unit = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Unit yang dipimpin Pejabat Penilai Kinerja: capaiannya dipakai (Tahap Pertama huruf g).",
    )
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    penilai_kepala_daerah = models.BooleanField(default=False)
    atasan_penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    atasan_penilai_kepala_daerah = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=StatusEvaluasi.choices, default=StatusEvaluasi.BELUM_DINILAI
    )
    alasan_pengecualian = models.TextField(blank=True)

    capaian_organisasi = models.CharField(max_length=20, choices=PredikatOrganisasi.choices, blank=True)
    capaian_keterangan = models.CharField(max_length=300, blank=True)
    rating_hasil = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    predikat = models.CharField(max_length=20, choices=Predikat.choices, blank=True)
    catatan_rekomendasi = models.TextField(blank=True)
    # Per RHK line (garis) and per BerAKHLAK value: the evaluator's words in the C.1.x "umpan balik" column.
    catatan_hasil = models.JSONField(default=dict, blank=True)
    catatan_perilaku = models.JSONField(default=dict, blank=True)
    saran_hasil = models.CharField(max_length=10, choices=Rating.choices, blank=True)

    # Tugas belajar (Sumedang lampiran "Penyusunan SKP bagi Pegawai yang melaksanakan tugas belajar").
    tugas_belajar = models.BooleanField(default=False)
    ipk = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    jenjang = models.CharField(max_length=10, choices=Jenjang.choices, blank=True)
    lokasi_studi = models.CharField(max_length=15, choices=LokasiStudi.choices, blank=True)
    akreditasi_institusi = models.CharField(max_length=1, blank=True, help_text="A, B atau C (dalam negeri).")
    kelulusan = models.CharField(max_length=15, choices=Kelulusan.choices, blank=True)

    # Mutations (lampiran angka 13 a): the previous period's result, by agreement.
    dari_evaluasi = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Hasil periode sebelumnya yang dipakai sesuai kesepakatan (mutasi, lampiran angka 13 huruf a).",
    )

    dinilai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    oleh_atasan = models.BooleanField(
        default=False, help_text="Dievaluasi dan ditandatangani atasan Penilai (Format D.1.2; final)."
    )
    final = models.BooleanField(
        default=False,
        help_text="Tidak dapat diajukan keberatan (D.1.2; JPT/unit mandiri oleh Kepala Daerah).",
    )
    ditandatangani_penilai_pada = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Ditandatangani penilai dan saat itu juga disampaikan kepada Pegawai.",
    )
    ditandatangani_pegawai_pada = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Evaluasi kinerja"
        verbose_name_plural = "Evaluasi kinerja"
        ordering = ["periode_id", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "periode", "pegawai"], name="evaluasi_satu_per_periode"),
            models.CheckConstraint(
                condition=~Q(status="selesai") | ~Q(predikat=""), name="evaluasi_selesai_berpredikat"
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "periode", "penilai"], name="evaluasi_penilai_idx"),
            models.Index(fields=["pemda", "periode", "status"], name="evaluasi_status_idx"),
            models.Index(fields=["pemda", "pegawai"], name="evaluasi_pegawai_idx"),
        ]

    def __str__(self):
        return f"Evaluasi {self.pegawai_id} {self.periode_id} ({self.status})"

    @property
    def ditandatangani_penilai(self) -> bool:
        return self.ditandatangani_penilai_pada is not None


class StatusKeberatan(models.TextChoices):
    DIAJUKAN = "diajukan", "Diajukan"
    DIPERIKSA = "diperiksa", "Diperiksa atasan Penilai"
    DIKUATKAN = "dikuatkan", "Diputus: hasil dikuatkan"
    DIUBAH = "diubah", "Diputus: hasil diubah"


class Keberatan(TenantModel):
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="keberatan")
    alasan = models.TextField()
    status = models.CharField(
        max_length=12, choices=StatusKeberatan.choices, default=StatusKeberatan.DIAJUKAN
    )
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diajukan_pada = models.DateTimeField()
    # The examination (lampiran Keberatan angka 4): the Penilai's explanation and more from the Pegawai.
    penjelasan_diminta_pada = models.DateTimeField(null=True, blank=True)
    penjelasan_penilai = models.TextField(blank=True)
    penjelasan_pada = models.DateTimeField(null=True, blank=True)
    permintaan_pegawai = models.TextField(
        blank=True, help_text="Yang ditanyakan atasan Penilai kepada Pegawai."
    )
    keterangan_pegawai = models.TextField(blank=True)
    keterangan_pada = models.DateTimeField(null=True, blank=True)
    # The decision (angka 5-7).
    predikat_semula = models.CharField(max_length=20, choices=Predikat.choices, blank=True)
    rating_hasil_semula = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_semula = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    keputusan = models.TextField(blank=True)
    rekomendasi = models.TextField(blank=True)
    rating_hasil_baru = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_baru = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    predikat_baru = models.CharField(max_length=20, choices=Predikat.choices, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Keberatan"
        verbose_name_plural = "Keberatan"
        ordering = ["-diajukan_pada"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "evaluasi"], name="keberatan_satu_per_evaluasi")
        ]

    def __str__(self):
        return f"Keberatan atas {self.evaluasi_id} ({self.status})"

    @property
    def terbuka(self) -> bool:
        return self.status in (StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA)


class LaporanBerjenjang(TenantModel):
    """Pelaporan kinerja berjenjang to PyB/BKPSDM (lampiran Tindak Lanjut angka 1, 2, 7, 10): the evaluation
    document with the SKP and the hasil evaluasi attached."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="laporan")
    dilaporkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dilaporkan_pada = models.DateTimeField()
    kepada = models.CharField(max_length=200, help_text="PyB / BKPSDM penerima.")
    catatan = models.TextField(blank=True)

    class Meta:
        verbose_name = "Laporan berjenjang"
        verbose_name_plural = "Laporan berjenjang"
        ordering = ["-dilaporkan_pada"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "evaluasi"], name="laporan_satu_per_evaluasi")
        ]


class JenisPenghargaan(models.TextChoices):
    SUKSESI = "suksesi", "Prioritas kelompok rencana suksesi"
    KOMPETENSI = "kompetensi", "Prioritas pengembangan kompetensi"
    LAINNYA = "lainnya", "Penghargaan lain dari PPK"


class Penghargaan(TenantModel):
    """Lampiran Tindak Lanjut C angka 1-2 (Bogor Pasal 30, Sarolangun Pasal 29, Inhu Pasal 27)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="penghargaan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penghargaan")
    jenis = models.CharField(max_length=12, choices=JenisPenghargaan.choices)
    keterangan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField()

    class Meta:
        verbose_name = "Penghargaan"
        verbose_name_plural = "Penghargaan"
        ordering = ["-dicatat_pada"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "evaluasi", "jenis"], name="penghargaan_satu_per_jenis")
        ]


class TahapSanksi(models.TextChoices):
    PERBAIKAN = "perbaikan", "Kesempatan memperbaiki kinerja"
    UJI_KOMPETENSI = "uji_kompetensi", "Uji kompetensi"
    SELESAI = "selesai", "Selesai"


class HasilSanksi(models.TextChoices):
    MEMBAIK = "membaik", "Kinerja membaik"
    DIPINDAHKAN = "dipindahkan", "Dipindahkan ke jabatan lain sesuai kompetensi"
    DITURUNKAN = "diturunkan", "Ditempatkan pada jabatan lebih rendah"
    JABATAN_SEMENTARA = "jabatan_sementara", "Ditempatkan sementara (paling lama 1 tahun)"
    DIBERHENTIKAN_HORMAT = "diberhentikan_hormat", "Diberhentikan dengan hormat"
    DIBERHENTIKAN_PPPK = "diberhentikan_pppk", "Diberhentikan dari PPPK"
    LAINNYA = "lainnya", "Sesuai ketentuan peraturan perundang-undangan"


class Sanksi(TenantModel):
    """A sanction followed through per the Pemda's rule (PengaturanPemda.sanksi_kinerja; Bogor Pasal 33-34,
    Sumedang Pasal 31(2))."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.PROTECT, related_name="sanksi")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sanksi")
    aturan = models.CharField(max_length=40, help_text="Kode aturan dalam PengaturanPemda.sanksi_kinerja.")
    dasar = models.CharField(max_length=200, help_text="Pasal aturan, seperti tercetak.")
    tahap = models.CharField(max_length=20, choices=TahapSanksi.choices, default=TahapSanksi.PERBAIKAN)
    mulai = models.DateField()
    batas_perbaikan = models.DateField(null=True, blank=True)
    uji_kompetensi_pada = models.DateField(null=True, blank=True)
    hasil = models.CharField(max_length=25, choices=HasilSanksi.choices, blank=True)
    catatan = models.TextField(blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Sanksi"
        verbose_name_plural = "Sanksi"
        ordering = ["-mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "evaluasi", "aturan"], name="sanksi_satu_per_aturan")
        ]
