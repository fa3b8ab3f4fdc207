"""A born-digital PDF page's own text as an :class:`OcrPage` (engine ``pdf_text``).

When a PDF page carries real text, reading it is exact and instant: every character comes
with the box the PDF drew it in. :func:`read_text_layer` turns PyMuPDF's ``rawdict`` into the
same shape the OCR engines produce: characters in reading order (rows top to bottom, segments
left to right, as :mod:`.layout` groups OCR lines), words split at spaces and wide gaps, quads
page-relative on the page as displayed (its ``/Rotate`` applied).

It returns None when the layer is not worth trusting and the page should be OCR'd instead:
too few characters, a page-sized image with only a few words of text over it, mostly invisible
text (a scanner's hidden OCR layer over the image), or mostly junk (unmapped glyphs, private-use
code points, control characters).
"""

from __future__ import annotations

import logging
import math
from typing import Any

import pymupdf

from spaceocr.core.ocr.layout import group_rows
from spaceocr.core.ocr.ppocr import RawLine
from spaceocr.core.types import OcrChar, OcrPage, Point, Quad

__all__ = ["ENGINE_NAME", "MIN_CHARS", "read_text_layer"]

logger = logging.getLogger(__name__)

ENGINE_NAME = "pdf_text"
#: fewer visible, real characters than this: not a text page
MIN_CHARS = 8
#: more than this share of junk or invisible characters: OCR the page instead
MAX_JUNK_SHARE = 0.2
MAX_INVISIBLE_SHARE = 0.5
#: a page mostly covered by images and carrying fewer characters than this is a scan (a stamp,
#: a page number or a header may be real text while the body is a picture)
FEW_CHARS = 200
MAX_IMAGE_SHARE = 0.5

Pt = tuple[float, float]


def _is_junk(c: str) -> bool:
    o = ord(c)
    return (o == 0xFFFD or 0xE000 <= o <= 0xF8FF or 0xD800 <= o <= 0xDFFF or o < 0x20
            or 0x7F <= o < 0xA0)


def _invisible_share(page: pymupdf.Page) -> float:
    """Share of the page's characters drawn invisibly (render mode 3 or fully transparent)."""
    try:
        traces = page.get_texttrace()
    except Exception:  # noqa: BLE001 - an odd content stream: assume visible
        return 0.0
    total = hidden = 0
    for tr in traces:
        n = len(tr.get("chars", ()))
        total += n
        if tr.get("type") == 3 or float(tr.get("opacity", 1.0)) == 0.0:
            hidden += n
    return hidden / total if total else 0.0


def _image_share(page: pymupdf.Page) -> float:
    """Share of the page's area under its largest image."""
    try:
        infos = page.get_image_info()
    except Exception:  # noqa: BLE001 - no image information: no image
        return 0.0
    area = abs(page.rect) or 1.0
    best = 0.0
    for info in infos:
        r = pymupdf.Rect(info.get("bbox", (0, 0, 0, 0))) & page.rect
        best = max(best, abs(r) / area)
    return best


def _char_quad(
    ch: dict[str, Any], span: dict[str, Any], u: Pt, advance: float | None
) -> tuple[Pt, Pt, Pt, Pt]:
    """tl, tr, br, bl of a character in unrotated page points."""
    x0, y0, x1, y1 = ch["bbox"]
    if abs(u[1]) < 1e-3 and u[0] > 0:
        return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    # text at an angle: build the box on the baseline, along the line's direction
    ox, oy = ch["origin"]
    size = float(span.get("size", 10.0))
    asc = float(span.get("ascender", 0.8)) * size
    desc = float(span.get("descender", -0.2)) * size
    n = (-u[1], u[0])  # "down" across the text
    if advance is None:
        corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
        advance = max((cx - ox) * u[0] + (cy - oy) * u[1] for cx, cy in corners)
    advance = max(advance, 0.1)

    def at(a: float, b: float) -> Pt:
        return (ox + a * u[0] + b * n[0], oy + a * u[1] + b * n[1])

    return (at(0, -asc), at(advance, -asc), at(advance, -desc), at(0, -desc))


