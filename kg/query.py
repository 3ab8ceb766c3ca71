"""The query library (`queries/*.rq`) and the one runner every command uses.

A library query is a SPARQL file whose leading comment block says what it is::

    # title: Holdings
    # purpose: Who holds which posts.
    #   (indented comment lines continue the previous title or purpose)
    # param: person string optional  part of the person's name
    # param: as_of date optional  keep holdings valid on this day
    # columns: holder, name, position

Parameters are bound as RDF terms, never pasted into the text as the user typed them: each
value is checked and typed (`_term`), written by pyoxigraph as a SPARQL term (quotes,
backslashes and newlines escaped, IRIs validated) and placed in a `VALUES` block at the head of
the outermost WHERE group and of every nested group that uses it (`_inline`; the same text is
sent to a server by `kg query --endpoint`). Oxigraph 0.5's own `substitutions=` are not used:
it plans the query before it substitutes, so a bound value did not make the plan selective
(fact-sources at 100k quads: 1.1 s with substitutions, 13 ms with the value written in).
Rules for writing library queries (tests/test_query.py checks that they still hold):

* an optional parameter is tested with `COALESCE(?param, "") = ""` (`STR(COALESCE(...))` for
  dates and IRIs): it is unbound when not given;
* a parameter that the `columns:` line does not list is hidden from the result;
* every required pattern comes before the OPTIONALs of its group (`lint`);
* a parameter that restricts the rows is used in the group that finds them, so that the
  VALUES block there starts the plan.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.ids import fold
from kg.namespaces import PREFIXES, compact
from kg.resources import queries_dir

FORMATS = ("table", "csv", "tsv", "json")
PARAM_TYPES = ("iri", "string", "name", "date", "integer")

Value = str | int | float | Decimal | bool | None

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)  # fmt: skip
_QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
_UPDATE_FORMS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER_KEY = re.compile(r"(title|purpose|param|columns):\s*(.*)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    optional: bool = False

    def describe(self) -> str:
        return f"{self.name} ({self.type}{', optional' if self.optional else ''})"


@dataclass(frozen=True)
class QueryInfo:
    """One query: its header, its text and where it came from."""

    name: str
    title: str
    purpose: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path | None = None

    @property
    def where(self) -> str:
        """How errors name this query: its file when it has one."""
        return str(self.path) if self.path is not None else self.name

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


class Iri(str):
    """An IRI in a result row: a plain `str` that the table format shows compacted."""

    __slots__ = ()


@dataclass
class Result:
    columns: list[str]
    rows: list[list[Value]]


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Token:
    kind: str  # word, pname, var, iri, string, number, lang, punct
    text: str
    offset: int


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\W]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w\-.:%]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterator[_Token]:
    """SPARQL tokens without whitespace and comments: enough to tell keywords from the
    insides of strings, IRIs and prefixed names. Unknown characters become punctuation;
    the real parser reports real errors."""
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind, value = m.lastgroup or "punct", m.group()
        if kind == "pname" and value.endswith(".") and not value.endswith("\\."):
            value = value.rstrip(".")  # a statement's full stop is not part of the name
        pos = m.start() + len(value)
        if kind not in ("ws", "comment"):
            yield _Token(kind, value, m.start())


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a string offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(frozen=True)
class _Shape:
    form: str  # SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE or "" when unknown
    declared: frozenset[str]
    tokens: tuple[_Token, ...]


@functools.lru_cache(maxsize=256)
def _shape(text: str) -> _Shape:
    """The form, the declared prefixes and the tokens of a query text (cached: the runner asks
    for them several times per query, and tokenizing costs milliseconds)."""
    tokens = tuple(_tokens(text))
    declared: set[str] = set()
    form = ""
    i = 0
    while i < len(tokens):
        word = tokens[i].text.upper() if tokens[i].kind == "word" else ""
        if word == "PREFIX" and i + 1 < len(tokens) and tokens[i + 1].kind == "pname":
            declared.add(tokens[i + 1].text.split(":", 1)[0])
            i += 3
        elif word == "BASE":
            i += 2
        else:
            form = "UPDATE" if word in _UPDATE_FORMS else word if word in _QUERY_FORMS else ""
            break
    return _Shape(form, frozenset(declared), tokens)


@dataclass
class _Group:
    optional: bool  # this group is the body of an OPTIONAL
    parens: int = 0
    after_optional: bool = False  # an OPTIONAL group has closed inside this one


def lint(text: str) -> list[str]:
    """Places where a required pattern follows an OPTIONAL in the same group. Oxigraph 0.5
    evaluates such a pattern after the OPTIONAL and can be thousands of times slower (a
    "who held the post on day D" query took 133 s instead of 0.03 s at 1M triples), so
    library queries put every required pattern first."""
    problems: list[str] = []
    groups: list[_Group] = []
    pending_optional = False
    for token in _tokens(text):
        group = groups[-1] if groups else None
        if token.text == "{":
            groups.append(_Group(optional=pending_optional))
            pending_optional = False
            if group and group.after_optional and group.parens == 0 and not groups[-1].optional:
                problems.append(_lint_message(text, token))
                group.after_optional = False
            continue
        if token.text == "}":
            closed = groups.pop() if groups else None
            if closed and closed.optional and groups:
                groups[-1].after_optional = True
            continue
        if group is None:
            continue
        if token.text == "(":
            group.parens += 1
        elif token.text == ")":
            group.parens -= 1
        elif group.parens == 0 and token.kind == "word" and token.text.upper() == "OPTIONAL":
            pending_optional = True
        elif group.parens == 0 and group.after_optional and token.kind in ("var", "pname", "iri"):
            problems.append(_lint_message(text, token))
            group.after_optional = False  # one report per pattern run
        elif group.parens == 0 and group.after_optional and token.kind == "word" and token.text.upper() == "GRAPH":
            problems.append(_lint_message(text, token))
            group.after_optional = False
    return problems


def _lint_message(text: str, token: _Token) -> str:
    line, column = _position(text, token.offset)
    return f"{line}:{column}: a required pattern follows an OPTIONAL in the same group; move it before"


# --------------------------------------------------------------------------- the library


def _parse(text: str, name: str, path: Path | None, *, complete: bool) -> QueryInfo:
    where = str(path) if path is not None else name
    fields: dict[str, str] = {}
    params: list[Param] = []
    columns: tuple[str, ...] = ()
    last = ""
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        m = _HEADER_KEY.fullmatch(body.strip())
        if m is None:
            if last in ("title", "purpose") and body.startswith("  ") and body.strip():
                fields[last] += " " + body.strip()
            else:
                last = ""
            continue
        key, value = m.group(1), m.group(2).strip()
        last = key
        if key in ("title", "purpose"):
            if key in fields:
                raise QueryError(f"{where}:{lineno}: '{key}:' given twice")
            fields[key] = value
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        else:
            params.append(_parse_param(value, where, lineno, params))
    if complete:
        missing = [k for k in ("title", "purpose", "columns") if not (fields.get(k) if k != "columns" else columns)]
        if missing:
            raise QueryError(f"{where}: the header lacks {', '.join(k + ':' for k in missing)}")
    shape = _shape(text)
    used = {t.text[1:] for t in shape.tokens if t.kind == "var"}
    for p in params:
        if p.name not in used:
            raise QueryError(f"{where}: parameter '{p.name}' is declared but ?{p.name} never appears in the query")
    return QueryInfo(
        name=name,
        title=fields.get("title", name),
        purpose=fields.get("purpose", ""),
        params=tuple(params),
        columns=columns,
        text=text,
        path=path,
    )


def _parse_param(value: str, where: str, lineno: int, seen: list[Param]) -> Param:
    parts = value.split(None, 2)
    if len(parts) < 2:
        raise QueryError(f"{where}:{lineno}: 'param:' needs a name and a type ({', '.join(PARAM_TYPES)})")
    name, type_ = parts[0], parts[1]
    rest = parts[2] if len(parts) > 2 else ""
    if not _VARIABLE.fullmatch(name):
        raise QueryError(f"{where}:{lineno}: parameter name {name!r} is not a SPARQL variable name")
    if type_ not in PARAM_TYPES:
        raise QueryError(
            f"{where}:{lineno}: parameter '{name}' has unknown type {type_!r}; use {', '.join(PARAM_TYPES)}"
        )
    if any(p.name == name for p in seen):
        raise QueryError(f"{where}:{lineno}: parameter '{name}' declared twice")
    optional = rest == "optional" or rest.startswith("optional ")
    description = rest[len("optional") :].strip() if optional else rest.strip()
    return Param(name, type_, description, optional)


def _library() -> dict[str, Path]:
    """The `.rq` files of `queries/` by name; a link that leads out of the folder is not one."""
    folder = queries_dir()
    inside = folder.resolve()
    return {p.stem: p for p in sorted(folder.glob("*.rq")) if p.is_file() and p.resolve().is_relative_to(inside)}


def list_queries() -> list[QueryInfo]:
    """Every library query, sorted by name."""
    return [_parse(p.read_text(encoding="utf-8"), name, p, complete=True) for name, p in _library().items()]


def _suggest(given: str, available: list[str]) -> str:
    stem = given.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".rq")
    close = difflib.get_close_matches(stem, available, n=3, cutoff=0.6)
    if close:
        return f"; close names: {', '.join(close)}"
    return f"; available: {', '.join(available) if available else '(none)'}"


def load_query(name_or_path: str | Path) -> QueryInfo:
    """A library query by bare name (only inside `queries/`), or any `.rq` file by path."""
    given = str(name_or_path)
    library = _library()
    if given.endswith(".rq"):
        path = Path(given)
        if not path.is_file():
            raise QueryError(f"no query file {given!r}{_suggest(given, sorted(library))}")
        return _parse(path.read_text(encoding="utf-8"), path.stem, path, complete=False)
    if not _NAME.fullmatch(given):
        raise QueryError(
            f"{given!r} is not a query name (letters, digits, '-' and '_' only; "
            f"give a path ending in .rq to run another file){_suggest(given, sorted(library))}"
        )
    found = library.get(given)
    if found is None:
        raise QueryError(f"no query named {given!r} in {queries_dir()}{_suggest(given, sorted(library))}")
    return _parse(found.read_text(encoding="utf-8"), given, found, complete=True)


def full_text(query: QueryInfo | str) -> tuple[str, int]:
    """The text to send to an engine: our prefixes the query does not declare itself, one
    per line, then the query. Also returns how many lines were prepended."""
    text = query.text if isinstance(query, QueryInfo) else query
    declared = _shape(text).declared
    lines = [f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared]
    return "".join(lines) + text, len(lines)


# --------------------------------------------------------------------------- running


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _bind(info: QueryInfo, params: dict[str, str]) -> dict[ox.Variable, Term]:
    declared = "declared parameters: " + (", ".join(p.describe() for p in info.params) or "none")
    for name in params:
        if info.param(name) is None:
            raise QueryError(f"{info.name}: unknown parameter '{name}'; {declared}")
    for p in info.params:
        if not p.optional and p.name not in params:
            raise QueryError(f"{info.name}: missing required parameter '{p.name}'; {declared}")
    bound: dict[ox.Variable, Term] = {}
    for name, value in params.items():
        param = info.param(name)
        assert param is not None
        bound[ox.Variable(name)] = _term(info, param, value)
    return bound


def _term(info: QueryInfo, param: Param, value: str) -> ox.NamedNode | ox.Literal:
    def bad(expected: str) -> QueryError:
        return QueryError(f"{info.name}: parameter '{param.name}' expects {expected}, got {value!r}")

    if param.type == "string":
        return ox.Literal(unicodedata.normalize("NFC", value))
    if param.type == "name":
        # folded to lowercase ASCII ("Đậu Thanh Tùng" -> "dau thanh tung"): every person and area has
        # an ASCII label (foaf:name, @en), so a name matches with or without diacritics
        return ox.Literal(" ".join(fold(value).split()))
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise bad("an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
    if param.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad("a date (YYYY-MM-DD)")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
    # iri: an absolute IRI, or a prefixed name with one of our prefixes
    prefix, _, local = value.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else value
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://|urn:", iri):
        raise bad("an IRI (https://… or a prefixed name such as person:nguyen-van-an)")
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise bad("an IRI (https://… or a prefixed name such as person:nguyen-van-an)") from None


def _syntax_error(info: QueryInfo, error: SyntaxError, prepended: int) -> QueryError:
    message = " ".join(str(error.msg or error).split())
    # Oxigraph lists the Unicode ranges of a name; say so instead
    message = re.sub(r"\[[^\]]*\\u\{[^\]]*\]", "a name character", message)
    m = re.match(r"error at (\d+):(\d+): (.*)", message)
    if m is None:
        return QueryError(f"{info.where}: SPARQL syntax error: {message}")
    line, column = int(m.group(1)) - prepended, int(m.group(2))
    return QueryError(f"{info.where}:{line}:{column}: SPARQL syntax error: {m.group(3)}")


def _check(info: QueryInfo, shape: _Shape, *, allow_service: bool) -> None:
    """Refuse remote calls, and name an undeclared prefix (Oxigraph's message for one
    does not)."""
    for token in shape.tokens:
        if token.kind == "word" and token.text.upper() == "SERVICE" and not allow_service:
            line, column = _position(info.text, token.offset)
            raise QueryError(
                f"{info.where}:{line}:{column}: SERVICE calls a remote endpoint; "
                "refused unless services are allowed (--allow-service)"
            )
        if token.kind == "pname":
            prefix = token.text.split(":", 1)[0]
            if prefix != "_" and prefix not in shape.declared and prefix not in PREFIXES:
                line, column = _position(info.text, token.offset)
                raise QueryError(f"{info.where}:{line}:{column}: unknown prefix '{prefix}:' (declare it with PREFIX)")


def run_query(
    store: ox.Store,
    query: QueryInfo | str,
    params: dict[str, str] | None = None,
    *,
    allow_update: bool = False,
    allow_service: bool = False,
) -> Result:
    """Run a library query (or query text) with its parameters bound as RDF terms, over the
    union of all graphs. An UPDATE runs only with `allow_update` and returns no rows."""
    info = query if isinstance(query, QueryInfo) else _parse(query, "<query>", None, complete=False)
    params = params or {}
    shape = _shape(info.text)
    _check(info, shape, allow_service=allow_service)
    text, prepended = full_text(info)
    if shape.form == "UPDATE":
        if not allow_update:
            raise QueryError(
                f"{info.where}: this is a SPARQL UPDATE, which would change the store; "
                "refused unless updates are allowed (--allow-update)"
            )
        if params:
            raise QueryError(f"{info.where}: parameters cannot be bound in a SPARQL UPDATE")
        try:
            store.update(text)
        except SyntaxError as e:
            raise _syntax_error(info, e, prepended) from None
        return Result([], [])
    bound = _bind(info, params)
    try:
        # the values written into the text, so that Oxigraph plans with them (see the module doc)
        inlined = _inline(info, text, bound) if bound else text
        try:
            answer = store.query(inlined, use_default_graph_as_union=True)
        except SyntaxError:
            # report the position in the user's text, not in the text with the values written in
            store.query(text, use_default_graph_as_union=True, substitutions=bound or None)
            raise
        if isinstance(answer, ox.QueryBoolean):
            return Result(["ask"], [[bool(answer)]])
        if isinstance(answer, ox.QueryTriples):
            rows = sorted(([_value(t.subject), _value(t.predicate), _value(t.object)] for t in answer), key=_sort_key)
            return Result(["subject", "predicate", "object"], rows)
        names = [v.value for v in answer.variables]
        hidden = {p.name for p in info.params} - set(info.columns)
        keep = [i for i, n in enumerate(names) if n not in hidden]
        rows = [[_value(solution[i]) for i in keep] for solution in answer]
        return Result([names[i] for i in keep], rows)
    except SyntaxError as e:
        raise _syntax_error(info, e, prepended) from None


def inline_parameters(info: QueryInfo, params: dict[str, str], *, allow_service: bool = False) -> str:
    """The text to send to a SPARQL server (which has no `substitutions=`): our prefixes, then
    the query with its parameters bound by a `VALUES` block at the head of the outermost
    WHERE group and of every nested group that uses one (a FILTER inside a UNION branch or
    an OPTIONAL is evaluated with that group alone, so it would not see an outer binding;
    sub-queries never use parameters). Each value is checked and typed as for the embedded
    store and written by pyoxigraph as a SPARQL term (quotes, backslashes and newlines
    escaped, IRIs validated), so a value can never end its term and add SPARQL of its own.
    Updates are refused."""
    shape = _shape(info.text)
    _check(info, shape, allow_service=allow_service)
    if shape.form == "UPDATE":
        raise QueryError(f"{info.where}: SPARQL UPDATE is not sent to a server by `kg query`; use `kg push`")
    bound = _bind(info, params)
    text, _ = full_text(info)
    return _inline(info, text, bound) if bound else text


def _inline(info: QueryInfo, text: str, bound: dict[ox.Variable, Term]) -> str:
    """`text` with a VALUES block of the bound terms (written by pyoxigraph, so escaped) at the
    head of the outermost WHERE group and of every nested group that uses a parameter."""
    names = sorted(bound, key=lambda v: v.value)
    block = "VALUES (" + " ".join(str(v) for v in names) + ") { (" + " ".join(str(bound[v]) for v in names) + ") }"
    used = {"?" + v.value for v in names} | {"$" + v.value for v in names}
    tokens = _shape(text).tokens
    groups = _groups(tokens, info)
    where = groups[0][0]
    at = sorted({where} | {o for o, c in groups if any(t.kind == "var" and t.text in used for t in tokens[o + 1 : c])})
    out = text
    for index in reversed(at):
        offset = tokens[index].offset + 1
        out = f"{out[:offset]} {block}{out[offset:]}"
    return out


def _groups(tokens: tuple[_Token, ...], info: QueryInfo) -> list[tuple[int, int]]:
    """(open, close) token indexes of the query's group graph patterns, the outermost WHERE
    group first: not a CONSTRUCT template, a VALUES data block or the braces around a
    sub-query."""
    start = next(i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() in _QUERY_FORMS)
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, t in enumerate(tokens[start:], start):
        if t.text == "{":
            stack.append(i)
        elif t.text == "}" and stack:
            pairs[stack.pop()] = i
    skip: set[int] = set()
    if tokens[start].text.upper() == "CONSTRUCT":
        if start + 1 >= len(tokens) or tokens[start + 1].text != "{":
            raise QueryError(f"{info.where}: parameters need a CONSTRUCT with a template and a WHERE group")
        skip.add(start + 1)
    values = False
    for i, t in enumerate(tokens[start:], start):
        if t.kind == "word" and t.text.upper() == "VALUES":
            values = True
        elif t.text == "{":
            if values:
                skip.add(i)
            elif i + 1 < len(tokens) and tokens[i + 1].kind == "word" and tokens[i + 1].text.upper() == "SELECT":
                skip.add(i)
            values = False
    depth = 0
    outer = None
    for i, t in enumerate(tokens[start:], start):
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.text == "{" and depth == 0 and i not in skip:
            outer = i
            break
    if outer is None or outer not in pairs:
        raise QueryError(f"{info.where}: no WHERE group to bind the parameters in")
    return [(outer, pairs[outer])] + [(o, c) for o, c in sorted(pairs.items()) if o != outer and o not in skip]


def _sort_key(row: list[Value]) -> list[str]:
    return [str(v) for v in row]


def _value(term: Term | None) -> Value:
    """An RDF term as plain Python: IRIs as `Iri`, numbers as numbers, booleans as bool,
    every other literal as its lexical form."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Iri(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == _XSD + "decimal":
                return Decimal(term.value)
            if datatype in (_XSD + "double", _XSD + "float"):
                return float(term.value)
        except (ValueError, InvalidOperation):
            return term.value
        if datatype == _XSD + "boolean" and term.value in ("true", "false", "1", "0"):
            return term.value in ("true", "1")
        return term.value
    return str(term)


