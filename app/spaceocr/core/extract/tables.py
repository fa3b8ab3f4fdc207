"""Line items: find a document's table of goods on the OCR pages and read its rows.

The table is found from its header row (column labels such as 品名 / 数量 / 単価 / 金額,
품명 / 수량 / 단가 / 금액, Description / Qty / Unit price / Amount, Menge, Montant, Bedrag ...)
or, on receipts without a header, from the lines above the totals that end in a price. Its
rows run until the totals (小計 / 合計 / Subtotal / Total / 합계 / 合计 ...); a description
printed on two lines stays one row and a table continuing on the next page continues (a
repeated header is skipped).

Every cell comes back as an :class:`~spaceocr.core.types.ExtractedField` whose ``value`` is the
text as printed, ``normalized`` a plain decimal for numeric cells, and whose ``hint`` names the
``OcrPage.chars`` the cell was read from, so the matcher boxes that occurrence.

Geometry is rebuilt from the characters (:mod:`spaceocr.core.extract.tables_layout`): lines
are the deskewed bands of characters, not the engine's own lines, so a photo taken at an
angle still reads row by row.

This module is the entry point and tries the readers in turn; the parts, each importing
only the ones listed before it:

- ``tables_vocab``, ``tables_layout``: words and numbers; lines and segments of a page;
- ``tables_cells``: column roles, the rows being read, what a cell's text is;
- ``tables_notes``: notes under an item, names cut from ``Name: note``;
- ``tables_fields``: a finished row as fields, with review reasons;
- ``tables_header``: header rows and their columns;
- ``tables_columns``: text placed in columns, unnamed columns named from their numbers;
- ``tables_body``: the rows under a header, over pages;
- ``tables_headerless``: receipt lines, aligned numbers, rows proved by their sum.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spaceocr.core.extract.tables_body import read_header_table
from spaceocr.core.extract.tables_cells import ROLES, Row
from spaceocr.core.extract.tables_fields import row_fields
from spaceocr.core.extract.tables_header import build_label_table
from spaceocr.core.extract.tables_headerless import read_aligned, read_receipt, read_summed
from spaceocr.core.extract.tables_layout import VisualLine, page_lines
from spaceocr.core.extract.tables_vocab import detect_language
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
    starts below ``end_y`` (page-relative) on page ``end_page`` (so a totals reader can skip
    what lies inside a region). ``has_header`` is False for receipts read from aligned prices
    alone.
    """

    rows: tuple[tuple[ExtractedField, ...], ...]
    regions: tuple[TableRegion, ...]
    end_page: int
    end_y: float
    has_header: bool
    language: str | None = None

    def contains(self, page_index: int, x: float, y: float) -> bool:
        """True when the point (page-relative) lies inside the table on that page."""
        return any(
            r.page_index == page_index and r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1
            for r in self.regions
        )


def _decimal_comma(pages: Sequence[OcrPage]) -> bool | None:
    """Whether the document writes decimals with a comma (``358,12``), when it shows."""
    comma = dot = 0
    for page in pages:
        text = page.text
        comma += len(re.findall(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{2}(?![\d,.])", text))
        dot += len(re.findall(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d,.])", text))
    if comma == dot:
        return None
    return comma > dot


def _child_names(spec: FieldSpec) -> dict[str, str]:
    names = {c.name: c.name for c in spec.children if c.name in ROLES}
    return names or {r: r for r in ROLES}


def _child_labels(spec: FieldSpec) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for c in spec.children:
        if c.name in ROLES and c.labels:
            out[c.name] = c.all_labels()
    return out


def _regions(pages: Sequence[OcrPage], used: dict[int, list[VisualLine]]) -> list[TableRegion]:
    out = []
    for p, lines in sorted(used.items()):
        page = next((pg for pg in pages if pg.index == p), None)
        if page is None:
            continue
        boxes = [
            page.chars[i].quad.bbox
            for line in lines
            for s in line.segments
            for i in s.char_indices
            if 0 <= i < len(page.chars)
        ]
        if boxes:
            out.append(
                TableRegion(
                    p, min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes),
                )
            )
    return out


def _extent(rows: Sequence[Row]) -> tuple[dict[int, list[VisualLine]], int, float]:
    """The lines rows were read from (by page), and the page and bottom of the last row."""
    used: dict[int, list[VisualLine]] = {}
    for r in rows:
        used.setdefault(r.page_index, []).extend(r.lines)
    return used, rows[-1].page_index, max(ln.y1 for ln in rows[-1].lines)


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
    if not pages:
        return None
    if language is None:
        language = detect_language("\n".join(p.text for p in pages[:2]))
    decimal_comma = _decimal_comma(pages)
    labels = build_label_table(_child_labels(spec))
    names = _child_names(spec)
    # positions inside the pages list; page.index is what hints carry
    all_lines = [page_lines(p) for p in pages]
    state = read_header_table(all_lines, labels, decimal_comma)
    rows: list[Row] = []
    used: dict[int, list[VisualLine]] = {}
    has_header = False
    end_page, end_y = 0, 0.0
    if state is not None and state.rows:
        rows, used, has_header = state.rows, state.used_lines, True
        end_page = state.end_page
        end_y = state.end_y
    else:
        for lines in all_lines:
            rows = read_receipt(lines, decimal_comma)
            if rows:
                used, end_page, end_y = _extent(rows)
                break
        else:
            for lines in all_lines:
                aligned = read_aligned(lines, decimal_comma)
                if aligned is not None:
                    rows, used = aligned.rows, aligned.used_lines
                    end_page, end_y = aligned.end_page, aligned.end_y
                    break
            else:
                for lines in all_lines:
                    rows = read_summed(lines, decimal_comma)
                    if rows:
                        used, end_page, end_y = _extent(rows)
                        break
    by_index = {p.index: p for p in pages}
    out_rows = [row_fields(r, names, decimal_comma, by_index, language) for r in rows]
    out_rows = [r for r in out_rows if r]
    if not out_rows:
        return None
    regions = _regions(pages, used)
    page_h = next((pg.height_px for pg in pages if pg.index == end_page), 1) or 1
    end_region = next((r for r in regions if r.page_index == end_page), None)
    end_norm = end_region.y1 if end_region is not None else end_y / page_h
    logger.debug("line items: %d rows (header=%s)", len(out_rows), has_header)
    return LineItemTable(
        rows=tuple(out_rows),
        regions=tuple(regions),
        end_page=end_page,
        end_y=end_norm,
        has_header=has_header,
        language=language,
    )


def find_line_items(
    pages: Sequence[OcrPage], spec: FieldSpec, *, language: str | None = None
) -> tuple[tuple[ExtractedField, ...], ...]:
    """The line items of a document: one tuple of child fields per row (empty when none).

    Each cell's ``value`` is the text as printed, ``normalized`` a plain decimal for numeric
    cells, and ``hint`` a ``MatchHint(page_index, char_indices, source="ocr_chars")``.
    """
    table = find_tables(pages, spec, language=language)
    return () if table is None else table.rows
