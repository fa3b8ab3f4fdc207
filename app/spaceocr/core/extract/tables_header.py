"""Header rows of a line-item table: which line announces the columns, and where they are.

A header is a line (or two stacked lines) made mostly of column labels (品名 / 数量 / 単価 /
金額, Description / Qty / Unit price / Amount, Menge, Montant ...; the built-in vocabulary
of :mod:`~spaceocr.core.extract.tables_vocab` plus a template's own labels), holding no
numbers and naming at least one numeric column. Each label becomes a :class:`Column` of its
role; text no label explains becomes a column of role ``UNKNOWN``, named later from the
numbers under it. A header repeated on the next page is compared with the first one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spaceocr.core.extract.tables_cells import (
    NUMERIC_ROLES,
    SKIPPED,
    UNKNOWN,
    Column,
    is_number,
    join_segments,
)
from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_vocab import (
    GENERIC_DESCRIPTION_LABELS,
    HEADER_LABELS,
    IGNORED_ROLE,
    fold,
)

__all__ = [
    "Labels",
    "build_label_table",
    "header_at",
    "header_roles",
    "same_layout",
    "snap_unknown",
]

#: The header labels to look for: (role, folded label, its pattern), longest label first.
Labels = list[tuple[str, str, re.Pattern[str]]]

def _label_regex(label: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in label if not c.isspace()]
    body = r"\s*".join(chars)
    if label[:1].isascii() and label[:1].isalpha():
        body = r"(?<![a-zà-ÿ])" + body
    if label[-1:].isascii() and (label[-1:].isalpha() or label[-1:] == "."):
        body = body + r"(?![a-zà-ÿ])"
    return re.compile(body)


def build_label_table(
    extra: dict[str, tuple[str, ...]],
) -> Labels:
    """The built-in header labels plus ``extra`` (role -> labels), folded, longest first."""
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
    text: str, xs: Sequence[tuple[float, float]], labels: Labels
) -> tuple[list[Column], list[bool]]:
    """The header labels found in a line's folded text (longest first), and which positions
    of the text they took."""
    cols, taken, _generic = _find_labels_keyed(text, xs, labels)
    return cols, taken


def _find_labels_keyed(
    text: str, xs: Sequence[tuple[float, float]], labels: Labels
) -> tuple[list[Column], list[bool], set[Column]]:
    """As :func:`_find_labels`, with the description columns whose label is generic (see
    :data:`~spaceocr.core.extract.tables_vocab.GENERIC_DESCRIPTION_LABELS`)."""
    taken = [False] * len(text)
    cols: list[Column] = []
    generic: set[Column] = set()
    for role, key, rx in labels:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if any(taken[a:b]) or "  " in text[a:b]:
                # taken, or spanning two segments: "Product" and "Title" printed as two
                # columns are two labels, not the label "Product title"
                continue
            for k in range(a, b):
                taken[k] = True
            col = Column(role, min(x for x, _ in xs[a:b]), max(x for _, x in xs[a:b]))
            cols.append(col)
            if role == "description" and key in GENERIC_DESCRIPTION_LABELS:
                generic.add(col)
    return cols, taken, generic


def _prefer_specific_description(cols: list[Column], generic: set[Column]) -> list[Column]:
    """One description column when a header names two: ``Product | Title``, ``Item |
    Description``. The column with the description proper is the item's name; the generic
    one (a category, a short name, a code) is read past. Otherwise the first one stays the
    description (the one-role-per-column rule turns the others into ignored columns)."""
    desc = [c for c in cols if c.role == "description"]
    specific = [c for c in desc if c not in generic]
    if len(desc) < 2 or not specific or len(specific) == len(desc):
        return cols
    keep = specific[0]
    return [
        Column(IGNORED_ROLE, c.x0, c.x1) if c.role == "description" and c != keep else c
        for c in cols
    ]


def _stacked_description(
    top: VisualLine, bottom: VisualLine, labels: Labels
) -> bool:
    """True when a two-line header prints the description label under a code's (article
    number over description): each row then holds the code on its first line and the
    description on its second, the layout of ERP invoices (``Art-Nr`` / ``Bezeichnung``)."""
    text, xs, _ = _line_text(top)
    upper, _ = _find_labels(text, xs, labels)
    text, xs, _ = _line_text(bottom)
    lower, _ = _find_labels(text, xs, labels)
    return any(
        d.role == "description" and u.role in SKIPPED
        and min(u.x1, d.x1) - max(u.x0, d.x0) > 0.5 * min(u.x1 - u.x0, d.x1 - d.x0)
        for d in lower for u in upper
    ) and not any(u.role == "description" for u in upper)


def _match_header(
    line: VisualLine, labels: Labels
) -> list[Column] | None:
    """The columns a header line announces, or None when the line is not a header.

    Segments that no label explains (a header the OCR misread) become columns of role
    :data:`UNKNOWN`, named later from the numbers under them.
    """
    text, xs, spans = _line_text(line)
    if re.search(r"\d\s*[\d,.]\s*\d", text):
        return None  # amounts, dates, numbers: a data line, not a header
    cols, taken, generic = _find_labels_keyed(text, xs, labels)
    if not cols:
        return None
    cols = _prefer_specific_description(cols, generic)
    content = [k for k, c in enumerate(text) if not c.isspace()]
    covered = sum(1 for k in content if taken[k])
    ignorable = sum(1 for k in content if not taken[k] and not text[k].isalnum())
    unknown: list[Segment] = []
    for seg, (a, b) in zip(line.segments, spans, strict=True):
        own = [k for k in range(a, b) if not text[k].isspace()]
        free = [k for k in own if not taken[k] and text[k].isalnum()]
        if not free:
            continue
        if is_number(seg.text):
            return None  # a data row, not a header
        if not any(taken[k] for k in own):
            unknown.append(seg)
    roles = {c.role for c in cols if c.role not in SKIPPED}
    numeric = roles & set(NUMERIC_ROLES)
    if not numeric or not ("description" in roles or len(numeric) >= 3):
        return None
    mostly_labels = covered + ignorable >= 0.75 * len(content)
    if not mostly_labels and (
        len(roles) < 2 or len(unknown) > 3 or any(len(u.compact) > 20 for u in unknown)
    ):
        return None
    cols.extend(Column(UNKNOWN, u.x0, u.x1) for u in unknown)
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
                cols[k] = Column("quantity", c.x0, c.x1)
                roles.add("quantity")
            else:
                cols[k] = Column(IGNORED_ROLE, c.x0, c.x1)
    if "amount" not in roles:
        prices = [k for k, c in enumerate(cols) if c.role == "unit_price"]
        if len(prices) >= 2:  # "Prijs per stuk ... Prijs incl. BTW": the last is the amount
            cols[prices[-1]] = Column("amount", cols[prices[-1]].x0, cols[prices[-1]].x1)
    for c in cols:
        if c.role in seen and c.role not in (*SKIPPED, UNKNOWN):
            out.append(Column(IGNORED_ROLE, c.x0, c.x1))
        else:
            seen.add(c.role)
            out.append(c)
    return out


def header_roles(cols: Sequence[Column]) -> frozenset[str]:
    """The roles a header names (skipped and unrecognised columns left out)."""
    return frozenset(c.role for c in cols if c.role not in (*SKIPPED, UNKNOWN))


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
        segs.append(join_segments([a, *(b for _, b in below)]))
    segs.extend(b for k, b in enumerate(bottom.segments) if k not in used)
    segs.sort(key=lambda sg: sg.x0)
    return VisualLine(top.page_index, tuple(segs), top.y0, bottom.y1, top.h)


def _unknowns(cols: Sequence[Column]) -> int:
    return sum(1 for c in cols if c.role == UNKNOWN)


def header_at(
    lines: Sequence[VisualLine], k: int, labels: Labels
) -> tuple[list[Column], int, bool] | None:
    """The header starting at line ``k`` (on one line, or two), where its rows begin, and
    whether it stacks the description under a code (see :func:`_stacked_description`)."""
    line = lines[k]
    best: tuple[list[Column], int, bool] | None = None
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
        # two lines are one header when together they name more columns, or the same ones
        # with fewer left unexplained ("Gross" over "Amount ₹": one column, not an unknown)
        more = best is None or len(header_roles(merged)) > len(header_roles(best[0]))
        clearer = best is not None and (
            len(header_roles(merged)) == len(header_roles(best[0]))
            and _unknowns(merged) < _unknowns(best[0])
        )
        if more or clearer:
            best = (merged, b + 1, _stacked_description(top, bottom, labels))
    return best


def same_layout(old: Sequence[Column], new: Sequence[Column]) -> bool:
    """True when a repeated header has the first one's columns in the same places."""
    if len(old) != len(new):
        return False
    return all(
        abs(a.cx - b.cx) <= 0.5 * max(a.x1 - a.x0, b.x1 - b.x0, 1.0)
        for a, b in zip(old, new, strict=True)
    )


def snap_unknown(old: Sequence[Column], new: Sequence[Column]) -> list[Column]:
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
