"""What is known while one document's fields are read: candidates, choices, line items.

A :class:`FieldReader` is the state the field readers share (:mod:`.rules_labelled` for
labelled values, :mod:`.rules_parties`, :mod:`.rules_merchant`, :mod:`.rules_cards` and
:mod:`.rules_unlabelled` for the rest, :mod:`.rules_amounts` for the totals): the candidate
values (:class:`Cand`) of each field, the one chosen, the line items read by :mod:`.tables`
and where their table lies (an amount inside it is a line's, not a total). A candidate
enters through :meth:`FieldReader.add`, which cleans a name and notes OCR noise in it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from spaceocr.core.extract.layout import Row, Span
from spaceocr.core.extract.rules_document import PARTY_FIELDS, Document
from spaceocr.core.extract.rules_names import clean_name, is_noisy
from spaceocr.core.types import ExtractedField

__all__ = ["Cand", "FieldReader"]

logger = logging.getLogger(__name__)


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


class FieldReader:
    """The candidates, choices and line items of one document being read."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.specs = {s.name: s for s in doc.template.scalar_fields}
        self.cands: dict[str, list[Cand]] = {}
        self.chosen: dict[str, Cand] = {}
        self.table_end: tuple[int, float] | None = None
        self.table: Any = None
        self.items: dict[str, tuple[tuple[ExtractedField, ...], ...]] = {}

    # ------------------------------------------------------------------ line items
    def read_line_items(self) -> None:
        """Read the template's line items and note where their table ends."""
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

    def in_table(self, page: int, y: float) -> bool:
        """True for a point above the end of the line-item table (on its last page)."""
        if self.table_end is None:
            return False
        end_page, end_y = self.table_end
        return page < end_page or (page == end_page and y < end_y - 0.002)

    def in_header(self, row: Row) -> bool:
        """True for a row at the top of the table: its header (column labels)."""
        regions = getattr(self.table, "regions", None) or ()
        h = max(row.h, 0.005)
        return any(r.page_index == row.page and r.y0 - 0.01 <= row.y0 <= r.y0 + 2.5 * h
                   for r in regions)

    def in_region(self, page: int, y: float) -> bool:
        """True for a point inside the table's area (its header included)."""
        regions = getattr(self.table, "regions", None) or ()
        return any(r.page_index == page and r.y0 - 0.005 <= y <= r.y1 for r in regions)

    # ------------------------------------------------------------------ candidates
    def add(self, c: Cand) -> None:
        """Add a candidate: a name cleaned of OCR crumbs, a guess by position noted."""
        if c.name in PARTY_FIELDS and c.how in ("issuer_block", "top_line") and (
            self.doc.lang in ("de", "fr", "nl")
        ):
            c.reasons.append("position_guess")
        if c.name in PARTY_FIELDS or c.name in ("title", "name", "address", "merchant_address"):
            c.span = clean_name(c.span)
            if is_noisy(c.span.text, self.doc.lang):
                c.reasons.append("ocr_noise")
        self.cands.setdefault(c.name, []).append(c)
