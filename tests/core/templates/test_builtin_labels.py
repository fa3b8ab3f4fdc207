"""The built-in templates: the field names the evaluation uses, and labels in every language."""

from __future__ import annotations

import pytest

from spaceocr.core.templates import builtin_names, load_template

LANGS = ("ja", "ko", "zh-Hans", "zh-Hant", "en", "de", "fr", "nl")

NAMES = {
    "receipt": ["merchant_name", "merchant_address", "merchant_phone", "date", "time", "subtotal",
                "tax", "total", "payment_method", "receipt_number", "line_items"],
    "invoice": ["invoice_number", "issue_date", "due_date", "vendor_name", "vendor_address",
                "customer_name", "registration_number", "customer_tax_id", "invoice_code",
                "subtotal", "tax", "total", "amount_due", "currency", "line_items"],
    "delivery": ["delivery_number", "date", "shipper", "consignee", "line_items"],
    "business_card": ["name", "title", "company", "address", "phone", "email", "fax", "mobile",
                      "url"],
    "driver_license": ["name", "birth_date", "address", "license_number", "issue_date",
                       "expiry_date"],
    "quote": ["quote_number", "issue_date", "valid_until", "vendor_name", "customer_name",
              "subtotal", "tax", "total", "line_items"],
}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_field_names_are_the_evaluation_names(name: str) -> None:
    tpl = load_template(name)
    assert sorted(f.name for f in tpl.fields) == sorted(NAMES[name])
    items = tpl.field("line_items")
    if items is not None:
        assert [c.name for c in items.children] == [
            "description", "quantity", "unit_price", "amount"]


@pytest.mark.parametrize("name", ["receipt", "invoice", "quote", "purchase_order"])
def test_money_fields_have_labels_in_every_language(name: str) -> None:
    tpl = load_template(name)
    for field in ("subtotal", "tax", "total"):
        spec = tpl.field(field)
        assert spec is not None
        assert set(LANGS) <= set(spec.labels), f"{name}.{field}"
        assert all(spec.labels[lang] for lang in LANGS)


def test_every_builtin_has_titles_descriptions_and_labelled_fields() -> None:
    for name in builtin_names():
        tpl = load_template(name)
        assert tpl.description and tpl.title.get("en") and tpl.title.get("ja")
        for spec in tpl.scalar_fields:
            assert spec.description, f"{name}.{spec.name}"
            assert spec.labels.get("en") or spec.labels.get("ja"), f"{name}.{spec.name}"


def test_typical_labels() -> None:
    inv = load_template("invoice")
    total = inv.field("total")
    assert total is not None
    assert "合計" in total.labels["ja"] and "价税合计" in total.labels["zh-Hans"]
    assert "Gesamtbetrag" in total.labels["de"] and "Total TTC" in total.labels["fr"]
    assert "Totaal" in total.labels["nl"] and "합계" in total.labels["ko"]
    assert "總計" in total.labels["zh-Hant"]
    due = inv.field("amount_due")
    assert due is not None and "ご請求金額" in due.labels["ja"] and "Amount Due" in due.labels["en"]
