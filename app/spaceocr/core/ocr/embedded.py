"""The embedded (offline) engine: PP-OCR for every script, Tesseract ``kor`` where Hangul is.

Everything it needs installs with pip (rapidocr's wheel carries the PP-OCR models, tesserocr
bundles libtesseract) except Tesseract's Korean data, which comes from the OS package
``tesseract-ocr-kor``. Without that data the engine still reads every page and marks each one
with the warning ``korean_unavailable``. Nothing is downloaded, ever.

Per page:

1. a faded page has its contrast stretched; the page's detection tells whether it lies on its
   side or upside down (:mod:`.orientation`), and it is turned upright;
2. PP-OCR reads the page: line quads (tilted with the text), characters along each line;
3. where PP-OCR left a line's text uncovered or read it with low confidence, Tesseract ``kor``
   reads that line; its Hangul replaces what PP-OCR put there (PP-OCR has no Hangul at all),
   and anything else PP-OCR read well is kept (:mod:`.korean`);
4. lines and characters are tightened onto their ink (:mod:`.ink`); an asterisk read as a
   middle dot and a decimal point the scan lost are put back (:mod:`.marks`);
5. on a Japanese page, kanji read in a Chinese-only form get their Japanese form back
   (:mod:`.scripts`);
6. segments are grouped into rows in reading order and every character's quad is mapped back
   to the page as given, page-relative (:mod:`.layout`).

Models load on the first :meth:`EmbeddedEngine.recognize` and are reused for every page after.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from spaceocr.core.errors import Cancelled, EngineRequestFailed, EngineUnavailable
from spaceocr.core.ocr.ink import tighten_lines
from spaceocr.core.ocr.layout import build_chars, group_rows
from spaceocr.core.ocr.marks import restore_asterisks, restore_decimal_points
from spaceocr.core.ocr.orientation import flat_angle, rotate_upright, unrotate_point
from spaceocr.core.ocr.ppocr import Detection, PpOcr
from spaceocr.core.ocr.scripts import is_japanese_page, japanese_form
from spaceocr.core.types import OcrPage

if TYPE_CHECKING:
    from spaceocr.core.ocr.korean import KoreanReader

__all__ = ["EmbeddedEngine"]

logger = logging.getLogger(__name__)

#: lines PP-OCR read with less confidence than this are dropped (rapidocr's own default)
MIN_LINE_SCORE = 0.5


#: a page whose grey levels span less than this (0.5..99.5 percentile) is stretched first
LOW_CONTRAST_RANGE = 170.0


def stretch_contrast(image: Image.Image) -> Image.Image:
    """A faded scan with its grey levels stretched to the full range; other pages unchanged."""
    small = image.convert("L")
    small.thumbnail((800, 800))
    g = np.asarray(small, dtype=np.float32)
    lo, hi = (float(v) for v in np.percentile(g, (0.5, 99.5)))
    if hi - lo >= LOW_CONTRAST_RANGE or hi - lo < 8.0:
        return image
    lut = [min(255, max(0, round((v - lo) * 255.0 / (hi - lo)))) for v in range(256)]
    logger.debug("low contrast (%.0f..%.0f): stretched", lo, hi)
    return image.point(lut * 3)


def _bgr(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


class EmbeddedEngine:
    """PP-OCR (rapidocr, models in the wheel) plus Tesseract ``kor`` for Hangul.

    Args:
        tessdata: folder holding ``kor.traineddata``; by default ``TESSDATA_PREFIX`` and the
            usual OS locations are searched. A folder without it means no Korean pass.
        korean: False turns the Korean pass off (no warning then).
        detect_orientation: False skips the quarter-turn probe (pages taken as upright).
        threads: onnxruntime threads (0: onnxruntime's default).
    """

    name = "embedded"
    version = "ppocrv6-small+tesseract-kor"

    def __init__(
        self,
        *,
        tessdata: str | Path | None = None,
        korean: bool = True,
        detect_orientation: bool = True,
        threads: int = 0,
    ) -> None:
        self._ppocr = PpOcr(threads=threads)
        self._tessdata = Path(tessdata) if tessdata is not None else None
        self._korean_enabled = korean
        self._detect_orientation = detect_orientation
        self._korean: KoreanReader | None = None
        self._korean_checked = False
        self._lock = threading.Lock()

    def is_available(self) -> bool:
        """True when rapidocr and its packaged models are installed (no model is loaded)."""
        return PpOcr.models_present()

    @property
    def korean_available(self) -> bool:
        """True when Tesseract and its ``kor`` data can be used."""
        return self._korean_reader() is not None

    def _korean_reader(self) -> KoreanReader | None:
        if not self._korean_enabled:
            return None
        if not self._korean_checked:
            from spaceocr.core.ocr.korean import KoreanReader

            self._korean = KoreanReader.create(self._tessdata)
            self._korean_checked = True
        return self._korean

    def _upright(self, image: Image.Image) -> tuple[int, Image.Image, Detection]:
        """The page turned upright: (counter-clockwise turn, image, its detection)."""
        det = self._ppocr.detect(_bgr(image))
        if not self._detect_orientation or det.boxes is None:
            return 0, image, det
        flat = flat_angle(self._ppocr, det)
        if flat == 0:
            return 0, image, det
        if flat == 180:
            turned = rotate_upright(image, 180)
            return 180, turned, self._ppocr.detect(_bgr(turned))
        turned = rotate_upright(image, 90)
        det = self._ppocr.detect(_bgr(turned))
        if flat_angle(self._ppocr, det) == 180:
            turned = rotate_upright(image, 270)
            return 270, turned, self._ppocr.detect(_bgr(turned))
        return 90, turned, det

    def recognize(
        self,
        image: Image.Image,
        *,
        page_index: int = 0,
        dpi: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> OcrPage:
        """Read one page image; characters come back in reading order, quads on the page."""
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        rgb = image if image.mode == "RGB" else image.convert("RGB")
        width, height = rgb.size
        warnings: list[str] = []
        with self._lock:  # one page at a time through the shared models
            try:
                angle, upright, det = self._upright(stretch_contrast(rgb))
                lines = self._ppocr.recognize(det)
                if cancel is not None and cancel.is_set():
                    raise Cancelled("cancelled by the user")
                reader = self._korean_reader()
                if reader is not None:
                    from spaceocr.core.ocr.korean import merge_korean

                    lines = merge_korean(lines, upright, reader)
                elif self._korean_enabled:
                    warnings.append("korean_unavailable")
                tighten_lines(lines, upright)
                restore_asterisks(lines, upright)
                restore_decimal_points(lines)
            except (Cancelled, EngineRequestFailed, EngineUnavailable):
                raise
            except MemoryError as exc:
                raise EngineRequestFailed(
                    f"page {page_index + 1}: out of memory while reading it; try a lower dpi",
                    page=page_index + 1,
                ) from exc
            except Exception as exc:
                raise EngineRequestFailed(
                    f"page {page_index + 1}: the embedded OCR failed "
                    f"({type(exc).__name__}: {exc})",
                    page=page_index + 1,
                ) from exc
        lines = [ln for ln in lines if ln.chars and (ln.korean or ln.score >= MIN_LINE_SCORE)]
        if is_japanese_page(ln.text for ln in lines):
            for ln in lines:
                for ch in ln.chars:
                    ch.text = japanese_form(ch.text)
        rows = group_rows(lines)
        chars = build_chars(rows, width, height, unrotate_point(angle, width, height))
        return OcrPage(
            index=page_index,
            width_px=width,
            height_px=height,
            dpi=float(dpi),
            engine=self.name,
            chars=chars,
            warnings=tuple(warnings),
        )
