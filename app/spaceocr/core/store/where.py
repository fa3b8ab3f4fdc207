"""The ``--where`` language: a small filter over a sheet's fields, compiled to parameterised SQL.

Grammar (keywords are case-insensitive)::

    expr       := term ("or" term)*
    term       := factor ("and" factor)*
    factor     := "not" factor | "(" expr ")" | comparison
    comparison := FIELD OP VALUE
    OP         := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "contains"
    VALUE      := 'text' | "text" | a bare word (2026-05-18, ¥1,000, 株式会社)

``FIELD`` is a field of the sheet's template (``total``), a line-item column
(``line_items.amount``, or just ``amount`` when no other field has that name: true when *any*
item matches), or one of the document's own columns: ``_id``, ``_file``, ``_sha256``,
``_added`` (when it joined the sheet), ``_review`` (cells still needing review).

Amount and number fields compare as numbers (the literal is read the way values are, so
``total >= ¥1,000`` works), date fields as ISO dates (``issue_date < 令和8年6月1日`` works),
other fields as text: ``=`` and ``contains`` ignore case and full-width/half-width differences.
A document without the field matches no comparison on it (so ``not total > 5`` includes it).

Nothing the user typed reaches SQL as code: field names and values are bound as parameters,
and the SQL around them comes from fixed fragments chosen by the parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spaceocr.core.errors import WhereError
from spaceocr.core.store.normalize import parse_amount, parse_date

__all__ = [
    "PSEUDO_FIELDS",
    "And",
    "Comparison",
    "FieldRef",
    "Not",
    "Or",
    "compile_sort",
    "compile_where",
    "fold",
    "parse_where",
]

MAX_LENGTH = 4000
MAX_DEPTH = 64

_OPS = {"=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_KEYWORDS = {"and", "or", "not", "contains"}
_WORD_STOP = set("()'\"<>=!")


def fold(text: str) -> str:
    """The view ``=`` and ``contains`` compare: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True, slots=True)
class FieldRef:
    """What a field name in a query refers to.

    ``kind`` is ``num``, ``date`` or ``text``; ``array`` the array field for a line-item column
    ('' for a document field); ``column`` the SQL expression of a document column for the
    pseudo fields (``_id``...), '' for cells.
    """

    name: str
    kind: str
    array: str = ""
    column: str = ""


#: the document's own columns, usable in where/sort/select (fixed SQL, no user text)
PSEUDO_FIELDS: Mapping[str, FieldRef] = {
    "_id": FieldRef("_id", "num", column="r.id"),
    "_file": FieldRef("_file", "text", column="d.file_name"),
    "_sha256": FieldRef("_sha256", "text", column="d.sha256"),
    "_added": FieldRef("_added", "date", column="substr(r.created_at, 1, 10)"),
    "_review": FieldRef("_review", "num", column="r.review_count"),
}


# --------------------------------------------------------------------------- AST
@dataclass(frozen=True, slots=True)
class Comparison:
    field: str
    op: str  #: =, !=, <, <=, >, >=, contains
    value: str
    pos: int
    value_pos: int = 0


@dataclass(frozen=True, slots=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


Node = Comparison | And | Or | Not


# --------------------------------------------------------------------------- tokens
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(", ")", "op", "str", "word", "kw", "end"
    text: str
    pos: int  # 1-based column


def _error(expr: str, pos: int, what: str) -> WhereError:
    return WhereError(f"--where: {what} at column {pos}: {expr!r}", details={"column": pos})


def _tokenize(expr: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(expr)
    while i < n:
        ch = expr[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            toks.append(_Tok(ch, ch, i + 1))
            i += 1
            continue
        two = expr[i : i + 2]
        if two in _OPS:
            toks.append(_Tok("op", _OPS[two], i + 1))
            i += 2
            continue
        if ch in _OPS:
            toks.append(_Tok("op", _OPS[ch], i + 1))
            i += 1
            continue
        if ch == "!":
            raise _error(expr, i + 1, "'!' must be followed by '=' (use 'not' to negate)")
        if ch in "'\"":
            quote, j, buf = ch, i + 1, []
            while j < n and expr[j] != quote:
                if expr[j] == "\\" and j + 1 < n:
                    j += 1
                buf.append(expr[j])
                j += 1
            if j >= n:
                raise _error(expr, i + 1, "unterminated quoted text")
            toks.append(_Tok("str", "".join(buf), i + 1))
            i = j + 1
            continue
        j = i
        while j < n and not expr[j].isspace() and expr[j] not in _WORD_STOP:
            j += 1
        word = expr[i:j]
        low = word.casefold()
        toks.append(
            _Tok("kw" if low in _KEYWORDS else "word", low if low in _KEYWORDS else word, i + 1)
        )
        i = j
    toks.append(_Tok("end", "", n + 1))
    return toks


class _Parser:
    def __init__(self, expr: str) -> None:
        self.expr = expr
        self.toks = _tokenize(expr)
        self.i = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_kw(self, word: str) -> bool:
        tok = self.peek()
        return tok.kind == "kw" and tok.text == word

    def parse(self) -> Node:
        node = self.expr_(0)
        tok = self.peek()
        if tok.kind != "end":
            raise _error(self.expr, tok.pos, f"unexpected {tok.text!r} (expected 'and' or 'or')")
        return node

    def expr_(self, depth: int) -> Node:
        node = self.term(depth)
        while self.is_kw("or"):
            self.take()
            node = Or(node, self.term(depth))
        return node

    def term(self, depth: int) -> Node:
        node = self.factor(depth)
        while self.is_kw("and"):
            self.take()
            node = And(node, self.factor(depth))
        return node

    def factor(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise _error(self.expr, self.peek().pos, "too deeply nested")
        tok = self.peek()
        if tok.kind == "kw" and tok.text == "not":
            self.take()
            return Not(self.factor(depth + 1))
        if tok.kind == "(":
            self.take()
            node = self.expr_(depth + 1)
            close = self.take()
            if close.kind != ")":
                raise _error(self.expr, close.pos, "missing ')'")
            return node
        return self.comparison()

    def comparison(self) -> Comparison:
        tok = self.take()
        if tok.kind != "word":
            what = "the end" if tok.kind == "end" else repr(tok.text)
            raise _error(self.expr, tok.pos, f"expected a field name, found {what}")
        op = self.take()
        if op.kind == "op":
            opname = op.text
        elif op.kind == "kw" and op.text == "contains":
            opname = "contains"
        else:
            what = "the end" if op.kind == "end" else repr(op.text)
            raise _error(
                self.expr,
                op.pos,
                f"expected an operator (= != < <= > >= contains) after {tok.text!r}, found {what}",
            )
        val = self.take()
        if val.kind not in ("str", "word", "kw"):
            what = "the end" if val.kind == "end" else repr(val.text)
            raise _error(self.expr, val.pos, f"expected a value after {op.text!r}, found {what}")
        return Comparison(tok.text, opname, val.text, tok.pos, val.pos)


def parse_where(expr: str) -> Node:
    """Parse a ``--where`` expression.

    Raises:
        WhereError: the expression is not valid (the message names the column).
    """
    if len(expr) > MAX_LENGTH:
        raise WhereError(f"--where: the expression is longer than {MAX_LENGTH} characters")
    if not expr.strip():
        raise WhereError("--where: the expression is empty")
    return _Parser(expr).parse()


# --------------------------------------------------------------------------- SQL
_CELL_COLUMN = {"num": "c.num_value", "date": "c.date_value", "text": "c.value"}


def _resolve(fields: Mapping[str, FieldRef], name: str, what: str) -> FieldRef:
    ref = fields.get(name) or PSEUDO_FIELDS.get(name)
    if ref is None:
        known = ", ".join(sorted(fields))
        raise WhereError(
            f"{what}: no field {name!r} in this sheet; its fields are: {known} "
            f"(and {', '.join(PSEUDO_FIELDS)})",
            field=name,
        )
    return ref


def _literal(ref: FieldRef, cmp: Comparison) -> Any:
    if cmp.op == "contains":
        return fold(cmp.value)
    if ref.kind == "num":
        num = parse_amount(cmp.value)
        if num is None or not num.is_finite():
            raise WhereError(
                f"--where: {ref.name} compares as a number and {cmp.value!r} is not one "
                f"(column {cmp.value_pos})",
                field=ref.name,
            )
        return float(num)
    if ref.kind == "date":
        iso = parse_date(cmp.value)
        if iso is None:
            raise WhereError(
                f"--where: {ref.name} compares as a date and {cmp.value!r} is not one; "
                f"write it like 2026-05-18 (column {cmp.value_pos})",
                field=ref.name,
            )
        return iso
    return fold(cmp.value) if cmp.op in ("=", "!=") else cmp.value


def _compare_sql(ref: FieldRef, cmp: Comparison, params: list[Any]) -> str:
    literal = _literal(ref, cmp)
    if ref.column:
        col = ref.column
        if cmp.op == "contains":
            params.append(literal)
            return f"(instr(sp_fold(CAST({col} AS TEXT)), ?) > 0)"
        if ref.kind == "text" and cmp.op in ("=", "!="):
            col = f"sp_fold({col})"
        params.append(literal)
        return f"(COALESCE({col} {cmp.op} ?, 0))"
    if cmp.op == "contains":
        test = "instr(sp_fold(c.value), ?) > 0"
    elif ref.kind == "text" and cmp.op in ("=", "!="):
        test = f"sp_fold(c.value) {cmp.op} ?"
    else:
        test = f"{_CELL_COLUMN[ref.kind]} {cmp.op} ?"
    params.extend([ref.array, ref.name.rpartition(".")[2], literal])
    return (
        "EXISTS (SELECT 1 FROM cells c WHERE c.result_id = r.id AND c.array_field = ? "
        f"AND c.field = ? AND {test})"
    )


def _node_sql(node: Node, fields: Mapping[str, FieldRef], params: list[Any]) -> str:
    if isinstance(node, Comparison):
        return _compare_sql(_resolve(fields, node.field, "--where"), node, params)
    if isinstance(node, Not):
        return f"(NOT {_node_sql(node.operand, fields, params)})"
    joiner = " AND " if isinstance(node, And) else " OR "
    left = _node_sql(node.left, fields, params)
    return "(" + left + joiner + _node_sql(node.right, fields, params) + ")"


def compile_where(expr: str, fields: Mapping[str, FieldRef]) -> tuple[str, list[Any]]:
    """SQL (over ``results r JOIN documents d``) and its parameters for an expression.

    ``fields`` maps the names a query may use to what they refer to. The SQL uses the
    ``sp_fold`` function the store registers on its connections.

    Raises:
        WhereError: a syntax error, an unknown field, or a value of the wrong kind.
    """
    params: list[Any] = []
    sql = _node_sql(parse_where(expr), fields, params)
    return sql, params


_SORT_KEY = re.compile(r"^([+-]?)\s*([A-Za-z_][A-Za-z0-9_.]*)(?:\s+(asc|desc))?$", re.IGNORECASE)


def compile_sort(spec: str, fields: Mapping[str, FieldRef]) -> tuple[str, list[Any]]:
    """An ORDER BY list for ``FIELD,-FIELD`` or ``FIELD desc`` (empty values last).

    Raises:
        WhereError: an unknown field, or a line-item column (a document has several).
    """
    parts: list[str] = []
    params: list[Any] = []
    for raw in spec.split(","):
        key = raw.strip()
        if not key:
            continue
        m = _SORT_KEY.match(key)
        if not m:
            raise WhereError(f"--sort: {key!r} is not a field name (write total,-issue_date)")
        desc = m.group(1) == "-" or (m.group(3) or "").lower() == "desc"
        ref = _resolve(fields, m.group(2), "--sort")
        if ref.array:
            raise WhereError(
                f"--sort: {ref.name} is a line-item column; sort by a document field",
                field=ref.name,
            )
        if ref.column:
            expr = ref.column
            expr_params: list[Any] = []
        else:
            expr = (
                f"(SELECT {_CELL_COLUMN[ref.kind]} FROM cells c WHERE c.result_id = r.id "
                "AND c.array_field = '' AND c.field = ?)"
            )
            expr_params = [ref.name]
        parts.append(f"({expr}) IS NULL")
        parts.append(f"{expr} {'DESC' if desc else 'ASC'}")
        params.extend(expr_params * 2)
    parts.append("r.id ASC")
    return ", ".join(parts), params
