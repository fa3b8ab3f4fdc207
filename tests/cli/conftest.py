"""Isolation for CLI tests that touch settings and keys: a temporary config folder, a real
file-backed keyring, and none of the user's key variables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.keyring_backend import FileKeyring

KEY_VARS = ("SPACEOCR_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS", "SPACEOCR_WEBHOOK_SECRET", "SPACEOCR_API_BASE")


@pytest.fixture
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    """XDG folders under ``tmp_path``, no key variables, and a FileKeyring as the keyring."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SPACEOCR_STORE", raising=False)
    for var in KEY_VARS:
        monkeypatch.delenv(var, raising=False)
    backend = FileKeyring(tmp_path / "keyring.json")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
