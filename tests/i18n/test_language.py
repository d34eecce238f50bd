"""The language from the environment: what the CLI follows when --lang is not given."""

from __future__ import annotations

import pytest

from docpipe.i18n import decimal, language_from_environment, use_language


@pytest.mark.parametrize(("environment", "language"), [
    ({"LANG": "da_DK.UTF-8"}, "da"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANGUAGE": "da:en"}, "da"),
    ({"LANGUAGE": "da:en", "LANG": "C.UTF-8"}, "da"),
    ({"LANGUAGE": "nb:da:en", "LANG": "nb_NO.UTF-8"}, "da"),  # the first language docpipe has wins
    ({"LANGUAGE": "en_GB:da", "LANG": "da_DK.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "da_DK.UTF-8"}, "en"),  # LC_ALL overrides LANG
    ({"LC_MESSAGES": "da_DK.UTF-8", "LANG": "en_GB.UTF-8"}, "da"),
    ({"LANG": "da_DK@euro"}, "da"),
    ({"LANG": "da"}, "da"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": ""}, "en"),
])
def test_language_from_environment(environment: dict[str, str], language: str) -> None:
    assert language_from_environment(environment) == language


def test_decimals_as_the_reader_writes_them() -> None:
    assert decimal(5.25) == "5.2" or decimal(5.25) == "5.3"  # rounding of the binary value, as f-strings do
    assert decimal(5.3) == "5.3"
    with use_language("da"):
        assert decimal(5.3) == "5,3"
        assert decimal(12.0, places=2) == "12,00"
