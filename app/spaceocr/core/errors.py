"""The exceptions spaceocr raises, each with a stable ``code``.

The tree::

    SpaceOcrError                       code
    ├── DocumentError
    │   ├── DocumentNotFound            not_found            (also FileNotFoundError)
    │   ├── DocumentPermissionDenied    permission_denied    (also PermissionError)
    │   ├── EmptyFile                   empty_file           (also ValueError)
    │   ├── UnsupportedDocument         unsupported_type     (also TypeError)
    │   ├── CorruptDocument             corrupt_file         (also ValueError)
    │   ├── EncryptedDocument           encrypted_pdf
    │   ├── EmptyDocument               empty_document       (also ValueError)
    │   ├── DocumentTooLarge            too_large            (also ValueError)
    │   └── PageError                   page_error
    ├── EngineError
    │   ├── EngineUnavailable           engine_unavailable
    │   ├── EngineAuthError             engine_auth
    │   ├── EngineQuotaError            engine_quota
    │   └── EngineRequestFailed         engine_request_failed
    ├── TemplateError                   template_error       (also ValueError)
    │   └── TemplateNotFound            template_not_found
    ├── InvalidValues                   invalid_values       (also ValueError: verify's VALUES)
    ├── StoreError
    │   ├── StoreUnavailable            store_unavailable    (locked, disk full, read-only)
    │   ├── StoreCorrupt                store_corrupt        (not a store, damaged, our bug)
    │   ├── SheetNotFound               sheet_not_found      (also KeyError)
    │   ├── SheetDocumentNotFound       sheet_document_not_found (also KeyError)
    │   ├── SheetTemplateMismatch       sheet_template_mismatch  (also ValueError)
    │   └── WhereError                  where_invalid        (also ValueError: --where/--sort)
    ├── ApiError
    │   ├── ApiStatusError              the server's code (status, requestId, clipped body)
    │   ├── ApiResponseError            api_bad_response     (a 2xx answer we cannot read)
    │   ├── ApiTransportError           api_transport, api_timeout
    │   └── WebhookSignatureError       webhook_signature    (a missing or forged signature)
    ├── ConfigError                     config_error         (a missing key, a bad setting)
    └── Cancelled                       cancelled

Every error carries structured fields (``path``, ``page``, ``field``, ``details``) beside a
message that names the file and says what to do. Messages never contain secrets. The CLI
prints ``str(err)``; the GUI maps ``code`` to translated text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "ApiError",
    "ApiResponseError",
    "ApiStatusError",
    "ApiTransportError",
    "Cancelled",
    "ConfigError",
    "CorruptDocument",
    "DocumentError",
    "DocumentNotFound",
    "DocumentPermissionDenied",
    "DocumentTooLarge",
    "EmptyDocument",
    "EmptyFile",
    "EncryptedDocument",
    "EngineAuthError",
    "EngineError",
    "EngineQuotaError",
    "EngineRequestFailed",
    "EngineUnavailable",
    "InvalidValues",
    "PageError",
    "SheetDocumentNotFound",
    "SheetNotFound",
    "SheetTemplateMismatch",
    "SpaceOcrError",
    "StoreCorrupt",
    "StoreError",
    "StoreUnavailable",
    "TemplateError",
    "TemplateNotFound",
    "UnsupportedDocument",
    "WebhookSignatureError",
    "WhereError",
]


class SpaceOcrError(Exception):
    """The root of every error spaceocr raises on purpose."""

    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        page: int | None = None,
        field: str | None = None,
        details: dict[str, Any] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.page = page
        self.field = field
        self.details = dict(details or {})
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


# --------------------------------------------------------------------------- documents
class DocumentError(SpaceOcrError):
    code = "document_error"


class DocumentNotFound(DocumentError, FileNotFoundError):
    code = "not_found"


class DocumentPermissionDenied(DocumentError, PermissionError):
    code = "permission_denied"


class EmptyFile(DocumentError, ValueError):
    code = "empty_file"


class UnsupportedDocument(DocumentError, TypeError):
    code = "unsupported_type"


class CorruptDocument(DocumentError, ValueError):
    code = "corrupt_file"


class EncryptedDocument(DocumentError):
    code = "encrypted_pdf"


class EmptyDocument(DocumentError, ValueError):
    code = "empty_document"


class DocumentTooLarge(DocumentError, ValueError):
    code = "too_large"


class PageError(DocumentError):
    code = "page_error"


# --------------------------------------------------------------------------- engines
class EngineError(SpaceOcrError):
    code = "engine_error"


class EngineUnavailable(EngineError):
    code = "engine_unavailable"


class EngineAuthError(EngineError):
    code = "engine_auth"


class EngineQuotaError(EngineError):
    code = "engine_quota"


class EngineRequestFailed(EngineError):
    code = "engine_request_failed"


# --------------------------------------------------------------------------- templates
class TemplateError(SpaceOcrError, ValueError):
    code = "template_error"


class TemplateNotFound(TemplateError):
    code = "template_not_found"


class InvalidValues(SpaceOcrError, ValueError):
    """The values given to verify are not ``{"name": "value" | [{...}, ...]}``."""

    code = "invalid_values"


# --------------------------------------------------------------------------- store
class StoreError(SpaceOcrError):
    code = "store_error"


class StoreUnavailable(StoreError):
    """The environment failed (locked, disk full, read-only): not a bug of ours."""

    code = "store_unavailable"


class StoreCorrupt(StoreError):
    code = "store_corrupt"


class SheetNotFound(StoreError, KeyError):
    code = "sheet_not_found"


class SheetDocumentNotFound(StoreError, KeyError):
    code = "sheet_document_not_found"


class SheetTemplateMismatch(StoreError, ValueError):
    """A sheet holds one template; a result of another template was saved into it."""

    code = "sheet_template_mismatch"


class WhereError(StoreError, ValueError):
    """A ``--where`` or ``--sort`` expression that is not valid for the sheet."""

    code = "where_invalid"


# --------------------------------------------------------------------------- hosted API
class ApiError(SpaceOcrError):
    code = "api_error"


class ApiStatusError(ApiError):
    """The hosted API answered with an error envelope; ``code`` is the server's."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        body: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body[:500]


class ApiResponseError(ApiError):
    """The hosted API answered 2xx with a body we cannot read (not JSON, no ``data``)."""

    code = "api_bad_response"

    def __init__(
        self, message: str, *, status_code: int = 200, request_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.status_code = status_code
        self.request_id = request_id


class ApiTransportError(ApiError):
    code = "api_transport"


class WebhookSignatureError(ApiError):
    """A webhook delivery whose ``X-Spaceocr-Signature`` is missing or does not match."""

    code = "webhook_signature"


# --------------------------------------------------------------------------- misc
class ConfigError(SpaceOcrError):
    code = "config_error"


class Cancelled(SpaceOcrError):
    code = "cancelled"
