"""Every error code the core raises has a text of its own; unknown codes fall back."""

from __future__ import annotations

import inspect

from spaceocr.core import errors
from spaceocr.gui.messages import error_text, exception_text, known_codes


def _core_codes() -> set[str]:
    codes = set()
    for _, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, errors.SpaceOcrError):
            codes.add(cls.code)
    # family codes are never raised on their own
    return codes - {"error", "document_error", "engine_error", "store_error", "api_error"}


def test_every_core_error_code_has_a_text() -> None:
    missing = _core_codes() - set(known_codes())
    assert not missing, f"add a text to gui/messages.py for: {sorted(missing)}"


def test_texts_name_the_file() -> None:
    assert error_text("corrupt_file", file="scan.pdf").startswith("scan.pdf: ")
    assert "{file}" not in error_text("not_found")


def test_unknown_code_falls_back_to_the_core_message() -> None:
    assert error_text("api_no_such_code", fallback="slow down") == "slow down"
    assert "unexpected" in error_text("no_such_code")


def test_exception_text_for_core_and_unexpected_errors() -> None:
    code, text = exception_text(errors.EncryptedDocument("x.pdf: locked"), file="x.pdf")
    assert code == "encrypted_pdf"
    assert "password" in text
    code, text = exception_text(KeyError("k"))
    assert code == "unexpected"
    assert "log" in text


def test_a_file_that_cannot_be_written_is_named_not_unexpected() -> None:
    """An export to a missing, read-only or full folder is the environment, not a bug."""
    exc = FileNotFoundError(2, "No such file or directory", "/media/usb/april/out.xlsx")
    code, text = exception_text(exc)
    assert code == "write_failed"
    assert text.startswith("out.xlsx: ")
    assert "unexpected" not in text
    assert exception_text(PermissionError(13, "Permission denied", "/srv/x.csv"))[0] == (
        "write_failed"
    )
