"""Amounts mean what a Dane typed: 385.000 is never read as 385, and "1.250.000,50 kr." is read as written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from docpipe import DELIVERABLES, load_case, render_deliverable
from docpipe.danish import amount as shown_amount
from docpipe.model.amounts import Amount
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import parse_yaml
from tests.conftest import problems_of

CaseCopy = Callable[..., Path]
AMOUNT = TypeAdapter(Amount)
FIRST_AMOUNT = "      amount: 385000\n"


def with_first_amount(case_dir: Path, written: str) -> None:
    """The case's first budget line's amount written as ``written``, exactly (a YAML dump would change it)."""
    path = case_dir / "initiative.yaml"
    text = path.read_text("utf-8")
    assert FIRST_AMOUNT in text
    path.write_text(text.replace(FIRST_AMOUNT, f"      amount: {written}\n", 1), "utf-8")


def first_amount_line(case_dir: Path) -> int:
    """The line the first budget line's amount is on, as the file reads today."""
    lines = (case_dir / "initiative.yaml").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith("      amount: "))


def kommissorium_text(case_dir: Path) -> str:
    data = render_deliverable(load_case(case_dir), DELIVERABLES["kommissorium"])
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("written", ["385.000", "12.500", "1.000"])
def test_a_dot_with_three_digits_is_refused_with_its_line(case_copy: CaseCopy, written: str) -> None:
    case_dir = case_copy()
    with_first_amount(case_dir, written)
    problems = problems_of(case_dir)
    [problem] = [p for p in problems if p.field.endswith("amount")]
    assert problem.file == "initiative.yaml" and problem.line == first_amount_line(case_dir)
    assert problem.field == "budget.lines[0].amount"
    meant = written.replace(".", "")
    assert f"{written} would be read as" in problem.message
    assert f"write {meant} without the dot" in problem.message and f'"{written} kr."' in problem.message


def test_json_is_refused_the_same_way() -> None:
    document, problems = parse_json("initiative.json", '{"budget": {"lines": [{"item": "x", "amount": 12.500}]}}')
    assert document is None
    assert [str(p) for p in problems] == [
        'initiative.json:1 budget.lines[0].amount: 12.500 would be read as 12.5 (a dot is a decimal point in a '
        'number), not as 12500; write 12500 without the dot, or the amount in quotes as Danish text: "12.500 kr."']


@pytest.mark.parametrize(("written", "printed"), [
    ('"385.000 kr."', "385.000 kr."),
    ('"1.250.000,50"', "1.250.000,50 kr."),
    ("'385 000'", "385.000 kr."),
    ("385000.50", "385.000,50 kr."),
    ("1.250.000", "1.250.000 kr."),  # two dots: YAML reads it as text, and text in the Danish form is read as such
])
def test_danish_forms_reach_the_documents_as_typed(case_copy: CaseCopy, written: str, printed: str) -> None:
    case_dir = case_copy()
    with_first_amount(case_dir, written)
    assert printed in kommissorium_text(case_dir)


@pytest.mark.parametrize("written", ['"385.5"', '"1,250,000"', '"ca. 400.000"', '"-5"', '"385.000,505"'])
def test_other_text_in_an_amount_is_refused_with_the_field(case_copy: CaseCopy, written: str) -> None:
    case_dir = case_copy()
    with_first_amount(case_dir, written)
    [problem] = [p for p in problems_of(case_dir) if p.field == "budget.lines[0].amount"]
    assert "is not an amount docpipe can read" in problem.message and problem.line == first_amount_line(case_dir)


def test_the_message_is_danish_in_danish() -> None:
    from docpipe.i18n import use_language

    with use_language("da"):
        _, problems = parse_yaml("initiative.yaml", "amount: 385.000\n")
    assert "385.000 ville blive læst som 385" in problems[0].message


amounts = st.decimals(min_value=0, max_value=Decimal("9999999999999.99"), places=2, allow_nan=False,
                      allow_infinity=False)


def danish(value: Decimal, thousands: str) -> str:
    """``value`` written by hand in the Danish way: thousands separated, a decimal comma when there is øre."""
    whole, _, cents = f"{value:.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = thousands.join(groups)
    return text if cents == "00" else f"{text},{cents}"


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from([".", " ", "\u00a0", ""]), st.sampled_from(["", " kr.", " kr", " DKK"]))
def test_every_accepted_form_means_the_amount_typed(value: Decimal, thousands: str, currency: str) -> None:
    typed = danish(value, thousands) + currency
    parsed = AMOUNT.validate_python(typed)
    assert parsed == value
    assert shown_amount(parsed) == shown_amount(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_every_number_with_a_dot_and_three_digits_is_refused(whole: int, thousandths: int) -> None:
    written = f"{whole}.{thousandths:03d}"
    for name, parse in (("f.yaml", parse_yaml), ("f.json", parse_json)):
        text = f"amount: {written}\n" if name.endswith(".yaml") else f'{{"amount": {written}}}'
        document, problems = parse(name, text)
        assert document is None and "would be read as" in problems[0].message, (name, written)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.,- abc", min_size=1, max_size=14))
def test_text_is_read_as_an_amount_only_in_a_danish_form(text: str) -> None:
    """No text is guessed at: either it is one of the Danish forms, or it is refused."""
    try:
        parsed = AMOUNT.validate_python(text)
    except ValidationError:
        return
    assert parsed == AMOUNT.validate_python(danish(parsed, "."))
