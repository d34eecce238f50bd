"""PDF/A export: identification, pages, title and language, one LibreOffice run for many folders,
--pdf=all, and --pdf without LibreOffice.

The LibreOffice tests share one batch of two shipped cases (LibreOffice start-up dominates): a
wrapper in front of soffice counts its starts. Without soffice or pdfinfo they are skipped, saying why.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docpipe.cli import main
from docpipe.output.pdf import LIBREOFFICE_HINT, pdf_path
from tests.conftest import INPUTS

CASES = ("halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed")
WORD = ("kommissorium", "forretningsorden", "implementeringsplan", "one-pager", "dagsordenspunkt", "statusnotat")
COUNTING_SOFFICE = '''#!/bin/sh
echo run >> {log}
exec {soffice} "$@"
'''


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def pdfinfo(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, object]]:
    soffice, missing = shutil.which("soffice"), [tool for tool in ("soffice", "pdfinfo") if shutil.which(tool) is None]
    if soffice is None or missing:
        print(f"skipping the LibreOffice tests: {', '.join(missing)} not installed")
        pytest.skip(f"{' and '.join(missing)} not installed: apt-get install libreoffice-writer-nogui "
                    "libreoffice-calc-nogui poppler-utils")
    folder = tmp_path_factory.mktemp("pdf")
    root = folder / "root"
    for name in CASES:
        shutil.copytree(INPUTS / name, root / name)
    log, wrapper = folder / "starts.log", folder / "bin" / "soffice"
    wrapper.parent.mkdir()
    wrapper.write_text(COUNTING_SOFFICE.format(log=log, soffice=soffice))
    wrapper.chmod(0o755)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("shutil.which", lambda name, *args, **kwargs: str(wrapper) if name == "soffice" else None)
        code, stdout, stderr = run("batch", root, "--out", folder / "out", "--pdf=all", "--jobs", "1", "--json")
    assert code == 0, stderr
    return folder / "out", log.read_text().split(), json.loads(stdout)


def test_one_run_per_kind_for_the_whole_batch(batch: tuple[Path, list[str], dict[str, object]]) -> None:
    out, starts, summary = batch
    assert starts == ["run", "run"]  # Word and Excel: two LibreOffice starts for both cases
    # every case has a kommissorium.docx: each PDF lands beside its own document
    for case in CASES:
        for stem in WORD:
            assert (out / case / f"{stem}.pdf").is_file()
        assert "Kommissorium: " in pdfinfo(out / case / "kommissorium.pdf")["Title"]
    titles = {pdfinfo(out / case / "kommissorium.pdf")["Title"] for case in CASES}
    assert len(titles) == len(CASES)
    assert not [path for path in out.rglob(".*")]  # staging folder removed
    assert summary["pdf"] == {"made": 2 * (len(WORD) + 2), "note": None}


def test_pdfa_2b_and_pdfua_tagged_danish_with_title(batch: tuple[Path, list[str], dict[str, object]]) -> None:
    out, _, _ = batch
    for pdf in sorted(out.rglob("*.pdf")):
        data = pdf.read_bytes()
        assert re.search(rb'pdfaid:part(>|=")2', data) and re.search(rb'pdfaid:conformance(>|=")B', data), pdf
        assert b"/Lang(da-DK)" in data, pdf
        # declares PDF/UA-1 too, except a workbook's PDF: LibreOffice's Calc tags none of its cells
        from_word = pdf.with_suffix(".docx").is_file() and ".xlsx" not in pdf.name
        assert bool(re.search(rb'pdfuaid:part(>|=")1', data)) == from_word, pdf
        assert b"/DisplayDocTitle true" in data, pdf  # the title bar shows the title, not the file name
        info = pdfinfo(pdf)
        assert info["Tagged"] == "yes" and info["Title"], pdf


def test_page_counts(batch: tuple[Path, list[str], dict[str, object]]) -> None:
    out, _, _ = batch
    for case in CASES:
        assert pdfinfo(out / case / "one-pager.pdf")["Pages"] == "1"
        assert int(pdfinfo(out / case / "kommissorium.pdf")["Pages"]) >= 2
        assert pdfinfo(out / case / "statusnotat.pdf")["Pages"] in ("1", "2")  # one or two pages, as promised


def test_pdf_all_converts_the_workbooks_and_records_every_pdf(batch: tuple[Path, list[str], dict[str, object]]) -> None:
    out, _, _ = batch
    case = out / CASES[0]
    assert pdf_path(case / "implementeringsplan.xlsx") == case / "implementeringsplan.xlsx.pdf"  # beside the .docx's
    assert "Aktøroverblik" in pdfinfo(case / "aktoeroverblik.pdf")["Title"]
    assert pdfinfo(case / "implementeringsplan.xlsx.pdf")["Title"].startswith("Implementeringsplan")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["options"]["pdf"] == "all"
    for entry in manifest["entries"]:
        pdfs = {Path(record["path"]).name: record for record in entry["files"] if record["path"].endswith(".pdf")}
        assert set(pdfs) == {f"{stem}.pdf" for stem in WORD} | {"aktoeroverblik.pdf", "implementeringsplan.xlsx.pdf"}
        assert all(len(record["sha256"]) == 64 and record["size"] > 1000 for record in pdfs.values())


@pytest.mark.parametrize("command", ["render", "batch"])
def test_without_libreoffice_a_hint_and_the_exit_code_of_no_pdf(command: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name, *args, **kwargs: None)
    source = INPUTS / CASES[0] if command == "render" else tmp_path / "root"
    if command == "batch":
        shutil.copytree(INPUTS / CASES[0], source / CASES[0])
    jobs = ["--jobs", "1"] if command == "batch" else []
    code, _, stderr = run(command, source, "--out", tmp_path / "out", "--pdf", *jobs)
    assert code == 0, stderr
    assert stderr.count(LIBREOFFICE_HINT) == 1
    assert "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" in LIBREOFFICE_HINT
    assert (tmp_path / "out" / CASES[0] / "kommissorium.docx").is_file()
    assert not list((tmp_path / "out").rglob("*.pdf"))


FAKE_SOFFICE = '''#!{python}
import sys
from pathlib import Path

arguments = sys.argv[1:]
out = Path(arguments[arguments.index("--outdir") + 1])
with open({log!r}, "a") as log:
    log.write(arguments[arguments.index("--convert-to") + 1] + "\\n")
for document in [Path(argument) for argument in arguments if argument.endswith((".docx", ".xlsx"))]:
    (out / (document.stem + ".pdf")).write_bytes(b"%PDF-1.7 " + document.name.encode())
'''


def test_same_stem_in_two_folders_one_run_right_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docpipe import convert_to_pdf

    script, log = tmp_path / "soffice", tmp_path / "runs.log"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log)))
    script.chmod(0o755)
    documents = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for name in ("plan.docx", "plan.xlsx", "tal.xlsx"):
            documents.append(tmp_path / folder / name)
            documents[-1].write_bytes(folder.encode())
    made = convert_to_pdf(documents, soffice=str(script))
    runs = sorted(log.read_text().splitlines(), key=lambda run: "calc_pdf_Export" in run)  # they run side by side
    assert len(runs) == 2 and runs[0].startswith("pdf:writer_pdf_Export:{") and "calc_pdf_Export" in runs[1]
    assert json.loads(runs[0].split(":", 2)[2]) == {"SelectPdfVersion": {"type": "long", "value": "2"},
                                                     "UseTaggedPDF": {"type": "boolean", "value": "true"},
                                                     "PDFUACompliance": {"type": "boolean", "value": "true"},
                                                     "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"}}
    # Calc tags no cell: its PDFs do not claim PDF/UA (see output.pdf.export_options)
    assert "PDFUACompliance" not in json.loads(runs[1].split(":", 2)[2])
    for folder in ("a", "b"):
        base = tmp_path / folder
        assert made[base / "plan.docx"] == base / "plan.pdf" and made[base / "tal.xlsx"] == base / "tal.pdf"
        assert made[base / "plan.xlsx"] == base / "plan.xlsx.pdf"
        assert (base / "plan.pdf").read_bytes().endswith(b"__plan.docx")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b", "runs.log", "soffice"]


SHARING_SOFFICE = '''#!{python}
import sys
from pathlib import Path

arguments = sys.argv[1:]
out = Path(arguments[arguments.index("--outdir") + 1])
documents = [Path(argument) for argument in arguments if argument.endswith(".docx")]
with open({log!r}, "a") as log:
    log.write(arguments[0] + " " + str(len(documents)) + "\\n")
for document in documents:
    (out / (document.stem + ".pdf")).write_bytes(b"%PDF-1.7 " + document.name.encode())
'''


def test_many_documents_are_dealt_into_one_run_per_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice converts on one core: 30 letters with two converters are two runs side by side,
    each with a profile of its own (two LibreOffices cannot share one)."""
    from docpipe import convert_to_pdf

    monkeypatch.setenv("DOCPIPE_CONVERTERS", "2")
    script, log = tmp_path / "soffice", tmp_path / "runs.log"
    script.write_text(SHARING_SOFFICE.format(python=sys.executable, log=str(log)))
    script.chmod(0o755)
    (tmp_path / "breve").mkdir()
    documents = [tmp_path / "breve" / f"brev-{index:02d}.docx" for index in range(30)]
    for document in documents:
        document.write_bytes(b"brev")
    made = convert_to_pdf(documents, soffice=str(script))
    runs = [line.split() for line in log.read_text().splitlines()]
    assert sorted(int(count) for _, count in runs) == [15, 15]
    assert len({profile for profile, _ in runs}) == 2
    assert made == {document: document.with_suffix(".pdf") for document in documents}
    assert all(document.with_suffix(".pdf").read_bytes().endswith(document.name.encode()) for document in documents)
