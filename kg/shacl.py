"""A SHACL Core engine that runs on the store itself: every constraint becomes whole-graph SPARQL.

pySHACL (kg/validate.py) is the reference; this engine must give exactly its results, only
faster, and without copying the store into rdflib. Each shape of `ontology/shapes.ttl` is
compiled once into a handful of SPARQL queries run by pyoxigraph over the union of the named
graphs, one query per property shape (all its value checks at once) or per counting
constraint, over ALL focus nodes of the shape -- never one query per focus node.

How exactness is kept:
* The union default graph of Oxigraph is a bag (a triple stated in k graphs matches k times),
  so every query is SELECT DISTINCT, and counts are COUNT(DISTINCT ?v): pySHACL sees a set.
* Targets (`sh:targetClass`) and `sh:class` follow `rdfs:subClassOf*` in the data (the union
  includes the ontology graph), as pySHACL does with its data graph.
* A check whose SPARQL form could disagree with pySHACL's Python at the edges (datatypes with
  ill-typed lexical forms, `sh:in` with literals, `sh:pattern`, value ranges, `sh:lessThanOrEquals`)
  is split in two: SPARQL lets through only values it is sure pass (a strict subset: canonical
  lexical forms, numbers of known numeric types), and every other value is handed to a Python
  copy of pySHACL's own test, on the same rdflib terms `Store.to_dataset()` would give pySHACL.
* Anything the compiler does not know (a constraint component, a path form, a shape without
  `sh:message`, sibling-disjoint qualified shapes ...) raises `Unsupported` when the shapes are
  compiled, never at run time, and never silently: kg.validate then runs pySHACL instead.

Incremental use: `focus` restricts every query with `VALUES ?f { ... }`; the values of those
focus nodes are still read from the whole union.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KgError
from kg.store import to_rdflib

SH_class = URIRef(str(SH) + "class")
SH_in = URIRef(str(SH) + "in")
SH_or = URIRef(str(SH) + "or")

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Shape parameters that carry no constraint.
_INERT = {
    RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
    SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
    SH.path, SH.deactivated, *_TARGETS,
}  # fmt: skip
# Value-level constraints: a test of one value node, the same whoever the focus is.
_VALUE_LEVEL = {
    SH.datatype, SH.nodeKind, SH_class, SH.pattern, SH.flags, SH_in, SH.hasValue, SH.languageIn,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength,
    SH_or, SH.node,
}  # fmt: skip
_PROPERTY_ONLY = {
    SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.equals, SH.lessThanOrEquals,
}  # fmt: skip

# Lexical forms rdflib surely accepts for a datatype (what Oxigraph writes for valid values is
# canonical and matches these); any other form of that datatype is checked in Python.
_SAFE_LEXICAL = {
    XSD.date: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    XSD.gYear: r"^[1-9][0-9]{3}$",
    XSD.gYearMonth: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$",
}
_NUMERIC = (XSD.integer, XSD.decimal)


def _valid(datatype: URIRef, var: str = "?v") -> str | None:
    """A SPARQL test that `var` is a literal of `datatype` whose lexical form rdflib surely
    accepts; None when there is none (then every such value is checked in Python).

    Oxigraph stores a valid number or boolean in binary and writes it back in canonical form,
    and keeps an ill-typed one as text: isNumeric / sameTerm tell them apart without reading the
    text. Dates are matched on their text."""
    if datatype in _NUMERIC:
        return f"(datatype({var}) = <{datatype}> && isNumeric({var}))"
    if datatype == XSD.boolean:
        return f"(sameTerm({var}, true) || sameTerm({var}, false))"
    safe = _SAFE_LEXICAL.get(datatype)
    if safe is None:
        return None
    return f"(isLiteral({var}) && datatype({var}) = <{datatype}> && REGEX(STR({var}), {sparql_string(safe)}))"


_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "(isIRI(?v) || isBlank(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}


class Unsupported(KgError):
    """The shapes use something this engine does not compile (pySHACL must run instead)."""


def sparql_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = sparql_string(str(node))
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^<{node.datatype or XSD.string}>"
    raise Unsupported(f"a blank node cannot be a constant in a compiled query: {node!r}")


def sparql_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --- value tests ---------------------------------------------------------------------------------


class ValueTest:
    """One value-level constraint: a SPARQL expression over ?v that is true only for values that
    surely pass (`sure`), and pySHACL's own test in Python (`exact`). When `sure` is exact
    (`exact_in_sparql`), values it rejects fail without a Python check."""

    component: URIRef
    exact_in_sparql = False
    param: Node | None = None  # the constraint's parameter value, for generic messages

    def sure(self) -> str:
        raise NotImplementedError

    def generic_message(self, shapes: Graph) -> str | None:
        """pySHACL's message for a shape without sh:message (None: not reproduced here)."""
        return None

    def exact(self, v: Node, engine: Engine) -> bool:
        raise NotImplementedError


