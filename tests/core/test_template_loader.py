"""Templates load from the built-ins or a user's file; bad files name the line."""

from __future__ import annotations

import json

import pytest

from spaceocr.core.errors import TemplateError, TemplateNotFound
from spaceocr.core.templates import builtin_names, load_fields_file, load_template

EVALUATED = {
    "receipt": ["merchant_name", "merchant_address", "merchant_phone", "date", "time",
                "subtotal", "tax", "total", "payment_method", "receipt_number", "line_items"],
    "invoice": ["invoice_number", "issue_date", "due_date", "vendor_name", "vendor_address",
                "customer_name", "registration_number", "customer_tax_id", "invoice_code",
                "subtotal", "tax", "total", "amount_due", "currency", "line_items"],
    "delivery": ["delivery_number", "date", "shipper", "consignee", "line_items"],
    "business_card": ["name", "title", "company", "address", "phone", "email"],
    "driver_license": ["name", "birth_date", "address", "license_number", "issue_date",
                       "expiry_date"],
    "quote": ["quote_number", "issue_date", "valid_until", "vendor_name", "customer_name",
              "subtotal", "tax", "total", "line_items"],
}


@pytest.mark.parametrize("name", sorted(EVALUATED))
def test_builtin_templates_keep_the_field_names_the_evaluation_uses(name):
    tpl = load_template(name)
    assert tpl.is_builtin
    names = [f.name for f in tpl.fields]
    assert set(EVALUATED[name]) <= set(names)
    items = tpl.field("line_items")
    if items is not None:
        assert [c.name for c in items.children] == [
            "description", "quantity", "unit_price", "amount"
        ]


def test_every_builtin_loads():
    assert len(builtin_names()) >= 7
    for n in builtin_names():
        assert load_template(n).fields


def test_a_user_field_list_loads_from_a_bare_list(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text(json.dumps(["po_ref", {"name": "total", "type": "amount"},
                             {"name": "rows", "children": ["sku", "qty"]}]))
    tpl = load_fields_file(p)
    assert tpl.name == "mine"
    assert [f.name for f in tpl.fields] == ["po_ref", "total", "rows"]
    assert tpl.field("rows").is_array
    assert [c.name for c in tpl.field("rows").children] == ["sku", "qty"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"fields": [\n {"name": "a"},\n {"name": "a"}\n]}', "duplicate"),
        ('{"fields": [{"name": "bad name"}]}', "letters, digits"),
        ('{"fields": [{"name": "x", "type": "colour"}]}', "unknown type"),
        ('{"fields": [{"name": "x", "type": "array"}]}', "needs children"),
        ('{"fields": []}', "no fields"),
        ('{"name": "x"}', "expected a list"),
    ],
)
def test_invalid_templates_say_what_is_wrong(tmp_path, content, needle):
    p = tmp_path / "t.json"
    p.write_text(content)
    with pytest.raises(TemplateError, match=needle):
        load_fields_file(p)


def test_json_syntax_error_names_file_and_line(tmp_path):
    p = tmp_path / "t.json"
    p.write_text('{"fields": [\n  "a",\n  oops\n]}')
    with pytest.raises(TemplateError) as ei:
        load_fields_file(p)
    assert "t.json, line 3" in str(ei.value)
    assert ei.value.details["line"] == 3


def test_unknown_template_lists_the_builtins():
    with pytest.raises(TemplateNotFound) as ei:
        load_template("recipe")
    assert "receipt" in str(ei.value) and ei.value.code == "template_not_found"


@pytest.mark.parametrize("name", [*sorted(EVALUATED), "purchase_order"])
def test_every_builtin_field_has_a_title_in_every_ui_language(name):
    tpl = load_template(name)
    fields = list(tpl.fields) + [c for f in tpl.fields for c in f.children]
    for f in fields:
        for lang in ("en", "ja", "ko", "zh-Hans", "zh-Hant"):
            assert f.title.get(lang), (name, f.name, lang)
