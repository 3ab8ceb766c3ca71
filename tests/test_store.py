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


# --- generations, readers, writers ----------------------------------------------------------------

def _gens(path):
    return sorted(p.name for p in path.iterdir() if p.is_dir())


def _rewrite(store: Store, *values: str) -> None:
    """A full rewrite of graph G1 (the bulk path), keeping the other graphs."""
    from kg.store import to_ox

    def load(new):
        new.extend(ox_quad(to_ox(S), to_ox(P), to_ox(Literal(v)), G1) for v in values)

    store.rewrite(load, drop=[str(G1)], manifest=lambda: {"a": {"hash": "-".join(values), "graphs": [str(G1)]}})


def ox_quad(s, p, o, g):
    import pyoxigraph as ox

    return ox.Quad(s, p, o, ox.NamedNode(str(g)))


def test_rewrite_switches_generations_and_keeps_other_graphs(tmp_path):
    from kg.store import live_path

    path = tmp_path / "store"
    with Store(path) as store:
        store.replace_graphs({G1: _graph("một"), G2: _graph("hai")})
        first = live_path(path)
        _rewrite(store, "ba", "bốn")
        assert live_path(path) != first and (path / "current").read_text().strip() == live_path(path).name
        assert _gens(path) == [live_path(path).name]  # the old generation is deleted: nobody reads it
        assert sorted(q.object.value for q in store.quads(str(G1))) == ["ba", "bốn"]
        assert [q.object.value for q in store.quads(str(G2))] == ["hai"]
        assert store.manifest() == {"a": {"hash": "ba-bốn", "graphs": [str(G1)]}}
    reader = Store(path, read_only=True)
    assert len(reader) == 3


def test_a_reader_keeps_its_generation_until_it_closes(tmp_path):
    from kg.store import live_path, pin

    path = tmp_path / "store"
    with Store(path) as store:
        store.replace_graphs({G1: _graph("một")})
    reader = Store(path, read_only=True)
    with pin(path) as served:  # what `kg serve` holds while the server runs
        assert served == reader.live == live_path(path)
        with Store(path) as store:
            _rewrite(store, "hai")
            assert live_path(path) != served and served.is_dir()  # pinned: not deleted
        assert [q.object.value for q in reader.quads()] == ["một"]  # the old reader still reads the old data
        assert [q.object.value for q in Store(path, read_only=True).quads()] == ["hai"]
    reader.close()
    with Store(path):  # the next writer collects the generations nobody pins
        pass
    assert _gens(path) == [live_path(path).name]


def test_a_failed_rewrite_leaves_the_store_and_deletes_the_new_generation(tmp_path):
    path = tmp_path / "store"
    with Store(path) as store:
        store.replace_graphs({G1: _graph("một")})
        before = _gens(path)

        def load(new):
            raise SyntaxError("bad data")

        with pytest.raises(SyntaxError):
            store.rewrite(load, drop=[], manifest=dict)
        assert _gens(path) == before and [q.object.value for q in store.quads()] == ["một"]


def test_a_copied_store_folder_still_works(tmp_path):
    import shutil

    with Store(tmp_path / "a") as store:
        store.replace_graphs({G1: _graph("một")})
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # follows links: a copy by any tool keeps working
    with Store(tmp_path / "b") as store:
        _rewrite(store, "hai")
    assert [q.object.value for q in Store(tmp_path / "b", read_only=True).quads()] == ["hai"]
    assert [q.object.value for q in Store(tmp_path / "a", read_only=True).quads()] == ["một"]


WRITER = """
import sys, time
from kg.store import Store
s = Store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
"""


def test_a_second_writer_fails_clearly_or_waits(tmp_path):
    import time

    path = tmp_path / "store"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"in use by another kg process \(wait for it to finish, or pass --wait"):
            Store(path)
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"waited 0\.3 s"):
            Store(path, wait=0.3)
        assert time.monotonic() - start >= 0.3
        assert len(Store(path, read_only=True)) == 0  # readers are not blocked
    finally:
        holder.stdin.write("done\n")
        holder.stdin.flush()
    with Store(path, wait=30) as store:  # waits for the holder to finish, then writes
        store.replace_graphs({G1: _graph("một")})
    holder.wait(timeout=30)


def test_a_legacy_store_is_written_in_place(tmp_path):
    import pyoxigraph as ox

    from kg.store import live_path

    path = tmp_path / "old"
    legacy = ox.Store(str(path))
    legacy.flush()
    del legacy
    with Store(path) as store:
        assert not store.bulk_capable and live_path(path) == path
        store.replace_graphs({G1: _graph("một")})
    assert len(Store(path, read_only=True)) == 1


def test_a_store_whose_live_generation_is_gone_is_reported_damaged(tmp_path):
    import shutil

    from kg.store import live_path

    with Store(tmp_path / "s") as store:
        store.replace_graphs({G1: _graph("một")})
    shutil.rmtree(live_path(tmp_path / "s"))
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"is damaged: its live generation gen-\d+ is missing"):
            Store(tmp_path / "s", read_only=read_only)
