"""API of the lonceng area of tenggat (issue 6)."""

ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = []
