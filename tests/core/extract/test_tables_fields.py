"""Rows as fields: OCR repairs and review reasons (synthetic pages)."""

from __future__ import annotations

from spaceocr.core.extract.tables import find_line_items
from tests.core.extract.table_pages import (
    SPEC,
    R,
    hint_text,
    ja_align,
    ja_invoice_rows,
    make_page,
)


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

    def test_confused_separators_are_read_from_the_arithmetic(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (700, "Unit Price"), (880, "Amount")]),
            (240, [(60, "Roof repair"), (590, "3"), (800, "412.50"), (940, "$1.237.50")]),
            (280, [(60, "Scaffolding"), (590, "2"), (800, "1.250.00"), (940, "2,500.00")]),
            (320, [(60, "Gutter"), (590, "2"), (800, "12.00"), (940, "$1.237.50")]),
            (380, [(700, "Total"), (940, "$4,975.00")]),
        ]
        page = make_page(rows, align={590: R, 800: R, 940: R})
        got = [{c.name: c for c in r} for r in find_line_items([page], SPEC)]
        assert got[0]["amount"].value == "$1,237.50"
        assert got[0]["amount"].normalized == "1237.50"
        assert got[0]["amount"].printed == "$1.237.50"
        assert "repaired" in got[0]["amount"].review_reasons
        assert got[1]["unit_price"].normalized == "1250.00"
        assert "repaired" in got[1]["unit_price"].review_reasons
        # digits that are not the product's stay unread, under review
        assert got[2]["amount"].normalized is None
        assert "not_a_number" in got[2]["amount"].review_reasons

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
        page = make_page(rows, align=ja_align(rows), confidence=0.5)
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


_VAT_HEADER = [(60, "Description"), (420, "Qty"), (520, "Price"), (620, "VAT %"),
               (720, "VAT"), (880, "Total")]


class TestLineTaxAndDiscount:

    def _row(self, rate: str, tax: str, total: str) -> dict[str, tuple[str, ...]]:
        rows = [
            (200, _VAT_HEADER),
            (240, [(60, "Fibre line, monthly"), (450, "2"), (580, "40.00"), (680, rate),
                   (780, tax), (940, total)]),
            (300, [(720, "Total"), (940, total)]),
        ]
        items = find_line_items(
            [make_page(rows, align={450: R, 580: R, 680: R, 780: R, 940: R})], SPEC)
        return {c.name: c.review_reasons for c in items[0]}

    def test_amount_including_the_line_tax_is_not_sent_to_review(self) -> None:
        reasons = self._row("21%", "16.80", "96.80")
        assert all("qty_x_price" not in r for r in reasons.values())

    def test_amount_explained_by_the_rate_alone(self) -> None:
        reasons = self._row("21%", "", "96.80")
        assert all("qty_x_price" not in r for r in reasons.values())

    def test_amount_neither_tax_explains_goes_to_review(self) -> None:
        reasons = self._row("21%", "16.80", "98.60")
        assert "qty_x_price" in reasons["amount"]

    def test_discount_column_taken_off_the_amount(self) -> None:
        rows = [
            (200, [(60, "Description"), (420, "Qty"), (520, "Price"), (620, "Discount"),
                   (880, "Amount")]),
            (240, [(60, "Desk lamp"), (450, "3"), (580, "12.00"), (700, "-6.00"),
                   (940, "30.00")]),
            (300, [(720, "Total"), (940, "30.00")]),
        ]
        items = find_line_items([make_page(rows, align={450: R, 580: R, 700: R, 940: R})],
                                SPEC)
        assert {c.name: c.value for c in items[0]}["amount"] == "30.00"
        assert all("qty_x_price" not in c.review_reasons for c in items[0])

    def test_central_and_state_tax_columns_make_up_the_amount(self) -> None:
        rows = [
            (200, [(60, "Description"), (330, "HSN/SAC"), (430, "Qty"), (500, "Rate"),
                   (600, "Taxable"), (720, "CGST"), (810, "SGST"), (900, "Amount")]),
            (240, [(60, "Drawing book"), (330, "48202000"), (460, "5"), (560, "30.00"),
                   (680, "150.00"), (780, "9.00"), (870, "9.00"), (960, "168.00")]),
            (280, [(60, "Water colours"), (330, "32131000"), (460, "2"), (560, "85.00"),
                   (680, "170.00"), (780, "10.20"), (870, "10.20"), (960, "190.40")]),
            (340, [(720, "Total"), (960, "358.40")]),
        ]
        al = {460: R, 560: R, 680: R, 780: R, 870: R, 960: R}
        items = find_line_items([make_page(rows, align=al)], SPEC)
        assert [{c.name: c.value for c in r} for r in items] == [
            {"description": "Drawing book", "quantity": "5", "unit_price": "30.00",
             "amount": "168.00"},
            {"description": "Water colours", "quantity": "2", "unit_price": "85.00",
             "amount": "190.40"},
        ]
        assert all(not c.review_reasons for r in items for c in r)

    def test_a_tax_label_over_its_rate_and_amount(self) -> None:
        # "CGST" and "SGST" each over a "Rate | Amount" pair printed close together
        rows = [
            (200, [(40, "Description"), (330, "Qty"), (390, "Rate"), (470, "Taxable"),
                   (610, "CGST"), (760, "SGST"), (900, "Total")]),
            (222, [(470, "Value"), (570, "Rate"), (640, "Amount"), (720, "Rate"),
                   (790, "Amount")]),
            (262, [(40, "Sketch pad A4"), (360, "4"), (440, "55.00"), (540, "220.00"),
                   (610, "6%"), (700, "13.20"), (760, "6%"), (850, "13.20"), (960, "246.40")]),
            (320, [(700, "Total"), (960, "246.40")]),
        ]
        al = {360: R, 440: R, 540: R, 700: R, 850: R, 960: R}
        items = find_line_items([make_page(rows, align=al)], SPEC)
        assert [{c.name: c.value for c in r} for r in items] == [
            {"description": "Sketch pad A4", "quantity": "4", "unit_price": "55.00",
             "amount": "246.40"}]
        assert all(not c.review_reasons for c in items[0])


