"""API of the tindak_lanjut area of evaluasi (issue 5)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
