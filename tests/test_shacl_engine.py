"""kg.shacl, the SPARQL engine, gives exactly pySHACL's results (pySHACL is the reference).

Compared as sets of (focus, path, component, value, severity) and as whole reports (text, JSON
and the Turtle report graph) on: every pass/fail fixture of tests/fixtures/shapes, the seed
build, and a 10k-quad synthetic graph from bench/generate.py with violations injected.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg import ids
from kg.cli import run
from kg.namespaces import GRAPH
from kg.rdfio import parse_turtle
from kg.shacl import Engine, Unsupported
from kg.store import Store
from kg.validate import ValidationReport, load_shapes, validate_store

ROOT = Path(__file__).resolve().parent.parent
SHAPE_FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
XSD = "http://www.w3.org/2001/XMLSchema#"


def results(report: ValidationReport) -> set[tuple]:
    return {
        (e.iri, p.path, p.constraint, p.value, p.severity, p.message, p.shape)
        for e in report.entities
        for p in e.problems
    }


def both(store: Store, **kwargs) -> tuple[ValidationReport, ValidationReport]:
    fast = validate_store(store, engine="sparql", **kwargs)
    assert fast.engine == "sparql", fast.engine_note
    return fast, validate_store(store, engine="pyshacl", **kwargs)


def assert_same(fast: ValidationReport, reference: ValidationReport) -> None:
    assert results(fast) == results(reference)
    assert fast.to_text() == reference.to_text()
    assert fast.to_json() == reference.to_json()
    assert fast.to_turtle() == reference.to_turtle()


def fixture_store(*paths: Path) -> Store:
    store = Store()
    graphs = {}
    for path in paths:
        graph = Graph()
        for triple in parse_turtle(path):
            graph.add(triple)
        graphs[URIRef(GRAPH["doc/" + path.stem.replace(".", "-").lstrip("_")])] = graph
    store.replace_graphs(graphs)
    return store


@pytest.mark.parametrize(
    "fixture", sorted(p for p in SHAPE_FIXTURES.glob("*.ttl") if not p.name.startswith("_")), ids=lambda p: p.name
)
def test_fixtures_give_pyshacls_report(fixture):
    fast, reference = both(fixture_store(SHAPE_FIXTURES / "_world.ttl", fixture))
    assert_same(fast, reference)
    if fixture.name.endswith(".fail.ttl"):
        assert results(fast), "a failing fixture must fail"


def test_every_constraint_component_of_the_shapes_is_compiled():
    """No fallback on our own shapes: the engine compiles everything shapes.ttl uses."""
    engine = Engine(Store().ox, load_shapes())
    assert len(engine.checks) > 100


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "store"
    assert run(["build", "--store", str(path), "--quiet"]) == 0
    return Store(path)


def test_seed_build_gives_pyshacls_report(seed_store):
    fast, reference = both(seed_store)
    assert_same(fast, reference)


# --- a 10k synthetic graph with violations injected ---------------------------------------------

ID = "https://w3id.org/kg-vn/id/"


SPARQL_PREFIXES = """PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/kg-vn/def#> PREFIX org: <http://www.w3.org/ns/org#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/> PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def first(var: str, cls: str, order: str = "") -> str:
    """A pattern binding `var` to the first (or last) instance of `cls`, in the graph ?g that types it."""
    key = f"DESC({var})" if order == "last" else var
    first_one = f"{{ SELECT {var} WHERE {{ GRAPH ?any {{ {var} a {cls} }} }} ORDER BY {key} LIMIT 1 }}"
    return f"{first_one} GRAPH ?g {{ {var} a {cls} }}"


