"""The hosted space-ocr API's data, on our side of the wire.

What goes out (:func:`template_payload`, :func:`encode_page`) and what comes back
(:class:`ApiReply`, :class:`Job`, :class:`ViewPage`), and how the answers for the pages of
one document become one document's ``data`` (:func:`merge_page_data`). The shapes and the
assumptions made where the reference is silent are written in :mod:`spaceocr.core.client`.

Geometry from the API is passed through as it came; a box that is malformed is dropped (the
value stays ungrounded), never repaired or invented.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from spaceocr.core.errors import ApiResponseError
from spaceocr.core.export.json import GRID
from spaceocr.core.templates.schema import FieldSpec, Template

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "API_TEMPLATE_IDS",
    "MAX_PNG_BYTES",
    "ApiReply",
    "Job",
    "ViewPage",
    "encode_page",
    "merge_page_data",
    "template_payload",
]

#: the built-in templates the reference names; ours outside this list are sent as ``fields``
API_TEMPLATE_IDS = ("receipt", "invoice", "delivery", "business_card", "driver_license")
#: a page image larger than this as PNG is sent as JPEG instead
MAX_PNG_BYTES = 4 * 1024 * 1024

_DONE = frozenset({"completed", "failed"})
_DONE_ALIASES = {"done": "completed", "succeeded": "completed", "success": "completed",
                 "error": "failed"}


# --------------------------------------------------------------------------- replies
@dataclass(frozen=True, slots=True)
class ApiReply:
    """A successful answer: the parsed body, its status and the server's request id."""

    status_code: int
    body: Mapping[str, Any]
    request_id: str | None
    attempts: int = 1

    @property
    def data(self) -> Any:
        return self.body.get("data")


@dataclass(frozen=True, slots=True)
class Job:
    """One queued file of ``POST /upload``, as ``GET /jobs/{jobId}`` last reported it."""

    job_id: str
    status: str
    file_name: str = ""
    result: Mapping[str, Any] | None = None
    error: Mapping[str, Any] | None = None
    request_id: str | None = None

    @property
    def is_done(self) -> bool:
        return self.status in _DONE

    @property
    def is_ok(self) -> bool:
        return self.status == "completed"

    @classmethod
    def from_api(cls, obj: Mapping[str, Any], request_id: str | None = None) -> Job:
        """A job from the API's job object.

        Raises:
            ApiResponseError: no ``jobId``.
        """
        job_id = obj.get("jobId")
        if not isinstance(job_id, str) or not job_id:
            raise ApiResponseError(
                "the space-ocr API returned a job without a jobId", request_id=request_id
            )
        status = str(obj.get("status") or "pending").lower()
        status = _DONE_ALIASES.get(status, status)
        result = obj.get("result")
        error = obj.get("error")
        return cls(
            job_id=job_id,
            status=status,
            file_name=str(obj.get("fileName") or ""),
            result=result if isinstance(result, Mapping) else None,
            error=error if isinstance(error, Mapping) else None,
            request_id=request_id,
        )


@dataclass(frozen=True, slots=True)
class ViewPage:
    """Rows of a stored sheet as ``GET /view`` returned them."""

    rows: tuple[Mapping[str, Any], ...]
    total: int | None = None
    request_id: str | None = None
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


# --------------------------------------------------------------------------- payloads
def _field_payload(spec: FieldSpec) -> dict[str, Any]:
    obj: dict[str, Any] = {"name": spec.name, "type": spec.type}
    if spec.description:
        obj["description"] = spec.description
    if spec.children:
        obj["children"] = [_field_payload(c) for c in spec.children]
    return obj


def template_payload(template: Template) -> dict[str, Any]:
    """``{"templateId": ...}`` for a built-in the API knows, else ``{"fields": [...]}``."""
    if template.is_builtin and template.name in API_TEMPLATE_IDS:
        return {"templateId": template.name}
    return {"fields": [_field_payload(f) for f in template.fields]}


