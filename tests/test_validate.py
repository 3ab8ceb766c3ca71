"""kg.validate: the report names the entity, the problem and the document, and never varies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH

from kg import ids
from kg.namespaces import BASE, GRAPH, KG
from kg.rdfio import parse_turtle
from kg.resources import ontology_dir
from kg.validate import (
    ValidationReport,
    build_report,
    flatten_targets,
    load_shapes,
    run_shacl,
    union_graph,
    validate,
)

SHAPE_FIXTURES = Path(__file__).parent / "fixtures" / "shapes"

PREFIXES = """
@prefix kg:      <https://w3id.org/kg-vn/def#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix schema:  <https://schema.org/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix id:      <https://w3id.org/kg-vn/id/> .
"""

DOC = """
<https://w3id.org/kg-vn/id/doc/x> a kg:SourceDocument ;
    kg:fileName "x.txt" ;
    kg:sha256 "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" ;
    schema:text "Vice Chairman Le Van Hai attended." .
<https://w3id.org/kg-vn/id/span/x--0-34> a kg:TextSpan ;
    oa:hasSource <https://w3id.org/kg-vn/id/doc/x> ;
    oa:exact "Vice Chairman Le Van Hai attended." ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "34"^^xsd:nonNegativeInteger .
<https://w3id.org/kg-vn/id/run/x--1> a prov:Activity ;
    prov:used <https://w3id.org/kg-vn/id/doc/x> ;
    kg:extractorVersion "0.1.0" .
"""

# A holding that names no person and whose body is not its post's body.
BROKEN_HOLDING = """
<https://w3id.org/kg-vn/id/holding/le-van-hai--vice-chairman--x> a org:Membership ;
    opengov:post <https://w3id.org/kg-vn/id/post/vice-chairman--pc> ;
    org:organization <https://w3id.org/kg-vn/id/org/other> ;
    org:role <https://w3id.org/kg-vn/id/role/vice-chairman> ;
    prov:wasDerivedFrom <https://w3id.org/kg-vn/id/span/x--0-34> ;
    prov:wasGeneratedBy <https://w3id.org/kg-vn/id/run/x--1> ;
    kg:confidence 0.9 ;
    kg:method "title-before-name" .
<https://w3id.org/kg-vn/id/person/le-van-hai> a foaf:Person ;
    foaf:name "Le Van Hai" ;
    skos:prefLabel "Le Van Hai"@en .
"""

REFERENCE = """
<https://w3id.org/kg-vn/id/org/pc> a org:Organization ;
    kg:orgType kg:PeoplesCommittee ; skos:prefLabel "Provincial People's Committee"@en .
<https://w3id.org/kg-vn/id/org/other> a org:Organization ;
    kg:orgType kg:OtherOrganization ; skos:prefLabel "Other Body"@en .
<https://w3id.org/kg-vn/id/role/vice-chairman> a org:Role , skos:Concept ;
    skos:inScheme kg:RoleScheme ; skos:prefLabel "Vice Chairman"@en ; kg:roleCategory kg:StateRole .
<https://w3id.org/kg-vn/id/post/vice-chairman--pc> a org:Post ;
    org:postIn <https://w3id.org/kg-vn/id/org/pc> ;
    org:role <https://w3id.org/kg-vn/id/role/vice-chairman> ;
    skos:prefLabel "Vice Chairman of the Provincial People's Committee"@en .
