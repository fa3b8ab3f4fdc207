"""The parties no label names: a letter's addressee and sender, an issuer block, a fapiao's.

Where no label announced the customer or the vendor, their place on the page does:

- a fapiao's 购买方 (buyer) and 销售方 (seller) blocks, each with its 名称 and 纳税人识别号,
  or the electronic layout with the two side by side (:func:`read_zh_parties`);
- a Japanese name followed by 様 / 御中 (:func:`read_addressee`);
- a European letter's address window and the letterhead over it
  (:func:`read_address_window`, :func:`read_letterhead_over_window`);
- the issuer block: the lines over a phone number, a postcode, a tax or T-number, whose
  first line is the name (:func:`read_issuer`).

Each is a guess from position, so most carry a review reason.
"""

from __future__ import annotations

import re

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, Row, Span
from spaceocr.core.extract.rules_document import (
    PARTY_FIELDS,
    first_cell,
    hit_in_cell,
    join_spans,
    overlaps_x,
    text_value,
)
from spaceocr.core.extract.rules_names import (
    is_addressy,
    is_title,
    legal_name_on_two_lines,
)
from spaceocr.core.extract.rules_reader import Cand, FieldReader

__all__ = [
    "read_address_window",
    "read_addressee",
    "read_issuer",
    "read_letterhead_over_window",
    "read_zh_parties",
]

#: a tax-id word on its own (``USt-IdNr``, ``VAT No``), not inside a name (``Musterstadt``)
_TAX_ID_WORD = re.compile(r"(?<![^\W\d_])(?:USt|VAT|TVA|BTW)")
#: the sender's one-line return address over a window (``Acme GmbH • Weg 1 • 12345 Stadt``)
_RETURN_LINE = re.compile(r"[●•·|]|\s[-–]\s.*\s[-–]\s")
#: what parts the pieces of a one-line letterhead: ``Acme SARL - 1 rue X - 75001 Paris``
_LETTERHEAD_SEP = re.compile(r"\s+[-–—|•●·]\s+|\s*[|•●·]\s*")


def _letterhead_name(span: Span) -> Span | None:
    """The issuer's name that opens a one-line letterhead (``Acme SARL - 1 rue X - 75001
    Paris - France``): the first piece, when a later piece is an address and it is not."""
    t = span.text
    cuts = [m for m in _LETTERHEAD_SEP.finditer(t) if m.start() > 0]
    if not cuts:
        return None
    first = t[: cuts[0].start()].strip()
    rest = t[cuts[0].end() :]
    if is_addressy(first) or sum(ch.isalpha() for ch in first) < 3 or not (
        is_addressy(rest) or lb.POSTAL_TOWN_RE.search(rest)
    ):
        return None
    return text_value(span.sub(0, cuts[0].start()))


def read_zh_parties(reader: FieldReader) -> None:
    """名称 / 纳税人识别号 in the buyer (购买方) and seller (销售方) blocks of a fapiao."""
    doc = reader.doc
    marks: list[tuple[int, float, float, str]] = []
    for lay in doc.layouts:
        for i, ch in enumerate(lay.page.chars):
            t = ch.text
            if t in lb.ZH_BUYER_MARKS or t in lb.ZH_SELLER_MARKS:
                b = lay.char_box[i]
                kind = "buyer" if t in lb.ZH_BUYER_MARKS else "seller"
                marks.append((lay.page.index, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, kind))
    name_rx = re.compile(r"(?<![目物品务務])名\s{0,3}称|(?<![目物品务務])名\s{0,3}稱")
    id_rx = re.compile(r"纳税人识别号|納稅人識別號|统一社会信用代码|統一社會信用代碼")
    marked_pages = {pg for pg, *_ in marks}
    for row in doc.rows:
        if row.page not in marked_pages:
            _zh_side_by_side(reader, row, name_rx, id_rx)
            continue
        for rx, target in ((name_rx, "name"), (id_rx, "id")):
            for m in rx.finditer(row.text):
                x0, y0, _x1, y1 = doc.span_box(row.page, row.span.sub(m.start(), m.end()))
                best = None
                for pg, mx, my, kind in marks:
                    if pg != row.page or mx > x0 + 0.01:
                        continue
                    d = (x0 - mx) ** 2 * 0.3 + ((y0 + y1) / 2 - my) ** 2
                    if best is None or d < best[0]:
                        best = (d, kind)
                if best is None:
                    continue
                rest = row.span.sub(m.end(), len(row.text))
                if target == "name":
                    s = text_value(rest)
                    if s is None:
                        continue
                    s = first_cell(s).stripped(" :：")
                    fname = "customer_name" if best[1] == "buyer" else "vendor_name"
                    if fname in reader.specs and s.text:
                        reader.add(Cand(fname, s, row.page, None, 9.0, "zh_block", y=y0))
                else:
                    rest = rest.stripped(" :：/")
                    mm = re.match(r"[0-9A-Z]{15,20}", rest.text)
                    if not mm:
                        continue
                    s = rest.sub(0, mm.end())
                    fname = "customer_tax_id" if best[1] == "buyer" else "registration_number"
                    if fname in reader.specs:
                        reader.add(_credit_code_checked(
                            Cand(fname, s, row.page, s.text, 9.0, "zh_block", y=y0)
                        ))
    # the generic labels must not also claim these
    for fname in ("customer_name", "vendor_name", "registration_number", "customer_tax_id"):
        cs = reader.cands.get(fname, [])
        if any(c.how == "zh_block" for c in cs):
            reader.cands[fname] = [c for c in cs if c.how == "zh_block"]


