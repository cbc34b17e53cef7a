"""From tidy tables to pages, one layer on the next (each imports only those below it):

* ``versioned/`` — the versioned site: every release as a mike version, the explorer and root files;
* ``release/`` — one release's site: its pages, home, coverage, glossary, downloads, MkDocs build;
* ``chapters/`` — one module per chapter of the report, each independent of the others;
* ``builders/`` — what chapters build with: exhibit tables, standard charts, shared pages;
* ``render/`` — blocks → HTML, SVG and CSV: the page model, templates, charts, tables, theme.
"""
