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
    (60, [(300, "若葉ベーカリー")]),
    (120, [(420, "領収書")]),
    (180, [(60, "東京都千代田区丸の内1-9-2")]),
    (220, [(60, "TEL 03-1234-5678")]),
    (260, [(60, "令和6年9月4日(木) 14:11")]),
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
    assert v["merchant_name"] == "若葉ベーカリー"
    assert v["date"] == "令和6年9月4日"
    assert _field(ex, "date").normalized == "2024-09-04"
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
    (160, [(60, "Bill To"), (560, "Brightwater Supply Co.")]),
    (190, [(60, "Redwood Tools Ltd."), (560, "4500 Westgate Blvd")]),
    (220, [(60, "1200 Market St, Suite 400"), (560, "Austin, TX 78745")]),
    (250, [(560, "Tel +1 347 187 2036")]),
    (300, [(560, "Invoice No."), (720, "31-204716")]),
    (330, [(560, "Invoice Date"), (720, "Apr 23, 2025")]),
    (360, [(560, "Due Date"), (720, "May 27, 2025")]),
    (390, [(560, "Currency"), (720, "USD")]),
    (700, [(560, "Subtotal"), (820, "$2,654.10")]),
    (730, [(560, "Tax (5%)"), (830, "$132.71")]),
    (760, [(560, "Total"), (820, "$2,786.81")]),
    (790, [(560, "Amount Due"), (820, "$2,786.81")]),
]


def test_english_invoice_labels_blocks_and_dates() -> None:
    ex, grounded = _run([make_page(EN_INVOICE)], "invoice")
    v = _values(ex)
    assert v["customer_name"] == "Redwood Tools Ltd."
    assert v["vendor_name"] == "Brightwater Supply Co."
    assert v["invoice_number"] == "31-204716"
    assert (v["issue_date"], _field(ex, "issue_date").normalized) == ("Apr 23, 2025",
                                                                       "2025-04-23")
    assert _field(ex, "due_date").normalized == "2025-05-27"
    assert v["currency"] == "USD"
    assert (v["subtotal"], v["tax"], v["total"], v["amount_due"]) == (
        "$2,654.10", "$132.71", "$2,786.81", "$2,786.81")
    # the tax rate is not the tax
    assert _field(ex, "tax").normalized == "132.71"
    due = grounded["amount_due"].grounding
    assert due is not None and due.bbox[1] > 780 / H


