"""A clerk's edits of cells: corrections, confirmations, and the exact undo of a correction.

Each function runs inside the caller's write transaction; after an edit the caller calls
:func:`refresh_review_count`, which also moves the sheet's ``updated_at``. A correction keeps
the extractor's value (``original_value``) and first box (``original_grounding``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from spaceocr.core.store.cells import (
    GROUNDING_COLUMNS,
    GROUNDING_KEYS,
    INSERT_CELL,
    cell_params,
    dumps,
    grounding_params,
)
from spaceocr.core.store.rows import CellRef, SheetRow, parse_cell_ref
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import CONFIDENT_RATIO, FieldStatus, Grounding, MatchHint, Point

__all__ = [
    "CellKey",
    "confirm_clauses",
    "correction_status",
    "hint_from_row",
    "read_cell",
    "refresh_review_count",
    "set_confirmed",
    "write_cell",
    "write_correction",
]

#: a cell's key: (result id, array field or "", item index or -1, field)
CellKey = tuple[int, str, int, str]


def correction_status(
    text: str, grounding: Grounding | None
) -> tuple[FieldStatus, tuple[str, ...]]:
    """The status and review reasons of a clerk's value (blank: not found)."""
    reasons: tuple[str, ...] = () if grounding is not None or not text else ("not_on_page",)
    if not text:
        status = FieldStatus.NOT_FOUND
    elif grounding is None:
        status = FieldStatus.NOT_GROUNDED
    elif grounding.match_ratio < CONFIDENT_RATIO:
        status = FieldStatus.LOW_CONFIDENCE
    else:
        status = FieldStatus.OK
    return status, reasons



def hint_from_row(row: SheetRow, ref: CellRef) -> MatchHint | None:
    """Where the cell's value is now, so a correction printed more than once stays in
    the place it replaces (the same characters, else the nearest repeat)."""
    if ref.array:
        items = row.items.get(ref.array, ())
        cells = items[ref.item_index] if 0 <= ref.item_index < len(items) else {}
    else:
        cells = row.cells
    cell = cells.get(ref.field)
    g = cell.grounding if cell is not None else None
    if g is None:
        return None
    x0, y0, x1, y1 = g.bbox
    return MatchHint(
        page_index=g.page_index,
        char_indices=g.char_indices,
        near=Point((x0 + x1) / 2, (y0 + y1) / 2),
    )


def write_correction(
    conn: sqlite3.Connection,
    doc_id: int,
    ref: CellRef,
    *,
    text: str,
    ftype: str,
    position: int,
    grounding: Grounding | None,
    status: FieldStatus,
    reasons: tuple[str, ...],
    num: float | None,
    iso: str | None,
    confirm: bool,
    now: str,
) -> None:
    """Write a clerk's value into a cell, adding the cell (or the next line item) if needed.

    Raises:
        ValueError: a new line item that is not the next index.
    """
    existing = conn.execute(
        f"SELECT c.id, c.corrected, {GROUNDING_COLUMNS} FROM cells c "
        "WHERE c.result_id = ? AND c.array_field = ? AND c.item_index = ? AND c.field = ?",
        (doc_id, ref.array, ref.item_index, ref.field),
    ).fetchone()
    g = grounding_params(grounding)
    if existing is None:
        if ref.array:
            n_items = conn.execute(
                "SELECT count(DISTINCT item_index) FROM cells WHERE result_id = ? "
                "AND array_field = ?",
                (doc_id, ref.array),
            ).fetchone()[0]
            has_item = conn.execute(
                "SELECT 1 FROM cells WHERE result_id = ? AND array_field = ? "
                "AND item_index = ?",
                (doc_id, ref.array, ref.item_index),
            ).fetchone()
            if has_item is None and ref.item_index != n_items:
                raise ValueError(
                    f"{ref.array} has {n_items} item(s) (0..{n_items - 1}); a new one "
                    f"can only be added as {ref.array}[{n_items}]"
                )
        conn.execute(
            INSERT_CELL,
            cell_params(
                doc_id,
                {
                    "array": ref.array,
                    "index": ref.item_index,
                    "field": ref.field,
                    "position": position,
                    "type": ftype,
                    "value": text or None,
                    "original": None,
                    "normalized": None,
                    "status": str(status),
                    "source": "clerk",
                    "confidence": 1.0,
                    "grounding": grounding,
                    "reasons": reasons,
                    "confirmed": int(confirm),
                    "corrected": 1,
                    "corrected_at": now,
                    "num": num,
                    "date": iso,
                    "review": False,
                },
            ),
        )
    else:
        cell_id, was_corrected = existing[0], existing[1]
        original_g = (
            None
            if was_corrected
            else dumps(dict(zip(GROUNDING_KEYS, existing[2:], strict=True)))
        )
        conn.execute(
            "UPDATE cells SET value = ?, normalized = NULL, status = ?, page = ?, "
            "x0 = ?, y0 = ?, x1 = ?, y1 = ?, vertices = ?, match_ratio = ?, "
            "bbox_source = ?, char_indices = ?, is_ambiguous = ?, review_reasons = ?, "
            "confirmed = ?, corrected = 1, corrected_at = ?, num_value = ?, "
            "date_value = ?, original_grounding = COALESCE(original_grounding, ?) "
            "WHERE id = ?",
            (
                text or None,
                str(status),
                *g,
                dumps(list(reasons)),
                int(confirm),
                now,
                num,
                iso,
                original_g,
                cell_id,
            ),
        )


