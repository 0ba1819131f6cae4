"""Routes of the document engine (public verification page, downloads)."""

urlpatterns = []
