"""Refresh docpipe's message catalogues in one go: extract, update, compile (see docs/messages.md).

``python -m tools.messages`` runs, from the repository root, exactly the three pybabel commands
docs/messages.md lists (through Babel's own command line, so the result is the same):

1. extract every marked message of src/docpipe into src/docpipe/locale/docpipe.pot;
2. update the Danish and English catalogues (``locale/<lang>/LC_MESSAGES/docpipe.po``) from it: new
   messages arrive untranslated, changed ones as fuzzy, removed ones are kept as obsolete (#~);
3. compile every catalogue to its ``.mo`` (fuzzy translations are left out).

The template is left as it was when only its creation date would change, so a run without new
messages changes no file. Then translate what is new in the Danish ``.po`` (compile's statistics
say how many are untranslated; ``python -m pytest tests/i18n`` names them) and run it again.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[1]
LOCALE = Path("src/docpipe/locale")
TEMPLATE = LOCALE / "docpipe.pot"
LANGUAGES = ("da", "en")
EXTRACT = ["extract", "-F", "babel.cfg", "-o", str(TEMPLATE), "--project=docpipe", "--add-comments=TRANSLATORS:",
           "--header-comment=# The messages of docpipe. See docs/messages.md.", "."]
UPDATE = ["update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", "docpipe", "--ignore-pot-creation-date",
          "--ignore-obsolete"]
COMPILE = ["compile", "-d", str(LOCALE), "-D", "docpipe", "--statistics"]
_CREATED = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def pybabel(*arguments: str) -> None:
    """``pybabel ARGUMENTS`` in this process (the same code the command runs)."""
    print("pybabel", " ".join(arguments))
    CommandLineInterface().run(["pybabel", *arguments])


def refresh() -> None:
    """Extract, update and compile, keeping the template's date when nothing else changed."""
    before = TEMPLATE.read_text("utf-8") if TEMPLATE.is_file() else None
    pybabel(*EXTRACT)
    after = TEMPLATE.read_text("utf-8")
    if before is not None and _CREATED.sub("", before) == _CREATED.sub("", after):
        TEMPLATE.write_text(before, "utf-8")  # only the date differs: keep the file as it was
    pybabel(*UPDATE)
    pybabel(*COMPILE)


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m tools.messages", description=__doc__.splitlines()[0]).parse_args(argv)
    os.chdir(ROOT)  # the paths in babel.cfg and in the catalogues' comments are relative to the root
    refresh()
    return 0


if __name__ == "__main__":
    sys.exit(main())
