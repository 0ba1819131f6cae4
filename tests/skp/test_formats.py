"""The SKP formats of the Sumedang lampiran as a reader sees them in the PDF (text extraction): A.1.7 and A.1.8
issued at approval, signed by the Pegawai and set by the Penilai with one password each, sealed with a PAdES
signature; A.1.1, A.1.2, A.1.6 for the other jenis x pendekatan; A.1.3, A.1.5 and B.1.1 printed on demand.
The PDFs and their first pages as PNG go to test-artifacts/skp/ for a person to look at."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled
from pyhanko.pdf_utils.reader import PdfFileReader

from dokumen import services as dokumen_services
from dokumen.models import Dokumen, StatusDokumen
from dokumen.selectors import dokumen_berlaku
from kinerja.models import PengaturanPemda
from skp import documents, services
from skp.models import AspekIki, BagianLampiran, JenisRhk, Perspektif, SifatKonsekuensi
from skp.perilaku import PERILAKU_KERJA

from ..dokumen.pades import teks_pdf, validasi
from .bantu import PASSWORD, draft, fresh

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "skp"

JUDUL_PERILAKU = (
    "BERORIENTASI PELAYANAN",
    "AKUNTABEL",
    "KOMPETEN",
    "HARMONIS",
    "LOYAL",
    "ADAPTIF",
    "KOLABORATIF",
)
EKSPEKTASI = "Menjawab setiap pengaduan layanan dalam dua hari kerja"


def rata(teks: str) -> str:
    """Upper case, one space between words: a table cell wraps anywhere, CSS upper-cases headings."""
    return re.sub(r"\s+", " ", teks).upper()


def ada(pdf_teks: str, *harapan: str):
    """Every expected text is in the PDF's text, its words in order (a cell wraps anywhere)."""
    isi, rapat = rata(pdf_teks), re.sub(r"\s+", "", pdf_teks).upper()
    # A narrow label cell breaks "PANGKAT/GOL.RUANG" after the dot: fall back to the text without spaces.
    hilang = [h for h in harapan if rata(h) not in isi and re.sub(r"\s+", "", h).upper() not in rapat]
    assert not hilang, f"not in the PDF: {hilang}"


def teks(pdf: bytes) -> str:
    """Reading order (pdftotext -raw keeps a cell's lines together better than -layout for wide tables)."""
    return teks_pdf(pdf, mentah=True)


def simpan(nama: str, pdf: bytes):
    """The PDF and its first page as PNG, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{nama}.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(ARTIFACTS / f"{nama}.pdf"),
                str(ARTIFACTS / nama),
            ],
            check=False,
            timeout=60,
        )


def ukuran_halaman(pdf: bytes) -> tuple[float, float]:
    halaman = PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Kids"][0]
    x0, y0, x1, y1 = (float(v) for v in halaman["/MediaBox"])
    return x1 - x0, y1 - y0


@pytest.fixture
def tempat(sumedang):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(tempat_penandatanganan="Sumedang")
    return sumedang


def _pimpinan(w):
    """The Penilai's own draft SKP, with the RHK her Pegawai intervenes (she may still be drafting it)."""
    skp = draft(w, "penilai")
    rhk = services.rhk_tambah(
        skp=skp, jenis=JenisRhk.UTAMA, teks="Layanan kepegawaian digital terintegrasi", by=w.users.penilai
    )
    services.iki_tambah(
        rhk=rhk,
        teks="Jumlah layanan kepegawaian yang dapat diakses daring",
        by=w.users.penilai,
        aspek=AspekIki.KUANTITAS,
        target_angka=6,
        target_satuan="layanan",
    )
    services.iki_tambah(
        rhk=rhk,
        teks="Indeks kepuasan pengguna layanan",
        by=w.users.penilai,
        aspek=AspekIki.KUALITAS,
        target_angka=85,
        target_satuan="indeks",
    )
    return skp, rhk


