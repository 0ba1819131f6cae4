"""BKPSDM's pages of the evaluation: the periods of the Pemda's cycle (open, refresh), the overview of a period
per Perangkat Daerah and unit, the capaian kinerja organisasi per unit, and the pola distribusi.

Loading: another Pemda's period is a 404 (the scope). Acting: the services decide; a PermissionDenied answers
403 with the reason, a ValidationError re-renders the page with the reason and status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kinerja.forms import attach_errors
from kinerja.models import PengaturanPemda, UnitKerja
from kinerja.models.pengaturan import CAPAIAN_KEYS, PREDIKAT_KEYS
from kinerja.permissions import is_admin_bkpsdm, require_admin_bkpsdm

from ..forms_admin import BukaPeriodeForm, CapaianBanyakForm, PolaForm
from ..grafik import svg_distribusi
from ..kuadran import URUTAN_PREDIKAT
from ..models import (
    CapaianOrganisasi,
    JenisPeriode,
    PeriodeEvaluasi,
    PredikatOrganisasi,
)
from ..selectors.capaian import capaian_banyak
from ..selectors.distribusi import BarisDistribusi, Distribusi
from ..selectors.ringkasan import daftar_periode, ringkasan_periode, unit_capaian
from ..services import periode as periode_services
from ..services._umum import hari_ini, pastikan_admin
from ..services.capaian import tetapkan_capaian
from ..services.pola import ubah_pola

PANJANG = periode_services.PANJANG


def _periode(pk) -> PeriodeEvaluasi:
    periode = PeriodeEvaluasi.objects.filter(pk=pk).first()
    if periode is None:
        raise Http404("Periode evaluasi tidak ditemukan.")
    return periode


def _pesan(exc) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc) or "Anda tidak berhak melakukan ini."]


# Periods ---------------------------------------------------------------------------------------------------
def _tahun(request, tanggal) -> int:
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or tanggal.year)
    except ValueError:
        return tanggal.year
    return tahun if 2000 <= tahun <= 2100 else tanggal.year


def _pengaturan(pemda_id):
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    if pengaturan is None:
        raise Http404("Pengaturan Pemda belum diisi BKPSDM.")
    return pengaturan


def _halaman_periode(request, *, form=None, galat=None, status=200):
    pemda_id = request.user.pemda_id
    pengaturan = _pengaturan(pemda_id)
    tanggal = hari_ini(pemda_id)
    tahun = _tahun(request, tanggal)
    ctx = {
        "tahun": tahun,
        "tahun_pilihan": range(tanggal.year - 3, tanggal.year + 2),
        "baris": daftar_periode(pemda_id, tahun, pengaturan, tanggal),
        "jenis_pemda": [JenisPeriode(j).label for j in periode_services.jenis_periode_pemda(pengaturan)],
        "pengaturan": pengaturan,
        "hari_ini": tanggal,
        "form": form or BukaPeriodeForm(initial={"tahun": tahun}),
        "galat": galat or [],
    }
    return render(request, "evaluasi/admin_periode.html", ctx, status=status)


@login_required
def evaluasi_periode_list(request):
    require_admin_bkpsdm(request.user)
    if request.method != "POST":
        return _halaman_periode(request)
    form = BukaPeriodeForm(request.POST)
    if form.is_valid():
        try:
            periode = periode_services.buka_periode(
                pemda_id=request.user.pemda_id,
                jenis=form.cleaned_data["jenis"],
                nomor=form.cleaned_data["nomor"],
                tahun=form.cleaned_data["tahun"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Periode {periode.label} dibuka; daftar evaluasinya disiapkan.")
            return redirect("evaluasi_periode_detail", pk=periode.pk)
    return _halaman_periode(request, form=form, galat=["Periode belum dibuka."], status=400)


@login_required
@require_POST
def evaluasi_periode_siapkan(request, pk):
    periode = _periode(pk)
    # siapkan_evaluasi itself checks no one: BKPSDM only, as buka_periode.
    pastikan_admin(request.user, periode.pemda_id)
    try:
        baru = periode_services.siapkan_evaluasi(periode=periode, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(_pesan(exc)))
    else:
        messages.success(request, f"Daftar evaluasi {periode.label} diperbarui: {baru} Pegawai ditambahkan.")
    return redirect("evaluasi_periode_detail", pk=periode.pk)


@login_required
def evaluasi_periode_detail(request, pk):
    """The BKPSDM overview: per Perangkat Daerah, or per unit of one (`?pd=`); a fixed number of queries."""
    periode = _periode(pk)
    require_admin_bkpsdm(request.user)
    pd_id = request.GET.get("pd")
    if pd_id:
        try:
            pd_id = int(pd_id)
        except ValueError:
            raise Http404("Perangkat Daerah tidak ditemukan.") from None
        if not UnitKerja.objects.filter(pk=pd_id, parent__isnull=True).exists():
            raise Http404("Perangkat Daerah tidak ditemukan.")
    else:
        pd_id = None
    r = ringkasan_periode(periode, tanggal=hari_ini(periode.pemda_id), pd_id=pd_id)
    return render(request, "evaluasi/admin_ringkasan.html", {"periode": periode, "r": r})


# Capaian kinerja organisasi -----------------------------------------------------------------------------
def _halaman_capaian(request, periode, units, *, form=None, status=200):
    pengaturan = _pengaturan(periode.pemda_id)
    tetap = {c.unit_id: c for c in CapaianOrganisasi.objects.filter(periode=periode, unit__in=units)}
    awal = {u: (c.predikat, c.keterangan) for u, c in tetap.items()}
    form = form or CapaianBanyakForm(units=units, awal=awal)
    berlaku = capaian_banyak(
        periode, [u.pk for u in units], pengaturan=pengaturan, tanggal=hari_ini(periode.pemda_id)
    )
    baris = [
        {
            "unit": u,
            "predikat": f_p,
            "keterangan": f_k,
            "tetap": tetap.get(u.pk),
            "berlaku": berlaku.get(u.pk),
        }
        for u, f_p, f_k in form.baris()
    ]
    ctx = {"periode": periode, "form": form, "baris": baris, "admin": is_admin_bkpsdm(request.user)}
    return render(request, "evaluasi/admin_capaian.html", ctx, status=status)


@login_required
def evaluasi_capaian(request, pk):
    periode = _periode(pk)
    units = unit_capaian(request.user, periode)
    if units is None:
        raise PermissionDenied("Capaian unit ditetapkan oleh pimpinan unit itu atau admin BKPSDM.")
    if request.method != "POST":
        return _halaman_capaian(request, periode, units)
    tetap = {c.unit_id: c for c in CapaianOrganisasi.objects.filter(periode=periode, unit__in=units)}
    form = CapaianBanyakForm(
        request.POST, units=units, awal={u: (c.predikat, c.keterangan) for u, c in tetap.items()}
    )
    if not form.is_valid():
        return _halaman_capaian(request, periode, units, form=form, status=400)
    perubahan = form.perubahan()
    try:
        with transaction.atomic():  # all rows or none: the page is posted again with the input kept
            for unit, predikat, keterangan in perubahan:
                try:
                    tetapkan_capaian(
                        unit=unit, periode=periode, predikat=predikat, keterangan=keterangan, by=request.user
                    )
                except ValidationError as exc:
                    for pesan in exc.messages:
                        form.add_error(f"predikat-{unit.pk}", pesan)
                    raise
    except ValidationError:
        return _halaman_capaian(request, periode, units, form=form, status=400)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return _halaman_capaian(request, periode, units, form=form, status=403)
    messages.success(request, f"Capaian {len(perubahan)} unit untuk {periode.label} disimpan.")
    return redirect("evaluasi_capaian", pk=periode.pk)


# Pola distribusi ----------------------------------------------------------------------------------------
def pratinjau_pola(pola: dict) -> list[tuple[str, str]]:
    """(capaian label, small SVG of the expected curve) per capaian."""
    hasil = []
    for c in CAPAIAN_KEYS:
        baris = [
            BarisDistribusi(p.value, p.label, int((pola.get(c) or {}).get(p.value, 0) or 0), 0, 0)
            for p in URUTAN_PREDIKAT
        ]
        hasil.append(
            (PredikatOrganisasi(c).label, svg_distribusi(Distribusi(c, baris, 0, 0), lebar=330, tinggi=170))
        )
    return hasil


def _halaman_pola(request, pengaturan, *, form=None, galat=None, status=200):
    form = form or PolaForm(
        pola=pengaturan.pola_distribusi or {}, initial={"toleransi": pengaturan.toleransi_pola_distribusi}
    )
    ctx = {
        "form": form,
        "predikat": [p.label for p in URUTAN_PREDIKAT],
        "pratinjau": pratinjau_pola(pengaturan.pola_distribusi or {}),
        "galat": galat or [],
        "dasar": (pengaturan.dasar_hukum or {}).get("pola_distribusi", ""),
        "predikat_keys": PREDIKAT_KEYS,
    }
    return render(request, "evaluasi/admin_pola.html", ctx, status=status)


@login_required
def evaluasi_pola(request):
    require_admin_bkpsdm(request.user)
    pengaturan = _pengaturan(request.user.pemda_id)
    if request.method != "POST":
        return _halaman_pola(request, pengaturan)
    form = PolaForm(request.POST, pola=pengaturan.pola_distribusi or {})
    if form.is_valid():
        try:
            ubah_pola(
                pemda_id=request.user.pemda_id,
                pola=form.pola(),
                toleransi=form.cleaned_data["toleransi"],
                by=request.user,
            )
        except ValidationError as exc:
            return _halaman_pola(request, pengaturan, form=form, galat=_pesan(exc), status=400)
        messages.success(request, "Pola distribusi disimpan.")
        return redirect("evaluasi_pola")
    return _halaman_pola(request, pengaturan, form=form, galat=["Periksa isian pola distribusi."], status=400)


urlpatterns = [
    path("periode/", evaluasi_periode_list, name="evaluasi_periode_list"),
    path("periode/<int:pk>/", evaluasi_periode_detail, name="evaluasi_periode_detail"),
    path("periode/<int:pk>/siapkan/", evaluasi_periode_siapkan, name="evaluasi_periode_siapkan"),
    path("periode/<int:pk>/capaian/", evaluasi_capaian, name="evaluasi_capaian"),
    path("pola/", evaluasi_pola, name="evaluasi_pola"),
]