def _zh_side_by_side(
    reader: FieldReader, row: Row, name_rx: re.Pattern[str], id_rx: re.Pattern[str]
) -> None:
    """A fapiao whose 购买方/销售方 marks were not read: two 名称 (or two 纳税人识别号) on one
    row are the electronic fapiao's layout, the buyer on the left, the seller on the right."""
    for rx, names in ((name_rx, ("customer_name", "vendor_name")),
                      (id_rx, ("customer_tax_id", "registration_number"))):
        ms = list(rx.finditer(row.text))
        if len(ms) != 2:
            continue
        for k, m in enumerate(ms):
            end = ms[1].start() if k == 0 else len(row.text)
            rest = text_value(row.span.sub(m.end(), end))
            if rest is None:
                continue
            rest = rest.stripped(" :：/")
            fname = names[k]
            if fname not in reader.specs or not rest.text:
                continue
            y0 = reader.doc.span_box(row.page, rest)[1]
            if rx is name_rx:
                if sum(ch.isalpha() for ch in rest.text) >= 2:
                    reader.add(Cand(fname, rest, row.page, None, 8.0, "zh_block", y=y0))
                continue
            mm = re.search(r"[0-9A-Z]{15,20}", rest.text)
            if mm:
                sub = rest.sub(mm.start(), mm.end())
                reader.add(_credit_code_checked(
                    Cand(fname, sub, row.page, sub.text, 8.0, "zh_block", y=y0)
                ))


def _credit_code_checked(c: Cand) -> Cand:
    """A fapiao's tax id, marked when it is a unified credit code whose check fails."""
    if len(c.span.text) == 18 and not pt.valid_cn_credit_code(c.span.text):
        c.reasons.append("check_digit_failed")
    return c


def read_addressee(reader: FieldReader) -> None:
    """A name followed by 様 / 御中 (Japanese) is the customer or the consignee."""
    doc = reader.doc
    fname = "customer_name" if "customer_name" in reader.specs else "consignee"
    if reader.cands.get(fname):
        return
    for row in doc.rows[:80]:
        for k, cell in enumerate(row.cells):
            t = cell.text.rstrip()
            m = lb.CUSTOMER_SUFFIX_RE.search(t)
            if not m:
                continue
            name = cell.span.sub(0, m.start()).stripped(" ")
            if not name.text and k > 0:
                name = row.cells[k - 1].span.stripped(" ")
            if len(name.text) < 2 or not re.search(r"\w", name.text):
                continue
            reader.add(Cand(fname, name, row.page, None, 8.0, "suffix", y=cell.y0))
            return


