"""Danish public holidays, and the days public offices close, for checking meeting dates.

Computed, not looked up: the fixed days and those counted from Easter Sunday (the Gregorian
computation below, the "anonymous" algorithm in Meeus' *Astronomical Algorithms*). Store Bededag
counts until 2023: the Folketing abolished it from 2024 (lov nr. 169 af 28. februar 2023). Grundlovsdag,
juleaftensdag and nytårsaftensdag are no public holidays by law, but municipal offices close, and a
committee does not meet then either.

No library: docpipe's dependencies hold none (``holidays`` would be one more install on a locked-down
municipal PC, and dateutil is not among them either), and ten dates a year are a short table.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

STORE_BEDEDAG_LAST_YEAR = 2023
_FIXED = {(1, 1): "nytårsdag", (6, 5): "grundlovsdag", (12, 24): "juleaftensdag", (12, 25): "juledag",
          (12, 26): "2. juledag", (12, 31): "nytårsaftensdag"}
_FROM_EASTER = {-3: "skærtorsdag", -2: "langfredag", 0: "påskedag", 1: "2. påskedag", 26: "store bededag",
                39: "Kristi himmelfartsdag", 49: "pinsedag", 50: "2. pinsedag"}


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of ``year`` in the Gregorian calendar."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def holidays_of(year: int) -> dict[dt.date, str]:
    """Every Danish holiday (and day offices close) of ``year``, by date, with its Danish name."""
    days = {dt.date(year, month, day): name for (month, day), name in _FIXED.items()}
    easter = easter_sunday(year)
    for offset, name in _FROM_EASTER.items():
        if name == "store bededag" and year > STORE_BEDEDAG_LAST_YEAR:
            continue
        days[easter + dt.timedelta(days=offset)] = name
    return days


def danish_holiday(day: dt.date) -> str | None:
    """The Danish name of the holiday ``day`` is, or None for an ordinary day."""
    return holidays_of(day.year).get(day)
