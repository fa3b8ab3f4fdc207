"""Excel exports read back with openpyxl: layout, numbers, colours, match ratios, no formulas."""

from __future__ import annotations

import datetime
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from spaceocr.core.export.xlsx import (
    CORRECTED_FILL,
    DATE_FORMAT,
    NOT_GROUNDED_FILL,
    REVIEW_FILL,
    export_xlsx,
)
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
                {"description": "みかん", "quantity": "1", "amount": "¥634.50"},
            ],
            file_name="請求書.pdf",
            review={"total": ("sum_mismatch",)},
        ),
        make_result(
            {
                "invoice_number": '=HYPERLINK("http://x","y")',
                "vendor_name": "주식회사 한국",
                "total": "-1,500",
                "note": "@SUM(A1)",
            },
            file_name="korea.pdf",
            page_lines=['=HYPERLINK("http://x","y")', "주식회사", "-1,500", "@SUM(A1)"],
        ),
    ]


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    path = tmp_path / "out.xlsx"
    assert export_xlsx(results(), INVOICE, path) == 2
    return path, openpyxl.load_workbook(path)


def test_xlsx_has_the_csv_layout_with_a_frozen_header(book) -> None:  # type: ignore[no-untyped-def]
    _, wb = book
    ws = wb["results"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "file",
        "invoice_number",
        "issue_date",
        "vendor_name",
        "total",
        "note",
        "line_items.description",
        "line_items.quantity",
        "line_items.amount",
    )
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert rows[1][:4] == ("請求書.pdf", "JP-1", datetime.datetime(2026, 5, 18), "株式会社テスト")
    assert rows[2][6:] == ("りんご", 2, 600)
    assert rows[3][6:] == ("みかん", 1, pytest.approx(634.5))
    assert rows[2][:6] == (None,) * 6
    assert rows[4][3] == "주식회사 한국"
    assert ws.auto_filter.ref == "A1:I5"


def test_amounts_are_numbers_and_negative_amounts_stay_numbers(book) -> None:  # type: ignore[no-untyped-def]
    _, wb = book
    ws = wb["results"]
    assert ws["E2"].value == 1234 and ws["E2"].data_type == "n"
    assert ws["E5"].value == -1500 and ws["E5"].data_type == "n"
    assert ws["E5"].number_format == "#,##0"
    assert ws["I4"].number_format == "#,##0.00"
    assert Decimal(str(ws["I4"].value)) == Decimal("634.5")


def test_dates_are_excel_dates_and_unreadable_dates_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "dates.xlsx"
    docs = [
        make_result({"invoice_number": "A", "issue_date": "2026年4月30日"}),
        make_result({"invoice_number": "B", "issue_date": "2024년 5월 1일"}),
        make_result({"invoice_number": "C", "issue_date": "04/18/2026"}),
        make_result({"invoice_number": "D", "issue_date": "sometime in May"}),
    ]
    export_xlsx(docs, INVOICE, path)
    ws = openpyxl.load_workbook(path)["results"]
    cells = [ws.cell(row=r, column=3) for r in range(2, 6)]
    assert [c.value for c in cells[:3]] == [
        datetime.datetime(2026, 4, 30),
        datetime.datetime(2024, 5, 1),
        datetime.datetime(2026, 4, 18),
    ]
    assert all(c.is_date and c.number_format == DATE_FORMAT for c in cells[:3])
    assert cells[3].value == "sometime in May" and cells[3].data_type == "s"


def test_formula_like_text_is_stored_as_text_never_as_a_formula(book) -> None:  # type: ignore[no-untyped-def]
    path, wb = book
    ws = wb["results"]
    assert ws["B5"].value == '=HYPERLINK("http://x","y")'
    assert ws["B5"].data_type == "s"
    assert ws["B5"].quotePrefix
    assert ws["F5"].value == "@SUM(A1)" and ws["F5"].data_type == "s"
    with zipfile.ZipFile(path) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_review_cells_are_filled_and_say_why(book) -> None:  # type: ignore[no-untyped-def]
    _, wb = book
    ws = wb["results"]
    assert ws["E2"].fill.fgColor.rgb == REVIEW_FILL
    assert "sum_mismatch" in ws["E2"].comment.text
    assert "match_ratio 1.00" in ws["E2"].comment.text
    assert ws["D2"].fill.fill_type is None
    assert ws["D2"].comment is None


def test_match_ratios_are_in_their_own_sheet_in_the_same_layout(book) -> None:  # type: ignore[no-untyped-def]
    _, wb = book
    ratios = wb["match_ratio"]
    assert ratios.freeze_panes == "A2"
    assert [c.value for c in ratios[1]] == [c.value for c in wb["results"][1]]
    assert ratios["D2"].value == 1.0
    assert ratios["I3"].value == 1.0
    assert ratios["A2"].value is None  # the file name has no ratio
    assert 0 < ratios["D5"].value < 0.85  # "주식회사 한국": only part of it is on the page
    assert wb["results"]["D5"].fill.fgColor.rgb == REVIEW_FILL


def test_a_sheet_export_colours_corrections_and_values_not_on_the_page(
    store: Store, tmp_path: Path
) -> None:
    ids = [store.save_result("s", r, template=INVOICE) for r in results()]
    store.set_value("s", ids[0], "vendor_name", "株式会社")  # on the page: corrected
    store.set_value("s", ids[0], "invoice_number", "QQQQ", confirm=False)  # not on the page
    rows = store.query("s")
    path = tmp_path / "sheet.xlsx"
    export_xlsx(rows, INVOICE, path)
    ws = openpyxl.load_workbook(path)["results"]
    assert ws["D2"].value == "株式会社"
    assert ws["D2"].fill.fgColor.rgb == CORRECTED_FILL
    assert "株式会社テスト" in ws["D2"].comment.text  # what was read first
    assert ws["B2"].fill.fgColor.rgb == NOT_GROUNDED_FILL
    assert "not_on_page" in ws["B2"].comment.text
