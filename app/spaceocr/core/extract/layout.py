"""The page as a clerk reads it: words, cells (words close together) and rows, straightened.

The OCR gives characters with quads. Scanned pages are often a little tilted, so a label on the
left and its value on the right of the same printed line can sit a line apart in raw page
coordinates; this module measures the page's skew from its text lines, turns every box back by
it, and then groups characters into words, words into *cells* (a run of words with no wide gap)
and cells into *rows* (cells side by side on one printed line).

Every piece of text keeps, position by position, the index of the OCR character it came from,
so a value found in a row's text maps back to ``OcrPage.chars`` for the matcher.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from spaceocr.core.extract.patterns import nfkc
from spaceocr.core.types import OcrPage

__all__ = ["Cell", "PageLayout", "Row", "Span", "build_layout", "detect_language"]


@dataclass(slots=True)
class Span:
    """A text with, for each position, the index of its OCR char (-1 for separators)."""

    text: str
    idx: list[int]

    def sub(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], self.idx[start:end])

    def stripped(self, chars: str = " :：-–|#") -> Span:
        a, b = 0, len(self.text)
        while a < b and (self.text[a] in chars or self.text[a].isspace()):
            a += 1
        while b > a and (self.text[b - 1] in chars or self.text[b - 1].isspace()):
            b -= 1
        return self.sub(a, b)

    @property
    def chars(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(i for i in self.idx if i >= 0))


@dataclass(slots=True)
class Cell:
    """Words of one OCR line with no wide gap between them; boxes are deskewed."""

    page: int
    span: Span  #: the comparison view (NFKC), position-aligned with ``idx``
    x0: float
    y0: float
    x1: float
    y1: float
    line_no: int
    row: int = -1

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Row:
    """Cells side by side on one printed line, left to right."""

    page: int
    index: int
    cells: list[Cell]
    y0: float = 0.0
    y1: float = 1.0
    span: Span = field(default_factory=lambda: Span("", []))
    starts: list[int] = field(default_factory=list)  #: where each cell starts in ``span``

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def h(self) -> float:
        return statistics.median(c.h for c in self.cells) if self.cells else 0.0

    def cell_at(self, pos: int) -> int:
        """Index of the cell that holds text position ``pos``."""
        k = 0
        for i, s in enumerate(self.starts):
            if s <= pos:
                k = i
        return k


@dataclass(slots=True)
class PageLayout:
    """One page: its rows top to bottom, and how the original chars map to them."""

    page: OcrPage
    rows: list[Row]
    angle: float
    char_box: dict[int, tuple[float, float, float, float]]
    aspect: float = 1.0


def _angle(page: OcrPage) -> float:
    """The page's skew in radians, from the slope of its longer text lines (in pixels)."""
    w, h = max(page.width_px, 1), max(page.height_px, 1)
    angles: list[tuple[float, float]] = []
    for line in page.lines():
        if len(line) < 3:
            continue
        a, b = line[0].quad.center, line[-1].quad.center
        dx, dy = (b.x - a.x) * w, (b.y - a.y) * h
        if dx <= 0 or abs(dy) > abs(dx) * 0.3:
            continue
        angles.append((math.atan2(dy, dx), dx))
    if not angles:
        return 0.0
    angles.sort()
    total = sum(wt for _, wt in angles)
    acc = 0.0
    for ang, wt in angles:
        acc += wt
        if acc >= total / 2:
            return ang
    return angles[-1][0]


def build_layout(page: OcrPage) -> PageLayout:
    """Words, cells and rows of a page, with the page's skew taken out."""
    ang = _angle(page)
    if abs(ang) < 0.002:
        ang = 0.0
    w, h = max(page.width_px, 1), max(page.height_px, 1)
    cos, sin = math.cos(-ang), math.sin(-ang)

    def rot(x: float, y: float) -> tuple[float, float]:
        px, py = (x - 0.5) * w, (y - 0.5) * h
        return ((px * cos - py * sin) / w + 0.5, (px * sin + py * cos) / h + 0.5)

    char_box: dict[int, tuple[float, float, float, float]] = {}
    for i, ch in enumerate(page.chars):
        pts = [rot(p.x, p.y) for p in ch.quad.points]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        char_box[i] = (min(xs), min(ys), max(xs), max(ys))

    # words: consecutive chars with the same (line_no, word_no)
    words: list[tuple[int, list[int]]] = []
    for i, ch in enumerate(page.chars):
        if not ch.text:
            continue
        if words and words[-1][0] == ch.line_no and page.chars[words[-1][1][-1]].word_no == (
            ch.word_no
        ):
            words[-1][1].append(i)
        else:
            words.append((ch.line_no, [i]))

    cells: list[Cell] = []
    cur: list[list[int]] = []

    def flush() -> None:
        if not cur:
            return
        text_parts: list[str] = []
        idx: list[int] = []
        for k, wd in enumerate(cur):
            if k:
                text_parts.append(" ")
                idx.append(-1)
            for ci in wd:
                t = nfkc(page.chars[ci].text)
                text_parts.append(t)
                idx.extend([ci] * len(t))
        boxes = [char_box[ci] for wd in cur for ci in wd]
        cells.append(Cell(
            page.index, Span("".join(text_parts), idx),
            min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes),
            page.chars[cur[0][0]].line_no,
        ))
        cur.clear()

    prev_line = None
    for line_no, wd in words:
        if line_no != prev_line:
            flush()
        elif cur:
            last = char_box[cur[-1][-1]]
            first = char_box[wd[0]]
            hh = max(last[3] - last[1], first[3] - first[1]) * h
            gap = (first[0] - last[2]) * w
            if gap > max(1.6 * hh, 0.02 * w) or first[0] < last[0] - 0.01:
                flush()
        cur.append(wd)
        prev_line = line_no
    flush()

    rows = _rows(cells, page.index)
    return PageLayout(page, rows, ang, char_box, w / h)


