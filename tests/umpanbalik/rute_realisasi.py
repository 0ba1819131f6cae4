"""Cross-Pemda route objects of the realisasi area: route name -> lambda world: a Sumedang object."""

from tests.factories import (
    BuktiDukungFactory,
    CatatanHarianFactory,
    IkiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
)


def _skp(world):
    if not hasattr(world, "realisasi_skp"):
        world.realisasi_skp = SkpFactory(
            pemda=world.sumedang,
            pegawai=world.pegawai,
            penilai=world.penilai,
            status="ditetapkan",
            ditetapkan_sebagai="penilai",
        )
    return world.realisasi_skp


def _iki(world):
    if not hasattr(world, "realisasi_iki"):
        rhk = RhkFactory(pemda=world.sumedang, skp=_skp(world))
        world.realisasi_iki = IkiFactory(pemda=world.sumedang, rhk=rhk, target_angka=4, target_satuan="modul")
    return world.realisasi_iki


def _realisasi(world):
    if not hasattr(world, "realisasi_realisasi"):
        world.realisasi_realisasi = RealisasiFactory(
            pemda=world.sumedang, iki=_iki(world), dibuat_oleh=world.users.pegawai
        )
    return world.realisasi_realisasi


def _bukti(world):
    return BuktiDukungFactory(
        pemda=world.sumedang, realisasi=_realisasi(world), dibuat_oleh=world.users.pegawai
    )


def _catatan(world):
    return CatatanHarianFactory(pemda=world.sumedang, skp=_skp(world), pegawai=world.pegawai)


OBJEK = {
    "realisasi_skp": _skp,
    "realisasi_catat": _iki,
    "realisasi_tarik_catatan": _iki,
    "realisasi_riwayat": _realisasi,
    "bukti_tambah": _realisasi,
    "bukti_unduh": _bukti,
    "bukti_hapus": _bukti,
    "catatan_harian_ubah": _catatan,
    "catatan_harian_hapus": _catatan,
    "api:catatan-harian-detail": _catatan,
    "api:realisasi-detail": _realisasi,
    "api:bukti-detail": _bukti,
    "api:bukti-unduh": _bukti,
}
