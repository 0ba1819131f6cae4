"""dokumen.render: what a reader sees in the PDF (letterhead, identity, signatures, page numbers, QR link),
Indonesian dates and NIPs, and the draft watermark. The sample document is also written, with its pages as
PNG, to test-artifacts/dokumen/ for a person to look at."""

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django_scopes import scopes_disabled
from PIL import Image, ImageDraw

from dokumen import render, services
from kinerja.models import PengaturanPemda

from ..conftest import PASSWORD
from .conftest import konteks
from .pades import jumlah_halaman, teks_pdf

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "dokumen"


def _lambang() -> bytes:
    """A stand-in coat of arms: a green shield with a gold rim and star."""
    gambar = Image.new("RGBA", (360, 420), (255, 255, 255, 0))
    pena = ImageDraw.Draw(gambar)
    perisai = [(20, 20), (340, 20), (340, 230), (180, 400), (20, 230)]
    pena.polygon(perisai, fill=(0, 110, 60), outline=(212, 170, 0), width=14)
    bintang = []
    for i in range(10):
        import math

        r = 80 if i % 2 == 0 else 34
        sudut = math.pi / 2 + i * math.pi / 5
        bintang.append((180 + r * math.cos(sudut), 170 - r * math.sin(sudut)))
    pena.polygon(bintang, fill=(212, 170, 0))
    keluaran = io.BytesIO()
    gambar.save(keluaran, format="PNG")
    return keluaran.getvalue()


@pytest.fixture
def kop_lengkap(sumedang, settings, tmp_path):
    """Sumedang's letterhead as a real Pemda fills it: logo, address, contacts, place of signing."""
    settings.MEDIA_ROOT = tmp_path
    with scopes_disabled():
        pengaturan = PengaturanPemda.objects.get(pemda=sumedang.sumedang)
        pengaturan.alamat = "Jalan Prabu Geusan Ulun Nomor 36, Sumedang 45311"
        pengaturan.telepon = "(0261) 201021"
        pengaturan.email = "bkpsdm@sumedangkab.go.id"
        pengaturan.laman = "bkpsdm.sumedangkab.go.id"
        pengaturan.tempat_penandatanganan = "Sumedang"
        pengaturan.nama_kepala_daerah = "Dony Ahmad Munir"
        pengaturan.logo.save("sumedang.png", ContentFile(_lambang()), save=False)
        pengaturan.save()
    return sumedang


