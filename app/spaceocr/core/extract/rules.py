"""The local extractor: labels, typed patterns and layout, with arithmetic checks.

How a field is read
-------------------
1. The page is straightened and split into rows of cells (:mod:`.layout`); the document's
   language comes from its script mix (:func:`.layout.detect_language`).
2. Every label of every field of the template (the detected language's labels first, then
   English; for Latin-script documents the labels of all European languages) is looked for in
   the rows; where labels overlap the longest wins (``税込合計`` over ``合計``, ``Subtotal``
   over ``Total``), and a few non-field labels (``Amount Paid``, ``お預り``) stop a search.
3. A label's value is read to its right on the same row (up to the next label), else in the
   cell below it, and must parse as the field's type (:mod:`.patterns`).
4. Fields no label announces fall back to patterns (a T-number, an e-mail, the only date on a
   receipt) and to position (a receipt's merchant at the top, an issuer block's first line).
5. Amount fields keep all their candidates; the combination that makes
   ``subtotal + tax = total`` wins. Checks (:mod:`.checks`) then mark what does not add up.

``value`` is always the text as printed (the OCR characters it was read from, listed in the
field's :class:`~spaceocr.core.types.MatchHint`), ``normalized`` an ISO date, a plain decimal
or ``HH:MM``. A field read from a weak clue, or with competing readings, carries a review
reason so that it is never counted as confident.

The modules
-----------
This module runs the steps in that order; the readers live beside it, each importing only
those listed after it: :mod:`.rules_amounts` (choosing subtotal, tax and total),
:mod:`.rules_cards` (business cards), :mod:`.rules_merchant` (a receipt's merchant),
:mod:`.rules_parties` (parties found by position), :mod:`.rules_unlabelled` (fields found
by pattern or wording), :mod:`.rules_labelled` (values at labels), :mod:`.rules_reader`
(the candidates of one document), :mod:`.rules_names` (what a name looks like) and
:mod:`.rules_document` (the pages laid out, the labels found).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from typing import Any

from spaceocr.core.errors import Cancelled
from spaceocr.core.extract import checks as chk
from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.rules_amounts import choose_amounts, prove_lost_point_totals
from spaceocr.core.extract.rules_cards import read_card
from spaceocr.core.extract.rules_document import AMOUNT_TYPES, PARTY_FIELDS, Document
from spaceocr.core.extract.rules_labelled import label_candidates
from spaceocr.core.extract.rules_merchant import read_merchant, read_merchant_address
from spaceocr.core.extract.rules_names import repair_legal_form, suspect_name
from spaceocr.core.extract.rules_parties import (
    read_address_window,
    read_addressee,
    read_issuer,
    read_letterhead_over_window,
    read_zh_parties,
)
from spaceocr.core.extract.rules_reader import Cand, FieldReader
from spaceocr.core.extract.rules_unlabelled import (
    read_by_pattern,
    read_due_in_words,
    read_registration,
    read_unlabelled_number,
)
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import ExtractedField, Extraction, MatchHint, OcrPage

__all__ = ["RuleExtractor"]

logger = logging.getLogger(__name__)

VERSION = "1.0"


class RuleExtractor:
    """Labels + patterns + layout, offline; see the module docstring."""

    name = "rules"
    version = VERSION

    def __init__(self, **_options: Any) -> None:
        pass

    def is_available(self) -> bool:
        return True

    def extract(
        self,
        pages: Sequence[OcrPage],
        template: Template,
        *,
        cancel: threading.Event | None = None,
    ) -> Extraction:
        """Find the template's fields in the pages (a field not on the document is left out)."""
        if not pages or not any(p.chars for p in pages):
            return Extraction((), self.name, self.version, meta={"language": None})
        doc = Document(pages, template)
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        fields, checks = _read_fields(FieldReader(doc), cancel)
        return Extraction(tuple(fields), self.name, self.version, tuple(checks),
                          meta={"language": doc.lang})


