"""The rows under a header: wrapped names, page breaks, stacked rows, the end."""

from __future__ import annotations

from spaceocr.core.extract.tables import find_line_items, find_tables
from tests.core.extract.table_pages import (
    SPEC,
    R,
    cells,
    make_page,
)


class TestTableBody:
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

    def test_items_with_several_note_lines_each_stay_in_one_table(self) -> None:
        # a freelancer's invoice: each item followed by four "Label: value" lines, so the
        # next item starts far below the last one's numbers
        rows = [
            (200, [(60, "Item"), (560, "Quantity"), (740, "Rate"), (880, "Amount")]),
            (240, [(60, "Garden work"), (600, "3"), (800, "$25.00"), (940, "$75.00")]),
        ]
        rows += [(270 + 30 * k, [(60, t)]) for k, t in enumerate(
            ("Description: Hedges", "Notes: Trimmed both sides", "Parts: 1 x bag", "Tax: 0.5%"))]
        rows += [(420, [(60, "Window cleaning"), (600, "2"), (800, "$9.50"), (940, "$19.00")])]
        rows += [(450 + 30 * k, [(60, t)]) for k, t in enumerate(
            ("Description: Outside", "Notes: Ladder needed"))]
        rows += [(560, [(700, "Subtotal:"), (940, "$94.00")])]
        items = find_line_items([make_page(rows, align={600: R, 800: R, 940: R})], SPEC)
        assert cells(items) == [
            {"description": "Garden work", "quantity": "3", "unit_price": "$25.00",
             "amount": "$75.00"},
            {"description": "Window cleaning", "quantity": "2", "unit_price": "$9.50",
             "amount": "$19.00"},
        ]

    def test_a_bills_named_totals_line_ends_the_table(self) -> None:
        rows = [
            (200, [(60, "Description"), (560, "Qty"), (740, "Price"), (880, "Amount")]),
            (240, [(60, "Line rental"), (590, "1"), (800, "18.00"), (940, "18.00")]),
            (280, [(60, "Call bundle 100 min"), (590, "2"), (800, "4.50"), (940, "9.00")]),
            (330, [(60, "Total charges"), (940, "27.00")]),
        ]
        items = find_line_items([make_page(rows, align={590: R, 800: R, 940: R})], SPEC)
        assert [r[0].value for r in items] == ["Line rental", "Call bundle 100 min"]

    def test_numbers_centred_on_a_three_line_name(self) -> None:
        # each item's numbers on the middle line of its name; items further apart than the
        # lines of one name
        rows = [
            (200, [(60, "Description"), (520, "Qty"), (680, "Price"), (880, "Total")]),
            (240, [(60, "Folding bicycle, 20 inch")]),
            (262, [(60, "wheels, 7 gears,"), (540, "1"), (740, "349.00"), (950, "349.00")]),
            (284, [(60, "dark green")]),
            (320, [(60, "Bicycle lock")]),
            (342, [(60, "steel, 90 cm"), (540, "2"), (740, "15.50"), (950, "31.00")]),
            (364, [(60, "with two keys")]),
            (420, [(600, "Total"), (950, "380.00")]),
        ]
        items = find_line_items([make_page(rows, align={540: R, 740: R, 950: R})], SPEC)
        assert [r[0].value for r in items] == [
            "Folding bicycle, 20 inch wheels, 7 gears, dark green",
            "Bicycle lock steel, 90 cm with two keys",
        ]
        assert all("multi_line" in r[0].review_reasons for r in items)

    def test_numbers_on_the_last_line_of_each_name(self) -> None:
        rows = [
            (200, [(60, "Description"), (520, "Qty"), (680, "Price"), (880, "Total")]),
            (240, [(60, "Garden hose reel")]),
            (262, [(60, "with 25 m hose"), (540, "1"), (740, "42.00"), (950, "42.00")]),
            (300, [(60, "Spray nozzle")]),
            (322, [(60, "brass, adjustable"), (540, "2"), (740, "6.50"), (950, "13.00")]),
            (380, [(600, "Total"), (950, "55.00")]),
        ]
        items = find_line_items([make_page(rows, align={540: R, 740: R, 950: R})], SPEC)
        assert [r[0].value for r in items] == [
            "Garden hose reel with 25 m hose", "Spray nozzle brass, adjustable"]
