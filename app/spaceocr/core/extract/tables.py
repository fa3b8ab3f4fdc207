"""Line items: find a document's table of goods on the OCR pages and read its rows.

The table is found from its header row (column labels such as 品名 / 数量 / 単価 / 金額,
품명 / 수량 / 단가 / 금액, Description / Qty / Unit price / Amount, Menge, Montant, Bedrag ...)
or, on receipts without a header, from the lines above the totals that end in a price. Its
rows run until the totals (小計 / 合計 / Subtotal / Total / 합계 / 合计 ...); a description
printed on two lines stays one row and a table continuing on the next page continues (a
repeated header is skipped).

Every cell comes back as an :class:`~spaceocr.core.types.ExtractedField` whose ``value`` is the
text as printed, ``normalized`` a plain decimal for numeric cells, and whose ``hint`` names the
``OcrPage.chars`` the cell was read from, so the matcher boxes that occurrence.

Geometry is rebuilt from the characters (:mod:`spaceocr.core.extract.tables_layout`): lines
are the deskewed bands of characters, not the engine's own lines, so a photo taken at an
angle still reads row by row.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from spaceocr.core.extract.tables_layout import Segment, VisualLine, page_lines
from spaceocr.core.extract.tables_vocab import (
    CODE_ROLE,
    HEADER_LABELS,
    IGNORED_ROLE,
    detect_language,
    fold,
    is_note_line,
    is_total_label,
    number_span,
    parse_number,
    split_quantity,
)
from spaceocr.core.templates.schema import FieldSpec
from spaceocr.core.types import ExtractedField, MatchHint, OcrPage

__all__ = ["LineItemTable", "TableRegion", "find_line_items", "find_tables"]

logger = logging.getLogger(__name__)

ROLES = ("description", "quantity", "unit_price", "amount")
NUMERIC_ROLES = ("quantity", "unit_price", "amount")
#: The role of a header column whose label was not recognised (named from its numbers).
UNKNOWN = "?"
#: Roles of columns that are read past: their cells are not returned.
_SKIPPED = (IGNORED_ROLE, CODE_ROLE)


@dataclass(frozen=True, slots=True)
class TableRegion:
    """The part of one page a table covers (page-relative box, header included)."""

    page_index: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class LineItemTable:
    """A table of line items as found on the pages.

    ``rows`` are the cells of each row (child fields named after the spec's children).
    ``regions`` is the area of each page the table covers, header and rows; the totals area
    starts below ``end_y`` (page-relative) on page ``end_page`` (so a totals reader can skip
    what lies inside a region). ``has_header`` is False for receipts read from aligned prices
    alone.
    """

    rows: tuple[tuple[ExtractedField, ...], ...]
    regions: tuple[TableRegion, ...]
    end_page: int
    end_y: float
    has_header: bool
    language: str | None = None

    def contains(self, page_index: int, x: float, y: float) -> bool:
        """True when the point (page-relative) lies inside the table on that page."""
        return any(
            r.page_index == page_index and r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1
            for r in self.regions
        )


# ----------------------------------------------------------------------------- header


@dataclass(frozen=True, slots=True)
class _Column:
    role: str
    x0: float
    x1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def _label_regex(label: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in label if not c.isspace()]
    body = r"\s*".join(chars)
    if label[:1].isascii() and label[:1].isalpha():
        body = r"(?<![a-zà-ÿ])" + body
    if label[-1:].isascii() and (label[-1:].isalpha() or label[-1:] == "."):
        body = body + r"(?![a-zà-ÿ])"
    return re.compile(body)


def _build_label_table(
    extra: dict[str, tuple[str, ...]],
) -> list[tuple[str, str, re.Pattern[str]]]:
    seen: dict[str, str] = {}
    for role, labels in list(HEADER_LABELS.items()) + list(extra.items()):
        for lbl in labels:
            key = "".join(fold(lbl).split())
            if key and key not in seen:
                seen[key] = role
    ordered = sorted(seen.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    return [(role, key, _label_regex(key)) for key, role in ordered]


def _line_text(
    line: VisualLine,
) -> tuple[str, list[tuple[float, float]], list[tuple[int, int]]]:
    """The line's folded text (segments joined by two spaces), each position's x range, and
    where each segment sits in that text."""
    parts: list[str] = []
    xs: list[tuple[float, float]] = []
    spans: list[tuple[int, int]] = []
    pos0 = 0
    for k, seg in enumerate(line.segments):
        if k:
            parts.append("  ")
            xs.extend([(seg.x0, seg.x0)] * 2)
            pos0 += 2
        for pos, c in enumerate(seg.text):
            f = fold(c)
            if len(f) != 1:
                f = c.casefold()[:1] or c
            parts.append(f)
            xs.append(seg.xs[pos] if pos < len(seg.xs) else (seg.x0, seg.x1))
        spans.append((pos0, pos0 + len(seg.text)))
        pos0 += len(seg.text)
    return "".join(parts), xs, spans


def _find_labels(
    text: str, xs: Sequence[tuple[float, float]], labels: list[tuple[str, str, re.Pattern[str]]]
) -> tuple[list[_Column], list[bool]]:
    """The header labels found in a line's folded text (longest first), and which positions
    of the text they took."""
    taken = [False] * len(text)
    cols: list[_Column] = []
    for role, _key, rx in labels:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if any(taken[a:b]):
                continue
            for k in range(a, b):
                taken[k] = True
            cols.append(_Column(role, min(x for x, _ in xs[a:b]), max(x for _, x in xs[a:b])))
    return cols, taken


def _stacked_description(
    top: VisualLine, bottom: VisualLine, labels: list[tuple[str, str, re.Pattern[str]]]
) -> bool:
    """True when a two-line header prints the description label under a code's (article
    number over description): each row then holds the code on its first line and the
    description on its second, the layout of ERP invoices (``Art-Nr`` / ``Bezeichnung``)."""
    text, xs, _ = _line_text(top)
    upper, _ = _find_labels(text, xs, labels)
    text, xs, _ = _line_text(bottom)
    lower, _ = _find_labels(text, xs, labels)
    return any(
        d.role == "description" and u.role in _SKIPPED
        and min(u.x1, d.x1) - max(u.x0, d.x0) > 0.5 * min(u.x1 - u.x0, d.x1 - d.x0)
        for d in lower for u in upper
    ) and not any(u.role == "description" for u in upper)


def _match_header(
    line: VisualLine, labels: list[tuple[str, str, re.Pattern[str]]]
) -> list[_Column] | None:
    """The columns a header line announces, or None when the line is not a header.

    Segments that no label explains (a header the OCR misread) become columns of role
    :data:`UNKNOWN`, named later from the numbers under them.
    """
    text, xs, spans = _line_text(line)
    if re.search(r"\d\s*[\d,.]\s*\d", text):
        return None  # amounts, dates, numbers: a data line, not a header
    cols, taken = _find_labels(text, xs, labels)
    if not cols:
        return None
    content = [k for k, c in enumerate(text) if not c.isspace()]
    covered = sum(1 for k in content if taken[k])
    ignorable = sum(1 for k in content if not taken[k] and not text[k].isalnum())
    unknown: list[Segment] = []
    for seg, (a, b) in zip(line.segments, spans, strict=True):
        own = [k for k in range(a, b) if not text[k].isspace()]
        free = [k for k in own if not taken[k] and text[k].isalnum()]
        if not free:
            continue
        if _is_number(seg.text):
            return None  # a data row, not a header
        if not any(taken[k] for k in own):
            unknown.append(seg)
    roles = {c.role for c in cols if c.role not in _SKIPPED}
    numeric = roles & set(NUMERIC_ROLES)
    if not numeric or not ("description" in roles or len(numeric) >= 3):
        return None
    mostly_labels = covered + ignorable >= 0.75 * len(content)
    if not mostly_labels and (
        len(roles) < 2 or len(unknown) > 3 or any(len(u.compact) > 20 for u in unknown)
    ):
        return None
    cols.extend(_Column(UNKNOWN, u.x0, u.x1) for u in unknown)
    cols.sort(key=lambda c: c.x0)
    # one column per role: a second "amount" (Total after Amount) is not read
    seen: set[str] = set()
    out = []
    amounts = [k for k, c in enumerate(cols) if c.role == "amount"]
    if len(amounts) >= 2:
        # "Amount ... Price ... Total": the rightmost is the line amount; an earlier one left
        # of the unit price, with no quantity column, is the quantity
        price_x = next((c.cx for c in cols if c.role == "unit_price"), None)
        for k in amounts[:-1]:
            c = cols[k]
            if "quantity" not in roles and price_x is not None and c.cx < price_x:
                cols[k] = _Column("quantity", c.x0, c.x1)
                roles.add("quantity")
            else:
                cols[k] = _Column(IGNORED_ROLE, c.x0, c.x1)
    if "amount" not in roles:
        prices = [k for k, c in enumerate(cols) if c.role == "unit_price"]
        if len(prices) >= 2:  # "Prijs per stuk ... Prijs incl. BTW": the last is the amount
            cols[prices[-1]] = _Column("amount", cols[prices[-1]].x0, cols[prices[-1]].x1)
    for c in cols:
        if c.role in seen and c.role not in (*_SKIPPED, UNKNOWN):
            out.append(_Column(IGNORED_ROLE, c.x0, c.x1))
        else:
            seen.add(c.role)
            out.append(c)
    return out


def _header_roles(cols: Sequence[_Column]) -> frozenset[str]:
    return frozenset(c.role for c in cols if c.role not in (*_SKIPPED, UNKNOWN))


# ----------------------------------------------------------------------------- cells


_ONE_LIKE = {"一", "l", "I", "|", "丨", "ー"}


_LOST_POINT = re.compile(r"[¥￥$€]?\d{2,} \d{2}")


def _fix_ocr(name: str, text: str) -> str:
    """Undo the OCR's commonest confusions in a cell (the printed text stays searchable).

    A lone ``一``/``l``/``|`` in a quantity is the digit 1; a kanji ``一`` after katakana is
    the long-vowel mark ``ー`` (コピ一 -> コピー).
    """
    if name == "quantity" and text in _ONE_LIKE:
        return "1"
    if name == "description":
        return re.sub(r"(?<=[\u30a1-\u30fa])一", "ー", text)
    if name in ("unit_price", "amount") and _LOST_POINT.fullmatch(text):
        return text.replace(" ", ".")  # "1418 62": the decimal point was not read
    return text


def _cell(
    name: str, seg: Segment, page_index: int, *, numeric: bool, decimal_comma: bool | None,
    role: str = "",
) -> ExtractedField:
    printed = seg.text.strip()
    value = _fix_ocr(role or name, printed)
    normalized = None
    if numeric:
        n = parse_number(value, decimal_comma=decimal_comma)
        normalized = None if n is None else format(n, "f")
    idx = tuple(sorted({i for i in seg.char_indices if i >= 0}))
    return ExtractedField(
        name=name,
        value=value,
        printed=printed if printed != value else None,
        normalized=normalized,
        hint=MatchHint(page_index=page_index, char_indices=idx, source="ocr_chars"),
    )


def _join(segs: Sequence[Segment]) -> Segment:
    """Segments of one cell (possibly over several lines) as one segment, in reading order."""
    if len(segs) == 1:
        return segs[0]
    text = " ".join(s.text for s in segs)
    idx: list[int] = []
    xs: list[tuple[float, float]] = []
    for k, s in enumerate(segs):
        if k:
            idx.append(-1)
            xs.append((s.x0, s.x0))
        idx.extend(s.char_indices)
        xs.extend(s.xs or [(s.x0, s.x1)] * len(s.text))
    return Segment(
        text=text,
        char_indices=tuple(idx),
        x0=min(s.x0 for s in segs),
        x1=max(s.x1 for s in segs),
        y0=min(s.y0 for s in segs),
        y1=max(s.y1 for s in segs),
        h=statistics.median([s.h for s in segs]),
        xs=tuple(xs),
    )


@dataclass(slots=True)
class _Row:
    page_index: int
    cells: dict[str, list[Segment]] = field(default_factory=dict)
    lines: list[VisualLine] = field(default_factory=list)
    #: the description column also holds another column's values (article numbers)
    shared_description: bool = False
    #: read without a header: the columns' roles are inferred
    inferred: bool = False
    #: a row of a stacked table whose description line is still to come
    awaiting_description: bool = False
    #: what its first line holds in the description column (the code, or the name itself
    #: when the rows are not two lines after all)
    first_description: list[Segment] = field(default_factory=list)
    #: the description is the name before a colon, the note after it was left out
    note_cut: bool = False

    def has_numbers(self) -> bool:
        return any(r in self.cells for r in NUMERIC_ROLES)


def _quantity_seg(seg: Segment) -> Segment:
    """The digits of a quantity cell (``2個`` -> ``2``), or the cell itself."""
    sp = split_quantity(seg.text)
    if sp is None:
        words = seg.words()
        # a unit printed before the count in the same cell ("台 1", "Stk 20")
        if len(words) == 2 and _has_letters(words[0].text) and words[1].text.isdigit():
            return words[1]
        return seg
    (a, b), _ = sp
    try:
        return seg.sub(a, b)
    except ValueError:
        return seg


#: A cell read from a character the OCR was less sure of than this goes to review.
LOW_CHAR_CONFIDENCE = 0.75

_CURRENCY_CHARS = set("¥￥$€£₩円元원@ ")
#: A unit after a quantity: a counter (個, 本, 개) or a word of two letters or more (a single
#: letter may be a misread digit, ``1l``).
_QTY_UNIT = re.compile(
    r"(?<=[\d\s])\s*(?:[個개点點本枚冊台件箱袋]|本入|[A-Za-zÀ-ÿ]{2,8}\.?(?:\(s\))?)\s*$"
)
_EDGE_MARKS = "|｜│¦"
_HANGUL = re.compile(r"[\uac00-\ud7af\u3130-\u318f]")
#: Characters only Simplified Chinese writes (never Japanese or Traditional Chinese), and the
#: Traditional-only forms of common ones: on a page of the other script they are misreads.
_SIMPLIFIED_ONLY = set(
    "费务电脑显纸发开项单价额规备总计为营业购买销册书车门东马见贝页风饮亿乐气关时长间"
    "钱银铁纳识统码质运输设专证劳类货场导线网络软础报处复韩简图说资产实应办题"
)
_TRADITIONAL_ONLY = set(
    "費務電腦顯紙發開項稱單價額規備總計為營業購買銷冊書車門東馬見貝頁風飲億樂條氣關時長間"
    "錢銀鐵納識統碼質運輸設專證勞類貨場導線網絡軟礎寫報處複韓簡圖說資產實應辦題"
)


def _trim_marks(seg: Segment) -> Segment:
    """A cell without the table rules the OCR read as ``|`` at its ends."""
    a, b = 0, len(seg.text)
    while a < b and (seg.text[a] in _EDGE_MARKS or seg.text[a].isspace()):
        a += 1
    while b > a and (seg.text[b - 1] in _EDGE_MARKS or seg.text[b - 1].isspace()):
        b -= 1
    if (a, b) == (0, len(seg.text)) or a >= b:
        return seg
    return seg.sub(a, b)


def _review(
    role: str, whole: Segment, used: Segment, page: OcrPage | None, language: str | None
) -> list[str]:
    """Why a cell should be looked at: shaky characters, or a reading that dropped marks."""
    reasons = []
    if page is not None:
        confs = [
            page.chars[i].confidence for i in used.char_indices if 0 <= i < len(page.chars)
        ]
        if confs and min(confs) < LOW_CHAR_CONFIDENCE:
            reasons.append("low_ocr_confidence")
    if role != "description":
        kept = _trim_marks(whole).text
        if role == "quantity":
            kept = _QTY_UNIT.sub("", kept)  # "2500,0000 KWh", "2個": the unit is printed
        dropped = set(kept) - set(used.text)
        if any(c not in _CURRENCY_CHARS and not c.isspace() for c in dropped):
            reasons.append("ocr_suspect")
    if language in ("ja", "zh-Hans", "zh-Hant") and _HANGUL.search(used.text):
        reasons.append("ocr_suspect")
    foreign = _TRADITIONAL_ONLY if language == "zh-Hans" else _SIMPLIFIED_ONLY
    if language in ("ja", "zh-Hans", "zh-Hant") and any(c in foreign for c in used.text):
        reasons.append("ocr_suspect")  # 費 read as 费 on a Traditional page
    return reasons


def _arithmetic_ok(cells: dict[str, ExtractedField]) -> bool | None:
    """quantity x unit price = amount, when all three are numbers (None when not checkable)."""
    try:
        q, u, a = (Decimal(cells[r].normalized or "") for r in NUMERIC_ROLES)
    except (KeyError, ArithmeticError, ValueError):
        return None
    return abs(q * u - a) <= max(Decimal("0.011"), abs(a) * Decimal("0.0005"))


def _repair(by_role: dict[str, ExtractedField]) -> None:
    """Restore digits the OCR lost next to a misread mark, when the row's arithmetic tells.

    ``3 x @부,080 = ¥3,240``: the unit price is 1,080, and its last digits are the ones read.
    Only a cell whose reading dropped a mark is repaired, only when one repair alone fits,
    and the cell stays under review.
    """
    try:
        q, u, a = (Decimal(by_role[r].normalized or "") for r in NUMERIC_ROLES)
    except (KeyError, ArithmeticError, ValueError):
        return
    if "ocr_suspect" in by_role["quantity"].review_reasons:
        return
    fits: list[tuple[str, Decimal]] = []
    for role, want in (("unit_price", a / q if q else None), ("amount", q * u)):
        cell = by_role[role]
        if want is None or "ocr_suspect" not in cell.review_reasons:
            continue
        if want != want.quantize(Decimal("0.0001")):
            continue
        read = re.sub(r"\D", "", cell.value or "")
        digits = format(want.normalize(), "f").replace(".", "")
        if read and digits.endswith(read) and digits != read:
            fits.append((role, want))
    if len(fits) != 1:
        return
    role, want = fits[0]
    cell = by_role[role]
    others = [by_role[r].value or "" for r in NUMERIC_ROLES if r != role]
    sep = "," if any("," in o for o in others) else ""
    whole, _, frac = format(want, "f").partition(".")
    text = f"{int(whole):,}".replace(",", sep) + (f".{frac}" if frac.strip("0") else "")
    by_role[role] = replace(
        cell, value=text, printed=cell.printed or cell.value, normalized=format(want, "f"),
        review_reasons=tuple(dict.fromkeys((*cell.review_reasons, "repaired"))),
    )


def _row_fields(
    row: _Row,
    names: dict[str, str],
    decimal_comma: bool | None,
    pages: dict[int, OcrPage] | None = None,
    language: str | None = None,
) -> tuple[ExtractedField, ...]:
    by_role: dict[str, ExtractedField] = {}
    page = (pages or {}).get(row.page_index)
    for role in ROLES:
        segs = row.cells.get(role)
        name = names.get(role)
        if not segs or name is None:
            continue
        whole = _join(segs)
        seg = _trim_marks(whole)
        if role == "quantity":
            seg = _quantity_seg(seg)
        elif role in ("unit_price", "amount"):
            seg = _num_seg(seg, decimal_comma) or seg
        cell = _cell(name, seg, row.page_index, numeric=role != "description",
                     decimal_comma=decimal_comma, role=role)
        reasons = _review(role, whole, seg, page, language)
        if cell.printed is not None and role != "description":
            reasons.append("ocr_suspect")  # the value is not quite what the OCR read
        if role == "description":
            if len({round(sg.y0) for sg in segs}) > 1 and len(row.lines) > 1:
                reasons.append("multi_line")  # where one item's name ends is a guess
            if seg.text.rstrip().endswith((":", "：")):
                # "Hot air (litres):": the colon announces a note the item does not have
                seg = _strip_colon(seg)
                cell = _cell(name, seg, row.page_index, numeric=False,
                             decimal_comma=decimal_comma, role=role)
                reasons.append("description_bounds")
            if row.shared_description or row.note_cut:
                reasons.append("description_bounds")
        if role != "description" and cell.normalized is None:
            reasons.append("not_a_number")
        if reasons:
            cell = replace(cell, review_reasons=tuple(dict.fromkeys(reasons)))
        by_role[role] = cell
    if _arithmetic_ok(by_role) is False:
        _repair(by_role)
    if row.inferred:
        # no header was read: only numbers the row's arithmetic confirms are trusted
        checked = _arithmetic_ok(by_role) is True
        for r, c in list(by_role.items()):
            if r == "description" or not checked:
                by_role[r] = replace(
                    c, review_reasons=tuple(dict.fromkeys((*c.review_reasons, "no_header")))
                )
    if _arithmetic_ok(by_role) is False:
        for r in NUMERIC_ROLES:
            c = by_role[r]
            by_role[r] = replace(
                c, review_reasons=tuple(dict.fromkeys((*c.review_reasons, "qty_x_price")))
            )
    return tuple(by_role[r] for r in ROLES if r in by_role)


def _is_number(text: str, decimal_comma: bool | None = None) -> bool:
    return number_span(text, decimal_comma=decimal_comma) is not None


def _num_seg(seg: Segment, decimal_comma: bool | None = None) -> Segment | None:
    """The number inside a numeric cell (a stray ``|`` or misread mark dropped)."""
    sp = number_span(seg.text, decimal_comma=decimal_comma)
    if sp is None:
        return None
    try:
        return seg.sub(*sp)
    except ValueError:
        return None


def _is_quantity(text: str) -> bool:
    return split_quantity(text) is not None or text.strip() in _ONE_LIKE


_CODE = re.compile(r"[#\w][\w./#-]{0,23}")


def _is_code(text: str) -> bool:
    """An article number, SKU or position as printed in its own column: one token with a
    digit in it (``MA512``, ``100230-7``, ``A-100``, ``12``)."""
    t = text.strip()
    return bool(_CODE.fullmatch(t)) and any(c.isdigit() for c in t)


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


_ATTRIBUTE = re.compile(r"^[^\W\d][\w .\-/#]{0,30}?\s*[:：]\s*\S")


def _is_attribute(segs: Sequence[Segment]) -> bool:
    """A ``Label: value`` line printed under an item (an attribute, not more of its name)."""
    return bool(_ATTRIBUTE.match(segs[0].text))


def _is_note(line: VisualLine) -> bool:
    """A note line under an item: ``Label: value`` alone, or a period / date / order number
    (``Abrechnungszeitraum KW 36``) whatever columns its value falls in."""
    if len(line.segments) == 1 and _is_attribute(line.segments):
        return True
    return is_note_line(line.text)


def _is_rule(text: str) -> bool:
    """A separator line: dashes, equals signs, dots."""
    t = "".join(text.split())
    return len(t) >= 3 and all(c in "-=_*.~─━—–‐-·•:" for c in t)


# ----------------------------------------------------------------------------- table mode


def _assign(
    seg: Segment,
    cols: Sequence[_Column],
    edges: dict[int, list[float]] | None = None,
    numeric: bool = False,
    clusters: Sequence[tuple[float, float, int]] = (),
) -> int:
    """The index of the column a segment falls in.

    A cell is left-aligned, centred or right-aligned under its header; numbers are also
    compared with the right edges of the numbers already read in each column, since a
    right-aligned number can sit far from a centred header.
    """

    if numeric and clusters:
        best = None
        for x0, x1, k in clusters:
            ov = min(x1, seg.x1) - max(x0, seg.x0)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, k)
        if best is not None:
            return best[1]

    if not numeric:
        # text between the neighbours of the description header is the description, however
        # far a wide column's text runs from its (often centred) label
        for d, c in enumerate(cols):
            if c.role != "description":
                continue
            lo = -float("inf") if d == 0 else cols[d - 1].x1 + 0.25 * (c.x0 - cols[d - 1].x1)
            hi = float("inf") if d + 1 == len(cols) else (c.x1 + cols[d + 1].x0) / 2
            if lo <= seg.cx <= hi:
                return d

    def dist(k: int) -> float:
        c = cols[k]
        d = min(abs(seg.cx - c.cx), abs(seg.x1 - c.x1), abs(seg.x0 - c.x0))
        if numeric and edges and edges.get(k):
            d = min(d, abs(seg.x1 - statistics.median(edges[k])))
        if numeric and seg.x1 < c.x0:
            # a number ending left of where a header starts shares neither its right edge
            # nor its centre nor its left edge: it is that column's only when none is closer
            d += c.x0 - seg.x1 + seg.h
        return d

    return min(range(len(cols)), key=dist)


def _numeric_clusters(
    lines: Sequence[VisualLine],
    start: int,
    cols: Sequence[_Column],
    decimal_comma: bool | None,
) -> list[tuple[float, float, int]]:
    """The table body's columns of numbers, each tied to the header column it sits under.

    Numbers of one column overlap across rows (they share a right edge, or a centre), so
    overlapping number cells form a column; the columns are then matched to the header's
    labels in left-to-right order, which keeps a right-aligned amount under its own centred
    header rather than the next one.
    """
    segs: list[Segment] = []
    prev: VisualLine | None = None
    for line in lines[start : start + 80]:
        if any(is_total_label(sg.text) for sg in line.segments):
            break
        if prev is not None and line.y0 - prev.y1 > 6 * line.h:
            break
        prev = line
        if _is_note(line):
            continue
        for sg in line.segments:
            if _is_attribute([sg]):
                continue  # "Basis: 150,00" under an item: a note, not a column's value
            if _is_number(sg.text, decimal_comma):
                segs.append(sg)
            elif _is_quantity(sg.text):
                segs.append(_quantity_seg(sg))  # "10 Stk": the unit may be the next column's
            elif " " in sg.text:
                words = sg.words()
                for w in (words[0], words[-1]):
                    if _is_number(w.text, decimal_comma) and not _has_letters(w.text):
                        segs.append(w)
    if not segs:
        return []
    segs.sort(key=lambda sg: sg.x0)
    groups: list[list[float]] = []  # [x0, x1, count]
    for sg in segs:
        if groups and sg.x0 < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], sg.x1)
            groups[-1][2] += 1
        else:
            groups.append([sg.x0, sg.x1, 1])
    clusters = [(g[0], g[1]) for g in groups if g[2] >= 2 or len(segs) < 4]
    n, m = len(clusters), len(cols)
    if n == 0 or n > m:
        return []

    def cost(i: int, j: int) -> float:
        x0, x1 = clusters[i]
        c = cols[j]
        return min(abs((x0 + x1) / 2 - c.cx), abs(x1 - c.x1), abs(x0 - c.x0))

    inf = float("inf")
    f = [[inf] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        f[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            f[i][j] = min(f[i][j - 1], f[i - 1][j - 1] + cost(i - 1, j - 1))
    out: list[tuple[float, float, int]] = []
    i, j = n, m
    while i > 0:
        if j > i and f[i][j] == f[i][j - 1]:
            j -= 1
            continue
        out.append((clusters[i - 1][0], clusters[i - 1][1], j - 1))
        i, j = i - 1, j - 1
    return out[::-1]


def _assign_line(
    line: VisualLine,
    cols: Sequence[_Column],
    decimal_comma: bool | None,
    edges: dict[int, list[float]] | None = None,
    clusters: Sequence[tuple[float, float, int]] = (),
) -> dict[str, list[Segment]]:
    """The line's segments by column role (segments over several columns are cut up).

    ``edges`` collects, per column, the right edges of the numbers placed in it.
    """
    cells: dict[str, list[Segment]] = {}
    for seg in line.segments:
        pieces = [seg]
        if " " in seg.text:
            words = seg.words()
            groups: list[tuple[int, list[Segment]]] = []
            for w in words:
                k = _assign(w, cols, edges, _is_number(w.text, decimal_comma), clusters)
                if groups and groups[-1][0] == k:
                    groups[-1][1].append(w)
                else:
                    groups.append((k, [w]))
            numeric_ok = all(
                cols[k].role == "description" or _is_number(_join(ws).text, decimal_comma)
                or _is_quantity(_join(ws).text)
                or (cols[k].role == CODE_ROLE and len(ws) == 1 and _is_code(ws[0].text))
                or (
                    # "10 Stk": a quantity and, in the unit column next to it, its unit
                    cols[k].role == IGNORED_ROLE and len(ws) == 1 and len(ws[0].text) <= 8
                    and g > 0 and cols[groups[g - 1][0]].role == "quantity"
                )
                for g, (k, ws) in enumerate(groups)
            )
            if len(groups) > 1 and numeric_ok:
                pieces = [_join(ws) for _, ws in groups]
        for p in pieces:
            numeric = _is_number(p.text, decimal_comma) or _is_quantity(p.text)
            k = _assign(p, cols, edges, numeric, clusters)
            col = cols[k]
            if numeric and edges is not None:
                edges.setdefault(k, []).append(p.x1)
            if col.role in _SKIPPED:
                continue
            key = f"{UNKNOWN}{round(col.cx)}" if col.role == UNKNOWN else col.role
            cells.setdefault(key, []).append(p)
    return cells


def _numeric_cells_ok(cells: dict[str, list[Segment]], decimal_comma: bool | None) -> bool:
    """True when a numeric column of the line holds a number (a misread one may not)."""
    for role, segs in cells.items():
        if role == "description" or not segs:
            continue
        text = " ".join(s.text for s in segs)
        ok = _is_quantity(text) if role == "quantity" else _is_number(text, decimal_comma)
        if ok:
            return True
    return False


@dataclass(slots=True)
class _TableState:
    cols: list[_Column]
    roles: frozenset[str]
    rows: list[_Row] = field(default_factory=list)
    pending: list[tuple[VisualLine, list[Segment]]] = field(default_factory=list)
    used_lines: dict[int, list[VisualLine]] = field(default_factory=dict)
    edges: dict[int, list[float]] = field(default_factory=dict)
    clusters: list[tuple[float, float, int]] = field(default_factory=list)
    ended_by_total: bool = False
    #: the header stacks the description under a code: rows are two lines (and notes)
    stacked: bool = False
    end_page: int = 0
    end_y: float = 0.0

    def flush_pending_into_last(self) -> None:
        if self.pending and self.rows:
            last = self.rows[-1]
            for line, segs in self.pending:
                if line.page_index != last.page_index:
                    continue
                last.lines.append(line)
                if _is_note_under(last, segs):
                    last.note_cut = True
                else:
                    last.cells.setdefault("description", []).extend(segs)
        self.pending.clear()


def _cap_height(segs: Sequence[Segment]) -> float | None:
    """The median height of Latin text that has a capital or a digit (whose boxes reach the
    cap height whatever the engine), or None for other text."""
    hs = [s.h for s in segs if any(c.isupper() or c.isdigit() for c in s.text)
          and all(ord(c) < 0x2E80 for c in s.text)]
    return statistics.median(hs) if hs else None


def _is_note_under(row: _Row, segs: Sequence[Segment]) -> bool:
    """True when a description-only line under a row is a note, not more of the name.

    Two layouts say so: the line is indented under the name (a wrapped name starts where the
    name starts), or printed in markedly smaller type (an item's details in small print;
    glyph heights differ that much only between font sizes, not between words).
    """
    desc = row.cells.get("description")
    if not desc or not segs:
        return False
    first = desc[0]
    if segs[0].x0 - first.x0 >= 2.5 * first.h:
        return True  # further in than a hanging indent after "10. "
    main, small = _cap_height([first]), _cap_height(segs)
    return main is not None and small is not None and small <= 0.7 * main


def _read_rows(
    lines: Sequence[VisualLine],
    start: int,
    state: _TableState,
    decimal_comma: bool | None,
) -> None:
    """Read table rows from ``lines[start:]`` until the totals, a wide gap or the page end."""
    prev_y1: float | None = None
    gaps: list[float] = []
    for line in lines[start:]:
        if prev_y1 is not None:
            gap = line.y0 - prev_y1
            typical = statistics.median(gaps) if gaps else line.h
            if gap > max(3.5 * line.h, 3.0 * typical + line.h):
                break
        if line.segments and is_total_label(line.segments[0].text):
            state.ended_by_total = True
            break
        if any(is_total_label(s.text) for s in line.segments):
            # a totals label further right (the totals box under the amount columns)
            state.ended_by_total = True
            break
        if all(_is_rule(s.text) for s in line.segments):
            continue
        if state.rows and _is_note(line):
            continue  # "GTIN: 4012345001235", "Abrechnungszeitraum KW 36" under an item
        cells = _assign_line(line, state.cols, decimal_comma, state.edges, state.clusters)
        if not cells:
            continue
        has_desc = bool(cells.get("description"))
        if state.stacked:
            if not _stacked_line(line, cells, state, decimal_comma):
                continue
        elif _numeric_cells_ok(cells, decimal_comma):
            numeric = {r: v for r, v in cells.items() if r != "description"}
            if has_desc:
                state.flush_pending_into_last()
                row = _Row(line.page_index, dict(cells), [line])
                state.rows.append(row)
            elif state.pending:
                row = _Row(line.page_index, {"description": []}, [])
                for pl, segs in state.pending:
                    row.cells["description"].extend(segs)
                    row.lines.append(pl)
                state.pending.clear()
                row.cells.update(numeric)
                row.lines.append(line)
                state.rows.append(row)
            elif state.rows and not any(r in state.rows[-1].cells for r in numeric):
                state.rows[-1].cells.update(numeric)
                state.rows[-1].lines.append(line)
            else:
                state.rows.append(_Row(line.page_index, dict(numeric), [line]))
        elif has_desc and set(cells) == {"description"}:
            if state.rows and _is_attribute(cells["description"]):
                pass  # "GTIN: 4012...", "Serial no.: ..." under an item: not its name
            else:
                state.pending.append((line, list(cells["description"])))
        else:
            # text in a number column that is not a number: not part of the table body
            if state.rows or state.pending:
                break
            continue
        prev_y1 = line.y1
        if len(state.rows) >= 2:
            gaps = [
                b.lines[0].y0 - a.lines[-1].y1
                for a, b in zip(state.rows, state.rows[1:], strict=False)
                if a.lines and b.lines and a.page_index == b.page_index
            ][-8:]
        state.used_lines.setdefault(line.page_index, []).append(line)
        state.end_page = line.page_index
        state.end_y = line.y1
    _end_stacked_row(state)
    # a description line left at the end belongs to the row above when it sits right under it
    if state.pending and state.rows:
        last = state.rows[-1]
        pl = state.pending[0][0]
        if last.lines and pl.page_index == last.page_index and (
            pl.y0 - last.lines[-1].y1 < 1.2 * max(pl.h, last.lines[-1].h)
        ):
            state.flush_pending_into_last()
    state.pending.clear()


def _stacked_line(
    line: VisualLine,
    cells: dict[str, list[Segment]],
    state: _TableState,
    decimal_comma: bool | None,
) -> bool:
    """Read one line of a stacked table (see :func:`_stacked_description`); False when the
    line is not part of it (text above the first row).

    A row starts at a line holding its amount (its quantity when the table has no amount
    column); what stands in the description column there is the code printed above it. The
    next line's description column is the description; the lines after it, up to the next
    row, are notes (dates, discounts, order numbers) and are read past.
    """
    anchor = "amount" if "amount" in state.roles else "quantity"
    if cells.get(anchor) and _numeric_cells_ok({anchor: cells[anchor]}, decimal_comma):
        _end_stacked_row(state)
        numeric = {r: v for r, v in cells.items() if r != "description"}
        row = _Row(line.page_index, numeric, [line], awaiting_description=True,
                   first_description=list(cells.get("description", [])))
        state.rows.append(row)
        return True
    if not state.rows:
        return False
    last = state.rows[-1]
    if last.awaiting_description and last.page_index == line.page_index:
        desc = _description_text(line, state.cols)
        if desc:
            last.awaiting_description = False
            last.cells["description"] = desc
            last.lines.append(line)
    return True


def _end_stacked_row(state: _TableState) -> None:
    """A stacked row that got no description line keeps what its first line held there."""
    if state.rows and state.rows[-1].awaiting_description:
        last = state.rows[-1]
        last.awaiting_description = False
        if last.first_description:
            last.cells["description"] = last.first_description


def _description_text(line: VisualLine, cols: Sequence[_Column]) -> list[Segment]:
    """The whole segments of a line that start in the description column (a number inside a
    description stays in it), ``Label: value`` notes left out."""
    d = next((k for k, c in enumerate(cols) if c.role == "description"), None)
    if d is None:
        return []
    c = cols[d]
    after = [o.x0 for o in cols[d + 1:] if o.x0 > c.x1 and o.role not in _SKIPPED]
    hi = min(after, default=float("inf"))
    lo = c.x0 - 2 * line.h
    return [sg for sg in line.segments if lo <= sg.x0 < hi and not _is_attribute([sg])]


def _strip_colon(seg: Segment) -> Segment:
    """The segment without the colon that ends it (itself when that leaves nothing)."""
    t = seg.text.rstrip()
    if not t.endswith((":", "：")) or not t[:-1].strip():
        return seg
    return seg.sub(0, len(t) - 1)


_NAME_COLON = re.compile(r"[^:：]*?[^\W\d_][^:：]*?(?<!\d)[:：](?:\s|$)")


def _cut_name_notes(rows: Sequence[_Row]) -> None:
    """Keep only the item name when every row prints ``Name: note`` (``Setup (hours): first
    visit``, ``Cables: assorted lengths``).

    Invoicing software that has a name and a description per item often prints them joined
    by a colon, the description wrapping onto the next line; the name is the item. The cut
    is made only when all rows (two at least) follow the convention on their first line, so a
    single ``Service: on site`` among plain names stays whole; the cut cells go to review.
    """
    firsts: list[tuple[_Row, Segment, int]] = []
    for row in rows:
        segs = row.cells.get("description")
        if not segs:
            continue
        first = segs[0]
        m = _NAME_COLON.match(first.text)
        if m is None or len(m.group(0).strip()) > 60:
            return
        firsts.append((row, first, len(m.group(0).rstrip()) - 1))
    if len(firsts) < 2:
        return
    names = [fold(first.text[:colon]).strip() for _, first, colon in firsts]
    if len(set(names)) < len(names):
        return  # "Service: hosting", "Service: domain": a repeated label, not the names
    for row, first, colon in firsts:
        try:
            row.cells["description"] = [first.sub(0, colon)]
        except ValueError:
            continue
        row.note_cut = True


def _table_mode(
    all_lines: Sequence[list[VisualLine]],
    labels: list[tuple[str, str, re.Pattern[str]]],
    decimal_comma: bool | None,
) -> _TableState | None:
    state: _TableState | None = None
    for lines in all_lines:
        for k, line in enumerate(lines):
            found = _header_at(lines, k, labels)
            if found is None:
                continue
            cols, body, stacked = found
            roles = _header_roles(cols)
            if state is None:
                state = _TableState(cols=list(cols), roles=roles, stacked=stacked)
            elif len(roles & state.roles) < min(2, len(state.roles)):
                continue
            elif not _same_layout(state.cols, cols):
                state.cols = _snap_unknown(state.cols, cols)
                state.edges = {}
            state.used_lines.setdefault(line.page_index, []).extend(lines[k:body])
            state.ended_by_total = False
            state.clusters = _numeric_clusters(lines, body, state.cols, decimal_comma)
            _read_rows(lines, body, state, decimal_comma)
            break
        else:
            # no header on this page: a table cut by the page end continues at the top
            if (
                state is not None and state.rows and not state.ended_by_total and lines
                and state.end_page == lines[0].page_index - 1
            ):
                start = _first_row_line(lines, state, decimal_comma)
                if start is not None:
                    _read_rows(lines, start, state, decimal_comma)
    if state is not None:
        _resolve_unknown(state, decimal_comma)
        _cut_name_notes(state.rows)
        desc = [c for c in state.cols if c.role == "description"]
        shared = any(
            o.role in _SKIPPED and min(o.x1, d.x1) - max(o.x0, d.x0) > 0
            for d in desc for o in state.cols
        )
        for row in state.rows:
            row.shared_description = shared
    return state


def _merge_lines(top: VisualLine, bottom: VisualLine) -> VisualLine:
    """Two lines of a header printed on two lines, as one (stacked labels joined)."""
    segs: list[Segment] = []
    used: set[int] = set()
    for a in top.segments:
        below = [
            (k, b) for k, b in enumerate(bottom.segments)
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0 and k not in used
        ]
        used.update(k for k, _ in below)
        segs.append(_join([a, *(b for _, b in below)]))
    segs.extend(b for k, b in enumerate(bottom.segments) if k not in used)
    segs.sort(key=lambda sg: sg.x0)
    return VisualLine(top.page_index, tuple(segs), top.y0, bottom.y1, top.h)


def _header_at(
    lines: Sequence[VisualLine], k: int, labels: list[tuple[str, str, re.Pattern[str]]]
) -> tuple[list[_Column], int, bool] | None:
    """The header starting at line ``k`` (on one line, or two), where its rows begin, and
    whether it stacks the description under a code (see :func:`_stacked_description`)."""
    line = lines[k]
    best: tuple[list[_Column], int, bool] | None = None
    cols = _match_header(line, labels)
    if cols is not None:
        best = (cols, k + 1, False)
    for a, b in ((k - 1, k), (k, k + 1)):
        if a < 0 or b >= len(lines):
            continue
        top, bottom = lines[a], lines[b]
        if bottom.y0 - top.y1 > 0.8 * max(top.h, bottom.h):
            continue
        merged = _match_header(_merge_lines(top, bottom), labels)
        if merged is None:
            continue
        if best is None or len(_header_roles(merged)) > len(_header_roles(best[0])):
            best = (merged, b + 1, _stacked_description(top, bottom, labels))
    return best


def _same_layout(old: Sequence[_Column], new: Sequence[_Column]) -> bool:
    """True when a repeated header has the first one's columns in the same places."""
    if len(old) != len(new):
        return False
    return all(
        abs(a.cx - b.cx) <= 0.5 * max(a.x1 - a.x0, b.x1 - b.x0, 1.0)
        for a, b in zip(old, new, strict=True)
    )