def read_address_window(reader: FieldReader) -> None:
    """The addressee of a European business letter, read from its address window.

    A letter (DIN 5008, NF Z 10-011, NEN 1026) prints the recipient as a tight block of
    lines: an optional courtesy title (``Herrn``, ``Madame``), the name, perhaps a
    contact person, the street, then the postcode and town (a country may follow). No
    label announces it, so a block is only taken when it has that shape, carries no
    phone, e-mail or tax id (a sender's letterhead does), is not headed as a delivery
    address, and is not the small return-address line above the window. Of several such
    blocks the one marked as a window wins (a courtesy title, the return-address line or
    a billing heading over it), then one whose name the page does not repeat (a sender's
    name recurs in its letterhead and footer), then the first. The value is a guess
    from position and always needs review.
    """
    doc = reader.doc
    lay = doc.layouts[0]
    cells = [(r, c) for r in lay.rows if r.y0 < 0.5 for c in r.cells]
    party = {i for n, cs in reader.cands.items() if n in PARTY_FIELDS for c in cs
             for i in c.span.chars}
    page_text = pt.nfkc(" ".join(r.text for r in lay.rows)).casefold()
    found: list[tuple[int, int, Cand]] = []
    for _, c in cells:
        if not lb.POSTAL_TOWN_RE.fullmatch(pt.nfkc(c.text).strip()):
            continue
        column = [(r2, c2) for r2, c2 in cells if abs(c2.x0 - c.x0) < 0.012]
        pos = next(k for k, (_, c2) in enumerate(column) if c2 is c)
        if pos == 0:
            continue
        street = column[pos - 1][1]
        pitch = c.y0 - street.y1
        limit = max(1.6 * pitch, 0.35 * max(c.h, street.h), 0.002)
        if pitch > 1.2 * max(c.h, street.h) or not (
            is_addressy(street.text) or lb.ADDRESS_RE.search(street.text)
            or re.search(r"(?i)postfach|\bBP\s?\d|postbus|P\.?\s?O\.?\s?Box", street.text)
        ):
            continue
        block: list[tuple[Row, Cell]] = [column[pos - 1]]
        prev = street
        heading = ""
        for r2, c2 in reversed(column[: pos - 1]):
            if prev.y0 - c2.y1 > limit:
                if prev.y0 - c2.y1 < 2.5 * max(c2.h, 0.004):
                    heading = c2.text  # the line over the block: whose address it is
                break
            block.insert(0, (r2, c2))
            prev = c2
        if lb.DELIVERY_HEADING_RE.search(heading):
            continue
        tail: list[Cell] = []
        prev = c
        for _, c2 in column[pos + 1 : pos + 4]:
            if c2.y0 - prev.y1 > limit:
                break
            tail.append(c2)
            prev = c2
        if any(lb.CONTACT_RE.search(x.text) or pt.find_phones(x.text)
               for x in (*(x for _, x in block), *tail)):
            continue  # a letterhead with its phone and ids, not a window
        # from the top: the block starts under a heading, a return-address line, a label
        lines: list[tuple[Row, Cell]] = []
        delivery = False
        marked = bool(lb.ADDRESS_HEADING_RE.fullmatch(pt.nfkc(heading).strip()))
        for r2, c2 in reversed(block[:-1]):
            t = pt.nfkc(c2.text).strip()
            if lb.DELIVERY_HEADING_RE.search(t):
                delivery = True
                break
            if _RETURN_LINE.search(t):
                marked = True
                break
            if (lb.ADDRESS_HEADING_RE.fullmatch(t) or is_title(t) or pt.find_dates(t)
                    or set(c2.span.chars) & party
                    or any(h.row is r2 and hit_in_cell(r2, h, c2) for h in doc.hits)):
                break
            lines.insert(0, (r2, c2))
        if delivery or not lines:
            continue
        first_r, first = lines[0]
        span = text_value(first.span)
        if span is None:
            continue
        if lb.SALUTATION_RE.fullmatch(span.text.strip(" ,")):
            if len(lines) < 2:
                continue
            nxt = text_value(lines[1][1].span)
            if nxt is None:
                continue
            span = join_spans(span, nxt)
            name_text = nxt.text
            marked = True
        else:
            if len(lines) > 1:
                span = legal_name_on_two_lines(span, first, lines[1][1])
            name_text = span.text
        if (sum(ch.isalpha() for ch in name_text) < 3 or is_addressy(name_text)
                or sum(ch.isdigit() for ch in name_text) > 2):
            continue
        cand = Cand("customer_name", span, first_r.page, None, 4.0, "address_window",
                    y=first.y0)
        cand.reasons.append("position_guess")
        recurs = page_text.count(pt.nfkc(name_text).casefold().strip()) > 1
        found.append((0 if marked else 1, 1 if recurs else 0, cand))
    if found:
        reader.add(min(found, key=lambda f: (f[0], f[1], f[2].y))[2])


