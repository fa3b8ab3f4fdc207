"""The rule extractor on OCR pages built here (no data-set documents): labels, patterns,
layout, checks, and the hints that let the matcher box the right characters."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pymupdf
import pytest

from spaceocr.core.extract import create_extractor
from spaceocr.core.extract.layout import build_layout, detect_language
from spaceocr.core.extract.rules import RuleExtractor
from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.templates import load_template, parse_template
from spaceocr.core.types import (
    ExtractedField,
    Extraction,
    FieldResult,
    OcrChar,
    OcrPage,
    Point,
    Quad,
)

W, H = 1000, 1400


Rows = Sequence[tuple[float, Sequence[tuple[float, str]]]]


def make_page(
    rows: Rows,
    *,
    index: int = 0,
    h: float = 20.0,
    angle_deg: float = 0.0,
    sizes: dict[str, float] | None = None,
) -> OcrPage:
    """A page with text ``rows``: (y, [(x, text), ...]) in pixels, one OCR line per cell.

    Characters are ``0.55 h`` wide (Latin) or ``h`` wide (CJK); the page may be turned by
    ``angle_deg`` about its centre; ``sizes`` gives some cells a bigger font.
    """
    chars: list[OcrChar] = []
    rad = math.radians(angle_deg)

    def rot(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - W / 2, y - H / 2
        return (W / 2 + dx * math.cos(rad) - dy * math.sin(rad),
                H / 2 + dx * math.sin(rad) + dy * math.cos(rad))

    line_no = word_no = 0
    for y, cells in rows:
        for x, text in cells:
            ch_h = (sizes or {}).get(text, h)
            cx = x
            for k, c in enumerate(text):
                if c == " ":
                    cx += 0.55 * ch_h
                    if k and text[k - 1] != " ":
                        word_no += 1
                    continue
                w = ch_h if ord(c) > 0x2E80 else 0.55 * ch_h
                pts = [rot(cx, y), rot(cx + w, y), rot(cx + w, y + ch_h), rot(cx, y + ch_h)]
                quad = Quad(*(Point(px / W, py / H) for px, py in pts))
                chars.append(OcrChar(c, quad, 0.98, line_no, word_no))
                cx += w
            line_no += 1
            word_no += 1
    return OcrPage(index, W, H, 200.0, "synthetic", tuple(chars))


def _run(pages: list[OcrPage], template: str) -> tuple[Extraction, dict[str, FieldResult]]:
    tpl = load_template(template)
    ex = RuleExtractor().extract(pages, tpl)
    grounded = {f.name: f for f in ground_extracted(ex.fields, pages, tpl, source="rules")}
    return ex, grounded


def _values(ex: Extraction) -> dict[str, str]:
    return {f.name: f.value for f in ex.fields if f.value is not None}


def _field(ex: Extraction, name: str) -> ExtractedField:
    return next(f for f in ex.fields if f.name == name)


JA_RECEIPT = [
    (60, [(300, "青葉ベーカリー")]),
    (120, [(420, "領収書")]),
    (180, [(60, "東京都千代田区丸の内1-9-2")]),
    (220, [(60, "TEL 03-1234-5678")]),
    (260, [(60, "令和7年2月13日(木) 14:11")]),
    (340, [(60, "食パン"), (600, "2"), (820, "440円")]),
    (380, [(60, "コーヒー"), (600, "1"), (820, "260円")]),
    (460, [(60, "小計"), (800, "700円")]),
    (500, [(60, "消費税(10%)"), (820, "70円")]),
    (540, [(60, "合計"), (800, "770円")]),
    (580, [(60, "お支払方法"), (760, "クレジット")]),
]


def test_japanese_receipt_fields_and_normalised_forms() -> None:
    ex, grounded = _run([make_page(JA_RECEIPT)], "receipt")
    v = _values(ex)
    assert v["merchant_name"] == "青葉ベーカリー"
    assert v["date"] == "令和7年2月13日"
    assert _field(ex, "date").normalized == "2025-02-13"
    assert v["time"] == "14:11"
    assert (v["subtotal"], v["tax"], v["total"]) == ("700円", "70円", "770円")
    assert _field(ex, "total").normalized == "770"
    assert v["payment_method"] == "クレジット"
    assert v["merchant_phone"] == "03-1234-5678"
    assert ex.meta["language"] == "ja"
    assert ("subtotal_tax_total", True) in [(n, ok) for n, ok, _ in ex.checks]
    # every value is boxed on the characters it was read from, confidently
    for name in ("total", "subtotal", "tax", "date"):
        g = grounded[name]
        assert g.grounding is not None and g.match_ratio >= 0.85 and not g.review_reasons


def test_hint_points_at_the_characters_read() -> None:
    page = make_page(JA_RECEIPT)
    ex = RuleExtractor().extract([page], load_template("receipt"))
    total = _field(ex, "total")
    assert total.hint is not None and total.hint.source == "ocr_chars"
    assert "".join(page.chars[i].text for i in total.hint.char_indices) == "770円"
    # the total's characters, not the identical-looking ones elsewhere
    assert all(page.chars[i].quad.bbox[1] > 500 / H for i in total.hint.char_indices)


def test_a_tilted_photo_still_pairs_labels_with_values() -> None:
    page = make_page(JA_RECEIPT, angle_deg=3.0)
    lay = build_layout(page)
    assert abs(math.degrees(lay.angle) - 3.0) < 0.5
    v = _values(RuleExtractor().extract([page], load_template("receipt")))
    assert (v["subtotal"], v["tax"], v["total"]) == ("700円", "70円", "770円")


def test_failed_arithmetic_marks_the_totals_for_review() -> None:
    rows = [*(r for r in JA_RECEIPT if r[0] != 540), (540, [(60, "合計"), (800, "990円")])]
    ex, grounded = _run([make_page(rows)], "receipt")
    assert ("subtotal_tax_total", False) in [(n, ok) for n, ok, _ in ex.checks]
    for name in ("subtotal", "tax", "total"):
        assert "check_failed:subtotal_tax_total" in _field(ex, name).review_reasons
        assert grounded[name].needs_review


def test_fields_not_on_the_document_are_left_out() -> None:
    ex = RuleExtractor().extract([make_page(JA_RECEIPT)], load_template("receipt"))
    names = {f.name for f in ex.fields}
    assert "receipt_number" not in names
    assert all(f.value for f in ex.fields if not f.items)


EN_INVOICE = [
    (80, [(60, "INVOICE")]),
    (160, [(60, "Bill To"), (560, "Greenfield Office Co.")]),
    (190, [(60, "Fabrikam Corp."), (560, "4500 Westgate Blvd")]),
    (220, [(60, "1200 Market St, Suite 400"), (560, "Austin, TX 78745")]),
    (250, [(560, "Tel +1 347 187 2036")]),
    (300, [(560, "Invoice No."), (720, "25-098385")]),
    (330, [(560, "Invoice Date"), (720, "Apr 10, 2025")]),
    (360, [(560, "Due Date"), (720, "May 10, 2025")]),
    (390, [(560, "Currency"), (720, "USD")]),
    (700, [(560, "Subtotal"), (820, "$2,791.32")]),
    (730, [(560, "Tax (5%)"), (830, "$139.57")]),
    (760, [(560, "Total"), (820, "$2,930.89")]),
    (790, [(560, "Amount Due"), (820, "$2,930.89")]),
]


def test_english_invoice_labels_blocks_and_dates() -> None:
    ex, grounded = _run([make_page(EN_INVOICE)], "invoice")
    v = _values(ex)
    assert v["customer_name"] == "Fabrikam Corp."
    assert v["vendor_name"] == "Greenfield Office Co."
    assert v["invoice_number"] == "25-098385"
    assert (v["issue_date"], _field(ex, "issue_date").normalized) == ("Apr 10, 2025",
                                                                       "2025-04-10")
    assert _field(ex, "due_date").normalized == "2025-05-10"
    assert v["currency"] == "USD"
    assert (v["subtotal"], v["tax"], v["total"], v["amount_due"]) == (
        "$2,791.32", "$139.57", "$2,930.89", "$2,930.89")
    # the tax rate is not the tax
    assert _field(ex, "tax").normalized == "139.57"
    due = grounded["amount_due"].grounding
    assert due is not None and due.bbox[1] > 780 / H


def test_european_amounts_and_the_subtotal_that_adds_up() -> None:
    rows = [
        (80, [(60, "FACTUUR")]),
        (150, [(60, "Factuurnummer:"), (300, "993548900")]),
        (180, [(60, "Factuurdatum:"), (300, "19 april 2014")]),
        (600, [(60, "Subtotaal"), (400, "€ 717,97")]),
        (630, [(60, "Exclusief BTW"), (400, "€ 593,36")]),
        (660, [(60, "BTW 21%"), (400, "€ 124,61")]),
        (690, [(60, "Totaal"), (400, "€ 717,97")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert ex.meta["language"] == "nl"
    assert v["invoice_number"] == "993548900"
    assert _field(ex, "issue_date").normalized == "2014-04-19"
    # two "subtotals": the one with subtotal + tax = total wins
    assert _field(ex, "subtotal").normalized == "593.36"
    assert _field(ex, "tax").normalized == "124.61"
    assert _field(ex, "total").normalized == "717.97"


def test_fapiao_buyer_and_seller_blocks() -> None:
    rows = [
        (60, [(300, "电子发票（普通发票）"), (700, "发票号码：10852900599790441090")]),
        (100, [(700, "开票日期：2026年11月28日")]),
        (160, [(20, "购"), (60, "名称：武汉长江机械制造有限公司"), (500, "销"),
               (540, "名称：北京华信商贸有限公司")]),
        (190, [(20, "买"), (500, "售")]),
        (220, [(20, "方"), (60, "纳税人识别号：91350100M000100Y43"), (500, "方"),
               (540, "纳税人识别号：91194782MA11C7141X")]),
        (300, [(160, "项目名称"), (450, "单位"), (510, "数量"), (600, "单价"), (720, "金额"),
               (800, "税率/征收率"), (900, "税额")]),
        (340, [(40, "*计算机设备*笔记本电脑"), (450, "台"), (540, "2"), (620, "7870.58"),
               (740, "15741.16"), (820, "6%"), (920, "944.47")]),
        (380, [(40, "*物流辅助服务*运输费"), (450, "次"), (540, "1"), (630, "734.76"),
               (750, "734.76"), (820, "6%"), (930, "44.09")]),
        (500, [(60, "合 计"), (700, "¥16475.92"), (900, "¥988.56")]),
        (540, [(60, "价税合计（大写）"), (300, "壹万柒仟肆佰陆拾肆圆肆角捌分"),
               (700, "（小写）¥17464.48")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert ex.meta["language"] == "zh-Hans"
    assert v["customer_name"] == "武汉长江机械制造有限公司"
    assert v["vendor_name"] == "北京华信商贸有限公司"
    assert v["invoice_number"] == "10852900599790441090"
    assert v["customer_tax_id"] == "91350100M000100Y43"
    assert v["registration_number"] == "91194782MA11C7141X"
    assert (v["subtotal"], v["tax"], v["total"]) == ("¥16475.92", "¥988.56", "¥17464.48")
    # the seller's credit code has a wrong check character: it needs review
    assert "check_failed:registration_number" in _field(ex, "registration_number").review_reasons
    assert not _field(ex, "customer_tax_id").review_reasons


def test_japanese_invoice_addressee_issuer_and_t_number() -> None:
    rows = [
        (60, [(450, "請求書")]),
        (130, [(60, "株式会社富士見電機 様"), (560, "株式会社北斗電機")]),
        (160, [(60, "東京都渋谷区渋谷2-21-1"), (560, "〒311-6507")]),
        (190, [(560, "愛知県名古屋市中村区名駅4-7-1")]),
        (220, [(560, "TEL 06-1317-1457")]),
        (250, [(560, "登録番号 T7000012050002")]),
        (300, [(560, "請求番号"), (720, "No.202787318")]),
        (330, [(560, "発行日"), (720, "２０２６年５月３０日")]),
        (380, [(60, "ご請求金額"), (300, "￥２９０，１５８")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert v["customer_name"] == "株式会社富士見電機"
    assert v["vendor_name"] == "株式会社北斗電機"
    assert v["invoice_number"] == "No.202787318"
    assert v["registration_number"] == "T7000012050002"
    assert not _field(ex, "registration_number").review_reasons
    assert _field(ex, "issue_date").normalized == "2026-05-30"
    assert _field(ex, "amount_due").normalized == "290158"


def test_korean_receipt_with_won_amounts() -> None:
    rows = [
        (40, [(380, "영수증")]),
        (100, [(60, "상호: 하나로 편의점 서초점")]),
        (140, [(60, "TEL: 02-604-9491")]),
        (180, [(60, "일시: 2027년 9월 24일(금) 21:55")]),
        (300, [(60, "공급가액"), (800, "41,609원")]),
        (340, [(60, "부가세"), (820, "4,161원")]),
        (380, [(60, "합계"), (800, "45,770원")]),
        (420, [(60, "결제수단"), (820, "현금")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("receipt"))
    v = _values(ex)
    assert ex.meta["language"] == "ko"
    assert v["merchant_name"] == "하나로 편의점 서초점"
    assert _field(ex, "date").normalized == "2027-09-24"
    assert v["time"] == "21:55"
    assert (v["subtotal"], v["tax"], v["total"]) == ("41,609원", "4,161원", "45,770원")
    assert v["payment_method"] == "현금"


def test_business_card() -> None:
    rows = [
        (60, [(80, "株式会社旭工業")]),
        (160, [(80, "代表取締役社長")]),
        (220, [(80, "山田 大輔")]),
        (300, [(80, "〒103-0627 東京都渋谷区渋谷2-21-1 丸の内センター12階")]),
        (340, [(80, "TEL 03-3985-2768"), (400, "FAX 03-3985-2769")]),
        (380, [(80, "E-mail: daisuke.yamada@example.co.jp")]),
    ]
    page = make_page(rows, sizes={"山田 大輔": 44.0})
    v = _values(RuleExtractor().extract([page], load_template("business_card")))
    assert v["company"] == "株式会社旭工業"
    assert v["title"] == "代表取締役社長"
    assert v["name"] == "山田 大輔"
    assert v["address"] == "東京都渋谷区渋谷2-21-1 丸の内センター12階"
    assert v["phone"] == "03-3985-2768"
    assert v["fax"] == "03-3985-2769"
    assert v["email"] == "daisuke.yamada@example.co.jp"


def test_a_users_own_fields_without_labels_use_the_field_name() -> None:
    tpl = parse_template([{"name": "order_number", "type": "id"}, {"name": "total",
                                                                   "type": "amount"}])
    rows = [(100, [(60, "Order Number: A-7731")]), (140, [(60, "Total"), (400, "$12.00")])]
    ex = RuleExtractor().extract([make_page(rows)], tpl)
    assert _values(ex) == {"order_number": "A-7731", "total": "$12.00"}


def test_born_digital_pdf_through_the_text_layer(tmp_path: Path) -> None:
    read_text_layer = pytest.importorskip("spaceocr.core.ocr.pdf_text").read_text_layer
    path = tmp_path / "rechnung.pdf"
    doc = pymupdf.open()
    pg = doc.new_page(width=595, height=842)
    lines = [
        (60, 60, "Lieferant GmbH"), (60, 75, "Lieferantenstrasse 20"), (60, 90, "80333 Muenchen"),
        (60, 105, "Tel. 089 123456"),
        (380, 140, "Rechnungsnummer:"), (480, 140, "471102"),
        (380, 155, "Rechnungsdatum:"), (480, 155, "05.03.2014"),
        (300, 500, "Nettobetrag"), (480, 500, "473,00"),
        (300, 515, "MwSt. 19%"), (480, 515, "89,87"),
        (300, 530, "Gesamtbetrag"), (480, 530, "562,87"),
    ]
    for x, y, text in lines:
        pg.insert_text((x, y), text, fontsize=10)
    doc.save(path)
    doc.close()
    with pymupdf.open(path) as pdf:
        page = read_text_layer(pdf[0], 0, 200.0)
    assert page is not None
    ex = RuleExtractor().extract([page], load_template("invoice"))
    v = _values(ex)
    assert ex.meta["language"] == "de"
    assert v["invoice_number"] == "471102"
    assert _field(ex, "issue_date").normalized == "2014-03-05"
    assert (v["subtotal"], v["tax"], v["total"]) == ("473,00", "89,87", "562,87")
    assert v["vendor_name"] == "Lieferant GmbH"


def test_registry_builds_it_and_it_is_an_extractor() -> None:
    ex = create_extractor("rules")
    assert ex.name == "rules" and ex.is_available()
    empty = ex.extract([OcrPage(0, 10, 10, 72.0, "x", ())], load_template("receipt"))
    assert empty.fields == ()


@pytest.mark.parametrize(("rows", "lang"), [
    ([(100, [(60, "ありがとうございました")])], "ja"),
    ([(100, [(60, "감사합니다 영수증")])], "ko"),
    ([(100, [(60, "电子发票 开票日期 价税合计")])], "zh-Hans"),
    ([(100, [(60, "電子發票 開票日期 價稅合計")])], "zh-Hant"),
    ([(100, [(60, "Rechnung Datum Betrag Summe netto und der")])], "de"),
    ([(100, [(60, "Facture date montant total TTC pour les")])], "fr"),
    ([(100, [(60, "Invoice total amount due thank you")])], "en"),
])
def test_language_from_the_script_mix(rows: Rows, lang: str) -> None:
    assert detect_language([make_page(rows)]) == lang
