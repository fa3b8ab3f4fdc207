"""Text placed in the header's columns; unnamed columns named from their numbers."""

from __future__ import annotations

import pytest

from spaceocr.core.extract.tables import find_line_items
from spaceocr.core.extract.tables_layout import page_lines
from tests.core.extract.table_pages import (
    SPEC,
    R,
    cells,
    ja_align,
    make_page,
)


class TestColumns:
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
        items = find_line_items([make_page(rows, align=ja_align(rows))], SPEC)
        assert cells(items)[0] == {"description": "ロゴ作成費", "quantity": "2",
                                   "unit_price": "¥28,500", "amount": "57,000"}

    @pytest.mark.parametrize(
        ("code_label", "codes", "desc_label", "descs"),
        [
            ("Art.-Nr.", ("MA512-HT", "KP05"), "Bezeichnung",
             ("Montagearbeit", "Druckerpapier A3")),
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
