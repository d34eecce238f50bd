"""The Excel intake workbook: a blank Danish form, and a case exported into it.

Reading a filled workbook back is a source like a case folder (``docpipe.sources.workbook``, with
the sheet and cell of every value, laid out by ``sources.workbook_layout``), so the ordinary
validation runs unchanged and the model never reaches up into this package. ``writer`` makes the
workbook from the same layout.
"""

from docpipe.intake.writer import blank_workbook, export_case

__all__ = ["blank_workbook", "export_case"]
