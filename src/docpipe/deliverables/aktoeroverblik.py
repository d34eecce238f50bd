"""The actor overview (aktøroverblik) as a workbook: every actor, and the interest/influence grid.

The template (templates/xlsx/aktoeroverblik.xlsx, made by ``python -m tools.templates.xlsx``) holds
the sheets, header rows, grid frame, quadrant labels, axis labels and print setup; ``fill`` writes
the actors and places them in the grid. The layout constants here are what the template script
builds from.

Two versions come from the one template. The internal one names every person with their scores,
e-mail and phone; its printed header says it is an internal document with personal data. The
public one (``fill_public``), fit to go with a published agenda, lists organisations only: their
actor type, the roles their people hold in the governance, how they are involved and how many
actors they count, and in the grid the number of actors per quadrant but never who. The
``aktoeroverblik`` deliverable is the public version when the case attaches it to the agenda item
as a public bilag, and the internal one otherwise; ``aktoeroverblik-offentlig`` is always public.
"""

from __future__ import annotations

from collections import Counter

from docpipe import danish
from docpipe.deliverables.common import governance_roles, roles_text
from docpipe.deliverables.sheet_layout import (
    CENTRED_STYLE,
    HEADER_STYLE,
    NUMBER_STYLE,
    TEXT_STYLE,
    Column,
    fit_height,
    set_page_header,
    write_table,
)
from docpipe.deliverables.wording import Role
from docpipe.model import Actor, Case
from docpipe.sheet.fill import BookFill, CellValue, SheetFill

ACTORS_SHEET = "Aktører"
MATRIX_SHEET = "Matrix"

# A score of this or more (on the 1-5 scale) counts as high interest or high influence.
HIGH_SCORE = 3

ACTOR_COLUMNS = (
    Column("Navn", 24),
    Column("Stilling", 30),
    Column("Organisation", 26),
    Column("Type", 11, CENTRED_STYLE),
    Column("Rolle i styringen", 26),
    Column("Interesse", 10, NUMBER_STYLE),
    Column("Indflydelse", 11, NUMBER_STYLE),
    Column("Inddragelsesniveau", 18),
    Column("E-mail", 30),
    Column("Telefon", 15),
)

# The grid: high influence is the upper band, high interest the right-hand column. Each quadrant
# has a label row and a merged block of rows below it that lists its actors.
QUADRANT_BLOCK_STYLE = "Kvadrant"
QUADRANT_WIDTH = 52
BLOCK_ROWS = 10
BLOCK_ROW_HEIGHT = 15.0
BAND_ROWS = {True: 4, False: 5 + BLOCK_ROWS}  # high influence? -> the band's label row
INTEREST_COLUMNS = {False: 3, True: 4}  # high interest? -> the quadrant's column (C, D)
AXIS_LABEL_ROW = 5 + 2 * BLOCK_ROWS + 1  # "lav" / "høj" under the interest columns
EMPTY_QUADRANT = "(ingen aktører)"
QUADRANT_NAMES = 10  # lines of names a quadrant shows (the last says how many more): one page at ≥ 9 pt

# The count tables to the right of the grid, each beside one band so they share its even rows:
# per quadrant (fixed rows) beside the upper band, per actor type (up to 8 and a total) the lower.
COUNT_LABEL_COLUMN, COUNT_COLUMN = 6, 7
QUADRANT_COUNT_HEADER_ROW = BAND_ROWS[True]
QUADRANT_ORDER = list(danish.QUADRANT)
TYPE_COUNT_HEADER_ROW = BAND_ROWS[False]
TOTAL_LABEL = "I alt"
TOTAL_TEXT_STYLE = "Sum tekst"
TOTAL_NUMBER_STYLE = "Sum tal"


INTERNAL_MARK = "Internt dokument – indeholder personoplysninger"
PUBLIC_MARK = "Offentlig udgave – uden personoplysninger"

