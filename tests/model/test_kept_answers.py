"""Answers kept per value (dates in Danish, checked e-mail addresses, actors by id) are the answers of asking afresh."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, EmailStr, ValidationError

from docpipe import danish, load_case
from docpipe.model.schema import input_schema
from docpipe.model.types import MODEL_CONFIG, Email
from docpipe.sources.files import read_document
from tests.conftest import INPUTS, SHIPPED_CASES


@settings(max_examples=300, deadline=None)
@given(value=st.dates() | st.datetimes())
def test_danish_dates_are_babels(value: dt.date) -> None:
    for _ in range(2):  # the second answer comes from the cache
        assert danish.long_date(value) == format_date(value, format="d. MMMM y", locale=danish.LOCALE)
        assert danish.short_date(value) == format_date(value, format="dd.MM.y", locale=danish.LOCALE)


def test_a_date_and_a_datetime_never_answer_for_each_other() -> None:
    day, moment = dt.date(2026, 11, 22), dt.datetime(2026, 11, 22, 23, 59)
    assert danish.long_date(day) == danish.long_date(moment) == "22. november 2026"
    assert danish._formatted_date.cache_info().currsize >= 2


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False) | st.integers(-10**9, 10**9))
def test_amounts_are_babels(value: Decimal | int) -> None:
    number = Decimal(value)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.00"
    assert danish.amount(value) == f"{format_decimal(number, format=pattern, locale=danish.LOCALE)} kr."


class _WithEmailStr(BaseModel):
    model_config = MODEL_CONFIG
    email: EmailStr | None = None


class _WithEmail(BaseModel):
    model_config = MODEL_CONFIG
    email: Email | None = None


def _outcome(model: type[BaseModel], value: Any) -> Any:
    try:
        return model.model_validate({"email": value}).model_dump()
    except ValidationError as error:
        return error.errors(include_url=False)


@pytest.mark.parametrize("value", [
    "camilla.bech@halsnaes.dk", " Anna@Example.COM ", "Jens Hansen <jens@x.dk>", "æøå@københavn.dk", "x",
    "helle.halsnaes.dk", "a@b", "a@[10.0.0.1]", "a@b..dk", "a" * 3000 + "@x.dk", "", None, 5, 2.5, ["a@b.dk"],
])
def test_email_checks_as_emailstr_does(value: Any) -> None:
    expected = _outcome(_WithEmailStr, value)
    assert _outcome(_WithEmail, value) == expected
    assert _outcome(_WithEmail, value) == expected  # kept, or (for a refusal) checked again


def test_email_schema_is_emailstrs() -> None:
    assert (_WithEmail.model_json_schema()["properties"]["email"]
            == _WithEmailStr.model_json_schema()["properties"]["email"])
    assert '"format": "email"' in json.dumps(input_schema(), sort_keys=True)


@pytest.mark.parametrize("case_name", SHIPPED_CASES)
def test_actor_is_the_one_actors_by_id_names(case_name: str) -> None:
    case = load_case(INPUTS / case_name)
    by_id = case.actors_by_id()
    assert all(case.actor(actor_id) is actor for actor_id, actor in by_id.items())
    with pytest.raises(KeyError):
        case.actor("no-such-actor")


def test_a_file_linked_inside_its_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "organisation.yaml").write_text("name: X\n", "utf-8")
    (tmp_path / "organisation.yaml").symlink_to(tmp_path / "sub" / "organisation.yaml")
    document, problems = read_document(tmp_path / "organisation.yaml")
    assert problems == [] and document is not None and document.data == {"name": "X"}


def test_a_file_in_a_linked_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "organisation.yaml").write_text("name: X\n", "utf-8")
    (tmp_path / "case").symlink_to(tmp_path / "real")
    document, problems = read_document(tmp_path / "case" / "organisation.yaml")
    assert problems == [] and document is not None


def test_a_file_linked_outside_its_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("name: X\n", "utf-8")
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "organisation.yaml").symlink_to(tmp_path / "outside.yaml")
    document, problems = read_document(tmp_path / "case" / "organisation.yaml")
    assert document is None and "is a link to a file outside the case folder" in str(problems[0])
