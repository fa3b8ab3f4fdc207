"""CSV for Excel: UTF-8 with a BOM, CRLF rows, line items unfolded into sub-rows.

One row per document with its fields in template order, then one sub-row per line item beneath
it (only the item's columns filled), the layout of :mod:`spaceocr.core.export.table`. Text that
Excel would run as a formula gets a leading ``'``. The BOM makes Excel read Japanese, Korean and
Chinese text as UTF-8.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from spaceocr.core.export.table import (
    as_rows,
    atomic_file,
    columns_for,
    neutralize,
    table_lines,
)
from spaceocr.core.store.rows import CellView, SheetRow
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import DocumentResult

__all__ = ["BOM", "export_csv", "rows_to_csv_text", "write_results_csv", "write_rows_csv"]

logger = logging.getLogger(__name__)

BOM = "\ufeff"


def _text(value: CellView | str | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, CellView):
        return neutralize(value.value) if value.value is not None else ""
    return neutralize(str(value))


def write_rows_csv(
    rows: Iterable[SheetRow | DocumentResult],
    template: Template,
    fh: IO[str],
    *,
    select: Sequence[str] | None = None,
) -> int:
    """Write the table to a text file opened with ``newline=""`` (no BOM: the caller's).

    Returns:
        The number of documents written.
    """
    columns = columns_for(template, select)
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    docs = 0
    for line in table_lines(as_rows(rows, template), columns):
        if line.kind == "document":
            docs += 1
        writer.writerow([_text(v) for v in line.values])
    return docs


def write_results_csv(results: Sequence[DocumentResult], template: Template, fh: IO[str]) -> None:
    """Write fresh results as CSV to ``fh`` (opened with ``newline=""``; the BOM is the caller's).

    One row per document, line items as sub-rows beneath it, columns in template order.
    """
    write_rows_csv(results, template, fh)


def export_csv(
    rows_or_results: Iterable[SheetRow | DocumentResult],
    template: Template,
    path: str | Path,
    *,
    select: Sequence[str] | None = None,
) -> int:
    """Write a CSV file (UTF-8 with BOM, CRLF) atomically: a failed export leaves no half file.

    Returns:
        The number of documents written.
    """
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
        n = write_rows_csv(rows_or_results, template, fh, select=select)
    logger.info("wrote %d documents to %s", n, path)
    return n


def rows_to_csv_text(
    rows: Iterable[SheetRow | DocumentResult],
    template: Template,
    *,
    select: Sequence[str] | None = None,
) -> str:
    """The CSV as a string with its BOM (for stdout or a clipboard)."""
    buf = io.StringIO(newline="")
    buf.write(BOM)
    write_rows_csv(rows, template, buf, select=select)
    return buf.getvalue()
