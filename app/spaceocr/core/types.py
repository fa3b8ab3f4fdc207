"""The nouns of spaceocr: OCR characters, pages, field results, document results.

Geometry convention (the one place it is written down)
------------------------------------------------------
Every coordinate in these types is *relative to the page*: ``x`` and ``y`` run from 0.0 to 1.0,
the origin is the top-left corner of the page, ``x`` grows to the right and ``y`` grows *down*.
Engines normalise what they receive (pixels, points, Vision vertices) before building these
types; exporters convert back (``to_grid`` gives the API's 0–1000 grid, multiplying by the
page's pixel size gives pixels).

A :class:`Quad` is four points *clockwise from the top-left corner of the text as read*
(top-left, top-right, bottom-right, bottom-left), so a line printed at an angle keeps its
angle. ``bbox`` is the axis-aligned box enclosing the quad, ``(x0, y0, x1, y1)``.

Page indexes are 0-based in these types; the API's JSON uses 1-based ``page`` numbers and the
conversion happens in :mod:`spaceocr.core.export.json`.

Money is never a float: a parsed amount is a :class:`decimal.Decimal` or stays text, and the
text as printed is always kept beside any normalised form.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "CONFIDENT_RATIO",
    "SCHEMA_VERSION",
    "DocumentResult",
    "ExtractedField",
    "Extraction",
    "FieldResult",
    "FieldStatus",
    "Grounding",
    "LineItem",
    "MatchHint",
    "OcrChar",
    "OcrPage",
    "Point",
    "Quad",
    "ResultWarning",
    "TextMap",
]

#: Version of the result layout in JSON and in the SQLite store.
SCHEMA_VERSION = 1

#: A field is *confident* when its match_ratio reaches this and it carries no review reason.
CONFIDENT_RATIO = 0.85


@dataclass(frozen=True, slots=True)
class Point:
    """A point relative to the page (0..1, origin top-left, y down)."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Quad:
    """Four points clockwise from the text's top-left corner: tl, tr, br, bl."""

    tl: Point
    tr: Point
    br: Point
    bl: Point

    @classmethod
    def from_bbox(cls, x0: float, y0: float, x1: float, y1: float) -> Quad:
        """An axis-aligned quad from a box."""
        return cls(Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1))

    @classmethod
    def from_points(cls, points: Iterable[tuple[float, float]]) -> Quad:
        """A quad from four ``(x, y)`` pairs, already in tl, tr, br, bl order."""
        pts = [Point(float(x), float(y)) for x, y in points]
        if len(pts) != 4:
            raise ValueError(f"a quad needs 4 points, got {len(pts)}")
        return cls(*pts)

    @property
    def points(self) -> tuple[Point, Point, Point, Point]:
        return (self.tl, self.tr, self.br, self.bl)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def angle_rad(self) -> float:
        """Angle of the top edge against the x axis (positive = clockwise on screen)."""
        return math.atan2(self.tr.y - self.tl.y, self.tr.x - self.tl.x)

    @property
    def center(self) -> Point:
        return Point(sum(p.x for p in self.points) / 4, sum(p.y for p in self.points) / 4)


@dataclass(frozen=True, slots=True)
class OcrChar:
    """One character the OCR read, with where it sits on the page.

    ``line_no`` numbers lines in reading order over the page; ``word_no`` numbers words over
    the page, so two characters with the same ``word_no`` belong to one word.
    """

    text: str
    quad: Quad
    confidence: float
    line_no: int
    word_no: int


@dataclass(frozen=True, slots=True)
class TextMap:
    """A page's text in reading order and, for each text position, the char it came from.

    ``offsets[i]`` is the index into ``OcrPage.chars`` of ``text[i]``, or -1 for the
    separators the page inserts (a space between words, a newline between lines).
    """

    text: str
    offsets: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What an OCR engine saw on one page.

    ``chars`` are in reading order (line by line, words left to right within a line for
    horizontal text). ``width_px``/``height_px`` are the size of the image that was read.
    """

    index: int
    width_px: int
    height_px: int
    dpi: float
    engine: str
    chars: tuple[OcrChar, ...]
    languages: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def text_map(self) -> TextMap:
        """The page text, words separated by a space and lines by a newline, with offsets."""
        parts: list[str] = []
        offsets: list[int] = []
        prev: OcrChar | None = None
        for i, ch in enumerate(self.chars):
            if prev is not None:
                if ch.line_no != prev.line_no:
                    parts.append("\n")
                    offsets.append(-1)
                elif ch.word_no != prev.word_no:
                    parts.append(" ")
                    offsets.append(-1)
            parts.append(ch.text)
            offsets.extend([i] * len(ch.text))
            prev = ch
        return TextMap("".join(parts), tuple(offsets))

    @property
    def text(self) -> str:
        return self.text_map().text

    def to_dict(self) -> dict[str, Any]:
        """A compact JSON-able form (the store keeps it so values can be re-grounded)."""
        return {
            "index": self.index,
            "width_px": self.width_px,
            "height_px": self.height_px,
            "dpi": self.dpi,
            "engine": self.engine,
            "languages": list(self.languages),
            "warnings": list(self.warnings),
            "chars": [
                [
                    c.text,
                    [round(v, 6) for p in c.quad.points for v in (p.x, p.y)],
                    round(c.confidence, 4),
                    c.line_no,
                    c.word_no,
                ]
                for c in self.chars
            ],
        }

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any]) -> OcrPage:
        chars = []
        for text, q, conf, line_no, word_no in obj["chars"]:
            quad = Quad.from_points(zip(q[0::2], q[1::2], strict=True))
            chars.append(OcrChar(text, quad, float(conf), int(line_no), int(word_no)))
        return cls(
            index=int(obj["index"]),
            width_px=int(obj["width_px"]),
            height_px=int(obj["height_px"]),
            dpi=float(obj["dpi"]),
            engine=str(obj["engine"]),
            chars=tuple(chars),
            languages=tuple(obj.get("languages", ())),
            warnings=tuple(obj.get("warnings", ())),
        )

    def lines(self) -> tuple[tuple[OcrChar, ...], ...]:
        """The characters grouped by line, in reading order."""
        out: list[list[OcrChar]] = []
        last = None
        for ch in self.chars:
            if ch.line_no != last:
                out.append([])
                last = ch.line_no
            out[-1].append(ch)
        return tuple(tuple(line) for line in out)


class FieldStatus(enum.StrEnum):
    """How far a field's value can be trusted."""

    OK = "ok"  #: grounded with match_ratio >= 0.85 and no review reason
    LOW_CONFIDENCE = "low_confidence"  #: grounded, but partly, or a check failed
    NOT_GROUNDED = "not_grounded"  #: the extractor gave a value the page does not show
    NOT_FOUND = "not_found"  #: the template's field is not on the document


