"""export_sheet: a stored sheet (or a query over it) to .csv, .xlsx or the API's JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from spaceocr.core.errors import SheetNotFound, WhereError
from spaceocr.core.export.json import result_from_api
from spaceocr.core.export.sheet import export_sheet
from spaceocr.core.store import Store
from tests.core.store.factory import INVOICE, make_result


@pytest.fixture
def sheet(store: Store) -> Store:
    for n, (vendor, total) in enumerate(
        [("株式会社テスト", "¥1,234"), ("한국상사", "¥90,000"), ("陈氏贸易", "¥500")]
    ):
        store.save_result(
            "s",
            make_result(
                {"invoice_number": f"N-{n}", "vendor_name": vendor, "total": total},
                [{"description": "品目", "amount": total}],
                file_name=f"{n}.pdf",
            ),
            template=INVOICE,
        )
    store.set_value("s", "1.pdf", "total", "¥2,000")  # a correction: the exports carry it
    return store


def test_export_sheet_to_json_is_the_api_shape_with_corrections(
    sheet: Store, tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    assert export_sheet(sheet, "s", path, where="total < 10000", sort="-total") == 3
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert (obj["sheet"], obj["template"]) == ("s", "invoice_t")
    first = obj["results"][0]
    assert first["status"] == "success"
    assert first["data"]["total"]["value"] == "¥2,000"
    assert set(first["data"]["total"]["bbox"]) == {"xmin", "ymin", "xmax", "ymax"}
    assert first["data"]["line_items"][0]["amount"]["value"] == "¥90,000"
    assert first["meta"]["doc_id"] == 2
    assert [r["meta"]["file"] for r in obj["results"]] == ["1.pdf", "0.pdf", "2.pdf"]
    back = result_from_api(first, template="invoice_t")
    assert back.get("vendor_name").value == "한국상사"


def test_export_sheet_picks_the_format_from_the_extension(sheet: Store, tmp_path: Path) -> None:
    assert export_sheet(sheet, "s", tmp_path / "s.csv", select="vendor_name,total") == 3
    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["file", "vendor_name", "total"]
    assert rows[1:] == [
        ["0.pdf", "株式会社テスト", "¥1,234"],
        ["1.pdf", "한국상사", "¥2,000"],
        ["2.pdf", "陈氏贸易", "¥500"],
    ]
    assert export_sheet(sheet, "s", tmp_path / "s.xlsx", where="vendor_name contains 상사") == 1
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["results"]
    assert ws["D2"].value == "한국상사"
    assert ws["E2"].value == 2000


def test_export_sheet_refuses_unknown_formats_sheets_and_bad_queries(
    sheet: Store, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="format"):
        export_sheet(sheet, "s", tmp_path / "s.txt")
    with pytest.raises(SheetNotFound):
        export_sheet(sheet, "nope", tmp_path / "s.csv")
    with pytest.raises(WhereError):
        export_sheet(sheet, "s", tmp_path / "s.csv", where="total >")
    assert not any(p.suffix in (".txt", ".csv") for p in tmp_path.iterdir())