class TestCurrencies:
    def test_currency_code_beside_an_amount_is_not_a_dropped_mark(self) -> None:
        rows = [
            (200, [(60, "Description"), (500, "Qty"), (680, "Price"), (880, "Amount")]),
            (240, [(60, "Phone case"), (520, "1"), (740, "Rs. 299.00"), (940, "INR 299.00")]),
            (280, [(60, "Screen guard"), (520, "2"), (740, "₹149.00"), (940, "INR 298.00")]),
            (340, [(680, "Total"), (940, "INR 597.00")]),
        ]
        items = find_line_items([make_page(rows, align={520: R, 740: R, 940: R})], SPEC)
        by_row = [{c.name: c for c in r} for r in items]
        assert [r["amount"].normalized for r in by_row] == ["299.00", "298.00"]
        assert [r["unit_price"].normalized for r in by_row] == ["299.00", "149.00"]
        assert all(not c.review_reasons for r in by_row for c in r.values())


class TestQuantityUnits:
    def test_a_one_letter_unit_after_a_space_is_printed_not_misread(self) -> None:
        rows = [
            (200, [(60, "Description"), (460, "Qty"), (680, "Unit price"), (880, "Amount")]),
            (240, [(60, "Gravel"), (460, "2.5 t"), (760, "38.00"), (950, "95.00")]),
            (280, [(60, "Primer"), (460, "4 l"), (760, "9.00"), (950, "36.00")]),
            (340, [(600, "Total"), (950, "131.00")]),
        ]
        items = find_line_items([make_page(rows, align={760: R, 950: R})], SPEC)
        qty = [next(c for c in r if c.name == "quantity") for r in items]
        assert [c.value for c in qty] == ["2.5", "4"]
        assert all(not c.review_reasons for c in qty)

    def test_a_times_sign_before_or_after_the_count_is_printed_not_misread(self) -> None:
        rows = [
            (200, [(60, "Description"), (520, "Qty"), (680, "Price"), (880, "Total")]),
            (240, [(60, "Espresso cups"), (520, "3x"), (740, "5.00"), (950, "15.00")]),
            (280, [(60, "Saucers"), (520, "x6"), (740, "1.50"), (950, "9.00")]),
            (320, [(60, "Tray"), (520, "1 ×"), (740, "7.00"), (950, "7.00")]),
            (380, [(600, "Total"), (950, "31.00")]),
        ]
        items = find_line_items([make_page(rows, align={740: R, 950: R})], SPEC)
        qty = [next(c for c in r if c.name == "quantity") for r in items]
        assert [c.normalized for c in qty] == ["3", "6", "1"]
        assert all(not c.review_reasons for c in qty)
