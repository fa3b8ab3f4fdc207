"""Ground extracted values on the characters the OCR saw.

The promise of the product is that a box is never a model's guess: :func:`ground` finds the span
of OCR characters that best spells a value and builds the box from *those characters*, and
``match_ratio`` says how much of the value was found there.

How a value is found
--------------------
1. Both the value and every page are put in a *comparison view* (:func:`normalize`): NFKC
   (full-width and half-width forms fold together), case-folded, whitespace dropped (so
   ``山田　太郎`` matches ``山田太郎`` and ``Oat milk 2 qt`` tolerates OCR spacing), dashes unified,
   ``\\`` read as ``¥`` and ``W`` before a digit read as ``₩``, thousands separators between
   digits dropped. Every view character remembers the OCR character it came from, so the
   original characters give the box. A page's view is built once and cached
   (:class:`MatchIndex`), because a document's 15-40 values are grounded over the same pages.
2. Exact occurrences first (``str.find`` on the view; a view runs across lines, so a value
   printed over two lines is one occurrence).
3. Otherwise a fuzzy search: rapidfuzz's ``partial_ratio_alignment`` proposes windows (each
   line, each pair of lines, the whole page) and a small semi-global edit-distance alignment
   on each window gives the exact span and the number of value characters located. One
   misread character lowers the ratio instead of losing the box.
4. A value whose words the OCR put in separate places is grounded word by word and the pieces
   joined when they sit close together.
5. A value that is a normalised form (an ISO date, a plain decimal, a 24-hour time) is also
   looked for in the printed forms it may have (:func:`printed_forms`): ``2026-05-18`` as
   ``令和8年5月18日``, ``2026年5月18日``, ``18.05.2026``, ``May 18, 2026``; ``19507.47`` as
   ``19.507,47``. A currency mark that the page prints differently (``¥2,530`` for
   ``2,530円``) counts as located.

``match_ratio`` = value characters located / (value characters + extra characters inside the
span), on the comparison view: 1.0 means every character was located; below
:data:`MIN_RATIO` the match is junk and there is no box at all.

Choosing between repeats
------------------------
Candidates within :data:`CONTENDER_GAP` of the best ratio compete. A candidate that sits inside
a longer word or number (``230`` inside ``2,300``) loses to one that stands alone. Then the hint
decides: the characters an extractor cites (used directly when they spell the value), a page,
a region, a point (a label's position; candidates to its right or below are preferred).
Without a hint the first in reading order wins. ``is_ambiguous`` records that more than one
place fitted equally well.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from spaceocr.core.types import Grounding, MatchHint, OcrPage, Point, Quad

__all__ = [
    "CONTENDER_GAP",
    "MIN_RATIO",
    "Candidate",
    "MatchIndex",
    "PageView",
    "ground",
    "label_cost",
    "normalize",
    "oriented_quad",
    "printed_forms",
    "quad_for_chars",
]

logger = logging.getLogger(__name__)

#: Below this share of located characters a match is junk: no box.
MIN_RATIO = 0.5

#: Candidates this close to the best ratio compete on position (hint, reading order).
CONTENDER_GAP = 0.1

_DASHES = dict.fromkeys("‐‑‒–—―−﹣－⁃", "-")
_CURRENCY_CLASSES = (
    frozenset("¥円"),  # yen
    frozenset("¥元圆圓"),  # yuan
    frozenset("₩원"),  # won
    frozenset("$"),
    frozenset("€"),
    frozenset("£"),
)
_CURRENCY_CHARS = frozenset().union(*_CURRENCY_CLASSES)
_THOUSANDS = frozenset(",'’")
_JOINERS = frozenset(".@_")  #: characters that join two runs into one token (12.50, a@b)
_MAX_VALUE = 400  #: longer values are clipped before alignment (no field is this long)


# ----------------------------------------------------------------------------- the view
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
            w, h = _page_scale(self.page)
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
        w, h = _page_scale(self.page)
        pa = [p.x * w * ux + p.y * h * uy for p in ca.quad.points]
        pb = [p.x * w * ux + p.y * h * uy for p in cb.quad.points]
        gap = max(min(pb) - max(pa), min(pa) - max(pb), 0.0)
        return gap <= 0.5 * lh

    def center_px(self, char_index: int) -> tuple[float, float]:
        """A character's centre in page pixels."""
        if self._centers is None:
            w, h = _page_scale(self.page)
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


