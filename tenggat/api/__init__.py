"""The REST API of the deadline watch; each area registers its viewsets."""

from . import kepatuhan, lonceng

AREAS = (lonceng, kepatuhan)


def register(router):
    for area in AREAS:
        for prefix, viewset, basename in area.ROUTES:
            router.register(prefix, viewset, basename=basename)


def urlpatterns():
    return [p for area in AREAS for p in getattr(area, "EXTRA_URLS", [])]
