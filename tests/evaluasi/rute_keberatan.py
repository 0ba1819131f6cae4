"""Cross-Pemda route objects of the keberatan area: route name -> lambda world: a Sumedang object."""

from tests.factories import EvaluasiFactory, KeberatanFactory

AKSI = (
    "minta_penjelasan",
    "beri_penjelasan",
    "minta_keterangan",
    "beri_keterangan",
    "putuskan",
    "tandatangani",
)
AKSI_API = (
    "detail",
    "minta-penjelasan",
    "beri-penjelasan",
    "minta-keterangan",
    "beri-keterangan",
    "putuskan",
    "tandatangani",
)


def _evaluasi(world):
    return EvaluasiFactory(pemda=world.sumedang, pegawai=world.pegawai, status="menunggu_pegawai")


def _keberatan(world):
    return KeberatanFactory(pemda=world.sumedang, evaluasi=_evaluasi(world))


OBJEK = {
    "keberatan_ajukan": _evaluasi,
    "keberatan_detail": _keberatan,
    **{f"keberatan_{nama}": _keberatan for nama in AKSI},
    **{f"api:keberatan-{nama}": _keberatan for nama in AKSI_API},
}
