"""Penilaian dan tindak lanjut (issue 5)."""
