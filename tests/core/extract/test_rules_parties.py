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


DE_LETTER_TAIL = [
    (560, [(60, "Rechnung Nr. RE-2024-0815"), (760, "03.06.2024")]),
    (620, [(60, "Beratung"), (760, "100,00 €")]),
    (660, [(60, "Nettobetrag"), (760, "100,00 €")]),
    (690, [(60, "MwSt. 19 %"), (760, "19,00 €")]),
    (720, [(60, "Gesamtbetrag"), (760, "119,00 €")]),
]


def test_the_addressee_in_a_german_letters_window_with_its_courtesy_title() -> None:
    rows = [
        (100, [(60, "Nordlicht Beratung und")]),
        (122, [(60, "Service Kiel eG")]),
        (175, [(60, "Herrn")]),
        (197, [(60, "Jonas Beispielmann")]),
        (219, [(60, "Lindenweg 7")]),
        (241, [(60, "24103 Kiel")]),
        (300, [(60, "Geschäftsstelle Süd")]),
        (322, [(60, "Hafenstraße 3")]),
        (344, [(60, "24105 Kiel")]),
        (366, [(60, "Tel.: 0431 123456")]),
        *DE_LETTER_TAIL,
    ]
    ex, grounded = _run([make_page(rows)], "invoice")
    customer = _field(ex, "customer_name")
    assert customer.value == "Herrn Jonas Beispielmann"
    assert "position_guess" in customer.review_reasons
    assert grounded["customer_name"].review_reasons
    vendor = _field(ex, "vendor_name")
    assert vendor.value == "Nordlicht Beratung und Service Kiel eG"


def test_a_return_address_line_is_not_the_addressee() -> None:
    rows = [
        (90, [(600, "Muster Werkzeuge GmbH")]),
        (112, [(600, "Am Hang 12")]),
        (134, [(600, "53111 Bonn")]),
        (156, [(600, "Tel. 0228 445566")]),
        (200, [(60, "Muster Werkzeuge GmbH • Am Hang 12 • 53111 Bonn")]),
        (222, [(60, "Lena Probst")]),
        (244, [(60, "Birkenallee 5a")]),
        (266, [(60, "50667 Köln")]),
        *DE_LETTER_TAIL,
    ]
    ex, _ = _run([make_page(rows, sizes={
        "Muster Werkzeuge GmbH • Am Hang 12 • 53111 Bonn": 12.0})], "invoice")
    v = _values(ex)
    assert v["customer_name"] == "Lena Probst"
    assert v["vendor_name"] == "Muster Werkzeuge GmbH"


