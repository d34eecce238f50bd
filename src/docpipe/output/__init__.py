"""Safe, atomic writes of what was rendered, the manifest of a run, and PDF copies."""

from docpipe.output.write import (
    case_output_dir,
    remove_stale_temporaries,
    safe_folder_name,
    write_atomically,
)

__all__ = [
    "case_output_dir",
    "remove_stale_temporaries",
    "safe_folder_name",
    "write_atomically",
]
