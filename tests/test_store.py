"""The store: graphs replaced atomically, locks reported, read-only opening."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import StoreError
from kg.store import Store

G1, G2 = URIRef("https://w3id.org/kg-vn/graph/doc/a"), URIRef("https://w3id.org/kg-vn/graph/doc/b")
S, P = URIRef("https://w3id.org/kg-vn/id/x"), URIRef("https://w3id.org/kg-vn/def#p")


def _graph(*values: str) -> Graph:
    g = Graph()
    for v in values:
        g.add((S, P, Literal(v, lang="vi")))
    return g


def test_replace_graphs_replaces_only_the_named_graphs():
    store = Store(None)
    store.replace_graphs({G1: _graph("một", "hai"), G2: _graph("ba")})
    assert len(store) == 3
    store.replace_graphs({G1: _graph("bốn")})
    assert store.graph_names() == [str(G1), str(G2)]
    values = sorted(q.object.value for q in store.quads())
    assert values == ["ba", "bốn"]
    store.replace_graphs({}, remove=[G2])
    assert store.graph_names() == [str(G1)]


def test_failed_write_leaves_store_unchanged(monkeypatch):
    store = Store(None)
    store.replace_graphs({G1: _graph("một")})
    bad = _graph("hai")
    monkeypatch.setattr(Graph, "serialize", lambda self, **kw: b"<not> <valid nt")
    with pytest.raises(StoreError, match="could not write to the store"):
        store.replace_graphs({G1: bad, G2: bad})
    assert [q.object.value for q in store.quads()] == ["một"]


HOLD = """
import sys, time, pyoxigraph as ox
s = ox.Store(sys.argv[1])
s.update('INSERT DATA { GRAPH <https://w3id.org/kg-vn/graph/doc/a> { <urn:x> <urn:p> "1" } }')
s.flush()
print("ready", flush=True)
sys.stdin.readline()
"""


def test_persistent_store_lock_and_read_only(tmp_path):
    """A second writer gets a clear error while another process builds; readers still read."""
    path = tmp_path / "store"
    with pytest.raises(StoreError, match=r"no store at .*: run `kg build` first"):
        Store(path, read_only=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another kg process"):
            Store(path)
    finally:
        holder.communicate("done\n", timeout=30)
    reader = Store(path, read_only=True)
    assert len(reader) == 1


def test_to_dataset_keeps_named_graphs():
    store = Store(None)
    store.replace_graphs({G1: _graph("một"), G2: _graph("hai")})
    ds = store.to_dataset()
    assert len(ds.graph(G1)) == 1 and len(ds.graph(G2)) == 1
    assert len(store.to_dataset([str(G2)]).graph(G1)) == 0