def test_a_delivery_block_with_contacts_is_passed_over_for_the_billing_window() -> None:
    rows = [
        (50, [(180, "Le Petit Four SARL - 8 rue des Lilas - 69001 Lyon - France")]),
        (70, [(190, "+33 4 11 22 33 44 - http://www.example.fr")]),
        (140, [(60, "Adresse de livraison")]),
        (175, [(60, "Gîte des Pins"), (550, "Gîte des Pins")]),
        (197, [(60, "3 chemin du Lac"), (550, "Claire Exemple")]),
        (219, [(60, "74000 Annecy"), (550, "3 chemin du Lac")]),
        (241, [(60, "+33 4 99 88 77 66"), (550, "74000 Annecy")]),
        (560, [(60, "Facture FA-2024-0042"), (760, "03/06/2024")]),
        (620, [(60, "Total HT"), (760, "100,00 €")]),
        (650, [(60, "TVA 20 %"), (760, "20,00 €")]),
        (680, [(60, "Total TTC"), (760, "120,00 €")]),
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    v = _values(ex)
    customer = _field(ex, "customer_name")
    assert customer.value == "Gîte des Pins"
    assert customer.hint is not None
    x = make_page(rows).chars[customer.hint.char_indices[0]].quad.tl.x
    assert x > 0.5  # the billing window, not the delivery block
    assert v["vendor_name"] == "Le Petit Four SARL"


def test_an_address_block_with_a_phone_is_a_letterhead_not_a_window() -> None:
    rows = [
        (100, [(60, "Jonas Beispielmann")]),
        (122, [(60, "Lindenweg 7")]),
        (144, [(60, "24103 Kiel")]),
        (166, [(60, "Telefon 0431 123456")]),
        *DE_LETTER_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    assert "customer_name" not in _values(ex)


def test_a_gross_amount_including_tax_is_not_the_tax() -> None:
    rows = [
        (80, [(60, "Beispiel Versicherung AG")]),
        (102, [(60, "Am Markt 1")]),
        (124, [(60, "12345 Musterstadt")]),
        (300, [(60, "Beitragsrechnung Nr. 4711"), (760, "03.06.2024")]),
        (400, [(60, "Jahresbeitrag inklusive 19 % Versicherungsteuer"), (760, "119,00 €")]),
        (430, [(60, "darin enthaltene Versicherungsteuer"), (760, "(19,00 €)")]),
        (460, [(60, "zu zahlender Beitrag"), (760, "119,00 €")]),
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex)["tax"] == "19,00 €"


def test_a_receipt_line_opening_with_incl_rate_gives_the_tax() -> None:
    rows = [
        (80, [(200, "Bäckerei Beispiel")]),
        (110, [(200, "Hauptstraße 1, 12345 Musterstadt")]),
        (200, [(60, "Brötchen"), (800, "3,00")]),
        (240, [(60, "SUMME EUR"), (800, "3,00")]),
        (270, [(60, "inkl. 7 % MwSt"), (800, "0,20")]),
        (300, [(60, "Datum: 03.06.2024")]),
    ]
    ex, _ = _run([make_page(rows)], "receipt")
    assert _values(ex).get("tax") == "0,20"


def _with_terms(*terms: str) -> list[tuple[float, list[tuple[float, str]]]]:
    rows: list[tuple[float, list[tuple[float, str]]]] = [
        (80, [(60, "Beispiel Handel GmbH")]),
        (120, [(60, "Rechnungsnummer:"), (300, "RE-4711")]),
        (150, [(60, "Rechnungsdatum:"), (300, "03.02.2025")]),
        (300, [(60, "Gesamtbetrag"), (700, "119,00 €")]),
    ]
    rows += [(400 + 22 * k, [(60, t)]) for k, t in enumerate(terms)]
    return rows


def test_a_sepa_prenotification_gives_the_debit_date_as_due_date() -> None:
    rows = _with_terms("Der Betrag von EUR 119,00 wird am 17.02.2025 von Ihrem Konto",
                       "mit IBAN DE00 0000 0000 0000 0000 00 per SEPA-Lastschrift eingezogen.")
    ex, _ = _run([make_page(rows)], "invoice")
    due = _field(ex, "due_date")
    assert (due.value, due.normalized) == ("17.02.2025", "2025-02-17")
    assert "no_label" in due.review_reasons


def test_payment_terms_in_a_sentence_give_the_due_date() -> None:
    for terms, iso in (
        (("Zahlbar ohne Abzug bis zum 28.02.2025.",), "2025-02-28"),
        (("The amount will be debited from your account on 01.03.2025.",), "2025-03-01"),
        (("Le montant sera prélevé sur votre compte le 05.03.2025.",), "2025-03-05"),
    ):
        ex, _ = _run([make_page(_with_terms(*terms))], "invoice")
        assert _field(ex, "due_date").normalized == iso, terms


def test_a_date_in_other_words_is_no_due_date() -> None:
    rows = _with_terms("Die Ware wird am 17.02.2025 geliefert.")
    ex, _ = _run([make_page(rows)], "invoice")
    assert "due_date" not in _values(ex)


def test_a_repaired_legal_form_keeps_the_print_and_needs_review() -> None:
    rows = [
        (120, [(200, "77 MINI MARKET 5/B")]),
        (150, [(200, "NO. 8, JALAN MAJU 2")]),
        (175, [(200, "47000 KOTA DAMAI")]),
        *RECEIPT_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "receipt")
    name = _field(ex, "merchant_name")
    assert (name.value, name.printed) == ("77 MINI MARKET S/B", "77 MINI MARKET 5/B")
    assert "repaired:legal_form" in name.review_reasons


def test_the_country_under_a_customers_address_is_not_the_issuer() -> None:
    rows = [
        (100, [(60, "Client :")]),
        (125, [(60, "Gîte des Pins")]),
        (147, [(60, "3 chemin du Lac")]),
        (169, [(60, "74000 Annecy")]),
        (191, [(60, "France")]),
        (213, [(60, "+33 4 99 88 77 66")]),
        (560, [(60, "Facture FA-2024-0042"), (760, "03/06/2024")]),
        (620, [(60, "Total HT"), (760, "100,00 €")]),
        (650, [(60, "TVA 20 %"), (760, "20,00 €")]),
        (680, [(60, "Total TTC"), (760, "120,00 €")]),
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert v["customer_name"] == "Gîte des Pins"
    assert v.get("vendor_name") != "France"


def test_a_labelled_legal_name_on_two_lines_is_read_whole() -> None:
    rows = [
        (80, [(60, "Rechnungsersteller")]),
        (105, [(60, "Nordsee Versicherungsverein")]),
        (127, [(60, "Husum a.G.")]),
        (149, [(60, "Deichweg 4")]),
        (171, [(60, "25813 Husum")]),
        *DE_LETTER_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex)["vendor_name"] == "Nordsee Versicherungsverein Husum a.G."


def test_the_marked_window_wins_over_a_senders_block_without_contacts() -> None:
    rows = [
        (90, [(600, "Muster Werkzeuge GmbH")]),
        (112, [(600, "Am Hang 12")]),
        (134, [(600, "53111 Bonn")]),
        (200, [(60, "Muster Werkzeuge GmbH • Am Hang 12 • 53111 Bonn")]),
        (222, [(60, "Lena Probst")]),
        (244, [(60, "Birkenallee 5a")]),
        (266, [(60, "50667 Köln")]),
        *DE_LETTER_TAIL,
        (900, [(60, "Muster Werkzeuge GmbH, Geschäftsführer: Max Beispiel")]),
    ]
    ex, _ = _run([make_page(rows, sizes={
        "Muster Werkzeuge GmbH • Am Hang 12 • 53111 Bonn": 12.0})], "invoice")
    assert _values(ex)["customer_name"] == "Lena Probst"


def test_a_courtesy_title_under_a_label_takes_the_name_under_it() -> None:
    rows = [
        (80, [(60, "Beispiel Handel GmbH")]),
        (102, [(60, "Tel. 030 123456")]),
        (160, [(60, "Rechnungsempfänger")]),
        (185, [(60, "Frau")]),
        (207, [(60, "Erika Beispiel")]),
        (229, [(60, "Lindenweg 7")]),
        (251, [(60, "24103 Kiel")]),
        *DE_LETTER_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex)["customer_name"] == "Frau Erika Beispiel"


def test_a_logo_in_big_print_gives_way_to_the_company_line_but_a_plain_name_stays() -> None:
    tail = [
        (200, [(200, "Brewly Trading Sdn Bhd")]),
        (230, [(200, "12, Jalan Contoh 3/4,")]),
        (255, [(200, "45000 Bandar Baru")]),
        *RECEIPT_TAIL,
    ]
    big = [(120, [(250, "Kopi Brewly")]), *tail]
    ex, _ = _run([make_page(big, sizes={"Kopi Brewly": 45.0})], "receipt")
    assert _values(ex)["merchant_name"] == "Brewly Trading Sdn Bhd"
    ex, _ = _run([make_page(big)], "receipt")
    assert _values(ex)["merchant_name"] == "Kopi Brewly"
    note = [(120, [(250, "GLOWBEAUTY")]), (150, [(250, "(GLOW SHOP (12345))")]),
            *tail[1:]]
    ex, _ = _run([make_page(note)], "receipt")
    assert _values(ex)["merchant_name"] == "GLOWBEAUTY"


def test_an_addressee_company_on_two_lines_in_the_window() -> None:
    rows = [
        (90, [(600, "Beispiel Handel GmbH")]),
        (112, [(600, "Tel. 030 123456")]),
        (200, [(60, "Beispiel Handel GmbH · Ringstr. 1 · 10115 Berlin")]),
        (222, [(60, "Ostsee Reederei und")]),
        (244, [(60, "Touristik Rostock GmbH")]),
        (266, [(60, "Am Kai 9")]),
        (288, [(60, "18055 Rostock")]),
        *DE_LETTER_TAIL,
    ]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex)["customer_name"] == "Ostsee Reederei und Touristik Rostock GmbH"
