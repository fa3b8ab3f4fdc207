"""A born-digital PDF page's own text as an OcrPage: order, words, quads, refusals."""

from __future__ import annotations

import io
import math

import pymupdf
import pytest
from PIL import Image

from spaceocr.core.ocr.pdf_text import read_text_layer


def new_page(width: float = 400, height: float = 300) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    return doc, doc.new_page(width=width, height=height)


def test_reads_characters_in_rows_with_words_and_exact_boxes():
    _doc, page = new_page()
    page.insert_text((300, 60), "1,234", fontname="helv", fontsize=12)  # drawn first
    page.insert_text((40, 60), "Total due", fontname="helv", fontsize=12)
    page.insert_text((40, 30), "請求書 No. 77", fontname="japan", fontsize=12)
    got = read_text_layer(page, 0, 144)
    assert got is not None
    assert got.engine == "pdf_text" and got.index == 0
    assert (got.width_px, got.height_px) == (800, 600)
    assert got.text.split("\n") == ["請求書 No. 77", "Total due 1,234"]
    # the box of "T" is PyMuPDF's own glyph box, page-relative
    t = next(c for c in got.chars if c.text == "T")
    ref = next(ch for b in page.get_text("rawdict")["blocks"] for ln in b["lines"]
               for s in ln["spans"] for ch in s["chars"] if ch["c"] == "T")
    x0, y0, x1, y1 = ref["bbox"]
    assert t.quad.bbox == pytest.approx((x0 / 400, y0 / 300, x1 / 400, y1 / 300))
    assert all(c.confidence == 1.0 for c in got.chars)


def test_rotated_page_quads_are_on_the_page_as_displayed():
    _doc, page = new_page(400, 200)
    page.insert_text((40, 60), "Rotated invoice text", fontname="helv", fontsize=12)
    page.set_rotation(90)
    got = read_text_layer(page, 0, 72)
    assert got is not None
    assert (got.width_px, got.height_px) == (200, 400)
    first = got.chars[0].quad
    # shown turned clockwise: the text runs down the page, its top edge pointing down
    assert math.degrees(first.angle_rad) == pytest.approx(90, abs=1)
    assert first.tl.y == pytest.approx(40 / 400, abs=0.01)
    assert got.text == "Rotated invoice text"


def test_text_at_an_angle_gets_tilted_quads():
    _doc, page = new_page()
    page.insert_text((50, 150), "Skewed line", fontname="helv", fontsize=12, rotate=0,
                     morph=(pymupdf.Point(50, 150), pymupdf.Matrix(-20)))
    got = read_text_layer(page, 0, 72)
    assert got is not None
    # on the page (points, not the 0..1 square) every character's top edge runs at 20 degrees
    angles = {
        round(math.degrees(math.atan2((c.quad.tr.y - c.quad.tl.y) * 300,
                                      (c.quad.tr.x - c.quad.tl.x) * 400)))
        for c in got.chars
    }
    assert angles == {20}


def test_too_little_text_returns_none():
    _doc, page = new_page()
    page.insert_text((40, 40), "p. 3", fontname="helv", fontsize=12)
    assert read_text_layer(page, 0, 72) is None


def test_invisible_text_layer_of_a_scan_returns_none():
    _doc, page = new_page()
    page.insert_text((40, 40), "An OCR layer hidden under a scanned image", fontname="helv",
                     fontsize=12, render_mode=3)
    assert read_text_layer(page, 0, 72) is None


def test_scanned_image_with_a_stamped_header_returns_none():
    _doc, page = new_page()
    scan = Image.new("RGB", (800, 600), "white")
    buf = io.BytesIO()
    scan.save(buf, format="PNG")
    page.insert_image(page.rect, stream=buf.getvalue())
    page.insert_text((20, 20), "Scanned by ACME copier 2026-01-01", fontname="helv", fontsize=8)
    assert read_text_layer(page, 0, 72) is None


def test_a_ligatures_letters_share_its_box_and_stay_in_order():
    from spaceocr.core.ocr.pdf_text import _split_ligatures

    def box(x0: float, x1: float) -> tuple:
        return ((x0, 10.0), (x1, 10.0), (x1, 20.0), (x0, 20.0))

    # "effin": the ffi glyph drawn once (14..26), its f and i after it with no width
    items = [("e", box(8, 14), 0), ("f", box(14, 26), 0), ("f", box(26, 26), 0),
             ("i", box(26, 26), 0), ("n", box(25.9, 32), 0)]
    out = _split_ligatures(items)
    assert [c for c, _, _ in out] == list("effin")
    xs = [q[0][0] for _, q, _ in out]
    assert xs == sorted(xs) and xs[1:4] == [14, 18, 22]
    assert all(q[1][0] - q[0][0] > 3 for _, q, _ in out[1:4])
    plain = [("a", box(0, 5), 0), ("b", box(5, 10), 0)]
    assert _split_ligatures(plain) == plain
