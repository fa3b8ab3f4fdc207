"""Amounts read as numbers and dates as ISO dates, whatever the printed form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spaceocr.core.store.normalize import parse_amount, parse_date, sortable_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¥1,234", "1234"),
        ("1.234,56 €", "1234.56"),
        ("1,234.56", "1234.56"),
        ("$ 12.50", "12.50"),
        ("USD 12.50", "12.50"),
        ("12,50", "12.50"),
        ("1 234,56", "1234.56"),
        ("1'234.56", "1234.56"),
        ("１２，３４５円", "12345"),
        ("₩12,000", "12000"),
        ("12,000원", "12000"),
        ("¥1,234,567", "1234567"),
        ("1.234.567", "1234567"),
        ("-1,234", "-1234"),
        ("−500", "-500"),
        ("(1,234)", "-1234"),
        ("▲1,234", "-1234"),
        ("1,234-", "-1234"),
        ("+1,000", "1000"),
        ("3", "3"),
        ("0.5 kg", "0.5"),
        ("USD12.50", "12.50"),
        ("12kg", "12"),
    ],
)
def test_parse_amount_reads_printed_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "12 3", "1,23,4", "1..2", "12-34", "INV-001", "No12", "2026/05/18", None]
)
def test_parse_amount_refuses_what_is_not_one_number(text: str | None) -> None:
    assert parse_amount(text) is None


def test_sortable_number_prefers_the_extractors_plain_decimal() -> None:
    assert sortable_number("¥1.234", "1234") == 1234.0
    assert sortable_number("¥1,234", None) == 1234.0
    assert sortable_number("n/a", None) is None


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-18",
        "2026/5/18",
        "2026.05.18",
        "2026年5月18日",
        "2026年5月18日(月)",
        "２０２６年５月１８日",
        "令和8年5月18日",
        "R8.5.18",
        "2026년 5월 18일",
        "18.05.2026",
        "18/05/2026",
        "05/18/2026",
        "May 18, 2026",
        "18 May 2026",
        "20260518",
        "2026-05-18T10:30:00",
    ],
)
def test_parse_date_reads_printed_dates(text: str) -> None:
    assert parse_date(text) == "2026-05-18"


def test_parse_date_reads_eras_and_first_years() -> None:
    assert parse_date("令和元年5月1日") == "2019-05-01"
    assert parse_date("平成31年4月30日") == "2019-04-30"


def test_parse_date_reads_ambiguous_numeric_dates_by_separator() -> None:
    assert parse_date("05.06.2026") == "2026-06-05"  # European: day first
    assert parse_date("05/06/2026") == "2026-05-06"  # US: month first


@pytest.mark.parametrize("text", ["2026-02-30", "hello", "13/13/2026", "", "¥1,234", None])
def test_parse_date_refuses_non_dates(text: str | None) -> None:
    assert parse_date(text) is None
