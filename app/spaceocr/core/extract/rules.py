"""The local extractor: labels, typed patterns and layout, with arithmetic checks.

How a field is read
-------------------
1. The page is straightened and split into rows of cells (:mod:`.layout`); the document's
   language comes from its script mix (:func:`.layout.detect_language`).
2. Every label of every field of the template (the detected language's labels first, then
   English; for Latin-script documents the labels of all European languages) is looked for in
   the rows; where labels overlap the longest wins (``税込合計`` over ``合計``, ``Subtotal``
   over ``Total``), and a few non-field labels (``Amount Paid``, ``お預り``) stop a search.
3. A label's value is read to its right on the same row (up to the next label), else in the
   cell below it, and must parse as the field's type (:mod:`.patterns`).
4. Fields no label announces fall back to patterns (a T-number, an e-mail, the only date on a
   receipt) and to position (a receipt's merchant at the top, an issuer block's first line).
5. Amount fields keep all their candidates; the combination that makes
   ``subtotal + tax = total`` wins. Checks (:mod:`.checks`) then mark what does not add up.

``value`` is always the text as printed (the OCR characters it was read from, listed in the
field's :class:`~spaceocr.core.types.MatchHint`), ``normalized`` an ISO date, a plain decimal
or ``HH:MM``. A field read from a weak clue, or with competing readings, carries a review
reason so that it is never counted as confident.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from spaceocr.core.errors import Cancelled
from spaceocr.core.extract import checks as chk
from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, PageLayout, Row, Span, build_layout, detect_language
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import ExtractedField, Extraction, MatchHint, OcrPage, Point

__all__ = ["RuleExtractor", "repair_legal_form", "suspect_name"]

logger = logging.getLogger(__name__)

VERSION = "1.0"

AMOUNT_TYPES = ("amount", "number")
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
        return self.row.page


@dataclass(slots=True)
class Cand:
    """A candidate value for a field."""

    name: str
    span: Span
    page: int
    normalized: str | None
    score: float
    how: str
    reasons: list[str] = field(default_factory=list)
    y: float = 0.0
    amount: Decimal | None = None
    fixed: str | None = None  #: the value repaired where the print was misread


class _Doc:
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
        return [h for h in self.hits if h.field == name]

    def hits_in_row(self, row: Row) -> list[Hit]:
        return [h for h in self.hits if h.row is row]

    # ------------------------------------------------------------------ geometry
    def span_box(self, page: int, span: Span) -> tuple[float, float, float, float]:
        lay = self.layouts[page]
        boxes = [lay.char_box[i] for i in span.idx if i >= 0]
        if not boxes:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def rows_below(self, row: Row, limit: float = 3.2) -> list[Row]:
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


_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_VAT_RE = re.compile(r"(?<![A-Za-z0-9])(?:DE|FR|NL|BE|AT|LU|IT|ES|GB)\s?[0-9A-Z]{2}"
                     r"(?:\s?[0-9]){7,10}(?:B\d\d)?(?![A-Za-z0-9])")
_TAX_ID_WORD = re.compile(r"(?<![^\W\d_])(?:USt|VAT|TVA|BTW)")
_TNUM_RE = re.compile(r"(?<![A-Za-z0-9])T\s?\d{13}(?!\d)")


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


# ----------------------------------------------------------------------------- typed reading
def _typed(doc: _Doc, ftype: str, text: str) -> list[pt.Found]:
    if ftype in AMOUNT_TYPES:
        return pt.find_amounts(text, comma_decimal=doc.comma_decimal)
    if ftype == "date":
        return pt.find_dates(text, month_first=doc.lang == "en" and _us_dates(doc))
    finder = pt.FINDERS.get(ftype)
    if finder is not None:
        return finder(text)
    return []


def _us_dates(doc: _Doc) -> bool:
    return "$" in "".join(r.text for r in doc.rows[:60])


_CONNECT = " :：-–#|/"


def _text_value(span: Span) -> Span | None:
    s = span.stripped(" :：-–|")
    if not s.text or not re.search(r"\w", s.text):
        return None
    return s


# ----------------------------------------------------------------------------- the extractor
class RuleExtractor:
    """Labels + patterns + layout, offline; see the module docstring."""

    name = "rules"
    version = VERSION

    def __init__(self, **_options: Any) -> None:
        pass

    def is_available(self) -> bool:
        return True

    def extract(
        self,
        pages: Sequence[OcrPage],
        template: Template,
        *,
        cancel: threading.Event | None = None,
    ) -> Extraction:
        """Find the template's fields in the pages (a field not on the document is left out)."""
        if not pages or not any(p.chars for p in pages):
            return Extraction((), self.name, self.version, meta={"language": None})
        doc = _Doc(pages, template)
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        reader = _Reader(doc)
        fields, checks = reader.run(cancel)
        return Extraction(tuple(fields), self.name, self.version, tuple(checks),
                          meta={"language": doc.lang})


