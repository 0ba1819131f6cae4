"""Export of the compliance view (tenggat.selectors.kepatuhan): the table per unit (every unit of the Pemda, or
of the PD chosen) with its Perangkat Daerah, then the names of the late (SKP not set, evaluations not signed,
keberatan not decided) of the PD chosen, or of each PD when the whole Pemda is exported.

House style of evaluasi/ekspor.py: CSV in UTF-8 with a BOM, ';' as separator and CRLF lines (Excel with
Indonesian regional settings opens it directly); XLSX with openpyxl write-only, a bold frozen header.
"""

import csv
import io

from django.http import HttpResponse

from evaluasi.ekspor import CSV_DELIMITER, CSV_TYPE, XLSX_TYPE

from .selectors.kepatuhan import KOLOM, kepatuhan

JUDUL_UNIT = ["Perangkat Daerah", "Kode unit", "Unit kerja", *[label for _, label in KOLOM]]
JUDUL_NAMA = ["Perangkat Daerah", "Jenis keterlambatan", "NIP", "Nama", "Unit kerja", "Batas waktu"]


def isi(pemda_id: int, tahun: int, *, tanggal, periode=None, pd_ids: list[int] | None = None):
    """(rows per unit, rows of names). `pd_ids` None: every PD of the Pemda. A fixed number of queries per PD
    (the Pemda-wide figures are read once per PD: fine for the export, which is not the pinned view)."""
    from kinerja.models import UnitKerja

    if pd_ids is None:
        pd_ids = list(
            UnitKerja.objects.filter(parent__isnull=True).order_by("path").values_list("pk", flat=True)
        )
    unit_rows, nama_rows = [], []
    for pd_id in pd_ids:
        k = kepatuhan(pemda_id, tahun, tanggal=tanggal, periode=periode, pd_id=pd_id, batas_nama=None)
        for b in k.baris:
            h = b.hitung.sebagai_dict()
            unit_rows.append([k.pd.nama, b.kode, b.nama, *[h[kunci] for kunci, _ in KOLOM]])
        for d in k.terlambat:
            for r in d.baris:
                batas = r.get("batas") or (k.batas_skp if d is k.terlambat[0] else None)
                nama_rows.append(
                    [k.pd.nama, d.judul, r["nip"], r["nama"], r["unit"], f"{batas:%d-%m-%Y}" if batas else ""]
                )
            if d.terpotong:
                nama_rows.append(
                    [k.pd.nama, d.judul, "", f"... dan {d.jumlah - len(d.baris)} lainnya", "", ""]
                )
    return unit_rows, nama_rows


def csv_bytes(unit_rows, nama_rows) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    w.writerow(JUDUL_UNIT)
    w.writerows(unit_rows)
    w.writerow([])
    w.writerow(JUDUL_NAMA)
    w.writerows(nama_rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(unit_rows, nama_rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    tebal = Font(bold=True)
    for judul_lembar, kepala, rows in (
        ("Per unit", JUDUL_UNIT, unit_rows),
        ("Terlambat", JUDUL_NAMA, nama_rows),
    ):
        ws = wb.create_sheet(judul_lembar)
        ws.freeze_panes = "A2"
        sel = []
        for teks in kepala:
            c = WriteOnlyCell(ws, value=teks)
            c.font = tebal
            sel.append(c)
        ws.append(sel)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def respons(pemda_id: int, tahun: int, fmt: str, *, tanggal, periode=None, pd_ids=None) -> HttpResponse:
    unit_rows, nama_rows = isi(pemda_id, tahun, tanggal=tanggal, periode=periode, pd_ids=pd_ids)
    nama = f"kepatuhan-{tahun}" + (f"-{periode.jenis}-{periode.nomor}" if periode else "")
    if fmt == "csv":
        resp = HttpResponse(csv_bytes(unit_rows, nama_rows), content_type=CSV_TYPE)
        resp["Content-Disposition"] = f'attachment; filename="{nama}.csv"'
        return resp
    resp = HttpResponse(xlsx_bytes(unit_rows, nama_rows), content_type=XLSX_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{nama}.xlsx"'
    return resp
