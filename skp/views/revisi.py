"""Revisions (penyesuaian ekspektasi): a new version of a set SKP, and the differences between two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .. import services
from ..forms import AlasanRevisiForm
from ..models import AspekIki, JenisRhk, Perspektif
from ..perilaku import PerilakuKerja
from ..selectors import perbedaan_versi, riwayat_versi
from ._bantu import jalankan, ke_skp, skp_untuk
from .halaman import render_skp

LABEL_FIELD = {
    "jenis": "Jenis",
    "teks": "Teks",
    "penugasan_dari": "Penugasan dari",
    "intervensi_id": "RHK pimpinan yang diintervensi",
    "intervensi_iki_id": "IKI pimpinan yang diintervensi",
    "aspek": "Aspek",
    "perspektif": "Perspektif",
    "target_angka": "Target (angka)",
    "target_satuan": "Satuan",
    "target_teks": "Target (kualitatif)",
    "pendekatan": "Pendekatan",
    "jabatan_id": "Jabatan",
}
LABEL_NILAI = {**dict(JenisRhk.choices), **dict(AspekIki.choices), **dict(Perspektif.choices)}


@login_required
@require_POST
def skp_revisi(request, pk):
    skp = skp_untuk(request.user, pk)
    form = AlasanRevisiForm(request.POST, prefix="revisi")
    ok, baru = jalankan(form, lambda d: services.skp_revisi(skp=skp, by=request.user, alasan=d["alasan"]))
    if ok:
        messages.success(
            request,
            f"Versi {baru.versi} disusun sebagai draf. Versi {skp.versi} tetap berlaku sampai versi baru ditetapkan.",
        )
        return ke_skp(baru.pk)
    messages.error(request, "Revisi belum dibuat.")
    return render_skp(request, skp.pk, {"revisi": form}, status=400)


def _nilai(v):
    if v is None or v == "":
        return "—"
    return LABEL_NILAI.get(v, v)


@login_required
def skp_perbedaan(request, pk):
    """Differences between this version and another version of the same SKP (default: the one before)."""
    skp = skp_untuk(request.user, pk)
    versi = riwayat_versi(skp)
    lain_id = request.GET.get("dengan")
    if lain_id:
        lain = next((v for v in versi if str(v.pk) == lain_id), None)
        if lain is None:
            raise Http404("Versi tidak ditemukan.")
    else:
        lain = next((v for v in versi if v.pk == skp.sebelumnya_id), None)
    if lain is None:
        return render(request, "skp/perbedaan.html", {"skp": skp, "versi": versi, "beda": None})
    lama, baru = (lain, skp) if lain.versi < skp.versi else (skp, lain)
    beda = perbedaan_versi(lama, baru)
    rincian = []
    for p in beda.rhk:
        rhk = p.sesudah or p.sebelum
        rincian.append(
            {
                "jenis": p.jenis,
                "rhk": rhk,
                "field": [(LABEL_FIELD.get(f, f), _nilai(a), _nilai(b)) for f, (a, b) in p.rincian.items()],
                "iki": [
                    {
                        "jenis": i.jenis,
                        "iki": i.sesudah or i.sebelum,
                        "field": [
                            (LABEL_FIELD.get(f, f), _nilai(a), _nilai(b)) for f, (a, b) in i.rincian.items()
                        ],
                    }
                    for i in p.iki
                ],
            }
        )
    ekspektasi = [
        (PerilakuKerja(k).label, a or "—", b or "—") for k, (a, b) in beda.ekspektasi_khusus.items()
    ]
    umum = [(LABEL_FIELD.get(f, f), _nilai(a), _nilai(b)) for f, (a, b) in beda.skp.items()]
    return render(
        request,
        "skp/perbedaan.html",
        {
            "skp": skp,
            "versi": versi,
            "beda": beda,
            "rincian": rincian,
            "ekspektasi": ekspektasi,
            "umum": umum,
        },
    )
