"""Page orientation: which quarter turn makes a scanned page upright, and the way back.

The probe runs PP-OCR's detector on a small copy of the page: when most of the text (by
length) sits in segments taller than wide, the page lies on its side. The 0/180 classifier
then votes on the longest segments of the page turned upright-or-upside-down. Skew of a few
degrees needs nothing here: the detector returns tilted quads and the characters follow them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

import numpy as np
from PIL import Image

from spaceocr.core.ocr.ppocr import PpOcr, RawLine

__all__ = ["PROBE_SIDE", "detect_rotation", "rotate_upright", "unrotate_point"]

logger = logging.getLogger(__name__)

#: longest side of the copy the orientation probe looks at
PROBE_SIDE = 960
#: how many of the longest segments the 0/180 classifier votes on
_VOTERS = 12

_TRANSPOSE = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def rotate_upright(image: Image.Image, angle: int) -> Image.Image:
    """``image`` turned counter-clockwise by ``angle`` (0, 90, 180, 270) degrees."""
    return image if angle % 360 == 0 else image.transpose(_TRANSPOSE[angle % 360])


def unrotate_point(
    angle: int, width: float, height: float
) -> Callable[[float, float], tuple[float, float]]:
    """Maps a pixel of the image turned by ``angle`` back to the original ``width``×``height``."""
    a = angle % 360
    if a == 0:
        return lambda x, y: (x, y)
    if a == 90:  # original (x, y) went to (y, W - x)
        return lambda x, y: (width - y, x)
    if a == 180:
        return lambda x, y: (width - x, height - y)
    return lambda x, y: (y, height - x)  # 270: original (x, y) went to (H - y, x)


def _to_bgr(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _crop(bgr: np.ndarray, quad: tuple[tuple[float, float], ...]) -> np.ndarray:
    import cv2

    pts = np.asarray(quad, dtype=np.float32)
    w = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    h = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    w, h = max(w, 1), max(h, 1)
    dst = np.asarray([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(pts, dst)
    return cv2.warpPerspective(bgr, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def detect_rotation(ocr: PpOcr, image: Image.Image) -> int:
    """The counter-clockwise quarter turn (0, 90, 180, 270) that makes ``image`` upright."""
    scale = min(1.0, PROBE_SIDE / max(image.size))
    small = image if scale >= 1.0 else image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.BILINEAR,
    )
    quads = ocr.detect(_to_bgr(small))
    if not quads:
        return 0
    wide = tall = 0.0
    for q in quads:
        seg = RawLine(q, "", 0.0)
        w, h = seg.length, seg.height
        # a segment's text length is its long side; square blobs say nothing
        if w >= 1.5 * h:
            wide += w
        elif h >= 1.5 * w:
            tall += h
    sideways = tall > wide
    base = 90 if sideways else 0
    turned = rotate_upright(small, base)
    bgr = _to_bgr(turned)
    segs = [RawLine(q, "", 0.0) for q in (ocr.detect(bgr) if sideways else quads)]
    segs = [s for s in segs if s.length >= 2 * max(s.height, 1.0)]
    segs.sort(key=lambda s: s.length, reverse=True)
    up = down = 0.0
    for s in segs[:_VOTERS]:
        label, score = ocr.classify(_crop(bgr, s.quad))
        weight = score * math.sqrt(s.length)
        if label == "180":
            down += weight
        else:
            up += weight
    angle = (base + (180 if down > up else 0)) % 360
    logger.debug("orientation probe: wide=%.0f tall=%.0f up=%.2f down=%.2f -> %d",
                 wide, tall, up, down, angle)
    return angle
