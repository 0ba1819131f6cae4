"""Which step of the Pemda's reminder schedule (PengaturanPemda.jadwal_pengingat) a deadline is at on a day.

Steps, counted in the Pemda's working days (kinerja.kalender):
- before the deadline: "h-N" for the smallest N of `sebelum` with at most N working days left (so a dispatcher
  that did not run on the exact day still sends it once: catch-up, never twice);
- "h0" on the last working day on or before the deadline (`hari_h`);
- overdue: "lewat-K" on the 1st working day after it and every `lewat_setiap` working days after that (5 =
  weekly); 0 means one overdue reminder only.
Reminders go out on working days only. Each step is sent at most once per recipient and item (tenggat.models).
"""

import datetime

from kinerja.kalender import Kalender


def langkah(kalender: Kalender, tanggal: datetime.date, batas: datetime.date, jadwal: dict) -> str | None:
    if not kalender.is_hari_kerja(tanggal):
        return None
    if tanggal <= batas:
        sisa = kalender.hari_kerja_antara(tanggal, batas)
        if sisa == 0:
            return "h0" if jadwal.get("hari_h", True) else None
        cocok = [n for n in sorted(jadwal.get("sebelum", [])) if sisa <= n]
        return f"h-{cocok[0]}" if cocok else None
    lewat = kalender.hari_kerja_antara(batas, tanggal)
    setiap = jadwal.get("lewat_setiap", 0)
    if not setiap:
        return "lewat-1"
    return f"lewat-{1 + ((lewat - 1) // setiap) * setiap}"


def keterangan(kalender: Kalender, tanggal: datetime.date, batas: datetime.date) -> str:
    """'3 hari kerja lagi', 'hari ini batasnya', 'terlambat 6 hari kerja', as the reminder says it."""
    if tanggal <= batas:
        sisa = kalender.hari_kerja_antara(tanggal, batas)
        return "hari ini hari kerja terakhir" if sisa == 0 else f"{sisa} hari kerja lagi"
    return f"terlambat {kalender.hari_kerja_antara(batas, tanggal)} hari kerja"
