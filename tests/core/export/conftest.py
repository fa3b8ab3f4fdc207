"""Export tests use the store's fixtures (a real SQLite file per test)."""

from tests.core.store.conftest import empty_store_file, store, store_path

__all__ = ["empty_store_file", "store", "store_path"]
