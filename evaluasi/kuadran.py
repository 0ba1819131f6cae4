"""The kuadran kinerja: predikat from the two ratings (one function), the suggested hasil kerja rating, ranks.

Kuadran (PermenPANRB 6/2022; Sumedang lampiran Tahap Ketiga, "Penjelasan terhadap kuadran"): y = hasil kerja,
x = perilaku kerja.

| hasil \\ perilaku | Di Bawah       | Sesuai          | Di Atas         |
| Di Atas           | Kurang         | Baik            | Sangat Baik     |
| Sesuai            | Kurang         | Baik            | Baik            |
| Di Bawah          | Sangat Kurang  | Butuh Perbaikan | Butuh Perbaikan |

Indragiri Hulu Pasal 23 lists the predikat without the Sangat Kurang cell; the table above is the one of
PermenPANRB and of Sumedang and is used for every Pemda (DOMAIN.md "Kuadran").
"""

from .models import Predikat, Rating

KUADRAN = {
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}

# Best first: the order of ranking (pemeringkatan) and of the distribution chart.
URUTAN_PREDIKAT = [
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
]
URUTAN_RATING = [Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH]


def predikat(rating_hasil: str, rating_perilaku: str) -> str:
    """The predikat of the kuadran cell (a Predikat value); ValueError for an unknown rating."""
    try:
        return KUADRAN[(Rating(rating_hasil), Rating(rating_perilaku))].value
    except ValueError:
        raise ValueError(
            f"Rating tidak dikenal: hasil '{rating_hasil}', perilaku '{rating_perilaku}'."
        ) from None


def predikat_tugas_belajar_tidak_lulus(rating_perilaku: str) -> str:
    """Tugas belajar not finished (tidak lulus / drop out): Kurang or Sangat Kurang "dengan mempertimbangkan
    perilaku kerja" (lampiran Tahap Ketiga): Sangat Kurang when perilaku is Di Bawah, else Kurang."""
    Rating(rating_perilaku)
    return Predikat.SANGAT_KURANG.value if rating_perilaku == Rating.DI_BAWAH else Predikat.KURANG.value


def peringkat_predikat(nilai: str) -> int:
    """0 for Sangat Baik .. 4 for Sangat Kurang; 5 for none."""
    try:
        return URUTAN_PREDIKAT.index(Predikat(nilai))
    except ValueError:
        return len(URUTAN_PREDIKAT)


def saran_hasil(hasil_rhk: list[tuple[bool, str]]) -> tuple[str, str]:
    """A suggested hasil kerja rating from each RHK's result against its expectation, with the reason.

    `hasil_rhk`: (utama?, one of Rating values) per RHK. Sumedang lampiran Tahap Ketiga 1)(d): Di Atas when most
    or all results are above expectation and no RHK utama is below; Sesuai when most or all are as expected (or
    above) and only a small part of the RHK utama is below; Di Bawah when most or all are below. "Most" is more
    than half; "a small part" is at most a quarter of the RHK utama. Feedback (the guidance's point b) is read by
    the Penilai; the suggestion never decides.
    """
    if not hasil_rhk:
        return "", "Belum ada hasil kerja untuk dibandingkan."
    n = len(hasil_rhk)
    atas = sum(1 for _, r in hasil_rhk if r == Rating.DI_ATAS)
    bawah = sum(1 for _, r in hasil_rhk if r == Rating.DI_BAWAH)
    utama = [r for u, r in hasil_rhk if u]
    utama_bawah = sum(1 for r in utama if r == Rating.DI_BAWAH)
    if bawah * 2 > n:
        return Rating.DI_BAWAH.value, f"{bawah} dari {n} hasil kerja di bawah ekspektasi (sebagian besar)."
    if atas * 2 > n and utama_bawah == 0:
        return (
            Rating.DI_ATAS.value,
            f"{atas} dari {n} hasil kerja di atas ekspektasi dan tidak ada RHK utama di bawah.",
        )
    if utama and utama_bawah * 4 > len(utama):
        return (
            Rating.DI_BAWAH.value,
            f"{utama_bawah} dari {len(utama)} RHK utama di bawah ekspektasi (lebih dari sebagian kecil).",
        )
    alasan = f"{n - bawah} dari {n} hasil kerja sesuai atau di atas ekspektasi"
    if utama_bawah:
        alasan += f"; {utama_bawah} dari {len(utama)} RHK utama di bawah (sebagian kecil)"
    return Rating.SESUAI.value, alasan + "."
