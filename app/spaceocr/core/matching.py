"""Ground extracted values on the characters the OCR saw.

``ground(value, pages, hint)`` finds the span of OCR characters that best spells ``value`` and
returns a :class:`~spaceocr.core.types.Grounding` (the box comes from those characters, never
from an extractor), or None when nothing of the value is on the pages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from spaceocr.core.types import Grounding, MatchHint, OcrPage, Quad

__all__ = ["ground", "normalize", "quad_for_chars"]


def normalize(text: str) -> str:
    """The comparison view of a text: NFKC, case-folded, whitespace dropped."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def quad_for_chars(page: OcrPage, indices: Sequence[int]) -> Quad:
    """The enclosing axis-aligned quad of some of a page's characters."""
    boxes = [page.chars[i].quad.bbox for i in indices]
    return Quad.from_bbox(
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )


def ground(
    value: str, pages: Sequence[OcrPage], hint: MatchHint | None = None
) -> Grounding | None:
    """Find ``value`` among the pages' characters (exact match on the normalised view)."""
    target = normalize(value)
    if not target:
        return None
    for page in pages:
        view: list[str] = []
        owner: list[int] = []
        for i, ch in enumerate(page.chars):
            for c in normalize(ch.text):
                view.append(c)
                owner.append(i)
        pos = "".join(view).find(target)
        if pos >= 0:
            idx = tuple(sorted(set(owner[pos : pos + len(target)])))
            return Grounding(page.index, quad_for_chars(page, idx), 1.0, "ocr_chars", idx)
    return None
