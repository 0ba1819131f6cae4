"""Routes filled by the umpan_balik area."""

urlpatterns = []
