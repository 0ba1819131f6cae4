"""Pages of pembinaan kinerja: the pembinaan page of an SKP (bimbingan, B.1.10 reports, the konseling the user
may read), a bimbingan with each party's parts of its format (B.1.6/B.1.7, journal, B.1.8, B.1.9), a B.1.10
report, BKPSDM's list of reports, and a konseling record.

Loading: another Pemda's row, or one not hers to read, is a 404 (the `get_*_for_user` helpers). Acting: the
service decides; its PermissionDenied answers the page again with the reason and status 403, its
ValidationError with the reason and status 400, the input kept.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kinerja.models import Pegawai
from kinerja.permissions import is_admin_bkpsdm
from skp.models import StatusSkp
from skp.permissions import get_skp_for_user

from .. import isian as isian_mod
from ..forms_pembinaan import (
    BimbinganBuatForm,
    JurnalForm,
    KonselingBuatForm,
    KonselingIsiForm,
    LaporanPerilakuForm,
    baris_dari_post,
)
from ..models import EvaluasiKompetensi, JenisBimbingan, JenisKonselor, LaporanPerilaku, UmpanBalikBimbingan
from ..permissions import (
    adalah_pemilik,
    adalah_pimpinan,
    get_bimbingan_for_user,
    get_laporan_perilaku_for_user,
    laporan_perilaku_visible_to,
)
from ..selectors.pembinaan import get_konseling_for_user, konseling_visible_to
from ..selectors.pembinaan import pembinaan_skp as pembinaan_isi_skp
from ..services import pembinaan as services

User = get_user_model()
BARIS_KOSONG = 2  # empty rows offered under the filled ones


def _status_galat(exc) -> int:
    return 403 if isinstance(exc, PermissionDenied) else 400


def _pesan(exc) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc) or "Anda tidak berhak melakukan ini."]


# ---- pembinaan page of an SKP -------------------------------------------------------------------------------


def _pegawai_penugasan(skp):
    return (
        Pegawai.objects.filter(akun__is_active=True)
        .exclude(pk=skp.pegawai_id)
        .order_by("nama")
        .select_related(None)
    )


def _konselor_qs(request, skp):
    if is_admin_bkpsdm(request.user):
        return User.objects.filter(pemda_id=skp.pemda_id, is_active=True).exclude(pegawai_id=skp.pegawai_id)
    return User.objects.filter(pk=request.user.pk)


def _halaman_skp(request, skp, *, bound=None, galat=None, status=200):
    bound = bound or {}
    user = request.user
    pimpinan = adalah_pimpinan(skp, user)
    admin = is_admin_bkpsdm(user)
    berjalan = skp.status == StatusSkp.DITETAPKAN
    # She reads the SKP (get_skp_for_user), hence its bimbingan and reports; konseling only where granted.
    isi = pembinaan_isi_skp(skp, user)
    ctx = {
        "skp": skp,
        "pimpinan": pimpinan,
        "admin": admin,
        "milik": adalah_pemilik(skp, user),
        "berjalan": berjalan,
        "galat": galat or [],
        **isi,
    }
    if berjalan and pimpinan:
        ctx["f_bimbingan"] = bound.get("bimbingan") or BimbinganBuatForm(pegawai_qs=_pegawai_penugasan(skp))
        ctx["f_laporan"] = bound.get("laporan") or LaporanPerilakuForm()
    if berjalan and (pimpinan or admin):
        ctx["f_konseling"] = bound.get("konseling") or KonselingBuatForm(
            konselor_qs=_konselor_qs(request, skp),
            laporan_qs=LaporanPerilaku.objects.filter(skp=skp),
            initial={"jenis_konselor": JenisKonselor.PENILAI if not admin else JenisKonselor.INDEPENDEN},
        )
    return render(request, "umpanbalik/pembinaan.html", ctx, status=status)


@login_required
def pembinaan_skp(request, pk):
    skp = get_skp_for_user(request.user, pk)
    return _halaman_skp(request, skp)


@login_required
@require_POST
def bimbingan_buat(request, pk):
    skp = get_skp_for_user(request.user, pk)
    form = BimbinganBuatForm(request.POST, pegawai_qs=_pegawai_penugasan(skp))
    if not form.is_valid():
        return _halaman_skp(
            request, skp, bound={"bimbingan": form}, galat=["Periksa isian bimbingan."], status=400
        )
    try:
        b = services.bimbingan_buat(skp=skp, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_skp(
            request, skp, bound={"bimbingan": form}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, f"{b.get_jenis_display()} dijadwalkan {b.tanggal:%d-%m-%Y}.")
    return redirect("bimbingan_detail", pk=b.pk)


@login_required
@require_POST
def laporan_perilaku_buat(request, pk):
    skp = get_skp_for_user(request.user, pk)
    form = LaporanPerilakuForm(request.POST)
    if not form.is_valid():
        return _halaman_skp(
            request, skp, bound={"laporan": form}, galat=["Periksa isian laporan."], status=400
        )
    try:
        lap = services.laporan_perilaku_buat(skp=skp, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_skp(
            request, skp, bound={"laporan": form}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, "Laporan permasalahan perilaku kerja disampaikan kepada BKPSDM.")
    return redirect("laporan_perilaku_detail", pk=lap.pk)


@login_required
@require_POST
def konseling_buat(request, pk):
    skp = get_skp_for_user(request.user, pk)
    form = KonselingBuatForm(
        request.POST,
        konselor_qs=_konselor_qs(request, skp),
        laporan_qs=LaporanPerilaku.objects.filter(skp=skp),
    )
    if not form.is_valid():
        return _halaman_skp(
            request, skp, bound={"konseling": form}, galat=["Periksa isian konseling."], status=400
        )
    data = dict(form.cleaned_data)
    if data["konselor"] is None and data["jenis_konselor"] == JenisKonselor.PENILAI:
        data["konselor"] = request.user
    try:
        k = services.konseling_buat(skp=skp, by=request.user, **data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_skp(
            request, skp, bound={"konseling": form}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, f"Konseling dijadwalkan {k.tanggal:%d-%m-%Y}.")
    if konseling_visible_to(request.user).filter(pk=k.pk).exists():
        return redirect("konseling_detail", pk=k.pk)
    # A BKPSDM admin who set a konseling by the Penilai or a counselling official does not read it.
    return redirect("pembinaan_skp", pk=skp.pk)


# ---- bimbingan ---------------------------------------------------------------------------------------------


def _baris(daftar, kosong: dict, n_kosong=BARIS_KOSONG):
    return list(daftar or []) + [dict(kosong) for _ in range(n_kosong)]


def _halaman_bimbingan(request, b, *, bound=None, galat=None, status=200):
    bound = bound or {}
    user = request.user
    isian = dict(b.isian or {})
    isian.update(bound.get("isian", {}))
    pegawai = adalah_pemilik(b.skp, user)
    pembina = services.adalah_pembina(b, user)
    bagian = isian_mod.BAGIAN.get(b.jenis, {})
    ub = UmpanBalikBimbingan.objects.filter(bimbingan=b).first()
    ev = EvaluasiKompetensi.objects.filter(bimbingan=b).first()
    jawaban = (ub.jawaban if ub else bound.get("jawaban")) or {}
    kriteria = [
        (subjek, [(n, teks, jawaban.get(str(n), {})) for n, teks in baris])
        for subjek, baris in isian_mod.KRITERIA_B18
    ]
    nilai_ev = {(r["kelompok"], r["kompetensi"]): r for r in (ev.nilai if ev else bound.get("nilai", []))}
    kompetensi = [
        (i, kel, isian_mod.KELOMPOK_KOMPETENSI[kel], nama, nilai_ev.get((kel, nama), {}))
        for i, (kel, nama) in enumerate(isian_mod.KOMPETENSI_TETAP)
    ]
    teknis = [
        r for r in (ev.nilai if ev else bound.get("nilai", [])) if r.get("kelompok") == isian_mod.TEKNIS
    ]
    ctx = {
        "b": b,
        "skp": b.skp,
        "isian": isian,
        "galat": galat or [],
        "iki": services.iki_skp(b.skp),
        "ubah_pegawai": pegawai and isian_mod.PEGAWAI in bagian,
        "ubah_pembina": pembina and isian_mod.PEMBINA in bagian,
        "pegawai": pegawai,
        "pembina": pembina,
        "coaching": b.jenis == JenisBimbingan.COACHING,
        "mentoring": b.jenis == JenisBimbingan.MENTORING,
        "perlu_revisi": isian_mod.perlu_perubahan_skp(isian),
        "baris_tujuan": _baris(isian.get("tujuan") if isinstance(isian.get("tujuan"), list) else [], {}),
        "baris_fakta": _baris(isian.get("fakta"), {}),
        "baris_langkah": _baris(isian.get("langkah"), {}),
        "baris_rencana": _baris(isian.get("rencana"), {}),
        "jurnal": list(b.jurnal.all()),
        "f_jurnal": bound.get("jurnal") or JurnalForm(),
        "ub": ub,
        "ev": ev,
        "kriteria": kriteria,
        "pilihan_jawaban": isian_mod.PILIHAN_JAWABAN,
        "kompetensi": kompetensi,
        "teknis": _baris(teknis, {}, 2),
        "skala": sorted(isian_mod.SKALA.items()),
        "rekomendasi": ev.rekomendasi if ev else bound.get("rekomendasi", ""),
        "judul": isian_mod.JUDUL_COACHING
        if b.jenis == JenisBimbingan.COACHING
        else isian_mod.JUDUL_MENTORING,
        "catatan_penyesuaian": isian_mod.CATATAN_PENYESUAIAN,
        "boleh_jurnal": b.jenis == JenisBimbingan.MENTORING and (pegawai or pembina),
    }
    return render(request, "umpanbalik/bimbingan.html", ctx, status=status)


@login_required
def bimbingan_detail(request, pk):
    b = get_bimbingan_for_user(request.user, pk)
    return _halaman_bimbingan(request, b)


def _data_bagian(post, jenis, bagian) -> dict:
    if jenis == JenisBimbingan.COACHING and bagian == isian_mod.PEGAWAI:
        return {
            "tujuan": baris_dari_post(post, "tujuan", ("iki", *list(isian_mod.KOLOM_TUJUAN)[1:])),
            "fakta": baris_dari_post(post, "fakta", ("iki", *isian_mod.KOLOM_FAKTA)),
            "peluang": post.get("peluang", ""),
        }
    if jenis == JenisBimbingan.COACHING:
        return {"langkah": baris_dari_post(post, "langkah", isian_mod.KOLOM_LANGKAH)}
    if jenis == JenisBimbingan.MENTORING:
        return {
            "tujuan": post.get("tujuan", ""),
            "rencana": baris_dari_post(post, "rencana", isian_mod.KOLOM_RENCANA),
        }
    return {"uraian": post.get("uraian", "")}


@login_required
@require_POST
def bimbingan_isi(request, pk):
    b = get_bimbingan_for_user(request.user, pk)
    bagian = request.POST.get("bagian", "")
    data = _data_bagian(request.POST, b.jenis, bagian)
    try:
        services.bimbingan_isi(bimbingan=b, by=request.user, bagian=bagian, data=data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_bimbingan(
            request, b, bound={"isian": data}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, "Isian bimbingan disimpan.")
    return redirect(reverse("bimbingan_detail", kwargs={"pk": b.pk}) + f"#bagian-{bagian}")


@login_required
@require_POST
def bimbingan_jurnal(request, pk):
    b = get_bimbingan_for_user(request.user, pk)
    form = JurnalForm(request.POST)
    if not form.is_valid():
        return _halaman_bimbingan(
            request, b, bound={"jurnal": form}, galat=["Periksa isian jurnal."], status=400
        )
    try:
        services.jurnal_mentoring_tambah(bimbingan=b, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_bimbingan(
            request, b, bound={"jurnal": form}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, "Jurnal mentoring ditambahkan.")
    return redirect(reverse("bimbingan_detail", kwargs={"pk": b.pk}) + "#jurnal")


@login_required
@require_POST
def bimbingan_umpan_balik(request, pk):
    b = get_bimbingan_for_user(request.user, pk)
    jawaban = {
        str(n): {
            "jawaban": request.POST.get(f"jawaban-{n}", ""),
            "catatan": request.POST.get(f"catatan-{n}", ""),
        }
        for n in isian_mod.KRITERIA
    }
    try:
        services.umpan_balik_bimbingan_isi(bimbingan=b, by=request.user, jawaban=jawaban)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_bimbingan(
            request, b, bound={"jawaban": jawaban}, galat=_pesan(exc), status=_status_galat(exc)
        )
    messages.success(request, "Umpan balik pelaksanaan bimbingan (B.1.8) disimpan.")
    return redirect(reverse("bimbingan_detail", kwargs={"pk": b.pk}) + "#b18")


@login_required
@require_POST
def bimbingan_evaluasi(request, pk):
    b = get_bimbingan_for_user(request.user, pk)
    post = request.POST
    nilai = [
        {
            "kelompok": kel,
            "kompetensi": nama,
            "nilai": post.get(f"nilai-{i}", ""),
            "alasan": post.get(f"alasan-{i}", ""),
        }
        for i, (kel, nama) in enumerate(isian_mod.KOMPETENSI_TETAP)
    ]
    nilai += [
        {"kelompok": isian_mod.TEKNIS, **r}
        for r in baris_dari_post(post, "teknis", ("kompetensi", "nilai", "alasan"))
    ]
    rekomendasi = post.get("rekomendasi", "")
    try:
        services.evaluasi_kompetensi_isi(bimbingan=b, by=request.user, nilai=nilai, rekomendasi=rekomendasi)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_bimbingan(
            request,
            b,
            bound={"nilai": nilai, "rekomendasi": rekomendasi},
            galat=_pesan(exc),
            status=_status_galat(exc),
        )
    messages.success(request, "Evaluasi kompetensi (B.1.9) disimpan.")
    return redirect(reverse("bimbingan_detail", kwargs={"pk": b.pk}) + "#b19")


# ---- B.1.10 ---------------------------------------------------------------------------------------------


@login_required
def laporan_perilaku_daftar(request):
    """BKPSDM's list of the reports of its Pemda (others see the reports they may read)."""
    laporan = list(
        laporan_perilaku_visible_to(request.user)
        .select_related("skp__pegawai", "pelapor__pegawai")
        .order_by("-tanggal", "-id")[:500]
    )
    return render(
        request,
        "umpanbalik/laporan_perilaku_daftar.html",
        {"laporan": laporan, "admin": is_admin_bkpsdm(request.user)},
    )


