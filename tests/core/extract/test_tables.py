"""Line items found and read through the public entry points (synthetic pages)."""

from __future__ import annotations

from spaceocr.core.extract.tables import LineItemTable, find_line_items, find_tables
from tests.core.extract.table_pages import (
    SPEC,
    H,
    cells,
    hint_text,
    ja_align,
    ja_invoice_rows,
    make_page,
)


class TestFindTables:
    def test_japanese_invoice_rows_values_and_hints(self) -> None:
        rows = ja_invoice_rows()
        page = make_page(rows, align=ja_align(rows))
        items = find_line_items([page], SPEC)
        assert cells(items) == [
            {"description": "マーカーペン 赤 5本組", "quantity": "8", "unit_price": "¥580",
             "amount": "4,640"},
            {"description": "クリアファイル A4", "quantity": "3", "unit_price": "¥1,120",
             "amount": "3,360"},
            {"description": "電源タップ 3m", "quantity": "12", "unit_price": "¥1,730",
             "amount": "20,760"},
        ]
        first = {c.name: c for c in items[0]}
        assert first["unit_price"].normalized == "580"
        assert first["amount"].normalized == "4640"
        assert first["description"].normalized is None
        for c in items[0]:
            assert hint_text(page, c) == c.value.replace(" ", "")
            assert c.hint is not None and c.hint.page_index == 0
            assert not c.review_reasons

    def test_table_end_is_above_the_totals(self) -> None:
        rows = ja_invoice_rows()
        page = make_page(rows, align=ja_align(rows))
        table = find_tables([page], SPEC)
        assert isinstance(table, LineItemTable) and table.has_header
        assert table.end_page == 0
        last_row_bottom = (300 + 120 + 20) / H
        subtotal_top = (300 + 180) / H
        assert last_row_bottom - 0.002 <= table.end_y < subtotal_top
        assert table.contains(0, 0.5, (300 + 50) / H)
        assert not table.contains(0, 0.9, (300 + 190) / H)
        assert table.language == "ja"