def test_european_amounts_and_the_subtotal_that_adds_up() -> None:
    rows = [
        (80, [(60, "FACTUUR")]),
        (150, [(60, "Factuurnummer:"), (300, "871265430")]),
        (180, [(60, "Factuurdatum:"), (300, "26 april 2014")]),
        (600, [(60, "Subtotaal"), (400, "€ 642,58")]),
        (630, [(60, "Exclusief BTW"), (400, "€ 531,06")]),
        (660, [(60, "BTW 21%"), (400, "€ 111,52")]),
        (690, [(60, "Totaal"), (400, "€ 642,58")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert ex.meta["language"] == "nl"
    assert v["invoice_number"] == "871265430"
    assert _field(ex, "issue_date").normalized == "2014-04-26"
    # two "subtotals": the one with subtotal + tax = total wins
    assert _field(ex, "subtotal").normalized == "531.06"
    assert _field(ex, "tax").normalized == "111.52"
    assert _field(ex, "total").normalized == "642.58"


def test_fapiao_buyer_and_seller_blocks() -> None:
    rows = [
        (60, [(300, "电子发票（普通发票）"), (700, "发票号码：23017749105528360412")]),
        (100, [(700, "开票日期：2026年10月21日")]),
        (160, [(20, "购"), (60, "名称：成都蓝天电子科技有限公司"), (500, "销"),
               (540, "名称：杭州明远贸易有限公司")]),
        (190, [(20, "买"), (500, "售")]),
        (220, [(20, "方"), (60, "纳税人识别号：91350100M000100Y43"), (500, "方"),
               (540, "纳税人识别号：91194782MA11C7141X")]),
        (300, [(160, "项目名称"), (450, "单位"), (510, "数量"), (600, "单价"), (720, "金额"),
               (800, "税率/征收率"), (900, "税额")]),
        (340, [(40, "*计算机设备*显示器"), (450, "台"), (540, "2"), (620, "6932.15"),
               (740, "13864.30"), (820, "6%"), (920, "831.85")]),
        (380, [(40, "*物流辅助服务*仓储费"), (450, "次"), (540, "1"), (630, "1366.10"),
               (750, "1366.10"), (820, "6%"), (930, "81.97")]),
        (500, [(60, "合 计"), (700, "¥15230.40"), (900, "¥913.82")]),
        (540, [(60, "价税合计（大写）"), (300, "壹万陆仟壹佰肆拾肆圆贰角贰分"),
               (700, "（小写）¥16144.22")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert ex.meta["language"] == "zh-Hans"
    assert v["customer_name"] == "成都蓝天电子科技有限公司"
    assert v["vendor_name"] == "杭州明远贸易有限公司"
    assert v["invoice_number"] == "23017749105528360412"
    assert v["customer_tax_id"] == "91350100M000100Y43"
    assert v["registration_number"] == "91194782MA11C7141X"
    assert (v["subtotal"], v["tax"], v["total"]) == ("¥15230.40", "¥913.82", "¥16144.22")
    # the seller's credit code has a wrong check character: it needs review
    assert "check_failed:registration_number" in _field(ex, "registration_number").review_reasons
    assert not _field(ex, "customer_tax_id").review_reasons


def test_japanese_invoice_addressee_issuer_and_t_number() -> None:
    rows = [
        (60, [(450, "請求書")]),
        (130, [(60, "株式会社高砂電装 様"), (560, "株式会社北辰電子")]),
        (160, [(60, "東京都渋谷区渋谷2-21-1"), (560, "〒311-6507")]),
        (190, [(560, "愛知県名古屋市中村区名駅4-7-1")]),
        (220, [(560, "TEL 06-1317-1457")]),
        (250, [(560, "登録番号 T7000012050002")]),
        (300, [(560, "請求番号"), (720, "No.203141592")]),
        (330, [(560, "発行日"), (720, "２０２６年６月１２日")]),
        (380, [(60, "ご請求金額"), (300, "￥３１７，４０６")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("invoice"))
    v = _values(ex)
    assert v["customer_name"] == "株式会社高砂電装"
    assert v["vendor_name"] == "株式会社北辰電子"
    assert v["invoice_number"] == "No.203141592"
    assert v["registration_number"] == "T7000012050002"
    assert not _field(ex, "registration_number").review_reasons
    assert _field(ex, "issue_date").normalized == "2026-06-12"
    assert _field(ex, "amount_due").normalized == "317406"


def test_korean_receipt_with_won_amounts() -> None:
    rows = [
        (40, [(380, "영수증")]),
        (100, [(60, "상호: 새벽 마트 역삼점")]),
        (140, [(60, "TEL: 02-604-9491")]),
        (180, [(60, "일시: 2027년 8월 17일(금) 21:55")]),
        (300, [(60, "공급가액"), (800, "38,200원")]),
        (340, [(60, "부가세"), (820, "3,820원")]),
        (380, [(60, "합계"), (800, "42,020원")]),
        (420, [(60, "결제수단"), (820, "현금")]),
    ]
    ex = RuleExtractor().extract([make_page(rows)], load_template("receipt"))
    v = _values(ex)
    assert ex.meta["language"] == "ko"
    assert v["merchant_name"] == "새벽 마트 역삼점"
    assert _field(ex, "date").normalized == "2027-08-17"
    assert v["time"] == "21:55"
    assert (v["subtotal"], v["tax"], v["total"]) == ("38,200원", "3,820원", "42,020원")
    assert v["payment_method"] == "현금"


def test_business_card() -> None:
    rows = [
        (60, [(80, "株式会社朝日精工")]),
        (160, [(80, "代表取締役社長")]),
        (220, [(80, "佐藤 健一")]),
        (300, [(80, "〒103-0627 東京都港区芝浦4-6-2 芝浦タワー8階")]),
        (340, [(80, "TEL 03-4412-9051"), (400, "FAX 03-3985-2769")]),
        (380, [(80, "E-mail: daisuke.yamada@example.co.jp")]),
    ]
    page = make_page(rows, sizes={"佐藤 健一": 44.0})
    v = _values(RuleExtractor().extract([page], load_template("business_card")))
    assert v["company"] == "株式会社朝日精工"
    assert v["title"] == "代表取締役社長"
    assert v["name"] == "佐藤 健一"
    assert v["address"] == "東京都港区芝浦4-6-2 芝浦タワー8階"
    assert v["phone"] == "03-4412-9051"
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
        (60, 60, "Lieferant Nord AG"), (60, 75, "Hafenstrasse 7"), (60, 90, "20457 Hamburg"),
        (60, 105, "Tel. 040 765432"),
        (380, 140, "Rechnungsnummer:"), (480, 140, "583310"),
        (380, 155, "Rechnungsdatum:"), (480, 155, "12.06.2019"),
        (300, 500, "Nettobetrag"), (480, 500, "612,00"),
        (300, 515, "MwSt. 19%"), (480, 515, "116,28"),
        (300, 530, "Gesamtbetrag"), (480, 530, "728,28"),
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
    assert v["invoice_number"] == "583310"
    assert _field(ex, "issue_date").normalized == "2019-06-12"
    assert (v["subtotal"], v["tax"], v["total"]) == ("612,00", "116,28", "728,28")
    assert v["vendor_name"] == "Lieferant Nord AG"


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
