"""Per-Pemda regulation settings, seeded from each Pemda's Peraturan Bupati.

Every field's help text names the Pasal it comes from in the four seed regulations (Sarolangun 18/2025,
Indragiri Hulu 44/2025, Bogor 17/2023, Sumedang 103/2023). `dasar_hukum` holds, per tenant, the exact
Pasal its own regulation uses for each value, so every seeded value is traceable.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

from .tenancy import TenantModel


class SiklusEvaluasi(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    BULANAN_DAN_TRIWULANAN = "bulanan_triwulanan", "Bulanan dan triwulanan"


class PeriodeDokumentasi(models.TextChoices):
    HARIAN = "harian", "Harian"
    MINGGUAN = "mingguan", "Mingguan"
    BULANAN = "bulanan", "Bulanan"
    TRIWULANAN = "triwulanan", "Triwulanan"
    SEMESTERAN = "semesteran", "Semesteran"
    TAHUNAN = "tahunan", "Tahunan"


class Pendekatan(models.TextChoices):
    KUALITATIF = "kualitatif", "Kualitatif"
    KUANTITATIF = "kuantitatif", "Kuantitatif"


class JenisCuti(models.TextChoices):
    TAHUNAN = "tahunan", "Cuti tahunan"
    SAKIT = "sakit", "Cuti sakit"
    ALASAN_PENTING = "alasan_penting", "Cuti karena alasan penting"
    MELAHIRKAN = "melahirkan", "Cuti melahirkan"
    BESAR = "besar", "Cuti besar"


class StatusKepegawaian(models.TextChoices):
    """Statuses other than 'aktif' (aktif is the absence of any of these on a date)."""

    CUTI = "cuti", "Cuti"
    TUGAS_BELAJAR = "tugas_belajar", "Tugas belajar"
    DIBERHENTIKAN_SEMENTARA = "diberhentikan_sementara", "Diberhentikan sementara"
    CLTN = "cltn", "Cuti di luar tanggungan negara (CLTN)"
    MPP = "mpp", "Masa persiapan pensiun (MPP)"
    PEJABAT_NEGARA = "pejabat_negara", "Diangkat menjadi pejabat negara / pimpinan lembaga nonstruktural"


@deconstructible
class SubsetValidator:
    """The value is a list of distinct items taken from `choices`."""

    def __init__(self, choices, label):
        self.allowed = sorted(value for value, _ in choices)
        self.label = label

    def __call__(self, value):
        if not isinstance(value, list) or any(item not in self.allowed for item in value):
            raise ValidationError(
                f"{self.label}: pilihan tidak dikenal. Pilihan yang sah: {', '.join(self.allowed)}."
            )
        if len(set(value)) != len(value):
            raise ValidationError(f"{self.label}: ada pilihan ganda.")

    def __eq__(self, other):
        return isinstance(other, SubsetValidator) and (self.allowed, self.label) == (
            other.allowed,
            other.label,
        )


validate_periode_dokumentasi = SubsetValidator(PeriodeDokumentasi.choices, "Periode pendokumentasian")
validate_pendekatan = SubsetValidator(Pendekatan.choices, "Pendekatan hasil kerja")
validate_jenis_cuti = SubsetValidator(JenisCuti.choices, "Jenis cuti")
validate_status = SubsetValidator(StatusKepegawaian.choices, "Status kepegawaian")

# Fields whose value comes from the regulation (the rest are letterhead and names).
REGULATED_FIELDS = [
    "siklus_evaluasi_periodik",
    "periode_dokumentasi",
    "pendekatan_hasil_kerja",
    "wajib_timeline",
    "wajib_rencana_aksi",
    "batas_penetapan_skp_bulan",
    "batas_evaluasi_tahunan_bulan",
    "hari_kerja_serah_dokumen",
    "hari_kerja_pegawai_kembalikan",
    "hari_kerja_lapor_pyb",
    "hari_kerja_atasan_tandatangan",
    "hari_kerja_serah_dokumen_atasan",
    "hari_kerja_pegawai_kembalikan_atasan",
    "hari_kerja_ajukan_keberatan",
    "hari_kerja_putus_keberatan",
    "hari_kerja_evaluasi_periodik",
    "pola_distribusi",
    "sanksi_kinerja",
    "cuti_pengecualian_evaluasi_bulanan",
    "status_pengecualian_perencanaan",
    "aturan_sanksi",
    "sistem_informasi",
    "pengawasan",
]


# Expected share (%) of each predikat for each capaian kinerja organisasi (Sumedang lampiran "Tahapan Evaluasi"
# Tahap Kedua b-f: "sebagian besar" get the predikat matching the unit, the others remain possible). The lampiran
# draws the curves without numbers; these are a sensible reading of them that BKPSDM may change.
PREDIKAT_KEYS = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
CAPAIAN_KEYS = ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]


def pola_distribusi_bawaan() -> dict:
    return {
        "istimewa": {"sangat_baik": 60, "baik": 25, "butuh_perbaikan": 10, "kurang": 3, "sangat_kurang": 2},
        "baik": {"sangat_baik": 15, "baik": 60, "butuh_perbaikan": 15, "kurang": 5, "sangat_kurang": 5},
        "butuh_perbaikan": {
            "sangat_baik": 5,
            "baik": 20,
            "butuh_perbaikan": 55,
            "kurang": 12,
            "sangat_kurang": 8,
        },
        "kurang": {"sangat_baik": 3, "baik": 10, "butuh_perbaikan": 20, "kurang": 55, "sangat_kurang": 12},
        "sangat_kurang": {
            "sangat_baik": 2,
            "baik": 5,
            "butuh_perbaikan": 13,
            "kurang": 20,
            "sangat_kurang": 60,
        },
    }


def validate_pola_distribusi(value):
    if not isinstance(value, dict) or sorted(value) != sorted(CAPAIAN_KEYS):
        raise ValidationError(f"Pola distribusi harus memuat kelima capaian: {', '.join(CAPAIAN_KEYS)}.")
    for capaian, baris in value.items():
        if not isinstance(baris, dict) or sorted(baris) != sorted(PREDIKAT_KEYS):
            raise ValidationError(
                f"Pola '{capaian}' harus memuat kelima predikat: {', '.join(PREDIKAT_KEYS)}."
            )
        if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in baris.values()):
            raise ValidationError(f"Pola '{capaian}': persentase harus bilangan bulat 0-100.")
        if sum(baris.values()) != 100:
            raise ValidationError(f"Pola '{capaian}': jumlah persentase {sum(baris.values())}, harus 100.")


SANKSI_KUNCI = {
    "kode",
    "nama",
    "dasar",
    "predikat",
    "rating_hasil",
    "jenis_jabatan",
    "jenis_asn",
    "bulan_perbaikan",
}


def validate_sanksi_kinerja(value):
    """A list of rules: {kode, nama, dasar, bulan_perbaikan, uji_kompetensi, hasil, and who/what it applies to:
    jenis_jabatan (kinerja JenisJabatan values), jenis_asn (PNS/PPPK), predikat (annual) or rating_hasil}."""
    if not isinstance(value, list):
        raise ValidationError("Aturan sanksi harus berupa daftar.")
    kode = set()
    for aturan in value:
        if not isinstance(aturan, dict) or not {"kode", "nama", "dasar"} <= set(aturan):
            raise ValidationError("Setiap aturan sanksi memerlukan kode, nama dan dasar.")
        if aturan["kode"] in kode:
            raise ValidationError(f"Kode aturan sanksi ganda: {aturan['kode']}.")
        kode.add(aturan["kode"])
        if not (aturan.get("predikat") or aturan.get("rating_hasil")):
            raise ValidationError(
                f"Aturan {aturan['kode']}: sebutkan predikat atau rating_hasil yang dikenai."
            )
        if any(p not in PREDIKAT_KEYS for p in aturan.get("predikat", [])):
            raise ValidationError(f"Aturan {aturan['kode']}: predikat tidak dikenal.")


def jadwal_pengingat_bawaan() -> dict:
    return {"sebelum": [7, 2], "hari_h": True, "lewat_setiap": 5}


def validate_jadwal_pengingat(value):
    """{"sebelum": working days before the deadline, "hari_h": on the day, "lewat_setiap": every N working days
    while overdue (0: never)}."""
    if not isinstance(value, dict) or set(value) - {"sebelum", "hari_h", "lewat_setiap"}:
        raise ValidationError("Jadwal pengingat memuat: sebelum (daftar hari kerja), hari_h, lewat_setiap.")
    sebelum = value.get("sebelum", [])
    if not isinstance(sebelum, list) or any(
        not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 60 for n in sebelum
    ):
        raise ValidationError("Jadwal pengingat 'sebelum': daftar hari kerja 1 sampai 60.")
    lewat = value.get("lewat_setiap", 0)
    if not isinstance(lewat, int) or isinstance(lewat, bool) or not 0 <= lewat <= 60:
        raise ValidationError("Jadwal pengingat 'lewat_setiap': hari kerja 0 sampai 60 (0: tidak diulang).")
    if not isinstance(value.get("hari_h", True), bool):
        raise ValidationError("Jadwal pengingat 'hari_h' harus true atau false.")


class PengaturanPemda(TenantModel):
    """The regulation and identity settings of one Pemda, editable by its BKPSDM admin."""

    # Identity used on documents and the letterhead.
    nama_instansi = models.CharField(
        max_length=150,
        help_text="Nama instansi pada kop dan dokumen, mis. 'Pemerintah Kabupaten Bogor' "
        "(Pasal 1 angka 1-2 tiap Perbup: Daerah dan Pemerintah Daerah).",
    )
    nama_peraturan = models.CharField(
        max_length=200,
        help_text="Peraturan Bupati yang menjadi dasar pengaturan ini (judul dan nomor, mis. "
        "'Peraturan Bupati Bogor Nomor 17 Tahun 2023'); dasar setiap Pasal yang dirujuk.",
    )
    jabatan_kepala_daerah = models.CharField(
        max_length=80,
        default="Bupati",
        help_text="Sebutan Kepala Daerah pada dokumen; menetapkan SKP JPT (lampiran Perbup Sumedang "
        "'Penetapan SKP' angka 2; Pasal 1 angka 3 Perbup Sarolangun/Inhu/Sumedang).",
    )
    nama_kepala_daerah = models.CharField(
        max_length=120,
        blank=True,
        help_text="Nama Kepala Daerah untuk blok tanda tangan (Pasal 1: Bupati; penandatangan Perbup).",
    )
    nama_bkpsdm = models.CharField(
        max_length=150,
        default="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        help_text="Nama perangkat daerah yang membidangi kepegawaian (Pasal 1 angka 3 Perbup Bogor, "
        "Pasal 1 angka 8 Perbup Sarolangun; penerima pelaporan berjenjang, Pasal 26 Sarolangun).",
    )
    alamat = models.TextField(blank=True, help_text="Alamat pada kop surat dokumen (Pasal 1: Daerah).")
    telepon = models.CharField(
        max_length=60, blank=True, help_text="Telepon pada kop surat (Pasal 1: Daerah)."
    )
    email = models.EmailField(blank=True, help_text="Surel pada kop surat (Pasal 1: Daerah).")
    laman = models.CharField(
        max_length=120, blank=True, help_text="Situs web pada kop surat (Pasal 1: Daerah)."
    )
    tempat_penandatanganan = models.CharField(
        max_length=80,
        help_text="Tempat pada blok tanggal dokumen, mis. 'Cibinong' (tempat penetapan Perbup, bagian penutup).",
    )
    logo = models.ImageField(
        upload_to="logo/",
        blank=True,
        help_text="Lambang daerah pada kop surat (Pasal 1: Daerah). PNG atau JPG, paling besar 1 MB.",
    )

    # Regulation.
    siklus_evaluasi_periodik = models.CharField(
        max_length=20,
        choices=SiklusEvaluasi.choices,
        help_text="Siklus evaluasi kinerja periodik (evaluasi siklus pendek). Sarolangun Pasal 21(2): "
        "triwulanan; Inhu Pasal 21(2): bulanan dan triwulan; Bogor Pasal 22(2)(3): bulanan atau "
        "triwulanan, ditetapkan BKPSDM; Sumedang Pasal 23(2): bulanan.",
    )
    periode_dokumentasi = models.JSONField(
        default=list,
        validators=[validate_periode_dokumentasi],
        help_text="Periode pendokumentasian kinerja. Sarolangun Pasal 13(3); Inhu Pasal 14(3); "
        "Bogor Pasal 14(3)(4) (ditetapkan BKPSDM sesuai periode evaluasi); Sumedang Pasal 15(3).",
    )
    pendekatan_hasil_kerja = models.JSONField(
        default=list,
        validators=[validate_pendekatan],
        help_text="Pendekatan ukuran keberhasilan hasil kerja yang diizinkan. Sarolangun Pasal 7(5): "
        "kuantitatif; Inhu Pasal 10(3), Bogor Pasal 8(3), Sumedang Pasal 9: kualitatif atau kuantitatif.",
    )
    wajib_timeline = models.BooleanField(
        default=False,
        help_text="Pegawai wajib menyusun timeline 12 bulan yang disetujui Pejabat Penilai Kinerja "
        "setelah SKP ditetapkan. Sarolangun Pasal 14(1)a dan (2); Bogor Pasal 15(1)a dan (2).",
    )
    wajib_rencana_aksi = models.BooleanField(
        default=False,
        help_text="Pegawai wajib menyusun rencana aksi tiap rencana kinerja. Sarolangun Pasal 14(1)b; "
        "Bogor Pasal 15(1)b; Sumedang lampiran Format B.1.1/B.1.2.",
    )
    batas_penetapan_skp_bulan = models.PositiveSmallIntegerField(
        default=1,
        help_text="SKP ditetapkan paling lambat akhir bulan ini pada tahun kinerja (1 = Januari). "
        "Sarolangun Pasal 12(1); Inhu Pasal 13(1) dan 31(3); Bogor Pasal 13(1); Sumedang Pasal 14(1).",
    )
    batas_evaluasi_tahunan_bulan = models.PositiveSmallIntegerField(
        default=1,
        help_text="Evaluasi tahunan dilakukan akhir Desember dan paling lama akhir bulan ini tahun "
        "berikutnya (1 = Januari). Sumedang lampiran Evaluasi Kinerja angka 8 huruf b.",
    )
    hari_kerja_serah_dokumen = models.PositiveSmallIntegerField(
        default=14,
        help_text="Hari kerja sejak ditandatangani, dokumen evaluasi disampaikan kepada Pegawai. "
        "Sumedang lampiran Tindak Lanjut, Pelaporan angka 5.",
    )
    hari_kerja_pegawai_kembalikan = models.PositiveSmallIntegerField(
        default=14,
        help_text="Hari kerja sejak diterima, Pegawai menandatangani dan mengembalikan dokumen evaluasi. "
        "Sumedang lampiran Tindak Lanjut, Pelaporan angka 6.",
    )
    hari_kerja_lapor_pyb = models.PositiveSmallIntegerField(
        default=30,
        help_text="Hari kerja sejak jangka waktu evaluasi berakhir, dokumen dilaporkan berjenjang kepada PyB. "
        "Sumedang lampiran Tindak Lanjut, Pelaporan angka 7 dan 10; Pasal 26 Sarolangun, Pasal 27 Bogor.",
    )
    hari_kerja_atasan_tandatangan = models.PositiveSmallIntegerField(
        default=14,
        help_text="Hari kerja sejak jangka waktu evaluasi berakhir, atasan Pejabat Penilai Kinerja "
        "menandatangani bila Penilai tidak melakukannya (Format D.1.2). Sumedang lampiran Tindak Lanjut angka 8.",
    )
    hari_kerja_serah_dokumen_atasan = models.PositiveSmallIntegerField(
        default=7,
        help_text="Hari kerja sejak ditandatangani atasan Penilai, dokumen disampaikan kepada Pegawai. "
        "Sumedang lampiran Tindak Lanjut angka 8.",
    )
    hari_kerja_pegawai_kembalikan_atasan = models.PositiveSmallIntegerField(
        default=7,
        help_text="Hari kerja sejak diterima, Pegawai mengembalikan dokumen yang ditandatangani atasan Penilai. "
        "Sumedang lampiran Tindak Lanjut angka 9.",
    )
    hari_kerja_ajukan_keberatan = models.PositiveSmallIntegerField(
        default=14,
        help_text="Hari kerja sejak dokumen evaluasi diterima, batas Pegawai mengajukan keberatan beserta "
        "alasannya. Sumedang lampiran Keberatan angka 2; Pasal 27 Sarolangun, Pasal 26 Inhu, Pasal 28 Bogor.",
    )
    hari_kerja_putus_keberatan = models.PositiveSmallIntegerField(
        default=7,
        help_text="Hari kerja sejak keberatan diterima, atasan Pejabat Penilai Kinerja menetapkan keputusan. "
        "Sumedang lampiran Keberatan angka 6.",
    )
    hari_kerja_evaluasi_periodik = models.PositiveSmallIntegerField(
        default=10,
        help_text="Hari kerja sejak periode evaluasi periodik berakhir, Pejabat Penilai Kinerja mengevaluasi dan "
        "menandatangani; lewat dari itu atasan Penilai yang melakukannya (Format D.1.2). Perbup tidak menyebut "
        "angka (Sumedang lampiran Evaluasi Kinerja angka 8 huruf a dan 11: 'jangka waktu evaluasi kinerja "
        "periodik'); ditetapkan BKPSDM.",
    )
    buka_periode_otomatis = models.BooleanField(
        default=True,
        help_text="Periode evaluasi dibuka otomatis pada hari terakhir periode (BKPSDM tetap dapat membukanya lebih "
        "awal).",
    )
    pola_distribusi = models.JSONField(
        default=pola_distribusi_bawaan,
        validators=[validate_pola_distribusi],
        help_text="Persentase predikat kinerja Pegawai yang diharapkan untuk tiap capaian kinerja organisasi "
        "(Sumedang lampiran Tahapan Evaluasi, Tahap Kedua huruf b-f; Pasal 23(1)b dan 24(1)b).",
    )
    toleransi_pola_distribusi = models.PositiveSmallIntegerField(
        default=20,
        help_text="Selisih (poin persen) antara distribusi unit dan pola yang membuat Penilai diperingatkan "
        "(tidak dicegah).",
    )
    sanksi_kinerja = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_sanksi_kinerja],
        help_text="Aturan sanksi atas hasil evaluasi yang diikuti tahapannya (Bogor Pasal 33-34; Sumedang Pasal "
        "31(2) untuk PPPK). Kosong: sanksi sesuai peraturan perundang-undangan, dicatat tanpa tahapan.",
    )
    jadwal_pengingat = models.JSONField(
        default=jadwal_pengingat_bawaan,
        validators=[validate_jadwal_pengingat],
        help_text="Kapan pengingat tenggat dikirim: 'sebelum' (hari kerja sebelum batas, mis. [7, 2]), 'hari_h' "
        "(pada hari batas), 'lewat_setiap' (tiap N hari kerja selama terlambat; 5 = mingguan). Pilihan BKPSDM; "
        "Perbup mengatur batasnya, bukan pengingatnya.",
    )
    cuti_pengecualian_evaluasi_bulanan = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_jenis_cuti],
        help_text="Jenis cuti yang, bila Pegawai tidak masuk kerja sebulan penuh karenanya, mengecualikan "
        "penyusunan dan evaluasi kinerja bulan itu. Inhu Pasal 31(2).",
    )
    status_pengecualian_perencanaan = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_status],
        help_text="Status Pegawai yang tidak wajib perencanaan kinerja (SKP). Inhu Pasal 31(7); "
        "Sumedang lampiran 'Penetapan SKP' angka 7.",
    )
    aturan_sanksi = models.TextField(
        blank=True,
        help_text="Ketentuan sanksi atas hasil evaluasi kinerja. Bogor Pasal 32-34; Sumedang Pasal 31(2) "
        "(PPPK); Sarolangun Pasal 31; Inhu Pasal 29.",
    )
    sistem_informasi = models.TextField(
        blank=True,
        help_text="Ketentuan sistem informasi kinerja. Sarolangun Pasal 32 dan 35; Inhu Pasal 6 dan 15(3); "
        "Bogor Pasal 35 (BAB VII); Sumedang Pasal 33.",
    )
    pengawasan = models.TextField(
        blank=True,
        help_text="Pengawasan penerapan pengelolaan kinerja. Sarolangun Pasal 33; Inhu Pasal 30; "
        "Bogor Pasal 35 (BAB VIII); Sumedang Pasal 34.",
    )
    kepala_pd_awasi_pd_sendiri = models.BooleanField(
        default=False,
        help_text="Kepala Perangkat Daerah mengawasi penerapan pengelolaan kinerja di PD-nya sendiri "
        "(dapat melihat kepatuhan PD-nya). Bogor Pasal 35(1) BAB VIII.",
    )
    umpan_balik_rekan_anonim = models.BooleanField(
        default=False,
        help_text="Nama rekan kerja setingkat, bawahan dan pihak lain yang memberi umpan balik tidak "
        "ditampilkan kepada Pegawai (pilihan BKPSDM; Perbup hanya mewajibkan umpan balik dicatat, mis. "
        "Sumedang Pasal 16(3) dan 17(2)). Umpan balik Pimpinan selalu bernama.",
    )
    dasar_hukum = models.JSONField(
        default=dict,
        blank=True,
        help_text="Untuk tiap pengaturan, Pasal Perbup Pemda ini yang menjadi dasarnya (Pasal 37 Bogor, "
        "Pasal 21 dan 32 Sumedang: rincian dalam Perbup dan lampirannya).",
    )

    class Meta:
        verbose_name = "Pengaturan Pemda"
        verbose_name_plural = "Pengaturan Pemda"
        constraints = [models.UniqueConstraint(fields=["pemda"], name="pengaturan_satu_per_pemda")]

    def __str__(self):
        return f"Pengaturan {self.nama_instansi}"

    def clean(self):
        super().clean()
        errors = {}
        if not 1 <= self.batas_penetapan_skp_bulan <= 12:
            errors["batas_penetapan_skp_bulan"] = "Bulan harus 1 sampai 12."
        if not 1 <= self.batas_evaluasi_tahunan_bulan <= 12:
            errors["batas_evaluasi_tahunan_bulan"] = "Bulan harus 1 sampai 12."
        if not self.pendekatan_hasil_kerja:
            errors["pendekatan_hasil_kerja"] = "Pilih paling sedikit satu pendekatan."
        if not self.periode_dokumentasi:
            errors["periode_dokumentasi"] = "Pilih paling sedikit satu periode pendokumentasian."
        if errors:
            raise ValidationError(errors)

    @property
    def evaluasi_bulanan(self) -> bool:
        return self.siklus_evaluasi_periodik in (
            SiklusEvaluasi.BULANAN,
            SiklusEvaluasi.BULANAN_DAN_TRIWULANAN,
        )

    @property
    def evaluasi_triwulanan(self) -> bool:
        return self.siklus_evaluasi_periodik in (
            SiklusEvaluasi.TRIWULANAN,
            SiklusEvaluasi.BULANAN_DAN_TRIWULANAN,
        )


class HariLiburPemda(TenantModel):
    """A day off decided by the Pemda itself (on top of national holidays and cuti bersama)."""

    tanggal = models.DateField()
    nama = models.CharField(max_length=120, help_text="Mis. 'Hari Jadi Kabupaten Bogor'.")

    class Meta:
        verbose_name = "Hari libur Pemda"
        verbose_name_plural = "Hari libur Pemda"
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["pemda", "tanggal"], name="hari_libur_pemda_unik")]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
