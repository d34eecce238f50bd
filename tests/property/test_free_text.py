"""Arbitrary Unicode in free-text fields: refused with the control-character message, or kept verbatim.

For any text hypothesis makes, put into a free-text field of the Halsnæs case, validation either
refuses exactly that field (a character Word and Excel cannot store, a blank required text, or a
one-pager budget) or accepts it; and then the text comes out of the Word document as the reader
would expect (python-docx), and as a text cell (never a formula) in the workbook (openpyxl), and
every output reopens.

What "verbatim" means in Word, as the deliverables define it:

- vision and background are multi-paragraph texts: every line break (``str.splitlines``) starts a
  paragraph, blank lines are dropped and spaces (only U+0020) at the ends of each line are trimmed;
- the others (a risk, an actor's name, an activity's title) sit in one table cell: a line feed
  is a line break inside it and a tab a tab, everything else as is.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import docx
import openpyxl
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from docpipe import DELIVERABLES, InvalidCase, render_deliverable
from docpipe.deliverables.one_pager_fit import ONE_PAGER_COUNTS, ONE_PAGER_LIMITS, refusals
from docpipe.model import Case
from docpipe.model.load import case_from_sources
from docpipe.sources import CaseSources, read_case_folder
from docpipe.sources.characters import FORBIDDEN, describe_character
from docpipe.sources.folder import decode
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import parse_yaml
from tests.conftest import INPUTS

BASE = INPUTS / "halsnaes-boern-og-unge"
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Formula injection and other text that must never become anything but text.
TRICKY = ['=HYPERLINK("http://evil.example";"klik")', "+45 12 34 56 78", "-1+2", "@SUM(A1:A9)",
          "\t=1+1", "Børn & Unge <i> „citat“ 🚲", "  indrykket\n\n  og linjer  ", "a\u2028b\x85c"]


@cache
def base_sources() -> CaseSources:
    return read_case_folder(BASE)


def validated(part: str, change: Callable[[Any], None]) -> Case:
    """The shipped case with ``change`` applied to one part's data, through the whole validation."""
    sources = copy.deepcopy(base_sources())
    change(sources.documents[part].data)
    return case_from_sources(sources)


def expected_problems(field: str, text: str) -> list[str]:
    """What validation must say about ``text`` in ``field`` (the messages' fixed words), [] if nothing."""
    bad = FORBIDDEN.search(text)
    if bad:
        return [f"{field}: contains a character Word and Excel cannot store ({describe_character(bad.group())}) "
                f"at position {bad.start() + 1}; delete it (it is often pasted in by accident)"]
    if not text.strip():
        return [f"{field}: is empty; write the text or remove the field"]
    return []


def expected_refusals(field: str, text: str, budget: str | None) -> list[str]:
    """What refuses the one-pager (never the case) for ``text`` in ``field``, [] if nothing."""
    problems = []
    if budget and len(text) > ONE_PAGER_LIMITS[budget]:
        problems.append(f"{field}: is {len(text)} characters; the one-pager has room for {ONE_PAGER_LIMITS[budget]}")
    count = sum(1 for line in text.splitlines() if line.strip())
    if budget and count > ONE_PAGER_COUNTS[f"{budget}_paragraphs"]:
        problems.append(f"{field}: has {count} paragraphs")
    return problems


def outcome(part: str, field: str, change: Callable[[Any], None], text: str,
            budget: str | None = None) -> Case | None:
    """The valid case, or None after checking that the refusal says exactly what it must; a valid
    case's one-pager is refused exactly for the budgets ``text`` exceeds."""
    expected = expected_problems(field, text)
    try:
        case = validated(part, change)
    except InvalidCase as error:
        found = [f"{problem.field}: {problem.message}" for problem in error.problems]
        assert len(found) == len(expected) and all(f.startswith(e) for f, e in zip(found, expected, strict=True)), (
            found, expected)
        return None
    assert expected == [], expected
    refused = [f"{problem.field}: {problem.message}" for problem in refusals(case)]
    wanted = expected_refusals(field, text, budget)
    assert len(refused) == len(wanted) and all(f.startswith(e) for f, e in zip(refused, wanted, strict=True)), (
        refused, wanted)
    return case


def paragraphs_of(text: str) -> list[str]:
    return [line.strip(" ") for line in text.splitlines() if line.strip()]


def word_texts(name: str, case: Case) -> tuple[list[str], list[str]]:
    """Body paragraphs and table cells of a rendered Word deliverable; it must reopen."""
    document = docx.Document(io.BytesIO(render_deliverable(case, DELIVERABLES[name])))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [paragraph.text for paragraph in document.paragraphs], cells


def sheet_cells(name: str, case: Case, sheet: str) -> list[openpyxl.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(render_deliverable(case, DELIVERABLES[name])))
    return [cell for row in workbook[sheet].iter_rows() for cell in row]


