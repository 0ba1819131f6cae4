"""Routes of the REST API, included at /api/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from cetak import api as cetak_api
from evaluasi import api as evaluasi_api
from kinerja import api
from skp import api as skp_api
from tenggat import api as tenggat_api
from umpanbalik import api as umpanbalik_api

app_name = "api"

router = SimpleRouter()
router.register("unit-kerja", api.UnitKerjaViewSet, basename="unit-kerja")
router.register("pegawai", api.PegawaiViewSet, basename="pegawai")
router.register("skp", skp_api.SkpViewSet, basename="skp")
router.register("rhk", skp_api.RhkViewSet, basename="rhk")
router.register("iki", skp_api.IkiViewSet, basename="iki")
router.register("lampiran", skp_api.LampiranViewSet, basename="lampiran")
router.register("kegiatan-timeline", skp_api.KegiatanTimelineViewSet, basename="kegiatan-timeline")
router.register("rencana-aksi", skp_api.RencanaAksiViewSet, basename="rencana-aksi")
router.register("teks-tersimpan", skp_api.TeksTersimpanViewSet, basename="teks-tersimpan")
router.register("pemberitahuan", skp_api.PemberitahuanViewSet, basename="pemberitahuan")
umpanbalik_api.register(router)
evaluasi_api.register(router)
tenggat_api.register(router)
cetak_api.register(router)

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="token"),
    path("pemda/", api.PemdaView.as_view(), name="pemda"),
    path("pengaturan/", api.PengaturanView.as_view(), name="pengaturan"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *umpanbalik_api.urlpatterns(),
    *evaluasi_api.urlpatterns(),
    *tenggat_api.urlpatterns(),
    *cetak_api.urlpatterns(),
    *router.urls,
]