class DatatypeTest(ValueTest):
    component = SH.DatatypeConstraintComponent

    def __init__(self, datatype: Node):
        if not isinstance(datatype, URIRef):
            raise Unsupported(f"sh:datatype {datatype!r}")
        self.datatype = self.param = datatype

    def generic_message(self, shapes: Graph) -> str | None:
        return f"Value is not Literal with datatype {_stringify(shapes, self.datatype)}"

    def sure(self) -> str:
        dt = self.datatype
        if dt == RDF.langString:
            return '(isLiteral(?v) && lang(?v) != "")'
        if dt == RDFS.Literal:
            return "isLiteral(?v)"
        if dt == XSD.string:
            return f'(isLiteral(?v) && lang(?v) = "" && datatype(?v) = <{XSD.string}>)'
        return _valid(dt) or "false"

    def exact(self, v: Node, engine: Engine) -> bool:
        # pyshacl/constraints/core/value_constraints.py, DatatypeConstraintComponent.evaluate
        if not isinstance(v, Literal):
            return False
        rule = self.datatype
        if v.datatype == rule:
            if getattr(v, "ill_typed", None) is True:
                return False
            return _actual_datatype(v, rule)
        if rule == RDFS.Literal:
            return True
        if rule == RDFS.Datatype and v.datatype:
            return True
        if v.datatype is None and v.language is None and rule == XSD.string:
            return _actual_datatype(v, rule)
        if rule == RDF.langString and v.language:
            return _actual_datatype(v, rule)
        return False


def _actual_datatype(v: Literal, rule: URIRef) -> bool:
    from datetime import date, datetime, time

    value = v.value
    if rule in (XSD.string, RDF.langString):
        return isinstance(value, (str, bytes))
    checks: dict[URIRef, type | tuple[type, ...]] = {
        XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool,
        XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
    }  # fmt: skip
    kind = checks.get(rule)
    return True if kind is None else isinstance(value, kind)


class NodeKindTest(ValueTest):
    component = SH.NodeKindConstraintComponent
    exact_in_sparql = True

    def __init__(self, kind: Node):
        if not isinstance(kind, URIRef) or kind not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {kind!r}")
        self.kind = self.param = kind

    def generic_message(self, shapes: Graph) -> str | None:
        return f"Value is not of Node Kind {_stringify(shapes, self.kind)}"

    def sure(self) -> str:
        return _NODE_KINDS[self.kind]

    def exact(self, v: Node, engine: Engine) -> bool:
        kind = "Literal" if isinstance(v, Literal) else "BlankNode" if isinstance(v, BNode) else "IRI"
        return kind in str(self.kind).split("#")[1].replace("Or", " ").split()


class ClassTest(ValueTest):
    component = SH.ClassConstraintComponent
    exact_in_sparql = True

    def __init__(self, cls: Node, subclasses: list[URIRef]):
        if not isinstance(cls, URIRef):
            raise Unsupported(f"sh:class {cls!r}")
        self.cls = self.param = cls
        self.subclasses = subclasses

    def generic_message(self, shapes: Graph) -> str | None:
        return f"Value does not have class {_stringify(shapes, self.cls)}"

    def sure(self) -> str:
        values = " ".join(f"<{c}>" for c in self.subclasses)
        return f"EXISTS {{ VALUES ?cls_ {{ {values} }} ?v a ?cls_ }}"

    def exact(self, v: Node, engine: Engine) -> bool:
        if isinstance(v, Literal):
            return False
        query = f"ASK {{ VALUES ?cls_ {{ {' '.join(f'<{c}>' for c in self.subclasses)} }} {sparql_term(v)} a ?cls_ }}"
        return bool(engine.ask(query))


class PatternTest(ValueTest):
    component = SH.PatternConstraintComponent

    def __init__(self, pattern: Node, flags: Node | None):
        if not isinstance(pattern, Literal):
            raise Unsupported(f"sh:pattern {pattern!r}")
        self.pattern = str(pattern)
        self.param = pattern
        self.flags = str(flags) if flags is not None else ""
        re_flags = 0
        if "i" in self.flags.lower():
            re_flags |= re.I
        if "m" in self.flags.lower():
            re_flags |= re.M
        self.matcher = re.compile(self.pattern, re_flags)
        # Only what both regex dialects read the same way is trusted to SPARQL.
        self.sparql_ok = not re.search(r"\(\?|\\[0-9bBAZzpPk]|\[\[:", self.pattern) and set(self.flags.lower()) <= {
            "i",
            "m",
        }

    def generic_message(self, shapes: Graph) -> str | None:
        return f"Value does not match pattern '{self.pattern}'"

    def sure(self) -> str:
        if not self.sparql_ok:
            return "false"
        flags = f", {sparql_string(self.flags)}" if self.flags else ""
        # plain and language-tagged literals and IRIs match on their text
        return f"(!isBlank(?v) && REGEX(STR(?v), {sparql_string(self.pattern)}{flags}))"

    def exact(self, v: Node, engine: Engine) -> bool:
        if isinstance(v, BNode):
            return False
        if isinstance(v, Literal) and v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
            text = str(v.value)
        else:
            text = str(v)
        return bool(self.matcher.match(text) or self.matcher.search(text))


class InTest(ValueTest):
    component = SH.InConstraintComponent

    def __init__(self, members: list[Node]):
        self.members = members
        self.member_set = set(members)

    def sure(self) -> str:
        iris = [m for m in self.members if isinstance(m, URIRef)]
        if not iris:
            return "false"
        return "(" + " || ".join(f"sameTerm(?v, <{m}>)" for m in iris) + ")"

    def exact(self, v: Node, engine: Engine) -> bool:
        return v in self.member_set


