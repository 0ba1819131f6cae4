"""TPP export: one row per Pegawai, one column per period of the Pemda's cycle and the annual one, read back from
the CSV (';', BOM) and the XLSX (openpyxl); BKPSDM only; a fixed number of queries."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from evaluasi import ekspor
from evaluasi.services._umum import pengaturan_untuk
from tests.factories import KeberatanFactory, PegawaiFactory, PenempatanFactory

from .conftest import D
from .rute_tindak_lanjut import hasil, periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(sumedang, hari):
    w = sumedang
    hari(D(2027, 2, 10))
    jan, feb, mar = (periode(w.sumedang, "bulanan", n) for n in (1, 2, 3))
    th = periode(w.sumedang, "tahunan", 1)
    hasil(w.pegawai, jan, "baik")
    hasil(w.pegawai, feb, "", status="dikecualikan", alasan_pengecualian="Cuti melahirkan sebulan penuh")
    hasil(w.pegawai, mar, "sangat_baik", status="menunggu_pegawai")
    hasil(w.pegawai, th, "sangat_baik", oleh_atasan=True, final=True)
    hasil(w.rekan, jan, "", status="dinilai")
    ev = hasil(w.rekan, th, "sangat_baik", status="menunggu_pegawai")
    KeberatanFactory(pemda=w.sumedang, evaluasi=ev, status="diajukan", diajukan_oleh=w.users.rekan)
    ev = hasil(w.penilai, th, "baik", hasil_kerja="sesuai")
    KeberatanFactory(
        pemda=w.sumedang,
        evaluasi=ev,
        status="diubah",
        predikat_semula="kurang",
        diajukan_oleh=w.users.penilai,
    )
    return w


def _csv(w):
    body = ekspor.csv_bytes(pengaturan_untuk(w.sumedang.pk), 2026)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    return rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def test_csv_berisi_predikat_per_periode(data):
    w = data
    head, rows = _csv(w)
    assert head[:7] == ["NIP", "Nama", "Jenis ASN", "Golongan", "Jabatan", "Unit Kerja", "Perangkat Daerah"]
    assert head[7] == "Januari 2026" and head[18] == "Desember 2026" and head[19] == "Tahunan 2026"
    assert head[-2:] == ["Format dokumen tahunan", "Final"]
    siti = rows[w.pegawai.nip]
    assert (
        siti["Nama"] == w.pegawai.nama_lengkap and siti["Jenis ASN"] == "PNS" and siti["Golongan"] == "III/a"
    )
    assert siti["Jabatan"] == "Pengelola Aplikasi" and siti["Unit Kerja"] == "Seksi Pengembangan Aplikasi"
    assert siti["Perangkat Daerah"] == "Dinas Komunikasi dan Informatika"
    assert siti["Januari 2026"] == "Baik"
    assert siti["Februari 2026"] == "Dikecualikan: Cuti melahirkan sebulan penuh"
    assert siti["Maret 2026"] == "Menunggu tanda tangan Pegawai"
    assert siti["April 2026"] == ""  # period not opened
    assert siti["Tahunan 2026"] == "Sangat Baik"
    assert siti["Format dokumen tahunan"] == "D.1.2" and siti["Final"] == "Ya"
    rudi = rows[w.rekan.nip]
    assert rudi["Januari 2026"] == "Belum dinilai" and rudi["Februari 2026"] == "Tanpa evaluasi"
    assert rudi["Tahunan 2026"] == "Keberatan diproses" and rudi["Format dokumen tahunan"] == "D.1.1"
    budi = rows[w.penilai.nip]
    assert budi["Tahunan 2026"] == "Baik" and budi["Format dokumen tahunan"] == "D.1.3"
    assert budi["Final"] == "Tidak" and budi["Januari 2026"] == "Tanpa evaluasi"
    assert w.outsider.nip not in rows  # another Pemda


def test_kolom_mengikuti_siklus_pemda(data):
    w = data
    pengaturan = pengaturan_untuk(w.sumedang.pk)
    pengaturan.siklus_evaluasi_periodik = "bulanan_triwulanan"
    assert ekspor.judul(pengaturan, 2026)[7 + 12 : 7 + 17] == [
        "Triwulan I 2026",
        "Triwulan II 2026",
        "Triwulan III 2026",
        "Triwulan IV 2026",
        "Tahunan 2026",
    ]


def test_xlsx_berisi_sel_yang_sama_dengan_judul_tebal_dan_beku(data, login):
    w = data
    r = login(w.users.admin).get(reverse("evaluasi_ekspor_tpp"), {"tahun": 2026, "format": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.active
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws.column_dimensions["B"].width >= 30
    head = [c.value for c in ws[1]]
    rows = {row[0]: dict(zip(head, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)}
    siti = rows[w.pegawai.nip]
    assert siti["Februari 2026"] == "Dikecualikan: Cuti melahirkan sebulan penuh"
    assert siti["Tahunan 2026"] == "Sangat Baik" and siti["Format dokumen tahunan"] == "D.1.2"
    assert rows[w.rekan.nip]["Tahunan 2026"] == "Keberatan diproses"
    assert rows[w.penilai.nip]["Format dokumen tahunan"] == "D.1.3"


def test_csv_lewat_halaman_dan_api(data, login):
    w = data
    c = login(w.users.admin)
    r = c.get(reverse("evaluasi_ekspor_tpp"), {"tahun": 2026, "format": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    body = b"".join(r.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf") and b"Cuti melahirkan" in body
    r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "csv"})
    assert r.status_code == 200 and b"Sangat Baik" in b"".join(r.streaming_content)
    r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "xlsx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_input_salah_4xx_dengan_alasan(data, login):
    w = data
    c = login(w.users.admin)
    assert c.get(reverse("evaluasi_ekspor_tpp")).status_code == 200
    assert c.get(reverse("evaluasi_ekspor_tpp"), {"tahun": "abc", "format": "csv"}).status_code == 400
    r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "pdf"})
    assert r.status_code in (400, 404)
    r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "csv", "x": 1})
    assert r.status_code == 200
    r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"format": "csv"})
    assert r.status_code == 400 and "tahun" in r.json()


@pytest.mark.parametrize("persona", ["penilai", "pegawai", "bupati"])
def test_hanya_bkpsdm(data, login, persona):
    c = login(getattr(data.users, persona))
    assert c.get(reverse("evaluasi_ekspor_tpp"), {"tahun": 2026, "format": "csv"}).status_code == 403
    assert c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "xlsx"}).status_code == 403


def test_pemda_lain_tidak_melihat_pegawai_sumedang(data, login):
    r = login(data.users.outsider_admin).get(
        reverse("api:evaluasi-ekspor-tpp"), {"tahun": 2026, "format": "csv"}
    )
    body = b"".join(r.streaming_content).decode("utf-8-sig")
    assert r.status_code == 200 and data.pegawai.nip not in body and data.outsider.nip in body
    assert "Triwulan I 2026" in body  # Bogor's cycle


def _isi(w, n, tahun):
    ps = [periode(w.sumedang, "bulanan", m, tahun) for m in (1, 2)] + [
        periode(w.sumedang, "tahunan", 1, tahun)
    ]
    for i in range(n):
        pg = PegawaiFactory(pemda=w.sumedang)
        PenempatanFactory(pegawai=pg, jabatan=w.pelaksana)
        for p in ps:
            ev = hasil(
                pg,
                p,
                ["baik", "sangat_baik", ""][i % 3],
                status=["selesai", "menunggu_pegawai", "dikecualikan"][i % 3],
            )
            if i % 4 == 0:
                KeberatanFactory(pemda=w.sumedang, evaluasi=ev, status="diubah", diajukan_oleh=w.users.admin)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_jumlah_query_tetap_3_dan_30_pegawai(sumedang, login, max_queries, fmt):
    w = sumedang
    c = login(w.users.admin)
    counts = []
    for n, tahun in ((3, 2026), (30, 2027)):
        _isi(w, n, tahun)
        with max_queries(30) as ctx:
            r = c.get(reverse("api:evaluasi-ekspor-tpp"), {"tahun": tahun, "format": fmt})
            body = b"".join(r.streaming_content) if r.streaming else r.content
        assert r.status_code == 200 and body
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
