"""Files the site serves or is built from, shipped with the package (read with importlib.resources):
the vendored Vega bundle (``vega-embed.bundle.js``, :mod:`tradesite.site.release.pages`), the
charts' layout CSS (``charts.css``, :mod:`tradesite.site.render.theme`), the series explorer's
scripts, styles and API page (``explorer/``) and the vendored world atlas (``world-atlas/``,
:mod:`tradesite.site.versioned.explorer`)."""
