"""Round-2 behaviours of the rule extractor on pages built here: labels that are part of an
identifier, review reasons that keep wrong values from counting as confident, repairs that
arithmetic proves."""

from __future__ import annotations

from tests.core.extract.test_rules import EN_INVOICE, _run, _values, make_page


def test_a_label_word_inside_an_identifier_is_not_a_label() -> None:
    rows = [(80, [(60, "Greenfield Office Co."), (700, "INVOICE")]),
            (110, [(700, "# invoice_number_7")]),
            *(r for r in EN_INVOICE if r[0] >= 330)]
    ex, _ = _run([make_page(rows)], "invoice")
    assert _values(ex).get("invoice_number") in (None, "invoice_number_7")
    assert _values(ex).get("invoice_number") != "number_7"
