"""docProps/app.xml as docpipe writes it, and the template's thumbnail left out.

A template made with python-docx (as docpipe's are, by tools/templates) carries python-docx's
default extended properties, "Microsoft Macintosh Word" with Normal.dotm and zero words, and a blank
thumbnail: none of it says anything true of a rendered document. Every document docpipe's Word engine
renders names docpipe as its application, carries no counts that would go stale (Word recounts when
it saves) and no thumbnail; the same bytes every time. Workbooks too: openpyxl writes "Microsoft
Excel Compatible / Openpyxl 3.1.5" with its own version, which changes when openpyxl is upgraded;
the Excel engine (docpipe.sheet.template) and the intake workbook write the same app.xml instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from docpipe.ooxml.package import CONTENT_TYPES

APP_PART = "docProps/app.xml"
PACKAGE_RELATIONSHIPS = "_rels/.rels"
THUMBNAIL_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
APPLICATION = "docpipe"
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
).encode()
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*/>")


def package_changes(parts: Mapping[str, bytes]) -> dict[str, bytes | None]:
    """The parts of ``parts`` to write differently (new bytes) or to leave out (None): docpipe's
    app.xml in place of the template's, and any thumbnail with its relationship and content type."""
    changes: dict[str, bytes | None] = {}
    if APP_PART in parts and parts[APP_PART] != APP_XML:
        changes[APP_PART] = APP_XML
    relationships = parts.get(PACKAGE_RELATIONSHIPS, b"").decode("utf-8")
    thumbnails = [match for match in _RELATIONSHIP.finditer(relationships)
                  if f'Type="{THUMBNAIL_RELATIONSHIP}"' in match.group()]
    if not thumbnails:
        return changes
    content_types = parts[CONTENT_TYPES].decode("utf-8")
    for match in thumbnails:
        relationships = relationships.replace(match.group(), "")
        target = re.search(r'Target="([^"]+)"', match.group())
        if target:
            name = target.group(1).lstrip("/")
            changes[name] = None
            content_types = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(name)}"[^>]*/>', "", content_types)
    changes[PACKAGE_RELATIONSHIPS] = relationships.encode("utf-8")
    if content_types != parts[CONTENT_TYPES].decode("utf-8"):
        changes[CONTENT_TYPES] = content_types.encode("utf-8")
    return changes