class _Reader:
    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.specs = {s.name: s for s in doc.template.scalar_fields}
        self.cands: dict[str, list[Cand]] = {}
        self.chosen: dict[str, Cand] = {}
        self.table_end: tuple[int, float] | None = None
        self.table: Any = None
        self.items: dict[str, tuple[tuple[ExtractedField, ...], ...]] = {}

    # ------------------------------------------------------------------ main
    def run(
        self, cancel: threading.Event | None
    ) -> tuple[list[ExtractedField], list[tuple[str, bool, str]]]:
        doc = self.doc
        self._line_items()
        for spec in doc.template.scalar_fields:
            self.cands[spec.name] = self._label_cands(spec)
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        self._special()
        self._choose()
        self._lost_point_totals()
        check_list = self._checks()
        out: list[ExtractedField] = []
        for spec in doc.template.fields:
            if spec.is_array:
                rows = self.items.get(spec.name)
                if rows:
                    out.append(ExtractedField(spec.name, items=rows))
                continue
            c = self.chosen.get(spec.name)
            if c is None:
                continue
            value = doc.printed(c.page, c.span)
            if not value:
                continue
            if spec.name in PARTY_FIELDS or spec.name == "name":
                reason = suspect_name(value, doc.lang, doc.pages[c.page].text)
                if reason:
                    c.reasons.append(reason)
            if spec.name in PARTY_FIELDS and not c.fixed:
                repaired = repair_legal_form(value)
                if repaired is not None:
                    c.fixed = repaired
                    c.reasons.append("repaired:legal_form")
            if spec.type == "email" and re.match(r"[A-Z][^A-Z@]*@", pt.nfkc(value)):
                c.reasons.append("suspect_reading")  # an icon read as a capital letter
            idx = c.span.chars
            out.append(ExtractedField(
                name=spec.name,
                value=c.fixed or value,
                printed=value if c.fixed else None,
                normalized=c.normalized,
                hint=MatchHint(page_index=c.page, char_indices=idx, source="ocr_chars"),
                confidence=min(1.0, max(0.1, c.score / 10)),
                review_reasons=tuple(dict.fromkeys(c.reasons)),
            ))
        return out, check_list

    # ------------------------------------------------------------------ line items
    def _line_items(self) -> None:
        try:
            from spaceocr.core.extract import tables
        except ImportError:  # the line-item reader is optional
            return
        for spec in self.doc.template.array_fields:
            try:
                finder = getattr(tables, "find_tables", None)
                table = finder(self.doc.pages, spec, language=self.doc.lang) if finder else None
                if table is not None:
                    rows = tuple(table.rows)
                    if self.table_end is None and rows:
                        self.table_end = (table.end_page, table.end_y)
                        self.table = table
                else:
                    rows = tables.find_line_items(self.doc.pages, spec, language=self.doc.lang)
            except Exception:
                logger.exception("line items of %s could not be read", spec.name)
                continue
            if rows:
                self.items[spec.name] = tuple(tuple(r) for r in rows)

    def _in_table(self, page: int, y: float) -> bool:
        """True for a point above the end of the line-item table (on its last page)."""
        if self.table_end is None:
            return False
        end_page, end_y = self.table_end
        return page < end_page or (page == end_page and y < end_y - 0.002)

    def _in_header(self, row: Row) -> bool:
        """True for a row at the top of the table: its header (column labels)."""
        regions = getattr(self.table, "regions", None) or ()
        h = max(row.h, 0.005)
        return any(r.page_index == row.page and r.y0 - 0.01 <= row.y0 <= r.y0 + 2.5 * h
                   for r in regions)

    def _in_region(self, page: int, y: float) -> bool:
        """True for a point inside the table's area (its header included)."""
        regions = getattr(self.table, "regions", None) or ()
        return any(r.page_index == page and r.y0 - 0.005 <= y <= r.y1 for r in regions)

    # ------------------------------------------------------------------ label candidates
    def _label_cands(self, spec: FieldSpec) -> list[Cand]:
        doc = self.doc
        out: list[Cand] = []
        ftype = spec.type
        for hit in doc.hits_for(spec.name):
            row = hit.row
            nxt = [h for h in doc.hits_in_row(row) if h.start >= hit.end]
            stop = min((h.start for h in nxt), default=len(row.text))
            right = row.span.sub(hit.end, stop)
            base = 6.0 + min(hit.weight, 16) * 0.3 - min(hit.rank, 20) * 0.05
            if ftype not in AMOUNT_TYPES:
                base -= 1.5 * min(row.page, 1)  # a header repeated on later pages is a copy
            if hit.weight <= 3:
                base -= 1.0  # "No.", "Tel": weak on their own
                if ftype == "id" and re.match(r"[A-Za-z0-9]", right.text):
                    continue  # "No.4711": the mark is printed as part of the number
            lx0, ly0, lx1, ly1 = doc.span_box(row.page, row.span.sub(hit.start, hit.end))
            header = ftype in AMOUNT_TYPES and self._in_header(row) and (
                self.table_end is not None and self.table_end[0] == row.page
            )
            if header and spec.name not in ("tax", "subtotal"):
                continue
            if header and not _typed(doc, ftype, right.text):
                # a column header (税额 / Tax): its total is in the totals row under it
                cand = self._column_total(spec, row, lx0, lx1, base)
                if cand is not None:
                    out.append(cand)
                continue
            cand = self._read(spec, right, row.page, base, "right", ly0)
            if cand is not None and cand.amount is not None:
                cand = self._row_of_amounts(spec, right, row.page, cand)
            if cand is not None and ftype in AMOUNT_TYPES and cand.span.idx:
                between = right.text[: max(0, _span_offset(right, cand.span))]
                if len(re.findall(r"[^\W\d_]", re.sub(r"\([^)]*\)", "", between))) >= 3:
                    cand.score -= 1.5  # "Total 0% supplies: 50.82" is not the total
            if spec.name in PARTY_FIELDS and re.match(r"\s{0,2}[^\s:：]", right.text):
                continue  # "Lieferant Nord AG": the label word is part of a name
            cstart = row.starts[row.cell_at(hit.start)]
            if spec.name in PARTY_FIELDS and re.search(r"\w", row.text[cstart : hit.start]):
                continue  # "Art-Nr-Lieferant": a column header, not a party's label
            if cand is not None and spec.name in PARTY_FIELDS:
                vx0 = doc.span_box(row.page, cand.span)[0]
                if vx0 - lx1 > max(0.12, 4 * (ly1 - ly0)):
                    cand = None  # a name far to the right belongs to another block
            if cand is not None:
                out.append(cand)
                continue
            if right.stripped(_CONNECT).text and ftype in ("id", "phone", "email", "currency"):
                continue  # something that is not the type sits right of the label
            if spec.name in PARTY_FIELDS and re.match(r"[\s:：]{0,2}\S", right.text) and (
                right.text.split("   ")[0].strip(" :：")
            ):
                continue  # "Customer: 2" - the label was answered on its line
            # below: the cell under the label
            for r in doc.rows_below(row):
                below = [c for c in r.cells if _x_overlap(c, lx0, lx1 + (lx1 - lx0) * 0.5)
                         or abs(c.x0 - lx0) < 0.03]
                if not below:
                    continue
                cell = below[0]
                if any(h.row is r and h.field != spec.name and _hit_in_cell(r, h, cell)
                       for h in doc.hits):
                    break
                cand = self._read(spec, cell.span, r.page, base - 1.0, "below", cell.y0)
                if cand is not None and cand.amount is not None:
                    cand = self._column_sum(spec, r, cell, cand)
                if cand is not None and spec.name in PARTY_FIELDS:
                    under = [c2 for r2 in doc.rows_below(r, 1.2)[:1] for c2 in r2.cells
                             if abs(c2.x0 - cell.x0) < 0.02]
                    if under and lb.SALUTATION_RE.fullmatch(cand.span.text.strip(" ,")):
                        # "Herrn" on its own line: the name is the line under it
                        person = _text_value(under[0].span)
                        if person is not None and not _addressy(person.text):
                            cand.span = Span(cand.span.text + " " + person.text,
                                             [*cand.span.idx, -1, *person.idx])
                    elif under:
                        cand.span = _legal_name_on_two_lines(cand.span, cell, under[0])
                if cand is not None and spec.name in PARTY_FIELDS and doc.lang in (
                    "de", "fr", "nl"
                ):
                    cand.reasons.append("position_guess")
                if cand is not None:
                    out.append(cand)
                elif spec.name in PARTY_FIELDS and re.fullmatch(
                    r"(?:GLN|ILN|EAN|Nr\.?|No\.?)?[\s:.]*[\d\s/-]{6,}", cell.text.strip()
                ):
                    continue  # a party's id number printed over its name
                break
        return out

    def _row_of_amounts(self, spec: FieldSpec, right: Span, page: int, first: Cand) -> Cand:
        """A label with a row of amounts after it (``Total  net  tax  gross``).

        When the last three add up (net + tax = gross), the total is the last of them;
        otherwise which one belongs to the label is a guess.
        """
        found = [f for f in _typed(self.doc, spec.type, right.text) if f.normalized]
        if len(found) < 2:
            return first
        vals = [Decimal(f.normalized or "0") for f in found]
        if spec.name in ("total", "amount_due") and len(found) >= 3 and (
            vals[-3] + vals[-2] == vals[-1] and vals[-1] != 0
        ):
            f = found[-1]
            c = Cand(spec.name, right.sub(f.start, f.end), page, f.normalized, first.score + 0.3,
                     "row_sum", y=first.y)
            c.amount = vals[-1]
            return c
        first.reasons.append("several_amounts")
        return first

    def _column_sum(self, spec: FieldSpec, row: Row, cell: Cell, first: Cand) -> Cand:
        """The amount under a column label when more amounts follow in its column.

        A totals block with a row per tax rate ends in the row that adds them up: when the
        last amount of the column is the sum of those above it, that is the value. Otherwise
        more than one amount under the label means the first one is only a guess.
        """
        lay = self.doc.layouts[row.page]
        h = max(row.h, 0.004)
        column: list[Cand] = [first]
        prev = row
        for r in lay.rows[row.index + 1 :]:
            if r.y0 - prev.y1 > 1.5 * h:
                break
            cells = [c for c in r.cells if min(c.x1, cell.x1) - max(c.x0, cell.x0) > 0]
            if not cells:
                break
            cand = self._read(spec, cells[0].span, r.page, first.score, "below", cells[0].y0)
            if cand is None or cand.amount is None or len(cand.span.text.strip()) < 0.6 * len(
                cells[0].text.strip()
            ):
                break  # a cell that is not just an amount ends the column
            column.append(cand)
            prev = r
        if len(column) == 1:
            return first
        last = column[-1]
        assert last.amount is not None
        above = sum((c.amount for c in column[:-1] if c.amount is not None), Decimal(0))
        if len(column) >= 3 and abs(above - last.amount) <= Decimal("0.011"):
            last.how = "column_sum"
            last.score += 0.5  # proved by the rows it adds up
            return last
        first.reasons.append("more_values_below")
        return first

    def _column_total(
        self, spec: FieldSpec, row: Row, lx0: float, lx1: float, base: float
    ) -> Cand | None:
        assert self.table_end is not None
        end_y = self.table_end[1]
        lay = self.doc.layouts[row.page]
        totals = {"subtotal", "total", "tax"}
        for r in lay.rows[row.index + 1 :]:
            if r.y0 < end_y - 0.005 and not any(
                h.row is r and h.field in totals and h.field != spec.name for h in self.doc.hits
            ):
                continue
            if r.y0 > end_y + 0.12:
                break
            for c in r.cells:
                if min(c.x1, lx1 + 0.02) - max(c.x0, lx0 - 0.02) <= 0:
                    continue
                cand = self._read(spec, c.span, r.page, base - 0.5, "column_total", c.y0)
                if cand is not None and cand.amount is not None:
                    return cand
        return None

    def _read(
        self, spec: FieldSpec, span: Span, page: int, score: float, how: str, y: float
    ) -> Cand | None:
        doc = self.doc
        ftype = spec.type
        if ftype in ("text", "address"):
            s = _text_value(span)
            if s is None:
                return None
            if spec.name in PARTY_FIELDS or spec.name == "payment_method":
                if sum(ch.isalpha() for ch in s.text) < 2:
                    return None
                if sum(ch.isdigit() for ch in s.text) > 0.3 * len(s.text):
                    return None
                s = _strip_suffix(s)
                # a party's name is the first cell only
                cut = s.text.find("   ")
                if cut > 0:
                    s = s.sub(0, cut)
            return Cand(spec.name, s, page, None, score, how, y=y)
        found = _typed(doc, ftype, span.text)
        if ftype in AMOUNT_TYPES:
            found = [f for f in found if not (
                f.normalized and "." not in f.normalized and len(f.normalized.lstrip("-")) >= 9
            )]  # a long bare number is an id, not money
        if spec.name in ("registration_number", "customer_tax_id"):
            m = _VAT_RE.search(span.text) or _TNUM_RE.search(span.text)
            if m:
                found = [pt.Found(m.start(), m.end(), m.group(0).replace(" ", ""))]
        if ftype == "id":
            found = [f for f in found if _plausible_id(span.text[f.start : f.end])]
            # the number is the first word after the label (after "No." / "Nr." / "#")
            m = re.match(r"[\s:：#.]*(?:(?:No|Nr|N°|Nº)\.?\s?)?", span.text)
            lead = m.end() if m else 0
            found = [f for f in found if f.start <= lead + 1 or not span.text[lead:f.start].strip(
                " :：#.")]
        if not found:
            return None
        f = found[0]
        sub = span.sub(f.start, f.end)
        c = Cand(spec.name, sub, page, f.normalized, score, how, y=y)
        if ftype == "id" and re.search(r"(?i)#|\bn[or]\b|n[°º]", span.text[: f.start]):
            # "No.4711" / "# AB-12" in the value's own cell: whether the mark is part of
            # the number is a convention the page does not settle
            c.reasons.append("prefix_dropped")
        if ftype in AMOUNT_TYPES and f.normalized is not None:
            c.amount = Decimal(f.normalized)
        if f.fixed:
            c.fixed = f.fixed
            c.reasons.append("repaired:separator")
        if ftype == "date" and not f.valid:
            c.reasons.append("date_does_not_exist")
        return c

    # ------------------------------------------------------------------ special fields
    def _special(self) -> None:
        names = set(self.specs)
        doc = self.doc
        if doc.lang.startswith("zh"):
            self._zh_parties()
        if "customer_name" in names or "consignee" in names:
            self._addressee()
        if "customer_name" in names and not self.cands.get("customer_name") and (
            doc.lang in lb.LATIN_LANGS
        ):
            self._address_window()
        if "vendor_name" in names and not self.cands.get("vendor_name"):
            self._letterhead_over_window()
        for fname in ("vendor_name", "shipper"):
            if fname in names and not self.cands.get(fname):
                self._issuer(fname)
        if "merchant_name" in names and not self.cands.get("merchant_name"):
            self._merchant()
        if "merchant_address" in names and not self.cands.get("merchant_address"):
            self._merchant_address()
        if "registration_number" in names:
            self._registration()
        if doc.template.name == "business_card" or {"name", "title", "company"} <= names:
            self._card()
        if "due_date" in names and not self.cands.get("due_date"):
            self._due_in_words()
        for spec in doc.template.scalar_fields:
            if not self.cands.get(spec.name):
                self._pattern_fallback(spec)
        for fname in ("invoice_number", "delivery_number", "quote_number", "po_number"):
            if fname in names and not self.cands.get(fname):
                self._unlabelled_number(fname)

    def _due_in_words(self) -> None:
        """A due date said in a sentence of the payment terms, not under a label.

        ``Der Betrag wird am <date> ... per SEPA-Lastschrift eingezogen`` (the date a SEPA
        pre-notification announces for the debit), ``zahlbar ohne Abzug bis zum <date>``,
        ``will be debited on <date>``, ``sera prélevé le <date>``, ``wordt op <date>
        afgeschreven``. Read from wording, so it always needs review.
        """
        doc = self.doc
        for k, row in enumerate(doc.rows):
            view = pt.nfkc(row.text)
            nxt = doc.rows[k + 1] if k + 1 < len(doc.rows) else None
            after_row = pt.nfkc(nxt.text) if nxt is not None and nxt.page == row.page else ""
            for before, after in _DUE_PHRASES:
                for m in before.finditer(view):
                    found = _typed(doc, "date", view[m.end() :])
                    if not found or view[m.end() : m.end() + found[0].start].strip():
                        continue
                    f = found[0]
                    a, b = m.end() + f.start, m.end() + f.end
                    if after is not None and not after.search(view[b:] + " " + after_row):
                        continue
                    c = Cand("due_date", row.span.sub(a, b), row.page, f.normalized, 4.0,
                             "in_words", y=row.y0)
                    c.reasons.append("no_label")
                    if not f.valid:
                        c.reasons.append("date_does_not_exist")
                    self._add(c)
                    return

    def _unlabelled_number(self, fname: str) -> None:
        """A document number whose label the OCR lost: an id in the header's key/value rows."""
        doc = self.doc
        used = {i for cs in self.cands.values() for c in cs for i in c.span.chars}
        strong = re.compile(r"(?:No\.?\s?\d[\d-]{4,}|[A-Z]{1,4}-\d{2,}(?:-\d{2,})*)")
        plain = re.compile(r"[A-Z]{0,4}-?\d[\d-]{5,}")
        for pass_ in ("strong", "plain"):
            for row in doc.layouts[0].rows:
                if row.y0 > 0.45:
                    break
                cell = row.cells[-1]
                t = cell.text.strip()
                if set(cell.span.chars) & used or pt.find_dates(t) or re.fullmatch(
                    r"T\d{13}|\d{3}-\d{4}", t
                ):
                    continue
                if pass_ == "strong":
                    ok = bool(strong.fullmatch(t))
                else:
                    ok = bool(
                        len(row.cells) >= 2 and plain.fullmatch(t)
                        and len(row.cells[-2].text) <= 14
                        and not any(h.row is row and h.field for h in doc.hits)
                        and not re.search(r"[\s().+]", t) and t.count("-") <= 2
                    )
                if ok:
                    c = Cand(fname, cell.span.stripped(" "), 0, None, 3.0, "unlabelled",
                             y=row.y0)
                    c.reasons.append("no_label")
                    self._add(c)
                    return

    def _add(self, c: Cand) -> None:
        if c.name in PARTY_FIELDS and c.how in ("issuer_block", "top_line") and (
            self.doc.lang in ("de", "fr", "nl")
        ):
            c.reasons.append("position_guess")
        if c.name in PARTY_FIELDS or c.name in ("title", "name", "address", "merchant_address"):
            c.span = _clean_text(c.span)
            if _noisy(c.span.text, self.doc.lang):
                c.reasons.append("ocr_noise")
        self.cands.setdefault(c.name, []).append(c)

    def _zh_parties(self) -> None:
        """名称 / 纳税人识别号 in the buyer (购买方) and seller (销售方) blocks of a fapiao."""
        doc = self.doc
        marks: list[tuple[int, float, float, str]] = []
        for lay in doc.layouts:
            for i, ch in enumerate(lay.page.chars):
                t = ch.text
                if t in lb.ZH_BUYER_MARKS or t in lb.ZH_SELLER_MARKS:
                    b = lay.char_box[i]
                    kind = "buyer" if t in lb.ZH_BUYER_MARKS else "seller"
                    marks.append((lay.page.index, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, kind))
        name_rx = re.compile(r"(?<![目物品务務])名\s{0,3}称|(?<![目物品务務])名\s{0,3}稱")
        id_rx = re.compile(r"纳税人识别号|納稅人識別號|统一社会信用代码|統一社會信用代碼")
        marked_pages = {pg for pg, *_ in marks}
        for row in doc.rows:
            if row.page not in marked_pages:
                self._zh_side_by_side(row, name_rx, id_rx)
                continue
            for rx, target in ((name_rx, "name"), (id_rx, "id")):
                for m in rx.finditer(row.text):
                    x0, y0, _x1, y1 = doc.span_box(row.page, row.span.sub(m.start(), m.end()))
                    best = None
                    for pg, mx, my, kind in marks:
                        if pg != row.page or mx > x0 + 0.01:
                            continue
                        d = (x0 - mx) ** 2 * 0.3 + ((y0 + y1) / 2 - my) ** 2
                        if best is None or d < best[0]:
                            best = (d, kind)
                    if best is None:
                        continue
                    rest = row.span.sub(m.end(), len(row.text))
                    if target == "name":
                        s = _text_value(rest)
                        if s is None:
                            continue
                        cut = s.text.find("   ")
                        if cut > 0:
                            s = s.sub(0, cut)
                        s = s.stripped(" :：")
                        fname = "customer_name" if best[1] == "buyer" else "vendor_name"
                        if fname in self.specs and s.text:
                            self._add(Cand(fname, s, row.page, None, 9.0, "zh_block", y=y0))
                    else:
                        rest = rest.stripped(" :：/")
                        mm = re.match(r"[0-9A-Z]{15,20}", rest.text)
                        if not mm:
                            continue
                        s = rest.sub(0, mm.end())
                        fname = "customer_tax_id" if best[1] == "buyer" else "registration_number"
                        if fname in self.specs:
                            c = Cand(fname, s, row.page, s.text, 9.0, "zh_block", y=y0)
                            if len(s.text) == 18 and not pt.valid_cn_credit_code(s.text):
                                c.reasons.append("check_digit_failed")
                            self._add(c)
        # the generic labels must not also claim these
        for fname in ("customer_name", "vendor_name", "registration_number", "customer_tax_id"):
            cs = self.cands.get(fname, [])
            if any(c.how == "zh_block" for c in cs):
                self.cands[fname] = [c for c in cs if c.how == "zh_block"]

    def _zh_side_by_side(self, row: Row, name_rx: re.Pattern[str], id_rx: re.Pattern[str]) -> None:
        """A fapiao whose 购买方/销售方 marks were not read: two 名称 (or two 纳税人识别号) on one
        row are the electronic fapiao's layout, the buyer on the left, the seller on the right."""
        for rx, names in ((name_rx, ("customer_name", "vendor_name")),
                          (id_rx, ("customer_tax_id", "registration_number"))):
            ms = list(rx.finditer(row.text))
            if len(ms) != 2:
                continue
            for k, m in enumerate(ms):
                end = ms[1].start() if k == 0 else len(row.text)
                rest = _text_value(row.span.sub(m.end(), end))
                if rest is None:
                    continue
                rest = rest.stripped(" :：/")
                fname = names[k]
                if fname not in self.specs or not rest.text:
                    continue
                y0 = self.doc.span_box(row.page, rest)[1]
                if rx is name_rx:
                    if sum(ch.isalpha() for ch in rest.text) >= 2:
                        self._add(Cand(fname, rest, row.page, None, 8.0, "zh_block", y=y0))
                    continue
                mm = re.search(r"[0-9A-Z]{15,20}", rest.text)
                if mm:
                    sub = rest.sub(mm.start(), mm.end())
                    c = Cand(fname, sub, row.page, sub.text, 8.0, "zh_block", y=y0)
                    if len(sub.text) == 18 and not pt.valid_cn_credit_code(sub.text):
                        c.reasons.append("check_digit_failed")
                    self._add(c)

    def _addressee(self) -> None:
        """A name followed by 様 / 御中 (Japanese) is the customer or the consignee."""
        doc = self.doc
        fname = "customer_name" if "customer_name" in self.specs else "consignee"
        if self.cands.get(fname):
            return
        for row in doc.rows[:80]:
            for k, cell in enumerate(row.cells):
                t = cell.text.rstrip()
                m = lb.CUSTOMER_SUFFIX_RE.search(t)
                if not m:
                    continue
                name = cell.span.sub(0, m.start()).stripped(" ")
                if not name.text and k > 0:
                    name = row.cells[k - 1].span.stripped(" ")
                if len(name.text) < 2 or not re.search(r"\w", name.text):
                    continue
                self._add(Cand(fname, name, row.page, None, 8.0, "suffix", y=cell.y0))
                return

    def _address_window(self) -> None:
        """The addressee of a European business letter, read from its address window.

        A letter (DIN 5008, NF Z 10-011, NEN 1026) prints the recipient as a tight block of
        lines: an optional courtesy title (``Herrn``, ``Madame``), the name, perhaps a
        contact person, the street, then the postcode and town (a country may follow). No
        label announces it, so a block is only taken when it has that shape, carries no
        phone, e-mail or tax id (a sender's letterhead does), is not headed as a delivery
        address, and is not the small return-address line above the window. Of several such
        blocks the one marked as a window wins (a courtesy title, the return-address line or
        a billing heading over it), then one whose name the page does not repeat (a sender's
        name recurs in its letterhead and footer), then the first. The value is a guess
        from position and always needs review.
        """
        doc = self.doc
        lay = doc.layouts[0]
        cells = [(r, c) for r in lay.rows if r.y0 < 0.5 for c in r.cells]
        party = {i for n, cs in self.cands.items() if n in PARTY_FIELDS for c in cs
                 for i in c.span.chars}
        page_text = pt.nfkc(" ".join(r.text for r in lay.rows)).casefold()
        found: list[tuple[int, int, Cand]] = []
        for _, c in cells:
            if not lb.POSTAL_TOWN_RE.fullmatch(pt.nfkc(c.text).strip()):
                continue
            column = [(r2, c2) for r2, c2 in cells if abs(c2.x0 - c.x0) < 0.012]
            pos = next(k for k, (_, c2) in enumerate(column) if c2 is c)
            if pos == 0:
                continue
            street = column[pos - 1][1]
            pitch = c.y0 - street.y1
            limit = max(1.6 * pitch, 0.35 * max(c.h, street.h), 0.002)
            if pitch > 1.2 * max(c.h, street.h) or not (
                _addressy(street.text) or lb.ADDRESS_RE.search(street.text)
                or re.search(r"(?i)postfach|\bBP\s?\d|postbus|P\.?\s?O\.?\s?Box", street.text)
            ):
                continue
            block: list[tuple[Row, Cell]] = [column[pos - 1]]
            prev = street
            heading = ""
            for r2, c2 in reversed(column[: pos - 1]):
                if prev.y0 - c2.y1 > limit:
                    if prev.y0 - c2.y1 < 2.5 * max(c2.h, 0.004):
                        heading = c2.text  # the line over the block: whose address it is
                    break
                block.insert(0, (r2, c2))
                prev = c2
            if lb.DELIVERY_HEADING_RE.search(heading):
                continue
            tail: list[Cell] = []
            prev = c
            for _, c2 in column[pos + 1 : pos + 4]:
                if c2.y0 - prev.y1 > limit:
                    break
                tail.append(c2)
                prev = c2
            if any(lb.CONTACT_RE.search(x.text) or pt.find_phones(x.text)
                   for x in (*(x for _, x in block), *tail)):
                continue  # a letterhead with its phone and ids, not a window
            # from the top: the block starts under a heading, a return-address line, a label
            lines: list[tuple[Row, Cell]] = []
            delivery = False
            marked = bool(lb.ADDRESS_HEADING_RE.fullmatch(pt.nfkc(heading).strip()))
            for r2, c2 in reversed(block[:-1]):
                t = pt.nfkc(c2.text).strip()
                if lb.DELIVERY_HEADING_RE.search(t):
                    delivery = True
                    break
                if _RETURN_LINE.search(t):
                    marked = True
                    break
                if (lb.ADDRESS_HEADING_RE.fullmatch(t) or _is_title(t) or pt.find_dates(t)
                        or set(c2.span.chars) & party
                        or any(h.row is r2 and _hit_in_cell(r2, h, c2) for h in doc.hits)):
                    break
                lines.insert(0, (r2, c2))
            if delivery or not lines:
                continue
            first_r, first = lines[0]
            span = _text_value(first.span)
            if span is None:
                continue
            if lb.SALUTATION_RE.fullmatch(span.text.strip(" ,")):
                if len(lines) < 2:
                    continue
                nxt = _text_value(lines[1][1].span)
                if nxt is None:
                    continue
                span = Span(span.text + " " + nxt.text, [*span.idx, -1, *nxt.idx])
                name_text = nxt.text
                marked = True
            else:
                if len(lines) > 1:
                    span = _legal_name_on_two_lines(span, first, lines[1][1])
                name_text = span.text
            if (sum(ch.isalpha() for ch in name_text) < 3 or _addressy(name_text)
                    or sum(ch.isdigit() for ch in name_text) > 2):
                continue
            cand = Cand("customer_name", span, first_r.page, None, 4.0, "address_window",
                        y=first.y0)
            cand.reasons.append("position_guess")
            recurs = page_text.count(pt.nfkc(name_text).casefold().strip()) > 1
            found.append((0 if marked else 1, 1 if recurs else 0, cand))
        if found:
            self._add(min(found, key=lambda f: (f[0], f[1], f[2].y))[2])

    def _letterhead_over_window(self) -> None:
        """A letter's sender: the name with a legal form printed above its address window.

        The letterhead (DIN 5008, NF Z 10-011) is the top of the first page, over the
        recipient's window; its first line that names a company (on one line or two, or as
        the first piece of a one-line letterhead) is the issuer. Only used when the window
        itself was found; a position guess like it.
        """
        window = [c for c in self.cands.get("customer_name", []) if c.how == "address_window"]
        if not window:
            return
        top = window[0].y
        taken = set(window[0].span.chars)
        rows = [r for r in self.doc.layouts[0].rows if r.y1 <= top + 0.002]
        for k, r in enumerate(rows[:8]):
            for c in r.cells:
                if set(c.span.chars) & taken:
                    continue
                t = c.text.strip()
                name = _letterhead_name(c.span)
                if name is None:
                    if _is_title(t) or pt.find_dates(t) or _addressy(t) or sum(
                        ch.isalpha() for ch in t
                    ) < 2:
                        continue
                    name = _text_value(c.span)
                    if name is None:
                        continue
                    below = [c2 for r2 in rows[k + 1 : k + 2] for c2 in r2.cells]
                    if below:
                        name = _legal_name_on_two_lines(name, c, below[0])
                if not lb.COMPANY_RE.search(name.text):
                    continue
                cand = Cand("vendor_name", name, r.page, None, 5.0, "letterhead", y=c.y0)
                cand.reasons.append("position_guess")
                self._add(cand)
                return

    def _issuer(self, fname: str) -> None:
        """The issuer block (a TEL, a T-number, a postal code ...): its first line is the name."""
        doc = self.doc
        taken = {id(c.span.idx) for cs in self.cands.values() for c in cs}
        other = [c for n, cs in self.cands.items() if n in PARTY_FIELDS and n != fname
                 for c in cs]
        other_chars = {i for c in other for i in c.span.chars}
        anchors = []
        for row in doc.rows:
            if row.page != 0:
                continue
            for cell in row.cells:
                t = cell.text
                # a tax id word stands alone ("USt-IdNr"), not inside a name ("Musterstadt")
                if re.search(r"(?i)(?<![a-z])(tel|phone|fax|電話)(?![a-z])|〒|T\s?\d{13}|登録番号"
                             r"|사업자", t) or _TAX_ID_WORD.search(t) or (
                    pt.find_phones(t) and not pt.find_dates(t)
                ):
                    anchors.append((row, cell))
        for row, cell in anchors:
            if set(cell.span.chars) & other_chars or self._in_region(row.page, row.y0):
                continue
            lay = doc.layouts[row.page]
            name = None
            last_y = row.y0
            block: list[tuple[Row, Cell]] = []
            for r in reversed(lay.rows[: row.index + 1]):
                if last_y - r.y1 > 0.07:
                    break
                cs = [c for c in r.cells if abs(c.x0 - cell.x0) < 0.04 or _x_overlap(
                    c, cell.x0, cell.x0 + 0.02)]
                if not cs:
                    continue
                c = cs[0]
                if set(c.span.chars) & other_chars or self._in_region(r.page, r.y0):
                    break
                t = c.text.strip()
                if lb.CUSTOMER_SUFFIX_RE.search(t) or pt.find_dates(t):
                    break
                if c is not cell and any(
                    h.row is r and _hit_in_cell(r, h, c) and (
                        h.field not in PARTY_FIELDS or len(c.text.strip()) <= h.end - h.start + 1
                    ) for h in doc.hits
                ):
                    break
                last_y = r.y0
                block.append((r, c))
            top_down = list(reversed(block))
            head: Span | None = None
            seen_town = False
            for j, (r, c) in enumerate(top_down):
                t = c.text.strip()
                head = _letterhead_name(c.span)
                if head is not None:
                    name = (r, c)
                    break
                if seen_town and not lb.COMPANY_RE.search(t):
                    break  # under a postcode and town: a country or another block, no name
                seen_town = seen_town or bool(lb.POSTAL_TOWN_RE.fullmatch(pt.nfkc(t)))
                if _is_title(t) or _addressy(t) or c is cell or sum(
                    ch.isalpha() for ch in t
                ) < 2:
                    continue
                name = (r, c)
                head = _text_value(c.span)
                if head is not None and j + 1 < len(top_down):
                    head = _legal_name_on_two_lines(head, c, top_down[j + 1][1])
                break
            if name is not None:
                r, c = name
                s = head
                if s is not None and id(s.idx) not in taken:
                    self._add(Cand(fname, s, r.page, None, 5.0, "issuer_block", y=c.y0))
                    return

    def _merchant(self) -> None:
        """A receipt's merchant: its top line (or the issuer block of a formal receipt)."""
        doc = self.doc
        lay = doc.layouts[0]
        top = [r for r in lay.rows if r.y0 < 0.45]
        self._issuer("merchant_name")
        issuer = self.cands.pop("merchant_name", [])
        if issuer and lb.COMPANY_RE.search(issuer[0].span.text):
            self._add(issuer[0])
            return
        for k, r in enumerate(top[:8]):
            cells = [c for c in r.cells if len(re.findall(r"\w", c.text)) >= 2]
            if not cells:
                continue
            c = max(cells, key=lambda x: len(x.text))
            t = c.text.strip()
            if _is_title(t) or pt.find_dates(t) or re.fullmatch(r"[\W\d]+", t) or re.fullmatch(
                r"(?i)(no|nr|#)\.?\s?[\w-]*\d[\w-]*", t
            ):
                continue
            if sum(ch.isalpha() for ch in t) < 2 or _sentence_like(t):
                continue  # "Your order number is", "Welcome to ...": a greeting, not a name
            s = _text_value(r.span if len(r.cells) <= 2 and _gapless(r) else c.span)
            if s is None:
                continue
            cand = Cand("merchant_name", s, r.page, None, 4.0, "top_line", y=c.y0)
            if _low_conf(doc, r.page, s):
                cand.reasons.append("low_ocr_confidence")
            company = self._company_under_logo(top[k + 1 : k + 4], s.text, r.h)
            if company is not None:
                cand = company
            self._add(cand)
            return

    def _company_under_logo(self, rows: list[Row], top: str, top_h: float) -> Cand | None:
        """A receipt that opens with its brand's logo (``acme``, one word or a big print)
        prints the trading name with its legal form (``Acme Trading Sdn Bhd``) in the lines
        under it, before the address: that line is the merchant. Which of the two the reader
        wants is a guess."""
        if lb.COMPANY_RE.search(top):
            return None
        for r in rows:
            t = r.text.strip()
            if " " in top.strip() and top_h < 1.4 * r.h:
                return None  # a name in the size of the lines under it is no logo
            if re.fullmatch(r"\(.*\)", t):
                continue  # "(Acme Shop (1234))": a note in brackets
            if lb.ADDRESS_RE.search(t) or pt.find_phones(t) or pt.find_dates(t):
                return None
            if lb.COMPANY_RE.search(t) and not _sentence_like(t) and not re.search(
                r"[:：]", t
            ):
                s = _text_value(r.span)
                if s is None:
                    return None
                c = Cand("merchant_name", s, r.page, None, 4.0, "under_logo", y=r.y0)
                c.reasons.append("position_guess")
                return c
        return None

    def _merchant_address(self) -> None:
        """The lines under a receipt's merchant name that read as an address."""
        doc = self.doc
        merchant = self.cands.get("merchant_name")
        if not merchant:
            return
        m = max(merchant, key=lambda c: c.score)
        first = next((i for i in m.span.idx if i >= 0), None)
        rows = doc.layouts[m.page].rows
        start = next((r.index for r in rows if first in r.span.idx), None)
        if start is None:
            return
        parts: list[Span] = []
        last = rows[start]
        for r in rows[start + 1 : start + 10]:
            t = r.text.strip()
            if r.y0 - last.y1 > 2.5 * max(r.h, last.h):
                break
            tight = r.y0 - last.y1 <= max(r.h, last.h)
            last = r  # the header block goes on through the lines skipped below
            # the merchant's ids, a labelled line ("Company no : ..."), a line in brackets:
            # skipped above the address, the end of it below
            if _is_title(t) or any(h.row is r and h.weight > 3 for h in doc.hits) or (
                _REG_NO_LINE.fullmatch(t)
            ) or re.search(r"(?i)co(?:mpany)?\.?\s?reg|company\s?no|(?<![a-z])gst(?![a-z])|"
                           r"登録番号|사업자|[:：]", t) or re.fullmatch(r"\(.*\)", t):
                if parts:
                    break
                continue
            stop = (re.search(r"(?i)(?<![a-z])(tel|fax|phone|e-?mail|"
                              r"www|http)(?![a-z])|@|電話|전화", t)
                    or re.fullmatch(r"[-=*_.\s]+", t) or any(
                        len(re.sub(r"\D", "", t[f.start:f.end])) >= 9 for f in pt.find_phones(t)))
            if stop:
                break
            if pt.find_dates(t):
                if parts:
                    break
                continue
            if not (_addressy(t) or lb.ADDRESS_RE.search(t) or parts):
                if parts:
                    break
                continue
            if parts and not (_addressy(t) or lb.ADDRESS_RE.search(t)) and not re.search(
                r"[,.]$", pt.nfkc(parts[-1].text)
            ) and not (_place_name(t) and tight):
                break
            parts.append(_text_value(r.span) or r.span)
            if _place_name(t) and not (_addressy(t) or lb.ADDRESS_RE.search(t)) and not (
                pt.nfkc(t).rstrip().endswith(",")
            ):
                break  # a state or a country ends the address
        if not parts:
            return
        text_parts: list[str] = []
        idx: list[int] = []
        for k, p in enumerate(parts):
            if k:
                text_parts.append(" ")
                idx.append(-1)
            text_parts.append(p.text)
            idx.extend(p.idx)
        span = Span("".join(text_parts), idx)
        c = Cand("merchant_address", span, m.page, None, 4.0, "under_name", y=0.0)
        c.reasons.append("position_guess")
        self._add(c)

    def _registration(self) -> None:
        """A Japanese T-number or a European VAT id anywhere, when no label announced one."""
        doc = self.doc
        if self.cands.get("registration_number"):
            for c in self.cands["registration_number"]:
                self._check_reg(c)
            return
        found: list[Cand] = []
        for row in doc.rows:
            for m in re.finditer(r"(?<![A-Za-z0-9])T\s?\d{13}(?!\d)", row.text):
                found.append(Cand("registration_number", row.span.sub(m.start(), m.end()),
                                  row.page, m.group(0).replace(" ", ""), 5.0, "pattern"))
            for m in re.finditer(r"(?<![A-Za-z0-9])(?:DE|FR|NL|BE|AT|LU|IT|ES)\s?[0-9A-Z]{2}"
                                 r"(?:\s?[0-9]){7,10}(?:B\d\d)?(?![A-Za-z0-9])", row.text):
                found.append(Cand("registration_number", row.span.sub(m.start(), m.end()),
                                  row.page, m.group(0).replace(" ", ""), 4.0, "pattern"))
        for c in found:
            self._check_reg(c)
            self._add(c)

    @staticmethod
    def _check_reg(c: Cand) -> None:
        t = pt.nfkc(c.span.text).replace(" ", "")
        if re.fullmatch(r"T\d{13}", t) and not pt.valid_t_number(t):
            c.reasons.append("check_digit_failed")

    def _card(self) -> None:
        """Business cards: name, title, company and address from their looks."""
        doc = self.doc
        used: set[int] = set()
        for n in ("email", "phone", "fax", "mobile", "url"):
            for known in self.cands.get(n, []):
                used.update(known.span.chars)
        rows = [r for r in doc.rows if r.page == 0]
        lines: list[tuple[Row, Cell]] = [(r, c) for r in rows for c in r.cells]
        # address
        if "address" in self.specs and not self.cands.get("address"):
            for k, (r, c) in enumerate(lines):
                t = c.text
                if pt.find_emails(t) or re.search(r"(?i)tel|fax|phone|mobile|e-?mail", t):
                    continue
                m = re.search(r"〒\s?\d{3}-?\d{4}\s*", t) or re.match(
                    r"\S?\s?\d{3}-\d{4}\s*(?=\S*[都道府県])", t)
                if m:
                    s = c.span.sub(m.end(), len(t)).stripped(" ")
                    if s.text:
                        self._add(Cand("address", s, r.page, None, 7.0, "postal"))
                        break
                if re.match(r"\d{1,5}\s+\w", t) and lb.ADDRESS_RE.search(t):
                    span = c.span
                    nxt = [(r2, c2) for r2, c2 in lines[k + 1 :]
                           if r2.index > r.index and abs(c2.x0 - c.x0) < 0.05]
                    if nxt:
                        r2, c2 = nxt[0]
                        if re.search(r"[A-Z]{2}\s+[A-Z0-9]{3}|\d{4,5}|,", c2.text) and (
                            r2.y0 - r.y1 < 2 * r.h
                        ) and not pt.find_phones(c2.text):
                            span = Span(span.text + " " + c2.span.text,
                                        [*span.idx, -1, *c2.span.idx])
                    self._add(Cand("address", span, r.page, None, 6.0, "street"))
                    break
        addr = {i for a in self.cands.get("address", []) for i in a.span.chars}
        rest = [(r, c) for r, c in lines
                if not (set(c.span.chars) & (used | addr)) and re.search(r"\w{2}", c.text)
                and not pt.find_phones(c.text) and not pt.find_emails(c.text)
                and not re.search(r"(?i)^(tel|fax|phone|mobile|e-?mail|www)", c.text.strip())
                and not re.search(r"〒", c.text)]
        company: Cell | None = None
        if "company" in self.specs and not self.cands.get("company"):
            for r, c in rest:
                if lb.COMPANY_RE.search(c.text):
                    company = c
                    span = c.span.stripped(" ")
                    m = re.match(r"([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)? [A-Z][a-z]+) (?=[A-Z])",
                                 span.text)
                    if m and len(span.text.split()) >= 4 and "name" in self.specs:
                        # a name printed over the company's line: split, but say so
                        nm = Cand("name", span.sub(0, m.end(1)), r.page, None, 6.5, "split")
                        nm.reasons.append("weak_guess")
                        self._add(nm)
                        span = span.sub(m.end(), len(span.text))
                    cc = Cand("company", span, r.page, None, 6.0, "suffix")
                    if span is not c.span and len(span.text) < len(c.text.strip()):
                        cc.reasons.append("weak_guess")
                    self._add(cc)
                    break
        title: Cell | None = None
        if "title" in self.specs and not self.cands.get("title"):
            for r, c in rest:
                if c is company:
                    continue
                if lb.JOB_TITLE_RE.search(c.text) and len(c.text) < 60:
                    title = c
                    self._add(Cand("title", c.span.stripped(" "), r.page, None, 6.0, "words"))
                    break
        if "name" in self.specs and not self.cands.get("name"):
            pool = [(r, c) for r, c in rest if c is not company and c is not title
                    and not re.search(r"\d", c.text) and len(c.text.strip()) <= 30]
            if pool:
                r, c = max(pool, key=lambda rc: rc[1].h)
                self._add(Cand("name", c.span.stripped(" "), r.page, None, 6.0, "largest"))
                if company is None and "company" in self.specs and not self.cands.get("company"):
                    others = [x for x in pool if x[1] is not c]
                    if others:
                        r2, c2 = max(others, key=lambda rc: rc[1].h)
                        cc = Cand("company", c2.span.stripped(" "), r2.page, None, 3.0, "guess")
                        cc.reasons.append("weak_guess")
                        self._add(cc)

    def _pattern_fallback(self, spec: FieldSpec) -> None:
        """Fields no label announced: a lone date, time, e-mail, phone, payment word."""
        doc = self.doc
        ftype = spec.type
        name = spec.name
        if ftype in ("date", "time", "email", "phone", "url", "currency"):
            if ftype == "date" and name not in ("date", "issue_date"):
                return
            if ftype == "currency":
                return
            found: list[Cand] = []
            for row in doc.rows:
                for f in _typed(doc, ftype, row.text):
                    sub = row.span.sub(f.start, f.end)
                    if ftype == "phone":
                        before = row.text[max(0, f.start - 8) : f.start].lower()
                        fax_before = re.search(r"fax|ファクス|팩스|传真|f\s?[:.]?\s*$", before)
                        if fax_before and name != "fax":
                            continue
                        if name in ("fax", "mobile"):
                            continue
                    c = Cand(name, sub, row.page, f.normalized, 4.0, "pattern",
                             y=row.y0)
                    if ftype == "date" and not f.valid:
                        c.reasons.append("date_does_not_exist")
                    found.append(c)
            if ftype == "phone":
                used = {i for n2, cs in self.cands.items() if n2 != name for c in cs
                        for i in c.span.chars}
                found = [c for c in found if not set(c.span.chars) & used]
                found.sort(key=lambda c: len(re.sub(r"\D", "", c.span.text)) < 9)
            if not found:
                return
            if ftype == "time" and self.cands.get("date"):
                d = self.cands["date"][0]
                same = [c for c in found if c.page == d.page and abs(c.y - d.y) < 0.02]
                if same:
                    found = same + [c for c in found if c not in same]
            distinct = {c.normalized or c.span.text for c in found}
            first = found[0]
            if len(distinct) > 1 and ftype in ("date",) and doc.template.name != "receipt":
                first.reasons.append("competing_values")
            if ftype == "date" and doc.template.name not in ("receipt",) and name != "date":
                first.reasons.append("no_label")
            self._add(first)
            return
        if name == "payment_method":
            for row in doc.rows:
                if self._in_table(row.page, row.y0) and row.page == 0 and self.table_end and (
                    row.y0 < self.table_end[1] - 0.01
                ):
                    continue
                for w in lb.PAYMENT_WORDS:
                    for m in re.finditer(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])",
                                         row.text, flags=re.IGNORECASE if len(w) > 3 else 0):
                        c = Cand(name, row.span.sub(m.start(), m.end()), row.page, None, 3.0,
                                 "word", y=row.y0)
                        self._add(c)
                        return

    # ------------------------------------------------------------------ choosing
    def _choose(self) -> None:
        amount_names = [n for n, s in self.specs.items() if s.type in AMOUNT_TYPES]
        for n, cs in self.cands.items():
            if n in amount_names or not cs:
                continue
            cs.sort(key=lambda c: -c.score)
            best = cs[0]
            rivals = {_id_key(c.span.text) for c in cs if c.score >= best.score - 0.6}
            if len(rivals) > 1 and self.specs[n].type not in ("text", "address"):
                best.reasons.append("competing_values")
            self.chosen[n] = best
        self._choose_amounts([n for n in amount_names if self.cands.get(n)])

    def _second_amount_tax(self) -> None:
        """A totals row with two amounts (合计 ¥15230.40 ¥913.82): the second is the tax."""
        doc = self.doc
        for c in self.cands.get("subtotal", []):
            row = next((r for r in doc.rows if r.page == c.page and c.span.idx
                        and c.span.idx[0] in r.span.idx), None)
            if row is None:
                continue
            pos = _span_offset(row.span, c.span) + len(c.span.text)
            rest = row.span.sub(pos, len(row.text))
            found = pt.find_amounts(rest.text, comma_decimal=doc.comma_decimal)
            norm = found[0].normalized if len(found) == 1 else None
            if norm:
                f = found[0]
                t = Cand("tax", rest.sub(f.start, f.end), row.page, norm, 4.0,
                         "row_second", y=row.y0, amount=Decimal(norm))
                self._add(t)

    def _adjust_totals(self) -> None:
        """Rows under a tax summary repeat totals; the line after a rounding is the total."""
        doc = self.doc
        summary = {}
        rounding: list[tuple[int, float]] = []
        for r in doc.rows:
            if re.search(r"(?i)(gst|vat|tax|mwst|ust|tva|btw)\s*(summary|übersicht|récapitulatif)",
                         r.text) and r.page not in summary:
                summary[r.page] = r.y0
            if re.match(r"(?i)\s*rounding", r.text):
                rounding.append((r.page, r.y0))
        for name in ("subtotal", "tax", "total"):
            for c in self.cands.get(name, []):
                if c.page in summary and c.y > summary[c.page] + 0.002:
                    c.score -= 2.5
                if name == "total" and any(pg == c.page and 0.005 < c.y - ry0 < 0.06
                                           for pg, ry0 in rounding):
                    c.score += 4.0

    def _choose_amounts(self, names: list[str]) -> None:
        self._adjust_totals()
        if "tax" in self.specs and not self.cands.get("tax") and self.cands.get("subtotal"):
            self._second_amount_tax()
            names = [n for n in self.specs if self.specs[n].type in AMOUNT_TYPES
                     and self.cands.get(n)]
        cands = {n: self._amount_pool(n) for n in names}
        pick: dict[str, Cand] = {}
        for n, cs in cands.items():
            if cs:
                pick[n] = cs[0]
        sub, tax, tot = (cands.get(k, []) for k in ("subtotal", "tax", "total"))
        consistent = False
        if sub and tax and tot:
            best = None
            for a in sub[:6]:
                for b in tax[:6]:
                    for c in tot[:6]:
                        if a.amount is None or b.amount is None or c.amount is None:
                            continue
                        if a.amount + b.amount == c.amount and a.span.idx != c.span.idx:
                            s = a.score + b.score + c.score
                            if best is None or s > best[0]:
                                best = (s, a, b, c)
            if best is not None:
                _, pick["subtotal"], pick["tax"], pick["total"] = best
                consistent = True
        if sub and tax and not tot and "total" in self.specs and "subtotal" in pick and (
            "tax" in pick
        ):
            # no total label: the amount due that is subtotal + tax is the total
            net, vat = pick["subtotal"].amount, pick["tax"].amount
            due = [x for x in cands.get("amount_due", []) if net is not None and vat is not None
                   and x.amount == net + vat]
            if due:
                d = due[0]
                pick["total"] = Cand("total", d.span, d.page, d.normalized, d.score, "sum",
                                     list(d.reasons), d.y, d.amount)
                cands["total"] = [pick["total"]]
                consistent = True
        if "total" in pick and self.doc.template.name == "receipt":
            # the same total printed twice (incl. tax, then TOTAL): the last line is the total
            same = [x for x in cands.get("total", []) if x.amount == pick["total"].amount
                    and x.page == pick["total"].page and x.score > pick["total"].score - 3.5]
            if same:
                pick["total"] = max(same, key=lambda x: x.y)
        if consistent:
            for n in ("subtotal", "tax", "total"):
                if n in pick and "several_amounts" in pick[n].reasons:
                    pick[n].reasons.remove("several_amounts")  # the arithmetic settled it
        for n, c in pick.items():
            if c.how == "row_second" and not consistent:
                c.reasons.append("no_label")
            cs = cands[n]
            rivals = {x.amount for x in cs if x is not c and (
                x.score >= c.score - 0.6 or self.doc.template.name == "receipt")}
            rivals.discard(c.amount)
            if rivals and not (consistent and n in ("subtotal", "tax", "total")):
                c.reasons.append("competing_values")
            self.chosen[n] = c

    def _amount_pool(self, name: str) -> list[Cand]:
        cs = [c for c in self.cands.get(name, []) if c.amount is not None]
        # totals are below the table; a "total" inside the line items is a line's amount
        cs.sort(key=lambda c: (-round(c.score, 1), -c.page, -c.y))
        return cs

    def _lost_point_totals(self) -> None:
        """Totals whose labels a degraded scan lost, proved by the line amounts.

        When the line amounts are known, an amount with two decimals whose value is their sum
        is the subtotal; two more with subtotal + one = other are the tax and the total. An
        amount read without its point (``20480 15``: digits, a space, two digits) counts with
        the point restored and carries ``repaired:decimal_point``; one printed (or put back by
        the OCR) with its point carries ``position_guess``: no label said what it is.
        """
        names = ("subtotal", "tax", "total")
        if not all(n in self.specs for n in names) or all(n in self.chosen for n in names):
            return
        rows = self.items.get("line_items")
        if not rows:
            return
        rows = self.items["line_items"] = chk.repair_decimal_points(rows)
        amounts = chk.line_amounts(rows)
        if not amounts or any(a is None for a in amounts):
            return
        line_sum = sum((a for a in amounts if a is not None), Decimal(0))
        found: list[Cand] = []
        for row in self.doc.rows:
            for m in _UNLABELLED_TOTAL.finditer(pt.nfkc(row.text)):
                value = Decimal(f"{m.group('int')}.{m.group('dec')}")
                sign = m.group("cur") if m.group("cur") in ("¥", "$", "€", "₩", "£") else ""
                span = row.span.sub(m.start("int") - len(sign), m.end())
                c = Cand("", span, row.page, format(value, "f"), 5.0, "lost_point", y=row.y0)
                c.amount = value
                if m.group("gap") == " ":
                    c.fixed = f"{sign}{value}"
                    c.reasons.append("repaired:decimal_point")
                else:
                    c.reasons.append("position_guess")
                found.append(c)
        sub = self.chosen.get("subtotal")
        subs = [sub] if sub is not None else [c for c in found if c.amount == line_sum]
        if not subs or subs[-1].amount != line_sum:
            return
        s = subs[-1]
        for t in found:
            for tot in found:
                if t is s or tot is s or t is tot or s.amount is None or t.amount is None:
                    continue
                if s.amount + t.amount == tot.amount and t.amount > 0:
                    for name, c in (("subtotal", s), ("tax", t), ("total", tot)):
                        old = self.chosen.get(name)
                        # a value read from part of the repaired number ("¥510" of "¥510 08")
                        if old is None or (old is not c and set(old.span.chars) <= set(
                            c.span.chars
                        )):
                            c.name = name
                            self.chosen[name] = c
                    return

    # ------------------------------------------------------------------ checks
    def _checks(self) -> list[tuple[str, bool, str]]:
        return chk.run_checks(self.chosen, self.items)