def contains_run(items: list[str], run: list[str]) -> bool:
    return any(items[start:start + len(run)] == run for start in range(len(items) - len(run) + 1))


def assert_text_cell(cells: list[openpyxl.cell.Cell], text: str) -> None:
    matching = [cell for cell in cells if cell.value == text]
    assert matching, f"{text!r} is in no cell"
    assert all(cell.data_type == "s" for cell in matching)


# Word cells: a carriage return is left in the text, where XML readers (and Word) see a line feed or
# a space, never the line break the paragraph fields make of it; see test_carriage_return_in_a_cell.
cell_text = st.text().map(lambda text: text.replace("\r", "\n"))


@FAST
@given(text=st.text())
@example(text="\x0b manuelt linjeskift")
@example(text=" \n ")
@example(text="Linje 1\r\nLinje 2\rLinje 3\u2028Linje 4")
def test_vision(text: str) -> None:
    case = outcome("initiative", "vision", lambda data: data.update(vision=text), text, budget="vision")
    if case is not None:
        paragraphs, _ = word_texts("kommissorium", case)
        assert contains_run(paragraphs, paragraphs_of(text))


@FAST
@given(text=st.text(min_size=1))
@example(text=TRICKY[6])
def test_background(text: str) -> None:
    case = outcome("initiative", "background", lambda data: data.update(background=text), text)
    if case is not None:
        paragraphs, _ = word_texts("kommissorium", case)
        assert contains_run(paragraphs, paragraphs_of(text))


@FAST
@given(text=cell_text)
@example(text=TRICKY[7])
def test_risk(text: str) -> None:
    case = outcome("initiative", "risks[0].risk", lambda data: data["risks"][0].update(risk=text), text)
    if case is not None:
        _, cells = word_texts("kommissorium", case)
        assert text in cells


@FAST
@given(text=cell_text)
@example(text=TRICKY[0])
@example(text=TRICKY[4])
def test_actor_name(text: str) -> None:
    index = next(i for i, actor in enumerate(base_sources().documents["actors"].data["actors"])
                 if actor["id"] == "mikkel-frandsen")  # the chair: named in the kommissorium's table
    case = outcome("actors", f"actors[{index}].name",
                   lambda data: data["actors"][index].update(name=text), text)
    if case is not None:
        _, cells = word_texts("kommissorium", case)
        assert text in cells
        assert_text_cell(sheet_cells("aktoeroverblik", case, "Aktører"), text)


@FAST
@given(text=cell_text)
@example(text=TRICKY[0])
@example(text=TRICKY[1])
@example(text=TRICKY[2])
@example(text=TRICKY[3])
def test_activity_title(text: str) -> None:
    def change(data: Any) -> None:
        data["phases"][0]["activities"][0]["title"] = text
    case = outcome("planning", "phases[0].activities[0].title", change, text)
    if case is not None:
        _, cells = word_texts("implementeringsplan", case)
        assert text in cells
        assert_text_cell(sheet_cells("implementeringsplan-xlsx", case, "Plan"), text)


@FAST
@given(text=st.text())
@example(text="a\x85b")
def test_yaml_keeps_any_text(text: str) -> None:
    """docpipe's reader gives what PyYAML's safe loader gives for what PyYAML writes: the text itself,
    line breaks, BOMs and all; except that PyYAML's writer puts a raw NEL (U+0085) into single quotes,
    where YAML reads it as a line break folded into a space ("a\x85b" comes back "a b")."""
    dumped = yaml.safe_dump({"vision": text}, allow_unicode=True)
    decoded, problem = decode("initiative.yaml", dumped.encode("utf-8"))
    assert problem is None and decoded is not None
    document, problems = parse_yaml("initiative.yaml", decoded)
    assert problems == [] and document is not None
    assert document.data == yaml.safe_load(dumped)
    if "\x85" not in text:
        assert document.data == {"vision": text}


@FAST
@given(text=st.text(), ascii_only=st.booleans())
def test_json_keeps_any_text(text: str, ascii_only: bool) -> None:
    """Including escaped emoji (surrogate pairs), which the json module joins and YAML would not."""
    dumped = json.dumps({"vision": text}, ensure_ascii=ascii_only or bool(FORBIDDEN.search(text)))
    document, problems = parse_json("initiative.json", dumped)
    assert problems == [] and document is not None
    assert document.data == {"vision": text}


def test_carriage_return_in_a_cell() -> None:
    """A lone CR or CR LF in a one-cell text breaks the line once, as in the paragraph fields."""
    text = "Linje 1\r\nLinje 2\rLinje 3"
    case = validated("initiative", lambda data: data["risks"][0].update(risk=text))
    _, cells = word_texts("kommissorium", case)
    assert "Linje 1\nLinje 2\nLinje 3" in cells
