"""Store fixtures: a real SQLite file per test, copied from one empty store made per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from spaceocr.core.store import Store


@pytest.fixture(scope="session")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty-store") / "empty.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, empty_store_file: Path) -> Path:
    path = tmp_path / "spaceocr.sqlite3"
    shutil.copyfile(empty_store_file, path)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path)
    yield s
    s.close()
