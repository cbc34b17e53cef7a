"""What chapters build with: tables laid out as the exhibits print them (:mod:`.layouts`),
the charts several chapters draw (:mod:`.figures`), and the pages twin chapters share
(:mod:`.totals`, :mod:`.end_use`, :mod:`.services`). Builders read the data layer
(:mod:`tradesite.report`) and return page blocks (:mod:`tradesite.site.render.model`); they
never import a chapter."""
