"""Working days (hari kerja) of a Pemda: no weekends, national holidays, cuti bersama, or the Pemda's own days off.

National holidays and cuti bersama come from the `holidays` package (Indonesia, categories public and
government). Every deadline in the system is computed here, never in calendar days by hand.
"""

import datetime
from functools import lru_cache

import holidays
from django.core.cache import cache
from django_scopes import ScopeError, get_scope

from kinerja.models import HariLiburPemda

_CACHE_KEY = "kinerja:hari-libur-pemda:{pemda_id}"


@lru_cache(maxsize=64)
def _libur_nasional(tahun: int) -> dict[datetime.date, str]:
    return dict(
        holidays.country_holidays("ID", years=tahun, categories=("public", "government"), language="id")
    )


def libur_nasional(tanggal: datetime.date) -> str | None:
    return _libur_nasional(tanggal.year).get(tanggal)


def libur_pemda(pemda_id: int) -> dict[datetime.date, str]:
    """The Pemda's own days off, cached until they change (kinerja.services.pengaturan clears it).

    Read inside another Pemda's scope the query would find nothing, and that empty answer would be cached
    as this Pemda's calendar: refuse instead (national_context reads any Pemda)."""
    scope = get_scope()
    if scope.get("_enabled", True) and scope.get("pemda") not in (None, pemda_id):
        raise ScopeError(f"Kalender Pemda {pemda_id} dibaca dalam lingkup Pemda {scope['pemda']}.")
    key = _CACHE_KEY.format(pemda_id=pemda_id)
    days = cache.get(key)
    if days is None:
        days = dict(HariLiburPemda.objects.filter(pemda_id=pemda_id).values_list("tanggal", "nama"))
        cache.set(key, days, 60 * 60)
    return days


def forget_libur_pemda(pemda_id: int):
    cache.delete(_CACHE_KEY.format(pemda_id=pemda_id))


class Kalender:
    def __init__(self, pemda_id: int):
        self.pemda_id = pemda_id
        self._pemda_days = libur_pemda(pemda_id)

    def alasan_libur(self, tanggal: datetime.date) -> str | None:
        if tanggal.weekday() >= 5:
            return "Sabtu" if tanggal.weekday() == 5 else "Minggu"
        return libur_nasional(tanggal) or self._pemda_days.get(tanggal)

    def is_hari_kerja(self, tanggal: datetime.date) -> bool:
        return self.alasan_libur(tanggal) is None

    def tambah_hari_kerja(self, mulai: datetime.date, n: int) -> datetime.date:
        """The date `n` working days after `mulai` (the start day itself does not count)."""
        if n < 0:
            raise ValueError("n must not be negative")
        tanggal = mulai
        while n > 0:
            tanggal += datetime.timedelta(days=1)
            if self.is_hari_kerja(tanggal):
                n -= 1
        return tanggal

    def hari_kerja_antara(self, mulai: datetime.date, sampai: datetime.date) -> int:
        """Working days after `mulai` up to and including `sampai`."""
        count, tanggal = 0, mulai
        while tanggal < sampai:
            tanggal += datetime.timedelta(days=1)
            count += self.is_hari_kerja(tanggal)
        return count


def tambah_hari_kerja(pemda_id: int, mulai: datetime.date, n: int) -> datetime.date:
    """The one function for deadlines: `n` working days of Pemda `pemda_id` after `mulai`."""
    return Kalender(pemda_id).tambah_hari_kerja(mulai, n)
