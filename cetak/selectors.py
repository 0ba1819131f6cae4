"""Reads of cetak massal: one lookup per object kind, 404 for what the user may not see (another Pemda's job
looks like a job that does not exist)."""

from django.http import Http404

from evaluasi.models import PeriodeEvaluasi
from kinerja.models import UnitKerja

from .models import KelompokCetak, PekerjaanCetak
from .services import pekerjaan_visible_to


def daftar_pekerjaan(user, batas: int = 50):
    return list(
        pekerjaan_visible_to(user)
        .select_related("periode", "unit", "dibuat_oleh")
        .order_by("-dibuat_pada", "-pk")[:batas]
    )


def get_pekerjaan_for_user(user, pk) -> PekerjaanCetak:
    try:
        return pekerjaan_visible_to(user).select_related("periode", "unit", "penilai").get(pk=pk)
    except (PekerjaanCetak.DoesNotExist, ValueError, TypeError):
        raise Http404("Pekerjaan cetak tidak ditemukan.") from None


def get_kelompok_for_user(user, pk) -> KelompokCetak:
    try:
        return KelompokCetak.objects.select_related("pekerjaan").get(
            pk=pk, pekerjaan__in=pekerjaan_visible_to(user)
        )
    except (KelompokCetak.DoesNotExist, ValueError, TypeError):
        raise Http404("Berkas tidak ditemukan.") from None


def kelompok_pekerjaan(pekerjaan: PekerjaanCetak) -> list[KelompokCetak]:
    return list(KelompokCetak.objects.filter(pekerjaan=pekerjaan).order_by("nama", "pk"))


def pilihan_periode():
    return PeriodeEvaluasi.objects.order_by("-tahun", "jenis", "-nomor")


def pilihan_unit():
    return UnitKerja.objects.filter(aktif=True).order_by("path")
