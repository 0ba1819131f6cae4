"""API of the keberatan area of evaluasi (issue 5)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
