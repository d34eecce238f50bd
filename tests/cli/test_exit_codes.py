"""What the command says and which exit code it gives at the edges: no case, a file in the way, a
busy port, one document, the language of its messages."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from docpipe.cli import main
from tests.conftest import edit_yaml

CaseCopy = Callable[..., Path]


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_batch_on_a_folder_without_a_case_says_so_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("batch", tmp_path / "empty", "--out", tmp_path / "out")
    assert code == 1
    assert "no case found" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()


def test_new_and_intake_new_refuse_a_target_in_use_with_the_same_code(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    assert run("new", folder)[0] == 0
    workbook = tmp_path / "indtastning.xlsx"
    assert run("intake", "new", workbook)[0] == 0
    new_code, _, new_err = run("new", folder)
    intake_code, _, intake_err = run("intake", "new", workbook)
    assert new_code == intake_code == 2
    assert "already exists" in new_err and "already exists" in intake_err


def test_one_document_is_counted_in_the_singular(case_copy: CaseCopy, tmp_path: Path) -> None:
    code, out, _ = run("render", case_copy(), "--out", tmp_path / "out", "--only", "kommissorium")
    assert code == 0
    assert "wrote 1 document to" in out and "documents" not in out


def test_several_documents_are_counted_in_the_plural(case_copy: CaseCopy, tmp_path: Path) -> None:
    code, out, _ = run("render", case_copy(), "--out", tmp_path / "out", "--only", "kommissorium,one-pager")
    assert code == 0 and "wrote 2 documents to" in out


def test_render_refuses_two_cases_that_would_share_a_folder(case_copy: CaseCopy, tmp_path: Path) -> None:
    """Rendering runs on the batch engine: two cases named alike must not overwrite each other."""
    first = case_copy()
    second = tmp_path / "elsewhere" / first.name
    second.parent.mkdir()
    second.symlink_to(first, target_is_directory=True)
    code, _, err = run("render", first, second, "--out", tmp_path / "out", "--only", "kommissorium")
    assert code == 1 and "same folder name" in err


def test_serve_on_a_busy_port_says_so_in_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run("serve", "--port", str(port))
    assert code == 2
    assert err.strip().count("\n") == 0 and f"port {port}" in err and "in use" in err


def test_lang_da_gives_danish_problems_with_unchanged_places(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0]["activities"][0].update(owner="direktoer"))
    code, _, err = run("--lang", "da", "validate", case_dir)
    assert code == 1
    assert "1 problem" in err
    assert "phases[0].activities[0].owner:" in err and "planning.yaml:" in err
    assert "unknown actor" not in err, "the sentence around the field must be Danish"


def test_the_locale_chooses_danish_and_lang_overrides_it(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "planning.yaml", lambda d: d["phases"][0]["activities"][0].update(owner="direktoer"))
    _, _, danish = run("validate", case_dir, env={"LANG": "da_DK.UTF-8", "LANGUAGE": "", "LC_ALL": ""})
    _, _, english = run("--lang", "en", "validate", case_dir, env={"LANG": "da_DK.UTF-8", "LANGUAGE": "",
                                                                   "LC_ALL": ""})
    assert "unknown actor" not in danish
    assert 'unknown actor "direktoer"' in english
