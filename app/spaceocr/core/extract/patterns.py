"""Typed patterns: find an amount, a date, a time, a phone number, ... inside a piece of text.

Every finder works on the *comparison view* of a text (NFKC, so full-width digits and ``￥``
read as ASCII) and returns spans into the text it was given, so the caller can map a span back
to the OCR characters it came from. Each finder returns :class:`Found` objects: the span, and
a normalised form (a plain decimal for amounts, an ISO date, ``HH:MM`` for times).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "FINDERS",
    "Found",
    "find_amounts",
    "find_currency",
    "find_dates",
    "find_emails",
    "find_ids",
    "find_phones",
    "find_times",
    "find_urls",
    "nfkc",
    "parse_amount",
    "valid_cn_credit_code",
    "valid_t_number",
]


@dataclass(frozen=True, slots=True)
class Found:
    """A typed value found in a text: its span ``[start, end)`` and its normalised form."""

    start: int
    end: int
    normalized: str | None = None
    valid: bool = True  #: False when the value cannot exist (a 31st of February)
    fixed: str | None = None  #: the span's text repaired (a misread separator), when it was


def nfkc(text: str) -> str:
    """NFKC, character by character (so the length and the positions stay the same)."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        if len(n) != 1:
            n = ch if ch.strip() else " "
        out.append(n)
    s = "".join(out)
    return s.replace("−", "-").replace("‐", "-").replace("–", "-").replace("ー", "ー")


# ----------------------------------------------------------------------------- amounts
_CUR_PRE = r"(?:US\$|[¥$€₩£]|RM|EUR|USD|JPY|KRW|CNY|RMB|CHF|GBP)"
_CUR_POST = r"(?:円|원|元|圓|€|EUR|USD|JPY|KRW|CNY|RMB|CHF|-(?!\d))"
_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,6})?"
    r"|\d{1,3}(?:'\d{3})+(?:\.\d{1,2})?"
    r"|\d+(?:[.,]\d{1,6})?"
)
_AMOUNT = re.compile(
    rf"(?:(?<![A-Za-z0-9_.,/:-])|(?<=(?<![A-Za-z])W))(?P<neg>-\s?)?(?:(?P<pre>{_CUR_PRE})\s?(?P<neg2>-)?)?(?P<num>{_NUM})"
    rf"(?P<post>\s?{_CUR_POST})?(?![\w%/:]|[.,]\d|\.\w)"
)


