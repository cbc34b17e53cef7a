"""The parts of the Census exhibit workbook reader (:mod:`tradesite.readers.census_exhibit`)."""
