"""A signing window that crosses Idul Fitri and cuti bersama ends on the right day, and its reminders fall on
working days: the national holidays and cuti bersama come from the `holidays` package (Indonesia, categories
public and government), as kinerja.kalender reads them.

2027 (Idul Fitri 1448 H, perkiraan):
    Mon 8 Mar Hari Suci Nyepi; Tue 9 Mar cuti bersama Idul Fitri; Wed 10 and Thu 11 Mar Idul Fitri;
    Fri 12 and Mon 15 Mar cuti bersama Idul Fitri; Thu 25 Mar cuti bersama and Fri 26 Mar Wafat Yesus Kristus.
2026 (Idul Fitri 1447 H):
    Wed 18 Mar cuti bersama Nyepi; Thu 19 Mar Nyepi; Fri 20 Mar cuti bersama Idul Fitri; Sat 21 and Sun 22 Mar
    Idul Fitri; Mon 23 and Tue 24 Mar cuti bersama Idul Fitri; Fri 3 Apr Wafat Yesus Kristus.
"""

import datetime

import pytest
from django_scopes import scopes_disabled

from evaluasi import jendela
from evaluasi.models import Evaluasi
from kinerja.kalender import libur_nasional
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from tenggat.models import Eskalasi, Pengingat
from tenggat.proses import proses_pemda
from tests.evaluasi import bantu
from tests.skp import bantu as skp_bantu

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def hari(monkeypatch):
    sekarang = {"tanggal": D(2026, 1, 12)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def pindah(tanggal):
        sekarang["tanggal"] = tanggal

    return pindah


def _pengaturan(world):
    with scopes_disabled():
        return PengaturanPemda.objects.get(pemda=world.sumedang)


def _periode_februari(world, hari, tahun):
    """The Pegawai's SKP of `tahun` set in January, the February period opened on 1/2 March with its capaian."""
    with tenant_context(world.sumedang.pk):
        hari(D(tahun, 1, 12))
        skp_bantu.sampai_ditetapkan(world, skp_bantu.draft(world, tahun=tahun), rhk=2, iki=2)
        hari(D(tahun, 3, 1) if D(tahun, 3, 1).weekday() < 5 else D(tahun, 3, 2))
        periode = bantu.buka(world, nomor=2, tahun=tahun)
        bantu.capaian(world, periode)
        return periode, bantu.evaluasi_pegawai(periode, world.pegawai)


def _jalan(world, hari, hari_hari):
    for tanggal in hari_hari:
        hari(tanggal)
        proses_pemda(world.sumedang.pk, tanggal)


def _langkah(pegawai, jenis, objek_id):
    with scopes_disabled():
        return sorted(
            Pengingat.objects.filter(penerima=pegawai, jenis=jenis, objek_id=objek_id).values_list(
                "tanggal", "langkah"
            )
        )


def test_kalender_2027_memuat_idul_fitri_dan_cuti_bersama():
    """The case below rests on these days; if the package moves them, this says so first."""
    assert "Idul Fitri" in libur_nasional(D(2027, 3, 10))
    assert "Idul Fitri" in libur_nasional(D(2027, 3, 11))
    for cuti in (D(2027, 3, 9), D(2027, 3, 12), D(2027, 3, 15), D(2027, 3, 25)):
        assert "Cuti Bersama" in libur_nasional(cuti), cuti
    assert libur_nasional(D(2027, 3, 16)) is None


def test_tanda_tangan_pegawai_2027_melewati_idul_fitri(world, hari):
    periode, ev = _periode_februari(world, hari, 2027)
    # The Penilai signs the February 2027 D.1.1 on Friday 5 March 2027, in her window (ends 22 March).
    hari(D(2027, 3, 5))
    with tenant_context(world.sumedang.pk):
        assert jendela.batas_evaluasi(periode, _pengaturan(world)) == D(2027, 3, 22)
        ev = bantu.sampai_ditandatangani(world, ev)
        # 14 working days from receipt (5 March), by hand:
        #   skipped: Sat 6, Sun 7, Mon 8 (Nyepi), Tue 9 (cuti bersama), Wed 10, Thu 11 (Idul Fitri), Fri 12
        #   (cuti bersama), Sat 13, Sun 14, Mon 15 (cuti bersama), 20-21, Thu 25 (cuti bersama), Fri 26 (Wafat
        #   Yesus Kristus), 27-28, 3-4 April;
        #   counted: 16 17 18 19 (4), 22 23 24 (7), 29 30 31 (10), 1 2 April (12), 5 6 April (14)
        # = Tuesday 6 April 2027 (5 March + 14 weekdays would have been 25 March).
        assert jendela.batas_pegawai(ev, _pengaturan(world)) == D(2027, 4, 6)
    _jalan(
        world,
        hari,
        [
            D(2027, 3, 10),  # a holiday: no reminder goes out
            D(2027, 3, 16),
            D(2027, 3, 23),  # 8 working days left: not yet
            D(2027, 3, 24),  # 7 left (29, 30, 31, 1, 2, 5, 6): h-7
            D(2027, 3, 25),  # cuti bersama
            D(2027, 3, 26),  # Wafat Yesus Kristus
            D(2027, 4, 1),  # 3 left: h-7 already sent
            D(2027, 4, 2),  # 2 left (5, 6): h-2
            D(2027, 4, 5),
            D(2027, 4, 6),  # the last day: h0
            D(2027, 4, 7),  # the first working day after: lewat-1
            D(2027, 4, 8),
        ],
    )
    assert _langkah(world.pegawai, "evaluasi_pegawai", ev.pk) == [
        (D(2027, 3, 24), "h-7"),
        (D(2027, 4, 2), "h-2"),
        (D(2027, 4, 6), "h0"),
        (D(2027, 4, 7), "lewat-1"),
    ]
    with scopes_disabled():
        assert set(
            Pengingat.objects.filter(objek_jenis="evaluasi.Evaluasi", objek_id=ev.pk).values_list(
                "batas", flat=True
            )
        ) == {D(2027, 4, 6)}


def test_d12_atasan_2026_tujuh_hari_melewati_idul_fitri(world, hari):
    """2026: the Penilai misses the February window (ends Friday 13 March); on Monday 16 March the evaluation
    moves to the Atasan Penilai, who signs D.1.2 on Tuesday 17 March; the Pegawai returns it within 7 working
    days across Nyepi, Idul Fitri and cuti bersama."""
    periode, ev = _periode_februari(world, hari, 2026)
    with tenant_context(world.sumedang.pk):
        assert jendela.batas_evaluasi(periode, _pengaturan(world)) == D(2026, 3, 13)
    _jalan(world, hari, [D(2026, 3, 16)])
    with scopes_disabled():
        eskalasi = Eskalasi.objects.get(jenis="evaluasi_ke_atasan", objek_id=ev.pk)
    assert eskalasi.tanggal == D(2026, 3, 16) and world.atasan.pk in eskalasi.kepada
    hari(D(2026, 3, 17))
    with tenant_context(world.sumedang.pk):
        ev = bantu.sampai_ditandatangani(world, Evaluasi.objects.get(pk=ev.pk), by=world.users.atasan)
        # 7 working days from 17 March, by hand:
        #   skipped: Wed 18 (cuti bersama Nyepi), Thu 19 (Nyepi), Fri 20 (cuti bersama Idul Fitri), Sat 21,
        #   Sun 22 (Idul Fitri), Mon 23, Tue 24 (cuti bersama Idul Fitri), 28-29;
        #   counted: 25 26 27 (3), 30 31 (5), 1 2 April (7)
        # = Thursday 2 April 2026; the next day, Friday 3 April, is Wafat Yesus Kristus.
        assert ev.oleh_atasan
        assert jendela.batas_pegawai(ev, _pengaturan(world)) == D(2026, 4, 2)
    _jalan(
        world,
        hari,
        [
            D(2026, 3, 17),  # 7 working days left: h-7 the day she receives it
            D(2026, 3, 20),  # cuti bersama
            D(2026, 3, 23),  # cuti bersama
            D(2026, 3, 30),  # 3 left
            D(2026, 3, 31),  # 2 left (1, 2 April): h-2
            D(2026, 4, 2),  # h0
            D(2026, 4, 3),  # Wafat Yesus Kristus: no reminder
            D(2026, 4, 6),  # the next working day: lewat-1
        ],
    )
    assert _langkah(world.pegawai, "evaluasi_pegawai", ev.pk) == [
        (D(2026, 3, 17), "h-7"),
        (D(2026, 3, 31), "h-2"),
        (D(2026, 4, 2), "h0"),
        (D(2026, 4, 6), "lewat-1"),
    ]
