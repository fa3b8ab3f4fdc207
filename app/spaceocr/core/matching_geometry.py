"""Page geometry for the matcher: a page's pixel scale and the box around some characters.

Boxes are computed in pixels (a page is rarely square) and returned page-relative, like every
:class:`~spaceocr.core.types.Quad` (0..1, origin top-left, y down, clockwise from top-left).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from spaceocr.core.types import OcrPage, Point, Quad

__all__ = ["oriented_quad", "page_scale", "quad_for_chars"]

logger = logging.getLogger(__name__)


def page_scale(page: OcrPage) -> tuple[float, float]:
    """(width px, height px) of a page; 1000 x 1000 when the OCR gave no size."""
    return float(page.width_px or 1000), float(page.height_px or 1000)


def oriented_quad(page: OcrPage, indices: Sequence[int]) -> Quad:
    """The rectangle around some of a page's characters, turned to the characters' angle.

    Computed in pixels (a page is rarely square), clockwise from the text's top-left.
    """
    w, h = page_scale(page)
    quads = [page.chars[i].quad for i in indices]
    vx = sum((q.tr.x - q.tl.x + q.br.x - q.bl.x) * w for q in quads)
    vy = sum((q.tr.y - q.tl.y + q.br.y - q.bl.y) * h for q in quads)
    norm = math.hypot(vx, vy)
    ux, uy = (vx / norm, vy / norm) if norm > 1e-9 else (1.0, 0.0)
    if abs(uy) < 1e-9:
        ux, uy = (1.0 if ux > 0 else -1.0), 0.0
    nx, ny = -uy, ux
    pts = [(p.x * w, p.y * h) for q in quads for p in q.points]
    a = [x * ux + y * uy for x, y in pts]
    b = [x * nx + y * ny for x, y in pts]
    a0, a1, b0, b1 = min(a), max(a), min(b), max(b)

    def back(s: float, t: float) -> Point:
        return Point((s * ux + t * nx) / w, (s * uy + t * ny) / h)

    return Quad(back(a0, b0), back(a1, b0), back(a1, b1), back(a0, b1))


def quad_for_chars(page: OcrPage, indices: Sequence[int]) -> Quad:
    """The enclosing axis-aligned quad of some of a page's characters."""
    boxes = [page.chars[i].quad.bbox for i in indices]
    return Quad.from_bbox(
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )
