"""What a party's name or an address line looks like, and how OCR spoils a name.

Plain tests on text that the party readers share: a line that reads as an address
(:func:`is_addressy`), a document title (:func:`is_title`), a sentence rather than a name
(:func:`is_sentence_like`), a legal name run over two lines (:func:`legal_name_on_two_lines`);
the crumbs OCR leaves around a name (:func:`clean_name`) and the noise inside one
(:func:`is_noisy`). A name that was read is reviewed by :func:`suspect_name` (a case flip, a
stray accent, a legal form one misread letter off) and put right by :func:`repair_legal_form`
where the slip is one OCR is known to make.
"""

from __future__ import annotations

import re

from spaceocr.core.extract import labels as lb
from spaceocr.core.extract import patterns as pt
from spaceocr.core.extract.layout import Cell, Span
from spaceocr.core.extract.rules_document import join_spans, text_value

__all__ = [
    "clean_name",
    "is_addressy",
    "is_noisy",
    "is_sentence_like",
    "is_title",
    "legal_name_on_two_lines",
    "repair_legal_form",
    "suspect_name",
]


#: legal forms a misread letter turns into a near miss (``Sdn Bnd``, ``5/B``)
_LEGAL_FORMS = ("bhd", "sdn", "s/b", "gmbh", "ltd", "inc", "llc", "corp", "pte", "plc", "co.")
#: words of a sentence, not of a name (``Thank you for your visit``)
_SENTENCE_WORDS = re.compile(
    r"(?i)(?<![a-z])(?:your|you|is|are|was|thank|thanks|please|welcome|order number|visit)"
    r"(?![a-z])"
)


#: characters OCR takes for one another in print (``5/B`` for ``S/B``, ``Ehd`` for ``Bhd``)
_OCR_TWINS = frozenset({("5", "s"), ("8", "b"), ("e", "b"), ("n", "h"), ("0", "o"), ("1", "l"),
                        ("i", "l"), ("$", "s"), ("6", "g")})


def repair_legal_form(text: str) -> str | None:
    """The name with a misread legal form at its end put right, or None.

    Only a form one character off, where that character is one OCR confuses with the
    form's (``99 MINI MART 5/B`` -> ``S/B``, ``Sdn Ehd`` -> ``Sdn Bhd``); the case of the
    print is kept.
    """
    for m in list(re.finditer(r"[\w/.$]+", text))[-2:]:
        word = m.group()
        low = word.casefold()
        if low in _LEGAL_FORMS:
            continue
        for canon in ("Bhd", "Sdn", "S/B", "GmbH"):
            form = canon.casefold()
            if len(low) != len(form):
                continue
            diff = [i for i, (a, b) in enumerate(zip(low, form, strict=True)) if a != b]
            if len(diff) != 1 or (low[diff[0]], form[diff[0]]) not in _OCR_TWINS:
                continue
            i = diff[0]
            letters = [ch for k, ch in enumerate(word) if k != i and ch.isalpha()]
            if word[i].isalpha():
                fixed = form[i].upper() if word[i].isupper() else form[i]
            elif letters and all(ch.isupper() for ch in letters):
                fixed = form[i].upper()
            else:
                fixed = canon[i]  # a digit read for a letter: the form's usual case
            return text[: m.start() + i] + fixed + text[m.start() + i + 1 :]
    return None


def suspect_name(text: str, lang: str, page_text: str = "") -> str | None:
    """Why a name read by the OCR looks misread, or None.

    A Latin word whose case flips at its end (``BakerY``, ``CORp``), the one accented letter of
    an English page inside a word (``Bäkery``), a near miss of a legal form (``Sdn Bnd``,
    ``MARKET 5/B``) or the words of a sentence are OCR slips or not a name at all; right values
    rarely look like this, so they only cost a review.
    """
    v = pt.nfkc(text)
    for w in re.findall(r"[^\W\d_]+", v):
        if re.fullmatch(r"[A-Z]?[a-z]+[A-Z]|[A-Z]{2,}[a-z]", w) and w.casefold() not in (
            "gmbh", "ids", "pcs", "mbh"
        ):
            return "suspect_reading"
        if lang == "en" and re.search("[äöüëïÿ]", w) and sum(ch.isascii() for ch in w) >= 3 and (
            len(re.findall(r"[^\x00-\x7f]", re.sub(r"[^\w]", "", page_text))) <= 1
        ):
            return "suspect_reading"  # the one accented letter of an English page
    for w in re.findall(r"[\w/.]+", v.casefold())[-2:]:  # a legal form ends the name
        if w in _LEGAL_FORMS or len(w) < 3:
            continue
        for form in _LEGAL_FORMS:
            if len(w) == len(form) and sum(a != b for a, b in zip(w, form, strict=True)) == 1 and (
                not w.isalpha() or form in ("bhd", "sdn", "gmbh")
            ):
                return "suspect_reading"
    if _SENTENCE_WORDS.search(v):
        return "not_a_name"
    return None


