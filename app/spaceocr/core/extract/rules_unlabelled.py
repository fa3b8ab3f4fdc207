"""Fields no label announced, read by pattern, by wording or by position.

- a Japanese T-number or an EU VAT id anywhere on the page (:func:`read_registration`, which
  also checks a T-number's check digit where a label did find it);
- a due date said in a sentence of the payment terms (``zahlbar bis zum <date>``, ``will be
  debited on <date>``: :func:`read_due_in_words`);
- a document number whose label the OCR lost: an id among the header's key/value rows
  (:func:`read_unlabelled_number`);
- the lone date, time, e-mail, phone or payment word of the page (:func:`read_by_pattern`).

A value read this way is never confident: each carries ``no_label`` or another reason.
"""

from __future__ import annotations

import re

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.rules_document import EU_VAT_ID_RE, T_NUMBER_RE, typed_values
from spaceocr.core.extract.rules_reader import Cand, FieldReader
from spaceocr.core.templates.schema import FieldSpec

__all__ = [
    "read_by_pattern",
    "read_due_in_words",
    "read_registration",
    "read_unlabelled_number",
]


#: the words of payment terms that put the due date right after them, each with the words that
#: must follow the date in its sentence (or None): German, English, French and Dutch usage
_DUE_PHRASES: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (re.compile(r"(?i)\b(?:wird|werden)\s+(?:am|zum)\s+"),
     re.compile(r"(?i)eingezogen|abgebucht|belastet|eingelöst|Lastschrift")),
    (re.compile(r"(?i)\b(?:zahlbar|zu zahlen|zahlen Sie|überweisen Sie|Zahlung)\b[^.]{0,60}?"
                r"\b(?:bis|spätestens)\s+(?:zum\s+|am\s+|spätestens\s+)?"), None),
    (re.compile(r"(?i)\b(?:ist|sind)\s+(?:am|zum|bis\s+zum)\s+"), re.compile(r"(?i)^\s*fällig")),
    (re.compile(r"(?i)\bwill be (?:debited|collected|charged|drawn)\b[^.]{0,60}?\bon\s+"), None),
    (re.compile(r"(?i)\b(?:payable|please pay|to be paid|payment is due)\b[^.]{0,40}?"
                r"\b(?:by|before|until|on)\s+(?:the\s+)?"), None),
    (re.compile(r"(?i)\bsera\s+(?:prélevée?s?|débitée?s?)\b[^.]{0,60}?\ble\s+"), None),
    (re.compile(r"(?i)\b(?:à payer|payable|à régler)\b[^.]{0,40}?"
                r"\b(?:avant le|au plus tard le|jusqu'au|le)\s+"), None),
    (re.compile(r"(?i)\bwordt\s+(?:op|rond)\s+"),
     re.compile(r"(?i)afgeschreven|geïncasseerd|geïnd")),
    (re.compile(r"(?i)\b(?:te betalen|betalen|betaling)\b[^.]{0,40}?"
                r"\b(?:voor|vóór|uiterlijk|uiterlijk op)\s+"), None),
)


def read_due_in_words(reader: FieldReader) -> None:
    """A due date said in a sentence of the payment terms, not under a label.

    ``Der Betrag wird am <date> ... per SEPA-Lastschrift eingezogen`` (the date a SEPA
    pre-notification announces for the debit), ``zahlbar ohne Abzug bis zum <date>``,
    ``will be debited on <date>``, ``sera prélevé le <date>``, ``wordt op <date>
    afgeschreven``. Read from wording, so it always needs review.
    """
    doc = reader.doc
    for k, row in enumerate(doc.rows):
        view = pt.nfkc(row.text)
        nxt = doc.rows[k + 1] if k + 1 < len(doc.rows) else None
        after_row = pt.nfkc(nxt.text) if nxt is not None and nxt.page == row.page else ""
        for before, after in _DUE_PHRASES:
            for m in before.finditer(view):
                found = typed_values(doc, "date", view[m.end() :])
                if not found or view[m.end() : m.end() + found[0].start].strip():
                    continue
                f = found[0]
                a, b = m.end() + f.start, m.end() + f.end
                if after is not None and not after.search(view[b:] + " " + after_row):
                    continue
                c = Cand("due_date", row.span.sub(a, b), row.page, f.normalized, 4.0,
                         "in_words", y=row.y0)
                c.reasons.append("no_label")
                if not f.valid:
                    c.reasons.append("date_does_not_exist")
                reader.add(c)
                return


