"""Pages of pelaksanaan: the Pegawai's catatan harian, the realisasi of an SKP per documentation period with
its bukti dukung, the versions of one realisasi, and the download of a bukti.

Loading: whatever the user may not read (umpanbalik.permissions.skp_pelaksanaan_visible_to), in her Pemda
or another, is a 404. Whether she may *change* it is the service's call: PermissionDenied (403) or
ValidationError (shown on the form, status 400). Forms post with htmx and get their section back (the IKI
card, the catatan list); without htmx they redirect, or answer the whole page with status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from kinerja.models import PengaturanPemda
from skp import waktu
from skp.models import Iki, RencanaAksi, Rhk, Skp, StatusSkp
from skp.selectors import skp_berlaku_pada
from skp.views._bantu import jalankan

from .. import periode as periode_mod
from .. import unggah
from ..forms_realisasi import BuktiForm, CatatanHarianForm, RealisasiForm
from ..models import BuktiDukung, CatatanHarian, Realisasi
from ..permissions import adalah_pemilik, get_skp_pelaksanaan_for_user, skp_pelaksanaan_visible_to
from ..selectors import realisasi as sel
from ..services import catatan as catatan_services
from ..services import realisasi as services

# Loaders ---------------------------------------------------------------------------------------------------


def _terlihat(user):
    return skp_pelaksanaan_visible_to(user).values("pk")


def catatan_untuk(user, pk) -> CatatanHarian:
    c = CatatanHarian.objects.filter(pk=pk, skp__in=_terlihat(user)).select_related("skp").first()
    if c is None:
        raise Http404("Catatan tidak ditemukan.")
    return c


def iki_untuk(user, pk) -> Iki:
    iki = Iki.objects.filter(pk=pk, rhk__skp__in=_terlihat(user)).select_related("rhk__skp__pegawai").first()
    if iki is None:
        raise Http404("IKI tidak ditemukan.")
    return iki


def realisasi_untuk(user, pk) -> Realisasi:
    r = (
        Realisasi.objects.filter(pk=pk, skp__in=_terlihat(user))
        .select_related("skp__pegawai", "iki__rhk", "dibuat_oleh__pegawai")
        .first()
    )
    if r is None:
        raise Http404("Realisasi tidak ditemukan.")
    return r


def bukti_untuk(user, pk) -> BuktiDukung:
    b = (
        BuktiDukung.objects.filter(pk=pk, realisasi__skp__in=_terlihat(user))
        .select_related("realisasi")
        .first()
    )
    if b is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    return b


def _pengaturan(pemda_id):
    return PengaturanPemda.objects.filter(pemda_id=pemda_id).first()


# Catatan harian --------------------------------------------------------------------------------------------


def _rhk_skp(skp: Skp | None) -> list[Rhk]:
    if skp is None:
        return []
    return list(
        Rhk.objects.filter(skp=skp).order_by("jenis", "urutan", "id").prefetch_related("rencana_aksi")
    )


def _pilih(model, skp, pk):
    if pk is None or skp is None:
        return None
    if model is Rhk:
        return Rhk.objects.filter(pk=pk, skp=skp).first() or Rhk(pk=pk)
    return RencanaAksi.objects.filter(pk=pk, rhk__skp=skp).first() or RencanaAksi(pk=pk)


def _konteks_catatan(request, bound=None) -> dict:
    bound = bound or {}
    user = request.user
    tanggal = waktu.hari_ini(request.pemda_id)
    skp = skp_berlaku_pada(user.pegawai, tanggal) if user.pegawai_id else None
    rhk = _rhk_skp(skp)
    tahun = skp.tahun if skp else tanggal.year
    daftar = (
        sel.catatan_harian_pegawai(user.pegawai_id, tahun)
        if user.pegawai_id
        else CatatanHarian.objects.none()
    )
    page = Paginator(daftar, 30).get_page(request.GET.get("page"))
    ubah_id = bound.get("ubah_id")
    for c in page:
        c.bisa_ubah = skp is not None and c.skp_id == skp.pk
        if ubah_id == c.pk:
            c.f_ubah = bound["f_ubah"]
    return {
        "skp": skp,
        "hari_ini": tanggal,
        "page": page,
        "form": bound.get("form") or CatatanHarianForm(prefix="baru", rhk=rhk, initial={"tanggal": tanggal}),
        "galat": bound.get("galat", []),
    }


def _render_catatan(request, bound=None, *, status=200):
    template = "umpanbalik/_catatan_harian.html" if request.htmx else "umpanbalik/catatan_harian.html"
    return render(request, template, _konteks_catatan(request, bound), status=status)


@login_required
def catatan_harian(request):
    if request.method == "GET":
        return _render_catatan(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    tanggal = waktu.hari_ini(request.pemda_id)
    skp = skp_berlaku_pada(request.user.pegawai, tanggal) if request.user.pegawai_id else None
    form = CatatanHarianForm(request.POST, prefix="baru", rhk=_rhk_skp(skp))
    if skp is None:
        form.is_valid()
        form.add_error(None, "Anda belum memiliki SKP yang ditetapkan dan berlaku hari ini.")
        ok = False
    else:
        ok, _ = jalankan(
            form,
            lambda d: catatan_services.catatan_harian_buat(
                skp=skp,
                by=request.user,
                tanggal=d["tanggal"],
                uraian=d["uraian"],
                hasil=d["hasil"],
                rhk=_pilih(Rhk, skp, d["rhk"]),
                rencana_aksi=_pilih(RencanaAksi, skp, d["rencana_aksi"]),
            ),
        )
    if ok:
        if request.htmx:
            return _render_catatan(request)
        messages.success(request, "Catatan harian disimpan.")
        return redirect("catatan_harian")
    if not request.htmx:
        messages.error(request, "Catatan harian belum disimpan. Periksa isian yang ditandai.")
    return _render_catatan(request, {"form": form}, status=400)


def _awal_catatan(c: CatatanHarian) -> dict:
    return {
        "tanggal": c.tanggal,
        "uraian": c.uraian,
        "hasil": c.hasil,
        "rhk": c.rhk_id,
        "rencana_aksi": c.rencana_aksi_id,
    }


@login_required
def catatan_harian_ubah(request, pk):
    c = catatan_untuk(request.user, pk)
    skp = c.skp
    rhk = _rhk_skp(skp)
    if request.method == "GET":
        form = CatatanHarianForm(prefix=f"c{c.pk}", rhk=rhk, initial=_awal_catatan(c))
        template = "umpanbalik/_catatan_ubah.html" if request.htmx else "umpanbalik/catatan_ubah.html"
        return render(request, template, {"c": c, "form": form})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = CatatanHarianForm(request.POST, prefix=f"c{c.pk}", rhk=rhk)
    ok, _ = jalankan(
        form,
        lambda d: catatan_services.catatan_harian_ubah(
            catatan=c,
            by=request.user,
            tanggal=d["tanggal"],
            uraian=d["uraian"],
            hasil=d["hasil"],
            rhk=_pilih(Rhk, skp, d["rhk"]),
            rencana_aksi=_pilih(RencanaAksi, skp, d["rencana_aksi"]),
        ),
    )
    if ok:
        if request.htmx:
            return _render_catatan(request)
        messages.success(request, "Catatan harian diperbarui.")
        return redirect("catatan_harian")
    if request.htmx:
        return render(request, "umpanbalik/_catatan_ubah.html", {"c": c, "form": form}, status=400)
    messages.error(request, "Catatan harian belum diperbarui. Periksa isian yang ditandai.")
    return render(request, "umpanbalik/catatan_ubah.html", {"c": c, "form": form}, status=400)


@login_required
@require_POST
def catatan_harian_hapus(request, pk):
    c = catatan_untuk(request.user, pk)
    try:
        catatan_services.catatan_harian_hapus(catatan=c, by=request.user)
    except ValidationError as exc:
        if not request.htmx:
            messages.error(request, "Catatan harian belum dihapus.")
        return _render_catatan(request, {"galat": exc.messages}, status=400)
    if request.htmx:
        return _render_catatan(request)
    messages.success(request, "Catatan harian dihapus.")
    return redirect("catatan_harian")


# Realisasi -------------------------------------------------------------------------------------------------


def _periode_dari(kode: str, skp: Skp, pengaturan) -> periode_mod.Periode:
    """Parse `?periode=`; ValidationError with a message when it is not a period of this SKP."""
    try:
        p = periode_mod.dari_kode(kode, skp.tahun, pengaturan)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if p.selesai < skp.periode_mulai or p.mulai > skp.periode_selesai:
        raise ValidationError(f"{p.label} di luar periode SKP ini.")
    return p


def _bisa_catat(skp: Skp, user) -> bool:
    return adalah_pemilik(skp, user) and skp.status == StatusSkp.DITETAPKAN


def _awal_realisasi(r: Realisasi | None, periode) -> dict:
    awal = {"periode": periode.kode, "sifat": "progres"}
    if r is not None:
        awal.update(
            {
                "nilai": f"{r.nilai.normalize():f}" if r.nilai is not None else "",
                "teks": r.teks,
                "sifat": r.sifat,
            }
        )
    return awal


def _siapkan_iki(iki: Iki, skp: Skp, periode, *, bisa: bool, bound: dict, tarik: dict):
    """Attach to an IKI what its card shows: the forms of the owner."""
    r = iki.realisasi_kini
    iki.kuantitatif = iki.target_angka is not None
    iki.r_lama = r is not None and r.skp_id != skp.pk
    if not bisa:
        return
    awal = _awal_realisasi(r, periode)
    if iki.pk in tarik:
        awal["teks"] = "\n".join(t for t in (awal.get("teks", ""), tarik[iki.pk]) if t)
    iki.f_realisasi = bound.get(("realisasi", iki.pk)) or RealisasiForm(
        prefix=f"iki{iki.pk}", initial=awal, kuantitatif=iki.kuantitatif, satuan=iki.target_satuan
    )
    if r is not None and not iki.r_lama:
        iki.f_bukti = bound.get(("bukti", iki.pk)) or BuktiForm(prefix=f"bukti{iki.pk}")


def _konteks_realisasi(request, skp: Skp, periode, bound=None, tarik=None) -> dict:
    bound = bound or {}
    pengaturan = _pengaturan(skp.pemda_id)
    tanggal = waktu.hari_ini(skp.pemda_id)
    bisa = _bisa_catat(skp, request.user)
    daftar = sel.realisasi_skp(skp, periode)
    for baris in daftar:
        for iki in baris.iki:
            _siapkan_iki(iki, skp, periode, bisa=bisa, bound=bound, tarik=tarik or {})
    return {
        "skp": skp,
        "periode": periode,
        "pilihan": sel.periode_pilihan(skp, pengaturan, tanggal),
        "daftar": daftar,
        "bisa": bisa,
        "milik": adalah_pemilik(skp, request.user),
        "periode_terbuka": periode.mulai <= tanggal,
        "galat": bound.get("galat", []),
    }


def _render_kartu(request, skp: Skp, iki: Iki, periode, bound=None, *, status=200):
    iki.realisasi_kini = sel.realisasi_kini(skp, periode, [iki]).get(iki.garis)
    bisa = _bisa_catat(skp, request.user)
    _siapkan_iki(iki, skp, periode, bisa=bisa, bound=bound or {}, tarik={})
    ctx = {"skp": skp, "periode": periode, "iki": iki, "bisa": bisa, "nomor": ""}
    return render(request, "umpanbalik/_realisasi_iki.html", ctx, status=status)


def _url_realisasi(skp_id: int, periode, iki_id: int | None = None, **extra) -> str:
    url = reverse("realisasi_skp", kwargs={"pk": skp_id})
    url += "?" + urlencode({"periode": periode.kode, **extra})
    return f"{url}#iki-{iki_id}" if iki_id else url


@login_required
def realisasi_skp(request, pk):
    skp = get_skp_pelaksanaan_for_user(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    skp = Skp.objects.select_related("pegawai", "jabatan", "unit").get(pk=skp.pk)
    pengaturan = _pengaturan(skp.pemda_id)
    bawaan = sel.periode_bawaan(skp, pengaturan, waktu.hari_ini(skp.pemda_id))
    kode = request.GET.get("periode", "").strip()
    galat, status = [], 200
    periode = bawaan
    if kode:
        try:
            periode = _periode_dari(kode, skp, pengaturan)
        except ValidationError as exc:
            galat, status = exc.messages, 400
    tarik = {}
    tarik_id = request.GET.get("tarik", "")
    if tarik_id.isdigit() and _bisa_catat(skp, request.user):
        iki = Iki.objects.filter(pk=int(tarik_id), rhk__skp=skp).first()
        if iki is not None:
            teks = sel.realisasi_dari_catatan(skp=skp, iki=iki, periode=periode)
            tarik[iki.pk] = teks
            if not teks:
                messages.info(request, f"Tidak ada catatan harian {periode.label} untuk RHK IKI itu.")
    ctx = _konteks_realisasi(request, skp, periode, {"galat": galat}, tarik)
    return render(request, "umpanbalik/realisasi_skp.html", ctx, status=status)


def _periode_post(request, prefix, skp, pengaturan):
    kode = request.POST.get(f"{prefix}-periode", "")
    return _periode_dari(kode, skp, pengaturan)


def _gagal_realisasi(request, skp, iki, periode, bound, pesan):
    if request.htmx:
        return _render_kartu(request, skp, iki, periode, bound, status=400)
    messages.error(request, pesan)
    ctx = _konteks_realisasi(request, skp, periode, bound)
    return render(request, "umpanbalik/realisasi_skp.html", ctx, status=400)


def _selesai_realisasi(request, skp, iki, periode, pesan):
    if request.htmx:
        return _render_kartu(request, skp, iki, periode)
    messages.success(request, pesan)
    return redirect(_url_realisasi(skp.pk, periode, iki.pk))


@login_required
@require_POST
def realisasi_catat(request, pk):
    """Record or update the realisasi of one IKI (pk) in the posted period, with an optional file and link
    on the new version, all or nothing."""
    iki = iki_untuk(request.user, pk)
    skp = iki.rhk.skp
    pengaturan = _pengaturan(skp.pemda_id)
    prefix = f"iki{iki.pk}"
    try:
        periode = _periode_post(request, prefix, skp, pengaturan)
    except ValidationError as exc:
        periode = sel.periode_bawaan(skp, pengaturan, waktu.hari_ini(skp.pemda_id))
        return _gagal_realisasi(request, skp, iki, periode, {"galat": exc.messages}, "Periode tidak dikenal.")
    kuantitatif = iki.target_angka is not None
    form = RealisasiForm(
        request.POST, request.FILES, prefix=prefix, kuantitatif=kuantitatif, satuan=iki.target_satuan
    )

    def simpan(d):
        with transaction.atomic():
            berkas = d.get("berkas")
            if berkas:
                unggah.periksa(berkas)  # refuse a bad file before anything is written
            r = services.realisasi_catat(
                skp=skp,
                iki=iki,
                periode=periode,
                by=request.user,
                nilai=d.get("nilai") if kuantitatif else None,
                teks=d["teks"],
                sifat=d["sifat"],
                alasan=d["alasan"],
            )
            if berkas:
                services.bukti_unggah(realisasi=r, by=request.user, berkas=berkas, keterangan=d["keterangan"])
            if (d.get("tautan") or "").strip():
                services.bukti_tautan(
                    realisasi=r, by=request.user, tautan=d["tautan"], keterangan=d["keterangan"]
                )
            return r

    if jalankan(form, simpan)[0]:
        return _selesai_realisasi(request, skp, iki, periode, f"Realisasi {periode.label} disimpan.")
    return _gagal_realisasi(
        request, skp, iki, periode, {("realisasi", iki.pk): form}, "Realisasi belum disimpan."
    )


@login_required
def realisasi_tarik_catatan(request, pk):
    """The catatan harian of the period on the IKI's RHK, appended to the note being written: with htmx the
    note's textarea comes back filled; without, the page opens with it filled."""
    iki = iki_untuk(request.user, pk)
    skp = iki.rhk.skp
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    pengaturan = _pengaturan(skp.pemda_id)
    try:
        periode = _periode_dari(request.GET.get("periode", ""), skp, pengaturan)
    except ValidationError:
        periode = sel.periode_bawaan(skp, pengaturan, waktu.hari_ini(skp.pemda_id))
    if not request.htmx:
        return redirect(_url_realisasi(skp.pk, periode, iki.pk, tarik=iki.pk))
    prefix = f"iki{iki.pk}"
    teks = sel.realisasi_dari_catatan(skp=skp, iki=iki, periode=periode)
    ada = (request.GET.get(f"{prefix}-teks") or "").rstrip()
    gabung = "\n".join(t for t in (ada, teks) if t)
    form = RealisasiForm(prefix=prefix, initial={"teks": gabung}, kuantitatif=iki.target_angka is not None)
    return render(
        request,
        "umpanbalik/_realisasi_tarik.html",
        {"field": form["teks"], "kosong": not teks, "periode": periode},
    )


