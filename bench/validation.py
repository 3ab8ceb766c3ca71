"""Full and incremental SHACL validation: kg's SPARQL engine (kg.shacl) against pySHACL.

Self-contained: generates the synthetic graphs with bench/generate.py, bulk-loads each into a
temporary on-disk pyoxigraph store (plus the ontology graph, as `kg build` writes it), then times

* full validation with the SPARQL engine (`validate_store(store)`), every size;
* full validation with pySHACL (`validate_store(store, engine="pyshacl")`), up to --pyshacl-max,
  and whether both engines gave the same results (focus, path, component, value, severity,
  message, shape);
* incremental: one document graph is dropped and loaded again (what `kg build` does with one new
  article), then only what it touched is validated (`validate_store(store, graphs=[g])`); the
  time covers the load and the validation.

    .venv/bin/python bench/validation.py                      # 10k, 100k, 1M
    .venv/bin/python bench/validation.py --sizes 10000 --runs 3 --json /tmp/v.json

Medians of --runs runs. Jena SHACL is not run here (bench/ suite does that where installed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg import ids  # noqa: E402
from kg.store import Store  # noqa: E402
from kg.validate import ValidationReport, validate_store  # noqa: E402


def generate(triples: int, directory: Path) -> Path:
    out = directory / f"kg-{triples}.nq"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(triples), "--format", "nquads"]
        + ["-o", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def load(nquads: Path, directory: Path) -> Store:
    path = directory / "store"
    raw = ox.Store(str(path))
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    raw.bulk_load(
        path=str(ROOT / "ontology" / "kg.ttl"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(str(ids.ONTOLOGY_GRAPH)),
    )
    raw.flush()
    del raw
    return Store(path)


def results(report: ValidationReport) -> set[tuple]:
    return {
        (e.iri, p.path, p.constraint, p.value, p.severity, p.message, p.shape)
        for e in report.entities
        for p in e.problems
    }


def timed(fn, runs: int):
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def incremental(store: Store, runs: int) -> tuple[float, int, int]:
    """Reload the last document graph and validate what it holds; (seconds, quads, focus problems)."""
    graph = sorted(g for g in store.graph_names() if "/graph/doc/" in g)[-1]
    quads = list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def once():
        store.ox.remove_graph(ox.NamedNode(graph))
        store.ox.extend(quads)
        return validate_store(store, graphs=[graph])

    seconds, report = timed(once, runs)
    return seconds, len(quads), len(report.entities)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--pyshacl-max", type=int, default=100_000, help="largest size pySHACL runs on")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args(argv)

    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="kg-bench-validation-") as tmp:
            directory = Path(tmp)
            store = load(generate(size, directory), directory)
            row: dict = {"target_quads": size, "quads": len(store)}
            row["sparql_s"], fast = timed(lambda s=store: validate_store(s, engine="sparql"), args.runs)
            assert fast.engine == "sparql", fast.engine_note
            row["problems"] = len(results(fast))
            if size <= args.pyshacl_max:
                row["pyshacl_s"], reference = timed(lambda s=store: validate_store(s, engine="pyshacl"), args.runs)
                row["identical"] = results(fast) == results(reference) and fast.to_turtle() == reference.to_turtle()
                row["speedup"] = row["pyshacl_s"] / row["sparql_s"]
            row["incremental_s"], row["incremental_quads"], row["incremental_entities"] = incremental(store, args.runs)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            del store

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"pyoxigraph {ox.__version__}; load average at the end {os.getloadavg()[0]:.1f}; medians of {args.runs} run(s)."
    )
    print()
    print(
        "| quads | SPARQL engine (s) | pySHACL (s) | speed-up | identical | incremental: reload 1 doc + validate (s) |"
    )
    print("| ---: | ---: | ---: | ---: | --- | ---: |")
    for r in rows:
        py = f"{r['pyshacl_s']:.1f}" if "pyshacl_s" in r else "not run"
        speed = f"{r['speedup']:.1f}x" if "speedup" in r else ""
        same = {True: "yes", False: "NO"}.get(r.get("identical"), "")
        print(
            f"| {r['quads']:,} | {r['sparql_s']:.1f} | {py} | {speed} | {same} | "
            f"{r['incremental_s']:.2f} ({r['incremental_quads']} quads) |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
