"""The comparison view: the text a value and a page are compared in.

NFKC (full-width and half-width forms fold together), case-folded, whitespace dropped, dashes
unified, ``\\`` read as ``¥`` and ``W`` before a digit read as ``₩``, thousands separators
between digits dropped (:func:`normalize`). A page's view (:class:`PageView`) remembers the OCR
character behind every view position, so the original characters give the box, and answers
the geometric questions the matcher asks about those characters (reading direction, words,
neighbours). A page's view is built once and kept in a small cache (:func:`cached_view`).
"""

from __future__ import annotations

import logging
import math
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from spaceocr.core.matching_geometry import page_scale
from spaceocr.core.types import OcrPage

__all__ = ["PageView", "cached_view", "normalize"]

logger = logging.getLogger(__name__)

_DASHES = dict.fromkeys("‐‑‒–—―−﹣－⁃", "-")
_THOUSANDS = frozenset(",'’")
_JOINERS = frozenset(".@_")  #: characters that join two runs into one token (12.50, a@b)


def _units(text: str) -> list[str]:
    """The comparison characters of a piece of text (before the context-dependent pass)."""
    out: list[str] = []
    for c in unicodedata.normalize("NFKC", text).casefold():
        if c.isspace() or unicodedata.category(c) == "Cf":
            continue
        out.append(_DASHES.get(c, "¥" if c == "\\" else c))
    return out


def _finish(units: list[str], owners: list[int]) -> tuple[str, list[int]]:
    """Context rules over a whole view: W before a digit is ₩, thousands separators go."""
    n = len(units)
    keep_u: list[str] = []
    keep_o: list[int] = []
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < n else ""
        prev = units[i - 1] if i > 0 else ""
        if u in _THOUSANDS and prev.isdigit() and nxt.isdigit():
            continue
        if u == "w" and nxt.isdigit() and not ("a" <= prev <= "z"):
            u = "₩"
        keep_u.append(u)
        keep_o.append(owners[i])
    return "".join(keep_u), keep_o


def normalize(text: str) -> str:
    """The comparison view of a text (see the module docstring)."""
    units = _units(text)
    return _finish(units, [0] * len(units))[0]


def _is_wordish(c: str) -> bool:
    return c.isalnum()