def _snap_unknown(old: Sequence[_Column], new: Sequence[_Column]) -> list[_Column]:
    """A new header's columns, its unrecognised ones moved onto the old ones they repeat
    (so their cells keep one key over the pages)."""
    out = []
    for c in new:
        if c.role == UNKNOWN:
            near = [
                o for o in old
                if o.role == UNKNOWN and abs(o.cx - c.cx) <= max(o.x1 - o.x0, c.x1 - c.x0)
            ]
            if near:
                c = near[0]
        out.append(c)
    return out


def _resolve_unknown(state: _TableState, decimal_comma: bool | None) -> None:
    """Name the columns whose header was not recognised, from the numbers under them.

    The missing roles go to the unknown columns holding numbers, keeping the usual order
    (quantity, unit price, amount from left to right) and preferring the choice under which
    quantity x unit price = amount holds on most rows.
    """
    rows = state.rows
    keys = sorted(
        {k for r in rows for k in r.cells if k.startswith(UNKNOWN)},
        key=lambda k: float(k[len(UNKNOWN):]),
    )
    if not keys:
        return
    known = {r for r in ROLES if any(r in row.cells for row in rows)}
    known |= set(state.roles)

    def values(key: str) -> list[Decimal | None]:
        out: list[Decimal | None] = []
        for row in rows:
            segs = row.cells.get(key)
            if not segs:
                out.append(None)
                continue
            text = " ".join(sg.text for sg in segs)
            if key == "quantity":
                sp = split_quantity(text)
                out.append(None if sp is None else parse_number(text[sp[0][0]:sp[0][1]]))
                continue
            span = number_span(text, decimal_comma=decimal_comma)
            out.append(
                None if span is None
                else parse_number(text[span[0]:span[1]], decimal_comma=decimal_comma)
            )
        return out

    def texts(key: str) -> list[str]:
        return [" ".join(sg.text for sg in r.cells[key]) for r in rows if r.cells.get(key)]

    numeric_keys = []
    for k in keys:
        vals = values(k)
        present = sum(1 for r in rows if r.cells.get(k))
        if any("%" in t for t in texts(k)):
            continue  # a tax rate
        if present >= 0.5 * len(rows) and sum(v is not None for v in vals) >= 0.6 * present:
            numeric_keys.append(k)

    def count_like(key: str) -> bool:
        """Small whole numbers without a currency sign: what a quantity column holds."""
        ts = texts(key)
        return bool(ts) and all(re.fullmatch(r"\s*\d{1,4}\s*\D{0,3}\s*", t) for t in ts)
    missing = [r for r in NUMERIC_ROLES if r not in known]
    xpos = {c.role: c.cx for c in state.cols if c.role in ROLES}
    best: tuple[float, dict[str, str]] | None = None
    for n in range(min(len(missing), len(numeric_keys)), 0, -1):
        for roles in itertools.combinations(missing, n):
            for chosen in itertools.permutations(numeric_keys, n):
                mapping = dict(zip(roles, chosen, strict=True))
                pos = dict(xpos)
                pos.update({r: float(k[len(UNKNOWN):]) for r, k in mapping.items()})
                order = [pos[r] for r in NUMERIC_ROLES if r in pos]
                if order != sorted(order):
                    continue
                cols = {r: values(mapping.get(r, r)) for r in NUMERIC_ROLES}
                hits = sum(
                    1
                    for q, u, a in zip(cols["quantity"], cols["unit_price"], cols["amount"],
                                       strict=True)
                    if q is not None and u is not None and a is not None and abs(q * u - a) < 0.02
                )
                score = hits * 10 + n
                for r, k in mapping.items():
                    if r == "quantity":
                        score += 2 if count_like(k) else -3
                    elif count_like(k):
                        score -= 1
                if "amount" in mapping and mapping["amount"] == max(
                    chosen, key=lambda k: float(k[len(UNKNOWN):])
                ):
                    score += 1
                if best is None or score > best[0]:
                    best = (score, mapping)
    mapping = best[1] if best else {}
    if "description" not in known:
        # the leftmost unrecognised column holding text is the description
        first_num = min((float(k[len(UNKNOWN):]) for k in mapping.values()), default=None)
        num_x = [c.cx for c in state.cols if c.role in NUMERIC_ROLES]
        limit = min([x for x in [first_num, *num_x] if x is not None], default=None)
        for k in keys:
            if k in mapping.values() or k in numeric_keys:
                continue
            if limit is not None and float(k[len(UNKNOWN):]) >= limit:
                continue
            found = texts(k)
            if len(found) >= 0.5 * len(rows) and (
                sum(map(_has_letters, found)) >= 0.6 * len(found)
            ):
                mapping["description"] = k
                break
    rename = {k: r for r, k in mapping.items()}
    for row in rows:
        for k in list(row.cells):
            if k.startswith(UNKNOWN):
                segs = row.cells.pop(k)
                if k in rename:
                    row.cells[rename[k]] = segs


