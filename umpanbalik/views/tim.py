"""Routes filled by the tim area."""

urlpatterns = []
