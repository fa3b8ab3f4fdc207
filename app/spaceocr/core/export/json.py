"""Results in the hosted API's JSON shape, and back.

``data`` holds exactly the API's field objects::

    {"value", "bbox": {"xmin", "ymin", "xmax", "ymax"}, "vertices": [{"x", "y"} x 4],
     "match_ratio", "bbox_source", "page"}

on the 0–1000 page grid with 1-based pages; an array field is a list of objects of such
objects. A few extras ride along on a field only when they say something (``review``,
``review_reasons``, ``normalized``); everything else about the run goes under ``meta``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from spaceocr.core.errors import SpaceOcrError
from spaceocr.core.types import (
    CONFIDENT_RATIO,
    DocumentResult,
    FieldResult,
    FieldStatus,
    Grounding,
    LineItem,
    Quad,
)

__all__ = [
    "GRID",
    "error_envelope",
    "field_from_api",
    "field_to_api",
    "new_request_id",
    "result_from_api",
    "to_api_dict",
]

GRID = 1000.0


def new_request_id() -> str:
    """A request id for an error envelope (also written to the log)."""
    return "req_" + secrets.token_hex(8)


def _g(v: float) -> float:
    return round(min(max(v, 0.0), 1.0) * GRID, 1)


def field_to_api(f: FieldResult) -> dict[str, Any]:
    """One scalar field as the API's object."""
    g = f.grounding
    obj: dict[str, Any] = {"value": f.value}
    if g is not None:
        x0, y0, x1, y1 = g.bbox
        obj["bbox"] = {"xmin": _g(x0), "ymin": _g(y0), "xmax": _g(x1), "ymax": _g(y1)}
        obj["vertices"] = [{"x": _g(p.x), "y": _g(p.y)} for p in g.quad.points]
        obj["match_ratio"] = round(g.match_ratio, 4)
        obj["bbox_source"] = g.bbox_source
        obj["page"] = g.page_index + 1
    else:
        obj.update(bbox=None, vertices=[], match_ratio=0.0, bbox_source="none", page=None)
    if f.review_reasons or f.status is FieldStatus.NOT_GROUNDED:
        obj["review"] = True
        obj["review_reasons"] = list(f.review_reasons)
    if f.normalized is not None and f.normalized != f.value:
        obj["normalized"] = f.normalized
    return obj


def _item_to_api(item: LineItem) -> dict[str, Any]:
    return {cell.name: field_to_api(cell) for cell in item.fields}


def to_api_dict(result: DocumentResult, *, include_meta: bool = True) -> dict[str, Any]:
    """The API's success object for a result, with ``meta`` beside ``data``."""
    data: dict[str, Any] = {}
    for f in result.fields:
        if f.is_array:
            data[f.name] = [_item_to_api(it) for it in f.items]
        elif f.value is not None:
            data[f.name] = field_to_api(f)
    out: dict[str, Any] = {"status": "success", "data": data}
    if include_meta:
        out["meta"] = {
            "file": result.file_name,
            "sha256": result.sha256,
            "pages": result.page_count,
            "page_sizes": [list(s) for s in result.page_sizes],
            "template": result.template,
            "mode": result.mode,
            "engine": result.engine,
            "extractor": result.extractor,
            "needs_review": result.needs_review_count,
            "timings": dict(result.timings),
            "warnings": [
                {"code": w.code, "message": w.message}
                | ({"page": w.page_index + 1} if w.page_index is not None else {})
                for w in result.warnings
            ],
            "checks": [
                {"check": name, "passed": ok, "detail": detail}
                for name, ok, detail in result.checks
            ],
            "schema_version": result.schema_version,
            **{k: v for k, v in result.meta.items() if k not in ("timings",)},
        }
    return out


def error_envelope(
    err: BaseException, request_id: str | None = None, *, file: str | None = None
) -> dict[str, Any]:
    """The API's error object for any exception (the code of ours, or ``internal_error``)."""
    if isinstance(err, SpaceOcrError):
        code, message = err.code, err.message
        request_id = getattr(err, "request_id", None) or request_id
    else:
        code, message = "internal_error", f"unexpected error: {type(err).__name__}: {err}"
    body: dict[str, Any] = {
        "error": {"code": code, "message": message, "requestId": request_id or new_request_id()}
    }
    if file is not None:
        body["file"] = file
    return body


def _quad_from_api(obj: Mapping[str, Any]) -> Quad | None:
    verts = obj.get("vertices") or []
    if len(verts) == 4:
        return Quad.from_points((float(v["x"]) / GRID, float(v["y"]) / GRID) for v in verts)
    b = obj.get("bbox")
    if isinstance(b, Mapping):
        return Quad.from_bbox(
            float(b["xmin"]) / GRID, float(b["ymin"]) / GRID,
            float(b["xmax"]) / GRID, float(b["ymax"]) / GRID,
        )
    return None


def field_from_api(name: str, obj: Mapping[str, Any], *, source: str = "api") -> FieldResult:
    """One API field object back into a :class:`FieldResult`."""
    quad = _quad_from_api(obj)
    ratio = float(obj.get("match_ratio") or 0.0)
    reasons = tuple(obj.get("review_reasons") or (("review",) if obj.get("review") else ()))
    g = None
    if quad is not None:
        g = Grounding(
            page_index=max(int(obj.get("page") or 1) - 1, 0),
            quad=quad,
            match_ratio=ratio,
            bbox_source=str(obj.get("bbox_source") or source),
        )
    if g is None:
        status = FieldStatus.NOT_GROUNDED
    elif reasons or ratio < CONFIDENT_RATIO:
        status = FieldStatus.LOW_CONFIDENCE
    else:
        status = FieldStatus.OK
    value = obj.get("value")
    return FieldResult(
        name=name,
        value=None if value is None else str(value),
        status=status,
        source=source,
        normalized=obj.get("normalized"),
        grounding=g,
        review_reasons=reasons,
    )


def result_from_api(
    obj: Mapping[str, Any], *, template: str, source: str = "api", **result_fields: Any
) -> DocumentResult:
    """An API success object (``{"status", "data"}``) as a :class:`DocumentResult`."""
    fields: list[FieldResult] = []
    for name, val in (obj.get("data") or {}).items():
        if isinstance(val, list):
            items = tuple(
                LineItem(
                    k,
                    tuple(
                        field_from_api(c, cv, source=source)
                        for c, cv in row.items()
                        if isinstance(cv, Mapping)
                    ),
                )
                for k, row in enumerate(val)
                if isinstance(row, Mapping)
            )
            fields.append(FieldResult(name, None, FieldStatus.OK, source, items=items,
                                      is_array=True))
        elif isinstance(val, Mapping):
            fields.append(field_from_api(name, val, source=source))
    return DocumentResult(template=template, fields=tuple(fields), **result_fields)
