"""Rendering with limits: a template that asks for gigabytes or never ends costs its case, not the server.

Probed: ``{{ 'x' * 200000000 }}`` in a 20 KB uploaded template took a server from 92 MB to 1 GB, and
nested loops had no time limit. Each case now renders in a child process killed past its limits
(docpipe.batch.limited); the user reads which document and which limit, and the server keeps serving.
"""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from docpipe.errors import TemplateError
from docpipe.limits import RenderLimits, use_limits
from docpipe.render.locate import default_templates_dir
from tests.conftest import INPUTS
from tests.web.conftest import finish_job, loopback_config, serving, start_job, zip_folder

if TYPE_CHECKING:
    from fastapi import FastAPI

pytest.importorskip("fastapi", reason="the web face needs fastapi: pip install 'docpipe[web]'")
pytest.importorskip("httpx", reason="the web tests need httpx")

HUGE = "{{ 'x' * 200000000 }}"
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
CASE = "halsnaes-boern-og-unge"


def template_with(tag: str) -> bytes:
    """The default kommissorium template with one more paragraph holding ``tag``."""
    out = io.BytesIO()
    with zipfile.ZipFile(default_templates_dir() / "docx" / "kommissorium.docx") as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", f"<w:p><w:r><w:t>{tag}</w:t></w:r></w:p><w:sectPr".encode(), 1)
            target.writestr(item, data)
    return out.getvalue()


def case_with(folder: Path, tag: str | None) -> Path:
    """A copy of the shipped case in ``folder``, carrying a kommissorium template with ``tag`` (if any)."""
    shutil.copytree(INPUTS / CASE, folder)
    if tag is not None:
        (folder / "templates").mkdir()
        (folder / "templates" / "kommissorium.docx").write_bytes(template_with(tag))
    return folder


def test_a_huge_string_is_refused_while_a_normal_upload_alongside_succeeds(
        make_app: Callable[..., FastAPI], tmp_path: Path) -> None:
    import httpx

    app = make_app(uploaded_templates=True, render_limits=RenderLimits(seconds=60, memory_mb=300))
    evil = zip_folder(case_with(tmp_path / "ond" / CASE, HUGE))
    answers: dict[str, Any] = {}

    def post_evil(base: str) -> None:
        answers["evil"] = httpx.post(f"{base}/api/render", files={"file": ("ond.zip", evil)}, timeout=180)

    with serving(loopback_config(app)) as base:
        thread = threading.Thread(target=post_evil, args=(base,))
        thread.start()
        normal = httpx.post(f"{base}/api/render", files={"file": ("sag.zip", zip_folder(INPUTS / CASE))},
                            timeout=180)
        thread.join(timeout=180)
        after = httpx.get(f"{base}/", timeout=30)
    assert normal.status_code == 200, normal.text
    assert after.status_code == 200
    refused = answers["evil"]
    assert refused.status_code == 422, refused.text
    message = refused.json()["problems"][0]["message"]
    assert "kommissorium.docx" in message
    assert "300 MB" in message or "60 sekunder" in message, message


def test_a_loop_that_never_ends_fails_its_case_and_the_batch_goes_on(
        make_app: Callable[..., FastAPI], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(make_app(uploaded_templates=True, render_limits=RenderLimits(seconds=3)))
    root = tmp_path / "kommuner"
    case_with(root / "uendelig", ENDLESS)
    case_with(root / "almindelig", None)
    response = finish_job(client, start_job(client, "kommuner.zip", zip_folder(root)), timeout=120)
    assert "kommissorium.docx: stoppet efter 3 sekunder" in response.text
    assert "/almindelig/kommissorium.docx" in response.text  # the other case's documents are downloadable
    assert client.get("/").status_code == 200


def test_a_queue_worker_renders_with_the_servers_limits(tmp_path: Path) -> None:
    """``docpipe worker`` runs queued_job with the options the server queued: the same limits."""
    from docpipe.web.jobs import JobState
    from docpipe.web.queue import queued_job
    from docpipe.web.work import RenderOptions, unpack

    root = tmp_path / "kommuner"
    case_with(root / "uendelig", ENDLESS)
    case_with(root / "almindelig", None)
    folder = tmp_path / "job"
    folder.mkdir()
    unpacked = unpack(zip_folder(root), "kommuner.zip", folder, uploaded_templates=True)
    options = RenderOptions(workers=2, with_previews=False, uploaded_templates=True,
                            limits=RenderLimits(seconds=3))
    queued_job(str(folder), unpacked, "kommuner.zip", None, options)
    state = JobState.load(folder)
    assert state is not None and state.phase == "done" and state.results is not None
    statuses = {case["key"]: (case["status"], case["errors"]) for case in state.results["cases"]}
    assert statuses["almindelig"] == ("ok", [])
    assert statuses["uendelig"][0] == "failed"
    assert "kommissorium.docx: stoppet efter 3 sekunder" in statuses["uendelig"][1][0]


def test_a_rendered_part_over_the_cap_is_refused_naming_the_part(tmp_path: Path) -> None:
    from docpipe.word.template import WordTemplate
    from tests.word.test_word_template import make_template

    template = WordTemplate(make_template(tmp_path / "kommissorium.docx", "{{ 'x' * 3000000 }}"))
    use_limits(RenderLimits(part_mb=2))
    try:
        with pytest.raises(TemplateError, match=r"larger than 2 MB") as refused:
            template.render({})
    finally:
        use_limits(RenderLimits())
    assert refused.value.template == "kommissorium.docx"
    assert "word/document.xml" in str(refused.value) or "body" in str(refused.value)
    assert len(template.render({})) > 0  # the default cap lets it through


def test_a_case_over_the_memory_cap_fails_naming_the_document_and_the_cap(tmp_path: Path) -> None:
    from docpipe.batch import CaseTask
    from docpipe.batch.limited import run_limited

    case = case_with(tmp_path / "ond" / CASE, HUGE)
    task = CaseTask(CASE, str(case), str(tmp_path / "out"), None, None, "", None)
    outcome = run_limited(task, RenderLimits(seconds=120, memory_mb=200))
    assert outcome.status == "failed"
    assert outcome.errors == ("kommissorium.docx: stopped because making it needed more than 200 MB of memory, the "
                              "most one document may use on this server",)
    assert not (tmp_path / "out" / CASE / "kommissorium.docx").exists()
