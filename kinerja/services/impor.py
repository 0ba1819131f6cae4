"""Employee import and export for BKPSDM admins, as CSV or XLSX, in one format so an export re-imports unchanged.

The import is all-or-nothing: the whole file is read and every row validated first; if any row is wrong
nothing changes and the admin gets a row-by-row report (baris as the spreadsheet numbers it, header = 1).
Only a clean file is written, in one transaction; an error that surfaces while writing (a placement
`pegawai_mutasi` refuses) rolls everything back and is reported the same way.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from openpyxl.cell import WriteOnlyCell

from kinerja import cache_pemda
from kinerja.models import (
    Jabatan,
    JenisASN,
    JenisJabatan,
    Pegawai,
    Pemda,
    Penempatan,
    UnitKerja,
    User,
)
from kinerja.nip import NIPError, parse_nip
from kinerja.permissions import is_admin_bkpsdm
from kinerja.scoping import tenant_context

from .akun import akun_untuk_pegawai_baru
from .audit import audit_record
from .org import golongan_daftar, golongan_untuk, pegawai_mutasi

KOLOM = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_asn",
    "golongan",
    "email",
    "telepon",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "tmt_jabatan",
)
# A file may leave out an optional column: its value then stays as it is for existing Pegawai.
KOLOM_WAJIB = ("nip", "nama", "jenis_asn", "unit_kode", "jabatan", "tmt_jabatan")
KOLOM_PENEMPATAN = ("unit_kode", "jabatan", "tmt_jabatan")
DATA_PEGAWAI = ("nama", "gelar_depan", "gelar_belakang", "jenis_asn", "golongan", "email", "telepon")

FORMAT = ("csv", "xlsx")
CONTENT_TYPE = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
# An xlsx is a zip: bound what it may unpack to, so a small file cannot exhaust memory.
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_COLS = 50
BATCH = 500

PESAN_NIP_TEKS = (
    "NIP harus diisi sebagai teks: sebagai angka, 18 digit kehilangan ketelitian di Excel "
    "(terbaca {nilai}). Format kolom NIP sebagai Teks, lalu ketik ulang NIP-nya."
)


@dataclass(frozen=True)
class Kesalahan:
    """One problem in the file. `baris` is the spreadsheet row (header = 1); None for the file as a whole."""

    baris: int | None
    kolom: str
    pesan: str


@dataclass
class ImporResult:
    """What the import did. `updated` and `moved` may count the same Pegawai (new data and a new jabatan).
    With errors, nothing was changed and every count is zero."""

    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0
    jabatan_baru: int = 0
    errors: list[Kesalahan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _BerkasError(Exception):
    """The file as a whole cannot be read; nothing row by row to report."""


# Reading the file ------------------------------------------------------------------------------------
def _read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_BYTES:
            raise _BerkasError(_pesan_terlalu_besar())
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _BerkasError(_pesan_terlalu_besar())
    if not data:
        raise _BerkasError("Berkas kosong.")
    return data


def _pesan_terlalu_besar() -> str:
    return f"Berkas lebih dari {MAX_BYTES // (1024 * 1024)} MB; bagi menjadi beberapa berkas."


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    # utf-8-sig drops the BOM Excel writes; older Excel on Windows saves CSV as cp1252; latin-1 never fails.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows_csv(data: bytes) -> list[tuple]:
    text = _decode(data)
    if "\x00" in text:
        raise _BerkasError("Berkas ini bukan CSV (berisi data biner). Simpan ulang sebagai CSV atau XLSX.")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel in an Indonesian locale separates with ';'; header names contain neither separator.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise _BerkasError(f"Berkas CSV tidak dapat dibaca: {exc}.") from exc


def _rows_xlsx(data: bytes) -> list[tuple]:
    bukan_xlsx = (
        "Berkas ini bukan XLSX yang sah. Simpan ulang dari Excel/LibreOffice sebagai .xlsx, atau pakai CSV."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise _BerkasError("Isi berkas XLSX terlalu besar untuk diproses.")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _BerkasError(bukan_xlsx) from exc
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged archive
        raise _BerkasError(bukan_xlsx) from exc
    try:
        if not workbook.worksheets:
            raise _BerkasError("Berkas XLSX tidak berisi lembar kerja.")
        sheet = workbook.worksheets[0]
        # Some writers record a wrong used range; read what is really there.
        sheet.reset_dimensions()
        rows = []
        isi = 0
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLS):
            rows.append(row)
            if _ada_isi(row):
                isi += 1
                if isi > MAX_ROWS + 1:
                    break
        return rows
    except _BerkasError:
        raise
    except Exception as exc:
        raise _BerkasError(bukan_xlsx) from exc
    finally:
        workbook.close()


def _ada_isi(row) -> bool:
    return any(cell is not None and str(cell).strip() for cell in row)


def _normal_kolom(value) -> str:
    return re.sub(r"[\s\-]+", "_", str(value or "").replace("\ufeff", "").strip().lower())


def _header(rows) -> tuple[dict[str, int], list[Kesalahan]]:
    """Column positions by name, from the first row (names compared case-insensitively)."""
    if not rows:
        raise _BerkasError("Berkas kosong.")
    posisi, errors = {}, []
    for idx, value in enumerate(rows[0]):
        nama = _normal_kolom(value)
        if not nama:
            continue
        if nama not in KOLOM:
            errors.append(Kesalahan(1, str(value).strip(), f"Kolom '{value}' tidak dikenal."))
        elif nama in posisi:
            errors.append(Kesalahan(1, nama, f"Kolom '{nama}' muncul dua kali."))
        else:
            posisi[nama] = idx
    for nama in KOLOM_WAJIB:
        if nama not in posisi:
            errors.append(Kesalahan(1, nama, f"Kolom wajib '{nama}' tidak ada."))
    if errors:
        errors.append(Kesalahan(1, "", "Baris pertama harus berisi nama kolom: " + ", ".join(KOLOM) + "."))
    return posisi, errors


# Cell values -----------------------------------------------------------------------------------------
def _teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


_ANGKA_ILMIAH = re.compile(r"\d+([.,]\d+)?[eE][+]?\d+|\d{15,}[.,]0+")


def _nip(value) -> str:
    """The NIP of a cell, or ValueError. Excel keeps 15 significant digits of a number, so an 18-digit
    NIP typed as a number comes back rounded (last digits 000) or as 1.98E+17; refuse rather than guess."""
    if isinstance(value, bool):
        raise ValueError("NIP harus 18 digit angka.")
    if isinstance(value, float):
        raise ValueError(PESAN_NIP_TEKS.format(nilai=_angka(value)))
    if isinstance(value, int):
        teks = str(value)
        if len(teks) != 18 or teks.endswith("000"):
            raise ValueError(PESAN_NIP_TEKS.format(nilai=teks))
        return teks
    teks = "".join(_teks(value).lstrip("'").split())
    if not teks:
        raise ValueError("NIP wajib diisi.")
    if _ANGKA_ILMIAH.fullmatch(teks):
        raise ValueError(PESAN_NIP_TEKS.format(nilai=teks))
    return teks


def _angka(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)


_TANGGAL = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")


def _tanggal(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float):
        raise ValueError("Tanggal harus berformat YYYY-MM-DD (mis. 2024-01-31) atau sel bertipe tanggal.")
    teks = _teks(value)
    match = _TANGGAL.fullmatch(teks)
    if not match:
        raise ValueError(f"'{teks}' bukan tanggal berformat YYYY-MM-DD (mis. 2024-01-31).")
    try:
        return datetime.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise ValueError(f"'{teks}' bukan tanggal yang ada.") from exc


# Validation ------------------------------------------------------------------------------------------
@dataclass
class _Baris:
    baris: int
    nip: str = ""
    data: dict = field(default_factory=dict)  # DATA_PEGAWAI fields present in the file, parsed
    unit: UnitKerja | None = None
    jabatan: Jabatan | None = None
    jabatan_baru: tuple | None = None  # (unit_id, nama casefold) of a Jabatan to create
    tmt: datetime.date | None = None
    pegawai: Pegawai | None = None  # existing Pegawai with this NIP
    pindah: bool = False  # gets a new placement


class _Konteks:
    """Everything of the Pemda the rows are checked against, loaded in a fixed number of queries."""

    def __init__(self, pemda: Pemda):
        self.pemda = pemda
        self.golongan = golongan_daftar()
        self.unit = {u.kode.strip().casefold(): u for u in UnitKerja.objects.all()}
        self.jabatan = defaultdict(dict)
        for jabatan in Jabatan.objects.all():
            self.jabatan[jabatan.unit_id][jabatan.nama] = jabatan
        self.jabatan_casefold = defaultdict(lambda: defaultdict(list))
        for unit_id, by_nama in self.jabatan.items():
            for nama, jabatan in by_nama.items():
                self.jabatan_casefold[unit_id][nama.casefold()].append(jabatan)
        self.pegawai = {p.nip: p for p in Pegawai.objects.select_related("golongan")}
        self.pegawai_by_pk = {p.pk: p for p in self.pegawai.values()}
        self.kini = {
            p.pegawai_id: p for p in Penempatan.objects.filter(selesai__isnull=True).select_related("jabatan")
        }
        self.jenis_jabatan = {}
        for value, label in JenisJabatan.choices:
            self.jenis_jabatan[value.casefold()] = value
            self.jenis_jabatan[label.casefold()] = value

    def cari_jabatan(self, unit_id: int, nama: str) -> Jabatan | None:
        if nama in self.jabatan[unit_id]:
            return self.jabatan[unit_id][nama]
        sama = self.jabatan_casefold[unit_id].get(nama.casefold(), [])
        return sama[0] if len(sama) == 1 else None


def _max_length(nama: str) -> int:
    return Pegawai._meta.get_field(nama).max_length


def _periksa(baris: int, cells: dict, ada: set, ctx: _Konteks, errors: list[Kesalahan]) -> _Baris:
    """Parse and check one row; append its problems to `errors`."""
    row = _Baris(baris=baris)

    def salah(kolom, pesan):
        errors.append(Kesalahan(baris, kolom, pesan))

    try:
        row.nip = _nip(cells.get("nip"))
        parse_nip(row.nip)
    except (ValueError, NIPError) as exc:
        salah("nip", str(exc))
        row.nip = ""

    nama = _teks(cells.get("nama"))
    if not nama:
        salah("nama", "Nama wajib diisi.")
    row.data["nama"] = nama
    for kolom in ("gelar_depan", "gelar_belakang", "telepon"):
        if kolom in ada:
            row.data[kolom] = _teks(cells.get(kolom))
    for kolom in ("nama", "gelar_depan", "gelar_belakang", "telepon"):
        if len(row.data.get(kolom, "")) > _max_length(kolom):
            salah(kolom, f"Paling banyak {_max_length(kolom)} karakter.")

    jenis_asn = _teks(cells.get("jenis_asn")).upper()
    if jenis_asn not in JenisASN.values:
        salah("jenis_asn", "Jenis ASN harus PNS atau PPPK.")
    row.data["jenis_asn"] = jenis_asn

    if "golongan" in ada:
        kode = _teks(cells.get("golongan"))
        row.data["golongan"] = None
        if kode and jenis_asn in JenisASN.values:
            try:
                row.data["golongan"] = golongan_untuk(jenis_asn=jenis_asn, kode=kode, daftar=ctx.golongan)
            except ValidationError as exc:
                salah("golongan", " ".join(exc.messages))

    if "email" in ada:
        email = _teks(cells.get("email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                salah("email", f"'{email}' bukan alamat email yang sah.")
        row.data["email"] = email

    _periksa_penempatan(row, cells, ctx, salah)
    return row


def _periksa_penempatan(row: _Baris, cells: dict, ctx: _Konteks, salah) -> None:
    kode = _teks(cells.get("unit_kode"))
    nama_jabatan = " ".join(_teks(cells.get("jabatan")).split())
    tmt = cells.get("tmt_jabatan")
    if not kode and not nama_jabatan and not _teks(tmt):
        return  # no placement given: placements stay as they are
    if not kode:
        salah("unit_kode", "Kode unit wajib diisi bila jabatan diisi.")
    else:
        row.unit = ctx.unit.get(kode.casefold())
        if row.unit is None:
            salah("unit_kode", f"Kode '{kode}': unit tidak dikenal di {ctx.pemda.nama}.")
        elif not row.unit.aktif:
            salah("unit_kode", f"Unit kerja {row.unit.nama} ({kode}) sudah tidak aktif.")
            row.unit = None
    if not nama_jabatan:
        salah("jabatan", "Nama jabatan wajib diisi bila unit diisi.")
    elif row.unit is not None:
        row.jabatan = ctx.cari_jabatan(row.unit.pk, nama_jabatan)
        if row.jabatan is None:
            jenis = _teks(cells.get("jenis_jabatan"))
            nilai = ctx.jenis_jabatan.get(jenis.casefold())
            pilihan = ", ".join(JenisJabatan.values)
            if not jenis:
                salah(
                    "jenis_jabatan",
                    f"Jabatan '{nama_jabatan}' belum ada di {row.unit.nama}; isi jenis_jabatan "
                    f"({pilihan}) agar jabatan itu dibuat.",
                )
            elif nilai is None:
                salah("jenis_jabatan", f"Jenis jabatan '{jenis}' tidak dikenal; pilih salah satu: {pilihan}.")
            elif len(nama_jabatan) > Jabatan._meta.get_field("nama").max_length:
                salah("jabatan", "Nama jabatan terlalu panjang.")
            else:
                row.jabatan_baru = (row.unit.pk, nama_jabatan.casefold(), nama_jabatan, nilai)
    if not _teks(tmt):
        salah("tmt_jabatan", "TMT jabatan wajib diisi bila jabatan diisi.")
    else:
        try:
            row.tmt = _tanggal(tmt)
        except ValueError as exc:
            salah("tmt_jabatan", str(exc))


def _periksa_pimpinan(rows: list[_Baris], ctx: _Konteks, errors: list[Kesalahan]) -> None:
    """Replay the placements in file order with the rules `pegawai_mutasi` applies, so a clean file does not
    fail halfway through writing: a move starts after the current placement, and a leading jabatan has
    one holder at a time."""
    pemegang = defaultdict(dict)  # leading jabatan id -> {pegawai key: nama}
    for penempatan in ctx.kini.values():
        if penempatan.jabatan.memimpin_unit:
            pegawai = ctx.pegawai_by_pk.get(penempatan.pegawai_id)
            nama = pegawai.nama_lengkap if pegawai else "Pegawai lain"
            pemegang[penempatan.jabatan_id][penempatan.pegawai_id] = nama
    for row in rows:
        if row.jabatan is None and row.jabatan_baru is None:
            continue
        kunci = row.pegawai.pk if row.pegawai else ("baru", row.nip)
        kini = ctx.kini.get(row.pegawai.pk) if row.pegawai else None
        if kini and row.jabatan and kini.jabatan_id == row.jabatan.pk:
            continue
        if kini and row.tmt <= kini.mulai:
            errors.append(
                Kesalahan(
                    row.baris,
                    "tmt_jabatan",
                    f"TMT jabatan baru harus setelah awal penempatan sekarang ({kini.mulai:%d-%m-%Y}, "
                    f"{kini.jabatan.nama}).",
                )
            )
            continue
        if row.jabatan and row.jabatan.memimpin_unit:
            lain = {k: v for k, v in pemegang[row.jabatan.pk].items() if k != kunci}
            if lain:
                errors.append(
                    Kesalahan(
                        row.baris,
                        "jabatan",
                        f"Jabatan pimpinan {row.jabatan.nama} ({row.unit.nama}) masih diduduki "
                        f"{next(iter(lain.values()))}; akhiri penempatannya dulu atau gunakan Plt./Plh.",
                    )
                )
                continue
            pemegang[row.jabatan.pk][kunci] = row.data.get("nama", "")
        if kini:
            pemegang[kini.jabatan_id].pop(kunci, None)
        row.pindah = True


def _berubah(pegawai: Pegawai, data: dict) -> list[str]:
    fields = []
    for nama, nilai in data.items():
        if nama == "golongan":
            if pegawai.golongan_id != (nilai.pk if nilai else None):
                fields.append("golongan")
        elif getattr(pegawai, nama) != nilai:
            fields.append(nama)
    return fields


# The import ------------------------------------------------------------------------------------------
def pegawai_impor(*, pemda_id: int, file, filename: str, by) -> ImporResult:
    """Import Pegawai and their placements from a CSV or XLSX file; see the module docstring."""
    if by is None or not is_admin_bkpsdm(by) or by.pemda_id != pemda_id:
        raise PermissionDenied("Hanya admin BKPSDM Pemda ini yang dapat mengimpor Pegawai.")
    try:
        rows = _baca(file, filename)
    except _BerkasError as exc:
        return ImporResult(errors=[Kesalahan(None, "", str(exc))])
    posisi, errors = _header(rows)
    if errors:
        return ImporResult(errors=errors)
    data_rows = [(idx, row) for idx, row in enumerate(rows[1:], start=2) if _ada_isi(row)]
    if not data_rows:
        return ImporResult(
            errors=[Kesalahan(None, "", "Berkas tidak berisi baris data di bawah nama kolom.")]
        )
    if len(data_rows) > MAX_ROWS:
        return ImporResult(
            errors=[Kesalahan(None, "", f"Paling banyak {MAX_ROWS:,} baris per berkas; bagi berkasnya.")]
        )
    ada = set(posisi)

    with tenant_context(pemda_id):
        # One import at a time per Pemda: the checks below must still hold when the rows are written.
        pemda = Pemda.objects.select_for_update().get(pk=pemda_id)
        ctx = _Konteks(pemda)
        parsed, nip_baris = [], {}
        for baris, row in data_rows:
            cells = {nama: (row[idx] if idx < len(row) else None) for nama, idx in posisi.items()}
            item = _periksa(baris, cells, ada, ctx, errors)
            if item.nip:
                if item.nip in nip_baris:
                    errors.append(
                        Kesalahan(baris, "nip", f"NIP {item.nip} sudah ada di baris {nip_baris[item.nip]}.")
                    )
                    continue
                nip_baris[item.nip] = baris
                item.pegawai = ctx.pegawai.get(item.nip)
                _periksa_golongan_lama(item, errors)
            parsed.append(item)
        _periksa_akun(parsed, errors)
        gagal = {e.baris for e in errors}
        _periksa_pimpinan([r for r in parsed if r.baris not in gagal], ctx, errors)
        if errors:
            return ImporResult(errors=sorted(errors, key=lambda e: e.baris or 0))
        return _tulis(parsed, ctx, filename=filename, by=by)


def _baca(file, filename: str) -> list[tuple]:
    ext = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if ext not in FORMAT:
        raise _BerkasError(
            f"Format berkas '{filename}' tidak didukung. Unggah berkas .xlsx atau .csv "
            "(berkas .xls lama: simpan ulang sebagai .xlsx)."
        )
    data = _read_bytes(file)
    return _rows_xlsx(data) if ext == "xlsx" else _rows_csv(data)


def _periksa_golongan_lama(row: _Baris, errors: list[Kesalahan]) -> None:
    """A file without a golongan column keeps the golongan; it must still fit a changed jenis ASN."""
    lama = row.pegawai.golongan if row.pegawai else None
    if "golongan" not in row.data and lama and row.data["jenis_asn"] in JenisASN.values:
        if lama.jenis_asn != row.data["jenis_asn"]:
            errors.append(
                Kesalahan(
                    row.baris,
                    "golongan",
                    f"Golongan {lama.kode} bukan golongan {row.data['jenis_asn']}; isi kolom golongan.",
                )
            )


def _periksa_akun(rows: list[_Baris], errors: list[Kesalahan]) -> None:
    """Usernames are NIP and national: a new Pegawai cannot take a NIP another account already has."""
    baru = {r.nip: r for r in rows if r.nip and r.pegawai is None}
    nips = list(baru)
    for start in range(0, len(nips), BATCH):
        for username in User.objects.filter(username__in=nips[start : start + BATCH]).values_list(
            "username", flat=True
        ):
            errors.append(Kesalahan(baru[username].baris, "nip", f"NIP {username} sudah dipakai akun lain."))


def _tulis(rows: list[_Baris], ctx: _Konteks, *, filename: str, by) -> ImporResult:
    result = ImporResult()
    pemda_id = ctx.pemda.pk
    with transaction.atomic():
        jabatan_baru = {}
        for row in rows:
            if row.jabatan_baru and row.jabatan_baru[:2] not in jabatan_baru:
                unit_id, _, nama, jenis = row.jabatan_baru
                jabatan = Jabatan(
                    pemda_id=pemda_id, unit=row.unit, nama=nama, jenis=jenis, memimpin_unit=False
                )
                jabatan.save()
                jabatan_baru[row.jabatan_baru[:2]] = jabatan
            if row.jabatan_baru:
                row.jabatan = jabatan_baru[row.jabatan_baru[:2]]
        result.jabatan_baru = len(jabatan_baru)

        baru, ubah = [], {}
        for row in rows:
            if row.pegawai is None:
                pegawai = Pegawai(pemda_id=pemda_id, nip=row.nip, **row.data)
                pegawai.fill_from_nip()
                row.pegawai = pegawai
                baru.append(pegawai)
            else:
                fields = _berubah(row.pegawai, row.data)
                for nama in fields:
                    setattr(row.pegawai, nama, row.data[nama])
                if fields:
                    ubah.setdefault(tuple(sorted(fields)), []).append(row.pegawai)
        Pegawai.objects.bulk_create(baru, batch_size=BATCH)
        akun_untuk_pegawai_baru(baru, batch_size=BATCH)
        for fields, pegawai_list in ubah.items():
            Pegawai.objects.bulk_update(pegawai_list, list(fields), batch_size=BATCH)
        # The account's address is where the password-reset link goes: it follows the Pegawai's.
        email_baru = {p.pk: p.email for fields, lst in ubah.items() if "email" in fields for p in lst}
        if email_baru:
            akun = list(User.objects.filter(pegawai_id__in=email_baru))
            for user in akun:
                user.email = email_baru[user.pegawai_id]
            User.objects.bulk_update(akun, ["email"], batch_size=BATCH)
        result.created = len(baru)
        result.updated = sum(len(v) for v in ubah.values())
        dibuat = {p.pk for p in baru}

        penempatan_awal = []
        for row in rows:
            if not row.pindah:
                continue
            if row.pegawai.pk in ctx.kini:
                try:
                    pegawai_mutasi(
                        pegawai=row.pegawai,
                        jabatan=row.jabatan,
                        mulai=row.tmt,
                        by=by,
                        alasan=f"Impor {filename}, baris {row.baris}",
                    )
                except ValidationError as exc:
                    result.errors.append(Kesalahan(row.baris, "jabatan", " ".join(exc.messages)))
            else:
                penempatan_awal.append(
                    Penempatan(pemda_id=pemda_id, pegawai=row.pegawai, jabatan=row.jabatan, mulai=row.tmt)
                )
            if row.pegawai.pk not in dibuat:
                result.moved += 1
        Penempatan.objects.bulk_create(penempatan_awal, batch_size=BATCH)
        cache_pemda.naikkan(cache_pemda.STRUKTUR, pemda_id)  # bulk_create sends no post_save
        ubah_ids = {p.pk for v in ubah.values() for p in v}
        result.unchanged = sum(
            1 for r in rows if r.pegawai.pk not in dibuat and r.pegawai.pk not in ubah_ids and not r.pindah
        )

        if result.errors:
            transaction.set_rollback(True)
            return ImporResult(errors=result.errors)
        audit_record(
            pemda_id=pemda_id,
            aksi="pegawai_impor",
            objek=ctx.pemda,
            by=by,
            data={
                "berkas": filename,
                "baris": len(rows),
                "baru": result.created,
                "diubah": result.updated,
                "pindah": result.moved,
                "tetap": result.unchanged,
                "jabatan_baru": result.jabatan_baru,
            },
        )
    return result


# The export ------------------------------------------------------------------------------------------
def pegawai_ekspor(*, pemda_id: int, fmt: str, kosong: bool = False) -> bytes:
    """Every Pegawai of the Pemda with her current placement, in the import format (two queries).
    `kosong`: the header only, as a template to fill in."""
    if fmt not in FORMAT:
        raise ValueError(f"Format ekspor tidak dikenal: {fmt}")
    rows = [] if kosong else _baris_ekspor(pemda_id)
    return _tulis_xlsx(rows) if fmt == "xlsx" else _tulis_csv(rows)


def _baris_ekspor(pemda_id: int) -> list[tuple]:
    with tenant_context(pemda_id):
        kini = {
            pegawai_id: (kode, jabatan, jenis, mulai)
            for pegawai_id, kode, jabatan, jenis, mulai in Penempatan.objects.filter(
                selesai__isnull=True
            ).values_list("pegawai_id", "jabatan__unit__kode", "jabatan__nama", "jabatan__jenis", "mulai")
        }
        rows = []
        pegawai = Pegawai.objects.order_by("nama", "nip").values_list(
            "pk",
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "jenis_asn",
            "golongan__kode",
            "email",
            "telepon",
        )
        for pk, nip, nama, gelar_depan, gelar_belakang, jenis_asn, golongan, email, telepon in pegawai:
            kode, jabatan, jenis, mulai = kini.get(pk, ("", "", "", None))
            rows.append(
                (nip, nama, gelar_depan, gelar_belakang, jenis_asn, golongan or "", email, telepon)
                + (kode, jabatan, jenis, mulai)
            )
        return rows


def _tulis_csv(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(KOLOM)
    for *teks, mulai in rows:
        writer.writerow([*teks, mulai.isoformat() if mulai else ""])
    # The BOM makes Excel read the file as UTF-8 (names with é, ñ); the import drops it.
    return out.getvalue().encode("utf-8-sig")


def _tulis_xlsx(rows: list[tuple]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Pegawai")
    lebar = {
        "A": 22,
        "B": 30,
        "C": 10,
        "D": 16,
        "E": 9,
        "F": 9,
        "G": 28,
        "H": 16,
        "I": 12,
        "J": 32,
        "K": 14,
        "L": 12,
    }
    for kolom, width in lebar.items():
        sheet.column_dimensions[kolom].width = width
    sheet.freeze_panes = "A2"
    sheet.append(KOLOM)
    for row in rows:
        nip = WriteOnlyCell(sheet, value=row[0])
        nip.number_format = "@"  # keep the NIP text when someone edits it in Excel
        sheet.append([nip, *(_sel(sheet, value) for value in row[1:])])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sel(sheet, value):
    # openpyxl writes a string starting with '=' as a formula; a name or phone number never is one.
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