@login_required
def laporan_perilaku_detail(request, pk):
    lap = get_laporan_perilaku_for_user(request.user, pk)
    skp = lap.skp
    boleh_konseling = skp.status == StatusSkp.DITETAPKAN and (
        is_admin_bkpsdm(request.user) or adalah_pimpinan(skp, request.user)
    )
    return render(
        request,
        "umpanbalik/laporan_perilaku.html",
        {"lap": lap, "skp": skp, "boleh_konseling": boleh_konseling},
    )


# ---- konseling ------------------------------------------------------------------------------------------


def _halaman_konseling(request, k, *, form=None, galat=None, status=200):
    konselor = request.user.pk == k.konselor_id
    ctx = {
        "k": k,
        "skp": k.skp,
        "konselor": konselor,
        "akses": list(k.akses.select_related("user__pegawai").order_by("id")),
        "galat": galat or [],
    }
    if konselor:
        ctx["f_isi"] = form or KonselingIsiForm(
            initial={"rekaman": k.rekaman, "tindak_lanjut": k.tindak_lanjut}
        )
    return render(request, "umpanbalik/konseling.html", ctx, status=status)


@login_required
def konseling_detail(request, pk):
    k = get_konseling_for_user(request.user, pk)
    return _halaman_konseling(request, k)


