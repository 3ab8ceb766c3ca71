"""Plain rdflib vs pyoxigraph vs oxrdflib vs our `kg.store`, measured in one run.

For each size (10k and 100k quads; 1M with `--large`) this generates a synthetic officials graph
(`bench/generate.py`) and measures:

* load: rdflib `Dataset.parse` of the TriG; pyoxigraph `Store.load` in memory, `Store.bulk_load` and
  `Store.load` on disk; `kg.store.Store.replace_graphs` from rdflib graphs (on disk, as `kg build`
  does); oxrdflib `Dataset(store="Oxigraph").parse(format="ox-trig")`;
* the CLI case: a new process that opens an existing on-disk store and answers one query, against
  a new process that parses the TriG with rdflib and then queries;
* four SPARQL queries on rdflib, pyoxigraph (memory and our on-disk store) and oxrdflib, checking
  that every engine returns the same rows;
* Turtle serialization: rdflib, our deterministic `kg.export.serialize`, raw pyoxigraph;
* peak memory: every case runs in its own process; its ru_maxrss comes from `os.wait4`.

Times are medians of `--runs` runs (3; 1 at 1M). Results go to `bench/results/store_engines.json`
(merged by size with earlier runs) and `bench/RESULTS.md`.

    .venv/bin/python bench/store_engines.py            # 10k and 100k: ~5.5 minutes on a shared 2-core machine
    .venv/bin/python bench/store_engines.py --large    # also 1M (1 run)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS_JSON = BENCH / "results" / "store_engines.json"
RESULTS_MD = BENCH / "RESULTS.md"
DEFAULT_SIZES = [10_000, 100_000]
LARGE_SIZE = 1_000_000
AS_OF = "2020-06-15"

# --- the queries (every required pattern comes before any OPTIONAL: see shared notes) ---------

QUERIES: dict[str, tuple[str, str]] = {
    "as_of_date": (
        f"who held which post on {AS_OF} (validFrom/validUntil of mixed precision)",
        """
SELECT DISTINCT ?person ?name ?post ?from ?until WHERE {
  ?h a org:Membership ;
     org:member ?person ;
     opengov:post ?post ;
     schema:validFrom ?from .
  ?person foaf:name ?name .
  OPTIONAL { ?h schema:validUntil ?until }
  BIND(STR(?from) AS ?f)
  BIND(IF(STRLEN(?f) = 4, CONCAT(?f, "-01-01"), IF(STRLEN(?f) = 7, CONCAT(?f, "-01"), ?f)) AS ?start)
  BIND(STR(?until) AS ?u)
  BIND(IF(STRLEN(?u) = 4, CONCAT(?u, "-12-31"), IF(STRLEN(?u) = 7, CONCAT(?u, "-31"), ?u)) AS ?end)
  FILTER(?start <= "AS_OF" && (!BOUND(?until) || ?end >= "AS_OF"))
}""".replace("AS_OF", AS_OF),
    ),
    "three_hop": (
        "person -> holding -> post -> body, with the body's English label",
        """
SELECT DISTINCT ?name ?body ?bodyLabel WHERE {
  ?h org:member ?person ;
     opengov:post ?post .
  ?post org:postIn ?body .
  ?body skos:prefLabel ?bodyLabel .
  ?person foaf:name ?name .
  FILTER(LANG(?bodyLabel) = "en")
}""",
    ),
    "group_count": (
        "the 20 bodies with most distinct office holders (GROUP BY, COUNT DISTINCT)",
        """
SELECT ?body (COUNT(DISTINCT ?person) AS ?people) (COUNT(?h) AS ?holdings) WHERE {
  ?h a org:Membership ;
     org:organization ?body ;
     org:member ?person .
}
GROUP BY ?body
ORDER BY DESC(?people) ?body
LIMIT 20""",
    ),
    "label_search": (
        'persons whose label contains "hùng" (FILTER on LCASE(STR()))',
        """
