"""Excel workbooks (openpyxl): the CSV layout, plus what a clerk needs to check it.

Sheet ``results``: the table of :mod:`spaceocr.core.export.table` with a frozen, bold header
and a filter; amounts and numbers are numbers (a negative amount stays a negative number),
dates Excel dates (``yyyy-mm-dd``; a date that cannot be read stays its printed text), other
values text. Cells a clerk should still look at are filled yellow (not grounded on the
page: orange) and carry a comment with the reasons and the match ratio; corrected cells are
filled blue. Text that looks like a formula is written as text with Excel's quote prefix, so
it is never run. Sheet ``match_ratio``: the same layout holding each value's match ratio (0..1).
"""

from __future__ import annotations

import datetime
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from spaceocr.core.export.table import (
    Column,
    as_rows,
    atomic_file,
    columns_for,
    is_formula_like,
    table_lines,
)
from spaceocr.core.store.rows import CellView, SheetRow
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import DocumentResult

__all__ = [
    "CORRECTED_FILL",
    "DATE_FORMAT",
    "NOT_GROUNDED_FILL",
    "REVIEW_FILL",
    "export_xlsx",
    "write_xlsx",
]

logger = logging.getLogger(__name__)

REVIEW_FILL = "FFFFEB9C"  #: a value to check (low match ratio or a failed check)
NOT_GROUNDED_FILL = "FFF8CBAD"  #: the value is not on the page
CORRECTED_FILL = "FFDDEBF7"  #: a clerk's correction
_MAX_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"  #: how date cells show (ISO: no day/month confusion)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _number_format(num: Decimal) -> str:
    exp = num.as_tuple().exponent
    decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def write_xlsx(
    rows: Iterable[SheetRow | DocumentResult],
    template: Template,
    target: str | Path | IO[bytes],
    *,
    select: Sequence[str] | None = None,
    sheet_title: str = "results",
) -> int:
    """Write the workbook to a path or a binary file.

    Returns:
        The number of documents written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = columns_for(template, select)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    ratios = wb.create_sheet("match_ratio")
    bold = Font(bold=True)
    fills = {
        "review": PatternFill("solid", fgColor=REVIEW_FILL),
        "missing": PatternFill("solid", fgColor=NOT_GROUNDED_FILL),
        "corrected": PatternFill("solid", fgColor=CORRECTED_FILL),
    }
    widths = [_display_width(c.header) for c in columns]
    for sheet in (ws, ratios):
        for j, col in enumerate(columns, 1):
            cell = sheet.cell(row=1, column=j, value=col.header)
            cell.font = bold
        sheet.freeze_panes = "A2"
    docs = 0
    r = 1
    for line in table_lines(as_rows(rows, template), columns):
        r += 1
        if line.kind == "document":
            docs += 1
        for j, (col, value) in enumerate(zip(columns, line.values, strict=True), 1):
            if value is None:
                continue
            if not isinstance(value, CellView):
                widths[j - 1] = max(widths[j - 1], _display_width(str(value)))
                _put_text(ws.cell(row=r, column=j), value)
                continue
            if value.value is None:
                continue
            cell = ws.cell(row=r, column=j)
            _put_value(cell, col, value)
            widths[j - 1] = max(widths[j - 1], _display_width(value.value))
            if value.needs_review:
                cell.fill = fills["missing" if value.grounding is None else "review"]
                reasons = ", ".join(value.review_reasons) or "low match ratio"
                cell.comment = Comment(
                    f"check: {reasons}; match_ratio {value.match_ratio:.2f}", "spaceocr"
                )
            elif value.is_corrected:
                cell.fill = fills["corrected"]
                if value.original_value is not None and value.original_value != value.value:
                    cell.comment = Comment(f"read as: {value.original_value}", "spaceocr")
            rcell = ratios.cell(row=r, column=j, value=round(value.match_ratio, 4))
            rcell.number_format = "0.00"
    for sheet in (ws, ratios):
        for j, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(j)].width = min(width + 2, _MAX_WIDTH)
        if columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(r, 1)}"
    wb.save(target)
    return docs


def _put_text(cell: Any, value: object) -> None:
    text = str(value)
    cell.value = text
    if is_formula_like(text) or cell.data_type == "f":
        # openpyxl would store it as a formula: keep it text, marked the way Excel marks a
        # value typed with a leading apostrophe
        cell.data_type = "s"
        cell.quotePrefix = True


def _put_value(cell: Any, col: Column, value: CellView) -> None:
    num = value.number
    if num is not None and num.is_finite():
        cell.value = num
        cell.number_format = _number_format(num)
        return
    iso = value.iso_date
    if iso is not None:
        cell.value = datetime.date.fromisoformat(iso)
        cell.number_format = DATE_FORMAT
        return
    assert value.value is not None
    _put_text(cell, value.value)


def export_xlsx(
    rows_or_results: Iterable[SheetRow | DocumentResult],
    template: Template,
    path: str | Path,
    *,
    select: Sequence[str] | None = None,
) -> int:
    """Write an .xlsx file atomically (a failed export leaves no half file).

    Returns:
        The number of documents written.
    """
    with atomic_file(path, "wb") as fh:
        n = write_xlsx(rows_or_results, template, fh, select=select)
    logger.info("wrote %d documents to %s", n, path)
    return n
