"""Every window of the evaluation, in working days of the Pemda's calendar (kinerja.kalender), from its settings.

Sumedang lampiran "Evaluasi Kinerja" angka 8 and 11, "Tindak Lanjut" Pelaporan angka 5-10, Keberatan angka 2 and
6; the numbers are PengaturanPemda fields (seeded from each Perbup):

- evaluasi: a periodic period is evaluated within `hari_kerja_evaluasi_periodik` working days after it ends; the
  annual one by the end of month `batas_evaluasi_tahunan_bulan` of the next year (a month, not a day count);
- atasan: when the Penilai has not evaluated and signed by then, her superior signs (D.1.2) within
  `hari_kerja_atasan_tandatangan` working days after that window ends;
- pegawai: the Pegawai signs and returns within `hari_kerja_pegawai_kembalikan` (D.1.2:
  `..._atasan`) working days of receipt (the system delivers at the signature, so receipt is that day);
- keberatan: filed within `hari_kerja_ajukan_keberatan` working days of receipt, decided within
  `hari_kerja_putus_keberatan` working days of filing;
- lapor: reported berjenjang to PyB within `hari_kerja_lapor_pyb` working days after the evaluation window.
"""

import datetime

from kinerja.kalender import Kalender
from kinerja.models import PengaturanPemda
from skp.waktu import akhir_bulan

from .models import Evaluasi, Keberatan, PeriodeEvaluasi


def _tanggal(waktu) -> datetime.date:
    if isinstance(waktu, datetime.datetime):
        from django.utils import timezone

        return timezone.localdate(waktu)
    return waktu


def batas_evaluasi(periode: PeriodeEvaluasi, pengaturan: PengaturanPemda) -> datetime.date:
    """The last day the Penilai may evaluate and sign (D.1.1)."""
    if periode.tahunan:
        bulan = pengaturan.batas_evaluasi_tahunan_bulan
        return akhir_bulan(periode.tahun + 1, bulan)
    return Kalender(periode.pemda_id).tambah_hari_kerja(
        periode.selesai, pengaturan.hari_kerja_evaluasi_periodik
    )


def batas_atasan(periode: PeriodeEvaluasi, pengaturan: PengaturanPemda) -> datetime.date:
    """The last day the Atasan Penilai signs in the Penilai's place (D.1.2)."""
    return Kalender(periode.pemda_id).tambah_hari_kerja(
        batas_evaluasi(periode, pengaturan), pengaturan.hari_kerja_atasan_tandatangan
    )


def batas_lapor(periode: PeriodeEvaluasi, pengaturan: PengaturanPemda) -> datetime.date:
    return Kalender(periode.pemda_id).tambah_hari_kerja(
        batas_evaluasi(periode, pengaturan), pengaturan.hari_kerja_lapor_pyb
    )


def diterima(evaluasi: Evaluasi) -> datetime.date | None:
    """The day the Pegawai received the signed document (the evaluator's signature: the system delivers it)."""
    if evaluasi.ditandatangani_penilai_pada is None:
        return None
    return _tanggal(evaluasi.ditandatangani_penilai_pada)


def batas_pegawai(evaluasi: Evaluasi, pengaturan: PengaturanPemda) -> datetime.date | None:
    mulai = diterima(evaluasi)
    if mulai is None:
        return None
    n = (
        pengaturan.hari_kerja_pegawai_kembalikan_atasan
        if evaluasi.oleh_atasan
        else pengaturan.hari_kerja_pegawai_kembalikan
    )
    return Kalender(evaluasi.pemda_id).tambah_hari_kerja(mulai, n)


def batas_keberatan(evaluasi: Evaluasi, pengaturan: PengaturanPemda) -> datetime.date | None:
    mulai = diterima(evaluasi)
    if mulai is None:
        return None
    return Kalender(evaluasi.pemda_id).tambah_hari_kerja(mulai, pengaturan.hari_kerja_ajukan_keberatan)


def batas_putus_keberatan(keberatan: Keberatan, pengaturan: PengaturanPemda) -> datetime.date:
    return Kalender(keberatan.pemda_id).tambah_hari_kerja(
        _tanggal(keberatan.diajukan_pada), pengaturan.hari_kerja_putus_keberatan
    )
