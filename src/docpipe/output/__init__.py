"""Deterministic packages and safe, atomic writes."""

from docpipe.output.package import DocumentProperties, normalise_package
from docpipe.output.write import safe_folder_name, write_atomically

__all__ = ["DocumentProperties", "normalise_package", "safe_folder_name", "write_atomically"]
