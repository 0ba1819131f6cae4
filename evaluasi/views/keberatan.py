"""Pages of the keberatan (Sumedang lampiran Tindak Lanjut "KEBERATAN" angka 1-7).

- `keberatan_list`: the user's keberatan: hers as Pegawai, those she decides as Atasan Penilai (deadline
  first, late ones on top), those she explains as Penilai; BKPSDM and the Kepala Daerah see the Pemda's.
- `keberatan_ajukan` (<pk> of the Evaluasi): the filing form with its deadline, or why it is closed.
- `keberatan_detail` (<pk> of the Keberatan): the timeline of the examination, each party's next step, the
  decision form with the kuadran preview of the new predikat, D.1.1 and D.1.3.
- POST actions, one per service.

Loading: another Pemda's row, or one not hers to see, is a 404 (evaluasi.permissions). Acting: the service
decides; its PermissionDenied answers the page again with the reason and status 403, its ValidationError with
the reason and status 400, the input kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kinerja.forms import attach_errors
from kinerja.models import AuditEvent
from kinerja.permissions import sees_all_pegawai

from .. import documents, jendela
from ..forms_keberatan import (
    AjukanForm,
    KeteranganForm,
    PenjelasanForm,
    PermintaanForm,
    PertanyaanForm,
    PutuskanForm,
    TandaTanganForm,
)
from ..models import Keberatan, Rating, StatusKeberatan
from ..permissions import (
    adalah_atasan,
    adalah_pegawai,
    adalah_penilai,
    get_evaluasi_for_user,
    get_keberatan_for_user,
    keberatan_visible_to,
)
from ..services import keberatan as services
from ..services._umum import hari_ini, pengaturan_untuk


def _status_galat(exc) -> int:
    return 403 if isinstance(exc, PermissionDenied) else 400


def _pesan(exc) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc) or "Anda tidak berhak melakukan ini."]


# ---- list ------------------------------------------------------------------------------------------------


def _baris(daftar, pengaturan, tanggal):
    """Each keberatan with its decision deadline; open ones first, the earliest (late) deadline on top."""
    hasil = []
    for k in daftar:
        batas = jendela.batas_putus_keberatan(k, pengaturan)
        hasil.append({"k": k, "batas": batas, "terlambat": k.terbuka and tanggal > batas})
    hasil.sort(key=lambda r: (not r["k"].terbuka, r["batas"], r["k"].pk))
    return hasil


@login_required
def keberatan_list(request):
    user = request.user
    qs = keberatan_visible_to(user).select_related("evaluasi__periode", "evaluasi__pegawai")
    pengaturan = pengaturan_untuk(user.pemda_id)
    tanggal = hari_ini(user.pemda_id)
    me = user.pegawai_id
    atasan = Q(evaluasi__atasan_penilai_id=me) if me else Q(pk__in=[])
    if user.is_kepala_daerah:
        atasan |= Q(evaluasi__atasan_penilai_kepala_daerah=True)
    ctx = {
        "tanggal": tanggal,
        "pengaturan": pengaturan,
        "saya": _baris(qs.filter(evaluasi__pegawai_id=me), pengaturan, tanggal) if me else [],
        "diputus": _baris(qs.filter(atasan), pengaturan, tanggal),
        "dijelaskan": _baris(qs.filter(evaluasi__penilai_id=me), pengaturan, tanggal) if me else [],
        "semua": _baris(qs, pengaturan, tanggal) if sees_all_pegawai(user) else None,
    }
    return render(request, "evaluasi/keberatan_list.html", ctx)


# ---- filing ----------------------------------------------------------------------------------------------


def _halaman_ajukan(request, ev, *, form=None, galat=None, status=200):
    pengaturan = pengaturan_untuk(ev.pemda_id)
    tanggal = hari_ini(ev.pemda_id)
    boleh, sebab = services.boleh_diajukan(ev, pengaturan, tanggal)
    ctx = {
        "ev": ev,
        "pengaturan": pengaturan,
        "batas": jendela.batas_keberatan(ev, pengaturan),
        "diterima": jendela.diterima(ev),
        "boleh": boleh and adalah_pegawai(request.user, ev),
        "sebab": sebab
        if not boleh
        else ("" if adalah_pegawai(request.user, ev) else "Keberatan diajukan oleh Pegawai yang dinilai."),
        "form": form or AjukanForm(),
        "galat": galat or [],
        "dokumen": documents.dokumen_evaluasi(ev),
    }
    return render(request, "evaluasi/keberatan_ajukan.html", ctx, status=status)


@login_required
def keberatan_ajukan(request, pk):
    ev = get_evaluasi_for_user(request.user, pk)
    ada = Keberatan.objects.filter(evaluasi=ev).first()
    if ada is not None:
        return redirect("keberatan_detail", pk=ada.pk)
    if request.method != "POST":
        return _halaman_ajukan(request, ev)
    form = AjukanForm(request.POST)
    if not form.is_valid():
        return _halaman_ajukan(request, ev, form=form, galat=["Periksa isian keberatan."], status=400)
    try:
        k = services.ajukan_keberatan(evaluasi=ev, by=request.user, alasan=form.cleaned_data["alasan"])
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, ValidationError):
            attach_errors(form, exc)
        return _halaman_ajukan(request, ev, form=form, galat=_pesan(exc), status=_status_galat(exc))
    messages.success(request, "Keberatan diajukan kepada atasan Pejabat Penilai Kinerja.")
    return redirect("keberatan_detail", pk=k.pk)


# ---- detail and actions ----------------------------------------------------------------------------------


def _pratinjau(ev) -> dict:
    """The predikat of every pair of ratings for this evaluation (the decision form's kuadran preview)."""
    peta = {}
    for h in Rating.values:
        for p in Rating.values:
            kode = services.predikat_baru(ev, h, p)
            peta[f"{h}|{p}"] = dict(ev._meta.get_field("predikat").choices)[kode]
    return peta


def _linimasa(k):
    return list(
        AuditEvent.objects.filter(objek_jenis="Keberatan", objek_id=k.pk)
        .select_related("oleh")
        .order_by("pada", "id")
    )


def _halaman(request, k, *, bound=None, galat=None, status=200):
    bound = bound or {}
    user = request.user
    ev = k.evaluasi
    pengaturan = pengaturan_untuk(k.pemda_id)
    tanggal = hari_ini(k.pemda_id)
    batas = jendela.batas_putus_keberatan(k, pengaturan)
    peran = {
        "pegawai": adalah_pegawai(user, ev),
        "penilai": adalah_penilai(user, ev),
        "atasan": adalah_atasan(user, ev),
    }
    ctx = {
        "k": k,
        "ev": ev,
        "peran": peran,
        "batas": batas,
        "terlambat": k.terbuka and tanggal > batas,
        "linimasa": _linimasa(k),
        "galat": galat or [],
        "d11": documents.dokumen_evaluasi(ev),
        "d13": documents.dokumen_keberatan(ev) if k.status == StatusKeberatan.DIUBAH else None,
    }
    if k.terbuka:
        if peran["atasan"]:
            cukup, sebab = services.penjelasan_cukup(k, pengaturan, tanggal)
            ctx.update(
                {
                    "f_pertanyaan": bound.get("pertanyaan") or PertanyaanForm(),
                    "f_permintaan": bound.get("permintaan") or PermintaanForm(),
                    "f_putuskan": bound.get("putuskan")
                    or PutuskanForm(
                        initial={
                            "rating_hasil_baru": ev.rating_hasil,
                            "rating_perilaku_baru": ev.rating_perilaku,
                        }
                    ),
                    "boleh_putus": cukup,
                    "sebab_putus": sebab,
                    "pratinjau": _pratinjau(ev),
                }
            )
        if peran["penilai"]:
            ctx["f_penjelasan"] = bound.get("penjelasan") or PenjelasanForm()
        if peran["pegawai"]:
            ctx["f_keterangan"] = bound.get("keterangan") or KeteranganForm()
    d13 = ctx["d13"]
    if d13 is not None and not d13.final and (peran["penilai"] or peran["pegawai"]):
        ctx["f_tanda_tangan"] = bound.get("tanda_tangan") or TandaTanganForm()
    return render(request, "evaluasi/keberatan_detail.html", ctx, status=status)


def _keberatan(request, pk):
    return get_keberatan_for_user(request.user, pk)


@login_required
def keberatan_detail(request, pk):
    return _halaman(request, _keberatan(request, pk))


PERAN = {
    "atasan": (
        adalah_atasan,
        "Hanya atasan Pejabat Penilai Kinerja yang memeriksa dan memutus keberatan ini.",
    ),
    "penilai": (
        adalah_penilai,
        "Penjelasan atas keberatan diberikan oleh Pejabat Penilai Kinerja Pegawai ini.",
    ),
    "pegawai": (adalah_pegawai, "Keterangan tambahan diberikan oleh Pegawai yang mengajukan keberatan."),
    "penanda": (
        lambda user, ev: adalah_penilai(user, ev) or adalah_pegawai(user, ev),
        "Format D.1.3 ditandatangani Pejabat Penilai Kinerja, lalu Pegawai.",
    ),
}


def _aksi(request, pk, *, nama, peran, form_class, panggil, sukses):
    """Validate the form, run the service; on refusal the page again with the reason (400/403). Someone
    not in the role of the step gets 403 even with an empty form (the service checks again)."""
    k = _keberatan(request, pk)
    boleh, sebab = PERAN[peran]
    if not boleh(request.user, k.evaluasi):
        return _halaman(request, k, galat=[sebab], status=403)
    form = form_class(request.POST)
    if not form.is_valid():
        return _halaman(request, k, bound={nama: form}, galat=["Periksa isian."], status=400)
    try:
        panggil(k, form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, ValidationError):
            attach_errors(form, exc)
        return _halaman(request, k, bound={nama: form}, galat=_pesan(exc), status=_status_galat(exc))
    messages.success(request, sukses)
    return redirect("keberatan_detail", pk=k.pk)


@login_required
@require_POST
def keberatan_minta_penjelasan(request, pk):
    return _aksi(
        request,
        pk,
        nama="pertanyaan",
        peran="atasan",
        form_class=PertanyaanForm,
        panggil=lambda k, d: services.minta_penjelasan(keberatan=k, by=request.user, **d),
        sukses="Permintaan penjelasan dikirim kepada Pejabat Penilai Kinerja.",
    )


@login_required
@require_POST
def keberatan_beri_penjelasan(request, pk):
    return _aksi(
        request,
        pk,
        nama="penjelasan",
        peran="penilai",
        form_class=PenjelasanForm,
        panggil=lambda k, d: services.beri_penjelasan(keberatan=k, by=request.user, **d),
        sukses="Penjelasan disampaikan kepada atasan Anda.",
    )


@login_required
@require_POST
def keberatan_minta_keterangan(request, pk):
    return _aksi(
        request,
        pk,
        nama="permintaan",
        peran="atasan",
        form_class=PermintaanForm,
        panggil=lambda k, d: services.minta_keterangan(keberatan=k, by=request.user, **d),
        sukses="Permintaan keterangan dikirim kepada Pegawai.",
    )


@login_required
@require_POST
def keberatan_beri_keterangan(request, pk):
    return _aksi(
        request,
        pk,
        nama="keterangan",
        peran="pegawai",
        form_class=KeteranganForm,
        panggil=lambda k, d: services.beri_keterangan(keberatan=k, by=request.user, **d),
        sukses="Keterangan disampaikan kepada atasan Pejabat Penilai Kinerja.",
    )


@login_required
@require_POST
def keberatan_putuskan(request, pk):
    return _aksi(
        request,
        pk,
        nama="putuskan",
        peran="atasan",
        form_class=PutuskanForm,
        panggil=lambda k, d: services.putuskan(keberatan=k, by=request.user, **d),
        sukses="Keputusan atas keberatan ditetapkan.",
    )


@login_required
@require_POST
def keberatan_tandatangani(request, pk):
    return _aksi(
        request,
        pk,
        nama="tanda_tangan",
        peran="penanda",
        form_class=TandaTanganForm,
        panggil=lambda k, d: services.tandatangani_keberatan(keberatan=k, by=request.user, **d),
        sukses="Format D.1.3 ditandatangani.",
    )


urlpatterns = [
    path("keberatan/", keberatan_list, name="keberatan_list"),
    path("<int:pk>/keberatan/ajukan/", keberatan_ajukan, name="keberatan_ajukan"),
    path("keberatan/<int:pk>/", keberatan_detail, name="keberatan_detail"),
    path(
        "keberatan/<int:pk>/minta-penjelasan/", keberatan_minta_penjelasan, name="keberatan_minta_penjelasan"
    ),
    path("keberatan/<int:pk>/beri-penjelasan/", keberatan_beri_penjelasan, name="keberatan_beri_penjelasan"),
    path(
        "keberatan/<int:pk>/minta-keterangan/", keberatan_minta_keterangan, name="keberatan_minta_keterangan"
    ),
    path("keberatan/<int:pk>/beri-keterangan/", keberatan_beri_keterangan, name="keberatan_beri_keterangan"),
    path("keberatan/<int:pk>/putuskan/", keberatan_putuskan, name="keberatan_putuskan"),
    path("keberatan/<int:pk>/tandatangani/", keberatan_tandatangani, name="keberatan_tandatangani"),
]
