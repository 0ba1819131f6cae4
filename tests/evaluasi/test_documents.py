"""The evaluation documents: C.1.x and D.1.x carry what the lampiran asks, reading copies (DRAF before issue,
older versions after a new one), D.1.3 after a changed keberatan, the pelaporan berjenjang bundle as one PDF,
and a fixed number of queries for konteks_hasil whatever the number of RHK."""

import io
import os
import subprocess
import tempfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from evaluasi import documents
from evaluasi.models import Keberatan
from skp.models import Rhk
from tests.factories import IkiFactory, RhkFactory, UmpanBalikFactory

from . import bantu
from .conftest import D


def teks_pdf(pdf: bytes) -> str:
    """The text of a PDF as pdftotext reads it (layout off), whitespace folded, upper-cased."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as berkas:
        berkas.write(pdf)
        berkas.flush()
        keluaran = subprocess.run(["pdftotext", berkas.name, "-"], capture_output=True, check=True).stdout
    return " ".join(keluaran.decode().split()).upper()


def halaman(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def simpan(nama: str, pdf: bytes):
    """KINERJA_SIMPAN_PDF=/dir keeps the PDFs of a run to look at them."""
    folder = os.environ.get("KINERJA_SIMPAN_PDF")
    if folder:
        with open(os.path.join(folder, nama), "wb") as berkas:
            berkas.write(pdf)


def _umpan_balik(w, skp):
    rhk = Rhk.objects.filter(skp=skp).order_by("urutan", "id").first()
    UmpanBalikFactory(
        pemda=w.sumedang,
        skp=skp,
        rhk=rhk,
        pemberi=w.users.rekan,
        pemberi_pegawai=w.rekan,
        peran="rekan",
        nomor_periode=3,
        tanggal=D(2026, 3, 10),
        teks="Modul pelatihan disusun rapi bersama tim.",
    )
    UmpanBalikFactory(
        pemda=w.sumedang,
        skp=skp,
        perilaku="kolaboratif",
        pemberi=w.users.penilai,
        pemberi_pegawai=w.penilai,
        nomor_periode=3,
        tanggal=D(2026, 3, 12),
        teks="Aktif berbagi praktik baik di seksi.",
    )
    return rhk


@pytest.fixture
def dinilai(skp_berjalan, sumedang, hari):
    """The world Pegawai's March evaluation, rated Di Atas / Di Atas with the evaluator's words, not signed."""
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    rhk = _umpan_balik(w, skp_berjalan)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    ev = bantu.nilai(
        w,
        ev,
        "di_atas",
        "di_atas",
        catatan_rekomendasi="Pertahankan kualitas modul dan bimbing rekan baru.",
        catatan_hasil={str(rhk.garis): "Hasil melampaui harapan triwulan."},
        catatan_perilaku={"kolaboratif": "Menjadi penggerak kerja tim."},
    )
    return ev


@pytest.fixture
def ditandatangani(dinilai, sumedang):
    from evaluasi.services import penilaian

    return penilaian.tandatangani_evaluator(
        evaluasi=dinilai, by=sumedang.users.penilai, password=bantu.PASSWORD
    )


@pytest.mark.django_db
def test_c_1_3_memuat_capaian_grafik_umpan_balik_catatan_dan_predikat(ditandatangani, sumedang):
    w = sumedang
    ev = ditandatangani
    dok = documents.dokumen_hasil(ev)
    assert dok.format_kode == "C.1.3"
    html = dok.html
    assert "<svg" in html and "grafik-distribusi" in html
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in html
    assert "Hasil melampaui harapan triwulan." in html and "Menjadi penggerak kerja tim." in html
    assert "Modul pelatihan disusun rapi bersama tim." in html
    assert "Aktif berbagi praktik baik di seksi." in html
    teks = teks_pdf(documents.pdf_hasil(ev, by=w.users.pegawai))
    simpan("c_1_3.pdf", documents.pdf_hasil(ev, by=w.users.pegawai))
    assert "FORMAT C.1.3" in teks and "HASIL EVALUASI KINERJA PEGAWAI" in teks
    assert "PERIODE: BULAN MARET 2026" in teks
    assert "PERIODE PENILAIAN: 1 MARET 2026 S.D. 31 MARET 2026" in teks
    assert w.pegawai.nama_lengkap.upper() in teks and w.penilai.nama_lengkap.upper() in teks
    assert "CAPAIAN KINERJA ORGANISASI" in teks and "BAIK" in teks
    assert "RATING HASIL KERJA" in teks and "DI ATAS EKSPEKTASI" in teks
    assert "PREDIKAT KINERJA PEGAWAI" in teks and "SANGAT BAIK" in teks
    for nilai in (
        "BERORIENTASI PELAYANAN",
        "AKUNTABEL",
        "KOMPETEN",
        "HARMONIS",
        "LOYAL",
        "ADAPTIF",
        "KOLABORATIF",
    ):
        assert nilai in teks
    assert "MEMBANTU ORANG LAIN BELAJAR" in teks
    # Peer names are printed unless the Pemda keeps peers anonymous.
    assert w.rekan.nama_lengkap.upper() in teks


@pytest.mark.django_db
def test_nama_rekan_disembunyikan_bila_pemda_menganonimkan(dinilai, sumedang):
    from kinerja.models import PengaturanPemda

    w = sumedang
    PengaturanPemda.objects.filter(pemda=w.sumedang).update(umpan_balik_rekan_anonim=True)
    konteks = documents.konteks_hasil(dinilai)
    ub = [u for b in konteks["bagian"] for r in b["rhk"] for u in r["umpan_balik"] if not u.get("evaluator")]
    rekan = [u for u in ub if u["peran"] == "Rekan kerja setingkat"]
    assert rekan and all(u["nama"] == "" and u["anonim"] for u in rekan)
    teks = teks_pdf(documents.pdf_hasil(dinilai, by=w.users.penilai))
    assert w.rekan.nama_lengkap.upper() not in teks and "NAMA TIDAK DITAMPILKAN" in teks


@pytest.mark.django_db
def test_d_1_1_memuat_tiga_pihak_capaian_predikat_dan_catatan(ditandatangani, sumedang):
    w = sumedang
    pdf = documents.pdf_dokumen(ditandatangani, by=w.users.atasan)
    simpan("d_1_1.pdf", pdf)
    teks = teks_pdf(pdf)
    assert "FORMAT D.1.1" in teks and "DOKUMEN EVALUASI KINERJA PEGAWAI" in teks
    for orang in (w.pegawai, w.penilai, w.atasan):
        assert orang.nama_lengkap.upper() in teks
    assert "ATASAN PEJABAT PENILAI KINERJA" in teks
    assert "CAPAIAN KINERJA ORGANISASI" in teks and "SANGAT BAIK" in teks
    assert "PERTAHANKAN KUALITAS MODUL DAN BIMBING REKAN BARU." in teks
    html = documents.dokumen_evaluasi(ditandatangani).html
    assert "6. Pegawai yang Dinilai" in html and "7. Pejabat Penilai Kinerja" in html
    assert 'CAPAIAN KINERJA ORGANISASI</td><td class="titik">:</td><td><strong>BAIK</strong>' in html
    assert 'PREDIKAT KINERJA PEGAWAI</td><td class="titik">:</td><td><strong>SANGAT BAIK</strong>' in html
    # Issued and awaiting the Pegawai: the frozen preview, Penilai's signature stamped.
    assert "SECARA ELEKTRONIK" in teks
    assert documents.dokumen_evaluasi(ditandatangani).pdf is None  # not final: read as its frozen preview


@pytest.mark.django_db
def test_sebelum_diterbitkan_salinan_baca_bertanda_draf(dinilai, sumedang):
    w = sumedang
    assert documents.dokumen_evaluasi(dinilai) is None
    for fungsi in (documents.pdf_dokumen, documents.pdf_hasil):
        teks = teks_pdf(fungsi(dinilai, by=w.users.pegawai))
        assert "CETAKAN KERJA" in teks and "BELUM DITERBITKAN" in teks
        assert "SANGAT BAIK" in teks
    # Capaian read as it stands, before the evaluator records it on signing.
    assert documents.konteks_dokumen(dinilai)["capaian"] == "Baik"
    with pytest.raises(ValidationError, match="Tidak ada keberatan"):
        documents.pdf_keberatan(dinilai, by=w.users.pegawai)


@pytest.mark.django_db
def test_yang_tidak_berhak_tidak_dapat_membaca(dinilai, sumedang, world):
    with pytest.raises(PermissionDenied):
        documents.pdf_hasil(dinilai, by=sumedang.users.rekan)
    with pytest.raises(PermissionDenied):
        documents.pdf_bundel(dinilai, by=world.users.outsider)


@pytest.mark.django_db
def test_versi_lama_tetap_terbaca_setelah_versi_baru(ditandatangani, sumedang):
    w = sumedang
    ev = ditandatangani
    lama = documents.dokumen_hasil(ev)
    ev.catatan_hasil = {}
    ev.save(update_fields=["catatan_hasil"])
    baru = documents.terbitkan_hasil(ev, by=w.users.penilai)
    assert baru.versi == lama.versi + 1
    teks_lama = teks_pdf(documents.pdf_hasil(ev, by=w.users.pegawai, versi=lama.versi))
    teks_baru = teks_pdf(documents.pdf_hasil(ev, by=w.users.pegawai))
    assert "HASIL MELAMPAUI HARAPAN TRIWULAN." in teks_lama
    assert "HASIL MELAMPAUI HARAPAN TRIWULAN." not in teks_baru
    with pytest.raises(Http404):
        documents.pdf_hasil(ev, by=w.users.pegawai, versi=99)


def keberatan_diubah(w, ev) -> Keberatan:
    k = Keberatan.objects.create(
        pemda=w.sumedang,
        evaluasi=ev,
        alasan="Modul ketiga selesai lebih awal tetapi tidak dipertimbangkan.",
        diajukan_oleh=w.users.pegawai,
        diajukan_pada=timezone.now(),
        penjelasan_penilai="Realisasi modul ketiga belum diunggah saat penilaian.",
        keterangan_pegawai="Bukti diunggah 2 April.",
        status="diubah",
        predikat_semula="baik",
        rating_hasil_semula="sesuai",
        rating_perilaku_semula="di_atas",
        keputusan="Mengubah rating hasil kerja menjadi di atas ekspektasi.",
        rekomendasi="Unggah bukti dukung tepat waktu.",
        rating_hasil_baru="di_atas",
        rating_perilaku_baru="di_atas",
        predikat_baru="sangat_baik",
        diputus_oleh=w.users.atasan,
        diputus_pada=timezone.now(),
    )
    return k


@pytest.mark.django_db
def test_d_1_3_memuat_keberatan_penjelasan_keputusan_dan_predikat_baru(ditandatangani, sumedang):
    w = sumedang
    ev = ditandatangani
    k = keberatan_diubah(w, ev)
    # Before the decision is issued: a DRAF of the keberatan as it stands.
    assert "CETAKAN KERJA" in teks_pdf(documents.pdf_keberatan(ev, by=w.users.atasan))
    dok = documents.terbitkan_keberatan(
        k, by=w.users.atasan, penilai_user=w.users.penilai, pegawai_user=w.users.pegawai
    )
    assert dok.format_kode == "D.1.3"
    pdf = documents.pdf_keberatan(ev, by=w.users.pegawai)
    simpan("d_1_3.pdf", pdf)
    teks = teks_pdf(pdf)
    assert "FORMAT D.1.3" in teks
    for teks_ in (
        "KEBERATAN",
        "MODUL KETIGA SELESAI LEBIH AWAL",
        "PENJELASAN PEJABAT PENILAI KINERJA ATAS KEBERATAN",
        "REALISASI MODUL KETIGA BELUM DIUNGGAH",
        "KEPUTUSAN DAN REKOMENDASI ATASAN PEJABAT PENILAI KINERJA",
        "MENGUBAH RATING HASIL KERJA",
        "UNGGAH BUKTI DUKUNG TEPAT WAKTU.",
        "SANGAT BAIK (SEMULA BAIK)",
    ):
        assert teks_ in teks, teks_
    html = dokumen_d13 = documents.dokumen_keberatan(ev).html
    for no, judul in ((6, "KEBERATAN"), (7, "PENJELASAN PEJABAT"), (8, "KEPUTUSAN DAN REKOMENDASI")):
        assert f'<td class="no">{no}</td><td colspan="3">{judul}' in html
    for label in (
        "9. Pejabat Penilai Kinerja",
        "10. Pegawai yang Dinilai",
        "11. Atasan Pejabat Penilai Kinerja",
    ):
        assert label in dokumen_d13
    # The bundle now leads with D.1.3; D.1.1 stays readable.
    assert "FORMAT D.1.1" in teks_pdf(documents.pdf_dokumen(ev, by=w.users.pegawai))
    assert "FORMAT D.1.3" in teks_pdf(documents.pdf_bundel(ev, by=w.users.admin))[:400]


@pytest.mark.django_db
def test_bundel_satu_pdf_dokumen_hasil_dan_skp(ditandatangani, sumedang):
    w = sumedang
    ev = ditandatangani
    bagian = [
        documents.pdf_dokumen(ev, by=w.users.penilai),
        documents.pdf_hasil(ev, by=w.users.penilai),
    ]
    bundel = documents.pdf_bundel(ev, by=w.users.penilai)
    simpan("bundel.pdf", bundel)
    teks = teks_pdf(bundel)
    i_dokumen, i_hasil = (
        teks.find("DOKUMEN EVALUASI KINERJA PEGAWAI"),
        teks.find("HASIL EVALUASI KINERJA PEGAWAI"),
    )
    i_skp = teks.find("SASARAN KINERJA PEGAWAI")
    assert 0 <= i_dokumen < i_hasil < i_skp
    assert halaman(bundel) > sum(halaman(b) for b in bagian)


@pytest.mark.django_db
def test_tugas_belajar_mencetak_ipk_jenjang_dan_kelulusan(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    ev.tugas_belajar = True
    ev.save(update_fields=["tugas_belajar"])
    ev = bantu.nilai(
        w,
        ev,
        "sesuai",
        "sesuai",
        ipk="3,45",
        jenjang="s1",
        lokasi_studi="dalam_negeri",
        akreditasi_institusi="A",
        kelulusan="belum",
    )
    teks = teks_pdf(documents.pdf_hasil(ev, by=w.users.pegawai))
    assert "PEGAWAI YANG MELAKSANAKAN TUGAS BELAJAR" in teks
    assert "3,45" in teks and "STRATA 1 (S-1)" in teks and "MASIH MENEMPUH STUDI" in teks


def _tambah_rhk(skp, n):
    for i in range(n):
        rhk = RhkFactory(pemda=skp.pemda, skp=skp, urutan=10 + i)
        IkiFactory(pemda=skp.pemda, rhk=rhk)
        IkiFactory(pemda=skp.pemda, rhk=rhk)


@pytest.mark.django_db
def test_konteks_hasil_jumlah_query_tetap_untuk_2_dan_6_rhk(dinilai, skp_berjalan, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    documents.konteks_hasil(dinilai)  # warm
    with CaptureQueriesContext(connection) as dua:
        documents.konteks_hasil(dinilai)
    _tambah_rhk(skp_berjalan, 4)
    assert Rhk.objects.filter(skp=skp_berjalan).count() == 6
    with CaptureQueriesContext(connection) as enam:
        konteks = documents.konteks_hasil(dinilai)
    assert sum(len(b["rhk"]) for b in konteks["bagian"]) == 6
    assert len(enam.captured_queries) == len(dua.captured_queries)
    assert len(dua.captured_queries) <= 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "kode", "kolom"),
    [
        ({"pendekatan": "kualitatif"}, "C.1.1", "PENDEKATAN HASIL KERJA KUALITATIF"),
        ({"jenis": "jpt"}, "C.1.2", "PERSPEKTIF"),
    ],
)
def test_c_1_1_dan_c_1_2_sesuai_jenis_skp(dinilai, sumedang, ubah, kode, kolom):
    w = sumedang
    for kunci, nilai in ubah.items():
        setattr(dinilai.skp, kunci, nilai)  # in memory: the format follows the SKP
    assert documents.format_hasil(dinilai) == kode
    konteks = documents.konteks_hasil(dinilai)
    html = documents.html_kerja(dinilai, kode, konteks)
    assert "<svg" in html and f"FORMAT {kode}" in html
    pdf = documents.render.html_ke_pdf(html)
    simpan(f"{kode.replace('.', '_')}.pdf", pdf)
    teks = teks_pdf(pdf)
    assert kolom in teks and w.pegawai.nama_lengkap.upper() in teks and "SANGAT BAIK" in teks
    assert "HASIL MELAMPAUI HARAPAN TRIWULAN." in teks
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" not in teks


@pytest.mark.django_db
def test_rhk_diambil_alih_tercetak_dengan_catatannya(dinilai, skp_berjalan, sumedang):
    from tests.factories import AmbilAlihFactory

    w = sumedang
    rhk = Rhk.objects.filter(skp=skp_berjalan).order_by("urutan", "id").last()
    AmbilAlihFactory(
        pemda=w.sumedang, rhk=rhk, oleh=w.users.penilai, tanggal=D(2026, 3, 20), catatan="Diselesaikan Kasi."
    )
    konteks = documents.konteks_hasil(dinilai)
    baris = [r for b in konteks["bagian"] for r in b["rhk"] if r["teks"] == rhk.teks][0]
    assert baris["ambil_alih"] == {"tanggal": "20 Maret 2026", "catatan": "Diselesaikan Kasi."}
    html = documents.html_kerja(dinilai, "C.1.3", konteks)
    assert "Diambil alih pimpinan pada 20 Maret 2026: Diselesaikan Kasi." in html


@pytest.mark.django_db
def test_d_1_2_atasan_di_kanan_pegawai_di_kiri(dinilai, sumedang):
    dinilai.oleh_atasan = True  # in memory: the Atasan Penilai evaluated after the Penilai's window
    assert documents.format_dokumen(dinilai) == "D.1.2"
    html = documents.html_kerja(dinilai, "D.1.2", documents.konteks_dokumen(dinilai))
    assert "FORMAT D.1.2" in html
    assert html.index("7. Pegawai yang Dinilai") < html.index("6. Atasan Pejabat Penilai Kinerja")
    assert sumedang.atasan.nama_lengkap in html
