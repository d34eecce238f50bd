"""WorkbookTemplate: an .xlsx template prepared once, filled and written per case in a millisecond.

openpyxl builds an object per cell, style and merged cell and serialises all of them again for every
workbook: filling and saving a Gantt chart cost about 60 ms. Here the template is read once; a case
only adds its cells, written straight into the template's XML as text (docpipe.sheet.worksheet).
Parts a case does not change (theme, styles per colour scheme, app properties) are compressed once
and stored as they are, and the zip is written with fixed times, so the same input gives the same
bytes. What a deliverable writes is recorded in a ``BookFill`` (docpipe.sheet.fill); the same
recording replayed onto openpyxl (docpipe.sheet.openpyxl_replay) must give the same workbook, which
the tests check.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path, PurePosixPath

from lxml import etree

from docpipe.errors import TemplateError
from docpipe.i18n import _
from docpipe.ooxml.app import package_changes
from docpipe.ooxml.colours import normalise_colours
from docpipe.ooxml.package import CONTENT_TYPES, CORE_PART, DocumentProperties
from docpipe.ooxml.zipwriter import Entry, entries_of, write_zip
from docpipe.sheet.fill import BookFill
from docpipe.sheet.refs import text_constant
from docpipe.sheet.strings import SharedStrings, TemplateStrings
from docpipe.sheet.styles import MAIN_NS, prepare_styles, recolour_styles
from docpipe.sheet.worksheet import SheetTemplate

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = f"{RELATIONSHIPS_NS}/worksheet"
STYLES_TYPE = f"{RELATIONSHIPS_NS}/styles"
SHARED_STRINGS_TYPE = f"{RELATIONSHIPS_NS}/sharedStrings"
SHARED_STRINGS_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
COLOUR_SCHEMES_KEPT = 64  # styles.xml per (template, colour scheme): a batch has a few organisations
_DEFINED_NAME = re.compile(r"<definedName\b([^>]*)>([^<]*)</definedName>")


class WorkbookTemplate:
    """An .xlsx template: ``new_fill()`` gives the sheets to fill, ``render(fill)`` the workbook's bytes."""

    def __init__(self, path: str | Path) -> None:
        source = Path(path)
        self.name = source.name
        self._setup(source.read_bytes())

    def _setup(self, data: bytes) -> None:
        try:
            package = zipfile.ZipFile(io.BytesIO(data))
            parts = {member: package.read(member) for member in package.namelist()}
            original = dict(parts)  # the parts registering shared strings may change below
        except (zipfile.BadZipFile, OSError) as error:
            raise TemplateError(self.name, _("is not an Excel workbook (.xlsx): {reason}").format(
                reason=error)) from error
        # docpipe's app.xml (openpyxl's says "Microsoft Excel Compatible / Openpyxl"), no thumbnail
        for member, content in package_changes(parts).items():
            if content is None:
                parts.pop(member, None)
            else:
                parts[member] = content
        workbook_part = _main_part(parts, self.name)
        self._workbook_part = workbook_part
        self._workbook_xml = parts[workbook_part].decode("utf-8")
        sheets, styles_part, strings_part = _workbook_layout(parts, workbook_part, self.name)
        if strings_part is None:
            strings_part = _add_shared_strings_part(parts, workbook_part)
        self._strings_part = strings_part
        self._strings = TemplateStrings.from_part(parts[strings_part].decode("utf-8")) \
            if strings_part in parts else TemplateStrings()
        date1904 = _uses_1904_dates(parts[workbook_part])
        self._sheets = {name: SheetTemplate(name, _worksheet_text(parts, member, self.name), self._strings, date1904)
                        for name, member in sheets.items()}
        self._sheet_parts = dict(sheets)
        self._sheet_index = {name: index for index, name in enumerate(sheets)}
        self._styles_part = styles_part
        prepared = prepare_styles(parts[styles_part]) if styles_part else None
        self._styles_xml = prepared.xml if prepared else b""
        self._formats = prepared.formats if prepared else {}
        self._order = sorted(parts, key=lambda member: member != CONTENT_TYPES)
        if strings_part not in parts:
            self._order.append(strings_part)
        changing = {workbook_part, CORE_PART, strings_part, *sheets.values()}
        if styles_part:
            changing.add(styles_part)
        stored = entries_of(data)
        self._static = {member: stored[member] if content == original[member] else Entry.deflate(member, content)
                        for member, content in parts.items() if member not in changing}
        self._has_core = CORE_PART in parts

    @property
    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def new_fill(self) -> BookFill:
        """Empty sheets, in the template's order, for a deliverable to fill."""
        return BookFill({name: sheet.new_fill() for name, sheet in self._sheets.items()})

    def render(self, fill: BookFill, properties: DocumentProperties | None = None,
               colours: Mapping[str, str] | None = None) -> bytes:
        """The complete workbook with ``fill`` written in; ``colours`` rebrand the cell styles
        (template colour -> colour, six hex digits; see docpipe.render.branding)."""
        strings = SharedStrings(self._strings)
        rendered = {self._sheet_parts[name]: self._sheets[name].render(sheet, self._formats, strings).encode("utf-8")
                    for name, sheet in fill.sheets.items()}
        rendered[self._strings_part] = strings.xml()
        rendered[self._workbook_part] = self._workbook_with_filters(fill).encode("utf-8")
        if properties is not None and self._has_core:
            rendered[CORE_PART] = properties.core_xml()
        entries = {name: Entry.deflate_quickly(name, content) for name, content in rendered.items()}
        if self._styles_part:
            entries[self._styles_part] = self._styles_entry(normalise_colours(colours))
        return write_zip(entries[name] if name in entries else self._static[name] for name in self._order)

    def _styles_entry(self, mapping: dict[str, str]) -> Entry:
        """styles.xml in a colour scheme, compressed once per scheme (a batch has a few organisations)."""
        return _styles_in_colours(self._styles_part or "", self._styles_xml, tuple(sorted(mapping.items())))

    def _workbook_with_filters(self, fill: BookFill) -> str:
        """workbook.xml whose hidden filter ranges (``_xlnm._FilterDatabase``) match the filled sheets'
        filters, as Excel keeps them; a filter the template has no such name for is left to Excel."""
        ranges = {str(self._sheet_index[name]): f"{_quoted(name)}!{_absolute(sheet.auto_filter)}"
                  for name, sheet in fill.sheets.items() if sheet.auto_filter}
        if not ranges and not fill.names:
            return self._workbook_xml

        found: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            attributes = dict(re.findall(r'([\w:]+)="([^"]*)"', match.group(1)))
            sheet, name = attributes.get("localSheetId"), attributes.get("name")
            if name in fill.names and sheet is None:
                found.add(name)
                return f"<definedName{match.group(1)}>{_escape_text(text_constant(fill.names[name]))}</definedName>"
            if name != "_xlnm._FilterDatabase" or sheet not in ranges:
                return match.group(0)
            return f"<definedName{match.group(1)}>{_escape_text(ranges[sheet])}</definedName>"

        xml = _DEFINED_NAME.sub(replace, self._workbook_xml)
        return _with_names(xml, {name: text for name, text in fill.names.items() if name not in found})


