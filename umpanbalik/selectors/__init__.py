"""Reads of pelaksanaan that need more than a one-line queryset, one module per area."""