def _first_row_line(
    lines: Sequence[VisualLine], state: _TableState, decimal_comma: bool | None
) -> int | None:
    """Where rows resume on a page without a header: the first line that reads as a row."""
    anchor = "amount" if "amount" in state.roles else "quantity"
    for k, line in enumerate(lines[:40]):
        cells = _assign_line(line, state.cols, decimal_comma)
        if state.stacked:
            # a stacked row starts at its numbers (the description comes on the next line)
            if cells.get(anchor) and _numeric_cells_ok({anchor: cells[anchor]}, decimal_comma):
                return k
        elif cells.get("description") and _numeric_cells_ok(cells, decimal_comma):
            return k
    return None


# ----------------------------------------------------------------------------- aligned mode


def _aligned_mode(
    lines: Sequence[VisualLine], decimal_comma: bool | None
) -> _TableState | None:
    """A table whose header could not be read: rows of a name and aligned numbers.

    The longest run of lines that start with text and end in a number, holding two numbers
    or more, is the body; its number columns are found from how the numbers line up, and
    named from their values (quantity x unit price = amount, counts, the rightmost amount).
    """

    def numbers(line: VisualLine) -> list[Segment]:
        return [
            sg for sg in line.segments[1:]
            if _is_number(sg.text, decimal_comma) or _is_quantity(sg.text)
        ]

    def is_row(line: VisualLine) -> bool:
        segs = line.segments
        if len(segs) < 3 or not _has_letters(segs[0].text) or is_total_label(segs[0].text):
            return False
        return len(numbers(line)) >= 2 and _is_number(segs[-1].text, decimal_comma)

    best: list[int] = []
    k = 0
    while k < len(lines):
        if not is_row(lines[k]):
            k += 1
            continue
        run = [k]
        m = k + 1
        while m < len(lines):
            if is_row(lines[m]):
                run.append(m)
                m += 1
            elif m + 1 < len(lines) and len(lines[m].segments) == 1 and is_row(lines[m + 1]):
                m += 1  # a description's second line
            else:
                break
        if len(run) > len(best):
            best = run
        k = m
    if len(best) < 2:
        return None
    body = [lines[i] for i in best]
    nums = sorted((sg for ln in body for sg in numbers(ln)), key=lambda sg: sg.x0)
    groups: list[list[float]] = []
    for sg in nums:
        if groups and sg.x0 < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], sg.x1)
            groups[-1][2] += 1
        else:
            groups.append([sg.x0, sg.x1, 1])
    firsts = [ln.segments[0] for ln in body]
    cols = [_Column("description", min(sg.x0 for sg in firsts), max(sg.x1 for sg in firsts))]
    cols += [_Column(UNKNOWN, g[0], g[1]) for g in groups if g[2] >= 2]
    cols.sort(key=lambda c: c.x0)
    state = _TableState(cols=cols, roles=frozenset({"description"}))
    state.clusters = [(c.x0, c.x1, i) for i, c in enumerate(cols) if c.role == UNKNOWN]
    _read_rows(lines, best[0], state, decimal_comma)
    _resolve_unknown(state, decimal_comma)
    state.rows = [r for r in state.rows if any(k in r.cells for k in NUMERIC_ROLES)]
    for r in state.rows:
        r.inferred = True
    return state if state.rows else None


