"""Working days (hari kerja) of a Pemda, kinerja/kalender.py: weekends, national holidays, cuti bersama and the
Pemda's own days off are not working days; every deadline counts only working days.

The calendar around Idul Fitri 2026, from SKB 3 Menteri Nomor 1497/2/5 Tahun 2025 (libur nasional and cuti
bersama 2026), which the `holidays` package reproduces and test_skb_2026_* pins:

    Tue 17 Mar  working day (the start)
    Wed 18 Mar  cuti bersama Hari Suci Nyepi
    Thu 19 Mar  Hari Suci Nyepi (Tahun Baru Saka 1948)
    Fri 20 Mar  cuti bersama Idul Fitri
    Sat 21 Mar  Idul Fitri 1447 H (and a Saturday)
    Sun 22 Mar  Idul Fitri, second day (and a Sunday)
    Mon 23 Mar  cuti bersama Idul Fitri
    Tue 24 Mar  cuti bersama Idul Fitri
    Wed 25 Mar  working day 1
    Thu 26 Mar  working day 2
    Fri 27 Mar  working day 3
    Sat 28, Sun 29 Mar  weekend
    Mon 30 Mar  working day 4
    Tue 31 Mar  working day 5

So from Tue 17 March 2026: +1 working day is Wed 25 March, +5 working days is Tue 31 March.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django_scopes import ScopeError, scopes_disabled

from kinerja.kalender import _CACHE_KEY as CACHE_KEY
from kinerja.kalender import Kalender, forget_libur_pemda, tambah_hari_kerja
from kinerja.models import HariLiburPemda
from kinerja.scoping import tenant_context
from kinerja.services.pengaturan import hari_libur_hapus, hari_libur_tambah

pytestmark = pytest.mark.django_db

D = datetime.date
START = D(2026, 3, 17)

# SKB 3 Menteri 2026: 8 days of cuti bersama, 17 days of libur nasional (21-22 March count as two).
SKB_2026_CUTI_BERSAMA = {
    D(2026, 2, 16),
    D(2026, 3, 18),
    D(2026, 3, 20),
    D(2026, 3, 23),
    D(2026, 3, 24),
    D(2026, 5, 15),
    D(2026, 5, 28),
    D(2026, 12, 24),
}
SKB_2026_LIBUR_NASIONAL = {
    D(2026, 1, 1),
    D(2026, 1, 16),
    D(2026, 2, 17),
    D(2026, 3, 19),
    D(2026, 3, 21),
    D(2026, 3, 22),
    D(2026, 4, 3),
    D(2026, 4, 5),
    D(2026, 5, 1),
    D(2026, 5, 14),
    D(2026, 5, 27),
    D(2026, 5, 31),
    D(2026, 6, 1),
    D(2026, 6, 16),
    D(2026, 8, 17),
    D(2026, 8, 25),
    D(2026, 12, 25),
}


def kalender(pemda) -> Kalender:
    with tenant_context(pemda.pk):
        return Kalender(pemda.pk)


def hari_libur_2026(pemda) -> dict[datetime.date, str]:
    k = kalender(pemda)
    days = (D(2026, 1, 1) + datetime.timedelta(days=i) for i in range(365))
    return {day: k.alasan_libur(day) for day in days if day.weekday() < 5 and not k.is_hari_kerja(day)}


def test_skb_2026_cuti_bersama_and_libur_nasional_on_weekdays_are_all_days_off(world):
    weekday = {day for day in SKB_2026_CUTI_BERSAMA | SKB_2026_LIBUR_NASIONAL if day.weekday() < 5}
    assert set(hari_libur_2026(world.sumedang)) == weekday


def test_skb_2026_cuti_bersama_are_named_as_cuti_bersama(world):
    libur = hari_libur_2026(world.sumedang)
    assert {day for day, nama in libur.items() if nama.startswith("Cuti Bersama")} == SKB_2026_CUTI_BERSAMA


def test_one_working_day_after_17_march_2026_skips_nyepi_and_idul_fitri(world):
    with tenant_context(world.sumedang.pk):
        assert tambah_hari_kerja(world.sumedang.pk, START, 1) == D(2026, 3, 25)


def test_five_working_days_after_17_march_2026_also_skip_the_weekend(world):
    with tenant_context(world.sumedang.pk):
        assert tambah_hari_kerja(world.sumedang.pk, START, 5) == D(2026, 3, 31)


def test_working_days_between_counts_the_same_calendar(world):
    k = kalender(world.sumedang)
    assert k.hari_kerja_antara(START, D(2026, 3, 24)) == 0
    assert k.hari_kerja_antara(START, D(2026, 3, 31)) == 5


def test_weekend_is_skipped(world):
    k = kalender(world.sumedang)
    assert k.tambah_hari_kerja(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Friday -> Monday
    assert k.alasan_libur(D(2026, 3, 7)) == "Sabtu"
    assert k.alasan_libur(D(2026, 3, 8)) == "Minggu"


def test_zero_working_days_is_the_start_and_negative_is_refused(world):
    k = kalender(world.sumedang)
    assert k.tambah_hari_kerja(START, 0) == START
    with pytest.raises(ValueError):
        k.tambah_hari_kerja(START, -1)


def test_fourteen_working_days_for_the_evaluation_document(world):
    # Signed on Mon 2 Feb 2026; 16 Feb (cuti bersama Imlek) and 17 Feb (Imlek) do not count:
    # 3-6 Feb (4), 9-13 Feb (5) = 9, 18-20 Feb (3) = 12, 23-24 Feb (2) = 14, so the 14th is Tue 24 Feb.
    with tenant_context(world.sumedang.pk):
        assert tambah_hari_kerja(world.sumedang.pk, D(2026, 2, 2), 14) == D(2026, 2, 24)


def test_a_day_off_of_one_pemda_changes_its_deadlines_only(world):
    with tenant_context(world.sumedang.pk):
        hari_libur_tambah(
            pemda_id=world.sumedang.pk,
            tanggal=D(2026, 3, 25),
            nama="Hari Jadi Kabupaten Sumedang",
            by=world.users.admin,
        )
    sumedang, bogor = kalender(world.sumedang), kalender(world.bogor)
    assert sumedang.alasan_libur(D(2026, 3, 25)) == "Hari Jadi Kabupaten Sumedang"
    assert sumedang.tambah_hari_kerja(START, 1) == D(2026, 3, 26)
    assert sumedang.tambah_hari_kerja(START, 5) == D(2026, 4, 1)
    assert bogor.is_hari_kerja(D(2026, 3, 25))
    assert bogor.tambah_hari_kerja(START, 1) == D(2026, 3, 25)
    assert bogor.tambah_hari_kerja(START, 5) == D(2026, 3, 31)


def test_the_pemda_days_off_are_cached(world):
    # Why the invalidation below matters: without it a new day off stays invisible for an hour.
    kalender(world.sumedang)
    with scopes_disabled():
        HariLiburPemda.objects.create(pemda=world.sumedang, tanggal=D(2026, 3, 25), nama="Tanpa service")
    assert kalender(world.sumedang).is_hari_kerja(D(2026, 3, 25))
    forget_libur_pemda(world.sumedang.pk)
    assert not kalender(world.sumedang).is_hari_kerja(D(2026, 3, 25))


def test_adding_a_day_off_through_the_service_clears_the_cache(world):
    assert kalender(world.sumedang).tambah_hari_kerja(START, 1) == D(2026, 3, 25)  # fills the cache
    with tenant_context(world.sumedang.pk):
        hari_libur_tambah(
            pemda_id=world.sumedang.pk, tanggal=D(2026, 3, 25), nama="Rapat", by=world.users.admin
        )
    assert kalender(world.sumedang).tambah_hari_kerja(START, 1) == D(2026, 3, 26)


def test_removing_a_day_off_through_the_service_clears_the_cache(world):
    with tenant_context(world.sumedang.pk):
        libur = hari_libur_tambah(
            pemda_id=world.sumedang.pk, tanggal=D(2026, 3, 25), nama="Rapat", by=world.users.admin
        )
    assert kalender(world.sumedang).tambah_hari_kerja(START, 1) == D(2026, 3, 26)  # fills the cache
    with tenant_context(world.sumedang.pk):
        hari_libur_hapus(libur=libur, by=world.users.admin)
    assert kalender(world.sumedang).tambah_hari_kerja(START, 1) == D(2026, 3, 25)


def test_a_reader_between_the_cache_clear_and_the_commit_does_not_keep_the_old_days(
    world, django_capture_on_commit_callbacks
):
    days_before = dict(kalender(world.sumedang)._pemda_days)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():  # the admin's request
        with tenant_context(world.sumedang.pk):
            hari_libur_tambah(
                pemda_id=world.sumedang.pk, tanggal=D(2026, 3, 25), nama="Rapat", by=world.users.admin
            )
        # Meanwhile another request, on its own connection, cannot see the uncommitted row and caches the
        # days off as they were (libur_pemda does exactly this on a cache miss).
        cache.set(CACHE_KEY.format(pemda_id=world.sumedang.pk), days_before, 60 * 60)
    # Committed: the new day off must count from now on.
    assert not kalender(world.sumedang).is_hari_kerja(D(2026, 3, 25))


def test_a_reader_between_the_cache_clear_and_the_commit_of_a_removal_does_not_keep_the_old_days(
    world, django_capture_on_commit_callbacks
):
    with tenant_context(world.sumedang.pk):
        libur = hari_libur_tambah(
            pemda_id=world.sumedang.pk, tanggal=D(2026, 3, 25), nama="Rapat", by=world.users.admin
        )
    days_before = dict(kalender(world.sumedang)._pemda_days)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with tenant_context(world.sumedang.pk):
            hari_libur_hapus(libur=libur, by=world.users.admin)
        cache.set(CACHE_KEY.format(pemda_id=world.sumedang.pk), days_before, 60 * 60)
    assert kalender(world.sumedang).is_hari_kerja(D(2026, 3, 25))


def test_the_calendar_of_a_pemda_needs_its_tenant_context(world):
    # Days off are tenant data: computing a deadline outside a tenant context fails closed.
    with pytest.raises(ScopeError):
        Kalender(world.sumedang.pk)


def test_the_calendar_of_another_pemda_is_refused_not_cached_empty(world):
    # Inside Bogor's scope, Sumedang's days off are invisible: answering would cache "no days off" for
    # Sumedang for an hour. It must refuse and cache nothing.
    with scopes_disabled():
        HariLiburPemda.objects.create(pemda=world.sumedang, tanggal=D(2026, 3, 25), nama="Hari Jadi")
    with tenant_context(world.bogor.pk), pytest.raises(ScopeError):
        Kalender(world.sumedang.pk)
    assert cache.get(CACHE_KEY.format(pemda_id=world.sumedang.pk)) is None
    assert not kalender(world.sumedang).is_hari_kerja(D(2026, 3, 25))
