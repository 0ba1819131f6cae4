"""The REST API of evaluasi and tindak lanjut; each area registers its viewsets."""

from . import admin, cetak, keberatan, penilaian, tindak_lanjut

AREAS = (penilaian, admin, keberatan, tindak_lanjut, cetak)


def register(router):
    for area in AREAS:
        for prefix, viewset, basename in area.ROUTES:
            router.register(prefix, viewset, basename=basename)


def urlpatterns():
    return [p for area in AREAS for p in getattr(area, "EXTRA_URLS", [])]
