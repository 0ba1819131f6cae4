"""Web pages of SKP planning (issue 3), over skp.services and skp.selectors."""
