"""Reading input files into plain data while remembering where each value came from."""

from docpipe.sources.document import Document, FieldPath, format_field_path
from docpipe.sources.folder import CaseSources, read_case_folder

__all__ = ["CaseSources", "Document", "FieldPath", "format_field_path", "read_case_folder"]