def read_text_layer(page: pymupdf.Page, index: int, dpi: float) -> OcrPage | None:
    """The page's own characters, or None when the text layer is too thin or not trustworthy."""
    try:
        raw = page.get_text("rawdict", flags=pymupdf.TEXT_PRESERVE_LIGATURES
                            | pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP)
    except Exception as exc:  # noqa: BLE001 - a broken content stream: let OCR read it
        logger.info("page %d: text layer unreadable (%s); OCR instead", index + 1, exc)
        return None
    rot = page.rotation_matrix
    rect = page.rect  # the page as displayed
    width, height = float(rect.width) or 1.0, float(rect.height) or 1.0

    def shown(p: Pt) -> Pt:
        q = pymupdf.Point(p) * rot
        return (q.x, q.y)

    segments: list[RawLine] = []
    glyphs: dict[int, list[tuple[str, tuple[Pt, Pt, Pt, Pt], int]]] = {}
    real = junk = 0
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            u = tuple(line.get("dir", (1.0, 0.0)))
            items: list[tuple[str, tuple[Pt, Pt, Pt, Pt], int]] = []
            word = 0
            prev_end: Pt | None = None
            prev_h = 0.0
            pending_space = False
            for span in line.get("spans", ()):
                chars = span.get("chars", ())
                for k, ch in enumerate(chars):
                    c = ch.get("c", "")
                    if not c or c.isspace():
                        pending_space = True
                        continue
                    if _is_junk(c):
                        junk += 1
                        continue
                    nxt = chars[k + 1] if k + 1 < len(chars) else None
                    adv = None
                    if nxt is not None:
                        adv = ((nxt["origin"][0] - ch["origin"][0]) * u[0]
                               + (nxt["origin"][1] - ch["origin"][1]) * u[1])
                    quad = _char_quad(ch, span, (float(u[0]), float(u[1])), adv)
                    h = math.dist(quad[0], quad[3])
                    if prev_end is not None:
                        gap = ((quad[0][0] - prev_end[0]) * u[0]
                               + (quad[0][1] - prev_end[1]) * u[1])
                        if pending_space or gap > 0.5 * max(h, prev_h, 1.0):
                            word += 1
                    pending_space = False
                    prev_end, prev_h = quad[1], h
                    real += 1
                    a, b, cc, d = (shown(p) for p in quad)
                    items.append((c, (a, b, cc, d), word))
            if not items:
                continue
            items = _split_ligatures(items)
            first, last = items[0][1], items[-1][1]
            seg = RawLine((first[0], last[1], last[2], first[3]), "", 1.0)
            segments.append(seg)
            glyphs[id(seg)] = items
    if real < MIN_CHARS:
        logger.info("page %d: %d characters in the text layer; OCR instead", index + 1, real)
        return None
    if junk / (real + junk) > MAX_JUNK_SHARE:
        logger.info("page %d: text layer is mostly junk; OCR instead", index + 1)
        return None
    if real < FEW_CHARS and _image_share(page) > MAX_IMAGE_SHARE:
        logger.info("page %d: a scanned image with a few words of text; OCR instead", index + 1)
        return None
    if _invisible_share(page) > MAX_INVISIBLE_SHARE:
        logger.info("page %d: text layer is invisible (a scan's OCR layer); OCR instead",
                    index + 1)
        return None
    out: list[OcrChar] = []
    line_no = -1
    word_no = -1
    for row in group_rows(segments):
        line_no += 1
        for seg in row:
            last_word = None
            for c, quad, w in glyphs[id(seg)]:
                if w != last_word:
                    word_no += 1
                    last_word = w
                q = Quad(*(Point(_clip(x / width), _clip(y / height)) for x, y in quad))
                out.append(OcrChar(c, q, 1.0, line_no, word_no))
    scale = dpi / 72.0 if dpi else 1.0
    return OcrPage(
        index=index,
        width_px=max(1, round(width * scale)),
        height_px=max(1, round(height * scale)),
        dpi=float(dpi),
        engine=ENGINE_NAME,
        chars=tuple(out),
    )


def _split_ligatures(
    items: list[tuple[str, tuple[Pt, Pt, Pt, Pt], int]],
) -> list[tuple[str, tuple[Pt, Pt, Pt, Pt], int]]:
    """A ligature (``ﬃ`` drawn once, its letters after it with no width) shared out: each
    letter gets an equal part of the glyph's box, so the letters stay in order by position."""
    out = list(items)
    k = 0
    while k < len(out):
        quad = out[k][1]
        h = max(math.dist(quad[0], quad[3]), 1e-6)
        m = k + 1
        while m < len(out) and math.dist(out[m][1][0], out[m][1][1]) < 0.02 * h and (
            math.dist(out[m][1][0], quad[1]) < 0.1 * h
        ):
            m += 1
        n = m - k
        if n > 1 and math.dist(quad[0], quad[1]) >= 0.1 * h:
            tl, tr, br, bl = quad

            def lerp(p: Pt, q: Pt, t: float) -> Pt:
                return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)

            for j in range(n):
                a, b = j / n, (j + 1) / n
                part = (lerp(tl, tr, a), lerp(tl, tr, b), lerp(bl, br, b), lerp(bl, br, a))
                out[k + j] = (out[k + j][0], part, out[k + j][2])
        k = m
    return out


def _clip(v: float) -> float:
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else float(v)
