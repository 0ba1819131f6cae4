"""Formats B.1.2 to B.1.10 as a reader sees them: the rekaman of March 2026 of the Pegawai's set SKP with its
realisasi, bukti, feedback from the leader and an invited peer, the leader's responses, a coaching, a B.1.10
report, a takeover, and a konseling that must never appear; B.1.2 with every period's realisasi; B.1.6 to
B.1.10 from their records. The PDFs and their first pages as PNG go to test-artifacts/umpanbalik/."""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from kinerja.models import PengaturanPemda
from skp.models import Skp
from tests.factories import (
    AmbilAlihFactory,
    BimbinganFactory,
    BuktiDukungFactory,
    EkspektasiKhususFactory,
    EvaluasiKompetensiFactory,
    JurnalMentoringFactory,
    KonselingFactory,
    LaporanPerilakuFactory,
    RealisasiFactory,
    RencanaAksiFactory,
    TanggapanProgresFactory,
    UmpanBalikBimbinganFactory,
    UmpanBalikFactory,
    UndanganUmpanBalikFactory,
)
from umpanbalik import documents
from umpanbalik.periode import Periode

from ..dokumen.pades import teks_pdf

pytestmark = pytest.mark.django_db

D = datetime.date
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "umpanbalik"
MARET = Periode("bulanan", 3, 2026)
RAHASIA = "RAHASIA-KONSELING-7731"


def rata(teks: str) -> str:
    return re.sub(r"\s+", " ", teks)


def ada(isi: str, *harapan: str):
    """Every expected text is in `isi` (HTML or PDF text), whitespace-insensitive, case-insensitive."""
    datar, rapat = rata(isi).upper(), re.sub(r"\s+", "", isi).upper()
    hilang = [
        h for h in harapan if rata(h).upper() not in datar and re.sub(r"\s+", "", h).upper() not in rapat
    ]
    assert not hilang, f"missing: {hilang}"


def simpan(nama: str, pdf: bytes):
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


def _bukti_berkas(realisasi, nama: str, user):
    return BuktiDukungFactory(
        pemda=realisasi.pemda,
        realisasi=realisasi,
        tautan="",
        berkas=f"bukti/{realisasi.pemda_id}/ab/{'ab' * 32}",
        nama_berkas=nama,
        ukuran=1234,
        tipe="application/pdf",
        sha256="ab" * 32,
        dibuat_oleh=user,
    )


@pytest.fixture
def data_rekaman(skp_berjalan, sumedang):
    return bangun_data_rekaman(sumedang, skp_berjalan)


