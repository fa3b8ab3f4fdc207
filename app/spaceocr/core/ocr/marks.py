"""Small marks a faded scan loses: the asterisk read as a middle dot, the vanished decimal point.

PP-OCR reads at the resolution of a line crop 48 pixels high. On a faded, blurred, JPEG-
compressed scan the marks a few pixels wide are the first to go, and two of them matter for
documents:

- an asterisk (``*``, as in a Chinese e-invoice's ``*类别*名称`` item names) comes back as a
  middle dot ``·``. The two differ on the page: a middle dot is a small blot at half the
  height of the line's text, an asterisk is a star over a fifth of it or more, sitting
  high. :func:`restore_asterisks` looks at the ink under every ``·`` and ``•`` and puts ``*``
  back where the ink is an asterisk's.
- a decimal point blurred into the paper leaves its gap: an amount cell reads ``2846 19``.
  :func:`restore_decimal_points` puts the point back only where everything else says it was
  one: the segment is nothing but the amount (an optional currency sign, digits with optional
  thousands separators, one narrow gap, exactly two digits), the gap is narrower than the
  line's text is high (not a column gap), and the same page prints other amounts with that
  decimal mark and two decimals. The point gets a low confidence: it was inferred, not read.

Both run on the upright page after the characters were tightened onto their ink
(:mod:`.ink`), so a character's extent is its ink's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
from PIL import Image

from spaceocr.core.ocr.ink import MIN_CONTRAST, crop_line
from spaceocr.core.ocr.ppocr import RawChar, RawLine

__all__ = ["restore_asterisks", "restore_decimal_points"]

logger = logging.getLogger(__name__)

#: what PP-OCR makes of an asterisk
_DOTS = frozenset("·•")
#: an asterisk's ink is at least this share of the line's text height ...
ASTERISK_MIN_HEIGHT = 0.22
#: ... and its centre above this share of it (0 = top); a middle dot sits near 0.5
ASTERISK_MAX_CENTRE = 0.42
#: confidence given to a decimal point that was inferred, not read
INFERRED_CONFIDENCE = 0.5
#: a lost point's gap is narrower than this many times the line's text height
MAX_POINT_GAP = 1.0

#: a sign before an amount: a currency, or ``+`` (what a faded ``¥`` often becomes) or ``-``
_SIGN = "¥￥$€£₩+-"
_AMOUNT_GAP = re.compile(
    rf"^(?P<sign>[{_SIGN}]?)(?P<int>\d{{1,3}}(?:(?P<sep>[,.])\d{{3}})+|\d+) (?P<frac>\d{{2}})$"
)
_DECIMALS = {".": re.compile(r"\d\.\d{2}(?!\d)"), ",": re.compile(r"\d,\d{2}(?!\d)")}


def _ink(gray: np.ndarray, line: RawLine) -> np.ndarray | None:
    crop = crop_line(gray, line)
    if crop is None:
        return None
    lo, hi = np.percentile(crop, (5, 95))
    if hi - lo < MIN_CONTRAST:
        return None
    return np.asarray(crop < (lo + hi) / 2)


def _looks_like_asterisk(ink: np.ndarray, ch: RawChar) -> bool:
    h, w = ink.shape
    x0 = max(0, int(np.floor(ch.t0 * w)))
    x1 = min(w, max(x0 + 1, int(np.ceil(ch.t1 * w))))
    rows = np.flatnonzero(ink[:, x0:x1].any(axis=1))
    if rows.size == 0:
        return False
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    height = (bottom - top) / h
    centre = (top + bottom) / 2 / h
    return bool(height >= ASTERISK_MIN_HEIGHT and centre <= ASTERISK_MAX_CENTRE)


def restore_asterisks(lines: Sequence[RawLine], image: Image.Image) -> int:
    """Turn ``·`` / ``•`` whose ink is an asterisk's into ``*``; how many were turned."""
    todo = [ln for ln in lines if any(c.text in _DOTS for c in ln.chars)]
    if not todo:
        return 0
    gray = np.asarray(image.convert("L"))
    turned = 0
    for line in todo:
        ink = _ink(gray, line)
        if ink is None:
            continue
        changed = False
        for ch in line.chars:
            if ch.text in _DOTS and _looks_like_asterisk(ink, ch):
                ch.text = "*"
                changed = True
                turned += 1
        if changed:
            _retext(line)
    if turned:
        logger.debug("%d middle dots were asterisks", turned)
    return turned


def _retext(line: RawLine) -> None:
    """The line's text from its characters, keeping its spaces where words change."""
    out: list[str] = []
    for i, ch in enumerate(line.chars):
        if i and ch.word != line.chars[i - 1].word:
            out.append(" ")
        out.append(ch.text)
    line.text = "".join(out)


def page_decimal_marks(lines: Sequence[RawLine]) -> dict[str, int]:
    """How many amounts of the page print ``.`` and ``,`` before exactly two decimals."""
    return {mark: sum(len(rx.findall(ln.text)) for ln in lines)
            for mark, rx in _DECIMALS.items()}


def restore_decimal_points(lines: Sequence[RawLine]) -> int:
    """Put back decimal points a faded amount lost (``2846 19`` → ``2846.19``); how many."""
    candidates = [(ln, m) for ln in lines if (m := _AMOUNT_GAP.match(ln.text.strip()))]
    if not candidates:
        return 0
    counts = page_decimal_marks(lines)
    mark = max(counts, key=lambda k: counts[k])
    if counts[mark] == 0 or counts[mark] <= counts["," if mark == "." else "."]:
        return 0  # the page does not say which mark it uses
    restored = 0
    for line, m in candidates:
        if m.group("sep") == mark:
            continue  # "2.846 19" with "." decimals elsewhere: not a lost point
        if not m.group("sign") and len(m.group("int").replace(",", "").replace(".", "")) < 2:
            continue  # "2 50" may be two cells: a quantity and a price
        if _insert_point(line, mark):
            restored += 1
    if restored:
        logger.debug("%d decimal points restored", restored)
    return restored


def _insert_point(line: RawLine, mark: str) -> bool:
    chars = line.chars
    words = sorted({c.word for c in chars})
    if len(words) != 2:
        return False
    last = words[-1]
    k = next(i for i, c in enumerate(chars) if c.word == last)
    if k == 0 or len(chars) - k != 2:
        return False
    left, right = chars[k - 1], chars[k]
    gap = (right.t0 - left.t1) * line.length
    if gap <= 0 or gap > MAX_POINT_GAP * max(line.height, 1.0):
        return False
    point = RawChar(mark, left.t1, right.t0, INFERRED_CONFIDENCE, left.word, "inferred")
    for c in chars[k:]:
        c.word = left.word
    chars.insert(k, point)
    _retext(line)
    return True
