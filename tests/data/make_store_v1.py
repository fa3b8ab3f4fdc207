"""Make ``store_v1.sqlite3``: a store as the first schema (v1) wrote it, for migration tests.

Run from the repository root: ``python tests/data/make_store_v1.py``. The file is committed;
re-run only to rebuild it from ``SCHEMA_V1`` (tests check the file still matches that DDL).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from spaceocr.core.store.schema import SCHEMA_V1
from spaceocr.core.store.store import APPLICATION_ID

OUT = Path(__file__).with_name("store_v1.sqlite3")

TEMPLATE = {
    "name": "invoice_v1",
    "title": {"en": "Invoice"},
    "description": "",
    "fields": [
        {"name": "invoice_number", "type": "id"},
        {"name": "issue_date", "type": "date"},
        {"name": "vendor_name", "type": "text"},
        {"name": "total", "type": "amount"},
        {
            "name": "line_items",
            "type": "array",
            "children": [
                {"name": "description", "type": "text"},
                {"name": "amount", "type": "amount"},
            ],
        },
    ],
}

NOW = "2026-01-15T09:00:00+00:00"

# (field, array, item, type, value, original, status, ratio, reasons, confirmed, corrected)
DOC_CELLS = {
    "a" * 64: (
        "january.pdf",
        [
            ("invoice_number", "", -1, "id", "INV-0001", "INV-0001", "ok", 1.0, [], 0, 0),
            ("issue_date", "", -1, "date", "令和8年1月10日", "令和8年1月10日", "ok", 1.0, [], 0, 0),
            (
                "vendor_name",
                "",
                -1,
                "text",
                "株式会社サンプル",
                "株式会社サンプル",
                "ok",
                1.0,
                [],
                1,
                0,
            ),
            ("total", "", -1, "amount", "¥12,000", "¥12,800", "ok", 1.0, [], 1, 1),
            ("description", "line_items", 0, "text", "りんご", "りんご", "ok", 1.0, [], 0, 0),
            (
                "amount",
                "line_items",
                0,
                "amount",
                "¥12,000",
                "¥12,000",
                "low_confidence",
                0.6,
                [],
                0,
                0,
            ),
        ],
    ),
    "b" * 64: (
        "february.pdf",
        [
            ("invoice_number", "", -1, "id", "INV-0002", "INV-0002", "ok", 1.0, [], 0, 0),
            ("issue_date", "", -1, "date", "2026/2/3", "2026/2/3", "ok", 1.0, [], 0, 0),
            (
                "total",
                "",
                -1,
                "amount",
                "1.234,50 €",
                "1.234,50 €",
                "low_confidence",
                1.0,
                ["sum_mismatch"],
                0,
                0,
            ),
        ],
    ),
}


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for stmt in (s.strip() for s in SCHEMA_V1.split(";")):
        if stmt:
            conn.execute(stmt)
    conn.execute(
        "INSERT INTO sheets (name, template, template_json, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        ("2026-01", TEMPLATE["name"], json.dumps(TEMPLATE, ensure_ascii=False), NOW, NOW),
    )
    for sha, (name, cells) in DOC_CELLS.items():
        doc = conn.execute(
            "INSERT INTO documents (sha256, file_name, page_count, page_sizes, added_at) "
            "VALUES (?, ?, 1, '[[1000, 1400]]', ?)",
            (sha, name, NOW),
        ).lastrowid
        res = conn.execute(
            "INSERT INTO results (sheet_id, document_id, template, mode, engine, extractor, "
            "result_schema, source_path, warnings, checks, timings, meta, created_at, "
            "updated_at) VALUES (1, ?, ?, 'offline', 'embedded', 'rules 1', 1, ?, '[]', '[]', "
            "'{}', '{}', ?, ?)",
            (doc, TEMPLATE["name"], f"/scans/{name}", NOW, NOW),
        ).lastrowid
        for pos, (
            field,
            array,
            item,
            ftype,
            value,
            original,
            status,
            ratio,
            reasons,
            confirmed,
            corrected,
        ) in enumerate(cells):
            conn.execute(
                "INSERT INTO cells (result_id, array_field, item_index, field, position, "
                "field_type, value, original_value, status, source, confidence, page, "
                "x0, y0, x1, y1, vertices, match_ratio, bbox_source, char_indices, "
                "review_reasons, confirmed, corrected, corrected_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'rules', 1.0, 0, 0.1, 0.1, 0.3, 0.13, "
                "'[0.1,0.1,0.3,0.1,0.3,0.13,0.1,0.13]', ?, 'ocr_chars', '[]', ?, ?, ?, ?)",
                (
                    res,
                    array,
                    item,
                    field,
                    4 if array else pos,
                    ftype,
                    value,
                    original,
                    status,
                    ratio,
                    json.dumps(reasons),
                    confirmed,
                    corrected,
                    NOW if corrected else None,
                ),
            )
    conn.execute("COMMIT")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
