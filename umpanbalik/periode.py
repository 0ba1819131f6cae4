"""Documentation periods of a Pemda (PengaturanPemda.periode_dokumentasi: Sumedang Pasal 15(3), Inhu Pasal
14(3), Bogor Pasal 14(3)(4), Sarolangun Pasal 13(3)).

Realisasi is recorded per IKI per period, and the rekaman B.1.3 to B.1.5 is printed per period. A period is
(jenis, nomor) within the SKP's year: bulanan 1-12, triwulanan 1-4, semesteran 1-2, tahunan 1. Harian and
mingguan documentation is what the catatan harian holds; where a Pemda documents only daily or weekly, its
realisasi is kept monthly.
"""

import calendar
import dataclasses
import datetime

from kinerja.models import PengaturanPemda, PeriodeDokumentasi

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ROMAWI = ["I", "II", "III", "IV"]
# Months per period, finest first.
PANJANG = {
    PeriodeDokumentasi.BULANAN: 1,
    PeriodeDokumentasi.TRIWULANAN: 3,
    PeriodeDokumentasi.SEMESTERAN: 6,
    PeriodeDokumentasi.TAHUNAN: 12,
}


@dataclasses.dataclass(frozen=True)
class Periode:
    jenis: str
    nomor: int
    tahun: int

    @property
    def bulan_awal(self) -> int:
        return (self.nomor - 1) * PANJANG[self.jenis] + 1

    @property
    def bulan_akhir(self) -> int:
        return self.nomor * PANJANG[self.jenis]

    @property
    def mulai(self) -> datetime.date:
        return datetime.date(self.tahun, self.bulan_awal, 1)

    @property
    def selesai(self) -> datetime.date:
        akhir = self.bulan_akhir
        return datetime.date(self.tahun, akhir, calendar.monthrange(self.tahun, akhir)[1])

    @property
    def kode(self) -> str:
        """As used in URLs and the API: 'bulanan-3', 'triwulanan-1', 'tahunan-1'."""
        return f"{self.jenis}-{self.nomor}"

    @property
    def label(self) -> str:
        if self.jenis == PeriodeDokumentasi.BULANAN:
            return f"{BULAN[self.nomor - 1]} {self.tahun}"
        if self.jenis == PeriodeDokumentasi.TRIWULANAN:
            return f"Triwulan {ROMAWI[self.nomor - 1]} {self.tahun}"
        if self.jenis == PeriodeDokumentasi.SEMESTERAN:
            return f"Semester {ROMAWI[self.nomor - 1]} {self.tahun}"
        return f"Tahun {self.tahun}"

    @property
    def label_format(self) -> str:
        """The "PERIODE:" line of B.1.3 to B.1.5 ("TRIWULAN I/II/III/IV-AKHIR")."""
        if self.jenis == PeriodeDokumentasi.TAHUNAN:
            return f"AKHIR TAHUN {self.tahun}"
        return self.label.upper()

    @property
    def porsi(self) -> float:
        """The share of the year that has passed at the end of this period (expected share of an annual
        target, when the plan says nothing finer)."""
        return self.bulan_akhir / 12

    def memuat(self, tanggal: datetime.date) -> bool:
        return self.mulai <= tanggal <= self.selesai


def jenis_realisasi(pengaturan: PengaturanPemda | None) -> list[str]:
    """The period kinds in which this Pemda's realisasi is recorded, finest first (never empty)."""
    dipilih = set(pengaturan.periode_dokumentasi if pengaturan else [])
    jenis = [j for j in PANJANG if j in dipilih]
    return jenis or [PeriodeDokumentasi.BULANAN]


def periode_utama(pengaturan: PengaturanPemda | None) -> str:
    """The finest period kind of the Pemda: the one the Penilai's progress view and the Pegawai's form use."""
    return jenis_realisasi(pengaturan)[0]


def semua(jenis: str, tahun: int) -> list[Periode]:
    return [Periode(jenis, n, tahun) for n in range(1, 12 // PANJANG[jenis] + 1)]


def pada(jenis: str, tanggal: datetime.date) -> Periode:
    """The period of kind `jenis` that holds `tanggal`."""
    return Periode(jenis, (tanggal.month - 1) // PANJANG[jenis] + 1, tanggal.year)


def dari_kode(kode: str, tahun: int, pengaturan: PengaturanPemda | None) -> Periode:
    """Parse 'bulanan-3'; ValueError with a message for the user when it is not a period of this Pemda."""
    jenis, _, nomor = (kode or "").partition("-")
    if jenis not in jenis_realisasi(pengaturan):
        pilihan = ", ".join(jenis_realisasi(pengaturan))
        raise ValueError(f"Periode '{kode}' tidak dikenal; periode pendokumentasian Pemda ini: {pilihan}.")
    try:
        n = int(nomor)
    except ValueError:
        raise ValueError(f"Nomor periode '{nomor}' harus angka.") from None
    if not 1 <= n <= 12 // PANJANG[jenis]:
        raise ValueError(f"Nomor periode {jenis} harus 1 sampai {12 // PANJANG[jenis]}.")
    return Periode(jenis, n, tahun)
