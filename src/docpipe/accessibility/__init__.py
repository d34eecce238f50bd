"""Is this document accessible? The rules docpipe's own deliverables are held to, for any file.

``check_accessibility(paths)`` reads Word (.docx), Excel (.xlsx) and PDF files and returns every
rule each breaks (``Finding``: the rule, the place in the document, the message in the reader's
language). docpipe's tests run it on every deliverable of every shipped case and expect no error,
so a user's own template or document gets the same verdict as docpipe's. The rules, per kind:
docpipe.accessibility.word, .excel and .pdf. What no program can decide (whether an alternative text
is meaningful, whether the reading order makes sense) is left to a person: see the README.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docpipe.accessibility.excel import check_excel
from docpipe.accessibility.findings import Finding, Severity
from docpipe.accessibility.ooxml import Package, UnreadableDocument
from docpipe.accessibility.pdf import check_pdf
from docpipe.accessibility.word import check_word
from docpipe.i18n import _

SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pdf")

__all__ = ["SUFFIXES", "Finding", "Severity", "check_accessibility", "check_file", "documents"]


def check_accessibility(paths: Iterable[Path]) -> list[Finding]:
    """The findings of every file in ``paths``, file by file in the order given; a folder stands for
    the Word, Excel and PDF files under it, in name order (``docpipe check outputs``)."""
    return [finding for path in documents(paths) for finding in check_file(path)]


def documents(paths: Iterable[Path]) -> list[Path]:
    """``paths`` with each folder replaced by the documents under it (hidden ones and Office's lock
    files ``~$...`` left out)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        found += sorted(candidate for candidate in path.rglob("*")
                        if candidate.suffix.lower() in SUFFIXES and candidate.is_file()
                        and not candidate.name.startswith(("~$", "."))
                        and not any(part.startswith(".") for part in candidate.relative_to(path).parts))
    return found


def check_file(path: Path) -> list[Finding]:
    """The findings for one file, chosen by its suffix; a file it cannot read is one error."""
    file, suffix = str(path), path.suffix.lower()
    if suffix not in SUFFIXES:
        return [Finding(file, "document", "", _("is not a Word, Excel or PDF file (.docx, .xlsx, .pdf)"))]
    if not path.is_file():
        return [Finding(file, "document", "", _("no such file"))]
    if suffix == ".pdf":
        return check_pdf(path, file)
    try:
        package = Package(path)
        return check_excel(package, file) if suffix.startswith(".xl") else check_word(package, file)
    except UnreadableDocument as error:
        return [Finding(file, "document", "", str(error))]
