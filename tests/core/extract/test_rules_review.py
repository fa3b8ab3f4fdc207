"""Round-2 behaviours of the rule extractor on pages built here: labels that are part of an
identifier, review reasons that keep wrong values from counting as confident, repairs that
arithmetic proves. Every name, number and address here is made up."""

from __future__ import annotations

from spaceocr.core.types import ExtractedField
from tests.core.extract.test_rules import EN_INVOICE, _field, _run, _values, make_page


def test_a_label_word_inside_an_identifier_is_not_a_label() -> None:
    rows = [(80, [(60, "Brightwater Supply Co."), (700, "INVOICE")]),
            (110, [(700, "# inv_number_7")]),
            *(r for r in EN_INVOICE if r[0] >= 330)]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex).get("invoice_number") in (None, "inv_number_7")
    assert _values(ex).get("invoice_number") != "number_7"


DE_TOTALS = [
    (80, [(60, "RECHNUNG")]),
    (120, [(60, "Rechnungsnummer:"), (300, "RE-4711")]),
    (150, [(60, "Rechnungsdatum:"), (300, "03.02.2025")]),
    (600, [(60, "Nettobetrag"), (300, "MwSt-Betrag"), (500, "MwSt-%"), (700, "Endbetrag")]),
    (630, [(60, "100,00"), (300, "19,00"), (500, "19,0"), (700, "119,00")]),
    (650, [(60, "50,00"), (300, "3,50"), (500, "7,0"), (700, "53,50")]),
    (674, [(60, "150,00"), (300, "22,50"), (500, "EUR"), (700, "172,50")]),
    (720, [(60, "Amtsgericht Beispielstadt HRB 111222")]),
]


def test_a_totals_block_per_tax_rate_gives_the_row_that_adds_them_up() -> None:
    ex, grounded = _run([make_page(DE_TOTALS)], "invoice")
    v = _values(ex)
    assert (v["subtotal"], v["tax"], v["total"]) == ("150,00", "22,50", "172,50")
    for name in ("subtotal", "tax", "total"):
        assert not grounded[name].review_reasons


def test_several_amounts_under_a_label_without_a_sum_need_review() -> None:
    rows = [r for r in DE_TOTALS if r[0] != 674]
    ex, _ = _run([make_page(rows)], "invoice")
    total = _field(ex, "total")
    assert total.value == "119,00"
    assert "more_values_below" in total.review_reasons


def test_a_receipt_headed_by_a_sentence_has_its_merchant_under_review() -> None:
    rows = [(60, [(300, "Thank you for your visit")]), (90, [(300, "4321")]),
            (130, [(300, "Tealeaf Kiosk Enterprise")]), (170, [(60, "Total"), (800, "6.30")])]
    _, grounded = _run([make_page(rows)], "receipt")
    name = grounded.get("merchant_name")
    assert name is None or name.value != "Thank you for your visit" or name.review_reasons


def _cells(*spec: tuple[str, str]) -> tuple[ExtractedField, ...]:
    return tuple(ExtractedField(n, v, normalized=v.replace(" ", "")) for n, v in spec)


def test_a_lost_decimal_point_is_restored_where_the_column_format_proves_it() -> None:
    from spaceocr.core.extract.checks import repair_decimal_points

    rows = (
        _cells(("quantity", "1"), ("unit_price", "2 48 0 15"), ("amount", "2 48 0 15")),
        _cells(("quantity", "4"), ("unit_price", "1150 .25"), ("amount", "4601.00")),
    )
    fixed = repair_decimal_points(rows)
    first = {c.name: c for c in fixed[0]}
    assert (first["unit_price"].value, first["amount"].value) == ("2480.15", "2480.15")
    assert first["amount"].printed == "2 48 0 15"
    assert "repaired:decimal_point" in first["amount"].review_reasons
    assert fixed[1] == rows[1]


