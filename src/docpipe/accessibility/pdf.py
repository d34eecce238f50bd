"""The accessibility check of a PDF: ``pdfua`` (PyPI, pikepdf, no JVM), with each finding's page.

``pdfua`` checks the machine-checkable subset of PDF/UA-1 it implements (``pdfua rules``). It is an
optional extra (``pip install docpipe[pdf-check]``): docpipe makes PDFs without it, and only
checking one needs it, so without it the check says so as an error instead of passing silently.
Its messages are in English; the rule id and the page are given in front of them.
"""

from __future__ import annotations

from pathlib import Path

from docpipe.accessibility.findings import Finding, Severity
from docpipe.i18n import _

INSTALL_HINT = "pip install 'docpipe[pdf-check]'"


def check_pdf(path: Path, file: str) -> list[Finding]:
    """pdfua's errors and warnings for the PDF at ``path``."""
    try:
        import pdfua
    except ImportError:
        return [Finding(file, "pdfua", "", _("checking a PDF needs pdfua, which is not installed: {hint}").format(
            hint=INSTALL_HINT))]
    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as error:
        return [Finding(file, "pdfua", "", _("pdfua cannot read the PDF: {reason}").format(reason=error))]
    findings = []
    for finding in report.findings:
        if finding.severity < pdfua.Severity.WARNING:
            continue
        page = finding.location.page
        findings.append(Finding(file, finding.rule_id, _("page {page}").format(page=page) if page else "",
                                finding.message,
                                Severity.ERROR if finding.severity >= pdfua.Severity.ERROR else Severity.WARNING))
    return findings
