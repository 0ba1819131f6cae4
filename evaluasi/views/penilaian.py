"""Pages of the penilaian area of evaluasi (issue 5)."""

urlpatterns = []
