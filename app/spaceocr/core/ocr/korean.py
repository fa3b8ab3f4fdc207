"""Hangul: Tesseract ``kor`` on the lines PP-OCR could not read, merged without harm.

PP-OCR's dictionary has no Hangul: a Korean word comes back missing (the line's quad covers
it but no character does), as digits, or as Chinese characters read with low confidence. So a
line is *suspect* when part of its length is not covered by any character, or when its
confidence is low. Only suspect lines are read again, one line crop at a time (tens of
milliseconds each), by Tesseract with the ``kor`` data in single-line mode.

The merge acts only where Hangul really is. A run of Hangul that Tesseract read confidently
replaces whatever PP-OCR put under it (PP-OCR cannot be right there). Digits and Latin letters
Tesseract read on such a line fill spans PP-OCR left empty, and replace PP-OCR's characters only
where those were unconfident. A line where Tesseract finds no confident Hangul is left as PP-OCR
read it, so Chinese and Japanese text is never replaced.
"""

from __future__ import annotations

import itertools
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from spaceocr.core.ocr.ppocr import RawChar, RawLine

__all__ = [
    "KoreanReader",
    "find_tessdata",
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
#: PP-OCR characters under a confident Tesseract run are replaced only below this confidence
WEAK_PPOCR = 0.8


def is_hangul(ch: str) -> bool:
    """True for Hangul syllables and jamo."""
    o = ord(ch[0]) if ch else 0
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


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
        api.Recognize()
        # word breaks come from the line's text: Tesseract's WORD level splits more often
        text = api.GetUTF8Text() or ""
        syms: list[_Sym] = []
        it = api.GetIterator()
        if it is None:
            return syms
        for r in tesserocr.iterate_level(it, tesserocr.RIL.SYMBOL):
            sym = (r.GetUTF8Text(tesserocr.RIL.SYMBOL) or "").strip()
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


def suspect_line(line: RawLine) -> bool:
    """True when part of the line is not covered by characters, or it was read unsure."""
    if line.score < SUSPECT_SCORE:
        return True
    h = max(line.height, 1.0)
    length = line.length
    ts = sorted((c.t0, c.t1) for c in line.chars)
    if not ts:
        return True
    edges = [ts[0][0]] + [b[0] - a[1] for a, b in itertools.pairwise(ts)]
    edges.append(1.0 - max(t1 for _, t1 in ts))
    return max(edges) * length > SUSPECT_GAP * h


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


def merge_line(line: RawLine, syms: list[_Sym], t_origin: float, t_per_px: float) -> bool:
    """Merge Tesseract's symbols into ``line`` in place; True when anything changed."""
    tsyms = [
        RawChar(s.text, t_origin + s.x0 * t_per_px, t_origin + s.x1 * t_per_px,
                s.conf / 100.0, s.word, source="tesseract")
        for s in syms
    ]
    runs = _runs(syms)
    hangul_runs = [
        r for r in runs
        if is_hangul(r[0].text) and float(np.mean([s.conf for s in r])) >= HANGUL_CONF
    ]
    if not hangul_runs:
        return False
    by_sym = {id(s): t for s, t in zip(syms, tsyms, strict=True)}
    keep = list(line.chars)
    added: list[RawChar] = []
    eps = 0.15 * max(line.height, 1.0) / max(line.length, 1.0)
    for run in runs:
        conf = float(np.mean([s.conf for s in run]))
        chars = [by_sym[id(s)] for s in run]
        t0, t1 = chars[0].t0, chars[-1].t1
        under = [c for c in keep if t0 - eps <= (c.t0 + c.t1) / 2 <= t1 + eps]
        if is_hangul(run[0].text):
            if conf < HANGUL_CONF:
                continue
        else:
            if conf < FILL_CONF:
                continue
            if under and float(np.mean([c.confidence for c in under])) >= WEAK_PPOCR:
                continue
        keep = [c for c in keep if c not in under]
        added.extend(chars)
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


def merge_korean(lines: list[RawLine], image: Image.Image, reader: KoreanReader) -> list[RawLine]:
    """Read the suspect lines with Tesseract ``kor`` and merge their Hangul in place."""
    read = changed = 0
    for line in lines:
        if not suspect_line(line):
            continue
        crop, t_origin, t_per_px = _line_crop(image, line)
        syms = reader.read_line(crop)
        read += 1
        if syms and merge_line(line, syms, t_origin, t_per_px):
            changed += 1
    logger.debug("korean pass: %d of %d lines read, %d changed", read, len(lines), changed)
    return lines
