"""Words that announce a line-item table's columns and its totals, and number parsing.

Labels are written in their NFKC, case-folded form; spaces inside a label are optional on the
page (``金 额`` and ``Unit Price`` match ``金额`` and ``unitprice``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

__all__ = [
    "CODE_ROLE",
    "CURRENCY_WORDS",
    "GENERIC_DESCRIPTION_LABELS",
    "HEADER_LABELS",
    "IGNORED_ROLE",
    "TOTAL_LABELS",
    "detect_language",
    "fold",
    "is_note_line",
    "is_total_label",
    "number_span",
    "parse_number",
    "split_quantity",
    "strip_currency_words",
]

#: The role of header columns the reader knows but does not return (unit, tax rate, SKU ...).
IGNORED_ROLE = "_other"
#: The role of header columns holding a code per row (article number, SKU, position): not
#: returned either, but a code printed next to the description is told apart from it.
CODE_ROLE = "_code"

HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "description": (
        # ja
        "品名", "品目", "商品名", "摘要", "内容", "品名・仕様", "品名/規格", "品番・品名",
        "項目", "明細", "作業内容",
        # zh
        "项目名称", "項目名稱", "货物或应税劳务名称", "貨物或應稅勞務名稱",
        "货物或应税劳务、服务名称", "貨物或應稅勞務、服務名稱", "商品名称", "商品名稱",
        "名称", "名稱", "品名规格",
        # ko
        "품명", "품목", "상품명", "내역", "품명/규격",
        # en
        "description", "item", "items", "item description", "product", "products",
        "article", "service", "services", "details", "particulars", "title", "product title",
        "product name", "item name", "product description", "description of goods",
        "description of services",
        # de
        "beschreibung", "bezeichnung", "artikel", "artikelbezeichnung", "artikelbeschreibung",
        "leistung", "leistungsbeschreibung",
        "produkt", "position",
        # fr
        "désignation", "designation", "libellé", "libelle", "produit", "article(s)",
        # nl
        "omschrijving", "artikelomschrijving", "product",
    ),
    "quantity": (
        "数量", "數量", "個数", "수량", "qty", "qty.", "quantity", "quantities", "menge",
        "anzahl", "anz.", "stückzahl", "qté", "qte", "quantité", "quantite", "aantal", "pcs",
        "units",
    ),
    "unit_price": (
        "単価", "单价", "單價", "단가", "unit price", "unitprice", "price", "rate",
        "unit cost", "price each", "each", "einzelpreis", "preis", "e-preis", "ep", "einzel",
        "einzelpr.",
        "nettopreis", "stückpreis", "preis/einheit", "preis je einheit", "preis pro einheit",
        "prix unitaire", "prix unit.", "prix u.", "p.u.", "pu ht",
        "p.u. ht", "prix", "prijs", "stukprijs", "eenheidsprijs", "prijs per stuk",
    ),
    "amount": (
        "金額", "金额", "금액", "공급가액", "amount", "line total", "total", "subtotal",
        "net amount", "betrag", "gesamt", "gesamtpreis", "nettowert", "nettobetrag", "summe",
        "montant", "montant ht", "total ht", "prix total", "prix ht", "prix total ht", "bedrag",
        "totaal", "subtotaal",
        "金額(税抜)", "金額(税込)", "小計", "prijs incl. btw", "bedrag incl. btw",
        "totaal incl. btw", "total incl. vat", "amount incl. vat", "total incl. tax",
        "gesamtpreis brutto", "betrag brutto", "bruttobetrag", "montant ttc", "prix ttc",
        "total ttc", "金額(税込)", "합계금액",
    ),
    IGNORED_ROLE: (
        "単位", "单位", "單位", "단위", "规格型号", "規格型號", "规格", "規格", "税率", "稅率",
        "税率/征收率", "稅率/徵收率", "征收率", "徵收率", "税额", "稅額", "税額", "세액",
        "unit", "uom", "vat", "vat %", "vat%", "tax", "mwst", "mwst.", "mwst-%",
        "ust", "ust.", "tva", "btw", "vke/geb", "einheit", "unité", "eenheid",
        "規格", "備考", "비고", "備註", "备注", "discount", "rabatt", "remise",
        "korting", "rem.", "remise",
        # a tax per line: its rate, its amount, the taxable value it is computed on (Indian
        # GST invoices print central, state or integrated tax in columns of their own)
        "tax rate", "vat rate", "tax amount", "vat amount", "tax amt", "gst", "gst %",
        "gst rate", "cgst", "sgst", "igst", "utgst", "cess", "taxable value",
        "taxable amount", "taxable", "disc.", "disc", "disc %",
    ),
    # a code per row: article, item, part number, SKU, EAN, position number (invoices print
    # it in its own column, often right before the description)
    CODE_ROLE: (
        "品番", "型番", "商品コード", "品号", "货号", "貨號", "商品编码", "商品編碼", "序号",
        "序號", "품번", "상품코드", "no.", "#", "sku", "code", "item code", "item no.", "item no",
        "item #", "item number", "article no.", "art. no.", "part no.", "part number",
        "product code", "product no.", "ean", "gtin", "pos", "pos.", "art.-nr.", "art-nr",
        "art.nr.", "art. nr.", "artikel-nr.", "artikelnr", "artikelnr.", "artikelnummer",
        "mat.-nr.", "materialnummer", "ref", "ref.", "réf", "réf.", "référence",
        "code article", "artikelcode",
        # the goods' or services' tax classification code of Indian invoices
        "hsn", "sac", "hsn/sac", "hsn code", "sac code", "hsn/sac code", "hsn/ sac",
    ),
}

#: Description labels that name only the kind of thing a column holds (an item, a product):
#: when a header also has a column labelled with a description proper (``Product | Title``,
#: ``Item | Description``), the generic one holds a category, a short name or a code and the
#: other holds the item's name as a reader would quote it.
GENERIC_DESCRIPTION_LABELS: frozenset[str] = frozenset(
    "".join(unicodedata.normalize("NFKC", w).casefold().split()) for w in (
        "item", "items", "product", "products", "article", "service", "services",
        "artikel", "produkt", "position", "produit", "article(s)", "品目", "項目", "품목",
    )
)

#: Printed labels of the totals that end a table (and a receipt's item list).
TOTAL_LABELS: tuple[str, ...] = (
    # ja
    "小計", "合計", "総合計", "税込合計", "税抜合計", "消費税", "消費税等", "内消費税",
    "ご請求金額", "御請求金額", "お買上計", "お会計", "値引", "割引", "対象計",
    # zh
    "合计", "小计", "总计", "價稅合計", "价税合计", "合計金額", "總計", "小計", "税额合计",
    # ko
    "합계", "소계", "공급가액", "부가세", "부가가치세", "과세물품가액", "총액", "합계금액",
    "결제금액", "받을금액", "총합계",
    # en
    "subtotal", "sub total", "sub-total", "total", "totals", "grand total", "total due",
    "amount due", "balance due", "tax", "sales tax", "vat", "net total", "total amount",
    # printed right under the items of a receipt, before its totals
    "item count", "items count", "no. of items", "no of items", "number of items",
    "rounding", "rounding adjustment", "round off",
    # de
    "zwischensumme", "summe", "gesamtsumme", "gesamtbetrag", "nettobetrag", "endbetrag",
    "rechnungsbetrag", "mwst", "ust", "warenwert", "rechnungssumme", "warensumme",
    "nettosumme", "bruttosumme", "steuerbasisbetrag", "zahlbetrag", "net total", "total net",
    "total excl", "total incl", "totaal excl", "totaal incl", "montant total", "base ht",
    "total taxes",
    # fr
    "sous-total", "sous total", "total ht", "total ttc", "montant ht", "montant ttc", "tva",
    "net à payer", "total à payer",
    # nl
    "subtotaal", "totaal", "totaalbedrag", "btw", "te betalen",
)


#: Labels that open a note printed under an item (its billing period, delivery date, order or
#: serial number): invoices print them on their own line below the item's name, never as the
#: name itself, so such a line is neither a row nor more of the description.
NOTE_LABELS: tuple[str, ...] = (
    # de
    "abrechnungszeitraum", "leistungszeitraum", "lieferzeitraum", "zeitraum", "lieferdatum",
    "liefer-datum", "leistungsdatum", "leistungs-datum", "lieferschein", "lieferschein-nr",
    "bestellnummer", "bestell-nr", "bestellnr", "auftragsnummer", "auftrags-nr",
    "seriennummer", "serien-nr", "zählernummer", "zähler-nr",
    # en
    "billing period", "service period", "period", "delivery date", "date of delivery",
    "order no", "order number", "po number", "serial no", "serial number", "s/n",
    # fr
    "période", "periode", "date de livraison", "n° de série", "numéro de série",
    # nl
    "leveringsdatum", "factuurperiode",
)

_NOTE = re.compile(
    r"(?:"
    + "|".join(re.escape(w) for w in sorted(NOTE_LABELS, key=len, reverse=True))
    + r")(?![a-zà-ÿ])[^\d]{0,12}\d"
)


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|"
    "oktober|dezember|okt|dez|janvier|février|mars|avril|juin|juillet|août|septembre|"
    "octobre|novembre|décembre"
)
_DATE = (
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\.\d{1,2}\."
    rf"|(?:\d{{1,2}}\.?\s*)?(?:{_MONTHS})\.?(?:\s*\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:\s*\d{{4}})?)"
)
_DATE_LINE = re.compile(
    rf"\(?{_DATE}(?:\s*(?:-|–|—|~|〜|to|bis|au|through|until)\s*{_DATE})?\)?"
)


def is_note_line(text: str) -> bool:
    """True when a line is a note under an item: a period, date or order-number label
    followed by its value (``Abrechnungszeitraum KW 36``, ``Billing period 01.03.-31.03.``),
    or a date or a period alone (``Jan 1 – Feb 1, 2027``, ``01.09.2027 - 30.09.2027``)."""
    t = fold(text).strip()
    return bool(_NOTE.match(t) or _DATE_LINE.fullmatch(t))


#: Words that may follow a short totals label ("Total ...", "Summe ...") on a totals line.
_TOTAL_QUALIFIERS = (
    "qty", "quantity", "items", "sales", "gst", "vat", "tax", "due", "amount", "net", "gross",
    "incl", "excl", "ht", "ttc", "payable", "paid", "eur", "usd", "jpy", "(", "netto", "brutto",
    "mwst", "ust", "btw", "tva", "à payer", "apayer", "te betalen", "tebetalen", "rm", "sgd",
)
#: Words that may follow "Total" alone: a bill's totals line names what it sums ("Total
#: charges", "Total for this period", "Total current charges", "Total invoice value", "Total
#: facture"). After "Tax" they would not do: "Tax invoice" is a document's title.
_TOTAL_OF = (
    "charge", "for", "this", "current", "new", "invoice", "bill", "facture", "payable",
    "to pay", "topay", "value", "price", "cost", "excluding", "including", "inc", "exc",
    "before", "after", "outstanding", "balance", "owing", "inr", "gbp", "chf",
)


def fold(text: str) -> str:
    """NFKC, case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _fold1(c: str) -> str:
    """One character's NFKC form when that is one character too (offsets stay valid)."""
    f = unicodedata.normalize("NFKC", c)
    return f if len(f) == 1 else c