def _read_fields(
    reader: FieldReader, cancel: threading.Event | None
) -> tuple[list[ExtractedField], list[tuple[str, bool, str]]]:
    """Read every field of the template: labels, then the fallbacks, then the choice."""
    doc = reader.doc
    reader.read_line_items()
    for spec in doc.template.scalar_fields:
        reader.cands[spec.name] = label_candidates(reader, spec)
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the user")
    _read_special(reader)
    _choose(reader)
    prove_lost_point_totals(reader)
    check_list = chk.run_checks(reader.chosen, reader.items)
    out: list[ExtractedField] = []
    for spec in doc.template.fields:
        if spec.is_array:
            rows = reader.items.get(spec.name)
            if rows:
                out.append(ExtractedField(spec.name, items=rows))
            continue
        c = reader.chosen.get(spec.name)
        found = _extracted_field(doc, spec, c) if c is not None else None
        if found is not None:
            out.append(found)
    return out, check_list


def _extracted_field(doc: Document, spec: FieldSpec, c: Cand) -> ExtractedField | None:
    """The chosen candidate as a field, with what its print says about the reading."""
    value = doc.printed(c.page, c.span)
    if not value:
        return None
    if spec.name in PARTY_FIELDS or spec.name == "name":
        reason = suspect_name(value, doc.lang, doc.pages[c.page].text)
        if reason:
            c.reasons.append(reason)
    if spec.name in PARTY_FIELDS and not c.fixed:
        repaired = repair_legal_form(value)
        if repaired is not None:
            c.fixed = repaired
            c.reasons.append("repaired:legal_form")
    if spec.type == "email" and re.match(r"[A-Z][^A-Z@]*@", pt.nfkc(value)):
        c.reasons.append("suspect_reading")  # an icon read as a capital letter
    return ExtractedField(
        name=spec.name,
        value=c.fixed or value,
        printed=value if c.fixed else None,
        normalized=c.normalized,
        hint=MatchHint(page_index=c.page, char_indices=c.span.chars, source="ocr_chars"),
        confidence=min(1.0, max(0.1, c.score / 10)),
        review_reasons=tuple(dict.fromkeys(c.reasons)),
    )


def _read_special(reader: FieldReader) -> None:
    """The fields no label (or no label alone) finds: parties, ids, cards, patterns."""
    names = set(reader.specs)
    doc = reader.doc
    if doc.lang.startswith("zh"):
        read_zh_parties(reader)
    if "customer_name" in names or "consignee" in names:
        read_addressee(reader)
    if "customer_name" in names and not reader.cands.get("customer_name") and (
        doc.lang in lb.LATIN_LANGS
    ):
        read_address_window(reader)
    if "vendor_name" in names and not reader.cands.get("vendor_name"):
        read_letterhead_over_window(reader)
    for fname in ("vendor_name", "shipper"):
        if fname in names and not reader.cands.get(fname):
            read_issuer(reader, fname)
    if "merchant_name" in names and not reader.cands.get("merchant_name"):
        read_merchant(reader)
    if "merchant_address" in names and not reader.cands.get("merchant_address"):
        read_merchant_address(reader)
    if "registration_number" in names:
        read_registration(reader)
    if doc.template.name == "business_card" or {"name", "title", "company"} <= names:
        read_card(reader)
    if "due_date" in names and not reader.cands.get("due_date"):
        read_due_in_words(reader)
    for spec in doc.template.scalar_fields:
        if not reader.cands.get(spec.name):
            read_by_pattern(reader, spec)
    for fname in ("invoice_number", "delivery_number", "quote_number", "po_number"):
        if fname in names and not reader.cands.get(fname):
            read_unlabelled_number(reader, fname)


def _choose(reader: FieldReader) -> None:
    """Choose each field's value: the best-scored candidate, the amounts by their sums."""
    amount_names = [n for n, s in reader.specs.items() if s.type in AMOUNT_TYPES]
    for n, cs in reader.cands.items():
        if n in amount_names or not cs:
            continue
        cs.sort(key=lambda c: -c.score)
        best = cs[0]
        rivals = {_id_key(c.span.text) for c in cs if c.score >= best.score - 0.6}
        if len(rivals) > 1 and reader.specs[n].type not in ("text", "address"):
            best.reasons.append("competing_values")
        reader.chosen[n] = best
    choose_amounts(reader, [n for n in amount_names if reader.cands.get(n)])


def _id_key(text: str) -> str:
    t = pt.nfkc(text).replace(" ", "").casefold()
    return re.sub(r"^(no\.?|nr\.?|#|№)", "", t)