@login_required
@require_POST
def konseling_isi(request, pk):
    k = get_konseling_for_user(request.user, pk)
    form = KonselingIsiForm(request.POST)
    if not form.is_valid():
        if request.user.pk != k.konselor_id:
            return _halaman_konseling(
                request, k, galat=["Rekaman hasil konseling diisi oleh konselor."], status=403
            )
        return _halaman_konseling(request, k, form=form, galat=["Periksa isian rekaman."], status=400)
    try:
        services.konseling_isi(konseling=k, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        return _halaman_konseling(
            request,
            k,
            form=form if request.user.pk == k.konselor_id else None,
            galat=_pesan(exc),
            status=_status_galat(exc),
        )
    messages.success(request, "Rekaman hasil konseling disimpan.")
    return redirect("konseling_detail", pk=k.pk)


urlpatterns = [
    path("skp/<int:pk>/pembinaan/", pembinaan_skp, name="pembinaan_skp"),
    path("skp/<int:pk>/pembinaan/bimbingan/", bimbingan_buat, name="pembinaan_bimbingan_buat"),
    path("skp/<int:pk>/pembinaan/laporan-perilaku/", laporan_perilaku_buat, name="pembinaan_laporan_buat"),
    path("skp/<int:pk>/pembinaan/konseling/", konseling_buat, name="pembinaan_konseling_buat"),
    path("bimbingan/<int:pk>/", bimbingan_detail, name="bimbingan_detail"),
    path("bimbingan/<int:pk>/isi/", bimbingan_isi, name="bimbingan_isi"),
    path("bimbingan/<int:pk>/jurnal/", bimbingan_jurnal, name="bimbingan_jurnal"),
    path("bimbingan/<int:pk>/umpan-balik-pegawai/", bimbingan_umpan_balik, name="bimbingan_umpan_balik"),
    path("bimbingan/<int:pk>/evaluasi-kompetensi/", bimbingan_evaluasi, name="bimbingan_evaluasi"),
    path("laporan-perilaku/", laporan_perilaku_daftar, name="laporan_perilaku_daftar"),
    path("laporan-perilaku/<int:pk>/", laporan_perilaku_detail, name="laporan_perilaku_detail"),
    path("konseling/<int:pk>/", konseling_detail, name="konseling_detail"),
    path("konseling/<int:pk>/isi/", konseling_isi, name="konseling_isi"),
]
