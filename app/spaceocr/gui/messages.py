"""Error codes from the core, as text a clerk can read (translatable).

The core speaks English plus a stable ``code`` (:mod:`spaceocr.core.errors`); the GUI shows
the text below for a code, in the user's language, and falls back to the core's English
message for a code it does not know. lupdate reads the ``QT_TRANSLATE_NOOP`` literals.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

logger = logging.getLogger(__name__)

_CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (translated where it is shown)."""
    return text


#: code -> untranslated text; ``{file}`` is the file's name
_TEXTS: dict[str, str] = {
    "not_found": QT_TRANSLATE_NOOP("Messages", "{file}: the file was not found."),
    "permission_denied": QT_TRANSLATE_NOOP(
        "Messages", "{file}: permission denied; make the file readable and try again."
    ),
    "empty_file": QT_TRANSLATE_NOOP("Messages", "{file}: the file is empty."),
    "unsupported_type": QT_TRANSLATE_NOOP(
        "Messages", "{file}: not a PDF or an image (PNG, JPEG, TIFF, BMP, GIF, WebP)."
    ),
    "corrupt_file": QT_TRANSLATE_NOOP(
        "Messages", "{file}: the file is damaged and cannot be read; re-scan or re-export it."
    ),
    "encrypted_pdf": QT_TRANSLATE_NOOP("Messages", "{file}: the PDF is protected by a password."),
    "empty_document": QT_TRANSLATE_NOOP("Messages", "{file}: the document has no pages."),
    "too_large": QT_TRANSLATE_NOOP(
        "Messages", "{file}: the document is larger than the limits allow."
    ),
    "page_error": QT_TRANSLATE_NOOP("Messages", "{file}: no page could be read."),
    "engine_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The OCR engine or extractor for this mode is not available."
    ),
    "engine_auth": QT_TRANSLATE_NOOP(
        "Messages", "The cloud service refused the key; check it in the settings."
    ),
    "engine_quota": QT_TRANSLATE_NOOP(
        "Messages", "The cloud service's quota is used up; try again later."
    ),
    "engine_request_failed": QT_TRANSLATE_NOOP(
        "Messages", "The request to the cloud service failed; try again."
    ),
    "template_error": QT_TRANSLATE_NOOP("Messages", "The template or field list is not valid."),
    "template_not_found": QT_TRANSLATE_NOOP("Messages", "The template was not found."),
    "store_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The results database cannot be written (locked, full or read-only)."
    ),
    "store_corrupt": QT_TRANSLATE_NOOP("Messages", "The results database is damaged."),
    "invalid_values": QT_TRANSLATE_NOOP("Messages", "The values to check are not valid."),
    "sheet_not_found": QT_TRANSLATE_NOOP("Messages", "There is no sheet of that name."),
    "sheet_document_not_found": QT_TRANSLATE_NOOP(
        "Messages", "The document is no longer in the sheet."
    ),
    "sheet_template_mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "This sheet holds another template; choose another sheet for these documents.",
    ),
    "where_invalid": QT_TRANSLATE_NOOP("Messages", "The filter expression is not valid."),
    "api_bad_response": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service sent an answer that cannot be read; try again."
    ),
    "api_timeout": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service did not answer in time; try again."
    ),
    "webhook_signature": QT_TRANSLATE_NOOP(
        "Messages", "A webhook delivery had a missing or wrong signature."
    ),
    "api_transport": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service cannot be reached; check the connection."
    ),
    "config_error": QT_TRANSLATE_NOOP("Messages", "A setting is missing or wrong."),
    "key_missing_spaceocr": QT_TRANSLATE_NOOP(
        "Messages",
        "The space-ocr API key is not set: enter it in Tools ▸ Settings, or set "
        "SPACEOCR_API_KEY in the environment.",
    ),
    "key_missing_google": QT_TRANSLATE_NOOP(
        "Messages",
        "The Google Cloud Vision key is not set: enter it in Tools ▸ Settings, or set "
        "GOOGLE_API_KEY in the environment.",
    ),
    "key_missing_anthropic": QT_TRANSLATE_NOOP(
        "Messages",
        "The Anthropic API key is not set: enter it in Tools ▸ Settings, or set "
        "ANTHROPIC_API_KEY in the environment.",
    ),
    "api_error": QT_TRANSLATE_NOOP("Messages", "The space-ocr service refused the request."),
    "api_auth": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service refused the API key; check it in the settings."
    ),
    "api_payment_required": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr account has no credit left; top it up and try again."
    ),
    "api_rate_limited": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service is busy (too many requests); try again in a minute."
    ),
    "api_server": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service had a problem on its side; try again later."
    ),
    "api_bad_request": QT_TRANSLATE_NOOP(
        "Messages", "{file}: the space-ocr service could not accept this document."
    ),
    "api_job_failed": QT_TRANSLATE_NOOP(
        "Messages", "{file}: the space-ocr service could not read this document."
    ),
    "api_job_timeout": QT_TRANSLATE_NOOP(
        "Messages", "The space-ocr service took too long with this document; try again."
    ),
    "cancelled": QT_TRANSLATE_NOOP("Messages", "Cancelled."),
    "write_failed": QT_TRANSLATE_NOOP(
        "Messages", "{file}: cannot be saved there; the folder is missing, read-only or full."
    ),
    "unexpected": QT_TRANSLATE_NOOP(
        "Messages", "An unexpected error happened; the details are in the log."
    ),
}


