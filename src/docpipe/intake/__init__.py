"""The Excel intake workbook: a blank Danish form, a case exported into it, and reading it back.

``layout`` defines the sheets and columns once; ``writer`` makes the workbook from it and
``reader`` turns a filled workbook into the same four part documents a case folder gives, with the
sheet and cell of every value, so the ordinary validation runs unchanged.
"""

from docpipe.intake.reader import read_workbook
from docpipe.intake.writer import blank_workbook, export_case

__all__ = ["blank_workbook", "export_case", "read_workbook"]
