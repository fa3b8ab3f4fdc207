"""``spaceocr sheet ...`` on a real store: list, view (table/json/csv/xlsx), set, confirm,
delete, export; and ``spaceocr extract --sheet`` storing, skipping and re-running."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import openpyxl
import pymupdf
import pytest

from spaceocr.cli.main import main
from spaceocr.core.store import Store
from tests.core.store.factory import INVOICE, make_result


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite3"
    with Store.open(path) as store:
        for n, (vendor, total, date) in enumerate(
            [
                ("株式会社テスト", "¥1,234", "2026/5/18"),
                ("한국상사", "¥90,000", "2026/4/1"),
                ("陈氏贸易", "-500", "令和8年6月1日"),
            ]
        ):
            store.save_result(
                "may",
                make_result(
                    {
                        "invoice_number": f"N-{n}",
                        "issue_date": date,
                        "vendor_name": vendor,
                        "total": total,
                    },
                    [
                        {"description": "品目A", "quantity": "1", "amount": total},
                        {"description": "品目B", "quantity": "2", "amount": "¥10"},
                    ],
                    page_lines=[
                        f"N-{n}",
                        date,
                        vendor,
                        total,
                        "¥1,300",
                        "品目A 1 " + total,
                        "品目B 2 ¥10",
                    ],
                    file_name=f"{n}.pdf",
                ),
                template=INVOICE,
            )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sheet_list_shows_sheets_with_their_counts(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "sheet", "list", "--store", str(store_file))
    assert code == 0
    assert "may" in out and "invoice_t" in out and " 3 " in out
    code, out, _ = run(capsys, "sheet", "list", "--store", str(store_file), "--format", "json")
    assert json.loads(out)["sheets"][0]["documents"] == 3


def test_sheet_view_json_filters_sorts_and_selects(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys,
        "sheet",
        "view",
        "may",
        "--store",
        str(store_file),
        "--where",
        "total > 0 and issue_date >= 2026-04-01",
        "--sort=-total",
        "--select",
        "vendor_name,total,line_items.amount",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)["rows"]
    assert [r["vendor_name"] for r in rows] == ["한국상사", "株式会社テスト"]
    assert rows[0] == {
        "_id": 2,
        "vendor_name": "한국상사",
        "total": "¥90,000",
        "line_items": [{"amount": "¥90,000"}, {"amount": "¥10"}],
    }


def test_sheet_view_table_aligns_cjk_and_marks_values_to_check(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_file) as store:
        store.set_value("may", 1, "vendor_name", "QQQ", confirm=False)
    code, out, _ = run(capsys, "sheet", "view", "may", "--store", str(store_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "file", "invoice_number"]
    assert "note" not in lines[0]  # no document has a note: the column is hidden
    assert "QQQ ?" in lines[2]
    assert "[2 items]" in lines[2]

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    col = width(lines[0][: lines[0].index("total")])
    starts = [
        width(line[: line.index(t)])
        for line, t in zip(lines[2:], ["¥1,234", "¥90,000", "-500"], strict=True)
    ]
    assert starts == [col] * 3  # wide (CJK) characters take two columns


def test_sheet_view_csv_and_xlsx_write_files(store_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out_csv = tmp_path / "v.csv"
    code, _, err = run(
        capsys,
        "sheet",
        "view",
        "may",
        "--store",
        str(store_file),
        "--format",
        "csv",
        "--out",
        str(out_csv),
        "--where",
        "total < 0",
    )
    assert code == 0 and "1 document" in err
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1][3] == "陈氏贸易" and rows[1][4] == "-500"
    assert [r[6] for r in rows[2:]] == ["品目A", "品目B"]
    out_x = tmp_path / "v.xlsx"
    code, _, _ = run(
        capsys,
        "sheet",
        "view",
        "may",
        "--store",
        str(store_file),
        "--format",
        "xlsx",
        "--out",
        str(out_x),
    )
    ws = openpyxl.load_workbook(out_x)["results"]
    assert ws.freeze_panes == "A2"
    assert [ws.cell(r, 5).value for r in (2, 5, 8)] == [1234, 90000, -500]


def test_sheet_view_csv_to_stdout_has_the_bom(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys,
        "sheet",
        "view",
        "may",
        "--store",
        str(store_file),
        "--format",
        "csv",
        "--select",
        "total",
    )
    assert code == 0
    assert out.startswith("\ufeff")
    assert out[1:].split("\r\n")[:2] == ["file,total", '0.pdf,"¥1,234"']


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("total >", "expected a value"),
        ("nope = 1", "no field 'nope'"),
        ("total > many", "compares as a number"),
        ("x' OR 1=1 --", "unterminated"),
        ("total > 1; DROP TABLE cells", "unexpected 'DROP'"),
    ],
)
def test_sheet_view_bad_where_is_a_usage_error(
    store_file: Path,
    capsys,
    where: str,  # type: ignore[no-untyped-def]
    message: str,
) -> None:
    code, out, err = run(
        capsys, "sheet", "view", "may", "--store", str(store_file), "--where", where
    )
    assert code == 2
    assert out == ""
    assert message in err and "[where_invalid]" in err


def test_sheet_set_prints_the_regrounded_cell_and_keeps_the_original(
    store_file: Path,  # type: ignore[no-untyped-def]
    capsys,
) -> None:
    code, out, _ = run(
        capsys, "sheet", "set", "may", "0.pdf", "total", "¥1,300", "--store", str(store_file)
    )
    assert code == 0
    cell = json.loads(out)
    assert cell["value"] == "¥1,300" and cell["original_value"] == "¥1,234"
    assert cell["match_ratio"] == 1.0 and cell["page"] == 1
    assert cell["bbox"]["ymin"] == pytest.approx(210.0)  # line 5 of the page: y 0.05 + 4 * 0.04
    assert cell["confirmed"] is True
    code, out, _ = run(
        capsys,
        "sheet",
        "set",
        "may",
        "1",
        "line_items[1].amount",
        "¥99",
        "--store",
        str(store_file),
    )
    assert json.loads(out)["bbox"] is None
    code, out, err = run(
        capsys, "sheet", "set", "may", "1", "line_items[9].amount", "1", "--store", str(store_file)
    )
    assert code == 2 and "can only be added" in err
    code, _, err = run(
        capsys, "sheet", "set", "may", "nope.pdf", "total", "1", "--store", str(store_file)
    )
    assert code == 1 and "[sheet_document_not_found]" in err


def test_sheet_confirm_then_undo(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        capsys, "sheet", "confirm", "may", "2", "total", "vendor_name", "--store", str(store_file)
    )
    assert code == 0 and "2 value(s) confirmed" in err
    code, _, err = run(capsys, "sheet", "confirm", "may", "2", "--undo", "--store", str(store_file))
    assert "2 value(s) unconfirmed" in err
    with Store.open(store_file) as store:
        assert not store.load_row("may", 2).cells["total"].is_confirmed


def test_sheet_show_prints_one_document_in_the_api_shape(store_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "sheet", "show", "may", "3", "--store", str(store_file))
    obj = json.loads(out)
    assert code == 0 and obj["status"] == "success"
    assert obj["data"]["vendor_name"]["value"] == "陈氏贸易"
    assert len(obj["data"]["line_items"]) == 2


def test_sheet_export_and_delete(store_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "may.json"
    code, _, err = run(
        capsys, "sheet", "export", "may", "--out", str(out), "--store", str(store_file)
    )
    assert code == 0 and "3 document(s)" in err
    assert len(json.loads(out.read_text(encoding="utf-8"))["results"]) == 3
    code, _, _ = run(capsys, "sheet", "delete", "may", "--doc", "2", "--store", str(store_file))
    assert code == 0
    code, _, err = run(capsys, "sheet", "delete", "may", "--store", str(store_file))
    assert code == 0 and "2 document(s)" in err
    code, _, err = run(capsys, "sheet", "view", "may", "--store", str(store_file))
    assert code == 1 and "[sheet_not_found]" in err


def test_sheet_commands_use_the_environments_store(
    store_file: Path,
    capsys,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPACEOCR_STORE", str(store_file))
    code, out, _ = run(capsys, "sheet", "list", "--format", "json")
    assert code == 0 and json.loads(out)["sheets"][0]["name"] == "may"


def test_extract_into_a_sheet_skips_known_files_unless_forced(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("spaceocr.core.ocr.pdf_text")
    pdf = tmp_path / "inv.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "請求書 No. INV-2026-001", fontname="japan", fontsize=14)
    page.insert_text((72, 120), "合計 ¥12,345", fontname="japan", fontsize=14)
    doc.save(pdf)
    store = tmp_path / "x.sqlite3"
    args = ["extract", str(pdf), "--template", "invoice", "--sheet", "s", "--store", str(store)]
    code, out, _ = run(capsys, *args)
    assert code == 0 and json.loads(out)["status"] == "success"
    code, out, err = run(capsys, *args)
    assert code == 0 and "skipped" in err and out == ""
    code, out, _ = run(capsys, *args, "--force")
    assert code == 0 and out
    code, out, _ = run(capsys, "sheet", "view", "s", "--store", str(store), "--format", "json")
    [row] = json.loads(out)["rows"]
    assert row["_id"] == 1 and row["_file"] == "inv.pdf"
    assert any("12,345" in str(v) for v in row.values())
    with Store.open(store) as s:
        assert s.ocr_pages("s", 1)  # kept, so a correction can be re-grounded


def test_an_export_into_a_missing_folder_names_the_file_not_a_temporary(
    store_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "may.xlsx"
    code, _, err = run(
        capsys, "sheet", "export", "may", "--out", str(out), "--store", str(store_file)
    )
    assert code == 1
    assert f"spaceocr: {out}: No such file or directory" in err
    assert "unexpected error" not in err and ".tmp" not in err
