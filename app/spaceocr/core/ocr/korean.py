"""Hangul: Tesseract ``kor`` on the lines PP-OCR could not read, merged without harm.

PP-OCR's dictionary has no Hangul: a Korean word comes back missing (the line's quad covers
it but no character does), as digits, or as Chinese characters read with low confidence. So a
line is *suspect* when part of its length is not covered by any character, or when its
confidence is low. Suspect lines are read again, one line crop at a time (tens of milliseconds
each), by Tesseract with the ``kor`` data in single-line mode, most suspect first.

The merge acts only where Hangul really is:

- a page is *Korean* only when Tesseract surely read several syllables (runs of two or more,
  confidence >= 90) where PP-OCR saw nothing sure. A few suspect lines without any such
  evidence end the pass: a Chinese, Japanese or English page is never changed;
- on a Korean page, a confident run of Hangul replaces what PP-OCR put under it only when that
  was nothing, marks, unsure characters, or an ideograph or two squeezed from a longer word;
  confident Latin letters, digits and ideographs stay, and currency signs always stay;
- digits and letters Tesseract read on such a line fill only spans PP-OCR left empty or unsure;
- a counter PP-OCR turned into Latin glued to a number (``3개`` read ``37H``) is a suspect line
  on a Korean page: a sure Hangul run over those letters replaces them and the digit stroke
  (the ``7`` of ``7H``) that reaches into it;
- lines whose trailing syllable the detector cut off are lengthened over that ink, and ``W`` or
  ``\\`` right before an amount becomes ``₩``.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from spaceocr.core.ocr.ppocr import RawChar, RawLine

__all__ = [
    "KoreanReader",
    "find_tessdata",
    "glued_latin",
    "is_hangul",
    "merge_korean",
    "suspect_line",
]

logger = logging.getLogger(__name__)

#: where Debian/Ubuntu, Fedora, Homebrew and the Windows installer put Tesseract's data
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    "C:/Program Files/Tesseract-OCR/tessdata",
)

#: a line is read again when its confidence is below this
SUSPECT_SCORE = 0.93
#: ... or when this many line-heights of its length carry no character
SUSPECT_GAP = 0.9
#: Tesseract confidence (0..100) a Hangul run needs to replace PP-OCR's characters
HANGUL_CONF = 55.0
#: confidence a digit/Latin run of a Korean line needs to fill an empty span
FILL_CONF = 70.0
#: on a page known to be Korean, lines with this much uncovered length are read too
KOREAN_PAGE_GAP = 0.45
#: this many suspect lines read in a row without Hangul: the page has none
PROBE_LINES = 6
#: a surely read syllable (Tesseract confidence 0..100) counts as evidence of Korean
STRONG_CONF = 90.0
#: syllables of evidence that make a page Korean
PAGE_EVIDENCE = 8
#: PP-OCR characters under a confident Tesseract run are replaced only below this confidence
WEAK_PPOCR = 0.8


def is_hangul(ch: str) -> bool:
    """True for Hangul syllables (standalone jamo are what Tesseract hallucinates on Latin)."""
    o = ord(ch[0]) if ch else 0
    return 0xAC00 <= o <= 0xD7A3


def _is_jamo(ch: str) -> bool:
    o = ord(ch[0]) if ch else 0
    return 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def _replaceable(under: list[RawChar], run: _Run | None = None) -> bool:
    """PP-OCR characters that may stand where a run of Hangul really is.

    Nothing at all; or fewer marks than the run has syllables (not currency signs); or
    characters read unsure on average; or,
    for a surely read run, far fewer characters than it has syllables and no Latin letter or
    digit among them (PP-OCR squeezed a Korean word into an ideograph or two). Confident
    letters, digits and ideographs otherwise stay, and a currency sign always stays.
    """
    if not under:
        return True
    if any(_is_currency(c.text) for c in under):
        return False
    if all(unicodedata.category(c.text[0])[0] in "PS" for c in under):
        # a colon standing for a whole label, not asterisks Tesseract turned into 주주
        return run is None or len(under) < len(run.chars)
    if float(np.mean([c.confidence for c in under])) < WEAK_PPOCR:
        return True
    return (
        run is not None
        and run.conf >= STRONG_CONF
        and len(run.chars) >= 2 * len(under)
        and not any(c.text.isascii() and c.text.isalnum() for c in under)
    )


def _is_currency(ch: str) -> bool:
    return unicodedata.category(ch[0]) == "Sc" if ch else False




def find_tessdata(explicit: str | Path | None = None) -> Path | None:
    """The folder holding ``kor.traineddata``, or None (``explicit`` is the only one tried)."""
    candidates: list[Path]
    if explicit is not None:
        candidates = [Path(explicit)]
    else:
        env = os.environ.get("TESSDATA_PREFIX")
        candidates = []
        if env:
            candidates += [Path(env), Path(env) / "tessdata"]
        candidates += [Path(p) for p in _TESSDATA_DIRS]
    for d in candidates:
        if (d / "kor.traineddata").is_file():
            return d
    return None


@dataclass(slots=True)
class _Sym:
    text: str
    x0: float
    x1: float
    conf: float
    word: int


class KoreanReader:
    """Tesseract ``kor`` in single-line mode, built once and reused for every line."""

    def __init__(self, api: Any, tessdata: Path) -> None:
        self._api = api
        self.tessdata = tessdata

    @classmethod
    def create(cls, tessdata: str | Path | None = None) -> KoreanReader | None:
        """A reader, or None when tesserocr or the ``kor`` data is missing (logged once)."""
        folder = find_tessdata(tessdata)
        if folder is None:
            logger.warning("Tesseract kor data not found; Hangul will be missing "
                           "(install tesseract-ocr-kor)")
            return None
        try:
            import tesserocr
        except ImportError:
            logger.warning("tesserocr is not installed; Hangul will be missing")
            return None
        try:
            api = tesserocr.PyTessBaseAPI(
                path=str(folder), lang="kor", psm=tesserocr.PSM.SINGLE_LINE,
                oem=tesserocr.OEM.LSTM_ONLY,
            )
        except RuntimeError as exc:
            logger.warning("Tesseract could not load kor from %s: %s", folder, exc)
            return None
        return cls(api, folder)

    def read_line(self, crop: Image.Image) -> list[_Sym]:
        """Symbols of one line image, left to right, with x extents in crop pixels."""
        import tesserocr

        api = self._api
        api.SetImage(crop)
        try:
            api.Recognize()
            # word breaks come from the line's text: Tesseract's WORD level splits more often
            text = api.GetUTF8Text() or ""
        except RuntimeError:  # tesserocr: "No text returned" on a blank crop
            return []
        syms: list[_Sym] = []
        it = api.GetIterator()
        if it is None:
            return syms
        for r in tesserocr.iterate_level(it, tesserocr.RIL.SYMBOL):
            try:
                sym = (r.GetUTF8Text(tesserocr.RIL.SYMBOL) or "").strip()
            except RuntimeError:  # an empty symbol: "No text returned"
                continue
            box = r.BoundingBox(tesserocr.RIL.SYMBOL)
            if sym and box is not None:
                syms.append(_Sym(sym, float(box[0]), float(box[2]),
                                 float(r.Confidence(tesserocr.RIL.SYMBOL)), 0))
        _words_from_text(syms, text)
        # Tesseract's symbol boxes sometimes overlap the next one: keep them in order
        for a, b in itertools.pairwise(syms):
            if b.x0 > a.x0 and a.x1 > b.x0:
                a.x1 = b.x0
        return syms

    def close(self) -> None:
        api, self._api = self._api, None
        if api is not None:
            api.End()


def _words_from_text(syms: list[_Sym], text: str) -> None:
    """Number the symbols' words by the spaces of ``text`` (gaps when they disagree)."""
    pos = 0
    word = 0
    aligned = True
    for s in syms:
        saw_space = False
        while pos < len(text) and text[pos].isspace():
            saw_space = True
            pos += 1
        if text.startswith(s.text, pos):
            pos += len(s.text)
        else:
            aligned = False
            break
        if saw_space and s is not syms[0]:
            word += 1
        s.word = word
    if aligned:
        return
    word = 0
    for a, b in itertools.pairwise(syms):
        a.word = word
        if b.x0 - a.x1 > 0.4 * max(a.x1 - a.x0, 1.0):
            word += 1
    if syms:
        syms[-1].word = word