def read_letterhead_over_window(reader: FieldReader) -> None:
    """A letter's sender: the name with a legal form printed above its address window.

    The letterhead (DIN 5008, NF Z 10-011) is the top of the first page, over the
    recipient's window; its first line that names a company (on one line or two, or as
    the first piece of a one-line letterhead) is the issuer. Only used when the window
    itself was found; a position guess like it.
    """
    window = [c for c in reader.cands.get("customer_name", []) if c.how == "address_window"]
    if not window:
        return
    top = window[0].y
    taken = set(window[0].span.chars)
    rows = [r for r in reader.doc.layouts[0].rows if r.y1 <= top + 0.002]
    for k, r in enumerate(rows[:8]):
        for c in r.cells:
            if set(c.span.chars) & taken:
                continue
            t = c.text.strip()
            name = _letterhead_name(c.span)
            if name is None:
                if is_title(t) or pt.find_dates(t) or is_addressy(t) or sum(
                    ch.isalpha() for ch in t
                ) < 2:
                    continue
                name = text_value(c.span)
                if name is None:
                    continue
                below = [c2 for r2 in rows[k + 1 : k + 2] for c2 in r2.cells]
                if below:
                    name = legal_name_on_two_lines(name, c, below[0])
            if not lb.COMPANY_RE.search(name.text):
                continue
            cand = Cand("vendor_name", name, r.page, None, 5.0, "letterhead", y=c.y0)
            cand.reasons.append("position_guess")
            reader.add(cand)
            return


def read_issuer(reader: FieldReader, fname: str) -> None:
    """The issuer block (a TEL, a T-number, a postal code ...): its first line is the name."""
    doc = reader.doc
    taken = {id(c.span.idx) for cs in reader.cands.values() for c in cs}
    other = [c for n, cs in reader.cands.items() if n in PARTY_FIELDS and n != fname
             for c in cs]
    other_chars = {i for c in other for i in c.span.chars}
    anchors = []
    for row in doc.rows:
        if row.page != 0:
            continue
        for cell in row.cells:
            t = cell.text
            # a tax id word stands alone ("USt-IdNr"), not inside a name ("Musterstadt")
            if re.search(r"(?i)(?<![a-z])(tel|phone|fax|電話)(?![a-z])|〒|T\s?\d{13}|登録番号"
                         r"|사업자", t) or _TAX_ID_WORD.search(t) or (
                pt.find_phones(t) and not pt.find_dates(t)
            ):
                anchors.append((row, cell))
    for row, cell in anchors:
        if set(cell.span.chars) & other_chars or reader.in_region(row.page, row.y0):
            continue
        lay = doc.layouts[row.page]
        name = None
        last_y = row.y0
        block: list[tuple[Row, Cell]] = []
        for r in reversed(lay.rows[: row.index + 1]):
            if last_y - r.y1 > 0.07:
                break
            cs = [c for c in r.cells if abs(c.x0 - cell.x0) < 0.04 or overlaps_x(
                c, cell.x0, cell.x0 + 0.02)]
            if not cs:
                continue
            c = cs[0]
            if set(c.span.chars) & other_chars or reader.in_region(r.page, r.y0):
                break
            t = c.text.strip()
            if lb.CUSTOMER_SUFFIX_RE.search(t) or pt.find_dates(t):
                break
            if c is not cell and any(
                h.row is r and hit_in_cell(r, h, c) and (
                    h.field not in PARTY_FIELDS or len(c.text.strip()) <= h.end - h.start + 1
                ) for h in doc.hits
            ):
                break
            last_y = r.y0
            block.append((r, c))
        top_down = list(reversed(block))
        head: Span | None = None
        seen_town = False
        for j, (r, c) in enumerate(top_down):
            t = c.text.strip()
            head = _letterhead_name(c.span)
            if head is not None:
                name = (r, c)
                break
            if seen_town and not lb.COMPANY_RE.search(t):
                break  # under a postcode and town: a country or another block, no name
            seen_town = seen_town or bool(lb.POSTAL_TOWN_RE.fullmatch(pt.nfkc(t)))
            if is_title(t) or is_addressy(t) or c is cell or sum(
                ch.isalpha() for ch in t
            ) < 2:
                continue
            name = (r, c)
            head = text_value(c.span)
            if head is not None and j + 1 < len(top_down):
                head = legal_name_on_two_lines(head, c, top_down[j + 1][1])
            break
        if name is not None:
            r, c = name
            s = head
            if s is not None and id(s.idx) not in taken:
                reader.add(Cand(fname, s, r.page, None, 5.0, "issuer_block", y=c.y0))
                return
