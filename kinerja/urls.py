from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kinerja.auth import GantiPasswordView, NIPAuthenticationForm
from kinerja.views import beranda, delegasi, impor, org, pegawai, pengaturan

urlpatterns = [
    path("", beranda.beranda, name="beranda"),
    # Accounts
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=NIPAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/ganti-password/", GantiPasswordView.as_view(), name="password_change"),
    path(
        "akun/ganti-password/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/lupa-password/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-password/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "akun/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    # Org tree (BKPSDM; read by everyone of the Pemda)
    path("unit/", org.unit_list, name="unit_list"),
    path("unit/<int:pk>/", org.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/anak/", org.unit_children, name="unit_children"),
    path("unit/baru/", org.unit_create, name="unit_create"),
    path("unit/<int:pk>/ubah/", org.unit_update, name="unit_update"),
    path("unit/<int:pk>/sub-unit/", org.unit_sub_create, name="unit_sub_create"),
    path("unit/<int:pk>/pindah/", org.unit_pindah, name="unit_pindah"),
    path("unit/<int:pk>/nonaktifkan/", org.unit_nonaktifkan, name="unit_nonaktifkan"),
    path("unit/<int:pk>/jabatan/baru/", org.jabatan_create, name="jabatan_create"),
    path("jabatan/<int:pk>/ubah/", org.jabatan_update, name="jabatan_update"),
    # Pegawai
    path("pegawai/", pegawai.pegawai_list, name="pegawai_list"),
    path("pegawai/impor/", impor.pegawai_impor, name="pegawai_impor"),
    path("pegawai/ekspor/<str:fmt>/", impor.pegawai_ekspor, name="pegawai_ekspor"),
    path("pegawai/baru/", pegawai.pegawai_tambah, name="pegawai_tambah"),
    path("pegawai/<int:pk>/", pegawai.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<int:pk>/ubah/", pegawai.pegawai_ubah, name="pegawai_ubah"),
    path("pegawai/<int:pk>/reset-password/", pegawai.pegawai_reset_password, name="pegawai_reset_password"),
    path(
        "pegawai/<int:pk>/koreksi-penilai/", pegawai.pegawai_koreksi_penilai, name="pegawai_koreksi_penilai"
    ),
    path("pegawai/<int:pk>/mutasi/", pegawai.pegawai_mutasi, name="pegawai_mutasi"),
    path("pegawai/<int:pk>/status/", pegawai.pegawai_status, name="pegawai_status"),
    # Plt./Plh.
    path("delegasi/", delegasi.delegasi_list, name="delegasi_list"),
    path("delegasi/baru/", delegasi.delegasi_create, name="delegasi_create"),
    path("delegasi/<int:pk>/cabut/", delegasi.delegasi_cabut, name="delegasi_cabut"),
    # Pemda settings
    path("pengaturan/", pengaturan.pengaturan, name="pengaturan"),
    path("pengaturan/hari-libur/", pengaturan.hari_libur_tambah, name="hari_libur_tambah"),
    path("pengaturan/hari-libur/<int:pk>/hapus/", pengaturan.hari_libur_hapus, name="hari_libur_hapus"),
    path("pemda/logo/", pengaturan.logo, name="pemda_logo"),
    # API
    path("skp/", include("skp.urls")),
    path("pelaksanaan/", include("umpanbalik.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("tenggat/", include("tenggat.urls")),
    path("cetak/", include("cetak.urls")),
    path("", include("dokumen.urls")),
    path("api/", include("kinerja.api_urls")),
    path("admin/", admin.site.urls),
]
