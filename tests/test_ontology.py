"""The schema itself: ontology/kg.ttl declares exactly the `KG` terms, the shapes are valid SHACL,
and every term a shape or a query uses is declared in the ontology."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.paths import Path as SparqlPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.namespaces import BASE, KG, PREFIXES
from kg.rdfio import parse_turtle
from kg.resources import ontology_dir, queries_dir

KG_NS = str(KG._NS)
KG_TERMS = {URIRef(KG_NS + name) for name in KG.__annotations__}
# Terms of these vocabularies are the languages we write in, not the vocabulary we describe.
BUILTIN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD, SH))
DECLARING_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
}
ONTOLOGY_IRI = URIRef(BASE + "def")
CONCEPT_CLASSES = {KG.OrganizationType, KG.AreaLevel, KG.RoleCategory, KG.HoldingStatus, KG.ActType, KG.EventType}


@cache
def ontology() -> Graph:
    return parse_turtle(ontology_dir() / "kg.ttl")


@cache
def shapes() -> Graph:
    return parse_turtle(ontology_dir() / "shapes.ttl")


def declared() -> set[URIRef]:
    g = ontology()
    return {s for t in DECLARING_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}


def is_builtin(iri: URIRef) -> bool:
    return str(iri).startswith(BUILTIN)


def is_data_iri(iri: URIRef) -> bool:
    """Instance and graph IRIs (`id/...`, `graph/...`), not vocabulary."""
    return str(iri).startswith(BASE) and not str(iri).startswith(KG_NS)


def undeclared(terms: set[URIRef]) -> list[str]:
    known = declared()
    return sorted(str(t) for t in terms if not is_builtin(t) and not is_data_iri(t) and t not in known)


# --- ontology/kg.ttl ---------------------------------------------------------------------------


def test_ontology_parses_with_rdflib_too():
    graph = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    assert len(graph) == len(ontology())


def test_ontology_has_no_blank_nodes():
    blank = [t for t in ontology() if any(isinstance(x, BNode) for x in t)]
    assert blank == []


def test_ontology_header():
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    for predicate in (
        URIRef("http://purl.org/dc/terms/title"),
        URIRef("http://purl.org/dc/terms/description"),
        OWL.versionInfo,
        URIRef("http://purl.org/dc/terms/license"),
    ):
        assert g.value(ONTOLOGY_IRI, predicate) is not None, predicate


def test_every_kg_term_is_declared():
    missing = sorted(str(t) for t in KG_TERMS - declared())
    assert missing == [], "terms of kg.namespaces.KG not declared in kg.ttl"


def test_kg_ttl_declares_nothing_else_in_the_kg_namespace():
    used = {x for t in ontology() for x in t if isinstance(x, URIRef) and str(x).startswith(KG_NS)}
    extra = sorted(str(t) for t in used - KG_TERMS)
    assert extra == [], "kg: IRIs in kg.ttl that kg.namespaces.KG does not list"


@pytest.mark.parametrize("term", sorted(KG_TERMS), ids=lambda t: t.split("#")[-1])
def test_every_kg_term_has_english_label_and_comment(term):
    g = ontology()
    labels = {o.language for o in g.objects(term, RDFS.label) if isinstance(o, Literal)}
    assert "en" in labels
    assert any(isinstance(o, Literal) and o.language == "en" for o in g.objects(term, RDFS.comment))


def test_concepts_are_complete():
    g = ontology()
    scheme_of_class: dict[URIRef, set[URIRef]] = {}
    for concept in set(g.subjects(RDF.type, SKOS.Concept)):
        classes = set(g.objects(concept, RDF.type)) & CONCEPT_CLASSES
        assert len(classes) == 1, f"{concept} must be an instance of exactly one concept class"
        schemes = set(g.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1 and (schemes <= set(g.subjects(RDF.type, SKOS.ConceptScheme))), concept
        langs = sorted(o.language for o in g.objects(concept, SKOS.prefLabel))
        assert langs == ["en", "vi"], f"{concept} needs one prefLabel @en and one @vi"
        scheme_of_class.setdefault(next(iter(classes)), set()).update(schemes)
    assert set(scheme_of_class) == CONCEPT_CLASSES
    for cls, schemes in scheme_of_class.items():
        assert len(schemes) == 1, f"concepts of {cls} are spread over schemes {schemes}"


def test_concept_classes_are_concepts():
    g = ontology()
    for cls in CONCEPT_CLASSES:
        assert (cls, RDFS.subClassOf, SKOS.Concept) in g


def test_domains_and_ranges_are_single_named_classes():
    g = ontology()
    assert (None, OWL.unionOf, None) not in g
    for term in KG_TERMS:
        for predicate in (RDFS.domain, RDFS.range):
            values = list(g.objects(term, predicate))
            assert len(values) <= 1, f"{term} has several {predicate}"
            assert all(isinstance(v, URIRef) for v in values)


def test_standard_subclasses_from_the_model():
    g = ontology()
    expected = {
        (KG.AdministrativeArea, URIRef("https://schema.org/AdministrativeArea")),
        (KG.SourceDocument, URIRef("http://xmlns.com/foaf/0.1/Document")),
        (KG.SourceDocument, URIRef("http://www.w3.org/ns/prov#Entity")),
        (KG.TextSpan, URIRef("http://www.w3.org/ns/oa#TextQuoteSelector")),
        (KG.TextSpan, URIRef("http://www.w3.org/ns/oa#TextPositionSelector")),
    }
    for sub, sup in expected:
        assert (sub, RDFS.subClassOf, sup) in g


def test_standard_terms_point_at_their_vocabulary():
    g = ontology()
    for term in declared():
        if str(term).startswith(KG_NS):
            assert g.value(term, RDFS.isDefinedBy) is None
            continue
        defined_by = g.value(term, RDFS.isDefinedBy)
        assert defined_by is not None, f"{term} lacks rdfs:isDefinedBy"
        assert str(term).startswith(str(defined_by).rstrip("#/")), f"{term} is not in {defined_by}"


def test_terms_of_the_model_are_declared():
    """Every prefixed name written in MODEL.md is declared (or built in)."""
    text = (ontology_dir() / "MODEL.md").read_text(encoding="utf-8")
    vocab = {p: ns for p, ns in PREFIXES.items() if not ns.startswith(BASE + "id/")}
    names = set(re.findall(r"(?<![\w/])([a-z]+):([A-Za-z][A-Za-z_]*)\b", text))
    terms = {URIRef(vocab[p] + local) for p, local in names if p in vocab}
    assert len(terms) > 50
    assert undeclared(terms) == []


# --- ontology/shapes.ttl -----------------------------------------------------------------------


def test_shapes_pass_shacl_shacl():
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes(), meta_shacl=True, inference="none")
    assert conforms, text


TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def node_shapes() -> list[URIRef]:
    """Every shape that selects focus nodes itself (the others are reached through them)."""
    return sorted({s for target in TARGETS for s in shapes().subjects(target, None)})


def property_shapes() -> set:
    g = shapes()
    return set(g.objects(None, SH.property)) | set(g.subjects(RDF.type, SH.PropertyShape))


def test_every_class_of_the_model_has_a_shape():
    text = (ontology_dir() / "MODEL.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### .*? — `([a-z]+):(\w+)`", text, flags=re.MULTILINE)
    classes = {URIRef(PREFIXES[p] + local) for p, local in headings}
    assert len(classes) == 12
    targets = set(shapes().objects(None, SH.targetClass))
    assert classes == targets


@pytest.mark.parametrize("shape", node_shapes(), ids=lambda s: s.split("#")[-1])
def test_every_property_shape_has_a_message(shape):
    g = shapes()
    props = list(g.objects(shape, SH.property))
    assert props, f"{shape} has no property shapes"
    for prop in props:
        assert isinstance(prop, URIRef), f"{shape}: property shapes are named, not blank"
        messages = [m for m in g.objects(prop, SH.message) if isinstance(m, Literal) and str(m).strip()]
        assert messages, f"{prop} has no sh:message"
    # a node shape's own constraint (sh:nodeKind) speaks too
    if g.value(shape, SH.nodeKind) is not None:
        assert g.value(shape, SH.message) is not None


def test_property_shapes_are_all_used_and_typed():
    g = shapes()
    used = set(g.objects(None, SH.property))
    typed = set(g.subjects(RDF.type, SH.PropertyShape))
    assert used == typed


def test_severities_are_violation_or_warning():
    assert set(shapes().objects(None, SH.severity)) <= {SH.Violation, SH.Warning}


def test_no_sparql_constraints():
    g = shapes()
    for predicate in (SH.sparql, SH.select, SH.ask, SH.target):
        assert (None, predicate, None) not in g


def path_terms(g: Graph, path) -> set[URIRef]:
    if isinstance(path, URIRef):
        return {path}
    terms: set[URIRef] = set()
    if (path, RDF.first, None) in g:
        for item in Collection(g, path):
            terms |= path_terms(g, item)
        return terms
    for _, inner in g.predicate_objects(path):
        if (inner, RDF.first, None) in g:
            for item in Collection(g, inner):
                terms |= path_terms(g, item)
        else:
            terms |= path_terms(g, inner)
    return terms


def shape_terms() -> set[URIRef]:
    g = shapes()
    terms: set[URIRef] = {p for p in g.predicates() if isinstance(p, URIRef)}
    for path in g.objects(None, SH.path):
        terms |= path_terms(g, path)
    for predicate in (*TARGETS, SH["class"], SH.hasValue, SH.equals, SH.lessThanOrEquals, SH.datatype):
        terms |= {o for o in g.objects(None, predicate) if isinstance(o, URIRef)}
    for values in g.objects(None, SH["in"]):
        terms |= {o for o in Collection(g, values) if isinstance(o, URIRef)}
    return terms


def test_every_term_the_shapes_use_is_declared():
    terms = shape_terms()
    assert URIRef("http://www.w3.org/ns/org#member") in terms  # the walk reaches sequence paths etc.
    assert KG.Municipality in terms  # ... and sh:in lists
    assert undeclared(terms) == []


def test_shape_concept_lists_match_the_ontology():
    """An `sh:in` list of concepts names exactly the concepts of one scheme."""
    g, onto = shapes(), ontology()
    by_class = {cls: set(onto.subjects(RDF.type, cls)) for cls in CONCEPT_CLASSES}
    checked = 0
    for values in g.objects(None, SH["in"]):
        members = set(Collection(g, values))
        if all(str(m).startswith(KG_NS) for m in members):
            assert members in by_class.values(), f"sh:in {sorted(members)} is not a whole concept scheme"
            checked += 1
    assert checked >= 5


def test_datatypes_are_xsd_or_langstring():
    for datatype in shapes().objects(None, SH.datatype):
        assert str(datatype).startswith(str(XSD)) or datatype == RDF.langString


# --- queries/*.rq ------------------------------------------------------------------------------


def query_files() -> list[Path]:
    folder = queries_dir()
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def iris_in(node) -> set[URIRef]:
    """Every IRI in a parsed query's algebra: triples, paths, filters, VALUES, graph names."""
    found: set[URIRef] = set()
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, URIRef):
            found.add(item)
        elif isinstance(item, (CompValue, dict)):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, SparqlPath):
            stack.extend(vars(item).values())
    return found


def test_query_term_walk_sees_paths_and_types():
    q = prepareQuery("SELECT ?x WHERE { ?x a org:Post ; org:postIn/^kg:location ?a . }", initNs=PREFIXES)
    terms = iris_in(q.algebra)
    assert {URIRef(PREFIXES["org"] + "Post"), URIRef(PREFIXES["org"] + "postIn"), KG.location} <= terms


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.name)
def test_every_term_a_query_uses_is_declared(path):
    query = prepareQuery(path.read_text(encoding="utf-8"), initNs=PREFIXES)
    assert undeclared(iris_in(query.algebra)) == []


def test_queries_folder_is_checked_when_present():
    if not query_files():
        pytest.skip("no queries/*.rq yet")
    assert all(p.suffix == ".rq" for p in query_files())