def bangun_data_rekaman(w, skp):
    """March 2026 of the Pegawai: what the rekaman B.1.5 prints, and what it must leave out."""
    with scopes_disabled():
        rhk1, rhk2 = list(skp.rhk.order_by("urutan", "id"))
        iki11, iki12 = list(rhk1.iki.order_by("urutan", "id"))
        iki21 = rhk2.iki.order_by("urutan", "id").first()
    pemda = w.sumedang
    pegawai, penilai = w.users.pegawai, w.users.penilai
    RencanaAksiFactory(pemda=pemda, rhk=rhk1, teks="Menyusun rancangan modul layanan")
    RencanaAksiFactory(pemda=pemda, rhk=rhk2, teks="Uji coba bersama pengguna")
    lama = RealisasiFactory(
        pemda=pemda,
        iki=iki11,
        nomor_periode=3,
        nilai=9,
        teks="VERSI-LAMA",
        versi=1,
        berlaku=False,
        dibuat_oleh=pegawai,
    )
    maret = RealisasiFactory(
        pemda=pemda,
        iki=iki11,
        nomor_periode=3,
        nilai=2,
        teks="Dua modul selesai diuji",
        versi=2,
        sebelumnya=lama,
        dibuat_oleh=pegawai,
    )
    _bukti_berkas(maret, "berita-acara-uji-maret.pdf", pegawai)
    BuktiDukungFactory(
        pemda=pemda, realisasi=maret, tautan="https://drive.contoh.go.id/modul-2", dibuat_oleh=pegawai
    )
    februari = RealisasiFactory(
        pemda=pemda, iki=iki11, nomor_periode=2, nilai=1, teks="Satu modul di Februari", dibuat_oleh=pegawai
    )
    _bukti_berkas(februari, "laporan-februari.pdf", pegawai)
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=penilai,
        pemberi_pegawai=w.penilai,
        peran="pimpinan",
        jenis="berkala",
        nomor_periode=3,
        iki=iki11,
        realisasi=maret,
        teks="Kualitas modul sudah baik, lanjutkan",
        tanggal=D(2026, 3, 12),
    )
    undangan = UndanganUmpanBalikFactory(
        pemda=pemda, content_object=skp, pegawai=w.rekan, user=w.users.rekan, diundang_oleh=pegawai
    )
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=w.users.rekan,
        pemberi_pegawai=w.rekan,
        peran="rekan",
        jenis="insidental",
        cara="tidak_langsung",
        nomor_periode=3,
        iki=iki11,
        teks="Dokumentasi modulnya membantu saya",
        tanggal=D(2026, 3, 13),
    )
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=penilai,
        pemberi_pegawai=w.penilai,
        nomor_periode=3,
        perilaku="kolaboratif",
        teks="Aktif membantu rekan seksi",
        tanggal=D(2026, 3, 14),
    )
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=penilai,
        pemberi_pegawai=w.penilai,
        nomor_periode=3,
        rhk=rhk2,
        teks="Uji coba perlu dijadwalkan ulang",
        tanggal=D(2026, 3, 14),
    )
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=penilai,
        pemberi_pegawai=w.penilai,
        nomor_periode=3,
        teks="Secara umum bulan ini baik",
        tanggal=D(2026, 3, 15),
    )
    UmpanBalikFactory(
        pemda=pemda,
        skp=skp,
        pemberi=penilai,
        nomor_periode=2,
        iki=iki11,
        teks="FEBRUARI-SAJA",
        tanggal=D(2026, 2, 20),
    )
    EkspektasiKhususFactory(
        pemda=pemda, skp=skp, perilaku="kolaboratif", teks="Berbagi pengetahuan tiap pekan"
    )
    TanggapanProgresFactory(
        pemda=pemda,
        skp=skp,
        jenis="pembinaan",
        teks="Dijadwalkan coaching",
        oleh=penilai,
        tanggal=D(2026, 3, 9),
    )
    bimbingan = BimbinganFactory(
        pemda=pemda,
        skp=skp,
        jenis="coaching",
        pembina=penilai,
        pembina_pegawai=w.penilai,
        tanggal=D(2026, 3, 10),
        tempat="Ruang rapat seksi",
        isian={
            "tujuan": [
                {
                    "iki": iki21.pk,
                    "iki_teks": iki21.teks,
                    "base_target": "1 modul",
                    "target": "4 modul",
                    "strategi": "Membagi modul menjadi paket kecil",
                }
            ],
            "fakta": [
                {
                    "iki": iki21.pk,
                    "iki_teks": iki21.teks,
                    "target_skp": "4 modul",
                    "progres": "Baru 1 modul",
                    "masalah": "Server uji sering mati",
                    "penyebab": "Kapasitas server kurang",
                }
            ],
            "peluang": "Memakai server cadangan bidang",
            "langkah": [
                {
                    "iki": iki21.pk,
                    "iki_teks": iki21.teks,
                    "strategi": "Ajukan server cadangan",
                    "penyesuaian": True,
                }
            ],
        },
    )
    laporan = LaporanPerilakuFactory(
        pemda=pemda,
        skp=skp,
        pelapor=penilai,
        masalah="Tidak hadir rapat koordinasi tanpa kabar",
        ekspektasi_khusus="Hadir di setiap rapat koordinasi",
        uraian="Keputusan tim tertunda karena informasi tidak sampai",
        serupa_pada_pegawai_lain=False,
        retrospektif="Sudah diajak bicara dua kali",
        tanggal=D(2026, 3, 11),
    )
    KonselingFactory(
        pemda=pemda,
        skp=skp,
        konselor=w.users.admin,
        rekaman=RAHASIA,
        tindak_lanjut=RAHASIA,
        tanggal=D(2026, 3, 13),
    )
    AmbilAlihFactory(
        pemda=pemda,
        skp=skp,
        rhk=rhk2,
        oleh=penilai,
        catatan="Diambil alih karena tenggat",
        tanggal=D(2026, 3, 14),
    )
    return {
        "skp": skp,
        "rhk": (rhk1, rhk2),
        "iki": (iki11, iki12, iki21),
        "bimbingan": bimbingan,
        "laporan": laporan,
        "undangan": undangan,
    }


