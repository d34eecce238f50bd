"""docpipe's Excel engine: a template prepared once, filled per case, written straight as XML."""

from docpipe.sheet.fill import BookFill, CellValue, SheetFill
from docpipe.sheet.template import WorkbookTemplate

__all__ = ["BookFill", "CellValue", "SheetFill", "WorkbookTemplate"]