class HasValueValueTest(ValueTest):
    """sh:hasValue inside a value shape: the value node itself must be the given term."""

    component = SH.HasValueConstraintComponent

    def __init__(self, value: Node):
        self.value = value

    def sure(self) -> str:
        return f"sameTerm(?v, <{self.value}>)" if isinstance(self.value, URIRef) else "false"

    def exact(self, v: Node, engine: Engine) -> bool:
        return v == self.value


class LanguageInTest(ValueTest):
    component = SH.LanguageInConstraintComponent
    exact_in_sparql = True

    def __init__(self, languages: list[Node], list_node: Node | None = None):
        self.param = list_node
        for lang in languages:
            if not isinstance(lang, Literal) or not isinstance(lang.value, str):
                raise Unsupported("sh:languageIn members must be strings")
        self.languages = sorted({str(lang).lower() for lang in languages})

    def generic_message(self, shapes: Graph) -> str | None:
        return f"String language is not in {_stringify(shapes, self.param)}" if self.param is not None else None

    def sure(self) -> str:
        if "*" in self.languages:
            return '(isLiteral(?v) && lang(?v) != "")'
        members = ", ".join(sparql_string(lang) for lang in self.languages)
        return (
            f'(isLiteral(?v) && lang(?v) != "" && (LCASE(lang(?v)) IN ({members}) || '
            f'LCASE(STRBEFORE(CONCAT(lang(?v), "-"), "-")) IN ({members})))'
        )

    def exact(self, v: Node, engine: Engine) -> bool:
        if not isinstance(v, Literal) or not v.language:
            return False
        lang = str(v.language).lower()
        return "*" in self.languages or lang in self.languages or lang.split("-")[0] in self.languages


class RangeTest(ValueTest):
    _OPS = {
        SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent, lambda c: c >= 0),
        SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent, lambda c: c <= 0),
        SH.minExclusive: (">", SH.MinExclusiveConstraintComponent, lambda c: c > 0),
        SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent, lambda c: c < 0),
    }

    def __init__(self, kind: URIRef, bound: Node):
        if not isinstance(bound, Literal) or bound.datatype not in _NUMERIC:
            raise Unsupported(f"{kind} with a non-numeric bound {bound!r}")
        self.op, self.component, self.accept = self._OPS[kind]
        self.bound = self.param = bound

    def generic_message(self, shapes: Graph) -> str | None:
        return f"Value is not {self.op} {_stringify(shapes, self.bound)}"

    def sure(self) -> str:
        numbers = " || ".join(f"{_valid(t)}" for t in _NUMERIC)
        return f"(({numbers}) && ?v {self.op} {sparql_term(self.bound)})"

    def exact(self, v: Node, engine: Engine) -> bool:
        # pyshacl/constraints/core/value_range_constraints.py
        from pyshacl.rdfutil.compare import compare_literal

        if not isinstance(v, Literal):
            return False
        bound_is_string = isinstance(self.bound.value, str)
        v_is_string = isinstance(v.value, str)
        if bound_is_string != v_is_string:
            return False
        try:
            return bool(self.accept(compare_literal(v, self.bound)))
        except (TypeError, NotImplementedError):
            return False


class LengthTest(ValueTest):
    def __init__(self, kind: URIRef, bound: Node):
        if not isinstance(bound, Literal) or not isinstance(bound.value, int) or bound.value < 0:
            raise Unsupported(f"{kind} {bound!r}")
        self.is_min = kind == SH.minLength
        self.component = SH.MinLengthConstraintComponent if self.is_min else SH.MaxLengthConstraintComponent
        self.bound = int(bound.value)
        self.param = bound

    def generic_message(self, shapes: Graph) -> str | None:
        return f"String length not {'>=' if self.is_min else '<='} {_stringify(shapes, self.param)}"

    def sure(self) -> str:
        op = ">=" if self.is_min else "<="
        return f"(!isBlank(?v) && STRLEN(STR(?v)) {op} {self.bound})"

    def exact(self, v: Node, engine: Engine) -> bool:
        if isinstance(v, BNode):
            return False
        text = str(v.value) if isinstance(v, Literal) and isinstance(v.value, str) else str(v)
        return len(text) >= self.bound if self.is_min else len(text) <= self.bound


class ShapeTest(ValueTest):
    """A value conforms to a value shape: all of the shape's value tests pass."""

    def __init__(self, tests: list[ValueTest], node: Node | None = None, source: Source | None = None):
        self.tests = tests
        self.node = node
        self.source = source  # shape, severity and messages of its own results (sh:node details)
        self.exact_in_sparql = all(t.exact_in_sparql for t in tests)

    def sure(self) -> str:
        return "(" + " && ".join(_coalesce(t.sure()) for t in self.tests) + ")" if self.tests else "true"

    def exact(self, v: Node, engine: Engine) -> bool:
        return all(t.exact(v, engine) for t in self.tests)


class OrTest(ValueTest):
    component = SH.OrConstraintComponent

    def __init__(self, members: list[ShapeTest]):
        self.members = members
        self.exact_in_sparql = all(m.exact_in_sparql for m in members)

    def sure(self) -> str:
        return "(" + " || ".join(_coalesce(m.sure()) for m in self.members) + ")" if self.members else "false"

    def exact(self, v: Node, engine: Engine) -> bool:
        return any(m.exact(v, engine) for m in self.members)