def _pengaturan(sumedang, **ubah):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(**ubah)


# Rekaman B.1.3 / B.1.4 / B.1.5 ----------------------------------------------------------------------------
def test_rekaman_b15_prints_the_periods_realisasi_bukti_and_feedback_of_every_kind(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    assert documents.format_rekaman(skp) == "B.1.5"
    html = documents.html_rekaman(skp, MARET)
    ada(
        html,
        "FORMAT B.1.5",
        "Rekaman Informasi Umpan Balik Berkelanjutan",
        "Periode: MARET 2026",
        "REALISASI BERDASARKAN BUKTI DUKUNG",
        "2 modul",
        "Dua modul selesai diuji",
        "berita-acara-uji-maret.pdf",
        "https://drive.contoh.go.id/modul-2",
        "Pimpinan: Budi Santoso · Berkala, langsung · 12 Maret 2026",
        "Kualitas modul sudah baik, lanjutkan",
        "Rekan kerja setingkat: Rudi Hartono · Insidental, tidak langsung · 13 Maret 2026",
        "Dokumentasi modulnya membantu saya",
        "Berbagi pengetahuan tiap pekan",
        "Aktif membantu rekan seksi",
        "Uji coba perlu dijadwalkan ulang",
        "Umpan balik umum periode ini",
        "Secara umum bulan ini baik",
        "Dijadwalkan coaching",
        "Bimbingan kinerja: Coaching (Format B.1.6)",
        "Laporan permasalahan perilaku kerja (Format B.1.10)",
        "Diambil alih karena tenggat",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        "Siti Aminah",
    )
    for perilaku in (
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ):
        assert perilaku in html
    # Not this period, not the current version, not konseling.
    for absen in ("FEBRUARI-SAJA", "VERSI-LAMA", "laporan-februari.pdf", "Satu modul di Februari", RAHASIA):
        assert absen not in html


def test_rekaman_pdf_is_a_landscape_pdf_with_the_values_in_it(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    pdf = documents.pdf_rekaman(skp, MARET, by=sumedang.users.penilai)
    assert pdf.startswith(b"%PDF")
    simpan("rekaman-b15-maret", pdf)
    teks = teks_pdf(pdf, mentah=True)
    ada(teks, "FORMAT B.1.5", "MARET 2026", "berita-acara-uji-maret.pdf", "Kualitas modul sudah baik", "DRAF")
    assert RAHASIA not in teks


def test_peer_names_are_hidden_when_the_pemda_chooses_anonymity_but_the_leader_is_named(
    data_rekaman, sumedang
):
    _pengaturan(sumedang, umpan_balik_rekan_anonim=True)
    html = documents.html_rekaman(data_rekaman["skp"], MARET)
    assert "Rudi Hartono" not in html
    ada(html, "Rekan kerja setingkat (nama tidak ditampilkan)", "Dokumentasi modulnya membantu saya")
    ada(html, "Pimpinan: Budi Santoso")


def test_peer_names_are_shown_without_anonymity(data_rekaman, sumedang):
    assert "Rudi Hartono" in documents.html_rekaman(data_rekaman["skp"], MARET)


def test_konseling_is_never_read_into_the_rekaman(data_rekaman, sumedang):
    konteks = documents.konteks_rekaman(data_rekaman["skp"], MARET)
    assert RAHASIA not in repr(konteks)
    assert "konseling" not in {k.lower() for k in konteks}
    assert RAHASIA not in documents.html_rekaman(data_rekaman["skp"], MARET)


@pytest.mark.parametrize(
    ("jenis", "pendekatan", "kode"),
    [
        ("administrasi", "kualitatif", "B.1.3"),
        ("jpt", "kualitatif", "B.1.3"),
        ("jpt", "kuantitatif", "B.1.4"),
        ("administrasi", "kuantitatif", "B.1.5"),
        ("fungsional", "kuantitatif", "B.1.5"),
    ],
)
def test_the_rekaman_format_follows_jenis_and_pendekatan(jenis, pendekatan, kode):
    assert documents.format_rekaman(Skp(jenis=jenis, pendekatan=pendekatan)) == kode


def test_b14_for_a_jpt_prints_the_perspektif_column_with_realisasi_and_feedback(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    with scopes_disabled():
        Skp.objects.filter(pk=skp.pk).update(jenis="jpt")
        data_rekaman["iki"][0].__class__.objects.filter(pk=data_rekaman["iki"][0].pk).update(
            perspektif="proses_bisnis"
        )
        skp.refresh_from_db()
    html = documents.html_rekaman(skp, MARET)
    ada(html, "FORMAT B.1.4", "PERSPEKTIF", "Proses Bisnis", "2 modul", "Kualitas modul sudah baik")
    assert "PIMPINAN YANG DIINTERVENSI" not in html
    simpan("rekaman-b14-maret", documents.pdf_rekaman(skp, MARET, by=sumedang.users.penilai))


def test_b13_for_kualitatif_prints_the_result_with_its_measures(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    with scopes_disabled():
        Skp.objects.filter(pk=skp.pk).update(pendekatan="kualitatif")
        skp.refresh_from_db()
    html = documents.html_rekaman(skp, MARET)
    ada(html, "FORMAT B.1.3", "Sasaran Kinerja Pegawai", "Pendekatan hasil kerja kualitatif")
    ada(
        html,
        "Ukuran keberhasilan dan target",
        "Dua modul selesai diuji",
        "Dokumentasi modulnya membantu saya",
    )


def test_a_quarter_takes_the_last_month_realisasi_and_the_months_feedback(data_rekaman, sumedang):
    _pengaturan(sumedang, periode_dokumentasi=["bulanan", "triwulanan", "tahunan"])
    html = documents.html_rekaman(data_rekaman["skp"], Periode("triwulanan", 1, 2026))
    ada(
        html,
        "Periode: TRIWULAN I 2026",
        "Dua modul selesai diuji",
        "FEBRUARI-SAJA",
        "Kualitas modul sudah baik",
    )
    assert "Satu modul di Februari" not in html  # March is the quarter's cumulative value


def test_the_rekaman_context_runs_a_fixed_number_of_queries(data_rekaman, sumedang, max_queries):
    skp = data_rekaman["skp"]
    with max_queries(20) as sebelum:
        documents.konteks_rekaman(skp, MARET)
    rhk1 = data_rekaman["rhk"][0]
    iki11, iki12, _ = data_rekaman["iki"]
    for n in range(5):
        r = RealisasiFactory(
            pemda=sumedang.sumedang,
            iki=iki12,
            nomor_periode=3,
            versi=n + 1,
            berlaku=n == 4,
            dibuat_oleh=sumedang.users.pegawai,
        )
        _bukti_berkas(r, f"tambahan-{n}.pdf", sumedang.users.pegawai)
        UmpanBalikFactory(
            pemda=sumedang.sumedang,
            skp=skp,
            pemberi=sumedang.users.penilai,
            nomor_periode=3,
            rhk=rhk1,
            teks=f"lagi {n}",
            tanggal=D(2026, 3, 3),
        )
        BimbinganFactory(
            pemda=sumedang.sumedang, skp=skp, pembina=sumedang.users.penilai, tanggal=D(2026, 3, 4)
        )
        TanggapanProgresFactory(
            pemda=sumedang.sumedang, skp=skp, oleh=sumedang.users.penilai, tanggal=D(2026, 3, 5)
        )
    with max_queries(len(sebelum.captured_queries)):
        konteks = documents.konteks_rekaman(skp, MARET)
    assert "tambahan-4.pdf" in repr(konteks)


def test_a_period_outside_the_pemdas_documentation_periods_is_refused_with_a_reason(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    for kode, pesan in (
        ("triwulanan-1", "tidak dikenal"),
        ("bulanan-13", "harus 1 sampai 12"),
        ("bulanan-x", "harus angka"),
        ("mingguan-2", "tidak dikenal"),
    ):
        with pytest.raises(ValidationError, match=pesan):
            documents.periode_dari_kode(skp, kode, PengaturanPemda.objects.get(pemda=sumedang.sumedang))


def test_the_default_period_is_the_finest_one_holding_today(data_rekaman, sumedang):
    pengaturan = PengaturanPemda.objects.get(pemda=sumedang.sumedang)
    assert documents.periode_dari_kode(data_rekaman["skp"], "", pengaturan) == MARET


# Issue and sign the rekaman -----------------------------------------------------------------------------
def test_the_leader_issues_the_rekaman_the_pegawai_then_the_leader_sign_and_the_signed_pdf_is_served(
    data_rekaman, sumedang
):
    from dokumen.models import StatusDokumen

    from ..conftest import PASSWORD

    skp, w = data_rekaman["skp"], sumedang
    with pytest.raises(PermissionDenied):
        documents.rekaman_terbitkan(skp=skp, periode=MARET, by=w.users.pegawai)
    dokumen = documents.rekaman_terbitkan(skp=skp, periode=MARET, by=w.users.penilai)
    assert dokumen.format_kode == "B.1.5"
    assert [p.user_id for p in dokumen.penandatangan.order_by("urutan")] == [
        w.users.pegawai.pk,
        w.users.penilai.pk,
    ]
    with pytest.raises(PermissionDenied, match="Belum giliran"):
        documents.rekaman_tanda_tangani(skp=skp, periode=MARET, by=w.users.penilai, password=PASSWORD)
    with pytest.raises(ValidationError):
        documents.rekaman_tanda_tangani(skp=skp, periode=MARET, by=w.users.pegawai, password="salah")
    documents.rekaman_tanda_tangani(skp=skp, periode=MARET, by=w.users.pegawai, password=PASSWORD)
    documents.rekaman_tanda_tangani(skp=skp, periode=MARET, by=w.users.penilai, password=PASSWORD)
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DITANDATANGANI
    pdf = documents.pdf_rekaman(skp, MARET, by=w.users.rekan)  # the invited peer reads it too
    assert pdf == bytes(dokumen.pdf)
    teks = teks_pdf(pdf, mentah=True)
    ada(teks, "Ditandatangani secara elektronik", "Kualitas modul sudah baik")
    assert teks.count("Ditandatangani secara elektronik") == 2
    simpan("rekaman-b15-maret-ditandatangani", pdf)
    # A re-issue is a new version; the signed one stays as it was.
    baru = documents.rekaman_terbitkan(skp=skp, periode=MARET, by=w.users.penilai)
    assert baru.versi == 2
    assert documents.dokumen_rekaman(skp, MARET).pk == baru.pk


def test_a_rekaman_of_a_period_not_yet_begun_cannot_be_issued(data_rekaman, sumedang):
    with pytest.raises(ValidationError, match="belum dimulai"):
        documents.rekaman_terbitkan(
            skp=data_rekaman["skp"], periode=Periode("bulanan", 5, 2026), by=sumedang.users.penilai
        )


def test_signing_a_rekaman_never_issued_says_so(data_rekaman, sumedang):
    with pytest.raises(ValidationError, match="belum diterbitkan"):
        documents.rekaman_tanda_tangani(
            skp=data_rekaman["skp"], periode=MARET, by=sumedang.users.pegawai, password="x"
        )


# B.1.2 ----------------------------------------------------------------------------------------------------
def test_b12_lists_rencana_aksi_and_every_periods_current_realisasi_with_bukti(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    konteks = documents.konteks_b_1_2(skp)
    pdf = documents.pdf_realisasi_rencana_aksi(skp, by=sumedang.users.pegawai)
    assert pdf.startswith(b"%PDF")
    simpan("b12", pdf)
    teks = teks_pdf(pdf, mentah=True)
    ada(
        teks,
        "FORMAT B.1.2",
        "Rencana Aksi",
        "Menyusun rancangan modul layanan",
        "Realisasi dan Bukti Dukung",
        "Februari 2026",
        "laporan-februari.pdf",
        "Maret 2026",
        "berita-acara-uji-maret.pdf",
        "Pejabat Penilai Kinerja",
    )
    assert "VERSI-LAMA" not in repr(konteks)


def test_b12_is_issued_and_signed_by_the_leader(data_rekaman, sumedang):
    from ..conftest import PASSWORD

    skp, w = data_rekaman["skp"], sumedang
    with pytest.raises(PermissionDenied):
        documents.realisasi_rencana_aksi_terbitkan(skp=skp, by=w.users.pegawai)
    dokumen = documents.realisasi_rencana_aksi_terbitkan(skp=skp, by=w.users.penilai)
    documents.realisasi_rencana_aksi_tanda_tangani(skp=skp, by=w.users.penilai, password=PASSWORD)
    dokumen.refresh_from_db()
    assert dokumen.status == "ditandatangani"
    assert documents.pdf_realisasi_rencana_aksi(skp, by=w.users.admin) == bytes(dokumen.pdf)


# B.1.6 to B.1.10 ------------------------------------------------------------------------------------------
def test_b16_coaching_prints_the_four_tables_and_both_signers(data_rekaman, sumedang):
    b = data_rekaman["bimbingan"]
    html = documents.html_bimbingan(b, "B.1.6")
    iki21 = data_rekaman["iki"][2]
    ada(
        html,
        "FORMAT B.1.6",
        "Pelaksanaan Coaching",
        iki21.teks,
        "1 modul",
        "Membagi modul menjadi paket kecil",
        "Server uji sering mati",
        "Kapasitas server kurang",
        "Memakai server cadangan bidang",
        "Ajukan server cadangan",
        "Pimpinan / Pihak Lain yang Diberikan Penugasan Khusus",
        "Pegawai yang Dinilai",
        "Ruang rapat seksi",
    )
    assert ">Ya<" in html.replace(" ", "")
    pdf = documents.pdf_bimbingan(b, "B.1.6", by=sumedang.users.pegawai)
    assert pdf.startswith(b"%PDF")
    simpan("b16", pdf)


def test_b16_is_refused_for_a_mentoring_and_an_unknown_format(data_rekaman, sumedang):
    b = data_rekaman["bimbingan"]
    with pytest.raises(ValidationError, match="mentoring|coaching"):
        documents.html_bimbingan(b, "B.1.7")
    with pytest.raises(ValidationError, match="tidak dikenal"):
        documents.pdf_bimbingan(b, "B.1.99", by=sumedang.users.pegawai)


def test_b17_mentoring_prints_the_plan_and_the_journal(data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    b = BimbinganFactory(
        pemda=sumedang.sumedang,
        skp=skp,
        jenis="mentoring",
        pembina=sumedang.users.atasan,
        penugasan_khusus=True,
        isian={
            "tujuan": "Mampu menyusun telaahan staf",
            "rencana": [
                {
                    "keahlian": "Menulis telaahan",
                    "langkah": "Membaca contoh telaahan",
                    "jangka_waktu": "3 bulan",
                    "perubahan": "Telaahan siap tanpa revisi besar",
                    "ukuran_keberhasilan": "Dua telaahan disetujui",
                }
            ],
        },
    )
    JurnalMentoringFactory(pemda=sumedang.sumedang, bimbingan=b, materi="Struktur telaahan staf")
    html = documents.html_bimbingan(b, "B.1.7")
    ada(
        html,
        "FORMAT B.1.7",
        "Mampu menyusun telaahan staf",
        "Menulis telaahan",
        "Membaca contoh telaahan",
        "3 bulan",
        "Dua telaahan disetujui",
        "Jurnal mentoring",
        "Struktur telaahan staf",
        "10 Februari 2026, ruang rapat",
        "Ani Suryani",
    )
    assert documents.pdf_bimbingan(b, "B.1.7", by=sumedang.users.atasan).startswith(b"%PDF")


def test_b18_prints_the_nine_answers_and_b19_the_competencies_with_the_scale(data_rekaman, sumedang):
    b = data_rekaman["bimbingan"]
    with pytest.raises(ValidationError, match="B.1.8"):
        documents.html_bimbingan(b, "B.1.8")
    UmpanBalikBimbinganFactory(
        pemda=sumedang.sumedang,
        bimbingan=b,
        dibuat_oleh=sumedang.users.pegawai,
        jawaban={
            str(n): {"jawaban": "sebagian" if n == 6 else "ya", "catatan": f"catatan-{n}"}
            for n in range(1, 10)
        },
    )
    html = documents.html_bimbingan(b, "B.1.8")
    ada(
        html,
        "FORMAT B.1.8",
        "Tentang Pegawai",
        "Lebih banyak menggunakan metode bertanya",
        "Sebagian",
        "catatan-9",
    )
    EvaluasiKompetensiFactory(
        pemda=sumedang.sumedang,
        bimbingan=b,
        dibuat_oleh=sumedang.users.penilai,
        nilai=[
            {
                "kelompok": "manajerial",
                "kompetensi": "Integritas",
                "nilai": 4,
                "alasan": "Jujur dalam laporan",
            },
            {"kelompok": "teknis", "kompetensi": "Pemrograman web", "nilai": 3, "alasan": "Sesuai standar"},
        ],
        rekomendasi="Ikut pelatihan keamanan aplikasi",
    )
    html = documents.html_bimbingan(b, "B.1.9")
    ada(
        html,
        "FORMAT B.1.9",
        "Manajerial",
        "Integritas",
        "Jujur dalam laporan",
        "Di atas Memadai".replace("Di atas", "Diatas"),
        "Mengelola Perubahan",
        "Perekat dan Pemersatu Bangsa",
        "Pemrograman web",
        "Ikut pelatihan keamanan aplikasi",
        "Deskripsi skala penilaian",
        "Sangat Kurang",
        "Istimewa",
    )
    simpan("b19", documents.pdf_bimbingan(b, "B.1.9", by=sumedang.users.penilai))


def test_b10_prints_the_report_and_the_reporting_penilai_signs(data_rekaman, sumedang):
    from ..conftest import PASSWORD

    laporan = data_rekaman["laporan"]
    html = documents.html_laporan_perilaku(laporan)
    ada(
        html,
        "FORMAT B.1.10",
        "Laporan Permasalahan Perilaku Kerja",
        "Tidak hadir rapat koordinasi tanpa kabar",
        "Hadir di setiap rapat koordinasi",
        "Keputusan tim tertunda",
        'Jawaban (YA / TIDAK): <span class="pilihan">TIDAK</span>',
        "Sudah diajak bicara dua kali",
        "Budi Santoso",
    )
    pdf = documents.pdf_laporan_perilaku(laporan, by=sumedang.users.admin)
    assert pdf.startswith(b"%PDF")
    simpan("b110", pdf)
    with pytest.raises(PermissionDenied):
        documents.laporan_perilaku_dokumen_terbitkan(laporan=laporan, by=sumedang.users.pegawai)
    dokumen = documents.laporan_perilaku_dokumen_terbitkan(laporan=laporan, by=sumedang.users.penilai)
    documents.laporan_perilaku_dokumen_tanda_tangani(
        laporan=laporan, by=sumedang.users.penilai, password=PASSWORD
    )
    dokumen.refresh_from_db()
    assert dokumen.status == "ditandatangani"


def test_b16_is_signed_by_the_pegawai_then_the_pembina(data_rekaman, sumedang):
    from ..conftest import PASSWORD

    b, w = data_rekaman["bimbingan"], sumedang
    with pytest.raises(PermissionDenied):
        documents.bimbingan_dokumen_terbitkan(bimbingan=b, format_kode="B.1.6", by=w.users.rekan)
    dokumen = documents.bimbingan_dokumen_terbitkan(bimbingan=b, format_kode="B.1.6", by=w.users.penilai)
    documents.bimbingan_dokumen_tanda_tangani(
        bimbingan=b, format_kode="B.1.6", by=w.users.pegawai, password=PASSWORD
    )
    documents.bimbingan_dokumen_tanda_tangani(
        bimbingan=b, format_kode="B.1.6", by=w.users.penilai, password=PASSWORD
    )
    dokumen.refresh_from_db()
    assert dokumen.status == "ditandatangani"
    teks = teks_pdf(bytes(dokumen.pdf), mentah=True)
    ada(teks, "Pimpinan / Pihak Lain yang Diberikan Penugasan Khusus", "Membagi modul menjadi paket kecil")
    assert teks.count("Ditandatangani secara elektronik") == 2


def test_a_reader_who_may_not_see_the_record_gets_no_pdf(data_rekaman, sumedang):
    with scopes_disabled():
        data_rekaman["undangan"].__class__.objects.filter(pk=data_rekaman["undangan"].pk).update(
            dicabut_pada=timezone.now()
        )
    with pytest.raises(PermissionDenied):
        documents.pdf_rekaman(data_rekaman["skp"], MARET, by=sumedang.users.rekan)
    with pytest.raises(PermissionDenied):
        documents.pdf_bimbingan(data_rekaman["bimbingan"], "B.1.6", by=sumedang.users.rekan)
    with pytest.raises(PermissionDenied):
        documents.pdf_laporan_perilaku(data_rekaman["laporan"], by=sumedang.users.rekan)
