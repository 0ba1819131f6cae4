"""The Penilai's pages: the inbox of SKP waiting for her (with the bulk approval), her saved texts, and the
matriks peran hasil of a leader (Format A.1.5).

Bulk approval: an SKP can be approved together with others only after the Penilai opened its page in this
session, for this submission (views._bantu.tandai_dilihat). The inbox enables its checkbox only then, and the
POST checks it again: "after seeing each" (issue 3) holds even for a hand-made request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import services, waktu
from ..forms import TeksTersimpanForm
from ..models import JenisTeks, Skp, StatusSkp, TeksTersimpan
from ..selectors import inbox_penilai, matriks_peran_hasil
from ._bantu import jalankan, skp_untuk, sudah_dilihat


@login_required
def skp_menu(request):
    """The Penilai's menu entries with her count, fetched by base.html after the page has loaded."""
    from ..templatetags.skp_menu import _menu

    return render(request, "skp/_menu.html", {"sm": _menu(request), "aktif": request.GET.get("aktif", "")})


@login_required
def skp_menunggu(request):
    tugas = inbox_penilai(request.user)
    for t in tugas:
        t.dilihat = t.aksi == "setujui" and sudah_dilihat(request, t.skp)
    return render(
        request,
        "skp/menunggu.html",
        {
            "tugas": tugas,
            "ada_setujui": any(t.aksi == "setujui" for t in tugas),
            "tanggal": waktu.hari_ini(request.pemda_id),
        },
    )


@login_required
@require_POST
def skp_setujui_banyak(request):
    dipilih = set()
    for nilai in request.POST.getlist("skp"):
        try:
            dipilih.add(int(nilai))
        except ValueError:
            continue
    tugas = {t.skp.pk: t for t in inbox_penilai(request.user) if t.aksi == "setujui"}
    disetujui, gagal = [], []
    for pk in sorted(dipilih):
        t = tugas.get(pk)
        if t is None:
            gagal.append(f"SKP #{pk} tidak menunggu persetujuan Anda.")
            continue
        nama = t.skp.pegawai.nama_lengkap
        if not sudah_dilihat(request, t.skp):
            gagal.append(f"SKP {nama} belum Anda buka; buka dan periksa dulu sebelum menyetujui.")
            continue
        try:
            services.skp_setujui(skp=t.skp, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            gagal.append(f"SKP {nama}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
        else:
            disetujui.append(nama)
    if disetujui:
        messages.success(request, f"{len(disetujui)} SKP disetujui: {', '.join(disetujui)}.")
    for g in gagal:
        messages.error(request, g)
    if not dipilih:
        messages.warning(request, "Pilih SKP yang akan disetujui.")
    return redirect("skp_menunggu")


# Saved texts ---------------------------------------------------------------------------------------------
@login_required
def teks_tersimpan(request):
    form = TeksTersimpanForm(request.POST or None, initial={"jenis": JenisTeks.EKSPEKTASI_KHUSUS})
    status = 200
    if request.method == "POST":
        ok, teks = jalankan(form, lambda d: services.teks_tersimpan_simpan(by=request.user, **d))
        if ok:
            messages.success(request, f"Teks '{teks.judul}' disimpan.")
            return redirect("skp_teks_tersimpan")
        status = 400
    daftar = TeksTersimpan.objects.filter(pemilik=request.user).order_by("jenis", "perilaku", "judul")
    return render(request, "skp/teks_tersimpan.html", {"form": form, "daftar": daftar}, status=status)


@login_required
@require_POST
def teks_tersimpan_hapus(request, pk):
    teks = TeksTersimpan.objects.filter(pk=pk).first()
    if teks is None:
        raise Http404("Teks tidak ditemukan.")
    services.teks_tersimpan_hapus(teks=teks, by=request.user)
    messages.success(request, f"Teks '{teks.judul}' dihapus.")
    return redirect("skp_teks_tersimpan")


# Matriks peran hasil -------------------------------------------------------------------------------------
@login_required
def matriks_saya(request):
    """The leader's own matriks: of her SKP in force this year (the latest live one)."""
    tanggal = waktu.hari_ini(request.pemda_id)
    skp = (
        Skp.objects.filter(pegawai_id=request.user.pegawai_id or 0, tahun=tanggal.year)
        .exclude(status=StatusSkp.DIGANTIKAN)
        .order_by("-periode_mulai", "-versi")
        .first()
    )
    if skp is None:
        messages.info(
            request,
            f"Anda belum punya SKP {tanggal.year}. Matriks peran hasil disusun dari RHK dan IKI SKP Anda.",
        )
        return redirect("skp_saya" if request.user.pegawai_id else "beranda")
    return redirect("skp_matriks", pk=skp.pk)


@login_required
def skp_matriks(request, pk):
    skp = skp_untuk(request.user, pk)
    matriks = matriks_peran_hasil(skp)
    tanpa = {k.kunci for k in matriks.tanpa_peran}
    baris = [{"b": b, "sel": [(k, b.peran(k)) for k in matriks.kolom]} for b in matriks.baris]
    return render(
        request,
        "skp/matriks.html",
        {"skp": skp, "matriks": matriks, "tanpa": tanpa, "baris": baris},
    )
