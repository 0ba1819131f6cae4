"""Pegawai pages: the list (search and filters), the detail, BKPSDM's new Pegawai form, and BKPSDM's
changes and corrections on the detail page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.forms import (
    STATUS_AKTIF,
    KoreksiPenilaiForm,
    MutasiForm,
    PegawaiFilterForm,
    PegawaiTambahForm,
    PegawaiUbahForm,
    StatusForm,
    attach_errors,
)
from kinerja.models import (
    KoreksiPenilai,
    Pegawai,
    Penempatan,
    PengaturanPemda,
    RiwayatStatus,
    UnitKerja,
    User,
)
from kinerja.permissions import (
    get_pegawai_for_admin,
    get_pegawai_for_user,
    is_admin_bkpsdm,
    pegawai_visible_to,
    require_admin_bkpsdm,
    sees_all_pegawai,
)
from kinerja.selectors.penilai import Struktur, rantai_penilai
from kinerja.selectors.periode import berlaku
from kinerja.services import akun as akun_services
from kinerja.services import org as org_services

PER_HALAMAN = 50


# Reads shared by the pages of the core (beranda, unit, pegawai) ----------------------------------------
def with_kini(qs, tanggal: datetime.date | None = None):
    """Attach `penempatan_kini` and `status_kini` (lists) to each Pegawai: two queries for any page size."""
    tanggal = tanggal or timezone.localdate()
    return qs.select_related("golongan").prefetch_related(
        Prefetch(
            "penempatan",
            queryset=berlaku(Penempatan.objects.select_related("jabatan__unit"), tanggal),
            to_attr="penempatan_kini",
        ),
        Prefetch(
            "riwayat_status", queryset=berlaku(RiwayatStatus.objects.all(), tanggal), to_attr="status_kini"
        ),
    )


def tanpa_penilai_ids(pemda_id: int, struktur: Struktur | None = None) -> list[int]:
    """Pegawai whose Penilai or Atasan Penilai cannot be derived today (a fixed handful of queries)."""
    struktur = struktur or Struktur.for_pemda(pemda_id=pemda_id)
    return [pid for pid in Pegawai.objects.values_list("pk", flat=True) if struktur.rantai(pid).masalah]


def _status_kini_q(tanggal, **filters):
    return Exists(berlaku(RiwayatStatus.objects.filter(pegawai=OuterRef("pk"), **filters), tanggal))


# Pages -------------------------------------------------------------------------------------------------
@login_required
def pegawai_list(request):
    user = request.user
    today = timezone.localdate()
    units = list(UnitKerja.objects.filter(aktif=True).order_by("path").only("id", "nama", "path", "depth"))
    form = PegawaiFilterForm(request.GET or None, units=units)
    qs = pegawai_visible_to(user)
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"].strip():
            qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
        if data["unit"]:
            path = next(u.path for u in units if u.pk == data["unit"])
            qs = qs.filter(
                Exists(
                    berlaku(Penempatan.objects.all(), today).filter(
                        pegawai=OuterRef("pk"), jabatan__unit__path__startswith=path
                    )
                )
            )
        if data["jenis_asn"]:
            qs = qs.filter(jenis_asn=data["jenis_asn"])
        if data["status"] == STATUS_AKTIF:
            qs = qs.exclude(_status_kini_q(today))
        elif data["status"]:
            qs = qs.filter(_status_kini_q(today, status=data["status"]))
        if data["tanpa_penilai"]:
            qs = qs.filter(pk__in=tanpa_penilai_ids(request.pemda_id))
    page = Paginator(with_kini(qs.order_by("nama", "pk"), today), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "kinerja/pegawai_list.html",
        {"form": form, "page": page, "sees_all": sees_all_pegawai(user), "admin": is_admin_bkpsdm(user)},
    )


@login_required
def pegawai_detail(request, pk):
    pegawai = get_pegawai_for_user(request.user, pk)
    return _render_detail(request, pegawai)


def _pejabat(pejabat, pegawai_by_id):
    if pejabat is None:
        return None
    return {"pejabat": pejabat, "pegawai": pegawai_by_id.get(pejabat.pegawai_id)}


def _render_detail(request, pegawai, bound_forms=None, status=200):
    today = timezone.localdate()
    pegawai = with_kini(Pegawai.objects.filter(pk=pegawai.pk), today).get()
    rantai = rantai_penilai(pegawai, today)
    pejabat_ids = [p.pegawai_id for p in (rantai.penilai, rantai.atasan_penilai) if p and p.pegawai_id]
    pejabat_by_id = {p.pk: p for p in with_kini(Pegawai.objects.filter(pk__in=pejabat_ids), today)}
    admin = is_admin_bkpsdm(request.user)
    ctx = {
        "pegawai": pegawai,
        "kini": pegawai.penempatan_kini[0] if pegawai.penempatan_kini else None,
        "status_kini": pegawai.status_kini[0] if pegawai.status_kini else None,
        "riwayat_penempatan": pegawai.penempatan.select_related("jabatan__unit").order_by("-mulai"),
        "riwayat_status": pegawai.riwayat_status.order_by("-mulai"),
        "rantai": rantai,
        "penilai": _pejabat(rantai.penilai, pejabat_by_id),
        "atasan_penilai": _pejabat(rantai.atasan_penilai, pejabat_by_id),
        "pengaturan": PengaturanPemda.objects.only("jabatan_kepala_daerah", "nama_kepala_daerah").first(),
        "admin": admin,
    }
    if admin:
        ctx.update(
            koreksi=KoreksiPenilai.objects.filter(pegawai=pegawai).select_related(
                "penilai", "atasan_penilai"
            ),
            akun=User.objects.filter(pegawai=pegawai)
            .only("username", "password", "is_active", "harus_ganti_password")
            .first(),
            ubah_form=PegawaiUbahForm(prefix="ubah", initial=PegawaiUbahForm.awal(pegawai)),
            koreksi_form=KoreksiPenilaiForm(prefix="koreksi", initial={"mulai": today}),
            mutasi_form=MutasiForm(prefix="mutasi", initial={"mulai": today}),
            status_form=StatusForm(prefix="status", initial={"mulai": today}),
        )
        ctx.update(bound_forms or {})
    return render(request, "kinerja/pegawai_detail.html", ctx, status=status)


def _gagal(request, pegawai, nama_form, form, judul):
    messages.error(request, f"{judul} belum disimpan. Periksa isian yang ditandai.")
    return _render_detail(request, pegawai, {nama_form: form}, status=400)


@login_required
@require_POST
def pegawai_reset_password(request, pk):
    pegawai = get_pegawai_for_admin(request.user, pk)
    try:
        sementara = akun_services.akun_reset_password(pegawai=pegawai, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Kata sandi sementara {pegawai.nama_lengkap}: {sementara} — sampaikan langsung kepada yang "
            "bersangkutan. Kata sandi ini hanya ditampilkan sekali dan wajib diganti saat masuk.",
        )
    return redirect("pegawai_detail", pk=pegawai.pk)


@login_required
@require_POST
def pegawai_koreksi_penilai(request, pk):
    pegawai = get_pegawai_for_admin(request.user, pk)
    form = KoreksiPenilaiForm(request.POST, prefix="koreksi")
    if form.is_valid():
        data = form.cleaned_data
        try:
            org_services.koreksi_penilai_create(
                pegawai=pegawai,
                penilai=data["penilai_nip"],
                atasan_penilai=data["atasan_nip"],
                mulai=data["mulai"],
                selesai=data["selesai"],
                alasan=data["alasan"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Koreksi Pejabat Penilai Kinerja disimpan.")
            return redirect("pegawai_detail", pk=pegawai.pk)
    return _gagal(request, pegawai, "koreksi_form", form, "Koreksi Penilai")


@login_required
@require_POST
def pegawai_mutasi(request, pk):
    pegawai = get_pegawai_for_admin(request.user, pk)
    form = MutasiForm(request.POST, prefix="mutasi")
    if form.is_valid():
        data = form.cleaned_data
        try:
            org_services.pegawai_mutasi(
                pegawai=pegawai,
                jabatan=data["jabatan"],
                mulai=data["mulai"],
                nomor_sk=data["nomor_sk"],
                alasan=data["alasan"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Mutasi ke {data['jabatan']} ({data['jabatan'].unit}) disimpan.")
            return redirect("pegawai_detail", pk=pegawai.pk)
    return _gagal(request, pegawai, "mutasi_form", form, "Mutasi")


@login_required
@require_POST
def pegawai_status(request, pk):
    pegawai = get_pegawai_for_admin(request.user, pk)
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        data = form.cleaned_data
        try:
            org_services.status_tambah(
                pegawai=pegawai,
                status=data["status"],
                jenis_cuti=data["jenis_cuti"],
                mulai=data["mulai"],
                selesai=data["selesai"],
                nomor_sk=data["nomor_sk"],
                keterangan=data["keterangan"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Status Pegawai ditambahkan.")
            return redirect("pegawai_detail", pk=pegawai.pk)
    return _gagal(request, pegawai, "status_form", form, "Status")


@login_required
@require_POST
def pegawai_ubah(request, pk):
    pegawai = get_pegawai_for_admin(request.user, pk)
    form = PegawaiUbahForm(request.POST, prefix="ubah", initial={"nip": pegawai.nip_format})
    if form.is_valid():
        try:
            baru = org_services.pegawai_update(
                pegawai=pegawai, data=form.data_pegawai(), by=request.user, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Data {baru.nama_lengkap} disimpan.")
            return redirect("pegawai_detail", pk=pegawai.pk)
    return _gagal(request, pegawai, "ubah_form", form, "Perubahan data Pegawai")


@login_required
@require_http_methods(["GET", "POST"])
def pegawai_tambah(request):
    require_admin_bkpsdm(request.user)
    if request.method != "POST":
        form = PegawaiTambahForm(
            prefix="baru", pemda_id=request.pemda_id, initial={"mulai": timezone.localdate()}
        )
        return render(request, "kinerja/pegawai_tambah.html", {"form": form})
    form = PegawaiTambahForm(request.POST, prefix="baru", pemda_id=request.pemda_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            pegawai = org_services.pegawai_tambah(
                pemda_id=request.pemda_id,
                nip=data["nip"],
                data=form.data_pegawai(),
                jabatan=data["jabatan"],
                mulai=data["mulai"],
                nomor_sk=data["nomor_sk"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"{pegawai.nama_lengkap} ditambahkan sebagai {data['jabatan'].nama} ({data['jabatan'].unit.nama}), "
                f"dengan akun bernama pengguna {pegawai.nip}. Akun itu belum punya kata sandi: buat kata sandi "
                'sementara dengan "Atur ulang kata sandi" di bawah.',
            )
            return redirect("pegawai_detail", pk=pegawai.pk)
    messages.error(request, "Pegawai belum disimpan. Periksa isian yang ditandai.")
    return render(request, "kinerja/pegawai_tambah.html", {"form": form}, status=400)
