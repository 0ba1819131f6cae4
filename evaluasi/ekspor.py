"""TPP export: per Pegawai, the predikat of every evaluation period of a year (the Pemda's periodic cycle, monthly
and/or quarterly, then the annual one), for the TPP (tambahan penghasilan) clerks. BKPSDM only.

A cell holds the predikat label once the result is signed by the evaluator and no keberatan is open; otherwise
"Dikecualikan: <alasan>", "Belum dinilai", "Menunggu tanda tangan Pegawai", "Keberatan diproses", "Tanpa
evaluasi" (a period opened but no row for her, e.g. no SKP) or empty (period not opened). The last columns give
the annual dokumen evaluasi format (D.1.1, D.1.2, D.1.3 after a changed keberatan) and whether it is final.

CSV: UTF-8 with a BOM and ';' as separator, CRLF lines: what Excel with Indonesian regional settings opens
directly (its list separator is ';' because ',' is the decimal comma). XLSX: openpyxl write-only, bold frozen
header, set column widths.

Built for 20,000 Pegawai with a fixed number of queries and no per-row query: the periods, the Perangkat Daerah
names, the placements (one dict), then Pegawai and evaluations both ordered by Pegawai id and merged as they
stream (the rows go out in Pegawai id order; sort them in the spreadsheet).
"""

import csv
import datetime
import io
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, StreamingHttpResponse

from kinerja.models import Pegawai, Penempatan, UnitKerja
from kinerja.scoping import tenant_context
from umpanbalik.periode import Periode

from .models import (
    Evaluasi,
    JenisPeriode,
    Keberatan,
    PeriodeEvaluasi,
    Predikat,
    StatusEvaluasi,
    StatusKeberatan,
)
from .services._umum import hari_ini, pengaturan_untuk
from .services.periode import jenis_periode_pemda

CSV_DELIMITER = ";"
PANJANG = {JenisPeriode.BULANAN: 12, JenisPeriode.TRIWULANAN: 4, JenisPeriode.TAHUNAN: 1}
IDENTITAS = ["NIP", "Nama", "Jenis ASN", "Golongan", "Jabatan", "Unit Kerja", "Perangkat Daerah"]
PENUTUP = ["Format dokumen tahunan", "Final"]
LEBAR_IDENTITAS = [21, 32, 10, 10, 32, 32, 32]
PREDIKAT = dict(Predikat.choices)
CHUNK = 2000


def kolom_periode(pengaturan, tahun: int) -> list[tuple[str, int]]:
    return [(j, n) for j in jenis_periode_pemda(pengaturan) for n in range(1, PANJANG[j] + 1)]


def judul(pengaturan, tahun: int) -> list[str]:
    periode = [
        ("Tahunan " + str(tahun)) if j == JenisPeriode.TAHUNAN else Periode(j, n, tahun).label
        for j, n in kolom_periode(pengaturan, tahun)
    ]
    return [*IDENTITAS, *periode, *PENUTUP]


def label_sel(status, predikat, alasan, keberatan_terbuka) -> str:
    if status == StatusEvaluasi.DIKECUALIKAN:
        return f"Dikecualikan: {alasan}".strip()
    if status in (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI):
        return "Belum dinilai"
    if keberatan_terbuka:
        return "Keberatan diproses"
    if status == StatusEvaluasi.MENUNGGU_PEGAWAI:
        return "Menunggu tanda tangan Pegawai"
    return PREDIKAT.get(predikat, predikat)


def _akar(path: str) -> int | None:
    part = (path or "").strip("/").split("/")[0]
    return int(part) if part else None


