"""Page orientation: which quarter turn makes a scanned page upright, and the way back.

The page's own detection decides: when most of the text (by length) sits in boxes taller than
wide, the page lies on its side and is turned a quarter before it is detected again; the 0/180
line classifier then votes on the longest lines. An upright page (the usual case) costs only
the classifier on a dozen crops. Skew of a few degrees needs nothing here: the detector returns
tilted quads and the characters follow them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PIL import Image

from spaceocr.core.ocr.ppocr import Detection, PpOcr

__all__ = ["flat_angle", "rotate_upright", "unrotate_point"]

logger = logging.getLogger(__name__)

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


def flat_angle(ocr: PpOcr, det: Detection) -> int | None:
    """0 or 180 for a page whose lines lie flat; None when the page lies on its side.

    The detector's boxes say flat or sideways (by the length of text in wide and in tall
    boxes); the 0/180 classifier votes on the longest flat lines, weighted by confidence and
    length.
    """
    shapes = det.shapes()
    wide = sum(w for w, h in shapes if w >= 1.5 * h)
    tall = sum(h for w, h in shapes if h >= 1.5 * w)
    if tall > wide:
        return None
    voters = sorted((i for i, (w, h) in enumerate(shapes) if w >= 2 * h),
                    key=lambda i: shapes[i][0], reverse=True)[:_VOTERS]
    if not voters:
        return 0
    up = down = 0.0
    for i, (label, score) in zip(voters, ocr.classify([det.crops[i] for i in voters]),
                                 strict=False):
        weight = score * math.sqrt(shapes[i][0])
        if label == "180":
            down += weight
        else:
            up += weight
    logger.debug("orientation: wide=%.0f tall=%.0f up=%.2f down=%.2f", wide, tall, up, down)
    return 180 if down > up else 0
