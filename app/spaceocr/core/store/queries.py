"""Sheet queries: the names a sheet's ``where``/``sort``/``select`` may use, the SQL of a
query, and its documents' cells read into :class:`SheetRow` rows.

The expressions themselves are compiled by :mod:`spaceocr.core.store.where`; cells are read
in chunks of 500 documents, only the selected columns kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from spaceocr.core.errors import WhereError
from spaceocr.core.store.cells import CELL_COLUMNS, cell_view
from spaceocr.core.store.rows import CellView, SheetRow, field_kind
from spaceocr.core.store.where import PSEUDO_FIELDS, FieldRef, compile_sort, compile_where
from spaceocr.core.templates.schema import Template

__all__ = [
    "HEAD_COLUMNS",
    "RowCells",
    "cells_for",
    "query_fields",
    "select_columns",
    "select_names",
    "select_sql",
    "sheet_rows",
]

#: the document columns of a query's rows, in :class:`SheetRow` order
HEAD_COLUMNS = (
    "r.id, d.file_name, d.sha256, r.created_at, r.source_path, d.page_count, r.review_count"
)

#: per document: its scalar cells, and its arrays' items (index -> cells)
RowCells = dict[int, tuple[dict[str, CellView], dict[str, dict[int, dict[str, CellView]]]]]


def query_fields(template: Template) -> dict[str, FieldRef]:
    """The names ``where``/``sort``/``select`` may use for a sheet (beside ``_id`` ...)."""
    out: dict[str, FieldRef] = {}
    children: dict[str, list[FieldRef]] = {}
    for spec in template.fields:
        if spec.is_array:
            for kid in spec.children:
                ref = FieldRef(f"{spec.name}.{kid.name}", field_kind(kid.type), spec.name)
                out[ref.name] = ref
                children.setdefault(kid.name, []).append(ref)
        else:
            out[spec.name] = FieldRef(spec.name, field_kind(spec.type))
    for name, refs in children.items():
        if name not in out and len(refs) == 1:
            out[name] = refs[0]
    return out


def select_sql(
    sheet_id: int, fields: dict[str, FieldRef], where: str | None, sort: str | None
) -> tuple[str, list[Any]]:
    """``FROM ... WHERE ... ORDER BY ...`` of a query over a sheet, and its parameters.

    Raises:
        WhereError: the expression or the sort is not valid for the sheet.
    """
    sql = "FROM results r JOIN documents d ON d.id = r.document_id WHERE r.sheet_id = ?"
    params: list[Any] = [sheet_id]
    if where and where.strip():
        wsql, wparams = compile_where(where, fields)
        sql += " AND " + wsql
        params += wparams
    order, oparams = compile_sort(sort or "", fields)
    return sql + " ORDER BY " + order, params + oparams


def select_names(select: str | Sequence[str]) -> list[str]:
    """The names of a ``select`` (``a,b`` or a list), blanks dropped."""
    names = [s.strip() for s in (select.split(",") if isinstance(select, str) else select)]
    return [n for n in names if n]


def select_columns(
    template: Template, fields: dict[str, FieldRef], names: Sequence[str]
) -> list[str]:
    """Check ``select`` names against the sheet: a bare child name becomes ``array.child``.

    Raises:
        WhereError: an unknown field.
    """
    arrays = {f.name for f in template.array_fields}
    out = []
    for name in names:
        if name in PSEUDO_FIELDS or name in arrays:
            out.append(name)
        elif name in fields:
            out.append(fields[name].name)  # a bare child name becomes array.child
        else:
            known = ", ".join([*[f.name for f in template.fields], *fields])
            raise WhereError(f"--select: no field {name!r} in this sheet ({known})", field=name)
    return list(dict.fromkeys(out))


def cells_for(conn: sqlite3.Connection, ids: list[int], columns: list[str] | None) -> RowCells:
    """The cells of these documents (of ``columns`` only, unless None), by document id."""
    out: RowCells = {}
    want_scalar = {c for c in columns or () if "." not in c}
    want_array = want_scalar | {c.partition(".")[0] for c in columns or () if "." in c}
    want_child = {c for c in columns or () if "." in c}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT c.result_id, {CELL_COLUMNS} FROM cells c "
            f"WHERE c.result_id IN ({marks}) ORDER BY c.result_id, c.position, "
            "c.item_index, c.id",
            chunk,
        ):
            rid, array, index = row[0], row[1], row[2]
            name = row[3]
            if columns is not None:
                if not array and name not in want_scalar:
                    continue
                if array and (
                    array not in want_array
                    or (array not in want_scalar and f"{array}.{name}" not in want_child)
                ):
                    continue
            scalar, items = out.setdefault(rid, ({}, {}))
            cell = cell_view(row[1:])
            if array:
                items.setdefault(array, {}).setdefault(index, {})[name] = cell
            else:
                scalar[name] = cell
    return out


def sheet_rows(heads: Sequence[Sequence[Any]], cells: RowCells) -> list[SheetRow]:
    """Rows of ``HEAD_COLUMNS`` and their cells as read-only :class:`SheetRow` values."""
    rows = []
    for head in heads:
        scalar, items = cells.get(head[0], ({}, {}))
        rows.append(
            SheetRow(
                doc_id=head[0],
                file_name=head[1],
                sha256=head[2],
                added_at=head[3],
                source_path=head[4],
                page_count=head[5],
                review_count=head[6],
                cells=MappingProxyType(scalar),
                items=MappingProxyType(
                    {
                        k: tuple(MappingProxyType(i) for i in v.values())
                        for k, v in items.items()
                    }
                ),
            )
        )
    return rows
