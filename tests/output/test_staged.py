"""A case's documents are staged and renamed together: a failure anywhere changes nothing."""

from __future__ import annotations

import errno
import multiprocessing
import os
from pathlib import Path

import pytest

from docpipe import load_case, render_case
from docpipe.errors import OutputError, TemplateError
from docpipe.output.write import StagedWrites
from tests.conftest import INPUTS

CASE = "halsnaes-boern-og-unge"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_staged_files_appear_together_on_commit(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    with StagedWrites() as staged:
        staged.add(folder / "a.docx", b"A")
        staged.add(folder / "b.xlsx", b"B")
        assert not (folder / "a.docx").exists()  # staged: hidden temporaries only
        assert all(name.startswith(".") and name.endswith(".tmp") for name in os.listdir(folder))
        placed = staged.commit()
    assert placed == [folder / "a.docx", folder / "b.xlsx"]
    assert snapshot(folder) == {"a.docx": b"A", "b.xlsx": b"B"}


def test_an_error_before_commit_leaves_the_old_files_and_no_temporaries(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"old A")
    with pytest.raises(RuntimeError), StagedWrites() as staged:
        staged.add(folder / "a.docx", b"new A")
        raise RuntimeError("the next document failed to render")
    assert snapshot(folder) == {"a.docx": b"old A"}


def test_a_folder_made_for_nothing_is_removed_again(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "case"
    with pytest.raises(RuntimeError), StagedWrites() as staged:
        staged.add(folder / "a.docx", b"A")
        raise RuntimeError("failed")
    assert not (tmp_path / "out").exists()


def test_a_failed_flush_names_the_file_and_renames_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"old A")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("docpipe.output.write.os.fsync", disk_full)
    with pytest.raises(OutputError) as caught, StagedWrites() as staged:
        staged.add(folder / "a.docx", b"new A")
        staged.add(folder / "b.docx", b"new B")
        staged.commit()
    assert caught.value.path == str(folder / "a.docx")
    assert "the disk is full" in str(caught.value)
    assert snapshot(folder) == {"a.docx": b"old A"}


def test_a_template_error_in_a_later_document_changes_nothing_of_the_case(tmp_path: Path) -> None:
    case = load_case(INPUTS / CASE)
    render_case(case, tmp_path)
    before = snapshot(tmp_path / CASE)
    broken = tmp_path / "templates" / "docx"
    broken.mkdir(parents=True)
    (broken / "one-pager.docx").write_bytes(b"not a Word document")  # kommissorium etc. render first
    with pytest.raises(TemplateError):
        render_case(case, tmp_path, templates=tmp_path / "templates")
    assert snapshot(tmp_path / CASE) == before


def _write_in_child(folder: str) -> None:
    with StagedWrites() as staged:
        staged.add(Path(folder) / "child.docx", b"from the child")
        staged.commit()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_forked_worker_flushes_with_threads_of_its_own(tmp_path: Path) -> None:
    with StagedWrites() as staged:  # the parent's flushing threads exist now; a fork does not copy them
        staged.add(tmp_path / "parent.docx", b"from the parent")
        staged.commit()
    child = multiprocessing.get_context("fork").Process(target=_write_in_child, args=(str(tmp_path),))
    child.start()
    child.join(timeout=30)
    assert child.exitcode == 0
    assert snapshot(tmp_path) == {"child.docx": b"from the child", "parent.docx": b"from the parent"}
