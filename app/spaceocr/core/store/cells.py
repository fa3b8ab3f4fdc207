"""Cells as rows of the ``cells`` table: a result's fields flattened, and rows read back.

A cell is one scalar field, or one column of one line item (``array_field``/``item_index``);
its box is kept as columns (page, bbox, the quad's vertices, match ratio ...) beside its value,
the value the extractor gave (``original_value``) and the clerk's flags.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spaceocr.core.store.normalize import parse_date, sortable_number
from spaceocr.core.store.rows import CellView
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import (
    CONFIDENT_RATIO,
    DocumentResult,
    FieldResult,
    Grounding,
    Point,
    Quad,
)

__all__ = [
    "CELL_COLUMNS",
    "GROUNDING_COLUMNS",
    "GROUNDING_KEYS",
    "INSERT_CELL",
    "cell_dict",
    "cell_params",
    "cell_view",
    "cells_for_result",
    "comparable",
    "dumps",
    "grounding_params",
    "json_tuple",
    "needs_review",
]


def dumps(obj: Any) -> str:
    """Compact JSON as the store keeps it (UTF-8 kept, unknown types as ``str``)."""
    return json.dumps(obj, ensure_ascii=False, default=str, separators=(",", ":"))


def comparable(
    ftype: str, value: str | None, normalized: str | None
) -> tuple[float | None, str | None]:
    """The ``num_value``/``date_value`` a value sorts and compares by, for its type."""
    if value is None:
        return None, None
    if ftype in ("amount", "number"):
        return sortable_number(value, normalized), None
    if ftype == "date":
        return None, (parse_date(normalized) if normalized else None) or parse_date(value)
    return None, None


def needs_review(f: FieldResult) -> bool:
    """True when a found value needs a look (a review reason, or a weak match)."""
    return f.value is not None and (bool(f.review_reasons) or f.match_ratio < CONFIDENT_RATIO)


def cell_dict(f: FieldResult, array: str, index: int, position: int, ftype: str) -> dict[str, Any]:
    """One extracted cell as the column values :func:`cell_params` writes."""
    num, iso = comparable(ftype, f.value, f.normalized)
    return {
        "array": array,
        "index": index,
        "field": f.name,
        "position": position,
        "type": ftype,
        "value": f.value,
        "original": f.value,
        "normalized": f.normalized,
        "status": str(f.status),
        "source": f.source,
        "confidence": f.confidence,
        "grounding": f.grounding,
        "reasons": f.review_reasons,
        "confirmed": 0,
        "corrected": 0,
        "corrected_at": None,
        "num": num,
        "date": iso,
        "review": needs_review(f),
    }


def cells_for_result(result: DocumentResult, template: Template) -> list[dict[str, Any]]:
    """Every cell of a result (items numbered 0..n-1), typed by the template."""
    specs = {s.name: s for s in template.fields}
    cells: list[dict[str, Any]] = []
    for pos, f in enumerate(result.fields):
        spec = specs.get(f.name)
        if f.is_array:
            kids = {c.name: c.type for c in spec.children} if spec else {}
            # items are numbered 0..n-1 in their order (the index ``line_items[k]`` uses)
            for k, item in enumerate(f.items):
                seen: set[str] = set()
                for c in item.fields:
                    if c.name in seen:
                        continue
                    seen.add(c.name)
                    cells.append(cell_dict(c, f.name, k, pos, kids.get(c.name, "text")))
        else:
            cells.append(cell_dict(f, "", -1, pos, spec.type if spec else "text"))
    return cells


GROUNDING_KEYS = (
    "page",
    "x0",
    "y0",
    "x1",
    "y1",
    "vertices",
    "match_ratio",
    "bbox_source",
    "char_indices",
    "is_ambiguous",
)
GROUNDING_COLUMNS = ", ".join(f"c.{k}" for k in GROUNDING_KEYS)

INSERT_CELL = (
    "INSERT INTO cells (result_id, array_field, item_index, field, position, field_type, value, "
    "original_value, normalized, status, source, confidence, page, x0, y0, x1, y1, vertices, "
    "match_ratio, bbox_source, char_indices, is_ambiguous, review_reasons, confirmed, "
    "corrected, corrected_at, num_value, date_value) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def grounding_params(g: Grounding | None) -> tuple[Any, ...]:
    """A box as the cells table's grounding columns (``GROUNDING_KEYS``)."""
    if g is None:
        return (None, None, None, None, None, None, 0.0, "none", None, 0)
    x0, y0, x1, y1 = g.bbox
    verts = [v for p in g.quad.points for v in (p.x, p.y)]  # exact: repr round-trips
    return (
        g.page_index,
        x0,
        y0,
        x1,
        y1,
        dumps(verts),
        float(g.match_ratio),
        g.bbox_source,
        dumps(list(g.char_indices)),
        int(g.is_ambiguous),
    )


def cell_params(result_id: int, c: dict[str, Any]) -> tuple[Any, ...]:
    """The ``INSERT_CELL`` parameters of a cell made by :func:`cell_dict`."""
    return (
        result_id,
        c["array"],
        c["index"],
        c["field"],
        c["position"],
        c["type"],
        c["value"],
        c["original"],
        c["normalized"],
        c["status"],
        c["source"],
        float(c["confidence"]),
        *grounding_params(c["grounding"]),
        dumps(list(c["reasons"])),
        int(c["confirmed"]),
        int(c["corrected"]),
        c["corrected_at"],
        c["num"],
        c["date"],
    )


CELL_COLUMNS = (
    "c.array_field, c.item_index, c.field, c.field_type, c.value, c.original_value, "
    "c.normalized, c.status, c.source, c.confidence, c.review_reasons, c.confirmed, "
    f"c.corrected, {GROUNDING_COLUMNS}"
)


def json_tuple(text: str | None) -> tuple[Any, ...]:
    """A stored JSON list as a tuple (empty for NULL or ``[]``)."""
    return () if not text or text == "[]" else tuple(json.loads(text))


def cell_view(row: Sequence[Any]) -> CellView:
    """A row of ``CELL_COLUMNS`` as a :class:`CellView` (box rebuilt, exact)."""
    (
        _array,
        _index,
        name,
        ftype,
        value,
        original,
        normalized,
        status,
        source,
        confidence,
        reasons,
        confirmed,
        corrected,
        page,
        _x0,
        _y0,
        _x1,
        _y1,
        vertices,
        ratio,
        bbox_source,
        char_indices,
        ambiguous,
    ) = row
    grounding = None
    if page is not None and vertices:
        v = json.loads(vertices)
        grounding = Grounding(
            page_index=page,
            quad=Quad(Point(v[0], v[1]), Point(v[2], v[3]), Point(v[4], v[5]), Point(v[6], v[7])),
            match_ratio=ratio,
            bbox_source=bbox_source,
            char_indices=json_tuple(char_indices),
            is_ambiguous=bool(ambiguous),
        )
    return CellView(
        name=name,
        value=value,
        field_type=ftype,
        status=status,
        source=source,
        normalized=normalized,
        confidence=confidence,
        grounding=grounding,
        review_reasons=json_tuple(reasons),
        original_value=original,
        is_confirmed=bool(confirmed),
        is_corrected=bool(corrected),
    )