def corrupt(store: ox.Store) -> None:
    """Break a few facts of a generated graph, at least one per kind of constraint."""
    updates = [
        # minCount: a person loses its name
        "DELETE { GRAPH ?g { ?p foaf:name ?n } } WHERE { "
        + first("?p", "foaf:Person")
        + " GRAPH ?g { ?p foaf:name ?n } }",
        # maxCount: a second confidence on a holding
        "INSERT { GRAPH ?g { ?h kg:confidence 0.5 } } WHERE { " + first("?h", "org:Membership") + " }",
        # sh:or of datatypes: a date of no known precision
        'INSERT { GRAPH ?g { ?e schema:startDate "soon" } } WHERE { ' + first("?e", "schema:Event", "last") + " }",
        # lessThanOrEquals and minInclusive: a span that ends before it starts, at a negative offset
        "DELETE { GRAPH ?g { ?s oa:end ?e } } INSERT { GRAPH ?g { ?s oa:end -1 } } WHERE { "
        + first("?s", "kg:TextSpan")
        + " GRAPH ?g { ?s oa:end ?e } }",
        # equals: a holding whose role is not its post's
        "DELETE { GRAPH ?g { ?h org:role ?r } } "
        f"INSERT {{ GRAPH ?g {{ ?h org:role <{ID}role/nosuch> }} }} WHERE {{ "
        + first("?h", "org:Membership", "last")
        + " GRAPH ?g { ?h org:role ?r } }",
        # languageIn and uniqueLang: a French label and a second English one
        'INSERT { GRAPH ?g { ?o skos:prefLabel "Comité"@fr , "Another"@EN } } WHERE { '
        + first("?o", "org:Organization")
        + " }",
        # sh:in and sh:class: an unknown org type, a mention that is no span
        f"INSERT {{ GRAPH ?g {{ ?o kg:orgType kg:Club ; kg:mentionedIn <{ID}org/nowhere> }} }} WHERE {{ "
        + first("?o", "org:Organization", "last")
        + " }",
        # nodeKind and pattern: a document with a literal mention and a bad digest
        'INSERT { GRAPH ?g { ?d kg:mentions "Hanoi" ; kg:sha256 "XYZ" } } WHERE { '
        + first("?d", "kg:SourceDocument")
        + " }",
        # sh:node: a two-digit year
        'INSERT { GRAPH ?g { ?a kg:periodStart "21"^^xsd:gYear } } WHERE { ' + first("?a", "eli:LegalResource") + " }",
    ]
    for update in updates:
        store.update(SPARQL_PREFIXES + update)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic") / "kg-10k.nq"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--triples",
            "10000",
            "--format",
            "nquads",
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    store = Store()
    store.ox.load(path=str(out), format=ox.RdfFormat.N_QUADS)
    ontology = Graph()
    for triple in parse_turtle(ROOT / "ontology" / "kg.ttl"):
        ontology.add(triple)
    store.replace_graphs({URIRef(ids.ONTOLOGY_GRAPH): ontology})
    corrupt(store.ox)
    return store


def test_synthetic_graph_with_injected_violations_gives_pyshacls_report(synthetic):
    fast, reference = both(synthetic)
    assert_same(fast, reference)
    fired = {p.constraint for e in fast.entities for p in e.problems}
    for component in (
        "MinCount", "MaxCount", "Or", "LessThanOrEquals", "MinInclusive", "Equals", "LanguageIn",
        "UniqueLang", "In", "Class", "NodeKind", "Pattern", "Node",
    ):  # fmt: skip
        assert f"sh:{component}ConstraintComponent" in fired, component


def test_incremental_validation_is_the_full_report_restricted_to_the_graphs_focus_nodes(synthetic):
    graph = sorted(g for g in (n.value for n in synthetic.ox.named_graphs()) if "/doc/" in g)[0]
    full = validate_store(synthetic, engine="pyshacl")
    fast, reference = both(synthetic, graphs=[graph])
    assert_same(fast, reference)
    in_graph = {q.subject.value for q in synthetic.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))} | {
        q.object.value
        for q in synthetic.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        if isinstance(q.object, ox.NamedNode)
    }
    expected = {r for r in results(full) if r[0] in in_graph}
    assert results(fast) == expected
    assert 0 < len(fast.entities) < len(full.entities)


# --- what pySHACL does that a naive SPARQL translation would get wrong --------------------------

PERSON = URIRef(ID + "person/a")


def store_of(**graphs: str) -> Store:
    store = Store()
    for name, turtle in graphs.items():
        store.ox.load(
            input=turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(GRAPH[name.replace("_", "/")]))
        )
    return store


