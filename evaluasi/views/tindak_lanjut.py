"""Pages of the tindak lanjut area of evaluasi (issue 5): pelaporan berjenjang, pemeringkatan, penghargaan, sanksi
and the TPP export.

Loading: another Pemda's row, or one not hers to see, is a 404 (evaluasi.permissions.get_evaluasi_for_user;
sanctions are BKPSDM's and the Kepala Daerah's). Acting: the service decides; PermissionDenied answers 403 with
the reason, ValidationError re-renders the page with the reason and status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kinerja.forms import attach_errors
from kinerja.models import UnitKerja
from kinerja.permissions import is_admin_bkpsdm, sees_all_pegawai

from .. import ekspor, jendela
from ..forms_tindak_lanjut import (
    EksporForm,
    LaporForm,
    PenghargaanForm,
    SanksiMulaiForm,
    SanksiSelesaiForm,
    UjiKompetensiForm,
)
from ..models import (
    Evaluasi,
    HasilSanksi,
    LaporanBerjenjang,
    Penghargaan,
    PeriodeEvaluasi,
    Predikat,
    Sanksi,
    StatusEvaluasi,
)
from ..permissions import evaluasi_visible_to, get_evaluasi_for_user
from ..selectors import peringkat as peringkat_sel
from ..selectors import sanksi as sanksi_sel
from ..services import tindak_lanjut as services
from ..services._umum import pengaturan_untuk

DITANDATANGANI = (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI)
HANYA_BKPSDM = "Hanya admin BKPSDM yang dapat membuka halaman ini."


def _pastikan_bkpsdm(user):
    if not is_admin_bkpsdm(user):
        raise PermissionDenied(HANYA_BKPSDM)


def _pesan(exc) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


def _id(nilai):
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return None


def _pengaturan(user):
    try:
        return pengaturan_untuk(user.pemda_id)
    except ValidationError:
        return None


# ---- pelaporan berjenjang ------------------------------------------------------------------------------------


def _laporan_milik(user):
    """Signed evaluations this user reports: hers as the evaluator who signed, or all for BKPSDM."""
    qs = Evaluasi.objects.filter(status__in=DITANDATANGANI)
    if is_admin_bkpsdm(user):
        return qs
    if not user.pegawai_id:
        return qs.none()
    me = user.pegawai_id
    return qs.filter(Q(oleh_atasan=False, penilai_id=me) | Q(oleh_atasan=True, atasan_penilai_id=me))


def _halaman_laporan(request, *, form=None, galat=None, status=200):
    user = request.user
    pengaturan = _pengaturan(user)
    periode_id = _id(request.GET.get("periode"))
    belum = (
        _laporan_milik(user)
        .filter(laporan__isnull=True)
        .select_related("pegawai", "periode")
        .order_by("-periode__tahun", "periode__jenis", "-periode__nomor", "pegawai__nama")
    )
    sudah = LaporanBerjenjang.objects.select_related(
        "evaluasi", "evaluasi__pegawai", "evaluasi__periode", "dilaporkan_oleh"
    )
    if not is_admin_bkpsdm(user):
        sudah = sudah.filter(evaluasi__in=_laporan_milik(user))
    if periode_id:
        belum, sudah = belum.filter(periode_id=periode_id), sudah.filter(evaluasi__periode_id=periode_id)
    belum, sudah = list(belum[:500]), list(sudah.order_by("-dilaporkan_pada")[:500])
    batas = {}
    for ev in [*belum, *(lap.evaluasi for lap in sudah)]:
        if pengaturan and ev.periode_id not in batas:
            batas[ev.periode_id] = jendela.batas_lapor(ev.periode, pengaturan)
    for ev in belum:
        ev.batas_lapor = batas.get(ev.periode_id)
    for lap in sudah:
        lap.batas_lapor = batas.get(lap.evaluasi.periode_id)
        lap.tepat_waktu = lap.batas_lapor is None or lap.dilaporkan_pada.date() <= lap.batas_lapor
    return render(
        request,
        "evaluasi/tindak_lanjut_laporan.html",
        {
            "belum": belum,
            "sudah": sudah,
            "form": form or LaporForm(),
            "galat": galat,
            "admin": is_admin_bkpsdm(user),
            "periode_list": PeriodeEvaluasi.objects.order_by("-tahun", "jenis", "-nomor")[:60],
            "periode_id": periode_id,
        },
        status=status,
    )


@login_required
def laporan(request):
    if request.method != "POST":
        return _halaman_laporan(request)
    form = LaporForm(request.POST)
    if not form.is_valid():
        return _halaman_laporan(request, form=form, status=400)
    ids = [i for i in (_id(v) for v in request.POST.getlist("evaluasi")) if i]
    if not ids:
        return _halaman_laporan(
            request, form=form, galat=["Pilih evaluasi yang akan dilaporkan."], status=400
        )
    evs = list(evaluasi_visible_to(request.user).filter(pk__in=ids).select_related("periode"))
    if len(evs) != len(set(ids)):
        raise Http404("Evaluasi tidak ditemukan.")
    berhasil, gagal = services.lapor_berjenjang_banyak(
        evaluasi_list=evs, by=request.user, **form.cleaned_data
    )
    if gagal:
        pesan = [f"{ev.pegawai.nama_lengkap} ({ev.periode.label}): {p}" for ev, p in gagal]
        if berhasil:
            pesan.insert(0, f"{len(berhasil)} evaluasi dilaporkan; yang berikut ditolak:")
        return _halaman_laporan(request, form=form, galat=pesan, status=400)
    messages.success(request, f"{len(berhasil)} evaluasi dilaporkan secara berjenjang.")
    return redirect("evaluasi_laporan")


@login_required
@require_POST
def laporkan(request, pk):
    ev = get_evaluasi_for_user(request.user, pk)
    form = LaporForm(request.POST)
    if not form.is_valid():
        return _halaman_laporan(request, form=form, status=400)
    try:
        services.lapor_berjenjang(evaluasi=ev, by=request.user, **form.cleaned_data)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        return _halaman_laporan(request, form=form, galat=_pesan(exc), status=400)
    messages.success(request, f"Evaluasi {ev.pegawai.nama_lengkap} ({ev.periode.label}) dilaporkan.")
    return redirect("evaluasi_laporan")


# ---- pemeringkatan -------------------------------------------------------------------------------------------


@login_required
def peringkat(request):
    user = request.user
    periode, unit, hasil = peringkat_sel.peringkat_untuk(
        user, _id(request.GET.get("periode")), _id(request.GET.get("unit"))
    )
    return render(
        request,
        "evaluasi/tindak_lanjut_peringkat.html",
        {
            "periode": periode,
            "unit": unit,
            "hasil": hasil,
            "semua": sees_all_pegawai(user),
            "periode_list": PeriodeEvaluasi.objects.order_by("-tahun", "jenis", "-nomor")[:60],
            "unit_list": UnitKerja.objects.filter(aktif=True).only("pk", "nama", "depth").order_by("path")
            if sees_all_pegawai(user)
            else [],
        },
    )


# ---- penghargaan ---------------------------------------------------------------------------------------------


def calon_penghargaan():
    """Sangat Baik of the latest annual period with a signed result (lampiran Penghargaan: prioritas)."""
    periode = (
        PeriodeEvaluasi.objects.filter(jenis="tahunan", evaluasi__status__in=DITANDATANGANI)
        .order_by("-tahun")
        .first()
    )
    if periode is None:
        return None, []
    calon = (
        Evaluasi.objects.filter(periode=periode, status__in=DITANDATANGANI, predikat=Predikat.SANGAT_BAIK)
        .select_related("pegawai", "unit", "periode")
        .prefetch_related("penghargaan")
        .order_by("pegawai__nama", "pk")
    )
    return periode, list(calon)


@login_required
def penghargaan(request):
    _pastikan_bkpsdm(request.user)
    periode, calon = calon_penghargaan()
    return render(
        request,
        "evaluasi/tindak_lanjut_penghargaan.html",
        {
            "periode": periode,
            "calon": calon,
            "tercatat": Penghargaan.objects.select_related(
                "pegawai", "evaluasi", "evaluasi__periode", "dicatat_oleh"
            ).order_by("-dicatat_pada")[:500],
        },
    )


@login_required
def penghargaan_catat(request, pk):
    ev = get_evaluasi_for_user(request.user, pk)
    _pastikan_bkpsdm(request.user)
    form = PenghargaanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.catat_penghargaan(evaluasi=ev, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, f"Penghargaan untuk {ev.pegawai.nama_lengkap} dicatat.")
                return redirect("evaluasi_penghargaan")
        status = 400
    return render(
        request,
        "evaluasi/tindak_lanjut_penghargaan_catat.html",
        {"ev": ev, "form": form, "tercatat": ev.penghargaan.all()},
        status=status,
    )


# ---- sanksi --------------------------------------------------------------------------------------------------


def get_sanksi_for_user(user, pk) -> Sanksi:
    if not sees_all_pegawai(user):
        raise Http404("Sanksi tidak ditemukan.")
    sanksi = sanksi_sel.sanksi_daftar().filter(pk=_id(pk) or 0).first()
    if sanksi is None:
        raise Http404("Sanksi tidak ditemukan.")
    return sanksi


@login_required
def sanksi(request):
    _pastikan_bkpsdm(request.user)
    pengaturan = _pengaturan(request.user)
    periode_list = list(PeriodeEvaluasi.objects.filter(jenis="tahunan").order_by("-tahun"))
    periode_id = _id(request.GET.get("periode"))
    periode = next((p for p in periode_list if p.pk == periode_id), periode_list[0] if periode_list else None)
    return render(
        request,
        "evaluasi/tindak_lanjut_sanksi.html",
        {
            "periode": periode,
            "periode_list": periode_list,
            "aturan": sanksi_sel.aturan_pemda(pengaturan),
            "calon": sanksi_sel.calon_sanksi(periode, pengaturan) if periode else [],
            "sanksi_list": sanksi_sel.sanksi_daftar()[:500],
        },
    )


@login_required
def sanksi_mulai(request, pk):
    ev = get_evaluasi_for_user(request.user, pk)
    _pastikan_bkpsdm(request.user)
    aturan = sanksi_sel.aturan_pemda(_pengaturan(request.user))
    form = SanksiMulaiForm(request.POST or None, aturan=aturan)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                s = services.mulai_sanksi(
                    evaluasi=ev,
                    aturan_kode=form.cleaned_data.get("aturan", ""),
                    catatan=form.cleaned_data["catatan"],
                    by=request.user,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, "Sanksi dicatat.")
                return redirect("evaluasi_sanksi_detail", pk=s.pk)
        status = 400
    return render(
        request,
        "evaluasi/tindak_lanjut_sanksi_mulai.html",
        {"ev": ev, "form": form, "aturan": aturan},
        status=status,
    )


def _aturan_dari(sanksi_obj, pengaturan):
    for a in sanksi_sel.aturan_pemda(pengaturan):
        if a.get("kode") == sanksi_obj.aturan:
            return a
    return {"kode": sanksi_obj.aturan, "uji_kompetensi": False, "hasil": list(HasilSanksi.values)}


def _halaman_sanksi(request, s, *, f_uji=None, f_selesai=None, galat=None, status=200):
    aturan = _aturan_dari(s, _pengaturan(request.user))
    return render(
        request,
        "evaluasi/tindak_lanjut_sanksi_detail.html",
        {
            "s": s,
            "aturan": aturan,
            "admin": is_admin_bkpsdm(request.user),
            "f_uji": f_uji or UjiKompetensiForm(),
            "f_selesai": f_selesai or SanksiSelesaiForm(hasil=aturan.get("hasil") or HasilSanksi.values),
            "galat": galat,
        },
        status=status,
    )


@login_required
def sanksi_detail(request, pk):
    return _halaman_sanksi(request, get_sanksi_for_user(request.user, pk))


@login_required
@require_POST
def sanksi_uji(request, pk):
    s = get_sanksi_for_user(request.user, pk)
    form = UjiKompetensiForm(request.POST)
    if form.is_valid():
        try:
            services.catat_uji_kompetensi(sanksi=s, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Uji kompetensi dicatat.")
            return redirect("evaluasi_sanksi_detail", pk=s.pk)
    return _halaman_sanksi(request, s, f_uji=form, status=400)


@login_required
@require_POST
def sanksi_selesai(request, pk):
    s = get_sanksi_for_user(request.user, pk)
    aturan = _aturan_dari(s, _pengaturan(request.user))
    form = SanksiSelesaiForm(request.POST, hasil=aturan.get("hasil") or HasilSanksi.values)
    if form.is_valid():
        try:
            services.selesaikan_sanksi(sanksi=s, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Hasil sanksi dicatat.")
            return redirect("evaluasi_sanksi_detail", pk=s.pk)
    return _halaman_sanksi(request, s, f_selesai=form, status=400)


# ---- TPP export ----------------------------------------------------------------------------------------------


@login_required
def ekspor_tpp(request):
    _pastikan_bkpsdm(request.user)
    if "tahun" not in request.GET:
        return render(request, "evaluasi/tindak_lanjut_ekspor.html", {"form": EksporForm()})
    form = EksporForm(request.GET)
    if not form.is_valid():
        return render(request, "evaluasi/tindak_lanjut_ekspor.html", {"form": form}, status=400)
    try:
        return ekspor.respons(request.user, form.cleaned_data["tahun"], form.cleaned_data["format"])
    except ValidationError as exc:
        attach_errors(form, exc)
        return render(request, "evaluasi/tindak_lanjut_ekspor.html", {"form": form}, status=400)


urlpatterns = [
    path("tindak-lanjut/laporan/", laporan, name="evaluasi_laporan"),
    path("tindak-lanjut/laporan/<int:pk>/", laporkan, name="evaluasi_laporkan"),
    path("tindak-lanjut/peringkat/", peringkat, name="evaluasi_peringkat"),
    path("tindak-lanjut/penghargaan/", penghargaan, name="evaluasi_penghargaan"),
    path("tindak-lanjut/penghargaan/<int:pk>/", penghargaan_catat, name="evaluasi_penghargaan_catat"),
    path("tindak-lanjut/sanksi/", sanksi, name="evaluasi_sanksi"),
    path("tindak-lanjut/sanksi/evaluasi/<int:pk>/", sanksi_mulai, name="evaluasi_sanksi_mulai"),
    path("tindak-lanjut/sanksi/<int:pk>/", sanksi_detail, name="evaluasi_sanksi_detail"),
    path("tindak-lanjut/sanksi/<int:pk>/uji-kompetensi/", sanksi_uji, name="evaluasi_sanksi_uji"),
    path("tindak-lanjut/sanksi/<int:pk>/selesai/", sanksi_selesai, name="evaluasi_sanksi_selesai"),
    path("tindak-lanjut/ekspor-tpp/", ekspor_tpp, name="evaluasi_ekspor_tpp"),
]
