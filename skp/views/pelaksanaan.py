"""After the SKP is set: the 12-month timeline (the Pegawai writes and submits it, the Penilai approves or
returns it) and the rencana aksi of each RHK with its Format B.1.1 (issued and signed by the Penilai); the
manual indikator (Format A.1.3) of a JPT's IKI; and the printed formats A.1.3, A.1.5 and B.1.1.

One page (`skp_pelaksanaan`) shows the timeline and the rencana aksi; its forms post to the action views,
which redirect back to it, or answer the page again with status 400, the errors and the input kept. The
services decide who may do what (PermissionDenied: 403); another Pemda's rows are 404 (the loaders).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from dokumen import selectors as dokumen_selectors
from kinerja.models import PengaturanPemda

from .. import documents, services, waktu
from ..forms import (
    BULAN,
    CatatanTimelineForm,
    KegiatanForm,
    ManualIndikatorForm,
    PasswordForm,
    RencanaAksiForm,
)
from ..models import JenisSkp, KegiatanTimeline, RencanaAksi, StatusSkp, StatusTimeline
from ..permissions import peran_penilai
from ..selectors import kewajiban_pelaksanaan, skp_lengkap
from ._bantu import _cek_lihat, iki_untuk, jalankan, rhk_untuk, skp_untuk

TIMELINE_DAPAT_DIUBAH = (StatusTimeline.DRAFT, StatusTimeline.DIKEMBALIKAN)


def kegiatan_untuk(user, pk) -> KegiatanTimeline:
    k = KegiatanTimeline.objects.select_related("timeline").filter(pk=pk).first()
    if k is None:
        raise Http404("Kegiatan tidak ditemukan.")
    _cek_lihat(user, k.timeline.skp_id)
    return k


def rencana_aksi_untuk(user, pk) -> RencanaAksi:
    aksi = RencanaAksi.objects.select_related("rhk").filter(pk=pk).first()
    if aksi is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    _cek_lihat(user, aksi.rhk.skp_id)
    return aksi


def ke_pelaksanaan(skp_id: int, jangkar: str = ""):
    url = reverse("skp_pelaksanaan", kwargs={"pk": skp_id})
    return redirect(f"{url}#{jangkar}" if jangkar else url)


def _kegiatan_awal(k: KegiatanTimeline) -> dict:
    return {
        "kegiatan": k.kegiatan,
        "rhk": k.rhk_id,
        "durasi": k.durasi,
        "satuan_durasi": k.satuan_durasi,
        "bulan": list(k.bulan),
        "tipe_aktivitas": k.tipe_aktivitas,
        "pola_penugasan": k.pola_penugasan,
    }


def konteks_pelaksanaan(request, skp_id: int, bound: dict | None = None) -> dict:
    bound = bound or {}
    user = request.user
    pengaturan = PengaturanPemda.objects.filter(pemda_id=request.pemda_id).first()
    lengkap = skp_lengkap(skp_id, pengaturan)
    skp = lengkap.skp
    tanggal = waktu.hari_ini(skp.pemda_id)
    milik = user.pegawai_id is not None and user.pegawai_id == skp.pegawai_id
    berlaku = skp.status != StatusSkp.DIGANTIKAN
    peran = None
    if not milik and berlaku:
        peran = peran_penilai(
            skp, user, hari_ini=tanggal, bulan_batas=pengaturan.batas_penetapan_skp_bulan if pengaturan else 1
        )
    timeline = lengkap.timeline
    status_timeline = timeline.status if timeline else StatusTimeline.DRAFT
    timeline_ubah = milik and berlaku and status_timeline in TIMELINE_DAPAT_DIUBAH
    rencana_ubah = milik and berlaku
    kegiatan = list(timeline.kegiatan.all()) if timeline else []
    awal, akhir = skp.periode_mulai.month, skp.periode_selesai.month
    bulan = [(n, label, awal <= n <= akhir) for n, label in BULAN]
    rhk_teks = {r.pk: r.teks for r in lengkap.rhk}
    for k in kegiatan:
        k.sel = [n in k.bulan for n, _, _ in bulan]
        k.rhk_teks = rhk_teks.get(k.rhk_id, "")
        if timeline_ubah:
            k.f_ubah = bound.get(f"kegiatan_{k.pk}") or KegiatanForm(
                prefix=f"keg{k.pk}", rhk=lengkap.rhk, initial=_kegiatan_awal(k)
            )
    for rhk in lengkap.rhk:
        rhk.daftar_aksi = list(rhk.rencana_aksi.all())
        if rencana_ubah:
            rhk.f_aksi_baru = bound.get(f"aksi_baru_{rhk.pk}") or RencanaAksiForm(prefix=f"aksibaru{rhk.pk}")
            for a in rhk.daftar_aksi:
                a.f_ubah = bound.get(f"aksi_{a.pk}") or RencanaAksiForm(
                    prefix=f"aksi{a.pk}", initial={"teks": a.teks}
                )
    b11 = dokumen_selectors.dokumen_berlaku(skp, "B.1.1")
    ctx = {
        "skp": skp,
        "lengkap": lengkap,
        "pengaturan": pengaturan,
        "kewajiban": kewajiban_pelaksanaan(lengkap, pengaturan),
        "milik": milik,
        "peran": peran,
        "ditetapkan": skp.status == StatusSkp.DITETAPKAN,
        "timeline": timeline,
        "status_timeline": status_timeline,
        "kegiatan": kegiatan,
        "bulan": bulan,
        "timeline_ubah": timeline_ubah,
        "rencana_ubah": rencana_ubah,
        "jpt": skp.jenis == JenisSkp.JPT,
        "b11": b11,
        "galat": bound.get("galat", []),
    }
    if timeline_ubah:
        ctx["f_kegiatan_baru"] = bound.get("kegiatan_baru") or KegiatanForm(prefix="kegbaru", rhk=lengkap.rhk)
    if peran is not None:
        ctx["f_catatan"] = bound.get("catatan") or CatatanTimelineForm(prefix="catatan")
        ctx["f_ttd_b11"] = bound.get("ttd_b11") or PasswordForm(prefix="ttdb11")
    return ctx


def render_pelaksanaan(request, skp_id: int, bound: dict | None = None, *, status=200):
    return render(request, "skp/pelaksanaan.html", konteks_pelaksanaan(request, skp_id, bound), status=status)


@login_required
def skp_pelaksanaan(request, pk):
    skp = skp_untuk(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render_pelaksanaan(request, skp.pk)


def _gagal(request, skp_id, bound, pesan):
    messages.error(request, pesan)
    return render_pelaksanaan(request, skp_id, bound, status=400)


def _galat(request, skp_id, exc: ValidationError, pesan):
    return _gagal(request, skp_id, {"galat": list(exc.messages)}, pesan)


# Timeline --------------------------------------------------------------------------------------------------
def _rhk_pilihan(skp, rhk_id):
    if rhk_id is None:
        return None
    return skp.rhk.filter(pk=rhk_id).first()


@login_required
@require_POST
def kegiatan_tambah(request, pk):
    skp = skp_untuk(request.user, pk)
    form = KegiatanForm(request.POST, prefix="kegbaru", rhk=list(skp.rhk.all()))
    ok, _ = jalankan(
        form,
        lambda d: services.timeline_kegiatan_tambah(
            skp=skp,
            kegiatan=d["kegiatan"],
            durasi=d["durasi"],
            satuan_durasi=d["satuan_durasi"],
            bulan=d["bulan"],
            tipe_aktivitas=d["tipe_aktivitas"],
            pola_penugasan=d["pola_penugasan"],
            rhk=_rhk_pilihan(skp, d["rhk"]),
            by=request.user,
        ),
    )
    if ok:
        messages.success(request, "Kegiatan ditambahkan pada timeline.")
        return ke_pelaksanaan(skp.pk, "timeline")
    return _gagal(request, skp.pk, {"kegiatan_baru": form}, "Kegiatan belum ditambahkan.")


@login_required
@require_POST
def kegiatan_ubah(request, pk):
    k = kegiatan_untuk(request.user, pk)
    skp = skp_untuk(request.user, k.timeline.skp_id)
    form = KegiatanForm(request.POST, prefix=f"keg{k.pk}", rhk=list(skp.rhk.all()))
    ok, _ = jalankan(
        form,
        lambda d: services.timeline_kegiatan_ubah(
            kegiatan=k,
            uraian=d["kegiatan"],
            durasi=d["durasi"],
            satuan_durasi=d["satuan_durasi"],
            bulan=d["bulan"],
            tipe_aktivitas=d["tipe_aktivitas"],
            pola_penugasan=d["pola_penugasan"],
            rhk=_rhk_pilihan(skp, d["rhk"]),
            by=request.user,
        ),
    )
    if ok:
        messages.success(request, "Kegiatan diperbarui.")
        return ke_pelaksanaan(skp.pk, f"kegiatan-{k.pk}")
    return _gagal(request, skp.pk, {f"kegiatan_{k.pk}": form}, "Kegiatan belum diperbarui.")


@login_required
@require_POST
def kegiatan_hapus(request, pk):
    k = kegiatan_untuk(request.user, pk)
    skp_id = k.timeline.skp_id
    try:
        services.timeline_kegiatan_hapus(kegiatan=k, by=request.user)
    except ValidationError as exc:
        return _galat(request, skp_id, exc, "Kegiatan belum dihapus.")
    messages.success(request, "Kegiatan dihapus dari timeline.")
    return ke_pelaksanaan(skp_id, "timeline")


@login_required
@require_POST
def timeline_ajukan(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        services.timeline_ajukan(skp=skp, by=request.user)
    except ValidationError as exc:
        return _galat(request, skp.pk, exc, "Timeline belum diajukan.")
    messages.success(request, "Timeline diajukan kepada Penilai.")
    return ke_pelaksanaan(skp.pk, "timeline")


@login_required
@require_POST
def timeline_setujui(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        services.timeline_setujui(skp=skp, by=request.user)
    except ValidationError as exc:
        return _galat(request, skp.pk, exc, "Timeline belum disetujui.")
    messages.success(request, "Timeline disetujui.")
    return ke_pelaksanaan(skp.pk, "timeline")


@login_required
@require_POST
def timeline_kembalikan(request, pk):
    skp = skp_untuk(request.user, pk)
    form = CatatanTimelineForm(request.POST, prefix="catatan")
    ok, _ = jalankan(
        form, lambda d: services.timeline_kembalikan(skp=skp, by=request.user, catatan=d["catatan"])
    )
    if ok:
        messages.success(request, "Timeline dikembalikan kepada Pegawai dengan catatan.")
        return ke_pelaksanaan(skp.pk, "timeline")
    return _gagal(request, skp.pk, {"catatan": form}, "Timeline belum dikembalikan.")


# Rencana aksi ----------------------------------------------------------------------------------------------
@login_required
@require_POST
def rencana_aksi_tambah(request, pk):
    rhk = rhk_untuk(request.user, pk)
    form = RencanaAksiForm(request.POST, prefix=f"aksibaru{rhk.pk}")
    ok, _ = jalankan(form, lambda d: services.rencana_aksi_tambah(rhk=rhk, teks=d["teks"], by=request.user))
    if ok:
        messages.success(request, "Rencana aksi ditambahkan.")
        return ke_pelaksanaan(rhk.skp_id, f"aksi-rhk-{rhk.pk}")
    return _gagal(request, rhk.skp_id, {f"aksi_baru_{rhk.pk}": form}, "Rencana aksi belum ditambahkan.")


@login_required
@require_POST
def rencana_aksi_ubah(request, pk):
    aksi = rencana_aksi_untuk(request.user, pk)
    form = RencanaAksiForm(request.POST, prefix=f"aksi{aksi.pk}")
    ok, _ = jalankan(
        form, lambda d: services.rencana_aksi_ubah(rencana_aksi=aksi, teks=d["teks"], by=request.user)
    )
    if ok:
        messages.success(request, "Rencana aksi diperbarui.")
        return ke_pelaksanaan(aksi.rhk.skp_id, f"aksi-rhk-{aksi.rhk_id}")
    return _gagal(request, aksi.rhk.skp_id, {f"aksi_{aksi.pk}": form}, "Rencana aksi belum diperbarui.")


@login_required
@require_POST
def rencana_aksi_hapus(request, pk):
    aksi = rencana_aksi_untuk(request.user, pk)
    skp_id, rhk_id = aksi.rhk.skp_id, aksi.rhk_id
    try:
        services.rencana_aksi_hapus(rencana_aksi=aksi, by=request.user)
    except ValidationError as exc:
        return _galat(request, skp_id, exc, "Rencana aksi belum dihapus.")
    messages.success(request, "Rencana aksi dihapus.")
    return ke_pelaksanaan(skp_id, f"aksi-rhk-{rhk_id}")


@login_required
@require_POST
def rencana_aksi_terbitkan(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        documents.rencana_aksi_terbitkan(skp, by=request.user)
    except ValidationError as exc:
        return _galat(request, skp.pk, exc, "Format B.1.1 belum diterbitkan.")
    messages.success(request, "Format B.1.1 diterbitkan. Tanda tangani dengan kata sandi Anda.")
    return ke_pelaksanaan(skp.pk, "b11")


@login_required
@require_POST
def rencana_aksi_tanda_tangan(request, pk):
    skp = skp_untuk(request.user, pk)
    form = PasswordForm(request.POST, prefix="ttdb11")
    ok, _ = jalankan(
        form,
        lambda d: documents.rencana_aksi_tanda_tangani(skp, by=request.user, password=d["password"]),
    )
    if ok:
        messages.success(request, "Format B.1.1 Anda tandatangani.")
        return ke_pelaksanaan(skp.pk, "b11")
    return _gagal(request, skp.pk, {"ttd_b11": form}, "Format B.1.1 belum ditandatangani.")


# Manual indikator (A.1.3) -----------------------------------------------------------------------------------
@login_required
def manual_indikator(request, pk):
    iki = iki_untuk(request.user, pk)
    skp = skp_untuk(request.user, iki.rhk.skp_id)
    manual = iki.manual.first()
    awal = {}
    if manual is not None:
        awal = {f: getattr(manual, f) for f in ManualIndikatorForm.base_fields}
    form = ManualIndikatorForm(request.POST or None, initial=awal)
    status = 200
    if request.method == "POST":
        ok, _ = jalankan(form, lambda d: services.manual_indikator_simpan(iki=iki, by=request.user, **d))
        if ok:
            messages.success(request, "Manual indikator kinerja disimpan.")
            url = reverse("skp_detail", kwargs={"pk": skp.pk})
            return redirect(f"{url}#iki-{iki.pk}")
        status = 400
    milik = request.user.pegawai_id is not None and request.user.pegawai_id == skp.pegawai_id
    return render(
        request,
        "skp/manual_indikator.html",
        {
            "skp": skp,
            "iki": iki,
            "form": form,
            "manual": manual,
            "bisa_ubah": milik and skp.dapat_diubah and skp.jenis == JenisSkp.JPT,
        },
        status=status,
    )


# Printed formats -------------------------------------------------------------------------------------------
def _pdf(request, pk, buat, kode: str):
    skp = skp_untuk(request.user, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        pdf = buat(skp, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("skp_detail", pk=skp.pk)
    nama = slugify(f"{kode} skp {skp.tahun} {skp.pegawai.nama_lengkap}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}.pdf"'
    return response


@login_required
def cetak_rencana_aksi(request, pk):
    return _pdf(request, pk, documents.pdf_rencana_aksi, "B.1.1")


@login_required
def cetak_manual_indikator(request, pk):
    return _pdf(request, pk, documents.pdf_manual_indikator, "A.1.3")


@login_required
def cetak_matriks(request, pk):
    return _pdf(request, pk, documents.pdf_matriks_peran_hasil, "A.1.5")