def read_unlabelled_number(reader: FieldReader, fname: str) -> None:
    """A document number whose label the OCR lost: an id in the header's key/value rows."""
    doc = reader.doc
    used = {i for cs in reader.cands.values() for c in cs for i in c.span.chars}
    strong = re.compile(r"(?:No\.?\s?\d[\d-]{4,}|[A-Z]{1,4}-\d{2,}(?:-\d{2,})*)")
    plain = re.compile(r"[A-Z]{0,4}-?\d[\d-]{5,}")
    for pass_ in ("strong", "plain"):
        for row in doc.layouts[0].rows:
            if row.y0 > 0.45:
                break
            cell = row.cells[-1]
            t = cell.text.strip()
            if set(cell.span.chars) & used or pt.find_dates(t) or re.fullmatch(
                r"T\d{13}|\d{3}-\d{4}", t
            ):
                continue
            if pass_ == "strong":
                ok = bool(strong.fullmatch(t))
            else:
                ok = bool(
                    len(row.cells) >= 2 and plain.fullmatch(t)
                    and len(row.cells[-2].text) <= 14
                    and not any(h.row is row and h.field for h in doc.hits)
                    and not re.search(r"[\s().+]", t) and t.count("-") <= 2
                )
            if ok:
                c = Cand(fname, cell.span.stripped(" "), 0, None, 3.0, "unlabelled",
                         y=row.y0)
                c.reasons.append("no_label")
                reader.add(c)
                return


def read_registration(reader: FieldReader) -> None:
    """A Japanese T-number or a European VAT id anywhere, when no label announced one."""
    doc = reader.doc
    if reader.cands.get("registration_number"):
        for c in reader.cands["registration_number"]:
            _check_reg(c)
        return
    found: list[Cand] = []
    for row in doc.rows:
        for m in T_NUMBER_RE.finditer(row.text):
            found.append(Cand("registration_number", row.span.sub(m.start(), m.end()),
                              row.page, m.group(0).replace(" ", ""), 5.0, "pattern"))
        for m in EU_VAT_ID_RE.finditer(row.text):
            found.append(Cand("registration_number", row.span.sub(m.start(), m.end()),
                              row.page, m.group(0).replace(" ", ""), 4.0, "pattern"))
    for c in found:
        _check_reg(c)
        reader.add(c)


def _check_reg(c: Cand) -> None:
    """Mark a T-number whose check digit fails."""
    t = pt.nfkc(c.span.text).replace(" ", "")
    if re.fullmatch(r"T\d{13}", t) and not pt.valid_t_number(t):
        c.reasons.append("check_digit_failed")


def read_by_pattern(reader: FieldReader, spec: FieldSpec) -> None:
    """Fields no label announced: a lone date, time, e-mail, phone, payment word."""
    doc = reader.doc
    ftype = spec.type
    name = spec.name
    if ftype in ("date", "time", "email", "phone", "url", "currency"):
        if ftype == "date" and name not in ("date", "issue_date"):
            return
        if ftype == "currency":
            return
        found: list[Cand] = []
        for row in doc.rows:
            for f in typed_values(doc, ftype, row.text):
                sub = row.span.sub(f.start, f.end)
                if ftype == "phone":
                    before = row.text[max(0, f.start - 8) : f.start].lower()
                    fax_before = re.search(r"fax|ファクス|팩스|传真|f\s?[:.]?\s*$", before)
                    if fax_before and name != "fax":
                        continue
                    if name in ("fax", "mobile"):
                        continue
                c = Cand(name, sub, row.page, f.normalized, 4.0, "pattern",
                         y=row.y0)
                if ftype == "date" and not f.valid:
                    c.reasons.append("date_does_not_exist")
                found.append(c)
        if ftype == "phone":
            used = {i for n2, cs in reader.cands.items() if n2 != name for c in cs
                    for i in c.span.chars}
            found = [c for c in found if not set(c.span.chars) & used]
            found.sort(key=lambda c: len(re.sub(r"\D", "", c.span.text)) < 9)
        if not found:
            return
        if ftype == "time" and reader.cands.get("date"):
            d = reader.cands["date"][0]
            same = [c for c in found if c.page == d.page and abs(c.y - d.y) < 0.02]
            if same:
                found = same + [c for c in found if c not in same]
        distinct = {c.normalized or c.span.text for c in found}
        first = found[0]
        if len(distinct) > 1 and ftype in ("date",) and doc.template.name != "receipt":
            first.reasons.append("competing_values")
        if ftype == "date" and doc.template.name not in ("receipt",) and name != "date":
            first.reasons.append("no_label")
        reader.add(first)
        return
    if name == "payment_method":
        for row in doc.rows:
            if reader.in_table(row.page, row.y0) and row.page == 0 and reader.table_end and (
                row.y0 < reader.table_end[1] - 0.01
            ):
                continue
            for w in lb.PAYMENT_WORDS:
                for m in re.finditer(r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])",
                                     row.text, flags=re.IGNORECASE if len(w) > 3 else 0):
                    c = Cand(name, row.span.sub(m.start(), m.end()), row.page, None, 3.0,
                             "word", y=row.y0)
                    reader.add(c)
                    return