# ----------------------------------------------------------------------------- helpers
def _clean_text(s: Span) -> Span:
    """Drop OCR crumbs around a name: a leading bar or dot, a trailing seal (印)."""
    t = s.text
    a, b = 0, len(t)
    m = re.match(r"(?:[^\w\s]|[ㄱ-ㅣ]|\s)+(?:[\wㄱ-ㅣ](?:\s|[^\w\s])+)?", t)
    if m and m.end() < b and not re.match(r"[\w(（]", t):
        a = m.end()
    m2 = re.search(r"\s+(?:印|㊞|TM|[^\w\s.)）]+|\(\s?[0-9][0-9A-Z -]{4,}\)|"
                   r"\(\s?(?:CO\.?\s?REG|GST)[^)]*\))$", t[a:])
    if m2:
        b = a + m2.start()
    return s.sub(a, b).stripped(" ")


#: a company registration number on a line of its own (``(123456-X)``, ``CO.REG: 98765-A``):
#: digits with at most a one- or two-letter check suffix, so that a postcode with its town
#: (``40170 SETIA ALAM``) or a branch line (``0123-TAMAN INDAH``) is not taken for one
_REG_NO_LINE = re.compile(
    r"\(?\s?(?:CO\.?\s?REG\.?\s?(?:NO)?\s?[:.]?\s?)?[0-9][0-9 -]{3,}[0-9]"
    r"(?:\s?-?\s?[A-Z]{1,2})?\s?\)?"
)
#: the words of payment terms that put the due date right after them, each with the words that
#: must follow the date in its sentence (or None): German, English, French and Dutch usage
_DUE_PHRASES: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (re.compile(r"(?i)\b(?:wird|werden)\s+(?:am|zum)\s+"),
     re.compile(r"(?i)eingezogen|abgebucht|belastet|eingelöst|Lastschrift")),
    (re.compile(r"(?i)\b(?:zahlbar|zu zahlen|zahlen Sie|überweisen Sie|Zahlung)\b[^.]{0,60}?"
                r"\b(?:bis|spätestens)\s+(?:zum\s+|am\s+|spätestens\s+)?"), None),
    (re.compile(r"(?i)\b(?:ist|sind)\s+(?:am|zum|bis\s+zum)\s+"), re.compile(r"(?i)^\s*fällig")),
    (re.compile(r"(?i)\bwill be (?:debited|collected|charged|drawn)\b[^.]{0,60}?\bon\s+"), None),
    (re.compile(r"(?i)\b(?:payable|please pay|to be paid|payment is due)\b[^.]{0,40}?"
                r"\b(?:by|before|until|on)\s+(?:the\s+)?"), None),
    (re.compile(r"(?i)\bsera\s+(?:prélevée?s?|débitée?s?)\b[^.]{0,60}?\ble\s+"), None),
    (re.compile(r"(?i)\b(?:à payer|payable|à régler)\b[^.]{0,40}?"
                r"\b(?:avant le|au plus tard le|jusqu'au|le)\s+"), None),
    (re.compile(r"(?i)\bwordt\s+(?:op|rond)\s+"),
     re.compile(r"(?i)afgeschreven|geïncasseerd|geïnd")),
    (re.compile(r"(?i)\b(?:te betalen|betalen|betaling)\b[^.]{0,40}?"
                r"\b(?:voor|vóór|uiterlijk|uiterlijk op)\s+"), None),
)
#: an amount with two decimals, or read without its point (``¥20480 15``); a sign may lead
_UNLABELLED_TOTAL = re.compile(
    r"(?<![\d.,])(?P<cur>[^\w\s]?)(?P<int>\d{2,})(?P<gap>[ .])(?P<dec>\d{2})(?![\d.,%])"
)
#: legal forms a misread letter turns into a near miss (``Sdn Bnd``, ``5/B``)
_LEGAL_FORMS = ("bhd", "sdn", "s/b", "gmbh", "ltd", "inc", "llc", "corp", "pte", "plc", "co.")
#: words of a sentence, not of a name (``Thank you for your visit``)
_SENTENCE_WORDS = re.compile(
    r"(?i)(?<![a-z])(?:your|you|is|are|was|thank|thanks|please|welcome|order number|visit)"
    r"(?![a-z])"
)