# --------------------------------------------------------------------------- formats


def _text(value: Value, *, compact_iris: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Iri) and compact_iris:
        return compact(value)
    return str(value)


def _json_value(value: Value) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Iri):
        return str(value)
    return value


def _tsv_field(value: Value) -> str:
    text = _text(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def format_result(result: Result, fmt: str, *, width: int | None = None) -> str:
    """Render a result as text in one of `FORMATS`. Tables compact IRIs with our prefixes
    and are as wide as their content unless `width` is given; the other formats keep full
    IRIs. TSV escapes backslash, tab and newline as `\\\\`, `\\t`, `\\n`."""
    if fmt == "table":
        return _table(result, width)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(result.columns)
            writer.writerows([_text(v) for v in row] for row in result.rows)
            return out.getvalue()
        lines = ["\t".join(result.columns)] + ["\t".join(_tsv_field(v) for v in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "json":
        objects = [{c: _json_value(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _table(result: Result, width: int | None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    numeric = [
        all(
            isinstance(row[i], int | float | Decimal) and not isinstance(row[i], bool)
            for row in result.rows
            if row[i] is not None
        )
        for i in range(len(result.columns))
    ]
    for column, right in zip(result.columns, numeric, strict=True):
        table.add_column(Text(column), justify="right" if right and result.rows else "left")
    for row in result.rows:
        table.add_row(*(Text(_text(v, compact_iris=True)) for v in row))
    out = io.StringIO()
    Console(file=out, width=width or 100_000, color_system=None, force_terminal=False, soft_wrap=False).print(table)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
