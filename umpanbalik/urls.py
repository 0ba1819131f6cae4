"""Routes of pelaksanaan, umpan balik and pembinaan (issue 4), one list per area."""

from .views import cetak, pembinaan, realisasi, tim, umpan_balik

urlpatterns = [
    *realisasi.urlpatterns,
    *umpan_balik.urlpatterns,
    *pembinaan.urlpatterns,
    *tim.urlpatterns,
    *cetak.urlpatterns,
]