SELECT DISTINCT ?person ?label WHERE {
  ?person a foaf:Person ;
          skos:prefLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), "hùng"))
}""",
    ),
}
# not timed: shows how each engine reads "the union of the named graphs" (a set, or a bag of quads)
UNION_CHECK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CLI_QUERY = "as_of_date"

ENGINES = ["rdflib", "pyoxigraph", "kg_store", "oxrdflib"]
ENGINE_LABELS = {
    "rdflib": "rdflib Dataset (memory)",
    "pyoxigraph": "pyoxigraph Store (memory)",
    "kg_store": "kg.store (pyoxigraph on disk)",
    "oxrdflib": "oxrdflib Dataset (memory)",
}
LOAD_CASES = {
    "load_rdflib": "rdflib Dataset.parse(trig)",
    "load_ox_memory": "pyoxigraph Store().load (memory)",
    "load_ox_disk_bulk": "pyoxigraph Store(path).bulk_load",
    "load_ox_disk_txn": "pyoxigraph Store(path).load (one transaction)",
    "load_kg_store": "kg.store replace_graphs from rdflib Graphs (disk)",
    "load_oxrdflib": "oxrdflib Dataset.parse(format='ox-trig') (memory)",
}
CLI_CASES = {
    "cli_kg_store": "kg.store: open the on-disk store read-only + query",
    "load_rdflib": "rdflib: parse the TriG + query (the load_rdflib process)",
}
SER_CASES = {
    "ser_rdflib": "rdflib Graph.serialize(format='turtle')",
    "ser_kg_export": "kg.export.serialize(store, 'turtle') (sorted)",
    "ser_ox_raw": "pyoxigraph serialize, unsorted set of triples",
}
OTHER_CASES = {
    "baseline": "python + import rdflib, pyoxigraph, oxrdflib, kg.store; no work",
}


def median(xs: list[float]) -> float:
    return statistics.median(xs)


# =============================================================================================
# Child side: one case per process. Imports happen inside the cases, so that a case's time and
# memory include only what that case needs.
# =============================================================================================


def _prologue() -> str:
    from kg.namespaces import sparql_prologue

    return sparql_prologue()


def _rows_rdflib(result) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in row) for row in result]


def _rows_ox(result) -> list[tuple]:
    return [tuple("" if v is None else v.value for v in sol) for sol in result]


def _digest(rows: list[tuple]) -> str:
    h = hashlib.sha256()
    for row in sorted(rows):
        h.update(("\t".join(row) + "\n").encode("utf-8"))
    return h.hexdigest()[:16]


def _rdflib_graphs(trig: Path):
    """The input as {graph IRI: rdflib.Graph}, as the loaders hand it to `Store.replace_graphs`."""
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    from kg.store import to_rdflib

    graphs: dict = {}
    for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        name = q.graph_name.value
        g = graphs.get(name)
        if g is None:
            g = graphs[name] = Graph(identifier=URIRef(name))
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return {URIRef(k): v for k, v in graphs.items()}


def _timed(fn, out: dict | None = None, key: str = "seconds"):
    """Run fn; put its wall time in out[key] and its CPU time (all threads) in out[cpu_key]."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if out is not None:
        out[key] = wall
        out["cpu_" + key] = cpu
    return result


