"""The org tree: top-level Perangkat Daerah, expandable with HTMX, and one unit's page. Everyone of the
Pemda may read it; BKPSDM's admin builds it (units, sub-units, moves, closing, jabatan) from the same pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kinerja.forms import (
    JabatanForm,
    JabatanUbahForm,
    NonaktifkanUnitForm,
    PindahUnitForm,
    UnitForm,
    UnitUbahForm,
    attach_errors,
)
from kinerja.models import DelegasiPimpinan, Jabatan, JenisJabatan, JenisUnit, Pegawai, Penempatan, UnitKerja
from kinerja.permissions import get_unit_for_user, is_admin_bkpsdm, require_admin_bkpsdm, sees_all_pegawai
from kinerja.selectors.periode import berlaku
from kinerja.services import org as org_services

from .pegawai import with_kini


def _with_info(qs, tanggal):
    """Each unit with the number of Pegawai placed in its whole subtree and whether it has sub-units."""
    jumlah = (
        berlaku(Penempatan.objects.filter(jabatan__unit__path__startswith=OuterRef("path")), tanggal)
        .order_by()
        .values("pemda")
        .annotate(n=Count("pegawai", distinct=True))
        .values("n")
    )
    return qs.annotate(
        jumlah_pegawai=Coalesce(Subquery(jumlah, output_field=IntegerField()), Value(0)),
        punya_anak=Exists(UnitKerja.objects.filter(parent=OuterRef("pk"), aktif=True)),
    )


def _pimpinan(unit_ids, tanggal) -> dict[int, dict]:
    """Per unit: the definitive head and the Plt./Plh. in force (two queries for any number of units)."""
    result = {uid: {"definitif": None, "delegasi": None} for uid in unit_ids}
    heads = berlaku(
        Penempatan.objects.filter(jabatan__memimpin_unit=True, jabatan__unit_id__in=unit_ids), tanggal
    ).select_related("pegawai", "jabatan")
    for p in heads:
        result[p.jabatan.unit_id]["definitif"] = p
    delegasi = (
        berlaku(
            DelegasiPimpinan.objects.filter(dicabut_pada__isnull=True, content_object_id__in=unit_ids),
            tanggal,
        )
        .select_related("pegawai")
        .order_by("mulai", "id")
    )
    for d in delegasi:
        result[d.content_object_id]["delegasi"] = d
    return result


def _tree_rows(units, tanggal):
    units = list(units)
    pimpinan = _pimpinan([u.pk for u in units], tanggal)
    return [(u, pimpinan[u.pk]) for u in units]


@login_required
def unit_list(request):
    return _render_list(request)


def _render_list(request, form=None, status=200):
    today = timezone.localdate()
    top = _with_info(
        UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("kode", "nama"), today
    )
    ctx = {"rows": _tree_rows(top, today), "jumlah_unit": UnitKerja.objects.filter(aktif=True).count()}
    if is_admin_bkpsdm(request.user):
        ctx["unit_form"] = form or UnitForm(prefix="baru", initial={"jenis": JenisUnit.PERANGKAT_DAERAH})
        ctx["buka_form"] = form is not None
    return render(request, "kinerja/unit_list.html", ctx, status=status)


@login_required
def unit_children(request, pk):
    unit = get_unit_for_user(request.user, pk)
    today = timezone.localdate()
    children = _with_info(unit.children.filter(aktif=True).order_by("kode", "nama"), today)
    return render(
        request, "kinerja/_unit_children.html", {"rows": _tree_rows(children, today), "induk": unit}
    )


@login_required
def unit_detail(request, pk):
    return _render_detail(request, get_unit_for_user(request.user, pk))


def _render_detail(request, unit, bound_forms=None, *, fokus=None, jabatan_ubah=None, status=200):
    today = timezone.localdate()
    in_force = Q(penempatan__mulai__lte=today) & (
        Q(penempatan__selesai__isnull=True) | Q(penempatan__selesai__gte=today)
    )
    jabatan = unit.jabatan.annotate(pemangku=Count("penempatan", filter=in_force)).order_by(
        "-memimpin_unit", "nama"
    )
    pegawai = Pegawai.objects.filter(
        Exists(berlaku(Penempatan.objects.filter(pegawai=OuterRef("pk"), jabatan__unit=unit), today))
    ).order_by("nama", "pk")
    page = Paginator(with_kini(pegawai, today), 50).get_page(request.GET.get("page"))
    leluhur = list(UnitKerja.objects.filter(pk__in=unit.ancestor_ids[:-1]).order_by("depth"))
    admin = is_admin_bkpsdm(request.user)
    ctx = {
        "unit": unit,
        "leluhur": leluhur,
        "pimpinan": _pimpinan([unit.pk], today)[unit.pk],
        "jabatan": jabatan,
        "anak": _tree_rows(
            _with_info(unit.children.filter(aktif=True).order_by("kode", "nama"), today), today
        ),
        "page": page,
        "sees_all": sees_all_pegawai(request.user),
        "admin": admin,
    }
    if admin:
        ctx.update(_admin_forms(unit, jabatan_ubah), fokus=fokus, jabatan_ubah=jabatan_ubah)
        ctx.update(bound_forms or {})
    return render(request, "kinerja/unit_detail.html", ctx, status=status)


# BKPSDM's changes to the tree ----------------------------------------------------------------------------
def _unit_for_admin(user, pk) -> UnitKerja:
    unit = get_unit_for_user(user, pk)
    require_admin_bkpsdm(user)
    return unit


def _jabatan_for_admin(user, pk) -> Jabatan:
    # The scope hides another Pemda's Jabatan: missing and foreign look the same (404).
    jabatan = Jabatan.objects.select_related("unit").filter(pk=pk).first()
    if jabatan is None:
        raise Http404("Jabatan tidak ditemukan.")
    require_admin_bkpsdm(user)
    return jabatan


def _tujuan_pindah(unit):
    """Where `unit` may be moved: active units outside its own subtree (one query, run when needed)."""
    return (
        UnitKerja.objects.filter(aktif=True)
        .exclude(path__startswith=unit.path)
        .order_by("path")
        .only("id", "nama", "kode", "path", "depth")
    )


def _admin_forms(unit, jabatan_ubah=None) -> dict:
    forms = {
        "ubah_form": UnitUbahForm(
            prefix="ubah", initial={"nama": unit.nama, "kode": unit.kode, "jenis": unit.jenis}
        ),
        "sub_form": UnitForm(prefix="sub", initial={"jenis": JenisUnit.BIDANG}),
        "pindah_form": PindahUnitForm(prefix="pindah", units=_tujuan_pindah(unit)),
        "nonaktif_form": NonaktifkanUnitForm(prefix="nonaktif"),
        "jabatan_form": JabatanForm(prefix="jabatan", initial={"jenis": JenisJabatan.PELAKSANA}),
    }
    if jabatan_ubah is not None:
        forms["jabatan_ubah_form"] = JabatanUbahForm(
            prefix="jabatan_ubah",
            initial={
                "nama": jabatan_ubah.nama,
                "jenis": jabatan_ubah.jenis,
                "memimpin_unit": jabatan_ubah.memimpin_unit,
                "pimpinan_unit_kerja_mandiri": jabatan_ubah.pimpinan_unit_kerja_mandiri,
            },
        )
    return forms


def _tindakan(request, unit, form, *, nama_form, judul, simpan, jabatan_ubah=None):
    """GET shows the unit's page with this form; POST validates, saves through `simpan(cleaned_data)`
    (which returns the success message and where to go) or shows the page again with the errors and
    everything typed. Writes happen on POST only."""
    fokus = nama_form.removesuffix("_form")
    if request.method != "POST":
        return _render_detail(request, unit, fokus=fokus, jabatan_ubah=jabatan_ubah)
    if form.is_valid():
        try:
            pesan, tujuan = simpan(form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, pesan)
            return redirect(tujuan)
    messages.error(request, f"{judul} belum disimpan. Periksa isian yang ditandai.")
    return _render_detail(
        request, unit, {nama_form: form}, fokus=fokus, jabatan_ubah=jabatan_ubah, status=400
    )


def _post(request):
    return request.POST if request.method == "POST" else None


def _detail_url(unit, anchor=""):
    return reverse("unit_detail", args=[unit.pk]) + (f"#{anchor}" if anchor else "")


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    """A new top-level unit (Perangkat Daerah)."""
    require_admin_bkpsdm(request.user)
    if request.method != "POST":
        return _render_list(request, UnitForm(prefix="baru", initial={"jenis": JenisUnit.PERANGKAT_DAERAH}))
    form = UnitForm(request.POST, prefix="baru")
    if form.is_valid():
        try:
            unit = org_services.unitkerja_create(
                pemda_id=request.pemda_id, parent=None, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Unit {unit.nama} ditambahkan. Lengkapi jabatan dan sub-unitnya.")
            return redirect("unit_detail", pk=unit.pk)
    messages.error(request, "Unit belum disimpan. Periksa isian yang ditandai.")
    return _render_list(request, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def unit_update(request, pk):
    unit = _unit_for_admin(request.user, pk)
    form = UnitUbahForm(_post(request), prefix="ubah", kecuali=unit.pk)

    def simpan(data):
        baru = org_services.unitkerja_update(unit=unit, by=request.user, **data)
        return f"Data unit {baru.nama} disimpan.", _detail_url(baru)

    return _tindakan(request, unit, form, nama_form="ubah_form", judul="Perubahan unit", simpan=simpan)


@login_required
@require_http_methods(["GET", "POST"])
def unit_sub_create(request, pk):
    unit = _unit_for_admin(request.user, pk)
    form = UnitForm(_post(request), prefix="sub")

    def simpan(data):
        if not unit.aktif:
            # unitkerja_create itself does not look at the parent's state.
            raise ValidationError("Unit ini nonaktif; sub-unit baru tidak dapat ditambahkan.")
        sub = org_services.unitkerja_create(pemda_id=unit.pemda_id, parent=unit, by=request.user, **data)
        return f"Sub-unit {sub.nama} ditambahkan di bawah {unit.nama}.", _detail_url(unit, "sub-unit")

    return _tindakan(request, unit, form, nama_form="sub_form", judul="Sub-unit", simpan=simpan)


@login_required
@require_http_methods(["GET", "POST"])
def unit_pindah(request, pk):
    unit = _unit_for_admin(request.user, pk)
    form = PindahUnitForm(_post(request), prefix="pindah", units=_tujuan_pindah(unit))

    def simpan(data):
        moved = org_services.unitkerja_move(
            unit=unit, parent=data["parent"], by=request.user, alasan=data["alasan"]
        )
        tempat = f"ke bawah {data['parent'].nama}" if data["parent"] else "ke tingkat teratas"
        return f"{moved.nama} beserta sub-unitnya dipindahkan {tempat}.", _detail_url(moved)

    return _tindakan(request, unit, form, nama_form="pindah_form", judul="Pemindahan unit", simpan=simpan)


@login_required
@require_http_methods(["GET", "POST"])
def unit_nonaktifkan(request, pk):
    unit = _unit_for_admin(request.user, pk)
    form = NonaktifkanUnitForm(_post(request), prefix="nonaktif")

    def simpan(data):
        closed = org_services.unitkerja_nonaktifkan(unit=unit, by=request.user, alasan=data["alasan"])
        return f"Unit {closed.nama} dinonaktifkan.", _detail_url(closed)

    return _tindakan(request, unit, form, nama_form="nonaktif_form", judul="Penonaktifan unit", simpan=simpan)


@login_required
@require_http_methods(["GET", "POST"])
def jabatan_create(request, pk):
    unit = _unit_for_admin(request.user, pk)
    form = JabatanForm(_post(request), prefix="jabatan")

    def simpan(data):
        jabatan = org_services.jabatan_create(unit=unit, by=request.user, **data)
        return f"Jabatan {jabatan.nama} ditambahkan.", _detail_url(unit, "jabatan")

    return _tindakan(request, unit, form, nama_form="jabatan_form", judul="Jabatan", simpan=simpan)


@login_required
@require_http_methods(["GET", "POST"])
def jabatan_update(request, pk):
    jabatan = _jabatan_for_admin(request.user, pk)
    form = JabatanUbahForm(_post(request), prefix="jabatan_ubah")

    def simpan(data):
        baru = org_services.jabatan_update(jabatan=jabatan, by=request.user, **data)
        return f"Jabatan {baru.nama} disimpan.", _detail_url(jabatan.unit, "jabatan")

    return _tindakan(
        request,
        jabatan.unit,
        form,
        nama_form="jabatan_ubah_form",
        judul="Perubahan jabatan",
        simpan=simpan,
        jabatan_ubah=jabatan,
    )