PREFIXES = """@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kg: <https://w3id.org/kg-vn/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix oa: <http://www.w3.org/ns/oa#> . """


def test_a_triple_stated_in_several_graphs_counts_once():
    person = f"""{PREFIXES} <{PERSON}> a foaf:Person ; foaf:name "A" ; skos:prefLabel "A"@en , "Á"@vi ."""
    store = store_of(doc_one=person, doc_two=person)
    fast, reference = both(store)
    assert_same(fast, reference)
    assert fast.conforms and not fast.entities  # maxCount 1, uniqueLang: still one value each


def test_class_follows_subclasses_in_the_data_like_pyshacl():
    data = f"""{PREFIXES}
    kg:Quote rdfs:subClassOf kg:TextSpan .
    kg:SpecialPerson rdfs:subClassOf foaf:Person .
    <{ID}person/b> a kg:SpecialPerson ; foaf:name "B" ; kg:mentionedIn <{ID}span/q> , <{ID}span/none> .
    <{ID}span/q> a kg:Quote ."""
    fast, reference = both(store_of(doc_x=data))
    assert_same(fast, reference)
    person = next(e for e in fast.entities if e.iri == f"{ID}person/b")  # targeted through its subclass
    mentions = [p for p in person.problems if p.path == "kg:mentionedIn"]
    assert [p.value for p in mentions] == ["span:none"]  # the kg:Quote is a kg:TextSpan


def test_ill_typed_literals_are_judged_as_pyshacl_judges_them():
    data = f"""{PREFIXES}
    <{ID}doc/d> a kg:SourceDocument ; kg:fileName "d.txt" ; kg:sha256 "{"a" * 64}" ; <https://schema.org/text> "t" ;
        <https://schema.org/datePublished> "2025-02-30"^^xsd:date ; kg:isMachineTranslation "yes"^^xsd:boolean .
    <{ID}span/s> a kg:TextSpan ; oa:hasSource <{ID}doc/d> ; oa:exact "t" ;
        oa:start "four"^^xsd:nonNegativeInteger ; oa:end "+7"^^xsd:integer ."""
    fast, reference = both(store_of(doc_d=data))
    assert_same(fast, reference)
    assert {p.path for e in fast.entities for p in e.problems} >= {
        "schema:datePublished",
        "kg:isMachineTranslation",
        "oa:start",
    }


def test_shapes_the_engine_does_not_compile_fall_back_to_pyshacl():
    shapes = load_shapes()
    shapes.add((URIRef("https://w3id.org/kg-vn/shapes#PersonShape"), SH.closed, Literal(True)))
    with pytest.raises(Unsupported, match="closed"):
        Engine(Store().ox, shapes)
    store = store_of(
        doc_x=f"""{PREFIXES} <{PERSON}> a foaf:Person ; foaf:name "A" ; skos:prefLabel "A"@en ;
        kg:extra "x" ."""
    )
    report = validate_store(store, engine="sparql", shapes=shapes)
    assert report.engine == "pyshacl" and "closed" in report.engine_note
    assert any(p.constraint == "sh:ClosedConstraintComponent" for e in report.entities for p in e.problems)


def test_a_shape_without_a_message_is_not_compiled():
    shapes = load_shapes()
    shapes.remove((URIRef("https://w3id.org/kg-vn/shapes#Person-name"), SH.message, None))
    with pytest.raises(Unsupported, match="sh:message"):
        Engine(Store().ox, shapes)


def test_unknown_engine_is_an_error():
    from kg.errors import KgError

    with pytest.raises(KgError, match="unknown validation engine"):
        validate_store(Store(), engine="jena")


def test_focus_restriction_with_no_focus_nodes_in_targets_gives_nothing():
    store = store_of(doc_x=f"""{PREFIXES} <{PERSON}> a foaf:Person .""")
    assert not validate_store(store, engine="sparql").conforms
    assert validate_store(store, engine="sparql", graphs=[str(GRAPH["doc/none"])]).entities == ()
