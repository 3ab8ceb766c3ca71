"""The embedded, persistent store: a pyoxigraph (Oxigraph/RocksDB) store on disk.

Why pyoxigraph and not rdflib's own store: measured in `bench/store_engines.py`
(figures in `bench/RESULTS.md`), it loads, queries and serializes an order of magnitude
faster and opens an on-disk store in milliseconds. rdflib stays the API the rest of the code
speaks: loaders hand `rdflib.Graph`s to `replace_graphs`, and `to_dataset()` gives an
`rdflib.Dataset` to pyshacl and networkx.

One named graph per source document plus one for the reference data and one for the
ontology. Two ways to write, both all-or-nothing:

* `replace_graphs` swaps any number of graphs in ONE SPARQL Update, which Oxigraph runs as a
  single transaction: either every graph is replaced or none is. For small changes.
* `rewrite` bulk-loads the new content into a NEW Oxigraph directory (a "generation"), copies the
  graphs it keeps from the live one, and switches by renaming a pointer file (atomic). For big changes:
  5-6x faster than a large transaction and with bounded memory (bench/build_path.py).

The store folder holds the generations (see "the on-disk layout" below); `live_path(folder)`
names the live one. One writer at a time (a flock, with an optional wait); readers pin the
generation they read, so a build never deletes it underneath them.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
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


# --- the on-disk layout ------------------------------------------------------------------
#
#   STORE/current                  a one-line file naming the live generation, "gen-000007"; replaced
#                                  by rename() of a new file: atomic. (A file, not a symlink, so that
#                                  copying the folder with any tool keeps a working store.)
#   STORE/gen-000007/              the live Oxigraph (RocksDB) directory
#   STORE/gen-000007.manifest.json what each input was built from (see kg.build)
#   STORE/gen-000007.readers       readers hold a shared flock on it while they read that generation
#   STORE/write.lock               writers hold an exclusive flock on it for the whole write
#
# A store written before this layout (a plain Oxigraph directory: STORE/CURRENT exists) is still
# read and written in place, by transactions only.

CURRENT = "current"
WRITE_LOCK = "write.lock"
_GEN = re.compile(r"^gen-(\d{6,})$")


def pause(phase: str) -> None:
    """Test-only hook: with KG_TEST_PAUSE_AT=phase the process says so on stderr and sleeps,
    so that tests/test_crash.py can kill it at that exact point. Does nothing otherwise."""
    if os.environ.get("KG_TEST_PAUSE_AT") == phase:
        print(f"KG_TEST_PAUSED {phase}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("KG_TEST_PAUSE_SECONDS", "60")))


def is_legacy(path: Path | str) -> bool:
    return (Path(path) / "CURRENT").is_file()


def live_path(path: Path | str, *, check: bool = True) -> Path:
    """The Oxigraph directory that holds the store's data right now (for `oxigraph serve` etc.).

    It changes with every full (bulk) build; a process that keeps it open should hold `pin(path)`
    so that the next build does not delete it underneath.
    """
    p = Path(path)
    if is_legacy(p):
        return p
    try:
        target = (p / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        raise StoreError(f"no store at {p}: run `kg build` first (or pass --store)") from None
    if not _GEN.match(target):
        raise StoreError(f"the store at {p} is damaged: {p / CURRENT} names no generation ({target[:40]!r})")
    if check and not (p / target).is_dir():
        raise StoreError(f"the store at {p} is damaged: its live generation {target} is missing")
    return p / target


def manifest_file(live: Path) -> Path:
    return live.with_name(live.name + ".manifest.json")


def _readers_file(live: Path) -> Path:
    return live.with_name(live.name + ".readers")


class _Pin:
    """A shared flock on a generation's `.readers` file: no writer deletes a pinned generation."""

    def __init__(self, root: Path):
        for _ in range(1000):
            live = live_path(root, check=False)
            if live == root:  # legacy layout: nothing is ever deleted
                self.live, self.fd = live, None
                return
            try:
                fd = os.open(_readers_file(live), os.O_RDWR | os.O_CREAT, 0o644)
            except PermissionError:  # a folder we may not write to: no kg process can write it either
                self.live, self.fd = live, None
                return
            except OSError as exc:
                raise StoreError(f"cannot open the store at {root}: {exc}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:  # a writer is deleting this generation: it is no longer current
                os.close(fd)
                time.sleep(0.01)
                continue
            # still linked, still current: a writer can now neither delete it nor take it over
            if os.fstat(fd).st_nlink > 0 and live_path(root, check=False) == live:
                if not live.is_dir():
                    os.close(fd)
                    live_path(root)  # raises: the store is damaged
                self.live, self.fd = live, fd
                return
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            time.sleep(0.01)
        raise StoreError(f"cannot open the store at {root}: it keeps changing")

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@contextmanager
def pin(path: Path | str) -> Iterator[Path]:
    """Hold the live generation of the store at `path` for as long as the block runs; yields its
    directory. `kg serve` runs the Oxigraph server on that directory inside this block."""
    p = _Pin(Path(path))
    try:
        yield p.live
    finally:
        p.release()


def _lock_writer(root: Path, wait: float) -> int:
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError:
            if time.monotonic() >= deadline:
                os.close(fd)
                how = f"waited {wait:g} s; " if wait > 0 else ""
                raise StoreError(f"the store at {root} is in use by another kg process ({how}wait for it to "
                                 "finish, or pass --wait SECONDS)") from None
            time.sleep(0.05)


def _generations(root: Path) -> list[Path]:
    return sorted((p for p in root.iterdir() if _GEN.match(p.name)), key=lambda p: int(p.name[4:]))


def _next_generation(root: Path) -> Path:
    gens = _generations(root)
    n = int(gens[-1].name[4:]) + 1 if gens else 1
    for p in root.iterdir():  # leftovers of killed builds count too
        m = re.match(r"^gen-(\d{6,})", p.name)
        if m:
            n = max(n, int(m.group(1)) + 1)
    return root / f"gen-{n:06d}"


def _switch(root: Path, gen: Path) -> None:
    """Make `gen` the live generation: one rename() of the pointer file, atomic for every reader."""
    tmp = root / (CURRENT + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(gen.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    pause("switch")
    os.replace(tmp, root / CURRENT)
    dfd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def collect_garbage(root: Path) -> list[str]:
    """Delete generations that are not live and that no reader pins (call with the write lock held).

    Returns the names deleted. A pinned generation stays until a later writer finds it free."""
    if is_legacy(root) or not (root / CURRENT).is_file():
        return []
    live = live_path(root).name
    gone = []
    for p in sorted(root.iterdir()):
        m = re.match(r"^(gen-\d{6,})", p.name)
        if not m or m.group(1) == live or p.name.endswith(".readers"):
            continue
        gen = root / m.group(1)
        if p != gen and gen.exists():
            continue  # its manifest / tmp files go with the generation itself
        readers = _readers_file(gen)
        fd = os.open(readers, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a reader still uses it
            readers.unlink()
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            manifest_file(gen).unlink(missing_ok=True)
            gone.append(p.name)
        finally:
            os.close(fd)
    for p in root.glob("gen-*.readers"):  # orphans: their generation is gone
        gen = p.with_name(p.name[: -len(".readers")])
        if gen.name != live and not gen.exists():
            fd = os.open(p, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                p.unlink(missing_ok=True)
            except OSError:
                pass
            finally:
                os.close(fd)
    return gone


def _open_error(path: Path, exc: OSError) -> StoreError:
    text = str(exc)
    if "lock" in text.lower():
        return StoreError(f"the store at {path} is in use by another kg process (wait for it to finish): {text}")
    return StoreError(f"cannot open the store at {path}: {text}")


class Store:
    """A kg store. `path=None` gives a throw-away in-memory store (tests, `kg digest PATH`).

    Opened for writing, the store holds the write lock until `close()` (or the process ends);
    `wait` is how many seconds to wait for another writer to finish (0: fail at once).
    Opened read-only, it pins the generation it reads until `close()`.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False, create: bool = True,
                 wait: float = 0.0):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.live: Path | None = None
        self._lock: int | None = None
        self._pin: _Pin | None = None
        self._memory_manifest: dict = {}
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                self._pin = _Pin(self.path)
                self.live = self._pin.live
                self.ox = ox.Store.read_only(str(self.live))
            elif is_legacy(self.path):
                self.live = self.path
                self.ox = ox.Store(str(self.path))
            else:
                if not create and not (self.path / CURRENT).is_file():
                    raise StoreError(f"no store at {self.path}: run `kg build` first (or pass --store)")
                self._lock = _lock_writer(self.path, wait)
                if not (self.path / CURRENT).is_file():
                    gen = _next_generation(self.path)
                    empty = ox.Store(str(gen))
                    empty.flush()
                    del empty
                    _switch(self.path, gen)
                collect_garbage(self.path)
                self.live = live_path(self.path)
                self.ox = ox.Store(str(self.live))
        except OSError as exc:
            self.close()
            raise _open_error(self.path or Path("."), exc) from None
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        """Close the store: release the write lock or the reader's pin (the process ending does the same).

        An in-memory store stays usable; an on-disk one must be opened again."""
        if getattr(self, "path", None) is not None:
            self.ox = None  # type: ignore[assignment]  # closes the Oxigraph directory (and its RocksDB lock)
        pinned, lock = getattr(self, "_pin", None), getattr(self, "_lock", None)
        if pinned is not None:
            pinned.release()
            self._pin = None
        if lock is not None:
            os.close(lock)
            self._lock = None

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def bulk_capable(self) -> bool:
        """True when a full rewrite can go to a new generation (not for a store in the old layout)."""
        return self.path is None or not is_legacy(self.path)

    # --- the manifest: what each input was built from -----------------------------------------

    def manifest(self) -> dict:
        if self.live is None:
            return dict(self._memory_manifest)
        f = manifest_file(self.live)
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # unreadable: every input counts as changed, which is always safe
        return data if isinstance(data, dict) else {}

    def write_manifest(self, manifest: dict, live: Path | None = None) -> None:
        target = live or self.live
        if target is None:
            self._memory_manifest = dict(manifest)
            return
        from kg.export import write_atomically

        write_atomically(_manifest_bytes(manifest), str(manifest_file(target)))

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
            pause("write")
            try:
                self.ox.update(" ;\n".join(parts))
            except (OSError, SyntaxError) as exc:  # nothing was written: the update is one transaction
                raise StoreError(f"could not write to the store: {exc}") from None
        return count

    def rewrite(self, load: Callable[[ox.Store], None], drop: Iterable[str], manifest: Callable[[], dict]) -> int:
        """A full rewrite into a NEW generation, switched in atomically.

        `load(new)` bulk-loads the new content into an empty store; then every quad of the current
        store whose graph is neither in `drop` nor among the graphs `load` wrote is copied over
        (documents loaded earlier from other paths stay). `manifest()` is called after `load` and
        is written beside the new generation before the switch. Until the switch the live store is
        untouched; a process killed at any point leaves it as it was. Returns the quads copied.
        """
        if self.path is None:
            new = ox.Store()
            load(new)
            copied = self._copy_kept(new, set(drop))
            self.ox = new
            self._memory_manifest = dict(manifest())
            return copied
        if not self.bulk_capable:
            raise StoreError(f"the store at {self.path} predates generations: it can only be written by transactions")
        gen = _next_generation(self.path)
        try:
            new = ox.Store(str(gen))
            load(new)
            pause("bulk-loaded")
            copied = self._copy_kept(new, set(drop))
            new.flush()
            del new  # closes it
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        self.write_manifest(manifest(), gen)
        old = self.ox
        self.ox = None  # type: ignore[assignment]
        del old
        try:
            _switch(self.path, gen)
        finally:
            self.live = live_path(self.path)
            self.ox = ox.Store(str(self.live))
        pause("switched")
        collect_garbage(self.path)
        return copied

    def _copy_kept(self, new: ox.Store, drop: set[str]) -> int:
        skip = drop | {g.value for g in new.named_graphs() if isinstance(g, ox.NamedNode)}
        keep = [g for g in self.ox.named_graphs() if not (isinstance(g, ox.NamedNode) and g.value in skip)]
        if not keep:
            return 0
        count = 0

        def quads() -> Iterator[ox.Quad]:
            nonlocal count
            if len(keep) * 4 < len(skip) or len(keep) < 64:
                for g in keep:
                    for q in self.ox.quads_for_pattern(None, None, None, g):
                        count += 1
                        yield q
            else:
                for q in self.ox:
                    g = q.graph_name
                    if isinstance(g, ox.NamedNode) and g.value in skip:
                        continue
                    count += 1
                    yield q

        new.bulk_extend(quads())
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


def _manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
