"""The forretningsorden read back from Word: §§ in order, the case's numbers in Danish words, the
right people in the right places, and the co-creation wording where the method asks for it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import cache

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docpipe import DELIVERABLES, Case, load_case, render_deliverable
from docpipe.deliverables import forretningsorden
from docpipe.deliverables.bodies import GroupWords
from docpipe.model import RuledGroup
from tests.conftest import INPUTS, SHIPPED_CASES

HEADINGS = [
    "Formål", "Sammensætning", "Formand og sekretariat", "Møder", "Indkaldelse og dagsorden",
    "Beslutningsdygtighed", "Beslutninger", "Habilitet", "Referat", "Tavshedspligt og aktindsigt",
    "Økonomi og vederlag", "Ikrafttræden og ændringer",
]
HALSNAES, POLITI, REGION = "halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed", "region-sjaelland-sundhed"


@cache
def _case(name: str) -> Case:
    return load_case(INPUTS / name)


def _ruled(name: str) -> RuledGroup:
    case = _case(name)
    group = case.initiative.governance.ruled_group(case.initiative.method)
    assert group is not None
    return group


def _render(case: Case) -> bytes:
    return render_deliverable(case, DELIVERABLES["forretningsorden"])


@cache
def _data(name: str) -> bytes:
    return _render(_case(name))


def _document(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def _sections(document: DocumentObject) -> dict[str, list[Paragraph | Table]]:
    """Body content under each Heading 1, in order (paragraphs and tables)."""
    sections: dict[str, list[Paragraph | Table]] = {}
    current: list[Paragraph | Table] | None = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            para = Paragraph(element, document)
            if para.style is not None and para.style.name == "Heading 1":
                current = sections.setdefault(para.text, [])
            elif current is not None and para.text.strip():
                current.append(para)
        elif element.tag == qn("w:tbl") and current is not None:
            current.append(Table(element, document))
    return sections


def _style(paragraph: Paragraph) -> str | None:
    return paragraph.style.name if paragraph.style is not None else None


def _text(items: list[Paragraph | Table]) -> str:
    return "\n".join(item.text for item in items if isinstance(item, Paragraph))


@cache
def _section_texts(name: str) -> dict[str, str]:
    return {title: _text(items) for title, items in _sections(_document(_data(name))).items()}


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_title_and_paragraphs_in_order(name: str) -> None:
    document = _document(_data(name))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "Forretningsorden" and _style(paragraphs[0]) == "Title"
    group = _ruled(name)
    assert paragraphs[1].text == f"for {group.name}n for {_case(name).initiative.title}"
    assert _style(paragraphs[1]) == "Subtitle"
    assert list(_sections(document)) == HEADINGS


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_word_numbers_the_paragraphs_with_a_section_sign(name: str) -> None:
    """The "§ 1." comes from a Word list on Heading 1, not typed text, so a § can be moved in Word."""
    document = _document(_data(name))
    num_pr = document.styles["Heading 1"].element.pPr.numPr
    assert num_pr is not None
    num_id = num_pr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "§ %1."
    assert level.find(qn("w:suff")).get(qn("w:val")) == "space"
    assert not any(p.text.startswith("§") for p in document.paragraphs)


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_no_template_tag_survives(name: str) -> None:
    package = zipfile.ZipFile(io.BytesIO(_data(name)))
    for part in package.namelist():
        if part.endswith(".xml"):
            text = package.read(part).decode("utf-8")
            assert "{{" not in text and "{%" not in text and "}}" not in text, part


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_member_table_lists_the_group_with_the_chair_first(name: str) -> None:
    case = _case(name)
    group = _ruled(name)
    tables = [item for item in _sections(_document(_data(name)))["Sammensætning"] if isinstance(item, Table)]
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows[0] == ["Navn", "Stilling", "Organisation", "Rolle"]
    row_properties = tables[0].rows[0]._tr.trPr
    assert row_properties is not None and row_properties.find(qn("w:tblHeader")) is not None
    second = [group.vice_chair] if group.vice_chair else []
    assert [row[0] for row in rows[1:]] == [case.actor(group.chair).name] + [
        case.actor(m).name for m in second + [m for m in group.members if m not in (group.chair, group.vice_chair)]]
    assert rows[1][3].startswith("Formand")
    vice = [case.actor(actor_id).name for actor_id in second]
    assert all(row[3].startswith("Næstformand" if row[0] in vice else "Medlem") for row in rows[2:])
    chair = case.actor(group.chair)
    assert rows[1][1:3] == [chair.title, chair.organisation]


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_chair_and_secretariat_are_named(name: str) -> None:
    case = _case(name)
    group = _ruled(name)
    text = _section_texts(name)["Formand og sekretariat"]
    assert f"Formand for {group.name}n er {case.actor(group.chair).name}," in text
    assert f"Sekretariatsfunktionen varetages af {case.actor(group.secretariat).name}," in text
    assert "udarbejder dagsorden i samarbejde med formanden" in text
    assert "udarbejder referat af møderne" in text


@pytest.mark.parametrize(("name", "notice", "minutes", "count"), [
    (HALSNAES, "senest ti dage før mødet", "senest fem dage efter mødet", "fem medlemmer"),
    (POLITI, "senest syv dage før mødet", "senest tre dage efter mødet", "fire medlemmer"),
    (REGION, "senest 14 dage før mødet", "senest syv dage efter mødet", "seks medlemmer"),
])
def test_numbers_are_written_in_danish_words(name: str, notice: str, minutes: str, count: str) -> None:
    texts = _section_texts(name)
    assert notice in texts["Indkaldelse og dagsorden"]
    assert minutes in texts["Referat"]
    assert f"{_ruled(name).name.capitalize()}n består af {count}:" in texts["Sammensætning"]


def test_meetings_quorum_and_stk_numbering() -> None:
    texts = _section_texts(HALSNAES)
    assert texts["Møder"].startswith("Styregruppen holder ordinære møder hver 6. uge samt efter behov.")
    assert "mindst to medlemmer" in texts["Møder"]
    assert texts["Beslutningsdygtighed"].startswith(
        "Styregruppen er beslutningsdygtig, når mindst halvdelen af medlemmerne, herunder formanden eller "
        "dennes stedfortræder, er til stede.")
    # "Stk. 2." continues after the member table, and the first paragraph of a § has no number
    after_table = _sections(_document(_data(HALSNAES)))["Sammensætning"][2]
    assert isinstance(after_table, Paragraph) and after_table.text.startswith("Stk. 2. Et medlem")
    assert after_table.runs[0].italic
    assert texts["Møder"].splitlines()[1].startswith("Stk. 2. ")
    region = _section_texts(REGION)["Beslutningsdygtighed"]
    assert "når formanden og mindst én repræsentant for regionen og to af de tre kommuner er til stede." in region


def test_consensus_says_what_happens_without_it() -> None:
    text = _section_texts(HALSNAES)["Beslutninger"]
    assert text.startswith("Styregruppen tilstræber konsensus")
    assert "Kan der ikke opnås konsensus, træffer formanden beslutning" in text
    assert "forelægger formanden sagen for Børne- og Uddannelsesudvalget" in text
    assert "simpelt flertal" not in text


def test_majority_with_the_chairs_casting_vote() -> None:
    text = _section_texts(POLITI)["Beslutninger"]
    assert "ved simpelt flertal blandt de tilstedeværende medlemmer" in text
    assert "Ved stemmelighed er formandens stemme afgørende." in text
    assert "konsensus" not in text


@pytest.mark.parametrize("name", SHIPPED_CASES)
def test_law_references_and_committee(name: str) -> None:
    texts = _section_texts(name)
    committee = _case(name).initiative.committee
    assert committee is not None
    assert "Forvaltningslovens regler om inhabilitet" in texts["Habilitet"]
    assert "forvaltningslovens § 27" in texts["Tavshedspligt og aktindsigt"]
    assert "offentlighedsloven" in texts["Tavshedspligt og aktindsigt"]
    assert committee.name in texts["Ikrafttræden og ændringer"]
    assert f"sag nr. {_case(name).initiative.case_number}" in texts["Referat"]


def test_co_creation_keeps_ownership_with_the_working_group() -> None:
    texts = _section_texts(POLITI)
    purpose = texts["Formål"]
    assert "for at følge og understøtte" in purpose
    assert "Ejerskabet til initiativet ligger hos den tværfaglige arbejdsgruppe" in purpose
    assert "ledelsespersonen med beslutningsmandat, Henrik Vestergaard" in purpose
    assert "Ankerpersonen deltager i møderne" in texts["Sammensætning"]
    assert "Følgegruppens anbefalinger vedtages ved simpelt flertal" in texts["Beslutninger"]
    assert "samtidig initiativets ledelsesperson med beslutningsmandat" in texts["Formand og sekretariat"]
    for other in (HALSNAES, REGION):
        assert "Ejerskabet" not in _section_texts(other)["Formål"]
        assert "for at lede og sikre fremdriften" in _section_texts(other)["Formål"]


def test_purpose_quotes_only_the_first_paragraph() -> None:
    """The second purpose paragraph of the police case speaks of "dette dokument" (the kommissorium)."""
    document = _document(_data(POLITI))
    quotes = [p.text for p in document.paragraphs if _style(p) == "Quote"]
    assert quotes == [_case(POLITI).initiative.purpose.splitlines()[0].strip()]
    assert "Dette dokument" not in _section_texts(POLITI)["Formål"]


def test_draft_has_udkast_and_an_open_adoption_date() -> None:
    document = _document(_data(POLITI))
    header = "\n".join(cell.text for table in document.sections[0].header.tables
                       for row in table.rows for cell in row.cells)
    assert "UDKAST" in header
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert "Vedtaget på følgegruppens møde den ____" in "\n".join(texts)
    assert texts[2].startswith("Forretningsordenen forelægges til vedtagelse")
    assert texts[-2:] == ["Henrik Vestergaard", "Formand for følgegruppen"]


def test_final_without_adoption_date_is_put_to_the_first_meeting() -> None:
    """The document's date is not a meeting: without adopted_on the rules are still to be adopted."""
    document = _document(_data(HALSNAES))
    header = "\n".join(cell.text for table in document.sections[0].header.tables
                       for row in table.rows for cell in row.cells)
    assert "UDKAST" not in header
    assert "22. november 2026" in header
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[2].startswith("Forretningsordenen forelægges til vedtagelse på styregruppens første møde")
    assert "22. november 2026" not in "\n".join(texts)
    assert "Vedtaget på styregruppens møde den ____" in "\n".join(texts)


