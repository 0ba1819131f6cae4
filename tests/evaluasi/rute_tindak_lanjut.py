"""Cross-Pemda route objects of the tindak_lanjut area: route name -> lambda world: a Sumedang object.

Also the tindak lanjut tests' builders: `hasil(...)` a result signed by the evaluator (factories, no documents:
the selectors, exports and sanctions read only the Evaluasi row), and `periode(...)`.
"""

import datetime
import itertools

from django.utils import timezone
from django_scopes import scopes_disabled

from evaluasi.models import PeriodeEvaluasi
from tests.factories import (
    EvaluasiFactory,
    LaporanBerjenjangFactory,
    PenghargaanFactory,
    PeriodeEvaluasiFactory,
    SanksiFactory,
)

_nomor = itertools.count(1)


def periode(pemda, jenis="tahunan", nomor=1, tahun=2026):
    with scopes_disabled():
        p = PeriodeEvaluasi.objects.filter(pemda=pemda, jenis=jenis, nomor=nomor, tahun=tahun).first()
    return p or PeriodeEvaluasiFactory(pemda=pemda, jenis=jenis, nomor=nomor, tahun=tahun)


def hasil(
    pegawai,
    periode_obj,
    predikat="baik",
    *,
    hasil_kerja="sesuai",
    perilaku="sesuai",
    status="selesai",
    unit=None,
    skp=None,
    **kwargs,
):
    signed = status in ("menunggu_pegawai", "selesai")
    kwargs.setdefault("ditandatangani_penilai_pada", timezone.now() if signed else None)
    return EvaluasiFactory(
        pemda=pegawai.pemda,
        periode=periode_obj,
        pegawai=pegawai,
        unit=unit,
        skp=skp,
        status=status,
        predikat=predikat if signed or status == "dinilai" else "",
        rating_hasil=hasil_kerja if predikat else "",
        rating_perilaku=perilaku if predikat else "",
        **kwargs,
    )


def _periode_baru(world):
    """A period of its own for each object (the routes test builds them all in one database)."""
    return PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="bulanan", nomor=1, tahun=2100 + next(_nomor))


def _evaluasi(world):
    return hasil(world.pegawai, _periode_baru(world), "sangat_baik", unit=world.seksi, penilai=world.penilai)


def _laporan(world):
    return LaporanBerjenjangFactory(
        pemda=world.sumedang, evaluasi=_evaluasi(world), dilaporkan_oleh=world.users.penilai
    )


def _penghargaan(world):
    return PenghargaanFactory(pemda=world.sumedang, evaluasi=_evaluasi(world), dicatat_oleh=world.users.admin)


def _sanksi(world):
    return SanksiFactory(
        pemda=world.sumedang,
        evaluasi=_evaluasi(world),
        aturan="sumedang-pppk",
        dasar="Pasal 31 ayat (2)",
        mulai=datetime.date(2027, 2, 1),
        dicatat_oleh=world.users.admin,
    )


OBJEK = {
    "evaluasi_laporkan": _evaluasi,
    "evaluasi_penghargaan_catat": _evaluasi,
    "evaluasi_sanksi_mulai": _evaluasi,
    "evaluasi_sanksi_detail": _sanksi,
    "evaluasi_sanksi_uji": _sanksi,
    "evaluasi_sanksi_selesai": _sanksi,
    "api:evaluasi-laporan-detail": _laporan,
    "api:evaluasi-penghargaan-detail": _penghargaan,
    "api:evaluasi-sanksi-detail": _sanksi,
    "api:evaluasi-sanksi-uji-kompetensi": _sanksi,
    "api:evaluasi-sanksi-selesai": _sanksi,
}
