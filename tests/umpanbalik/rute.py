"""Every `<int:pk>` route of umpanbalik, with the Sumedang object an outsider must not reach."""

from . import rute_cetak, rute_pembinaan, rute_realisasi, rute_tim, rute_umpan_balik

OBJEK = {
    **rute_realisasi.OBJEK,
    **rute_umpan_balik.OBJEK,
    **rute_pembinaan.OBJEK,
    **rute_tim.OBJEK,
    **rute_cetak.OBJEK,
}