def test_adoption_date_is_the_groups_meeting() -> None:
    case = _variant(HALSNAES, adopted_on=dt.date(2027, 4, 16))
    texts = [p.text for p in _document(_render(case)).paragraphs if p.text.strip()]
    assert texts[2] == ("Forretningsordenen er vedtaget på styregruppens møde den 16. april 2027 og fastlægger "
                        "rammerne for styregruppens arbejde.")
    assert "Vedtaget på styregruppens møde den 16. april 2027." in texts
    assert "Forretningsordenen træder i kraft ved vedtagelsen den 16. april 2027." in "\n".join(texts)
    assert not any("____" in text for text in texts[:-3])


def _variant(name: str, **governance_changes: object) -> Case:
    """A shipped case with changed initiative fields (``committee``, ``method``) or steering group."""
    case = _case(name)
    initiative = case.initiative
    initiative_changes: dict[str, object] = {
        key: governance_changes.pop(key) for key in ("committee", "method", "case_number") if key in governance_changes}
    assert initiative.governance.steering_group is not None
    group = initiative.governance.steering_group.model_copy(update=governance_changes)
    governance = initiative.governance.model_copy(update={"steering_group": group})
    initiative = initiative.model_copy(update={"governance": governance, **initiative_changes})
    return case.model_copy(update={"initiative": initiative})