def child(case: str, data: Path, runs: int, extras: bool = False) -> dict:
    trig = data / "data.trig"
    store_dir = data / "store"
    tmp = Path(tempfile.mkdtemp(prefix=f"{case}-", dir=data))
    try:
        return _child(case, trig, store_dir, tmp, runs, extras)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _child(case: str, trig: Path, store_dir: Path, tmp: Path, runs: int, extras: bool) -> dict:  # noqa: C901
    out: dict = {}
    if case == "baseline":
        import oxrdflib  # noqa: F401
        import pyoxigraph  # noqa: F401
        import rdflib  # noqa: F401

        import kg.store  # noqa: F401
        out["seconds"] = 0.0

    elif case == "setup":  # the on-disk store every read case uses, and the size of the data
        import pyoxigraph as ox

        st = ox.Store(str(store_dir))
        st.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        st.flush()
        out["quads"] = len(st)
        out["graphs"] = sum(1 for _ in st.named_graphs())
        q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        out["distinct_triples"] = int(next(iter(st.query(q, use_default_graph_as_union=True)))[0].value)
        out["trig_bytes"] = trig.stat().st_size

    elif case == "load_rdflib":  # then one query: the process as a whole is the rdflib CLI case
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        _timed(lambda: ds.parse(str(trig), format="trig"), out)
        rows = _timed(lambda: _rows_rdflib(ds.query(_prologue() + QUERIES[CLI_QUERY][1])), out, "query_seconds")
        out.update(open_seconds=out["seconds"], cpu_open_seconds=out["cpu_seconds"])
        out["rows"] = len(rows)

    elif case == "load_ox_memory":
        import pyoxigraph as ox

        st = ox.Store()
        _timed(lambda: st.load(path=str(trig), format=ox.RdfFormat.TRIG), out)
        out["quads"] = len(st)

    elif case in ("load_ox_disk_bulk", "load_ox_disk_txn"):
        import pyoxigraph as ox

        st = ox.Store(str(tmp / "store"))
        load = st.bulk_load if case == "load_ox_disk_bulk" else st.load

        def go():
            load(path=str(trig), format=ox.RdfFormat.TRIG)
            st.flush()

        _timed(go, out)
        out["quads"] = len(st)

    elif case == "load_kg_store":
        import resource

        import pyoxigraph as ox

        from kg.store import Store, to_ox

        graphs = _timed(lambda: _rdflib_graphs(trig), out, "prep_seconds")
        out["prep_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        st = Store(tmp / "store")

        def write():
            n = st.replace_graphs(graphs)
            st.flush()
            return n

        out["quads"] = _timed(write, out)
        # `kg build` run again: every graph already exists and is dropped, then inserted
        _timed(write, out, "rebuild_seconds")
        if not extras:
            return out
        # first run only: where the time goes (rdflib writing the update text, vs pyoxigraph writing it)
        _timed(lambda: [g.serialize(format="nt", encoding="utf-8") for g in graphs.values()], out, "rdflib_nt_seconds")

        def ox_nt():
            for g in graphs.values():
                ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g], format=ox.RdfFormat.N_TRIPLES)

        _timed(ox_nt, out, "to_ox_nt_seconds")
        # an alternative write path: pyoxigraph terms and one Store.extend (a transaction) into a new store
        alt = Store(tmp / "alt")

        def extend():
            alt.ox.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(name)))
                           for name, g in graphs.items() for s, p, o in g])
            alt.flush()

        _timed(extend, out, "alt_extend_seconds")

        # another: N-Quads written by pyoxigraph, bulk_load into a new directory, then swap it in (a rename)
        def bulk_swap():
            data = ox.serialize((ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(name)))
                                 for name, g in graphs.items() for s, p, o in g), format=ox.RdfFormat.N_QUADS)
            new = ox.Store(str(tmp / "new"))
            new.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            new.flush()
            del new
            os.replace(tmp / "new", tmp / "swapped")

        _timed(bulk_swap, out, "alt_bulk_swap_seconds")

    elif case == "load_oxrdflib":
        from rdflib import Dataset

        ds = Dataset(store="Oxigraph", default_union=True)
        _timed(lambda: ds.parse(str(trig), format="ox-trig"), out)
        out["quads"] = len(ds.store._inner)

    elif case == "cli_kg_store":
        from kg.store import Store

        st = _timed(lambda: Store(store_dir, read_only=True), out, "open_seconds")
        rows = _timed(lambda: _rows_ox(st.query(_prologue() + QUERIES[CLI_QUERY][1])), out, "query_seconds")
        out["seconds"] = out["open_seconds"] + out["query_seconds"]
        out["cpu_seconds"] = out["cpu_open_seconds"] + out["cpu_query_seconds"]
        out["rows"] = len(rows)

    elif case.startswith("query_"):
        out.update(_queries(case.removeprefix("query_"), trig, store_dir, runs))

    elif case == "ser_rdflib":
        from rdflib import Dataset, Graph

        from kg.namespaces import bind_prefixes

        ds = Dataset()
        ds.parse(str(trig), format="trig")
        g = Graph()
        bind_prefixes(g)
        for gr in ds.graphs():
            g += gr
        out["triples"] = len(g)
        out.update(_repeat(lambda: g.serialize(format="turtle", encoding="utf-8"), runs))

    elif case == "ser_kg_export":
        from kg.export import serialize
        from kg.store import Store

        st = Store(store_dir, read_only=True)
        out.update(_repeat(lambda: serialize(st, "turtle"), runs))

    elif case == "ser_ox_raw":
        import pyoxigraph as ox

        from kg.namespaces import PREFIXES
        from kg.store import Store

        st = Store(store_dir, read_only=True)
        out.update(_repeat(lambda: ox.serialize({q.triple for q in st.ox}, format=ox.RdfFormat.TURTLE,
                                                prefixes=PREFIXES), runs))
        # all in Rust, no Python objects: TriG straight from the store
        dump = _repeat(lambda: st.ox.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES), runs)
        out.update(dump_trig_seconds=dump["seconds"], cpu_dump_trig_seconds=dump["cpu_seconds"],
                   dump_trig_bytes=dump["bytes"])
    else:
        raise SystemExit(f"unknown case {case!r}")
    return out


