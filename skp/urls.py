"""Routes of SKP planning (issue 3)."""

from django.urls import path

from .views import halaman, penilai, revisi

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
    # Rows
    path("rhk/<int:pk>/ubah/", halaman.rhk_ubah, name="skp_rhk_ubah"),
    path("rhk/<int:pk>/hapus/", halaman.rhk_hapus, name="skp_rhk_hapus"),
    path("rhk/<int:pk>/geser/", halaman.rhk_geser, name="skp_rhk_geser"),
    path("rhk/<int:pk>/iki/", halaman.iki_tambah, name="skp_iki_tambah"),
    path("iki/<int:pk>/ubah/", halaman.iki_ubah, name="skp_iki_ubah"),
    path("iki/<int:pk>/hapus/", halaman.iki_hapus, name="skp_iki_hapus"),
    path("lampiran/<int:pk>/hapus/", halaman.lampiran_hapus, name="skp_lampiran_hapus"),
]