def test_without_committee_the_document_names_none() -> None:
    case = _variant(REGION, committee=None, case_number=None, notice_days=1, minutes_within_days=1)
    texts = {title: _text(items) for title, items in _sections(_document(_render(case))).items()}
    assert "Udvalget" not in "\n".join(texts.values())
    assert "senest én dag før mødet" in texts["Indkaldelse og dagsorden"]
    assert "senest én dag efter mødet" in texts["Referat"]
    assert "journaliseres på initiativets sag" in texts["Referat"]
    # no committee: a disagreement goes to the leader with the mandate (Karen Holst), not a committee
    assert "forelægger formanden sagen for Karen Holst" in texts["Beslutninger"]


def test_co_creation_consensus_goes_to_the_leader() -> None:
    case = _variant(HALSNAES, method="co-creation")
    context = forretningsorden.build_context(case)
    decisions = " ".join(block["text"] for block in context["sections"]["decisions"])
    assert "forelægges sagen for ledelsespersonen med beslutningsmandat, Lene Dalsgaard" in decisions
    assert "anbefalinger vedtages så vidt muligt i enighed" in decisions


@pytest.mark.parametrize(("quorum", "sentence"), [
    ("Mindst tre medlemmer, heraf formanden",
     "Styregruppen er beslutningsdygtig, når mindst tre medlemmer, heraf formanden, er til stede."),
    ("Et flertal af medlemmerne.", "Styregruppen er beslutningsdygtig, når et flertal af medlemmerne er til stede."),
    ("Styregruppen er beslutningsdygtig med fire medlemmer",
     "Styregruppen er beslutningsdygtig med fire medlemmer."),
])
def test_quorum_becomes_one_sentence(quorum: str, sentence: str) -> None:
    assert forretningsorden._quorum_sentence(quorum, GroupWords("styregruppe")) == sentence
