"""The org tree: top-level Perangkat Daerah, expandable with HTMX, and one unit's page. Everyone of the
Pemda may read it."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone

from kinerja.models import DelegasiPimpinan, Pegawai, Penempatan, UnitKerja
from kinerja.permissions import get_unit_for_user, sees_all_pegawai

from .pegawai import berlaku, with_kini


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
    today = timezone.localdate()
    top = _with_info(
        UnitKerja.objects.filter(parent__isnull=True, aktif=True).order_by("kode", "nama"), today
    )
    return render(
        request,
        "kinerja/unit_list.html",
        {"rows": _tree_rows(top, today), "jumlah_unit": UnitKerja.objects.filter(aktif=True).count()},
    )


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
    unit = get_unit_for_user(request.user, pk)
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
    leluhur = UnitKerja.objects.filter(pk__in=unit.ancestor_ids[:-1]).order_by("depth")
    return render(
        request,
        "kinerja/unit_detail.html",
        {
            "unit": unit,
            "leluhur": leluhur,
            "pimpinan": _pimpinan([unit.pk], today)[unit.pk],
            "jabatan": jabatan,
            "anak": _tree_rows(
                _with_info(unit.children.filter(aktif=True).order_by("kode", "nama"), today), today
            ),
            "page": page,
            "sees_all": sees_all_pegawai(request.user),
        },
    )