def is_sentence_like(text: str) -> bool:
    """A line of three or more words that reads as a sentence (a greeting, an instruction)."""
    v = pt.nfkc(text).strip()
    if len(v.split()) < 3 or lb.COMPANY_RE.search(v):
        return False
    return bool(_SENTENCE_WORDS.search(v) or re.search(r"[!?]$", v))


def clean_name(s: Span) -> Span:
    """Drop OCR crumbs around a name: a leading bar or dot, a trailing seal (印)."""
    t = s.text
    a, b = 0, len(t)
    m = re.match(r"(?:[^\w\s]|[ㄱ-ㅣ]|\s)+(?:[\wㄱ-ㅣ](?:\s|[^\w\s])+)?", t)
    if m and m.end() < b and not re.match(r"[\w(（]", t):
        a = m.end()
    m2 = re.search(r"\s+(?:印|㊞|TM|[^\w\s.)）]+|\(\s?[0-9][0-9A-Z -]{4,}\)|"
                   r"\(\s?(?:CO\.?\s?REG|GST)[^)]*\))$", t[a:])
    if m2:
        b = a + m2.start()
    return s.sub(a, b).stripped(" ")


def is_noisy(text: str, lang: str) -> bool:
    """OCR noise in a text value: jamo, bars, quotes, Hangul in a non-Korean document."""
    if re.search(r"[\u3130-\u318f|\"“”{}\[\]_]", text):
        return True
    return lang != "ko" and bool(re.search(r"[\uac00-\ud7af\u1100-\u11ff]", text))


def is_title(t: str) -> bool:
    """Whether a line is only a document title (``INVOICE``, ``請求書``)."""
    u = re.sub(r"[\s\-–—*:：.()]", "", pt.nfkc(t)).upper()
    return any(u == re.sub(r"\s", "", w).upper() for w in lb.TITLE_WORDS)


def is_addressy(t: str) -> bool:
    """Whether a line reads as part of an address or a contact line, not a name."""
    v = pt.nfkc(t)
    if re.search(r"\d", v) and (lb.ADDRESS_RE.search(v) or len(re.findall(r"\d", v)) >= 3):
        return True
    if re.search(r"(?:^|\s)\d{1,5}[a-zA-Z]?(?:\s|,|$)", v) and re.search(r"[^\W\d]{3}", v):
        return True  # "Keizersgracht 45", "12 Rue de Rivoli"
    return bool(re.search(r"〒|(?<![^\W\d_])(tel|fax|phone|e-?mail)(?![a-z])|@|登録番号|www\.", v,
                          flags=re.IGNORECASE))


def legal_name_on_two_lines(name: Span, cell: Cell, nxt: Cell) -> Span:
    """A legal name that runs over two lines (``Beispiel Versicherungs-`` / ``verein a.G.``):
    the line right under the first, ending in the legal form, finishes it."""
    t = pt.nfkc(nxt.text).strip()
    forms = list(lb.COMPANY_RE.finditer(t))
    if lb.COMPANY_RE.search(name.text) or not forms or forms[-1].end() < len(t.rstrip(" .,")):
        return name
    if is_addressy(t) or nxt.y0 - cell.y1 > 0.6 * max(cell.h, 0.004) or (
        abs(nxt.x0 - cell.x0) > 0.02
    ):
        return name
    rest = text_value(nxt.span)
    if rest is None:
        return name
    return join_spans(name, rest)
