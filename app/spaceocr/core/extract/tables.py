"""Line items: find a document's table of goods on the OCR pages and read its rows.

The table is found from its header row (column labels such as 品名 / 数量 / 単価 / 金額,
품명 / 수량 / 단가 / 금액, Description / Qty / Unit price / Amount, Menge, Montant, Bedrag ...)
or, on receipts without a header, from lines that end in a price. Its rows run until the
totals (小計 / 合計 / Subtotal / Total / 합계 / 合计 ...); a description printed on two lines
stays one row and a table continuing on the next page continues (a repeated header is
skipped).

Every cell comes back as an :class:`~spaceocr.core.types.ExtractedField` whose ``value`` is the
text as printed, ``normalized`` a plain decimal for numeric cells, and whose ``hint`` names the
``OcrPage.chars`` the cell was read from, so the matcher boxes that occurrence.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from spaceocr.core.templates.schema import FieldSpec
from spaceocr.core.types import ExtractedField, OcrPage

__all__ = ["LineItemTable", "TableRegion", "find_line_items", "find_tables"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TableRegion:
    """The part of one page a table covers (page-relative box, header included)."""

    page_index: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class LineItemTable:
    """A table of line items as found on the pages.

    ``rows`` are the cells of each row (child fields named after the spec's children).
    ``regions`` is the area of each page the table covers, header and rows; the totals area
    starts below ``end_y`` on page ``end_page`` (so a totals reader can skip what lies inside
    a region). ``has_header`` is False for receipts read from aligned prices alone.
    """

    rows: tuple[tuple[ExtractedField, ...], ...]
    regions: tuple[TableRegion, ...]
    end_page: int
    end_y: float
    has_header: bool
    language: str | None = None

    def contains(self, page_index: int, x: float, y: float) -> bool:
        """True when the point lies inside the table (header or rows) on that page."""
        return any(
            r.page_index == page_index and r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1
            for r in self.regions
        )


def find_tables(
    pages: Sequence[OcrPage], spec: FieldSpec, *, language: str | None = None
) -> LineItemTable | None:
    """Find the line-item table of a document and read its rows.

    Args:
        pages: the OCR pages in order (a table may run over several).
        spec: the array field (``line_items``); its children name the cells (``description``,
            ``quantity``, ``unit_price``, ``amount``). Children labels, when given, add to the
            built-in header words.
        language: a hint; detected from the text when None.

    Returns:
        The table, or None when the pages hold no line items.
    """
    return None


def find_line_items(
    pages: Sequence[OcrPage], spec: FieldSpec, *, language: str | None = None
) -> tuple[tuple[ExtractedField, ...], ...]:
    """The line items of a document: one tuple of child fields per row (empty when none).

    Each cell's ``value`` is the text as printed, ``normalized`` a plain decimal for numeric
    cells, and ``hint`` a ``MatchHint(page_index, char_indices, source="ocr_chars")``.
    """
    table = find_tables(pages, spec, language=language)
    return () if table is None else table.rows
