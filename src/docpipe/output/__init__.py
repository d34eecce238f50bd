"""Deterministic packages and safe, atomic writes."""

from docpipe.output.package import DocumentProperties, normalise_package
from docpipe.output.write import (
    case_output_dir,
    remove_stale_temporaries,
    safe_folder_name,
    write_atomically,
)

__all__ = [
    "DocumentProperties",
    "case_output_dir",
    "normalise_package",
    "remove_stale_temporaries",
    "safe_folder_name",
    "write_atomically",
]
