"""Where a value may be on a set of pages, and which of those places is it.

:class:`MatchIndex` holds the pages' comparison views and turns a value into
:class:`Candidate` places (exact occurrences, fuzzy windows, word-by-word pieces), then chooses
one: candidates within :data:`CONTENDER_GAP` of the best ratio compete, one standing alone
beats one inside a longer word, then the hint decides (:func:`label_cost` for a point).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from spaceocr.core.matching_align import align
from spaceocr.core.matching_forms import MAX_VALUE, Target, search_targets
from spaceocr.core.matching_geometry import oriented_quad, page_scale
from spaceocr.core.matching_view import PageView, cached_view, normalize
from spaceocr.core.types import Grounding, MatchHint, OcrPage

__all__ = ["CONTENDER_GAP", "MIN_RATIO", "Candidate", "MatchIndex", "label_cost"]

logger = logging.getLogger(__name__)

#: Below this share of located characters a match is junk: no box.
MIN_RATIO = 0.5

#: Candidates this close to the best ratio compete on position (hint, reading order).
CONTENDER_GAP = 0.1


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


class MatchIndex:
    """The comparison views of a set of pages, built once; grounds any number of values."""

    def __init__(self, pages: Sequence[OcrPage]) -> None:
        self.pages = tuple(pages)
        self.views = tuple(cached_view(p) for p in self.pages)

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
        targets = search_targets(value)
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
        _targets_cache: list[Target] | None = None,
    ) -> list[Candidate]:
        """Every place ``value`` may be, best ratio first (only those >= MIN_RATIO).

        ``exclude`` holds (page index, char index) pairs other values took: those characters
        are masked, so the search finds the next best place instead.
        """
        targets = _targets_cache or search_targets(value)
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
        t = normalize(value)[:MAX_VALUE]
        if not t:
            return []
        return self._exact([Target(t, 0, 0)])

    # -- searching -----------------------------------------------------------------------
    def _exact(self, targets: list[Target], texts: Sequence[str] | None = None) -> list[Candidate]:
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

    def _fuzzy(self, t: Target, texts: Sequence[str] | None = None) -> list[Candidate]:
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
                res = align(v, text[lo:hi])
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
                ts = search_targets(w)
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
        self, vn: int, t: Target, start: int, end: int, matches: int, inserted: int,
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
        w, h = page_scale(page)
        x, y = _mean_center(self.views[c.view_no], c.chars)
        return region[0] <= x / w <= region[2] and region[1] <= y / h <= region[3]

    def _near_point(self, hint: MatchHint | None) -> tuple[int | None, float, float] | None:
        """(view number or None, x px, y px) of the hint's point, or of its cited chars."""
        if hint is None:
            return None
        vn = self._view_no(hint.page_index)
        if hint.near is not None:
            page = self.pages[vn if vn is not None else 0]
            w, h = page_scale(page)
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
        self, targets: list[Target], hint: MatchHint | None
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


def label_cost(view: PageView, chars: Sequence[int], x: float, y: float) -> float:
    """How well a candidate sits for a label that ends at pixel point (x, y); lower is better.

    Measured in the page's reading frame, so a tilted scan keeps a row a row. A value follows
    its label on the same row (any distance along it: cost 1..2), or stands below it (2 and
    up, one per line); left of the label on its row, or above it, costs 3 and up.
    """
    w, _ = page_scale(view.page)
    along, across, lh = view.offset(chars, x, y)
    if abs(across) <= 0.6 * lh:
        return (1.0 if along >= -0.5 * lh else 3.0) + abs(along) / w
    if across > 0:
        return 1.0 + across / lh + abs(along) / w
    return 3.0 + abs(across) / lh + abs(along) / w
