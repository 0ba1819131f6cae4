"""Today, and the SKP deadline, for a Pemda.

`hari_ini` is the one clock of the SKP services and selectors: tests freeze it by patching
`skp.waktu.hari_ini`, and callers always go through the module (`waktu.hari_ini(...)`) so the patch holds.
"""

import calendar
import datetime

from django.utils import timezone


def hari_ini(pemda_id: int) -> datetime.date:
    """Today in the Pemda's timezone. PengaturanPemda has no timezone of its own yet: all four seed Pemda are
    in WIB, which is settings.TIME_ZONE (Asia/Jakarta). A Pemda in WITA/WIT needs a zone setting, read here."""
    return timezone.localdate()


def akhir_bulan(tahun: int, bulan: int) -> datetime.date:
    return datetime.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def batas_penetapan(skp, bulan_batas: int) -> datetime.date | None:
    """The last day to set this SKP, or None where no deadline applies.

    The deadline (end of January, PengaturanPemda.batas_penetapan_skp_bulan: Sumedang Pasal 14(1) and lampiran
    "Penetapan SKP" angka 3, Inhu Pasal 13(1) and 31(3), Bogor Pasal 13(1), Sarolangun Pasal 12(1)) is for the
    "perencanaan awal": the first version of an SKP that covers the start of the year. A revision (penyesuaian
    ekspektasi) or the SKP of a position taken up after the deadline has no deadline in the texts.
    """
    if skp.versi != 1:
        return None
    batas = akhir_bulan(skp.tahun, bulan_batas)
    return batas if skp.periode_mulai <= batas else None
