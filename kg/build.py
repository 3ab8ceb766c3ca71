"""`kg build`: ontology + reference data + documents -> the store, all-or-nothing and incremental.

Inputs are article texts (`.txt`, extracted by the rules) and RDF files (`.nq`, `.trig`: their own
named graphs; `.ttl`, `.nt`: one graph named like a document, `graph/doc/{file name without
extension}`). Each input is identified by its file name without extension, as documents are.

Incremental: the store keeps a manifest of each input's hash (file bytes, plus for articles the
extractor's code and the reference data; see `input_hash`). An input whose hash is unchanged is
skipped: not read, not extracted, not written. A changed input's graphs are replaced. Inputs not
given stay in the store (a document removed from the folder stays until `kg remove`).

Every input that did change is read and extracted first; only when all of them are good is the
store written, in one of two ways, both all-or-nothing (kg.store):
* a transaction (`Store.replace_graphs`) when the change is small next to the store;
* a bulk load into a new generation switched in atomically (`Store.rewrite`) when it is large.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, URIRef

import kg
from kg import ids
from kg.errors import InputError, StoreError
from kg.export import write_atomically
from kg.resources import cache_dir, ontology_dir, reference_dir, seeds_dir
from kg.store import Store, pause, triple_count

if TYPE_CHECKING:
    from kg.reference import Reference

# The extractor, the loaders and the reference data are imported only when something changed:
# a build with nothing to do must not pay for them.

ARTICLE_SUFFIXES = {".txt"}
RDF_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
               ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
ONTOLOGY_KEY, REFERENCE_KEY = "kg/ontology", "kg/reference"  # manifest keys (a file name has no "/")

# Choosing the write path. Measured (CPU time, 100k quads): one transaction (`replace_graphs`) costs
# ~5.6x a bulk load of the same quads and grows faster than linearly (bench/RESULTS.md); the bulk
# path also copies every quad it keeps, at ~1.8x a bulk load (iterating the old store into
# `bulk_extend`: 3.1-3.4 s CPU per 100k, vs 3.6 s for dump + bulk_load). Bulk wins when
# N + 1.8 E < 5.6 N (N quads written, E kept), i.e. N > 0.4 E. Below BULK_MIN a transaction takes
# about a second or two: always a transaction then (unless the store is empty).
BULK_MIN = 20_000
BULK_SHARE = 0.4


@dataclass
class BuildReport:
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI written in this build -> its triples
    documents: list[str] = field(default_factory=list)  # document graphs written in this build
    written: int = 0  # triples written (after a bulk load, counted in the new content only)
    added: list[str] = field(default_factory=list)  # input names new to the store
    replaced: list[str] = field(default_factory=list)  # input names whose content changed
    unchanged: list[str] = field(default_factory=list)  # input names skipped
    removed_graphs: list[str] = field(default_factory=list)  # graphs a changed input no longer has
    mode: str = "none"  # "transaction", "bulk" or "none" (nothing to write)
    copied: int = 0  # quads carried over into a new generation (bulk mode)

    @property
    def triples(self) -> int:
        return self.written or sum(c for c in self.graphs.values() if c > 0)

    def summary(self) -> str:
        """"3 unchanged, 1 added, 0 replaced" plus how the store was written."""
        how = {"bulk": "bulk load into a new generation", "transaction": "one transaction",
               "none": "nothing to write"}[self.mode]
        return (f"{len(self.unchanged)} unchanged, {len(self.added)} added, {len(self.replaced)} replaced "
                f"({how})")


@dataclass(frozen=True)
class Input:
    key: str  # file name without extension: the input's identity in the store
    path: Path | None  # None for the ontology and the reference data

    @property
    def rdf_format(self) -> ox.RdfFormat | None:
        return RDF_FORMATS.get(self.path.suffix.lower()) if self.path else None


def default_inputs() -> list[Path]:
    return [seeds_dir() / "articles"]


def collect_documents(paths: list[Path]) -> list[Path]:
    """Expand folders to their article files (sorted), keep files; a missing path is an error.

    Folders contribute `.txt` articles only; RDF files are taken when named one by one."""
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
    from kg.rdfio import parse_turtle

    return parse_turtle(ontology_dir() / "kg.ttl")


# what the reference graph is computed from: its files and the code that turns them into RDF
_REFERENCE_CODE = ("reference.py", "ids.py", "namespaces.py", "loaders/reference.py")
# what an article's graph is computed from besides its own bytes: the extractor, the loader and the
# reference data its lexicons come from
_ARTICLE_CODE = ("__init__.py", "ids.py", "namespaces.py", "reference.py", "loaders/article.py", "loaders/reference.py")


def _package() -> Path:
    return Path(__file__).resolve().parent


def _reference_files_hash(h) -> None:
    for f in sorted(reference_dir().glob("*")):
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")


def reference_key() -> str:
    h = hashlib.sha256()
    _reference_files_hash(h)
    for name in _REFERENCE_CODE:
        h.update((_package() / name).read_bytes())
    return h.hexdigest()


def extractor_key() -> str:
    """A hash of everything besides the article's bytes that its graph depends on."""
    h = hashlib.sha256(b"kg extractor\0")  # kg/__init__.py (its version) and loaders/article.py are hashed
    package = _package()
    files = [package / n for n in _ARTICLE_CODE] + sorted((package / "extract").rglob("*.py"))
    for f in files:
        h.update(str(f.relative_to(package)).encode() + b"\0" + f.read_bytes() + b"\0")
    _reference_files_hash(h)
    return h.hexdigest()


