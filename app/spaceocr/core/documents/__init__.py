"""Open the documents a clerk drops in: PDFs and raster images, checked at the door.

``open_document(path)`` sniffs the file's first bytes (never its extension), refuses what it
cannot read with an error that carries a stable code, and returns a :class:`Document` whose
pages are rendered one at a time, on demand, so a 500-page PDF never sits in memory whole.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pymupdf
from PIL import Image, ImageOps, UnidentifiedImageError

from spaceocr.core.errors import (
    CorruptDocument,
    DocumentNotFound,
    DocumentPermissionDenied,
    DocumentTooLarge,
    EmptyDocument,
    EmptyFile,
    EncryptedDocument,
    PageError,
    UnsupportedDocument,
)

__all__ = [
    "DEFAULT_DPI",
    "SUPPORTED_KINDS",
    "Document",
    "DocumentLimits",
    "PageImage",
    "open_document",
    "sniff_kind",
]

logger = logging.getLogger(__name__)

DEFAULT_DPI = 200
SUPPORTED_KINDS = ("pdf", "jpeg", "png", "gif", "bmp", "tiff", "webp")

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """What a document may cost before it is refused (all configurable)."""

    max_bytes: int = 200 * _MIB
    max_pixels: int = 100_000_000  #: per page, decoded (a decompression bomb is refused)
    max_pages: int = 2000


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page rendered to an RGB image, with its index (0-based) and resolution."""

    index: int
    image: Image.Image
    dpi: float

    @property
    def width_px(self) -> int:
        return int(self.image.width)

    @property
    def height_px(self) -> int:
        return int(self.image.height)


def sniff_kind(head: bytes) -> str | None:
    """The document kind from a file's first bytes, or None if it is not one we read."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 14:
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def _describe_unsupported(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive or an Office document (.docx, .xlsx)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document (.doc, .xls)"
    try:
        head[:512].decode("utf-8")
    except UnicodeDecodeError:
        return "a file of an unknown type"
    return "a text file"


def _to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB; transparency goes over white."""
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16-bit greyscale: scale to 8 bits rather than clip everything above 255
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif im.mode == "F":
        im = im.point(lambda v: v * 255).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("LA", "La", "PA"):
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "RGBa"):
        white = Image.new("RGB", im.size, (255, 255, 255))
        white.paste(im, mask=im.getchannel("A"))
        return white
    if im.mode != "RGB":
        im = im.convert("RGB")
    return im


