"""Google Cloud Vision OCR: DOCUMENT_TEXT_DETECTION on each page image, through the real SDK.

The engine talks to Vision with ``google-cloud-vision``'s ``ImageAnnotatorClient`` over its REST
transport (``images:annotate``), so the endpoint can be pointed elsewhere with
``SPACEOCR_VISION_ENDPOINT``: a regional endpoint (``eu-vision.googleapis.com``), a proxy, or a
test server. An endpoint written with a scheme (``http://127.0.0.1:8080``) keeps it: the REST
transport honours the scheme of its host (gapic-generator-python #900/#1148, the transport's
``url_scheme``); a bare host name means https.

Credentials, the two ways Google documents them (first found wins):

1. an API key: the ``api_key`` argument, the key store, or ``GOOGLE_API_KEY``; it travels in
   the ``x-goog-api-key`` header (``client_options.api_key``), never in the URL;
2. a service-account file: the ``credentials_file`` argument or
   ``GOOGLE_APPLICATION_CREDENTIALS``.

What Vision returns (``fullTextAnnotation.pages[].blocks[].paragraphs[].words[].symbols[]``)
becomes the page's :class:`~spaceocr.core.types.OcrChar`s: one per symbol, its pixel vertices
divided by the image size (Vision leaves out an ``x`` or ``y`` that is 0), in Vision's reading
order. A detected break after a symbol (``SPACE``, ``SURE_SPACE``) starts a new word; a line
break (``EOL_SURE_SPACE``, ``LINE_BREAK``, ``HYPHEN``) starts a new line. Symbols with no break
between them stay one word even when Vision splits them into words (``Total`` ``:``).
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PIL import Image

from spaceocr.core.errors import (
    Cancelled,
    ConfigError,
    EngineAuthError,
    EngineError,
    EngineQuotaError,
    EngineRequestFailed,
    EngineUnavailable,
)
from spaceocr.core.secrets import lookup_key
from spaceocr.core.types import OcrChar, OcrPage, Quad

__all__ = [
    "API_KEY_ENV",
    "ENDPOINT_ENV",
    "SERVICE_ACCOUNT_ENV",
    "GoogleVisionEngine",
    "VisionSymbol",
    "VisionWord",
    "chars_from_annotation",
]

logger = logging.getLogger(__name__)

ENDPOINT_ENV = "SPACEOCR_VISION_ENDPOINT"
API_KEY_ENV = "GOOGLE_API_KEY"
SERVICE_ACCOUNT_ENV = "GOOGLE_APPLICATION_CREDENTIALS"
_SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)

#: Vision refuses request bodies over ~10 MB (base64 grows the image by a third).
_MAX_IMAGE_BYTES = 6 * 1024 * 1024
#: Vision's documented limit is 75 megapixels; larger images are scaled down first.
_MAX_PIXELS = 75_000_000

#: HTTP statuses worth another attempt (rate limit, server trouble).
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# names of TextAnnotation.DetectedBreak.BreakType, as the REST JSON spells them
_WORD_BREAKS = frozenset({"SPACE", "SURE_SPACE"})
_LINE_BREAKS = frozenset({"EOL_SURE_SPACE", "LINE_BREAK", "HYPHEN"})


class VisionSymbol:
    """One symbol of a Vision answer, reduced to what the engine needs (plain Python)."""

    __slots__ = ("break_type", "confidence", "is_prefix", "text", "vertices")

    def __init__(
        self,
        text: str,
        vertices: Sequence[tuple[float, float]],
        confidence: float,
        break_type: str = "",
        is_prefix: bool = False,
    ) -> None:
        self.text = text
        self.vertices = tuple(vertices)
        self.confidence = confidence
        self.break_type = break_type
        self.is_prefix = is_prefix


def _quad(vertices: Sequence[tuple[float, float]], width: float, height: float) -> Quad | None:
    if len(vertices) != 4 or width <= 0 or height <= 0:
        return None
    return Quad.from_points(
        (min(max(x / width, 0.0), 1.0), min(max(y / height, 0.0), 1.0)) for x, y in vertices
    )


#: one Vision word: its symbols and its own vertices (the fallback for a symbol without any)
VisionWord = tuple[Sequence[VisionSymbol], Sequence[tuple[float, float]]]


def chars_from_annotation(
    blocks: Iterable[Iterable[Iterable[VisionWord]]],
    width_px: float,
    height_px: float,
) -> list[OcrChar]:
    """Turn Vision's blocks → paragraphs → (symbols, word vertices) into characters.

    Args:
        blocks: for each block, for each paragraph, each word as (its symbols, its vertices).
        width_px, height_px: the size of the image Vision read (vertices are in its pixels).

    Returns:
        The characters in Vision's reading order, quads page-relative, words and lines
        numbered from the detected breaks (and from block and paragraph ends).
    """
    chars: list[OcrChar] = []
    line_no = 0
    word_no = 0
    pending = ""  # the break waiting to be applied before the next symbol

    def apply(kind: str) -> None:
        nonlocal line_no, word_no
        if not chars:
            return
        if kind in _LINE_BREAKS or kind == "PARAGRAPH":
            line_no += 1
            word_no += 1
        elif kind in _WORD_BREAKS:
            word_no += 1

    for block in blocks:
        for paragraph in block:
            for symbols, word_vertices in paragraph:
                for sym in symbols:
                    if sym.is_prefix and sym.break_type:
                        pending = _stronger(pending, sym.break_type)
                    if pending:
                        apply(pending)
                        pending = ""
                    quad = _quad(sym.vertices, width_px, height_px) or _quad(
                        word_vertices, width_px, height_px
                    )
                    if quad is None or not sym.text:
                        continue
                    chars.append(OcrChar(sym.text, quad, sym.confidence, line_no, word_no))
                    if sym.break_type and not sym.is_prefix:
                        pending = _stronger(pending, sym.break_type)
            # a paragraph always ends its line, whatever break Vision reported
            pending = _stronger(pending, "PARAGRAPH")
    return chars


def _stronger(a: str, b: str) -> str:
    rank = {"": 0, "UNKNOWN": 0, "SPACE": 1, "SURE_SPACE": 1}

    def r(k: str) -> int:
        return rank.get(k, 2)

    return a if r(a) >= r(b) else b


def _vertices(poly: Any) -> list[tuple[float, float]]:
    return [(float(v.x), float(v.y)) for v in poly.vertices]


def _break_name(prop: Any) -> tuple[str, bool]:
    db = prop.detected_break
    kind = getattr(db.type_, "name", "") if db else ""
    return ("" if kind == "UNKNOWN" else kind), bool(db.is_prefix) if db else False


def _blocks_of(page: Any) -> list[list[list[VisionWord]]]:
    out: list[list[list[VisionWord]]] = []
    for block in page.blocks:
        paragraphs: list[list[VisionWord]] = []
        for para in block.paragraphs:
            words: list[VisionWord] = []
            for word in para.words:
                syms: list[VisionSymbol] = []
                for s in word.symbols:
                    kind, prefix = _break_name(s.property)
                    syms.append(
                        VisionSymbol(
                            s.text, _vertices(s.bounding_box), round(float(s.confidence or 0.0), 4),
                            kind, prefix,
                        )
                    )
                words.append((syms, _vertices(word.bounding_box)))
            paragraphs.append(words)
        out.append(paragraphs)
    return out


def _languages(page: Any) -> tuple[str, ...]:
    found: list[tuple[float, str]] = []
    for lang in page.property.detected_languages:
        if lang.language_code:
            found.append((float(lang.confidence or 0.0), str(lang.language_code)))
    if not found:  # fall back to what the blocks say
        for block in page.blocks:
            for lang in block.property.detected_languages:
                if lang.language_code:
                    found.append((float(lang.confidence or 0.0), str(lang.language_code)))
    found.sort(key=lambda t: -t[0])
    return tuple(dict.fromkeys(code for _, code in found))


def _encode(image: Image.Image) -> tuple[bytes, int, int]:
    """The bytes sent to Vision (PNG, JPEG when too big) and the size of that image."""
    im = image if image.mode in ("RGB", "L") else image.convert("RGB")
    if im.width * im.height > _MAX_PIXELS:
        scale = (_MAX_PIXELS / (im.width * im.height)) ** 0.5
        im = im.resize((max(int(im.width * scale), 1), max(int(im.height * scale), 1)))
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=False)
    data = buf.getvalue()
    quality = 92
    while len(data) > _MAX_IMAGE_BYTES and quality >= 50:
        buf = io.BytesIO()
        im.convert("RGB").save(buf, format="JPEG", quality=quality)
        data = buf.getvalue()
        quality -= 14
    return data, im.width, im.height


class GoogleVisionEngine:
    """OCR by Google Cloud Vision (DOCUMENT_TEXT_DETECTION), one request per page.

    Args:
        api_key: a Vision API key (default: key store, then ``GOOGLE_API_KEY``).
        credentials_file: a service-account JSON file (default:
            ``GOOGLE_APPLICATION_CREDENTIALS``); used when there is no API key.
        endpoint: host or URL of the Vision API (default: ``SPACEOCR_VISION_ENDPOINT``, else
            ``vision.googleapis.com``).
        language_hints: BCP-47 codes passed to Vision (``["ja", "en"]``); usually not needed.
        timeout_s: time allowed for one request.
        max_retries: further attempts on 429, 5xx and connection failures.
        retry_backoff_s: the first wait between attempts (doubles each time).
        key_store: a :class:`spaceocr.core.secrets.KeyStore` (default: a new one).
    """

    name = "google_vision"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        credentials_file: str | os.PathLike[str] | None = None,
        endpoint: str | None = None,
        language_hints: Sequence[str] = (),
        timeout_s: float = 60.0,
        max_retries: int = 2,
        retry_backoff_s: float = 1.0,
        key_store: Any = None,
    ) -> None:
        try:
            from google.cloud import vision
        except ImportError as exc:
            raise EngineUnavailable(
                "the google_vision engine needs google-cloud-vision; reinstall spaceocr with pip"
            ) from exc
        self._vision = vision
        self.version = f"google-cloud-vision {getattr(vision, '__version__', '?')}"
        self._api_key = api_key or lookup_key("google", API_KEY_ENV, key_store)
        cred = credentials_file or os.environ.get(SERVICE_ACCOUNT_ENV) or None
        self._credentials_file = Path(cred) if cred else None
        self.endpoint = endpoint or os.environ.get(ENDPOINT_ENV) or "vision.googleapis.com"
        self.language_hints = tuple(language_hints)
        self.timeout_s = timeout_s
        self.max_retries = max(0, int(max_retries))
        self.retry_backoff_s = retry_backoff_s
        self._client: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never show the key
        auth = "api_key" if self._api_key else ("service_account" if self._credentials_file
                                               else "none")
        return f"GoogleVisionEngine(endpoint={self.endpoint!r}, auth={auth})"

    # ------------------------------------------------------------------ set-up
    def is_available(self) -> bool:
        """True when an API key or a readable service-account file is configured."""
        if self._api_key:
            return True
        return self._credentials_file is not None and self._credentials_file.is_file()

    def check_credentials(self) -> None:
        """Raise the error a request would meet for want of credentials, before any is sent.

        Raises:
            ConfigError: no API key and no service-account file (the message says how to set
                one), or the file named does not exist.
        """
        if self._api_key:
            return
        if self._credentials_file is None:
            raise ConfigError(
                "Google Cloud Vision needs credentials: set GOOGLE_API_KEY to an API key "
                "(or store it with `spaceocr config set-key google`), or set "
                "GOOGLE_APPLICATION_CREDENTIALS to a service-account JSON file.",
                details={"engine": self.name},
            )
        if not self._credentials_file.is_file():
            raise ConfigError(
                f"the service-account file {self._credentials_file} "
                f"(GOOGLE_APPLICATION_CREDENTIALS) does not exist; download a key file for a "
                f"service account with Vision access.",
                path=self._credentials_file,
            )

    def _make_client(self) -> Any:
        self.check_credentials()
        options: dict[str, Any] = {"api_endpoint": self.endpoint}
        credentials = None
        if self._api_key:
            options["api_key"] = self._api_key
        else:
            assert self._credentials_file is not None
            credentials = self._load_service_account(self._credentials_file)
        return self._vision.ImageAnnotatorClient(
            credentials=credentials, transport="rest", client_options=options
        )

    def _load_service_account(self, path: Path) -> Any:
        """Credentials from a service-account key file.

        Only that type is read: google-auth deprecates loading any credential type from a
        file (``load_credentials_from_file``) because a file of another kind can make the
        library run commands or fetch URLs it names.
        """
        from google.auth import exceptions as auth_exceptions
        from google.oauth2 import service_account

        try:
            credentials = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
                str(path), scopes=list(_SCOPES)
            )
        except (ValueError, KeyError, OSError, auth_exceptions.GoogleAuthError) as exc:
            raise ConfigError(
                f"{path} is not a usable service-account key file ({type(exc).__name__}); "
                f"download a new JSON key from the Google Cloud console.",
                path=path,
            ) from None
        return credentials

    def _get_client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    # ------------------------------------------------------------------ the verb
    def recognize(
        self,
        image: Image.Image,
        *,
        page_index: int = 0,
        dpi: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> OcrPage:
        """Send ``image`` to Vision and return its characters.

        Raises:
            ConfigError: no credentials are configured.
            EngineAuthError: the key or account is refused (401/403).
            EngineQuotaError: the quota is used up (429), after the retries.
            EngineRequestFailed: a bad image (400), a server error, a timeout or an answer
                that cannot be read.
        """
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        client = self._get_client()
        data, width_px, height_px = _encode(image)
        v = self._vision
        request = v.AnnotateImageRequest(
            image=v.Image(content=data),
            features=[v.Feature(type_=v.Feature.Type.DOCUMENT_TEXT_DETECTION)],
            image_context=v.ImageContext(language_hints=list(self.language_hints))
            if self.language_hints
            else None,
        )
        response = self._call(
            lambda: client.batch_annotate_images(
                requests=[request], retry=None, timeout=self.timeout_s
            ),
            page_index,
            cancel,
        )
        if not response.responses:
            raise EngineRequestFailed(
                f"Google Vision returned no answer for page {page_index + 1}.", page=page_index + 1
            )
        answer = response.responses[0]
        if answer.error and answer.error.code:
            raise self._rpc_error(int(answer.error.code), str(answer.error.message), page_index)
        pages = answer.full_text_annotation.pages
        chars: list[OcrChar] = []
        languages: tuple[str, ...] = ()
        for vpage in pages:
            # Vision reports the size it read; our own image size is the same unless resized
            w = float(vpage.width or width_px)
            h = float(vpage.height or height_px)
            base = chars[-1].line_no + 1 if chars else 0
            wbase = chars[-1].word_no + 1 if chars else 0
            for ch in chars_from_annotation(_blocks_of(vpage), w, h):
                chars.append(
                    OcrChar(ch.text, ch.quad, ch.confidence, ch.line_no + base, ch.word_no + wbase)
                )
            languages = languages + tuple(c for c in _languages(vpage) if c not in languages)
        logger.debug("vision page %d: %d characters", page_index + 1, len(chars))
        return OcrPage(
            index=page_index,
            width_px=image.width,
            height_px=image.height,
            dpi=dpi,
            engine=self.name,
            chars=tuple(chars),
            languages=languages,
        )

    # ------------------------------------------------------------------ errors
    def _call(
        self, fn: Callable[[], Any], page_index: int, cancel: threading.Event | None
    ) -> Any:
        from google.api_core import exceptions as gexc
        from google.protobuf import json_format

        attempt = 0
        while True:
            try:
                return fn()
            except gexc.GoogleAPICallError as exc:
                status = int(exc.code) if isinstance(exc.code, int) else 0
                if status in _RETRY_STATUSES and attempt < self.max_retries:
                    attempt += 1
                    self._backoff(attempt, status, cancel)
                    continue
                raise self._http_error(exc, status, page_index) from None
            except json_format.ParseError:
                raise EngineRequestFailed(
                    f"Google Vision's answer for page {page_index + 1} could not be read "
                    f"(not the images:annotate shape); check SPACEOCR_VISION_ENDPOINT.",
                    page=page_index + 1, details={"endpoint": self.endpoint},
                ) from None
            except Exception as exc:
                if not _is_transport_error(exc):
                    raise
                if attempt < self.max_retries and not _is_timeout(exc):
                    attempt += 1
                    self._backoff(attempt, 0, cancel)
                    continue
                what = "timed out" if _is_timeout(exc) else "could not be reached"
                raise EngineRequestFailed(
                    f"Google Vision at {self.endpoint} {what} (page {page_index + 1}, "
                    f"{type(exc).__name__}); check the network or SPACEOCR_VISION_ENDPOINT.",
                    page=page_index + 1,
                    details={"endpoint": self.endpoint},
                ) from None

    def _backoff(self, attempt: int, status: int, cancel: threading.Event | None) -> None:
        wait = self.retry_backoff_s * (2 ** (attempt - 1))
        logger.info("google vision: status %s, retry %d in %.2fs", status or "-", attempt, wait)
        if cancel is not None:
            if cancel.wait(wait):
                raise Cancelled("cancelled by the user")
        else:
            time.sleep(wait)

    def _clean(self, text: str) -> str:
        """A server message fit for an error: one line, clipped, no key, no request URL."""
        text = " ".join(str(text).split())
        head, sep, rest = text.partition(": ")
        if sep and head.split(" ", 1)[0] in ("GET", "POST") and "://" in head:
            text = rest  # api_core prefixes "POST http://host/v1/images:annotate: "
        text = text[:300]
        if self._api_key:
            text = text.replace(self._api_key, "***")
        return text

    def _http_error(self, exc: Any, status: int, page_index: int) -> EngineError:
        message = self._clean(getattr(exc, "message", "") or "")
        reason = _reason(exc)
        page = page_index + 1
        details: dict[str, Any] = {"status": status, "reason": reason}
        if status in (401, 403) or reason in ("API_KEY_INVALID", "PERMISSION_DENIED"):
            return EngineAuthError(
                f"Google Vision refused the credentials ({status} {reason or ''}: {message}). "
                f"Check GOOGLE_API_KEY / GOOGLE_APPLICATION_CREDENTIALS and that the Cloud "
                f"Vision API is enabled for the project.",
                page=page, details=details,
            )
        if status == 429 or reason in ("RATE_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED"):
            return EngineQuotaError(
                f"Google Vision quota exceeded (429: {message}); wait and try again, or raise "
                f"the project's quota.",
                page=page, details=details,
            )
        if status == 400:
            return EngineRequestFailed(
                f"Google Vision could not read page {page} (400: {message}).",
                page=page, details=details,
            )
        return EngineRequestFailed(
            f"Google Vision failed on page {page} ({status or 'error'}: {message}); "
            f"try again later.",
            page=page, details=details,
        )

    def _rpc_error(self, code: int, message: str, page_index: int) -> EngineError:
        """An error inside a 200 answer (``responses[].error``, a google.rpc.Status)."""
        message = self._clean(message)
        page = page_index + 1
        details = {"rpc_code": code}
        if code in (7, 16):  # PERMISSION_DENIED, UNAUTHENTICATED
            return EngineAuthError(f"Google Vision refused page {page}: {message}",
                                   page=page, details=details)
        if code == 8:  # RESOURCE_EXHAUSTED
            return EngineQuotaError(f"Google Vision quota exceeded on page {page}: {message}",
                                    page=page, details=details)
        return EngineRequestFailed(f"Google Vision could not read page {page}: {message}",
                                   page=page, details=details)


def _reason(exc: Any) -> str:
    """The ``reason`` of a Google error (``API_KEY_INVALID``, ...) when the body names one."""
    r = getattr(exc, "reason", None)
    if r:
        return str(r)
    for d in getattr(exc, "details", None) or ():
        if isinstance(d, Mapping) and d.get("reason"):
            return str(d["reason"])
        r = getattr(d, "reason", None)
        if r:
            return str(r)
    return ""


def _is_transport_error(exc: BaseException) -> bool:
    try:
        import requests
    except ImportError:  # pragma: no cover - google-auth's transport needs requests
        return False
    return isinstance(exc, requests.exceptions.RequestException)


def _is_timeout(exc: BaseException) -> bool:
    import requests

    return isinstance(exc, requests.exceptions.Timeout)