def known_codes() -> tuple[str, ...]:
    """The codes that have a text of their own."""
    return tuple(_TEXTS)


def error_text(code: str, *, file: str = "", fallback: str = "") -> str:
    """The translated text for an error ``code``.

    Args:
        code: a core error code (``corrupt_file``, ...).
        file: the document's file name, for texts that name it.
        fallback: shown for a code without a text of its own (the core's English message).

    Returns:
        One line of text in the UI language.
    """
    source = _TEXTS.get(code)
    if source is None:
        if fallback:
            return fallback
        source = _TEXTS["unexpected"]
    text = QCoreApplication.translate(_CONTEXT, source)
    return text.replace("{file}", file or QCoreApplication.translate("Messages", "The document"))


def exception_text(exc: BaseException, *, file: str = "") -> tuple[str, str]:
    """(code, translated text) for any exception a worker delivered."""
    from spaceocr.core.errors import ConfigError, SpaceOcrError

    if isinstance(exc, ConfigError) and "is missing" in str(exc):
        key_code = f"key_missing_{getattr(exc, 'field', '') or ''}"
        if key_code in _TEXTS:
            return exc.code, error_text(key_code, file=file)
    if isinstance(exc, SpaceOcrError):
        code = exc.code
        if code.startswith("api_") and code not in _TEXTS:
            return code, error_text(api_code(exc), file=file)
        return code, error_text(code, file=file, fallback=str(exc))
    if isinstance(exc, OSError) and exc.filename:
        # an export or a file the worker wrote: the environment failed, not our code
        return "write_failed", error_text("write_failed", file=Path(str(exc.filename)).name)
    return "unexpected", error_text("unexpected", file=file)


def api_code(exc: BaseException) -> str:
    """The text code for a hosted-API error the server named (``api_rate_limited``,
    ``api_http_401``, ...): by the server's code when known, else by the HTTP status."""
    code = str(getattr(exc, "code", "api_error"))
    if code in _TEXTS:
        return code
    status = int(getattr(exc, "status_code", 0) or 0)
    if status in (401, 403) or any(w in code for w in ("unauthor", "forbidden", "key")):
        return "api_auth"
    if status == 402 or "payment" in code or "credit" in code:
        return "api_payment_required"
    if status == 429 or "rate" in code:
        return "api_rate_limited"
    if status >= 500:
        return "api_server"
    if 400 <= status < 500:
        return "api_bad_request"
    return "api_error"