def _rows(cells: list[Cell], page_index: int) -> list[Row]:
    """Group cells into printed lines: overlapping in y by at least half the smaller height."""
    order = sorted(cells, key=lambda c: (c.cy, c.x0))
    groups: list[list[Cell]] = []
    for c in order:
        best = None
        best_ov = 0.0
        for g in groups[-6:]:
            gy0 = statistics.median(x.y0 for x in g)
            gy1 = statistics.median(x.y1 for x in g)
            ov = min(gy1, c.y1) - max(gy0, c.y0)
            ref = min(gy1 - gy0, c.h)
            if ref <= 0:
                continue
            r = ov / ref
            # a cell must not overlap one already in the row horizontally
            if r >= 0.55 and r > best_ov and not any(
                min(x.x1, c.x1) - max(x.x0, c.x0) > 0.3 * min(x.x1 - x.x0, c.x1 - c.x0)
                for x in g
            ):
                best, best_ov = g, r
        if best is None:
            groups.append([c])
        else:
            best.append(c)
    groups.sort(key=lambda g: statistics.median(x.cy for x in g))
    rows: list[Row] = []
    for k, g in enumerate(groups):
        g.sort(key=lambda c: c.x0)
        text_parts: list[str] = []
        idx: list[int] = []
        starts: list[int] = []
        for j, c in enumerate(g):
            if j:
                text_parts.append("   ")
                idx.extend([-1, -1, -1])
            starts.append(sum(len(t) for t in text_parts))
            text_parts.append(c.text)
            idx.extend(c.span.idx)
            c.row = k
        rows.append(Row(page_index, k, g, min(c.y0 for c in g), max(c.y1 for c in g),
                        Span("".join(text_parts), idx), starts))
    return rows


# ----------------------------------------------------------------------------- language
_HANS_ONLY = set("发票们这说时间问题国际东电车书买卖单价额计税证号码开务负责项规邮编货运输费贸"
                 "图门页报网络资产销户银长区广应门联系统实达华宏阳鸿总经")
_HANT_ONLY = set("發們這說時間問題國際東電車書買賣單價額計稅證號碼開務負責項規郵編貨運輸費貿"
                 "圖門頁報網絡資產銷戶銀長區廣應門聯繫統實達華宏陽鴻總經")
_COMMON = _HANS_ONLY & _HANT_ONLY
_HANS_ONLY -= _COMMON
_HANT_ONLY -= _COMMON
_LATIN_WORDS = {
    "de": ("rechnung", "datum", "betrag", "summe", "steuer", "mwst", "ust", "gmbh", "netto",
           "brutto", "zahlung", "menge", "preis", "bitte", "und", "der", "die", "das", "für"),
    "fr": ("facture", "montant", "total ttc", "tva", "date", "prix", "quantité", "client",
           "échéance", "le", "la", "les", "des", "pour", "et", "hors taxes", "à payer"),
    "nl": ("factuur", "bedrag", "totaal", "btw", "datum", "prijs", "aantal", "klant",
           "het", "een", "van", "voor", "en", "betaling", "artikel"),
    "en": ("invoice", "total", "amount", "date", "tax", "price", "qty", "customer", "the",
           "and", "for", "of", "to", "due", "subtotal", "receipt", "thank", "you"),
}


def detect_language(pages: Sequence[OcrPage]) -> str:
    """The document's language from its script mix (and, for Latin text, common words)."""
    kana = hangul = han = latin = hans = hant = 0
    text_parts: list[str] = []
    for p in pages[:3]:
        t = p.text
        text_parts.append(t)
        for ch in t:
            o = ord(ch)
            if 0x3040 <= o <= 0x30FF:
                kana += 1
            elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
                hangul += 1
            elif 0x4E00 <= o <= 0x9FFF:
                han += 1
                if ch in _HANS_ONLY:
                    hans += 1
                elif ch in _HANT_ONLY:
                    hant += 1
            elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
                latin += 1
    cjk = kana + han
    if hangul >= 3 and hangul >= 0.5 * cjk and hangul >= 0.2 * latin:
        return "ko"
    if kana >= 3 and kana >= 0.04 * han:
        return "ja"
    joined = "".join(text_parts)
    ja_marks = r"株式会社|有限会社|合同会社|〒|[都道府県][^\s]{0,6}[市区町村]|様|御中"
    if han >= 4 and re.search(ja_marks, joined):
        return "ja"
    if han >= 4 and han * 2 >= latin * 0.3:
        return "zh-Hant" if hant > hans else "zh-Hans"
    text = nfkc(" ".join(text_parts)).casefold()
    words = re.findall(r"[^\W\d_]+", text)
    counts = dict.fromkeys(_LATIN_WORDS, 0)
    wordset: dict[str, int] = {}
    for wd in words:
        wordset[wd] = wordset.get(wd, 0) + 1
    for lang, vocab in _LATIN_WORDS.items():
        for v in vocab:
            if " " in v:
                counts[lang] += text.count(v)
            else:
                counts[lang] += wordset.get(v, 0)
    best = max(counts, key=lambda k: (counts[k], k == "en"))
    if counts[best] == 0:
        return "en"
    if best != "en" and counts[best] < counts["en"] * 0.8:
        return "en"
    return best
