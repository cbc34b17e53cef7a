"""The one engine for exhibit tables: what every format's reader shares.

A Census workbook, the release PDF and BEA's workbooks print the same kinds of tables, so
what their cells mean is decided here once; each format's reader only finds the cells
(:mod:`..census_exhibit`, :mod:`..ft900_pdf`, :mod:`..bea_timeseries`, :mod:`..bea_geo`).

* :mod:`.text` labels as printed: whitespace collapsed, a word broken over two lines
  joined ('Net Adjust- ments'), footnote markers ' (1)' and trailing '*' removed, '(R)'.
* :mod:`.periods` periods in row labels ('2021' then 'August', 'Jan. - Aug.',
  'July data as published last month:'), in headings ('Year-to-Date 2021', 'First Quarter
  2020', 'Annual 2018') and in BEA's rows ('1992 Jan', '2024 4 (R)').
* :mod:`.markers` cells and printed words that carry a status instead of, or beside, a
  number ('(X)', '(-)', 'n.a.', '(D)', '(R)'); an unknown marker is refused.
* :mod:`.hierarchy` the ancestors of a line item from the depth the file gives it: top
  lines, roots, groups, 'Other', memo lines.
* :mod:`.coverage` the month a file holds, checked against the release it is filed under
  (run on every file by :func:`tradesite.readers.read`), and the account of every numeric
  cell a reader met: kept, or skipped for a reason written there.

Conventions every reader follows (the tidy columns are :mod:`tradesite.schema`'s):

* Empty cells ('' or ' ': the months still to come) are not values and are skipped; a
  marker gives a row with an empty value and its status.
* ``vintage`` ``as_published_last_month``: the row after "July data as published last
  month:", dated by the latest July printed above it.
* ``status`` ``R``: '(R)' in a period label ('July (R)'), a column heading ('2021 (R)'), a
  cell of its own left of the value (exh14, exh15, exh19) or after the value to its left (the
  PDF) marks the value(s) it names.
* ``line_item``: the label as printed (:func:`.text.clean`). Labels differ between exhibits
  as printed ('Total, Census Basis' in exh7/8, 'Total Census Basis' in exh5/6/12/13/14): use
  ``basis`` and ``level`` to find a total, not the wording.
* ``hierarchy``: ancestors joined by `` › `` ending with the line item; ``level`` = number of
  ancestors (:mod:`.hierarchy`).
"""
