"""Line-item tables on synthetic OCR pages built here (no data-set documents)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from spaceocr.core.extract.tables import LineItemTable, find_line_items, find_tables
from spaceocr.core.extract.tables_layout import estimate_skew, page_lines
from spaceocr.core.extract.tables_vocab import (
    detect_language,
    is_note_line,
    is_total_label,
    number_span,
    parse_number,
    split_quantity,
)
from spaceocr.core.templates.schema import FieldSpec
from spaceocr.core.types import ExtractedField, OcrChar, OcrPage, Point, Quad

SPEC = FieldSpec(
    name="line_items",
    type="array",
    children=tuple(FieldSpec(n) for n in ("description", "quantity", "unit_price", "amount")),
)

W, H = 1000, 1400  # page size in pixels


def _is_wide(c: str) -> bool:
    return ord(c) > 0x2E80


def make_page(
    rows: list[tuple[float, list[tuple[float, str]]]],
    *,
    index: int = 0,
    h: float = 20.0,
    angle_deg: float = 0.0,
    align: dict[float, str] | None = None,
    confidence: float = 0.99,
) -> OcrPage:
    """A page with text ``rows``: (y, [(x, text), ...]) in pixels, one OCR line per cell.

    ``x`` is the left edge of a cell, or its right edge when ``align[x] == "right"``.
    Characters are ``0.55 h`` wide (Latin) or ``h`` wide (CJK); spaces separate words. The
    page may be rotated by ``angle_deg`` about its centre, as a photo taken at an angle.
    """
    chars: list[OcrChar] = []
    rad = math.radians(angle_deg)
    cx0, cy0 = W / 2, H / 2

    def rot(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx0, y - cy0
        return (cx0 + dx * math.cos(rad) - dy * math.sin(rad),
                cy0 + dx * math.sin(rad) + dy * math.cos(rad))

    line_no = word_no = 0
    for y, cells in rows:
        for x, text in cells:
            widths = [h if _is_wide(c) else 0.55 * h for c in text]
            if align and align.get(x) == "right":
                x = x - sum(widths)
            word_no += 1
            for c, w in zip(text, widths, strict=True):
                if c == " ":
                    word_no += 1
                    x += w
                    continue
                pts = [rot(x, y), rot(x + w, y), rot(x + w, y + h), rot(x, y + h)]
                quad = Quad(*(Point(px / W, py / H) for px, py in pts))
                chars.append(OcrChar(c, quad, confidence, line_no, word_no))
                x += w
            line_no += 1
    return OcrPage(index, W, H, 200.0, "test", tuple(chars))


def merge_pages(a: OcrPage, b: OcrPage) -> OcrPage:
    """One page with the characters of both (``b``'s lines and words numbered after ``a``'s),
    to mix type sizes."""
    lines = max((c.line_no for c in a.chars), default=-1) + 1
    words = max((c.word_no for c in a.chars), default=-1) + 1
    moved = tuple(
        OcrChar(c.text, c.quad, c.confidence, c.line_no + lines, c.word_no + words)
        for c in b.chars
    )
    return OcrPage(a.index, a.width_px, a.height_px, a.dpi, a.engine, a.chars + moved)


def cells(rows: tuple[tuple[ExtractedField, ...], ...]) -> list[dict[str, str | None]]:
    return [{c.name: c.value for c in row} for row in rows]


def hint_text(page: OcrPage, cell: ExtractedField) -> str:
    assert cell.hint is not None and cell.hint.source == "ocr_chars"
    return "".join(page.chars[i].text for i in cell.hint.char_indices)


R = "right"


def ja_invoice_rows(y0: float = 300.0) -> list[tuple[float, list[tuple[float, str]]]]:
    return [
        (100, [(80, "請求書")]),
        (y0, [(80, "品名"), (560, "数量"), (760, "単価"), (900, "金額")]),
        (y0 + 40, [(80, "マーカーペン 赤 5本組"), (600, "8"), (800, "¥580"), (940, "4,640")]),
        (y0 + 80, [(80, "クリアファイル A4"), (600, "3"), (800, "¥1,120"), (940, "3,360")]),
        (y0 + 120, [(80, "電源タップ 3m"), (600, "12"), (800, "¥1,730"), (940, "20,760")]),
        (y0 + 180, [(560, "小計"), (940, "¥28,760")]),
        (y0 + 220, [(560, "合計"), (940, "¥31,636")]),
    ]


def _align(rows: list[tuple[float, list[tuple[float, str]]]]) -> dict[float, str]:
    return {x: R for _, cs in rows for x, _ in cs if x >= 590}


class TestHeaderTable:
    def test_japanese_invoice_rows_values_and_hints(self) -> None:
        rows = ja_invoice_rows()
        page = make_page(rows, align=_align(rows))
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "マーカーペン 赤 5本組", "quantity": "8", "unit_price": "¥580",
             "amount": "4,640"},
            {"description": "クリアファイル A4", "quantity": "3", "unit_price": "¥1,120",
             "amount": "3,360"},
            {"description": "電源タップ 3m", "quantity": "12", "unit_price": "¥1,730",
             "amount": "20,760"},
        ]
        first = {c.name: c for c in items[0]}
        assert first["unit_price"].normalized == "580"
        assert first["amount"].normalized == "4640"
        assert first["description"].normalized is None
        for c in items[0]:
            assert hint_text(page, c) == c.value.replace(" ", "")
            assert c.hint is not None and c.hint.page_index == 0
            assert not c.review_reasons

    def test_ocr_word_breaks_inside_japanese_text_are_not_spaces(self) -> None:
        rows = ja_invoice_rows()
        # the OCR cut "ノートパソコン" into three words with hairline gaps between them
        rows[2] = (rows[2][0], [(80, "ノー"), (123, "トパ"), (166, "ソコン"), *rows[2][1][1:]])
        page = make_page(rows, align=_align(rows))
        items = find_line_items([page], SPEC)
        assert items[0][0].value == "ノートパソコン"

    def test_kana_run_needs_a_full_width_gap_to_be_spaced(self) -> None:
        rows = ja_invoice_rows()
        # estimated boxes of narrow kana leave 0.7 em between ノー and トパソコン: no space;
        # the same gap between a katakana word and a kanji is the printed space it is
        rows[2] = (rows[2][0], [(80, "ノー"), (134, "トパソコン"), *rows[2][1][1:]])
        rows[3] = (rows[3][0], [(80, "ボールペン"), (194, "黒"), *rows[3][1][1:]])
        # a full-width space (1 em and more) is kept
        rows[4] = (rows[4][0], [(80, "ノート"), (162, "パソコン"), *rows[4][1][1:]])
        page = make_page(rows, align=_align(rows))
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items] == ["ノートパソコン", "ボールペン 黒", "ノート パソコン"]
        # the blank half of a full-width comma or bracket is not a space either
        base = ja_invoice_rows()
        rows[2] = (rows[2][0], [(80, "印刷、"), (154, "製本"), *base[2][1][1:]])
        rows[3] = (rows[3][0], [(80, "用紙"), (134, "（A4）"), *base[3][1][1:]])
        page = make_page(rows, align=_align(rows))
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items][:2] == ["印刷、製本", "用紙（A4）"]

    def test_table_end_is_above_the_totals(self) -> None:
        rows = ja_invoice_rows()
        page = make_page(rows, align=_align(rows))
        table = find_tables([page], SPEC)
        assert isinstance(table, LineItemTable) and table.has_header
        assert table.end_page == 0
        last_row_bottom = (300 + 120 + 20) / H
        subtotal_top = (300 + 180) / H
        assert last_row_bottom - 0.002 <= table.end_y < subtotal_top
        assert table.contains(0, 0.5, (300 + 50) / H)
        assert not table.contains(0, 0.9, (300 + 190) / H)
        assert table.language == "ja"

    def test_english_two_page_invoice_continues_and_skips_repeated_header(self) -> None:
        hdr = [(60, "Description"), (560, "Qty"), (700, "Unit Price"), (880, "Amount")]
        p1 = [(200, hdr)] + [
            (240 + 40 * k, [(60, f"Item number {k}"), (590, "2"), (800, f"{k}.50"),
                            (940, f"{2 * k + 1}.00")])
            for k in range(1, 6)
        ] + [(1350, [(900, "1/2")])]
        p2 = [(80, [(60, "Invoice No. 123 (2/2)")]), (160, hdr)] + [
            (200 + 40 * k, [(60, f"Service line {k}"), (590, "1"), (800, f"{k}0.00"),
                            (940, f"{k}0.00")])
            for k in range(1, 3)
        ] + [(360, [(700, "Subtotal"), (940, "75.00")])]
        al = {590: R, 800: R, 940: R}
        pages = [make_page(p1, align=al), make_page(p2, index=1, align=al)]
        items = find_line_items(pages, SPEC)
        assert [r[0].value for r in items] == [
            *(f"Item number {k}" for k in range(1, 6)), "Service line 1", "Service line 2"
        ]
        assert cells(items)[4] == {"description": "Item number 5", "quantity": "2",
                                   "unit_price": "5.50", "amount": "11.00"}
        assert items[5][0].hint is not None and items[5][0].hint.page_index == 1
        table = find_tables(pages, SPEC)
        assert table is not None and table.end_page == 1
        assert {r.page_index for r in table.regions} == {0, 1}

    def test_table_cut_by_the_page_end_continues_without_a_header(self) -> None:
        hdr = [(60, "Description"), (560, "Qty"), (880, "Amount")]
        p1 = [(1100, hdr), (1140, [(60, "Alpha"), (590, "1"), (940, "10.00")]),
              (1180, [(60, "Beta"), (590, "2"), (940, "20.00")])]
        p2 = [(100, [(60, "Gamma"), (590, "3"), (940, "30.00")]),
              (140, [(60, "Delta"), (590, "4"), (940, "40.00")]),
              (200, [(700, "Total"), (940, "100.00")])]
        al = {590: R, 940: R}
        items = find_line_items([make_page(p1, align=al), make_page(p2, index=1, align=al)],
                                SPEC)
        assert [r[0].value for r in items] == ["Alpha", "Beta", "Gamma", "Delta"]

    def test_description_on_two_lines_stays_one_row(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (880, "Amount")]),
            (240, [(60, "Consulting services"), (590, "3"), (940, "300.00")]),
            (262, [(60, "for the month of May")]),
            (300, [(60, "Travel"), (590, "1"), (940, "80.00")]),
            (360, [(700, "Total"), (940, "380.00")]),
        ]
        items = find_line_items([make_page(rows, align={590: R, 940: R})], SPEC)
        assert cells(items) == [
            {"description": "Consulting services for the month of May", "quantity": "3",
             "amount": "300.00"},
            {"description": "Travel", "quantity": "1", "amount": "80.00"},
        ]

    def test_indented_or_small_print_line_under_an_item_is_a_note(self) -> None:
        hdr = (200, [(60, "Description"), (560, "Qty"), (880, "Amount")])
        rows = [
            hdr,
            (240, [(60, "Consulting services"), (590, "3"), (940, "300.00")]),
            (262, [(120, "Of a sample project")]),  # indented: a note
            (300, [(60, "1. Travel to the site"), (590, "1"), (940, "80.00")]),
            (322, [(93, "and back")]),  # a hanging indent after "1. ": more of the name
            (380, [(700, "Total"), (940, "380.00")]),
        ]
        page = make_page(rows, align={590: R, 940: R})
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items] == ["Consulting services",
                                               "1. Travel to the site and back"]
        assert "description_bounds" in items[0][0].review_reasons
        # the same note in small print, not indented
        big = make_page([r for r in rows if r[0] != 262], align={590: R, 940: R})
        small = make_page([(264, [(60, "Of a Sample project")])], h=12.0)
        page = merge_pages(big, small)
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items] == ["Consulting services",
                                               "1. Travel to the site and back"]

    def test_fapiao_amount_is_the_amount_column_not_the_tax_column(self) -> None:
        # centred headers, right-aligned numbers that sit closer to the next header
        rows = [
            (200, [(200, "项目名称"), (500, "规格型号"), (640, "单位"), (720, "数量"),
                   (830, "单价"), (1000, "金额"), (1110, "税率/征收率"), (1290, "税额")]),
            (240, [(40, "*办公用品*文件夹 A4"), (650, "箱"), (775, "3"), (920, "30.25"),
                   (1100, "90.75"), (1160, "6%"), (1330, "5.44")]),
            (280, [(40, "*物流辅助服务*仓储费"), (650, "次"), (775, "12"), (920, "342.18"),
                   (1100, "4106.16"), (1160, "6%"), (1330, "246.37")]),
            (340, [(60, "合 计"), (1100, "¥4196.91"), (1330, "¥251.81")]),
        ]
        al = {775: R, 920: R, 1100: R, 1330: R}
        scaled = [(y, [(x * 0.75, t) for x, t in cs]) for y, cs in rows]
        page = make_page(scaled, align={k * 0.75: v for k, v in al.items()})
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "*办公用品*文件夹 A4", "quantity": "3", "unit_price": "30.25",
             "amount": "90.75"},
            {"description": "*物流辅助服务*仓储费", "quantity": "12", "unit_price": "342.18",
             "amount": "4106.16"},
        ]

    def test_single_row_amount_right_aligned_towards_the_next_header(self) -> None:
        # one row gives no number columns to learn from: the amount ends nearer the tax-rate
        # header's right edge than its own, but left of where that header starts
        rows = [
            (200, [(60, "项目名称"), (420, "数量"), (540, "单价"), (680, "金额"), (800, "税率"),
                   (900, "税额")]),
            (240, [(40, "*住宿服务*住宿费"), (440, "1"), (620, "480.679612"), (795, "480.68"),
                   (810, "3%"), (980, "14.42")]),
            (300, [(60, "合 计"), (795, "¥480.68"), (980, "¥14.42")]),
        ]
        page = make_page(rows, align={440: R, 620: R, 795: R, 980: R})
        assert cells(find_line_items([page], SPEC)) == [
            {"description": "*住宿服务*住宿费", "quantity": "1", "unit_price": "480.679612",
             "amount": "480.68"},
        ]

    def test_misread_header_labels_are_named_from_the_numbers(self) -> None:
        # the OCR garbled 単価 and 金額: the columns are told apart by qty x price = amount
        rows = [
            (200, [(80, "品名"), (560, "数量"), (760, "_뿌@"), (900, "수해")]),
            (240, [(80, "ロゴ作成費"), (600, "2"), (800, "¥28,500"), (940, "57,000")]),
            (280, [(80, "セミナー参加費"), (600, "1"), (800, "¥9,640"), (940, "9,640")]),
            (340, [(560, "合計"), (940, "¥70,820")]),
        ]
        items = find_line_items([make_page(rows, align=_align(rows))], SPEC)
        assert cells(items)[0] == {"description": "ロゴ作成費", "quantity": "2",
                                   "unit_price": "¥28,500", "amount": "57,000"}

    def test_packing_slip_without_totals_ends_at_the_gap(self) -> None:
        rows = [
            (200, [(60, "Item"), (500, "SKU"), (880, "Qty")]),
            (240, [(60, "Printer paper A4, pack of 5 reams"), (500, "SKU-58055"), (940, "2")]),
            (280, [(60, "Freight & packing"), (500, "SKU-75751"), (940, "1")]),
            (1200, [(60, "Please check the contents upon receipt.")]),
        ]
        items = find_line_items([make_page(rows, align={940: R})], SPEC)
        assert cells(items) == [
            {"description": "Printer paper A4, pack of 5 reams", "quantity": "2"},
            {"description": "Freight & packing", "quantity": "1"},
        ]

    @pytest.mark.parametrize(
        ("code_label", "codes", "desc_label", "descs"),
        [
            ("Art.-Nr.", ("MA512-HT", "KP05"), "Bezeichnung", ("Montagearbeit", "Druckerpapier A3")),
            ("Item no.", ("100230-7", "A-77"), "Description", ("Widget blue", "Cable 2 m")),
            ("SKU", ("SK8812", "SK0042"), "Product", ("Desk lamp", "Paper A4 500 sheets")),
            ("品番", ("A-100", "B205"), "品名", ("ボールペン 黒", "クリアファイル")),
        ],
    )
    def test_article_number_column_is_kept_out_of_the_description(
        self, code_label: str, codes: tuple[str, str], desc_label: str, descs: tuple[str, str]
    ) -> None:
        # the code column is just wide enough for its longest code: the gap to the name is
        # narrower than a column gap, so the OCR reads code and name as one cell
        width = max(len(t) * (20 if ord(t[0]) > 0x2E80 else 11) for t in (code_label, *codes))
        xd = 60 + width + 14
        rows = [
            (200, [(60, code_label), (xd, desc_label), (560, "Qty"), (700, "Price"),
                   (880, "Amount")]),
            (240, [(60, codes[0]), (xd, descs[0]), (590, "2"), (800, "5.00"), (940, "10.00")]),
            (280, [(60, codes[1]), (xd, descs[1]), (590, "1"), (800, "7.50"), (940, "7.50")]),
            (340, [(700, "Total"), (940, "17.50")]),
        ]
        page = make_page(rows, align={590: R, 800: R, 940: R})
        assert len(page_lines(page)[1].segments) == 4  # code and name in one segment
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items] == list(descs)
        assert cells(items)[1] == {"description": descs[1], "quantity": "1",
                                   "unit_price": "7.50", "amount": "7.50"}

    def test_position_numbers_before_the_description(self) -> None:
        rows = [
            (200, [(60, "Pos."), (120, "Artikel"), (560, "Menge"), (700, "Einzelpreis"),
                   (880, "Gesamt")]),
            (240, [(60, "1 Schrauben M6 100 Stk."), (590, "3"), (800, "4,20"), (940, "12,60")]),
            (280, [(60, "2 Dübel 8 mm"), (590, "10"), (800, "0,50"), (940, "5,00")]),
            (340, [(700, "Summe"), (940, "17,60")]),
        ]
        items = find_line_items([make_page(rows, align={590: R, 800: R, 940: R})], SPEC)
        assert cells(items) == [
            {"description": "Schrauben M6 100 Stk.", "quantity": "3", "unit_price": "4,20",
             "amount": "12,60"},
            {"description": "Dübel 8 mm", "quantity": "10", "unit_price": "0,50",
             "amount": "5,00"},
        ]

    def test_quantity_with_its_unit_in_the_next_column(self) -> None:
        # "10" right-aligned under Menge, "Stk" left-aligned under Einheit: one OCR cell
        rows = [
            (200, [(40, "Pos."), (90, "Art.-Nr."), (200, "Bezeichnung"), (470, "Menge"),
                   (540, "Einheit"), (640, "Einzelpreis €"), (820, "Gesamtpreis €")]),
            (240, [(40, "1"), (90, "10-4711"), (200, "Ordner A4 breit"), (520, "10"),
                   (540, "Stk"), (760, "2,49 €"), (960, "24,90 €")]),
            (280, [(40, "2"), (90, "77-1"), (200, "Versandkosten"), (520, "1"),
                   (540, "psch."), (760, "1.234,56 €"), (960, "1.234,56 €")]),
            (340, [(600, "Nettobetrag"), (960, "1.259,46 €")]),
        ]
        page = make_page(rows, align={520: R, 760: R, 960: R})
        assert page_lines(page)[1].segments[3].text == "10 Stk"
        assert cells(find_line_items([page], SPEC)) == [
            {"description": "Ordner A4 breit", "quantity": "10", "unit_price": "2,49 €",
             "amount": "24,90 €"},
            {"description": "Versandkosten", "quantity": "1", "unit_price": "1.234,56 €",
             "amount": "1.234,56 €"},
        ]

    def test_abbreviated_german_header_with_quantity_first(self) -> None:
        rows = [
            (200, [(60, "Anz."), (120, "Bezeichnung"), (600, "Einzel"), (840, "Gesamt")]),
            (240, [(80, "2"), (120, "Pizza Margherita"), (660, "8,50"), (900, "17,00")]),
            (280, [(80, "1"), (120, "Cola 0,5 l"), (660, "3,20"), (900, "3,20")]),
            (340, [(600, "Summe"), (900, "20,20")]),
        ]
        items = find_line_items([make_page(rows, align={80: R, 660: R, 900: R})], SPEC)
        assert cells(items) == [
            {"description": "Pizza Margherita", "quantity": "2", "unit_price": "8,50",
             "amount": "17,00"},
            {"description": "Cola 0,5 l", "quantity": "1", "unit_price": "3,20",
             "amount": "3,20"},
        ]

    def test_two_line_header_over_one_line_rows_keeps_the_names(self) -> None:
        rows = [
            (200, [(60, "Art.-Nr."), (520, "Menge"), (760, "Einzelpreis"), (900, "Betrag")]),
            (222, [(60, "Bezeichnung")]),
            (260, [(60, "BX-100 Briefumschläge C5"), (600, "2"), (840, "4,00"), (960, "8,00")]),
            (290, [(60, "PX-9 Druckerpatrone"), (600, "1"), (840, "8,90"), (960, "8,90")]),
            (350, [(700, "Nettobetrag"), (960, "16,90")]),
        ]
        items = find_line_items([make_page(rows, align={600: R, 840: R, 960: R})], SPEC)
        assert [r[0].value for r in items] == ["BX-100 Briefumschläge C5", "PX-9 Druckerpatrone"]
        assert all("description_bounds" in r[0].review_reasons for r in items)

    def test_two_line_rows_continue_on_the_next_page(self) -> None:
        hdr = [
            (1000, [(60, "Pos."), (250, "Art.-Nr."), (520, "Menge"), (760, "Einzelpreis"),
                    (900, "Betrag")]),
            (1022, [(250, "Bezeichnung")]),
        ]
        p1 = [*hdr,
              (1060, [(60, "1"), (250, "BX-100"), (600, "2 Stk."), (840, "4,00"), (960, "8,00")]),
              (1082, [(250, "Briefumschläge C5")])]
        p2 = [(100, [(60, "2"), (600, "1 Std."), (840, "45,00"), (960, "45,00")]),
              (122, [(250, "Montage vor Ort")]),
              (180, [(700, "Nettobetrag"), (960, "53,00")])]
        al = {600: R, 840: R, 960: R}
        items = find_line_items([make_page(p1, align=al), make_page(p2, index=1, align=al)],
                                SPEC)
        assert [r[0].value for r in items] == ["Briefumschläge C5", "Montage vor Ort"]
        assert cells(items)[1]["amount"] == "45,00"

    def test_period_and_order_lines_under_an_item_are_notes(self) -> None:
        rows = [
            (200, [(60, "Beschreibung"), (330, "Menge"), (520, "Einzelpreis"),
                   (800, "Betrag")]),
            (240, [(60, "Wartungsvertrag Server"), (360, "1"), (600, "120,00"),
                   (860, "120,00")]),
            (262, [(60, "Abrechnungszeitraum KW 36")]),
            (300, [(60, "Hosting Paket M"), (360, "3"), (600, "9,90"), (860, "29,70")]),
            (322, [(60, "Leistungszeitraum 01.03.2027 - 31.03.2027")]),
            (344, [(60, "Billing period March 2027")]),
            (366, [(60, "Mar 1 – Mar 31, 2027")]),
            (384, [(60, "Domain"), (360, "2"), (600, "1,50"), (860, "3,00")]),
            (440, [(600, "Summe"), (860, "152,70")]),
        ]
        items = find_line_items([make_page(rows, align={360: R, 600: R, 860: R})], SPEC)
        assert [r[0].value for r in items] == ["Wartungsvertrag Server", "Hosting Paket M",
                                               "Domain"]
        assert cells(items)[0]["quantity"] == "1"

    def test_name_colon_note_in_every_row_keeps_the_name(self) -> None:
        rows = [
            (200, [(60, "Qty"), (150, "Product"), (600, "Price"), (800, "Total")]),
            (240, [(60, "2.00"), (150, "Consulting (hours): remote session"), (660, "90.00"),
                   (860, "180.00")]),
            (262, [(150, "for the migration")]),
            (300, [(60, "5.00"), (150, "Cables: assorted, 2 m"), (660, "3.00"),
                   (860, "15.00")]),
            (340, [(60, "1.00"), (150, "Setup fee:"), (660, "25.00"), (860, "25.00")]),
            (400, [(600, "Net total"), (860, "220.00")]),
        ]
        al = {660: R, 860: R}
        items = find_line_items([make_page(rows, align=al)], SPEC)
        assert [r[0].value for r in items] == ["Consulting (hours)", "Cables", "Setup fee"]
        assert all("description_bounds" in r[0].review_reasons for r in items)
        # a label repeated in every row is not the names
        same = [(y, [(x, t.replace("Cables:", "Setup fee:").replace(
            "Consulting (hours):", "Setup fee:")) for x, t in cs]) for y, cs in rows]
        items = find_line_items([make_page(same, align=al)], SPEC)
        assert items[0][0].value == "Setup fee: remote session for the migration"
        # one row with a colon among plain names: nothing is cut but the trailing colon
        rows[3] = (300, [(60, "5.00"), (150, "Cables assorted, 2 m"), (660, "3.00"),
                         (860, "15.00")])
        items = find_line_items([make_page(rows, align=al)], SPEC)
        assert [r[0].value for r in items] == [
            "Consulting (hours): remote session for the migration", "Cables assorted, 2 m",
            "Setup fee",
        ]

    def test_two_line_header_puts_the_description_on_each_rows_second_line(self) -> None:
        # an ERP layout: the header's second line names what each row's second line holds
        # (the article number above the description); lines after it are notes
        rows = [
            (200, [(60, "EAN"), (250, "Art.-Nr."), (520, "Menge"), (640, "Einheit"),
                   (760, "Einzelpreis"), (900, "Betrag")]),
            (222, [(60, "Kunden-Art.-Nr."), (250, "Bezeichnung")]),
            (250, [(60, "Bitte beachten Sie unsere neuen Öffnungszeiten.")]),
            (280, [(60, "4000000000017"), (250, "BX-100"), (600, "12,0000 Stk."), (660, "1"),
                   (840, "2,5000"), (960, "30,00")]),
            (302, [(250, "Briefumschläge C5")]),
            (324, [(250, "Lieferdatum: 03.02.2027")]),
            (346, [(250, "Abrechnungszeitraum KW 5")]),
            (386, [(60, "4000000000024"), (600, "3,0000 Std."), (660, "1"), (840, "45,0000"),
                   (960, "135,00")]),
            (408, [(60, "K-77"), (250, "Montage 2 Techniker")]),
            (430, [(250, "Rabatt: 10,00 %"), (520, "Basis: 150,00")]),
            (470, [(60, "4000000000031"), (250, "PX-9"), (600, "1,0000 Stk."), (660, "1"),
                   (840, "8,9000"), (960, "8,90")]),
            (492, [(250, "Druckerpatrone schwarz")]),
            (560, [(700, "Nettobetrag"), (960, "173,90")]),
        ]
        page = make_page(rows, align={600: R, 840: R, 960: R})
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "Briefumschläge C5", "quantity": "12,0000", "unit_price": "2,5000",
             "amount": "30,00"},
            {"description": "Montage 2 Techniker", "quantity": "3,0000",
             "unit_price": "45,0000", "amount": "135,00"},
            {"description": "Druckerpatrone schwarz", "quantity": "1,0000",
             "unit_price": "8,9000", "amount": "8,90"},
        ]
        qty = {c.name: c for c in items[0]}["quantity"]
        assert qty.normalized == "12.0000"
        assert "ocr_suspect" not in qty.review_reasons  # "Stk." is the unit, not a misread

    @pytest.mark.parametrize(
        ("labels", "lang"),
        [
            (("Beschreibung", "Menge", "Einzelpreis", "Betrag"), "de"),
            (("Désignation", "Qté", "Prix unitaire", "Montant"), "fr"),
            (("Omschrijving", "Aantal", "Prijs", "Bedrag"), "nl"),
            (("품명", "수량", "단가", "금액"), "ko"),
            (("項目名稱", "數量", "單價", "金額"), "zh-Hant"),
        ],
    )
    def test_header_words_in_other_languages(self, labels: tuple[str, ...], lang: str) -> None:
        total = {"de": "Zwischensumme", "fr": "Total HT", "nl": "Subtotaal", "ko": "합계",
                 "zh-Hant": "合計"}[lang]
        desc = {"de": "Kopierpapier und Rechnung", "fr": "Facture papier",
                "nl": "Factuur papier", "ko": "복사 용지", "zh-Hant": "影印紙"}[lang]
        rows = [
            (200, [(60, labels[0]), (500, labels[1]), (680, labels[2]), (880, labels[3])]),
            (240, [(60, desc), (560, "4"), (800, "2,50"), (940, "10,00")]),
            (300, [(700, total), (940, "10,00")]),
        ]
        items = find_line_items([make_page(rows, align={560: R, 800: R, 940: R})], SPEC)
        assert cells(items) == [{"description": desc, "quantity": "4", "unit_price": "2,50",
                                 "amount": "10,00"}]
        assert {c.name: c.normalized for c in items[0]}["amount"] == "10.00"


class TestReceipts:
    def test_headerless_receipt_with_price_at_the_right(self) -> None:
        rows = [
            (40, [(200, "さくら書店")]),
            (100, [(40, "令和6年9月4日(木) 14:11")]),
            (140, [(40, "--------------------------")]),
            (180, [(40, "ほうじ茶ラテ"), (400, "2"), (700, "¥780")]),
            (220, [(40, "クロワッサン 4個"), (700, "¥220")]),
            (260, [(40, "サンドイッチ 卵"), (700, "420円")]),
            (300, [(40, "--------------------------")]),
            (340, [(40, "小計"), (700, "¥1,420")]),
            (380, [(40, "合計"), (700, "¥1,562")]),
        ]
        items = find_line_items([make_page(rows, align={700: R})], SPEC)
        assert cells(items) == [
            {"description": "ほうじ茶ラテ", "quantity": "2", "amount": "¥780"},
            {"description": "クロワッサン 4個", "amount": "¥220"},
            {"description": "サンドイッチ 卵", "amount": "420円"},
        ]
        assert items[2][1].normalized == "420"
        table = find_tables([make_page(rows, align={700: R})], SPEC)
        assert table is not None and not table.has_header

    def test_quantity_line_under_the_item_name(self) -> None:
        rows = [
            (40, [(100, "영수증")]),
            (100, [(40, "일시: 2027-07-29 08:29")]),
            (160, [(40, "우유 1L")]),
            (195, [(80, "2개 × 1,150"), (700, "2,300")]),
            (240, [(40, "Dish soap 2pk")]),
            (275, [(80, "2 @ $8.24"), (700, "$16.48")]),
            (320, [(40, "Apples")]),
            (355, [(80, "3 x 150"), (700, "450")]),
            (420, [(40, "합계"), (700, "18,050")]),
        ]
        page = make_page(rows, align={700: R})
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "우유 1L", "quantity": "2", "unit_price": "1,150",
             "amount": "2,300"},
            {"description": "Dish soap 2pk", "quantity": "2", "unit_price": "$8.24",
             "amount": "$16.48"},
            {"description": "Apples", "quantity": "3", "unit_price": "150", "amount": "450"},
        ]
        qty = {c.name: c for c in items[0]}["quantity"]
        assert hint_text(page, qty) == "2"

    def test_three_numbers_after_the_name(self) -> None:
        rows = [
            (100, [(40, "Store 12")]),
            (160, [(40, "Item"), (420, "1"), (560, "3.50"), (700, "3.50")]),
            (200, [(40, "Widget"), (420, "2"), (560, "1.25"), (700, "2.50")]),
            (260, [(40, "TOTAL"), (700, "6.00")]),
        ]
        rows[1] = (160, [(40, "Bread"), (420, "1 3.50"), (700, "3.50")])
        rows[2] = (200, [(40, "Widget"), (420, "2 1.25"), (700, "2.50")])
        items = find_line_items([make_page(rows, align={700: R})], SPEC)
        assert cells(items) == [
            {"description": "Bread", "quantity": "1", "unit_price": "3.50", "amount": "3.50"},
            {"description": "Widget", "quantity": "2", "unit_price": "1.25", "amount": "2.50"},
        ]

    def test_tilted_photo_reads_row_by_row(self) -> None:
        # rows 36 px apart, the page turned 3 degrees: the right column drops ~half a row
        rows = [
            (60, [(200, "Maple Street Market")]),
            (120, [(40, "Date: 2027-02-10 19:41")]),
            (200, [(40, "Oat milk 2 qt"), (500, "2"), (900, "$9.68")]),
            (236, [(40, "Muffin w/ butter"), (900, "$2.60")]),
            (272, [(40, "AAA batteries 4pk"), (500, "3"), (900, "$37.83")]),
            (308, [(40, "Wrench kit"), (500, "3"), (900, "$44.16")]),
            (380, [(40, "Subtotal"), (900, "$94.27")]),
            (416, [(40, "Tax 6.25%"), (900, "$5.89")]),
        ]
        for angle in (3.0, -3.0):
            page = make_page(rows, align={900: R}, angle_deg=angle)
            assert math.degrees(estimate_skew(page)) == pytest.approx(angle, abs=0.3)
            items = find_line_items([page], SPEC)
            assert cells(items) == [
                {"description": "Oat milk 2 qt", "quantity": "2", "amount": "$9.68"},
                {"description": "Muffin w/ butter", "amount": "$2.60"},
                {"description": "AAA batteries 4pk", "quantity": "3", "amount": "$37.83"},
                {"description": "Wrench kit", "quantity": "3", "amount": "$44.16"},
            ], angle

    def test_document_without_items(self) -> None:
        rows = [
            (100, [(40, "山田 太郎")]),
            (140, [(40, "株式会社サンプル 営業部")]),
            (180, [(40, "TEL 03-1234-5678")]),
        ]
        assert find_line_items([make_page(rows)], SPEC) == ()
        assert find_tables([make_page(rows)], SPEC) is None
        assert find_line_items([], SPEC) == ()

    def test_formal_receipt_breakdown_is_not_an_item_list(self) -> None:
        rows = [
            (100, [(300, "領収書")]),
            (200, [(200, "金額"), (500, "¥33,880-")]),
            (300, [(40, "但し 書籍代として")]),
            (360, [(40, "税抜金額"), (500, "¥30,800")]),
            (400, [(40, "消費税額(10%)"), (500, "¥3,080")]),
        ]
        assert find_line_items([make_page(rows, align={500: R})], SPEC) == ()


class TestWithoutHeader:
    def test_aligned_numbers_without_a_readable_header(self) -> None:
        # every header label misread: rows are found from the aligned numbers, the columns
        # named from quantity x unit price = amount; a tax column at the right is not taken
        rows = [
            (200, [(80, "뿌@"), (560, "수해"), (760, "_@"), (900, "#%"), (1040, "&&")]),
            (240, [(80, "Laptop stand"), (600, "2"), (800, "45.00"), (940, "90.00"),
                   (1080, "9.00")]),
            (280, [(80, "USB hub"), (600, "3"), (800, "12.50"), (940, "37.50"),
                   (1080, "3.75")]),
            (320, [(80, "Cable"), (600, "10"), (800, "1.20"), (940, "12.00"),
                   (1080, "1.20")]),
        ]
        al = {600: R, 800: R, 940: R, 1080: R}
        scaled = [(y, [(x * 0.85, t) for x, t in cs]) for y, cs in rows]
        page = make_page(scaled, align={k * 0.85: v for k, v in al.items()})
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "Laptop stand", "quantity": "2", "unit_price": "45.00",
             "amount": "90.00"},
            {"description": "USB hub", "quantity": "3", "unit_price": "12.50",
             "amount": "37.50"},
            {"description": "Cable", "quantity": "10", "unit_price": "1.20", "amount": "12.00"},
        ]
        row = {c.name: c for c in items[0]}
        assert "no_header" in row["description"].review_reasons  # roles were inferred
        assert row["amount"].review_reasons == ()  # confirmed by the row's arithmetic


    def test_items_right_above_their_sum_without_header_or_totals_label(self) -> None:
        rows = [
            (100, [(60, "Beitragsrechnung Nr. 12.345")]),
            (200, [(60, "Haftpflicht Tarif B (40 %) Klasse 12"), (900, "75,00 €")]),
            (230, [(60, "Teilkasko Tarif B Klasse 9"), (900, "110,50 €")]),
            (260, [(60, "Beitrag für das Quartal"), (900, "185,50 €")]),
            (290, [(60, "darin enthaltene Steuer"), (900, "(29,62 €)")]),
        ]
        items = find_line_items([make_page(rows, align={900: R})], SPEC)
        assert cells(items) == [
            {"description": "Haftpflicht Tarif B (40 %) Klasse 12", "amount": "75,00 €"},
            {"description": "Teilkasko Tarif B Klasse 9", "amount": "110,50 €"},
        ]
        assert all("no_header" in c.review_reasons for r in items for c in r)
        # a sum that does not add up is no proof of items
        rows[3] = (260, [(60, "Beitrag für das Quartal"), (900, "185,00 €")])
        assert find_line_items([make_page(rows, align={900: R})], SPEC) == ()

    def test_a_totals_block_that_adds_up_is_not_items(self) -> None:
        rows = [
            (100, [(60, "Rechnung 2027-114")]),
            (200, [(60, "Warenwert"), (900, "100,00")]),
            (230, [(60, "MwSt 19 %"), (900, "19,00")]),
            (260, [(60, "Rechnungsbetrag"), (900, "119,00")]),
        ]
        assert find_line_items([make_page(rows, align={900: R})], SPEC) == ()


class TestOcrRepairs:
    def test_lost_decimal_point(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (700, "Unit Price"), (880, "Amount")]),
            (240, [(60, "Monitor"), (590, "1"), (800, "1418 62"), (940, "1418.62")]),
            (300, [(700, "Total"), (940, "1418.62")]),
        ]
        page = make_page(rows, align={590: R, 800: R, 940: R})
        row = {c.name: c for c in find_line_items([page], SPEC)[0]}
        assert row["unit_price"].value == "1418.62"
        assert row["unit_price"].printed == "1418 62"
        assert "ocr_suspect" in row["unit_price"].review_reasons

    def test_digits_lost_next_to_a_misread_sign_come_back_from_the_arithmetic(self) -> None:
        rows = [
            (100, [(40, "レシート")]),
            (160, [(40, "文庫本")]),
            (195, [(80, "3個 × @부,080"), (700, "¥3,240")]),
            (260, [(40, "合計"), (700, "¥3,240")]),
        ]
        page = make_page(rows, align={700: R})
        row = {c.name: c for c in find_line_items([page], SPEC)[0]}
        assert row["unit_price"].value == "1,080"
        assert row["unit_price"].normalized == "1080"
        assert "repaired" in row["unit_price"].review_reasons
        assert row["amount"].value == "¥3,240" and not row["amount"].review_reasons


class TestReview:
    def test_shaky_characters_send_a_cell_to_review(self) -> None:
        rows = ja_invoice_rows()
        page = make_page(rows, align=_align(rows), confidence=0.5)
        items = find_line_items([page], SPEC)
        assert all("low_ocr_confidence" in c.review_reasons for row in items for c in row)

    def test_quantity_times_price_mismatch(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (700, "Unit Price"), (880, "Amount")]),
            (240, [(60, "Widget"), (590, "3"), (800, "2.00"), (940, "7.00")]),
            (280, [(60, "Gadget"), (590, "2"), (800, "1.50"), (940, "3.00")]),
            (340, [(700, "Total"), (940, "10.00")]),
        ]
        items = find_line_items([make_page(rows, align={590: R, 800: R, 940: R})], SPEC)
        bad = {c.name: c.review_reasons for c in items[0]}
        good = {c.name: c.review_reasons for c in items[1]}
        assert "qty_x_price" in bad["amount"] and "qty_x_price" in bad["quantity"]
        assert bad["description"] == ()
        assert all(not r for r in good.values())

    def test_stray_mark_glued_to_a_number_is_dropped_and_flagged(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (880, "Amount")]),
            (240, [(60, "| Widget"), (590, "1"), (940, "부780|")]),
            (300, [(700, "Total"), (940, "780")]),
        ]
        page = make_page(rows, align={590: R, 940: R})
        row = {c.name: c for c in find_line_items([page], SPEC)[0]}
        assert row["description"].value == "Widget"
        assert row["amount"].value == "780"
        assert hint_text(page, row["amount"]) == "780"
        assert "ocr_suspect" in row["amount"].review_reasons


class TestLayout:
    def test_lines_and_segments(self) -> None:
        page = make_page([(100, [(40, "Oat milk 2 qt"), (500, "2"), (900, "$9.68")]),
                          (140, [(40, "Bread")])])
        lines = page_lines(page)
        assert [[s.text for s in ln.segments] for ln in lines] == [
            ["Oat milk 2 qt", "2", "$9.68"], ["Bread"]
        ]
        seg = lines[0].segments[0]
        assert len(seg.char_indices) == len(seg.text)
        assert [w.text for w in seg.words()] == ["Oat", "milk", "2", "qt"]


class TestVocab:
    @pytest.mark.parametrize(
        ("text", "want"),
        [
            ("¥1,120", "1120"), ("￥１，２３０", "1230"), ("350円", "350"), ("$16.48", "16.48"),
            ("2.318,40", "2318.40"), ("358,12", "358.12"), ("0,0480", "0.0480"),
            ("-5,00", "-5.00"), ("97. 09", "97.09"), ("10 0,04", "100.04"),
            ("€ 389,00", "389.00"), ("¥33,880-", "33880"), ("1,234.56", "1234.56"),
        ],
    )
    def test_parse_number(self, text: str, want: str) -> None:
        assert parse_number(text) == Decimal(want)

    @pytest.mark.parametrize("text", ["", "abc", "1/2", "12:30", "T1234-5", "6.2.1"])
    def test_not_numbers(self, text: str) -> None:
        assert parse_number(text) is None

    def test_decimal_comma_convention(self) -> None:
        assert parse_number("1.000", decimal_comma=True) == Decimal(1000)
        assert parse_number("1.000") == Decimal("1.000")

    def test_number_span_tolerates_a_stray_mark(self) -> None:
        assert number_span("부2,150|") == (1, 6)
        assert number_span("Reg 5 #478") is None
        assert number_span("(税込) ¥1,943,210") is None

    def test_split_quantity(self) -> None:
        assert split_quantity("2個") == ((0, 1), None)
        t = "3 x @¥160"
        q, p = split_quantity(t)  # type: ignore[misc]
        assert t[q[0]:q[1]] == "3" and p is not None and t[p[0]:p[1]] == "¥160"
        # "1개" misread "17H": the prefix whose product is the amount wins
        t = "17H× 6,320"
        sp = split_quantity(t, amount=Decimal(6320))
        assert sp is not None and t[sp[0][0]:sp[0][1]] == "1"
        assert split_quantity("Widget") is None

    @pytest.mark.parametrize(
        "text", ["小計", "合 计", "Subtotal:", "消費税(10%)", "TOTAL", "합계", "Zwischensumme",
                 "Total TTC", "Totaal"],
    )
    def test_total_labels(self, text: str) -> None:
        assert is_total_label(text)

    @pytest.mark.parametrize("text", ["Total care kit", "合同会社", "Subscription"])
    def test_not_total_labels(self, text: str) -> None:
        assert not is_total_label(text)

    @pytest.mark.parametrize(
        ("text", "want"),
        [
            ("Abrechnungszeitraum KW 36", True), ("Lieferdatum 03.02.2027", True),
            ("Billing period 01.03.-31.03.", True), ("Order no. 4711", True),
            ("Period costume rental", False), ("Periodic check 2x", False),
            ("Seriennummern-Etiketten 100 Stk.", False),
            ("Jan 1 – Feb 1, 2027", True), ("01.09.2027 - 30.09.2027", True),
            ("1. März 2027 bis 31. März 2027", True), ("12.50", False), ("10 Stk", False),
            ("Sept 2027 cleaning", False),
        ],
    )
    def test_note_lines(self, text: str, want: bool) -> None:
        assert is_note_line(text) is want

    def test_detect_language(self) -> None:
        assert detect_language("請求書 ボールペン 数量") == "ja"
        assert detect_language("영수증 합계 결제") == "ko"
        assert detect_language("电子发票 项目名称 数量 单价 金额") == "zh-Hans"
        assert detect_language("電子發票 項目名稱 數量 單價 金額") == "zh-Hant"
        assert detect_language("Rechnung Menge Betrag Gesamt") == "de"
        assert detect_language("Facture Montant Quantité") == "fr"
        assert detect_language("Factuur Bedrag Aantal") == "nl"
        assert detect_language("Invoice Amount Quantity") == "en"
        # a few misread Hangul on a Chinese page do not make it Korean
        assert detect_language("电子发票 项目名称 数量 单价 金额 税额 합계 피터") == "zh-Hans"