def _repeat(fn, runs: int) -> dict:
    """Run fn `runs` times in this process: every wall and CPU time, their medians, the output size."""
    times, cpu, data = [], [], b""
    for _ in range(runs):
        t: dict = {}
        data = _timed(fn, t)
        times.append(t["seconds"])
        cpu.append(t["cpu_seconds"])
    return {"times": times, "cpu_times": cpu, "seconds": median(times), "cpu_seconds": median(cpu), "bytes": len(data)}


def _queries(engine: str, trig: Path, store_dir: Path, runs: int) -> dict:
    prologue = _prologue()
    res: dict = {"queries": {}}
    if engine == "rdflib":
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        _timed(lambda: ds.parse(str(trig), format="trig"), res, "load_seconds")

        def run(q):
            return _rows_rdflib(ds.query(q))
    elif engine == "oxrdflib":
        from rdflib import Dataset

        ds = Dataset(store="Oxigraph", default_union=True)
        _timed(lambda: ds.parse(str(trig), format="ox-trig"), res, "load_seconds")

        def run(q):
            return _rows_rdflib(ds.query(q))
    elif engine == "pyoxigraph":
        import pyoxigraph as ox

        st = ox.Store()
        _timed(lambda: st.load(path=str(trig), format=ox.RdfFormat.TRIG), res, "load_seconds")

        def run(q):
            return _rows_ox(st.query(q, use_default_graph_as_union=True))
    elif engine == "kg_store":
        from kg.store import Store

        kst = _timed(lambda: Store(store_dir, read_only=True), res, "load_seconds")

        def run(q):
            return _rows_ox(kst.query(q))
    else:
        raise SystemExit(f"unknown engine {engine!r}")
    for name, (_title, body) in QUERIES.items():
        rows: list[tuple] = []

        def once(body=body):
            nonlocal rows
            rows = run(prologue + body)
            return b""

        res["queries"][name] = _repeat(once, runs)
        res["queries"][name].update(rows=len(rows), digest=_digest(rows))
        del res["queries"][name]["bytes"]
    res["union_count"] = int(run(UNION_CHECK)[0][0])
    return res


# =============================================================================================
# Parent side: generate, run every case in its own process, collect, write JSON and Markdown.
# =============================================================================================