def _compact(text: str) -> str:
    return "".join(fold(text).split())


_TOTALS_COMPACT = tuple(sorted({_compact(t) for t in TOTAL_LABELS}, key=len, reverse=True))


def is_total_label(text: str) -> bool:
    """True when a cell's text is a totals label (``合計``, ``Subtotal:``, ``消費税(10%)``).

    The label may be followed by a bracketed rate, a colon, or the amount itself, never by
    more words (``Total care kit`` is an item).
    """
    t = _compact(text).strip(":：")
    for lbl in _TOTALS_COMPACT:
        if t.startswith(lbl):
            rest = t[len(lbl):].lstrip(":：")
            if not rest or rest[0] in "(（[%" or _looks_numeric(rest):
                return True
            # a long Latin compound (Rechnungssumme, Zwischensumme, Subtotal) is a totals
            # label whatever follows it; a short word (Total, Tax) only on its own
            if len(lbl) >= 7 and all(c.isalpha() or c == "-" for c in lbl):
                return True
            if rest.startswith(_TOTAL_QUALIFIERS):
                return True  # "Total Qty", "Total Sales", "Total GST"
            if lbl in ("total", "subtotal", "grandtotal") and rest.startswith(_TOTAL_OF):
                return True
    return False


#: ISO codes and written abbreviations of currencies, printed before or after an amount
#: (``INR 299.00``, ``Rs. 299.00``, ``12.50 EUR``, ``CHF 40``), folded.
CURRENCY_WORDS: tuple[str, ...] = (
    "eur", "usd", "jpy", "krw", "cny", "rmb", "inr", "gbp", "chf", "aud", "cad", "nzd",
    "sgd", "hkd", "sek", "nok", "dkk", "pln", "zar", "myr", "rs.", "rs", "rm", "us$", "hk$",
    "nt$", "a$", "c$", "s$", "r$",
)
_CURRENCY_PREFIX = ("¥", "￥", "$", "€", "£", "₩", "₹", "元", *CURRENCY_WORDS, "@")
_CURRENCY_SUFFIX = ("円", "元", "圆", "圓", "원", "€", "£", "₹", *CURRENCY_WORDS, "$", "-",
                    "─", "—")