"""

HOLDING = "https://w3id.org/kg-vn/id/holding/le-van-hai--vice-chairman--x"
PERSON = "https://w3id.org/kg-vn/id/person/le-van-hai"


def make_dataset(*, doc: str = DOC + BROKEN_HOLDING, reference: str = REFERENCE, ontology: bool = False) -> Dataset:
    ds = Dataset()
    if ontology:
        graph = ds.graph(ids.ONTOLOGY_GRAPH)
        for triple in parse_turtle(ontology_dir() / "kg.ttl"):
            graph.add(triple)
    ds.graph(ids.REFERENCE_GRAPH).parse(data=PREFIXES + reference, format="turtle")
    ds.graph(ids.document_graph("x")).parse(data=PREFIXES + doc, format="turtle")
    return ds


def entity(report: ValidationReport, iri: str):
    matches = [e for e in report.entities if e.iri == iri]
    assert len(matches) == 1, report.to_text()
    return matches[0]


def test_report_names_entity_message_path_and_source_document():
    report = validate(make_dataset())
    assert not report.conforms
    holding = entity(report, HOLDING)
    assert holding.label == HOLDING  # no label: the IRI
    assert holding.types == ("org:Membership",)
    assert holding.sources == ("x.txt",)
    by_path = {p.path: p for p in holding.problems}
    member = by_path["org:member"]
    assert member.severity == "Violation"
    assert "A holding must name exactly one person (org:member)" in member.message
    assert member.value is None
    body = by_path["opengov:post/org:postIn"]
    assert "must be the body of its post" in body.message
    assert body.value in {"body:other", "body:pc"}

    text = report.to_text()
    assert HOLDING in text and "x.txt" in text
    assert "A holding must name exactly one person (org:member)" in text
    assert text.startswith("Does not conform:")


def test_json_carries_the_same_report():
    report = validate(make_dataset())
    data = json.loads(report.to_json())
    assert list(data) == ["conforms", "violations", "warnings", "infos", "entities"]
    assert data["conforms"] is False and data["violations"] == report.violations
    holding = next(e for e in data["entities"] if e["iri"] == HOLDING)
    assert list(holding) == ["iri", "label", "types", "sources", "problems"]
    assert holding["sources"] == ["x.txt"]
    assert list(holding["problems"][0]) == ["severity", "message", "path", "value", "constraint", "shape"]
    assert any(p["path"] == "org:member" and p["shape"] == "kgsh:Holding-member" for p in holding["problems"])
    assert [e["iri"] for e in data["entities"]] == sorted(e["iri"] for e in data["entities"])


def test_warnings_do_not_break_conformance():
    doc = (
        DOC
        + """
    <https://w3id.org/kg-vn/id/person/le-van-hai> a foaf:Person ;
        foaf:name "Le Van Hai" ; skos:prefLabel "Le Van Hai"@en .
    """
    )
    report = validate(make_dataset(doc=doc))
    assert report.conforms
    assert (report.violations, report.warnings) == (0, 1)
    person = entity(report, PERSON)
    assert person.label == "Le Van Hai"
    assert person.problems[0].severity == "Warning"
    assert "Vietnamese" in person.problems[0].message
    assert report.to_text().startswith("Conforms: 0 violations, 1 warning in 1 entity.")


def test_valid_data_with_the_ontology_graph_conforms():
    doc = (
        DOC
        + """
    <https://w3id.org/kg-vn/id/person/le-van-hai> a foaf:Person ;
        foaf:name "Le Van Hai" ; skos:prefLabel "Le Van Hai"@en , "Lê Văn Hải"@vi .
    """
    )
    report = validate(make_dataset(doc=doc, ontology=True))
    assert report.conforms and report.entities == (), report.to_text()


def test_empty_dataset_conforms():
    report = validate(Dataset())
    assert report.conforms and (report.violations, report.warnings) == (0, 0)
    assert report.to_text() == "Conforms: 0 violations, 0 warnings in 0 entities.\n"


def test_sources_name_reference_data_every_graph_and_the_default_graph():
    reference = (
        REFERENCE
        + """
    <https://w3id.org/kg-vn/id/area/thanh-hoa> a kg:AdministrativeArea ;
        kg:areaLevel kg:Province ; skos:prefLabel "Thanh Hoa"@en .
    """
    )
    ds = make_dataset(reference=reference)
    area = URIRef("https://w3id.org/kg-vn/id/area/thanh-hoa")
    # the same area also mentioned in a document graph without a SourceDocument node
    ds.graph(GRAPH["doc/y"]).add((area, KG.mentionedIn, URIRef("https://w3id.org/kg-vn/id/span/x--0-34")))
    ds.graph(DATASET_DEFAULT_GRAPH_ID).add((area, KG.isoCode, Literal("VN-21")))  # the default graph
    report = validate(ds)
    found = entity(report, str(area))
    assert found.label == "Thanh Hoa"
    assert found.types == ("kg:AdministrativeArea",)
    assert found.sources == ("default graph", str(GRAPH["doc/y"]), "reference data")
    assert any("Vietnamese preferred label" in p.message for p in found.problems)


def test_person_label_falls_back_to_foaf_name():
    doc = (
        DOC
        + """
    <https://w3id.org/kg-vn/id/person/le-van-hai> a foaf:Person ; foaf:name "Le Van Hai" .
    """
    )
    report = validate(make_dataset(doc=doc))
    assert entity(report, PERSON).label == "Le Van Hai"


def test_offending_values_are_shown_in_prefixed_form():
    doc = (
        DOC
        + """
    <https://w3id.org/kg-vn/id/person/le-van-hai> a foaf:Person ;
        foaf:name "Le Van Hai" ; skos:prefLabel "Le Van Hai"@en , "Lê Văn Hải"@vi , "Le Van Hai"@fr .
    <https://w3id.org/kg-vn/id/span/x--5-2> a kg:TextSpan ;
        oa:hasSource <https://w3id.org/kg-vn/id/doc/x> ; oa:exact "x" ;
        oa:start "5"^^xsd:nonNegativeInteger ; oa:end "2"^^xsd:nonNegativeInteger .
    """
    )
    report = validate(make_dataset(doc=doc))
    person = entity(report, PERSON)
    assert [p.value for p in person.problems] == ['"Le Van Hai"@fr']
    span = entity(report, "https://w3id.org/kg-vn/id/span/x--5-2")
    assert [(p.path, p.value) for p in span.problems] == [("oa:start", '"5"^^xsd:nonNegativeInteger')]
    assert "must not be after its end" in span.problems[0].message


def test_outputs_are_deterministic():
    """Two runs over two separately parsed copies (fresh blank-node ids) give identical bytes."""
    doc = (
        DOC
        + BROKEN_HOLDING
        + """
    [] a foaf:Person ; foaf:name "Blank" ; skos:prefLabel "Blank"@en .
    <https://w3id.org/kg-vn/id/person/nguyen-a> a foaf:Person ; foaf:name "Nguyen A" .
    """
    )
    first, second = validate(make_dataset(doc=doc)), validate(make_dataset(doc=doc))
    assert first.to_text() == second.to_text()
    assert first.to_json() == second.to_json()
    assert first.to_turtle() == second.to_turtle()
    assert "_:" in first.to_text()  # the blank node is reported under a stable name


def test_turtle_is_the_pyshacl_report_without_blank_nodes():
    report = validate(make_dataset())
    turtle = report.to_turtle()
    graph = Graph().parse(data=turtle, format="turtle")
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    results = set(graph.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == report.violations + report.warnings
    assert (None, SH.conforms, Literal(False)) in graph
    focus = {str(o) for o in graph.objects(None, SH.focusNode)}
    assert HOLDING in focus
    # the report's sequence path survives as a (skolemised) list
    paths = [p for p in graph.objects(None, SH.resultPath) if str(p).startswith(BASE + ".well-known/genid/")]
    assert paths
    # sorted: subject blocks appear in order
    blocks = [line for line in turtle.splitlines() if line and not line.startswith((" ", "@"))]
    assert blocks == sorted(blocks)


def test_flattening_moves_targets_onto_property_shapes():
    shapes = load_shapes()
    flat = flatten_targets(shapes)
    assert len(shapes) > 0 and (None, SH.property, None) in shapes
    # property shapes of targeted node shapes now carry the targets themselves
    member = URIRef("https://w3id.org/kg-vn/shapes#Holding-member")
    assert (member, SH.targetClass, URIRef("http://www.w3.org/ns/org#Membership")) in flat
    holding = URIRef("https://w3id.org/kg-vn/shapes#HoldingShape")
    assert (holding, SH.property, None) not in flat
    assert (holding, SH.nodeKind, SH.IRI) in flat  # the node shape keeps its own constraint
    # nested shapes (sh:or members) are untouched
    assert (URIRef("https://w3id.org/kg-vn/shapes#DateValue"), SH.targetClass, None) not in flat


@pytest.mark.parametrize(
    "fixture", sorted(p for p in SHAPE_FIXTURES.glob("*.ttl") if not p.name.startswith("_")), ids=lambda p: p.name
)
def test_flattened_shapes_give_the_same_report(fixture):
    ds = Dataset()
    for name, path in (("doc/world", SHAPE_FIXTURES / "_world.ttl"), ("doc/fixture", fixture)):
        graph = ds.graph(GRAPH[name])
        for triple in parse_turtle(path):
            graph.add(triple)
    union = union_graph(ds)
    shapes = load_shapes()
    plain = build_report(ds, union, run_shacl(union, shapes))
    flat = build_report(ds, union, run_shacl(union, flatten_targets(shapes)))
    assert plain.to_json() == flat.to_json()


# --- the CLI: engines and incremental validation --------------------------------------------------


@pytest.fixture(scope="module")
def broken_store(tmp_path_factory):
    """The seed build, with one holding broken in the seed article's graph."""
    from kg.cli import run
    from kg.store import Store

    path = tmp_path_factory.mktemp("validate") / "store"
    assert run(["build", "--store", str(path), "--quiet"]) == 0
    store = Store(path)
    doc = ids.document_graph("000_542332e553f9f8df")
    store.ox.update(
        f"INSERT DATA {{ GRAPH <{doc}> {{ <{BASE}id/holding/broken> a <http://www.w3.org/ns/org#Membership> }} }}"
    )
    store.flush()
    del store
    return path


def test_cli_engines_give_the_same_report(kg_cli, broken_store):
    code, fast, _ = kg_cli("validate", "--store", broken_store, "--format", "json")
    assert code == 1
    code, reference, _ = kg_cli("validate", "--store", broken_store, "--format", "json", "--engine", "pyshacl")
    assert code == 1
    assert fast == reference
    assert "id/holding/broken" in fast


def test_cli_validates_only_what_a_document_or_graph_holds(kg_cli, broken_store):
    code, out, _ = kg_cli("validate", "--store", broken_store, "--document", "000_542332e553f9f8df.txt")
    assert code == 1 and "id/holding/broken" in out and "000_542332e553f9f8df.txt" in out
    code, out, _ = kg_cli("validate", "--store", broken_store, "--graph", "reference", "--format", "json")
    assert code == 0 and "holding/broken" not in out
    assert json.loads(out)["conforms"] is True


def test_cli_unknown_document_is_a_usage_error(kg_cli, broken_store):
    code, out, err = kg_cli("validate", "--store", broken_store, "--document", "nosuch.txt")
    assert code == 2 and out == ""
    assert err.strip() == "Error: no graph 'nosuch.txt' in the store (see `kg stats`)"
