"""From detected lines to an :class:`OcrPage`: rows, reading order, character quads.

A detector returns line *segments*; a label and its amount at the far end of a row are two
segments. Segments whose centres sit at the same height (measured across the page's dominant
text angle, so a page skewed by a few degrees still groups correctly) become one line of the
page, ordered left to right, each segment its own word(s). Lines are ordered top to bottom.

Every character's quad is cut from its segment's quad (so it follows the segment's tilt),
mapped back from the upright working image to the page as scanned, and made page-relative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from spaceocr.core.ocr.ppocr import RawLine
from spaceocr.core.types import OcrChar, Point, Quad

__all__ = ["PointMap", "build_chars", "group_rows"]

#: maps a pixel of the working (upright) image to a pixel of the page as given
PointMap = Callable[[float, float], tuple[float, float]]


def _identity(x: float, y: float) -> tuple[float, float]:
    return (x, y)


def dominant_angle(lines: Sequence[RawLine]) -> float:
    """The length-weighted median angle of the lines' top edges (radians)."""
    items = []
    for ln in lines:
        (x0, y0), (x1, y1) = ln.quad[0], ln.quad[1]
        if ln.length > 2 * max(ln.height, 1.0):
            items.append((math.atan2(y1 - y0, x1 - x0), ln.length))
    if not items:
        return 0.0
    items.sort()
    half = sum(w for _, w in items) / 2
    acc = 0.0
    for a, w in items:
        acc += w
        if acc >= half:
            return a
    return items[-1][0]


def group_rows(lines: Sequence[RawLine]) -> list[list[RawLine]]:
    """Segments grouped into rows in reading order (top to bottom, then left to right)."""
    if not lines:
        return []
    angle = dominant_angle(lines)
    ca, sa = math.cos(angle), math.sin(angle)

    def along(ln: RawLine) -> float:
        cx = sum(p[0] for p in ln.quad) / 4
        cy = sum(p[1] for p in ln.quad) / 4
        return cx * ca + cy * sa

    def across(ln: RawLine) -> float:
        cx = sum(p[0] for p in ln.quad) / 4
        cy = sum(p[1] for p in ln.quad) / 4
        return -cx * sa + cy * ca

    order = sorted(lines, key=across)
    rows: list[list[RawLine]] = []
    row_y: list[float] = []
    row_h: list[float] = []
    for ln in order:
        y, h = across(ln), max(ln.height, 1.0)
        if rows and abs(y - row_y[-1]) <= 0.5 * min(h, row_h[-1]):
            rows[-1].append(ln)
            n = len(rows[-1])
            row_y[-1] = (row_y[-1] * (n - 1) + y) / n
            row_h[-1] = max(row_h[-1], h)
        else:
            rows.append([ln])
            row_y.append(y)
            row_h.append(h)
    for row in rows:
        row.sort(key=along)
    return rows


def build_chars(
    rows: Sequence[Sequence[RawLine]],
    width: float,
    height: float,
    to_page: PointMap = _identity,
) -> tuple[OcrChar, ...]:
    """Page-relative characters with line and word numbers, in reading order."""
    out: list[OcrChar] = []
    word_no = -1
    line_no = -1
    for row in rows:
        if not any(ln.chars for ln in row):
            continue
        line_no += 1
        for seg in row:
            last_word = None
            for ch in seg.chars:
                if _unencodable(ch.text):
                    continue  # a lone surrogate half from a model's dictionary: not text
                if ch.word != last_word:
                    word_no += 1
                    last_word = ch.word
                pts = (
                    seg.point(ch.t0, 0.0), seg.point(ch.t1, 0.0),
                    seg.point(ch.t1, 1.0), seg.point(ch.t0, 1.0),
                )
                mapped = [to_page(x, y) for x, y in pts]
                quad = Quad(*(Point(_clip(x / width), _clip(y / height)) for x, y in mapped))
                out.append(OcrChar(ch.text, quad, _clip(ch.confidence), line_no, word_no))
    return tuple(out)


def _unencodable(text: str) -> bool:
    return not text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _clip(v: float) -> float:
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else float(v)
