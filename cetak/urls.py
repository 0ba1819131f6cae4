"""Routes of cetak massal (issue 7)."""

from .views import urlpatterns  # noqa: F401
