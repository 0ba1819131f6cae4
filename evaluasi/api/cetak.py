"""API of the cetak area of evaluasi (issue 5)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
