"""The §§ of the forretningsorden whose words come from law and custom more than from the case
(notice, habilitet, tavshedspligt og aktindsigt, økonomi og vederlag), and the "Stk." blocks every §
is made of. The group is named as the case names it."""

from __future__ import annotations

from typing import Any

from docpipe.deliverables.bodies import GroupWords
from docpipe.deliverables.wording import capitalised, days
from docpipe.model import RuledGroup

Block = dict[str, Any]


def numbered(items: list[str | list[str]], start: int = 1) -> list[Block]:
    """Blocks of one §: strings become paragraphs numbered "Stk. 2.", "Stk. 3." after the first;
    a list of strings becomes a bullet list belonging to the paragraph before it. ``start`` is the
    number of the first paragraph, for a § that continues after a table or a quotation."""
    blocks: list[Block] = []
    number = start - 1
    for item in items:
        if isinstance(item, list):
            blocks.append({"stk": "", "text": "", "quote": False, "bullets": item})
            continue
        number += 1
        stk = f"Stk. {number}. " if number > 1 else ""
        blocks.append({"stk": stk, "text": item, "quote": False, "bullets": []})
    return blocks


def quote(text: str) -> Block:
    return {"stk": "", "text": text, "quote": True, "bullets": []}


def notice(group: RuledGroup) -> list[Block]:
    return numbered([
        f"Sekretariatet indkalder på formandens vegne til ordinære møder med dagsorden senest "
        f"{days(group.notice_days)} før mødet. Mødematerialet udsendes sammen med dagsordenen.",
        "Et medlem, der ønsker et punkt optaget på dagsordenen, sender det til sekretariatet i god tid, "
        "før dagsordenen udsendes.",
        "Ekstraordinære møder kan indkaldes med kortere varsel. Sager, der ikke er optaget på dagsordenen, "
        "kan kun behandles, hvis alle tilstedeværende medlemmer er enige om det.",
    ])


def impartiality(words: GroupWords) -> list[Block]:
    return numbered([
        f"Forvaltningslovens regler om inhabilitet (lovens kapitel 2) gælder for {words.genitive} arbejde og "
        "finder tilsvarende anvendelse for medlemmer, der ikke er ansat i den offentlige forvaltning.",
        "Et medlem, der er eller kan være inhabilt i en sag, skal straks gøre formanden opmærksom på det, "
        f"og senest når sagen behandles. {capitalised(words.definite)} afgør, om medlemmet er inhabilt, uden at "
        "medlemmet deltager i afgørelsen.",
        "Et inhabilt medlem deltager ikke i behandlingen af sagen. Det fremgår af referatet.",
    ])


def confidentiality(words: GroupWords) -> list[Block]:
    return numbered([
        f"{capitalised(words.genitive)} medlemmer har tavshedspligt om fortrolige oplysninger, som de får kendskab til "
        f"gennem arbejdet i {words.definite}, jf. forvaltningslovens § 27 og straffelovens §§ 152-152 f. "
        f"Tavshedspligten gælder også, efter at et medlem er udtrådt af {words.definite}.",
        f"{capitalised(words.genitive)} dagsordener, mødemateriale og referater er omfattet af reglerne om "
        "aktindsigt i offentlighedsloven. Anmodninger om aktindsigt sendes til sekretariatet, som sørger for, at de "
        "behandles af den myndighed, der har dokumenterne.",
    ])


def economy(group: RuledGroup, words: GroupWords, organisation: str) -> list[Block]:
    """Vederlag or not, and who pays for meetings and the secretariat."""
    if group.remuneration:
        fee = (f"Medlemmer, der ikke deltager som led i deres ansættelse, ydes vederlag for deltagelse i "
               f"{words.genitive} møder efter de takster, som {organisation} fastsætter. Medlemmer, der deltager "
               "som led i deres ansættelse, ydes ikke særskilt vederlag.")
    else:
        fee = (f"Der ydes ikke vederlag for deltagelse i {words.genitive} arbejde. Den organisation, et medlem "
               "repræsenterer, afholder selv udgifterne til medlemmets deltagelse.")
    return numbered([fee, f"Udgifter til møder og sekretariatsbetjening afholdes af {organisation}."])