# ----------------------------------------------------------------------------- receipt mode


def _money_seg(seg: Segment, decimal_comma: bool | None) -> bool:
    core = _num_seg(seg, decimal_comma)
    if core is None:
        return False
    t = core.compact
    digits = sum(c.isdigit() for c in t)
    return digits >= 2 or any(not c.isdigit() for c in t)


def _receipt_mode(
    lines: Sequence[VisualLine], decimal_comma: bool | None
) -> list[_Row]:
    """Items of a receipt without a header: the lines above the totals that end in a price."""
    if not lines:
        return []
    total_k = None
    for k, line in enumerate(lines):
        if line.segments and is_total_label(line.segments[0].text) and k > 0:
            total_k = k
            break
    if total_k is None:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    mid = (left + right) / 2
    tot_line = lines[total_k]
    price_x1 = tot_line.segments[-1].x1 if len(tot_line.segments) > 1 else None

    def price_of(line: VisualLine) -> Segment | None:
        last = line.segments[-1]
        if last.x1 < mid or not _money_seg(last, decimal_comma):
            return None
        if price_x1 is not None and abs(last.x1 - price_x1) > 4 * line.h and last.x0 < mid:
            return None
        return last

    def kind(line: VisualLine) -> str:
        if all(_is_rule(s.text) for s in line.segments):
            return "rule"
        price = price_of(line)
        first = line.segments[0]
        if price is not None:
            if len(line.segments) == 1:
                return "price_only"
            if _has_letters(first.text) and not _is_quantity(first.text):
                return "item"
            return "numbers"
        if len(line.segments) == 1 and _has_letters(first.text) and first.x0 < mid:
            return "desc"
        return "other"

    kinds = [kind(ln) for ln in lines[:total_k]]
    k = total_k - 1
    start = total_k
    while k >= 0:
        kd = kinds[k]
        if kd == "rule" and start == total_k:
            pass  # the rule between the items and the totals
        elif (
            kd in ("item", "numbers")
            or (kd == "price_only" and k + 1 < total_k and start == k + 1)
            or (
                kd == "desc" and start == k + 1 and k + 1 < total_k
                and kinds[k + 1] in ("numbers", "price_only")
            )
        ):
            start = k
        else:
            break
        k -= 1
    rows: list[_Row] = []
    pending: list[Segment] = []
    for line in lines[start:total_k]:
        kd = kind(line)
        if kd == "desc":
            pending.append(line.segments[0])
            continue
        price = price_of(line)
        if price is None:
            continue
        row = _Row(line.page_index, {}, [line])
        middle = list(line.segments[:-1])
        if kd == "item":
            row.cells["description"] = [middle.pop(0)]
        elif pending:
            row.cells["description"] = list(pending)
        pending = []
        row.cells["amount"] = [price]
        _receipt_numbers(row, middle, decimal_comma)
        if "description" in row.cells:
            rows.append(row)
    return rows


