"""Pictures placed by a template value (an organisation's logo in the header).

A Picture does not know which part of the document it lands in; while a part renders, the
template puts a MediaCollector for that part in a context variable, and the picture asks it for a
relationship id. After rendering, the collector's images become media parts and relationships.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import KW_ONLY, dataclass, field
from functools import lru_cache
from typing import NamedTuple

from docx.image.image import Image as ImageHeader
from markupsafe import Markup

from docpipe.i18n import _
from docpipe.ooxml.package import CONTENT_TYPES
from docpipe.word.environment import describe_character

EMU_PER_MM = 36000
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpeg"}
# What an XML 1.0 attribute cannot hold (in text, \a and \f mean a paragraph and a page break; not here)
_NOT_IN_ATTRIBUTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Picture:
    """An image to place inline, sized by its width (the height keeps the image's proportions).

    ``alt`` is the alternative text a screen reader speaks and a tagged PDF carries (Word's "Alt
    Text", docxtpl's InlineImage ``alt_text``); ``decorative=True`` marks a picture that carries no
    information, as Word's "Mark as decorative" does, so readers skip it. A picture is one or the
    other: a decorative picture has no alternative text.
    """

    data: bytes
    width_mm: float
    _: KW_ONLY
    alt: str = ""
    decorative: bool = False

    def __post_init__(self) -> None:
        if self.decorative and self.alt.strip():
            raise ValueError(_("a decorative picture has no alternative text: give alt or decorative=True, not both"))
        if found := _NOT_IN_ATTRIBUTE.search(self.alt):
            raise ValueError(_("a picture's alternative text holds {character}, which a Word document (XML 1.0) "
                               "cannot store").format(character=describe_character(found.group())))

    def __html__(self) -> str:
        collector = CURRENT_PART.get()
        if collector is None:
            raise ValueError("a Picture can only be placed in a document part")
        return collector.inline_drawing(self)


@dataclass(frozen=True)
class Media:
    """One image file to add to the package, and the relationship that points at it."""

    part_name: str
    relationship_id: str
    content_type: str
    data: bytes


@dataclass
class MediaCollector:
    """The images one part uses while it renders; ids and names depend only on the images' bytes."""

    part_name: str
    media: list[Media] = field(default_factory=list)
    next_drawing_id: int = 1

    def inline_drawing(self, picture: Picture) -> str:
        image = _image(picture.data)
        if image.content_type not in _EXTENSIONS:
            raise ValueError(_("a picture must be PNG or JPEG, not {kind}").format(kind=image.content_type))
        media = self._media_for(picture.data, image)
        width = int(picture.width_mm * EMU_PER_MM)
        height = int(width * image.px_height / image.px_width)
        drawing_id = self.next_drawing_id
        self.next_drawing_id += 1
        return Markup(_DRAWING.format(width=width, height=height, id=drawing_id, rid=media.relationship_id,
                                      name=media.part_name.rsplit("/", 1)[-1], description=_description(picture),
                                      decorative=_DECORATIVE if picture.decorative else ""))

    def _media_for(self, data: bytes, image: _Image) -> Media:
        digest, extension = image.digest, _EXTENSIONS[image.content_type]
        for media in self.media:
            if media.part_name.endswith(f"{digest}.{extension}"):
                return media
        stem = self.part_name.rsplit("/", 1)[-1].removesuffix(".xml")
        media = Media(f"word/media/{stem}-{digest}.{extension}", f"rIdDocpipe{digest}", image.content_type, data)
        self.media.append(media)
        return media


def _description(picture: Picture) -> str:
    """The ``descr`` attribute of a drawing: the alternative text, escaped for an attribute (line
    breaks as character references, which an XML reader would otherwise read as spaces)."""
    alt = picture.alt.strip()
    if not alt:
        return ""
    escaped = (alt.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
               .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;"))
    return f' descr="{escaped}"'


class _Image(NamedTuple):
    """What a drawing needs to know of an image: its type, size in pixels and a short hash of its bytes."""

    content_type: str
    px_width: int
    px_height: int
    digest: str


@lru_cache(maxsize=16)
def _image(data: bytes) -> _Image:
    """The facts of the image ``data``, read once per image and process.

    Every document of a case places the same logo; reading its header (python-docx) and hashing its
    bytes each time cost more than placing it. A pure function of the bytes, so safe to keep; few
    are kept, as a batch moves on from one organisation's logo to the next.
    """
    header = ImageHeader.from_blob(data)
    return _Image(header.content_type, header.px_width, header.px_height, hashlib.sha256(data).hexdigest()[:16])


def media_parts(parts: Mapping[str, bytes], media: Mapping[str, list[Media]]) -> dict[str, bytes]:
    """The image files of a render, the relationships that point at them, and their content types;
    ``parts`` are the template's, ``media`` the images each story part placed."""
    if not media:
        return {}
    added: dict[str, bytes] = {}
    content_types = parts[CONTENT_TYPES].decode("utf-8")
    for member, items in media.items():
        rels_name = _rels_name(member)
        rels = parts.get(rels_name, _EMPTY_RELS).decode("utf-8")
        new = "".join(f'<Relationship Id="{item.relationship_id}" Type="{IMAGE_RELATIONSHIP}" '
                      f'Target="media/{item.part_name.rsplit("/", 1)[-1]}"/>' for item in items)
        added[rels_name] = rels.replace("</Relationships>", new + "</Relationships>").encode("utf-8")
        for item in items:
            added[item.part_name] = item.data
            content_types = _with_default_type(content_types, item)
    added[CONTENT_TYPES] = content_types.encode("utf-8")
    return added


def _rels_name(member: str) -> str:
    folder, _, file_name = member.rpartition("/")
    return f"{folder}/_rels/{file_name}.rels"


def _with_default_type(content_types: str, item: Media) -> str:
    extension = item.part_name.rsplit(".", 1)[-1]
    if f'Extension="{extension}"' in content_types:
        return content_types
    default = f'<Default Extension="{extension}" ContentType="{item.content_type}"/>'
    return re.sub(r"(<Types\b[^>]*>)", lambda match: match.group(1) + default, content_types, count=1)


_EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               b"</Relationships>")

CURRENT_PART: ContextVar[MediaCollector | None] = ContextVar("docpipe_current_part", default=None)

_DRAWING = (
    '</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="{width}" cy="{height}"/>'
    '<wp:docPr id="{id}" name="Picture {id}"{description}>{decorative}</wp:docPr>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="{id}" name="{name}"{description}/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
)

# Word's "Mark as decorative" (Office 2019 and 365): an extension of the drawing's properties that
# older readers skip, as every a:ext may be skipped.
_DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    '</a:ext></a:extLst>'
)