def reference_ntriples(ref: Reference | None = None) -> bytes:
    """The reference graph as N-Triples, cached under a key of its inputs (files and code).

    Building it with rdflib takes seconds (thousands of template-generated bodies); the cache
    makes `kg digest` and repeated builds fast. A stale cache cannot be used: any change to the
    inputs changes the key.
    """
    cached = cache_dir() / f"reference-{reference_key()[:20]}.nt"
    if cached.is_file():
        return cached.read_bytes()
    from kg.loaders.reference import reference_graph
    from kg.reference import load_reference

    graph = reference_graph(ref if ref is not None else load_reference())
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
    """Read and extract every input (articles only), nothing skipped; nothing touches the store here."""
    from kg.loaders.article import article_graph, read_document
    from kg.reference import load_reference

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


# --- input hashes ---------------------------------------------------------------------------------

def _file_hash(path: Path, prefix: str) -> tuple[str, int]:
    """sha256 of prefix + the file's bytes, and its number of lines (an estimate of its triples)."""
    h = hashlib.sha256(prefix.encode() + b"\0")
    lines = 0
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                lines += chunk.count(b"\n")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    return h.hexdigest(), lines


def input_hash(item: Input, extractor: str) -> tuple[str, int]:
    """What decides whether an input must be rebuilt, and an estimate of its size in triples."""
    assert item.path is not None
    fmt = item.rdf_format
    if fmt is not None:
        return _file_hash(item.path, f"rdf {fmt.file_extension} {kg.__version__}")
    digest, lines = _file_hash(item.path, "article " + extractor)
    sidecar = item.path.with_name(item.path.stem + ".meta.yaml")
    if sidecar.is_file():
        digest = hashlib.sha256((digest + "\0").encode() + sidecar.read_bytes()).hexdigest()
    return digest, 300  # an article gives a few hundred triples


# --- RDF files ---------------------------------------------------------------------------------------

def _rdf_error(exc: SyntaxError, path: Path) -> InputError:
    message = str(exc.msg if hasattr(exc, "msg") else exc)
    message = message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
    return InputError(f"RDF syntax error: {message}", path, exc.lineno, exc.offset)


def rdf_file_graphs(path: Path, fmt: ox.RdfFormat) -> dict[URIRef, bytes]:
    """Parse an RDF file into N-Triples per named graph (for the transaction path).

    Triples of a Turtle/N-Triples file, and the default graph of an N-Quads/TriG file, go to the
    file's own graph `graph/doc/{file name without extension}`."""
    own = ids.document_graph(path.stem)
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    try:
        for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            g = q.graph_name.value if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.NamedNode) else str(own)
            if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.BlankNode):
                raise InputError("a graph named by a blank node; name graphs with IRIs", path)
            by_graph[g].append(ox.Triple(q.subject, q.predicate, q.object))
    except SyntaxError as exc:
        raise _rdf_error(exc, path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    return {URIRef(g): ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) or b"" for g, ts in sorted(by_graph.items())}


