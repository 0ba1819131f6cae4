"""Cross-Pemda route objects of the cetak area: route name -> lambda world: a Sumedang object."""

from tests.factories import EvaluasiFactory, PeriodeEvaluasiFactory


def _evaluasi(world):
    if not hasattr(world, "cetak_evaluasi"):
        periode = PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="bulanan", nomor=2, tahun=2026)
        world.cetak_evaluasi = EvaluasiFactory(
            pemda=world.sumedang,
            periode=periode,
            pegawai=world.pegawai,
            penilai=world.penilai,
            atasan_penilai=world.atasan,
            unit=world.seksi,
        )
    return world.cetak_evaluasi


JENIS = ("hasil", "dokumen", "keberatan", "bundel")

OBJEK = {
    **{f"evaluasi_cetak_{j}": _evaluasi for j in JENIS},
    **{f"api:evaluasi-pdf-{j}": _evaluasi for j in JENIS},
    "api:evaluasi-dokumen": _evaluasi,
}
