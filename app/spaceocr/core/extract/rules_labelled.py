"""Values a label announces: to its right on its row, or in the cell under it.

For each label of a field found in the rows, :func:`label_candidates` reads the value that
follows it on its row (up to the next label), else the first cell under it, and keeps what
parses as the field's type. An amount label followed by a row of amounts (``Total  net  tax
gross``) takes the one the others add up to; one over a column of amounts takes the column's
sum when the last row proves it; a tax or subtotal label heading a table column takes the
total under that column. A name under a courtesy title (``Herrn``) or run over two lines is
read whole. The score of a candidate says how sure its label and its place are.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, Row, Span
from spaceocr.core.extract.rules_document import (
    AMOUNT_TYPES,
    PARTY_FIELDS,
    T_NUMBER_RE,
    VAT_ID_RE,
    Document,
    first_cell,
    hit_in_cell,
    join_spans,
    overlaps_x,
    span_offset,
    text_value,
    typed_values,
)
from spaceocr.core.extract.rules_names import is_addressy, legal_name_on_two_lines
from spaceocr.core.extract.rules_reader import Cand, FieldReader
from spaceocr.core.templates.schema import FieldSpec

__all__ = ["label_candidates"]

_CONNECT = " :：-–#|/"


def label_candidates(reader: FieldReader, spec: FieldSpec) -> list[Cand]:
    """The candidates of a field read at its labels (right of them, else under them)."""
    doc = reader.doc
    out: list[Cand] = []
    ftype = spec.type
    for hit in doc.hits_for(spec.name):
        row = hit.row
        nxt = [h for h in doc.hits_in_row(row) if h.start >= hit.end]
        stop = min((h.start for h in nxt), default=len(row.text))
        right = row.span.sub(hit.end, stop)
        base = 6.0 + min(hit.weight, 16) * 0.3 - min(hit.rank, 20) * 0.05
        if ftype not in AMOUNT_TYPES:
            base -= 1.5 * min(row.page, 1)  # a header repeated on later pages is a copy
        if hit.weight <= 3:
            base -= 1.0  # "No.", "Tel": weak on their own
            if ftype == "id" and re.match(r"[A-Za-z0-9]", right.text):
                continue  # "No.4711": the mark is printed as part of the number
        lx0, ly0, lx1, ly1 = doc.span_box(row.page, row.span.sub(hit.start, hit.end))
        header = ftype in AMOUNT_TYPES and reader.in_header(row) and (
            reader.table_end is not None and reader.table_end[0] == row.page
        )
        if header and spec.name not in ("tax", "subtotal"):
            continue
        if header and not typed_values(doc, ftype, right.text):
            # a column header (税额 / Tax): its total is in the totals row under it
            cand = _column_total(reader, spec, row, lx0, lx1, base)
            if cand is not None:
                out.append(cand)
            continue
        cand = _read_value(doc, spec, right, row.page, base, "right", ly0)
        if cand is not None and cand.amount is not None:
            cand = _row_of_amounts(doc, spec, right, row.page, cand)
        if cand is not None and ftype in AMOUNT_TYPES and cand.span.idx:
            between = right.text[: max(0, span_offset(right, cand.span))]
            if len(re.findall(r"[^\W\d_]", re.sub(r"\([^)]*\)", "", between))) >= 3:
                cand.score -= 1.5  # "Total 0% supplies: 50.82" is not the total
        if spec.name in PARTY_FIELDS and re.match(r"\s{0,2}[^\s:：]", right.text):
            continue  # "Lieferant Nord AG": the label word is part of a name
        cstart = row.starts[row.cell_at(hit.start)]
        if spec.name in PARTY_FIELDS and re.search(r"\w", row.text[cstart : hit.start]):
            continue  # "Art-Nr-Lieferant": a column header, not a party's label
        if cand is not None and spec.name in PARTY_FIELDS:
            vx0 = doc.span_box(row.page, cand.span)[0]
            if vx0 - lx1 > max(0.12, 4 * (ly1 - ly0)):
                cand = None  # a name far to the right belongs to another block
        if cand is not None:
            out.append(cand)
            continue
        if right.stripped(_CONNECT).text and ftype in ("id", "phone", "email", "currency"):
            continue  # something that is not the type sits right of the label
        if spec.name in PARTY_FIELDS and re.match(r"[\s:：]{0,2}\S", right.text) and (
            right.text.split("   ")[0].strip(" :：")
        ):
            continue  # "Customer: 2" - the label was answered on its line
        # below: the cell under the label
        for r in doc.rows_below(row):
            below = [c for c in r.cells if overlaps_x(c, lx0, lx1 + (lx1 - lx0) * 0.5)
                     or abs(c.x0 - lx0) < 0.03]
            if not below:
                continue
            cell = below[0]
            if any(h.row is r and h.field != spec.name and hit_in_cell(r, h, cell)
                   for h in doc.hits):
                break
            cand = _read_value(doc, spec, cell.span, r.page, base - 1.0, "below", cell.y0)
            if cand is not None and cand.amount is not None:
                cand = _column_sum(doc, spec, r, cell, cand)
            if cand is not None and spec.name in PARTY_FIELDS:
                under = [c2 for r2 in doc.rows_below(r, 1.2)[:1] for c2 in r2.cells
                         if abs(c2.x0 - cell.x0) < 0.02]
                if under and lb.SALUTATION_RE.fullmatch(cand.span.text.strip(" ,")):
                    # "Herrn" on its own line: the name is the line under it
                    person = text_value(under[0].span)
                    if person is not None and not is_addressy(person.text):
                        cand.span = join_spans(cand.span, person)
                elif under:
                    cand.span = legal_name_on_two_lines(cand.span, cell, under[0])
            if cand is not None and spec.name in PARTY_FIELDS and doc.lang in (
                "de", "fr", "nl"
            ):
                cand.reasons.append("position_guess")
            if cand is not None:
                out.append(cand)
            elif spec.name in PARTY_FIELDS and re.fullmatch(
                r"(?:GLN|ILN|EAN|Nr\.?|No\.?)?[\s:.]*[\d\s/-]{6,}", cell.text.strip()
            ):
                continue  # a party's id number printed over its name
            break
    return out


def _row_of_amounts(
    doc: Document, spec: FieldSpec, right: Span, page: int, first: Cand
) -> Cand:
    """A label with a row of amounts after it (``Total  net  tax  gross``).

    When the last three add up (net + tax = gross), the total is the last of them;
    otherwise which one belongs to the label is a guess.
    """
    found = [f for f in typed_values(doc, spec.type, right.text) if f.normalized]
    if len(found) < 2:
        return first
    vals = [Decimal(f.normalized or "0") for f in found]
    if spec.name in ("total", "amount_due") and len(found) >= 3 and (
        vals[-3] + vals[-2] == vals[-1] and vals[-1] != 0
    ):
        f = found[-1]
        c = Cand(spec.name, right.sub(f.start, f.end), page, f.normalized, first.score + 0.3,
                 "row_sum", y=first.y)
        c.amount = vals[-1]
        return c
    first.reasons.append("several_amounts")
    return first


def _column_sum(doc: Document, spec: FieldSpec, row: Row, cell: Cell, first: Cand) -> Cand:
    """The amount under a column label when more amounts follow in its column.

    A totals block with a row per tax rate ends in the row that adds them up: when the
    last amount of the column is the sum of those above it, that is the value. Otherwise
    more than one amount under the label means the first one is only a guess.
    """
    lay = doc.layouts[row.page]
    h = max(row.h, 0.004)
    column: list[Cand] = [first]
    prev = row
    for r in lay.rows[row.index + 1 :]:
        if r.y0 - prev.y1 > 1.5 * h:
            break
        cells = [c for c in r.cells if min(c.x1, cell.x1) - max(c.x0, cell.x0) > 0]
        if not cells:
            break
        cand = _read_value(doc, spec, cells[0].span, r.page, first.score, "below", cells[0].y0)
        if cand is None or cand.amount is None or len(cand.span.text.strip()) < 0.6 * len(
            cells[0].text.strip()
        ):
            break  # a cell that is not just an amount ends the column
        column.append(cand)
        prev = r
    if len(column) == 1:
        return first
    last = column[-1]
    assert last.amount is not None
    above = sum((c.amount for c in column[:-1] if c.amount is not None), Decimal(0))
    if len(column) >= 3 and abs(above - last.amount) <= Decimal("0.011"):
        last.how = "column_sum"
        last.score += 0.5  # proved by the rows it adds up
        return last
    first.reasons.append("more_values_below")
    return first


def _column_total(
    reader: FieldReader, spec: FieldSpec, row: Row, lx0: float, lx1: float, base: float
) -> Cand | None:
    assert reader.table_end is not None
    end_y = reader.table_end[1]
    lay = reader.doc.layouts[row.page]
    totals = {"subtotal", "total", "tax"}
    for r in lay.rows[row.index + 1 :]:
        if r.y0 < end_y - 0.005 and not any(
            h.row is r and h.field in totals and h.field != spec.name for h in reader.doc.hits
        ):
            continue
        if r.y0 > end_y + 0.12:
            break
        for c in r.cells:
            if min(c.x1, lx1 + 0.02) - max(c.x0, lx0 - 0.02) <= 0:
                continue
            cand = _read_value(reader.doc, spec, c.span, r.page, base - 0.5, "column_total", c.y0)
            if cand is not None and cand.amount is not None:
                return cand
    return None


def _read_value(
    doc: Document, spec: FieldSpec, span: Span, page: int, score: float, how: str,
    y: float,
) -> Cand | None:
    ftype = spec.type
    if ftype in ("text", "address"):
        s = text_value(span)
        if s is None:
            return None
        if spec.name in PARTY_FIELDS or spec.name == "payment_method":
            if sum(ch.isalpha() for ch in s.text) < 2:
                return None
            if sum(ch.isdigit() for ch in s.text) > 0.3 * len(s.text):
                return None
            s = _strip_suffix(s)
            s = first_cell(s)  # a party's name is the first cell only
        return Cand(spec.name, s, page, None, score, how, y=y)
    found = typed_values(doc, ftype, span.text)
    if ftype in AMOUNT_TYPES:
        found = [f for f in found if not (
            f.normalized and "." not in f.normalized and len(f.normalized.lstrip("-")) >= 9
        )]  # a long bare number is an id, not money
    if spec.name in ("registration_number", "customer_tax_id"):
        m = VAT_ID_RE.search(span.text) or T_NUMBER_RE.search(span.text)
        if m:
            found = [pt.Found(m.start(), m.end(), m.group(0).replace(" ", ""))]
    if ftype == "id":
        found = [f for f in found if _plausible_id(span.text[f.start : f.end])]
        # the number is the first word after the label (after "No." / "Nr." / "#")
        m = re.match(r"[\s:：#.]*(?:(?:No|Nr|N°|Nº)\.?\s?)?", span.text)
        lead = m.end() if m else 0
        found = [f for f in found if f.start <= lead + 1 or not span.text[lead:f.start].strip(
            " :：#.")]
    if not found:
        return None
    f = found[0]
    sub = span.sub(f.start, f.end)
    c = Cand(spec.name, sub, page, f.normalized, score, how, y=y)
    if ftype == "id" and re.search(r"(?i)#|\bn[or]\b|n[°º]", span.text[: f.start]):
        # "No.4711" / "# AB-12" in the value's own cell: whether the mark is part of
        # the number is a convention the page does not settle
        c.reasons.append("prefix_dropped")
    if ftype in AMOUNT_TYPES and f.normalized is not None:
        c.amount = Decimal(f.normalized)
    if f.fixed:
        c.fixed = f.fixed
        c.reasons.append("repaired:separator")
    if ftype == "date" and not f.valid:
        c.reasons.append("date_does_not_exist")
    return c


def _strip_suffix(s: Span) -> Span:
    m = lb.CUSTOMER_SUFFIX_RE.search(s.text)
    if m:
        s = s.sub(0, m.start())
    return s.stripped(" ")


def _plausible_id(word: str) -> bool:
    w = pt.nfkc(word)
    digits = sum(ch.isdigit() for ch in w)
    if digits == 0:
        return False
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", w):
        return False
    return len(w) >= 3 or digits == len(w)
