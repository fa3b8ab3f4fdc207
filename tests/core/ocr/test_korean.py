"""The Korean merge rules on hand-made lines (no models), and Tesseract kor on a real crop."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from spaceocr.core.ocr import korean as K
from spaceocr.core.ocr.ppocr import RawChar, RawLine, fix_prolonged_marks
from tests.core.ocr.conftest import render


def line_of(spec: list[tuple[str, float, float, float]], score: float = 0.99) -> RawLine:
    """A 1000×40 px line with characters at (text, t0, t1, confidence)."""
    ln = RawLine(((0.0, 0.0), (1000.0, 0.0), (1000.0, 40.0), (0.0, 40.0)), "", score)
    ln.chars = [RawChar(t, a, b, c, 0) for t, a, b, c in spec]
    ln.text = "".join(t for t, *_ in spec)
    return ln


def run_of(text: str, t0: float, t1: float, conf: float) -> K._Run:
    n = len(text)
    step = (t1 - t0) / n
    chars = [RawChar(c, t0 + i * step, t0 + (i + 1) * step, conf / 100, 0, "tesseract")
             for i, c in enumerate(text)]
    return K._Run(chars, conf, all(K.is_hangul(c) for c in text))


def test_hangul_means_syllables_not_stray_jamo():
    assert K.is_hangul("한") and not K.is_hangul("ㄴ") and not K.is_hangul("漢")


def test_line_with_uncovered_length_is_suspect():
    assert K.suspect_line(line_of([("5", 0.6, 0.62, 1.0), ("0", 0.62, 0.64, 1.0)]))
    covered = line_of([(c, i / 20, (i + 1) / 20, 1.0) for i, c in enumerate("A" * 20)])
    assert not K.suspect_line(covered)
    assert K.suspect_line(line_of([], score=0.99))
    low = line_of([(c, i / 20, (i + 1) / 20, 1.0) for i, c in enumerate("A" * 20)], 0.5)
    assert K.suspect_line(low)


def test_hangul_fills_an_empty_span_and_keeps_confident_digits():
    ln = line_of([("5", 0.5, 0.55, 1.0), ("0", 0.55, 0.6, 1.0), ("0", 0.6, 0.65, 1.0)])
    runs = [run_of("생수", 0.05, 0.2, 99), run_of("5007", 0.5, 0.65, 98)]
    assert K.merge_line(ln, runs)
    assert ln.text == "생수500"
    assert [c.source for c in ln.chars] == ["tesseract"] * 2 + ["ppocr"] * 3
    assert ln.chars[0].word != ln.chars[2].word  # a gap between the two words


def test_hangul_replaces_unsure_ideographs_but_not_confident_ones():
    weak = line_of([("答", 0.05, 0.2, 0.54), ("5", 0.5, 0.55, 1.0)])
    assert K.merge_line(weak, [run_of("샴푸", 0.05, 0.2, 99)])
    assert weak.text == "샴푸5"
    sure = line_of([("價", 0.0, 0.1, 1.0), ("稅", 0.1, 0.2, 0.7), ("合", 0.2, 0.3, 1.0),
                    ("計", 0.3, 0.4, 1.0)])
    assert not K.merge_line(sure, [run_of("션짜승하", 0.0, 0.4, 93)])
    assert sure.text == "價稅合計"


def test_a_word_squeezed_into_one_ideograph_is_replaced():
    ln = line_of([("早", 0.02, 0.14, 0.81), ("4", 0.46, 0.56, 0.9)])
    assert K.merge_line(ln, [run_of("부가세", 0.02, 0.34, 100)])
    assert ln.text == "부가세4"


def test_currency_signs_and_latin_are_never_replaced():
    yen = line_of([("¥", 0.0, 0.1, 0.55), ("7", 0.1, 0.2, 1.0)])
    assert not K.merge_line(yen, [run_of("부", 0.0, 0.1, 98)])
    assert yen.text == "¥7"
    latin = line_of([("e", 0.3, 0.35, 1.0), ("l", 0.35, 0.4, 1.0)])
    assert not K.merge_line(latin, [run_of("이", 0.3, 0.4, 69)])


def test_evidence_needs_sure_multi_syllable_runs_where_ppocr_saw_nothing_sure():
    empty = line_of([], score=0.0)
    assert K.hangul_evidence(empty, [run_of("소망빵집본점", 0.0, 0.6, 99)]) == 6
    assert K.hangul_evidence(empty, [run_of("부", 0.0, 0.1, 99)]) == 0
    assert K.hangul_evidence(empty, [run_of("아이", 0.0, 0.1, 86)]) == 0
    # a faded Chinese line: PP-OCR read every character, unsure; Tesseract invents Hangul
    faded = line_of([(c, i / 10, (i + 1) / 10, 0.5) for i, c in enumerate("统一社会信用代码")])
    assert K.hangul_evidence(faded, [run_of("밤일사회신용대", 0.0, 0.8, 95)]) == 0
    # PP-OCR squeezed a four-syllable word into one ideograph: evidence
    squeezed = line_of([("丑", 0.0, 0.1, 0.57)])
    assert K.hangul_evidence(squeezed, [run_of("체크카드", 0.0, 0.3, 99)]) == 4


def test_won_sign_is_restored_before_amounts():
    ln = line_of([("W", 0.0, 0.1, 0.9), ("5", 0.1, 0.2, 1.0), ("0", 0.2, 0.3, 1.0)])
    other = line_of([("W", 0.0, 0.1, 0.9), ("i", 0.1, 0.2, 1.0)])
    K.fix_won_signs([ln, other])
    assert ln.text == "₩50" and other.text == "Wi"


def test_prolonged_sound_mark_after_kana():
    ln = line_of([("コ", 0, 0.1, 1), ("ピ", 0.1, 0.2, 1), ("一", 0.2, 0.3, 1), ("用", 0.3, 0.4, 1)])
    fix_prolonged_marks(ln)
    assert ln.text == "コピー用"
    part = line_of([("ト", 0, 0.1, 1), ("-", 0.1, 0.2, 1), ("3", 0.2, 0.3, 1)])
    fix_prolonged_marks(part)
    assert part.text == "ト-3"


def test_find_tessdata_only_accepts_a_folder_with_kor(tmp_path: Path):
    assert K.find_tessdata(tmp_path) is None
    assert K.KoreanReader.create(tmp_path) is None
    (tmp_path / "kor.traineddata").write_bytes(b"")
    assert K.find_tessdata(tmp_path) == tmp_path


@pytest.mark.skipif(K.find_tessdata() is None, reason="tesseract-ocr-kor is not installed")
def test_tesseract_reads_a_korean_line_with_symbol_boxes_in_order():
    reader = K.KoreanReader.create()
    assert reader is not None
    image, placed = render([("감사합니다 고객님", "korea", 10, 30, 16)], size_pt=(200, 44))
    x0, y0, x1, y1 = placed[0].box
    syms = reader.read_line(image.crop((int(x0) - 8, int(y0) - 6, int(x1) + 8, int(y1) + 6)))
    assert "".join(s.text for s in syms) == "감사합니다고객님"
    assert [s.word for s in syms] == [0] * 5 + [1] * 3
    assert all(a.x0 <= b.x0 for a, b in itertools.pairwise(syms))
    reader.close()


def test_asterisks_are_not_turned_into_hangul_but_a_label_colon_is():
    stars = line_of([("*", 0.0, 0.05, 0.9), ("*", 0.1, 0.15, 0.9)])
    assert not K.merge_line(stars, [run_of("주주", 0.0, 0.15, 95)])
    colon = line_of([("：", 0.0, 0.3, 0.84), ("5", 0.4, 0.45, 1.0)])
    assert K.merge_line(colon, [run_of("사업자등록번호", 0.0, 0.3, 99)])
    assert colon.text == "사업자등록번호5"


def test_brackets_both_engines_read_stay_around_the_hangul():
    ln = line_of([("(", 0.40, 0.47, 0.94), (")", 0.47, 0.55, 0.95)])
    runs = [run_of("(", 0.40, 0.42, 99), run_of("월", 0.43, 0.50, 99), run_of(")", 0.51, 0.53, 99)]
    assert K.merge_line(ln, runs)
    assert ln.text == "(월)"


def test_a_counter_read_as_latin_glued_to_the_quantity_is_replaced():
    # 3개×2,400 read by PP-OCR as 37H×2,400 (ㄱ as 7, ㅐ as H), all confident
    spec = [("3", 0.03, 0.12, 1.0), ("7", 0.12, 0.20, 1.0), ("H", 0.20, 0.30, 0.98),
            ("×", 0.34, 0.44, 1.0), ("2", 0.52, 0.6, 1.0), (",", 0.6, 0.62, 1.0),
            ("4", 0.62, 0.7, 1.0), ("0", 0.7, 0.8, 1.0), ("0", 0.8, 0.9, 1.0)]
    ln = line_of(spec)
    assert K.glued_latin(ln)
    assert K.merge_line(ln, [run_of("개", 0.176, 0.33, 99)])
    assert ln.text == "3개×2,400"


def test_glued_latin_needs_a_sure_run_and_keeps_the_number():
    spec = [("3", 0.03, 0.12, 1.0), ("7", 0.12, 0.20, 1.0), ("H", 0.20, 0.30, 0.98),
            ("×", 0.34, 0.44, 1.0)]
    unsure = line_of(spec)
    assert not K.merge_line(unsure, [run_of("개", 0.176, 0.33, 70)])
    assert unsure.text == "37H×"
    # no quantity left before the letters: the digit is the number, not a stroke of 개
    alone = line_of([("7", 0.12, 0.20, 1.0), ("H", 0.20, 0.30, 0.98), ("×", 0.34, 0.44, 1.0)])
    assert not K.merge_line(alone, [run_of("개", 0.1, 0.33, 99)])
    assert alone.text == "7H×"
    plain = line_of([("5", 0.1, 0.2, 1.0), ("m", 0.2, 0.3, 1.0), ("l", 0.3, 0.35, 1.0)])
    assert not K.glued_latin(plain)