class NodeTest(ValueTest):
    component = SH.NodeConstraintComponent

    def __init__(self, shape: ShapeTest):
        self.shape = shape
        self.exact_in_sparql = shape.exact_in_sparql

    def sure(self) -> str:
        return self.shape.sure()

    def exact(self, v: Node, engine: Engine) -> bool:
        return self.shape.exact(v, engine)

    def details(self, v: Node, engine: Engine) -> tuple[Result, ...]:
        """The results of validating `v` against the shape, which pySHACL nests under sh:detail."""
        source = self.shape.source
        assert source is not None
        found = []
        for test in self.shape.tests:
            if not test.exact(v, engine):
                messages = source.messages or (Literal(test.generic_message(engine.shapes)),)
                detail = Source(source.shape, source.severity, messages, None)
                found.append(Result(v, test.component, v, source.shape, detail))
        return tuple(sorted(found, key=lambda r: tuple(str(x) for x in r.key())))


def _stringify(shapes: Graph, node: Node | None) -> str:
    from pyshacl.rdfutil import stringify_node

    assert node is not None
    return str(stringify_node(shapes, node))


def _lang_once(expressions: str) -> str:
    """Read the language tag of ?v once (Oxigraph decodes the literal at each lang(?v))."""
    if "lang(?v)" not in expressions:
        return expressions
    return "BIND(LCASE(lang(?v)) AS ?lang_) " + expressions.replace("LCASE(lang(?v))", "?lang_").replace(
        "lang(?v)", "?lang_"
    )


def _coalesce(expression: str) -> str:
    return f"COALESCE({expression}, false)"


# --- compiled shapes ----------------------------------------------------------------------------


@dataclass
class Source:
    """What a result of one shape says besides focus and value."""

    shape: Node
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None  # the shape's sh:path (None for a node shape)


@dataclass
class Check:
    """One compiled shape: its focus nodes, and what to check on them."""

    source: Source
    target: str  # a SPARQL group pattern binding ?f
    path: str | None  # SPARQL property path; None for a node shape (the value is the focus)
    path_steps: list[str] = field(default_factory=list)  # the path's steps, for sequence paths
    value_tests: list[ValueTest] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    has_values: list[Node] = field(default_factory=list)
    qualified: list[tuple[ShapeTest, int | None, int | None]] = field(default_factory=list)
    equals: list[URIRef] = field(default_factory=list)
    less_or_equals: list[URIRef] = field(default_factory=list)
    target_classes: frozenset[URIRef] | None = None  # None: some target is not a class target


@dataclass(frozen=True)
class Result:
    focus: Node
    component: URIRef
    value: Node | None
    shape: Node
    source: Source = field(compare=False, hash=False)
    details: tuple[Result, ...] = field(default=(), compare=False, hash=False)

    def key(self) -> tuple:
        return (self.focus, self.component, self.value, self.shape)


