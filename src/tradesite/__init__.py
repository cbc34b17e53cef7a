"""tradesite: the FT-900 trade report as a versioned documentation site.

Data flows one way: raw official files -> tidy tables (``ingest``) -> chapter
pages (``site``) -> versioned site (``mike``).
"""

__version__ = "0.1.0"