@dataclass(frozen=True, slots=True)
class Grounding:
    """Where a value was found among the OCR characters.

    ``match_ratio`` is the share of the value's characters (on the normalised view) that were
    located, 0..1. ``char_indices`` are indexes into the page's ``chars``.
    """

    page_index: int
    quad: Quad
    match_ratio: float
    bbox_source: str
    char_indices: tuple[int, ...] = ()
    is_ambiguous: bool = False

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.quad.bbox


@dataclass(frozen=True, slots=True)
class MatchHint:
    """What an extractor knows about where it read a value (never a box of its own).

    ``char_indices`` point into ``OcrPage.chars`` of ``page_index`` (the local extractor's
    span, or the characters of the tokens an LLM cited); ``region`` narrows a search to a part
    of the page; ``near`` is a point (a label's position) for choosing between repeats.
    """

    page_index: int | None = None
    char_indices: tuple[int, ...] = ()
    region: tuple[float, float, float, float] | None = None
    near: Point | None = None
    source: str = "ocr_chars"


@dataclass(frozen=True, slots=True)
class ExtractedField:
    """An extractor's answer for one field: values, no geometry.

    ``value`` is the text as printed; ``printed`` the exact printed form to search for when it
    differs from ``value`` (rare); ``normalized`` an ISO date or plain decimal riding along.
    Array fields carry ``items``: each item is a tuple of child fields.
    """

    name: str
    value: str | None = None
    printed: str | None = None
    normalized: str | None = None
    hint: MatchHint | None = None
    confidence: float = 1.0
    review_reasons: tuple[str, ...] = ()
    items: tuple[tuple[ExtractedField, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything an extractor returns for a document."""

    fields: tuple[ExtractedField, ...]
    extractor: str
    version: str = ""
    checks: tuple[tuple[str, bool, str], ...] = ()  #: (check name, passed, detail)
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class FieldResult:
    """One field of a result: the value, how it was found, and where it is on the page."""

    name: str
    value: str | None
    status: FieldStatus
    source: str
    normalized: str | None = None
    confidence: float = 1.0
    grounding: Grounding | None = None
    review_reasons: tuple[str, ...] = ()
    items: tuple[LineItem, ...] = ()
    is_array: bool = False

    @property
    def match_ratio(self) -> float:
        return self.grounding.match_ratio if self.grounding is not None else 0.0

    @property
    def needs_review(self) -> bool:
        """True when a clerk should look: not confident, or a check failed."""
        if self.is_array:
            return any(f.needs_review for item in self.items for f in item.fields)
        return bool(self.review_reasons) or self.match_ratio < CONFIDENT_RATIO


@dataclass(frozen=True, slots=True)
class LineItem:
    """One row of an array field (a line item), its cells as field results."""

    index: int
    fields: tuple[FieldResult, ...]

    def get(self, name: str) -> FieldResult | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class ResultWarning:
    """Something the user should know that did not stop the document (a bad page, ...)."""

    code: str
    message: str
    page_index: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The result for one document."""

    template: str
    fields: tuple[FieldResult, ...]
    file_name: str = ""
    sha256: str = ""
    page_count: int = 0
    page_sizes: tuple[tuple[int, int], ...] = ()
    engine: str = ""
    extractor: str = ""
    mode: str = "offline"
    warnings: tuple[ResultWarning, ...] = ()
    checks: tuple[tuple[str, bool, str], ...] = ()
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    ocr_pages: tuple[OcrPage, ...] = ()  #: what the OCR saw, kept so edits can be re-grounded
    schema_version: int = SCHEMA_VERSION

    def get(self, name: str) -> FieldResult | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def needs_review_count(self) -> int:
        """Fields (and line-item cells) with a value that a clerk should look at."""
        n = 0
        for f in self.fields:
            if f.is_array:
                n += sum(
                    1
                    for item in f.items
                    for cell in item.fields
                    if cell.value is not None and cell.needs_review
                )
            elif f.value is not None and f.needs_review:
                n += 1
        return n