def skp_lengkap_diajukan(w, *, siapa="pegawai", pendekatan="kuantitatif", jpt=False, intervensi=None):
    """A realistic SKP of `siapa`: two RHK utama (one intervening her leader's RHK) and one tambahan, IKI with
    aspek/target (and perspektif for JPT), lampiran, submitted; then the leader's ekspektasi khusus."""
    user = getattr(w.users, siapa)
    skp = draft(w, siapa, pendekatan=pendekatan)
    kualitatif = pendekatan == "kualitatif"

    def iki(rhk, teks, aspek, angka, satuan, kualitatif_teks, perspektif=Perspektif.PROSES_BISNIS):
        services.iki_tambah(
            rhk=rhk,
            teks=teks,
            by=user,
            aspek=aspek,
            perspektif=perspektif if jpt else "",
            target_angka=None if kualitatif else angka,
            target_satuan="" if kualitatif else satuan,
            target_teks=kualitatif_teks if kualitatif else "",
        )

    r1 = services.rhk_tambah(
        skp=skp,
        jenis=JenisRhk.UTAMA,
        teks="Aplikasi layanan cuti daring terbangun",
        by=user,
        penugasan_dari="Kepala Seksi Pengembangan Aplikasi",
        intervensi=intervensi,
    )
    iki(r1, "Jumlah modul aplikasi cuti yang berjalan", AspekIki.KUANTITAS, 4, "modul", "Modul cuti berjalan")
    iki(
        r1, "Persentase pengujian modul yang lulus", AspekIki.KUALITAS, 95, "%", "Pengujian lulus tanpa cacat"
    )
    iki(r1, "Waktu penyelesaian aplikasi", AspekIki.WAKTU, 10, "bulan", "Selesai sebelum November")
    r2 = services.rhk_tambah(
        skp=skp, jenis=JenisRhk.UTAMA, teks="Data kepegawaian mutakhir", by=user, penugasan_dari=""
    )
    iki(
        r2,
        "Persentase data pegawai yang tervalidasi",
        AspekIki.KUALITAS,
        98,
        "%",
        "Data tervalidasi",
        Perspektif.PENERIMA_LAYANAN,
    )
    r3 = services.rhk_tambah(skp=skp, jenis=JenisRhk.TAMBAHAN, teks="Bimbingan teknis operator OPD", by=user)
    iki(
        r3,
        "Jumlah operator yang dilatih",
        AspekIki.KUANTITAS,
        30,
        "orang",
        "Operator terlatih",
        Perspektif.ANGGARAN,
    )
    services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.DUKUNGAN_SUMBER_DAYA,
        teks="Server uji untuk aplikasi cuti",
        by=user,
        jenis_dukungan="peralatan",
    )
    services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.SKEMA_PERTANGGUNGJAWABAN,
        teks="Laporan kemajuan pembangunan aplikasi",
        by=user,
        jadwal_pelaporan="bulanan",
        bukti="Tangkapan layar modul dan berita acara uji",
    )
    services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.KONSEKUENSI,
        teks="Diusulkan mengikuti pelatihan arsitektur aplikasi",
        by=user,
        sifat=SifatKonsekuensi.POSITIF,
    )
    services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.KONSEKUENSI,
        teks="Pendampingan mingguan oleh Kepala Seksi",
        by=user,
        sifat=SifatKonsekuensi.NEGATIF,
    )
    skp = services.skp_ajukan(skp=skp, by=user)
    penilai = w.users.bupati if jpt else w.users.penilai
    services.ekspektasi_khusus_simpan(skp=skp, perilaku="berorientasi_pelayanan", teks=EKSPEKTASI, by=penilai)
    return skp


def ditetapkan(w, skp, *, siapa="pegawai", penilai=None):
    penilai = penilai or w.users.penilai
    services.skp_setujui(skp=skp, by=penilai)
    services.skp_tanda_tangan_pegawai(skp=skp, by=getattr(w.users, siapa), password=PASSWORD)
    return services.skp_tetapkan(skp=fresh(skp), by=penilai, password=PASSWORD)


def dokumen(skp, kode) -> Dokumen:
    with scopes_disabled():
        return Dokumen.objects.get(
            objek_jenis="skp.Skp",
            objek_id=skp.pk,
            format_kode=kode,
            status__in=[StatusDokumen.MENUNGGU_TANDA_TANGAN, StatusDokumen.DITANDATANGANI],
        )


IDENTITAS = (
    "PEGAWAI YANG DINILAI",
    "PEJABAT PENILAI KINERJA",
    "NAMA",
    "NIP",
    "PANGKAT/GOL.RUANG",
    "JABATAN",
    "UNIT KERJA",
    "Siti Aminah",
    "Pengelola Aplikasi",
    "Seksi Pengembangan Aplikasi",
    "Budi Santoso",
    "Kepala Seksi",
)


