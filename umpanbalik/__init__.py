"""Pelaksanaan, umpan balik dan pembinaan (issue 4)."""
