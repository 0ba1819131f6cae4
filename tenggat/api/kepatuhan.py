"""API of the kepatuhan area of tenggat (issue 6)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
