"""Pages of the kepatuhan area of tenggat (issue 6)."""

urlpatterns = []
