"""Re-create the sample documents shipped in resources/samples/ (fictional companies).

    python resources/make_samples.py

The samples are rendered with PyMuPDF's built-in CJK font, so they look the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent / "samples"


def corporate_check_digit(base12: str) -> str:
    """The leading check digit of a Japanese corporate number (法人番号) from its 12 digits."""
    digits = [int(c) for c in reversed(base12)]
    total = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(digits))
    return str(9 - total % 9)


def mixed_text(page: pymupdf.Page, x: float, y: float, s: str, size: float) -> None:
    """Set ASCII runs in Helvetica and the rest in the CJK font, as Japanese documents do."""
    run = ""
    for ch in s + "\0":
        if run and (ch == "\0" or ch.isascii() != run[0].isascii()):
            font = "helv" if run[0].isascii() else "japan"
            page.insert_text((x, y), run, fontname=font, fontsize=size)
            x += pymupdf.get_text_length(run, fontname=font, fontsize=size)
            run = ""
        run += ch


def invoice_ja(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)

    def text(x: float, y: float, s: str, size: float = 10.5) -> None:
        mixed_text(page, x, y, s, size)

    base = "801234567890"
    tnum = "T" + corporate_check_digit(base) + base
    text(250, 70, "請求書", 22)
    text(400, 110, "請求番号: INV-2026-0412")
    text(400, 126, "発行日: 2026年4月30日")
    text(400, 142, "お支払期限: 2026年5月31日")
    text(50, 110, "株式会社みなと商事 御中", 13)
    text(360, 190, "青葉テック株式会社", 12)
    text(360, 206, "東京都千代田区神田小川町3-5-1")
    text(360, 222, "TEL 03-5555-0123")
    text(360, 238, f"登録番号: {tnum}")
    text(50, 260, "ご請求金額  ¥96,800 (税込)", 14)
    y = 300
    page.draw_rect(pymupdf.Rect(50, y - 14, 545, y + 4), color=(0, 0, 0), width=0.6)
    for x, h in ((55, "品名"), (330, "数量"), (400, "単価"), (480, "金額")):
        text(x, y, h)
    rows = [
        ("ノートパソコン保守サービス", "2", "30,000", "60,000"),
        ("USB-C ドッキングステーション", "1", "18,000", "18,000"),
        ("設定作業費", "1", "10,000", "10,000"),
    ]
    for desc, qty, unit, amount in rows:
        y += 22
        text(55, y, desc)
        text(335, y, qty)
        text(400, y, unit)
        text(480, y, amount)
    y += 40
    for label, value in (("小計", "¥88,000"), ("消費税(10%)", "¥8,800"), ("合計", "¥96,800")):
        text(380, y, label)
        text(470, y, value)
        y += 18
    text(50, y + 30, "振込先: みなと銀行 本店 普通 1234567")
    pix = page.get_pixmap(dpi=150, alpha=False)
    pix.save(path)


def receipt_en(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=226, height=400)

    def text(x: float, y: float, s: str, size: float = 9) -> None:
        page.insert_text((x, y), s, fontname="helv", fontsize=size)

    text(55, 30, "CEDAR LANE GROCERS", 11)
    text(40, 44, "118 Cedar Lane, Springfield")
    text(70, 56, "Tel (555) 013-4422")
    text(15, 80, "Date: 04/18/2026")
    text(130, 80, "Time: 14:32")
    text(15, 92, "Receipt #: 20418-0077")
    y = 115
    for desc, amt in (("Oat milk 1L", "3.49"), ("Sourdough loaf", "5.25"), ("Apples 2 lb", "4.18")):
        text(15, y, desc)
        text(170, y, amt)
        y += 13
    y += 8
    for label, amt in (("Subtotal", "12.92"), ("Tax", "1.07"), ("TOTAL", "13.99")):
        text(15, y, label, 10 if label == "TOTAL" else 9)
        text(170, y, amt, 10 if label == "TOTAL" else 9)
        y += 14
    text(15, y + 6, "Paid by VISA ****1881")
    page.get_pixmap(dpi=200, alpha=False).save(path)


if __name__ == "__main__":
    invoice_ja(HERE / "invoice_ja.png")
    receipt_en(HERE / "receipt_en.png")
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("*.png"))))
