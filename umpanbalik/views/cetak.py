"""Routes filled by the cetak (documents) area."""

urlpatterns = []
