"""Pelaksanaan, pemantauan and pembinaan kinerja: what happens between a set SKP and its evaluation.

The reference is DOMAIN.md "The cycle" step 2, the Pasal on umpan balik (Sumedang 16-20, Bogor 16-20, Inhu and
Sarolangun 15-19) and the Sumedang lampiran "Pelaksanaan, pemantauan kinerja dan pembinaan kinerja" with Formats
B.1.2 to B.1.10.

- `CatatanHarian`: the Pegawai's quick daily log, linked to an RHK or rencana aksi, pulled into a realisasi.
- `Realisasi` per IKI per documentation period (umpanbalik.periode); an edit is a new version row, the old one
  stays (`berlaku=False`), and its `BuktiDukung` rows are carried over, so no evidence is ever lost.
- `UmpanBalik` from the leader (berkala, insidental) and from invited peers, subordinates and other parties
  (`UndanganUmpanBalik`, a django-guardian direct grant on the SKP carrying the Pemda).
- `TanggapanProgres`: what the leader did about progress (Pasal 19(2)(3) Sumedang): apresiasi, penugasan baru,
  penyesuaian ekspektasi or dukungan sumber daya, pembinaan.
- `Bimbingan` (coaching B.1.6, mentoring B.1.7 with `JurnalMentoring`), the Pegawai's `UmpanBalikBimbingan`
  (B.1.8), the `EvaluasiKompetensi` after it (B.1.9), the `LaporanPerilaku` to BKPSDM (B.1.10) and `Konseling`,
  readable only by the Pegawai and those granted (`AksesKonseling`).
- `AmbilAlih`: the leader takes over an RHK with the note that the Pegawai could not complete it (Pasal
  19(6)-(8) Sumedang); the evaluation reads it.
- `RekamanUmpanBalik`: the anchor of the per-period documents B.1.3 to B.1.5 (one per SKP and period).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from guardian.managers import UserObjectPermissionManager
from guardian.models import UserObjectPermissionBase

from kinerja.models import Pegawai, PeriodeDokumentasi, TenantModel
from kinerja.models.tenancy import tenant_manager
from skp.models import Iki, RencanaAksi, Rhk, Skp
from skp.perilaku import PerilakuKerja

User = settings.AUTH_USER_MODEL


class CatatanHarian(TenantModel):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="catatan_harian")
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="catatan_harian")
    rhk = models.ForeignKey(Rhk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rencana_aksi = models.ForeignKey(
        RencanaAksi, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tanggal = models.DateField()
    uraian = models.TextField("yang dikerjakan")
    hasil = models.CharField(max_length=200, blank=True, help_text="Mis. '3 surat', 'draf laporan'.")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Catatan harian"
        verbose_name_plural = "Catatan harian"
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["pemda", "pegawai", "tanggal"], name="catatan_harian_idx")]

    def __str__(self):
        return f"{self.tanggal}: {self.uraian[:60]}"


class SifatRealisasi(models.TextChoices):
    PROGRES = "progres", "Progres"
    AKHIR = "akhir", "Nilai akhir"


class Realisasi(TenantModel):
    """One version of the realisasi of one IKI in one documentation period. The current version has
    `berlaku=True`; an edit inserts version n+1 and keeps n (`sebelumnya`)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="realisasi")
    iki = models.ForeignKey(Iki, on_delete=models.CASCADE, related_name="realisasi")
    jenis_periode = models.CharField(max_length=20, choices=PeriodeDokumentasi.choices)
    nomor_periode = models.PositiveSmallIntegerField(
        help_text="Bulan 1-12, triwulan 1-4, semester 1-2, tahun 1."
    )
    sifat = models.CharField(max_length=10, choices=SifatRealisasi.choices, default=SifatRealisasi.PROGRES)
    nilai = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Capaian kumulatif dalam satuan target.",
    )
    teks = models.TextField("uraian realisasi", blank=True)
    versi = models.PositiveSmallIntegerField(default=1)
    sebelumnya = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    berlaku = models.BooleanField(default=True)
    alasan_ubah = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Realisasi"
        verbose_name_plural = "Realisasi"
        ordering = ["iki_id", "jenis_periode", "nomor_periode", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "iki", "jenis_periode", "nomor_periode"],
                condition=Q(berlaku=True),
                name="realisasi_satu_berlaku",
            ),
            models.UniqueConstraint(
                fields=["pemda", "iki", "jenis_periode", "nomor_periode", "versi"],
                name="realisasi_versi_unik",
            ),
        ]
        indexes = [models.Index(fields=["pemda", "skp", "berlaku"], name="realisasi_skp_idx")]

    def __str__(self):
        return f"Realisasi {self.iki_id} {self.jenis_periode} {self.nomor_periode} v{self.versi}"


