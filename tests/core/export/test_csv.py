"""CSV exports read back with Python's csv module: BOM, CRLF, CJK intact, sub-rows, no formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from spaceocr.core.export.csv import export_csv, rows_to_csv_text, write_results_csv
from spaceocr.core.export.table import is_formula_like, neutralize
from spaceocr.core.store import Store
from tests.core.store.factory import INVOICE, make_result


def results() -> list:  # type: ignore[type-arg]
    return [
        make_result(
            {
                "invoice_number": "JP-1",
                "issue_date": "令和8年5月18日",
                "vendor_name": "株式会社テスト",
                "total": "¥1,234",
            },
            [
                {"description": "りんご", "quantity": "2", "amount": "¥600"},
                {"description": "みかん", "quantity": "1", "amount": "¥634"},
            ],
            file_name="請求書.pdf",
        ),
        make_result(
            {"invoice_number": "KR-2", "vendor_name": "주식회사 한국", "total": "-500"},
            file_name="korea.pdf",
        ),
        make_result(
            {
                "invoice_number": '=HYPERLINK("http://x")',
                "vendor_name": "陈氏贸易有限公司",
                "total": "¥9,000",
            },
            [{"description": "@SUM(A1)", "quantity": "+1", "amount": "-¥100"}],
            file_name="china.pdf",
        ),
    ]


def read_back(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return raw, list(csv.reader(fh))


HEADER = [
    "file",
    "invoice_number",
    "issue_date",
    "vendor_name",
    "total",
    "note",
    "line_items.description",
    "line_items.quantity",
    "line_items.amount",
]


def test_export_csv_writes_a_bom_crlf_rows_and_cjk_intact(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export_csv(results(), INVOICE, path) == 3
    raw, rows = read_back(path)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(rows)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert rows[0] == HEADER
    assert rows[1][:5] == ["請求書.pdf", "JP-1", "令和8年5月18日", "株式会社テスト", "¥1,234"]
    assert rows[4][3] == "주식회사 한국"
    assert rows[5][3] == "陈氏贸易有限公司"


def test_line_items_unfold_into_sub_rows_beneath_their_document(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export_csv(results(), INVOICE, path)
    _, rows = read_back(path)
    body = rows[1:]
    assert len(body) == 3 + 2 + 0 + 1
    doc, item1, item2 = body[0], body[1], body[2]
    assert doc[6:] == ["", "", ""]
    assert item1 == ["", "", "", "", "", "", "りんご", "2", "¥600"]
    assert item2 == ["", "", "", "", "", "", "みかん", "1", "¥634"]
    assert body[3][0] == "korea.pdf"  # a document without items: no sub-row
    assert body[4][0] == "china.pdf"


def test_formula_like_text_is_neutralised_and_negative_numbers_kept(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export_csv(results(), INVOICE, path)
    _, rows = read_back(path)
    china, item = rows[5], rows[6]
    assert china[1] == '\'=HYPERLINK("http://x")'
    assert item[6:] == ["'@SUM(A1)", "+1", "'-¥100"]
    assert rows[4][4] == "-500"  # a plain negative number cannot be a formula


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-2+3", "'-2+3"),
        ("-1,234.50", "-1,234.50"),
        ("+81 3-1234", "'+81 3-1234"),
        ("株式会社", "株式会社"),
        ("", ""),
    ],
)
def test_neutralize_prefixes_only_what_a_spreadsheet_would_run(text: str, safe: str) -> None:
    assert neutralize(text) == safe
    assert is_formula_like(text) == (safe != text)


def test_write_results_csv_writes_to_an_open_file_without_a_bom() -> None:
    buf = io.StringIO(newline="")
    write_results_csv(results()[:1], INVOICE, buf)
    text = buf.getvalue()
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER and len(rows) == 4
    assert text.endswith("\r\n")


def test_a_sheet_exports_the_clerks_corrections_in_select_order(
    store: Store, tmp_path: Path
) -> None:
    ids = [store.save_result("s", r, template=INVOICE) for r in results()]
    store.set_value("s", ids[0], "total", "¥1,300")
    rows = store.query(
        "s",
        where="total > 0",
        sort="-total",
        select=store.select_columns("s", "total,line_items.amount"),
    )
    text = rows_to_csv_text(rows, INVOICE, select=["total", "line_items.amount"])
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert parsed == [
        ["file", "total", "line_items.amount"],
        ["china.pdf", "¥9,000", ""],
        ["", "", "'-¥100"],
        ["請求書.pdf", "¥1,300", ""],
        ["", "", "¥600"],
        ["", "", "¥634"],
    ]


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    class Boom(Exception):
        pass

    def rows():  # type: ignore[no-untyped-def]
        yield results()[0]
        raise Boom

    path = tmp_path / "out.csv"
    with pytest.raises(Boom):
        export_csv(rows(), INVOICE, path)
    assert list(tmp_path.iterdir()) == []
