"""From tidy tables to pages: chapters, charts, tables, narrative, versions."""
