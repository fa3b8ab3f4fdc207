"""A row read from the page, as the fields it returns: OCR confusions undone, review reasons,
and digits restored from the row's arithmetic.

Each cell becomes an :class:`~spaceocr.core.types.ExtractedField` whose ``value`` is the
text as printed (a misread mark fixed), ``normalized`` a plain decimal for numeric cells, and
whose ``hint`` names the ``OcrPage.chars`` it was read from. A cell goes to review when its
characters are shaky, when its reading dropped marks, when quantity x unit price is not the
amount, or when no header named its column.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal

from spaceocr.core.extract.tables_cells import (
    NUMERIC_ROLES,
    ONE_LIKE,
    ROLES,
    Row,
    join_segments,
    number_seg,
    quantity_seg,
)
from spaceocr.core.extract.tables_layout import Segment
from spaceocr.core.extract.tables_notes import strip_colon
from spaceocr.core.extract.tables_vocab import parse_number, strip_currency_words
from spaceocr.core.types import ExtractedField, MatchHint, OcrPage

__all__ = ["LOW_CHAR_CONFIDENCE", "row_fields"]

_LOST_POINT = re.compile(r"[¥￥$€]?\d{2,} \d{2}")


def _fix_ocr(name: str, text: str) -> str:
    """Undo the OCR's commonest confusions in a cell (the printed text stays searchable).

    A lone ``一``/``l``/``|`` in a quantity is the digit 1; a kanji ``一`` after katakana is
    the long-vowel mark ``ー`` (コピ一 -> コピー).
    """
    if name == "quantity" and text in ONE_LIKE:
        return "1"
    if name == "description":
        return re.sub(r"(?<=[\u30a1-\u30fa])一", "ー", text)
    if name in ("unit_price", "amount") and _LOST_POINT.fullmatch(text):
        return text.replace(" ", ".")  # "1418 62": the decimal point was not read
    return text


def _cell(
    name: str, seg: Segment, page_index: int, *, numeric: bool, decimal_comma: bool | None,
    role: str = "",
) -> ExtractedField:
    printed = seg.text.strip()
    value = _fix_ocr(role or name, printed)
    normalized = None
    if numeric:
        n = parse_number(value, decimal_comma=decimal_comma)
        normalized = None if n is None else format(n, "f")
    idx = tuple(sorted({i for i in seg.char_indices if i >= 0}))
    return ExtractedField(
        name=name,
        value=value,
        printed=printed if printed != value else None,
        normalized=normalized,
        hint=MatchHint(page_index=page_index, char_indices=idx, source="ocr_chars"),
    )


#: A cell read from a character the OCR was less sure of than this goes to review.
LOW_CHAR_CONFIDENCE = 0.75

_CURRENCY_CHARS = set("¥￥$€£₩₹円元원@ ")
#: A unit after a quantity: a counter (個, 本, 개) or a word of two letters or more (a single
#: letter may be a misread digit, ``1l``).
_QTY_UNIT = re.compile(
    r"(?<=[\d\s])\s*(?:[個개点點本枚冊台件箱袋]|本入|[A-Za-zÀ-ÿ]{2,8}\.?(?:\(s\))?)\s*$"
    # a one-letter unit after a space ("2.5 t", "5 l", "12 m"); glued to the digits ("1l")
    # it may be a misread digit
    r"|(?<=\d)\s+[A-Za-z]\.?\s*$"
)
#: A times sign printed before or after a quantity ("2x", "x4", "1 ×").
_TIMES = re.compile(r"^\s*[x×]\s*(?=\d)|(?<=\d)\s*[x×]\s*$", re.IGNORECASE)
_EDGE_MARKS = "|｜│¦"
_HANGUL = re.compile(r"[\uac00-\ud7af\u3130-\u318f]")
#: Characters only Simplified Chinese writes (never Japanese or Traditional Chinese), and the
#: Traditional-only forms of common ones: on a page of the other script they are misreads.
_SIMPLIFIED_ONLY = set(
    "费务电脑显纸发开项单价额规备总计为营业购买销册书车门东马见贝页风饮亿乐气关时长间"
    "钱银铁纳识统码质运输设专证劳类货场导线网络软础报处复韩简图说资产实应办题"
)
_TRADITIONAL_ONLY = set(
    "費務電腦顯紙發開項稱單價額規備總計為營業購買銷冊書車門東馬見貝頁風飲億樂條氣關時長間"
    "錢銀鐵納識統碼質運輸設專證勞類貨場導線網絡軟礎寫報處複韓簡圖說資產實應辦題"
)


def _trim_marks(seg: Segment) -> Segment:
    """A cell without the table rules the OCR read as ``|`` at its ends."""
    a, b = 0, len(seg.text)
    while a < b and (seg.text[a] in _EDGE_MARKS or seg.text[a].isspace()):
        a += 1
    while b > a and (seg.text[b - 1] in _EDGE_MARKS or seg.text[b - 1].isspace()):
        b -= 1
    if (a, b) == (0, len(seg.text)) or a >= b:
        return seg
    return seg.sub(a, b)


def _review(
    role: str, whole: Segment, used: Segment, page: OcrPage | None, language: str | None
) -> list[str]:
    """Why a cell should be looked at: shaky characters, or a reading that dropped marks."""
    reasons = []
    if page is not None:
        confs = [
            page.chars[i].confidence for i in used.char_indices if 0 <= i < len(page.chars)
        ]
        if confs and min(confs) < LOW_CHAR_CONFIDENCE:
            reasons.append("low_ocr_confidence")
    if role != "description":
        # a currency printed with the amount (``₹``, ``INR``, ``Rs.``) is not a dropped mark
        kept = strip_currency_words(_trim_marks(whole).text)
        if role == "quantity":
            kept = _QTY_UNIT.sub("", kept)  # "2500,0000 KWh", "2個": the unit is printed
            kept = _TIMES.sub("", kept)  # "2x", "x4", "1 ×": the times sign is printed
        dropped = set(kept) - set(used.text)
        if any(c not in _CURRENCY_CHARS and not c.isspace() for c in dropped):
            reasons.append("ocr_suspect")
    if language in ("ja", "zh-Hans", "zh-Hant") and _HANGUL.search(used.text):
        reasons.append("ocr_suspect")
    foreign = _TRADITIONAL_ONLY if language == "zh-Hans" else _SIMPLIFIED_ONLY
    if language in ("ja", "zh-Hans", "zh-Hant") and any(c in foreign for c in used.text):
        reasons.append("ocr_suspect")  # 費 read as 费 on a Traditional page
    return reasons


def _arithmetic_ok(cells: dict[str, ExtractedField]) -> bool | None:
    """quantity x unit price = amount, when all three are numbers (None when not checkable)."""
    try:
        q, u, a = (Decimal(cells[r].normalized or "") for r in NUMERIC_ROLES)
    except (KeyError, ArithmeticError, ValueError):
        return None
    return abs(q * u - a) <= max(Decimal("0.011"), abs(a) * Decimal("0.0005"))


def _explained_by_side(
    cells: dict[str, ExtractedField], side: list[str], decimal_comma: bool | None
) -> bool:
    """True when the numbers a row prints in its tax or discount columns close the gap
    between quantity x unit price and the amount.

    Web shops and utilities print the tax per line and a total including it (``Qty | Price |
    Tax(%) | Tax | Total``: 1 x 278.50 + 41.50 = 320.00; Indian GST invoices add central and
    state tax, ``CGST | SGST``), or a discount taken off it; a rate alone tells the same
    (2 x 50.00 at 20% = 120.00). The amount is then right as printed. A taxable value equal
    to quantity x unit price is simply not used.
    """
    try:
        q, u, a = (Decimal(cells[r].normalized or "") for r in NUMERIC_ROLES)
    except (KeyError, ArithmeticError, ValueError):
        return False
    net = q * u
    tol = max(Decimal("0.011"), abs(a) * Decimal("0.0005"))
    rates: list[Decimal] = []
    amounts: list[Decimal] = []
    for text in side[:6]:
        n = parse_number(text.replace("%", "").strip(), decimal_comma=decimal_comma)
        if n is None:
            continue
        if "%" not in text:
            amounts.append(abs(n))
        if 0 < abs(n) <= 100:
            rates.append(abs(n) / 100)
    for r in rates:
        if abs(net * (1 + r) - a) <= tol or abs(net * (1 - r) - a) <= tol:
            return True
    # taxes added (one or several), at most one of the numbers a discount taken off
    for size in range(1, len(amounts) + 1):
        for chosen in itertools.combinations(amounts, size):
            total = sum(chosen, Decimal(0))
            if abs(net + total - a) <= tol:
                return True
            if any(abs(net + total - 2 * d - a) <= tol for d in chosen):
                return True
    return False


def _add_reason(cell: ExtractedField, reason: str) -> ExtractedField:
    """The cell with one more review reason (kept once)."""
    return replace(cell, review_reasons=tuple(dict.fromkeys((*cell.review_reasons, reason))))


def _repair(by_role: dict[str, ExtractedField]) -> None:
    """Restore digits the OCR lost next to a misread mark, when the row's arithmetic tells.

    ``3 x @부,080 = ¥3,240``: the unit price is 1,080, and its last digits are the ones read.
    Only a cell whose reading dropped a mark is repaired, only when one repair alone fits,
    and the cell stays under review.
    """
    try:
        q, u, a = (Decimal(by_role[r].normalized or "") for r in NUMERIC_ROLES)
    except (KeyError, ArithmeticError, ValueError):
        return
    if "ocr_suspect" in by_role["quantity"].review_reasons:
        return
    fits: list[tuple[str, Decimal]] = []
    for role, want in (("unit_price", a / q if q else None), ("amount", q * u)):
        cell = by_role[role]
        if want is None or "ocr_suspect" not in cell.review_reasons:
            continue
        if want != want.quantize(Decimal("0.0001")):
            continue
        read = re.sub(r"\D", "", cell.value or "")
        digits = format(want.normalize(), "f").replace(".", "")
        if read and digits.endswith(read) and digits != read:
            fits.append((role, want))
    if len(fits) != 1:
        return
    role, want = fits[0]
    cell = by_role[role]
    others = [by_role[r].value or "" for r in NUMERIC_ROLES if r != role]
    sep = "," if any("," in o for o in others) else ""
    whole, _, frac = format(want, "f").partition(".")
    text = f"{int(whole):,}".replace(",", sep) + (f".{frac}" if frac.strip("0") else "")
    by_role[role] = replace(
        cell, value=text, printed=cell.printed or cell.value, normalized=format(want, "f"),
        review_reasons=tuple(dict.fromkeys((*cell.review_reasons, "repaired"))),
    )


def _repair_separators(by_role: dict[str, ExtractedField], decimal_comma: bool | None) -> None:
    """Read an amount whose separators the OCR confused (``$1.348.27`` for ``$1,348.27``)
    from the row's arithmetic, when its digits are those of the product.

    Only a money cell that did not parse is repaired, only when the two other numbers parse
    and give a value to the cent whose digits are exactly the ones read; the cell stays
    under review (``repaired``).
    """
    nums: dict[str, Decimal] = {}
    for r in NUMERIC_ROLES:
        cell = by_role.get(r)
        if cell is not None and cell.normalized is not None:
            try:
                nums[r] = Decimal(cell.normalized)
            except ArithmeticError:
                return
    for role in ("amount", "unit_price"):
        cell = by_role.get(role)
        if cell is None or cell.normalized is not None or not cell.value or len(nums) != 2:
            continue
        q = nums.get("quantity")
        if q is None or q == 0:
            return
        want = q * nums["unit_price"] if role == "amount" else nums["amount"] / q
        if want != want.quantize(Decimal("0.01")) or want < 0:
            return
        want = want.quantize(Decimal("0.01"))
        read = re.sub(r"\D", "", cell.value)
        if read != format(want, "f").replace(".", ""):
            return
        lead = re.match(r"\D*", cell.value)
        prefix = lead.group(0) if lead else ""
        text = f"{want:,.2f}"
        if decimal_comma:
            text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        reasons = [x for x in cell.review_reasons if x != "not_a_number"]
        by_role[role] = replace(
            cell, value=prefix + text, printed=cell.printed or cell.value,
            normalized=format(want, "f"),
            review_reasons=tuple(dict.fromkeys((*reasons, "repaired"))),
        )
        return


def row_fields(
    row: Row,
    names: dict[str, str],
    decimal_comma: bool | None,
    pages: dict[int, OcrPage] | None = None,
    language: str | None = None,
) -> tuple[ExtractedField, ...]:
    """The fields of a row, in role order, each with its review reasons.

    Args:
        row: the row read.
        names: the field name of each role (the template's children).
        decimal_comma: the document's decimal convention, when known.
        pages: the OCR pages by index (for the characters' confidences).
        language: the document's language (for script checks).

    Returns:
        One field per role the row holds and the template names.
    """
    by_role: dict[str, ExtractedField] = {}
    page = (pages or {}).get(row.page_index)
    for role in ROLES:
        segs = row.cells.get(role)
        name = names.get(role)
        if not segs or name is None:
            continue
        whole = join_segments(segs)
        seg = _trim_marks(whole)
        if role == "quantity":
            seg = quantity_seg(seg)
        elif role in ("unit_price", "amount"):
            seg = number_seg(seg, decimal_comma) or seg
        cell = _cell(name, seg, row.page_index, numeric=role != "description",
                     decimal_comma=decimal_comma, role=role)
        reasons = _review(role, whole, seg, page, language)
        if cell.printed is not None and role != "description":
            reasons.append("ocr_suspect")  # the value is not quite what the OCR read
        if role == "description":
            if len({round(sg.y0) for sg in segs}) > 1 and len(row.lines) > 1:
                reasons.append("multi_line")  # where one item's name ends is a guess
            if seg.text.rstrip().endswith((":", "：")):
                # "Hot air (litres):": the colon announces a note the item does not have
                seg = strip_colon(seg)
                cell = _cell(name, seg, row.page_index, numeric=False,
                             decimal_comma=decimal_comma, role=role)
                reasons.append("description_bounds")
            if row.shared_description or row.note_cut:
                reasons.append("description_bounds")
        if role != "description" and cell.normalized is None:
            reasons.append("not_a_number")
        if reasons:
            cell = replace(cell, review_reasons=tuple(dict.fromkeys(reasons)))
        by_role[role] = cell
    explained = _arithmetic_ok(by_role) is False and _explained_by_side(
        by_role, row.side_values, decimal_comma
    )
    if _arithmetic_ok(by_role) is False and not explained:
        _repair(by_role)
    _repair_separators(by_role, decimal_comma)
    if row.inferred:
        # no header was read: only numbers the row's arithmetic confirms are trusted
        checked = _arithmetic_ok(by_role) is True
        for r, c in list(by_role.items()):
            if r == "description" or not checked:
                by_role[r] = _add_reason(c, "no_header")
    if _arithmetic_ok(by_role) is False and not explained:
        for r in NUMERIC_ROLES:
            by_role[r] = _add_reason(by_role[r], "qty_x_price")
    return tuple(by_role[r] for r in ROLES if r in by_role)
