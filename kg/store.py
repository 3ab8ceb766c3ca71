"""The embedded, persistent store: a pyoxigraph (Oxigraph/RocksDB) store on disk.

Why pyoxigraph and not rdflib's own store: measured in `bench/store_engines.py`
(figures in `bench/RESULTS.md`), it loads, queries and serializes an order of magnitude
faster and opens an on-disk store in milliseconds. rdflib stays the API the rest of the code
speaks: loaders hand `rdflib.Graph`s to `replace_graphs`, and `to_dataset()` gives an
`rdflib.Dataset` to pyshacl and networkx.

One named graph per source document plus one for the reference data and one for the
ontology. `replace_graphs` swaps any number of graphs in ONE SPARQL Update, which Oxigraph
runs as a single transaction: either every graph is replaced or none is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store {term!r}")


def to_rdflib(term) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


def triple_count(content: Graph | bytes) -> int:
    return content.count(b"\n") if isinstance(content, bytes) else len(content)


class Store:
    """A kg store. `path=None` gives a throw-away in-memory store (tests, `kg digest PATH`)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False, create: bool = True):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: run `kg build` first (or pass --store)")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                if not create and not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: run `kg build` first (or pass --store)")
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreError(
                    f"the store at {self.path} is in use by another kg process (wait for it to finish): {text}"
                ) from None
            raise StoreError(f"cannot open the store at {self.path}: {text}") from None

    # --- writing -------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[URIRef, Graph | bytes], remove: Iterable[URIRef] = ()) -> int:
        """Replace each named graph with the given content, and drop `remove`, atomically.

        Content is an rdflib Graph or N-Triples bytes (e.g. a cached serialization).
        Returns the number of triples written.
        """
        parts: list[str] = []
        count = 0
        for name in sorted(set(graphs) | set(remove)):
            parts.append(f"DROP SILENT GRAPH <{name}>")
        inserts: list[str] = []
        for name in sorted(graphs):
            content = graphs[name]
            data = content if isinstance(content, bytes) else content.serialize(format="nt", encoding="utf-8")
            body = data.decode("utf-8")
            count += triple_count(content)
            if body.strip():
                inserts.append(f"GRAPH <{name}> {{\n{body}}}")
        if inserts:
            parts.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        if parts:
            try:
                self.ox.update(" ;\n".join(parts))
            except (OSError, SyntaxError) as exc:  # nothing was written: the update is one transaction
                raise StoreError(f"could not write to the store: {exc}") from None
        return count

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    # --- reading -------------------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self.ox)

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run SPARQL over the union of all graphs (our default everywhere)."""
        return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self.ox.quads_for_pattern(None, None, None, g))

    def to_dataset(self, graphs: Iterable[str] | None = None) -> Dataset:
        """Copy (some of) the store into an rdflib Dataset, one context per named graph."""
        wanted = set(graphs) if graphs is not None else None
        ds = Dataset()
        for q in self.ox:
            if not isinstance(q.graph_name, ox.NamedNode):
                continue
            name = q.graph_name.value
            if wanted is not None and name not in wanted:
                continue
            ds.graph(URIRef(name)).add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return ds
