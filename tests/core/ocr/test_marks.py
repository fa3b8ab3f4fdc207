"""Asterisks read as middle dots and lost decimal points, put back from the page's own evidence.

The asterisk tests draw real glyphs (PyMuPDF's CJK font) and give the characters the places
PyMuPDF put them, with the asterisk *misread* as ``·`` the way PP-OCR reads it on a faded scan:
what is under test is the look at the ink. The decimal tests build lines of known geometry; the
last one runs the real engine on an amount printed with a gap where its point should be.
"""

from __future__ import annotations

import pymupdf
import pytest
from PIL import Image

from spaceocr.core.ocr.ink import tighten_lines
from spaceocr.core.ocr.marks import (
    INFERRED_CONFIDENCE,
    restore_asterisks,
    restore_decimal_points,
)
from spaceocr.core.ocr.ppocr import RawChar, RawLine
from tests.core.ocr.conftest import render

DPI = 200


def line_from_pdf(text: str, font: str, read_as: str, size: float = 12) -> tuple[Image.Image,
                                                                                  RawLine]:
    """``text`` drawn at 200 dpi, and the line a recogniser would return for it (reading
    ``read_as``: same length, one character per glyph), placed from PyMuPDF's glyph boxes."""
    assert len(read_as) == len(text)
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=60)
    page.insert_text((20, 36), text, fontname=font, fontsize=size)
    chars = [c for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", ())
             for span in ln["spans"] for c in span["chars"]]
    pix = page.get_pixmap(dpi=DPI, alpha=False)
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    doc.close()
    k = DPI / 72
    x0 = min(c["bbox"][0] for c in chars) * k - 6
    x1 = max(c["bbox"][2] for c in chars) * k + 6
    y0 = min(c["bbox"][1] for c in chars) * k - 6
    y1 = max(c["bbox"][3] for c in chars) * k + 6
    line = RawLine(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), read_as, 0.95)
    span = x1 - x0
    line.chars = [RawChar(r, (c["bbox"][0] * k - x0) / span, (c["bbox"][2] * k - x0) / span,
                          0.95, 0) for r, c in zip(read_as, chars, strict=True)]
    return image, line


def test_a_middle_dot_whose_ink_is_an_asterisk_becomes_one():
    image, line = line_from_pdf("*电子元件*显示器", "china-s", "·电子元件·显示器")
    tighten_lines([line], image)
    assert restore_asterisks([line], image) == 2
    assert line.text == "*电子元件*显示器"
    assert [c.text for c in line.chars][:1] == ["*"]


def test_a_real_middle_dot_stays():
    image, line = line_from_pdf("马克·吐温", "china-s", "马克·吐温")
    tighten_lines([line], image)
    assert restore_asterisks([line], image) == 0
    assert line.text == "马克·吐温"


def test_the_latin_middle_dot_stays():
    image, line = line_from_pdf("Tom·Jerry", "helv", "Tom·Jerry")
    tighten_lines([line], image)
    assert restore_asterisks([line], image) == 0


# ---------------------------------------------------------------- decimal points


def amount_line(text: str, gap: float = 8.0, height: float = 16.0) -> RawLine:
    """A segment reading ``text``: 10 px per glyph, ``gap`` px where the text has its space."""
    x = 0.0
    spans = []
    word = 0
    for ch in text:
        if ch == " ":
            x += gap
            word += 1
            continue
        spans.append((ch, x, x + 9.0, word))
        x += 10.0
    length = x
    line = RawLine(((0.0, 0.0), (length, 0.0), (length, height), (0.0, height)), text, 0.95)
    line.chars = [RawChar(c, a / length, b / length, 0.95, w) for c, a, b, w in spans]
    return line


def test_an_amount_with_a_gap_for_its_point_gets_the_point_back():
    lost = amount_line("2846 19")
    lines = [lost, amount_line("315.72"), amount_line("7409.63")]
    assert restore_decimal_points(lines) == 1
    assert lost.text == "2846.19"
    point = lost.chars[4]
    assert point.text == "." and point.confidence == INFERRED_CONFIDENCE
    assert point.source == "inferred"
    assert lost.chars[3].t1 <= point.t0 < point.t1 <= lost.chars[5].t0  # in the gap
    assert {c.word for c in lost.chars} == {0}


@pytest.mark.parametrize("text", ["¥4175 08", "+61530 47", "2,846 19", "$12 50"])
def test_signed_and_grouped_amounts(text):
    lost = amount_line(text)
    assert restore_decimal_points([lost, amount_line("10.00")]) == 1
    head, tail = text.rsplit(" ", 1)
    assert lost.text == f"{head}.{tail}"


def test_the_mark_follows_the_page():
    lost = amount_line("2.846 19")
    assert restore_decimal_points([lost, amount_line("12,50"), amount_line("3,10")]) == 1
    assert lost.text == "2.846,19"


@pytest.mark.parametrize(
    ("text", "others", "why"),
    [
        ("2846 19", ["2846"], "no amount on the page prints decimals"),
        ("2846 19", ["12.50", "3,10"], "the page is undecided between . and ,"),
        ("2 50", ["12.50"], "a quantity and a price, perhaps"),
        ("2.846 19", ["12.50"], "the point already groups thousands"),
        ("114 55 Stockholm", ["12.50"], "not an amount alone"),
        ("2846 195", ["12.50"], "three digits after the gap"),
        ("07 11 2027", ["12.50"], "a date"),
    ],
)
def test_no_point_without_the_evidence(text, others, why):
    line = amount_line(text)
    assert restore_decimal_points([line, *map(amount_line, others)]) == 0, why
    assert line.text == text


def test_a_column_gap_is_not_a_point():
    wide = amount_line("2846 19", gap=40.0)
    assert restore_decimal_points([wide, amount_line("12.50")]) == 0
    assert wide.text == "2846 19"


@pytest.mark.slow
def test_the_engine_reads_an_amount_whose_point_was_lost(engine):
    # a space is as wide as a point in Helvetica: "2846 19" is what a vanished point leaves
    image, _ = render([
        ("Unit price", "helv", 16, 30, 12), ("2846 19", "helv", 200, 30, 12),
        ("Tax", "helv", 16, 60, 12), ("315.72", "helv", 200, 60, 12),
        ("Total", "helv", 16, 90, 12), ("7409.63", "helv", 200, 90, 12),
    ])
    page = engine.recognize(image, page_index=0, dpi=DPI)
    text = page.text
    assert "2846.19" in text and "2846 19" not in text
    point = next(c for c in page.chars if c.text == "." and c.confidence == INFERRED_CONFIDENCE)
    assert point is not None