#: a number printed letter-spaced (``￥ 1 2 3，4 5 6``): single digits one space apart
_SPACED = re.compile(
    rf"(?<![\w.,])(?:(?P<pre>{_CUR_PRE})\s?)?(?P<num>\d(?: ?[.,] ?\d| \d){{3,}})(?![\d.,])"
    rf"(?:\s?(?P<post>{_CUR_POST}))?"
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")


def _spaced_amounts(view: str, comma_decimal: bool | None) -> list[Found]:
    """Letter-spaced amounts: a grouping separator in its place, or a currency sign and four
    digits or more, prove the single digits are one number."""
    out = []
    for m in _SPACED.finditer(view):
        num = m.group("num")
        if num.count(" ") < 2:
            continue
        compact = num.replace(" ", "")
        grouped = _GROUPED.fullmatch(compact) is not None
        currency = bool(m.group("pre") or (m.group("post") or "").strip() not in ("", "-"))
        if not grouped and not (currency and compact.isdigit() and len(compact) >= 4):
            continue
        value = parse_amount(compact, comma_decimal=comma_decimal)
        if value is None:
            continue
        start = m.start("num") if m.group("pre") and m.group("pre")[-1].isalpha() else m.start()
        end = m.end("num") if (m.group("post") or "").strip() == "-" else m.end()
        out.append(Found(start, end, _plain(value)))
    return out


def parse_amount(num: str, *, comma_decimal: bool | None = None) -> Decimal | None:
    """The decimal value of a printed number (``1,234.50``, ``1.234,50``, ``1234``)."""
    s = num.strip().replace("'", "").replace(" ", "")
    if not s:
        return None
    neg = s.startswith("-")
    s = s.lstrip("-")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        if "," in s or comma_decimal is not False or s.count(".") > 1:
            s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", s):
        s = s.replace(",", ".")
    elif re.fullmatch(r"\d+,\d{3}", s):
        s = s.replace(",", "." if comma_decimal else "")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        val = Decimal(s)
    except InvalidOperation:
        return None
    return -val if neg else val


#: thousands commas a scan turned into points: two points or more, two digits after the last
_POINTS_FOR_COMMAS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+\.\d{2}(?![\d.,])")


def find_amounts(text: str, *, comma_decimal: bool | None = None) -> list[Found]:
    """Amounts in ``text``: numbers with an optional currency sign or word, not percentages.

    A number with more than one point and two digits after the last (``1.234.56``) cannot be
    printed so: its first points were commas the scan misread. It is read as ``1,234.56``
    and the :class:`Found` carries the repaired text in ``fixed``; so does a yen or won amount
    with a point before three digits (``￥8.400``: these currencies have no minor units).
    """
    view = nfkc(text)
    repaired: list[int] = []
    if comma_decimal is not True:
        for m in _POINTS_FOR_COMMAS.finditer(view):
            repaired += [m.start() + i for i, ch in enumerate(m.group(0)[:-3]) if ch == "."]
    if repaired:
        chars = list(view)
        for i in repaired:
            chars[i] = ","
        view = "".join(chars)
        found = _find_amounts(view, comma_decimal)
        fixed_text = list(text)
        for i in repaired:
            fixed_text[i] = ","
        out = []
        for f in found:
            if any(f.start <= i < f.end for i in repaired):
                f = Found(f.start, f.end, f.normalized, f.valid,
                          "".join(fixed_text[f.start:f.end]))
            out.append(f)
        return out
    return [_no_minor_units(text, f) for f in _find_amounts(view, comma_decimal)]


#: yen and won have no minor units: a point before three digits is a misread comma
_NO_MINOR = re.compile(
    r"(?:[¥₩]|JPY|KRW)\s?\d{1,3}(?:\.\d{3})+|\d{1,3}(?:\.\d{3})+\s?(?:円|원|JPY|KRW)"
)


def _no_minor_units(text: str, f: Found) -> Found:
    span = text[f.start : f.end]
    if f.fixed is None and "." in span and _NO_MINOR.fullmatch(nfkc(span).strip()):
        fixed = "".join("," if nfkc(ch) == "." else ch for ch in span)
        return Found(f.start, f.end, f.normalized, f.valid, fixed)
    return f


def _find_amounts(view: str, comma_decimal: bool | None) -> list[Found]:
    spaced = _spaced_amounts(view, comma_decimal)
    out: list[Found] = list(spaced)
    for m in _AMOUNT.finditer(view):
        if any(f.start <= m.start("num") < f.end for f in spaced):
            continue
        num = m.group("num")
        # a year, a phone or an id glued to the number is not an amount
        tail = view[m.end() : m.end() + 1]
        if tail == "%" or view[m.end() : m.end() + 2].strip().startswith("%"):
            continue
        value = parse_amount(num, comma_decimal=comma_decimal)
        if value is None:
            continue
        if m.group("neg") or m.group("neg2"):
            value = -value
        start = m.start()
        if m.group("neg") and not m.group("pre"):
            start = m.start("neg")
        elif m.group("pre") and m.group("pre")[-1].isalpha() and m.end("pre") < m.start(
            "neg2" if m.group("neg2") else "num"
        ):
            # a currency code apart from the number (``RM 6.40``) is not part of it; one
            # printed glued to it (``RM4.30``) is, as a sign is (``$3.10``)
            start = m.start("num") if not m.group("neg2") else m.start("neg2")
        end = m.end()
        post = m.group("post")
        if post and post.strip() == "-":
            end = m.end("num")
        out.append(Found(start, end, _plain(value)))
    if spaced:
        out.sort(key=lambda f: f.start)
    return out


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text


# ----------------------------------------------------------------------------- dates
_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "januari": 1, "jän": 1, "jänner": 1,
    "feb": 2, "february": 2, "februar": 2, "février": 2, "fevrier": 2, "februari": 2, "fév": 2,
    "mar": 3, "march": 3, "märz": 3, "marz": 3, "mars": 3, "maart": 3, "mrt": 3,
    "apr": 4, "april": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5, "mei": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "juil": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "augustus": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "oktober": 10, "octobre": 10, "okt": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "dezember": 12, "décembre": 12, "decembre": 12, "dez": 12,
}
_MON = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988}

