"""Parties and header fields of the rule extractor on pages built here: a receipt's merchant
under a greeting or a logo word and the lines of its address; an invoice's addressee in the
address window, an issuer whose legal name runs over two lines or heads a letterhead line, a
gross amount "including tax" that is not the tax, and a due date said in a sentence.
Every name, number and address here is made up."""

from __future__ import annotations

from tests.core.extract.test_rules import _field, _run, _values, make_page

RECEIPT_TAIL = [
    (480, [(60, "Date:"), (200, "12/03/2024")]),
    (520, [(60, "Kopi Susu"), (800, "6.50")]),
    (550, [(60, "Roti Bakar"), (800, "4.00")]),
    (600, [(60, "TOTAL"), (800, "10.50")]),
]


def test_a_greeting_at_the_top_of_a_receipt_is_not_the_merchant() -> None:
    rows = [
        (60, [(100, "Your queue number is")]),
        (100, [(380, "1234")]),
        (180, [(200, "Kedai Kopi Lestari")]),
        (210, [(200, "8, Jalan Contoh 3/4,")]),
        (235, [(200, "45000 Bandar Rekaan")]),
        (270, [(200, "Tel: 03-1234 5678")]),
        *RECEIPT_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "receipt")
    assert _values(ex)["merchant_name"] == "Kedai Kopi Lestari"


def test_a_logo_word_gives_way_to_the_company_line_under_it() -> None:
    rows = [
        (120, [(300, "brewly")]),
        (200, [(200, "Brewly Kopi Trading Sdn Bhd")]),
        (230, [(200, "12, Jalan Contoh 3/4,")]),
        (255, [(200, "Taman Rekaan,")]),
        (280, [(200, "45000 Bandar Baru")]),
        (305, [(200, "Selangor, Malaysia")]),
        (400, [(300, "TAX INVOICE")]),
        *RECEIPT_TAIL,
    ]
    ex, _ = _run([make_page(rows, sizes={"brewly": 50.0})], "receipt")
    name = _field(ex, "merchant_name")
    assert name.value == "Brewly Kopi Trading Sdn Bhd"
    assert name.review_reasons  # the brand or the company: the reader decides
    addr = _field(ex, "merchant_address").value
    assert addr == "12, Jalan Contoh 3/4, Taman Rekaan, 45000 Bandar Baru Selangor, Malaysia"


def test_a_logo_word_over_an_address_stays_the_merchant() -> None:
    rows = [
        (120, [(200, "BREWLYKOPISHOP")]),
        (160, [(200, "NO. 8, JALAN MAJU 2")]),
        (185, [(200, "47000 KOTA DAMAI")]),
        (220, [(200, "Tel: 03-1234 5678")]),
        (280, [(200, "Owned by: Brewly Holdings Sdn Bhd")]),
        *RECEIPT_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "receipt")
    assert _values(ex)["merchant_name"] == "BREWLYKOPISHOP"


def test_a_postcode_with_its_town_is_part_of_the_address_not_a_company_number() -> None:
    rows = [
        (120, [(200, "KEDAI MAJU JAYA")]),
        (150, [(200, "(123456-X)")]),
        (180, [(200, "NO. 8, JALAN MAJU 2")]),
        (205, [(200, "47000 KOTA DAMAI")]),
        (230, [(200, "0042-TAMAN INDAH")]),
        (270, [(200, "Tel: 03-1234 5678")]),
        *RECEIPT_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "receipt")
    v = _values(ex)
    assert v["merchant_name"] == "KEDAI MAJU JAYA"
    assert v["merchant_address"] == "NO. 8, JALAN MAJU 2 47000 KOTA DAMAI 0042-TAMAN INDAH"
