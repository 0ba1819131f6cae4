"""Perencanaan kinerja: SKP (issue 3)."""
