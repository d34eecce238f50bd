"""merge(): documents per row, safe and unique names, bad rows, the manifest, PDFs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from docpipe import TemplateError, __version__
from docpipe.merge import (
    LIBREOFFICE_HINT,
    DataError,
    NamePatternError,
    RowResult,
    UniqueNames,
    document_file_name,
    merge,
    safe_file_name,
)
from tests.merge.conftest import make_template, paragraphs


def test_one_document_per_row_named_by_row_number(template: Path, data_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = merge(template, data_csv, out)
    assert result.succeeded and (result.ok, result.failed) == (3, 0)
    assert sorted(path.name for path in out.iterdir()) == ["2.docx", "3.docx", "4.docx", "manifest.json"]
    assert paragraphs(out / "3.docx") == ["Kære Ærø", "Ærø Kommune", "Række 3"]


def test_name_pattern_keeps_letters_and_makes_clashes_unique(template: Path, write_json: Callable[..., Path],
                                                              tmp_path: Path) -> None:
    data = write_json([{"Kommune": "Halsnæs/Hundested", "Navn på kommune": "A"},
                       {"Kommune": "Ærø", "Navn på kommune": "B"},
                       {"Kommune": "ærø", "Navn på kommune": "C"},
                       {"Kommune": "../../etc/passwd", "Navn på kommune": "D"},
                       {"Kommune": "", "Navn på kommune": "E"}])
    result = merge(template, data, tmp_path / "out", name_pattern='Brev til {{ Kommune }}')
    names = [path.name for row in result.rows for path in row.files]
    assert names == ["Brev til Halsnæs-Hundested.docx", "Brev til Ærø.docx", "Brev til ærø-2.docx",
                     "Brev til ..-..-etc-passwd.docx", "Brev til.docx"]
    assert all(path.parent == tmp_path / "out" for row in result.rows for path in row.files)


def test_name_pattern_over_row_and_row_number(template: Path, data_csv: Path, tmp_path: Path) -> None:
    pattern = '{{ row_number }} {{ row["Navn på kommune"] }}.docx'
    result = merge(template, data_csv, tmp_path / "out", name_pattern=pattern)
    assert [row.files[0].name for row in result.rows] == ["2 Halsnæs Kommune.docx", "3 Ærø Kommune.docx",
                                                          "4 Aabenraa Kommune.docx"]


@pytest.mark.parametrize(("name", "safe"), [
    ("Halsnæs Kommune", "Halsnæs Kommune"),
    ("a/b\\c", "a-b-c"),
    ('Rapport: "x" <1>|?*', 'Rapport- -x- -1----'),
    ("..", ""),
    ("../x", "x"),
    ("  .skjult  ", "skjult"),
    ("linje\nto\tfaner\u202eexe", "linje to faner exe"),
    ("slut. ", "slut"),
    ("CON", "CON_"),
    ("nul.tekst", "nul_.tekst"),
    ("-rf", "rf"),
    ("e\u0301", "é"),  # NFC, as macOS would otherwise store a different spelling
])
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_safe_file_name_is_bounded() -> None:
    name = safe_file_name("æ" * 300)
    assert len(name.encode("utf-8")) <= 180 and set(name) == {"æ"}


@pytest.mark.parametrize(("rendered", "expected"), [
    ("Aftale 1.2", "Aftale 1.2.docx"),
    ("brev.docx", "brev.docx"),
    ("brev.DOCX", "brev.docx"),
    ("  ", "7.docx"),
    ("/", "7.docx"),
])
def test_document_file_name(rendered: str, expected: str) -> None:
    assert document_file_name(rendered, "7") == expected


def test_unique_names_ignore_case() -> None:
    names = UniqueNames()
    assert [names.claim(name) for name in ["A.docx", "a.docx", "A-2.docx", "b.docx"]] == [
        "A.docx", "a-2.docx", "A-2-2.docx", "b.docx"]


def test_strict_bad_row_is_reported_and_the_others_are_written(template: Path, write_json: Callable[..., Path],
                                                               tmp_path: Path) -> None:
    data = write_json([{"Kommune": "Halsnæs", "Navn på kommune": "A"},
                       {"kommune": "Ærø", "Navn på kommune": "B"},
                       {"Kommune": "Aabenraa", "Navn på kommune": "C"}])
    out = tmp_path / "out"
    result = merge(template, data, out, strict=True)
    assert [row.status for row in result.rows] == ["ok", "failed", "ok"]
    failed = result.rows[1]
    assert failed.number == 2 and failed.field == "Kommune" and failed.files == ()
    assert failed.error is not None
    assert failed.error.startswith('row 2, field "Kommune": template brev.docx: ')
    assert 'did you mean "kommune"?' in failed.error
    assert not (out / "2.docx").exists() and (out / "3.docx").exists()
    assert not [path for path in out.iterdir() if path.name.startswith(".")]  # no temporary left


def test_strict_missing_field_with_spaces(tmp_path: Path, write_json: Callable[..., Path]) -> None:
    template = make_template(tmp_path / "t.docx", '{{ row["Navn på kommune"] }}')
    result = merge(template, write_json([{"Navn på kommune": "A"}, {"Navn paa kommune": "B"}]), tmp_path / "out",
                   strict=True)
    assert result.rows[1].field == "Navn på kommune" and result.rows[1].status == "failed"


def test_without_strict_a_missing_name_is_empty(template: Path, write_json: Callable[..., Path],
                                                tmp_path: Path) -> None:
    result = merge(template, write_json([{"Navn på kommune": "B"}]), tmp_path / "out")
    assert result.succeeded and paragraphs(result.rows[0].files[0]) == ["Kære ", "B", "Række 1"]


def test_failing_name_pattern_fails_only_that_row(template: Path, write_json: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    data = write_json([{"Kommune": "A", "Navn på kommune": "x"}, {"Navn på kommune": "y"}])
    result = merge(template, data, tmp_path / "out", name_pattern="{{ Kommune }}")
    assert [row.status for row in result.rows] == ["ok", "failed"]
    assert result.rows[1].error == ('row 2, field "Kommune": the name pattern: \'Kommune\' is undefined; '
                                    'this row has no field "Kommune"')


def test_expression_error_fails_only_that_row(tmp_path: Path, write_json: Callable[..., Path]) -> None:
    template = make_template(tmp_path / "t.docx", "{{ 100 / Antal }}")
    result = merge(template, write_json([{"Antal": 4}, {"Antal": 0}]), tmp_path / "out")
    assert [row.status for row in result.rows] == ["ok", "failed"]
    assert result.rows[1].error == "row 2: template t.docx: ZeroDivisionError: division by zero"


def test_character_word_cannot_store_fails_the_row_only_when_used(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", "{{ Navn }}")
    data = tmp_path / "data.json"  # written with \u escapes: a lone surrogate cannot be UTF-8
    data.write_text(json.dumps([{"Navn": "a\u000bb"}, {"Navn": "ok", "Ubrugt": "c\u0001d"}, {"Navn": "x\ud800"}]))
    result = merge(template, data, tmp_path / "out")
    assert [row.status for row in result.rows] == ["failed", "ok", "failed"]
    assert result.rows[0].error is not None and result.rows[0].error.startswith('row 1, field "Navn": ')
    assert "U+000B" in result.rows[0].error and "\u000b" not in result.rows[0].error
    assert result.rows[2].field == "Navn"


def test_broken_template_fails_up_front(tmp_path: Path, data_csv: Path) -> None:
    broken = make_template(tmp_path / "broken.docx", "{% if Kommune %}never closed")
    with pytest.raises(TemplateError, match=r"template broken\.docx: syntax error"):
        merge(broken, data_csv, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_unreadable_data_writes_nothing(template: Path, write_json: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"data\.json"):
        merge(template, write_json({"not": "a list"}), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_bad_name_pattern_fails_up_front(template: Path, data_csv: Path, tmp_path: Path) -> None:
    with pytest.raises(NamePatternError, match="not valid Jinja"):
        merge(template, data_csv, tmp_path / "out", name_pattern="{{ Kommune ")
    assert not (tmp_path / "out").exists()


def test_manifest(template: Path, write_json: Callable[..., Path], tmp_path: Path) -> None:
    data = write_json([{"Kommune": "Halsnæs", "Navn på kommune": "A"}, {"Navn på kommune": "B"}])
    out = tmp_path / "out"
    result = merge(template, data, out, name_pattern="{{ Kommune }}", strict=True)
    text = result.manifest.read_text("utf-8")
    manifest = json.loads(text)
    assert manifest["command"] == "merge" and manifest["docpipe_version"] == __version__
    assert manifest["inputs"] == {
        "template": {"path": str(template), "sha256": hashlib.sha256(template.read_bytes()).hexdigest()},
        "data": {"path": str(data), "sha256": hashlib.sha256(data.read_bytes()).hexdigest()},
    }
    assert manifest["options"] == {"name": "{{ Kommune }}", "pdf": False, "strict": True}
    document = (out / "Halsnæs.docx").read_bytes()
    assert manifest["entries"] == [
        {"row": 1, "status": "ok", "errors": [],
         "files": [{"path": "Halsnæs.docx", "size": len(document), "sha256": hashlib.sha256(document).hexdigest()}]},
        {"row": 2, "status": "failed", "errors": [result.rows[1].error], "files": []},
    ]
    assert manifest["summary"] == {"total": 2, "ok": 1, "failed": 1}
    assert text == json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    merge(template, data, out, name_pattern="{{ Kommune }}", strict=True)
    assert result.manifest.read_text("utf-8") == text  # deterministic: same input, same manifest


def test_progress_is_called_per_row(template: Path, data_csv: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int, int]] = []

    def progress(done: int, total: int, result: RowResult) -> None:
        calls.append((done, total, result.number))

    merge(template, data_csv, tmp_path / "out", progress=progress)
    assert calls == [(1, 3, 2), (2, 3, 3), (3, 3, 4)]


def test_pdf_without_libreoffice_keeps_the_documents(template: Path, data_csv: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = merge(template, data_csv, tmp_path / "out", pdf=True)
    assert result.succeeded and result.pdf_note == LIBREOFFICE_HINT
    assert "apt-get install libreoffice-writer-nogui" in LIBREOFFICE_HINT
    assert result.summary()["pdf"] == {"made": 0, "note": LIBREOFFICE_HINT}


def test_pdf_with_libreoffice(template: Path, data_csv: Path, tmp_path: Path) -> None:
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "out"
    result = merge(template, data_csv, out, name_pattern="{{ Kommune }}", pdf=True)
    assert result.succeeded, [row.error for row in result.rows]
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["Halsnæs.docx", "Halsnæs.pdf", "Ærø.docx", "Ærø.pdf", "Aabenraa.docx", "Aabenraa.pdf", "manifest.json"])
    entries = json.loads(result.manifest.read_text("utf-8"))["entries"]
    assert [file["path"] for file in entries[0]["files"]] == ["Halsnæs.docx", "Halsnæs.pdf"]


FAKE_SOFFICE = '''#!{python}
"""Stands in for LibreOffice: converts at most {limit} documents per run, as LibreOffice 7.4 stops after 246."""
import sys
from pathlib import Path

arguments = sys.argv[1:]
assert arguments[0].startswith("-env:UserInstallation=file://"), arguments
out = Path(arguments[arguments.index("--outdir") + 1])
documents = [Path(argument) for argument in arguments if argument.endswith(".docx")]
with open({log!r}, "a") as log:
    log.write(f"{{len(documents)}}\\n")
for document in documents[:{limit}]:
    (out / (document.stem + ".pdf")).write_bytes(b"%PDF-1.4 " + document.name.encode())
'''


def fake_soffice(folder: Path, limit: int) -> tuple[Path, Path]:
    import sys

    log = folder / "runs.log"
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, limit=limit, log=str(log)))
    script.chmod(0o755)
    return script, log


def test_pdf_documents_a_run_skipped_go_into_the_next(template: Path, write_json: Callable[..., Path],
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script, log = fake_soffice(tmp_path, limit=2)
    monkeypatch.setattr("shutil.which", lambda name: str(script))
    data = write_json([{"Kommune": f"K{index}", "Navn på kommune": "x"} for index in range(5)])
    out = tmp_path / "out"
    result = merge(template, data, out, pdf=True)
    assert result.succeeded and result.pdf_note is None
    assert log.read_text().split() == ["5", "3", "1"]  # each run gets what the runs before it skipped
    assert [[path.name for path in row.files] for row in result.rows] == [
        [f"{index}.docx", f"{index}.pdf"] for index in range(1, 6)]
    assert not [path for path in out.iterdir() if path.name.startswith(".")]  # staging folder removed
    assert result.summary()["pdf"] == {"made": 5, "note": None}


def test_pdf_failure_fails_the_row_but_keeps_the_document(template: Path, data_csv: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    script, log = fake_soffice(tmp_path, limit=0)
    monkeypatch.setattr("shutil.which", lambda name: str(script))
    result = merge(template, data_csv, tmp_path / "out", pdf=True)
    assert not result.succeeded and log.read_text().split() == ["3"]  # a run that converts nothing ends it
    assert result.rows[0].files == (tmp_path / "out" / "2.docx",)
    assert result.rows[0].error is not None and result.rows[0].error.startswith("row 2: PDF: LibreOffice did not")


def test_inputs_in_the_output_folder_are_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    template = make_template(out / "brev.docx", "{{ Navn }}")
    data = out / "data.csv"
    data.write_text("Navn\nbrev\nBREV.docx\n", "utf-8")
    before = template.read_bytes()
    result = merge(template, data, out, name_pattern="{{ Navn }}")
    assert [row.files[0].name for row in result.rows] == ["brev-2.docx", "BREV-3.docx"]
    assert template.read_bytes() == before
