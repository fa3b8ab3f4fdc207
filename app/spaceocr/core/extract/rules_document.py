"""The document the rule extractor reads: its pages laid out, and the labels found in them.

A :class:`Document` holds the rows of every page (:mod:`.layout`), the document's language and
every label of the template found in those rows (a :class:`Hit`). Labels are compared in a
folded form (NFKC, lower case, no spaces); where two overlap the longer wins (``税込合計``
over ``合計``, ``Subtotal`` over ``Total``); a label that only qualifies the one before it
(``Total (incl GST)``) or follows a stop label in its cell is dropped.

Beside it are the small readings every field reader shares: the values of a field type in a
text (:func:`typed_values`, with the document's decimal comma and date order), a text value
(:func:`text_value`), the registration-id patterns, and the geometry of spans, cells and hits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, PageLayout, Row, Span, build_layout, detect_language
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import OcrPage

__all__ = [
    "AMOUNT_TYPES",
    "EU_VAT_ID_RE",
    "PARTY_FIELDS",
    "T_NUMBER_RE",
    "VAT_ID_RE",
    "Document",
    "Hit",
    "first_cell",
    "hit_in_cell",
    "join_spans",
    "overlaps_x",
    "span_offset",
    "text_value",
    "typed_values",
]

#: field types read as money: their candidates are kept for the arithmetic of the totals
AMOUNT_TYPES = ("amount", "number")
#: fields that name a party (a company or a person)
PARTY_FIELDS = {
    "vendor_name", "customer_name", "shipper", "consignee", "merchant_name", "buyer_name",
    "company",
}


@dataclass(slots=True)
class Hit:
    """A label found in a row."""

    field: str  #: field name, or "" for a stop label
    row: Row
    start: int
    end: int
    weight: int  #: length of the label (longer labels are surer)
    rank: int  #: position of the label in the field's list (earlier = more typical)

    @property
    def page(self) -> int:
        """The index of the page the label is on."""
        return self.row.page


class Document:
    """The pages of one document, laid out, with the label hits."""

    def __init__(self, pages: Sequence[OcrPage], template: Template) -> None:
        self.pages = list(pages)
        self.layouts: list[PageLayout] = [build_layout(p) for p in pages]
        self.lang = detect_language(pages)
        self.template = template
        self.comma_decimal = self.lang in ("de", "fr", "nl")
        self.hits: list[Hit] = []
        self.rows: list[Row] = [r for lay in self.layouts for r in lay.rows]
        self._find_labels()

    # ------------------------------------------------------------------ labels
    def label_list(self, spec: FieldSpec) -> list[str]:
        """A field's labels in the order they are tried: the document's language first."""
        langs = [self.lang]
        if self.lang in lb.LATIN_LANGS:
            langs += [x for x in lb.LATIN_LANGS if x != self.lang]
        elif self.lang != "en":
            langs.append("en")
        if self.lang == "zh-Hans":
            langs.append("zh-Hant")
        elif self.lang == "zh-Hant":
            langs.append("zh-Hans")
        out: list[str] = []
        for lg in langs:
            for lbl in spec.labels.get(lg, ()):
                if lbl not in out:
                    out.append(lbl)
        if not spec.labels:
            out.append(spec.name.replace("_", " "))
        return out

    def _find_labels(self) -> None:
        entries: list[tuple[str, str, int]] = []
        for spec in self.template.scalar_fields:
            for rank, lbl in enumerate(self.label_list(spec)):
                entries.append((spec.name, lbl, rank))
        for lbl in lb.STOP_LABELS:
            entries.append(("", lbl, 0))
        raw: list[Hit] = []
        views = [_compact(row.text) for row in self.rows]
        for name, lbl, rank in entries:
            key = _label_key(lbl)
            if not key:
                continue
            latin = bool(_LATIN.search(key))
            short = latin and len(key) <= 2
            for row, (comp, where) in zip(self.rows, views, strict=True):
                i = comp.find(key)
                while i >= 0:
                    a, b = where[i], where[i + len(key) - 1] + 1
                    if _label_fits(row.text, a, b, latin, short, len(key)):
                        raw.append(Hit(name, row, a, b, len(key), rank))
                    i = comp.find(key, i + 1)
        # longest label wins where labels overlap; equal spans of equal weight both stay
        raw.sort(key=lambda h: (-h.weight, h.rank))
        kept: list[Hit] = []
        for h in raw:
            clash = False
            for k in kept:
                if k.row is h.row and k.start < h.end and h.start < k.end:
                    if k.weight > h.weight or (k.start, k.end) != (h.start, h.end):
                        clash = True
                        break
                    if k.field == h.field:
                        clash = True
                        break
            if not clash:
                kept.append(h)
        kept.sort(key=lambda h: (h.page, h.row.index, h.start))
        # a label inside a parenthesis or after "incl." qualifies another one: "(incl GST)"
        stops = [h for h in kept if not h.field]
        kept = [h for h in kept if not _qualified(h) and not (h.field and any(
            st.row is h.row and st.end <= h.start
            and h.row.cell_at(st.start) == h.row.cell_at(h.start)
            and st.start == h.row.starts[h.row.cell_at(st.start)]
            for st in stops))]
        # a field's label right after another of its labels is part of the value ("No.")
        out: list[Hit] = []
        for h in kept:
            prev = [k for k in out if k.row is h.row and k.field == h.field and k.end <= h.start]
            if prev and not any(x.row is h.row and prev[-1].end <= x.start < h.start
                                for x in out if x.field != h.field):
                continue
            out.append(h)
        self.hits = out

    def hits_for(self, name: str) -> list[Hit]:
        """The labels found of one field."""
        return [h for h in self.hits if h.field == name]

    def hits_in_row(self, row: Row) -> list[Hit]:
        """The labels found in one row (of any field)."""
        return [h for h in self.hits if h.row is row]

    # ------------------------------------------------------------------ geometry
    def span_box(self, page: int, span: Span) -> tuple[float, float, float, float]:
        """The box (x0, y0, x1, y1) round a span's characters, deskewed as the rows are."""
        lay = self.layouts[page]
        boxes = [lay.char_box[i] for i in span.idx if i >= 0]
        if not boxes:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def rows_below(self, row: Row, limit: float = 3.2) -> list[Row]:
        """The rows under ``row`` until a gap of ``limit`` times its height."""
        lay = self.layouts[row.page]
        h = max(row.h, 0.004)
        out = []
        for r in lay.rows[row.index + 1 :]:
            if r.y0 - row.y1 > limit * h:
                break
            out.append(r)
        return out

    def printed(self, page: int, span: Span) -> str:
        """The original characters of a span as printed (a space where words part)."""
        chars = self.pages[page].chars
        out: list[str] = []
        prev = -2
        gap = False
        for i in span.idx:
            if i < 0:
                gap = True
                continue
            if i == prev:
                continue
            if out and gap:
                out.append(" ")
            out.append(chars[i].text)
            prev = i
            gap = False
        return "".join(out).strip()


