"""Routes of SKP planning (issue 3)."""

urlpatterns = []
