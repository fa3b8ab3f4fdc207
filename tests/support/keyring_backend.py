"""A real keyring backend for tests: a JSON file, so no OS keyring is needed.

In-process tests pass ``FileKeyring(path)`` to :class:`spaceocr.core.secrets.KeyStore` or to
``keyring.set_keyring``. A subprocess picks it up with::

    PYTHON_KEYRING_BACKEND=tests.support.keyring_backend.FileKeyring
    SPACEOCR_TEST_KEYRING=/tmp/.../keyring.json

It stores values in clear text: it exists for tests only (keyrings.alt's PlaintextKeyring is
the same idea; this one avoids the extra dependency).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Passwords in a JSON file ``{service: {username: password}}``."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        raw = path if path is not None else os.environ.get("SPACEOCR_TEST_KEYRING", "")
        if not raw:
            raise RuntimeError("FileKeyring needs a path or SPACEOCR_TEST_KEYRING")
        self.path = Path(raw)

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError(f"no password for {service}/{username}")
        del data[service][username]
        self._save(data)
