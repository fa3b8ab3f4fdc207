"""A document's result as rows (``documents``, ``results``, ``cells``, ``ocr_pages``), and back.

:func:`write_result` keeps a result in a sheet inside the caller's write transaction (a result
already there for the same file is replaced, keeping its id); :func:`read_result` and
:func:`build_result` rebuild the :class:`DocumentResult`, with the clerk's corrections.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from spaceocr.core.store.cells import CELL_COLUMNS, INSERT_CELL, cell_params, cell_view, dumps
from spaceocr.core.store.pages import PAGES_ENCODING
from spaceocr.core.types import (
    DocumentResult,
    FieldResult,
    FieldStatus,
    LineItem,
    OcrPage,
    ResultWarning,
)

__all__ = ["build_result", "drop_orphan_documents", "read_result", "write_result"]


def write_result(
    conn: sqlite3.Connection,
    sheet_id: int,
    result: DocumentResult,
    cells: list[dict[str, Any]],
    pages: bytes,
    *,
    source_path: str,
    now: str,
) -> int:
    """Write a result, its cells and its encoded OCR pages into a sheet (in a transaction).

    Args:
        cells: from :func:`spaceocr.core.store.cells.cells_for_result`.
        pages: from :func:`spaceocr.core.store.pages.encode_pages`.

    Returns:
        The result's id (the document's ``_id`` in the sheet).
    """
    review = sum(1 for c in cells if c["review"])
    conn.execute(
        "INSERT INTO documents (sha256, file_name, page_count, page_sizes, added_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
        "file_name = excluded.file_name, page_count = excluded.page_count, "
        "page_sizes = excluded.page_sizes",
        (
            result.sha256,
            result.file_name,
            result.page_count,
            json.dumps([list(s) for s in result.page_sizes]),
            now,
        ),
    )
    doc_id = conn.execute(
        "SELECT id FROM documents WHERE sha256 = ?", (result.sha256,)
    ).fetchone()[0]
    values = (
        result.template,
        result.mode,
        result.engine,
        result.extractor,
        result.schema_version,
        source_path,
        dumps(
            [
                {"code": w.code, "message": w.message, "page": w.page_index}
                for w in result.warnings
            ]
        ),
        dumps([list(c) for c in result.checks]),
        dumps(dict(result.timings)),
        dumps({k: v for k, v in result.meta.items() if k not in ("sheet", "doc_id")}),
        now,
        review,
    )
    old = conn.execute(
        "SELECT id FROM results WHERE sheet_id = ? AND document_id = ?", (sheet_id, doc_id)
    ).fetchone()
    if old is not None:
        result_id = int(old[0])
        conn.execute("DELETE FROM cells WHERE result_id = ?", (result_id,))
        conn.execute(
            "UPDATE results SET template = ?, mode = ?, engine = ?, extractor = ?, "
            "result_schema = ?, source_path = ?, warnings = ?, checks = ?, timings = ?, "
            "meta = ?, updated_at = ?, review_count = ? WHERE id = ?",
            (*values, result_id),
        )
    else:
        cur = conn.execute(
            "INSERT INTO results (template, mode, engine, extractor, result_schema, "
            "source_path, warnings, checks, timings, meta, updated_at, review_count, "
            "sheet_id, document_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, sheet_id, doc_id, now),
        )
        result_id = int(cur.lastrowid or 0)
    conn.executemany(INSERT_CELL, [cell_params(result_id, c) for c in cells])
    conn.execute(
        "INSERT INTO ocr_pages (result_id, encoding, data) VALUES (?, ?, ?) "
        "ON CONFLICT (result_id) DO UPDATE SET encoding = excluded.encoding, "
        "data = excluded.data",
        (result_id, PAGES_ENCODING, pages),
    )
    conn.execute("UPDATE sheets SET updated_at = ? WHERE id = ?", (now, sheet_id))
    return result_id


def read_result(
    conn: sqlite3.Connection, doc_id: int
) -> tuple[Sequence[Any], list[Sequence[Any]]]:
    """The stored head (results + documents columns) and cell rows of one result."""
    head = conn.execute(
        "SELECT r.template, r.mode, r.engine, r.extractor, r.result_schema, r.warnings, "
        "r.checks, r.timings, r.meta, d.file_name, d.sha256, d.page_count, d.page_sizes "
        "FROM results r JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
        (doc_id,),
    ).fetchone()
    cell_rows = conn.execute(
        f"SELECT {CELL_COLUMNS} FROM cells c WHERE c.result_id = ? "
        "ORDER BY c.position, c.item_index, c.id",
        (doc_id,),
    ).fetchall()
    return head, cell_rows


def build_result(
    r: Sequence[Any],
    cell_rows: Sequence[Sequence[Any]],
    pages: tuple[OcrPage, ...],
    sheet: str,
    doc_id: int,
) -> DocumentResult:
    """A :class:`DocumentResult` from :func:`read_result`'s rows; ``meta`` gains ``sheet``
    and ``doc_id``."""
    (
        template,
        mode,
        engine,
        extractor,
        schema,
        warnings,
        checks,
        timings,
        meta,
        file_name,
        sha256,
        page_count,
        page_sizes,
    ) = r
    fields: list[FieldResult] = []
    arrays: dict[str, dict[int, list[FieldResult]]] = {}
    for row in cell_rows:
        cell = cell_view(row)
        fr = FieldResult(
            name=cell.name,
            value=cell.value,
            status=FieldStatus(cell.status),
            source=cell.source,
            normalized=cell.normalized,
            confidence=cell.confidence,
            grounding=cell.grounding,
            review_reasons=cell.review_reasons,
        )
        array, index = row[0], row[1]
        if not array:
            fields.append(fr)
            continue
        if array not in arrays:
            arrays[array] = {}
            fields.append(FieldResult(array, None, FieldStatus.OK, cell.source, is_array=True))
        arrays[array].setdefault(index, []).append(fr)
    fields = [
        FieldResult(
            f.name,
            None,
            FieldStatus.OK,
            f.source,
            is_array=True,
            items=tuple(LineItem(k, tuple(v)) for k, v in sorted(arrays[f.name].items())),
        )
        if f.is_array
        else f
        for f in fields
    ]
    meta_obj = json.loads(meta)
    meta_obj.update(sheet=sheet, doc_id=doc_id)
    return DocumentResult(
        template=template,
        fields=tuple(fields),
        file_name=file_name,
        sha256=sha256,
        page_count=page_count,
        page_sizes=tuple(tuple(s) for s in json.loads(page_sizes)),
        engine=engine,
        extractor=extractor,
        mode=mode,
        warnings=tuple(
            ResultWarning(w["code"], w["message"], w.get("page")) for w in json.loads(warnings)
        ),
        checks=tuple((str(a), bool(b), str(c)) for a, b, c in json.loads(checks)),
        timings=MappingProxyType(json.loads(timings)),
        meta=MappingProxyType(meta_obj),
        ocr_pages=pages,
        schema_version=schema,
    )


def drop_orphan_documents(conn: sqlite3.Connection) -> None:
    """Forget the files no sheet holds a result of any more."""
    conn.execute("DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM results)")
