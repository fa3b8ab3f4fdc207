"""The extractor seam: OCR pages plus a template in, values *without geometry* out.

Grounding (the box, the match_ratio) is done once, by :mod:`spaceocr.core.matching`, for every
extractor: an extractor may give hints (the characters it read a value from, a region), never
a box of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from spaceocr.core.templates.schema import Template
from spaceocr.core.types import Extraction, OcrPage

__all__ = ["Extractor"]


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str

    def is_available(self) -> bool:
        ...

    def extract(
        self,
        pages: Sequence[OcrPage],
        template: Template,
        *,
        cancel: threading.Event | None = None,
    ) -> Extraction:
        """Find the template's fields in the pages.

        A field that is not on the document is left out (no empty strings, no guesses).
        """
        ...