#: characters OCR takes for one another in print (``5/B`` for ``S/B``, ``Ehd`` for ``Bhd``)
_OCR_TWINS = frozenset({("5", "s"), ("8", "b"), ("e", "b"), ("n", "h"), ("0", "o"), ("1", "l"),
                        ("i", "l"), ("$", "s"), ("6", "g")})


def repair_legal_form(text: str) -> str | None:
    """The name with a misread legal form at its end put right, or None.

    Only a form one character off, where that character is one OCR confuses with the
    form's (``99 MINI MART 5/B`` -> ``S/B``, ``Sdn Ehd`` -> ``Sdn Bhd``); the case of the
    print is kept.
    """
    for m in list(re.finditer(r"[\w/.$]+", text))[-2:]:
        word = m.group()
        low = word.casefold()
        if low in _LEGAL_FORMS:
            continue
        for canon in ("Bhd", "Sdn", "S/B", "GmbH"):
            form = canon.casefold()
            if len(low) != len(form):
                continue
            diff = [i for i, (a, b) in enumerate(zip(low, form, strict=True)) if a != b]
            if len(diff) != 1 or (low[diff[0]], form[diff[0]]) not in _OCR_TWINS:
                continue
            i = diff[0]
            letters = [ch for k, ch in enumerate(word) if k != i and ch.isalpha()]
            if word[i].isalpha():
                fixed = form[i].upper() if word[i].isupper() else form[i]
            elif letters and all(ch.isupper() for ch in letters):
                fixed = form[i].upper()
            else:
                fixed = canon[i]  # a digit read for a letter: the form's usual case
            return text[: m.start() + i] + fixed + text[m.start() + i + 1 :]
    return None