#: 1-2 Latin letters glued to a number and followed by a multiplication sign
_GLUED_LATIN = re.compile(r"\d[A-Za-z]{1,2}(?=\s*[×xX*@])")


def glued_latin(line: RawLine) -> bool:
    """True when the line has Latin letters glued to a number before ``×`` (``37H×2,400``).

    On a Korean page this is a counter (``개``) PP-OCR read as a digit and a letter.
    """
    return _GLUED_LATIN.search(line.text) is not None


def _glued_letters(line: RawLine, keep: list[RawChar], run: _Run) -> list[RawChar] | None:
    """The PP-OCR characters a sure one-word Hangul run stands for when they are Latin letters
    glued to a digit (``7H`` of ``37H``): the letters under it and the digits before them that
    reach into it. None when the run is over anything else."""
    if run.conf < STRONG_CONF:
        return None
    under = _under(line, keep, run.t0, run.t1)
    if not under or not all(c.text.isascii() and c.text.isalnum() for c in under):
        return None
    kinds = "".join("a" if c.text.isalpha() else "d" for c in under)
    if not re.fullmatch(r"d*a{1,2}", kinds):
        return None
    i = keep.index(under[0])
    out = list(under)
    # the digit stroke of a misread counter reaches into the run; the quantity before it not
    while i > 0 and keep[i - 1].text.isdigit() and keep[i - 1].t1 > run.t0:
        i -= 1
        out.insert(0, keep[i])
    if i == 0 or not keep[i - 1].text.isdigit():
        return None  # the number itself stays
    return out


