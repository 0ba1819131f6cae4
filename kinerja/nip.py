"""NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, TMT CPNS/PPPK YYYYMM, gender 1/2, sequence 3."""

import datetime
from dataclasses import dataclass

USIA_MIN_PENGANGKATAN = 18
USIA_MAX_PENGANGKATAN = 60


class NIPError(ValueError):
    pass


@dataclass(frozen=True)
class NIPInfo:
    tanggal_lahir: datetime.date
    tmt: datetime.date
    jenis_kelamin: str  # "L" or "P"
    urut: int


def parse_nip(nip: str, *, today: datetime.date | None = None) -> NIPInfo:
    """Parse and validate a NIP; raise NIPError with a message a BKPSDM admin can act on."""
    nip = (nip or "").strip()
    # isdigit() alone admits other scripts' digits ('²', full-width '１'): only 0-9 make a NIP.
    if len(nip) != 18 or not (nip.isascii() and nip.isdigit()):
        raise NIPError("NIP harus 18 digit angka.")
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise NIPError(f"8 digit pertama NIP ({nip[0:8]}) bukan tanggal lahir yang sah.") from exc
    tahun_tmt, bulan_tmt = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_tmt <= 12:
        raise NIPError(f"Digit 9-14 NIP ({nip[8:14]}) bukan tahun-bulan TMT yang sah.")
    tmt = datetime.date(tahun_tmt, bulan_tmt, 1)
    today = today or datetime.date.today()
    if lahir >= today:
        raise NIPError("Tanggal lahir dalam NIP belum terjadi.")
    if tmt > today.replace(day=1) + datetime.timedelta(days=366):
        raise NIPError("TMT dalam NIP terlalu jauh di masa depan.")
    usia = tahun_tmt - lahir.year - ((bulan_tmt, 1) < (lahir.month, lahir.day))
    if not USIA_MIN_PENGANGKATAN <= usia <= USIA_MAX_PENGANGKATAN:
        raise NIPError(
            f"TMT dalam NIP ({nip[8:14]}) tidak cocok dengan tanggal lahir: usia saat pengangkatan {usia} tahun."
        )
    gender = nip[14]
    if gender not in "12":
        raise NIPError("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
    urut = int(nip[15:18])
    if urut == 0:
        raise NIPError("Nomor urut NIP (3 digit terakhir) tidak boleh 000.")
    return NIPInfo(tanggal_lahir=lahir, tmt=tmt, jenis_kelamin="L" if gender == "1" else "P", urut=urut)


def is_valid_nip(nip: str) -> bool:
    try:
        parse_nip(nip)
    except NIPError:
        return False
    return True