def _page_scale(page: OcrPage) -> tuple[float, float]:
    return float(page.width_px or 1000), float(page.height_px or 1000)


# ----------------------------------------------------------------------------- alignment
def _align(v: str, w: str) -> tuple[int, int, int, int, tuple[int, ...]] | None:
    """Best substring of ``w`` for ``v`` (free ends in ``w``; unit costs).

    Returns (start, end, matches, inserted, matched positions in w) or None when nothing of
    ``v`` is in ``w``.
    """
    m, n = len(v), len(w)
    if m == 0 or n == 0:
        return None
    inf = m + n + 1
    # cost rows; back[i][j]: 0 diag, 1 up (value char missing), 2 left (extra page char)
    prev = [0] * (n + 1)
    back: list[bytearray] = [bytearray(n + 1)]
    for i in range(1, m + 1):
        vi = v[i - 1]
        cur = [inf] * (n + 1)
        b = bytearray(n + 1)
        cur[0] = i
        b[0] = 1
        for j in range(1, n + 1):
            d = prev[j - 1] + (0 if vi == w[j - 1] else 1)
            u = prev[j] + 1
            left = cur[j - 1] + 1
            if d <= u and d <= left:
                cur[j], b[j] = d, 0
            elif u <= left:
                cur[j], b[j] = u, 1
            else:
                cur[j], b[j] = left, 2
        back.append(b)
        prev = cur
    best = min(prev[1:])
    if best >= m:
        return None
    end = prev.index(best, 1)
    # a misread last character is a substitution, not a missing one: keep it in the span
    limit = min(n, end + 2)
    while end < limit and prev[end + 1] == best:
        end += 1
    i, j = m, end
    matches = inserted = 0
    matched: list[int] = []
    while i > 0:
        op = back[i][j] if j > 0 else 1
        if op == 0:
            if v[i - 1] == w[j - 1]:
                matches += 1
                matched.append(j - 1)
            i, j = i - 1, j - 1
        elif op == 1:
            i -= 1
        else:
            inserted += 1
            j -= 1
    if matches == 0:
        return None
    return j, end, matches, inserted, tuple(reversed(matched))


# ----------------------------------------------------------------------------- candidates
@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a value may be: a span of a page's view and the characters behind it."""

    view_no: int  #: position of the page in the index
    start: int  #: view span
    end: int
    ratio: float
    chars: tuple[int, ...]  #: indexes into the page's chars, in reading order
    embedded: bool = False
    form: int = 0  #: 0 = the value itself, k = its k-th printed form


@dataclass(frozen=True, slots=True)
class _Target:
    text: str  #: comparison view of the form
    missing: int  #: value characters the form does not carry (a dropped currency mark)
    form: int
    marks: tuple[frozenset[str], ...] = ()  #: currency classes that may sit beside it


def _split_currency(view: str) -> tuple[str, str, str]:
    """(leading marks, core, trailing marks) of an amount's view."""
    i, j = 0, len(view)
    while i < j and view[i] in _CURRENCY_CHARS:
        i += 1
    while j > i and view[j - 1] in _CURRENCY_CHARS:
        j -= 1
    return view[:i], view[i:j], view[j:]


def _targets(value: str) -> list[_Target]:
    """The views to look for: the value, its printed forms, its number without the mark."""
    base = normalize(value)[:_MAX_VALUE]
    # a plain number (a normalised amount) takes the currency mark printed beside it
    marks = _CURRENCY_CLASSES if _PLAIN_NUMBER.fullmatch(value.strip()) else ()
    out = [_Target(base, 0, 0, marks)]
    seen = {base}
    for k, form in enumerate(printed_forms(value), 1):
        f = normalize(form)
        if f and f not in seen:
            seen.add(f)
            out.append(_Target(f, 0, k, marks))
    lead, core, trail = _split_currency(base)
    if (lead or trail) and core and any(c.isdigit() for c in core):
        classes = tuple(c for c in _CURRENCY_CLASSES if any(m in c for m in lead + trail))
        out.append(_Target(core, len(lead) + len(trail), len(out), classes))
    return out


