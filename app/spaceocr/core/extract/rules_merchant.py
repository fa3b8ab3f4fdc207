"""A receipt's merchant and its address, read from the head of the receipt.

No label names a shop: :func:`read_merchant` takes the issuer block when it names a company,
else the receipt's first line that is not a title, a date, a number or a greeting; under a
brand's logo the line with the legal form is the trading name. :func:`read_merchant_address`
reads the lines under the name that read as an address, skipping the shop's ids and stopping
at its phone line, a rule, or a state or country.
"""

from __future__ import annotations

import functools
import re

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Row, Span
from spaceocr.core.extract.rules_document import Document, join_spans, text_value
from spaceocr.core.extract.rules_names import is_addressy, is_sentence_like, is_title
from spaceocr.core.extract.rules_parties import read_issuer
from spaceocr.core.extract.rules_reader import Cand, FieldReader

__all__ = ["read_merchant", "read_merchant_address"]


#: a company registration number on a line of its own (``(123456-X)``, ``CO.REG: 98765-A``):
#: digits with at most a one- or two-letter check suffix, so that a postcode with its town
#: (``40170 SETIA ALAM``) or a branch line (``0123-TAMAN INDAH``) is not taken for one
_REG_NO_LINE = re.compile(
    r"\(?\s?(?:CO\.?\s?REG\.?\s?(?:NO)?\s?[:.]?\s?)?[0-9][0-9 -]{3,}[0-9]"
    r"(?:\s?-?\s?[A-Z]{1,2})?\s?\)?"
)


def read_merchant(reader: FieldReader) -> None:
    """A receipt's merchant: its top line (or the issuer block of a formal receipt)."""
    doc = reader.doc
    lay = doc.layouts[0]
    top = [r for r in lay.rows if r.y0 < 0.45]
    read_issuer(reader, "merchant_name")
    issuer = reader.cands.pop("merchant_name", [])
    if issuer and lb.COMPANY_RE.search(issuer[0].span.text):
        reader.add(issuer[0])
        return
    for k, r in enumerate(top[:8]):
        cells = [c for c in r.cells if len(re.findall(r"\w", c.text)) >= 2]
        if not cells:
            continue
        c = max(cells, key=lambda x: len(x.text))
        t = c.text.strip()
        if is_title(t) or pt.find_dates(t) or re.fullmatch(r"[\W\d]+", t) or re.fullmatch(
            r"(?i)(no|nr|#)\.?\s?[\w-]*\d[\w-]*", t
        ):
            continue
        if sum(ch.isalpha() for ch in t) < 2 or is_sentence_like(t):
            continue  # "Your order number is", "Welcome to ...": a greeting, not a name
        s = text_value(r.span if len(r.cells) <= 2 and _gapless(r) else c.span)
        if s is None:
            continue
        cand = Cand("merchant_name", s, r.page, None, 4.0, "top_line", y=c.y0)
        if _low_conf(doc, r.page, s):
            cand.reasons.append("low_ocr_confidence")
        company = _company_under_logo(top[k + 1 : k + 4], s.text, r.h)
        if company is not None:
            cand = company
        reader.add(cand)
        return


def _company_under_logo(rows: list[Row], top: str, top_h: float) -> Cand | None:
    """A receipt that opens with its brand's logo (``acme``, one word or a big print)
    prints the trading name with its legal form (``Acme Trading Sdn Bhd``) in the lines
    under it, before the address: that line is the merchant. Which of the two the reader
    wants is a guess."""
    if lb.COMPANY_RE.search(top):
        return None
    for r in rows:
        t = r.text.strip()
        if " " in top.strip() and top_h < 1.4 * r.h:
            return None  # a name in the size of the lines under it is no logo
        if re.fullmatch(r"\(.*\)", t):
            continue  # "(Acme Shop (1234))": a note in brackets
        if lb.ADDRESS_RE.search(t) or pt.find_phones(t) or pt.find_dates(t):
            return None
        if lb.COMPANY_RE.search(t) and not is_sentence_like(t) and not re.search(
            r"[:：]", t
        ):
            s = text_value(r.span)
            if s is None:
                return None
            c = Cand("merchant_name", s, r.page, None, 4.0, "under_logo", y=r.y0)
            c.reasons.append("position_guess")
            return c
    return None


