"""The one-pager's own limits: they refuse the one-pager alone, never the case, and partners adapt.

A programme whose 150 actors come from 18 (or 40) organisations renders all seven documents, with
the one-pager on exactly one page (counted with LibreOffice; skipped with the reason printed when it
is missing). A text over the one-pager's budget refuses that document only, naming file, line and
field, unless the case gives the one-pager a shorter version of its own (``one_pager:``).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from docpipe import DocumentRefused, DocumentsRefused, case_warnings, load_case, render_case
from docpipe.deliverables import one_pager
from docpipe.deliverables.one_pager_fit import (
    ONE_PAGER_COUNTS,
    ONE_PAGER_LIMITS,
    PARTNER_LINE_CHARS,
    RUN_ON_CHARS,
    listed_partners,
    refusals,
)
from docpipe.deliverables.registry import DELIVERABLES, select
from docpipe.render.case import render_deliverable
from tests.conftest import INPUTS, edit_yaml
from tests.deliverables.test_one_pager import MAX_CASE, _in_column, _pages

CaseCopy = Callable[..., Path]
ONE_PAGER = DELIVERABLES["one-pager"]
BASE = INPUTS / "halsnaes-boern-og-unge"
ORGANISATIONS = ["Halsnæs Kommune", "Erhverv Halsnæs", "Frederiksværk Gymnasium og HF", "Halsnæs Ungeråd",
                 "Idrætssamvirket i Halsnæs", "Resonans A/S", "Steno Diabetes Center Copenhagen",
                 "Sund By Netværket"]


def programme(folder: Path, actors: int, organisations: int, long_names: bool = False) -> Path:
    """The shipped Halsnæs case grown into a programme: ``actors`` actors from ``organisations``
    organisations (the eight it names, then "Skole nr. N ..."), its own actors first."""
    shutil.copytree(BASE, folder)
    names = [*ORGANISATIONS, *(f"Skole nr. {n} i Halsnæs" for n in range(1, organisations - len(ORGANISATIONS) + 1))]
    if long_names:
        names = [f"{name}, afd. for børn, unge og familier" for name in names]  # 50-80 characters
    names = names[:organisations]

    def grow(data: dict[str, list[dict[str, Any]]]) -> None:
        own = data["actors"]
        for index, actor in enumerate(own):
            actor["organisation"] = names[min(index, len(names) - 1)] if long_names else actor["organisation"]
        template = own[-1]
        for n in range(len(own), actors):
            data["actors"].append({**template, "id": f"aktoer-{n}", "name": f"Aktør {n}",
                                   "organisation": names[n % len(names)], "email": f"aktoer{n}@example.dk"})

    edit_yaml(folder / "actors.yaml", grow)
    return folder


# --- partners adapt ------------------------------------------------------------------------------


def test_a_programme_of_150_actors_from_18_organisations_renders_all_seven(tmp_path: Path) -> None:
    case = load_case(programme(tmp_path / "programme", 150, 18))
    assert len(case.actors) == 150 and len(one_pager.partners(case)) == 18
    written = render_case(case, tmp_path / "out")
    assert sorted(path.name for path in written) == sorted(d.file_name for d in select(None))
    assert [w for w in case_warnings(case) if w.document] == []


def test_partners_beyond_ten_lines_become_og_n_andre(tmp_path: Path) -> None:
    case = load_case(programme(tmp_path / "programme", 150, 18))
    partners = one_pager.partners(case)
    document = docx.Document(io.BytesIO(render_deliverable(case, ONE_PAGER)))
    listed = _in_column(document, 1, 1, "Partner")
    assert listed == [*partners[:9], "og 9 andre"]


def test_listed_partners_at_the_edges() -> None:
    ten = [f"Organisation {n}" for n in range(10)]
    assert listed_partners(ten) == (ten, False)
    assert listed_partners([*ten, "Den ellevte"]) == ([*ten[:9], "og 2 andre"], False)
    long = ["x" * (PARTNER_LINE_CHARS + 1)] * 3
    assert listed_partners(long) == (long, True)
    many = [f"{'y' * PARTNER_LINE_CHARS} {n:02}" for n in range(40)]
    shown, run_on = listed_partners(many)
    assert run_on and shown[-1] == f"og {40 - len(shown) + 1} andre"
    assert shown[:-1] == many[:len(shown) - 1]
    assert sum(map(len, shown)) + 5 * (len(shown) - 1) <= RUN_ON_CHARS
    assert listed_partners([*many[:len(shown) - 1], "z"])[0][-1] == "z"  # one short name more still fits


@pytest.mark.parametrize(("organisations", "long_names"), [(18, False), (40, False), (40, True)],
                         ids=["18", "40", "40-long-names"])
def test_many_partner_organisations_stay_one_page(tmp_path: Path, organisations: int, long_names: bool) -> None:
    folder = programme(tmp_path / "programme", 150, organisations, long_names)
    case = load_case(folder)
    assert len(one_pager.partners(case)) == organisations
    assert _pages(render_deliverable(case, ONE_PAGER), tmp_path) == 1


def test_the_longest_texts_with_40_long_partner_names_stay_one_page(tmp_path: Path) -> None:
    """The fixture at every text budget, its ten partners grown to forty: still one page."""
    folder = tmp_path / "max"
    shutil.copytree(MAX_CASE, folder)

    def grow(data: dict[str, list[dict[str, Any]]]) -> None:
        template = data["actors"][-1]
        for n in range(40):
            data["actors"].append({**template, "id": f"ekstra-{n}", "name": f"Ekstra {n}",
                                   "organisation": f"{'Partnerorganisation for trivsel og læring ' * 2}{n}"[:80]})

    edit_yaml(folder / "actors.yaml", grow)
    case = load_case(folder)
    assert refusals(case) == []
    assert _pages(render_deliverable(case, ONE_PAGER), tmp_path) == 1


# --- a text over budget refuses the one-pager alone -------------------------------------------------


# Where each one-pager length budget is set in a case: file, field (as reported) and how to set it.
ONE_PAGER_TEXTS: dict[str, tuple[str, str, Callable[[Any, str], None]]] = {
    "title": ("initiative.yaml", "title", lambda d, text: d.update(title=text)),
    "vision": ("initiative.yaml", "vision", lambda d, text: d.update(vision=text)),
    "challenge": ("initiative.yaml", "challenge", lambda d, text: d.update(challenge=text)),
    "goal": ("initiative.yaml", "goals[0]", lambda d, text: d["goals"].__setitem__(0, text)),
    "criterion": ("initiative.yaml", "success_criteria[0].criterion",
                  lambda d, text: d["success_criteria"][0].update(criterion=text)),
    "target": ("initiative.yaml", "success_criteria[0].target",
               lambda d, text: d["success_criteria"][0].update(target=text)),
    "deliverable": ("initiative.yaml", "deliverables[0]", lambda d, text: d["deliverables"].__setitem__(0, text)),
    "partner": ("actors.yaml", "actors[2].organisation", lambda d, text: d["actors"][2].update(organisation=text)),
}


def test_every_one_pager_length_budget_is_tested_at_its_edge() -> None:
    assert set(ONE_PAGER_TEXTS) == set(ONE_PAGER_LIMITS)


@pytest.mark.parametrize("budget", sorted(ONE_PAGER_TEXTS))
def test_one_pager_length_budget_edge(case_copy: CaseCopy, budget: str) -> None:
    """A text of exactly the budget fits; one character more refuses the one-pager (not the case),
    asking to cut one, at the text's file, line and field. Characters are counted, not bytes."""
    file, field, put = ONE_PAGER_TEXTS[budget]
    limit = ONE_PAGER_LIMITS[budget]
    case_dir = case_copy()
    edit_yaml(case_dir / file, lambda d: put(d, "ø" * limit))
    assert refusals(load_case(case_dir)) == []
    edit_yaml(case_dir / file, lambda d: put(d, "ø" * (limit + 1)))
    [problem] = refusals(load_case(case_dir))
    assert (problem.file, problem.field, problem.document) == (file, field, "one-pager")
    assert isinstance(problem.line, int)
    assert "ø" * (limit + 1) in (case_dir / file).read_text("utf-8").splitlines()[problem.line - 1]
    assert problem.message.startswith(f"is {limit + 1} characters; the one-pager has room for {limit}: cut 1 ")


