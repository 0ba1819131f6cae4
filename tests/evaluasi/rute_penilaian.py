"""Cross-Pemda route objects of the penilaian area: route name -> lambda world: a Sumedang object."""

from tests.factories import EvaluasiFactory, PeriodeEvaluasiFactory


def _periode(world):
    return PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="bulanan", nomor=3, tahun=2026)


def _evaluasi(world):
    """An unrated evaluation of the Sumedang Pegawai, rated by the world's Penilai."""
    return EvaluasiFactory(
        pemda=world.sumedang,
        periode=_periode(world),
        pegawai=world.pegawai,
        penilai=world.penilai,
        atasan_penilai=world.atasan,
        unit=world.seksi,
    )


OBJEK = {
    "evaluasi_penilai_capaian": _periode,
    "evaluasi_detail": _evaluasi,
    "evaluasi_nilai": _evaluasi,
    "evaluasi_tandatangani": _evaluasi,
    "evaluasi_tandatangani_pegawai": _evaluasi,
    "evaluasi_pakai_sebelumnya": _evaluasi,
    "api:evaluasi-detail": _evaluasi,
    "api:evaluasi-nilai": _evaluasi,
    "api:evaluasi-tandatangani": _evaluasi,
    "api:evaluasi-tandatangani-pegawai": _evaluasi,
    "api:evaluasi-pakai-hasil-sebelumnya": _evaluasi,
}
