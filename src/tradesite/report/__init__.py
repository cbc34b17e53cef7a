"""The site's data layer: between the tidy tables and the chapters.

A release's frames and lookups (:mod:`.frames`), the report's vocabulary (:mod:`.vocabulary`),
numbers and sentences the release's way (:mod:`.numbers`, :mod:`.words`), the one headline
(:mod:`.headline`), the one source line (:mod:`.provenance`), what each chapter needs and how
much of it a release holds (:mod:`.coverage`), the site's releases (:mod:`.catalog`), the
release's text (:mod:`.notes`) and its revisions and vintages (:mod:`.revisions`).
Periods are :mod:`tradesite.periods`. Chapters import from here, never from each other.
"""
