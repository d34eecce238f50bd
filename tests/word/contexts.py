"""The context each corpus template (tests/word/corpus/, built by make_corpus.py) is rendered with.

A function per template returns a fresh context, so no render can change what the next one sees.
Values use docxtpl's own RichText, R and Listing: docpipe's WordTemplate must accept them as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docxtpl import Listing, R, RichText

SPECIAL = "& < > \" ' &amp; <w:t>x</w:t> ]]>"


def variables() -> dict[str, Any]:
    return {
        "name": "Søren Ærø",
        "org": {"name": "Halsnæs Kommune", "code": "260", "unit": "Børn & Unge"},
        "items": ["æble", "pære", "blomme"],
        "empty": "",
        "amount": 1250,
        "ratio": 0.5,
        "nothing": None,
        "special": SPECIAL,
        "markup": "<b>ikke fed</b> &copy; &#169;",
        "looks_like_tag": "{{ x }} {% if y %} {# z #} {%p endif %} {{r rt }} {_{ a }_}",
        "flag": True,
        "danish": "Øresund, Åbenrå, Ærøskøbing, “citat” og „citat“",
        "emoji": "🎉 👩‍👩‍👧 🇩🇰",
        "spaced": "  to mellemrum før og efter  ",
    }


def split_runs() -> dict[str, Any]:
    return {"name": "Anna", "title": "Kommissorium", "org": {"name": "Region Sjælland"}, "flag": True}


def inline() -> dict[str, Any]:
    return {"people": ["Anna", "Bo", "Cecilie & Co"], "flag": True, "kommuner": ["Halsnæs", "Gribskov"]}


def paragraphs() -> dict[str, Any]:
    return {
        "show_intro": True,
        "intro": "Formålet er <klart>.",
        "sections": [
            {"title": "Baggrund", "points": ["Første punkt", "Andet & sidste punkt"]},
            {"title": "Mål", "points": []},
            {"title": "Økonomi", "points": ["1.250.000 kr."]},
        ],
        "chapters": ["I", "II", "III"],
    }


def tables() -> dict[str, Any]:
    return {
        "members": [
            {"name": "Anna Æbelø", "role": "formand", "tasks": ["leder møder", "godkender"]},
            {"name": "Bo <Bent>", "role": "medlem", "tasks": []},
            {"name": "Cecilie", "role": "sekretær", "tasks": ["referat"]},
        ],
        "groups": [{"name": "Styregruppe", "people": ["Anna", "Bo"]}, {"name": "Tom", "people": []},
                   {"name": "Arbejdsgruppe", "people": ["Cecilie"]}],
        "quarters": ["Q1", "Q2", "Q3", "Q4"],
        "amounts": {"Q1": "100", "Q2": "200", "Q3": "300", "Q4": "400"},
        "span": 2,
        "colour": "00FF00",
        "departments": [
            {"name": "Skole", "employees": [{"name": "Dorte", "hours": 37}, {"name": "Erik", "hours": 20}]},
            {"name": "Dagtilbud", "employees": []},
        ],
        "name": "tabel",
        "people": ["Anna", "Bo"],
        "flag": True,
        "special": SPECIAL,
    }


def runs() -> dict[str, Any]:
    rich = RichText("fed", bold=True)
    rich.add(" kursiv", italic=True)
    rich.add(" rød", color="#FF0000")
    rich.add(" understreget & <specielt>", underline=True, size=28)
    rich.add(" med\nlinjeskift")
    items = [R("første", bold=True), RichText("anden", italic=True), R("tredje & sidste", color="0000FF")]
    return {
        "urgent": True,
        "words": ["en", "to", "tre"],
        "rich": rich,
        "short": R("kort", bold=True),
        "escaped": RichText("<w:t>ikke xml</w:t> & {{ ikke en tag }}"),
        "rich_items": items,
    }


def listing() -> dict[str, Any]:
    return {
        "listing": Listing("linje 1\nlinje 2\aNy paragraf\tmed tab & <tegn>\fEfter sideskift"),
        "with_newline": "første linje\nanden linje",
        "with_tab": "kolonne 1\tkolonne 2",
        "quoted": "Et citat\nover to linjer",
        "page_listing": Listing("Før sideskift\fEfter sideskift"),
    }


def headers_footers() -> dict[str, Any]:
    return {
        "org": "Gribskov Kommune",
        "title": "Kommissorium for tryghed",
        "draft": True,
        "version": "0.3",
        "case_id": "27.00.00-A00-1-26",
        "reviewers": ["Anna", "Bo & Co"],
        "page_label": "1 af 2",
        "special": SPECIAL,
    }


def footnotes() -> dict[str, Any]:
    return {"topic": "trivsel", "source": "Danmarks Statistik & KL", "year": 2026,
            "sources": ["DST", "KL", "<VIVE>"]}


def properties() -> dict[str, Any]:
    return {"title": "Kommissorium for Halsnæs", "author": "Søren", "subject": "børn og unge", "parts": 2}


def merged_cells() -> dict[str, Any]:
    return {
        "items": [{"desc": "Python-fortolkere", "qty": 2}, {"desc": "Django-projekter", "qty": 5403},
                  {"desc": "Guido & co", "qty": 1}],
        "category": "Bøger <bind>",
        "owner": "Anna",
        "quarters": ["Q1", "Q2", "Q3"],
        "year": 2026,
        "areas": [{"amounts": {"Q1": 10, "Q2": 20, "Q3": 30}, "total": 60},
                  {"amounts": {"Q1": 1, "Q2": 2, "Q3": 3}, "total": 6}],
        "pairs": [{"first": "Anna", "second": "Bo"}, {"first": "Cecilie", "second": "Dorte & Erik"}],
    }


def entities() -> dict[str, Any]:
    return {"name": "Søren", "amount": 250, "limit": 1000, "items": ["æble", "pære", "blomme"], "special": SPECIAL,
            "org": "Gribskov Kommune", "draft": True, "version": 3, "page": 1, "pages": 2}


CONTEXTS: dict[str, Callable[[], dict[str, Any]]] = {
    "variables": variables,
    "split_runs": split_runs,
    "inline": inline,
    "paragraphs": paragraphs,
    "tables": tables,
    "runs": runs,
    "listing": listing,
    "headers_footers": headers_footers,
    "footnotes": footnotes,
    "properties": properties,
    "merged_cells": merged_cells,
    "entities": entities,
}
