"""Line items without a readable header: receipt lines, aligned columns, rows proved by a sum.

Tried in this order when no header is found: the lines of a receipt above its totals that
end in a price; the longest run of lines holding a name and two aligned numbers or more
(their columns named from their values); lines of a name and a price right above a line
whose price is their sum. Roles read this way are inferred, so the cells not confirmed by a
row's arithmetic go to review.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from spaceocr.core.extract.tables_body import TableState, read_rows
from spaceocr.core.extract.tables_cells import (
    NUMERIC_ROLES,
    UNKNOWN,
    Column,
    Row,
    has_letters,
    is_number,
    is_quantity,
    is_rule,
    join_segments,
    number_seg,
    quantity_seg,
)
from spaceocr.core.extract.tables_columns import overlap_groups, resolve_unknown
from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_vocab import is_total_label, parse_number, split_quantity

__all__ = ["read_aligned", "read_receipt", "read_summed"]

def _money_seg(seg: Segment, decimal_comma: bool | None) -> bool:
    """True when a segment holds a price rather than a count: a number of two digits or
    more, or one written with a separator or sign (a lone digit is not)."""
    core = number_seg(seg, decimal_comma)
    if core is None:
        return False
    t = core.compact
    digits = sum(c.isdigit() for c in t)
    return digits >= 2 or any(not c.isdigit() for c in t)


def read_receipt(
    lines: Sequence[VisualLine], decimal_comma: bool | None
) -> list[Row]:
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
        if all(is_rule(s.text) for s in line.segments):
            return "rule"
        price = price_of(line)
        first = line.segments[0]
        if price is not None:
            if len(line.segments) == 1:
                return "price_only"
            if has_letters(first.text) and not is_quantity(first.text):
                return "item"
            return "numbers"
        if len(line.segments) == 1 and has_letters(first.text) and first.x0 < mid:
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
    rows: list[Row] = []
    pending: list[Segment] = []
    for line in lines[start:total_k]:
        kd = kind(line)
        if kd == "desc":
            pending.append(line.segments[0])
            continue
        price = price_of(line)
        if price is None:
            continue
        row = Row(line.page_index, {}, [line])
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


def _receipt_numbers(row: Row, middle: list[Segment], decimal_comma: bool | None) -> None:
    """Quantity and unit price from the text between a receipt item's name and its price."""
    if not middle:
        return
    seg = join_segments(middle)
    amount = None
    core = number_seg(row.cells["amount"][0], decimal_comma)
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
    if len(words) == 2 and is_quantity(words[0].text) and is_number(words[1].text):
        if _net_tax_gross(quantity_seg(words[0]), words[1], amount, decimal_comma):
            return
        row.cells["quantity"] = [quantity_seg(words[0])]
        row.cells["unit_price"] = [words[1]]
    elif len(words) == 1 and _money_seg(words[0], decimal_comma):
        row.cells["unit_price"] = [words[0]]


def _net_tax_gross(
    first: Segment, second: Segment, amount: Decimal | None, decimal_comma: bool | None
) -> bool:
    """True when two numbers before a line's amount are not a quantity and a unit price.

    A bill's summary line prints its net, its tax and its gross (``Subscriptions 24.99 5.00
    29.99``: net + tax = gross, not 24.99 x 5.00); a "quantity" of zero (``0.00 0.00 0.00``)
    is an amount too, since nobody bills none of a thing.
    """
    q = parse_number(first.text, decimal_comma=decimal_comma)
    u = parse_number(second.text, decimal_comma=decimal_comma)
    if q is None or u is None or amount is None:
        return False
    if q == 0:
        return True
    return q * u != amount and q + u == amount


def read_aligned(
    lines: Sequence[VisualLine], decimal_comma: bool | None
) -> TableState | None:
    """A table whose header could not be read: rows of a name and aligned numbers.

    The longest run of lines that start with text and end in a number, holding two numbers
    or more, is the body; its number columns are found from how the numbers line up, and
    named from their values (quantity x unit price = amount, counts, the rightmost amount).
    """

    def numbers(line: VisualLine) -> list[Segment]:
        return [
            sg for sg in line.segments[1:]
            if is_number(sg.text, decimal_comma) or is_quantity(sg.text)
        ]

    def is_row(line: VisualLine) -> bool:
        segs = line.segments
        if len(segs) < 3 or not has_letters(segs[0].text) or is_total_label(segs[0].text):
            return False
        return len(numbers(line)) >= 2 and is_number(segs[-1].text, decimal_comma)

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
    groups = overlap_groups([sg for ln in body for sg in numbers(ln)])
    firsts = [ln.segments[0] for ln in body]
    cols = [Column("description", min(sg.x0 for sg in firsts), max(sg.x1 for sg in firsts))]
    cols += [Column(UNKNOWN, x0, x1) for x0, x1, n in groups if n >= 2]
    cols.sort(key=lambda c: c.x0)
    state = TableState(cols=cols, roles=frozenset({"description"}))
    state.clusters = [(c.x0, c.x1, i) for i, c in enumerate(cols) if c.role == UNKNOWN]
    read_rows(lines, best[0], state, decimal_comma)
    resolve_unknown(state.rows, state.cols, state.roles, decimal_comma)
    state.rows = [r for r in state.rows if any(k in r.cells for k in NUMERIC_ROLES)]
    for r in state.rows:
        r.inferred = True
    return state if state.rows else None


def read_summed(lines: Sequence[VisualLine], decimal_comma: bool | None) -> list[Row]:
    """Items without a header or totals label: lines of a name and a price, right above a
    line whose price is their sum (a bill's ``Beitrag ... 220,00 €`` under its two items).

    The prices must share a right edge and add up to the cent; the rows' roles are inferred.
    """
    def price(line: VisualLine) -> tuple[Segment, Decimal] | None:
        if len(line.segments) < 2 or not has_letters(line.segments[0].text):
            return None
        first = line.segments[0]
        if is_total_label(first.text) or is_total_label(first.words()[0].text):
            return None  # "Zwischensumme 100,00 / MwSt 19,00 / Gesamt 119,00": totals
        last = line.segments[-1]
        core = number_seg(last, decimal_comma)
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
        row = Row(line.page_index, {}, [line], inferred=True)
        row.cells["description"] = list(line.segments[:-1])
        row.cells["amount"] = [line.segments[-1]]
        rows.append(row)
    return rows
