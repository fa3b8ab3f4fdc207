"""Compose the features: document → OCR → extraction → matcher → result.

``process_document`` is synchronous and knows nothing of Qt: it takes a progress callback and a
cancel token (a :class:`threading.Event`), so the CLI, the GUI's workers and any server call it
the same way.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spaceocr.core import matching
from spaceocr.core.documents import DEFAULT_DPI, Document, DocumentLimits, open_document
from spaceocr.core.errors import Cancelled, PageError
from spaceocr.core.extract.base import Extractor
from spaceocr.core.ocr.base import OcrEngine
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import (
    CONFIDENT_RATIO,
    DocumentResult,
    ExtractedField,
    FieldResult,
    FieldStatus,
    LineItem,
    OcrPage,
    ResultWarning,
)

__all__ = [
    "MODES",
    "PipelineOptions",
    "ProgressCallback",
    "ReadDocument",
    "build_components",
    "component_names",
    "ground_extracted",
    "ocr_document",
    "process_document",
    "read_document",
    "tidy_value",
]

logger = logging.getLogger(__name__)

#: (stage, done, total): stage is "ocr", "extract" or "match"; done/total count pages for "ocr".
ProgressCallback = Callable[[str, int, int], None]

MODES = ("offline", "cloud", "hosted")


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """How documents are opened and read."""

    dpi: int = DEFAULT_DPI
    password: str | None = None
    limits: DocumentLimits = field(default_factory=DocumentLimits)
    use_text_layer: bool = True  #: read a born-digital PDF's own text instead of OCR


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the user")


def _read_text_layer(doc: Document, index: int, dpi: float) -> OcrPage | None:
    """A born-digital PDF page's own characters, or None when it has none worth using."""
    try:
        from spaceocr.core.ocr.pdf_text import read_text_layer
    except ImportError:  # the text-layer reader is optional
        return None
    page = doc.pdf_page(index)
    return None if page is None else read_text_layer(page, index, dpi)