def perilaku_ada(isi: str):
    ada(isi, "PERILAKU KERJA", *JUDUL_PERILAKU)
    for baris in PERILAKU_KERJA.values():
        # the first words of each of the 21 lines (a long line wraps inside its cell)
        ada(isi, *(" ".join(b.split()[:3]) for b in baris))
    assert rata(isi).count("EKSPEKTASI KHUSUS PIMPINAN") == 7
    ada(
        isi,
        EKSPEKTASI,
        "Pimpinan dapat memberikan ekspektasi khusus terhadap satu atau lebih aspek perilaku kerja",
    )


# A.1.7 and A.1.8: the issue's "Done when" path ------------------------------------------------------------
@pytest.fixture
def skp_a17(tempat):
    w = tempat
    _, rhk_pimpinan = _pimpinan(w)
    skp = skp_lengkap_diajukan(w, intervensi=rhk_pimpinan)
    return ditetapkan(w, skp)


def test_a17_shows_every_field_of_the_sumedang_layout(skp_a17, sumedang):
    pdf = dokumen_services.pdf_untuk(dokumen(skp_a17, "A.1.7"))
    simpan("a_1_7", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.7",
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PEMERINTAH KABUPATEN SUMEDANG",
        "PERIODE PENILAIAN: 1 JANUARI 2026 S.D. 31 DESEMBER 2026",
        *IDENTITAS,
        "HASIL KERJA",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
        "(1)",
        "(6)",
        "A. UTAMA",
        "B. TAMBAHAN",
        "Layanan kepegawaian digital terintegrasi",
        "Aplikasi layanan cuti daring terbangun",
        "Jumlah modul aplikasi cuti yang berjalan",
        "4 modul",
        "95 %",
        "10 bulan",
        "Kuantitas",
        "Kualitas",
        "Waktu",
        "Data kepegawaian mutakhir",
        "Bimbingan teknis operator OPD",
        "30 orang",
        "Sumedang, 12 Januari 2026",
        "Pegawai yang Dinilai",
        "Ditandatangani secara elektronik",
    )
    perilaku_ada(isi)
    assert "PERSPEKTIF" not in rata(isi)  # JPT only
    assert ukuran_halaman(pdf)[0] > ukuran_halaman(pdf)[1]  # landscape for six columns


def test_a18_lists_the_lampiran_sections_with_place_date_and_both_signers(skp_a17, sumedang):
    pdf = dokumen_services.pdf_untuk(dokumen(skp_a17, "A.1.8"))
    simpan("a_1_8", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.8",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "PEMERINTAH KABUPATEN SUMEDANG",
        "PERIODE PENILAIAN: 1 JANUARI 2026 S.D. 31 DESEMBER 2026",
        *IDENTITAS,
        "DUKUNGAN SUMBER DAYA",
        "Server uji untuk aplikasi cuti",
        "SKEMA PERTANGGUNGJAWABAN",
        "Laporan kemajuan pembangunan aplikasi",
        "Hasil kerja dilaporkan: bulanan",
        "Tangkapan layar modul dan berita acara uji",
        "KONSEKUENSI",
        "Apabila memenuhi ekspektasi Pimpinan: Diusulkan mengikuti pelatihan",
        "Apabila tidak memenuhi ekspektasi Pimpinan: Pendampingan mingguan",
        "Sumedang, 12 Januari 2026",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
    )
    assert rata(isi).count("DITANDATANGANI SECARA ELEKTRONIK") == 2
    assert ukuran_halaman(pdf)[0] < ukuran_halaman(pdf)[1]  # portrait


def test_both_signed_pdfs_validate_and_the_verification_page_lists_both_signers(skp_a17, client, sumedang):
    for kode in ("A.1.7", "A.1.8"):
        d = dokumen(skp_a17, kode)
        assert d.status == StatusDokumen.DITANDATANGANI
        _, status = validasi(bytes(d.pdf), d.sertifikat.sertifikat_pem)
        assert status.bottom_line, kode
        assert status.intact and status.valid and status.trusted
        halaman = client.get(reverse("dokumen_verifikasi", kwargs={"token": d.token})).content.decode()
        for harapan in (
            "Siti Aminah",
            "Budi Santoso",
            "Pegawai yang Dinilai",
            "Pejabat Penilai Kinerja",
            kode,
        ):
            assert harapan in halaman, (kode, harapan)