def _lokasi_bukti(instance, filename):
    # Outside the web root (settings.MEDIA_ROOT is never routed); the name is not the user's.
    return f"bukti/{instance.pemda_id}/{instance.sha256[:2]}/{instance.sha256}"


class BuktiDukung(TenantModel):
    """A file or a link supporting one realisasi version. Copied (same stored file) into each new version."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(upload_to=_lokasi_bukti, max_length=200, blank=True)
    nama_berkas = models.CharField(max_length=200, blank=True)
    ukuran = models.PositiveIntegerField(default=0)
    tipe = models.CharField(max_length=100, blank=True, help_text="Jenis isi yang diperiksa dari isinya.")
    sha256 = models.CharField(max_length=64, blank=True)
    tautan = models.URLField(max_length=500, blank=True)
    keterangan = models.CharField(max_length=250, blank=True)
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField()

    class Meta:
        verbose_name = "Bukti dukung"
        verbose_name_plural = "Bukti dukung"
        ordering = ["realisasi", "dibuat_pada", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(berkas="") & ~Q(tautan="")) | (~Q(berkas="") & Q(tautan="")),
                name="bukti_berkas_atau_tautan",
            )
        ]

    def __str__(self):
        return self.nama_berkas or self.tautan


class PeranPemberi(models.TextChoices):
    """Pasal 17 Sumedang: the leader, and besides her peers, subordinates and other related parties."""

    PIMPINAN = "pimpinan", "Pimpinan"
    REKAN = "rekan", "Rekan kerja setingkat"
    BAWAHAN = "bawahan", "Pegawai di bawahnya"
    PIHAK_LAIN = "pihak_lain", "Pihak lain"


class JenisUmpanBalik(models.TextChoices):
    BERKALA = "berkala", "Berkala"
    INSIDENTAL = "insidental", "Insidental"


class CaraUmpanBalik(models.TextChoices):
    LANGSUNG = "langsung", "Langsung"
    TIDAK_LANGSUNG = "tidak_langsung", "Tidak langsung"


class UmpanBalik(TenantModel):
    """One piece of umpan balik berkelanjutan on the SKP of a Pegawai: on the whole period, an RHK, an IKI
    (optionally its realisasi) or one behaviour value."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="umpan_balik")
    pemberi = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    pemberi_pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    peran = models.CharField(max_length=20, choices=PeranPemberi.choices)
    jenis = models.CharField(max_length=20, choices=JenisUmpanBalik.choices)
    cara = models.CharField(max_length=20, choices=CaraUmpanBalik.choices, default=CaraUmpanBalik.LANGSUNG)
    jenis_periode = models.CharField(max_length=20, choices=PeriodeDokumentasi.choices)
    nomor_periode = models.PositiveSmallIntegerField()
    rhk = models.ForeignKey(Rhk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    iki = models.ForeignKey(Iki, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    perilaku = models.CharField(max_length=30, choices=PerilakuKerja.choices, blank=True)
    teks = models.TextField("umpan balik")
    tanggal = models.DateField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Umpan balik"
        verbose_name_plural = "Umpan balik"
        ordering = ["-tanggal", "-id"]
        indexes = [
            models.Index(fields=["pemda", "skp", "jenis_periode", "nomor_periode"], name="umpanbalik_idx")
        ]

    def __str__(self):
        return self.teks[:80]


class UndanganUmpanBalik(TenantModel, UserObjectPermissionBase):
    """An explicit grant to give umpan balik on one SKP (`skp.beri_umpan_balik`), to a peer, a subordinate
    or another party, by the Pegawai or her leader. Revoked by setting `dicabut_pada`."""

    content_object = models.ForeignKey(
        Skp,
        on_delete=models.CASCADE,
        related_name="undangan_umpan_balik",
        db_column="skp_id",
        verbose_name="SKP",
    )
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="undangan_umpan_balik")
    peran = models.CharField(max_length=20, choices=PeranPemberi.choices)
    diundang_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", editable=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dicabut_pada = models.DateTimeField(null=True, blank=True, editable=False)

    objects = tenant_manager(UserObjectPermissionManager)

    class Meta:
        verbose_name = "Undangan umpan balik"
        verbose_name_plural = "Undangan umpan balik"
        ordering = ["-dibuat_pada"]
        unique_together = []
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "user", "permission", "content_object"],
                condition=Q(dicabut_pada__isnull=True),
                name="undangan_umpan_balik_unik",
            )
        ]

    def __str__(self):
        return f"Undangan {self.pegawai} untuk SKP {self.content_object_id}"

    @property
    def skp(self) -> Skp:
        return self.content_object