def baris(pengaturan, tahun: int, *, hari: datetime.date | None = None) -> Iterator[list[str]]:
    """The rows (without the header) of the export of `tahun`, streamed."""
    kolom = kolom_periode(pengaturan, tahun)
    indeks = {k: i for i, k in enumerate(kolom)}
    periode = {
        (p.jenis, p.nomor): p.pk
        for p in PeriodeEvaluasi.objects.filter(tahun=tahun).only("pk", "jenis", "nomor")
        if (p.jenis, p.nomor) in indeks
    }
    kolom_pk = {pk: indeks[k] for k, pk in periode.items()}
    dibuka = {indeks[k] for k in periode}
    acuan = min(datetime.date(tahun, 12, 31), hari) if hari else datetime.date(tahun, 12, 31)
    if acuan < datetime.date(tahun, 1, 1):
        acuan = datetime.date(tahun, 1, 1)
    aktif = Q(mulai__lte=acuan) & (Q(selesai__isnull=True) | Q(selesai__gte=acuan))
    penempatan = {}
    for pid, jab, unit, path in (
        Penempatan.objects.filter(mulai__lte=acuan)
        .order_by("mulai", "pk")
        .values_list("pegawai_id", "jabatan__nama", "jabatan__unit__nama", "jabatan__unit__path")
        .iterator(chunk_size=CHUNK)
    ):
        penempatan[pid] = (jab, unit, _akar(path))  # the latest placement begun by the reference day
    pd = dict(UnitKerja.objects.filter(parent__isnull=True).values_list("pk", "nama"))

    terbuka = Keberatan.objects.filter(
        evaluasi=OuterRef("pk"), status__in=[StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA]
    )
    diubah = Keberatan.objects.filter(evaluasi=OuterRef("pk"), status=StatusKeberatan.DIUBAH)
    evs = (
        Evaluasi.objects.filter(periode_id__in=list(periode.values()))
        .annotate(kb_terbuka=Exists(terbuka), kb_diubah=Exists(diubah))
        .order_by("pegawai_id", "pk")
        .values_list(
            "pegawai_id",
            "periode_id",
            "status",
            "predikat",
            "alasan_pengecualian",
            "kb_terbuka",
            "kb_diubah",
            "oleh_atasan",
            "final",
        )
        .iterator(chunk_size=CHUNK)
    )
    ada_evaluasi = Evaluasi.objects.filter(pegawai=OuterRef("pk"), periode_id__in=list(periode.values()))
    pegawai = (
        Pegawai.objects.annotate(
            ditempatkan=Exists(Penempatan.objects.filter(aktif, pegawai=OuterRef("pk"))),
            dievaluasi=Exists(ada_evaluasi),
        )
        .filter(Q(ditempatkan=True) | Q(dievaluasi=True))
        .order_by("pk")
        .values_list("pk", "nip", "gelar_depan", "nama", "gelar_belakang", "jenis_asn", "golongan__kode")
        .iterator(chunk_size=CHUNK)
    )
    tahunan = indeks[(JenisPeriode.TAHUNAN.value, 1)]
    ev = next(evs, None)
    for pk, nip, gd, nama, gb, asn, gol in pegawai:
        sel = ["" for _ in kolom]
        for i in dibuka:
            sel[i] = "Tanpa evaluasi"
        format_, final = "", ""
        while ev is not None and ev[0] < pk:
            ev = next(evs, None)
        while ev is not None and ev[0] == pk:
            _, periode_id, status, predikat, alasan, kb_terbuka, kb_diubah, oleh_atasan, fin = ev
            i = kolom_pk[periode_id]
            sel[i] = label_sel(status, predikat, alasan, kb_terbuka)
            if i == tahunan and status in (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI):
                format_ = "D.1.3" if kb_diubah else ("D.1.2" if oleh_atasan else "D.1.1")
                final = "Ya" if fin else "Tidak"
            ev = next(evs, None)
        nama_lengkap = f"{gd} {nama}".strip() + (f", {gb}" if gb else "")
        jab, unit, akar = penempatan.get(pk, ("", "", None))
        yield [nip, nama_lengkap, asn, gol or "", jab, unit, pd.get(akar, ""), *sel, format_, final]


class _Gema:
    def write(self, value):
        return value


def csv_stream(pengaturan, tahun: int, *, hari=None) -> Iterator[str]:
    """The CSV, line by line, the BOM first."""
    w = csv.writer(_Gema(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + w.writerow(judul(pengaturan, tahun))
    for row in baris(pengaturan, tahun, hari=hari):
        yield w.writerow(row)


def csv_bytes(pengaturan, tahun: int, *, hari=None) -> bytes:
    return "".join(csv_stream(pengaturan, tahun, hari=hari)).encode("utf-8")


def xlsx_bytes(pengaturan, tahun: int, *, hari=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"TPP {tahun}")
    kepala = judul(pengaturan, tahun)
    lebar = [*LEBAR_IDENTITAS, *([18] * (len(kepala) - len(IDENTITAS) - len(PENUTUP))), 22, 8]
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    tebal = Font(bold=True)
    sel = []
    for teks in kepala:
        c = WriteOnlyCell(ws, value=teks)
        c.font = tebal
        sel.append(c)
    ws.append(sel)
    for row in baris(pengaturan, tahun, hari=hari):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def respons(user, tahun: int, fmt: str):
    """The response carrying the export; the CSV streams inside its own tenant context (the request's ends
    before the body is sent)."""
    pengaturan = pengaturan_untuk(user.pemda_id)
    hari = hari_ini(user.pemda_id)
    nama = f"tpp-predikat-{tahun}"
    if fmt == "csv":
        pemda_id = user.pemda_id

        def isi():
            with tenant_context(pemda_id):
                for teks in csv_stream(pengaturan, tahun, hari=hari):
                    yield teks.encode("utf-8")

        resp = StreamingHttpResponse(isi(), content_type=CSV_TYPE)
        resp["Content-Disposition"] = f'attachment; filename="{nama}.csv"'
        return resp
    resp = HttpResponse(xlsx_bytes(pengaturan, tahun, hari=hari), content_type=XLSX_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{nama}.xlsx"'
    return resp
