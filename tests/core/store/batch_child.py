"""A batch run in a child process for the durability test: save results, one line per commit.

``python -m tests.core.store.batch_child STORE COUNT`` saves documents 0..COUNT-1 to sheet
``batch``, skipping those already stored (as ``spaceocr extract --sheet`` does), and prints
``saved N`` after each commit and ``skipped N`` for each skip.
"""

from __future__ import annotations

import sys

from spaceocr.core.store import Store
from tests.core.store.factory import INVOICE, make_result


def build(n: int):  # type: ignore[no-untyped-def]
    items = [
        {"description": f"品目{n}-{k}", "quantity": str(k + 1), "amount": f"¥{100 * k:,}"}
        for k in range(30)
    ]
    return make_result(
        {
            "invoice_number": f"B-{n:05d}",
            "issue_date": "2026/5/18",
            "vendor_name": "株式会社バッチ",
            "total": f"¥{1000 + n:,}",
        },
        items,
        file_name=f"batch{n:05d}.pdf",
    )


def main() -> int:
    path, count = sys.argv[1], int(sys.argv[2])
    with Store.open(path) as store:
        for n in range(count):
            result = build(n)
            if store.has_document("batch", result.sha256, INVOICE.name):
                print(f"skipped {n}", flush=True)  # noqa: T201 - the parent reads it
                continue
            store.save_result("batch", result, template=INVOICE, source_path=f"/in/{n}")
            print(f"saved {n}", flush=True)  # noqa: T201 - the parent reads it
    return 0


if __name__ == "__main__":
    sys.exit(main())