def encode_page(
    image: Image.Image, *, source_kind: str = "png", max_png_bytes: int = MAX_PNG_BYTES
) -> tuple[bytes, str]:
    """A rendered page as image bytes for the API, and their MIME type.

    A page from a photo (``source_kind`` jpeg or webp) goes as JPEG quality 92: PNG would
    be several times larger for no gain. Anything else (PDF pages, PNG, TIFF, ...) goes as
    PNG, or as JPEG when the PNG is over ``max_png_bytes``. Pages are always re-encoded from
    the rendered (EXIF-rotated) image, so the API's boxes are relative to the same page the
    result's ``page_sizes`` describe.
    """
    buf = io.BytesIO()
    if source_kind not in ("jpeg", "webp"):
        image.save(buf, format="PNG")
        if buf.tell() <= max_png_bytes:
            return buf.getvalue(), "image/png"
        buf = io.BytesIO()
    image.convert("RGB").save(buf, format="JPEG", quality=92)
    return buf.getvalue(), "image/jpeg"


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    f = float(v)
    return f if -0.05 * GRID <= f <= 1.05 * GRID else None


def _clean_field(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an API field with any malformed geometry removed (left ungrounded, never
    repaired or invented)."""
    out = dict(obj)
    bbox = out.get("bbox")
    if bbox is not None and not (
        isinstance(bbox, Mapping)
        and all(_number(bbox.get(k)) is not None for k in ("xmin", "ymin", "xmax", "ymax"))
    ):
        out["bbox"] = None
    verts = out.get("vertices")
    if verts and not (
        isinstance(verts, list)
        and len(verts) == 4
        and all(isinstance(v, Mapping) and _number(v.get("x")) is not None
                and _number(v.get("y")) is not None for v in verts)
    ):
        out["vertices"] = []
    ratio = out.get("match_ratio")
    if ratio is not None and (_number(ratio) is None or not 0.0 <= float(ratio) <= 1.0):
        out["match_ratio"] = 0.0
    if not out.get("bbox") and not out.get("vertices"):
        out["bbox"], out["vertices"] = None, []
        if out.get("bbox_source") not in (None, "none"):
            out["bbox_source"] = "none"
    return out


def _has_value(obj: Any) -> bool:
    return isinstance(obj, Mapping) and obj.get("value") not in (None, "")


def _rank(obj: Mapping[str, Any]) -> tuple[int, float]:
    grounded = bool(obj.get("bbox") or obj.get("vertices"))
    return (int(grounded), float(obj.get("match_ratio") or 0.0))


def merge_page_data(
    pages: Sequence[tuple[int, Mapping[str, Any]]], template: Template | None = None
) -> dict[str, Any]:
    """Merge the ``data`` of each page's answer into one document's ``data``.

    Every field gets ``page`` (1-based) set to the page it was read from. A scalar field
    found on several pages keeps the best-grounded value (grounded first, then the higher
    ``match_ratio``, then the earlier page); the rows of an array field are concatenated in
    page order. Fields come in template order, unknown ones after.
    """
    merged: dict[str, Any] = {}
    for index, data in pages:
        for name, val in data.items():
            if isinstance(val, list):
                rows = merged.setdefault(name, [])
                if not isinstance(rows, list):
                    continue
                for row in val:
                    if not isinstance(row, Mapping):
                        continue
                    cells = {
                        c: {**_clean_field(cv), "page": index + 1}
                        for c, cv in row.items()
                        if _has_value(cv)
                    }
                    if cells:
                        rows.append(cells)
            elif _has_value(val):
                cand = {**_clean_field(val), "page": index + 1}
                best = merged.get(name)
                if not isinstance(best, Mapping) or _rank(cand) > _rank(best):
                    merged[name] = cand
    order = [f.name for f in template.fields] if template else []
    order += [n for n in merged if n not in order]
    return {n: merged[n] for n in order if n in merged and merged[n] != []}
