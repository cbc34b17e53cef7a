"""Rendering: blocks (``model``: Chapter, Table, Chart, Text) → HTML, SVG and CSV.

The blocks themselves (``model``), data text in Markdown (``markup``), HTML fragments from
``templates/`` (``templating``, autoescaped), the chart theme (``theme``), charts and their lean
SVG (``charts``, ``linechart``, ``svg_lean``), tables and their CSV (``tables``, ``table_csv``),
and where things are on the site (``urls``). Knows nothing of chapters or pages.

May import: ``tradesite.report`` and below (``releases``, ``schema``, ``paths``); never another
package of ``site/``.
"""
