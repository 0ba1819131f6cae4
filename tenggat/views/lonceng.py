"""Pages of the lonceng area of tenggat (issue 6)."""

urlpatterns = []