@login_required
def realisasi_riwayat(request, pk):
    r = realisasi_untuk(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    versi = sel.riwayat_realisasi(r)
    periode = sel.periode_realisasi(r)
    return render(
        request,
        "umpanbalik/realisasi_riwayat.html",
        {"r": r, "skp": r.skp, "iki": r.iki, "versi": versi, "periode": periode},
    )


@login_required
@require_POST
def bukti_tambah(request, pk):
    r = realisasi_untuk(request.user, pk)
    skp, iki = r.skp, r.iki
    periode = sel.periode_realisasi(r)
    form = BuktiForm(request.POST, request.FILES, prefix=f"bukti{iki.pk}")

    def simpan(d):
        if d.get("berkas"):
            return services.bukti_unggah(
                realisasi=r, by=request.user, berkas=d["berkas"], keterangan=d["keterangan"]
            )
        return services.bukti_tautan(
            realisasi=r, by=request.user, tautan=d["tautan"], keterangan=d["keterangan"]
        )

    # The card is shown on the page of the SKP the realisasi belongs to.
    if jalankan(form, simpan)[0]:
        return _selesai_realisasi(request, skp, iki, periode, "Bukti dukung ditambahkan.")
    return _gagal_realisasi(
        request, skp, iki, periode, {("bukti", iki.pk): form}, "Bukti dukung belum ditambahkan."
    )


@login_required
@require_POST
def bukti_hapus(request, pk):
    b = bukti_untuk(request.user, pk)
    r = Realisasi.objects.select_related("skp__pegawai", "iki__rhk").get(pk=b.realisasi_id)
    periode = sel.periode_realisasi(r)
    try:
        services.bukti_hapus(bukti=b, by=request.user)
    except ValidationError as exc:
        return _gagal_realisasi(
            request, r.skp, r.iki, periode, {"galat": exc.messages}, "Bukti belum dihapus."
        )
    return _selesai_realisasi(
        request, r.skp, r.iki, periode, "Bukti dukung dihapus dari realisasi (versi lama tetap menyimpannya)."
    )


def respons_bukti(b: BuktiDukung):
    """The file of a bukti (its stored type; PDF and images inline, the rest as a download) or a redirect to
    its link. The caller has checked that the user may read it."""
    if b.tautan:
        return HttpResponseRedirect(b.tautan)
    jenis = unggah.jenis_tersimpan(b.tipe)
    try:
        berkas = b.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas bukti tidak ditemukan di penyimpanan.") from None
    response = FileResponse(
        berkas,
        as_attachment=not (jenis and jenis.tampil_langsung),
        filename=b.nama_berkas or "bukti",
        content_type=b.tipe or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def bukti_unduh(request, pk):
    b = bukti_untuk(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return respons_bukti(b)


urlpatterns = [
    path("catatan/", catatan_harian, name="catatan_harian"),
    path("catatan/<int:pk>/ubah/", catatan_harian_ubah, name="catatan_harian_ubah"),
    path("catatan/<int:pk>/hapus/", catatan_harian_hapus, name="catatan_harian_hapus"),
    path("skp/<int:pk>/realisasi/", realisasi_skp, name="realisasi_skp"),
    path("iki/<int:pk>/realisasi/", realisasi_catat, name="realisasi_catat"),
    path("iki/<int:pk>/tarik-catatan/", realisasi_tarik_catatan, name="realisasi_tarik_catatan"),
    path("realisasi/<int:pk>/riwayat/", realisasi_riwayat, name="realisasi_riwayat"),
    path("realisasi/<int:pk>/bukti/", bukti_tambah, name="bukti_tambah"),
    path("bukti/<int:pk>/", bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/hapus/", bukti_hapus, name="bukti_hapus"),
]
