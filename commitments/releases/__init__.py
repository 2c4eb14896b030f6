"""NATO's yearly release, "Defence Expenditure of NATO Countries (2014–20XX)", as NATO
publishes it: an Excel workbook, or the same tables as CSV.

Pure reading, no database: `sheets` turns the file into grids of cells, `names` matches
NATO's names of allies and aggregates (English and French) to codes, `tables` finds each
table by its header row of years and reads its figures. `loading` (which does use the
database) compares them with the editions already loaded and writes them.
"""

from .sheets import ReleaseError

__all__ = ["ReleaseError"]
