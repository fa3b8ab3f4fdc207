"""Visual lines and segments rebuilt from the characters (synthetic pages)."""

from __future__ import annotations

from spaceocr.core.extract.tables import find_line_items
from spaceocr.core.extract.tables_layout import page_lines
from tests.core.extract.table_pages import (
    SPEC,
    ja_align,
    ja_invoice_rows,
    make_page,
)


class TestLayout:
    def test_lines_and_segments(self) -> None:
        page = make_page([(100, [(40, "Oat milk 2 qt"), (500, "2"), (900, "$9.68")]),
                          (140, [(40, "Bread")])])
        lines = page_lines(page)
        assert [[s.text for s in ln.segments] for ln in lines] == [
            ["Oat milk 2 qt", "2", "$9.68"], ["Bread"]
        ]
        seg = lines[0].segments[0]
        assert len(seg.char_indices) == len(seg.text)
        assert [w.text for w in seg.words()] == ["Oat", "milk", "2", "qt"]

    def test_ocr_word_breaks_inside_japanese_text_are_not_spaces(self) -> None:
        rows = ja_invoice_rows()
        # the OCR cut "ノートパソコン" into three words with hairline gaps between them
        rows[2] = (rows[2][0], [(80, "ノー"), (123, "トパ"), (166, "ソコン"), *rows[2][1][1:]])
        page = make_page(rows, align=ja_align(rows))
        items = find_line_items([page], SPEC)
        assert items[0][0].value == "ノートパソコン"

    def test_kana_run_needs_a_full_width_gap_to_be_spaced(self) -> None:
        rows = ja_invoice_rows()
        # estimated boxes of narrow kana leave 0.7 em between ノー and トパソコン: no space;
        # the same gap between a katakana word and a kanji is the printed space it is
        rows[2] = (rows[2][0], [(80, "ノー"), (134, "トパソコン"), *rows[2][1][1:]])
        rows[3] = (rows[3][0], [(80, "ボールペン"), (194, "黒"), *rows[3][1][1:]])
        # a full-width space (1 em and more) is kept
        rows[4] = (rows[4][0], [(80, "ノート"), (162, "パソコン"), *rows[4][1][1:]])
        page = make_page(rows, align=ja_align(rows))
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items] == ["ノートパソコン", "ボールペン 黒", "ノート パソコン"]
        # the blank half of a full-width comma or bracket is not a space either
        base = ja_invoice_rows()
        rows[2] = (rows[2][0], [(80, "印刷、"), (154, "製本"), *base[2][1][1:]])
        rows[3] = (rows[3][0], [(80, "用紙"), (134, "（A4）"), *base[3][1][1:]])
        page = make_page(rows, align=ja_align(rows))
        items = find_line_items([page], SPEC)
        assert [r[0].value for r in items][:2] == ["印刷、製本", "用紙（A4）"]
