"""API of the cetak area: ROUTES = [(prefix, viewset, basename)], EXTRA_URLS = [path(...)]."""

ROUTES = []
EXTRA_URLS = []
