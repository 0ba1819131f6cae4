"""The pola distribusi chart as inline SVG: for each predikat, the unit's actual share (bar) against the
expected share of the pola (outlined bar), as the C.1.x documents ask ("diisi dengan gambar pola distribusi") and
as the Penilai sees it while rating. Plain SVG: the page and WeasyPrint draw it without scripts."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .selectors.distribusi import Distribusi

SINGKAT = {
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct",
    "sangat_kurang": "Sangat Kurang",
}


def svg_distribusi(d: Distribusi, *, lebar: int = 520, tinggi: int = 220) -> str:
    kiri, bawah, atas = 34, 44, 22
    plot_w, plot_h = lebar - kiri - 10, tinggi - bawah - atas
    n = len(d.baris) or 1
    kolom = plot_w / n
    bar = kolom * 0.32
    skala = max([100 if d.total else 0] + [b.harapan for b in d.baris] + [b.persen for b in d.baris]) or 100
    skala = 100 if skala <= 100 else skala

    def y(persen):
        return atas + plot_h - plot_h * persen / skala

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik-distribusi" width="{lebar}" height="{tinggi}" '
        f'viewBox="0 0 {lebar} {tinggi}" role="img" aria-label="Pola distribusi predikat: aktual dan pola">',
        f'<text x="{kiri}" y="14" font-size="11" font-family="Liberation Sans, Arial, sans-serif">'
        f"Capaian organisasi: {escape(d.capaian_label)} · {d.total} Pegawai dinilai</text>",
    ]
    for garis in (0, 25, 50, 75, 100):
        gy = y(garis)
        bagian.append(f'<line x1="{kiri}" x2="{lebar - 10}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#ddd" />')
        bagian.append(
            f'<text x="{kiri - 4}" y="{gy + 3:.1f}" font-size="9" text-anchor="end" '
            f'font-family="Liberation Sans, Arial, sans-serif">{garis}%</text>'
        )
    for i, b in enumerate(d.baris):
        x0 = kiri + i * kolom + kolom * 0.16
        aktual_y, pola_y = y(b.persen), y(b.harapan)
        bagian.append(
            f'<rect class="aktual" x="{x0:.1f}" y="{aktual_y:.1f}" width="{bar:.1f}" '
            f'height="{atas + plot_h - aktual_y:.1f}" fill="#1f5fa8"><title>{escape(b.label)}: '
            f"{b.persen}% ({b.jumlah})</title></rect>"
        )
        bagian.append(
            f'<rect class="pola" x="{x0 + bar + 2:.1f}" y="{pola_y:.1f}" width="{bar:.1f}" '
            f'height="{atas + plot_h - pola_y:.1f}" fill="#fff" stroke="#c0392b" stroke-width="1.5" '
            f'stroke-dasharray="3,2"><title>Pola {escape(b.label)}: {b.harapan}%</title></rect>'
        )
        tengah = kiri + i * kolom + kolom / 2
        bagian.append(
            f'<text x="{tengah:.1f}" y="{atas + plot_h + 13:.1f}" font-size="9" text-anchor="middle" '
            f'font-family="Liberation Sans, Arial, sans-serif">{escape(SINGKAT.get(b.predikat, b.label))}</text>'
        )
        bagian.append(
            f'<text x="{tengah:.1f}" y="{atas + plot_h + 25:.1f}" font-size="9" text-anchor="middle" '
            f'font-family="Liberation Sans, Arial, sans-serif">{b.persen}% / {b.harapan}%</text>'
        )
    ly = tinggi - 6
    bagian.append(f'<rect x="{kiri}" y="{ly - 8}" width="10" height="8" fill="#1f5fa8" />')
    bagian.append(
        f'<text x="{kiri + 14}" y="{ly}" font-size="9" font-family="Liberation Sans, Arial, sans-serif">'
        "Distribusi unit (aktual)</text>"
    )
    bagian.append(
        f'<rect x="{kiri + 140}" y="{ly - 8}" width="10" height="8" fill="#fff" stroke="#c0392b" '
        'stroke-dasharray="3,2" />'
    )
    bagian.append(
        f'<text x="{kiri + 154}" y="{ly}" font-size="9" font-family="Liberation Sans, Arial, sans-serif">'
        "Pola distribusi (harapan)</text>"
    )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))
