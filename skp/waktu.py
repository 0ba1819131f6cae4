"""Today, and the SKP deadline, for a Pemda.

`hari_ini` is the one clock of the SKP services and selectors: tests freeze it by patching
`skp.waktu.hari_ini`, and callers always go through the module (`waktu.hari_ini(...)`) so the patch holds.
"""

import calendar
import contextlib
import contextvars
import datetime

from django.utils import timezone

_tanggal_tetap: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar(
    "hari_ini", default=None
)


def hari_ini(pemda_id: int) -> datetime.date:
    """Today in the Pemda's timezone. PengaturanPemda has no timezone of its own yet: all four seed Pemda are
    in WIB, which is settings.TIME_ZONE (Asia/Jakarta). A Pemda in WITA/WIT needs a zone setting, read here.
    Inside `pada(tanggal)` it is that day (demo seeding and replays act "as of" a past day)."""
    tetap = _tanggal_tetap.get()
    return tetap if tetap is not None else timezone.localdate()


def sekarang(pemda_id: int) -> datetime.datetime:
    """Now, on the Pemda's clock: the real moment, moved onto `hari_ini` when that is another day (inside
    `pada(...)`, or a test's frozen day). The business timestamps of a flow (signed, received, filed) use it so
    the working-day windows counted from them agree with the day the services act on."""
    nyata = timezone.localtime()
    hari = hari_ini(pemda_id)
    if nyata.date() == hari:
        return timezone.now()
    return nyata.replace(year=hari.year, month=hari.month, day=hari.day)


@contextlib.contextmanager
def pada(tanggal: datetime.date):
    """Run the services as if today were `tanggal` (the timestamps they record stay real)."""
    token = _tanggal_tetap.set(tanggal)
    try:
        yield
    finally:
        _tanggal_tetap.reset(token)


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
