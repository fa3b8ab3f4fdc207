"""Synthetic OCR pages for the line-item tests: text placed cell by cell, in pixels.

The pages are built here from made-up rows (no data-set documents); every
``test_tables*.py`` module reads them.
"""

from __future__ import annotations

import math

from spaceocr.core.templates.schema import FieldSpec
from spaceocr.core.types import ExtractedField, OcrChar, OcrPage, Point, Quad

__all__ = [
    "SPEC",
    "H",
    "R",
    "W",
    "cells",
    "hint_text",
    "ja_align",
    "ja_invoice_rows",
    "make_page",
    "merge_pages",
]

SPEC = FieldSpec(
    name="line_items",
    type="array",
    children=tuple(FieldSpec(n) for n in ("description", "quantity", "unit_price", "amount")),
)

W, H = 1000, 1400  # page size in pixels


def _is_wide(c: str) -> bool:
    return ord(c) > 0x2E80


def make_page(
    rows: list[tuple[float, list[tuple[float, str]]]],
    *,
    index: int = 0,
    h: float = 20.0,
    angle_deg: float = 0.0,
    align: dict[float, str] | None = None,
    confidence: float = 0.99,
) -> OcrPage:
    """A page with text ``rows``: (y, [(x, text), ...]) in pixels, one OCR line per cell.

    ``x`` is the left edge of a cell, or its right edge when ``align[x] == "right"``.
    Characters are ``0.55 h`` wide (Latin) or ``h`` wide (CJK); spaces separate words. The
    page may be rotated by ``angle_deg`` about its centre, as a photo taken at an angle.
    """
    chars: list[OcrChar] = []
    rad = math.radians(angle_deg)
    cx0, cy0 = W / 2, H / 2

    def rot(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx0, y - cy0
        return (cx0 + dx * math.cos(rad) - dy * math.sin(rad),
                cy0 + dx * math.sin(rad) + dy * math.cos(rad))

    line_no = word_no = 0
    for y, cells in rows:
        for x, text in cells:
            widths = [h if _is_wide(c) else 0.55 * h for c in text]
            if align and align.get(x) == "right":
                x = x - sum(widths)
            word_no += 1
            for c, w in zip(text, widths, strict=True):
                if c == " ":
                    word_no += 1
                    x += w
                    continue
                pts = [rot(x, y), rot(x + w, y), rot(x + w, y + h), rot(x, y + h)]
                quad = Quad(*(Point(px / W, py / H) for px, py in pts))
                chars.append(OcrChar(c, quad, confidence, line_no, word_no))
                x += w
            line_no += 1
    return OcrPage(index, W, H, 200.0, "test", tuple(chars))


def merge_pages(a: OcrPage, b: OcrPage) -> OcrPage:
    """One page with the characters of both (``b``'s lines and words numbered after ``a``'s),
    to mix type sizes."""
    lines = max((c.line_no for c in a.chars), default=-1) + 1
    words = max((c.word_no for c in a.chars), default=-1) + 1
    moved = tuple(
        OcrChar(c.text, c.quad, c.confidence, c.line_no + lines, c.word_no + words)
        for c in b.chars
    )
    return OcrPage(a.index, a.width_px, a.height_px, a.dpi, a.engine, a.chars + moved)


def cells(rows: tuple[tuple[ExtractedField, ...], ...]) -> list[dict[str, str | None]]:
    """Each row's cell values by name."""
    return [{c.name: c.value for c in row} for row in rows]


def hint_text(page: OcrPage, cell: ExtractedField) -> str:
    """The characters a cell's hint names, joined."""
    assert cell.hint is not None and cell.hint.source == "ocr_chars"
    return "".join(page.chars[i].text for i in cell.hint.char_indices)


#: ``align`` value of a cell whose ``x`` is its right edge.
R = "right"


def ja_invoice_rows(y0: float = 300.0) -> list[tuple[float, list[tuple[float, str]]]]:
    """A Japanese invoice: a header at ``y0``, three items, subtotal and total."""
    return [
        (100, [(80, "請求書")]),
        (y0, [(80, "品名"), (560, "数量"), (760, "単価"), (900, "金額")]),
        (y0 + 40, [(80, "マーカーペン 赤 5本組"), (600, "8"), (800, "¥580"), (940, "4,640")]),
        (y0 + 80, [(80, "クリアファイル A4"), (600, "3"), (800, "¥1,120"), (940, "3,360")]),
        (y0 + 120, [(80, "電源タップ 3m"), (600, "12"), (800, "¥1,730"), (940, "20,760")]),
        (y0 + 180, [(560, "小計"), (940, "¥28,760")]),
        (y0 + 220, [(560, "合計"), (940, "¥31,636")]),
    ]


def ja_align(rows: list[tuple[float, list[tuple[float, str]]]]) -> dict[float, str]:
    """The numbers of :func:`ja_invoice_rows` right-aligned."""
    return {x: R for _, cs in rows for x, _ in cs if x >= 590}