_DATE_RES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?P<era>令和|平成|昭和)\s?(?P<y>\d{1,2}|元)\s?年\s?(?P<m>\d{1,2})\s?月"
                r"\s?(?P<d>\d{1,2})\s?日"), "era"),
    (re.compile(r"(?<!\d)(?P<y>\d{4})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})"
                r"\s?[日일]?"), "ymd"),
    (re.compile(r"(?<![\d.])(?P<y>\d{4})\s?(?P<s>[-/.])\s?(?P<m>\d{1,2})\s?(?P=s)\s?"
                r"(?P<d>\d{1,2})(?![\d])"), "ymd"),
    (re.compile(r"(?:(?<![\d./-])|(?<=\d-)(?=\d{1,2}/\d{1,2}/\d))"
                r"(?P<a>\d{1,2})\s?(?P<s>[-/.])\s?(?P<b>\d{1,2})\s?(?P=s)\s?"
                r"(?P<y>\d{4}(?=\d{2}:\d{2})|\d{4}(?![\d:])|\d{2}(?![\d:]))"), "dmy"),
    (re.compile(rf"(?<![\w])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s?[-\s]?(?P<mon>{_MON})\.?"
                rf"[-\s,]\s?(?P<y>\d{{4}})(?!\d)", re.IGNORECASE), "dmony"),
    (re.compile(rf"(?<![\w])(?P<mon>{_MON})\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s"
                rf"(?P<y>\d{{4}})(?!\d)", re.IGNORECASE), "mondy"),
]


def _mk_date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(y: str) -> int:
    v = int(y)
    return v + 2000 if len(y) == 2 else v


def find_dates(text: str, *, month_first: bool = False) -> list[Found]:
    """Dates in ``text`` (era, 年月日, ISO, d/m/y, month names), earliest first.

    ``valid`` is False when no reading of the printed numbers gives a day that exists.
    """
    view = nfkc(text)
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for rx, kind in _DATE_RES:
        for m in rx.finditer(view):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso: str | None = None
            if kind == "era":
                yy = 1 if m.group("y") == "元" else int(m.group("y"))
                iso = _mk_date(_ERAS[m.group("era")] + yy, int(m.group("m")), int(m.group("d")))
            elif kind == "ymd":
                iso = _mk_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            elif kind == "dmy":
                a, b, y = int(m.group("a")), int(m.group("b")), _year(m.group("y"))
                first = (b, a) if month_first else (a, b)
                iso = _mk_date(y, first[1], first[0]) or _mk_date(y, first[0], first[1])
            else:
                mon = _MONTHS.get(m.group("mon").lower().rstrip("."))
                if mon is None:
                    continue
                iso = _mk_date(int(m.group("y")), mon, int(m.group("d")))
            taken.append((m.start(), m.end()))
            end = m.end()
            while end > m.start() and view[end - 1] == " ":
                end -= 1
            out.append(Found(m.start(), end, iso, iso is not None))
    out.sort(key=lambda f: f.start)
    return out


# ----------------------------------------------------------------------------- times
_TIME = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])\s?[:時시]\s?(?P<m>[0-5]\d)(?:\s?:\s?(?P<s>[0-5]\d))?"
    r"(?:\s?(?P<ap>[AaPp]\.?[Mm]\.?))?(?![\d:])(?:分|분)?"
)


