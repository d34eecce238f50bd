"""docpipe merge on the command line: exit codes, what is printed, --json, --pdf without LibreOffice."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from docpipe.cli import main
from docpipe.merge import LIBREOFFICE_HINT
from tests.merge.conftest import make_template, paragraphs


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_merge_writes_every_row(template: Path, data_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("merge", template, data_csv, "--out", out, "--name", "{{ Kommune }}")
    assert code == 0, stderr
    assert paragraphs(out / "Halsnæs.docx") == ["Kære Halsnæs", "Halsnæs Kommune", "Række 2"]
    assert f"3 rows from data.csv: 3 written to {out}, 0 failed" in stdout
    # not a terminal: one plain line per row instead of a progress bar
    assert stderr.splitlines() == ["[1/3] row 2: wrote Halsnæs.docx", "[2/3] row 3: wrote Ærø.docx",
                                   "[3/3] row 4: wrote Aabenraa.docx"]


def test_bad_row_exit_1_and_reported(template: Path, write_json: Callable[..., Path], tmp_path: Path) -> None:
    data = write_json([{"Kommune": "A", "Navn på kommune": "x"}, {"Navn på kommune": "y"},
                       {"Kommune": "C", "Navn på kommune": "z"}])
    out = tmp_path / "out"
    code, stdout, stderr = run("merge", template, data, "--out", out, "--strict")
    assert code == 1
    assert "3 rows from data.json: 2 written" in stdout and "1 failed" in stdout
    assert '  row 2, field "Kommune": template brev.docx:' in stderr
    assert sorted(path.name for path in out.iterdir()) == ["1.docx", "3.docx", "manifest.json"]


def test_json_summary(template: Path, write_json: Callable[..., Path], tmp_path: Path) -> None:
    data = write_json([{"Kommune": "A", "Navn på kommune": "x"}, {"Navn på kommune": "y"}])
    out = tmp_path / "out"
    code, stdout, _ = run("merge", template, data, "--out", out, "--strict", "--json")
    assert code == 1
    summary = json.loads(stdout)
    assert set(summary) == {"template", "data", "out_dir", "manifest", "rows", "ok", "failed", "errors", "pdf"}
    assert (summary["rows"], summary["ok"], summary["failed"]) == (2, 1, 1)
    assert summary["manifest"] == str(out / "manifest.json") and summary["pdf"] is None
    assert summary["errors"] == [{"row": 2, "field": "Kommune", "message": summary["errors"][0]["message"]}]
    assert summary["errors"][0]["message"].startswith('row 2, field "Kommune"')


def test_pdf_without_libreoffice_prints_the_install_hint(template: Path, data_csv: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    code, stdout, stderr = run("merge", template, data_csv, "--out", tmp_path / "out", "--pdf", "--json")
    assert code == 0
    assert LIBREOFFICE_HINT in stderr and "apt-get install libreoffice-writer-nogui" in stderr
    assert json.loads(stdout)["pdf"] == {"made": 0, "note": LIBREOFFICE_HINT}
    assert sorted(path.suffix for path in (tmp_path / "out").iterdir()) == [".docx"] * 3 + [".json"]


def test_broken_template_exit_1_names_it_and_writes_nothing(tmp_path: Path, data_csv: Path) -> None:
    broken = make_template(tmp_path / "broken.docx", "{{ Kommune }", "{% endif %}")
    code, _, stderr = run("merge", broken, data_csv, "--out", tmp_path / "out")
    assert code == 1
    assert "template broken.docx: syntax error" in stderr and "nothing was written" in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_unreadable_data_exit_1(template: Path, tmp_path: Path) -> None:
    data = tmp_path / "ansi.csv"
    data.write_bytes("Kommune\nÆrø\n".encode("cp1252"))
    code, stdout, stderr = run("merge", template, data, "--out", tmp_path / "out", "--json")
    assert code == 1
    assert "ansi.csv:2: is not saved as UTF-8" in stderr and "nothing was written" in stderr
    assert "ansi.csv" in json.loads(stdout)["error"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [
    ["--name", "{{ Kommune "],          # not valid Jinja
    [],                                  # --out missing
    ["--out", "x", "--pdfs"],            # unknown option
])
def test_wrong_usage_exit_2(template: Path, data_csv: Path, args: list[str]) -> None:
    extra = args if "--out" in args or not args else ["--out", "x", *args]
    code, _, stderr = run("merge", template, data_csv, *extra)
    assert code == 2, stderr


def test_missing_data_file_exit_2(template: Path, tmp_path: Path) -> None:
    code, _, stderr = run("merge", template, tmp_path / "nope.csv", "--out", tmp_path / "out")
    assert code == 2 and "nope.csv" in stderr


def test_help_documents_row_access() -> None:
    code, stdout, _ = run("merge", "--help")
    assert code == 0
    assert '{{ row["Navn på kommune"] }}' in stdout and "row_number" in stdout and "Exit codes" in stdout
