"""Rows, reading order and quads from line segments; the quarter-turn mapping (no models)."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from spaceocr.core.ocr.layout import build_chars, group_rows
from spaceocr.core.ocr.orientation import rotate_upright, unrotate_point
from spaceocr.core.ocr.ppocr import RawChar, RawLine


def seg(x: float, y: float, length: float, text: str, angle_deg: float = 0.0) -> RawLine:
    """A segment starting at (x, y), ``length`` px long, 20 px high, tilted by ``angle``."""
    a = math.radians(angle_deg)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    tl = (x, y)
    tr = (x + ux * length, y + uy * length)
    br = (tr[0] + nx * 20, tr[1] + ny * 20)
    bl = (x + nx * 20, y + ny * 20)
    ln = RawLine((tl, tr, br, bl), text, 0.99)
    n = len(text)
    ln.chars = [RawChar(c, i / n, (i + 1) / n, 0.99, 0) for i, c in enumerate(text)]
    return ln


def test_segments_at_one_height_form_one_row_left_to_right():
    rows = group_rows([seg(600, 102, 100, "1,234"), seg(20, 100, 200, "Total"),
                       seg(20, 20, 200, "Invoice")])
    assert [[s.text for s in r] for r in rows] == [["Invoice"], ["Total", "1,234"]]


def test_rows_follow_a_skewed_page():
    # at 3 degrees a segment 800 px to the right sits 42 px lower, yet is on the same row
    a = 3.0
    dy = math.tan(math.radians(a)) * 800
    rows = group_rows([seg(20, 100, 300, "Total", a), seg(820, 100 + dy, 150, "99", a),
                       seg(20, 160, 300, "Tax", a)])
    assert [[s.text for s in r] for r in rows] == [["Total", "99"], ["Tax"]]


def test_char_quads_are_cut_from_the_segment_and_follow_its_tilt():
    ln = seg(100, 100, 200, "ABCD", 10.0)
    chars = build_chars([[ln]], 1000, 1000)
    assert [c.text for c in chars] == list("ABCD")
    for c in chars:
        assert math.degrees(c.quad.angle_rad) == pytest.approx(10.0, abs=1e-6)
    first = chars[0].quad
    assert (first.tl.x, first.tl.y) == pytest.approx((0.1, 0.1))
    assert first.tr.x - first.tl.x == pytest.approx(50 * math.cos(math.radians(10)) / 1000)


def test_line_and_word_numbers_in_reading_order():
    a = seg(20, 20, 200, "ab")
    a.chars[1].word = 1
    b = seg(20, 80, 200, "cd")
    chars = build_chars([[a], [b]], 500, 500)
    assert [(c.text, c.line_no, c.word_no) for c in chars] == [
        ("a", 0, 0), ("b", 0, 1), ("c", 1, 2), ("d", 1, 2)]


@pytest.mark.parametrize("angle", [0, 90, 180, 270])
def test_unrotate_point_inverts_the_turn(angle):
    w, h = 40, 30
    im = Image.new("L", (w, h), 0)
    im.putpixel((5, 7), 255)
    turned = rotate_upright(im, angle)
    x, y = next((x, y) for x in range(turned.width) for y in range(turned.height)
                if turned.getpixel((x, y)) == 255)
    back = unrotate_point(angle, w, h)
    # pixel centres: map the centre of the found pixel back to the centre of (5, 7)
    bx, by = back(x + 0.5, y + 0.5)
    assert (bx, by) == pytest.approx((5.5, 7.5))


def test_japanese_forms_only_on_a_japanese_page():
    from spaceocr.core.ocr.scripts import is_japanese_page, japanese_form

    assert is_japanese_page(["乾電池 单3 4本", "ありがとうございました", "お支払方法"])
    assert not is_japanese_page(["增值税电子普通发票", "购买方名称", "合计"])
    assert japanese_form("单") == "単" and japanese_form("費") == "費"
    # characters that are themselves Japanese are never changed
    assert all(japanese_form(c) == c for c in "机叶灯据准丰")
