"""HTML and PDF of a document: the Pemda's letterhead, identity and signature blocks, QR, page numbers.

A document template in templates/dokumen/ extends `dokumen/base.html` and fills `{% block isi %}`.
`render_html` gives it the letterhead, the signers and the verification link; what it renders is frozen by
the service. Signature stamps and the draft watermark are put into that frozen HTML at print time, at
markers the blocks leave (`<!--ttd:N-->`), so the frozen content never changes.
"""

import base64
import datetime
import functools
import html as html_lib
import io
import re
import threading

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from PIL import Image

from kinerja.models import Penempatan, PengaturanPemda

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# All four seed Pemda are in western Indonesia (Asia/Jakarta, settings.TIME_ZONE). A Pemda in WITA/WIT
# would need its own zone in PengaturanPemda.
ZONA = "WIB"
LOGO_TINGGI_PX = 300  # 2.6 cm at about 300 dpi


def tanggal_indonesia(tanggal: datetime.date) -> str:
    """'31 Januari 2026'."""
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def waktu_indonesia(waktu: datetime.datetime) -> str:
    """'31 Januari 2026 pukul 14.05 WIB' (local time, Indonesian time notation)."""
    lokal = timezone.localtime(waktu)
    return f"{tanggal_indonesia(lokal.date())} pukul {lokal:%H.%M} {ZONA}"


def format_nip(nip: str) -> str:
    """'19670302 199703 2 002', as NIPs are printed."""
    nip = (nip or "").strip()
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 and nip.isdigit() else nip


def url_verifikasi(token) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("dokumen_verifikasi", kwargs={"token": token})


