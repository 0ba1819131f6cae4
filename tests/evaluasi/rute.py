"""Every `<int:pk>` route of evaluasi, with the Sumedang object an outsider must not reach."""

from . import rute_admin, rute_cetak, rute_keberatan, rute_penilaian, rute_tindak_lanjut

OBJEK = {
    **rute_penilaian.OBJEK,
    **rute_admin.OBJEK,
    **rute_keberatan.OBJEK,
    **rute_tindak_lanjut.OBJEK,
    **rute_cetak.OBJEK,
}