def _bulk_load_rdf(new: ox.Store, path: Path, fmt: ox.RdfFormat) -> set[str]:
    """Bulk-load an RDF file into `new`; returns the graphs it wrote to."""
    own = ids.document_graph(path.stem)
    before = {g.value for g in new.named_graphs() if isinstance(g, ox.NamedNode)}
    try:
        if fmt.supports_datasets:
            new.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        else:
            new.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri(), to_graph=ox.NamedNode(own))
    except SyntaxError as exc:
        raise _rdf_error(exc, path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    if fmt.supports_datasets:
        if any(isinstance(g, ox.BlankNode) for g in new.named_graphs()):
            raise InputError("a graph named by a blank node; name graphs with IRIs", path)
        if next(iter(new.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            new.update(f"ADD DEFAULT TO <{own}> ; CLEAR DEFAULT")
    after = {g.value for g in new.named_graphs() if isinstance(g, ox.NamedNode)}
    graphs = after - before
    if str(own) in after:
        graphs.add(str(own))
    return graphs


def _graph_nquads(name: URIRef, content: Graph | bytes) -> bytes:
    data = content if isinstance(content, bytes) else content.serialize(format="nt", encoding="utf-8")
    tail = f" <{name}> .\n".encode()
    return b"".join(line[: line.rstrip().rfind(b".")].rstrip() + tail
                    for line in data.splitlines() if line.strip())


# --- the build -----------------------------------------------------------------------------------

def build(store: Store, paths: list[Path] | None = None, progress: Callable[[str], None] | None = None,
          *, force: bool = False) -> BuildReport:
    """Build the inputs into the store: skip what is unchanged, replace what changed, all-or-nothing.

    `paths` are article files or folders and RDF files (default: seeds/articles). `force` rebuilds
    every input given, whatever the manifest says."""
    note = progress or (lambda _msg: None)
    report = BuildReport()
    files = collect_documents(paths if paths else default_inputs())
    given = [Input(ONTOLOGY_KEY, None), Input(REFERENCE_KEY, None)] + [Input(f.stem, f) for f in files]
    inputs = {i.key: i for i in given}
    manifest = store.manifest()
    extractor = extractor_key()

    # 1. hash every input; an input is changed when its hash differs from the manifest's
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for key, item in inputs.items():
        if key == ONTOLOGY_KEY:
            hashes[key], sizes[key] = _file_hash(ontology_dir() / "kg.ttl", "ontology " + kg.__version__)
        elif key == REFERENCE_KEY:
            hashes[key], sizes[key] = reference_key(), 50_000
        else:
            hashes[key], sizes[key] = input_hash(item, extractor)
    changed = {k for k in inputs if force or _entry_hash(manifest.get(k)) != hashes[k]}
    # an input sharing a graph with a changed one is rebuilt too (its part of that graph is dropped);
    # one not given this time is marked pending, so that the next build that names it rebuilds it
    orphaned: set[str] = set()
    while True:
        dropping = {g for k in changed | orphaned for g in _entry_graphs(manifest.get(k))}
        extra = {k for k, e in manifest.items()
                 if k not in changed and k not in orphaned and dropping & set(_entry_graphs(e))}
        if not extra:
            break
        changed |= extra & set(inputs)
        orphaned |= extra - set(inputs)
    report.unchanged = [k for k in inputs if k not in changed]
    report.added = [k for k in inputs if k in changed and k not in manifest]
    report.replaced = [k for k in inputs if k in changed and k in manifest]
    if not changed:
        return report
    estimate = sum(sizes[k] for k in changed)
    previous = {g for k in changed | orphaned for g in _entry_graphs(manifest.get(k))}

    # 2. read and extract what changed (RDF files are parsed by the write itself)
    graphs: dict[URIRef, Graph | bytes] = {}
    owners: dict[str, set[str]] = defaultdict(set)  # graph -> input keys
    rdf_inputs: list[Input] = []
    ref: Reference | None = None
    for key in sorted(changed):
        item = inputs[key]
        if key == ONTOLOGY_KEY:
            note("ontology")
            _merge(graphs, ids.ONTOLOGY_GRAPH, ontology_graph())
            owners[str(ids.ONTOLOGY_GRAPH)].add(key)
        elif key == REFERENCE_KEY:
            note("reference data")
            _merge(graphs, ids.REFERENCE_GRAPH, reference_ntriples(ref))
            owners[str(ids.REFERENCE_GRAPH)].add(key)
        elif item.rdf_format is not None:
            rdf_inputs.append(item)
        else:
            assert item.path is not None
            note(item.path.name)
            from kg.loaders.article import article_graph, read_document
            from kg.reference import load_reference

            if ref is None:
                ref = load_reference()
            doc = read_document(item.path)
            _merge(graphs, ids.document_graph(doc.key), article_graph(doc, ref))
            owners[str(ids.document_graph(doc.key))].add(key)
            pause("extract")

    def new_manifest() -> dict:
        out = {k: v for k, v in manifest.items() if k not in changed and k not in orphaned}
        for k in sorted(orphaned):
            out[k] = {**manifest[k], "hash": "pending", "graphs": []}
        for g, keys in sorted(owners.items()):
            for k in keys:
                out.setdefault(k, {"hash": hashes[k], "graphs": []})["graphs"].append(g)
        for k in changed:
            out.setdefault(k, {"hash": hashes[k], "graphs": []})
        return out

    mode = os.environ.get("KG_BUILD_MODE", "")  # "bulk" or "transaction": forces the choice (tests, benchmarks)
    if mode == "bulk" or mode == "transaction":
        bulk = mode == "bulk" and store.bulk_capable
    elif estimate < BULK_MIN:  # small: a transaction, unless the store is empty
        bulk = store.bulk_capable and next(iter(store.ox), None) is None
    else:  # counting the store costs ~1 s per million quads: only for changes big enough to matter
        bulk = store.bulk_capable and estimate >= BULK_SHARE * len(store)
    if bulk:
        report.mode = "bulk"

        def load(new: ox.Store) -> None:
            for item in rdf_inputs:
                assert item.path is not None and item.rdf_format is not None
                note(item.path.name)
                for g in _bulk_load_rdf(new, item.path, item.rdf_format):
                    owners[g].add(item.key)
            data = b"".join(_graph_nquads(g, graphs[g]) for g in sorted(graphs))
            if data:
                new.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
            report.written = len(new)

        note("writing")
        report.copied = store.rewrite(load, previous, new_manifest)
        # per-graph counts of bulk-loaded RDF files would cost a pass over the store: -1 = not counted
        counts = {g: triple_count(graphs[URIRef(g)]) if URIRef(g) in graphs and len(keys) == 1 else -1
                  for g, keys in owners.items()}
    else:
        report.mode = "transaction"
        for item in rdf_inputs:
            assert item.path is not None and item.rdf_format is not None
            note(item.path.name)
            for g, content in rdf_file_graphs(item.path, item.rdf_format).items():
                _merge(graphs, g, content)
                owners[str(g)].add(item.key)
        # phase 1: the entries about to change are marked pending, so that a crash makes them rebuild
        store.write_manifest({k: ({**v, "hash": "pending"} if k in changed | orphaned else v)
                              for k, v in manifest.items()})
        pause("manifest")
        note("writing")
        store.replace_graphs(graphs, remove=[URIRef(g) for g in sorted(previous - {str(g) for g in graphs})])
        store.flush()
        store.write_manifest(new_manifest())
        counts = {str(g): triple_count(c) for g, c in graphs.items()}
    report.graphs = dict(sorted(counts.items()))
    report.documents = [g for g in report.graphs if "/graph/doc/" in g]
    report.removed_graphs = sorted(previous - set(report.graphs))
    return report


def _merge(graphs: dict[URIRef, Graph | bytes], name: URIRef, content: Graph | bytes) -> None:
    """Two inputs writing the same graph: its content is the union of theirs."""
    if name not in graphs:
        graphs[name] = content
        return
    as_bytes = [c if isinstance(c, bytes) else c.serialize(format="nt", encoding="utf-8")
                for c in (graphs[name], content)]
    lines = {line.strip() + b"\n" for data in as_bytes for line in data.splitlines() if line.strip()}
    graphs[name] = b"".join(sorted(lines))


def _entry_hash(entry) -> str | None:
    return entry.get("hash") if isinstance(entry, dict) else None


def _entry_graphs(entry) -> list[str]:
    return list(entry.get("graphs", [])) if isinstance(entry, dict) else []


def remove_documents(store: Store, names: list[str]) -> list[str]:
    """Drop the named graphs of the given documents (by file name or key), and their manifest entries.

    An RDF file's input drops every graph it wrote."""
    present = set(store.graph_names())
    manifest = store.manifest()
    targets: list[str] = []
    keys: list[str] = []
    for name in names:
        key = Path(name).stem
        mine = [g for g in _entry_graphs(manifest.get(key)) if g in present]
        own = str(ids.document_graph(key))
        if not mine and own in present:
            mine = [own]
        if not mine:
            raise InputError(f"no document {name!r} in the store (see `kg stats`)")
        targets.extend(mine)
        keys.append(key)
    pending = {k: ({**v, "hash": "pending"} if k in keys and isinstance(v, dict) else v) for k, v in manifest.items()}
    store.write_manifest(pending)
    store.replace_graphs({}, remove=[URIRef(t) for t in sorted(set(targets))])
    store.flush()
    store.write_manifest({k: v for k, v in manifest.items() if k not in keys})
    return sorted(set(targets))


__all__ = ["BuildReport", "Input", "StoreError", "build", "collect_documents", "prepare", "remove_documents"]
