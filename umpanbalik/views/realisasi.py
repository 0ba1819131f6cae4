"""Routes filled by the realisasi area."""

urlpatterns = []
