"""Notes under an item, and names cut from ``Name: note`` (synthetic pages)."""

from __future__ import annotations

from spaceocr.core.extract.tables import find_line_items
from tests.core.extract.table_pages import (
    SPEC,
    R,
    cells,
    make_page,
    merge_pages,
)


class TestNotes:
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