class Compiler:
    def __init__(self, shapes: Graph, subclasses):
        self.g = shapes
        self.subclasses = subclasses  # class IRI -> sorted subclasses (itself included)

    def compile(self) -> list[Check]:
        """One check per targeted node shape (its own constraints) and one per property shape,
        the latter over the union of the targets of every node shape that uses it (as
        kg.validate.flatten_targets does for pySHACL): a shared property shape runs once."""
        checks: list[Check] = []
        targeted = sorted({s for t in _TARGETS for s in self.g.subjects(t, None)}, key=str)
        owners: dict[Node, list[Node]] = {}
        for node in targeted:
            if self._deactivated(node):
                continue
            if (node, SH.path, None) in self.g:
                owners.setdefault(node, []).append(node)
                continue
            own = self._node_check(node, self._target([node]))
            if own is not None:
                own.target_classes = self._target_classes([node])
                checks.append(own)
            for prop in self.g.objects(node, SH.property):
                if not self._deactivated(prop):
                    owners.setdefault(prop, []).append(node)
        for prop in sorted(owners, key=str):
            check = self._property_check(prop, self._target(owners[prop]))
            check.target_classes = self._target_classes(owners[prop])
            checks.append(check)
        return checks

    def _target_classes(self, nodes: list[Node]) -> frozenset[URIRef] | None:
        """The classes (subclasses included) whose instances are the focus nodes, when the
        targets are class targets only."""
        if any((n, p, None) in self.g for n in nodes for p in _TARGETS if p != SH.targetClass):
            return None
        return frozenset(s for n in nodes for c in self.g.objects(n, SH.targetClass) for s in self.subclasses(c))

    def _deactivated(self, node: Node) -> bool:
        return (node, SH.deactivated, Literal(True)) in self.g

    def _target(self, nodes: list[Node]) -> str:
        """A group pattern binding ?f to every focus node of the given shapes' targets."""
        parts = []
        for node in nodes:
            if (node, RDF.type, RDFS.Class) in self.g:
                raise Unsupported(f"implicit class target on {node}")
        classes = sorted({c for n in nodes for c in self.g.objects(n, SH.targetClass)}, key=str)
        if classes:
            members = sorted({s for c in classes for s in self.subclasses(c)}, key=str)
            parts.append(f"VALUES ?tc_ {{ {' '.join(f'<{c}>' for c in members)} }} ?f a ?tc_ .")
        targets = sorted({t for n in nodes for t in self.g.objects(n, SH.targetNode)}, key=str)
        if targets:
            parts.append(f"VALUES ?f {{ {' '.join(sparql_term(t) for t in targets)} }}")
        for p in sorted({p for n in nodes for p in self.g.objects(n, SH.targetSubjectsOf)}, key=str):
            parts.append(f"?f <{p}> ?to_ .")
        for p in sorted({p for n in nodes for p in self.g.objects(n, SH.targetObjectsOf)}, key=str):
            parts.append(f"?ts_ <{p}> ?f .")
        if len(parts) == 1:
            return parts[0]
        return " UNION ".join(f"{{ {p} }}" for p in parts)

    def _source(self, node: Node, path: Node | None) -> Source:
        messages = tuple(sorted((m for m in self.g.objects(node, SH.message) if isinstance(m, Literal)), key=str))
        if not messages:
            raise Unsupported(f"shape {node} has no sh:message (pySHACL would write a generic one)")
        severity = self.g.value(node, SH.severity) or SH.Violation
        if not isinstance(severity, URIRef):
            raise Unsupported(f"sh:severity of {node}")
        return Source(node, severity, messages, path)

    def _params(self, node: Node, allowed: set) -> None:
        for p in set(self.g.predicates(node, None)):
            if p in _INERT or p in allowed or p == SH.property:
                continue
            if str(p).startswith(str(SH)):
                raise Unsupported(f"{p} on {node} is not compiled")

    def _node_check(self, node: Node, target: str) -> Check | None:
        self._params(node, _VALUE_LEVEL)
        if (node, SH.hasValue, None) in self.g:  # pySHACL reports it without sh:value: not mirrored
            raise Unsupported(f"sh:hasValue on the node shape {node}")
        tests = self._value_tests(node)
        if not tests:
            return None
        return Check(self._source(node, None), target, None, value_tests=tests)

    def _property_check(self, node: Node, target: str) -> Check:
        self._params(node, _VALUE_LEVEL | _PROPERTY_ONLY)
        if (node, SH.property, None) in self.g:
            raise Unsupported(f"nested sh:property on {node}")
        path_node = self.g.value(node, SH.path)
        check = Check(self._source(node, path_node), target, self._path(path_node))
        check.path_steps = self._path_steps(path_node)
        check.value_tests = [t for t in self._value_tests(node) if not isinstance(t, HasValueValueTest)]
        check.has_values = sorted(self.g.objects(node, SH.hasValue), key=str)
        for hv in check.has_values:
            sparql_term(hv)  # a blank node raises Unsupported
        check.min_count = self._int(node, SH.minCount)
        check.max_count = self._int(node, SH.maxCount)
        unique = self.g.value(node, SH.uniqueLang)
        check.unique_lang = isinstance(unique, Literal) and unique.value is True
        for shape in self.g.objects(node, SH.qualifiedValueShape):
            disjoint = self.g.value(node, SH.qualifiedValueShapesDisjoint)
            if isinstance(disjoint, Literal) and disjoint.value is True:
                raise Unsupported(f"sh:qualifiedValueShapesDisjoint on {node}")
            check.qualified.append(
                (self._value_shape(shape), self._int(node, SH.qualifiedMinCount), self._int(node, SH.qualifiedMaxCount))
            )
        for p, target_list in ((SH.equals, check.equals), (SH.lessThanOrEquals, check.less_or_equals)):
            for other in sorted(self.g.objects(node, p), key=str):
                if not isinstance(other, URIRef):
                    raise Unsupported(f"{p} {other!r}")
                target_list.append(other)
        return check

    def _int(self, node: Node, p: URIRef) -> int | None:
        values = list(self.g.objects(node, p))
        if not values:
            return None
        if len(values) > 1 or not isinstance(values[0], Literal) or not isinstance(values[0].value, int):
            raise Unsupported(f"{p} on {node}")
        return int(values[0].value)

    def _path(self, path: Node | None) -> str:
        if isinstance(path, URIRef):
            return f"<{path}>"
        if path is None:
            raise Unsupported("a property shape without sh:path")
        if (path, RDF.first, None) in self.g:
            steps = list(Collection(self.g, path))
            if not steps or not all(isinstance(s, URIRef) for s in steps):
                raise Unsupported("a sequence path of anything but IRIs")
            return "/".join(f"<{s}>" for s in steps)
        inverse = self.g.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return f"^<{inverse}>"
        raise Unsupported(f"property path {path!r}")

    def _path_steps(self, path: Node | None) -> list[str]:
        if path is not None and (path, RDF.first, None) in self.g:
            return [f"<{s}>" for s in Collection(self.g, path)]
        return [self._path(path)]

    def _value_tests(self, node: Node) -> list[ValueTest]:
        g = self.g
        tests: list[ValueTest] = []
        for dt in sorted(g.objects(node, SH.datatype), key=str):
            tests.append(DatatypeTest(dt))
        for kind in sorted(g.objects(node, SH.nodeKind), key=str):
            tests.append(NodeKindTest(kind))
        for cls in sorted(g.objects(node, SH_class), key=str):
            tests.append(ClassTest(cls, self.subclasses(cls)))
        patterns = sorted(g.objects(node, SH.pattern), key=str)
        for pattern in patterns:
            tests.append(PatternTest(pattern, g.value(node, SH.flags)))
        for members in g.objects(node, SH_in):
            tests.append(InTest(list(Collection(g, members))))
        for value in g.objects(node, SH.hasValue):
            tests.append(HasValueValueTest(value))
        for langs in g.objects(node, SH.languageIn):
            tests.append(LanguageInTest(list(Collection(g, langs)), langs))
        for kind in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            for bound in g.objects(node, kind):
                tests.append(RangeTest(kind, bound))
        for kind in (SH.minLength, SH.maxLength):
            for bound in g.objects(node, kind):
                tests.append(LengthTest(kind, bound))
        for members in g.objects(node, SH_or):
            tests.append(OrTest([self._value_shape(m) for m in Collection(g, members)]))
        for shape in sorted(g.objects(node, SH.node), key=str):
            tests.append(NodeTest(self._value_shape(shape, details=True)))
        return tests

    def _value_shape(self, node: Node, details: bool = False) -> ShapeTest:
        """A shape used as a value test (sh:or member, sh:node, sh:qualifiedValueShape).

        With `details` (sh:node) its own results are reported too, under sh:detail, so it must
        be one whose messages we can write as pySHACL does."""
        if (node, SH.path, None) in self.g or (node, SH.property, None) in self.g:
            raise Unsupported(f"value shape {node} has property shapes")
        if self._deactivated(node):
            raise Unsupported(f"deactivated value shape {node}")
        self._params(node, _VALUE_LEVEL)
        tests = self._value_tests(node)
        if not details:
            return ShapeTest(tests, node)
        messages = tuple(sorted((m for m in self.g.objects(node, SH.message) if isinstance(m, Literal)), key=str))
        severity = self.g.value(node, SH.severity) or SH.Violation
        if not isinstance(severity, URIRef) or isinstance(node, BNode):
            raise Unsupported(f"sh:node {node}: an anonymous shape or odd severity")
        kinds = [t.component for t in tests]
        for t in tests:
            if isinstance(t, (OrTest, NodeTest)) or kinds.count(t.component) > 1:
                raise Unsupported(f"sh:node {node}: nested logic or repeated constraints")
            if not messages and t.generic_message(self.g) is None:
                raise Unsupported(f"sh:node {node}: no sh:message and no generic message for {t.component}")
        return ShapeTest(tests, node, Source(node, severity, messages, None))


