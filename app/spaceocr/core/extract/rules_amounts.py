"""Choosing the amounts: subtotal, tax and total proved by their arithmetic.

Every amount field keeps all its candidates; :func:`choose_amounts` picks the combination
whose ``subtotal + tax = total`` holds (a tax summary's repeated totals count less, the line
after a rounding more), takes an amount due that is subtotal + tax as the total when no total
label was found, and the second amount of a totals row as the tax. What the arithmetic did
not settle carries ``competing_values``.

:func:`prove_lost_point_totals` reads the totals of a degraded scan that lost their labels
(and perhaps their decimal point) from the line items: the amount that is their sum is the
subtotal, two more with subtotal + one = other the tax and the total.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spaceocr.core.extract import checks as chk
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.rules_document import AMOUNT_TYPES, span_offset
from spaceocr.core.extract.rules_reader import Cand, FieldReader

__all__ = ["choose_amounts", "prove_lost_point_totals"]


#: an amount with two decimals, or read without its point (``¥20480 15``); a sign may lead
_UNLABELLED_TOTAL = re.compile(
    r"(?<![\d.,])(?P<cur>[^\w\s]?)(?P<int>\d{2,})(?P<gap>[ .])(?P<dec>\d{2})(?![\d.,%])"
)


def choose_amounts(reader: FieldReader, names: list[str]) -> None:
    """Choose the amount fields' values among their candidates (see the module)."""
    _adjust_totals(reader)
    if "tax" in reader.specs and not reader.cands.get("tax") and reader.cands.get("subtotal"):
        _second_amount_tax(reader)
        names = [n for n in reader.specs if reader.specs[n].type in AMOUNT_TYPES
                 and reader.cands.get(n)]
    cands = {n: _amount_pool(reader, n) for n in names}
    pick: dict[str, Cand] = {}
    for n, cs in cands.items():
        if cs:
            pick[n] = cs[0]
    sub, tax, tot = (cands.get(k, []) for k in ("subtotal", "tax", "total"))
    consistent = False
    if sub and tax and tot:
        best = None
        for a in sub[:6]:
            for b in tax[:6]:
                for c in tot[:6]:
                    if a.amount is None or b.amount is None or c.amount is None:
                        continue
                    if a.amount + b.amount == c.amount and a.span.idx != c.span.idx:
                        s = a.score + b.score + c.score
                        if best is None or s > best[0]:
                            best = (s, a, b, c)
        if best is not None:
            _, pick["subtotal"], pick["tax"], pick["total"] = best
            consistent = True
    if sub and tax and not tot and "total" in reader.specs and "subtotal" in pick and (
        "tax" in pick
    ):
        # no total label: the amount due that is subtotal + tax is the total
        net, vat = pick["subtotal"].amount, pick["tax"].amount
        due = [x for x in cands.get("amount_due", []) if net is not None and vat is not None
               and x.amount == net + vat]
        if due:
            d = due[0]
            pick["total"] = Cand("total", d.span, d.page, d.normalized, d.score, "sum",
                                 list(d.reasons), d.y, d.amount)
            cands["total"] = [pick["total"]]
            consistent = True
    if "total" in pick and reader.doc.template.name == "receipt":
        # the same total printed twice (incl. tax, then TOTAL): the last line is the total
        same = [x for x in cands.get("total", []) if x.amount == pick["total"].amount
                and x.page == pick["total"].page and x.score > pick["total"].score - 3.5]
        if same:
            pick["total"] = max(same, key=lambda x: x.y)
    if consistent:
        for n in ("subtotal", "tax", "total"):
            if n in pick and "several_amounts" in pick[n].reasons:
                pick[n].reasons.remove("several_amounts")  # the arithmetic settled it
    for n, c in pick.items():
        if c.how == "row_second" and not consistent:
            c.reasons.append("no_label")
        cs = cands[n]
        rivals = {x.amount for x in cs if x is not c and (
            x.score >= c.score - 0.6 or reader.doc.template.name == "receipt")}
        rivals.discard(c.amount)
        if rivals and not (consistent and n in ("subtotal", "tax", "total")):
            c.reasons.append("competing_values")
        reader.chosen[n] = c


