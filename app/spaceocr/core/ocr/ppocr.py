"""PP-OCR through rapidocr, with the models that ship inside the rapidocr wheel.

This module hides rapidocr's quirks behind one small class:

- the models are named by path (the files packaged in ``rapidocr/models``), so rapidocr never
  reaches its download code; a missing file is :class:`EngineUnavailable`, not a download;
- per-call flags (``use_det``, ``use_cls``, ``use_rec``, word boxes) persist on a RapidOCR
  instance, so every call here passes all of them;
- an empty page comes back as an output with no boxes (or ``(("", 1.0, None),)`` word
  results); that becomes an empty list of lines.

Lines come back in the pixel coordinates of the image given, each with its detection quad and
its characters as fractions ``t0..t1`` along the line, which is what lets a character's quad be
computed on the line's own (possibly tilted) quad.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spaceocr.core.errors import EngineUnavailable

__all__ = ["CLS_MODEL", "DET_MODEL", "REC_MODEL", "PpOcr", "RawChar", "RawLine", "model_dir"]

logger = logging.getLogger(__name__)

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

Pt = tuple[float, float]


@dataclass(slots=True)
class RawChar:
    """A character on a line: its text, position along the line (0..1) and confidence."""

    text: str
    t0: float
    t1: float
    confidence: float
    word: int  #: words are numbered within the line
    source: str = "ppocr"


@dataclass(slots=True)
class RawLine:
    """A detected line in image pixels: quad (tl, tr, br, bl), text, score and characters."""

    quad: tuple[Pt, Pt, Pt, Pt]
    text: str
    score: float
    chars: list[RawChar] = field(default_factory=list)
    korean: bool = False  #: Tesseract's Hangul was merged into this line

    @property
    def length(self) -> float:
        (x0, y0), (x1, y1) = self.quad[0], self.quad[1]
        return float(np.hypot(x1 - x0, y1 - y0))

    @property
    def height(self) -> float:
        (x0, y0), (x3, y3) = self.quad[0], self.quad[3]
        (x1, y1), (x2, y2) = self.quad[1], self.quad[2]
        return float((np.hypot(x3 - x0, y3 - y0) + np.hypot(x2 - x1, y2 - y1)) / 2)

    def point(self, t: float, v: float) -> Pt:
        """The pixel at fraction ``t`` along the line and ``v`` down its height (0..1)."""
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = self.quad
        top = (ax + (bx - ax) * t, ay + (by - ay) * t)
        bot = (dx + (cx - dx) * t, dy + (cy - dy) * t)
        return (top[0] + (bot[0] - top[0]) * v, top[1] + (bot[1] - top[1]) * v)


def model_dir() -> Path:
    """Where the rapidocr wheel keeps its models."""
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


class PpOcr:
    """A lazily built RapidOCR with the packaged PP-OCR models; safe to share between pages."""

    def __init__(self, *, threads: int = 0, text_score: float = 0.5) -> None:
        self._threads = threads
        self._text_score = text_score
        self._ocr: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def model_paths() -> dict[str, Path]:
        root = model_dir()
        return {"det": root / DET_MODEL, "rec": root / REC_MODEL, "cls": root / CLS_MODEL}

    @classmethod
    def models_present(cls) -> bool:
        try:
            return all(p.is_file() for p in cls.model_paths().values())
        except ImportError:
            return False

    def _engine(self) -> Any:
        if self._ocr is not None:
            return self._ocr
        with self._lock:
            if self._ocr is None:
                self._ocr = self._build()
        return self._ocr

    def _build(self) -> Any:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise EngineUnavailable(
                "the embedded OCR engine needs rapidocr and onnxruntime; reinstall spaceocr "
                "with pip"
            ) from exc
        paths = self.model_paths()
        missing = [p.name for p in paths.values() if not p.is_file()]
        if missing:
            raise EngineUnavailable(
                f"the embedded OCR models are missing from the rapidocr package "
                f"({', '.join(missing)}); reinstall rapidocr==3.10.0 with pip"
            )
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.text_score": self._text_score,
            "Global.model_root_dir": str(model_dir()),
            "Det.model_path": str(paths["det"]),
            "Rec.model_path": str(paths["rec"]),
            "Cls.model_path": str(paths["cls"]),
        }
        if self._threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = self._threads
        logger.info("loading PP-OCR models from %s", model_dir())
        return RapidOCR(params=params)

    # ------------------------------------------------------------------ calls
    def detect(self, bgr: np.ndarray) -> Detection:
        """Find the text lines of an image (rapidocr's own pre-processing and detector)."""
        ocr = self._engine()
        # flags persist on the instance: set every one, every time
        ocr.update_params(
            use_det=True, use_cls=False, use_rec=True,
            return_word_box=True, return_single_char_box=True,
        )
        img, op_record = ocr.preprocess_img(bgr)
        try:
            crops, det = ocr.detect_and_crop(img, op_record)
        except Exception as exc:  # rapidocr's RapidOCRError: "detection result is empty"
            if type(exc).__name__ != "RapidOCRError":
                raise
            return Detection(bgr.shape[0], bgr.shape[1], op_record, None, [])
        if det.boxes is None or len(det.boxes) == 0:
            return Detection(bgr.shape[0], bgr.shape[1], op_record, None, [])
        return Detection(bgr.shape[0], bgr.shape[1], op_record,
                         np.asarray(det.boxes, dtype=np.float32), list(crops))

    def classify(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """The 0/180 line classifier on line crops: (label, score) each."""
        if not crops:
            return []
        ocr = self._engine()
        _imgs, res = ocr.cls_and_rotate([c.copy() for c in crops])
        return [(str(label), float(score)) for label, score in (res.cls_res or [])]

    def recognize(self, det: Detection) -> list[RawLine]:
        """Recognise detected lines; every line (even one read as empty), with its characters.

        Unlike ``RapidOCR.__call__`` this keeps lines read as empty or with a low score (they
        are where Hangul hides) and skips the 0/180 line classifier (the page is upright by
        now). It runs rapidocr's own steps, so the models and their pre-processing are the same.
        """
        from rapidocr.utils.process_img import map_boxes_to_original, map_img_to_original

        if det.boxes is None or not det.crops:
            return []  # rapidocr's empty page
        ocr = self._engine()
        ocr.update_params(
            use_det=True, use_cls=False, use_rec=True,
            return_word_box=True, return_single_char_box=True,
        )
        try:
            rec_res = ocr.recognize_txt(det.crops)
        except Exception as exc:  # rapidocr's RapidOCRError: nothing recognised
            if type(exc).__name__ != "RapidOCRError":
                raise
            return []
        if rec_res.txts is None or len(rec_res.txts) == 0:
            return []
        boxes = map_boxes_to_original(det.boxes.copy(), det.op_record, det.height, det.width)
        pre = det.op_record["preprocess"]
        crops = map_img_to_original(det.crops, pre["ratio_h"], pre["ratio_w"])
        entries: list[Any] = [[] for _ in rec_res.txts]
        try:
            words = ocr.cal_rec_boxes(crops, boxes, rec_res, True).word_results
            if len(words) == len(entries):
                entries = [list(x) for x in words]
        except Exception:
            logger.debug("character boxes failed; spacing characters evenly", exc_info=True)
        lines: list[RawLine] = []
        for quad_arr, txt, score, ent in zip(boxes, rec_res.txts, rec_res.scores, entries,
                                             strict=True):
            line = RawLine(_quad(quad_arr), str(txt), float(score))
            line.chars = _chars_on_line(line, ent if _entries_match(ent, line.text) else [])
            fix_prolonged_marks(line)
            lines.append(line)
        return lines

    def read(self, bgr: np.ndarray) -> list[RawLine]:
        """Detect and recognise an upright image."""
        return self.recognize(self.detect(bgr))


@dataclass(slots=True)
class Detection:
    """Lines found on an image: boxes in the pre-processed image, crops, and the way back."""

    height: int
    width: int
    op_record: dict[str, Any]
    boxes: np.ndarray | None
    crops: list[np.ndarray]

    def shapes(self) -> list[tuple[float, float]]:
        """(length along the top edge, height) of every box."""
        if self.boxes is None:
            return []
        out = []
        for b in self.boxes.reshape(-1, 4, 2):
            w = float(np.linalg.norm(b[0] - b[1]))
            h = float(np.linalg.norm(b[0] - b[3]))
            out.append((w, h))
        return out


_DASHES = "一‐-－—―ｰ"


def _is_kana(ch: str) -> bool:
    return 0x30A1 <= ord(ch[0]) <= 0x30FA or 0x3041 <= ord(ch[0]) <= 0x3096


def fix_prolonged_marks(line: RawLine) -> None:
    """PP-OCR reads the prolonged sound mark ー after kana as 一 or a dash: put ー back.

    A dash before a digit or a Latin letter is left alone (a part number, a range).
    """
    chars = line.chars
    changed = False
    for i, c in enumerate(chars):
        if c.text not in _DASHES or i == 0 or not _is_kana(chars[i - 1].text):
            continue
        nxt = chars[i + 1].text if i + 1 < len(chars) else ""
        if c.text != "一" and nxt and nxt.isascii() and nxt.isalnum():
            continue
        c.text = "ー"
        changed = True
    if changed:
        out = []
        k = 0
        for ch in line.text:
            if ch.isspace():
                out.append(ch)
            else:
                out.append(chars[k].text if k < len(chars) else ch)
                k += 1
        line.text = "".join(out)


def _quad(arr: Any) -> tuple[Pt, Pt, Pt, Pt]:
    a = np.asarray(arr, dtype=float).reshape(4, 2)
    return (
        (float(a[0, 0]), float(a[0, 1])),
        (float(a[1, 0]), float(a[1, 1])),
        (float(a[2, 0]), float(a[2, 1])),
        (float(a[3, 0]), float(a[3, 1])),
    )


def _entries_match(entries: Any, txt: str) -> bool:
    try:
        chars = "".join(str(e[0]) for e in entries if e[2] is not None)
    except (TypeError, IndexError):
        return False
    return chars == "".join(txt.split())


def _chars_on_line(line: RawLine, entries: list[Any]) -> list[RawChar]:
    """Characters with their extent along the line; words split where the text has spaces."""
    txt = line.text
    glyphs = [c for c in txt if not c.isspace()]
    spans: list[tuple[float, float, float]] = []
    if entries and len(entries) == len(glyphs):
        (ax, ay), (bx, by) = line.quad[0], line.quad[1]
        ux, uy = bx - ax, by - ay
        length2 = ux * ux + uy * uy or 1.0
        for _, conf, box in entries:
            pts = np.asarray(box, dtype=float).reshape(-1, 2)
            ts = ((pts[:, 0] - ax) * ux + (pts[:, 1] - ay) * uy) / length2
            spans.append((float(np.clip(ts.min(), 0, 1)), float(np.clip(ts.max(), 0, 1)),
                          float(conf)))
    else:
        # no character boxes: share the line's length out evenly (rare; logged)
        if glyphs:
            logger.debug("line %r: no per-character boxes, spacing evenly", txt)
        n = len(txt) or 1
        pos = [i for i, c in enumerate(txt) if not c.isspace()]
        spans = [(i / n, (i + 1) / n, line.score) for i in pos]
    out: list[RawChar] = []
    word = 0
    k = 0
    prev_space = False
    for c in txt:
        if c.isspace():
            prev_space = True
            continue
        if prev_space and out:
            word += 1
        prev_space = False
        t0, t1, conf = spans[k]
        k += 1
        out.append(RawChar(c, t0, max(t1, t0), conf, word))
    return out