def test_a_lost_decimal_point_is_restored_by_arithmetic_or_left_for_review() -> None:
    from spaceocr.core.extract.checks import repair_decimal_points

    by_product = repair_decimal_points((
        _cells(("quantity", "2"), ("unit_price", "6 17"), ("amount", "12 34")),
    ))
    assert (by_product[0][1].value, by_product[0][2].value) == ("6.17", "12.34")
    # no proof: flagged, not changed; thousands groups are not a lost point
    unproved = repair_decimal_points((_cells(("quantity", "1"), ("amount", "12 34")),))
    assert unproved[0][1].value == "12 34"
    assert "irregular_number" in unproved[0][1].review_reasons
    grouped = _cells(("quantity", "2"), ("amount", "1 234 567"))
    assert repair_decimal_points((grouped,)) == (grouped,)


def test_a_fapiao_without_its_buyer_and_seller_marks_reads_left_and_right() -> None:
    rows = [
        (60, [(300, "电子发票（普通发票）"), (700, "发票号码：23017749105528360412")]),
        (100, [(700, "开票日期：2026年10月21日")]),
        (160, [(60, "名称：成都蓝天电子科技有限公司 名称：杭州明远贸易有限公司")]),
        (220, [(60, "纳税人识别号：91350100M000100Y43"),
               (540, "纳税人识别号：91194782MA11C7141X")]),
        (500, [(60, "合 计"), (700, "¥15230.40"), (900, "¥913.82")]),
    ]
    ex, grounded = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert v["customer_name"] == "成都蓝天电子科技有限公司"
    assert v["vendor_name"] == "杭州明远贸易有限公司"
    assert v["customer_tax_id"] == "91350100M000100Y43"
    assert v["registration_number"] == "91194782MA11C7141X"
    assert grounded["vendor_name"].match_ratio == 1.0


def test_a_line_without_an_amount_in_a_priced_table_needs_review() -> None:
    from spaceocr.core.extract.checks import run_checks

    items = {"line_items": (
        _cells(("description", "Widget"), ("quantity", "2"), ("amount", "10.00")),
        _cells(("description", "Gadget"), ("quantity", "1"), ("amount", "5.00")),
        _cells(("description", "Period week"), ("quantity", "41")),
    )}
    run_checks({}, items)
    rows = items["line_items"]
    assert all("line_without_amount" in c.review_reasons for c in rows[2])
    assert not any("line_without_amount" in c.review_reasons for r in rows[:2] for c in r)


def test_an_email_behind_an_icon_read_as_a_capital_needs_review() -> None:
    rows = [(60, [(80, "Northwind Advisory LLC")]), (160, [(80, "Emma Novak")]),
            (220, [(80, "Sales Manager")]), (300, [(80, "Eemma.novak@northwind.example")]),
            (340, [(80, "Tel +1 555 0100")])]
    ex, _ = _run([make_page(rows)], "business_card")
    assert "suspect_reading" in _field(ex, "email").review_reasons
    rows[3] = (300, [(80, "emma.novak@northwind.example")])
    ex, _ = _run([make_page(rows)], "business_card")
    assert not _field(ex, "email").review_reasons


def test_a_receipts_address_block_skips_ids_and_labelled_lines_and_keeps_its_state() -> None:
    rows = [(40, [(200, "Kedai Runcit Maju Sdn Bhd")]), (64, [(300, "(12345-X)")]),
            (88, [(200, "Company no : 7654321-A")]), (112, [(200, "GST Reg no : 000111222333")]),
            (136, [(120, "Level 3, Wisma Maju, Taman Indah")]),
            (160, [(120, "No.8, Jalan Bunga 2/4, 50450 Kuala Lumpur")]), (184, [(300, "Wilayah")]),
            (208, [(200, "Tel 03-1111 2222")]), (300, [(60, "Total"), (800, "6.30")])]
    ex, _ = _run([make_page(rows)], "receipt")
    assert _values(ex)["merchant_address"] == (
        "Level 3, Wisma Maju, Taman Indah No.8, Jalan Bunga 2/4, 50450 Kuala Lumpur Wilayah")
    # a section title after a gap is not part of it
    rows[6] = (230, [(300, "Guest Bill")])
    rows[7] = (260, [(200, "Tel 03-1111 2222")])
    ex, _ = _run([make_page(rows)], "receipt")
    assert _values(ex)["merchant_address"].endswith("50450 Kuala Lumpur")


