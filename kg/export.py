"""Deterministic export: the same store gives byte-identical files.

Each graph is dumped by pyoxigraph as N-Triples and its lines are sorted as bytes (graphs in
sorted order; for the triple formats, the union's distinct lines): output never depends on
insertion or hash order, and nothing time-dependent is written. Turtle, TriG, JSON-LD and
RDF/XML are pyoxigraph's serialization of those sorted lines, parsed back in order. Sorting
bytes instead of Python term objects keeps export within ~2x of pyoxigraph's own serializer
(bench/RESULTS.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.store import Store


@dataclass(frozen=True)
class Format:
    name: str
    rdf_format: ox.RdfFormat
    quads: bool  # keeps named graphs
    extension: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ox.RdfFormat.TURTLE, False, "ttl"),
        Format("ntriples", ox.RdfFormat.N_TRIPLES, False, "nt"),
        Format("nquads", ox.RdfFormat.N_QUADS, True, "nq"),
        Format("trig", ox.RdfFormat.TRIG, True, "trig"),
        Format("jsonld", ox.RdfFormat.JSON_LD, True, "jsonld"),
        Format("rdfxml", ox.RdfFormat.RDF_XML, False, "rdf"),
    )
}


def _dump_lines(store: Store, graph: str) -> list[bytes]:
    """One graph as N-Triples lines (pyoxigraph's own writer)."""
    data = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    assert data is not None  # no output given: pyoxigraph returns the bytes
    return data.splitlines(keepends=True)


def _graph_names(store: Store, graphs: list[str] | None) -> list[str]:
    return sorted(set(graphs)) if graphs else store.graph_names()


def _with_graphs(store: Store, graphs: list[str] | None) -> bytes:
    """N-Quads, graph by graph in sorted graph order, each graph's lines sorted bytewise.

    pyoxigraph writes each term in one canonical form, so sorting its own lines as bytes is a
    total, deterministic order without turning a single quad into a Python object.
    """
    out: list[bytes] = []
    for g in _graph_names(store, graphs):
        suffix = b" " + str(ox.NamedNode(g)).encode() + b" .\n"
        for line in sorted(set(_dump_lines(store, g))):
            out.append(line[:-3] + suffix if line.endswith(b" .\n") else line)
    return b"".join(out)


def sorted_ntriples(store: Store, graphs: list[str] | None = None) -> bytes:
    """The union of the graphs as a set of triples: N-Triples lines, distinct, sorted bytewise."""
    lines: set[bytes] = set()
    for g in _graph_names(store, graphs):
        lines.update(_dump_lines(store, g))
    return b"".join(sorted(lines))


def serialize(store: Store, fmt: str, graphs: list[str] | None = None) -> bytes:
    spec = FORMATS[fmt]
    if spec.rdf_format == ox.RdfFormat.N_QUADS:
        return _with_graphs(store, graphs)
    if spec.rdf_format == ox.RdfFormat.N_TRIPLES:
        return sorted_ntriples(store, graphs)
    lines = _with_graphs(store, graphs) if spec.quads else sorted_ntriples(store, graphs)
    source = ox.RdfFormat.N_QUADS if spec.quads else ox.RdfFormat.N_TRIPLES
    prefixes = PREFIXES if spec.rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(ox.parse(lines, format=source), format=spec.rdf_format, prefixes=prefixes)
    assert data is not None  # no output given: pyoxigraph returns the bytes
    return data


def write_atomically(data: bytes, output: str) -> None:
    """Write to `output` (`-` = stdout) so that a reader never sees a partial file."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise KgError(f"{target} is a directory; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise KgError(f"cannot write {target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
