"""Check the graph against `ontology/shapes.ttl` and explain the problems in plain words.

pySHACL runs once, without inference, on the union of every named graph (so a holding in a
document graph can point at a body in the reference graph), with the shapes' targets moved onto
their property shapes for speed (`flatten_targets`). Its report is regrouped by the
entity at fault: the entity's label and type, each problem's message, property path, offending
value and severity, and the source documents that state facts about the entity, so a reader
knows which file to look at. Every output is ordered, so two runs on the same data are identical.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyshacl
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import FOAF, SH, SKOS
from rdflib.term import Node

from kg.errors import KgError
from kg.ids import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.namespaces import BASE, GRAPH, KG, PREFIXES
from kg.rdfio import parse_turtle
from kg.resources import ontology_dir

if TYPE_CHECKING:
    from kg.store import Store

SHAPES_FILE = "shapes.ttl"
SHAPES_NS = BASE + "shapes#"
# Skolem IRIs for the blank nodes of pySHACL's report (RDF 1.1 §3.5 well-known genid form).
GENID = BASE + ".well-known/genid/"
MAX_VALUE_CHARS = 120

_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
# Longest namespace first, so the most specific prefix wins.
_NAMESPACES: dict[str, str] = {**PREFIXES, "sh": str(SH), "kgsh": SHAPES_NS}
_PREFIXES: list[tuple[str, str]] = sorted(_NAMESPACES.items(), key=lambda item: (-len(item[1]), item[0]))
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one entity."""

    severity: str  # "Violation" | "Warning" | "Info"
    path: str  # the property path in prefixed form, "" for a problem with the node itself
    message: str
    value: str | None  # the offending value, shortened; None when the problem is a missing value
    constraint: str  # the SHACL constraint component, e.g. "sh:MinCountConstraintComponent"
    shape: str  # the shape that failed, e.g. "kgsh:Holding-member"

    def sort_key(self) -> tuple:
        return (_SEVERITY_RANK.get(self.severity, 9), self.path, self.message, self.value or "", self.shape)

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "value": self.value,
            "constraint": self.constraint,
            "shape": self.shape,
        }


@dataclass(frozen=True)
class EntityReport:
    """Everything wrong with one focus node."""

    iri: str
    label: str
    types: tuple[str, ...]
    sources: tuple[str, ...]
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict:
        return {
            "iri": self.iri,
            "label": self.label,
            "types": list(self.types),
            "sources": list(self.sources),
            "problems": [p.as_dict() for p in self.problems],
        }


