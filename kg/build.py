"""`kg build`: ontology + reference data + documents -> the store, in one transaction.

Everything is read and extracted first; only when every input is good are the graphs
written, all at once. A bad file therefore stops the build with an error naming it and
leaves the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import ids
from kg.errors import InputError
from kg.loaders.article import article_graph, read_document
from kg.loaders.reference import reference_graph
from kg.rdfio import parse_turtle
from kg.reference import load_reference
from kg.resources import ontology_dir, seeds_dir
from kg.store import Store

ARTICLE_SUFFIXES = {".txt"}


@dataclass
class BuildReport:
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI -> triples
    documents: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def default_inputs() -> list[Path]:
    return [seeds_dir() / "articles"]


def collect_documents(paths: list[Path]) -> list[Path]:
    """Expand folders to their article files (sorted), keep files; a missing path is an error."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in ARTICLE_SUFFIXES))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or folder", p)
    keys: dict[str, Path] = {}
    for f in out:
        if f.stem in keys and keys[f.stem].resolve() != f.resolve():
            raise InputError(f"two documents share the name {f.stem!r} (also {keys[f.stem]})", f)
        keys[f.stem] = f
    return sorted(dict.fromkeys(out), key=lambda f: f.stem)


def ontology_graph() -> Graph:
    return parse_turtle(ontology_dir() / "kg.ttl")


def prepare(paths: list[Path] | None, progress: Callable[[str], None] | None = None) -> dict[URIRef, Graph]:
    """Read and extract every input; nothing touches the store here."""
    note = progress or (lambda _msg: None)
    graphs: dict[URIRef, Graph] = {}
    note("ontology")
    graphs[ids.ONTOLOGY_GRAPH] = ontology_graph()
    note("reference data")
    ref = load_reference()
    graphs[ids.REFERENCE_GRAPH] = reference_graph(ref)
    for path in collect_documents(paths if paths else default_inputs()):
        note(path.name)
        doc = read_document(path)
        graphs[ids.document_graph(doc.key)] = article_graph(doc, ref)
    return graphs


def build(store: Store, paths: list[Path] | None = None, progress: Callable[[str], None] | None = None) -> BuildReport:
    graphs = prepare(paths, progress)
    store.replace_graphs(graphs)
    store.flush()
    report = BuildReport(graphs={str(k): len(v) for k, v in sorted(graphs.items())})
    report.documents = [str(k) for k in sorted(graphs) if "/graph/doc/" in str(k)]
    return report


def remove_documents(store: Store, names: list[str]) -> list[str]:
    """Drop the named graphs of the given documents (by file name or key)."""
    present = set(store.graph_names())
    targets = []
    for name in names:
        key = Path(name).stem
        g = str(ids.document_graph(key))
        if g not in present:
            raise InputError(f"no document {name!r} in the store (see `kg stats`)")
        targets.append(URIRef(g))
    store.replace_graphs({}, remove=targets)
    store.flush()
    return [str(t) for t in targets]