def test_approval_issues_both_documents_and_one_password_signs_both(tempat):
    w = tempat
    skp = skp_lengkap_diajukan(w)
    services.skp_setujui(skp=skp, by=w.users.penilai)
    a17, a18 = dokumen(skp, "A.1.7"), dokumen(skp, "A.1.8")
    assert [a17.status, a18.status] == [StatusDokumen.MENUNGGU_TANDA_TANGAN] * 2
    with pytest.raises(ValidationError):
        services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password="salah")
    with scopes_disabled():
        assert not a17.tanda_tangan.exists() and not a18.tanda_tangan.exists()
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password=PASSWORD)
    with scopes_disabled():
        assert [a17.tanda_tangan.count(), a18.tanda_tangan.count()] == [1, 1]
    services.skp_tetapkan(skp=fresh(skp), by=w.users.penilai, password=PASSWORD)
    assert [dokumen(skp, k).status for k in ("A.1.7", "A.1.8")] == [StatusDokumen.DITANDATANGANI] * 2


def test_a_return_and_new_approval_supersede_both_unsigned_documents(tempat):
    w = tempat
    skp = skp_lengkap_diajukan(w)
    services.skp_setujui(skp=skp, by=w.users.penilai)
    lama = {k: dokumen(skp, k).pk for k in ("A.1.7", "A.1.8")}
    services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="Tambahkan target waktu.")
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    services.skp_setujui(skp=skp, by=w.users.penilai)
    for kode, pk in lama.items():
        with scopes_disabled():
            assert Dokumen.objects.get(pk=pk).status == StatusDokumen.DIGANTIKAN
        assert dokumen_berlaku(skp, kode).versi == 2


# The format follows jenis x pendekatan ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("siapa", "pendekatan", "format_kode"),
    [
        ("pegawai", "kuantitatif", "A.1.7"),
        ("pegawai", "kualitatif", "A.1.6"),
        ("kadis", "kuantitatif", "A.1.2"),
        ("kadis", "kualitatif", "A.1.1"),
    ],
)
def test_the_format_is_chosen_from_jenis_and_pendekatan(tempat, siapa, pendekatan, format_kode):
    w = tempat
    jpt = siapa == "kadis"
    if jpt:
        with scopes_disabled():
            PengaturanPemda.objects.filter(pemda=w.sumedang).update(
                pendekatan_hasil_kerja=["kualitatif", "kuantitatif"]
            )
    skp = skp_lengkap_diajukan(w, siapa=siapa, pendekatan=pendekatan, jpt=jpt)
    assert documents.format_skp(skp) == format_kode
    services.skp_setujui(skp=skp, by=w.users.bupati if jpt else w.users.penilai)
    with scopes_disabled():
        kode = set(
            Dokumen.objects.filter(objek_jenis="skp.Skp", objek_id=skp.pk).values_list(
                "format_kode", flat=True
            )
        )
    assert kode == {format_kode, "A.1.8"}
    d = dokumen(skp, format_kode)
    assert f"FORMAT {format_kode}" in d.html


def test_a16_lists_each_rhk_with_its_assignment_iki_and_target(tempat):
    w = tempat
    skp = skp_lengkap_diajukan(w, pendekatan="kualitatif")
    services.skp_setujui(skp=skp, by=w.users.penilai)
    pdf = dokumen_services.pdf_untuk(dokumen(skp, "A.1.6"))
    simpan("a_1_6", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.6",
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PERIODE PENILAIAN",
        *IDENTITAS,
        "HASIL KERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "Aplikasi layanan cuti daring terbangun",
        "Penugasan dari: Kepala Seksi Pengembangan Aplikasi",
        "Ukuran keberhasilan/Indikator kinerja individu dan target:",
        "Jumlah modul aplikasi cuti yang berjalan",
        "target: Modul cuti berjalan",
        "Bimbingan teknis operator OPD",
        "Sumedang, 12 Januari 2026",
        "DRAF",  # not signed yet: a preview
    )
    perilaku_ada(isi)
    assert "PERSPEKTIF" not in rata(isi)


@pytest.fixture
def dua_pendekatan(tempat):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=tempat.sumedang).update(
            pendekatan_hasil_kerja=["kualitatif", "kuantitatif"]
        )
    return tempat


IDENTITAS_JPT = (
    "PEGAWAI YANG DINILAI",
    "PEJABAT PENILAI KINERJA",
    "Hendra Gunawan",
    "Kepala Dinas",
    "Dinas Komunikasi dan Informatika",
)


