"""The sheet layout BEA's two workbooks share (:mod:`.workbook`)."""
