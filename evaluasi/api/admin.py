"""API of the admin area of evaluasi (issue 5)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
