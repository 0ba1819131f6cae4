"""Every `<int:pk>` route of cetak massal, with the Sumedang object an outsider must not reach."""

from django_scopes import scopes_disabled


def _pekerjaan(world):
    """A Sumedang print run (BKPSDM's) with one ready group."""
    if not hasattr(world, "cetak_pekerjaan"):
        from cetak.models import KelompokCetak, PekerjaanCetak
        from tests.factories import PeriodeEvaluasiFactory

        periode = PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="tahunan", nomor=1, tahun=2026)
        with scopes_disabled():
            pekerjaan = PekerjaanCetak.objects.create(
                pemda=world.sumedang,
                periode=periode,
                lingkup="pemda",
                jumlah=1,
                dibuat_oleh=world.users.admin,
            )
            kelompok = KelompokCetak.objects.create(
                pemda=world.sumedang,
                pekerjaan=pekerjaan,
                kunci=f"pd-{world.dinas.pk}",
                nama=world.dinas.nama,
                jumlah=1,
                siap=True,
                berkas="cetak/tidak-ada.zip",
            )
        world.cetak_pekerjaan = (pekerjaan, kelompok)
    return world.cetak_pekerjaan


def _job(world):
    return _pekerjaan(world)[0]


def _kelompok(world):
    return _pekerjaan(world)[1]


OBJEK = {
    "cetak_detail": _job,
    "cetak_progres": _job,
    "cetak_lanjutkan": _job,
    "cetak_unduh": _kelompok,
    "api:cetak-detail": _job,
    "api:cetak-lanjutkan": _job,
    "api:cetak-unduh": _kelompok,
}
