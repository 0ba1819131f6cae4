"""The IPK tables of tugas belajar (Sumedang lampiran "Penyusunan SKP bagi Pegawai yang melaksanakan tugas
belajar" angka 5-7): every boundary of every row."""

import pytest

from evaluasi import ipk

SB, BK, BP, KR = "sangat_baik", "baik", "butuh_perbaikan", "kurang"


@pytest.mark.parametrize(
    ("akreditasi", "nilai", "kategori"),
    [
        # A: 3,51-4,00 / 3,01-3,50 / 2,76-3,00 / < 2,76
        ("A", "4.00", SB),
        ("A", "3.51", SB),
        ("A", "3.50", BK),
        ("A", "3.01", BK),
        ("A", "3.00", BP),
        ("A", "2.76", BP),
        ("A", "2.75", KR),
        ("A", "0.00", KR),
        # B: 3,61-4,00 / 3,10-3,60 / 2,76-3,09 / < 2,76
        ("B", "3.61", SB),
        ("B", "3.60", BK),
        ("B", "3.10", BK),
        ("B", "3.09", BP),
        ("B", "2.76", BP),
        ("B", "2.75", KR),
        # C: 3,71-4,00 / 3,20-3,70 / 2,76-3,19 / < 2,76
        ("C", "3.71", SB),
        ("C", "3.70", BK),
        ("C", "3.20", BK),
        ("C", "3.19", BP),
        ("C", "2.76", BP),
        ("C", "2.75", KR),
        ("b", "3.61", SB),  # lower case accepted
    ],
)
def test_s1_dalam_negeri_per_akreditasi(akreditasi, nilai, kategori):
    assert ipk.kategori_ipk(nilai, "s1", "dalam_negeri", akreditasi) == kategori


@pytest.mark.parametrize(
    ("jenjang", "nilai", "kategori"),
    [
        ("s1", "3.51", SB),
        ("s1", "3.50", BK),
        ("s1", "3.01", BK),
        ("s1", "3.00", BP),
        ("s1", "2.76", BP),
        ("s1", "2.75", KR),
        ("s2_s3", "3.51", SB),
        ("s2_s3", "3.50", BK),
        ("s2_s3", "3.20", BK),
        ("s2_s3", "3.19", BP),
        ("s2_s3", "3.00", BP),
        ("s2_s3", "2.99", KR),
    ],
)
def test_luar_negeri(jenjang, nilai, kategori):
    assert ipk.kategori_ipk(nilai, jenjang, "luar_negeri") == kategori


@pytest.mark.parametrize(
    ("nilai", "kategori"),
    [("3.51", SB), ("3.50", BK), ("3.20", BK), ("3.19", BP), ("3.00", BP), ("2.99", KR)],
)
def test_s2_s3_dalam_negeri_memakai_tabel_s2_s3(nilai, kategori):
    # No accreditation is asked for S-2/S-3 (the text has no dalam negeri table for it).
    assert ipk.kategori_ipk(nilai, "s2_s3", "dalam_negeri") == kategori
    assert ipk.kategori_ipk(nilai, "s2_s3", "dalam_negeri", "Z") == kategori


@pytest.mark.parametrize("akreditasi", ["", "D", "Unggul", None])
def test_akreditasi_tidak_sah(akreditasi):
    with pytest.raises(ValueError, match="Akreditasi institusi harus A, B atau C"):
        ipk.kategori_ipk("3.50", "s1", "dalam_negeri", akreditasi)


@pytest.mark.parametrize("nilai", ["4.01", "-0.01", "5"])
def test_ipk_di_luar_rentang(nilai):
    with pytest.raises(ValueError, match="IPK harus antara"):
        ipk.kategori_ipk(nilai, "s1", "luar_negeri")


def test_jenjang_dan_lokasi_tidak_dikenal():
    with pytest.raises(ValueError, match="Jenjang"):
        ipk.kategori_ipk("3.00", "s4", "luar_negeri")
    with pytest.raises(ValueError, match="Lokasi"):
        ipk.kategori_ipk("3.00", "s1", "bulan")