def test_a11_for_a_jpt_adds_the_perspektif_to_each_iki(dua_pendekatan):
    w = dua_pendekatan
    skp = skp_lengkap_diajukan(w, siapa="kadis", pendekatan="kualitatif", jpt=True)
    services.skp_setujui(skp=skp, by=w.users.bupati)
    pdf = dokumen_services.pdf_untuk(dokumen(skp, "A.1.1"))
    simpan("a_1_1", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.1",
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        *IDENTITAS_JPT,
        "Ukuran keberhasilan/Indikator kinerja individu, target, dan perspektif:",
        "perspektif: Proses Bisnis",
        "perspektif: Penerima Layanan",
        "perspektif: Anggaran",
        "Bupati Sumedang",
    )
    perilaku_ada(isi)


def test_a12_is_kuantitatif_with_a_perspektif_column(dua_pendekatan):
    w = dua_pendekatan
    skp = skp_lengkap_diajukan(w, siapa="kadis", pendekatan="kuantitatif", jpt=True)
    services.skp_setujui(skp=skp, by=w.users.bupati)
    pdf = dokumen_services.pdf_untuk(dokumen(skp, "A.1.2"))
    simpan("a_1_2", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.2",
        "PENDEKATAN HASIL KERJA KUANTITATIF",  # the text's heading wrongly says kualitatif
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        *IDENTITAS_JPT,
        "RENCANA HASIL KERJA",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
        "PERSPEKTIF",
        "(5)",
        "Proses Bisnis",
        "Penerima Layanan",
        "4 modul",
    )
    assert "KUALITATIF" not in rata(isi)
    assert "DIINTERVENSI" not in rata(isi)
    perilaku_ada(isi)


# Printed on demand ----------------------------------------------------------------------------------------
def test_a13_prints_the_manual_indikator_of_a_jpt(dua_pendekatan):
    w = dua_pendekatan
    skp = draft(w, "kadis")
    rhk = services.rhk_tambah(
        skp=skp, jenis=JenisRhk.UTAMA, teks="Transformasi digital layanan", by=w.users.kadis
    )
    iki = services.iki_tambah(
        rhk=rhk,
        teks="Indeks SPBE",
        by=w.users.kadis,
        perspektif=Perspektif.PROSES_BISNIS,
        target_angka=3,
        target_satuan="indeks",
    )
    services.manual_indikator_simpan(
        iki=iki,
        by=w.users.kadis,
        tujuan="Mengukur kematangan SPBE",
        definisi="Nilai evaluasi SPBE dari Kementerian PANRB",
        formula="Nilai indeks hasil evaluasi",
        satuan_pengukuran="indeks",
        tingkat_kendali="outcome_antara",
        sumber_data="Laporan evaluasi SPBE",
        periode_pelaporan="tahunan",
    )
    pdf = documents.pdf_manual_indikator(fresh(skp), by=w.users.kadis)
    simpan("a_1_3", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.3",
        "MANUAL INDIKATOR KINERJA",
        "PERIODE PENILAIAN",
        "Hendra Gunawan",
        "RENCANA HASIL KERJA",
        "Transformasi digital layanan",
        "UKURAN KEBERHASILAN/INDIKATOR KINERJA",
        "Indeks SPBE",
        "TUJUAN",
        "Mengukur kematangan SPBE",
        "DESKRIPSI",
        "Definisi",
        "Nilai evaluasi SPBE",
        "Formula",
        "SATUAN PENGUKURAN",
        "KUALITAS DAN TINGKAT KENDALI",
        "( ) Outcome",
        "(X) Outcome Antara",
        "( ) Output Kendali Rendah",
        "SUMBER DATA",
        "Laporan evaluasi SPBE",
        "PERIODE PELAPORAN",
        "( ) Bulanan",
        "(X) Tahunan",
        "tidak memiliki halaman verifikasi",
    )
    with pytest.raises(ValidationError):
        documents.pdf_manual_indikator(draft(w), by=w.users.pegawai)  # not a JPT
    with pytest.raises(PermissionDenied):
        documents.pdf_manual_indikator(fresh(skp), by=w.users.outsider)