class JenisTanggapan(models.TextChoices):
    """Pasal 19(2) and (3) Sumedang (Inhu Pasal 18(4)(5))."""

    APRESIASI = "apresiasi", "Apresiasi"
    PENUGASAN_BARU = "penugasan_baru", "Penugasan baru"
    PENYESUAIAN_EKSPEKTASI = "penyesuaian_ekspektasi", "Penyesuaian ekspektasi (perubahan SKP)"
    PENYESUAIAN_SUMBER_DAYA = "penyesuaian_sumber_daya", "Penyesuaian dukungan sumber daya"
    PEMBINAAN = "pembinaan", "Pembinaan kinerja"


class TanggapanProgres(TenantModel):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="tanggapan_progres")
    jenis = models.CharField(max_length=30, choices=JenisTanggapan.choices)
    rhk = models.ForeignKey(Rhk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    teks = models.TextField()
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Tanggapan atas progres"
        verbose_name_plural = "Tanggapan atas progres"
        ordering = ["-tanggal", "-id"]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.teks[:60]}"


class JenisBimbingan(models.TextChoices):
    """Sumedang lampiran Pembinaan kinerja angka 4 huruf c."""

    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    PELATIHAN_FORMAL = "pelatihan_formal", "Formal training"
    PELATIHAN_INFORMAL = "pelatihan_informal", "Informal training"


class Bimbingan(TenantModel):
    """One bimbingan kinerja session (coaching B.1.6, mentoring B.1.7, or a training) by the leader or by
    another party given a special assignment. `isian` holds the format's tables (umpanbalik.isian)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="bimbingan")
    jenis = models.CharField(max_length=20, choices=JenisBimbingan.choices)
    pembina = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    pembina_pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    penugasan_khusus = models.BooleanField(
        default=False, help_text="Dilakukan pihak lain yang diberikan penugasan khusus, bukan Pimpinan."
    )
    tanggal = models.DateField()
    tempat = models.CharField(max_length=200, blank=True)
    isian = models.JSONField(default=dict, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Bimbingan kinerja"
        verbose_name_plural = "Bimbingan kinerja"
        ordering = ["-tanggal", "-id"]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tanggal}"


class JurnalMentoring(TenantModel):
    """Format B.1.7 "Jurnal mentoring": one meeting of a mentoring."""

    bimbingan = models.ForeignKey(Bimbingan, on_delete=models.CASCADE, related_name="jurnal")
    waktu_tempat = models.CharField("waktu dan tempat", max_length=200)
    materi = models.TextField()
    rencana_aksi = models.TextField()
    target_waktu = models.CharField("target waktu rencana aksi", max_length=100)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Jurnal mentoring"
        verbose_name_plural = "Jurnal mentoring"
        ordering = ["bimbingan", "dibuat_pada", "id"]

    def __str__(self):
        return self.materi[:60]


class UmpanBalikBimbingan(TenantModel):
    """Format B.1.8: the Pegawai's feedback on a bimbingan, nine criteria in three groups."""

    bimbingan = models.ForeignKey(Bimbingan, on_delete=models.CASCADE, related_name="umpan_balik_pegawai")
    jawaban = models.JSONField(default=dict, help_text="Nomor kriteria 1-9 -> umpan balik Pegawai.")
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Umpan balik pelaksanaan bimbingan"
        verbose_name_plural = "Umpan balik pelaksanaan bimbingan"
        constraints = [models.UniqueConstraint(fields=["pemda", "bimbingan"], name="ub_bimbingan_satu")]

    def __str__(self):
        return f"Umpan balik atas {self.bimbingan}"


class EvaluasiKompetensi(TenantModel):
    """Format B.1.9: the competency evaluation after a bimbingan, on a 1-5 scale with reasons."""

    bimbingan = models.ForeignKey(Bimbingan, on_delete=models.CASCADE, related_name="evaluasi_kompetensi")
    nilai = models.JSONField(default=list, help_text="[{kelompok, kompetensi, nilai 1-5, alasan}]")
    rekomendasi = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Evaluasi kompetensi"
        verbose_name_plural = "Evaluasi kompetensi"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "bimbingan"], name="evaluasi_kompetensi_satu")
        ]

    def __str__(self):
        return f"Evaluasi kompetensi {self.bimbingan}"


