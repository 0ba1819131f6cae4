"""Pages of the tindak_lanjut area of evaluasi (issue 5)."""

urlpatterns = []