def test_a_refused_one_pager_leaves_the_other_six_written(case_copy: CaseCopy, tmp_path: Path) -> None:
    case_dir = case_copy()
    out = tmp_path / "out"
    render_case(load_case(case_dir), out)  # an earlier run's one-pager, which must not look current
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(vision="v" * 340))
    case = load_case(case_dir)
    with pytest.raises(DocumentsRefused) as caught:
        render_case(case, out)
    [refused] = caught.value.refused
    assert isinstance(refused, DocumentRefused) and refused.document == "one-pager"
    [problem] = caught.value.problems
    lines = (case_dir / "initiative.yaml").read_text("utf-8").splitlines()
    assert lines[problem.line - 1 if isinstance(problem.line, int) else 0].startswith("vision:")
    assert str(problem) == (f"one-pager: initiative.yaml:{problem.line} vision: is 340 characters; the one-pager "
                            "has room for 300: cut 40 characters, or give the one-pager a shorter version under "
                            "one_pager.vision")
    folder = out / case.name
    assert sorted(path.name for path in caught.value.written) == sorted(
        d.file_name for d in select(None) if d.name != "one-pager")
    assert sorted(path.name for path in folder.iterdir()) == sorted(path.name for path in caught.value.written)


def test_a_short_version_for_the_one_pager_is_shown_instead(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    long_vision = "Lang vision. " * 30

    def shorten(data: dict[str, Any]) -> None:
        data.update(vision=long_vision, goals=[f"Mål nr. {n}" for n in range(8)])
        data["one_pager"] = {"vision": "Kort vision til én side.", "goals": ["Første mål", "Andet mål"]}

    edit_yaml(case_dir / "initiative.yaml", shorten)
    case = load_case(case_dir)
    assert refusals(case) == []
    document = docx.Document(io.BytesIO(render_deliverable(case, ONE_PAGER)))
    band = [p.text for p in document.paragraphs if p.text and p.style is not None and p.style.name.startswith("Vision")]
    assert band == ["VISION", "Kort vision til én side."]
    goals = _in_column(document, 0, 1, "List Bullet")
    assert goals == ["Første mål", "Andet mål"]
    kommissorium = docx.Document(io.BytesIO(render_deliverable(case, DELIVERABLES["kommissorium"])))
    assert long_vision.strip() in [p.text.strip() for p in kommissorium.paragraphs]


def test_a_short_version_over_budget_is_refused_where_it_stands(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(one_pager={"goals": ["g" * 150]}))
    [problem] = refusals(load_case(case_dir))
    assert problem.field == "one_pager.goals[0]"
    assert problem.message == "is 150 characters; the one-pager has room for 140: cut 10 characters"
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(one_pager={"goals": ["g"] * 7}))
    [problem] = refusals(load_case(case_dir))
    assert (problem.field, problem.message) == ("one_pager.goals",
                                                "has 7 entries; the one-pager has room for 5: remove 2")


def test_too_many_goals_name_the_short_list(case_copy: CaseCopy) -> None:
    case_dir = case_copy()
    edit_yaml(case_dir / "initiative.yaml", lambda d: d.update(goals=[f"Mål {n}" for n in range(9)]))
    [problem] = refusals(load_case(case_dir))
    assert (problem.field, problem.message) == ("goals", "has 9 entries; the one-pager has room for 5: remove 4, "
                                                         "or give the one-pager its own list under one_pager.goals")
    assert ONE_PAGER_COUNTS["goals"] == 5


def test_the_schema_describes_the_one_pager_s_own_texts() -> None:
    from docpipe import input_schema

    schema = input_schema("initiative")
    texts = schema["$defs"]["OnePagerTexts"]
    assert set(texts["properties"]) == {"title", "vision", "challenge", "goals", "deliverables"}
    assert "one-pager" in texts["description"]
    assert "one_pager" in schema["properties"]