def _summed_mode(lines: Sequence[VisualLine], decimal_comma: bool | None) -> list[_Row]:
    """Items without a header or totals label: lines of a name and a price, right above a
    line whose price is their sum (a bill's ``Beitrag ... 220,00 €`` under its two items).

    The prices must share a right edge and add up to the cent; the rows' roles are inferred.
    """
    def price(line: VisualLine) -> tuple[Segment, Decimal] | None:
        if len(line.segments) < 2 or not _has_letters(line.segments[0].text):
            return None
        first = line.segments[0]
        if is_total_label(first.text) or is_total_label(first.words()[0].text):
            return None  # "Zwischensumme 100,00 / MwSt 19,00 / Gesamt 119,00": totals
        last = line.segments[-1]
        core = _num_seg(last, decimal_comma)
        if core is None or not _money_seg(last, decimal_comma):
            return None
        value = parse_number(core.text, decimal_comma=decimal_comma)
        if value is None or value <= 0 or any(c in last.text for c in "()%"):
            return None
        return last, value

    priced = [price(ln) for ln in lines]
    best: tuple[int, int] | None = None  # items lines[i:j], their sum on line j
    for j, pj in enumerate(priced):
        if pj is None or j < 2:
            continue
        total = Decimal(0)
        for i in range(j - 1, -1, -1):
            pi = priced[i]
            if pi is None or abs(pi[0].x1 - pj[0].x1) > 2 * lines[j].h:
                break
            if lines[i + 1].y0 - lines[i].y1 > 2.5 * lines[i].h:
                break
            total += pi[1]
            if total == pj[1] and j - i >= 2 and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
            if total > pj[1]:
                break
    if best is None:
        return []
    rows = []
    for line in lines[best[0]:best[1]]:
        row = _Row(line.page_index, {}, [line], inferred=True)
        row.cells["description"] = list(line.segments[:-1])
        row.cells["amount"] = [line.segments[-1]]
        rows.append(row)
    return rows


