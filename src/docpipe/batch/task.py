"""One case of a batch, rendered in a worker: every failure becomes an outcome, never an exception."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from docpipe.batch.outcome import CaseOutcome, CaseStatus
from docpipe.deliverables.registry import for_case, select
from docpipe.errors import DocpipeError, DocumentsRefused, InvalidCase, Problem
from docpipe.i18n import SOURCE_LANGUAGE, _, use_language
from docpipe.limits import current_document, out_of_memory
from docpipe.model import Case
from docpipe.model.facts import fact_warnings
from docpipe.model.load import load_case
from docpipe.output.manifest import FileRecord
from docpipe.output.pdf import pdf_candidates
from docpipe.output.write import safe_folder_name
from docpipe.render.case import render_case
from docpipe.render.locate import FileVersion, default_templates_dir, file_version, find_template


def templates_hash(override: Path | None = None) -> str:
    """One hash over every template file that could be used (defaults and ``override``)."""
    digest = hashlib.sha256()
    for folder in [default_templates_dir(), *([override] if override else [])]:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def case_input_hash(case: Case, templates_used: dict[str, Path]) -> str:
    """A hash of everything the case's documents are made from: its validated content, its logo
    and the template files it uses (an organisation's own templates included)."""
    digest = hashlib.sha256()
    content = case.model_dump(mode="json", exclude={"logo", "template_dirs"})
    digest.update(json.dumps(content, sort_keys=True, ensure_ascii=False).encode())
    digest.update(case.logo or b"")
    for name, path in sorted(templates_used.items()):
        digest.update(name.encode() + b"\0" + _template_digest(path))
    return digest.hexdigest()


def _template_digest(path: Path) -> bytes:
    """The sha256 of a template file, read again only when it changed (see
    docpipe.render.locate.file_version): a batch hashes the same few templates for every case."""
    return _file_digest(file_version(path))


@lru_cache(maxsize=256)
def _file_digest(version: FileVersion) -> bytes:
    return hashlib.sha256(Path(version.path).read_bytes()).digest()


# --- one case, in a worker --------------------------------------------------------------------


@dataclass(frozen=True)
class CaseTask:
    """What a worker needs to render one case: plain values, cheap to send to another process."""

    name: str
    case_dir: str
    out_dir: str
    deliverables: list[str] | None
    templates: str | None
    templates_sha: str
    previous: dict[str, Any] | None
    language: str = SOURCE_LANGUAGE  # of the messages: the batch's caller's (docpipe.i18n.current_language)


def render_task(task: CaseTask) -> CaseOutcome:
    """Render one case; every failure becomes an outcome, never an exception that stops the batch.

    Its messages are in ``task.language`` whatever the worker process was set to.
    """
    with use_language(task.language):
        return _render_task(task)


def _render_task(task: CaseTask) -> CaseOutcome:
    started = time.perf_counter()
    out = Path(task.out_dir)

    def outcome(status: CaseStatus, **values: Any) -> CaseOutcome:
        return CaseOutcome(task.name, task.case_dir, status, time.perf_counter() - started, **values)

    warnings: tuple[Problem, ...] = ()
    try:
        case = load_case(task.case_dir)
        warnings = tuple(fact_warnings(case))
        override = Path(task.templates) if task.templates else None
        used = {d.file_name: find_template(d.template_name, d.kind, override, case.template_dirs)
                for d in for_case(case, task.deliverables)}
        input_sha = case_input_hash(case, used)
        shown = {name: _shown_path(path) for name, path in used.items()}
        if _unchanged(task.previous, input_sha, task.templates_sha, out):
            assert task.previous is not None
            files = tuple(FileRecord(**record) for record in task.previous["files"])
            return outcome("unchanged", files=files, templates=shown, input_sha256=input_sha, warnings=warnings)
        try:
            written = render_case(case, out, task.deliverables, override)
        except DocumentsRefused as refused:
            files = tuple(FileRecord.of(path, out) for path in refused.written)
            return outcome("partial", files=files, templates=shown, input_sha256=input_sha, warnings=warnings,
                           errors=tuple(map(str, refused.problems)), refused=tuple(refused.problems))
        files = tuple(FileRecord.of(path, out) for path in written)
        return outcome("ok", files=files, templates=shown, input_sha256=input_sha, warnings=warnings)
    except InvalidCase as error:
        _remove_deliverables(out, task)
        return outcome("invalid", errors=tuple(str(problem) for problem in error.problems),
                       problems=tuple(error.problems))
    except DocpipeError as error:
        _remove_deliverables(out, task)
        return outcome("failed", errors=(str(error),))
    except MemoryError:  # over the memory limit of a render child (docpipe.batch.limited): say which and how much
        _remove_deliverables(out, task)
        return outcome("failed", errors=(out_of_memory(current_document() or task.name),))
    except Exception as error:  # a bug must cost one case, not the batch; the message says it is ours
        _remove_deliverables(out, task)
        return outcome("failed", errors=(_("internal error in docpipe ({kind}: {error}); please report it with this "
                                           "case").format(kind=type(error).__name__, error=error),))


def _unchanged(previous: dict[str, Any] | None, input_sha: str, templates_sha: str, out: Path) -> bool:
    """Whether the previous run made this case from the same inputs and its files are intact."""
    if not previous or previous.get("status") not in ("ok", "unchanged"):
        return False
    if previous.get("input_sha256") != input_sha or previous.get("templates_sha256") != templates_sha:
        return False
    for record in previous.get("files", []):
        path = out / record["path"]
        if not path.is_file() or FileRecord.of(path, out).sha256 != record["sha256"]:
            return False
    return bool(previous.get("files"))


def _remove_deliverables(out: Path, task: CaseTask) -> None:
    """A failed case leaves no deliverable behind, also none from an earlier run that would look current."""
    folder = out / safe_folder_name(task.name)
    for deliverable in select(task.deliverables):
        for path in (folder / deliverable.file_name, *pdf_candidates(folder / deliverable.file_name)):
            if path.is_file() and not path.is_symlink():
                path.unlink()


def _shown_path(path: Path) -> str:
    """A template's path for the manifest: relative to the defaults folder when it is a default."""
    inside = _inside_defaults(file_version(path))
    return f"(default) {inside}" if inside is not None else str(path)


@lru_cache(maxsize=256)
def _inside_defaults(version: FileVersion) -> str | None:
    """The file's path inside the defaults folder, or None. Kept per file version (one ``stat``):
    resolving costs a system call per folder of the path, for every document of every case."""
    defaults = _resolved_defaults()
    resolved = Path(version.path).resolve()
    return resolved.relative_to(defaults).as_posix() if resolved.is_relative_to(defaults) else None


@cache
def _resolved_defaults() -> Path:
    return default_templates_dir().resolve()