def qr_data_uri(teks: str) -> str:
    """A QR code of `teks` as a 1-bit PNG data URI, one pixel per module. The template prints it with
    `image-rendering: pixelated` (no interpolation in the PDF), so its squares stay sharp at any size, as
    the SVG it replaces did; WeasyPrint draws the SVG path in Python, about 45 ms a document."""
    qr = qrcode.QRCode(border=1, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(teks)
    qr.make(fit=True)
    keluaran = io.BytesIO()
    qr.make_image().save(keluaran, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(keluaran.getvalue()).decode()


def _logo_data_uri(pengaturan: PengaturanPemda | None) -> str:
    """The Pemda's logo, scaled down and inlined: the frozen HTML must not depend on a file that can change."""
    if not pengaturan or not pengaturan.logo:
        return ""
    berkas = pengaturan.logo
    try:
        # A new upload gets a new name or size or time: the key of the scaled copy (kept per process).
        diubah = berkas.storage.get_modified_time(berkas.name).timestamp()
        kunci = (getattr(berkas.storage, "location", ""), berkas.name, berkas.size, diubah)
    except (OSError, NotImplementedError):
        return _logo_kecil(berkas)
    return _logo_tersimpan(kunci, berkas)


_LOGO: dict[tuple, str] = {}


def _logo_tersimpan(kunci: tuple, berkas) -> str:
    """The scaled logo of `kunci` (storage, name, size, time): scaling and compressing it costs about 15 ms,
    and every document of the Pemda prints it."""
    if kunci not in _LOGO:
        if len(_LOGO) >= 32:
            _LOGO.clear()
        _LOGO[kunci] = _logo_kecil(berkas)
    return _LOGO[kunci]


def _logo_kecil(berkas) -> str:
    try:
        with berkas.open("rb") as isi, Image.open(isi) as gambar:
            gambar.load()
            if gambar.height > LOGO_TINGGI_PX:
                lebar = round(gambar.width * LOGO_TINGGI_PX / gambar.height)
                gambar = gambar.resize((lebar, LOGO_TINGGI_PX), Image.LANCZOS)
            if gambar.mode not in ("RGB", "RGBA"):
                gambar = gambar.convert("RGBA")
            keluaran = io.BytesIO()
            gambar.save(keluaran, format="PNG", optimize=True)
    except (OSError, ValueError):
        return ""
    return "data:image/png;base64," + base64.b64encode(keluaran.getvalue()).decode()


def kop(pemda_id: int) -> dict:
    """The letterhead facts of a Pemda, from its PengaturanPemda."""
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).select_related("pemda").first()
    if pengaturan is None:
        from kinerja.models import Pemda

        pemda = Pemda.objects.get(pk=pemda_id)
        return {"nama_instansi": f"Pemerintah {pemda.nama}", "nama_pemda": pemda.nama, "tempat": ""}
    kontak = [
        bagian
        for bagian in (
            f"Telepon {pengaturan.telepon}" if pengaturan.telepon else "",
            f"Surel {pengaturan.email}" if pengaturan.email else "",
            f"Laman {pengaturan.laman}" if pengaturan.laman else "",
        )
        if bagian
    ]
    return {
        "nama_instansi": pengaturan.nama_instansi,
        "nama_pemda": pengaturan.pemda.nama,
        "alamat": pengaturan.alamat,
        "kontak": " · ".join(kontak),
        "logo": _logo_data_uri(pengaturan),
        "tempat": pengaturan.tempat_penandatanganan,
        "jabatan_kepala_daerah": pengaturan.jabatan_kepala_daerah,
        "nama_kepala_daerah": pengaturan.nama_kepala_daerah,
    }


def identitas_pegawai(pegawai, tanggal: datetime.date | None = None) -> dict:
    """The identity block of a Pegawai (nama, NIP, pangkat/gol.ruang, jabatan, unit kerja) on `tanggal`,
    as a plain dict: what `dokumen/_identitas.html` prints."""
    tanggal = tanggal or timezone.localdate()
    penempatan = (
        Penempatan.objects.filter(pegawai_id=pegawai.pk, mulai__lte=tanggal)
        .exclude(selesai__lt=tanggal)
        .select_related("jabatan__unit")
        .order_by("-mulai")
        .first()
    )
    jabatan = penempatan.jabatan if penempatan else None
    golongan = pegawai.golongan
    return {
        "nama": pegawai.nama_lengkap,
        "nip": format_nip(pegawai.nip),
        "pangkat": str(golongan) if golongan else "",
        "jabatan": jabatan.nama if jabatan else "",
        "unit_kerja": _unit_lengkap(jabatan.unit) if jabatan else "",
    }


def _unit_lengkap(unit) -> str:
    """'Seksi Pengembangan Aplikasi, Dinas Komunikasi dan Informatika': the unit and its Perangkat Daerah."""
    if unit.parent_id is None:
        return unit.nama
    ids = unit.ancestor_ids
    root = type(unit)._base_manager.filter(pk=ids[0], pemda_id=unit.pemda_id).values_list("nama", flat=True)
    nama_pd = root.first()
    return f"{unit.nama}, {nama_pd}" if nama_pd else unit.nama


def css_string(teks: str) -> str:
    """`teks` as a CSS string literal; everything but plain characters is a CSS escape (no </style>)."""
    aman = " .,:;·-/()"
    return '"' + "".join(c if c.isalnum() or c in aman else f"\\{ord(c):x} " for c in teks) + '"'


def baris_tanda_tangan(blok: list[dict]) -> list[list[dict | None]]:
    """Signature blocks in rows of two, as the formats lay them out: the first signer (the Pegawai) at the
    left, the next at the right under the place and date; a third (Atasan Penilai) centred below. A single
    signer (Format B.1.1: the Penilai) stands at the right."""
    if not blok:
        return []
    if len(blok) == 1:
        return [[None, blok[0]]]
    baris = [blok[i : i + 2] for i in range(0, len(blok), 2)]
    return baris


def penanda_tempat(urutan: int) -> str:
    return f"<!--ttd:{urutan}-->"


def render_html(
    *,
    pemda_id: int,
    template: str,
    konteks: dict,
    format_kode: str,
    judul: str,
    versi: int,
    token,
    penandatangan: list[dict],
    tanggal: datetime.date | None = None,
    kop_pemda: dict | None = None,
) -> str:
    """The document's HTML, as it will be frozen. `penandatangan`: dicts with urutan, peran, judul_peran,
    nama, nip, jabatan (in signing order). `kop_pemda`: the letterhead if the caller has it already."""
    kop_pemda = kop_pemda or kop(pemda_id)
    tanggal = konteks.get("tanggal") or tanggal or timezone.localdate()
    tempat = konteks.get("tempat") or kop_pemda.get("tempat", "")
    url = url_verifikasi(token)
    blok = [dict(p, penanda=mark_safe(penanda_tempat(p["urutan"]))) for p in penandatangan]
    context = {
        **konteks,
        "kop": kop_pemda,
        "format_kode": format_kode,
        "judul": judul,
        "versi": versi,
        "penandatangan": blok,
        "tempat": tempat,
        "tanggal": tanggal,
        "tempat_tanggal": f"{tempat}, {tanggal_indonesia(tanggal)}" if tempat else tanggal_indonesia(tanggal),
        "baris_tanda_tangan": baris_tanda_tangan(blok),
        "kaki_kiri_css": mark_safe(
            css_string(f"Format {format_kode} · versi {versi} · {kop_pemda['nama_instansi']}")
        ),
        "verifikasi_url": url,
        "verifikasi_qr": qr_data_uri(url),
        "token": str(token),
    }
    return render_to_string(template, context)


def isi_tanda_tangan(html: str, ditandatangani: dict[int, datetime.datetime]) -> str:
    """Put 'Ditandatangani secara elektronik pada ...' into the blocks of those who signed."""
    for urutan, pada in ditandatangani.items():
        cap = (
            '<div class="ttd-elektronik">Ditandatangani secara elektronik<br>pada '
            f"{html_lib.escape(waktu_indonesia(pada))}</div>"
        )
        html = html.replace(penanda_tempat(urutan), cap, 1)
    return html


DRAF = (
    '<div class="draf-watermark" style="position: fixed; top: 45%; left: -3cm; right: -3cm; '
    "text-align: center; white-space: nowrap; transform: rotate(-35deg); "
    "font: bold 36pt 'Liberation Sans', Arial, sans-serif; "
    'color: rgba(200, 0, 0, 0.16); z-index: 1000;">DRAF — belum ditandatangani</div>'
)


def tandai_draf(html: str) -> str:
    """A preview: the watermark on every page (a fixed element repeats on each page)."""
    if "</body>" in html:
        return html.replace("</body>", DRAF + "</body>", 1)
    return html + DRAF


# The first <style> of the head: the templates put all their CSS there (dokumen/base.html).
_GAYA = re.compile(r"<style>(.*?)</style>", re.S)
_CSS_SIMPANAN = 64  # distinct stylesheets kept per process (a format, a version, a Pemda's footer each)


@functools.cache
def _weasyprint():
    """WeasyPrint's objects shared by every render of this process: one font configuration (fontconfig and
    Pango set up once, their font cache kept) and the URL fetcher (data: URIs only: a document never fetches
    from the network or the disk). Made on first use, so a forked worker makes its own."""
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    return FontConfiguration(), URLFetcher(allowed_protocols={"data"}), threading.Lock()


@functools.lru_cache(maxsize=_CSS_SIMPANAN)
def _css(teks: str):
    """A document's stylesheet parsed once (parsing and compiling its selectors is about 60 ms): 20,000 D.1.1
    of one Pemda share one. Keyed by the exact text, so a frozen document always gets its own CSS."""
    from weasyprint import CSS

    font_config, fetcher, _ = _weasyprint()
    return CSS(string=teks, url_fetcher=fetcher, font_config=font_config)


def html_ke_pdf(html: str) -> bytes:
    """WeasyPrint, on the process's shared font configuration, the document's <style> passed as a parsed
    stylesheet from the cache. The stylesheet then has the user origin instead of the author's: the same
    cascade here, as the templates use no !important and their only other author CSS is style attributes,
    which beat any stylesheet either way."""
    from weasyprint import HTML

    font_config, fetcher, kunci = _weasyprint()
    gaya = _GAYA.search(html, 0, html.find("</head>") if "</head>" in html else len(html))
    with kunci:  # the shared Pango font map is not thread-safe: one render at a time per process
        lembar = []
        if gaya:
            lembar = [_css(gaya.group(1))]
            html = html[: gaya.start()] + html[gaya.end() :]
        dokumen = HTML(string=html, url_fetcher=fetcher)
        return dokumen.write_pdf(stylesheets=lembar, font_config=font_config)