def _sentence_like(text: str) -> bool:
    """A line of three or more words that reads as a sentence (a greeting, an instruction)."""
    v = pt.nfkc(text).strip()
    if len(v.split()) < 3 or lb.COMPANY_RE.search(v):
        return False
    return bool(_SENTENCE_WORDS.search(v) or re.search(r"[!?]$", v))


def suspect_name(text: str, lang: str, page_text: str = "") -> str | None:
    """Why a name read by the OCR looks misread, or None.

    A Latin word whose case flips at its end (``BakerY``, ``CORp``), the one accented letter of
    an English page inside a word (``Bäkery``), a near miss of a legal form (``Sdn Bnd``,
    ``MARKET 5/B``) or the words of a sentence are OCR slips or not a name at all; right values
    rarely look like this, so they only cost a review.
    """
    v = pt.nfkc(text)
    for w in re.findall(r"[^\W\d_]+", v):
        if re.fullmatch(r"[A-Z]?[a-z]+[A-Z]|[A-Z]{2,}[a-z]", w) and w.casefold() not in (
            "gmbh", "ids", "pcs", "mbh"
        ):
            return "suspect_reading"
        if lang == "en" and re.search("[äöüëïÿ]", w) and sum(ch.isascii() for ch in w) >= 3 and (
            len(re.findall(r"[^\x00-\x7f]", re.sub(r"[^\w]", "", page_text))) <= 1
        ):
            return "suspect_reading"  # the one accented letter of an English page
    for w in re.findall(r"[\w/.]+", v.casefold())[-2:]:  # a legal form ends the name
        if w in _LEGAL_FORMS or len(w) < 3:
            continue
        for form in _LEGAL_FORMS:
            if len(w) == len(form) and sum(a != b for a, b in zip(w, form, strict=True)) == 1 and (
                not w.isalpha() or form in ("bhd", "sdn", "gmbh")
            ):
                return "suspect_reading"
    if _SENTENCE_WORDS.search(v):
        return "not_a_name"
    return None


