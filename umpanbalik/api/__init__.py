"""The REST API of pelaksanaan, umpan balik and pembinaan; each area registers its viewsets."""

from . import cetak, pembinaan, realisasi, tim, umpan_balik

AREAS = (realisasi, umpan_balik, pembinaan, tim, cetak)


def register(router):
    for area in AREAS:
        for prefix, viewset, basename in area.ROUTES:
            router.register(prefix, viewset, basename=basename)


def urlpatterns():
    return [p for area in AREAS for p in getattr(area, "EXTRA_URLS", [])]