class MatchIndex:
    """The comparison views of a set of pages, built once; grounds any number of values."""

    def __init__(self, pages: Sequence[OcrPage]) -> None:
        self.pages = tuple(pages)
        self.views = tuple(_cached_view(p) for p in self.pages)

    # -- public ------------------------------------------------------------------------
    def ground(
        self,
        value: str,
        hint: MatchHint | None = None,
        *,
        exclude: Collection[tuple[int, int]] = (),
    ) -> Grounding | None:
        """Ground ``value`` (see :func:`ground`); ``exclude`` holds (page index, char index)
        pairs already taken by other values (a row's other cells), which a match avoids."""
        if not value or not value.strip() or not self.views:
            return None
        targets = _targets(value)
        if not targets[0].text:
            return None
        from_hint = self._from_hint_chars(targets, hint)
        if from_hint is not None and from_hint.match_ratio >= 0.85:
            return from_hint
        cands = self.candidates(value, exclude=exclude, _targets_cache=targets)
        if not cands:
            return from_hint
        chosen, ambiguous = self._choose(cands, hint)
        if from_hint is not None and from_hint.match_ratio >= chosen.ratio:
            return from_hint
        return self.grounding(chosen, is_ambiguous=ambiguous)

    def candidates(
        self,
        value: str,
        *,
        exclude: Collection[tuple[int, int]] = (),
        _targets_cache: list[_Target] | None = None,
    ) -> list[Candidate]:
        """Every place ``value`` may be, best ratio first (only those >= MIN_RATIO).

        ``exclude`` holds (page index, char index) pairs other values took: those characters
        are masked, so the search finds the next best place instead.
        """
        targets = _targets_cache or _targets(value)
        texts = self._masked(exclude)
        cands = self._exact(targets, texts)
        if not cands:
            for t in targets:
                cands.extend(self._fuzzy(t, texts))
            if not any(c.ratio >= 1.0 for c in cands):
                ex = set(exclude)
                cands.extend(
                    c for c in self._pieces(value)
                    if not any((self.pages[c.view_no].index, i) in ex for i in c.chars)
                )
        cands = [c for c in cands if c.ratio >= MIN_RATIO]
        return _dedupe(sorted(cands, key=lambda c: (-c.ratio, c.form, c.view_no, c.start)))

    def _masked(self, exclude: Collection[tuple[int, int]]) -> list[str]:
        """The views' texts with excluded characters replaced by a character nothing matches."""
        texts = [v.text for v in self.views]
        if not exclude:
            return texts
        by_page: dict[int, set[int]] = {}
        for page_index, char_index in exclude:
            by_page.setdefault(page_index, set()).add(char_index)
        for vn, view in enumerate(self.views):
            gone = by_page.get(self.pages[vn].index)
            if gone:
                texts[vn] = "".join(
                    "\x00" if o in gone else c for c, o in zip(view.text, view.owner, strict=True)
                )
        return texts

    def contenders(self, cands: Sequence[Candidate]) -> list[Candidate]:
        """The candidates that compete on position: near the best ratio, standing alone
        (not inside a longer word or number) when any does."""
        if not cands:
            return []
        best = max(c.ratio for c in cands)
        pool = [c for c in cands if c.ratio >= best - CONTENDER_GAP - 1e-9]
        return [c for c in pool if not c.embedded] or pool

    def grounding(self, c: Candidate, *, is_ambiguous: bool = False) -> Grounding:
        """The :class:`Grounding` of a candidate."""
        page = self.pages[c.view_no]
        return Grounding(
            page_index=page.index,
            quad=oriented_quad(page, c.chars),
            match_ratio=round(c.ratio, 4),
            bbox_source="ocr_chars",
            char_indices=c.chars,
            is_ambiguous=is_ambiguous,
        )

    def exact(self, value: str) -> list[Candidate]:
        """The places ``value`` is printed exactly (on the comparison view), reading order."""
        t = normalize(value)[:_MAX_VALUE]
        if not t:
            return []
        return self._exact([_Target(t, 0, 0)])

    # -- searching -----------------------------------------------------------------------
    def _exact(self, targets: list[_Target], texts: Sequence[str] | None = None) -> list[Candidate]:
        out: list[Candidate] = []
        texts = texts or [pv.text for pv in self.views]
        for t in targets:
            if not t.text:
                continue
            for vn, text in enumerate(texts):
                pos = text.find(t.text)
                while pos >= 0:
                    c = self._candidate(vn, t, pos, pos + len(t.text), len(t.text), 0,
                                        range(pos, pos + len(t.text)))
                    if c.ratio >= 1.0 or t.missing:
                        out.append(c)
                    pos = text.find(t.text, pos + 1)
            if any(c.ratio >= 1.0 for c in out):
                return [c for c in out if c.ratio >= 1.0]
        return out

    def _fuzzy(self, t: _Target, texts: Sequence[str] | None = None) -> list[Candidate]:
        v = t.text
        m = len(v)
        if m < 2:
            return []
        cutoff = 40.0
        out: list[Candidate] = []
        slack = max(2, m // 3)
        texts = texts or [pv.text for pv in self.views]
        for vn, view in enumerate(self.views):
            text = texts[vn]
            if not text:
                continue
            windows: list[tuple[int, int]] = [(0, len(text))]
            spans = view.line_spans
            for k, (a, b) in enumerate(spans):
                windows.append((a, b))
                if k + 1 < len(spans):
                    windows.append((a, spans[k + 1][1]))
            seen: set[tuple[int, int]] = set()
            for a, b in windows:
                al = fuzz.partial_ratio_alignment(v, text[a:b], score_cutoff=cutoff)
                if al is None:
                    continue
                ds, de = a + al.dest_start, a + al.dest_end
                extra = max(0, m - (de - ds))
                lo, hi = max(0, ds - slack - extra), min(len(text), de + slack + extra)
                if (lo, hi) in seen:
                    continue
                seen.add((lo, hi))
                res = _align(v, text[lo:hi])
                if res is None:
                    continue
                s, e, matches, inserted, matched = res
                out.append(self._candidate(vn, t, lo + s, lo + e, matches, inserted,
                                           [lo + p for p in matched]))
        return out

    def _pieces(self, value: str) -> list[Candidate]:
        """A value whose words the OCR put apart: ground word by word, join close pieces.

        Each word after the first must follow the one before it: on the same row a little to
        the right, or at the start of one of the next two rows.
        """
        words = [w for w in value.split() if normalize(w)]
        if len(words) < 2 or len(words) > 12:
            return []
        sizes = [len(normalize(w)) for w in words]
        total = sum(sizes)
        out: list[Candidate] = []
        for vn, view in enumerate(self.views):
            sub = MatchIndex.__new__(MatchIndex)
            sub.pages, sub.views = (view.page,), (view,)
            per_word = []
            for w in words:
                ts = _targets(w)
                cs = sub._exact(ts) or [c for t in ts for c in sub._fuzzy(t)]
                cs = [c for c in cs if c.ratio >= MIN_RATIO and not view.glued(c.start, c.end)]
                per_word.append(sorted(cs, key=lambda c: -c.ratio)[:12])
            if sum(1 for cs in per_word if cs) < 2:
                continue
            starts = next(cs for cs in per_word if cs)
            for first in starts[:6]:
                chain = [first]
                located = first.ratio * sizes[per_word.index(starts)]
                for k in range(per_word.index(starts) + 1, len(words)):
                    nxt = [c for c in per_word[k] if _follows(view, chain[-1], c)]
                    if not nxt:
                        continue
                    best = max(nxt, key=lambda c: c.ratio)
                    chain.append(best)
                    located += best.ratio * sizes[k]
                if len(chain) < 2:
                    continue
                chars = sorted({i for c in chain for i in c.chars})
                out.append(Candidate(vn, chain[0].start, chain[-1].end, located / total,
                                     tuple(chars), chain[0].embedded or chain[-1].embedded))
        return out

    def _candidate(
        self, vn: int, t: _Target, start: int, end: int, matches: int, inserted: int,
        matched: Sequence[int] | range,
    ) -> Candidate:
        view = self.views[vn]
        missing = t.missing
        located_marks = 0
        s, e = start, end
        if t.marks and e > s:
            # a currency mark the page prints beside the number (touching it), in any form
            while (s > 0 and any(view.text[s - 1] in c for c in t.marks)
                   and view.touching(view.owner[s - 1], view.owner[s])):
                s -= 1
                located_marks = 1
            while (e < len(view.text) and any(view.text[e] in c for c in t.marks)
                   and view.touching(view.owner[e - 1], view.owner[e])):
                e += 1
                located_marks = 1
            located_marks = min(located_marks * missing, missing)
        ratio = (matches + located_marks) / (len(t.text) + missing + inserted)
        chars = view.chars_of(range(s, e))
        return Candidate(vn, s, e, min(ratio, 1.0), chars, view.embedded(start, end), t.form)

    # -- choosing ------------------------------------------------------------------------
    def _choose(self, cands: list[Candidate], hint: MatchHint | None) -> tuple[Candidate, bool]:
        best = cands[0].ratio
        pool = [c for c in cands if c.ratio >= best - CONTENDER_GAP - 1e-9]
        if hint is not None and hint.region is not None:
            inside = [c for c in pool if self._in_region(c, hint.region, hint.page_index)]
            pool = inside or pool
        if hint is not None and hint.page_index is not None:
            on_page = [c for c in pool if self.pages[c.view_no].index == hint.page_index]
            pool = on_page or pool
        pool = self.contenders(pool)
        near = self._near_point(hint)
        if near is not None:
            vn_near, nx, ny = near

            def cost(c: Candidate) -> tuple[float, float]:
                if vn_near is not None and c.view_no != vn_near:
                    return (1.0, -c.ratio)
                return (label_cost(self.views[c.view_no], c.chars, nx, ny) - c.ratio, 0.0)

            pool.sort(key=cost)
        else:
            pool.sort(key=lambda c: (-c.ratio, c.form, c.view_no, c.start))
        chosen = pool[0]
        others = [
            c for c in pool[1:]
            if abs(c.ratio - chosen.ratio) <= CONTENDER_GAP and not set(c.chars) & set(chosen.chars)
        ]
        return chosen, bool(others)

    def _in_region(
        self, c: Candidate, region: tuple[float, float, float, float], page_index: int | None
    ) -> bool:
        page = self.pages[c.view_no]
        if page_index is not None and page.index != page_index:
            return False
        w, h = _page_scale(page)
        x, y = _mean_center(self.views[c.view_no], c.chars)
        return region[0] <= x / w <= region[2] and region[1] <= y / h <= region[3]

    def _near_point(self, hint: MatchHint | None) -> tuple[int | None, float, float] | None:
        """(view number or None, x px, y px) of the hint's point, or of its cited chars."""
        if hint is None:
            return None
        vn = self._view_no(hint.page_index)
        if hint.near is not None:
            page = self.pages[vn if vn is not None else 0]
            w, h = _page_scale(page)
            return vn, hint.near.x * w, hint.near.y * h
        if hint.char_indices:
            vn = vn if vn is not None else 0
            view = self.views[vn]
            idx = [i for i in hint.char_indices if 0 <= i < len(view.page.chars)]
            if idx:
                x, y = _mean_center(view, idx)
                return vn, x, y
        return None

    def _view_no(self, page_index: int | None) -> int | None:
        if page_index is None:
            return None
        return next((k for k, p in enumerate(self.pages) if p.index == page_index), None)

    def _from_hint_chars(
        self, targets: list[_Target], hint: MatchHint | None
    ) -> Grounding | None:
        """The hint's cited characters, when they spell the value (trimmed to the match)."""
        if hint is None or not hint.char_indices:
            return None
        vn = self._view_no(hint.page_index)
        vn = 0 if vn is None else vn
        page = self.pages[vn]
        idx = sorted({i for i in hint.char_indices if 0 <= i < len(page.chars)})
        if not idx:
            return None
        sub_page = OcrPage(page.index, page.width_px, page.height_px, page.dpi, page.engine,
                           tuple(page.chars[i] for i in idx))
        sub = MatchIndex.__new__(MatchIndex)
        sub.pages, sub.views = (sub_page,), (PageView(sub_page),)
        cands = [c for c in sub._exact(targets) if c.ratio >= 1.0]
        if not cands:
            for t in targets:
                cands.extend(sub._fuzzy(t))
        cands = sorted((c for c in cands if c.ratio >= MIN_RATIO), key=lambda c: -c.ratio)
        if not cands:
            return None
        best = cands[0]
        chars = tuple(idx[i] for i in best.chars)
        return Grounding(
            page_index=page.index,
            quad=oriented_quad(page, chars),
            match_ratio=round(best.ratio, 4),
            bbox_source=hint.source or "ocr_chars",
            char_indices=chars,
        )


def _follows(view: PageView, prev: Candidate, c: Candidate) -> bool:
    """True when ``c`` can be the next word after ``prev``: same row just right of it, or
    one of the next two rows."""
    if c.start < prev.end and c.chars[0] <= prev.chars[-1]:
        return False
    x, y = view.center_px(prev.chars[-1])
    along, across, lh = view.offset(c.chars[:1], x, y)
    if abs(across) <= 0.6 * lh:
        return -0.5 * lh < along <= 8 * lh
    return 0.6 * lh < across <= 2.6 * lh


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[int, tuple[int, ...]]] = set()
    for c in cands:
        key = (c.view_no, c.chars)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _mean_center(view: PageView, chars: Sequence[int]) -> tuple[float, float]:
    pts = [view.center_px(i) for i in chars]
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _dist(view: PageView, chars: Sequence[int], x: float, y: float) -> float:
    cx, cy = view.center_px(chars[0])
    return math.hypot(cx - x, cy - y)