def test_a_german_invoice_with_seller_and_buyer_columns() -> None:
    rows = [(60, [(60, "Lieferant"), (380, "Käufer"), (650, "RECHNUNG")]),
            (84, [(60, "GLN 4000000000017"), (380, "GLN 4000000000024")]),
            (108, [(60, "ALPENBLICK GMBH"), (380, "TALWEG HANDEL KG"),
                   (650, "Rechnungs-Nr: RE-2291")]),
            (132, [(60, "Bahnhofstrasse 9"), (380, "Kundenweg 8"), (650, "Datum: 16.09.2025")]),
            (600, [(60, "Gesamtbetrag"), (800, "119,00")])]
    ex, _ = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert (v["vendor_name"], v["customer_name"]) == ("ALPENBLICK GMBH", "TALWEG HANDEL KG")


def test_a_number_mark_dropped_from_the_values_own_cell_needs_review() -> None:
    rows = [(r[0], [(x, "# AB_WF20230417") if t == "31-204716" else (x, t) for x, t in r[1]])
            for r in EN_INVOICE]
    rows = [(y, [(x, t) for x, t in cells if t != "Invoice No."]) for y, cells in rows]
    rows.insert(0, (40, [(560, "Invoice No :"), (720, "# AB_WF20230417")]))
    rows = [r for r in rows if r[0] != 300]
    ex, _ = _run([make_page(rows)], "invoice")
    f = _field(ex, "invoice_number")
    assert f.value == "AB_WF20230417"
    assert "prefix_dropped" in f.review_reasons
    ex, _ = _run([make_page(EN_INVOICE)], "invoice")
    assert not _field(ex, "invoice_number").review_reasons


def test_without_a_total_label_the_amount_due_that_adds_up_is_the_total() -> None:
    rows = [r for r in EN_INVOICE if r[0] != 760]
    ex, _ = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert v["total"] == v["amount_due"] == "$2,786.81"
    wrong = [(y, [(x, "$2,999.00") if t == "$2,786.81" else (x, t) for x, t in cells])
             for y, cells in rows]
    assert "total" not in _values(_run([make_page(wrong)], "invoice")[0])


def test_a_total_row_of_net_tax_and_gross_gives_the_gross() -> None:
    rows = [(60, [(60, "Facture n°20231107 du 14 Mars 2024")]),
            (120, [(60, "Client : Atelier Dupuis")]),
            (190, [(60, "Total facture"), (300, "41.50"), (500, "8.30"), (700, "49.80")]),
            (260, [(60, "Somme à payer"), (700, "49.80 €")])]
    ex, _ = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert v["total"] == "49.80"
    assert v["amount_due"] == "49.80 €"
    # two amounts after a total label, nothing adding up: which one is a guess
    rows[2] = (190, [(60, "Total facture"), (300, "41.50"), (700, "49.80")])
    ex, _ = _run([make_page(rows[:3])], "invoice")
    assert "several_amounts" in _field(ex, "total").review_reasons


def test_thousands_commas_read_as_points_are_repaired_with_a_reason() -> None:
    from spaceocr.core.extract.checks import repair_decimal_points
    from spaceocr.core.extract.patterns import find_amounts

    (f,) = find_amounts("Subtotal $4.210.75")
    assert (f.normalized, f.fixed) == ("4210.75", "$4,210.75")
    (g,) = find_amounts("Gesamt 1.234,56 €", comma_decimal=True)
    assert g.fixed is None
    rows = [(r[0], [(x, "$4.210.75") if t == "$2,654.10" else (x, t) for x, t in r[1]])
            for r in EN_INVOICE]
    rows = [(y, [(x, "$4,350.29") if t == "$2,786.81" else (x, t) for x, t in cells])
            for y, cells in rows]
    ex, grounded = _run([make_page(rows)], "invoice")
    sub = _field(ex, "subtotal")
    assert (sub.value, sub.printed, sub.normalized) == ("$4,210.75", "$4.210.75", "4210.75")
    assert "repaired:separator" in sub.review_reasons
    assert grounded["subtotal"].grounding is not None
    (row,) = repair_decimal_points((_cells(("quantity", "2"), ("amount", "$2.105.50")),))
    assert row[1].value == "$2,105.50" and "repaired:separator" in row[1].review_reasons


