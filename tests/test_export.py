"""Export: every format is deterministic and parses back in an independent parser (rdflib)."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.export import FORMATS, serialize, write_atomically
from kg.store import Store

G1, G2 = URIRef("https://w3id.org/kg-vn/graph/doc/a"), URIRef("https://w3id.org/kg-vn/graph/reference")
ID = "https://w3id.org/kg-vn/id/"


def _store(order: list[int]) -> Store:
    triples = [
        (URIRef(ID + "person/nguyen-hoa-binh"), URIRef("http://xmlns.com/foaf/0.1/name"), Literal("Nguyen Hoa Binh")),
        (URIRef(ID + "person/nguyen-hoa-binh"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
         Literal("Nguyễn Hòa Bình", lang="vi")),
        (URIRef(ID + "event/a--1"), URIRef("https://schema.org/startDate"), Literal("2025-01-15", datatype=XSD.date)),
        (URIRef(ID + "stat/a--1"), URIRef("https://schema.org/value"), Literal("12200000", datatype=XSD.decimal)),
    ]
    store = Store(None)
    g1, g2 = Graph(), Graph()
    for i in order:
        (g1 if i % 2 else g2).add(triples[i])
    store.replace_graphs({G1: g1, G2: g2})
    return store


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_byte_identical_whatever_the_insertion_order(fmt):
    assert serialize(_store([0, 1, 2, 3]), fmt) == serialize(_store([3, 2, 1, 0]), fmt)


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml"),
                                               ("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_parses_in_rdflib(fmt, rdflib_format):
    data = serialize(_store([0, 1, 2, 3]), fmt)
    if FORMATS[fmt].quads:
        ds = Dataset()
        ds.parse(data=data, format=rdflib_format)
        assert len(ds.graph(G1)) == 2 and len(ds.graph(G2)) == 2
    else:
        g = Graph()
        g.parse(data=data, format=rdflib_format)
        assert len(g) == 4
        assert Literal("Nguyễn Hòa Bình", lang="vi") in set(g.objects())


def test_turtle_uses_our_prefixes():
    text = serialize(_store([0, 1, 2, 3]), "turtle").decode()
    assert "@prefix person: <https://w3id.org/kg-vn/id/person/> ." in text
    assert "person:nguyen-hoa-binh skos:prefLabel" in text
    assert "\\/" not in text


def test_write_atomically_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.ttl"
    write_atomically(b"first", str(target))
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
    with pytest.raises(KgError, match="folder .* does not exist"):
        write_atomically(b"x", str(tmp_path / "missing" / "out.ttl"))


@pytest.mark.parametrize("fmt", ["nquads", "ntriples"])
def test_line_formats_hold_every_statement_once_sorted(fmt):
    store = _store([0, 1, 2, 3])
    g3 = URIRef("https://w3id.org/kg-vn/graph/doc/b")  # a triple stated in two graphs
    person = URIRef(ID + "person/nguyen-hoa-binh")
    name = URIRef("http://xmlns.com/foaf/0.1/name")
    store.replace_graphs({g3: Graph().add((person, name, Literal("Nguyen Hoa Binh")))})
    lines = serialize(store, fmt).splitlines()
    expected = {q for q in store.ox} if fmt == "nquads" else {(q.subject, q.predicate, q.object) for q in store.ox}
    assert len(lines) == len(expected) == (5 if fmt == "nquads" else 4)
    if fmt == "ntriples":
        assert lines == sorted(lines)
    else:  # graph by graph, in graph order, each sorted
        graphs = [line.rsplit(b" ", 2)[1] for line in lines]
        assert graphs == sorted(graphs)
        assert all(a <= b for a, b, ga, gb in zip(lines, lines[1:], graphs, graphs[1:], strict=False) if ga == gb)
