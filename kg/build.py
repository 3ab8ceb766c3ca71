"""`kg build`: ontology + reference data + documents -> the store, in one transaction.

Everything is read and extracted first; only when every input is good are the graphs
written, all at once. A bad file therefore stops the build with an error naming it and
leaves the store exactly as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import ids
from kg.errors import InputError
from kg.export import write_atomically
from kg.loaders.article import article_graph, read_document
from kg.loaders.reference import reference_graph
from kg.rdfio import parse_turtle
from kg.reference import Reference, load_reference
from kg.resources import cache_dir, ontology_dir, reference_dir, seeds_dir
from kg.store import Store, triple_count

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


# what the reference graph is computed from: its files and the code that turns them into RDF
_REFERENCE_CODE = ("reference.py", "ids.py", "namespaces.py", "loaders/reference.py")


def reference_ntriples(ref: Reference) -> bytes:
    """The reference graph as N-Triples, cached under a key of its inputs (files and code).

    Building it with rdflib takes seconds (thousands of template-generated bodies); the cache
    makes `kg digest` and repeated builds fast. A stale cache cannot be used: any change to the
    inputs changes the key.
    """
    h = hashlib.sha256()
    for f in sorted(reference_dir().glob("*")):
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    package = Path(__file__).resolve().parent
    for name in _REFERENCE_CODE:
        h.update((package / name).read_bytes())
    cached = cache_dir() / f"reference-{h.hexdigest()[:20]}.nt"
    if cached.is_file():
        return cached.read_bytes()
    graph = reference_graph(ref)
    data = b"".join(sorted(graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("reference-*.nt"):
            old.unlink()
        write_atomically(data, str(cached))
    except OSError:
        pass  # a read-only install: no cache, same result
    return data


def prepare(paths: list[Path] | None, progress: Callable[[str], None] | None = None) -> dict[URIRef, Graph | bytes]:
    """Read and extract every input; nothing touches the store here."""
    note = progress or (lambda _msg: None)
    graphs: dict[URIRef, Graph | bytes] = {}
    note("ontology")
    graphs[ids.ONTOLOGY_GRAPH] = ontology_graph()
    note("reference data")
    ref = load_reference()
    graphs[ids.REFERENCE_GRAPH] = reference_ntriples(ref)
    for path in collect_documents(paths if paths else default_inputs()):
        note(path.name)
        doc = read_document(path)
        graphs[ids.document_graph(doc.key)] = article_graph(doc, ref)
    return graphs


def build(store: Store, paths: list[Path] | None = None, progress: Callable[[str], None] | None = None) -> BuildReport:
    graphs = prepare(paths, progress)
    store.replace_graphs(graphs)
    store.flush()
    report = BuildReport(graphs={str(k): triple_count(v) for k, v in sorted(graphs.items())})
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