def _line_height(view: PageView) -> float:
    return view.frame()[2]


def label_cost(view: PageView, chars: Sequence[int], x: float, y: float) -> float:
    """How well a candidate sits for a label that ends at pixel point (x, y); lower is better.

    Measured in the page's reading frame, so a tilted scan keeps a row a row. A value follows
    its label on the same row (any distance along it: cost 1..2), or stands below it (2 and
    up, one per line); left of the label on its row, or above it, costs 3 and up.
    """
    w, _ = _page_scale(view.page)
    along, across, lh = view.offset(chars, x, y)
    if abs(across) <= 0.6 * lh:
        return (1.0 if along >= -0.5 * lh else 3.0) + abs(along) / w
    if across > 0:
        return 1.0 + across / lh + abs(along) / w
    return 3.0 + abs(across) / lh + abs(along) / w


# ----------------------------------------------------------------------------- geometry
def oriented_quad(page: OcrPage, indices: Sequence[int]) -> Quad:
    """The rectangle around some of a page's characters, turned to the characters' angle.

    Computed in pixels (a page is rarely square), clockwise from the text's top-left.
    """
    w, h = _page_scale(page)
    quads = [page.chars[i].quad for i in indices]
    vx = sum((q.tr.x - q.tl.x + q.br.x - q.bl.x) * w for q in quads)
    vy = sum((q.tr.y - q.tl.y + q.br.y - q.bl.y) * h for q in quads)
    norm = math.hypot(vx, vy)
    ux, uy = (vx / norm, vy / norm) if norm > 1e-9 else (1.0, 0.0)
    if abs(uy) < 1e-9:
        ux, uy = (1.0 if ux > 0 else -1.0), 0.0
    nx, ny = -uy, ux
    pts = [(p.x * w, p.y * h) for q in quads for p in q.points]
    a = [x * ux + y * uy for x, y in pts]
    b = [x * nx + y * ny for x, y in pts]
    a0, a1, b0, b1 = min(a), max(a), min(b), max(b)

    def back(s: float, t: float) -> Point:
        return Point((s * ux + t * nx) / w, (s * uy + t * ny) / h)

    return Quad(back(a0, b0), back(a1, b0), back(a1, b1), back(a0, b1))


