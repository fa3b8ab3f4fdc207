"""Export a stored sheet (or a query over it) to CSV, Excel or the API's JSON.

``export_sheet(store, "2026-05", "may.xlsx", where="total > 10000")`` picks the format from
the file's extension; the GUI and ``spaceocr sheet export`` both call it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from spaceocr.core.export.json import to_api_dict
from spaceocr.core.export.table import atomic_file
from spaceocr.core.store import Store

__all__ = ["EXPORT_FORMATS", "export_sheet", "sheet_to_api_json"]

logger = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "xlsx", "json")


def sheet_to_api_json(
    store: Store, sheet: str, *, where: str | None = None, sort: str | None = None
) -> dict[str, Any]:
    """A sheet in the API's shape: ``{"sheet", "template", "results": [API result, ...]}``.

    Each result is what ``POST /ocr/fields`` answers (``status``, ``data``, ``meta``), with the
    clerk's corrections applied and ``meta.doc_id`` naming the document in the sheet.
    """
    info = store.sheet(sheet)
    rows = store.query(sheet, where=where, sort=sort, select=["_id"])
    results = []
    for row in rows:
        assert row.doc_id is not None
        result = store.load_result(sheet, row.doc_id, with_pages=False)
        results.append(to_api_dict(result))
    return {"sheet": info.name, "template": info.template, "results": results}


def export_sheet(
    store: Store,
    sheet: str,
    path: str | Path,
    *,
    fmt: str | None = None,
    where: str | None = None,
    sort: str | None = None,
    select: str | list[str] | None = None,
) -> int:
    """Write a sheet's documents (those matching ``where``, in ``sort`` order) to a file.

    Args:
        fmt: ``csv``, ``xlsx`` or ``json``; None takes it from the extension.
        select: the columns of a CSV or Excel export (JSON always has every field).

    Returns:
        The number of documents written.

    Raises:
        ValueError: an unknown format. SheetNotFound, WhereError.
    """
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"{target}: cannot tell the format; use .csv, .xlsx or .json")
    if fmt == "json":
        obj = sheet_to_api_json(store, sheet, where=where, sort=sort)
        with atomic_file(target, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return len(obj["results"])
    template = store.sheet_template(sheet)
    columns = store.select_columns(sheet, select)
    rows = store.query(sheet, where=where, sort=sort, select=columns)
    if fmt == "csv":
        from spaceocr.core.export.csv import export_csv

        return export_csv(rows, template, target, select=columns)
    from spaceocr.core.export.xlsx import export_xlsx

    return export_xlsx(rows, template, target, select=columns)