def run_case(case: str, data: Path, runs: int = 1, extras: bool = False) -> dict:
    """Run one case in a new process; its peak RSS comes from wait4 on that very process."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--case", case, "--dir", str(data), "--runs", str(runs)]
    if extras:
        cmd.append("--extras")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"case {case} failed with exit code {proc.returncode}")
    result = json.loads(output)
    result["process_seconds"] = wall
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["process_cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def summarize(samples: list[dict]) -> dict:
    """Medians over runs of a case; every sample is kept too."""
    out: dict = {"runs": len(samples)}
    keys = [k for k, v in samples[0].items() if isinstance(v, int | float) and not isinstance(v, bool)]
    for k in keys:  # some figures are measured in the first run only
        out[k] = median([s[k] for s in samples if k in s])
    out["samples"] = samples
    return out


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench_size(size: int, workdir: Path, runs: int) -> dict:
    data = workdir / str(size)
    data.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--triples", str(size), "-o", str(data / "data.trig")],
                   check=True, cwd=REPO, stderr=subprocess.DEVNULL)
    setup = run_case("setup", data)
    log(f"[{size}] generated {setup['quads']} quads in {setup['graphs']} graphs ({time.perf_counter() - t0:.1f} s)")
    result: dict = {
        "data": {k: setup[k] for k in ("quads", "graphs", "distinct_triples", "trig_bytes")},
        "runs": runs,
        "load": {}, "cli": {}, "queries": {}, "serialize": {}, "other": {},
    }
    # cases that are one timed operation: one process per run, runs interleaved to spread noise
    per_run = {**{c: "cli" for c in CLI_CASES}, **{c: "load" for c in LOAD_CASES}, **{c: "other" for c in OTHER_CASES}}
    samples: dict[str, list[dict]] = {c: [] for c in per_run}
    for r in range(runs):
        for case in per_run:
            samples[case].append(run_case(case, data, extras=r == 0))
        log(f"[{size}] run {r + 1}/{runs} of load/cli cases done ({time.perf_counter() - t0:.1f} s)")
    for case, section in per_run.items():
        result[section][case] = summarize(samples[case])
    # cases with costly setup: one process, the operation repeated inside it
    for engine in ENGINES:
        result["queries"][engine] = run_case(f"query_{engine}", data, runs)
        log(f"[{size}] queries on {engine} done ({time.perf_counter() - t0:.1f} s)")
    for case in SER_CASES:
        result["serialize"][case] = run_case(case, data, runs)
        log(f"[{size}] {case} done ({time.perf_counter() - t0:.1f} s)")
    result["agreement"] = check_agreement(result)
    result["elapsed_seconds"] = time.perf_counter() - t0
    return result


def check_agreement(result: dict) -> dict:
    """Each query must give the same rows on every engine."""
    out = {}
    for q in QUERIES:
        digests = {e: result["queries"][e]["queries"][q]["digest"] for e in ENGINES}
        out[q] = len(set(digests.values())) == 1
        if not out[q]:
            log(f"WARNING: engines disagree on {q}: {digests}")
    return out


def machine() -> dict:
    from importlib.metadata import version

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "rdflib": version("rdflib"),
        "pyoxigraph": version("pyoxigraph"),
        "oxrdflib": version("oxrdflib"),
        "date": subprocess.run(["date"], capture_output=True, text=True).stdout.strip(),
        "commit": commit.strip(),
    }


# --- report ---------------------------------------------------------------------------------


def fmt_s(x: float) -> str:
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.1:
        return f"{x:.2f}"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_x(x: float) -> str:
    return f"{x:.1f}×" if x >= 1.95 else f"{x:.2f}×"


def wc(c: dict, key: str = "seconds") -> str:
    """`wall (CPU)` of one measured key."""
    cpu = c.get("process_cpu_seconds" if key == "process_seconds" else "cpu_" + key)
    return fmt_s(c[key]) + ("" if cpu is None else f" ({fmt_s(cpu)})")


def markdown(doc: dict) -> str:  # noqa: C901
    lines = [
        "Written by `bench/store_engines.py` (see `bench/README.md`); raw figures, every run, in",
        "`bench/results/store_engines.json`. Times are medians of the runs, in seconds unless marked, as",
        "`wall (CPU)`: CPU is the process's CPU time over the same span (all threads), so CPU well below",
        "wall means the case waited for a core or the disk. Ratios are of wall medians. Memory is the peak",
        "RSS (ru_maxrss) of the process that ran the case, interpreter and imports included (see `baseline`).",
        "The machine has 2 cores and other jobs may share it: compare within one size, not across runs.",
        "",
    ]
    for size_key in sorted(doc["sizes"], key=int):
        s = doc["sizes"][size_key]
        m = s["machine"]
        d = s["data"]
        lines += [
            f"## {int(size_key):,} quads",
            "",
            f"Run {m['date']} at commit {m['commit']}: `{s['command']}`; {s['runs']} run(s); "
            f"this size took {s['elapsed_seconds']:.0f} s. "
            f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
            f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}, oxrdflib {m['oxrdflib']}; "
            f"load average {s['loadavg_before']} before, {s['loadavg_after']} after.",
            "",
            f"Data: {d['quads']:,} quads in {d['graphs']:,} named graphs ({d['distinct_triples']:,} distinct triples), "
            f"TriG {d['trig_bytes'] / 1e6:.1f} MB.",
            "",
            "### Load",
            "",
            "| case | wall (CPU) | × pyoxigraph memory | × rdflib | peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        load = s["load"]
        ox_t = load["load_ox_memory"]["seconds"]
        rd_t = load["load_rdflib"]["seconds"]
        for case, label in LOAD_CASES.items():
            c = load[case]
            lines.append(f"| {label} | {wc(c)} | {fmt_x(c['seconds'] / ox_t)} | "
                         f"{fmt_x(c['seconds'] / rd_t)} | {c['peak_rss_mb']:.0f} |")
        kg = load["load_kg_store"]
        base = s["other"]["baseline"]
        lines += [
            "",
            f"`kg.store.replace_graphs` into an empty on-disk store: {wc(kg)}, "
            f"{fmt_x(kg['seconds'] / load['load_ox_disk_bulk']['seconds'])} pyoxigraph bulk_load and "
            f"{fmt_x(kg['seconds'] / load['load_ox_disk_txn']['seconds'])} pyoxigraph load (one transaction) on disk. "
            f"Replacing the same graphs again (a rebuild: `DROP` + `INSERT DATA` in one update) takes "
            f"{wc(kg, 'rebuild_seconds')}. "
            f"Measured in the first run only: rdflib writing the update's N-Triples text takes "
            f"{wc(kg, 'rdflib_nt_seconds')} (pyoxigraph terms written by pyoxigraph: {wc(kg, 'to_ox_nt_seconds')}), "
            f"so about {fmt_s(kg['seconds'] - kg['rdflib_nt_seconds'])} is Oxigraph parsing and running the "
            f"`INSERT DATA` update; two other write paths from the same Graphs: convert to pyoxigraph terms and "
            f"one `Store.extend` (a transaction) into an empty on-disk store, {wc(kg, 'alt_extend_seconds')}; "
            f"write N-Quads with pyoxigraph, `bulk_load` them into a new directory and rename it into place, "
            f"{wc(kg, 'alt_bulk_swap_seconds')}. "
            f"Building the rdflib Graphs that the loaders hand over (not timed above) takes "
            f"{wc(kg, 'prep_seconds')} and brings the process to {kg['prep_peak_rss_mb']:.0f} MB; "
            f"a process that only imports the libraries peaks at {base['peak_rss_mb']:.0f} MB "
            f"and takes {wc(base, 'process_seconds')} to start and exit.",
            "",
            f"### One-shot CLI query (`{CLI_QUERY}`), a new process each time",
            "",
            "| case | process wall (CPU) | open or parse | query | peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for case, label in CLI_CASES.items():
            c = s["cli"].get(case) or load[case]
            lines.append(f"| {label} | {wc(c, 'process_seconds')} | {wc(c, 'open_seconds')} | "
                         f"{wc(c, 'query_seconds')} | {c['peak_rss_mb']:.0f} |")
        q = s["queries"]
        lines += [
            "",
            "### SPARQL queries (union of all graphs as the default graph), wall (CPU)",
            "",
            "| query | rows | " + " | ".join(ENGINE_LABELS[e] for e in ENGINES)
            + " | rdflib ÷ pyoxigraph | oxrdflib ÷ pyoxigraph | kg.store ÷ pyoxigraph | rdflib ÷ kg.store"
            + " | same rows |",
            "| --- | ---: | " + " | ".join("---:" for _ in ENGINES) + " | ---: | ---: | ---: | ---: | :---: |",
        ]
        for name in QUERIES:
            t = {e: q[e]["queries"][name]["seconds"] for e in ENGINES}
            ox_q = t["pyoxigraph"]
            lines.append(
                f"| `{name}` | {q['pyoxigraph']['queries'][name]['rows']:,} | "
                + " | ".join(wc(q[e]["queries"][name]) for e in ENGINES)
                + f" | {fmt_x(t['rdflib'] / ox_q)} | {fmt_x(t['oxrdflib'] / ox_q)} | {fmt_x(t['kg_store'] / ox_q)} | "
                + f"{fmt_x(t['rdflib'] / t['kg_store'])} | "
                + ("yes" if s["agreement"][name] else "**NO**") + " |")
        lines += [
            "| load or open before the queries | | " + " | ".join(wc(q[e], "load_seconds") for e in ENGINES)
            + " | | | | | |",
            "| peak RSS MB (load + queries) | | " + " | ".join(f"{q[e]['peak_rss_mb']:.0f}" for e in ENGINES)
            + " | | | | | |",
            "| `COUNT(*)` over the union (not timed) | | " + " | ".join(f"{q[e]['union_count']:,}" for e in ENGINES)
            + " | | | | | |",
            "",
            "### Turtle serialization of the union",
            "",
            "| case | wall (CPU) | × pyoxigraph raw | × rdflib | output MB | peak RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        ser = s["serialize"]
        raw = ser["ser_ox_raw"]["seconds"]
        rdf = ser["ser_rdflib"]["seconds"]
        for case, label in SER_CASES.items():
            c = ser[case]
            lines.append(f"| {label} | {wc(c)} | {fmt_x(c['seconds'] / raw)} | "
                         f"{fmt_x(c['seconds'] / rdf)} | {c['bytes'] / 1e6:.1f} | {c['peak_rss_mb']:.0f} |")
        c = ser["ser_ox_raw"]
        lines.append(f"| pyoxigraph `Store.dump` TriG (all in Rust) | {wc(c, 'dump_trig_seconds')} | "
                     f"{fmt_x(c['dump_trig_seconds'] / raw)} | {fmt_x(c['dump_trig_seconds'] / rdf)} | "
                     f"{c['dump_trig_bytes'] / 1e6:.1f} | |")
        lines.append("")
    lines += [
        "## The queries",
        "",
    ]
    for name, (title, body) in QUERIES.items():
        lines += [f"`{name}`: {title}.", "", "```sparql", body.strip(), "```", ""]
    return "\n".join(lines)


MARKER = "<!-- Everything below is written by bench/store_engines.py; edit only above this line. -->"


def write_markdown(doc: dict) -> None:
    """Rewrite the generated part of RESULTS.md, keeping the hand-written findings above the marker."""
    head = "# Store engines: rdflib vs pyoxigraph vs oxrdflib vs kg.store\n\n"
    if RESULTS_MD.exists() and MARKER in (old := RESULTS_MD.read_text()):
        head = old.split(MARKER, 1)[0]
    RESULTS_MD.write_text(head + MARKER + "\n\n" + markdown(doc))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--large", action="store_true", help=f"also measure {LARGE_SIZE:,} quads (1 run)")
    ap.add_argument("--sizes", help="comma-separated sizes instead of the defaults, e.g. 10000,100000")
    ap.add_argument("--runs", type=int, default=3, help="runs per case (default 3; sizes >= 1M always run once)")
    ap.add_argument("--workdir", help="where data and stores go (default: a temporary folder, removed at the end)")
    ap.add_argument("--no-write", action="store_true", help="print the JSON, do not write bench/results or RESULTS.md")
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    ap.add_argument("--extras", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.case:  # child process
        print(json.dumps(child(args.case, Path(args.dir), args.runs, args.extras)))
        return 0

    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else list(DEFAULT_SIZES)
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    command = " ".join([".venv/bin/python", "bench/store_engines.py", *(argv if argv is not None else sys.argv[1:])])
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    info = machine()
    doc = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() and not args.no_write else {"sizes": {}}
    try:
        for size in sizes:
            before = os.getloadavg()
            res = bench_size(size, workdir, 1 if size >= LARGE_SIZE else args.runs)
            res["loadavg_before"] = round(before[0], 2)
            res["loadavg_after"] = round(os.getloadavg()[0], 2)
            res["machine"] = info
            res["command"] = command
            doc["sizes"][str(size)] = res
            if not args.no_write:  # after each size, so a long run keeps what it measured
                RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
                RESULTS_JSON.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
                write_markdown(doc)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.no_write:
        print(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False))
    else:
        log(f"wrote {RESULTS_JSON.relative_to(REPO)} and {RESULTS_MD.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
