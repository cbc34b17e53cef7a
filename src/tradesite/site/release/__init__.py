"""One release's site: every file MkDocs renders for one release (``/RELEASE/…``).

``pages.build_site(release)`` puts it together: the release home (``home``), the chapters
(``site/chapters/``), chapter tables and the release × chapter matrix (``coverage``), the
glossary (``glossary``), the release zip (``downloads``), release dates and ``.ics`` files
(``calendar_page``), citations (``cite``). ``build`` runs MkDocs for one release; ``pagecache``
keeps a build's generated files by the hash of every input.

May import: ``site/chapters``, ``site/builders``, ``site/render``, ``tradesite.report`` and below;
never ``site/versioned``.
"""
