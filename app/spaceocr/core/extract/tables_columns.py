"""Which column of a header table a piece of text belongs to, and what an unnamed column is.

A cell may be left-aligned, centred or right-aligned under its label, and a wide description
runs far from its own; numbers are also matched to the columns of numbers the table body
forms (numbers of one column overlap from row to row). Columns whose label was not
recognised are named afterwards from their values: the choice under which quantity x unit
price = amount holds on most rows, in the usual left-to-right order.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from decimal import Decimal

from spaceocr.core.extract.tables_cells import (
    NUMERIC_ROLES,
    ROLES,
    SKIPPED,
    UNKNOWN,
    Column,
    Row,
    has_letters,
    is_code,
    is_number,
    is_quantity,
    join_segments,
    quantity_seg,
)
from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_notes import is_attribute, is_note
from spaceocr.core.extract.tables_vocab import (
    CODE_ROLE,
    IGNORED_ROLE,
    is_total_label,
    number_span,
    parse_number,
    split_quantity,
)

__all__ = [
    "assign_line",
    "numeric_cells_ok",
    "numeric_clusters",
    "overlap_groups",
    "resolve_unknown",
    "side_numbers",
]

def _assign(
    seg: Segment,
    cols: Sequence[Column],
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


def overlap_groups(segs: Sequence[Segment]) -> list[tuple[float, float, int]]:
    """Segments that overlap from left to right, as columns: (x0, x1, how many segments).

    Args:
        segs: number cells of several lines.

    Returns:
        One entry per run of overlapping segments, left to right.
    """
    groups: list[list[float]] = []  # [x0, x1, count]
    for sg in sorted(segs, key=lambda sg: sg.x0):
        if groups and sg.x0 < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], sg.x1)
            groups[-1][2] += 1
        else:
            groups.append([sg.x0, sg.x1, 1])
    return [(x0, x1, int(n)) for x0, x1, n in groups]


def numeric_clusters(
    lines: Sequence[VisualLine],
    start: int,
    cols: Sequence[Column],
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
        if is_note(line):
            continue
        for sg in line.segments:
            if is_attribute([sg]):
                continue  # "Basis: 150,00" under an item: a note, not a column's value
            if is_number(sg.text, decimal_comma):
                segs.append(sg)
            elif is_quantity(sg.text):
                segs.append(quantity_seg(sg))  # "10 Stk": the unit may be the next column's
            elif " " in sg.text:
                words = sg.words()
                for w in (words[0], words[-1]):
                    if is_number(w.text, decimal_comma) and not has_letters(w.text):
                        segs.append(w)
    if not segs:
        return []
    clusters = [(x0, x1) for x0, x1, n in overlap_groups(segs) if n >= 2 or len(segs) < 4]
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


def assign_line(
    line: VisualLine,
    cols: Sequence[Column],
    decimal_comma: bool | None,
    edges: dict[int, list[float]] | None = None,
    clusters: Sequence[tuple[float, float, int]] = (),
    *,
    keep_ignored: bool = False,
) -> dict[str, list[Segment]]:
    """The line's segments by column role (segments over several columns are cut up).

    ``edges`` collects, per column, the right edges of the numbers placed in it. With
    ``keep_ignored``, the cells of ignored columns (tax, discount, unit) are kept too, keyed
    ``IGNORED_ROLE`` + the column's index.
    """
    cells: dict[str, list[Segment]] = {}
    for seg in line.segments:
        pieces = [seg]
        if " " in seg.text:
            words = seg.words()
            groups: list[tuple[int, list[Segment]]] = []
            for w in words:
                k = _assign(w, cols, edges, is_number(w.text, decimal_comma), clusters)
                if groups and groups[-1][0] == k:
                    groups[-1][1].append(w)
                else:
                    groups.append((k, [w]))
            numeric_ok = all(
                cols[k].role == "description" or is_number(join_segments(ws).text, decimal_comma)
                or is_quantity(join_segments(ws).text)
                or (cols[k].role == CODE_ROLE and len(ws) == 1 and is_code(ws[0].text))
                or (
                    # "10 Stk": a quantity and, in the unit column next to it, its unit
                    cols[k].role == IGNORED_ROLE and len(ws) == 1 and len(ws[0].text) <= 8
                    and g > 0 and cols[groups[g - 1][0]].role == "quantity"
                )
                for g, (k, ws) in enumerate(groups)
            )
            if len(groups) > 1 and numeric_ok:
                pieces = [join_segments(ws) for _, ws in groups]
        for p in pieces:
            numeric = is_number(p.text, decimal_comma) or is_quantity(p.text)
            k = _assign(p, cols, edges, numeric, clusters)
            col = cols[k]
            if numeric and edges is not None:
                edges.setdefault(k, []).append(p.x1)
            if keep_ignored and col.role == IGNORED_ROLE:
                cells.setdefault(f"{IGNORED_ROLE}{k}", []).append(p)
                continue
            if col.role in SKIPPED:
                continue
            key = f"{UNKNOWN}{round(col.cx)}" if col.role == UNKNOWN else col.role
            cells.setdefault(key, []).append(p)
    return cells


def numeric_cells_ok(cells: dict[str, list[Segment]], decimal_comma: bool | None) -> bool:
    """True when a numeric column of the line holds a number (a misread one may not)."""
    for role, segs in cells.items():
        if role == "description" or not segs:
            continue
        text = " ".join(s.text for s in segs)
        ok = is_quantity(text) if role == "quantity" else is_number(text, decimal_comma)
        if ok:
            return True
    return False


def resolve_unknown(
    rows: Sequence[Row],
    cols: Sequence[Column],
    header_roles: frozenset[str],
    decimal_comma: bool | None,
) -> None:
    """Name the columns whose header was not recognised, from the numbers under them.

    The missing roles go to the unknown columns holding numbers, keeping the usual order
    (quantity, unit price, amount from left to right) and preferring the choice under which
    quantity x unit price = amount holds on most rows. The leftmost unknown column of text
    left of the numbers becomes the description when the header named none.

    Args:
        rows: the rows read; their cells keyed ``UNKNOWN`` + x are renamed in place (or
            dropped when no role fits).
        cols: the header's columns.
        header_roles: the roles the header named.
        decimal_comma: the document's decimal convention, when known.
    """

    def x_of(key: str) -> float:
        return float(key[len(UNKNOWN):])

    keys = sorted(
        {k for r in rows for k in r.cells if k.startswith(UNKNOWN)},
        key=x_of,
    )
    if not keys:
        return
    known = {r for r in ROLES if any(r in row.cells for row in rows)}
    known |= set(header_roles)

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
    xpos = {c.role: c.cx for c in cols if c.role in ROLES}
    best: tuple[float, dict[str, str]] | None = None
    for n in range(min(len(missing), len(numeric_keys)), 0, -1):
        for roles in itertools.combinations(missing, n):
            for chosen in itertools.permutations(numeric_keys, n):
                mapping = dict(zip(roles, chosen, strict=True))
                pos = dict(xpos)
                pos.update({r: x_of(k) for r, k in mapping.items()})
                order = [pos[r] for r in NUMERIC_ROLES if r in pos]
                if order != sorted(order):
                    continue
                got = {r: values(mapping.get(r, r)) for r in NUMERIC_ROLES}
                hits = sum(
                    1
                    for q, u, a in zip(got["quantity"], got["unit_price"], got["amount"],
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
                    chosen, key=x_of
                ):
                    score += 1
                if best is None or score > best[0]:
                    best = (score, mapping)
    mapping = best[1] if best else {}
    if "description" not in known:
        # the leftmost unrecognised column holding text is the description
        first_num = min((x_of(k) for k in mapping.values()), default=None)
        num_x = [c.cx for c in cols if c.role in NUMERIC_ROLES]
        limit = min([x for x in [first_num, *num_x] if x is not None], default=None)
        for k in keys:
            if k in mapping.values() or k in numeric_keys:
                continue
            if limit is not None and x_of(k) >= limit:
                continue
            found = texts(k)
            if len(found) >= 0.5 * len(rows) and (
                sum(map(has_letters, found)) >= 0.6 * len(found)
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


def side_numbers(
    lines: Sequence[VisualLine],
    cols: Sequence[Column],
    decimal_comma: bool | None,
    clusters: Sequence[tuple[float, float, int]] = (),
) -> list[str]:
    """The numbers a row prints in its ignored columns (tax rate, tax amount, discount), as
    printed: what explains an amount that is not quantity x unit price."""
    out = []
    for line in lines:
        cells = assign_line(line, cols, decimal_comma, None, clusters, keep_ignored=True)
        for key, segs in cells.items():
            if not key.startswith(IGNORED_ROLE):
                continue
            # a rate and an amount close together under one group label ("9% 36.00"
            # under "CGST") are one segment: each word is a number of its own
            for w in (w for sg in segs for w in sg.words()):
                if is_number(w.text.replace("%", ""), decimal_comma):
                    out.append(w.text)
    return out
