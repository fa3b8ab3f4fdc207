"""The line-item reader's shared model: column roles, header columns, rows being read, and
what a cell's text is (a number, a quantity, an article code, a separator rule).

Every reader builds :class:`Row` objects out of the
:class:`~spaceocr.core.extract.tables_layout.Segment` cells of visual lines: the
header-driven one (:mod:`~spaceocr.core.extract.tables_body`) and the header-less ones
(:mod:`~spaceocr.core.extract.tables_headerless`); :mod:`~spaceocr.core.extract.tables_fields`
turns a finished row into fields. This module sits under all of them and imports none.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_vocab import (
    CODE_ROLE,
    IGNORED_ROLE,
    number_span,
    split_quantity,
)

__all__ = [
    "NUMERIC_ROLES",
    "ONE_LIKE",
    "ROLES",
    "SKIPPED",
    "UNKNOWN",
    "Column",
    "Row",
    "has_letters",
    "is_code",
    "is_number",
    "is_quantity",
    "is_rule",
    "join_segments",
    "number_seg",
    "quantity_seg",
]

ROLES = ("description", "quantity", "unit_price", "amount")
NUMERIC_ROLES = ("quantity", "unit_price", "amount")
#: The role of a header column whose label was not recognised (named from its numbers).
UNKNOWN = "?"
#: Roles of columns that are read past: their cells are not returned.
SKIPPED = (IGNORED_ROLE, CODE_ROLE)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its role (one of :data:`ROLES`, ``UNKNOWN`` or a skipped role) and
    where its label (or its values) run across the line, in deskewed page pixels."""

    role: str
    x0: float
    x1: float

    @property
    def cx(self) -> float:
        """The column's centre."""
        return (self.x0 + self.x1) / 2


#: What the OCR reads for a lone printed 1 (a quantity of one).
ONE_LIKE = {"一", "l", "I", "|", "丨", "ー"}


def join_segments(segs: Sequence[Segment]) -> Segment:
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
class Row:
    """A row being read: its cells' segments by role (or ``UNKNOWN`` + x for a column not
    yet named), the lines it was read from, and how it was read."""

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
    #: numbers printed in the row's ignored columns (a tax rate or amount, a discount)
    side_values: list[str] = field(default_factory=list)


def quantity_seg(seg: Segment) -> Segment:
    """The digits of a quantity cell (``2個`` -> ``2``), or the cell itself."""
    sp = split_quantity(seg.text)
    if sp is None:
        words = seg.words()
        # a unit printed before the count in the same cell ("台 1", "Stk 20")
        if len(words) == 2 and has_letters(words[0].text) and words[1].text.isdigit():
            return words[1]
        return seg
    (a, b), _ = sp
    try:
        return seg.sub(a, b)
    except ValueError:
        return seg


def is_number(text: str, decimal_comma: bool | None = None) -> bool:
    """True when the text holds a number (a price, an amount; see ``number_span``)."""
    return number_span(text, decimal_comma=decimal_comma) is not None


def number_seg(seg: Segment, decimal_comma: bool | None = None) -> Segment | None:
    """The number inside a numeric cell (a stray ``|`` or misread mark dropped)."""
    sp = number_span(seg.text, decimal_comma=decimal_comma)
    if sp is None:
        return None
    try:
        return seg.sub(*sp)
    except ValueError:
        return None


def is_quantity(text: str) -> bool:
    """True when the text reads as a quantity (``2``, ``2個``, ``10 Stk``, a lone ``l``)."""
    return split_quantity(text) is not None or text.strip() in ONE_LIKE


_CODE = re.compile(r"[#\w][\w./#-]{0,23}")


def is_code(text: str) -> bool:
    """An article number, SKU or position as printed in its own column: one token with a
    digit in it (``MA512``, ``100230-7``, ``A-100``, ``12``)."""
    t = text.strip()
    return bool(_CODE.fullmatch(t)) and any(c.isdigit() for c in t)


def has_letters(text: str) -> bool:
    """True when the text holds a letter of any script."""
    return any(c.isalpha() for c in text)


def is_rule(text: str) -> bool:
    """A separator line: dashes, equals signs, dots."""
    t = "".join(text.split())
    return len(t) >= 3 and all(c in "-=_*.~─━—–‐-·•:" for c in t)
