"""Notes under an item, and names cut from their notes.

Invoices print more than an item's name in its description column: ``Label: value``
attributes (``GTIN: ...``, ``Serial no.: ...``), periods, dates and order numbers, details
indented or in small print, and ``Name: note`` descriptions. The readers ask here whether a
line is such a note (so it is read past, or marks the row's description as cut) and cut the
names out of ``Name: note`` rows.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from spaceocr.core.extract.tables_cells import Row
from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_vocab import fold, is_note_line

__all__ = ["cut_name_notes", "is_attribute", "is_note", "is_note_under", "strip_colon"]

_ATTRIBUTE = re.compile(r"^[^\W\d][\w .\-/#]{0,30}?\s*[:：]\s*\S")


def is_attribute(segs: Sequence[Segment]) -> bool:
    """A ``Label: value`` line printed under an item (an attribute, not more of its name)."""
    return bool(_ATTRIBUTE.match(segs[0].text))


def is_note(line: VisualLine) -> bool:
    """A note line under an item: ``Label: value`` alone, or a period / date / order number
    (``Abrechnungszeitraum KW 36``) whatever columns its value falls in."""
    if len(line.segments) == 1 and is_attribute(line.segments):
        return True
    return is_note_line(line.text)


def _cap_height(segs: Sequence[Segment]) -> float | None:
    """The median height of Latin text that has a capital or a digit (whose boxes reach the
    cap height whatever the engine), or None for other text."""
    hs = [s.h for s in segs if any(c.isupper() or c.isdigit() for c in s.text)
          and all(ord(c) < 0x2E80 for c in s.text)]
    return statistics.median(hs) if hs else None


def is_note_under(row: Row, segs: Sequence[Segment]) -> bool:
    """True when a description-only line under a row is a note, not more of the name.

    Two layouts say so: the line is indented under the name (a wrapped name starts where the
    name starts), or printed in markedly smaller type (an item's details in small print;
    glyph heights differ that much only between font sizes, not between words).
    """
    desc = row.cells.get("description")
    if not desc or not segs:
        return False
    first = desc[0]
    if segs[0].x0 - first.x0 >= 2.5 * first.h:
        return True  # further in than a hanging indent after "10. "
    main, small = _cap_height([first]), _cap_height(segs)
    return main is not None and small is not None and small <= 0.7 * main


def strip_colon(seg: Segment) -> Segment:
    """The segment without the colon that ends it (itself when that leaves nothing)."""
    t = seg.text.rstrip()
    if not t.endswith((":", "：")) or not t[:-1].strip():
        return seg
    return seg.sub(0, len(t) - 1)


_NAME_COLON = re.compile(r"[^:：]*?[^\W\d_][^:：]*?(?<!\d)[:：](?:\s|$)")


def cut_name_notes(rows: Sequence[Row]) -> None:
    """Keep only the item name when every row prints ``Name: note`` (``Setup (hours): first
    visit``, ``Cables: assorted lengths``).

    Invoicing software that has a name and a description per item often prints them joined
    by a colon, the description wrapping onto the next line; the name is the item. The cut
    is made only when all rows (two at least) follow the convention on their first line, so a
    single ``Service: on site`` among plain names stays whole; the cut cells go to review.
    """
    firsts: list[tuple[Row, Segment, int]] = []
    for row in rows:
        segs = row.cells.get("description")
        if not segs:
            continue
        first = segs[0]
        m = _NAME_COLON.match(first.text)
        if m is None or len(m.group(0).strip()) > 60:
            return
        firsts.append((row, first, len(m.group(0).rstrip()) - 1))
    if len(firsts) < 2:
        return
    names = [fold(first.text[:colon]).strip() for _, first, colon in firsts]
    if len(set(names)) < len(names):
        return  # "Service: hosting", "Service: domain": a repeated label, not the names
    for row, first, colon in firsts:
        try:
            row.cells["description"] = [first.sub(0, colon)]
        except ValueError:
            continue
        row.note_cut = True
