"""``merge --redline-against OLD_DATA --key COLUMN``: each row's letter with what changed since its old row."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from docpipe.api import DataError, merge
from docpipe.cli import main
from tests.merge.conftest import make_template
from tests.redline.tracked import changes, readings, resolved

OLD = [["Kommune", "Beløb"], ["Halsnæs", "120.000"], ["Ærø", "80.000"], ["Gribskov", "50.000"]]
NEW = [["Kommune", "Beløb"], ["Ærø", "85.000"], ["Halsnæs", "120.000"], ["Aabenraa", "60.000"]]


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_template(tmp_path / "brev.docx", "Kære {{ Kommune }}", "Tilskud: {{ Beløb }} kr.")


def test_rows_are_matched_by_the_key_not_by_position(letter: Path, write_csv: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    old, new = write_csv(OLD, "old.csv"), write_csv(NEW, "new.csv")
    result = merge(letter, new, tmp_path / "out", name_pattern="{{ Kommune }}", redline_against=old, key="Kommune")
    assert result.succeeded
    documents = {path.stem: path.read_bytes() for row in result.rows for path in row.files}
    assert changes(documents["Ærø"]) == [("del", "80.000"), ("ins", "85.000")]
    assert changes(documents["Halsnæs"]) == []  # moved from row 2 to row 3, unchanged
    assert ("ins", "Kære Aabenraa") in changes(documents["Aabenraa"])  # not in the old list: all inserted
    rejected = [text for _, text in readings(resolved(documents["Ærø"], accept=False))]
    assert "Tilskud: 80.000 kr." in rejected and "Tilskud: 85.000 kr." not in rejected
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert manifest["inputs"]["redline_against"]["path"] == str(old) and manifest["options"]["key"] == "Kommune"


def test_a_key_missing_or_repeated_stops_before_anything_is_written(letter: Path, write_csv: Callable[..., Path],
                                                                  tmp_path: Path) -> None:
    old, new = write_csv(OLD, "old.csv"), write_csv(NEW, "new.csv")
    with pytest.raises(DataError, match='has no column "Kode"'):
        merge(letter, new, tmp_path / "out", redline_against=old, key="Kode")
    twice = write_csv([*OLD, ["Ærø", "1"]], "twice.csv")
    with pytest.raises(DataError, match='"Ærø" is in rows 3 and 5'):
        merge(letter, new, tmp_path / "out", redline_against=twice, key="Kommune")
    with pytest.raises(DataError, match="needs --key"):
        merge(letter, new, tmp_path / "out", redline_against=old)
    assert not (tmp_path / "out").exists()


def test_the_command_takes_redline_against_and_key(letter: Path, write_csv: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    old, new = write_csv(OLD, "old.csv"), write_csv(NEW, "new.csv")
    result = CliRunner().invoke(main, ["--lang", "en", "merge", str(letter), str(new), "--out", str(tmp_path / "o"),
                                       "--name", "{{ Kommune }}", "--redline-against", str(old), "--key", "Kommune"])
    assert result.exit_code == 0, result.output
    assert changes((tmp_path / "o" / "Ærø.docx").read_bytes()) == [("del", "80.000"), ("ins", "85.000")]