def read_merchant_address(reader: FieldReader) -> None:
    """The lines under a receipt's merchant name that read as an address."""
    doc = reader.doc
    merchant = reader.cands.get("merchant_name")
    if not merchant:
        return
    m = max(merchant, key=lambda c: c.score)
    first = next((i for i in m.span.idx if i >= 0), None)
    rows = doc.layouts[m.page].rows
    start = next((r.index for r in rows if first in r.span.idx), None)
    if start is None:
        return
    parts: list[Span] = []
    last = rows[start]
    for r in rows[start + 1 : start + 10]:
        t = r.text.strip()
        if r.y0 - last.y1 > 2.5 * max(r.h, last.h):
            break
        tight = r.y0 - last.y1 <= max(r.h, last.h)
        last = r  # the header block goes on through the lines skipped below
        # the merchant's ids, a labelled line ("Company no : ..."), a line in brackets:
        # skipped above the address, the end of it below
        if is_title(t) or any(h.row is r and h.weight > 3 for h in doc.hits) or (
            _REG_NO_LINE.fullmatch(t)
        ) or re.search(r"(?i)co(?:mpany)?\.?\s?reg|company\s?no|(?<![a-z])gst(?![a-z])|"
                       r"登録番号|사업자|[:：]", t) or re.fullmatch(r"\(.*\)", t):
            if parts:
                break
            continue
        stop = (re.search(r"(?i)(?<![a-z])(tel|fax|phone|e-?mail|"
                          r"www|http)(?![a-z])|@|電話|전화", t)
                or re.fullmatch(r"[-=*_.\s]+", t) or any(
                    len(re.sub(r"\D", "", t[f.start:f.end])) >= 9 for f in pt.find_phones(t)))
        if stop:
            break
        if pt.find_dates(t):
            if parts:
                break
            continue
        if not (is_addressy(t) or lb.ADDRESS_RE.search(t) or parts):
            if parts:
                break
            continue
        if parts and not (is_addressy(t) or lb.ADDRESS_RE.search(t)) and not re.search(
            r"[,.]$", pt.nfkc(parts[-1].text)
        ) and not (_place_name(t) and tight):
            break
        parts.append(text_value(r.span) or r.span)
        if _place_name(t) and not (is_addressy(t) or lb.ADDRESS_RE.search(t)) and not (
            pt.nfkc(t).rstrip().endswith(",")
        ):
            break  # a state or a country ends the address
    if not parts:
        return
    span = functools.reduce(join_spans, parts)
    c = Cand("merchant_address", span, m.page, None, 4.0, "under_name", y=0.0)
    c.reasons.append("position_guess")
    reader.add(c)


def _place_name(t: str) -> bool:
    """A line of one or two words of letters only (``Ontario``, ``Portugal``): the state or
    country that closes an address block."""
    words = re.sub(r"[,.]", " ", pt.nfkc(t)).split()  # "Selangor, Malaysia": two words
    return 1 <= len(words) <= 2 and all(re.fullmatch(r"[^\W\d_]{3,}", w) for w in words)


def _gapless(r: Row) -> bool:
    if len(r.cells) < 2:
        return True
    a, b = r.cells[0], r.cells[1]
    return b.x0 - a.x1 < 2 * max(a.h, b.h)


def _low_conf(doc: Document, page: int, s: Span) -> bool:
    chars = doc.pages[page].chars
    vals = [chars[i].confidence for i in s.chars]
    return bool(vals) and min(vals) < 0.5
