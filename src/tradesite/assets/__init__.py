"""Vendored browser files (the Vega bundle), served from the site itself."""