def _noisy(text: str, lang: str) -> bool:
    """OCR noise in a text value: jamo, bars, quotes, Hangul in a non-Korean document."""
    if re.search(r"[\u3130-\u318f|\"“”{}\[\]_]", text):
        return True
    return lang != "ko" and bool(re.search(r"[\uac00-\ud7af\u1100-\u11ff]", text))


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


def _span_offset(outer: Span, inner: Span) -> int:
    """Where ``inner`` (a sub-span) starts inside ``outer``."""
    first = next((i for i in inner.idx if i >= 0), None)
    if first is None:
        return 0
    try:
        return outer.idx.index(first)
    except ValueError:
        return 0


def _id_key(text: str) -> str:
    t = pt.nfkc(text).replace(" ", "").casefold()
    return re.sub(r"^(no\.?|nr\.?|#|№)", "", t)


def _x_overlap(c: Cell, x0: float, x1: float) -> bool:
    return min(c.x1, x1) - max(c.x0, x0) > 0


def _hit_in_cell(row: Row, h: Hit, cell: Cell) -> bool:
    k = row.cells.index(cell)
    a = row.starts[k]
    b = a + len(cell.text)
    return h.start < b and a < h.end


def _strip_suffix(s: Span) -> Span:
    m = lb.CUSTOMER_SUFFIX_RE.search(s.text)
    if m:
        s = s.sub(0, m.start())
    return s.stripped(" ")


