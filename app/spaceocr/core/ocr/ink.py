"""Tighten characters to their ink.

The detector's line quads are padded (PP-OCR grows every text region by its ``unclip_ratio``)
and the recogniser places characters from CTC columns at an average width, so a value's box
built from them is too tall and a little off at its ends. Here each line is cut out upright,
its ink found (darker than half-way between paper and ink), and:

- the line's top and bottom move to the rows that hold its ink;
- each character's extent moves to the ink columns of its own stretch of the line (the line
  is split half-way between neighbouring characters, so a glyph's ink is claimed only once).

A character over no ink keeps its place; a line without contrast is left as it is.
"""

from __future__ import annotations

import itertools
import logging

import numpy as np
from PIL import Image

from spaceocr.core.ocr.ppocr import RawLine

__all__ = ["MIN_CONTRAST", "crop_line", "tighten_lines"]

logger = logging.getLogger(__name__)

#: grey levels between paper and ink (5th/95th percentile of the line) needed to trust ink
MIN_CONTRAST = 40.0
#: a row or column holds ink when at least this share of its pixels are dark
_ROW_SHARE = 0.01
#: ... and is a rule, not text, when more than this share is dark
_RULE_SHARE = 0.9


def crop_line(gray: np.ndarray, line: RawLine) -> np.ndarray | None:
    """The line cut out upright: ``round(height)`` rows by ``round(length)`` columns."""
    import cv2

    w = round(line.length)
    h = round(line.height)
    if w < 2 or h < 2:
        return None
    src = np.asarray(line.quad, dtype=np.float32)
    dst = np.asarray([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(gray, m, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def _text_band(ink: np.ndarray) -> tuple[int, int] | None:
    """The rows of the line's own text: the inked band holding the most ink.

    Rows inked almost all the way across are rules (a table's lines, an underline), not text;
    a neighbouring line's descenders or ascenders caught in the padding are another band.
    """
    h = ink.shape[0]
    share = ink.mean(axis=1)
    mask = (share >= _ROW_SHARE) & (share <= _RULE_SHARE)
    bands: list[list[int]] = []
    gap_ok = max(1, round(0.08 * h))
    last = -10 * h
    for r in np.flatnonzero(mask):
        if bands and r - last <= gap_ok:
            bands[-1][1] = int(r) + 1
        else:
            bands.append([int(r), int(r) + 1])
        last = int(r)
    if not bands:
        return None
    best = max(bands, key=lambda b: float(share[b[0]:b[1]].sum()))
    return best[0], best[1]


def tighten_line(gray: np.ndarray, line: RawLine) -> bool:
    """Move ``line``'s top, bottom and characters onto its ink; True when it changed."""
    crop = crop_line(gray, line)
    if crop is None or not line.chars:
        return False
    lo, hi = np.percentile(crop, (5, 95))
    if hi - lo < MIN_CONTRAST:
        return False
    ink = crop < (lo + hi) / 2
    h, w = ink.shape
    band = _text_band(ink)
    if band is None:
        return False
    top, bottom = band
    cols = ink[top:bottom].any(axis=0)
    chars = sorted(line.chars, key=lambda c: c.t0 + c.t1)
    bounds = [0.0]
    for a, b in itertools.pairwise(chars):
        bounds.append(((a.t0 + a.t1) / 2 + (b.t0 + b.t1) / 2) / 2)
    bounds.append(1.0)
    for i, ch in enumerate(chars):
        # a character's stretch: half-way to its neighbours, never more than its own width away
        width = max(ch.t1 - ch.t0, 1.0 / w)
        a = max(bounds[i], ch.t0 - width)
        b = min(bounds[i + 1], ch.t1 + width)
        x0, x1 = int(np.floor(a * w)), int(np.ceil(b * w))
        found = np.flatnonzero(cols[x0:x1])
        if found.size:
            ch.t0 = (x0 + int(found[0])) / w
            ch.t1 = (x0 + int(found[-1]) + 1) / w
    v0, v1 = top / h, bottom / h
    line.quad = (line.point(0.0, v0), line.point(1.0, v0), line.point(1.0, v1),
                 line.point(0.0, v1))
    return True


def tighten_lines(lines: list[RawLine], image: Image.Image) -> None:
    """Tighten every line of an upright page image to its ink, in place."""
    gray = np.asarray(image.convert("L"))
    n = sum(tighten_line(gray, ln) for ln in lines)
    logger.debug("ink: %d of %d lines tightened", n, len(lines))