# ----------------------------------------------------------------------------- labels
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")


def _fold(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


@functools.lru_cache(maxsize=4096)
def _label_key(label: str) -> str:
    """A label's comparison form: NFKC, lower case, no spaces."""
    return "".join(_fold(c) for c in pt.nfkc(label) if not c.isspace())


def _compact(text: str) -> tuple[str, list[int]]:
    """A row's comparison form (as :func:`_label_key`) and where each character came from."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            continue
        out.append(_fold(c))
        where.append(i)
    return "".join(out), where


_SHORT_TAIL = re.compile(r"\s?[:.：]?\s?[+\d(]")


def _label_fits(text: str, a: int, b: int, latin: bool, short: bool, n: int) -> bool:
    """Whether a label found at ``text[a:b]`` stands as a label there."""
    span = text[a:b]
    if latin:
        # a Latin label is whole words, in one cell
        if "   " in span or len(span) > 2 * n + 2:
            return False
        if a > 0 and _LATIN.match(text[a - 1]) and _LATIN.match(text[a]):
            return False
        if b < len(text) and _LATIN.match(text[b]) and _LATIN.match(text[b - 1]):
            return False
        if (a > 0 and text[a - 1] == "_") or (b < len(text) and text[b] == "_"):
            return False  # part of an identifier (inv_no_7), not a label
        return not short or bool(_SHORT_TAIL.match(text, b))
    return len(span) <= 3 * n + 6


def _qualified(h: Hit) -> bool:
    """True for a label word that only qualifies the label before it (``Total (incl GST)``)."""
    row = h.row
    cstart = row.starts[row.cell_at(h.start)]
    before = row.text[cstart : h.start]
    if before.count("(") > before.count(")") and row.text[h.start] != "(":
        return True
    if re.search(r"(?i)(?:incl|inclusive|excl|exclusive|includes|inkl|zzgl|hors|"
                 r"excluding|including)\.?\s*(?:of\s*)?$", before):
        return True
    # "Beitrag inklusive 19 % Versicherungsteuer  220,00": the amount is the gross one the
    # words before it name; a line that opens with "inkl. 19 % MwSt 3,19" gives the tax itself
    return bool(re.search(r"(?i)[^\W\d]{3,}.*\s(?:incl|inclusive|includes|including|inkl|"
                          r"inklusive|einschl|einschließlich|y compris)\.?\s*"
                          r"\d{1,2}(?:[.,]\d{1,2})?\s?%\s*$", before))


# ----------------------------------------------------------------------------- typed reading
_VAT_ID_TAIL = r"\s?[0-9A-Z]{2}(?:\s?[0-9]){7,10}(?:B\d\d)?(?![A-Za-z0-9])"
#: a VAT id after a label (``DE 123456789``, ``GB123456789``)
VAT_ID_RE = re.compile(r"(?<![A-Za-z0-9])(?:DE|FR|NL|BE|AT|LU|IT|ES|GB)" + _VAT_ID_TAIL)
#: a VAT id found without a label: the EU countries' only
EU_VAT_ID_RE = re.compile(r"(?<![A-Za-z0-9])(?:DE|FR|NL|BE|AT|LU|IT|ES)" + _VAT_ID_TAIL)
#: a Japanese qualified-invoice registration number (``T1234567890123``)
T_NUMBER_RE = re.compile(r"(?<![A-Za-z0-9])T\s?\d{13}(?!\d)")


def typed_values(doc: Document, ftype: str, text: str) -> list[pt.Found]:
    """The values of type ``ftype`` in ``text``, read with the document's conventions."""
    if ftype in AMOUNT_TYPES:
        return pt.find_amounts(text, comma_decimal=doc.comma_decimal)
    if ftype == "date":
        return pt.find_dates(text, month_first=doc.lang == "en" and _us_dates(doc))
    finder = pt.FINDERS.get(ftype)
    if finder is not None:
        return finder(text)
    return []


def _us_dates(doc: Document) -> bool:
    return "$" in "".join(r.text for r in doc.rows[:60])


def text_value(span: Span) -> Span | None:
    """A text value: the span without its connecting marks, or None if no word is left."""
    s = span.stripped(" :：-–|")
    if not s.text or not re.search(r"\w", s.text):
        return None
    return s


# ----------------------------------------------------------------------------- geometry
def span_offset(outer: Span, inner: Span) -> int:
    """Where ``inner`` (a sub-span) starts inside ``outer``."""
    first = next((i for i in inner.idx if i >= 0), None)
    if first is None:
        return 0
    try:
        return outer.idx.index(first)
    except ValueError:
        return 0


def join_spans(first: Span, second: Span) -> Span:
    """Two spans as one, parted by a space (a value printed over two lines)."""
    return Span(first.text + " " + second.text, [*first.idx, -1, *second.idx])


def first_cell(span: Span) -> Span:
    """The span up to its first wide gap (three spaces): the first cell it runs over."""
    cut = span.text.find("   ")
    return span.sub(0, cut) if cut > 0 else span


def overlaps_x(c: Cell, x0: float, x1: float) -> bool:
    """Whether a cell overlaps the band from ``x0`` to ``x1`` across the page."""
    return min(c.x1, x1) - max(c.x0, x0) > 0


def hit_in_cell(row: Row, h: Hit, cell: Cell) -> bool:
    """Whether a label hit of ``row`` lies (in part) in one of its cells."""
    k = row.cells.index(cell)
    a = row.starts[k]
    b = a + len(cell.text)
    return h.start < b and a < h.end