def find_times(text: str) -> list[Found]:
    """Times of day (``14:11``, ``9:35 AM``, ``13:16:21``)."""
    out = []
    for m in _TIME.finditer(nfkc(text)):
        h, mi = int(m.group("h")), int(m.group("m"))
        ap = (m.group("ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        out.append(Found(m.start(), m.end(), f"{h:02d}:{mi:02d}"))
    return out


# ----------------------------------------------------------------------------- contacts
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_+-])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?)?\d{1,5}(?:[\s.-]\d{1,5}){1,4}(?![\w])"
    r"|(?<![\w+])\+?\d{9,13}(?![\w])"
)


def find_phones(text: str) -> list[Found]:
    """Phone numbers: 7 to 15 digits in groups (``03-4412-9051``, ``+1 (415) 555-0182``)."""
    out = []
    view = nfkc(text)
    for m in _PHONE.finditer(view):
        raw = m.group(0).rstrip(" .-")
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if not re.search(r"[\s().+-]", raw) and len(digits) < 9:
            continue
        if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", raw):
            continue
        out.append(Found(m.start(), m.start() + len(raw), "".join(
            c for c in raw if c.isdigit() or c == "+")))
    return out


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[\w.-]+(?:/[\w./?=&%-]*)?", re.IGNORECASE)


def find_emails(text: str) -> list[Found]:
    """E-mail addresses."""
    return [Found(m.start(), m.end(), m.group(0).lower()) for m in _EMAIL.finditer(nfkc(text))]


def find_urls(text: str) -> list[Found]:
    """Web addresses (``www.example.com``, ``https://...``)."""
    return [Found(m.start(), m.end(), None) for m in _URL.finditer(nfkc(text))]


# ----------------------------------------------------------------------------- ids
_ID = re.compile(r"[#№]?[A-Za-z0-9][A-Za-z0-9_./#-]*[A-Za-z0-9]|[0-9]")


def find_ids(text: str) -> list[Found]:
    """Identifier-like words that hold at least one digit (``INV-2026-41877``, ``No.2027``)."""
    out = []
    view = nfkc(text)
    for m in _ID.finditer(view):
        word = m.group(0)
        if not re.search(r"\d", word):
            continue
        out.append(Found(m.start(), m.end(), word))
    return out


_CURRENCY = re.compile(r"(?<![A-Za-z])(JPY|USD|EUR|KRW|CNY|RMB|GBP|CHF|TWD|HKD|MYR|SGD|AUD|CAD)"
                       r"(?![A-Za-z])")


def find_currency(text: str) -> list[Found]:
    """ISO currency codes."""
    return [Found(m.start(), m.end(), m.group(1)) for m in _CURRENCY.finditer(nfkc(text))]


# ----------------------------------------------------------------------------- check digits
def valid_t_number(text: str) -> bool:
    """The check digit of a Japanese registration number (``T`` + 13-digit corporate number).

    The first of the 13 digits is ``9 - (sum of the other 12 weighted 1, 2 from the
    right) mod 9``.
    """
    digits = re.sub(r"\D", "", nfkc(text))
    if len(digits) != 13:
        return False
    body = digits[1:]
    total = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(reversed(body)))
    return int(digits[0]) == 9 - total % 9


_CN_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CN_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def valid_cn_credit_code(code: str) -> bool:
    """The check character of an 18-character Chinese unified social credit code."""
    code = nfkc(code).upper()
    if len(code) != 18 or any(c not in _CN_ALPHA for c in code):
        return False
    total = sum(_CN_ALPHA.index(c) * w for c, w in zip(code[:17], _CN_WEIGHTS, strict=True))
    return _CN_ALPHA[(31 - total % 31) % 31] == code[17]


FINDERS: dict[str, Callable[[str], list[Found]]] = {
    "date": find_dates,
    "time": find_times,
    "phone": find_phones,
    "email": find_emails,
    "url": find_urls,
    "id": find_ids,
    "currency": find_currency,
}
