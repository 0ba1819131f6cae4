"""Routes of the REST API, included at /api/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from kinerja import api

app_name = "api"

router = SimpleRouter()
router.register("unit-kerja", api.UnitKerjaViewSet, basename="unit-kerja")
router.register("pegawai", api.PegawaiViewSet, basename="pegawai")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="token"),
    path("pemda/", api.PemdaView.as_view(), name="pemda"),
    path("pengaturan/", api.PengaturanView.as_view(), name="pengaturan"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]
