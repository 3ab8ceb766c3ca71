"""The ontology as a contract: every `kg:` term the shapes use must be declared in ontology/kg.ttl.

A shape that names an undeclared term (a typo, a term renamed in the ontology but not in the
shapes) would silently check nothing: `sh:targetClass kg:Meetng` targets no node. `check_terms`
refuses such a shapes file where it is loaded, naming the file, the line and the column of the
first use of the term.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InputError
from kg.namespaces import KG
from kg.rdfio import parse_turtle
from kg.resources import ontology_dir

KG_NS = str(KG._NS)
# what makes a subject of kg.ttl a declared term
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   RDF.Property, RDFS.Class, SKOS.Concept, SKOS.ConceptScheme, OWL.NamedIndividual)


def declared_terms(ontology: Graph) -> set[str]:
    """The kg: IRIs the ontology declares (typed as a class, property, concept or scheme)."""
    return {str(s) for t in DECLARING_TYPES for s in ontology.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


def used_terms(graph: Graph) -> set[str]:
    """Every kg: IRI in a graph, in any position."""
    return {str(term) for triple in graph for term in triple
            if isinstance(term, URIRef) and str(term).startswith(KG_NS) and str(term) != KG_NS}


def check_terms(shapes: Graph, path: Path, ontology_path: Path | None = None) -> Graph:
    """`shapes` itself when every kg: term it uses is declared in the ontology; otherwise raise
    InputError naming `path`:line:column of the first undeclared one."""
    ontology_path = ontology_path or ontology_dir() / "kg.ttl"
    unknown = used_terms(shapes) - declared_terms(parse_turtle(ontology_path))
    if not unknown:
        return shapes
    text = path.read_text(encoding="utf-8", errors="replace")
    found = sorted((_position(text, iri), iri) for iri in unknown)
    (line, column), iri = found[0]
    local = iri[len(KG_NS):]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    raise InputError(f"kg:{local} is not declared in {ontology_path.name}{more}", path,
                     line or None, column or None)


def _position(text: str, iri: str) -> tuple[int, int]:
    """(line, column) of the first `kg:local` or `<iri>` in the text; (0, 0) when not written so."""
    local = iri[len(KG_NS):]
    best: int | None = None
    for pattern in (rf"(?<![\w:-])kg:{re.escape(local)}(?![\w-])", re.escape(f"<{iri}>")):
        m = re.search(pattern, text)
        if m and (best is None or m.start() < best):
            best = m.start()
    if best is None:
        return 0, 0
    line = text.count("\n", 0, best) + 1
    return line, best - (text.rfind("\n", 0, best) + 1) + 1
