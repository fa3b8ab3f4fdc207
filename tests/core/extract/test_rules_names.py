"""What a misread name looks like, and putting a misread legal form right."""

from __future__ import annotations

from spaceocr.core.extract.rules_names import repair_legal_form, suspect_name


def test_names_that_read_like_ocr_slips_need_review() -> None:
    for slip in ("Rosa Bakery CafE", "Northwind Trading LLc", "Kedai Makan Sdn Bnd",
                 "77 MINI MARKET 5/B", "Thank you for your visit"):
        assert suspect_name(slip, "en") is not None, slip
    assert suspect_name("Pelangi Bäkery Sdn Bhd", "en", "Pelangi Bäkery Sdn Bhd\nTotal 9.00")
    page = "Weber & Söhne GmbH\nKönigsallee 4"
    for name in ("O'Brien's", "McAllister Consulting LLC", "BEISPIEL GMBH",
                 "Weber & Söhne GmbH", "77 MINI MARKET S/B", "iRepair Store", "Acme Co."):
        assert suspect_name(name, "en", page) is None, name


def test_a_place_name_that_looks_like_a_legal_form_is_not_a_slip() -> None:
    assert suspect_name("Bad Homburg Bäder GmbH", "de") is None


def test_a_legal_form_one_confusable_character_off_is_put_right() -> None:
    assert repair_legal_form("77 MINI MARKET 5/B") == "77 MINI MARKET S/B"
    assert repair_legal_form("Kedai Makan Sdn Ehd") == "Kedai Makan Sdn Bhd"
    assert repair_legal_form("Kedai Makan Sdn Bnd") == "Kedai Makan Sdn Bhd"
    assert repair_legal_form("Beispiel 6mbH") == "Beispiel GmbH"
    for fine in ("Kedai Makan Sdn Bhd", "77 MINI MARKET S/B", "Acme GmbH", "Rosa Bakery",
                 "Kedai Sdn Bxd"):
        assert repair_legal_form(fine) is None, fine