class Document:
    """An opened document: its kind, size, hash and pages (rendered lazily).

    Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        path: Path,
        kind: str,
        sha256: str,
        page_count: int,
        *,
        dpi: int,
        limits: DocumentLimits,
        pdf: pymupdf.Document | None = None,
        image: Image.Image | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.sha256 = sha256
        self.page_count = page_count
        self.dpi = dpi
        self.limits = limits
        self.warnings: list[str] = []
        self._pdf = pdf
        self._image = image
        self._first: PageImage | None = None  #: page 0 of an image, decoded at the door

    @property
    def name(self) -> str:
        return self.path.name

    def has_text_layer(self, index: int) -> bool:
        """True when a PDF page carries real text (a born-digital page, not a scan)."""
        if self._pdf is None:
            return False
        try:
            return bool(self._pdf.load_page(index).get_text("text").strip())
        except Exception:  # noqa: BLE001 - a page that cannot be read has no usable text
            return False

    def pdf_page(self, index: int) -> pymupdf.Page | None:
        """The PyMuPDF page (for engines reading a text layer), or None for images."""
        return None if self._pdf is None else self._pdf.load_page(index)

    def page(self, index: int) -> PageImage:
        """Render page ``index`` (0-based) to RGB.

        Raises:
            PageError: the page cannot be rendered; other pages may still be fine.
        """
        if not 0 <= index < self.page_count:
            raise IndexError(f"page {index} out of range 0..{self.page_count - 1}")
        if index == 0 and self._first is not None:
            first, self._first = self._first, None
            return first
        try:
            if self._pdf is not None:
                return self._render_pdf_page(index)
            return self._image_page(index)
        except (PageError, DocumentTooLarge):
            raise
        except Exception as exc:
            raise PageError(
                f"{self.name}: page {index + 1} could not be read ({type(exc).__name__}: "
                f"{exc}); the other pages are processed.",
                path=self.path,
                page=index + 1,
            ) from exc

    def pages(self) -> Iterator[PageImage]:
        """Every page in order, rendered one at a time."""
        for i in range(self.page_count):
            yield self.page(i)

    def _render_pdf_page(self, index: int) -> PageImage:
        assert self._pdf is not None
        page = self._pdf.load_page(index)
        if page.xref and self._pdf.xref_get_key(page.xref, "Type")[0] != "name":
            # MuPDF renders a blank stand-in for a page object that is not a page at all
            raise PageError(
                f"{self.name}: page {index + 1} is damaged (its page object is missing); "
                f"the other pages are processed.",
                path=self.path,
                page=index + 1,
            )
        rect = page.rect
        dpi = float(self.dpi)
        pixels = (rect.width * dpi / 72) * (rect.height * dpi / 72)
        if pixels > self.limits.max_pixels:
            # a poster-sized page: render it at the resolution the pixel limit allows
            dpi = dpi * (self.limits.max_pixels / pixels) ** 0.5
            logger.info("page %d rendered at %.0f dpi to stay under the pixel limit", index, dpi)
        pix = page.get_pixmap(dpi=max(int(dpi), 1), alpha=False, colorspace=pymupdf.csRGB)
        image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
        return PageImage(index, image, float(int(dpi)))

    def _image_page(self, index: int) -> PageImage:
        assert self._image is not None
        im = self._image
        if self.page_count > 1:
            im.seek(index)
        _check_pixels(im, self.path, self.limits)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im.load()
            frame = ImageOps.exif_transpose(im) if index == 0 else im.copy()
        assert frame is not None
        rgb = _to_rgb(frame)
        dpi_info = im.info.get("dpi")
        dpi = float(dpi_info[0]) if dpi_info and dpi_info[0] else 0.0
        return PageImage(index, rgb, dpi)

    def close(self) -> None:
        self._first = None
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if self._image is not None:
            self._image.close()
            self._image = None

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _check_pixels(im: Image.Image, path: Path, limits: DocumentLimits) -> None:
    w, h = im.size
    if w * h > limits.max_pixels:
        raise DocumentTooLarge(
            f"{path.name}: the image is {w}×{h} pixels, more than the limit of "
            f"{limits.max_pixels:,}; scan it at a lower resolution or raise the pixel limit.",
            path=path,
            details={"pixels": w * h, "limit": limits.max_pixels},
        )
    if w == 0 or h == 0:
        raise CorruptDocument(f"{path.name}: the image has no pixels.", path=path)


def _check_and_hash(path: Path, limits: DocumentLimits) -> tuple[bytes, str]:
    """Check what needs no reading, then stream the file once: (first bytes, sha256)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentNotFound(f"{path}: no such file; check the path.", path=path) from None
    except PermissionError:
        raise DocumentPermissionDenied(
            f"{path}: permission denied; make the file readable and try again.", path=path
        ) from None
    if path.is_dir():
        raise UnsupportedDocument(f"{path}: is a folder, not a document.", path=path)
    if st.st_size == 0:
        raise EmptyFile(f"{path.name}: the file is empty (0 bytes).", path=path)
    if st.st_size > limits.max_bytes:
        raise DocumentTooLarge(
            f"{path.name}: the file is {st.st_size / _MIB:.1f} MiB, more than the limit of "
            f"{limits.max_bytes / _MIB:.0f} MiB; split it or raise the size limit.",
            path=path,
            details={"bytes": st.st_size, "limit": limits.max_bytes},
        )
    digest = hashlib.sha256()
    head = b""
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                if not head:
                    head = chunk[:1024]
                digest.update(chunk)
    except PermissionError:
        raise DocumentPermissionDenied(
            f"{path}: permission denied; make the file readable and try again.", path=path
        ) from None
    except OSError as exc:
        if exc.errno == errno.EACCES:
            raise DocumentPermissionDenied(f"{path}: permission denied.", path=path) from None
        raise CorruptDocument(f"{path.name}: the file cannot be read ({exc}).", path=path) from exc
    return head, digest.hexdigest()


