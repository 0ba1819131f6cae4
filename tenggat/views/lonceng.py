"""Pages of the lonceng area of tenggat (issue 6): the bell in the header and the list of notices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from skp.models import Pemberitahuan

from .. import lonceng

PER_HALAMAN = 25

# Short kind labels for the list (the model's labels are long) and their badge colour.
LABEL = {
    "tenggat": ("Tenggat", "kuning"),
    "eskalasi": ("Eskalasi", "merah"),
    "umpan_balik": ("Umpan balik", "hijau"),
    "evaluasi": ("Evaluasi", ""),
    "keberatan": ("Keberatan", "kuning"),
    "rhk_pimpinan_berubah": ("RHK pimpinan", ""),
    "rhk_pimpinan_dihapus": ("RHK pimpinan", ""),
}


def lonceng_hitung(request):
    """The bell with its unread count, fetched by base.html after the page (and every minute): no query is
    added to the page itself. An expired session answers 204 to htmx so the login page is not swapped in."""
    if not request.user.is_authenticated:
        if request.htmx:
            return HttpResponse(status=204)
        return redirect_to_login(request.get_full_path())
    # Rendered without the request's context processors: they would load the Pemda and its letterhead.
    html = render_to_string(
        "tenggat/lonceng_bel.html", {"belum_dibaca": lonceng.jumlah_belum_dibaca(request.user)}
    )
    return HttpResponse(html)


@login_required
def lonceng_daftar(request):
    page = Paginator(lonceng.daftar(request.user), PER_HALAMAN).get_page(request.GET.get("page"))
    for p in page.object_list:
        p.tujuan = lonceng.tujuan(p)
        p.label, p.warna = LABEL.get(p.jenis, (p.get_jenis_display(), ""))
    return render(
        request,
        "tenggat/lonceng_daftar.html",
        {
            "page": page,
            "belum_dibaca": lonceng.jumlah_belum_dibaca(request.user),
            "punya_pegawai": bool(request.user.pegawai_id),
        },
    )


@login_required
@require_POST
def lonceng_baca(request, pk):
    try:
        pemberitahuan = lonceng.tandai_dibaca(request.user, pk)
    except Pemberitahuan.DoesNotExist:
        raise Http404("Pemberitahuan tidak ditemukan.") from None
    if request.GET.get("buka") == "1":
        # Only a path on this site: a tautan is data, and data must not send her elsewhere.
        tujuan = lonceng.tujuan(pemberitahuan)
        if tujuan:
            return redirect(tujuan)
    return redirect(_kembali(request))


@login_required
@require_POST
def lonceng_baca_semua(request):
    jumlah = lonceng.tandai_semua_dibaca(request.user)
    if jumlah:
        messages.success(request, f"{jumlah} pemberitahuan ditandai sudah dibaca.")
    else:
        messages.info(request, "Tidak ada pemberitahuan yang belum dibaca.")
    return redirect("lonceng")


def _kembali(request) -> str:
    """Back to the list page she was on (only a page number is carried, never a URL)."""
    halaman = request.POST.get("page", "")
    url = reverse("lonceng")
    return f"{url}?page={halaman}" if halaman.isdigit() else url


urlpatterns = [
    path("pemberitahuan/", lonceng_daftar, name="lonceng"),
    path("pemberitahuan/hitung/", lonceng_hitung, name="lonceng_hitung"),
    path("pemberitahuan/<int:pk>/baca/", lonceng_baca, name="lonceng_baca"),
    path("pemberitahuan/baca-semua/", lonceng_baca_semua, name="lonceng_baca_semua"),
]
