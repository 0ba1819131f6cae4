"""Tugas belajar: expectations from the IPK and graduation (Sumedang lampiran "Penyusunan SKP bagi Pegawai yang
melaksanakan tugas belajar" angka 5-7).

Dalam negeri, S-1, by accreditation of the university (the programme at least C for A and B, at least B for C):

| akreditasi | Sangat Baik | Baik      | Butuh Perbaikan | Kurang/Misconduct |
| A          | 3,51-4,00   | 3,01-3,50 | 2,76-3,00       | < 2,76            |
| B          | 3,61-4,00   | 3,10-3,60 | 2,76-3,09       | < 2,76            |
| C          | 3,71-4,00   | 3,20-3,70 | 2,76-3,19       | < 2,76            |

Luar negeri: S-1 3,51 / 3,01 / 2,76; Profesi, S-2 / S-3 3,51 / 3,20 / 3,00.

The Sumedang text has no dalam negeri table for Profesi/S-2/S-3 (its angka 5 stops after "a) Strata 1"): the
luar negeri Profesi/S-2/S-3 thresholds are used for it, the strictest table the text gives for those levels.
The accreditation table's gaps (3,60 < x < 3,61 in row B) are closed by taking each lower bound as "from".
"""

from decimal import Decimal

from .models import Jenjang, Kelulusan, LokasiStudi, Predikat, Rating

D = Decimal
# Lower bounds of Sangat Baik, Baik, Butuh Perbaikan; below the last is Kurang/Misconduct.
DALAM_NEGERI_S1 = {
    "A": (D("3.51"), D("3.01"), D("2.76")),
    "B": (D("3.61"), D("3.10"), D("2.76")),
    "C": (D("3.71"), D("3.20"), D("2.76")),
}
LUAR_NEGERI = {
    Jenjang.S1: (D("3.51"), D("3.01"), D("2.76")),
    Jenjang.S2_S3: (D("3.51"), D("3.20"), D("3.00")),
}


def batas(jenjang: str, lokasi: str, akreditasi: str = "") -> tuple[Decimal, Decimal, Decimal]:
    if jenjang not in Jenjang.values:
        raise ValueError(f"Jenjang studi tidak dikenal: '{jenjang}'.")
    if lokasi == LokasiStudi.DALAM_NEGERI and jenjang == Jenjang.S1:
        akreditasi = (akreditasi or "").strip().upper()
        if akreditasi not in DALAM_NEGERI_S1:
            raise ValueError("Akreditasi institusi harus A, B atau C untuk S-1 dalam negeri.")
        return DALAM_NEGERI_S1[akreditasi]
    if lokasi not in LokasiStudi.values:
        raise ValueError(f"Lokasi studi tidak dikenal: '{lokasi}'.")
    return LUAR_NEGERI[Jenjang(jenjang)]


def kategori_ipk(ipk, jenjang: str, lokasi: str, akreditasi: str = "") -> str:
    """The table's category of this IPK (a Predikat value: sangat_baik .. kurang)."""
    nilai = D(str(ipk))
    if not D("0") <= nilai <= D("4"):
        raise ValueError("IPK harus antara 0,00 dan 4,00.")
    sangat_baik, baik, perbaikan = batas(jenjang, lokasi, akreditasi)
    if nilai >= sangat_baik:
        return Predikat.SANGAT_BAIK.value
    if nilai >= baik:
        return Predikat.BAIK.value
    if nilai >= perbaikan:
        return Predikat.BUTUH_PERBAIKAN.value
    return Predikat.KURANG.value


def saran_hasil_tugas_belajar(ipk, jenjang, lokasi, akreditasi, kelulusan) -> tuple[str, str]:
    """Suggested hasil kerja rating of a Pegawai on tugas belajar: the IPK category (Sangat Baik -> Di Atas, Baik
    -> Sesuai, lower -> Di Bawah), one step down for graduating late (perpanjangan) and one up for graduating
    early; not finishing gives Di Bawah (and the predikat rule of kuadran.predikat_tugas_belajar_tidak_lulus)."""
    if kelulusan == Kelulusan.TIDAK_LULUS:
        return Rating.DI_BAWAH.value, "Tidak menyelesaikan studi (tidak lulus / drop out)."
    if ipk is None or ipk == "":
        return "", "IPK belum diisi."
    kategori = kategori_ipk(ipk, jenjang, lokasi, akreditasi)
    tangga = [Rating.DI_BAWAH.value, Rating.SESUAI.value, Rating.DI_ATAS.value]
    posisi = {Predikat.SANGAT_BAIK: 2, Predikat.BAIK: 1}.get(Predikat(kategori), 0)
    alasan = f"IPK {ipk} masuk kategori {Predikat(kategori).label} pada tabel panduan"
    if kelulusan == Kelulusan.PERPANJANGAN:
        posisi, alasan = max(0, posisi - 1), alasan + "; lulus tidak tepat waktu"
    elif kelulusan == Kelulusan.LEBIH_CEPAT:
        posisi, alasan = min(2, posisi + 1), alasan + "; lulus lebih cepat"
    return tangga[posisi], alasan + "."
