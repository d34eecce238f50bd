"""docpipe batch: isolation, manifest, changed-only, template precedence, --json, crashes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docpipe.batch import discover_cases, run_batch
from docpipe.cli import main
from docpipe.deliverables.registry import select
from docpipe.output.manifest import sha256_file
from tests.conftest import INPUTS, SHIPPED_CASES, edit_yaml

ALL_FILES = sorted(d.file_name for d in select(None))
BASE_CASES = ["halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed", "region-sjaelland-sundhed"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A batch root with the three base cases and a shared folder that is not a case."""
    folder = tmp_path / "root"
    for name in BASE_CASES:
        shutil.copytree(INPUTS / name, folder / name)
    (folder / "_shared").mkdir()
    shutil.copy(INPUTS / BASE_CASES[0] / "initiative.yaml", folder / "_shared" / "initiative.yaml")
    return folder


def break_case(case_dir: Path) -> None:
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(status="halvfærdig"))


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_discovery_skips_shared_folders(root: Path) -> None:
    assert [p.name for p in discover_cases(root)] == BASE_CASES
    assert {p.name for p in discover_cases(INPUTS)} == set(SHIPPED_CASES)


def test_one_bad_case_spoils_nothing(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_batch(root, out, jobs=2).ok
    break_case(root / "nordsjaellands-politi-tryghed")
    code, stdout, stderr = run("batch", root, "--out", out, "--jobs", "2")
    assert code == 1
    assert "invalid input" in stdout and "initiative.yaml:" in stderr and "halvfærdig" in stderr
    assert not list((out / "nordsjaellands-politi-tryghed").glob("*.docx")), "a failed case left documents"
    for name in ("halsnaes-boern-og-unge", "region-sjaelland-sundhed"):
        assert sorted(p.name for p in (out / name).iterdir()) == ALL_FILES
    assert not [p for p in out.rglob("*.tmp")]


def test_manifest_records_inputs_templates_and_files(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch(root, out, jobs=1)
    assert result.manifest is not None
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert manifest["command"] == "batch" and manifest["docpipe_version"]
    assert len(manifest["inputs"]["templates"]["sha256"]) == 64
    assert manifest["summary"] == {"failed": 0, "ok": 3, "total": 3}
    entry = manifest["entries"][0]
    assert entry["case"] == "halsnaes-boern-og-unge" and entry["status"] == "ok"
    assert len(entry["input_sha256"]) == 64
    assert entry["templates"]["kommissorium.docx"] == "(default) docx/kommissorium.docx"
    assert [f["path"] for f in entry["files"]] == [f"halsnaes-boern-og-unge/{name}" for name in ALL_FILES]
    for record in entry["files"]:
        path = out / record["path"]
        assert record["size"] == path.stat().st_size and record["sha256"] == sha256_file(path)


def test_changed_only_skips_and_rerenders(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(root, out, jobs=1)
    again = run_batch(root, out, jobs=1, changed_only=True)
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    edit_yaml(root / "region-sjaelland-sundhed" / "initiative.yaml", lambda d: d.update(version="1.1"))
    (out / "halsnaes-boern-og-unge" / "one-pager.docx").write_bytes(b"edited by hand")
    third = run_batch(root, out, jobs=1, changed_only=True)
    assert [o.status for o in third.outcomes] == ["ok", "unchanged", "ok"]
    assert zipfile.is_zipfile(out / "halsnaes-boern-og-unge" / "one-pager.docx")


def test_changed_only_rerenders_after_a_template_change(root: Path, tmp_path: Path) -> None:
    out, templates = tmp_path / "out", tmp_path / "templates"
    templates.mkdir()
    run_batch(root, out, jobs=1, templates=templates)
    document = docx.Document()
    document.add_paragraph("Eget kommissorium: {{ title }}")
    document.save(str(templates / "kommissorium.docx"))
    result = run_batch(root, out, jobs=1, templates=templates, changed_only=True)
    assert [o.status for o in result.outcomes] == ["ok"] * 3
    assert docx.Document(str(out / "halsnaes-boern-og-unge" / "kommissorium.docx")).paragraphs[0].text.startswith(
        "Eget kommissorium: ")


def test_template_precedence_case_then_option_then_default(root: Path, tmp_path: Path) -> None:
    option = tmp_path / "option"
    option.mkdir()
    for folder, text in ((option, "fra --templates"), (root / "halsnaes-boern-og-unge" / "templates", "egen")):
        folder.mkdir(exist_ok=True)
        document = docx.Document()
        document.add_paragraph(text)
        document.save(str(folder / "kommissorium.docx"))
    out = tmp_path / "out"
    result = run_batch(root, out, jobs=1, templates=option, deliverables=["kommissorium"])
    texts = {o.name: docx.Document(str(out / o.name / "kommissorium.docx")).paragraphs[0].text
             for o in result.outcomes}
    assert texts["halsnaes-boern-og-unge"] == "egen"
    assert texts["region-sjaelland-sundhed"] == "fra --templates"
    assert result.manifest is not None
    manifest = json.loads(result.manifest.read_text("utf-8"))
    used = {e["case"]: e["templates"]["kommissorium.docx"] for e in manifest["entries"]}
    assert used["halsnaes-boern-og-unge"].endswith("halsnaes-boern-og-unge/templates/kommissorium.docx")
    assert used["region-sjaelland-sundhed"] == str(option / "kommissorium.docx")


def test_json_summary_shape(root: Path, tmp_path: Path) -> None:
    break_case(root / "region-sjaelland-sundhed")
    code, stdout, _ = run("batch", root, "--out", tmp_path / "out", "--jobs", "1", "--json")
    summary = json.loads(stdout)
    assert code == 1
    assert set(summary) == {"cases", "total", "ok", "unchanged", "partial", "invalid", "failed", "manifest"}
    assert (summary["total"], summary["ok"], summary["invalid"]) == (3, 2, 1)
    row = summary["cases"][2]
    assert set(row) == {"case", "status", "documents", "seconds", "first_error", "refused", "warnings"}
    assert row["status"] == "invalid" and "halvfærdig" in row["first_error"] and row["documents"] == 0


def test_fail_fast_stops_later_cases(root: Path, tmp_path: Path) -> None:
    break_case(root / "halsnaes-boern-og-unge")
    result = run_batch(root, tmp_path / "out", jobs=1, fail_fast=True)
    assert [o.status for o in result.outcomes] == ["invalid"]


def test_parallel_and_serial_give_the_same_bytes(root: Path, tmp_path: Path) -> None:
    run_batch(root, tmp_path / "serial", jobs=1)
    run_batch(root, tmp_path / "parallel", jobs=2)
    for path in sorted((tmp_path / "serial").rglob("*.*x")):
        assert path.read_bytes() == (tmp_path / "parallel" / path.relative_to(tmp_path / "serial")).read_bytes()


def test_same_folder_name_twice_is_refused(root: Path, tmp_path: Path) -> None:
    shutil.copytree(root / "region-sjaelland-sundhed", root / "nested" / "region-sjaelland-sundhed")
    result = run_batch(root, tmp_path / "out", jobs=1)
    clash = [o for o in result.outcomes if o.status == "failed"]
    assert len(clash) == 1 and "same folder name" in clash[0].first_error


def test_killed_batch_leaves_only_whole_files_and_reruns(tmp_path: Path) -> None:
    """SIGKILL in the middle of a batch: every document on disk is a whole package; a rerun completes."""
    root = tmp_path / "root"
    for index in range(12):
        for name in BASE_CASES:
            shutil.copytree(INPUTS / name, root / f"{name}-{index}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docpipe", "batch", str(root), "--out", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 20:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    documents = [p for p in out.rglob("*") if p.suffix in (".docx", ".xlsx")]
    assert documents, "the batch was killed before it wrote anything; the test proves nothing"
    for path in documents:
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None, f"{path} is damaged"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert not list(out.rglob("*.tmp")), "temporaries of the killed run are still there"
    assert len(list(out.rglob("*.docx"))) == 36 * 6  # with the statusnotat: every base case is under way


def test_workbook_cases_are_named_like_their_folder(root: Path, tmp_path: Path) -> None:
    from docpipe.intake.writer import export_case
    from docpipe.model.load import load_case

    export_case(load_case(root / "region-sjaelland-sundhed"), root / "region-fra-excel.xlsx")
    export_case(load_case(root / "halsnaes-boern-og-unge"), root / "halsnaes-boern-og-unge.xlsx")
    result = run_batch(root, tmp_path / "out", jobs=1)
    by_name = {o.name: o for o in result.outcomes}
    assert by_name["region-fra-excel"].status == "ok"
    assert sorted(p.name for p in (tmp_path / "out" / "region-fra-excel").iterdir()) == ALL_FILES
    clash = [o for o in result.outcomes if o.status == "failed"]
    assert len(clash) == 1 and "same folder name" in clash[0].first_error
