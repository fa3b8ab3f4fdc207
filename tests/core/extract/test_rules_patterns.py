"""Typed patterns and check digits of the local extractor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spaceocr.core.extract.patterns import (
    find_amounts,
    find_dates,
    find_emails,
    find_phones,
    find_times,
    parse_amount,
    valid_cn_credit_code,
    valid_t_number,
)


def _amounts(text: str, **kw: bool) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.normalized) for f in find_amounts(text, **kw)]


@pytest.mark.parametrize(("text", "want"), [
    ("合計 ¥1,184,275", [("¥1,184,275", "1184275")]),
    ("小計 1,700円", [("1,700円", "1700")]),
    ("￥１２３，４５６", [("￥１２３，４５６", "123456")]),
    ("합계 ₩62,430", [("₩62,430", "62430")]),
    ("Total 2.117,43 €", [("2.117,43 €", "2117.43")]),
    ("Tax 6.25% $1.05", [("$1.05", "1.05")]),
    ("金額 ¥33,880-", [("¥33,880", "33880")]),
    ("Total -8,79", [("-8,79", "-8.79")]),
    ("TOTAL RM 6.40", [("6.40", "6.40")]),
    ("Total RM4.30", [("RM4.30", "4.30")]),  # a code glued to the number is printed with it
    ("Due USD12.00", [("USD12.00", "12.00")]),
])
def test_amounts_as_printed_with_plain_decimals(text: str, want: list[tuple[str, str]]) -> None:
    assert _amounts(text) == want


def test_letter_spaced_amounts_are_one_number_only_when_proved() -> None:
    assert _amounts("ご請求金額 ￥ 1 2 3，4 5 6 (税込)") == [("￥ 1 2 3，4 5 6", "123456")]
    assert _amounts("Total $ 1 , 2 3 4 . 5 6") == [("$ 1 , 2 3 4 . 5 6", "1234.56")]
    assert _amounts("合計 ¥ 5 6 7 8") == [("¥ 5 6 7 8", "5678")]
    # quantities and prices side by side stay apart
    assert _amounts("1 2 3,000") == [("1", "1"), ("2", "2"), ("3,000", "3000")]
    assert _amounts("1 2 3 4 5") == [(d, d) for d in "12345"]
    assert _amounts("2 ￥12,340 ￥24,680") == [("2", "2"), ("￥12,340", "12340"),
                                              ("￥24,680", "24680")]


def test_comma_decimal_languages() -> None:
    assert parse_amount("1.590", comma_decimal=True) == Decimal("1590")
    assert parse_amount("531,06") == Decimal("531.06")
    assert parse_amount("1,284.37") == Decimal("1284.37")


@pytest.mark.parametrize(("text", "iso"), [
    ("令和6年9月4日(木)", "2024-09-04"),
    ("平成31年4月30日", "2019-04-30"),
    ("2026年04月28日", "2026-04-28"),
    ("２０２６年６月１２日", "2026-06-12"),
    ("2027년 8월 17일", "2027-08-17"),
    ("Date: May 29, 2026 15:39", "2026-05-29"),
    ("22 Dec 2027", "2027-12-22"),
    ("18. März 2014", "2014-03-18"),
    ("09 Juillet 2015", "2015-07-09"),
    ("20.08.2025", "2025-08-20"),
    ("2026.06.13(토)", "2026-06-13"),
    ("ORD #12 -REG #7-05/11/202414:20:31", "2024-11-05"),
])
def test_dates(text: str, iso: str) -> None:
    found = find_dates(text)
    assert found and found[0].normalized == iso and found[0].valid


def test_a_day_that_does_not_exist_is_flagged() -> None:
    found = find_dates("2025-02-30")
    assert found and not found[0].valid and found[0].normalized is None


def test_us_dates_when_asked() -> None:
    assert find_dates("01/02/2027", month_first=True)[0].normalized == "2027-01-02"
    assert find_dates("01/25/2027")[0].normalized == "2027-01-25"


def test_times_phones_emails() -> None:
    assert [f.normalized for f in find_times("21:55 and 8:20 PM")] == ["21:55", "20:20"]
    text = "TEL 03-4412-9051 / +1 (415) 555-0182 / 〒282-2439"
    phones = [text[f.start : f.end] for f in find_phones(text)]
    assert "03-4412-9051" in phones and "+1 (415) 555-0182" in phones
    assert [f.normalized for f in find_emails("E-mail: Shota.W@example.co.jp")] == [
        "shota.w@example.co.jp"
    ]


def test_check_digits() -> None:
    assert valid_t_number("T7000012050002")
    assert not valid_t_number("T7000012050003")
    assert not valid_t_number("T700001205000")
    assert valid_cn_credit_code("91350100M000100Y43")
    assert not valid_cn_credit_code("91350100M000100Y44")