def _receipt_numbers(row: _Row, middle: list[Segment], decimal_comma: bool | None) -> None:
    """Quantity and unit price from the text between a receipt item's name and its price."""
    if not middle:
        return
    seg = _join(middle)
    amount = None
    core = _num_seg(row.cells["amount"][0], decimal_comma)
    if core is not None:
        amount = parse_number(core.text, decimal_comma=decimal_comma)
    sp = split_quantity(seg.text, amount=amount)
    if sp is not None:
        (a, b), price = sp
        try:
            row.cells["quantity"] = [seg.sub(a, b)]
            if price is not None:
                row.cells["unit_price"] = [seg.sub(*price)]
        except ValueError:
            pass
        return
    words = seg.words()
    if len(words) == 2 and _is_quantity(words[0].text) and _is_number(words[1].text):
        row.cells["quantity"] = [_quantity_seg(words[0])]
        row.cells["unit_price"] = [words[1]]
    elif len(words) == 1 and _money_seg(words[0], decimal_comma):
        row.cells["unit_price"] = [words[0]]


# ----------------------------------------------------------------------------- entry points


def _decimal_comma(pages: Sequence[OcrPage]) -> bool | None:
    """Whether the document writes decimals with a comma (``358,12``), when it shows."""
    comma = dot = 0
    for page in pages:
        text = page.text
        comma += len(re.findall(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{2}(?![\d,.])", text))
        dot += len(re.findall(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d,.])", text))
    if comma == dot:
        return None
    return comma > dot


def _child_names(spec: FieldSpec) -> dict[str, str]:
    names = {c.name: c.name for c in spec.children if c.name in ROLES}
    return names or {r: r for r in ROLES}


def _child_labels(spec: FieldSpec) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for c in spec.children:
        if c.name in ROLES and c.labels:
            out[c.name] = c.all_labels()
    return out


def _regions(pages: Sequence[OcrPage], used: dict[int, list[VisualLine]]) -> list[TableRegion]:
    out = []
    for p, lines in sorted(used.items()):
        page = next((pg for pg in pages if pg.index == p), None)
        if page is None:
            continue
        boxes = [
            page.chars[i].quad.bbox
            for line in lines
            for s in line.segments
            for i in s.char_indices
            if 0 <= i < len(page.chars)
        ]
        if boxes:
            out.append(
                TableRegion(
                    p, min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes),
                )
            )
    return out


def find_tables(
    pages: Sequence[OcrPage], spec: FieldSpec, *, language: str | None = None
) -> LineItemTable | None:
    """Find the line-item table of a document and read its rows.

    Args:
        pages: the OCR pages in order (a table may run over several).
        spec: the array field (``line_items``); its children name the cells (``description``,
            ``quantity``, ``unit_price``, ``amount``). Children labels, when given, add to the
            built-in header words.
        language: a hint; detected from the text when None.

    Returns:
        The table, or None when the pages hold no line items.
    """
    if not pages:
        return None
    if language is None:
        language = detect_language("\n".join(p.text for p in pages[:2]))
    decimal_comma = _decimal_comma(pages)
    labels = _build_label_table(_child_labels(spec))
    names = _child_names(spec)
    # positions inside the pages list; page.index is what hints carry
    all_lines = [page_lines(p) for p in pages]
    state = _table_mode(all_lines, labels, decimal_comma)
    rows: list[_Row] = []
    used: dict[int, list[VisualLine]] = {}
    has_header = False
    end_page, end_y = 0, 0.0
    if state is not None and state.rows:
        rows, used, has_header = state.rows, state.used_lines, True
        end_page = state.end_page
        end_y = state.end_y
    else:
        for lines in all_lines:
            rows = _receipt_mode(lines, decimal_comma)
            if rows:
                for r in rows:
                    used.setdefault(r.page_index, []).extend(r.lines)
                end_page = rows[-1].page_index
                end_y = max(ln.y1 for ln in rows[-1].lines)
                break
        else:
            for lines in all_lines:
                aligned = _aligned_mode(lines, decimal_comma)
                if aligned is not None:
                    rows, used = aligned.rows, aligned.used_lines
                    end_page, end_y = aligned.end_page, aligned.end_y
                    break
            else:
                for lines in all_lines:
                    rows = _summed_mode(lines, decimal_comma)
                    if rows:
                        for r in rows:
                            used.setdefault(r.page_index, []).extend(r.lines)
                        end_page = rows[-1].page_index
                        end_y = max(ln.y1 for ln in rows[-1].lines)
                        break
    by_index = {p.index: p for p in pages}
    out_rows = [_row_fields(r, names, decimal_comma, by_index, language) for r in rows]
    out_rows = [r for r in out_rows if r]
    if not out_rows:
        return None
    regions = _regions(pages, used)
    page_h = next((pg.height_px for pg in pages if pg.index == end_page), 1) or 1
    end_region = next((r for r in regions if r.page_index == end_page), None)
    end_norm = end_region.y1 if end_region is not None else end_y / page_h
    logger.debug("line items: %d rows (header=%s)", len(out_rows), has_header)
    return LineItemTable(
        rows=tuple(out_rows),
        regions=tuple(regions),
        end_page=end_page,
        end_y=end_norm,
        has_header=has_header,
        language=language,
    )


def find_line_items(
    pages: Sequence[OcrPage], spec: FieldSpec, *, language: str | None = None
) -> tuple[tuple[ExtractedField, ...], ...]:
    """The line items of a document: one tuple of child fields per row (empty when none).

    Each cell's ``value`` is the text as printed, ``normalized`` a plain decimal for numeric
    cells, and ``hint`` a ``MatchHint(page_index, char_indices, source="ocr_chars")``.
    """
    table = find_tables(pages, spec, language=language)
    return () if table is None else table.rows
