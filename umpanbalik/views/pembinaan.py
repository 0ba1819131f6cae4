"""Routes filled by the pembinaan area."""

urlpatterns = []
