"""Deterministic export: the same store gives byte-identical files.

Quads are sorted by their N-Quads text before pyoxigraph serializes them, so output never
depends on insertion or hash order, and nothing time-dependent is written.
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


def _key(term) -> str:
    return str(term)


def sorted_quads(store: Store, graphs: list[str] | None = None) -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    for g in graphs or store.graph_names():
        quads.extend(store.quads(g))
    quads.sort(key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)))
    return quads


def sorted_triples(store: Store, graphs: list[str] | None = None) -> list[ox.Triple]:
    """The union of the graphs as a set of triples, sorted."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in sorted_quads(store, graphs)}
    return sorted(seen, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))


def serialize(store: Store, fmt: str, graphs: list[str] | None = None) -> bytes:
    spec = FORMATS[fmt]
    items = sorted_quads(store, graphs) if spec.quads else sorted_triples(store, graphs)
    prefixes = PREFIXES if spec.rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(items, format=spec.rdf_format, prefixes=prefixes)
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