def test_a15_matriks_shows_who_took_up_which_iki_and_who_has_no_role(tempat):
    w = tempat
    skp_pimpinan, rhk_pimpinan = _pimpinan(w)
    with scopes_disabled():
        iki_pertama = rhk_pimpinan.iki.order_by("urutan", "id").first()
    skp = draft(w)
    services.rhk_tambah(
        skp=skp,
        jenis=JenisRhk.UTAMA,
        teks="Modul cuti daring terbangun",
        by=w.users.pegawai,
        intervensi=rhk_pimpinan,
        intervensi_iki=iki_pertama,
    )
    pdf = documents.pdf_matriks_peran_hasil(fresh(skp_pimpinan), by=w.users.penilai)
    simpan("a_1_5", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT A.1.5",
        "MATRIKS PEMBAGIAN PERAN DAN HASIL",
        "PEGAWAI",
        "JABATAN",
        "OUTCOME ANTARA/OUTPUT/LAYANAN",
        "Budi Santoso",
        "Kepala Seksi",
        "Jumlah layanan kepegawaian yang dapat diakses daring",
        "Indeks kepuasan pengguna layanan",
        "Siti Aminah",
        "Modul cuti daring terbangun",
        "Rudi Hartono",
        "TIDAK ADA PERAN",
        "Indikator kinerja yang belum diintervensi siapa pun",
    )
    assert ukuran_halaman(pdf)[0] > ukuran_halaman(pdf)[1]
    with pytest.raises(PermissionDenied):
        documents.pdf_matriks_peran_hasil(fresh(skp_pimpinan), by=w.users.outsider)


def test_b11_rencana_aksi_is_issued_and_signed_by_the_penilai(skp_a17, sumedang):
    w = sumedang
    with scopes_disabled():
        rhk = fresh(skp_a17).rhk.order_by("urutan", "id").first()
    services.rencana_aksi_tambah(rhk=rhk, teks="Menyusun rancangan basis data cuti", by=w.users.pegawai)
    services.rencana_aksi_tambah(rhk=rhk, teks="Menguji modul bersama pengguna", by=w.users.pegawai)
    draf = documents.pdf_rencana_aksi(skp_a17, by=w.users.pegawai)
    ada(teks(draf), "DRAF", "Menyusun rancangan basis data cuti", "Pejabat Penilai Kinerja", "Budi Santoso")
    with pytest.raises(PermissionDenied):
        documents.rencana_aksi_terbitkan(skp_a17, by=w.users.pegawai)  # the Penilai signs B.1.1
    d = documents.rencana_aksi_terbitkan(skp_a17, by=w.users.penilai)
    with pytest.raises(ValidationError):
        documents.rencana_aksi_tanda_tangani(skp_a17, by=w.users.penilai, password="salah")
    documents.rencana_aksi_tanda_tangani(skp_a17, by=w.users.penilai, password=PASSWORD)
    d.refresh_from_db()
    assert d.status == StatusDokumen.DITANDATANGANI
    pdf = documents.pdf_rencana_aksi(skp_a17, by=w.users.pegawai)
    assert pdf == bytes(d.pdf)
    simpan("b_1_1", pdf)
    isi = teks(pdf)
    ada(
        isi,
        "FORMAT B.1.1",
        "RENCANA AKSI",
        "PERIODE PENILAIAN",
        *IDENTITAS,
        "HASIL KERJA",
        "Aplikasi layanan cuti daring terbangun",
        "Rencana Aksi:",
        "Menyusun rancangan basis data cuti",
        "Menguji modul bersama pengguna",
        "Data kepegawaian mutakhir",
        "Belum ada rencana aksi",
        "Sumedang, 12 Januari 2026",
        "Pejabat Penilai Kinerja",
        "Ditandatangani secara elektronik",
    )
    assert "PEGAWAI YANG DINILAI" in rata(isi) and rata(isi).count("DITANDATANGANI SECARA ELEKTRONIK") == 1
    _, status = validasi(pdf, d.sertifikat.sertifikat_pem)
    assert status.bottom_line


def test_b11_needs_a_set_skp_with_rencana_aksi(tempat):
    w = tempat
    skp = skp_lengkap_diajukan(w)
    with pytest.raises(ValidationError):
        documents.rencana_aksi_terbitkan(skp, by=w.users.penilai)
    skp = ditetapkan(w, skp)
    with pytest.raises(ValidationError, match="Belum ada rencana aksi"):
        documents.rencana_aksi_terbitkan(skp, by=w.users.penilai)
