"""The --where language: parsing, compiling to parameterised SQL, and querying a real store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spaceocr.core.errors import WhereError
from spaceocr.core.store import Store
from spaceocr.core.store.where import And, Comparison, Not, Or, compile_where, parse_where
from tests.core.store.factory import INVOICE, make_result

DOCS = [
    # file, number, date as printed, vendor, total as printed, items
    ("a.pdf", "A-1", "2026/5/18", "株式会社テスト", "¥1,234", [("りんご", "2", "¥600")]),
    ("b.pdf", "B-2", "令和8年4月1日", "ABC Trading", "¥12,000", [("Widget", "1", "¥12,000")]),
    ("c.pdf", "C-3", "18.06.2026", "한국상사", "1.234,56 €", [("사과", "3", "1.234,56 €")]),
    ("d.pdf", "D-4", "May 2, 2026", "ＡＢＣ商事", "-500", []),
    (
        "e.pdf",
        "E-5",
        "2026-03-31",
        "陈氏贸易",
        "¥9,000",
        [("苹果", "10", "¥4,500"), ("香蕉", "5", "¥4,500")],
    ),
]


@pytest.fixture
def sheet(store: Store) -> Store:
    for name, number, date, vendor, total, items in DOCS:
        result = make_result(
            {"invoice_number": number, "issue_date": date, "vendor_name": vendor, "total": total},
            [{"description": d, "quantity": q, "amount": a} for d, q, a in items],
            file_name=name,
        )
        store.save_result("s", result, template=INVOICE)
    return store


def files(store: Store, where: str | None = None, sort: str | None = None) -> list[str]:
    return [r.file_name for r in store.query("s", where=where, sort=sort)]


# --------------------------------------------------------------------------- parsing
def test_parse_where_binds_not_tighter_than_and_tighter_than_or() -> None:
    node = parse_where("a = 1 or not b = 2 and c = 3")
    assert isinstance(node, Or)
    assert isinstance(node.left, Comparison)
    assert isinstance(node.right, And)
    assert isinstance(node.right.left, Not)


def test_parse_where_takes_parentheses_quotes_and_any_case_keywords() -> None:
    node = parse_where("(a = \"x y\" OR b != 'it\\'s') AND c CONTAINS 株式会社")
    assert isinstance(node, And)
    assert isinstance(node.left, Or)
    assert node.left.left == Comparison("a", "=", "x y", 2, 6)
    assert node.left.right.value == "it's"
    assert node.right.op == "contains"
    assert node.right.value == "株式会社"


@pytest.mark.parametrize(
    ("expr", "column"),
    [
        ("total >", 8),
        ("total 5", 7),
        ("(total > 5", 11),
        ("total > 5 total < 6", 11),
        ("total ! 5", 7),
        ('vendor = "open', 10),
        ("and = 5", 1),
    ],
)
def test_parse_where_names_the_column_of_a_syntax_error(expr: str, column: int) -> None:
    with pytest.raises(WhereError) as err:
        parse_where(expr)
    assert f"column {column}" in str(err.value)
    assert err.value.code == "where_invalid"


def test_parse_where_refuses_empty_long_and_deep_expressions() -> None:
    with pytest.raises(WhereError, match="empty"):
        parse_where("  ")
    with pytest.raises(WhereError, match="longer"):
        parse_where("a = 1 or " * 1000 + "a = 1")
    with pytest.raises(WhereError, match="nested"):
        parse_where("(" * 100 + "a = 1" + ")" * 100)


# --------------------------------------------------------------------------- queries
def test_where_compares_amounts_as_numbers_in_any_printed_form(sheet: Store) -> None:
    assert files(sheet, "total > 1000") == ["a.pdf", "b.pdf", "c.pdf", "e.pdf"]
    assert files(sheet, "total >= ¥9,000") == ["b.pdf", "e.pdf"]
    assert files(sheet, "total = 1234.56") == ["c.pdf"]
    assert files(sheet, "total < 0") == ["d.pdf"]


def test_where_compares_dates_as_dates_whatever_the_printed_form(sheet: Store) -> None:
    assert files(sheet, "issue_date >= 2026-05-01") == ["a.pdf", "c.pdf", "d.pdf"]
    assert files(sheet, "issue_date < 令和8年5月1日") == ["b.pdf", "e.pdf"]
    assert files(sheet, "issue_date = 2026/4/1") == ["b.pdf"]


def test_where_contains_ignores_case_and_width(sheet: Store) -> None:
    assert files(sheet, "vendor_name contains abc") == ["b.pdf", "d.pdf"]
    assert files(sheet, "vendor_name contains 상사") == ["c.pdf"]
    assert files(sheet, 'vendor_name = "abc trading"') == ["b.pdf"]


def test_where_on_a_line_item_column_matches_when_any_item_does(sheet: Store) -> None:
    assert files(sheet, "line_items.amount >= 4500") == ["b.pdf", "e.pdf"]
    assert files(sheet, "line_items.amount > 1000 and line_items.amount < 2000") == ["c.pdf"]
    assert files(sheet, "description contains 香蕉") == ["e.pdf"]
    assert files(sheet, "quantity > 4 and total < 10000") == ["e.pdf"]


def test_where_combines_with_and_or_not_and_parentheses(sheet: Store) -> None:
    expr = "(total > 10000 or vendor_name contains 株式会社) and not issue_date > 2026-05-01"
    assert files(sheet, expr) == ["b.pdf"]
    assert files(sheet, "not (total > 0)") == ["d.pdf"]


def test_where_not_includes_documents_without_the_field(sheet: Store) -> None:
    assert files(sheet, "note contains x") == []
    assert files(sheet, "not note contains x") == [d[0] for d in DOCS]


def test_where_uses_the_documents_own_columns(sheet: Store) -> None:
    assert files(sheet, '_file = "c.pdf" or _id = 1') == ["a.pdf", "c.pdf"]
    assert files(sheet, "_review = 0") == [d[0] for d in DOCS]
    assert len(files(sheet, "_added >= 2020-01-01")) == len(DOCS)


def test_where_refuses_unknown_fields_and_values_of_the_wrong_kind(sheet: Store) -> None:
    with pytest.raises(WhereError, match="no field 'vendor'"):
        sheet.query("s", where="vendor = x")
    with pytest.raises(WhereError, match="compares as a number"):
        sheet.query("s", where="total > lots")
    with pytest.raises(WhereError, match="compares as a date"):
        sheet.query("s", where="issue_date > soon")


def test_sort_orders_amounts_as_numbers_and_dates_as_dates(sheet: Store) -> None:
    assert files(sheet, sort="-total") == ["b.pdf", "e.pdf", "c.pdf", "a.pdf", "d.pdf"]
    assert files(sheet, sort="issue_date") == ["e.pdf", "b.pdf", "d.pdf", "a.pdf", "c.pdf"]
    assert files(sheet, sort="note,-_id") == ["e.pdf", "d.pdf", "c.pdf", "b.pdf", "a.pdf"]


def test_sort_refuses_line_item_columns_and_unknown_fields(sheet: Store) -> None:
    with pytest.raises(WhereError, match="line-item"):
        sheet.query("s", sort="line_items.amount")
    with pytest.raises(WhereError, match="no field"):
        sheet.query("s", sort="-nope")
    with pytest.raises(WhereError, match="not a field name"):
        sheet.query("s", sort="total; DROP TABLE cells")


def test_select_loads_only_the_fields_asked_for(sheet: Store) -> None:
    rows = sheet.query("s", where="_id = 5", select="total,amount")
    assert set(rows[0].cells) == {"total"}
    assert [set(i) for i in rows[0].items["line_items"]] == [{"amount"}, {"amount"}]
    with pytest.raises(WhereError, match="--select"):
        sheet.query("s", select="total,secret")


def test_count_and_windows_page_through_a_query(sheet: Store) -> None:
    assert sheet.count("s", "total > 1000") == 4
    window = sheet.query("s", where="total > 1000", sort="-total", limit=2, offset=1)
    assert [r.file_name for r in window] == ["e.pdf", "c.pdf"]


# --------------------------------------------------------------------------- injection
INJECTIONS = [
    "x' OR '1'='1",
    "'; DROP TABLE cells; --",
    '" OR 1=1 --',
    "1 OR 1=1",
    "1); DELETE FROM results; --",
    "%' UNION SELECT sql FROM sqlite_master --",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_where_values_never_reach_sql_as_code(sheet: Store, store_path: Path, payload: str) -> None:
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert files(sheet, f"vendor_name = {quoted}") == []
    assert files(sheet, f"vendor_name contains {quoted}") == []
    with pytest.raises(WhereError):
        sheet.query("s", where=f"total > {quoted}")
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == len(DOCS)
        assert conn.execute("SELECT count(*) FROM cells").fetchone()[0] > 0
    finally:
        conn.close()


@pytest.mark.parametrize(
    "expr",
    [
        "total > 1; DROP TABLE cells",
        "vendor_name = x) OR (1 = 1",
        "total) OR 1=1 --",
        "vendor_name = x -- comment",
        "sqlite_master = 1",
        "r.id = 1",
    ],
)
def test_where_structure_injections_are_refused_or_harmless(sheet: Store, expr: str) -> None:
    try:
        rows = sheet.query("s", where=expr)
    except WhereError:
        return
    assert rows == []


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s))
def test_compiled_sql_is_the_same_whatever_the_value(value: str) -> None:
    from spaceocr.core.store.where import FieldRef

    fields = {
        "vendor_name": FieldRef("vendor_name", "text"),
        "line_items.description": FieldRef("line_items.description", "text", "line_items"),
    }
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    for template in (
        "vendor_name = {}",
        "line_items.description contains {}",
        "not vendor_name < {} or vendor_name != {}",
    ):
        sql, params = compile_where(template.format(quoted, quoted), fields)
        ref_sql, _ = compile_where(template.format('"x"', '"x"'), fields)
        assert sql == ref_sql
        assert sql.count("?") == len(params)


def test_sort_also_takes_asc_and_desc_words(sheet: Store) -> None:
    assert files(sheet, sort="total desc") == files(sheet, sort="-total")
    assert files(sheet, sort="total ASC, _id") == files(sheet, sort="total")
