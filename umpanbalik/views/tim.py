"""The pelaksanaan overview of one SKP (what was recorded, what to do next) and the Penilai's team view with
progress signals (umpanbalik.selectors.progres)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path

from kinerja.models import Pegawai, PengaturanPemda
from skp import waktu
from skp.selectors import skp_berlaku_pada

from .. import periode as periode_mod
from ..permissions import adalah_pemilik, adalah_pimpinan, get_skp_pelaksanaan_for_user, undangan_untuk
from ..selectors.progres import LABEL, URUTAN, progres_skp, progres_tim


@login_required
def pelaksanaan_saya(request):
    """The Pegawai's own SKP in force, or a page saying she has none set yet."""
    tanggal = waktu.hari_ini(request.pemda_id)
    skp = None
    if request.user.pegawai_id:
        skp = skp_berlaku_pada(request.user.pegawai, tanggal)
    if skp is not None:
        return redirect("pelaksanaan_skp", pk=skp.pk)
    return render(request, "umpanbalik/ringkasan_kosong.html", {"tanggal": tanggal})


@login_required
def pelaksanaan_skp(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    tanggal = waktu.hari_ini(skp.pemda_id)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    jenis = periode_mod.periode_utama(pengaturan)
    sekarang = periode_mod.pada(jenis, min(max(tanggal, skp.periode_mulai), skp.periode_selesai))
    pimpinan = adalah_pimpinan(skp, request.user, tanggal)
    pemilik = adalah_pemilik(skp, request.user)
    return render(
        request,
        "umpanbalik/ringkasan.html",
        {
            "skp": skp,
            "progres": progres_skp(skp, tanggal=tanggal),
            "periode": sekarang,
            "pimpinan": pimpinan,
            "pemilik": pemilik,
            "diundang": not (pimpinan or pemilik) and undangan_untuk(skp, request.user) is not None,
            "tanggal": tanggal,
        },
    )


@login_required
def pelaksanaan_tim(request):
    """The Penilai's team: who is ahead, on track or behind, with what she did about it. A fixed number of
    queries whatever the size of the team (pinned in tests)."""
    tanggal = waktu.hari_ini(request.pemda_id)
    daftar, tanpa = progres_tim(request.user, tanggal=tanggal)
    saring = request.GET.get("status", "")
    if saring not in LABEL:
        saring = ""
    hitung = {s: sum(1 for p in daftar if p.status == s) for s in LABEL}
    if saring:
        daftar = [p for p in daftar if p.status == saring]
    return render(
        request,
        "umpanbalik/tim.html",
        {
            "daftar": daftar,
            "hitung": [(s, LABEL[s], hitung[s]) for s in sorted(LABEL, key=URUTAN.get)],
            "saring": saring,
            "tanpa_skp": list(Pegawai.objects.filter(pk__in=tanpa).order_by("nama")) if tanpa else [],
            "acuan": daftar[0].acuan if daftar else None,
            "tanggal": tanggal,
        },
    )


urlpatterns = [
    path("", pelaksanaan_saya, name="pelaksanaan_saya"),
    path("tim/", pelaksanaan_tim, name="pelaksanaan_tim"),
    path("skp/<int:pk>/", pelaksanaan_skp, name="pelaksanaan_skp"),
]
