"""A business card: its address, company, title and the person's name, from their looks.

A card has few labels. Its address is the line with a postcode (``〒123-4567``) or one that
starts with a house number; its company the line with a legal form; the title a line with
a job word (``Manager``, ``部長``); the name the largest remaining line without digits.
Phone, fax, e-mail and web lines are read by their patterns before and kept out of these.
"""

from __future__ import annotations

import re

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, Row
from spaceocr.core.extract.rules_document import join_spans
from spaceocr.core.extract.rules_reader import Cand, FieldReader

__all__ = ["read_card"]


def read_card(reader: FieldReader) -> None:
    """Business cards: name, title, company and address from their looks."""
    doc = reader.doc
    used: set[int] = set()
    for n in ("email", "phone", "fax", "mobile", "url"):
        for known in reader.cands.get(n, []):
            used.update(known.span.chars)
    rows = [r for r in doc.rows if r.page == 0]
    lines: list[tuple[Row, Cell]] = [(r, c) for r in rows for c in r.cells]
    # address
    if "address" in reader.specs and not reader.cands.get("address"):
        for k, (r, c) in enumerate(lines):
            t = c.text
            if pt.find_emails(t) or re.search(r"(?i)tel|fax|phone|mobile|e-?mail", t):
                continue
            m = re.search(r"〒\s?\d{3}-?\d{4}\s*", t) or re.match(
                r"\S?\s?\d{3}-\d{4}\s*(?=\S*[都道府県])", t)
            if m:
                s = c.span.sub(m.end(), len(t)).stripped(" ")
                if s.text:
                    reader.add(Cand("address", s, r.page, None, 7.0, "postal"))
                    break
            if re.match(r"\d{1,5}\s+\w", t) and lb.ADDRESS_RE.search(t):
                span = c.span
                nxt = [(r2, c2) for r2, c2 in lines[k + 1 :]
                       if r2.index > r.index and abs(c2.x0 - c.x0) < 0.05]
                if nxt:
                    r2, c2 = nxt[0]
                    if re.search(r"[A-Z]{2}\s+[A-Z0-9]{3}|\d{4,5}|,", c2.text) and (
                        r2.y0 - r.y1 < 2 * r.h
                    ) and not pt.find_phones(c2.text):
                        span = join_spans(span, c2.span)
                reader.add(Cand("address", span, r.page, None, 6.0, "street"))
                break
    addr = {i for a in reader.cands.get("address", []) for i in a.span.chars}
    rest = [(r, c) for r, c in lines
            if not (set(c.span.chars) & (used | addr)) and re.search(r"\w{2}", c.text)
            and not pt.find_phones(c.text) and not pt.find_emails(c.text)
            and not re.search(r"(?i)^(tel|fax|phone|mobile|e-?mail|www)", c.text.strip())
            and not re.search(r"〒", c.text)]
    company: Cell | None = None
    if "company" in reader.specs and not reader.cands.get("company"):
        for r, c in rest:
            if lb.COMPANY_RE.search(c.text):
                company = c
                span = c.span.stripped(" ")
                m = re.match(r"([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)? [A-Z][a-z]+) (?=[A-Z])",
                             span.text)
                if m and len(span.text.split()) >= 4 and "name" in reader.specs:
                    # a name printed over the company's line: split, but say so
                    nm = Cand("name", span.sub(0, m.end(1)), r.page, None, 6.5, "split")
                    nm.reasons.append("weak_guess")
                    reader.add(nm)
                    span = span.sub(m.end(), len(span.text))
                cc = Cand("company", span, r.page, None, 6.0, "suffix")
                if span is not c.span and len(span.text) < len(c.text.strip()):
                    cc.reasons.append("weak_guess")
                reader.add(cc)
                break
    title: Cell | None = None
    if "title" in reader.specs and not reader.cands.get("title"):
        for r, c in rest:
            if c is company:
                continue
            if lb.JOB_TITLE_RE.search(c.text) and len(c.text) < 60:
                title = c
                reader.add(Cand("title", c.span.stripped(" "), r.page, None, 6.0, "words"))
                break
    if "name" in reader.specs and not reader.cands.get("name"):
        pool = [(r, c) for r, c in rest if c is not company and c is not title
                and not re.search(r"\d", c.text) and len(c.text.strip()) <= 30]
        if pool:
            r, c = max(pool, key=lambda rc: rc[1].h)
            reader.add(Cand("name", c.span.stripped(" "), r.page, None, 6.0, "largest"))
            if company is None and "company" in reader.specs and not reader.cands.get("company"):
                others = [x for x in pool if x[1] is not c]
                if others:
                    r2, c2 = max(others, key=lambda rc: rc[1].h)
                    cc = Cand("company", c2.span.stripped(" "), r2.page, None, 3.0, "guess")
                    cc.reasons.append("weak_guess")
                    reader.add(cc)
