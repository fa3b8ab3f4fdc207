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
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

_ENV = "SPACEOCR_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    """Passwords in a JSON file ``{service: {username: password}}``.

    keyring discovers every imported backend class; this one is viable only when
    ``SPACEOCR_TEST_KEYRING`` is set, so importing it never changes another test's keyring.
    """

    @properties.classproperty
    def priority(cls) -> float:
        if not os.environ.get(_ENV):
            raise RuntimeError(f"FileKeyring is for tests: set {_ENV}")
        return 1.0

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self._path = Path(path) if path is not None else None

    @property
    def path(self) -> Path:
        if self._path is not None:
            return self._path
        raw = os.environ.get(_ENV, "")
        if not raw:
            raise RuntimeError(f"FileKeyring needs a path or {_ENV}")
        return Path(raw)

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