def _simpan(nama: str, pdf: bytes):
    """Keep the PDF and its pages as PNG in test-artifacts/dokumen/ (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{nama}.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "90", "-png", str(ARTIFACTS / f"{nama}.pdf"), str(ARTIFACTS / nama)],
            check=True,
            timeout=120,
        )


def _rata(teks: str) -> str:
    return re.sub(r"\s+", " ", teks)


def test_the_signed_pdf_shows_letterhead_identity_signatures_and_page_numbers(kop_lengkap, terbitkan):
    world = kop_lengkap
    dokumen = terbitkan()
    services.tanda_tangani(dokumen=dokumen, user=world.users.pegawai, password=PASSWORD)
    services.tanda_tangani(dokumen=dokumen, user=world.users.penilai, password=PASSWORD)
    dokumen.refresh_from_db()
    pdf = bytes(dokumen.pdf)
    _simpan("contoh-ditandatangani", pdf)
    teks = _rata(teks_pdf(pdf))

    # Letterhead
    assert "PEMERINTAH KABUPATEN SUMEDANG" in teks
    assert "Jalan Prabu Geusan Ulun Nomor 36, Sumedang 45311" in teks
    assert "bkpsdm@sumedangkab.go.id" in teks
    assert "data:image/png;base64," in dokumen.html  # the logo is inside the frozen HTML
    # Title and period
    assert "FORMAT X.1" in teks and "CONTOH DOKUMEN KINERJA" in teks
    assert "PERIODE PENILAIAN: 1 JANUARI S.D. 31 DESEMBER 2026" in teks
    # Identity blocks
    assert "PEGAWAI YANG DINILAI" in teks and "PEJABAT PENILAI KINERJA" in teks
    assert world.pegawai.nip_format in teks and world.penilai.nip_format in teks
    assert "Penata Muda, III/a" in teks
    assert "Pengelola Aplikasi" in teks and "Kepala Seksi" in teks
    # Place and date, signature blocks
    assert "Sumedang, 31 Januari 2026" in teks
    assert "Pegawai yang Dinilai" in teks and "Pejabat Penilai Kinerja" in teks
    assert "Siti Aminah" in teks and "Budi Santoso" in teks
    assert f"NIP. {world.pegawai.nip_format}" in teks
    assert teks.count("Ditandatangani secara elektronik") == 2
    assert re.search(r"pada \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB", teks)
    # Page numbers and verification link
    assert "Halaman 1 dari 1" in teks
    assert render.url_verifikasi(dokumen.token) in teks
    assert "DRAF" not in teks


def test_the_qr_code_encodes_the_verification_url(terbitkan):
    dokumen = terbitkan()
    url = render.url_verifikasi(dokumen.token)
    assert url.endswith(f"/verifikasi/{dokumen.token}/")
    # No QR decoder is installed; the QR in the frozen HTML is exactly the one made from the URL.
    assert render.qr_data_uri(url) in dokumen.html
    assert render.qr_data_uri(url + "x") not in dokumen.html


def test_the_qr_png_has_one_pixel_per_module_of_the_url_and_prints_unblurred(terbitkan):
    import base64

    import qrcode

    dokumen = terbitkan()
    url = render.url_verifikasi(dokumen.token)
    png = base64.b64decode(render.qr_data_uri(url).removeprefix("data:image/png;base64,"))
    kode = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    kode.add_data(url)
    modul = kode.get_matrix()
    with Image.open(io.BytesIO(png)) as gambar:
        gambar = gambar.convert("L")
        assert gambar.size == (len(modul), len(modul))
        assert all(
            (gambar.getpixel((x, y)) < 128) == modul[y][x]
            for y in range(len(modul))
            for x in range(len(modul))
        )
    # Scaled up without interpolation: the PDF image says so (sharp squares at any size, as the SVG was).
    pdf = render.html_ke_pdf(dokumen.html)
    assert b"/Interpolate false" in pdf


def test_documents_with_different_stylesheets_each_get_their_own():
    # The parsed stylesheet is kept per process, keyed by its text: a different <style> is another sheet.
    from pyhanko.pdf_utils.reader import PdfFileReader

    def lebar_tinggi(pdf: bytes) -> tuple[int, int]:
        kotak = PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"][0]["/MediaBox"]
        return round(kotak[2]), round(kotak[3])

    tegak = "<html><head><style>@page { size: A4 }</style></head><body>Isi</body></html>"
    mendatar = "<html><head><style>@page { size: A4 landscape }</style></head><body>Isi</body></html>"
    for _ in range(2):
        assert lebar_tinggi(render.html_ke_pdf(tegak)) == (595, 842)
        assert lebar_tinggi(render.html_ke_pdf(mendatar)) == (842, 595)


def test_the_cached_stylesheet_prints_pixel_for_pixel_what_plain_weasyprint_prints(
    kop_lengkap, terbitkan, tmp_path
):
    # html_ke_pdf passes the document's <style> as a parsed sheet (user origin) on a shared font setup: the
    # pages must look exactly as WeasyPrint prints the HTML as it is.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    html = render.tandai_draf(terbitkan().html)
    polos = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    halaman = {}
    for nama, pdf in (("polos", polos), ("cepat", render.html_ke_pdf(html))):
        (tmp_path / f"{nama}.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(tmp_path / f"{nama}.pdf"), str(tmp_path / nama)], check=True
        )
        halaman[nama] = sorted(tmp_path.glob(f"{nama}-*.png"))
    assert len(halaman["polos"]) == len(halaman["cepat"]) >= 1
    for a, b in zip(halaman["polos"], halaman["cepat"], strict=True):
        with Image.open(a) as satu, Image.open(b) as dua:
            assert satu.tobytes() == dua.tobytes(), a.name


def test_page_numbers_count_every_page(terbitkan, sumedang):
    rencana = [{"rhk": f"Rencana hasil kerja {i}", "iki": "Indikator", "target": "100%"} for i in range(90)]
    dokumen = terbitkan(konteks=konteks(sumedang, rencana=rencana))
    pdf = services.pdf_untuk(dokumen)
    halaman = jumlah_halaman(pdf)
    assert halaman >= 3
    teks = _rata(teks_pdf(pdf))
    for nomor in range(1, halaman + 1):
        assert f"Halaman {nomor} dari {halaman}" in teks


def test_the_preview_carries_the_draft_watermark_and_the_signatures_so_far(kop_lengkap, terbitkan):
    dokumen = terbitkan()
    services.tanda_tangani(dokumen=dokumen, user=kop_lengkap.users.pegawai, password=PASSWORD)
    pdf = services.pdf_untuk(dokumen)
    _simpan("contoh-draf", pdf)
    teks = _rata(teks_pdf(pdf, mentah=True))
    assert "DRAF — belum ditandatangani" in teks
    assert teks.count("Ditandatangani secara elektronik") == 1


def test_three_signers_put_the_kepala_daerah_below(kop_lengkap, terbitkan):
    world = kop_lengkap
    dokumen = terbitkan(
        penandatangan=[
            ("pegawai", world.users.kadis),
            ("penilai", world.users.bupati),
            ("kepala_daerah", world.users.bupati),
        ],
        by=world.users.admin,
        objek=world.kadis,
        konteks=konteks(
            world,
            pegawai=render.identitas_pegawai(world.kadis),
            penilai={
                "nama": "Dony Ahmad Munir",
                "jabatan": "Bupati Sumedang",
                "unit_kerja": "Kabupaten Sumedang",
            },
        ),
    )
    rows = list(dokumen.penandatangan.order_by("urutan"))
    assert (rows[1].nama, rows[1].jabatan) == ("Dony Ahmad Munir", "Bupati Sumedang")
    assert rows[2].judul_peran == "Bupati Sumedang"
    assert rows[2].nama == "Dony Ahmad Munir"
    pdf = services.pdf_untuk(dokumen)
    _simpan("contoh-tiga-penandatangan", pdf)
    assert "Bupati Sumedang" in _rata(teks_pdf(pdf))


def test_user_text_is_escaped_and_cannot_break_out_of_the_page_style(sumedang, terbitkan):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(
            nama_instansi='Pemkab "Uji" </style><script>x</script>'
        )
    dokumen = terbitkan(konteks=konteks(sumedang, catatan="<b>tebal</b> & <script>alert(1)</script>"))
    assert "<script>" not in dokumen.html
    assert "&lt;b&gt;tebal&lt;/b&gt; &amp;" in dokumen.html
    assert dokumen.html.count("</style>") == 1
    assert services.pdf_untuk(dokumen).startswith(b"%PDF")


def test_a_document_never_fetches_from_the_network_or_the_disk():
    # Only data: URIs are allowed; the others are dropped without a request (the render does not hang).
    html = '<img src="http://192.0.2.1/x.png"><img src="file:///etc/hostname"><p>Isi</p>'
    assert render.html_ke_pdf(html).startswith(b"%PDF")


# Formatting ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "tanggal, teks",
    [
        (datetime.date(2026, 1, 31), "31 Januari 2026"),
        (datetime.date(2026, 8, 17), "17 Agustus 2026"),
        (datetime.date(2025, 12, 1), "1 Desember 2025"),
    ],
)
def test_dates_are_written_in_indonesian(tanggal, teks):
    assert render.tanggal_indonesia(tanggal) == teks


def test_times_are_written_in_western_indonesian_time():
    waktu = datetime.datetime(2026, 1, 31, 7, 5, tzinfo=datetime.UTC)
    assert render.waktu_indonesia(waktu) == "31 Januari 2026 pukul 14.05 WIB"


def test_nips_are_grouped_as_printed():
    assert render.format_nip("196703021997032002") == "19670302 199703 2 002"
    assert render.format_nip("12345") == "12345"


def test_the_identity_block_comes_from_the_pegawai_and_her_placement(sumedang):
    assert render.identitas_pegawai(sumedang.penilai) == {
        "nama": "Budi Santoso",
        "nip": sumedang.penilai.nip_format,
        "pangkat": "Penata Muda, III/a",
        "jabatan": "Kepala Seksi",
        "unit_kerja": "Seksi Pengembangan Aplikasi, Dinas Komunikasi dan Informatika",
    }