def quad_for_chars(page: OcrPage, indices: Sequence[int]) -> Quad:
    """The enclosing axis-aligned quad of some of a page's characters."""
    boxes = [page.chars[i].quad.bbox for i in indices]
    return Quad.from_bbox(
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )


# ----------------------------------------------------------------------------- printed forms
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PLAIN_NUMBER = re.compile(r"([-+]?)(\d+)(?:\.(\d+))?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def printed_forms(value: str) -> tuple[str, ...]:
    """Ways a normalised value (ISO date, plain decimal, 24-hour time) may be printed."""
    v = value.strip()
    out: list[str] = []
    if m := _ISO_DATE.fullmatch(v):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return ()
        mm, dd = f"{mo:02d}", f"{d:02d}"
        month, mon = _MONTHS[mo - 1], _MONTHS[mo - 1][:3]
        out += [f"{y}年{mo}月{d}日", f"{y}年{mm}月{dd}日"]
        if y >= 2019:
            era = "元" if y == 2019 else str(y - 2018)
            out += [f"令和{era}年{mo}月{d}日", f"令和{era}年{mm}月{dd}日", f"R{y - 2018}.{mo}.{d}"]
        if 1989 <= y <= 2019:
            out.append(f"平成{y - 1988}年{mo}月{d}日")
        out += [f"{y}년 {mo}월 {d}일", f"{y}/{mm}/{dd}", f"{y}/{mo}/{d}", f"{y}.{mm}.{dd}",
                f"{y}.{mo}.{d}", f"{y}. {mo}. {d}.", f"{dd}.{mm}.{y}", f"{d}.{mo}.{y}",
                f"{mm}/{dd}/{y}", f"{mo}/{d}/{y}", f"{dd}/{mm}/{y}", f"{mon} {d}, {y}",
                f"{month} {d}, {y}", f"{d} {mon} {y}", f"{d} {month} {y}", f"{mon}. {d}, {y}",
                f"{dd}-{mm}-{y}", f"{y}{mm}{dd}"]
    elif m := _PLAIN_NUMBER.fullmatch(v.replace(" ", "")):
        sign, ip, fp = m.group(1), m.group(2), m.group(3)
        neg = sign == "-"
        bodies = []
        if fp is not None:
            bodies += [f"{_group(ip, '.')},{fp}", f"{ip},{fp}", f"{_group(ip, ',')}.{fp}"]
            if set(fp) == {"0"}:
                bodies += [_group(ip, ","), ip]
        else:
            bodies += [_group(ip, "."), _group(ip, ","), f"{_group(ip, ',')}.00",
                       f"{_group(ip, '.')},00"]
        for b in bodies:
            out += [f"-{b}", f"△{b}", f"▲{b}", f"({b})", f"{b}-"] if neg else [b]
    elif m := _TIME.fullmatch(v):
        hh, mi = int(m.group(1)), m.group(2)
        if hh < 24:
            out.append(f"{hh}:{mi}")
            if hh >= 12:
                out += [f"{hh - 12 or 12}:{mi} PM", f"午後{hh - 12}:{mi}", f"오후 {hh - 12}:{mi}"]
            else:
                out += [f"{hh or 12}:{mi} AM", f"午前{hh}:{mi}", f"오전 {hh}:{mi}"]
    return tuple(dict.fromkeys(f for f in out if f != v))


# ----------------------------------------------------------------------------- entry point
_CACHE: OrderedDict[int, tuple[OcrPage, PageView]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 64


def _cached_view(page: OcrPage) -> PageView:
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


def ground(
    value: str, pages: Sequence[OcrPage], hint: MatchHint | None = None
) -> Grounding | None:
    """Find the OCR characters that best spell ``value`` on any of ``pages``.

    Returns a :class:`Grounding` (box from the characters, ``match_ratio`` 0..1, the chars)
    or None when less than :data:`MIN_RATIO` of the value is on the pages.
    """
    return MatchIndex(pages).ground(value, hint)
