"""The kuadran (every cell, invalid input), the suggested hasil kerja rating (saran_hasil) incl. ambil alih and
tugas belajar, and the predikat of a Pegawai on tugas belajar who did not finish."""

import pytest

from evaluasi import ipk, kuadran
from evaluasi.models import Predikat
from evaluasi.selectors.bahan import BahanIki, _rating_rhk

A, S, B = "di_atas", "sesuai", "di_bawah"


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (A, B, "kurang"),
        (A, S, "baik"),
        (A, A, "sangat_baik"),
        (S, B, "kurang"),
        (S, S, "baik"),
        (S, A, "baik"),
        (B, B, "sangat_kurang"),
        (B, S, "butuh_perbaikan"),
        (B, A, "butuh_perbaikan"),
    ],
)
def test_setiap_sel_kuadran(hasil, perilaku, predikat):
    assert kuadran.predikat(hasil, perilaku) == predikat


def test_kuadran_sembilan_sel_lengkap():
    assert len(kuadran.KUADRAN) == 9
    assert {kuadran.predikat(h, p) for h in (A, S, B) for p in (A, S, B)} == set(Predikat.values)


@pytest.mark.parametrize(("hasil", "perilaku"), [("", S), (S, ""), ("baik", S), (S, None), ("DI_ATAS", A)])
def test_rating_tidak_dikenal(hasil, perilaku):
    with pytest.raises(ValueError, match="Rating tidak dikenal"):
        kuadran.predikat(hasil, perilaku)


def test_peringkat_predikat():
    assert [kuadran.peringkat_predikat(p) for p in kuadran.URUTAN_PREDIKAT] == [0, 1, 2, 3, 4]
    assert kuadran.peringkat_predikat("") == 5


# saran_hasil --------------------------------------------------------------------------------------------------
def test_saran_tanpa_hasil():
    assert kuadran.saran_hasil([])[0] == ""


def test_saran_di_atas_bila_sebagian_besar_di_atas_dan_tidak_ada_utama_di_bawah():
    saran, alasan = kuadran.saran_hasil([(True, A), (True, A), (False, S)])
    assert saran == A and "2 dari 3" in alasan


def test_saran_bukan_di_atas_bila_satu_utama_di_bawah():
    # 3 of 4 above but one RHK utama below (1 of 4 utama: "a small part") -> Sesuai.
    saran, alasan = kuadran.saran_hasil([(True, A), (True, A), (True, A), (True, B)])
    assert saran == S and "1 dari 4 RHK utama" in alasan


def test_saran_di_bawah_bila_lebih_dari_seperempat_utama_di_bawah():
    saran, _ = kuadran.saran_hasil([(True, S), (True, S), (True, B), (False, A), (False, A)])
    assert saran == B  # 1 of 3 utama below: more than a quarter


def test_saran_di_bawah_bila_sebagian_besar_di_bawah():
    saran, alasan = kuadran.saran_hasil([(True, B), (False, B), (False, S)])
    assert saran == B and "sebagian besar" in alasan


def test_saran_sesuai_setengah_di_atas_bukan_sebagian_besar():
    assert kuadran.saran_hasil([(True, A), (True, S)])[0] == S


def _iki(rating):
    return BahanIki(iki=None, realisasi=None, harapan=None, rating=rating, alasan="")


def test_rhk_diambil_alih_di_bawah_walau_iki_di_atas():
    assert _rating_rhk([_iki(A), _iki(A)], diambil_alih=False) == A
    assert _rating_rhk([_iki(A), _iki(A)], diambil_alih=True) == B
    assert _rating_rhk([_iki(A), _iki(S)], diambil_alih=False) == S
    assert _rating_rhk([_iki(A), _iki(B)], diambil_alih=False) == B
    assert _rating_rhk([], diambil_alih=False) == ""


def test_saran_dengan_rhk_utama_diambil_alih():
    # Two RHK utama all above, one of them taken over: Di Bawah for that RHK, 1 of 2 utama -> Di Bawah.
    rhk = [
        (True, _rating_rhk([_iki(A)], diambil_alih=True)),
        (True, _rating_rhk([_iki(A)], diambil_alih=False)),
    ]
    assert kuadran.saran_hasil(rhk)[0] == B


# Tugas belajar ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nilai", "kelulusan", "saran"),
    [
        ("3.80", "belum", A),
        ("3.20", "belum", S),
        ("2.90", "belum", B),
        ("3.80", "perpanjangan", S),
        ("3.20", "perpanjangan", B),
        ("2.90", "perpanjangan", B),
        ("3.20", "lebih_cepat", A),
        ("3.80", "lebih_cepat", A),
        ("2.90", "lebih_cepat", S),
        ("3.80", "tidak_lulus", B),
    ],
)
def test_saran_tugas_belajar(nilai, kelulusan, saran):
    assert ipk.saran_hasil_tugas_belajar(nilai, "s1", "dalam_negeri", "A", kelulusan)[0] == saran


def test_saran_tugas_belajar_tanpa_ipk():
    assert ipk.saran_hasil_tugas_belajar(None, "s1", "dalam_negeri", "A", "belum") == ("", "IPK belum diisi.")


@pytest.mark.parametrize(("perilaku", "predikat"), [(A, "kurang"), (S, "kurang"), (B, "sangat_kurang")])
def test_predikat_tugas_belajar_tidak_lulus(perilaku, predikat):
    assert kuadran.predikat_tugas_belajar_tidak_lulus(perilaku) == predikat


def test_predikat_tugas_belajar_tidak_lulus_rating_salah():
    with pytest.raises(ValueError):
        kuadran.predikat_tugas_belajar_tidak_lulus("baik")
