"""The BKPSDM compliance view (issue 6) and its export.

Admin BKPSDM sees the whole Pemda and drills into one Perangkat Daerah (`?pd=`); the Kepala Perangkat Daerah
sees only her own PD, and only where PengaturanPemda.kepala_pd_awasi_pd_sendiri is on (Bogor Pasal 35(1));
everyone else gets 403 with the reason. A period or PD outside the scope is a 404; bad input a 400 with the
reason.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path

from skp import waktu

from ..ekspor_kepatuhan import respons
from ..selectors.kepatuhan import KOLOM, baca_permintaan, kepatuhan, periode_tahun


def _salah(request, exc):
    return render(request, "tenggat/kepatuhan_salah.html", {"pesan": exc.messages}, status=400)


def _batang(baris, kunci, total_kunci):
    """(name, value, total, percent) of each row, for the CSS bars."""
    hasil = []
    for b in baris:
        h = b.hitung
        n, t = getattr(h, kunci), getattr(h, total_kunci)
        hasil.append((b, n, t, round(n * 100 / t) if t else 0))
    return hasil


@login_required
def kepatuhan_view(request):
    tanggal = waktu.hari_ini(request.user.pemda_id)
    try:
        p = baca_permintaan(request.user, request.GET, tanggal)
    except ValidationError as exc:
        return _salah(request, exc)
    k = kepatuhan(request.user.pemda_id, p.tahun, tanggal=tanggal, periode=p.periode, pd_id=p.pd_id)
    ctx = {
        "k": k,
        "p": p,
        "kolom": KOLOM,
        "daftar_periode": periode_tahun(p.tahun),
        "seluruh": p.pd_boleh is None,
        "batang_skp": _batang(k.baris, "skp_ditetapkan", "pegawai"),
        "batang_evaluasi": _batang(k.baris, "ttd_penilai", "evaluasi") if k.periode else [],
        "tahun_pilihan": range(tanggal.year - 3, tanggal.year + 2),
    }
    return render(request, "tenggat/kepatuhan_halaman.html", ctx)


@login_required
def kepatuhan_ekspor(request):
    tanggal = waktu.hari_ini(request.user.pemda_id)
    try:
        p = baca_permintaan(request.user, request.GET, tanggal)
        fmt = request.GET.get("format") or "csv"
        if fmt not in ("csv", "xlsx"):
            raise ValidationError(f"Format ekspor tidak dikenal: {fmt!r} (pilih csv atau xlsx).")
    except ValidationError as exc:
        return _salah(request, exc)
    pd_ids = [p.pd_id] if p.pd_id else None
    return respons(request.user.pemda_id, p.tahun, fmt, tanggal=tanggal, periode=p.periode, pd_ids=pd_ids)


urlpatterns = [
    path("kepatuhan/", kepatuhan_view, name="kepatuhan"),
    path("kepatuhan/ekspor/", kepatuhan_ekspor, name="kepatuhan_ekspor"),
]