# --- the engine ---------------------------------------------------------------------------------


class Engine:
    """Runs compiled shapes on a pyoxigraph store (the union of its named graphs)."""

    def __init__(self, store: ox.Store, shapes: Graph):
        self.store = store
        self.shapes = shapes
        self._subclass_memo: dict[Node, list[URIRef]] = {}
        self.checks = Compiler(shapes, self.subclasses).compile()

    def subclasses(self, cls: Node) -> list[URIRef]:
        """`cls` and every class below it by rdfs:subClassOf* in the data (as pySHACL reads it)."""
        if cls not in self._subclass_memo:
            rows = self.select(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{cls}> }}")
            found = {URIRef(str(cls))} | {t for (t,) in rows if isinstance(t, URIRef)}
            self._subclass_memo[cls] = sorted(found, key=str)
        return self._subclass_memo[cls]

    def select(self, query: str) -> Iterator[tuple]:
        solutions = self.store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            yield tuple(_term(row[n]) for n in names)

    def ask(self, query: str) -> bool:
        return bool(self.store.query(query, use_default_graph_as_union=True))

    def run(self, focus: Iterable[Node] | None = None) -> list[Result]:
        """Every result, or only those about the given focus nodes (IRIs; others are ignored)."""
        scope = ""
        if focus is not None:
            nodes = sorted({f for f in focus if isinstance(f, URIRef)}, key=str)
            if not nodes:
                return []
            scope = "VALUES ?f { " + " ".join(f"<{f}>" for f in nodes) + " } "
        types = None
        if scope:  # skip the shapes none of the focus nodes is a target of
            types = {t for (t,) in self.select(f"SELECT DISTINCT ?t WHERE {{ {scope}?f a ?t }}")}
        results: set[Result] = set()
        for check in self.checks:
            if types is not None and check.target_classes is not None and not (check.target_classes & types):
                continue
            results.update(_Plan(self, check, scope).results())
        return sorted(results, key=lambda r: tuple(str(x) for x in r.key()))


