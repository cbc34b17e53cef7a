"""The versioned site: every release as a mike version, and the files at its root.

``versions`` builds and publishes every release (each with ``site/release``), then the root:
the series explorer and static API (``explorer/``), ``feed.xml``, ``sitemap.xml`` and
``calendar.ics`` (``feeds``), search of every release (``search_all``), what later releases
revised (``revised_since``), theme files shared by every version (``shared_assets``); a build's
progress on the terminal (``progress``); ``serve`` serves it on 127.0.0.1.

May import: everything else in ``site/`` and below; only the command line imports it.
"""
