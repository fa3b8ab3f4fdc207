"""Ground extracted values on the characters the OCR saw.

The promise of the product is that a box is never a model's guess: :func:`ground` finds the span
of OCR characters that best spells a value and builds the box from *those characters*, and
``match_ratio`` says how much of the value was found there.

How a value is found
--------------------
1. Both the value and every page are put in a *comparison view* (:func:`normalize`): NFKC
   (full-width and half-width forms fold together), case-folded, whitespace dropped (so
   ``山田　太郎`` matches ``山田太郎`` and ``Oat milk 2 qt`` tolerates OCR spacing), dashes unified,
   ``\\`` read as ``¥`` and ``W`` before a digit read as ``₩``, thousands separators between
   digits dropped. Every view character remembers the OCR character it came from, so the
   original characters give the box (:class:`PageView`, in :mod:`spaceocr.core.matching_view`).
   A page's view is built once and cached (:class:`MatchIndex`, in
   :mod:`spaceocr.core.matching_index`), because a document's 15-40 values are grounded over
   the same pages.
2. Exact occurrences first (``str.find`` on the view; a view runs across lines, so a value
   printed over two lines is one occurrence).
3. Otherwise a fuzzy search: rapidfuzz's ``partial_ratio_alignment`` proposes windows (each
   line, each pair of lines, the whole page) and a small semi-global edit-distance alignment
   on each window (:mod:`spaceocr.core.matching_align`) gives the exact span and the number
   of value characters located. One misread character lowers the ratio instead of losing the
   box.
4. A value whose words the OCR put in separate places is grounded word by word and the pieces
   joined when they sit close together.
5. A value that is a normalised form (an ISO date, a plain decimal, a 24-hour time) is also
   looked for in the printed forms it may have (:func:`printed_forms`): ``2026-05-18`` as
   ``令和8年5月18日``, ``2026年5月18日``, ``18.05.2026``, ``May 18, 2026``; ``19507.47`` as
   ``19.507,47``. A currency mark that the page prints differently (``¥2,530`` for
   ``2,530円``) counts as located (both in :mod:`spaceocr.core.matching_forms`).

``match_ratio`` = value characters located / (value characters + extra characters inside the
span), on the comparison view: 1.0 means every character was located; below
:data:`MIN_RATIO` the match is junk and there is no box at all.

Choosing between repeats
------------------------
Candidates within :data:`CONTENDER_GAP` of the best ratio compete. A candidate that sits inside
a longer word or number (``230`` inside ``2,300``) loses to one that stands alone. Then the hint
decides: the characters an extractor cites (used directly when they spell the value), a page,
a region, a point (a label's position; candidates to its right or below are preferred).
Without a hint the first in reading order wins. ``is_ambiguous`` records that more than one
place fitted equally well.

The box is the rectangle around the chosen characters, turned to their angle
(:func:`oriented_quad`, in :mod:`spaceocr.core.matching_geometry`). This module keeps the entry
point and re-exports the names callers use.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spaceocr.core.matching_forms import printed_forms
from spaceocr.core.matching_geometry import oriented_quad, quad_for_chars
from spaceocr.core.matching_index import (
    CONTENDER_GAP,
    MIN_RATIO,
    Candidate,
    MatchIndex,
    label_cost,
)
from spaceocr.core.matching_view import PageView, normalize
from spaceocr.core.types import Grounding, MatchHint, OcrPage

__all__ = [
    "CONTENDER_GAP",
    "MIN_RATIO",
    "Candidate",
    "MatchIndex",
    "PageView",
    "ground",
    "label_cost",
    "normalize",
    "oriented_quad",
    "printed_forms",
    "quad_for_chars",
]

logger = logging.getLogger(__name__)


def ground(
    value: str, pages: Sequence[OcrPage], hint: MatchHint | None = None
) -> Grounding | None:
    """Find the OCR characters that best spell ``value`` on any of ``pages``.

    Returns a :class:`Grounding` (box from the characters, ``match_ratio`` 0..1, the chars)
    or None when less than :data:`MIN_RATIO` of the value is on the pages.
    """
    return MatchIndex(pages).ground(value, hint)
