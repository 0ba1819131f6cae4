"""NIP parsing (kinerja/nip.py): 18 digits = birth date YYYYMMDD, TMT CPNS/PPPK YYYYMM, gender 1/2, sequence 3.

Every refusal carries an Indonesian message a BKPSDM admin can act on; the tests pin the part of the message
that tells her what is wrong. `today` is fixed so the date rules do not drift with the calendar.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import Pegawai
from kinerja.nip import NIPError, is_valid_nip, parse_nip

TODAY = datetime.date(2026, 3, 17)


def nip(lahir="19850517", tmt="201003", gender="2", urut="001") -> str:
    return f"{lahir}{tmt}{gender}{urut}"


def refused(value: str) -> str:
    with pytest.raises(NIPError) as excinfo:
        parse_nip(value, today=TODAY)
    return str(excinfo.value)


def test_valid_nip_gives_birth_date_tmt_gender_and_sequence():
    info = parse_nip("198505172010032001", today=TODAY)
    assert info.tanggal_lahir == datetime.date(1985, 5, 17)
    assert info.tmt == datetime.date(2010, 3, 1)
    assert info.jenis_kelamin == "P"
    assert info.urut == 1


def test_gender_digit_1_is_laki_laki():
    assert parse_nip(nip(gender="1", urut="123"), today=TODAY).jenis_kelamin == "L"


def test_surrounding_spaces_are_ignored():
    assert parse_nip(" 198505172010032001 ", today=TODAY).tanggal_lahir == datetime.date(1985, 5, 17)


@pytest.mark.parametrize("value", ["", "19850517201003200", "1985051720100320011", None])
def test_nip_of_the_wrong_length_is_refused(value):
    assert refused(value) == "NIP harus 18 digit angka."


@pytest.mark.parametrize(
    "value",
    ["19850517201003200A", "1985-05-17-2010032", "19850517 201003 2 001", "+98505172010032001"],
)
def test_nip_with_non_digits_is_refused(value):
    assert refused(value) == "NIP harus 18 digit angka."


@pytest.mark.parametrize("lahir", ["19850230", "19851301", "19850000", "19850431"])
def test_impossible_birth_date_is_refused_and_named(lahir):
    message = refused(nip(lahir=lahir))
    assert message == f"8 digit pertama NIP ({lahir}) bukan tanggal lahir yang sah."


def test_birth_date_not_yet_reached_is_refused():
    assert refused(nip(lahir="20260318", tmt="202603")) == "Tanggal lahir dalam NIP belum terjadi."


@pytest.mark.parametrize("tmt", ["201000", "201013"])
def test_impossible_tmt_month_is_refused(tmt):
    assert refused(nip(tmt=tmt)) == f"Digit 9-14 NIP ({tmt}) bukan tahun-bulan TMT yang sah."


def test_tmt_before_the_eighteenth_birthday_is_refused():
    # Born 17 May 1990: on 1 May 2008 she is 17, on 1 June 2008 she is 18.
    message = refused(nip(lahir="19900517", tmt="200805"))
    assert "TMT dalam NIP (200805) tidak cocok dengan tanggal lahir" in message
    assert "usia saat pengangkatan 17 tahun" in message
    assert parse_nip(nip(lahir="19900517", tmt="200806"), today=TODAY).tmt == datetime.date(2008, 6, 1)


def test_tmt_before_birth_is_refused():
    assert "tidak cocok dengan tanggal lahir" in refused(nip(lahir="19850517", tmt="198001"))


def test_tmt_after_the_sixtieth_birthday_is_refused():
    assert "usia saat pengangkatan 61 tahun" in refused(nip(lahir="19600101", tmt="202101"))


def test_tmt_far_in_the_future_is_refused():
    assert refused(nip(tmt="202801")) == "TMT dalam NIP terlalu jauh di masa depan."


def test_tmt_of_the_coming_months_is_accepted():
    # BKN assigns the NIP before the CPNS/PPPK starts, so a TMT a few months ahead is normal
    # (kinerja/nip.py allows up to a year); only a TMT beyond that is refused.
    assert parse_nip(nip(tmt="202607"), today=TODAY).tmt == datetime.date(2026, 7, 1)


@pytest.mark.parametrize("gender", ["0", "3", "9"])
def test_gender_digit_other_than_1_or_2_is_refused(gender):
    assert refused(nip(gender=gender)) == (
        "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."
    )


def test_sequence_000_is_refused():
    assert refused(nip(urut="000")) == "Nomor urut NIP (3 digit terakhir) tidak boleh 000."


def test_is_valid_nip_is_the_yes_no_form_of_parse_nip():
    assert is_valid_nip("198505172010032001")
    assert not is_valid_nip("19850517201003200")
    assert not is_valid_nip(nip(gender="3"))


@pytest.mark.django_db
def test_bad_nip_on_a_pegawai_is_a_validation_error_on_the_nip_field(world):
    pegawai = Pegawai(pemda=world.sumedang, nip=nip(gender="3"), nama="Salah Ketik", jenis_asn="PNS")
    with pytest.raises(ValidationError) as excinfo:
        pegawai.full_clean()
    assert excinfo.value.message_dict["nip"] == [
        "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."
    ]


@pytest.mark.parametrize(
    "value",
    [
        "19850517²010032001",  # superscript two: isdigit() is True, and int() would fail later
        "１９８５０５１７２０１００３2００１",  # full-width digits: would pass as a NIP unlike its ASCII twin
    ],
)
def test_nip_with_non_ascii_digits_is_refused_with_the_nip_message(value):
    assert refused(value) == "NIP harus 18 digit angka."
