"""Page geometry for table reading: deskewed characters grouped into visual lines and cells.

OCR lines do not always follow a table's rows (a photo taken at an angle, an engine that cuts
a row into boxes), so the table reader rebuilds lines from the characters' positions: the page
skew is estimated from the characters, every centre is rotated back by it, and characters
whose rotated centres share a band become one :class:`VisualLine`. Inside a line, characters
separated by a wide gap start a new :class:`Segment` (a table cell, or a receipt's price).

All coordinates here are in *pixels of the deskewed page* (page-relative values scaled by the
page size), so distances compare the same way across and down the page.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from spaceocr.core.types import OcrChar, OcrPage

__all__ = ["Segment", "VisualLine", "estimate_skew", "page_lines"]

#: A gap wider than this many character heights separates two segments (cells) of a line.
SEGMENT_GAP = 1.2
#: A gap wider than this many character heights between two characters is a printed space.
SPACE_GAP = 0.22
#: Between two kanji (or a kanji and a kana) a printed space is at least half an em.
CJK_SPACE_GAP = 0.5
#: Inside a run of katakana (or of hiragana) Japanese prints no space but a full-width one,
#: while the engines' estimated boxes of narrow and small kana (ー, ッ, ィ) leave gaps of up to
#: ~0.7 em: only a gap of a whole em is a space there (``ノートパソコン``, not ``ノー トパソコン``).
KANA_SPACE_GAP = 1.0


@dataclass(frozen=True, slots=True)
class _Glyph:
    index: int  #: index into OcrPage.chars
    text: str
    x0: float
    x1: float
    yc: float
    h: float
    word: int


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters of one line that sit together: a cell's text, with where it is."""

    text: str  #: as printed, words separated by one space
    char_indices: tuple[int, ...]  #: into OcrPage.chars, one per character of ``text``
    x0: float
    x1: float
    y0: float
    y1: float
    h: float  #: median character height
    xs: tuple[tuple[float, float], ...] = ()  #: x range of each position of ``text``

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def compact(self) -> str:
        """The text without spaces."""
        return "".join(self.text.split())

    def sub(self, start: int, end: int) -> Segment:
        """The part of this segment spelling ``text[start:end]`` (outer spaces trimmed)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise ValueError("empty sub-segment")
        xs = self.xs[start:end] or ((self.x0, self.x1),)
        return Segment(
            text=self.text[start:end],
            char_indices=self.char_indices[start:end],
            x0=min(a for a, _ in xs),
            x1=max(b for _, b in xs),
            y0=self.y0,
            y1=self.y1,
            h=self.h,
            xs=self.xs[start:end],
        )

    def words(self) -> list[Segment]:
        """The segment cut at its spaces."""
        out = []
        start = None
        for k, c in enumerate(self.text + " "):
            if c.isspace():
                if start is not None:
                    out.append(self.sub(start, k))
                    start = None
            elif start is None:
                start = k
        return out


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One line of the deskewed page: its segments from left to right."""

    page_index: int
    segments: tuple[Segment, ...]
    y0: float
    y1: float
    h: float  #: median character height

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return "  ".join(s.text for s in self.segments)


def _char_center_px(ch: OcrChar, w: int, h: int) -> tuple[float, float]:
    c = ch.quad.center
    return c.x * w, c.y * h


def estimate_skew(page: OcrPage) -> float:
    """The page's text angle in radians (positive: lines run down to the right).

    The median over OCR lines of the slope through their character centres, falling back to
    the characters' own quad angles when the lines are too short to tell.
    """
    w, h = max(page.width_px, 1), max(page.height_px, 1)
    angles: list[float] = []
    for line in page.lines():
        if len(line) < 4:
            continue
        pts = [_char_center_px(c, w, h) for c in line]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        span = max(xs) - min(xs)
        hs = [(c.quad.bbox[3] - c.quad.bbox[1]) * h for c in line]
        if span < 3 * statistics.median(hs):
            continue
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx <= 0:
            continue
        slope = sum((x - mx) * (y - my) for x, y in pts) / sxx
        angles.append(math.atan(slope))
    if len(angles) >= 3:
        return statistics.median(angles)
    quad_angles = []
    for c in page.chars:
        q = c.quad
        dx, dy = (q.tr.x - q.tl.x) * w, (q.tr.y - q.tl.y) * h
        if dx > 0:
            quad_angles.append(math.atan2(dy, dx))
    if quad_angles:
        return statistics.median(quad_angles)
    return statistics.median(angles) if angles else 0.0