def test_totals_printed_without_points_or_labels_are_proved_by_the_lines() -> None:
    rows = [
        (60, [(300, "电子发票（普通发票）"), (700, "发票号码：23017749105528360412")]),
        (100, [(700, "开票日期：2026年10月21日")]),
        (300, [(160, "项目名称"), (450, "单位"), (510, "数量"), (600, "单价"), (720, "金额"),
               (800, "税率/征收率"), (900, "税额")]),
        (340, [(40, "*计算机设备*显示器"), (450, "台"), (540, "2"), (620, "4100.50"),
               (740, "8201 00"), (860, "6%"), (930, "492.06")]),
        (380, [(40, "*物流辅助服务*仓储费"), (450, "次"), (540, "1"), (630, "300.25"),
               (750, "300.25"), (860, "6%"), (940, "18.02")]),
        (500, [(60, "+8501 25"), (900, "¥510 08")]),
        (540, [(300, "壹万柒仟肆佰陆拾肆圆肆角捌分"), (700, "¥9011 33")]),
    ]
    ex, grounded = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert (v["subtotal"], v["tax"], v["total"]) == ("8501.25", "¥510.08", "¥9011.33")
    for name in ("subtotal", "tax", "total"):
        assert "repaired:decimal_point" in _field(ex, name).review_reasons
        assert grounded[name].grounding is not None
    # numbers that do not add up to the lines are left alone
    rows[5] = (500, [(60, "+8511 25"), (900, "¥510 08")])
    assert "subtotal" not in _values(_run([make_page(rows)], "invoice")[0])
    # printed (or put back by the OCR) with their points: found the same way, flagged as guesses
    rows[3] = (340, [(40, "*计算机设备*显示器"), (450, "台"), (540, "2"), (620, "4100.50"),
                     (740, "8201.00"), (860, "6%"), (930, "492.06")])
    rows[5] = (500, [(60, "+8501.25"), (900, "¥510.08")])
    rows[6] = (540, [(300, "壹万柒仟肆佰陆拾肆圆肆角捌分"), (700, "¥9011.33")])
    ex, grounded = _run([make_page(rows)], "invoice")
    v = _values(ex)
    assert (v["subtotal"], v["tax"], v["total"]) == ("8501.25", "¥510.08", "¥9011.33")
    for name in ("subtotal", "tax", "total"):
        assert _field(ex, name).review_reasons == ("position_guess",)
        assert grounded[name].grounding is not None


def test_a_yen_or_won_amount_with_a_point_before_three_digits_had_a_comma() -> None:
    from spaceocr.core.extract.checks import repair_decimal_points
    from spaceocr.core.extract.patterns import find_amounts

    assert [f.fixed for f in find_amounts("単価 ￥8.400")] == ["￥8,400"]
    assert [f.fixed for f in find_amounts("₩12.500")] == ["₩12,500"]
    assert [f.fixed for f in find_amounts("$8.40 and 8.400")] == [None, None]
    (row,) = repair_decimal_points((_cells(("quantity", "3"), ("unit_price", "￥8.400"),
                                           ("amount", "￥25,200")),))
    assert row[1].value == "￥8,400" and "repaired:separator" in row[1].review_reasons
    assert row[2].value == "￥25,200" and not row[2].review_reasons


def test_a_number_mark_glued_to_the_number_is_part_of_it() -> None:
    rows = [(y, [(x, "No.20231187") if t == "31-204716" else (x, t) for x, t in cells])
            for y, cells in EN_INVOICE]
    rows = [(y, [(x, "Invaice Nq.") if t == "Invoice No." else (x, t) for x, t in cells])
            for y, cells in rows]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex).get("invoice_number") in (None, "No.20231187")
