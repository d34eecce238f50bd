"""The actor overview (aktøroverblik) as a workbook: every actor, and the interest/influence grid.

The template (templates/xlsx/aktoeroverblik.xlsx, made by ``python -m tools.templates.xlsx``) holds
the sheets, header rows, grid frame, quadrant labels, axis labels and print setup; ``fill`` writes
the actors and places them in the grid. The layout constants here are what the template script
builds from.
"""

from __future__ import annotations

from collections import Counter

from docpipe import danish
from docpipe.deliverables.common import governance_roles
from docpipe.deliverables.sheet_layout import (
    CENTRED_STYLE,
    NUMBER_STYLE,
    TEXT_STYLE,
    Column,
    fit_height,
    set_page_header,
    write_table,
)
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

# The count tables to the right of the grid, each beside one band so they share its even rows:
# per quadrant (fixed rows) beside the upper band, per actor type (up to 8 and a total) the lower.
COUNT_LABEL_COLUMN, COUNT_COLUMN = 6, 7
QUADRANT_COUNT_HEADER_ROW = BAND_ROWS[True]
QUADRANT_ORDER = list(danish.QUADRANT)
TYPE_COUNT_HEADER_ROW = BAND_ROWS[False]
TOTAL_LABEL = "I alt"
TOTAL_TEXT_STYLE = "Sum tekst"
TOTAL_NUMBER_STYLE = "Sum tal"


def fill(workbook: BookFill, case: Case) -> None:
    """Write every actor into the actor list and place each one in the interest/influence grid."""
    roles = governance_roles(case)
    rows = [_actor_row(actor, roles[actor.id]) for actor in case.actors]
    write_table(workbook[ACTORS_SHEET], ACTOR_COLUMNS, rows)
    matrix = workbook[MATRIX_SHEET]
    _fill_grid(matrix, case.actors)
    _fill_counts(matrix, case.actors)
    for sheet in workbook.worksheets:
        set_page_header(sheet, case)


def _actor_row(actor: Actor, roles: list[str]) -> list[CellValue]:
    return [
        actor.name,
        actor.title,
        actor.organisation,
        danish.ACTOR_TYPE[actor.type],
        ", ".join(roles),
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
        text = "\n".join(f"{actor.name} ({actor.organisation})" for actor in members) or EMPTY_QUADRANT
        sheet.put(BAND_ROWS[high_influence] + 1, INTEREST_COLUMNS[high_interest], text, QUADRANT_BLOCK_STYLE)
        needed[high_influence] = max(needed[high_influence], fit_height([(text, QUADRANT_WIDTH)]))
    for high_influence, height in needed.items():
        first = BAND_ROWS[high_influence] + 1
        for row in range(first, first + BLOCK_ROWS):
            sheet.set_row_height(row, max(BLOCK_ROW_HEIGHT, round(height / BLOCK_ROWS, 1)))


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
