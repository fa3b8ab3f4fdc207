"""Results in the hosted API's shape, and back."""

from __future__ import annotations

import json

from spaceocr.core.errors import CorruptDocument
from spaceocr.core.export.json import error_envelope, result_from_api, to_api_dict
from spaceocr.core.types import (
    DocumentResult,
    FieldResult,
    FieldStatus,
    Grounding,
    LineItem,
    Quad,
    ResultWarning,
)


def _field(name, value, box, ratio=1.0, page=0, reasons=()):
    g = Grounding(page, Quad.from_bbox(*box), ratio, "ocr_chars", (1, 2, 3))
    status = FieldStatus.OK if ratio >= 0.85 and not reasons else FieldStatus.LOW_CONFIDENCE
    return FieldResult(name, value, status, "rules", grounding=g, review_reasons=tuple(reasons))


def _result():
    items = (
        LineItem(0, (_field("description", "りんご", (0.1, 0.3, 0.2, 0.33)),
                     _field("amount", "600", (0.6, 0.3, 0.7, 0.33)))),
        LineItem(1, (_field("description", "みかん", (0.1, 0.35, 0.2, 0.38), page=1),)),
    )
    return DocumentResult(
        template="receipt",
        fields=(
            _field("merchant_name", "北斗ストア", (0.25, 0.05, 0.75, 0.1)),
            _field("total", "¥1,200", (0.5, 0.8, 0.7, 0.85), ratio=0.8, reasons=("sum_mismatch",)),
            FieldResult("date", "2026-01-01", FieldStatus.NOT_GROUNDED, "rules",
                        review_reasons=("not_on_page",)),
            FieldResult("line_items", None, FieldStatus.OK, "rules", items=items, is_array=True),
        ),
        file_name="r.png",
        page_count=2,
        warnings=(ResultWarning("page_error", "page 3 bad", 2),),
    )


def test_to_api_dict_has_exactly_the_api_field_shape():
    out = to_api_dict(_result())
    assert out["status"] == "success"
    m = out["data"]["merchant_name"]
    assert m["value"] == "北斗ストア"
    assert m["bbox"] == {"xmin": 250.0, "ymin": 50.0, "xmax": 750.0, "ymax": 100.0}
    assert m["vertices"] == [
        {"x": 250.0, "y": 50.0}, {"x": 750.0, "y": 50.0},
        {"x": 750.0, "y": 100.0}, {"x": 250.0, "y": 100.0},
    ]
    assert (m["match_ratio"], m["bbox_source"], m["page"]) == (1.0, "ocr_chars", 1)
    assert "review" not in m
    t = out["data"]["total"]
    assert t["review"] is True and t["review_reasons"] == ["sum_mismatch"]
    d = out["data"]["date"]
    assert d["bbox"] is None and d["match_ratio"] == 0.0 and d["bbox_source"] == "none"
    items = out["data"]["line_items"]
    assert [sorted(i) for i in items] == [["amount", "description"], ["description"]]
    assert items[1]["description"]["page"] == 2
    assert out["meta"]["warnings"] == [{"code": "page_error", "message": "page 3 bad", "page": 3}]
    json.dumps(out, ensure_ascii=False)  # serialisable


def test_api_dict_round_trips_through_result_from_api():
    first = to_api_dict(_result(), include_meta=False)
    back = result_from_api(first, template="receipt")
    again = to_api_dict(back, include_meta=False)["data"]
    assert again == first["data"]
    assert back.get("total").status is FieldStatus.LOW_CONFIDENCE
    assert back.get("merchant_name").status is FieldStatus.OK


def test_error_envelope_carries_code_message_and_request_id():
    env = error_envelope(CorruptDocument("x.png: damaged"), "req_abc", file="x.png")
    assert env == {
        "error": {"code": "corrupt_file", "message": "x.png: damaged", "requestId": "req_abc"},
        "file": "x.png",
    }
    env = error_envelope(RuntimeError("boom"))
    assert env["error"]["code"] == "internal_error"
    assert env["error"]["requestId"].startswith("req_")