def _with_names(xml: str, names: Mapping[str, str]) -> str:
    """workbook.xml with hidden text names the template lacks (an organisation's own, older template)."""
    if not names:
        return xml
    added = "".join(f'<definedName name="{_escape_text(name)}" hidden="1">{_escape_text(text_constant(text))}'
                    "</definedName>" for name, text in sorted(names.items()))
    if "</definedNames>" in xml:
        return xml.replace("</definedNames>", added + "</definedNames>", 1)
    return xml.replace("</sheets>", f"</sheets><definedNames>{added}</definedNames>", 1)


@lru_cache(maxsize=COLOUR_SCHEMES_KEPT)
def _styles_in_colours(part: str, styles_xml: bytes, colours: tuple[tuple[str, str], ...]) -> Entry:
    """Kept per template's styles and colour scheme (bytes keep their hash, so the key is cheap)."""
    xml = recolour_styles(styles_xml, dict(colours)) if colours else styles_xml
    return Entry.deflate(part, xml)


def _main_part(parts: Mapping[str, bytes], name: str) -> str:
    """The workbook part, as the package's relationships name it."""
    rels = parts.get("_rels/.rels")
    if rels is not None:
        for relationship in etree.fromstring(rels):
            if relationship.get("Type") == OFFICE_DOCUMENT:
                return str(relationship.get("Target", "")).lstrip("/")
    if "xl/workbook.xml" in parts:
        return "xl/workbook.xml"
    raise TemplateError(name, _("is not an Excel workbook (.xlsx): it has no workbook part"))


