"""API of the umpan_balik area: ROUTES = [(prefix, viewset, basename)], EXTRA_URLS = [path(...)]."""

ROUTES = []
EXTRA_URLS = []
