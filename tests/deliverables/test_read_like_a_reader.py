"""The pack checked the way a reader checks it (issue 15, section 5), over every shipped case and
changed ones: every date a document gives exists in the case; no document speaks of "dette
dokument" meaning another; the deciding body is named and kinded as the case has it; no document
meant for publication shows an e-mail address or a phone number."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from docpipe.deliverables.bodies import BODY, BODY_LABEL
from docpipe.model import Case
from docpipe.model.committee import Request
from tests.conftest import SHIPPED_CASES
from tests.deliverables.reading import pack_texts, shipped_case
from tests.deliverables.test_governance_texts import HALSNAES, POLITI, _changed

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
LONG_DATE = re.compile(rf"\b(\d{{1,2}})\. ({'|'.join(MONTHS)}) (\d{{4}})\b")
SHORT_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
MONTH_YEAR = re.compile(rf"\b(?<!\d\. )({'|'.join(MONTHS)}) (\d{{4}})\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+\d{2}[\d ]{8,}|\b\d{2} \d{2} \d{2} \d{2}\b|\b\d{8}\b")
PUBLISHED = ("dagsordenspunkt", "kommissorium", "forretningsorden", "implementeringsplan", "one-pager")


def case_dates(value: Any) -> Iterator[dt.date]:
    """Every date anywhere in the case: meetings, adoptions, handlings, phases, activities."""
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from case_dates(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from case_dates(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from case_dates(item)


def claimed_dates(text: str) -> Iterator[tuple[str, dt.date]]:
    for match in LONG_DATE.finditer(text):
        day, month, year = match.groups()
        yield match.group(), dt.date(int(year), MONTHS.index(month) + 1, int(day))
    for match in SHORT_DATE.finditer(text):
        day, month, year = match.groups()
        yield match.group(), dt.date(int(year), int(month), int(day))


def changed_cases() -> dict[str, Case]:
    """Cases no shipped folder has: a kredsråd that recommends to a council, asked at a later meeting
    about the one-pager and a status, with an adopted forretningsorden; and a renamed udvalg."""
    later = _changed(HALSNAES, committee={
        "name": "Kredsrådet for Nordsjælland", "kind": "police-council", "meeting_date": dt.date(2027, 6, 16),
        "competence": "Rigspolitiet", "route": [],
        "requests": [Request(kind="approve-one-pager"), Request(kind="note-status")]},
        steering={"adopted_on": dt.date(2026, 11, 2)})
    renamed = _changed(POLITI, committee={"name": "Det Kriminalpræventive Råd", "kind": "board"})
    return {"kredsraad-later": later, "renamed-board": renamed}


def all_packs() -> Iterator[Any]:
    for name in SHIPPED_CASES:
        yield pytest.param(name, id=name)
    for name in changed_cases():
        yield pytest.param(name, id=name)


def case_named(name: str) -> Case:
    return shipped_case(name) if name in SHIPPED_CASES else changed_cases()[name]


@pytest.mark.parametrize("name", list(all_packs()))
def test_every_date_a_document_gives_is_in_the_case(name: str) -> None:
    case = case_named(name)
    known = set(case_dates(case))
    months = {(day.year, day.month) for day in known}
    wrong = [f"{deliverable}: {said}" for deliverable, text in pack_texts(case).items()
             for said, day in claimed_dates(text) if day not in known]
    wrong += [f"{deliverable}: {match.group()}" for deliverable, text in pack_texts(case).items()
              for match in MONTH_YEAR.finditer(text)
              if (int(match.group(2)), MONTHS.index(match.group(1)) + 1) not in months]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", list(all_packs()))
def test_no_document_speaks_of_dette_dokument_meaning_another(name: str) -> None:
    """Only the kommissorium may carry the case's own "dette dokument": the texts are written for it."""
    found = [deliverable for deliverable, text in pack_texts(case_named(name)).items()
             if deliverable != "kommissorium" and "dette dokument" in text.lower()]
    assert not found


@pytest.mark.parametrize("name", list(all_packs()))
def test_the_deciding_body_is_named_and_kinded_as_the_case_has_it(name: str) -> None:
    case = case_named(name)
    texts = pack_texts(case)
    committee = case.initiative.committee
    if committee is None:
        assert "dagsordenspunkt" not in texts
        return
    agenda = texts["dagsordenspunkt"].splitlines()
    assert agenda[agenda.index(BODY_LABEL[committee.kind]) + 1] == committee.name
    assert committee.name in texts["kommissorium"]
    # the generic words of other kinds of body, unless the case itself uses them
    own = case.initiative.model_dump_json().casefold()
    foreign = {word for kind, word in BODY.items() if kind != committee.kind and word not in own}
    said = [f"{deliverable}: {word}" for deliverable, text in texts.items() for word in foreign
            if re.search(rf"\b{word}\b", text.casefold())]
    assert not said, "\n".join(said)


@pytest.mark.parametrize("name", list(all_packs()))
def test_no_contact_data_in_a_document_meant_for_publication(name: str) -> None:
    texts = pack_texts(case_named(name))
    found = [f"{deliverable}: {match.group()}" for deliverable in PUBLISHED if deliverable in texts
             for pattern in (EMAIL, PHONE) for match in pattern.finditer(texts[deliverable])]
    assert not found, "\n".join(found)


def test_the_reader_s_checks_can_fail() -> None:
    """Each check finds what it looks for in a text that has it."""
    assert [day for _, day in claimed_dates("mødet den 22. november 2026 og 01.02.2027")] == [
        dt.date(2026, 11, 22), dt.date(2027, 2, 1)]
    assert MONTH_YEAR.search("forelægges i juni 2027") and not MONTH_YEAR.search("den 4. juni 2027")
    assert EMAIL.search("skriv til mikkel.frandsen@halsnaes.dk")
    assert all(PHONE.search(text) for text in ("+45 47 78 41 10", "tlf. 47 78 41 10", "47784110"))
    assert not PHONE.search("Sagsnr. 26/14872, 1.100.000 kr., uge 45 2026–uge 39 2027")
    assert set(case_dates(shipped_case(HALSNAES))) >= {dt.date(2026, 12, 8), dt.date(2026, 9, 8)}