def _workbook_layout(parts: Mapping[str, bytes], workbook_part: str,
                     name: str) -> tuple[dict[str, str], str | None, str | None]:
    """Sheet name -> worksheet part, in the workbook's order; the styles and shared-strings parts."""
    folder = PurePosixPath(workbook_part).parent
    rels_name = f"{folder}/_rels/{PurePosixPath(workbook_part).name}.rels"
    targets: dict[str, str] = {}
    styles = strings = None
    for relationship in etree.fromstring(parts[rels_name]) if rels_name in parts else []:
        target = _resolve(folder, relationship.get("Target", ""))
        targets[relationship.get("Id", "")] = target
        if relationship.get("Type") == STYLES_TYPE:
            styles = target
        elif relationship.get("Type") == SHARED_STRINGS_TYPE:
            strings = target
    sheets = {}
    for sheet in etree.fromstring(parts[workbook_part]).iter(f"{{{MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{RELATIONSHIPS_NS}}}id", ""), "")
        if target in parts:
            sheets[sheet.get("name", "")] = target
    if not sheets:
        raise TemplateError(name, _("is not an Excel workbook (.xlsx): it has no worksheets"))
    return sheets, styles if styles in parts else None, strings if strings in parts else None


def _add_shared_strings_part(parts: dict[str, bytes], workbook_part: str) -> str:
    """Register a shared-strings part (its content type and the workbook's relationship to it) in a
    template that has none, as openpyxl's templates do not; its content is written per workbook."""
    folder = PurePosixPath(workbook_part).parent
    member = f"{folder}/sharedStrings.xml"
    rels_name = f"{folder}/_rels/{PurePosixPath(workbook_part).name}.rels"
    rels = parts.get(rels_name, f'<Relationships xmlns="{PACKAGE_RELS_NS}"></Relationships>'.encode()).decode("utf-8")
    used = set(re.findall(r'\bId="([^"]*)"', rels))
    number = next(n for n in range(1, len(used) + 2) if f"rId{n}" not in used)
    relationship = f'<Relationship Id="rId{number}" Type="{SHARED_STRINGS_TYPE}" Target="sharedStrings.xml"/>'
    parts[rels_name] = rels.replace("</Relationships>", relationship + "</Relationships>").encode("utf-8")
    types = parts[CONTENT_TYPES].decode("utf-8")
    override = f'<Override PartName="/{member}" ContentType="{SHARED_STRINGS_CONTENT}"/>'
    parts[CONTENT_TYPES] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    return member


def _resolve(folder: PurePosixPath, target: str) -> str:
    """A relationship's target as a part name: absolute ("/xl/x.xml") or relative to ``folder``."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(f"{folder}/{target}")


def _worksheet_text(parts: Mapping[str, bytes], member: str, name: str) -> str:
    """The worksheet's XML as text, after checking lxml reads it and its cells are in the main namespace."""
    data = parts[member]
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        raise TemplateError(name, _("has a damaged sheet ({part}): {reason}").format(
            part=member, reason=error)) from error
    if root.tag != f"{{{MAIN_NS}}}worksheet" or root.nsmap.get(None) != MAIN_NS:
        raise TemplateError(name, _("has a sheet ({part}) that is not an ordinary worksheet; save it again in Excel")
                        .format(part=member))
    return data.decode("utf-8")


def _uses_1904_dates(workbook_xml: bytes) -> bool:
    properties = etree.fromstring(workbook_xml).find(f"{{{MAIN_NS}}}workbookPr")
    return properties is not None and properties.get("date1904", "0").lower() in ("1", "true")


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    return ":".join(re.sub(r"^([A-Z]+)(\d+)$", r"$\1$\2", part) for part in ref.split(":"))


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
