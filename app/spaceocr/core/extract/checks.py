"""Cross-checks that decide which values can be trusted.

- ``sum_lines``: the line amounts add up to the subtotal (or to the total when there is no
  subtotal and no tax);
- ``subtotal_tax_total``: subtotal + tax = total;
- ``line_qty_price``: quantity × unit price = amount, for every line that prints all three;
- ``registration_number``: the check digit of a Japanese T-number / Chinese credit code;
- ``dates_exist``: every date read is a day that exists.

Before the line checks, a line amount whose decimal point the scan lost (``2480 15``, read as
one number with spaces) is repaired when the format proves it: another amount of the same
column prints two decimals, or quantity x unit price = amount holds only with the point. A
repaired cell carries ``repaired:decimal_point``; a spaced number that cannot be repaired
carries ``irregular_number``. A money cell with two points or more (``$1.234.56``) had its
thousands commas misread and is read back with commas (``repaired:separator``). In a table
of priced lines, the cells of a line with no
amount carry ``line_without_amount``.

A failed check adds a review reason to the fields it involves, so they are never counted as
confident.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, MutableMapping
from decimal import Decimal, InvalidOperation
from typing import Any

from spaceocr.core.extract import patterns as pt
from spaceocr.core.types import ExtractedField

__all__ = ["line_amounts", "repair_decimal_points", "run_checks"]

Rows = tuple[tuple[ExtractedField, ...], ...]


def _dec(f: ExtractedField | None) -> Decimal | None:
    if f is None:
        return None
    for text in (f.normalized, f.value):
        if not text:
            continue
        try:
            return Decimal(text)
        except InvalidOperation:
            found = pt.find_amounts(text)
            if found and found[0].normalized:
                return Decimal(found[0].normalized)
    return None


def line_amounts(rows: Rows) -> list[Decimal | None]:
    """The amount of each line item (None where a line prints none)."""
    out: list[Decimal | None] = []
    for row in rows:
        cell = next((c for c in row if c.name == "amount"), None)
        out.append(_dec(cell))
    return out


#: a number the scan split with spaces, its last group two digits: ``2 48 0 15``, ``¥1210 40``
_LOST_POINT = re.compile(r"(?P<pre>[^\d\s+-]*\s?)(?P<num>[+-]?\d[\d ]*? (?P<dec>\d{2}))")
_GROUPED_SPACES = re.compile(r"[+-]?\d{1,3}(?: \d{3})+")
_TWO_DECIMALS = re.compile(r"\d ?[.,]\d{2}(?!\d)")
_MONEY_CELLS = ("unit_price", "amount")


def _lost_point(text: str) -> Decimal | None:
    """The value of a spaced number read with its decimal point restored, or None."""
    v = pt.nfkc(text).strip()
    m = _LOST_POINT.fullmatch(v)
    if m is None or "." in v or "," in v or _GROUPED_SPACES.fullmatch(m.group("num")):
        return None
    digits = re.sub(r"\D", "", m.group("num"))
    try:
        value = Decimal(f"{digits[:-2] or '0'}.{digits[-2:]}")
    except InvalidOperation:
        return None
    return -value if m.group("num").startswith("-") else value


def repair_decimal_points(rows: Rows) -> Rows:
    """Line cells whose decimal point was lost, restored where format or arithmetic proves it.

    A cell qualifies when its printed number has spaces that are not thousands groups and ends
    in a two-digit group. Proof: another cell of a money column prints two decimals, or
    quantity x unit price = amount holds with the restored point. Other spaced numbers are
    marked ``irregular_number``.
    """
    two_decimals = any(
        c.name in _MONEY_CELLS and c.value and _TWO_DECIMALS.search(pt.nfkc(c.value))
        and _lost_point(c.value) is None
        for row in rows for c in row
    )
    out = []
    for row in rows:
        cells = {c.name: c for c in row}
        fixed: dict[str, Decimal] = {}
        for name in _MONEY_CELLS:
            c = cells.get(name)
            if c is not None and c.value:
                restored = _lost_point(c.value)
                if restored is not None:
                    fixed[name] = restored
        if not fixed:
            out.append(_points_for_commas(row))
            continue
        proved = two_decimals
        q = _dec(cells.get("quantity"))
        if not proved and q is not None:
            p = fixed.get("unit_price", _dec(cells.get("unit_price")))
            a = fixed.get("amount", _dec(cells.get("amount")))
            proved = p is not None and a is not None and _close(q * p, a) and q != 1
        new_row = []
        for c in row:
            if c.name in fixed and proved:
                text = format(fixed[c.name], "f")
                c = dataclasses.replace(
                    c, value=text, printed=c.printed or c.value, normalized=text,
                    review_reasons=(*c.review_reasons, "repaired:decimal_point"),
                )
            elif c.name in fixed:
                c = _with_reason(c, "irregular_number")
            new_row.append(c)
        out.append(tuple(new_row))
    return tuple(out)


def _points_for_commas(row: tuple[ExtractedField, ...]) -> tuple[ExtractedField, ...]:
    """Money cells printed with two points or more (``$1.234.56``): thousands commas the scan
    misread, read back as commas (see :func:`patterns.find_amounts`)."""
    out = []
    for c in row:
        if c.name in _MONEY_CELLS and c.value:
            found = pt.find_amounts(c.value)
            f = found[0] if len(found) == 1 else None
            if f is not None and f.fixed and f.normalized:
                text = c.value[: f.start] + f.fixed + c.value[f.end :]
                c = dataclasses.replace(
                    c, value=text, printed=c.printed or c.value, normalized=f.normalized,
                    review_reasons=(*c.review_reasons, "repaired:separator"),
                )
        out.append(c)
    return tuple(out)


def _add_reason(c: Any, reason: str) -> None:
    if reason not in c.reasons:
        c.reasons.append(reason)


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("0.011")


def run_checks(
    chosen: Mapping[str, Any], items: MutableMapping[str, Rows]
) -> list[tuple[str, bool, str]]:
    """Run every check that applies; mark failing fields (candidates and line cells).

    ``chosen`` maps field names to the extractor's candidates (with ``amount``, ``span``,
    ``normalized`` and a mutable ``reasons`` list); ``items`` maps array fields to their rows
    and is updated in place when a line's cells need review.
    """
    out: list[tuple[str, bool, str]] = []
    amt = {n: c.amount for n, c in chosen.items() if getattr(c, "amount", None) is not None}
    sub, tax, tot = amt.get("subtotal"), amt.get("tax"), amt.get("total")

    if sub is not None and tax is not None and tot is not None:
        ok = _close(sub + tax, tot)
        out.append(("subtotal_tax_total", ok, f"{sub} + {tax} = {sub + tax} vs total {tot}"))
        if not ok:
            for n in ("subtotal", "tax", "total"):
                _add_reason(chosen[n], "check_failed:subtotal_tax_total")
    elif sub is not None and tot is not None and tax is None and sub > tot:
        out.append(("subtotal_le_total", False, f"subtotal {sub} > total {tot}"))
        for n in ("subtotal", "total"):
            _add_reason(chosen[n], "check_failed:subtotal_le_total")

    rows = items.get("line_items")
    if rows:
        rows = items["line_items"] = repair_decimal_points(rows)
        amounts = line_amounts(rows)
        if sum(a is not None for a in amounts) >= 2:
            # in a table of priced lines, a line with no amount is a fragment read as a line
            rows = items["line_items"] = tuple(
                row if a is not None else tuple(_with_reason(c, "line_without_amount")
                                                for c in row)
                for row, a in zip(rows, amounts, strict=True)
            )
        known = [a for a in amounts if a is not None]
        target_name = "subtotal" if sub is not None else ("total" if tax is None else None)
        target = amt.get(target_name) if target_name else None
        if known and target is not None and len(known) == len(amounts):
            total = sum(known, Decimal(0))
            ok = _close(total, target)
            out.append(("sum_lines", ok, f"sum of {len(known)} line amounts {total} vs "
                        f"{target_name} {target}"))
            if not ok:
                # the totals are printed once and checked against each other; lines are many
                totals_ok = any(n == "subtotal_tax_total" and p for n, p, _ in out)
                if not totals_ok and target_name:
                    _add_reason(chosen[target_name], "check_failed:sum_lines")
                items["line_items"] = tuple(
                    tuple(_with_reason(c, "check_failed:sum_lines") if c.name == "amount"
                          else c for c in row) for row in rows
                )
                rows = items["line_items"]
        bad = 0
        checked = 0
        new_rows = []
        for row in rows:
            cells = {c.name: c for c in row}
            q, p, a = (_dec(cells.get(k)) for k in ("quantity", "unit_price", "amount"))
            if q is not None and p is not None and a is not None:
                checked += 1
                if not (_close(q * p, a) or _close(abs(q * p), abs(a))):
                    bad += 1
                    row = tuple(_with_reason(c, "check_failed:line_qty_price")
                                if c.name in ("quantity", "unit_price", "amount") else c
                                for c in row)
            new_rows.append(row)
        if checked:
            items["line_items"] = tuple(new_rows)
            out.append(("line_qty_price", bad == 0, f"{checked - bad}/{checked} lines: "
                        "quantity x unit price = amount"))

    reg = chosen.get("registration_number")
    if reg is not None:
        t = re.sub(r"\s", "", pt.nfkc(reg.span.text))
        if re.fullmatch(r"T\d{13}", t):
            ok = pt.valid_t_number(t)
            out.append(("registration_number", ok, "T-number check digit"))
            if not ok:
                _add_reason(reg, "check_failed:registration_number")
        elif len(t) == 18 and re.fullmatch(r"[0-9A-Z]{18}", t):
            ok = pt.valid_cn_credit_code(t)
            out.append(("registration_number", ok, "credit code check character"))
            if not ok:
                _add_reason(reg, "check_failed:registration_number")

    dates = [(n, c) for n, c in chosen.items()
             if n.endswith("date") or n in ("date", "valid_until")]
    if dates:
        bad_dates = [n for n, c in dates if "date_does_not_exist" in c.reasons or (
            c.normalized is None and pt.find_dates(c.span.text))]
        out.append(("dates_exist", not bad_dates,
                    "all dates exist" if not bad_dates else "no such day: " + ", ".join(bad_dates)))
    return out


def _with_reason(c: ExtractedField, reason: str) -> ExtractedField:
    if reason in c.review_reasons:
        return c
    return dataclasses.replace(c, review_reasons=(*c.review_reasons, reason))
