"""Pages of the cetak area of evaluasi (issue 5)."""

urlpatterns = []
