"""Comparable forms of printed values: amounts as numbers, dates as ISO dates.

The store keeps, beside every value as printed, a numeric form (for amount and number fields)
and an ISO date (for date fields), so ``total > 1000`` and ``issue_date >= 2026-05-01`` compare
numbers and dates, not text. Both parsers return None for text they cannot read; they never
guess a value that is not in the text.

Amounts: ``¥1,234``, ``1.234,56 €``, ``-1,234``, ``(1,234)``, ``▲1,234``, ``1 234,56``,
``１２，３４５円``, ``₩12,000``, ``USD 12.50``. Dates: ``2026-05-18``, ``2026/5/18``,
``2026年5月18日``, ``令和8年5月18日``, ``R8.5.18``, ``2026년 5월 18일``, ``18.05.2026``,
``18/05/2026`` (day first when the first number cannot be a month), ``05/18/2026``,
``May 18, 2026``, ``18 May 2026``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

__all__ = ["parse_amount", "parse_date", "sortable_number"]

_MINUS_SIGNS = "-\u2212\u2012\u2013\u2014\uff0d"
_NEG_MARKS = "▲△"
_THOUSANDS_SPACES = " \u00a0\u202f\u2009'’"
_NUMBER_BODY = re.compile(r"^[0-9][0-9.,]*$")


def _clean_amount(text: str) -> tuple[str, bool] | None:
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    # a word run into the number is part of an id ("INV-001", "No12"), not a currency;
    # a currency code may touch it ("USD12.50"), a unit may follow it ("12kg")
    if re.search(r"[A-Za-z][-\u2212]", s) or any(
        not re.fullmatch(r"[A-Z]{3}", m.group()) for m in re.finditer(r"[A-Za-z]+(?=[0-9])", s)
    ):
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    # currency signs and words around the number: keep digits, separators and signs only
    kept = []
    for ch in s:
        if ch.isdigit() or ch in ".,+" or ch in _MINUS_SIGNS or ch in _NEG_MARKS:
            kept.append(ch)
        elif ch in _THOUSANDS_SPACES:
            kept.append(" ")
        elif ch in "()":
            return None
        elif unicodedata.category(ch)[0] in "LS" or ch in "$¥€£₩￥":
            if kept and kept[-1] not in " ":
                kept.append(" ")  # a letter between digits ends the number: "12 3" fails below
        elif ch.isspace():
            kept.append(" ")
        else:
            return None
    s = "".join(kept).strip()
    if not s:
        return None
    if s[0] in _NEG_MARKS or s[0] in _MINUS_SIGNS:
        negative, s = True, s[1:].strip()
    elif s[0] == "+":
        s = s[1:].strip()
    elif s[-1] in _MINUS_SIGNS:  # "1,234-" (trailing minus of some ledgers)
        negative, s = True, s[:-1].strip()
    # spaces may only group thousands: "1 234,56"
    if " " in s:
        groups = s.split()
        if not all(re.fullmatch(r"[0-9]{3}([.,][0-9]+)?", g) for g in groups[1:]):
            return None
        if not re.fullmatch(r"[0-9]{1,3}", groups[0]):
            return None
        s = "".join(groups)
    if not _NUMBER_BODY.match(s):
        return None
    return s, negative


def parse_amount(text: str | None) -> Decimal | None:
    """The number a printed amount or quantity stands for, or None.

    The last of ``.`` and ``,`` is the decimal separator when both appear; a lone separator
    followed by exactly three digits in repeated groups (``1,234,567``) groups thousands;
    ``1,234`` is one thousand two hundred and thirty-four, ``12,50`` is twelve and a half.
    """
    if text is None:
        return None
    cleaned = _clean_amount(text)
    if cleaned is None:
        return None
    s, negative = cleaned
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        intpart, _, frac = s.rpartition(dec)
        if dec in intpart or not re.fullmatch(
            r"[0-9]{1,3}(" + re.escape(thou) + r"[0-9]{3})*", intpart
        ):
            return None
        s = intpart.replace(thou, "") + "." + frac
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        parts = s.split(sep)
        if any(not p for p in parts):
            return None
        if len(parts) > 2 or (sep == "," and len(parts[1]) == 3 and len(parts[0]) <= 3):
            # thousands groups: 1,234 / 1,234,567 / 1.234.567
            if not (len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
                return None
            s = "".join(parts)
        else:
            s = parts[0] + "." + parts[1]
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if negative else value


def sortable_number(text: str | None, normalized: str | None = None) -> float | None:
    """The numeric column the store keeps: the extractor's plain decimal, else the text's."""
    for candidate in (normalized, text):
        if candidate is None:
            continue
        value = parse_amount(candidate)
        if value is not None and value.is_finite():
            return float(value)
    return None


# --------------------------------------------------------------------------- dates
_ERAS = {
    "令和": 2018,
    "平成": 1988,
    "昭和": 1925,
    "大正": 1911,
    "明治": 1867,
    "r": 2018,
    "h": 1988,
    "s": 1925,
    "t": 1911,
    "m": 1867,
}
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ERA_RE = re.compile(
    r"^(令和|平成|昭和|大正|明治|[rhstm])\.?\s*(元|[0-9]{1,2})\s*[年./-]\s*([0-9]{1,2})\s*"
    r"[月./-]\s*([0-9]{1,2})\s*日?$"
)
_YMD_RE = re.compile(
    r"^([0-9]{4})\s*(?:[-/.年]|년)\s*([0-9]{1,2})\s*(?:[-/.月]|월)\s*([0-9]{1,2})\s*(?:日|일)?"
    r"(?:[ t].*)?$"
)
_DMY_RE = re.compile(r"^([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{4})$")
_COMPACT_RE = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_NAMED_MDY = re.compile(r"^([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})$")
_NAMED_DMY = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]+)\.?,?\s+([0-9]{4})$")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """The ISO form (``YYYY-MM-DD``) of a printed date, or None when it is not a date.

    ``18/05/2026`` is read day first (18 cannot be a month); ``05/06/2026`` is ambiguous and is
    read day first with a dot (``05.06.2026``, the European form) and month first with a
    slash (``05/06/2026``, the US form).
    """
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    s = re.sub(r"\s*\((?:[月火水木金土日]|[a-z]{2,3})\)\s*$", "", s)  # a weekday: (月), (mon)
    if not s:
        return None
    m = _ERA_RE.match(s)
    if m:
        era, year, month, day = m.groups()
        y = 1 if year == "元" else int(year)
        return _iso(_ERAS[era] + y, int(month), int(day))
    m = _YMD_RE.match(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT_RE.match(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 or ("/" not in s and b <= 12):
            return _iso(y, b, a)
        return _iso(y, a, b)
    m = _NAMED_MDY.match(s)
    if m and m.group(1) in _MONTHS:
        return _iso(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    m = _NAMED_DMY.match(s)
    if m and m.group(2) in _MONTHS:
        return _iso(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    return None
