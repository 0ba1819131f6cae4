"""Deadlines of the evaluation (issue 5 windows): filled in by its own module."""

PENYEDIA = []
