"""Helpers of the evaluation tests: open a period, set the capaian, rate and sign as the requests would."""

from evaluasi.models import Evaluasi
from evaluasi.services import capaian as capaian_services
from evaluasi.services import penilaian, periode
from tests.conftest import PASSWORD

__all__ = ["PASSWORD", "buka", "capaian", "evaluasi_pegawai", "nilai", "sampai_ditandatangani"]


def buka(world, jenis="bulanan", nomor=3, tahun=2026, pemda=None):
    pemda = pemda or world.sumedang
    admin = world.users.admin if pemda == world.sumedang else world.users.outsider_admin
    return periode.buka_periode(pemda_id=pemda.pk, jenis=jenis, nomor=nomor, tahun=tahun, by=admin)


def capaian(world, p, unit=None, predikat="baik"):
    return capaian_services.tetapkan_capaian(
        unit=unit or world.seksi, periode=p, predikat=predikat, by=world.users.admin
    )


def evaluasi_pegawai(p, pegawai):
    return Evaluasi.objects.get(periode=p, pegawai=pegawai)


def nilai(world, ev, hasil="sesuai", perilaku="sesuai", by=None, **kwargs):
    return penilaian.nilai(
        evaluasi=ev, by=by or world.users.penilai, rating_hasil=hasil, rating_perilaku=perilaku, **kwargs
    )


def sampai_ditandatangani(world, ev, hasil="sesuai", perilaku="sesuai", by=None):
    by = by or world.users.penilai
    ev = nilai(world, ev, hasil, perilaku, by=by, catatan_rekomendasi="Pertahankan.")
    return penilaian.tandatangani_evaluator(evaluasi=ev, by=by, password=PASSWORD)
