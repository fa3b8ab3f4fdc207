"""The SQLite store: sheets of results with the clerk's corrections, queried like GET /view.

``Store.open(path)`` (None: ``SPACEOCR_STORE`` or the user data directory) gives a store;
``save_result`` keeps a result in a sheet, ``query`` filters (``where``), orders (``sort``) and
picks (``select``) its rows, ``set_value``/``confirm`` record a clerk's edits.
"""

from spaceocr.core.store.normalize import parse_amount, parse_date
from spaceocr.core.store.rows import (
    CellRef,
    CellView,
    SheetRow,
    parse_cell_ref,
    row_from_result,
    row_to_json,
    template_for_result,
)
from spaceocr.core.store.schema import STORE_VERSION
from spaceocr.core.store.store import DocumentSummary, SheetInfo, Store, default_store_path
from spaceocr.core.store.where import PSEUDO_FIELDS, compile_where, parse_where

__all__ = [
    "PSEUDO_FIELDS",
    "STORE_VERSION",
    "CellRef",
    "CellView",
    "DocumentSummary",
    "SheetInfo",
    "SheetRow",
    "Store",
    "compile_where",
    "default_store_path",
    "parse_amount",
    "parse_cell_ref",
    "parse_date",
    "parse_where",
    "row_from_result",
    "row_to_json",
    "template_for_result",
]