def _second_amount_tax(reader: FieldReader) -> None:
    """A totals row with two amounts (合计 ¥15230.40 ¥913.82): the second is the tax."""
    doc = reader.doc
    for c in reader.cands.get("subtotal", []):
        row = next((r for r in doc.rows if r.page == c.page and c.span.idx
                    and c.span.idx[0] in r.span.idx), None)
        if row is None:
            continue
        pos = span_offset(row.span, c.span) + len(c.span.text)
        rest = row.span.sub(pos, len(row.text))
        found = pt.find_amounts(rest.text, comma_decimal=doc.comma_decimal)
        norm = found[0].normalized if len(found) == 1 else None
        if norm:
            f = found[0]
            t = Cand("tax", rest.sub(f.start, f.end), row.page, norm, 4.0,
                     "row_second", y=row.y0, amount=Decimal(norm))
            reader.add(t)


def _adjust_totals(reader: FieldReader) -> None:
    """Rows under a tax summary repeat totals; the line after a rounding is the total."""
    doc = reader.doc
    summary = {}
    rounding: list[tuple[int, float]] = []
    for r in doc.rows:
        if re.search(r"(?i)(gst|vat|tax|mwst|ust|tva|btw)\s*(summary|übersicht|récapitulatif)",
                     r.text) and r.page not in summary:
            summary[r.page] = r.y0
        if re.match(r"(?i)\s*rounding", r.text):
            rounding.append((r.page, r.y0))
    for name in ("subtotal", "tax", "total"):
        for c in reader.cands.get(name, []):
            if c.page in summary and c.y > summary[c.page] + 0.002:
                c.score -= 2.5
            if name == "total" and any(pg == c.page and 0.005 < c.y - ry0 < 0.06
                                       for pg, ry0 in rounding):
                c.score += 4.0


def _amount_pool(reader: FieldReader, name: str) -> list[Cand]:
    cs = [c for c in reader.cands.get(name, []) if c.amount is not None]
    # totals are below the table; a "total" inside the line items is a line's amount
    cs.sort(key=lambda c: (-round(c.score, 1), -c.page, -c.y))
    return cs


def prove_lost_point_totals(reader: FieldReader) -> None:
    """Totals whose labels a degraded scan lost, proved by the line amounts.

    When the line amounts are known, an amount with two decimals whose value is their sum
    is the subtotal; two more with subtotal + one = other are the tax and the total. An
    amount read without its point (``20480 15``: digits, a space, two digits) counts with
    the point restored and carries ``repaired:decimal_point``; one printed (or put back by
    the OCR) with its point carries ``position_guess``: no label said what it is.
    """
    names = ("subtotal", "tax", "total")
    if not all(n in reader.specs for n in names) or all(n in reader.chosen for n in names):
        return
    rows = reader.items.get("line_items")
    if not rows:
        return
    rows = reader.items["line_items"] = chk.repair_decimal_points(rows)
    amounts = chk.line_amounts(rows)
    if not amounts or any(a is None for a in amounts):
        return
    line_sum = sum((a for a in amounts if a is not None), Decimal(0))
    found: list[Cand] = []
    for row in reader.doc.rows:
        for m in _UNLABELLED_TOTAL.finditer(pt.nfkc(row.text)):
            value = Decimal(f"{m.group('int')}.{m.group('dec')}")
            sign = m.group("cur") if m.group("cur") in ("¥", "$", "€", "₩", "£") else ""
            span = row.span.sub(m.start("int") - len(sign), m.end())
            c = Cand("", span, row.page, format(value, "f"), 5.0, "lost_point", y=row.y0)
            c.amount = value
            if m.group("gap") == " ":
                c.fixed = f"{sign}{value}"
                c.reasons.append("repaired:decimal_point")
            else:
                c.reasons.append("position_guess")
            found.append(c)
    sub = reader.chosen.get("subtotal")
    subs = [sub] if sub is not None else [c for c in found if c.amount == line_sum]
    if not subs or subs[-1].amount != line_sum:
        return
    s = subs[-1]
    for t in found:
        for tot in found:
            if t is s or tot is s or t is tot or s.amount is None or t.amount is None:
                continue
            if s.amount + t.amount == tot.amount and t.amount > 0:
                for name, c in (("subtotal", s), ("tax", t), ("total", tot)):
                    old = reader.chosen.get(name)
                    # a value read from part of the repaired number ("¥510" of "¥510 08")
                    if old is None or (old is not c and set(old.span.chars) <= set(
                        c.span.chars
                    )):
                        c.name = name
                        reader.chosen[name] = c
                return