class _Plan:
    """The queries of one compiled shape.

    Over the whole store (no `scope`), every query scans what it needs once and combines the
    parts with hash joins and MINUS (anti-joins) between sub-selects: on Oxigraph a join that
    looks up each row in the index costs tens of microseconds per row, a hash join almost
    nothing. With a `scope` (VALUES ?f, a few hundred focus nodes) the lookups are cheap and
    scanning is not, so the queries start from the focus nodes instead.
    """

    def __init__(self, engine: Engine, check: Check, scope: str):
        self.engine = engine
        self.check = check
        self.scope = scope
        target = check.target
        if scope:
            # `VALUES ?tc_ {C} ?f a ?tc_` would make Oxigraph scan every instance of C and join
            # them with the focus nodes; with a FILTER it looks up the types of the focus nodes
            target = re.sub(
                r"VALUES \?tc_ \{ ([^}]*) \} \?f a \?tc_ \.",
                lambda m: f"?f a ?tc_ . FILTER(?tc_ IN ({', '.join(m.group(1).split())}))",
                target,
            )
        self.target_pattern = target
        self.target = f"{{ SELECT DISTINCT ?f WHERE {{ {scope}{target} }} }}"

    def select(self, query: str) -> Iterator[tuple]:
        return self.engine.select(query)

    def values(self, extra: str = "", project: str = "") -> str:
        """A sub-select of distinct (?f, ?v) pairs along the shape's path (?v = ?f for a node
        shape), with `extra` (BINDs, FILTERs) inside it and the extra variables `project`."""
        check = self.check
        if check.path is None:
            where = f"{self.scope}{self.target_pattern} BIND(?f AS ?v) {extra}"
            return f"{{ SELECT DISTINCT ?f ?v {project} WHERE {{ {where} }} }}"
        steps = check.path_steps
        if self.scope or len(steps) == 1:
            return f"{{ SELECT DISTINCT ?f ?v {project} WHERE {{ {self.scope}?f {check.path} ?v . {extra} }} }}"
        # a sequence path as a chain of hash-joined sub-selects
        names = ["?f"] + [f"?x{i}_" for i in range(1, len(steps))] + ["?v"]
        parts = [
            f"{{ SELECT DISTINCT {a} {b} WHERE {{ {a} {step} {b} }} }}"
            for a, b, step in zip(names[:-1], names[1:], steps, strict=True)
        ]
        return f"{{ SELECT DISTINCT ?f ?v {project} WHERE {{ {' '.join(parts)} {extra} }} }}"

    def result(self, focus: Node, component: URIRef, value: Node | None, details=()) -> Result:
        return Result(focus, component, value, self.check.source.shape, self.check.source, tuple(details))

    def results(self) -> Iterator[Result]:
        check = self.check
        yield from self._value_tests()
        if check.path is None:
            return
        path = check.path
        target = self.target
        if check.min_count is not None and check.min_count > 0:
            if check.min_count == 1:
                enough = f"{{ {self.scope}?f {path} ?v }}"
            else:
                enough = (
                    f"{{ SELECT ?f WHERE {{ {self.values()} }} GROUP BY ?f "
                    f"HAVING (COUNT(DISTINCT ?v) >= {check.min_count}) }}"
                )
            for (f,) in self.select(f"SELECT DISTINCT ?f WHERE {{ {target} MINUS {enough} }}"):
                yield self.result(f, SH.MinCountConstraintComponent, None)
        if check.max_count is not None:
            many = (
                f"{{ SELECT ?f WHERE {{ {self.values()} }} GROUP BY ?f "
                f"HAVING (COUNT(DISTINCT ?v) > {check.max_count}) }}"
            )
            for (f,) in self.select(f"SELECT DISTINCT ?f WHERE {{ {many} {target} }}"):
                yield self.result(f, SH.MaxCountConstraintComponent, None)
        if check.unique_lang:
            tagged = self.values('BIND(LCASE(lang(?v)) AS ?lang) FILTER(isLiteral(?v) && ?lang != "")', "?lang")
            shared = f"{{ SELECT ?f ?lang WHERE {{ {tagged} }} GROUP BY ?f ?lang HAVING (COUNT(DISTINCT ?v) > 1) }}"
            for f, _ in self.select(f"SELECT DISTINCT ?f ?lang WHERE {{ {shared} {target} }}"):
                yield self.result(f, SH.UniqueLangConstraintComponent, None)
        for hv in check.has_values:
            query = f"SELECT DISTINCT ?f WHERE {{ {target} MINUS {{ {self.scope}?f {path} {sparql_term(hv)} }} }}"
            for (f,) in self.select(query):
                yield self.result(f, SH.HasValueConstraintComponent, None)
        for shape, qmin, qmax in check.qualified:
            yield from self._qualified(shape, qmin, qmax)
        for other in check.equals:
            mine, theirs = self.values(), f"{{ SELECT ?f ?v WHERE {{ {self.scope}?f <{other}> ?v }} }}"
            for a, b in ((mine, theirs), (theirs, mine)):
                for f, v in self.select(f"SELECT DISTINCT ?f ?v WHERE {{ {{ {a} MINUS {b} }} {target} }}"):
                    yield self.result(f, SH.EqualsConstraintComponent, v)
        for other in check.less_or_equals:
            sure = " || ".join(f"({_valid(t, '?v')} && {_valid(t, '?o')})" for t in _NUMERIC)
            others = f"{{ SELECT ?f ?o WHERE {{ {self.scope}?f <{other}> ?o }} }}"
            pairs = (
                f"{{ SELECT ?f ?v ?o WHERE {{ {self.values()} {others} "
                f"FILTER(!COALESCE(isLiteral(?v) && isLiteral(?o) && ({sure}) && ?v <= ?o, false)) }} }}"
            )
            for f, v, o in self.select(f"SELECT DISTINCT ?f ?v ?o WHERE {{ {pairs} {target} }}"):
                if not _less_or_equal(v, o):
                    yield self.result(f, SH.LessThanOrEqualsConstraintComponent, v)

    def _value_tests(self) -> Iterator[Result]:
        check = self.check
        tests = list(check.value_tests)
        if not self.scope:
            # sh:class over the whole store: an anti-join with the typed nodes, not EXISTS per value
            for class_test in [t for t in tests if isinstance(t, ClassTest)]:
                tests.remove(class_test)
                classes = " ".join(f"<{c}>" for c in class_test.subclasses)
                typed = f"{{ VALUES ?cls_ {{ {classes} }} ?v a ?cls_ }}"
                query = f"SELECT DISTINCT ?f ?v WHERE {{ {{ {self.values()} MINUS {typed} }} {self.target} }}"
                for f, v in self.select(query):
                    yield self.result(f, class_test.component, v)
        if not tests:
            return
        cols = " ".join(f"?ok{i}" for i in range(len(tests)))
        binds = " ".join(f"BIND({_coalesce(t.sure())} AS ?ok{i})" for i, t in enumerate(tests))
        binds = _lang_once(binds)
        fails = " || ".join(f"!?ok{i}" for i in range(len(tests)))
        suspects = f"{{ SELECT ?f ?v {cols} WHERE {{ {self.values()} {binds} FILTER({fails}) }} }}"
        query = f"SELECT DISTINCT ?f ?v {cols} WHERE {{ {suspects} {self.target} }}"
        for row in self.select(query):
            f, v, oks = row[0], row[1], row[2:]
            for test, ok in zip(tests, oks, strict=True):
                if _true(ok):
                    continue
                if test.exact_in_sparql or not test.exact(v, self.engine):
                    details = test.details(v, self.engine) if isinstance(test, NodeTest) else ()
                    yield self.result(f, test.component, v, details)

    def _qualified(self, shape: ShapeTest, qmin: int | None, qmax: int | None) -> Iterator[Result]:
        conforming = self.values(_lang_once(f"FILTER({_coalesce(shape.sure())})"))
        if qmin is not None and qmin > 0:
            enough = f"{{ SELECT ?f WHERE {{ {conforming} }} GROUP BY ?f HAVING (COUNT(DISTINCT ?v) >= {qmin}) }}"
            for (f,) in self.select(f"SELECT DISTINCT ?f WHERE {{ {self.target} MINUS {enough} }}"):
                if shape.exact_in_sparql or self._count_conforming(f, shape) < qmin:
                    yield self.result(f, SH.QualifiedMinCountConstraintComponent, None)
        if qmax is not None:
            counted = conforming if shape.exact_in_sparql else self.values()
            many = f"{{ SELECT ?f WHERE {{ {counted} }} GROUP BY ?f HAVING (COUNT(DISTINCT ?v) > {qmax}) }}"
            for (f,) in self.select(f"SELECT DISTINCT ?f WHERE {{ {many} {self.target} }}"):
                if self._count_conforming(f, shape) > qmax:
                    yield self.result(f, SH.QualifiedMaxCountConstraintComponent, None)

    def _count_conforming(self, focus: Node, shape: ShapeTest) -> int:
        rows = self.select(f"SELECT DISTINCT ?v WHERE {{ {sparql_term(focus)} {self.check.path} ?v }}")
        return sum(1 for (v,) in rows if shape.exact(v, self.engine))