PUBLIC_COLUMNS = (
    Column("Organisation", 32),
    Column("Type", 14, CENTRED_STYLE),
    Column("Roller i styringen", 44),
    Column("Inddragelsesniveau", 26),
    Column("Antal aktører", 14, NUMBER_STYLE),
)
PUBLIC_NOTE = ("Offentlig udgave: aktørerne er talt efter deres score for interesse og indflydelse, men den "
               "enkelte persons placering, navn og kontaktoplysninger står kun i det interne aktøroverblik.")
PUBLIC_QUADRANT = "Vises kun i det interne aktøroverblik"
NOTE_ROW = 2


def public_bilag(case: Case) -> bool:
    """Whether the case sends the aktøroverblik to its committee as a public (published) bilag."""
    committee = case.initiative.committee
    if committee is None:
        return False
    return any(attachment.deliverable == "aktoeroverblik" and attachment.is_public
               for attachment in committee.bilag())


def fill(workbook: BookFill, case: Case) -> None:
    """The aktøroverblik as the case needs it: the public version when it is a public bilag of the
    agenda item, otherwise the internal one with every person, marked as holding personal data."""
    if public_bilag(case):
        fill_public(workbook, case)
    else:
        fill_internal(workbook, case)


def fill_internal(workbook: BookFill, case: Case) -> None:
    """Write every actor into the actor list and place each one in the interest/influence grid."""
    roles = governance_roles(case)
    rows = [_actor_row(actor, roles[actor.id]) for actor in case.actors]
    write_table(workbook[ACTORS_SHEET], ACTOR_COLUMNS, rows)
    matrix = workbook[MATRIX_SHEET]
    _fill_grid(matrix, case.actors)
    _fill_counts(matrix, case.actors)
    for sheet in workbook.worksheets:
        _mark(sheet, case, f"&B{INTERNAL_MARK}")


def fill_public(workbook: BookFill, case: Case) -> None:
    """The version fit to publish: organisations with their type, roles, involvement and number of
    actors; per quadrant only how many. No name, title, score, e-mail or phone of anyone."""
    sheet = workbook[ACTORS_SHEET]
    for column, spec in enumerate(PUBLIC_COLUMNS, start=1):
        sheet.put(1, column, spec.header, HEADER_STYLE)
        sheet.set_column_width(column, spec.width)
    for column in range(len(PUBLIC_COLUMNS) + 1, len(ACTOR_COLUMNS) + 1):
        sheet.clear(1, column)
    write_table(sheet, PUBLIC_COLUMNS, _organisation_rows(case))
    sheet.drop_rules()  # the template's drop-downs and score rules belong to the internal columns
    matrix = workbook[MATRIX_SHEET]
    matrix.put(NOTE_ROW, 1, PUBLIC_NOTE, "Normal")
    for key in QUADRANT_ORDER:
        high_interest, high_influence = key
        matrix.put(BAND_ROWS[high_influence] + 1, INTEREST_COLUMNS[high_interest], PUBLIC_QUADRANT,
                   QUADRANT_BLOCK_STYLE)
    _fill_counts(matrix, case.actors)
    for each in workbook.worksheets:
        _mark(each, case, PUBLIC_MARK)


def _mark(sheet: SheetFill, case: Case, mark: str) -> None:
    """The letterhead, and on the right under UDKAST (if any) which version this is, on every printed page."""
    set_page_header(sheet, case)
    sheet.set_header(right=f"{sheet.header.right}\n{mark}" if sheet.header.right else mark)


def _organisation_rows(case: Case) -> list[list[CellValue]]:
    """One row per organisation, in the order its first actor comes in the case."""
    roles = governance_roles(case)
    groups: dict[str, list[Actor]] = {}
    for actor in case.actors:
        groups.setdefault(actor.organisation, []).append(actor)
    rows: list[list[CellValue]] = []
    for organisation, members in groups.items():
        types = dict.fromkeys(danish.ACTOR_TYPE[actor.type] for actor in members)
        held = dict.fromkeys(role for actor in members for role in roles[actor.id])
        levels = [label for key, label in danish.INVOLVEMENT.items() if any(a.involvement == key for a in members)]
        rows.append([organisation, ", ".join(types), roles_text(list(held)), ", ".join(levels), len(members)])
    return rows


