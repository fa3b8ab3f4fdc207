"""Table vocabulary: numbers, quantities, totals labels, notes, languages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spaceocr.core.extract.tables_vocab import (
    detect_language,
    is_note_line,
    is_total_label,
    number_span,
    parse_number,
    split_quantity,
)


class TestVocab:
    @pytest.mark.parametrize(
        ("text", "want"),
        [
            ("¥1,120", "1120"), ("￥１，２３０", "1230"), ("350円", "350"), ("$16.48", "16.48"),
            ("2.318,40", "2318.40"), ("358,12", "358.12"), ("0,0480", "0.0480"),
            ("-5,00", "-5.00"), ("97. 09", "97.09"), ("10 0,04", "100.04"),
            ("€ 389,00", "389.00"), ("¥33,880-", "33880"), ("1,234.56", "1234.56"),
            ("-€ 20,00", "-20.00"), ("−$5.00", "-5.00"),
        ],
    )
    def test_parse_number(self, text: str, want: str) -> None:
        assert parse_number(text) == Decimal(want)

    @pytest.mark.parametrize("text", ["", "abc", "1/2", "12:30", "T1234-5", "6.2.1"])
    def test_not_numbers(self, text: str) -> None:
        assert parse_number(text) is None

    def test_decimal_comma_convention(self) -> None:
        assert parse_number("1.000", decimal_comma=True) == Decimal(1000)
        assert parse_number("1.000") == Decimal("1.000")

    @pytest.mark.parametrize(
        ("text", "want"),
        [("Rs. 299.00", "299.00"), ("INR 1,499.00", "1499.00"), ("₹327.00", "327.00"),
         ("12.50 EUR", "12.50"), ("CHF 40.00", "40.00"), ("18.00 GBP", "18.00")],
    )
    def test_amount_with_a_currency_code_or_abbreviation(self, text: str, want: str) -> None:
        span = number_span(text)
        assert span is not None
        assert parse_number(text[span[0]:span[1]]) == Decimal(want)
        assert parse_number(text) == Decimal(want)

    @pytest.mark.parametrize("text", ["Mrs 5", "Class 10", "Pens 2.00", "Rsx 4.00"])
    def test_words_that_are_not_currencies_keep_a_cell_from_being_a_number(
        self, text: str
    ) -> None:
        assert number_span(text) is None

    def test_a_minus_before_the_currency_sign_stays_in_the_number(self) -> None:
        assert number_span("-€ 20,00") == (0, 8)

    def test_number_span_tolerates_a_stray_mark(self) -> None:
        assert number_span("부2,150|") == (1, 6)
        assert number_span("Reg 5 #478") is None
        assert number_span("(税込) ¥1,943,210") is None

    def test_split_quantity(self) -> None:
        assert split_quantity("2個") == ((0, 1), None)
        t = "3 x @¥160"
        q, p = split_quantity(t)  # type: ignore[misc]
        assert t[q[0]:q[1]] == "3" and p is not None and t[p[0]:p[1]] == "¥160"
        # "1개" misread "17H": the prefix whose product is the amount wins
        t = "17H× 6,320"
        sp = split_quantity(t, amount=Decimal(6320))
        assert sp is not None and t[sp[0][0]:sp[0][1]] == "1"
        assert split_quantity("Widget") is None
        assert split_quantity("x4") == ((1, 2), None)
        assert split_quantity("X5") is None  # a model name, not five of a thing

    @pytest.mark.parametrize(
        "text", ["小計", "合 计", "Subtotal:", "消費税(10%)", "TOTAL", "합계", "Zwischensumme",
                 "Total TTC", "Totaal", "Total charges", "Total for this period",
                 "Total current charges", "Total invoice value", "Item Count 3",
                 "Rounding Adjustment", "No. of items: 4"],
    )
    def test_total_labels(self, text: str) -> None:
        assert is_total_label(text)

    @pytest.mark.parametrize("text", ["Total care kit", "合同会社", "Subscription",
                                      "Tax invoice", "TAX INVOICE / CREDIT NOTE"])
    def test_not_total_labels(self, text: str) -> None:
        assert not is_total_label(text)

    @pytest.mark.parametrize(
        ("text", "want"),
        [
            ("Abrechnungszeitraum KW 36", True), ("Lieferdatum 03.02.2027", True),
            ("Billing period 01.03.-31.03.", True), ("Order no. 4711", True),
            ("Period costume rental", False), ("Periodic check 2x", False),
            ("Seriennummern-Etiketten 100 Stk.", False),
            ("Jan 1 – Feb 1, 2027", True), ("01.09.2027 - 30.09.2027", True),
            ("1. März 2027 bis 31. März 2027", True), ("12.50", False), ("10 Stk", False),
            ("Sept 2027 cleaning", False),
        ],
    )
    def test_note_lines(self, text: str, want: bool) -> None:
        assert is_note_line(text) is want

    def test_detect_language(self) -> None:
        assert detect_language("請求書 ボールペン 数量") == "ja"
        assert detect_language("영수증 합계 결제") == "ko"
        assert detect_language("电子发票 项目名称 数量 单价 金额") == "zh-Hans"
        assert detect_language("電子發票 項目名稱 數量 單價 金額") == "zh-Hant"
        assert detect_language("Rechnung Menge Betrag Gesamt") == "de"
        assert detect_language("Facture Montant Quantité") == "fr"
        assert detect_language("Factuur Bedrag Aantal") == "nl"
        assert detect_language("Invoice Amount Quantity") == "en"
        # a few misread Hangul on a Chinese page do not make it Korean
        assert detect_language("电子发票 项目名称 数量 单价 金额 税额 합계 피터") == "zh-Hans"
