"""Cross-Pemda route objects of the cetak area: route name -> lambda world: a Sumedang object."""

from tests.factories import BimbinganFactory, LaporanPerilakuFactory, SkpFactory


def _skp(world):
    if not hasattr(world, "cetak_skp"):
        world.cetak_skp = SkpFactory(
            pemda=world.sumedang,
            pegawai=world.pegawai,
            penilai=world.penilai,
            status="ditetapkan",
            ditetapkan_sebagai="penilai",
        )
    return world.cetak_skp


def _bimbingan(world):
    return BimbinganFactory(
        pemda=world.sumedang, skp=_skp(world), jenis="coaching", pembina=world.users.penilai
    )


def _laporan(world):
    return LaporanPerilakuFactory(pemda=world.sumedang, skp=_skp(world), pelapor=world.users.penilai)


AKSI = ("", "_terbitkan", "_tanda_tangan")
AKSI_API = ("-pdf", "-terbitkan", "-tanda-tangan")

OBJEK = {
    **{f"cetak_b_1_2{a}": _skp for a in AKSI},
    "cetak_rekaman": _skp,
    "rekaman_terbitkan": _skp,
    "rekaman_tanda_tangan": _skp,
    **{f"cetak_bimbingan{a}": _bimbingan for a in AKSI},
    **{f"cetak_laporan_perilaku{a}": _laporan for a in AKSI},
    **{f"api:skp-b-1-2{a}": _skp for a in AKSI_API},
    **{f"api:skp-rekaman{a}": _skp for a in AKSI_API},
    **{f"api:bimbingan-cetak{a}": _bimbingan for a in AKSI_API},
    **{f"api:laporan-perilaku-cetak{a}": _laporan for a in AKSI_API},
}
