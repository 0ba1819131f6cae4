"""Pages of the keberatan area of evaluasi (issue 5)."""

urlpatterns = []