def _term(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        # rdflib logs every ill-typed literal it meets; those are reported as results instead
        rdflib_log = logging.getLogger("rdflib.term")
        level = rdflib_log.level
        rdflib_log.setLevel(logging.CRITICAL)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return to_rdflib(term)
        finally:
            rdflib_log.setLevel(level)
    return to_rdflib(term)


def _true(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.value is True


def _less_or_equal(value: Node, compare: Node) -> bool:
    """pyshacl/constraints/core/property_pair_constraints.py, LessThanOrEquals._compare_ltoe."""
    if isinstance(value, BNode) or isinstance(compare, BNode):
        raise Unsupported("sh:lessThanOrEquals on a blank node (pySHACL refuses it too)")

    def as_comparable(node: Node) -> tuple[object, bool]:
        if isinstance(node, URIRef):
            return str(node), True
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value, True
        return node, False

    v, v_string = as_comparable(value)
    o, o_string = as_comparable(compare)
    if v_string != o_string:
        return False
    return bool(v <= o)  # type: ignore[operator]


# --- the report graph, as pySHACL writes it ---------------------------------------------------


def report_graph(results: Iterable[Result], shapes: Graph) -> Graph:
    """An sh:ValidationReport with one sh:ValidationResult per result, like pySHACL's."""
    out = Graph()
    report = BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    for r in results:
        out.add((report, SH.result, _add_result(out, r, shapes)))
        if r.source.severity == SH.Violation:
            conforms = False
    out.add((report, SH.conforms, Literal(conforms)))
    return out


def _add_result(out: Graph, r: Result, shapes: Graph) -> BNode:
    node = BNode()
    out.add((node, RDF.type, SH.ValidationResult))
    out.add((node, SH.sourceConstraintComponent, r.component))
    out.add((node, SH.sourceShape, r.source.shape))
    out.add((node, SH.resultSeverity, r.source.severity))
    out.add((node, SH.focusNode, r.focus))
    if r.value is not None:
        out.add((node, SH.value, r.value))
    if r.source.path is not None:
        out.add((node, SH.resultPath, _copy(shapes, r.source.path, out)))
    for message in r.source.messages:
        out.add((node, SH.resultMessage, message))
    for detail in r.details:
        out.add((node, SH.detail, _add_result(out, detail, shapes)))
    return node


def _copy(source: Graph, node: Node, into: Graph) -> Node:
    """`node` with everything reachable from it through blank nodes, copied into `into`."""
    if not isinstance(node, BNode):
        return node
    copy = BNode()
    for p, o in source.predicate_objects(node):
        into.add((copy, p, _copy(source, o, into)))
    return copy
