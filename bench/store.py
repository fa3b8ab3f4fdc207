"""Store speed: inserting 10,000 results, then a where/sort/select over them.

    python bench/store.py [--docs 10000] [--items 3] [--store PATH] [--xlsx]

Each document is an invoice result of 10 fields and N line items (4 cells each), every value
grounded on a page of ~700 OCR characters that is kept with it (compressed), saved with
``Store.save_result`` in its own transaction, as ``spaceocr extract --sheet`` does. Prints
documents/s and cells/s for the inserts, the file size, and the time of ``count``, a full
``query`` and a 100-row window for a where + sort + select, and of a CSV export.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.store import Store
from spaceocr.core.templates import parse_template
from spaceocr.core.types import DocumentResult, ExtractedField, OcrChar, OcrPage, Quad

TEMPLATE = parse_template(
    {
        "name": "bench_invoice",
        "fields": [
            {"name": "invoice_number", "type": "id"},
            {"name": "issue_date", "type": "date"},
            {"name": "due_date", "type": "date"},
            {"name": "vendor_name"},
            {"name": "vendor_address", "type": "address"},
            {"name": "customer_name"},
            {"name": "registration_number", "type": "id"},
            {"name": "subtotal", "type": "amount"},
            {"name": "tax", "type": "amount"},
            {"name": "total", "type": "amount"},
            {
                "name": "line_items",
                "type": "array",
                "children": [
                    {"name": "description"},
                    {"name": "quantity", "type": "number"},
                    {"name": "unit_price", "type": "amount"},
                    {"name": "amount", "type": "amount"},
                ],
            },
        ],
    }
)

VENDORS = ["株式会社テスト", "山田商事", "한국상사", "陈氏贸易有限公司", "ACME Trading GmbH"]


def make_page(lines: list[str]) -> OcrPage:
    chars = []
    word = 0
    for line_no, line in enumerate(lines):
        word += 1
        for col, ch in enumerate(line):
            if ch == " ":
                word += 1
                continue
            x0, y0 = 0.04 + col * 0.012, 0.04 + line_no * 0.025
            chars.append(
                OcrChar(ch, Quad.from_bbox(x0, y0, x0 + 0.011, y0 + 0.02), 0.98, line_no, word)
            )
    return OcrPage(0, 1654, 2339, 200.0, "bench", tuple(chars))


def make_result(n: int, items: int, rng: random.Random) -> DocumentResult:
    total = rng.randint(100, 2_000_000)
    values = {
        "invoice_number": f"INV-{n:06d}",
        "issue_date": f"2026/{rng.randint(1, 12)}/{rng.randint(1, 28)}",
        "due_date": f"令和8年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        "vendor_name": rng.choice(VENDORS),
        "vendor_address": "東京都千代田区丸の内1-2-3 テストビル4F",
        "customer_name": "ソジュハンザン様",
        "registration_number": f"T{rng.randint(10**12, 10**13 - 1)}",
        "subtotal": f"¥{total * 10 // 11:,}",
        "tax": f"¥{total - total * 10 // 11:,}",
        "total": f"¥{total:,}",
    }
    rows = [
        {
            "description": f"品目 {k} サービス料",
            "quantity": str(k + 1),
            "unit_price": f"¥{rng.randint(100, 9999):,}",
            "amount": f"¥{rng.randint(100, 99999):,}",
        }
        for k in range(items)
    ]
    filler = [f"備考 {k}: お支払いは期日までにお願いいたします" for k in range(12)]
    page = make_page([*values.values(), *(" ".join(r.values()) for r in rows), *filler])
    fields = [ExtractedField(k, v) for k, v in values.items()]
    fields.append(
        ExtractedField(
            "line_items",
            items=tuple(tuple(ExtractedField(k, v) for k, v in r.items()) for r in rows),
        )
    )
    grounded = ground_extracted(fields, [page], TEMPLATE, source="bench")
    return DocumentResult(
        template=TEMPLATE.name,
        fields=grounded,
        file_name=f"invoice_{n:06d}.pdf",
        sha256=hashlib.sha256(f"bench-{n}".encode()).hexdigest(),
        page_count=1,
        page_sizes=((1654, 2339),),
        engine="bench",
        extractor="bench 1",
        ocr_pages=(page,),
    )


def timed(label: str, fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best = cpu = float("inf")
    out = None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    print(f"  {label:<44} {best * 1000:9.1f} ms  (cpu {cpu * 1000:8.1f} ms)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--items", type=int, default=3)
    ap.add_argument("--store", type=Path, help="store file (default: a temporary one)")
    ap.add_argument("--xlsx", action="store_true", help="also time an .xlsx export")
    args = ap.parse_args(argv)

    rng = random.Random(7)
    print(f"building {args.docs} results ({10 + 4 * args.items} cells each)...", file=sys.stderr)
    # a few distinct grounded results, varied per document (grounding is not what is timed)
    bases = [make_result(n, args.items, rng) for n in range(50)]
    results = []
    for n in range(args.docs):
        base = bases[n % len(bases)]
        results.append(
            replace(
                base,
                sha256=hashlib.sha256(f"doc-{n}".encode()).hexdigest(),
                file_name=f"invoice_{n:06d}.pdf",
            )
        )
    tmp = tempfile.TemporaryDirectory()
    path = args.store or Path(tmp.name) / "bench.sqlite3"
    store = Store.open(path)
    cells = sum(10 + 4 * args.items for _ in results)
    t, c = time.perf_counter(), time.process_time()
    for r in results:
        store.save_result("bench", r, template=TEMPLATE)
    dt, dcpu = time.perf_counter() - t, time.process_time() - c
    size_mib = sum(p.stat().st_size for p in Path(path).parent.glob(Path(path).name + "*"))
    print(
        f"insert: {args.docs} results in {dt:.2f} s = {args.docs / dt:,.0f} results/s "
        f"({cells / dt:,.0f} cells/s), one transaction each"
    )
    print(
        f"        cpu {dcpu:.2f} s = {args.docs / dcpu:,.0f} results/s of this process's CPU "
        f"(the rest is waiting: disk, or a shared machine)"
    )
    print(f"store size: {size_mib / 2**20:.1f} MiB ({size_mib / args.docs / 1024:.1f} KiB/doc)")

    where = "total > 500000 and (vendor_name contains 商事 or vendor_name contains 상사)"
    sort = "-total,issue_date"
    select = "vendor_name,total,issue_date,line_items.amount"
    print(f"query over {args.docs} documents:")
    print(f"  where  {where}\n  sort   {sort}\n  select {select}")
    n = timed("count(where)", lambda: store.count("bench", where))
    rows = timed(
        "query(where, sort, select): all rows",
        lambda: store.query("bench", where=where, sort=sort, select=select),
    )
    timed(
        "query(where, sort, select, limit=100)",
        lambda: store.query("bench", where=where, sort=sort, select=select, limit=100),
    )
    timed(
        "query(where on a line-item column)",
        lambda: store.query("bench", where="line_items.amount > 90000", select="total"),
    )
    timed("query(): every document, every cell", lambda: store.query("bench"), repeat=1)
    print(f"  -> {n} documents match; first: {rows[0].file_name} {rows[0].cells['total'].value}")

    from spaceocr.core.export.sheet import export_sheet

    out = Path(tmp.name) / "bench.csv"
    timed("export_sheet(.csv, every document)", lambda: export_sheet(store, "bench", out), repeat=1)
    if args.xlsx:
        timed(
            "export_sheet(.xlsx, every document)",
            lambda: export_sheet(store, "bench", out.with_suffix(".xlsx")),
            repeat=1,
        )
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
