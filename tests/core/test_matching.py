"""The matcher on synthetic OCR pages: exact and fuzzy spans, printed forms, repeats, geometry.

Pages are built character by character (a box per character along each line, optionally the
whole page turned about its centre), so every expectation is computed from the page itself.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spaceocr.core.matching import (
    MIN_RATIO,
    MatchIndex,
    ground,
    normalize,
    oriented_quad,
    printed_forms,
)
from spaceocr.core.types import MatchHint, OcrChar, OcrPage, Point, Quad

# filler text, the values' alphabet, and characters that are on no page: three disjoint sets
FILLER = "abcdefghijkmnopqrstuvxyz0123456789あいうえおかきくけこ漢字表示가나다라마"
VALUE = "ABCDEFGHJKLMNPQRSTUVXYZ東京都請求書合計金額한국어"
ABSENT = "ΩΨΦΣΠΛΞΔΓθ"


def make_page(
    lines: list[str],
    *,
    angle: float = 0.0,
    width: int = 1000,
    height: int = 1000,
    char_w: float = 14.0,
    char_h: float = 22.0,
    top: float = 60.0,
    left: float = 60.0,
    pitch: float = 34.0,
    index: int = 0,
) -> OcrPage:
    """A page whose characters sit on a grid; ``angle`` (radians) turns it about its centre."""
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = width / 2, height / 2

    def turn(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return ((cx + dx * cos - dy * sin) / width, (cy + dx * sin + dy * cos) / height)

    chars = []
    word = 0
    for line_no, text in enumerate(lines):
        y = top + line_no * pitch
        for k, ch in enumerate(text):
            if ch == " ":
                word += 1
                continue
            x = left + k * char_w
            quad = Quad.from_points([turn(x, y), turn(x + char_w, y),
                                     turn(x + char_w, y + char_h), turn(x, y + char_h)])
            chars.append(OcrChar(ch, quad, 0.9, line_no, word))
        word += 1
    return OcrPage(index, width, height, 200.0, "synthetic", tuple(chars))


def union_bbox(page: OcrPage, indices: tuple[int, ...]) -> tuple[float, float, float, float]:
    boxes = [page.chars[i].quad.bbox for i in indices]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def spelled(page: OcrPage, indices: tuple[int, ...]) -> str:
    return normalize("".join(page.chars[i].text for i in indices))


filler_line = st.text(alphabet=FILLER + "  ", min_size=0, max_size=40)
token = st.text(alphabet=VALUE, min_size=3, max_size=14)


@st.composite
def page_with_token(draw: st.DrawFn) -> tuple[list[str], str, int, int]:
    """Filler lines with one token of the value alphabet placed in one of them."""
    lines = draw(st.lists(filler_line, min_size=1, max_size=40))
    value = draw(token)
    row = draw(st.integers(0, len(lines) - 1))
    col = draw(st.integers(0, len(lines[row])))
    lines[row] = lines[row][:col] + " " + value + " " + lines[row][col:]
    return lines, value, row, col


# ----------------------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(page_with_token())
def test_a_value_printed_exactly_gets_ratio_one_and_the_union_of_its_chars(case) -> None:
    lines, value, _, _ = case
    page = make_page(lines)
    g = ground(value, [page])
    assert g is not None
    assert g.match_ratio == 1.0
    assert g.bbox_source == "ocr_chars"
    assert spelled(page, g.char_indices) == normalize(value)
    assert g.bbox == pytest.approx(union_bbox(page, g.char_indices), abs=1e-9)
    assert g.page_index == page.index


@settings(max_examples=60, deadline=None)
@given(page_with_token(), st.randoms(use_true_random=False))
def test_each_altered_character_lowers_the_ratio(case, rnd) -> None:
    lines, value, _, _ = case
    assume(len(value) >= 4)
    page = make_page(lines)
    exact = ground(value, [page])
    assert exact is not None
    positions = list(range(len(value)))
    rnd.shuffle(positions)
    chars = list(value)
    previous = 1.0
    for k, pos in enumerate(positions[: len(value) // 2], 1):
        chars[pos] = ABSENT[k % len(ABSENT)]
        g = ground("".join(chars), [page])
        bound = (len(value) - k) / len(value)
        if bound < MIN_RATIO:
            assert g is None or g.match_ratio < previous
            break
        assert g is not None, f"{k} altered characters of {value!r} lost the box"
        assert g.match_ratio < previous
        assert g.match_ratio <= round(bound, 4) + 1e-9  # ratios carry 4 decimals
        # the box stays on the value's characters
        assert set(g.char_indices) & set(exact.char_indices)
        previous = g.match_ratio


@settings(max_examples=40, deadline=None)
@given(page_with_token(), st.floats(min_value=-0.5, max_value=0.5))
def test_turning_the_page_turns_the_vertices(case, angle) -> None:
    lines, value, _, _ = case
    lines = lines[:20]
    assume(any(value in line for line in lines))
    flat, turned = make_page(lines), make_page(lines, angle=angle)
    g0, g1 = ground(value, [flat]), ground(value, [turned])
    assert g0 is not None and g1 is not None
    assert g0.char_indices == g1.char_indices
    cos, sin = math.cos(angle), math.sin(angle)
    for p0, p1 in zip(g0.quad.points, g1.quad.points, strict=True):
        dx, dy = p0.x - 0.5, p0.y - 0.5
        assert p1.x == pytest.approx(0.5 + dx * cos - dy * sin, abs=1e-6)
        assert p1.y == pytest.approx(0.5 + dx * sin + dy * cos, abs=1e-6)
    assert g1.quad.angle_rad == pytest.approx(angle, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.lists(filler_line, min_size=1, max_size=30),
       st.text(alphabet=ABSENT, min_size=1, max_size=12))
def test_a_value_that_is_not_on_the_page_gets_no_box(lines, value) -> None:
    assert ground(value, [make_page(lines)]) is None


# ----------------------------------------------------------------------------- the view
def test_normalize_folds_width_case_spaces_currency_and_thousands() -> None:
    assert normalize("￥１，４２４，４１２") == normalize("¥1424412") == "¥1424412"
    assert normalize("\\1,424,412") == "¥1424412"
    assert normalize("W48,300") == normalize("₩48,300") == "₩48300"
    assert normalize("山田　太郎") == normalize("山田 太郎") == "山田太郎"
    assert normalize("ＩＮＶ－２０２６") == "inv-2026"
    assert normalize("Oat milk 2 qt") == "oatmilk2qt"
    assert normalize("1.234,56") == "1.23456"  # a thousands dot stays, a comma between digits goes


def test_half_width_kana_compose_with_their_voicing_marks() -> None:
    page = make_page(["ｶﾞｿﾘﾝ 代"])
    g = ground("ガソリン", [page])
    assert g is not None and g.match_ratio == 1.0
    assert spelled(page, g.char_indices) == "ガソリン"


# ----------------------------------------------------------------------------- fuzzy, spans
def test_one_misread_character_lowers_the_ratio_and_keeps_the_box() -> None:
    page = make_page(["合計 ¥12,345", "Merchant: Maple Street Market"])
    g = ground("Maple Street Markel", [page])
    assert g is not None
    assert g.match_ratio == pytest.approx(16 / 17, abs=1e-4)
    assert spelled(page, g.char_indices) == "maplestreetmarket"


def test_a_value_printed_over_two_lines_is_one_span() -> None:
    page = make_page(["〒103-0027", "東京都中央区日本橋", "3-8-4 桜ビル5F", "TEL 03-1234"])
    g = ground("東京都中央区日本橋3-8-4 桜ビル5F", [page])
    assert g is not None and g.match_ratio == 1.0
    lines = {page.chars[i].line_no for i in g.char_indices}
    assert lines == {1, 2}
    assert g.bbox == pytest.approx(union_bbox(page, g.char_indices))


def test_a_value_whose_words_the_ocr_put_apart_is_joined_from_pieces() -> None:
    # the reading order puts another column's text between the two words
    page = make_page(["Daniel", "Okafor"])
    words = list(page.chars)
    other = OcrChar("X", Quad.from_bbox(0.8, 0.06, 0.81, 0.08), 0.9, 0, 99)
    page = OcrPage(0, 1000, 1000, 200.0, "t", (*words[:6], other, *words[6:]))
    g = ground("Daniel Okafor", [page])
    assert g is not None and g.match_ratio == 1.0
    assert spelled(page, g.char_indices) == "danielokafor"


def test_junk_below_the_minimum_ratio_gets_no_box() -> None:
    page = make_page(["ABCDEFGH"])
    assert ground("ABΩΨΦΣΠΛ", [page]) is None
    assert ground("   ", [page]) is None
    assert ground("ABC", []) is None


# ----------------------------------------------------------------------------- printed forms
@pytest.mark.parametrize("printed", ["令和8年5月18日", "2026年5月18日", "2026年05月18日",
                                     "18.05.2026", "2026/05/18", "May 18, 2026",
                                     "2026년 5월 18일"])
def test_an_iso_date_is_found_in_its_printed_form(printed: str) -> None:
    page = make_page(["請求日", printed, "合計"])
    g = ground("2026-05-18", [page])
    assert g is not None and g.match_ratio == 1.0
    assert spelled(page, g.char_indices) == normalize(printed)


def test_a_plain_number_is_found_as_printed_with_its_currency() -> None:
    page = make_page(["小計 ￥1,294,920", "合計 ￥1,424,412"])
    g = ground("1424412", [page])
    assert g is not None and g.match_ratio == 1.0
    assert spelled(page, g.char_indices) == "¥1424412"
    eu = make_page(["Summe 19.507,47 €"])
    g = ground("19507.47", [eu])
    assert g is not None and spelled(eu, g.char_indices).startswith("19.50747")


def test_a_currency_mark_printed_in_another_form_counts_as_located() -> None:
    page = make_page(["合計 2,530円"])
    g = ground("¥2,530", [page])
    assert g is not None and g.match_ratio == 1.0
    assert spelled(page, g.char_indices) == "2530円"
    bare = make_page(["合計 2,530"])
    g = ground("¥2,530", [bare])
    assert g is not None and g.match_ratio == pytest.approx(4 / 5)


def test_printed_forms_cover_eras_and_separators() -> None:
    forms = printed_forms("2019-05-01")
    assert "令和元年5月1日" in forms and "01.05.2019" in forms
    assert "1.424.412" in printed_forms("1424412")
    assert "19.507,47" in printed_forms("19507.47")
    assert "8:20" in printed_forms("08:20")
    assert printed_forms("hello") == ()


# ----------------------------------------------------------------------------- repeats, hints
def test_a_number_inside_a_longer_one_loses_to_one_standing_alone() -> None:
    page = make_page(["小計 2,300円", "消費税 230円"])
    g = ground("230", [page])
    assert g is not None
    assert {page.chars[i].line_no for i in g.char_indices} == {1}


def test_a_figure_or_name_inside_a_longer_token_loses_to_one_standing_alone() -> None:
    page = make_page(["Qty 12.50 EUR", "Email: anna.lee@example.com", "Anna Lee", "Qty 12"])
    g = ground("12", [page])
    assert g is not None and {page.chars[i].line_no for i in g.char_indices} == {3}
    g = ground("lee", [page])
    assert g is not None and {page.chars[i].line_no for i in g.char_indices} == {2}


def test_a_repeated_value_goes_to_the_occurrence_nearest_the_hint() -> None:
    page = make_page(["Total 5,000", "", "", "", "", "Amount due 5,000"])
    first = ground("5,000", [page])
    assert first is not None and first.is_ambiguous
    assert {page.chars[i].line_no for i in first.char_indices} == {0}
    label = MatchIndex([page]).exact("Amount due")[0]
    end = page.chars[label.chars[-1]].quad.center
    g = ground("5,000", [page], MatchHint(page_index=0, near=end))
    assert g is not None and g.is_ambiguous
    assert {page.chars[i].line_no for i in g.char_indices} == {5}
    region = ground("5,000", [page], MatchHint(region=(0.0, 0.15, 1.0, 1.0)))
    assert region is not None and region.char_indices == g.char_indices


def test_characters_cited_by_an_extractor_are_used_with_its_source() -> None:
    page = make_page(["Total 5,000", "Amount due 5,000"])
    second = MatchIndex([page]).exact("5,000")[1]
    hint = MatchHint(page_index=0, char_indices=second.chars, source="llm_tokens")
    g = ground("5,000", [page], hint)
    assert g is not None
    assert g.bbox_source == "llm_tokens" and g.char_indices == second.chars
    # cited characters that do not spell the value are only a position
    wrong = MatchHint(page_index=0, char_indices=(0, 1, 2), source="llm_tokens")
    g = ground("5,000", [page], wrong)
    assert g is not None and g.bbox_source == "ocr_chars"
    assert {page.chars[i].line_no for i in g.char_indices} == {0}


def test_the_page_is_chosen_among_several() -> None:
    pages = [make_page(["Invoice INV-1"], index=0), make_page(["Total 9,999"], index=1)]
    g = ground("9,999", pages)
    assert g is not None and g.page_index == 1
    g = ground("INV-1", pages, MatchHint(page_index=1))
    assert g is not None and g.page_index == 0  # the hint's page does not hold it


def test_oriented_quad_follows_a_tilted_line_clockwise_from_top_left() -> None:
    page = make_page(["ABCDEFG"], angle=0.2, width=1200, height=800)
    q = oriented_quad(page, range(len(page.chars)))
    w, h = page.width_px, page.height_px
    top = math.atan2((q.tr.y - q.tl.y) * h, (q.tr.x - q.tl.x) * w)
    assert top == pytest.approx(0.2, abs=1e-6)
    # clockwise on screen (y down): tl -> tr -> br -> bl has a positive signed area
    pts = [(p.x * w, p.y * h) for p in q.points]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1],
                                                              strict=True))
    assert area > 0
    for ch in page.chars:
        for p in ch.quad.points:
            assert _inside(q, p, w, h)


def _inside(q: Quad, p: Point, w: int, h: int) -> bool:
    pts = [(v.x * w, v.y * h) for v in q.points]
    x, y = p.x * w, p.y * h
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        if (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) < -1e-6:
            return False
    return True