def ocr_document(
    doc: Document,
    engine: OcrEngine,
    *,
    options: PipelineOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> tuple[list[OcrPage], list[ResultWarning], list[tuple[int, int]]]:
    """Read every page of an open document, one page in memory at a time.

    Returns:
        (pages read, warnings for pages that failed, pixel size of every page).

    Raises:
        PageError: no page at all could be read.
        Cancelled: the cancel token was set.
    """
    options = options or PipelineOptions()
    pages: list[OcrPage] = []
    warnings: list[ResultWarning] = []
    sizes: list[tuple[int, int]] = []
    for i in range(doc.page_count):
        _check_cancel(cancel)
        try:
            rendered = doc.page(i)
        except PageError as exc:
            logger.warning("page %d of %s skipped: %s", i + 1, doc.name, exc.code)
            warnings.append(ResultWarning("page_error", str(exc), i))
            sizes.append((0, 0))
            if progress:
                progress("ocr", i + 1, doc.page_count)
            continue
        sizes.append((rendered.width_px, rendered.height_px))
        page = None
        if options.use_text_layer and doc.kind == "pdf" and doc.has_text_layer(i):
            page = _read_text_layer(doc, i, rendered.dpi)
            if page is not None and (page.width_px, page.height_px) != sizes[-1]:
                page = OcrPage(
                    page.index, rendered.width_px, rendered.height_px, rendered.dpi,
                    page.engine, page.chars, page.languages, page.warnings,
                )
        if page is None:
            page = engine.recognize(
                rendered.image, page_index=i, dpi=rendered.dpi, cancel=cancel
            )
        for w in page.warnings:
            if not any(x.code == w for x in warnings):
                warnings.append(ResultWarning(w, _WARNING_TEXT.get(w, w), i))
        pages.append(page)
        del rendered
        if progress:
            progress("ocr", i + 1, doc.page_count)
    if not pages:
        raise PageError(
            f"{doc.name}: none of its {doc.page_count} page(s) could be read.", path=doc.path
        )
    return pages, warnings, sizes


_WARNING_TEXT = {
    "korean_unavailable": "Korean OCR data (tesseract-ocr-kor) is not installed; Hangul may be "
    "missing from the results. Install it with: apt-get install tesseract-ocr-kor",
}


def _status(grounded_ratio: float | None, reasons: Sequence[str]) -> FieldStatus:
    if grounded_ratio is None:
        return FieldStatus.NOT_GROUNDED
    if reasons or grounded_ratio < CONFIDENT_RATIO:
        return FieldStatus.LOW_CONFIDENCE
    return FieldStatus.OK


_SPACED_NUMBER = re.compile(r"(?<=[\d,.])\s+(?=[\d,.])")
_NUMERIC_TYPES = frozenset({"amount", "number"})


def tidy_value(value: str, field_type: str) -> str:
    """The value a clerk reads: an amount the OCR letter-spaced (``1 1 ,000``) closes up.

    Only whitespace between digits and separators goes; the printed characters stay.
    """
    if field_type in _NUMERIC_TYPES:
        return _SPACED_NUMBER.sub("", value.strip())
    return value.strip()


def _ground_one(
    ex: ExtractedField, pages: Sequence[OcrPage], source: str, field_type: str = "text"
) -> FieldResult:
    assert ex.value is not None
    g = matching.ground(ex.printed or ex.value, pages, ex.hint)
    reasons = list(ex.review_reasons)
    if g is None:
        reasons.append("not_on_page")
    elif g.is_ambiguous and g.match_ratio < 1.0:
        reasons.append("ambiguous")
    return FieldResult(
        name=ex.name,
        value=tidy_value(ex.value, field_type),
        status=_status(None if g is None else g.match_ratio, reasons),
        source=source,
        normalized=ex.normalized,
        confidence=ex.confidence,
        grounding=g,
        review_reasons=tuple(dict.fromkeys(reasons)),
    )


def ground_extracted(
    fields: Sequence[ExtractedField],
    pages: Sequence[OcrPage],
    template: Template | None,
    *,
    source: str,
) -> tuple[FieldResult, ...]:
    """Ground every extracted value (and line-item cell) on the pages' characters.

    Fields come back in template order; fields the template does not know follow. A field
    with no value is left out: it is not on the document.
    """
    by_name = {f.name: f for f in fields}
    order: list[str] = [f.name for f in template.fields] if template else []
    order += [n for n in by_name if n not in order]
    specs: Mapping[str, FieldSpec] = {f.name: f for f in template.fields} if template else {}
    out: list[FieldResult] = []
    for name in order:
        ex = by_name.get(name)
        if ex is None:
            continue
        spec = specs.get(name)
        if ex.items or (spec is not None and spec.is_array):
            child_types = {c.name: c.type for c in spec.children} if spec is not None else {}
            items = []
            for k, row in enumerate(ex.items):
                cells = tuple(
                    _ground_one(c, pages, source, child_types.get(c.name, "text"))
                    for c in row
                    if c.value is not None
                )
                if cells:
                    items.append(LineItem(k, cells))
            if items:
                out.append(
                    FieldResult(name, None, FieldStatus.OK, source, items=tuple(items),
                                is_array=True)
                )
            continue
        if ex.value is None or not ex.value.strip():
            continue
        out.append(_ground_one(ex, pages, source, spec.type if spec is not None else "text"))
    return tuple(out)


def component_names(
    mode: str = "offline", *, ocr: str | None = None, extractor: str | None = None
) -> tuple[str, str]:
    """(OCR engine, extractor) names a mode uses; ``ocr``/``extractor`` override the mode's.

    offline: the embedded engine and the rule extractor; cloud: Google Cloud Vision and Claude.
    Hosted mode sends documents to the hosted API instead (see :mod:`spaceocr.core.client`).
    """
    defaults = {"offline": ("embedded", "rules"), "cloud": ("google_vision", "claude")}
    if mode not in defaults:
        raise ValueError(f"mode {mode!r} has no local components; choose offline or cloud")
    ocr_name, ex_name = defaults[mode]
    return ocr or ocr_name, extractor or ex_name


def build_components(
    mode: str = "offline",
    *,
    ocr: str | None = None,
    extractor: str | None = None,
    engine_options: Mapping[str, Any] | None = None,
    extractor_options: Mapping[str, Any] | None = None,
    check_credentials: bool = True,
) -> tuple[OcrEngine, Extractor]:
    """The OCR engine and extractor of a mode, built (see :func:`component_names`).

    With ``check_credentials`` a component that needs a key checks it now, before any page is
    read (so a missing Anthropic key does not show up after Vision has billed the pages).

    Raises:
        EngineUnavailable: a component's libraries are missing.
        ConfigError: a component's key is missing or ill-formed.
    """
    from spaceocr.core.extract import create_extractor
    from spaceocr.core.ocr import create_engine

    ocr_name, ex_name = component_names(mode, ocr=ocr, extractor=extractor)
    engine = create_engine(ocr_name, **dict(engine_options or {}))
    ex = create_extractor(ex_name, **dict(extractor_options or {}))
    if check_credentials:
        for component in (engine, ex):
            check = getattr(component, "check_credentials", None)
            if callable(check):
                check()
    return engine, ex


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """What reading a document gave: its OCR pages and what the result needs to say of it."""

    pages: tuple[OcrPage, ...]
    warnings: tuple[ResultWarning, ...]
    page_sizes: tuple[tuple[int, int], ...]
    file_name: str
    sha256: str
    page_count: int
    engine: str
    timings: Mapping[str, float]
    started: float  #: perf_counter() when reading began

    def result(
        self,
        *,
        template: str,
        fields: tuple[FieldResult, ...],
        extractor: str,
        mode: str,
        timings: Mapping[str, float],
        checks: tuple[tuple[str, bool, str], ...] = (),
        meta: Mapping[str, Any] | None = None,
    ) -> DocumentResult:
        """The document's result with these fields."""
        return DocumentResult(
            template=template,
            fields=fields,
            file_name=self.file_name,
            sha256=self.sha256,
            page_count=self.page_count,
            page_sizes=self.page_sizes,
            engine=self.engine,
            extractor=extractor,
            mode=mode,
            warnings=self.warnings,
            checks=checks,
            timings=MappingProxyType({k: round(v, 4) for k, v in timings.items()}),
            meta=MappingProxyType(dict(meta or {})),
            ocr_pages=self.pages,
        )


def read_document(
    path: str | Path,
    engine: OcrEngine,
    *,
    options: PipelineOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ReadDocument:
    """Open a document and read every page (the first half of every pipeline).

    Raises:
        DocumentError (and subclasses), EngineError, Cancelled.
    """
    options = options or PipelineOptions()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with open_document(
        path, password=options.password, dpi=options.dpi, limits=options.limits
    ) as doc:
        timings["open"] = time.perf_counter() - t0
        t = time.perf_counter()
        pages, warnings, sizes = ocr_document(
            doc, engine, options=options, progress=progress, cancel=cancel
        )
        timings["ocr"] = time.perf_counter() - t
        if "repaired" in doc.warnings:
            warnings.append(ResultWarning("repaired", "the PDF was damaged and was repaired"))
        name, sha256, count = doc.name, doc.sha256, doc.page_count
    return ReadDocument(
        pages=tuple(pages),
        warnings=tuple(warnings),
        page_sizes=tuple(sizes),
        file_name=name,
        sha256=sha256,
        page_count=count,
        engine="+".join(sorted({p.engine for p in pages})) or engine.name,
        timings=MappingProxyType(timings),
        started=t0,
    )


def process_document(
    path: str | Path,
    template: Template,
    *,
    engine: OcrEngine,
    extractor: Extractor,
    options: PipelineOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    mode: str = "offline",
) -> DocumentResult:
    """Open, read, extract and ground one document.

    Raises:
        DocumentError (and subclasses) for a file that cannot be processed at all,
        EngineError for an engine that fails, Cancelled when ``cancel`` is set.
    """
    read = read_document(path, engine, options=options, progress=progress, cancel=cancel)
    pages, timings = read.pages, dict(read.timings)
    _check_cancel(cancel)
    if progress:
        progress("extract", 0, 1)
    t = time.perf_counter()
    extraction = extractor.extract(pages, template, cancel=cancel)
    timings["extract"] = time.perf_counter() - t
    _check_cancel(cancel)
    if progress:
        progress("match", 0, 1)
    t = time.perf_counter()
    fields = ground_extracted(extraction.fields, pages, template, source=extraction.extractor)
    timings["match"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - read.started
    return read.result(
        template=template.name,
        fields=fields,
        extractor=f"{extraction.extractor} {extraction.version}".strip(),
        mode=mode,
        checks=extraction.checks,
        timings=timings,
        meta=extraction.meta,
    )