def _glyphs(page: OcrPage, angle: float) -> list[_Glyph]:
    w, h = max(page.width_px, 1), max(page.height_px, 1)
    cos, sin = math.cos(angle), math.sin(angle)
    out: list[_Glyph] = []
    for i, ch in enumerate(page.chars):
        if not ch.text.strip():
            continue
        pts = [(p.x * w, p.y * h) for p in ch.quad.points]
        dx, dy = pts[1][0] - pts[0][0], pts[1][1] - pts[0][1]
        if dx or dy:
            turn = math.atan2(dy, dx) - angle
            turn = (turn + math.pi) % (2 * math.pi) - math.pi
            if abs(turn) > math.radians(35):
                continue  # text running up or down the margin, not part of the rows
        # rotate by -angle: x' = x cos + y sin, y' = -x sin + y cos
        rx = [x * cos + y * sin for x, y in pts]
        ry = [-x * sin + y * cos for x, y in pts]
        out.append(
            _Glyph(
                index=i,
                text=ch.text,
                x0=min(rx),
                x1=max(rx),
                yc=(min(ry) + max(ry)) / 2,
                h=max(max(ry) - min(ry), 1e-6),
                word=ch.word_no,
            )
        )
    return out


def _group_lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Band glyphs by their rotated centre: words stay together, then words join lines."""
    words: dict[int, list[_Glyph]] = {}
    for g in glyphs:
        words.setdefault(g.word, []).append(g)
    # a word whose characters sit in different bands (an engine's merged word) is split up
    units: list[list[_Glyph]] = []
    for ws in words.values():
        ws.sort(key=lambda g: g.x0)
        cur = [ws[0]]
        for g in ws[1:]:
            hh = statistics.median([x.h for x in cur])
            if abs(g.yc - statistics.fmean([x.yc for x in cur])) > 0.6 * hh:
                units.append(cur)
                cur = [g]
            else:
                cur.append(g)
        units.append(cur)
    items = []
    for u in units:
        items.append((statistics.fmean([g.yc for g in u]), statistics.median([g.h for g in u]), u))
    items.sort(key=lambda t: t[0])
    lines: list[tuple[float, float, list[_Glyph]]] = []  # (mean yc, median h, glyphs)
    for yc, hh, u in items:
        best = None
        for k in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            lyc, lh, _ = lines[k]
            if abs(yc - lyc) <= 0.5 * min(hh, lh) + 0.15 * max(hh, lh):
                best = k
                break
        if best is None:
            lines.append((yc, hh, list(u)))
        else:
            lyc, lh, gl = lines[best]
            gl.extend(u)
            lines[best] = (
                statistics.fmean([g.yc for g in gl]),
                statistics.median([g.h for g in gl]),
                gl,
            )
    return [gl for _, _, gl in sorted(lines, key=lambda t: t[0])]


def _unspaced_script(ch: str) -> bool:
    """Kana, Han and CJK punctuation: scripts written without spaces between words (Hangul
    is written with spaces, so it is not one of them)."""
    if not ch:
        return False
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x3400 <= o <= 0x9FFF  # CJK ideographs (and extension A)
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFF01 <= o <= 0xFF60  # full-width forms
        or 0xFF65 <= o <= 0xFF9F  # half-width katakana
    )


def _kana_script(ch: str) -> str | None:
    """``"katakana"`` or ``"hiragana"`` for a kana (the prolonged sound mark ``ー`` and the
    iteration marks go with either), else None."""
    if not ch:
        return None
    o = ord(ch)
    if 0x30A0 <= o <= 0x30FF or 0xFF65 <= o <= 0xFF9F or 0x31F0 <= o <= 0x31FF:
        return "any" if ch in "ー・" else "katakana"
    if 0x3040 <= o <= 0x309F:
        return "hiragana"
    return None


def _same_kana_run(a: str, b: str) -> bool:
    """True when two neighbouring characters belong to one run of the same kana script."""
    ka, kb = _kana_script(a), _kana_script(b)
    if ka is None or kb is None:
        return False
    return ka == kb or "any" in (ka, kb)


#: Full-width punctuation whose glyph fills only half of its em box, the other half blank by
#: design: right of a comma or closing bracket, left of an opening one (not spaces).
_CJK_BLANK_AFTER = set("、。，．：；」』）】〕〉》’”")
_CJK_BLANK_BEFORE = set("「『（【〔〈《‘“")


def _space_limit(p: str, g: str) -> float:
    """How many character heights a gap between ``p`` and ``g`` must exceed to be a space."""
    if _same_kana_run(p, g) or p in _CJK_BLANK_AFTER or g in _CJK_BLANK_BEFORE:
        return KANA_SPACE_GAP
    if _unspaced_script(p) and _unspaced_script(g):
        return CJK_SPACE_GAP
    return SPACE_GAP


def _segments(gl: list[_Glyph]) -> list[Segment]:
    gl = sorted(gl, key=lambda g: (g.x0, g.x1))
    hmed = statistics.median([g.h for g in gl])
    runs: list[list[_Glyph]] = [[gl[0]]]
    for g in gl[1:]:
        gap = g.x0 - max(x.x1 for x in runs[-1])
        if gap > SEGMENT_GAP * hmed:
            runs.append([g])
        else:
            runs[-1].append(g)
    out = []
    for run in runs:
        parts: list[str] = []
        idx: list[int] = []
        xs: list[tuple[float, float]] = []
        for k, g in enumerate(run):
            if k:
                p = run[k - 1]
                gap = g.x0 - p.x1
                # a word break of the OCR between two kana/han chars is not a printed space,
                # and their estimated boxes leave gaps: only a gap of half an em is a space
                unspaced = _unspaced_script(p.text[-1:]) and _unspaced_script(g.text[:1])
                limit = _space_limit(p.text[-1:], g.text[:1]) * hmed
                if gap > limit or (g.word != p.word and not unspaced):
                    parts.append(" ")
                    idx.append(-1)
                    xs.append((p.x1, g.x0))
            parts.append(g.text)
            idx.extend([g.index] * len(g.text))
            xs.extend([(g.x0, g.x1)] * len(g.text))
        text = "".join(parts)
        out.append(
            Segment(
                text=text,
                char_indices=tuple(idx),
                x0=min(g.x0 for g in run),
                x1=max(g.x1 for g in run),
                y0=min(g.yc - g.h / 2 for g in run),
                y1=max(g.yc + g.h / 2 for g in run),
                h=statistics.median([g.h for g in run]),
                xs=tuple(xs),
            )
        )
    return out


def page_lines(page: OcrPage, angle: float | None = None) -> list[VisualLine]:
    """The page's visual lines, top to bottom, each with its segments left to right."""
    if angle is None:
        angle = estimate_skew(page)
    glyphs = _glyphs(page, angle)
    if not glyphs:
        return []
    out = []
    for gl in _group_lines(glyphs):
        segs = _segments(gl)
        out.append(
            VisualLine(
                page_index=page.index,
                segments=tuple(segs),
                y0=min(s.y0 for s in segs),
                y1=max(s.y1 for s in segs),
                h=statistics.median([g.h for g in gl]),
            )
        )
    return out


def line_chars(line: VisualLine) -> Sequence[int]:
    """Every character index of a line, left to right."""
    return [i for s in line.segments for i in s.char_indices if i >= 0]
