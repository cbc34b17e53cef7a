"""The parts of the release PDF reader (:mod:`tradesite.readers.ft900_pdf`)."""