#: the sender's one-line return address over a window (``Acme GmbH • Weg 1 • 12345 Stadt``)
_RETURN_LINE = re.compile(r"[●•·|]|\s[-–]\s.*\s[-–]\s")
#: what parts the pieces of a one-line letterhead: ``Acme SARL - 1 rue X - 75001 Paris``
_LETTERHEAD_SEP = re.compile(r"\s+[-–—|•●·]\s+|\s*[|•●·]\s*")


def _letterhead_name(span: Span) -> Span | None:
    """The issuer's name that opens a one-line letterhead (``Acme SARL - 1 rue X - 75001
    Paris - France``): the first piece, when a later piece is an address and it is not."""
    t = span.text
    cuts = [m for m in _LETTERHEAD_SEP.finditer(t) if m.start() > 0]
    if not cuts:
        return None
    first = t[: cuts[0].start()].strip()
    rest = t[cuts[0].end() :]
    if _addressy(first) or sum(ch.isalpha() for ch in first) < 3 or not (
        _addressy(rest) or lb.POSTAL_TOWN_RE.search(rest)
    ):
        return None
    return _text_value(span.sub(0, cuts[0].start()))


def _legal_name_on_two_lines(name: Span, cell: Cell, nxt: Cell) -> Span:
    """A legal name that runs over two lines (``Beispiel Versicherungs-`` / ``verein a.G.``):
    the line right under the first, ending in the legal form, finishes it."""
    t = pt.nfkc(nxt.text).strip()
    forms = list(lb.COMPANY_RE.finditer(t))
    if lb.COMPANY_RE.search(name.text) or not forms or forms[-1].end() < len(t.rstrip(" .,")):
        return name
    if _addressy(t) or nxt.y0 - cell.y1 > 0.6 * max(cell.h, 0.004) or abs(nxt.x0 - cell.x0) > 0.02:
        return name
    rest = _text_value(nxt.span)
    if rest is None:
        return name
    return Span(name.text + " " + rest.text, [*name.idx, -1, *rest.idx])