def read_cell(conn: sqlite3.Connection, key: CellKey) -> dict[str, Any] | None:
    """Every stored column of one cell, by name; None when the cell is not stored."""
    cur = conn.execute(
        "SELECT * FROM cells WHERE result_id = ? AND array_field = ? "
        "AND item_index = ? AND field = ?",
        key,
    )
    row = cur.fetchone()
    names = [d[0] for d in cur.description]
    return None if row is None else dict(zip(names, row, strict=True))


def write_cell(
    conn: sqlite3.Connection, key: CellKey, snapshot: Mapping[str, Any] | None
) -> None:
    """Put a cell back as :func:`read_cell` read it (None: remove the cell).

    Raises:
        ValueError: the snapshot names columns a cell does not have.
    """
    conn.execute(
        "DELETE FROM cells WHERE result_id = ? AND array_field = ? AND item_index = ? "
        "AND field = ?",
        key,
    )
    if snapshot is not None:
        names = list(snapshot)
        known = {r[1] for r in conn.execute("PRAGMA table_info(cells)")}
        if not set(names) <= known:
            raise ValueError("the snapshot names columns a cell does not have")
        conn.execute(
            f"INSERT INTO cells ({', '.join(names)}) "
            f"VALUES ({', '.join('?' * len(names))})",
            [snapshot[n] for n in names],
        )


def confirm_clauses(
    template: Template, sheet: str, fields: Sequence[str] | None
) -> tuple[list[str], list[Any]]:
    """The SQL conditions choosing the cells ``fields`` names (none: every cell).

    Raises:
        ValueError: a name the sheet has no field of.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for name in fields or ():
        ref = parse_cell_ref(name)
        spec = template.field(ref.array or ref.field)
        if spec is None:
            raise ValueError(f"sheet {sheet!r} has no field {name!r}")
        if ref.array:
            clauses.append("(array_field = ? AND item_index = ? AND field = ?)")
            params += [ref.array, ref.item_index, ref.field]
        elif spec.is_array:
            clauses.append("(array_field = ?)")
            params.append(spec.name)
        else:
            clauses.append("(array_field = '' AND field = ?)")
            params.append(spec.name)
    return clauses, params


def set_confirmed(
    conn: sqlite3.Connection,
    doc_id: int,
    confirmed: bool,
    clauses: Sequence[str],
    params: Sequence[Any],
) -> int:
    """Mark the chosen cells of a document confirmed (or not); returns how many changed."""
    sql = "UPDATE cells SET confirmed = ? WHERE result_id = ? AND confirmed != ?"
    if clauses:
        sql += " AND (" + " OR ".join(clauses) + ")"
    n = conn.execute(sql, [int(confirmed), doc_id, int(confirmed), *params]).rowcount
    return int(n)


def refresh_review_count(conn: sqlite3.Connection, result_id: int, now: str) -> None:
    """Recount the cells of a result that need review; the result and its sheet changed now."""
    n = 0
    for reasons, ratio in conn.execute(
        "SELECT review_reasons, match_ratio FROM cells "
        "WHERE result_id = ? AND value IS NOT NULL AND confirmed = 0",
        (result_id,),
    ):
        if json.loads(reasons or "[]") or (ratio or 0.0) < CONFIDENT_RATIO:
            n += 1
    conn.execute(
        "UPDATE results SET review_count = ?, updated_at = ? WHERE id = ?", (n, now, result_id)
    )
    # a clerk's edit changes the sheet too (``sheet list`` shows when it last changed)
    conn.execute(
        "UPDATE sheets SET updated_at = ? WHERE id = (SELECT sheet_id FROM results WHERE id = ?)",
        (now, result_id),
    )
