"""Header rows recognised from their labels (synthetic pages)."""

from __future__ import annotations

import pytest

from spaceocr.core.extract.tables import find_line_items
from tests.core.extract.table_pages import (
    SPEC,
    R,
    cells,
    make_page,
)


class TestHeaderRows:
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

    def test_title_column_is_the_description_beside_a_generic_product_column(self) -> None:
        # a web shop's tax invoice: the "Product" column holds a category and codes, the
        # "Title" column the item's name (wrapped onto a second line)
        rows = [
            (200, [(20, "Product"), (200, "Title"), (580, "Qty"), (640, "Price"),
                   (730, "Tax(%)"), (820, "Tax"), (900, "Total")]),
            (240, [(20, "Garden tools"), (200, "Steel spade with oak"), (600, "2"),
                   (700, "15.00"), (780, "12.00%"), (860, "3.60"), (960, "33.60")]),
            (262, [(20, "SKU: GT-4471"), (200, "handle 110 cm")]),
            (300, [(20, "Kitchen"), (200, "Enamel kettle 1.5 l"), (600, "1"), (700, "20.00"),
                   (780, "5.00%"), (860, "1.00"), (960, "21.00")]),
            (360, [(520, "Total"), (600, "3"), (860, "4.60"), (960, "54.60")]),
        ]
        page = make_page(rows, align={600: R, 700: R, 780: R, 860: R, 960: R})
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "Steel spade with oak handle 110 cm", "quantity": "2",
             "unit_price": "15.00", "amount": "33.60"},
            {"description": "Enamel kettle 1.5 l", "quantity": "1", "unit_price": "20.00",
             "amount": "21.00"},
        ]

    def test_item_and_description_columns_read_the_description(self) -> None:
        rows = [
            (200, [(60, "Item"), (220, "Description"), (600, "Qty"), (720, "Rate"),
                   (880, "Amount")]),
            (240, [(60, "Design"), (220, "Logo concepts, three rounds"), (620, "1"),
                   (800, "450.00"), (940, "450.00")]),
            (280, [(60, "Hosting"), (220, "Yearly plan, small site"), (620, "2"),
                   (800, "60.00"), (940, "120.00")]),
            (340, [(720, "Total"), (940, "570.00")]),
        ]
        items = find_line_items([make_page(rows, align={620: R, 800: R, 940: R})], SPEC)
        assert [r[0].value for r in items] == [
            "Logo concepts, three rounds", "Yearly plan, small site"]

    def test_two_line_labels_explain_a_column_the_first_line_alone_does_not(self) -> None:
        # "Gross / Amount" is one column: with no price column it is not read as a unit price
        rows = [
            (200, [(60, "Description"), (420, "Qty"), (500, "Gross"), (620, "Discount"),
                   (880, "Total")]),
            (222, [(500, "Amount"), (880, "€")]),
            (262, [(60, "Desk chair, grey"), (450, "2"), (580, "240.00"), (700, "-40.00"),
                   (940, "200.00")]),
            (320, [(600, "Total"), (940, "200.00")]),
        ]
        items = find_line_items([make_page(rows, align={450: R, 580: R, 700: R, 940: R})],
                                SPEC)
        assert cells(items) == [
            {"description": "Desk chair, grey", "quantity": "2", "amount": "200.00"}]