def _actor_row(actor: Actor, roles: list[Role]) -> list[CellValue]:
    return [
        actor.name,
        actor.title,
        actor.organisation,
        danish.ACTOR_TYPE[actor.type],
        roles_text(roles),
        actor.interest,
        actor.influence,
        danish.INVOLVEMENT[actor.involvement],
        str(actor.email or ""),
        actor.phone or "",
    ]


def quadrant(actor: Actor) -> tuple[bool, bool]:
    """(high interest, high influence): the key of danish.QUADRANT the actor belongs to."""
    return actor.interest >= HIGH_SCORE, actor.influence >= HIGH_SCORE


def _fill_grid(sheet: SheetFill, actors: list[Actor]) -> None:
    """List each quadrant's actors (most influential first) in its block; grow a band that is too short."""
    needed = dict.fromkeys(BAND_ROWS, BLOCK_ROW_HEIGHT * BLOCK_ROWS)
    for key in QUADRANT_ORDER:
        high_interest, high_influence = key
        members = sorted((actor for actor in actors if quadrant(actor) == key),
                         key=lambda actor: (-actor.influence, -actor.interest))
        text = quadrant_text(members)
        sheet.put(BAND_ROWS[high_influence] + 1, INTEREST_COLUMNS[high_interest], text, QUADRANT_BLOCK_STYLE)
        needed[high_influence] = max(needed[high_influence], fit_height([(text, QUADRANT_WIDTH)]))
    for high_influence, height in needed.items():
        first = BAND_ROWS[high_influence] + 1
        for row in range(first, first + BLOCK_ROWS):
            sheet.set_row_height(row, max(BLOCK_ROW_HEIGHT, round(height / BLOCK_ROWS, 1)))


def quadrant_text(members: list[Actor]) -> str:
    """The quadrant's actors, one a line; beyond QUADRANT_NAMES the most influential and how many more,
    so the grid stays one readable page for 150 actors (every one is listed in the Aktører sheet)."""
    if not members:
        return EMPTY_QUADRANT
    lines = [f"{actor.name} ({actor.organisation})" for actor in members]
    if len(lines) <= QUADRANT_NAMES:
        return "\n".join(lines)
    rest = len(lines) - (QUADRANT_NAMES - 1)
    return "\n".join([*lines[:QUADRANT_NAMES - 1],
                      f"… og {rest} andre ({len(lines)} i alt; alle står i fanen {ACTORS_SHEET})"])


def _fill_counts(sheet: SheetFill, actors: list[Actor]) -> None:
    """How many actors each quadrant and each actor type has (the labels of quadrants are the template's)."""
    per_quadrant = Counter(quadrant(actor) for actor in actors)
    for offset, key in enumerate(QUADRANT_ORDER, start=1):
        sheet.put(QUADRANT_COUNT_HEADER_ROW + offset, COUNT_COLUMN, per_quadrant[key], NUMBER_STYLE)
    sheet.put(QUADRANT_COUNT_HEADER_ROW + len(QUADRANT_ORDER) + 1, COUNT_COLUMN, len(actors),
        TOTAL_NUMBER_STYLE)
    per_type: Counter[str] = Counter(actor.type for actor in actors)
    rows = [(label, per_type[kind]) for kind, label in danish.ACTOR_TYPE.items() if per_type[kind]]
    for offset, (label, count) in enumerate(rows, start=1):
        row = TYPE_COUNT_HEADER_ROW + offset
        sheet.put(row, COUNT_LABEL_COLUMN, label, TEXT_STYLE)
        sheet.put(row, COUNT_COLUMN, count, NUMBER_STYLE)
    total_row = TYPE_COUNT_HEADER_ROW + len(rows) + 1
    sheet.put(total_row, COUNT_LABEL_COLUMN, TOTAL_LABEL, TOTAL_TEXT_STYLE)
    sheet.put(total_row, COUNT_COLUMN, len(actors), TOTAL_NUMBER_STYLE)
