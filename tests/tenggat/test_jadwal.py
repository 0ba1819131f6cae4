"""The reminder schedule's steps in working days (tenggat.jadwal), on the 2027 SKP deadline (Sunday 31 January):
the default schedule is 7 and 2 working days before, the last working day, then every 5 working days overdue;
Friday 5 February 2027 is cuti bersama (Imlek)."""

import datetime

import pytest

from kinerja.kalender import Kalender
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from tenggat.jadwal import keterangan, langkah

pytestmark = pytest.mark.django_db
D = datetime.date
BATAS = D(2027, 1, 31)
BAWAAN = {"sebelum": [7, 2], "hari_h": True, "lewat_setiap": 5}


@pytest.fixture
def kalender(world):
    with tenant_context(world.sumedang.pk):
        yield Kalender(world.sumedang.pk)


@pytest.mark.parametrize(
    ("tanggal", "harapan"),
    [
        (D(2027, 1, 19), None),  # 8 working days left: not yet
        (D(2027, 1, 20), "h-7"),
        (D(2027, 1, 25), "h-7"),  # catch-up: the same step until the next one
        (D(2027, 1, 27), "h-2"),
        (D(2027, 1, 28), "h-2"),
        (D(2027, 1, 29), "h0"),  # the last working day before the Sunday deadline
        (D(2027, 1, 30), None),  # Saturday: no reminders
        (D(2027, 2, 1), "lewat-1"),
        (D(2027, 2, 5), None),  # cuti bersama Imlek
        (D(2027, 2, 8), "lewat-1"),  # 5th working day overdue: still the first step
        (D(2027, 2, 9), "lewat-6"),  # a week of working days later
        (D(2027, 2, 16), "lewat-11"),
    ],
)
def test_langkah_jadwal_bawaan(kalender, tanggal, harapan):
    assert langkah(kalender, tanggal, BATAS, BAWAAN) == harapan


def test_jadwal_lain_per_pemda(kalender):
    jadwal = {"sebelum": [3], "hari_h": False, "lewat_setiap": 0}
    assert langkah(kalender, D(2027, 1, 25), BATAS, jadwal) is None
    assert langkah(kalender, D(2027, 1, 26), BATAS, jadwal) == "h-3"
    assert langkah(kalender, D(2027, 1, 29), BATAS, jadwal) is None  # no "on the day"
    assert langkah(kalender, D(2027, 2, 16), BATAS, jadwal) == "lewat-1"  # one overdue reminder only


def test_keterangan(kalender):
    assert keterangan(kalender, D(2027, 1, 25), BATAS) == "4 hari kerja lagi"
    assert keterangan(kalender, D(2027, 1, 29), BATAS) == "hari ini hari kerja terakhir"
    assert keterangan(kalender, D(2027, 2, 9), BATAS) == "terlambat 6 hari kerja"


def test_jadwal_divalidasi(world):
    from django.core.exceptions import ValidationError

    with tenant_context(world.sumedang.pk):
        pengaturan = PengaturanPemda.objects.get()
        assert pengaturan.jadwal_pengingat == BAWAAN
        for salah in (
            {"sebelum": [0]},
            {"sebelum": "7"},
            {"lewat_setiap": -1},
            {"hari_h": "ya"},
            {"x": 1},
            [],
        ):
            pengaturan.jadwal_pengingat = salah
            with pytest.raises(ValidationError):
                pengaturan.full_clean()
