"""What a value is looked for as: its comparison view, its printed forms, its bare number.

A value that is a normalised form (an ISO date, a plain decimal, a 24-hour time) may be printed
in many ways (:func:`printed_forms`). An amount may carry a currency mark the page prints
differently, or not at all (:func:`search_targets` looks for the number without it, and lets
any mark of the same currency beside it count as located).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spaceocr.core.matching_view import normalize

__all__ = ["MAX_VALUE", "Target", "printed_forms", "search_targets"]

logger = logging.getLogger(__name__)

_CURRENCY_CLASSES = (
    frozenset("¥円"),  # yen
    frozenset("¥元圆圓"),  # yuan
    frozenset("₩원"),  # won
    frozenset("$"),
    frozenset("€"),
    frozenset("£"),
)
_CURRENCY_CHARS = frozenset().union(*_CURRENCY_CLASSES)
MAX_VALUE = 400  #: longer values are clipped before alignment (no field is this long)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PLAIN_NUMBER = re.compile(r"([-+]?)(\d+)(?:\.(\d+))?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True, slots=True)
class Target:
    """One view to look for: the value or one of its forms, with what it lacks."""

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


def search_targets(value: str) -> list[Target]:
    """The views to look for: the value, its printed forms, its number without the mark."""
    base = normalize(value)[:MAX_VALUE]
    # a plain number (a normalised amount) takes the currency mark printed beside it
    marks = _CURRENCY_CLASSES if _PLAIN_NUMBER.fullmatch(value.strip()) else ()
    out = [Target(base, 0, 0, marks)]
    seen = {base}
    for k, form in enumerate(printed_forms(value), 1):
        f = normalize(form)
        if f and f not in seen:
            seen.add(f)
            out.append(Target(f, 0, k, marks))
    lead, core, trail = _split_currency(base)
    if (lead or trail) and core and any(c.isdigit() for c in core):
        classes = tuple(c for c in _CURRENCY_CLASSES if any(m in c for m in lead + trail))
        out.append(Target(core, len(lead) + len(trail), len(out), classes))
    return out


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
