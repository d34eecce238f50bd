"""Amounts in kroner as a Dane writes them.

A number in YAML or JSON uses a decimal point, and a dot with three digits after it (``385.000``)
is refused by the readers (docpipe.sources.limits): a Dane means 385,000, YAML would read 385.0.
Written as text, an amount may take the Danish form, with dots or spaces between the thousands, a
decimal comma and ``kr.``: ``"385.000"``, ``"385.000 kr."``, ``"1.250.000,50"``, ``"385 000"``. Any
other text is refused with the field, never guessed at.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from docpipe.i18n import _

_CURRENCY = re.compile(r"\s*(?:kr\.?|kroner|dkk)\s*$", re.IGNORECASE)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})  # no-break and thin spaces from Word
_DANISH_FORMS = (
    re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?"),  # 1.250.000,50
    re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]{1,2})?"),  # 1 250 000,50
    re.compile(r"[0-9]+(?:,[0-9]{1,2})?"),  # 1250000,50 and 385000
)


def danish_amount(value: Any) -> Any:
    """``value`` as a Decimal when it is text in a Danish form; other text is refused, numbers pass."""
    if not isinstance(value, str):
        return value
    text = _CURRENCY.sub("", value.translate(_SPACES).strip())
    if any(form.fullmatch(text) for form in _DANISH_FORMS):
        return Decimal(text.replace(".", "").replace(" ", "").replace(",", "."))
    raise ValueError(_('"{value}" is not an amount docpipe can read; write a number (385000 or 385000.50) or the '
                       'Danish form in quotes ("385.000 kr.", "1.250.000,50")').format(value=value))


# The constraints before the validator: the schema then says "a number from 0, or text" in plain
# JSON Schema (the other order leaks pydantic's own keywords into it).
Amount = Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=2,
                                  description='kroner: 385000, 385000.50 or Danish text "1.250.000,50 kr."'),
                   BeforeValidator(danish_amount)]
"""Kroner and øre: a number, or Danish text such as "1.250.000,50 kr."."""