def open_document(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    dpi: int = DEFAULT_DPI,
    limits: DocumentLimits | None = None,
) -> Document:
    """Open a PDF or an image, checking it at the door.

    Args:
        path: the file; its type is sniffed from its bytes, the extension is ignored.
        password: for an encrypted PDF.
        dpi: resolution PDF pages are rendered at.
        limits: size, pixel and page limits.

    Returns:
        An open :class:`Document`; pages render on demand.

    Raises:
        DocumentNotFound, DocumentPermissionDenied, EmptyFile, UnsupportedDocument,
        CorruptDocument, EncryptedDocument, EmptyDocument, DocumentTooLarge.
    """
    limits = limits or DocumentLimits()
    p = Path(path)
    head, sha256 = _check_and_hash(p, limits)
    kind = sniff_kind(head)
    if kind is None:
        raise UnsupportedDocument(
            f"{p.name}: not a supported document; it looks like {_describe_unsupported(head)}. "
            f"spaceocr reads PDF, JPEG, PNG, GIF, BMP, TIFF and WebP.",
            path=p,
        )
    if kind == "pdf":
        return _open_pdf(p, sha256, password, dpi, limits)
    return _open_image(p, kind, sha256, dpi, limits)


def _open_pdf(
    p: Path, sha256: str, password: str | None, dpi: int, limits: DocumentLimits
) -> Document:
    try:
        pdf = pymupdf.open(p, filetype="pdf")
    except Exception as exc:
        raise CorruptDocument(
            f"{p.name}: the PDF is damaged and cannot be opened ({exc}); "
            f"re-export or re-scan it.",
            path=p,
        ) from exc
    if pdf.needs_pass:
        if password is None:
            pdf.close()
            raise EncryptedDocument(
                f"{p.name}: the PDF is password-protected; give its password (--password).",
                path=p,
            )
        if not pdf.authenticate(password):
            pdf.close()
            raise EncryptedDocument(
                f"{p.name}: the password given does not open this PDF.",
                path=p,
                details={"wrong_password": True},
            )
    try:
        count = pdf.page_count
    except Exception as exc:
        pdf.close()
        raise CorruptDocument(f"{p.name}: the PDF's page tree is damaged.", path=p) from exc
    if count == 0:
        repaired = bool(getattr(pdf, "is_repaired", False))
        pdf.close()
        if repaired:
            raise CorruptDocument(
                f"{p.name}: the PDF is damaged (its cross-reference table is broken) and no page "
                f"could be recovered; re-export or re-scan it.",
                path=p,
            )
        raise EmptyDocument(f"{p.name}: the PDF has no pages.", path=p)
    if count > limits.max_pages:
        pdf.close()
        raise DocumentTooLarge(
            f"{p.name}: the PDF has {count} pages, more than the limit of {limits.max_pages}; "
            f"split it or raise the page limit.",
            path=p,
            details={"pages": count, "limit": limits.max_pages},
        )
    doc = Document(p, "pdf", sha256, count, dpi=dpi, limits=limits, pdf=pdf)
    if getattr(pdf, "is_repaired", False):
        doc.warnings.append("repaired")
    return doc


def _open_image(
    p: Path, kind: str, sha256: str, dpi: int, limits: DocumentLimits
) -> Document:
    try:
        with warnings.catch_warnings():
            # our own pixel limit is checked below, before anything is decoded
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(p)
    except Image.DecompressionBombError as exc:
        raise DocumentTooLarge(
            f"{p.name}: the image declares more pixels than can be decoded safely; refused.",
            path=p,
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptDocument(
            f"{p.name}: the {kind.upper()} image is damaged and cannot be read; re-scan or "
            f"re-export it.",
            path=p,
        ) from exc
    try:
        _check_pixels(im, p, limits)
        count = getattr(im, "n_frames", 1) if kind == "tiff" else 1
        if count > limits.max_pages:
            raise DocumentTooLarge(
                f"{p.name}: the TIFF has {count} pages, more than the limit of "
                f"{limits.max_pages}.",
                path=p,
            )
    except BaseException:
        im.close()
        raise
    doc = Document(p, kind, sha256, count, dpi=dpi, limits=limits, image=im)
    try:
        # decode the first page now: a truncated file is refused at the door, not mid-batch
        doc._first = doc.page(0)
    except PageError as exc:
        doc.close()
        raise CorruptDocument(
            f"{p.name}: the {kind.upper()} image is damaged or truncated and cannot be read; "
            f"re-scan or re-export it.",
            path=p,
        ) from exc.__cause__
    return doc

