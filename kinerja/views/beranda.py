"""Beranda: what each role needs first. Every number is a real count, in a fixed number of queries."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from kinerja.models import (
    JPT,
    Pegawai,
    Penempatan,
    PengaturanPemda,
    RiwayatStatus,
    StatusKepegawaian,
    UnitKerja,
)
from kinerja.permissions import is_admin_bkpsdm, is_kepala_daerah
from kinerja.selectors.penilai import Struktur
from kinerja.selectors.periode import berlaku

from .pegawai import tanpa_penilai_ids, with_kini


def _pejabat(pejabat, by_id):
    return {"pejabat": pejabat, "pegawai": by_id.get(pejabat.pegawai_id)} if pejabat else None


def _untuk_pegawai(user, struktur, today):
    pegawai = with_kini(Pegawai.objects.filter(pk=user.pegawai_id), today).get()
    rantai = struktur.rantai(pegawai.pk)
    bawahan_ids = struktur.dinilai_oleh(pegawai.pk)
    pejabat_ids = [p.pegawai_id for p in (rantai.penilai, rantai.atasan_penilai) if p and p.pegawai_id]
    by_id = {p.pk: p for p in with_kini(Pegawai.objects.filter(pk__in=pejabat_ids), today)}
    return {
        "pegawai": pegawai,
        "kini": pegawai.penempatan_kini[0] if pegawai.penempatan_kini else None,
        "rantai": rantai,
        "penilai": _pejabat(rantai.penilai, by_id),
        "atasan_penilai": _pejabat(rantai.atasan_penilai, by_id),
        "bawahan": list(with_kini(Pegawai.objects.filter(pk__in=bawahan_ids), today).order_by("nama")),
    }


def _untuk_admin(pemda_id, struktur, today):
    asn = Pegawai.objects.aggregate(
        total=Count("pk"),
        pns=Count("pk", filter=Q(jenis_asn="PNS")),
        pppk=Count("pk", filter=Q(jenis_asn="PPPK")),
    )
    per_status = dict(
        berlaku(RiwayatStatus.objects.all(), today)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pegawai", distinct=True))
    )
    tidak_aktif = berlaku(RiwayatStatus.objects.all(), today).values("pegawai").distinct().count()
    labels = dict(StatusKepegawaian.choices)
    return {
        "jumlah_unit": UnitKerja.objects.filter(aktif=True).count(),
        "asn": asn,
        "status": [("aktif", "Aktif", asn["total"] - tidak_aktif)]
        + [(kode, labels[kode], per_status[kode]) for kode in labels if per_status.get(kode)],
        "tanpa_penilai": len(tanpa_penilai_ids(pemda_id, struktur)),
    }


def _untuk_kepala_daerah(today):
    return {
        "jpt": berlaku(Penempatan.objects.filter(jabatan__jenis__in=list(JPT)), today)
        .values("pegawai")
        .distinct()
        .count(),
        "perangkat_daerah": UnitKerja.objects.filter(parent__isnull=True, aktif=True).count(),
        "pengaturan": PengaturanPemda.objects.only("jabatan_kepala_daerah").first(),
    }


@login_required
def beranda(request):
    if request.pemda_id is None:
        return redirect("admin:index") if request.user.is_superuser else redirect("logout")
    user = request.user
    today = timezone.localdate()
    struktur = None
    if user.pegawai_id or is_admin_bkpsdm(user):
        struktur = Struktur.for_pemda(pemda_id=request.pemda_id, tanggal=today)
    ctx = {"today": today}
    if user.pegawai_id:
        ctx["saya"] = _untuk_pegawai(user, struktur, today)
        ctx["pengaturan"] = PengaturanPemda.objects.only(
            "jabatan_kepala_daerah", "nama_kepala_daerah"
        ).first()
    if is_admin_bkpsdm(user):
        ctx["admin"] = _untuk_admin(request.pemda_id, struktur, today)
    if is_kepala_daerah(user):
        ctx["kd"] = _untuk_kepala_daerah(today)
    return render(request, "kinerja/beranda.html", ctx)