class LaporanPerilaku(TenantModel):
    """Format B.1.10: the Penilai's report of a behaviour problem to the unit in charge of personnel."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="laporan_perilaku")
    pelapor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    masalah = models.TextField(help_text="Permasalahan perilaku kerja didasarkan pada nilai dasar ASN.")
    ekspektasi_khusus = models.TextField(blank=True)
    uraian = models.TextField(help_text="Permasalahan yang dianggap menghambat kinerja individu, unit, tim.")
    serupa_pada_pegawai_lain = models.BooleanField(default=False)
    retrospektif = models.TextField(
        help_text="Yang sudah dilakukan untuk memperbaiki perilaku kerja Pegawai."
    )
    tanggal = models.DateField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Laporan permasalahan perilaku kerja"
        verbose_name_plural = "Laporan permasalahan perilaku kerja"
        ordering = ["-tanggal", "-id"]

    def __str__(self):
        return self.masalah[:60]


class JenisKonselor(models.TextChoices):
    """Sumedang lampiran Konseling kinerja angka 5 huruf c angka 2) (a)(3) and (b)."""

    INDEPENDEN = "independen", "Konselor independen"
    PENILAI = "penilai", "Pejabat Penilai Kinerja yang telah memperoleh pelatihan konseling"
    PEJABAT_KONSELING = "pejabat_konseling", "Pejabat yang memiliki fungsi memberikan konseling"


class Konseling(TenantModel):
    """A konseling kinerja record: confidential (angka 5 huruf b). Readable by the Pegawai and the holders of
    an `AksesKonseling` grant (the counsellor and the officials it is reported to), nobody else."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="konseling")
    laporan = models.ForeignKey(
        LaporanPerilaku, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    konselor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    jenis_konselor = models.CharField(max_length=20, choices=JenisKonselor.choices)
    tanggal = models.DateField()
    tempat = models.CharField(max_length=200, blank=True)
    rekaman = models.TextField("rekaman informasi hasil konseling", blank=True)
    tindak_lanjut = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Konseling kinerja"
        verbose_name_plural = "Konseling kinerja"
        ordering = ["-tanggal", "-id"]
        permissions = [("baca_konseling", "Membaca rekaman konseling kinerja")]

    def __str__(self):
        return f"Konseling {self.tanggal}"


class AksesKonseling(TenantModel, UserObjectPermissionBase):
    """Who besides the Pegawai may read one konseling record: the counsellor, and the officials the lampiran
    names as its readers (angka 5 huruf c angka 2) (d))."""

    content_object = models.ForeignKey(
        Konseling, on_delete=models.CASCADE, related_name="akses", db_column="konseling_id"
    )
    alasan = models.CharField(max_length=200)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager(UserObjectPermissionManager)

    class Meta:
        verbose_name = "Akses konseling"
        verbose_name_plural = "Akses konseling"
        unique_together = []
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "user", "permission", "content_object"], name="akses_konseling_unik"
            )
        ]

    def __str__(self):
        return f"Akses {self.user_id} ke konseling {self.content_object_id}"


class AmbilAlih(TenantModel):
    """Pasal 19(6)-(8) Sumedang: the leader took over this RHK; `catatan` says the Pegawai could not
    complete it and is read in the evaluation."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ambil_alih")
    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="ambil_alih")
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    catatan = models.TextField()
    tanggal = models.DateField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Pengambilalihan RHK"
        verbose_name_plural = "Pengambilalihan RHK"
        ordering = ["-tanggal", "-id"]
        constraints = [models.UniqueConstraint(fields=["pemda", "rhk"], name="ambil_alih_satu_per_rhk")]

    def __str__(self):
        return f"Ambil alih {self.rhk}"


class RekamanUmpanBalik(TenantModel):
    """The anchor of the documents B.1.3 to B.1.5 of one SKP in one period (dokumen versions hang off it)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rekaman")
    jenis_periode = models.CharField(max_length=20, choices=PeriodeDokumentasi.choices)
    nomor_periode = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "Rekaman umpan balik berkelanjutan"
        verbose_name_plural = "Rekaman umpan balik berkelanjutan"
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "skp", "jenis_periode", "nomor_periode"], name="rekaman_satu_per_periode"
            )
        ]

    def __str__(self):
        return f"Rekaman {self.skp_id} {self.jenis_periode} {self.nomor_periode}"