class PageView:
    """One page's comparison view, with the OCR character behind every view position."""

    __slots__ = ("_centers", "_frame", "attached", "line_spans", "owner", "page", "text")

    def __init__(self, page: OcrPage) -> None:
        self.page = page
        #: char -> the chars folded into it (a half-width voicing mark after its kana)
        self.attached: dict[int, list[int]] = {}
        units: list[str] = []
        owners: list[int] = []
        for i, ch in enumerate(page.chars):
            for u in _units(ch.text):
                if unicodedata.combining(u) and units:
                    composed = unicodedata.normalize("NFC", units[-1] + u)
                    if len(composed) == 1:
                        units[-1] = composed
                    if owners[-1] != i:
                        self.attached.setdefault(owners[-1], []).append(i)
                    continue
                units.append(u)
                owners.append(i)
        self.text, self.owner = _finish(units, owners)
        spans: list[tuple[int, int]] = []
        start = 0
        for pos in range(1, len(self.owner) + 1):
            if pos == len(self.owner) or (
                page.chars[self.owner[pos]].line_no != page.chars[self.owner[pos - 1]].line_no
            ):
                spans.append((start, pos))
                start = pos
        self.line_spans: tuple[tuple[int, int], ...] = tuple(s for s in spans if s[1] > s[0])
        self._centers: list[tuple[float, float]] | None = None
        self._frame: tuple[float, float, float] | None = None

    def frame(self) -> tuple[float, float, float]:
        """(ux, uy, line height px): the page's reading direction and its typical line height.

        The direction is the median of the characters' top-edge angles, in pixels.
        """
        if self._frame is None:
            w, h = page_scale(self.page)
            angles = sorted(
                math.atan2((c.quad.tr.y - c.quad.tl.y) * h, (c.quad.tr.x - c.quad.tl.x) * w)
                for c in self.page.chars
            )
            a = angles[len(angles) // 2] if angles else 0.0
            heights = sorted(
                math.hypot((c.quad.bl.x - c.quad.tl.x) * w, (c.quad.bl.y - c.quad.tl.y) * h)
                for c in self.page.chars
            )
            lh = heights[len(heights) // 2] if heights else 1.0
            self._frame = (math.cos(a), math.sin(a), max(lh, 1.0))
        return self._frame

    def offset(self, chars: Sequence[int], x: float, y: float) -> tuple[float, float, float]:
        """(along, across, line height): where the chars' centre lies from a pixel point,
        measured along the page's reading direction and across it (down is positive)."""
        ux, uy, lh = self.frame()
        pts = [self.center_px(i) for i in chars]
        cx, cy = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        dx, dy = cx - x, cy - y
        return dx * ux + dy * uy, -dx * uy + dy * ux, lh

    def chars_of(self, positions: Iterable[int]) -> tuple[int, ...]:
        """The characters behind some view positions (with any folded into them), in order."""
        out: dict[int, None] = {}
        for p in positions:
            o = self.owner[p]
            out[o] = None
            for extra in self.attached.get(o, ()):
                out[extra] = None
        return tuple(out)

    def glued(self, start: int, end: int) -> bool:
        """True when a Latin or digit span has any other character of its own OCR word right
        before or after it (``michael`` in ``michael.brown@...``): not a word of its own."""
        chars = self.page.chars
        for pos, neighbour in ((start, start - 1), (end - 1, end)):
            if not 0 <= neighbour < len(self.text) or not self.text[pos].isascii():
                continue
            a, b = chars[self.owner[pos]], chars[self.owner[neighbour]]
            if self.owner[pos] != self.owner[neighbour] and (
                a.line_no == b.line_no and a.word_no == b.word_no
            ):
                return True
        return False

    def touching(self, a: int, b: int) -> bool:
        """True when chars ``a`` and ``b`` are one word: same word, or same line with less
        than half a line height between them."""
        ca, cb = self.page.chars[a], self.page.chars[b]
        if ca.line_no != cb.line_no:
            return False
        if ca.word_no == cb.word_no:
            return True
        ux, uy, lh = self.frame()
        w, h = page_scale(self.page)
        pa = [p.x * w * ux + p.y * h * uy for p in ca.quad.points]
        pb = [p.x * w * ux + p.y * h * uy for p in cb.quad.points]
        gap = max(min(pb) - max(pa), min(pa) - max(pb), 0.0)
        return gap <= 0.5 * lh

    def center_px(self, char_index: int) -> tuple[float, float]:
        """A character's centre in page pixels."""
        if self._centers is None:
            w, h = page_scale(self.page)
            self._centers = [(c.quad.center.x * w, c.quad.center.y * h) for c in self.page.chars]
        return self._centers[char_index]

    def embedded(self, start: int, end: int) -> bool:
        """True when the span continues a word: a letter/digit of the same word touches it,
        or a joiner does (``12`` in ``12.50``, ``brown`` in ``brown@example.com``)."""
        for pos, step in ((start, -1), (end - 1, 1)):
            there = pos + step
            if not self._same_word(pos, there):
                continue
            here, nxt = self.text[pos], self.text[there]
            # a digit run touching letters (12kg) or CJK text (3個) still stands alone
            if _is_wordish(here) and _is_wordish(nxt) and here.isdigit() == nxt.isdigit():
                return True
            if (nxt in _JOINERS and _is_wordish(here) and self._same_word(there, there + step)
                    and _is_wordish(self.text[there + step])):
                return True
        return False

    def _same_word(self, a: int, b: int) -> bool:
        """True when view positions a and b exist and come from two chars of one OCR word."""
        if not (0 <= a < len(self.text) and 0 <= b < len(self.text)):
            return False
        ca, cb = self.owner[a], self.owner[b]
        if ca == cb:
            return False
        x, y = self.page.chars[ca], self.page.chars[cb]
        return x.line_no == y.line_no and x.word_no == y.word_no


_CACHE: OrderedDict[int, tuple[OcrPage, PageView]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 64


def cached_view(page: OcrPage) -> PageView:
    """A page's view, built once while the page object lives in the small cache."""
    key = id(page)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is page:
            _CACHE.move_to_end(key)
            return hit[1]
    view = PageView(page)
    with _CACHE_LOCK:
        _CACHE[key] = (page, view)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return view
