"""Characters and lines tightened onto their ink (drawn boxes of known place; no models)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from spaceocr.core.ocr.ink import tighten_line, tighten_lines
from spaceocr.core.ocr.ppocr import RawChar, RawLine

#: three "glyphs" drawn on a 400×100 page, the middle row of a padded line
GLYPHS = [(110, 40, 130, 60), (140, 40, 160, 60), (200, 40, 220, 60)]


def page_with_glyphs(rule: bool = False) -> Image.Image:
    im = Image.new("L", (400, 100), 255)
    d = ImageDraw.Draw(im)
    for box in GLYPHS:
        d.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=0)
    if rule:
        d.line((100, 68, 300, 68), fill=0, width=2)  # a table rule inside the padding
    return im


def padded_line() -> RawLine:
    """The detector's view: 30 px of padding above and below, characters a bit off."""
    ln = RawLine(((100.0, 25.0), (300.0, 25.0), (300.0, 75.0), (100.0, 75.0)), "abc", 0.99)
    ln.chars = [RawChar("a", 0.03, 0.17, 0.99, 0), RawChar("b", 0.18, 0.32, 0.99, 0),
                RawChar("c", 0.48, 0.62, 0.99, 1)]
    return ln


def to_px(ln: RawLine, ch: RawChar) -> tuple[float, float, float, float]:
    (x0, y0), (x1, _), (_, y1) = ln.point(ch.t0, 0), ln.point(ch.t1, 0), ln.point(ch.t1, 1)
    return (x0, y0, x1, y1)


@pytest.mark.parametrize("rule", [False, True])
def test_line_and_characters_move_onto_their_ink(rule):
    ln = padded_line()
    assert tighten_line(np.asarray(page_with_glyphs(rule)), ln)
    for ch, box in zip(ln.chars, GLYPHS, strict=True):
        assert to_px(ln, ch) == pytest.approx(box, abs=1.0)


def test_a_line_without_contrast_is_left_alone():
    ln = padded_line()
    before = (ln.quad, [(c.t0, c.t1) for c in ln.chars])
    tighten_lines([ln], Image.new("RGB", (400, 100), "white"))
    assert (ln.quad, [(c.t0, c.t1) for c in ln.chars]) == before
