"""Reading hand-edited RDF files (the ontology, the shapes, fixtures) with errors that say where."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError
from kg.namespaces import bind_prefixes
from kg.store import to_rdflib


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file into an rdflib Graph; a syntax error names file, line and column."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    graph = Graph()
    bind_prefixes(graph)
    try:
        for t in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    except SyntaxError as exc:
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        message = message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
        raise InputError(f"Turtle syntax error: {message}", path, exc.lineno, exc.offset) from None
    return graph
