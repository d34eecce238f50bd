"""Danish wording and formats: dates, amounts, weeks and the labels of every enumeration.

Babel holds the CLDR rules for Danish (month names, thousands separators), so nothing here spells
out a month or a separator by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

from babel.core import Locale
from babel.dates import parse_pattern
from babel.numbers import format_decimal

LOCALE = "da_DK"

METHOD = {"policy-lab": "Policy Lab", "co-creation": "Co-creation (samskabelse)", "project": "Projekt"}
STATUS = {"draft": "Udkast", "final": "Endelig"}
ACTIVITY_STATUS = {"planned": "Planlagt", "in_progress": "I gang", "done": "Afsluttet", "late": "Forsinket"}
ACTOR_TYPE = {
    "internal": "Intern",
    "external": "Ekstern",
    "citizen": "Borger",
    "association": "Forening",
    "business": "Erhverv",
    "education": "Uddannelse",
    "region": "Region",
    "political": "Politisk",
}
INVOLVEMENT = {
    "inform": "Informere",
    "consult": "Høre",
    "involve": "Inddrage",
    "collaborate": "Samarbejde",
    "empower": "Overdrage beslutning",
}
DECISION_RULE = {"consensus": "konsensus", "majority": "simpelt flertal"}
ORGANISATION_KIND = {"municipality": "Kommune", "region": "Region", "other": "Organisation"}

# The interest/influence grid (interessentanalyse), keyed by (high interest, high influence).
QUADRANT = {
    (True, True): "Centrale aktører – inddrag tæt",
    (False, True): "Holdes tilfredse",
    (True, False): "Holdes informerede",
    (False, False): "Monitoreres",
}


def long_date(value: dt.date) -> str:
    """22. november 2026"""
    return _formatted_date(value, "d. MMMM y")


def month_year(value: dt.date) -> str:
    """juni 2027: when a plan's date says the month, not the day, a later meeting falls in."""
    return _formatted_date(value, "MMMM y")


def table_date(value: dt.date) -> str:
    """4. mar. 2027: a date in a table, the month abbreviated (running text writes it out, long_date).
    One style per document: never "04.03.2027" in a table beside "4. marts 2027" in the text."""
    return _formatted_date(value, "d. MMM y")


def short_date(value: dt.date) -> str:
    """22.11.2026: for tables where the long form would not fit."""
    return _formatted_date(value, "dd.MM.y")


@lru_cache(maxsize=4096)
def _formatted_date(value: dt.date, pattern: str) -> str:
    """``value`` written with the CLDR ``pattern`` in Danish, kept per date and pattern.

    What ``format_date(value, format=pattern, locale=LOCALE)`` gives, without parsing the locale
    again (babel keeps parsed patterns itself): 4 µs instead of 17. A case writes the same phase and
    milestone dates in several documents. Safe to keep: the text depends only on the date and the
    pattern (the locale is fixed); a date and a datetime never compare equal, so one never answers
    for the other.
    """
    if isinstance(value, dt.datetime):  # as format_date does
        value = value.date()
    return str(parse_pattern(pattern).apply(value, danish_locale()))


@cache
def danish_locale() -> Locale:
    """Babel's Danish locale, parsed once: ``format_date`` and ``format_decimal`` given the name parse
    it on every call, which cost more than the formatting; given the Locale they use it as it is."""
    return Locale.parse(LOCALE)


def amount(value: Decimal | int) -> str:
    """1.250.000 kr. (øre shown only when there are any)."""
    number = Decimal(value)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.00"
    return f"{format_decimal(number, format=pattern, locale=danish_locale())} kr."


def week(value: dt.date) -> str:
    """uge 47 (ISO week, as Danish calendars count)."""
    return f"uge {value.isocalendar().week}"


def week_span(start: dt.date, end: dt.date) -> str:
    """uge 47–52 2026, or uge 50 2026–uge 3 2027 when the span crosses a year (en dash, as Danish
    typography writes ranges)."""
    first, last = start.isocalendar(), end.isocalendar()
    if first.year == last.year:
        weeks = f"{first.week}" if first.week == last.week else f"{first.week}–{last.week}"
        return f"uge {weeks} {first.year}"
    return f"uge {first.week} {first.year}–uge {last.week} {last.year}"
