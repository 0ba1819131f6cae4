"""Models arrive with the document engine (issue 3)."""