class ValidationReport:
    """The outcome of `validate()`: conformance, counts, and the problems grouped by entity."""

    def __init__(self, entities: Iterable[EntityReport], report_graph: Graph, data_graph: Graph | None = None):
        self.entities: tuple[EntityReport, ...] = tuple(sorted(entities, key=lambda e: e.iri))
        self.report_graph = report_graph
        self.data_graph = data_graph
        problems = [p for e in self.entities for p in e.problems]
        self.engine = "pyshacl"  # which engine produced the report
        self.engine_note = ""  # why the SPARQL engine was not used, when it was asked for
        self.violations = sum(1 for p in problems if p.severity == "Violation")
        self.warnings = sum(1 for p in problems if p.severity == "Warning")
        self.infos = sum(1 for p in problems if p.severity == "Info")

    @property
    def conforms(self) -> bool:
        """True when nothing is an sh:Violation; warnings and infos do not break conformance."""
        return self.violations == 0

    def summary(self) -> str:
        verdict = "Conforms" if self.conforms else "Does not conform"
        counts = f"{_plural(self.violations, 'violation')}, {_plural(self.warnings, 'warning')}"
        if self.infos:
            counts += f", {_plural(self.infos, 'note')}"
        return f"{verdict}: {counts} in {_plural(len(self.entities), 'entity', 'entities')}."

    def to_text(self) -> str:
        lines = [self.summary()]
        for entity in self.entities:
            lines.append("")
            lines.append(f"{entity.label} ({', '.join(entity.types) or 'no type'})")
            if entity.label != entity.iri:
                lines.append(f"  {entity.iri}")
            lines.append(f"  from: {', '.join(entity.sources) or 'no graph'}")
            for problem in entity.problems:
                where = problem.path or "(the node itself)"
                if problem.value is not None:
                    where += f" = {problem.value}"
                lines.append(f"  {problem.severity}: {problem.message}")
                lines.append(f"      at {where}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        data = {
            "conforms": self.conforms,
            "violations": self.violations,
            "warnings": self.warnings,
            "infos": self.infos,
            "entities": [e.as_dict() for e in self.entities],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        """pySHACL's own report graph, blank nodes skolemised to stable IRIs, triples sorted."""
        return serialize_sorted(skolemise(self.report_graph, self.data_graph))


ENGINES = ("sparql", "pyshacl")


def validate(data: Dataset, engine: str = "pyshacl") -> ValidationReport:
    """Validate every named graph of `data` together against `ontology/shapes.ttl`.

    An rdflib Dataset is validated by pySHACL (the reference) unless `engine="sparql"`, which
    copies it into a throw-away in-memory store first (Oxigraph then writes literals in their
    canonical form, e.g. "0.90"^^xsd:decimal as "0.9", which the report shows).
    """
    if engine == "pyshacl":
        union = union_graph(data)
        return build_report(data, union, run_shacl(union, flatten_targets(load_shapes())))
    from kg.store import Store

    store = Store()
    store.replace_graphs(_graphs_of(data))
    return validate_store(store, engine=engine)


def _graphs_of(data: Dataset) -> dict[URIRef, Graph]:
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, ctx in data.quads((None, None, None, None)):
        name = ctx.identifier if isinstance(ctx, Graph) else ctx
        key = URIRef(str(GRAPH["default"])) if name is None or name == DATASET_DEFAULT_GRAPH_ID else URIRef(str(name))
        graphs.setdefault(key, Graph()).add((s, p, o))
    return graphs


def validate_store(
    store: Store,
    graphs: Iterable[str] | None = None,
    engine: str = "sparql",
    shapes: Graph | None = None,
) -> ValidationReport:
    """Validate the store against the shapes (default `ontology/shapes.ttl`).

    `graphs` (named-graph IRIs) restricts validation to the focus nodes that appear in those
    graphs (as subject or object); their values are still read from the whole store, since a
    node's triples may be spread over several graphs. `engine="sparql"` (kg.shacl: compiled
    SPARQL on the store) falls back to pySHACL, with a note in `report.engine_note`, when the
    shapes use something it does not compile; `engine="pyshacl"` is the reference.
    """
    if engine not in ENGINES:
        raise KgError(f"unknown validation engine {engine!r} (choose from {', '.join(ENGINES)})")
    shapes = shapes if shapes is not None else default_shapes()
    focus = focus_nodes(store, graphs) if graphs is not None else None
    note = ""
    if engine == "sparql":
        from kg import shacl

        try:
            compiled = shacl.Engine(store.ox, shapes)
        except shacl.Unsupported as exc:
            note = f"the SPARQL engine does not compile these shapes ({exc}); pySHACL ran instead"
        else:
            results = compiled.run(focus)
            report = build_report_from_store(store, shacl.report_graph(results, shapes))
            report.engine = "sparql"
            return report
    data = store.to_dataset()
    union = union_graph(data)
    report_graph = run_shacl(union, flatten_targets(shapes))
    if focus is not None:
        report_graph = restrict_report(report_graph, focus)
    report = build_report(data, union, report_graph)
    report.engine, report.engine_note = "pyshacl", note
    return report


def focus_nodes(store: Store, graphs: Iterable[str]) -> set[Node]:
    """Every IRI or blank node that appears (as subject or object) in the given named graphs."""
    import pyoxigraph as ox

    from kg.store import to_rdflib

    found: set[Node] = set()
    for name in graphs:
        for quad in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            found.add(to_rdflib(quad.subject))
            if not isinstance(quad.object, ox.Literal):
                found.add(to_rdflib(quad.object))
    return found


def restrict_report(report_graph: Graph, focus: set[Node]) -> Graph:
    """pySHACL's report with only the results about the given focus nodes."""
    out = Graph()
    conforms = True
    for report in report_graph.subjects(RDF.type, SH.ValidationReport):
        out.add((report, RDF.type, SH.ValidationReport))
        for result in report_graph.objects(report, SH.result):
            if report_graph.value(result, SH.focusNode) not in focus:
                continue
            out.add((report, SH.result, result))
            _copy_tree(report_graph, result, out)
            if report_graph.value(result, SH.resultSeverity) == SH.Violation:
                conforms = False
        out.add((report, SH.conforms, Literal(conforms)))
    return out


def _copy_tree(source: Graph, node: Node, into: Graph) -> None:
    for p, o in source.predicate_objects(node):
        into.add((node, p, o))
        if isinstance(o, BNode):
            _copy_tree(source, o, into)


def run_shacl(data_graph: Graph, shapes: Graph) -> Graph:
    """pySHACL without inference; returns its report graph. Warnings and infos do not make the
    report non-conforming."""
    _, report_graph, _ = pyshacl.validate(
        data_graph,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        advanced=False,
        inplace=True,
    )
    return report_graph


_SHAPES_CACHE: dict[tuple, tuple] = {}


def default_shapes() -> Graph:
    """`ontology/shapes.ttl`, parsed once per process while the file is unchanged (a fresh copy
    each call, so a caller may change it)."""
    path = ontology_dir() / SHAPES_FILE
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _SHAPES_CACHE:
        _SHAPES_CACHE.clear()
        _SHAPES_CACHE[key] = tuple(load_shapes(path))
    copy = Graph()
    for triple in _SHAPES_CACHE[key]:
        copy.add(triple)
    return copy


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph; a syntax error names the file, line and column."""
    from kg.ontology import check_terms  # an undeclared kg: term names file, line and column

    return check_terms(parse_turtle(shapes_path := path or ontology_dir() / SHAPES_FILE), shapes_path)


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def flatten_targets(shapes: Graph) -> Graph:
    """The same constraints, with each node shape's targets copied onto its property shapes.

    pySHACL runs a node shape's property shapes once per focus node, rebuilding every constraint
    each time; a property shape with targets of its own is run once over all its focus nodes.
    The results are the same (same focus nodes, same source shapes; a property shape shared by
    two node shapes now reports a node typed as both once), and validation of the reference data
    takes about half the time. shapes.ttl keeps the usual form, one node shape per class.
    """
    flat = Graph()
    for triple in shapes:
        flat.add(triple)
    node_shapes = {s for target in _TARGETS for s in shapes.subjects(target, None)}
    for node in node_shapes:
        if (node, SH.deactivated, Literal(True)) in shapes:
            continue
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node, p)]
        for prop in shapes.objects(node, SH.property):
            for predicate, target in targets:
                flat.add((prop, predicate, target))
            flat.remove((node, SH.property, prop))
    return flat


def union_graph(data: Dataset) -> Graph:
    """All triples of all graphs (default graph included) in one plain graph."""
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def build_report(data: Dataset, union: Graph, report_graph: Graph) -> ValidationReport:
    sources = _SourceNamer(data)
    return _report(report_graph, union, sources.sources_of)


def _report(report_graph: Graph, facts: Graph, sources_of) -> ValidationReport:
    """Group the results of `report_graph` by focus node; `facts` holds (at least) the types,
    labels and blank-node contents of the focus nodes, `sources_of` names their graphs."""
    results = {
        r
        for report in report_graph.subjects(RDF.type, SH.ValidationReport)
        for r in report_graph.objects(report, SH.result)
    }
    blanks = BlankNames(facts)
    grouped: dict[Node, set[Problem]] = {}
    for result in results:
        focus = report_graph.value(result, SH.focusNode)
        if focus is None:
            continue
        grouped.setdefault(focus, set()).add(_problem(report_graph, result, blanks))
    entities = [
        EntityReport(
            iri=_identify(focus, blanks),
            label=entity_label(facts, focus, blanks),
            types=tuple(sorted(shorten(t) for t in facts.objects(focus, RDF.type))),
            sources=sources_of(focus),
            problems=tuple(sorted(problems, key=Problem.sort_key)),
        )
        for focus, problems in grouped.items()
    ]
    return ValidationReport(entities, report_graph, facts)


def build_report_from_store(store: Store, report_graph: Graph) -> ValidationReport:
    """The same report as `build_report`, reading only what it needs about the focus nodes (and
    the blank nodes the report names) from the store, not the whole store."""
    import pyoxigraph as ox

    from kg.store import to_ox, to_rdflib

    facts = Graph()
    graphs_of: dict[Node, set[Node | None]] = {}
    wanted = {o for o in report_graph.objects(None, SH.focusNode)}
    wanted |= {o for o in report_graph.objects(None, SH.value) if isinstance(o, BNode)}
    seen: set[Node] = set()
    while wanted:
        node = wanted.pop()
        seen.add(node)
        subject = to_ox(node)
        if isinstance(subject, ox.Literal):
            continue
        for quad in store.ox.quads_for_pattern(subject, None, None, None):
            obj = to_rdflib(quad.object)
            facts.add((node, to_rdflib(quad.predicate), obj))
            graph = quad.graph_name
            graphs_of.setdefault(node, set()).add(
                None if isinstance(graph, ox.DefaultGraph) else URIRef(graph.value)  # type: ignore[union-attr]
            )
            if isinstance(obj, BNode) and obj not in seen:
                wanted.add(obj)
    # pySHACL copies the triples of a blank focus or value node into its report: so do we
    for s, p, o in list(facts):
        if isinstance(s, BNode):
            report_graph.add((s, p, o))
    names = _StoreGraphNames(store)

    def sources_of(node: Node) -> tuple[str, ...]:
        return tuple(sorted({names.name(g) for g in graphs_of.get(node, set())}))

    return _report(report_graph, facts, sources_of)


class _GraphNamer:
    """Names a graph the way a reader knows it: "reference data", "ontology", "default graph", or
    the file names of the documents in it. Subclasses say how to read a graph's file names."""

    def __init__(self) -> None:
        self.names: dict[Node | None, str] = {}

    def name(self, graph_id: Node | None) -> str:
        if graph_id not in self.names:
            self.names[graph_id] = self._name(graph_id)
        return self.names[graph_id]

    def _name(self, graph_id: Node | None) -> str:
        if graph_id == REFERENCE_GRAPH:
            return "reference data"
        if graph_id == ONTOLOGY_GRAPH:
            return "ontology"
        if graph_id is None or graph_id == DATASET_DEFAULT_GRAPH_ID:
            return "default graph"
        if str(graph_id).startswith(str(GRAPH["doc/"])):
            files = sorted(self._file_names(URIRef(str(graph_id))))
            if files:
                return ", ".join(files)
        return str(graph_id)

    def _file_names(self, graph_id: URIRef) -> list[str]:
        raise NotImplementedError


class _StoreGraphNames(_GraphNamer):
    """Graph names as `_SourceNamer` gives them, read from the store."""

    def __init__(self, store: Store):
        super().__init__()
        self.store = store

    def _file_names(self, graph_id: URIRef) -> list[str]:
        rows = self.store.ox.query(
            f"SELECT DISTINCT ?name WHERE {{ GRAPH <{graph_id}> {{ ?doc a <{KG.SourceDocument}> ; "
            f"<{KG.fileName}> ?name }} }}"
        )
        return [str(row["name"].value) for row in rows]  # type: ignore[union-attr]


def _problem(report: Graph, result: Node, blanks: BlankNames) -> Problem:
    severity = report.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    return Problem(
        severity=_SEVERITY_NAMES.get(severity, shorten(severity)) if isinstance(severity, URIRef) else "Violation",
        path=render_path(report, path) if path is not None else "",
        message=messages[0] if messages else "",
        value=render_value(value, blanks) if value is not None else None,
        constraint=shorten(report.value(result, SH.sourceConstraintComponent)),
        shape=shorten(report.value(result, SH.sourceShape)),
    )


def entity_label(graph: Graph, node: Node, blanks: BlankNames | None = None) -> str:
    """skos:prefLabel @en, else foaf:name, else the IRI."""
    english = sorted(
        str(o) for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "en"
    )
    if english:
        return english[0]
    names = sorted(str(o) for o in graph.objects(node, FOAF.name))
    if names:
        return names[0]
    return _identify(node, blanks or BlankNames(graph))


class _SourceNamer(_GraphNamer):
    """Names the graphs that hold triples about an entity, the way a reader knows them."""

    def __init__(self, data: Dataset):
        super().__init__()
        self.data = data

    def sources_of(self, node: Node) -> tuple[str, ...]:
        graphs = {ctx for _, _, _, ctx in self.data.quads((node, None, None, None))}
        return tuple(sorted({self.name(g) for g in graphs}))

    def _file_names(self, graph_id: URIRef) -> list[str]:
        graph = self.data.graph(graph_id)
        return [str(name) for doc in graph.subjects(RDF.type, KG.SourceDocument)
                for name in graph.objects(doc, KG.fileName)]


# --- rendering ---------------------------------------------------------------------------------


def shorten(node: Node | None, strict: bool = False) -> str:
    """`prefix:local` for an IRI in a known namespace, else `<iri>`; other nodes in N3 form.

    With `strict` the local part must be a valid Turtle local name; without it, `id:person/x`
    is allowed, which reads better in reports.
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        iri = str(node)
        for prefix, namespace in _PREFIXES:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if not strict and local and not any(c in local for c in ' <>"{}|\\^`'):
                    return f"{prefix}:{local}"
                if _PN_LOCAL.match(local) or local == "":
                    return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        return _literal_n3(node, strict=strict)
    return node.n3()


def _identify(node: Node, blanks: BlankNames) -> str:
    """The full IRI; a blank node (not allowed in our data, but reported) by its stable name."""
    if isinstance(node, BNode):
        return "_:" + blanks.name(node)
    return str(node)


def render_value(node: Node, blanks: BlankNames | None = None) -> str:
    """An offending value for people: prefixed IRI, N3 literal (clipped), stable blank-node name."""
    if isinstance(node, BNode):
        return "_:" + blanks.name(node) if blanks is not None else "[]"
    if isinstance(node, Literal) and len(str(node)) > MAX_VALUE_CHARS:
        node = Literal(str(node)[:MAX_VALUE_CHARS] + "…", lang=node.language, datatype=node.datatype)
    return shorten(node)


def render_path(graph: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL-like prefixed form: `opengov:post/org:postIn`, `^p`, `p*`."""
    if isinstance(path, URIRef):
        return shorten(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path_part(graph, p) for p in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_part(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_part(graph, p) for p in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return _path_part(graph, inner) + suffix
    return path.n3()


def _path_part(graph: Graph, path: Node) -> str:
    text = render_path(graph, path)
    return text if isinstance(path, URIRef) or text.startswith("(") else f"({text})"


def _literal_n3(literal: Literal, strict: bool) -> str:
    lexical = str(literal)
    escaped = (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    text = f'"{escaped}"'
    if literal.language:
        return f"{text}@{literal.language}"
    if literal.datatype is not None:
        return f"{text}^^{shorten(literal.datatype, strict=strict)}"
    return text


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# --- deterministic Turtle ----------------------------------------------------------------------


class BlankNames:
    """Stable names for blank nodes: a digest of what the node says (its outgoing triples,
    recursively), so the same content always gets the same name however it was parsed.

    A blank node with no triples in `graph` (e.g. a data node that pySHACL's report only points
    at) is described by its triples in `context` instead.
    """

    def __init__(self, graph: Graph, context: Graph | None = None):
        self.graph = graph
        self.context = context
        self.memo: dict[BNode, str] = {}

    def name(self, node: BNode) -> str:
        return self._digest(node, frozenset())

    def _digest(self, node: BNode, seen: frozenset[BNode]) -> str:
        if node in self.memo:
            return self.memo[node]
        if node in seen:  # a cycle through blank nodes: break it with a fixed marker
            return "cycle"
        source = self.graph
        if self.context is not None and (node, None, None) not in self.graph:
            source = self.context
        inner = seen | {node}
        parts = sorted(f"{p.n3()} {self._key(o, inner)}" for p, o in source.predicate_objects(node))
        value = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
        self.memo[node] = value
        return value

    def _key(self, term: Node, seen: frozenset[BNode]) -> str:
        return "_:" + self._digest(term, seen) if isinstance(term, BNode) else term.n3()


def skolemise(graph: Graph, context: Graph | None = None) -> Graph:
    """Replace each blank node by a well-known genid IRI named after its content, so the same
    report always gets the same names. Identical blank nodes (e.g. one result reported twice
    through a shared shape) merge into one."""
    names = BlankNames(graph, context)

    def rename(term: Node) -> Node:
        return URIRef(GENID + names.name(term)) if isinstance(term, BNode) else term

    out = Graph()
    for s, p, o in graph:
        out.add((rename(s), p, rename(o)))
    return out


def serialize_sorted(graph: Graph) -> str:
    """Turtle with our prefixes, one subject block per subject, subjects and triples sorted."""
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in graph:
        subject, predicate, obj = (shorten(t, strict=True) for t in (s, p, o))
        by_subject.setdefault(subject, []).append(("a" if p == RDF.type else predicate, obj))
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(_NAMESPACES.items())]
    for subject in sorted(by_subject):
        lines.append("")
        pairs = sorted(by_subject[subject], key=lambda po: (po[0] != "a", po))
        lines.append(subject)
        for i, (predicate, obj) in enumerate(pairs):
            end = " ." if i == len(pairs) - 1 else " ;"
            lines.append(f"    {predicate} {obj}{end}")
    return "\n".join(lines) + "\n"


def resolve_graphs(store: Store, documents: Iterable[str] = (), graphs: Iterable[str] = ()) -> list[str]:
    """Named-graph IRIs for document file names (`x.txt` or `x`) and graph IRIs (or the words
    `reference` / `ontology`); a graph the store does not hold is an error."""
    from kg import ids

    known = set(store.graph_names())
    wanted = [str(ids.document_graph(Path(name).stem)) for name in documents]
    shortcuts = {"reference": str(REFERENCE_GRAPH), "ontology": str(ONTOLOGY_GRAPH)}
    wanted += [shortcuts.get(g, g) for g in graphs]
    for given, iri in zip([*documents, *graphs], wanted, strict=True):
        if iri not in known:
            raise KgError(f"no graph {given!r} in the store (see `kg stats`)")
    return sorted(set(wanted))