def _is_title(t: str) -> bool:
    u = re.sub(r"[\s\-–—*:：.()]", "", pt.nfkc(t)).upper()
    return any(u == re.sub(r"\s", "", w).upper() for w in lb.TITLE_WORDS)


def _addressy(t: str) -> bool:
    v = pt.nfkc(t)
    if re.search(r"\d", v) and (lb.ADDRESS_RE.search(v) or len(re.findall(r"\d", v)) >= 3):
        return True
    if re.search(r"(?:^|\s)\d{1,5}[a-zA-Z]?(?:\s|,|$)", v) and re.search(r"[^\W\d]{3}", v):
        return True  # "Keizersgracht 45", "12 Rue de Rivoli"
    return bool(re.search(r"〒|(?<![^\W\d_])(tel|fax|phone|e-?mail)(?![a-z])|@|登録番号|www\.", v,
                          flags=re.IGNORECASE))


def _place_name(t: str) -> bool:
    """A line of one or two words of letters only (``Ontario``, ``Portugal``): the state or
    country that closes an address block."""
    words = re.sub(r"[,.]", " ", pt.nfkc(t)).split()  # "Selangor, Malaysia": two words
    return 1 <= len(words) <= 2 and all(re.fullmatch(r"[^\W\d_]{3,}", w) for w in words)


def _gapless(r: Row) -> bool:
    if len(r.cells) < 2:
        return True
    a, b = r.cells[0], r.cells[1]
    return b.x0 - a.x1 < 2 * max(a.h, b.h)


def _low_conf(doc: _Doc, page: int, s: Span) -> bool:
    chars = doc.pages[page].chars
    vals = [chars[i].confidence for i in s.chars]
    return bool(vals) and min(vals) < 0.5


def _plausible_id(word: str) -> bool:
    w = pt.nfkc(word)
    digits = sum(ch.isdigit() for ch in w)
    if digits == 0:
        return False
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", w):
        return False
    return len(w) >= 3 or digits == len(w)


def _near(p: Point) -> Point:  # pragma: no cover - kept for hint building
    return p
