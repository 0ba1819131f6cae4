"""Routes of SKP planning (issue 3)."""

from django.urls import path

from .views import halaman, pelaksanaan, penilai, revisi

urlpatterns = [
    path("", halaman.skp_saya, name="skp_saya"),
    path("menu/", penilai.skp_menu, name="skp_menu"),
    path("menunggu/", penilai.skp_menunggu, name="skp_menunggu"),
    path("menunggu/setujui/", penilai.skp_setujui_banyak, name="skp_setujui_banyak"),
    path("teks-tersimpan/", penilai.teks_tersimpan, name="skp_teks_tersimpan"),
    path("teks-tersimpan/<int:pk>/hapus/", penilai.teks_tersimpan_hapus, name="skp_teks_tersimpan_hapus"),
    path("matriks/", penilai.matriks_saya, name="skp_matriks_saya"),
    # One SKP
    path("<int:pk>/", halaman.skp_detail, name="skp_detail"),
    path("<int:pk>/hapus/", halaman.skp_hapus, name="skp_hapus"),
    path("<int:pk>/rhk/", halaman.rhk_tambah, name="skp_rhk_tambah"),
    path("<int:pk>/ambil-rhk-pimpinan/", halaman.ambil_rhk_pimpinan, name="skp_ambil_rhk_pimpinan"),
    path("<int:pk>/salin-tahun-lalu/", halaman.salin_tahun_lalu, name="skp_salin_tahun_lalu"),
    path("<int:pk>/ajukan/", halaman.skp_ajukan, name="skp_ajukan"),
    path("<int:pk>/tanda-tangan/", halaman.skp_tanda_tangan, name="skp_tanda_tangan"),
    path("<int:pk>/pemberitahuan/baca/", halaman.pemberitahuan_baca, name="skp_pemberitahuan_baca"),
    path("<int:pk>/kembalikan/", halaman.skp_kembalikan, name="skp_kembalikan"),
    path("<int:pk>/setujui/", halaman.skp_setujui, name="skp_setujui"),
    path("<int:pk>/tetapkan/", halaman.skp_tetapkan, name="skp_tetapkan"),
    path("<int:pk>/ekspektasi-khusus/", halaman.ekspektasi_simpan, name="skp_ekspektasi"),
    path("<int:pk>/terapkan-teks/", halaman.terapkan_teks, name="skp_terapkan_teks"),
    path("<int:pk>/lampiran/", halaman.lampiran_tambah, name="skp_lampiran_tambah"),
    path("<int:pk>/revisi/", revisi.skp_revisi, name="skp_revisi"),
    path("<int:pk>/perbedaan/", revisi.skp_perbedaan, name="skp_perbedaan"),
    path("<int:pk>/matriks/", penilai.skp_matriks, name="skp_matriks"),
    # After the SKP is set: timeline, rencana aksi, printed formats
    path("<int:pk>/pelaksanaan/", pelaksanaan.skp_pelaksanaan, name="skp_pelaksanaan"),
    path("<int:pk>/timeline/kegiatan/", pelaksanaan.kegiatan_tambah, name="skp_kegiatan_tambah"),
    path("<int:pk>/timeline/ajukan/", pelaksanaan.timeline_ajukan, name="skp_timeline_ajukan"),
    path("<int:pk>/timeline/setujui/", pelaksanaan.timeline_setujui, name="skp_timeline_setujui"),
    path("<int:pk>/timeline/kembalikan/", pelaksanaan.timeline_kembalikan, name="skp_timeline_kembalikan"),
    path(
        "<int:pk>/rencana-aksi/terbitkan/",
        pelaksanaan.rencana_aksi_terbitkan,
        name="skp_rencana_aksi_terbitkan",
    ),
    path(
        "<int:pk>/rencana-aksi/tanda-tangan/",
        pelaksanaan.rencana_aksi_tanda_tangan,
        name="skp_rencana_aksi_tanda_tangan",
    ),
    path("<int:pk>/cetak/b-1-1/", pelaksanaan.cetak_rencana_aksi, name="skp_cetak_rencana_aksi"),
    path("<int:pk>/cetak/a-1-3/", pelaksanaan.cetak_manual_indikator, name="skp_cetak_manual_indikator"),
    path("<int:pk>/cetak/a-1-5/", pelaksanaan.cetak_matriks, name="skp_cetak_matriks"),
    # Rows
    path("rhk/<int:pk>/ubah/", halaman.rhk_ubah, name="skp_rhk_ubah"),
    path("rhk/<int:pk>/hapus/", halaman.rhk_hapus, name="skp_rhk_hapus"),
    path("rhk/<int:pk>/geser/", halaman.rhk_geser, name="skp_rhk_geser"),
    path("rhk/<int:pk>/iki/", halaman.iki_tambah, name="skp_iki_tambah"),
    path("iki/<int:pk>/ubah/", halaman.iki_ubah, name="skp_iki_ubah"),
    path("iki/<int:pk>/hapus/", halaman.iki_hapus, name="skp_iki_hapus"),
    path("iki/<int:pk>/manual/", pelaksanaan.manual_indikator, name="skp_manual_indikator"),
    path("rhk/<int:pk>/rencana-aksi/", pelaksanaan.rencana_aksi_tambah, name="skp_rencana_aksi_tambah"),
    path("rencana-aksi/<int:pk>/ubah/", pelaksanaan.rencana_aksi_ubah, name="skp_rencana_aksi_ubah"),
    path("rencana-aksi/<int:pk>/hapus/", pelaksanaan.rencana_aksi_hapus, name="skp_rencana_aksi_hapus"),
    path("kegiatan/<int:pk>/ubah/", pelaksanaan.kegiatan_ubah, name="skp_kegiatan_ubah"),
    path("kegiatan/<int:pk>/hapus/", pelaksanaan.kegiatan_hapus, name="skp_kegiatan_hapus"),
    path("lampiran/<int:pk>/hapus/", halaman.lampiran_hapus, name="skp_lampiran_hapus"),
]
