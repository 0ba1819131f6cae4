"""Pages of the admin area of evaluasi (issue 5)."""

urlpatterns = []
