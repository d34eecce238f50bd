"""Safe names: the rules the three sanitisers share, and what sets each apart."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from docpipe.output.names import (
    MAX_FOLDER_NAME,
    MAX_NAME_BYTES,
    MAX_UPLOAD_STEM_BYTES,
    is_windows_device,
    safe_file_name,
    safe_folder_name,
    safe_upload_stem,
)
from docpipe.web.uploads import safe_stem

NASTY = ["../../etc/passwd", "..", ".", "", " ", "C:\\Windows\\system32", "a/../../b", "-rf", "~root", "_skjult",
         ".skjult", "slut. ", "CON", "nul.txt", "com1.docx", "LPT¹", "CONIN$", "a\x00b", "linje\nto", "x\u202egpj.exe",
         'Rapport: "x" <1>|?*', "æøå" * 200, "Ελλάδα", "e\u0301", "\ud800", "a" * 300 + ".", "~$sag"]
SANITISERS: list[tuple[str, Callable[[str], str], int]] = [
    ("file", safe_file_name, MAX_NAME_BYTES + 1),  # + the "_" a device name gets
    ("folder", safe_folder_name, MAX_FOLDER_NAME + len("-case")),
    ("upload", safe_upload_stem, MAX_UPLOAD_STEM_BYTES + 1),
]


@pytest.mark.parametrize("name", NASTY)
@pytest.mark.parametrize(("kind", "sanitise", "limit"), SANITISERS, ids=[kind for kind, _s, _l in SANITISERS])
def test_shared_rules(kind: str, sanitise: Callable[[str], str], limit: int, name: str) -> None:
    safe = sanitise(name)
    assert not set(safe) & set('/\\<>:"|?*'), safe
    assert not safe.startswith((".", "-", " ")) and not safe.endswith((".", " ")), safe
    assert not is_windows_device(safe), safe
    assert all(unicodedata.category(character)[0] not in "CZ" or character == " " for character in safe), safe
    assert len(safe.encode("utf-8")) <= limit
    assert safe == unicodedata.normalize("NFC", safe)


@pytest.mark.parametrize(("name", "device"), [("CON", True), ("con.txt", True), ("Com¹", True), ("LPT0.x", True),
                                              ("CONIN$", True), ("CONSOLE", False), ("xCON", False), ("", False)])
def test_is_windows_device(name: str, device: bool) -> None:
    assert is_windows_device(name) is device


@pytest.mark.parametrize(("filename", "stem"), [
    ("halsnaes.xlsx", "halsnaes"),
    ("sag.ZIP", "sag"),
    ("C:\\Users\\jens\\Skrivebord\\Halsnæs Kommune.xlsx", "Halsnæs-Kommune"),
    ("../../etc/passwd", "passwd"),
    ("_kladde.xlsx", "kladde"),       # a name starting with _ would be hidden in the batch folder
    ("~$sag.xlsx", "sag"),            # Excel's lock files start with ~$
    ("CON.xlsx", "CON_"),
    ("e\u0301n sag.zip", "én-sag"),    # NFC: a Mac sends the accent apart
    (".zip", ""),
])
def test_safe_upload_stem(filename: str, stem: str) -> None:
    assert safe_upload_stem(filename, (".xlsx", ".zip")) == stem


def test_web_safe_stem_keeps_its_default() -> None:
    assert safe_stem("...zip") == "sag" and safe_stem("halsnaes.xlsx") == "halsnaes"
    assert len(safe_stem("æ" * 100 + ".zip").encode("utf-8")) <= MAX_UPLOAD_STEM_BYTES


def test_file_and_folder_names_differ_on_purpose() -> None:
    assert safe_file_name("Halsnæs Kommune") == "Halsnæs Kommune"   # a document people open
    assert safe_folder_name("Halsnæs Kommune") == "Halsnaes-Kommune"  # a folder in scripts and URLs
    assert (safe_file_name("CON"), safe_folder_name("CON")) == ("CON_", "CON-case")
