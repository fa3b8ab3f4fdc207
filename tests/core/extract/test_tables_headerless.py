"""Line items without a readable header: receipts, aligned numbers, summed rows."""

from __future__ import annotations

import math

import pytest

from spaceocr.core.extract.tables import find_line_items, find_tables
from spaceocr.core.extract.tables_layout import estimate_skew
from tests.core.extract.table_pages import (
    SPEC,
    R,
    cells,
    hint_text,
    make_page,
)


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

    def test_bill_summary_of_net_tax_and_gross_is_not_quantity_times_price(self) -> None:
        # a utility bill's summary: each line's net, tax and gross, then the invoice total
        rows = [
            (40, [(60, "Fibre Telecom")]),
            (100, [(60, "Bill of 02 May 2027")]),
            (200, [(60, "Subscriptions and options"), (560, "32.50"), (700, "6.50"),
                   (900, "39.00")]),
            (240, [(60, "Calls"), (560, "0.00"), (700, "0.00"), (900, "0.00")]),
            (280, [(60, "One-off services"), (560, "5.00"), (700, "1.00"), (900, "6.00")]),
            (330, [(60, "Total charges"), (560, "37.50"), (700, "7.50"), (900, "45.00")]),
        ]
        items = find_line_items([make_page(rows, align={560: R, 700: R, 900: R})], SPEC)
        assert cells(items) == [
            {"description": "Subscriptions and options", "amount": "39.00"},
            {"description": "Calls", "amount": "0.00"},
            {"description": "One-off services", "amount": "6.00"},
        ]

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