def suspect_line(line: RawLine, gap: float = SUSPECT_GAP) -> bool:
    """True when ``gap`` line-heights of the line carry no character, or it was read unsure."""
    if line.score < SUSPECT_SCORE:
        return True
    h = max(line.height, 1.0)
    length = line.length
    ts = sorted((c.t0, c.t1) for c in line.chars)
    if not ts:
        return True
    edges = [ts[0][0]] + [b[0] - a[1] for a, b in itertools.pairwise(ts)]
    edges.append(1.0 - max(t1 for _, t1 in ts))
    return max(edges) * length > gap * h


def _uncovered(line: RawLine) -> float:
    """How much of the line (in line heights) no character covers; empty lines first."""
    if not line.chars:
        return float("inf")
    h = max(line.height, 1.0)
    covered = sum(max(c.t1 - c.t0, 0.0) for c in line.chars)
    return max(1.0 - covered, 0.0) * line.length / h + (1.0 - line.score)


def _line_crop(image: Image.Image, line: RawLine) -> tuple[Image.Image, float, float]:
    """The line cut out upright with some margin, and (t at x=0, t per pixel)."""
    import cv2

    h = max(line.height, 1.0)
    length = max(line.length, 1.0)
    pad_t = 0.25 * h / length
    pad_v = 0.15
    corners = [
        line.point(-pad_t, -pad_v), line.point(1 + pad_t, -pad_v),
        line.point(1 + pad_t, 1 + pad_v), line.point(-pad_t, 1 + pad_v),
    ]
    w_px = max(round(length * (1 + 2 * pad_t)), 1)
    h_px = max(round(h * (1 + 2 * pad_v)), 1)
    src = np.asarray(corners, dtype=np.float32)
    dst = np.asarray([[0, 0], [w_px, 0], [w_px, h_px], [0, h_px]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    arr = cv2.warpPerspective(
        np.asarray(image), m, (w_px, h_px), borderMode=cv2.BORDER_REPLICATE,
        flags=cv2.INTER_CUBIC,
    )
    crop = Image.fromarray(arr)
    if h_px < 32:  # Tesseract reads small text better a little larger
        f = 32 / h_px
        crop = crop.resize((max(1, round(w_px * f)), 32), Image.Resampling.BICUBIC)
        return crop, -pad_t, (1 + 2 * pad_t) / crop.width
    return crop, -pad_t, (1 + 2 * pad_t) / w_px


def _runs(syms: list[_Sym]) -> list[list[_Sym]]:
    """Symbols split into runs of one word and one kind (Hangul or not)."""
    runs: list[list[_Sym]] = []
    for s in syms:
        kind = (s.word, is_hangul(s.text))
        if runs and (runs[-1][0].word, is_hangul(runs[-1][0].text)) == kind:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


@dataclass(slots=True)
class _Run:
    """A run of Tesseract symbols of one word and one kind, placed on its line."""

    chars: list[RawChar]
    conf: float  #: 0..100
    hangul: bool

    @property
    def t0(self) -> float:
        return self.chars[0].t0

    @property
    def t1(self) -> float:
        return self.chars[-1].t1


def _place_runs(syms: list[_Sym], t_origin: float, t_per_px: float) -> list[_Run]:
    runs = []
    for r in _runs(syms):
        chars = [
            RawChar(s.text, t_origin + s.x0 * t_per_px, t_origin + s.x1 * t_per_px,
                    s.conf / 100.0, s.word, source="tesseract")
            for s in r
        ]
        hangul = all(is_hangul(s.text) for s in r)
        runs.append(_Run(chars, float(np.mean([s.conf for s in r])), hangul))
    return runs


def _under(line: RawLine, chars: list[RawChar], t0: float, t1: float) -> list[RawChar]:
    """The characters whose centre, or at least half of whose width, lies in ``t0..t1``."""
    eps = 0.05 * max(line.height, 1.0) / max(line.length, 1.0)
    a, b = t0 - eps, t1 + eps
    out = []
    for c in chars:
        width = c.t1 - c.t0
        centre = (c.t0 + c.t1) / 2
        if a <= centre <= b or (width > 1e-9 and min(c.t1, b) - max(c.t0, a) >= 0.5 * width):
            out.append(c)
    return out


def hangul_evidence(line: RawLine, runs: list[_Run]) -> int:
    """Syllables Tesseract read surely (2+ in a run, conf >= 90) where PP-OCR missed the text:
    nothing under the run, only marks, or fewer than half as many characters as syllables.

    Unsure PP-OCR characters are not enough: on a faded Chinese page PP-OCR reads everything
    unsure while Tesseract ``kor`` invents Hangul over it with high confidence.
    """
    n = 0
    for run in runs:
        if not run.hangul or len(run.chars) < 2 or run.conf < STRONG_CONF:
            continue
        under = _under(line, line.chars, run.t0, run.t1)
        missed = 2 * len(under) <= len(run.chars) and not any(
            _is_currency(c.text) or (c.text.isascii() and c.text.isalnum()) for c in under
        )
        marks = all(unicodedata.category(c.text[0])[0] in "PS" for c in under)
        if missed or (marks and len(under) < len(run.chars)):
            n += len(run.chars)
    return n


def _marks_confirmed(under: list[RawChar], runs: list[_Run]) -> bool:
    """True when ``under`` is only marks and Tesseract read each of them too, at its place."""
    if not under or not all(unicodedata.category(c.text[0])[0] in "PS" for c in under):
        return False
    theirs = [c for r in runs if not r.hangul for c in r.chars]
    for c in under:
        want = unicodedata.normalize("NFKC", c.text)
        if not any(unicodedata.normalize("NFKC", t.text) == want
                   and c.t0 <= (t.t0 + t.t1) / 2 <= c.t1 for t in theirs):
            return False
    return True


def merge_line(line: RawLine, runs: list[_Run]) -> bool:
    """Merge Tesseract's runs into ``line`` in place; True when anything changed.

    Hangul runs replace PP-OCR characters under them that are unsure, ideographs or marks
    (never confident Latin letters, digits or currency signs). Other runs only fill spans PP-OCR
    left empty or read unsure, and only on a line where Hangul was accepted.
    """
    keep = list(line.chars)
    added: list[RawChar] = []
    accepted = False
    for run in runs:
        if not run.hangul or run.conf < HANGUL_CONF:
            continue
        under = _under(line, keep, run.t0, run.t1)
        glued = _glued_letters(line, keep, run)
        if glued is not None:
            keep = [c for c in keep if c not in glued]
        elif _replaceable(under, run):
            keep = [c for c in keep if c not in under]
        elif not _marks_confirmed(under, runs):
            continue
        # else: marks Tesseract read too (the brackets of "(월)") stay, the Hangul goes between
        added.extend(run.chars)
        accepted = True
    if not accepted:
        return False
    for run in runs:
        if run.hangul or run.conf < FILL_CONF:
            continue
        if any(_is_jamo(c.text) for c in run.chars):
            continue
        # a fill: any PP-OCR character touching the run counts as PP-OCR having read there
        under = [c for c in keep if min(c.t1, run.t1) - max(c.t0, run.t0) > 0]
        if under and float(np.mean([c.confidence for c in under])) >= WEAK_PPOCR:
            continue
        keep = [c for c in keep if c not in under]
        added.extend(run.chars)
    merged = sorted(keep + added, key=lambda c: (c.t0 + c.t1) / 2)
    _renumber_words(merged, line)
    line.chars = merged
    line.text = "".join(c.text for c in merged)
    line.korean = True
    return True


def _renumber_words(chars: list[RawChar], line: RawLine) -> None:
    """Word numbers after a merge: each source's own word breaks, and gaps where they meet."""
    h = max(line.height, 1.0)
    length = max(line.length, 1.0)
    numbers = [0]
    for prev, cur in itertools.pairwise(chars):
        gap_px = (cur.t0 - prev.t1) * length
        boundary = cur.word != prev.word if prev.source == cur.source else gap_px > 0.3 * h
        numbers.append(numbers[-1] + (1 if boundary else 0))
    for c, n in zip(chars, numbers, strict=True):
        c.word = n


#: how far past a line's ends (in line heights) to look for Hangul the detector cut off
EXTEND_BY = 1.3
#: share of dark pixels that says there is ink past a line's end
INK_SHARE = 0.04

_WON_LIKE = re.compile(r"(?<![0-9A-Za-z])[W\\](?=[0-9])")


def _gray(image: Image.Image, line: RawLine, t0: float, t1: float) -> np.ndarray:
    """The part ``t0..t1`` of a line, upright, as a grey array."""
    import cv2

    corners = [line.point(t0, 0.0), line.point(t1, 0.0), line.point(t1, 1.0),
               line.point(t0, 1.0)]
    w = max(round((t1 - t0) * line.length), 1)
    h = max(round(line.height), 1)
    m = cv2.getPerspectiveTransform(
        np.asarray(corners, dtype=np.float32),
        np.asarray([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32),
    )
    arr = cv2.warpPerspective(np.asarray(image.convert("L")), m, (w, h),
                              borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(arr, dtype=np.float32)


def _bbox(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = max((a[2] - a[0]) * (a[3] - a[1]), 1e-6)
    return max(w, 0.0) * max(h, 0.0) / area


def extend_for_cut_off_text(line: RawLine, others: list[RawLine], image: Image.Image) -> bool:
    """Lengthen ``line`` over ink just past its ends that no other line covers.

    PP-OCR's detector sometimes stops a line before a trailing syllable (``31,472원`` comes
    back as ``26,264``). Returns True when the quad was lengthened (characters keep their
    place on the page).
    """
    h = max(line.height, 1.0)
    length = max(line.length, 1.0)
    ext = EXTEND_BY * h / length
    body = _gray(image, line, 0.0, 1.0)
    lo, hi = np.percentile(body, 5), np.percentile(body, 95)
    if hi - lo < 40:
        return False
    threshold = (lo + hi) / 2
    boxes = [_bbox(list(o.quad)) for o in others if o is not line]
    grow = [0.0, 0.0]
    for side, (t0, t1) in enumerate(((-ext, 0.0), (1.0, 1.0 + ext))):
        region = _bbox([line.point(t0, 0.1), line.point(t1, 0.1), line.point(t1, 0.9),
                        line.point(t0, 0.9)])
        if region[0] < 0 or region[1] < 0 or region[2] > image.width or region[3] > image.height:
            continue
        if any(_overlap(region, b) > 0.05 for b in boxes):
            continue
        part = _gray(image, line, t0, t1)
        ink = part < threshold
        if float(ink.mean()) < INK_SHARE:
            continue
        cols = np.flatnonzero(ink.any(axis=0))
        # grow up to the far edge of the ink, plus a little
        if side == 0:
            grow[0] = (part.shape[1] - cols[0]) / length + 0.1 * h / length
        else:
            grow[1] = (cols[-1] + 1) / length + 0.1 * h / length
    if not any(grow):
        return False
    a, b = grow
    total = 1.0 + a + b
    line.quad = (line.point(-a, 0.0), line.point(1 + b, 0.0), line.point(1 + b, 1.0),
                 line.point(-a, 1.0))
    for c in line.chars:
        c.t0, c.t1 = (c.t0 + a) / total, (c.t1 + a) / total
    return True


def fix_won_signs(lines: list[RawLine]) -> None:
    """On a Korean page, ``W`` or ``\\`` right before an amount is the won sign ₩."""
    for line in lines:
        for i, c in enumerate(line.chars):
            if c.text not in ("W", "\\") or i + 1 >= len(line.chars):
                continue
            prev = line.chars[i - 1].text if i > 0 and line.chars[i - 1].word == c.word else ""
            if line.chars[i + 1].text.isdigit() and not (prev.isascii() and prev.isalnum()):
                c.text = "₩"
        line.text = _WON_LIKE.sub("₩", line.text)


def merge_korean(lines: list[RawLine], image: Image.Image, reader: KoreanReader) -> list[RawLine]:
    """Read the suspect lines with Tesseract ``kor``; merge Hangul only on a Korean page.

    A page is Korean when Tesseract read at least :data:`PAGE_EVIDENCE` syllables surely where
    PP-OCR saw nothing sure; on any other page nothing is changed. On a Korean page, lines are
    also lengthened over Hangul the detector cut off, and ``W``/``\\`` before amounts become ₩.
    """
    read: dict[int, tuple[RawLine, list[_Run]]] = {}
    evidence = 0

    def read_one(line: RawLine) -> list[_Run]:
        crop, t_origin, t_per_px = _line_crop(image, line)
        syms = reader.read_line(crop)
        return _place_runs(syms, t_origin, t_per_px) if syms else []

    # the most suspect lines first: if a few of them show no Hangul, the page has none
    suspects = sorted((ln for ln in lines if suspect_line(ln)), key=_uncovered, reverse=True)
    fruitless = 0
    for line in suspects:
        if evidence < PAGE_EVIDENCE and fruitless >= PROBE_LINES:
            break
        runs = read_one(line)
        found = hangul_evidence(line, runs)
        evidence += found
        fruitless = 0 if found else fruitless + 1
        read[id(line)] = (line, runs)
    changed = 0
    if evidence >= PAGE_EVIDENCE:
        for line in lines:
            if not line.chars:
                continue
            extended = extend_for_cut_off_text(line, lines, image)
            if extended or (id(line) not in read and (
                    suspect_line(line, KOREAN_PAGE_GAP) or glued_latin(line))):
                read[id(line)] = (line, read_one(line))
        changed = sum(merge_line(line, runs) for line, runs in read.values() if runs)
        fix_won_signs(lines)
    logger.debug("korean pass: %d of %d lines read, evidence %d, %d changed",
                 len(read), len(lines), evidence, changed)
    return lines