_CURRENCY_WORD = re.compile(
    r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len,
                                                             reverse=True))
    + r")(?![a-z])",
    re.IGNORECASE,
)


def strip_currency_words(text: str) -> str:
    """The text without the currency codes and abbreviations printed in it (``INR``, ``Rs.``)."""
    return _CURRENCY_WORD.sub("", text)


_PLAIN = re.compile(r"[-+]?(\d+(?:[.,' ]\d+)*)")


def _strip_currency(t: str) -> str:
    changed = True
    while changed and t:
        changed = False
        if t.startswith(_CURRENCY_PREFIX):  # one test of all of them, then which one
            p = next(p for p in _CURRENCY_PREFIX if t.startswith(p))
            t = t[len(p):].lstrip()
            changed = True
        if t.endswith(_CURRENCY_SUFFIX):
            sfx = next((x for x in _CURRENCY_SUFFIX if t.endswith(x) and len(t) > len(x)), None)
            if sfx is not None:
                t = t[: -len(sfx)].rstrip()
                changed = True
    return t


def _looks_numeric(t: str) -> bool:
    return parse_number(t) is not None


def parse_number(text: str, *, decimal_comma: bool | None = None) -> Decimal | None:
    """A printed number or amount as a Decimal, or None when the text is not one.

    Takes ``¥1,120``, ``￥１，２３０``, ``350円``, ``$16.48``, ``2.318,40``, ``358,12``,
    ``0,0480``, ``-5,00``, ``5,00-``, ``97. 09``. ``decimal_comma`` says how to read a lone
    ``1.000`` / ``1,000`` when the document's convention is known.
    """
    t = fold(text).strip()
    if not t:
        return None
    neg = False
    t = _strip_currency(t)
    if t.startswith(("-", "−", "▲", "△")):
        neg = True
        t = t[1:].lstrip()
    elif t.endswith("-") or (t.startswith("(") and t.endswith(")")):
        neg = t.startswith("(")
        t = t.strip("()-")
    t = _strip_currency(t)
    if t.startswith("-"):
        neg = True
        t = t[1:]
    t = re.sub(r"(?<=[\d.,])\s+(?=\d)", "", t)  # "97. 09", "1 234,56", "10 0,04"
    t = re.sub(r"(?<=\d)\s+(?=[.,]\d)", "", t)  # "29 ,960"
    t = t.replace("'", "")
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", t):
        return None
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif commas:
        if re.fullmatch(r"\d{1,3}(,\d{3})+", t) and not (decimal_comma and commas == 1):
            t = t.replace(",", "")
        elif commas == 1:
            t = t.replace(",", ".")
        else:
            return None
    elif dots > 1:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
            t = t.replace(".", "")
        else:
            return None
    elif dots == 1 and decimal_comma and re.fullmatch(r"\d{1,3}\.\d{3}", t):
        t = t.replace(".", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return -value if neg else value


_QTY = re.compile(
    # a times sign may come first: "x4", "× 2" are four and two of the item (a capital X
    # before digits is more often a model name, "X5")
    r"^\s*(?:(?-i:[x×])\s*)?(?P<q>[-−]?\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>個|개|点|點|本|枚|冊|台|件|箱|袋|本入|x|×|[a-zà-ÿ]{1,8}\.?(?:\(s\))?)?"
    r"\s*$",
    re.IGNORECASE,
)
_QTY_TIMES = re.compile(
    r"^\s*(?P<q>\d+(?:[.,]\d+)?)\s*(?P<junk>[^\d\s×xX*@]{0,2}?)\s*"
    r"(?:[x×X*]\s*@?|@)\s*(?P<p>.*\S)\s*$"
)


def split_quantity(
    text: str, *, amount: Decimal | None = None
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Where the quantity (and a unit price after it) sit in a receipt's ``2 @ $8.24`` text.

    Returns ``((q_start, q_end), (p_start, p_end) | None)`` as offsets into ``text`` (the price
    part as printed after ``@``, marks included), or None when the text is not a quantity.
    ``2個`` gives the digits only. A misread counter glued to the digits (``1개`` read
    ``17H``) is told apart with ``amount``: the quantity is the digit prefix for which
    quantity x unit price = amount.
    """
    t = "".join(_fold1(c) for c in text)
    m = _QTY_TIMES.match(t)
    if m:
        p0 = m.start("p")
        span = number_span(t[p0:])
        if span is not None:
            u = parse_number(t[p0 + span[0]: p0 + span[1]])
            qa, qb = m.start("q"), m.end("q")
            digits = t[qa:qb]
            if amount is not None and u is not None and digits.isdigit():
                for k in range(1, len(digits) + 1):
                    if Decimal(digits[:k]) * u == amount:
                        qb = qa + k
                        break
            while p0 < len(t) and (t[p0] == "@" or t[p0].isspace()):
                p0 += 1
            return (qa, qb), (p0, len(t.rstrip()))
    m = _QTY.match(t)
    if m:
        return (m.start("q"), m.end("q")), None
    return None


_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
)
_HANT = set("發票號碼開項目稱單價額稅數規格號備註費總計價與為會計營業購買銷售")
_HANS = set("发票号码开项目称单价额税数规格号备注费总计价与为会计营业购买销售")
_LATIN_WORDS = {
    "de": ("rechnung", "menge", "betrag", "mwst", "gesamt", "datum", "preis", "summe", "und"),
    "fr": ("facture", "montant", "quantité", "prix", "tva", "total ttc", "désignation", "date"),
    "nl": ("factuur", "bedrag", "aantal", "prijs", "btw", "totaal", "omschrijving"),
    "en": ("invoice", "amount", "quantity", "price", "total", "description", "date", "the"),
}


def detect_language(text: str) -> str | None:
    """A best guess of a page's language from its script and a few common words."""
    if not text.strip():
        return None
    counts = {lang: len(rx.findall(text)) for lang, rx in _SCRIPTS}
    han = re.findall(r"[\u4e00-\u9fff]", text)
    # misread characters put a little Hangul on Chinese and Japanese pages: weigh the scripts
    if counts["ko"] >= 3 and counts["ko"] > 0.5 * (len(han) + counts["ja"]):
        return "ko"
    if counts["ja"] >= 3 and counts["ja"] >= 0.05 * len(han):
        return "ja"
    if len(han) >= 3:
        trad = sum(c in _HANT for c in han)
        simp = sum(c in _HANS for c in han)
        return "zh-Hant" if trad > simp else "zh-Hans"
    low = fold(text)
    scores = {
        lang: sum(len(re.findall(rf"(?<![a-zà-ÿ]){re.escape(w)}(?![a-zà-ÿ])", low)) for w in ws)
        for lang, ws in _LATIN_WORDS.items()
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else "en"


_NUM_SPAN = re.compile(
    r"[-−]?(?:[¥￥$€£₩₹]\s*)?[-−]?\d(?:[\d,.' ]*\d)?(?:\s*(?:円|元|원|€|-(?!\d)))?"
)


def number_span(text: str, *, decimal_comma: bool | None = None) -> tuple[int, int] | None:
    """Where the number of a numeric cell sits, tolerating a stray mark around it.

    OCR often glues a table rule (``|``) or a misread currency sign to an amount; the number
    is kept when what is left beside it is at most two characters without digits.
    """
    best: tuple[int, int] | None = None
    text = "".join(_fold1(c) for c in text)
    for m in _NUM_SPAN.finditer(text):
        a, b = m.start(), m.end()
        while b > a and text[b - 1] in " ,.'":
            b -= 1
        if parse_number(text[a:b], decimal_comma=decimal_comma) is None:
            continue
        if best is None or (b - a) > (best[1] - best[0]):
            best = (a, b)
    if best is None:
        return None
    # a currency code or abbreviation around the number is part of the amount as printed
    rest = strip_currency_words(text[: best[0]] + text[best[1]:]).strip()
    if len(rest) > 2 or any(c.isdigit() for c in rest):
        return None
    return best
