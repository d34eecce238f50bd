"""Writing: safe folder names, nothing outside --out, atomic replacement, leftovers removed, errors named."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from docpipe import load_case, render_case
from docpipe.errors import OutputError
from docpipe.output.names import MAX_FOLDER_NAME, safe_folder_name
from docpipe.output.write import (
    case_output_dir,
    remove_stale_temporaries,
    write_atomically,
)
from tests.conftest import INPUTS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("halsnaes-boern-og-unge", "halsnaes-boern-og-unge"),
        ("Halsnæs Børn & Unge", "Halsnaes-Boern-Unge"),
        ("Ærø—Øst/Syd\\Vest", "Aeroe-Oest-Syd-Vest"),
        ("Crème brûlée 2026", "Creme-brulee-2026"),
        ("../../etc", "etc"),
        ("..", "case-5ec1f7e7"),
        (".skjult", "skjult"),
        ("slut.", "slut"),
        ("CON", "CON-case"),
        ("nul.txt", "nul-case.txt"),  # NUL.anything is the device NUL on Windows
        ("com1", "com1-case"),
        ("LPT¹", "LPT1-case"),
        ("Ελλάδα", "case-e6f7401e"),
        ("a\x00b", "a-b"),
    ],
)
def test_safe_folder_name(name: str, expected: str) -> None:
    assert safe_folder_name(name) == expected


def test_names_without_letters_left_do_not_share_a_folder() -> None:
    assert safe_folder_name("Ελλάδα") != safe_folder_name("Україна")


def test_long_names_are_cut() -> None:
    name = safe_folder_name("Børn og unge " * 50)
    assert len(name) <= MAX_FOLDER_NAME and not name.endswith("-")


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "/etc", "C:\\Windows", "~root", "a/../../b", " "])
def test_case_output_dir_stays_inside(tmp_path: Path, name: str) -> None:
    folder = case_output_dir(tmp_path / "out", name)
    assert folder.parent == tmp_path / "out"
    assert folder.resolve().is_relative_to((tmp_path / "out").resolve())


def test_case_output_dir_refuses_a_link_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    try:
        (out / "halsnaes").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    with pytest.raises(OutputError) as caught:
        case_output_dir(out, "halsnaes")
    assert str(caught.value) == (f"cannot write {out / 'halsnaes'}: it leads outside the output folder {out} (is "
                                 "it a link?); remove it or choose another --out")


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "sag" / "kommissorium.docx"
    write_atomically(path, b"first")
    write_atomically(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["kommissorium.docx"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_written_files_are_not_private(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; a document shared on a network drive must be readable as usual."""
    path = tmp_path / "kommissorium.docx"
    write_atomically(path, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_stale_temporaries_are_removed_by_the_next_render(tmp_path: Path) -> None:
    folder = tmp_path / "halsnaes-boern-og-unge"
    folder.mkdir()
    stale = [folder / ".kommissorium.docx.a1b2c3d4.tmp", folder / ".one-pager.docx.zz_9x8y7.tmp"]
    kept = [folder / ".gitkeep", folder / "noter.tmp", folder / ".x.tmp", folder / "aktoeroverblik.xlsx"]
    for path in stale + kept:
        path.write_bytes(b"half a document")
    render_case(load_case(INPUTS / "halsnaes-boern-og-unge"), tmp_path, ["forretningsorden"])
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in kept] + ["forretningsorden.docx"])


def test_remove_stale_temporaries_reports_and_tolerates(tmp_path: Path) -> None:
    (tmp_path / ".plan.xlsx.abcdefgh.tmp").write_bytes(b"")
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()  # not a file: left alone
    assert remove_stale_temporaries(tmp_path) == [tmp_path / ".plan.xlsx.abcdefgh.tmp"]
    assert remove_stale_temporaries(tmp_path / "missing") == []


def _failing(number: int) -> OSError:
    return OSError(number, os.strerror(number))


@pytest.mark.parametrize(
    ("where", "number", "words"),
    [
        ("fdopen", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EACCES, "no permission to write there"),
        ("replace", errno.EROFS, "the disk is read-only"),
        ("fsync", errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_write_errors_name_the_path_and_keep_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         where: str, number: int, words: str) -> None:
    path = tmp_path / "kommissorium.docx"
    path.write_bytes(b"the old, whole document")

    def fail(*args: object, **kwargs: object) -> None:
        raise _failing(number)

    monkeypatch.setattr(f"docpipe.output.write.os.{where}", fail)
    with pytest.raises(OutputError) as caught:
        write_atomically(path, b"new")
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"cannot write {path}: {words}")
    assert path.read_bytes() == b"the old, whole document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kommissorium.docx"]


def test_a_file_in_the_way_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sag").write_bytes(b"")
    with pytest.raises(OutputError) as caught:
        write_atomically(tmp_path / "sag" / "kommissorium.docx", b"x")
    assert str(caught.value).startswith(f"cannot write {tmp_path / 'sag' / 'kommissorium.docx'}: a file is in the "
                                        "way where a folder should be")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not as root")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError) as caught:
            write_atomically(folder / "kommissorium.docx", b"x")
    finally:
        folder.chmod(0o755)
    assert str(caught.value).startswith(f"cannot write {folder / 'kommissorium.docx'}: no permission to write there")
