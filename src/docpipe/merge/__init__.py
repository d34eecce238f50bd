"""Mail merge: one Word document per row of a list, from a template the user already has.

People who own a Word template (docxtpl's tag language) and a spreadsheet with one row per
municipality or recipient want one document per row, named after the row, without learning
docpipe's case format. This package is that job as a library; ``docpipe merge`` only parses
arguments and prints. The promises, and where they are kept:

- **Nothing half-done** (run): the template, the name pattern and the data file are read and
  checked before anything is written; each document is rendered to bytes first and written
  atomically, so a failing row leaves no file behind.
- **The list is read like a case file** (read, table): size limits, UTF-8 only, YAML and JSON
  through docpipe.sources' hardened readers (alias bombs, tags, deep nesting, duplicate keys),
  workbooks through sources.zipguard (zip bombs, DTDs); a refusal names the file, line and field.
- **One bad row does not stop the others** (row): a row whose values the template cannot use is
  reported with its row number and, when known, the field, and the merge goes on.
- **Row numbers as the user sees them** (rows): the spreadsheet row for .xlsx and .csv, the
  1-based position in the list for .json and .yaml.
- **Every field is reachable** (rows): each row is also given whole as ``row``:
  ``{{ row["Navn på kommune"] }}``.
- **Safe, unique file names** (names, and docpipe.output.names for the rules).
"""

from docpipe.merge.errors import DataError, NamePatternError
from docpipe.merge.names import UniqueNames, compile_name_pattern, document_file_name
from docpipe.merge.read import DATA_SUFFIXES, read_rows
from docpipe.merge.result import DOCX, MergeResult, Progress, RowResult, Status
from docpipe.merge.rows import Row, row_context
from docpipe.merge.run import merge
from docpipe.merge.table import detect_delimiter
from docpipe.output.names import MAX_NAME_BYTES, safe_file_name
from docpipe.output.pdf import LIBREOFFICE_HINT, find_soffice

__all__ = [
    "DATA_SUFFIXES",
    "DOCX",
    "LIBREOFFICE_HINT",
    "MAX_NAME_BYTES",
    "DataError",
    "MergeResult",
    "NamePatternError",
    "Progress",
    "Row",
    "RowResult",
    "Status",
    "UniqueNames",
    "compile_name_pattern",
    "detect_delimiter",
    "document_file_name",
    "find_soffice",
    "merge",
    "read_rows",
    "row_context",
    "safe_file_name",
]
