"""The server path, measured: `kg push` and `kg query --endpoint` on the Oxigraph server and
Virtuoso, against the embedded store, for the seed graph and a generated 100k-quad graph.

Both engines are started here on loopback from temporary directories (as the backend tests do,
tests/backends.py) and stopped at the end. For each graph and engine: the push (Graph Store PUT
per named graph, then the per-graph count check) and every library query run remotely (median
of --runs; this includes kg's scoping request and, on Virtuoso, its row-count check) next to the
same query on the embedded store. A query that fails on an engine is recorded with its error.

    .venv/bin/python bench/server.py                       # seed + 100k, 3 runs: a few minutes
    .venv/bin/python bench/server.py --sizes 10000 --runs 1 --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import backends  # noqa: E402
import generate  # noqa: E402

from kg.query import list_queries, run_query  # noqa: E402
from kg.remote import Client, Credentials, Endpoint, RemoteError, push, run_remote  # noqa: E402
from kg.store import Store  # noqa: E402

# values for the required (and a few optional) parameters, per data set
SEED_PARAMS = {
    "body-hierarchy": {"body": "Thanh Hoa"}, "body-members": {"body": "Thanh Hoa"},
    "fact-sources": {"entity": "person:dau-thanh-tung"}, "person-documents": {"person": "Dau Thanh Tung"},
    "post-holders": {"post": "Vice Chairman", "on": "2025-01-15"}, "province-officials": {"province": "Thanh Hoa"},
}
GENERATED_PARAMS = {
    "body-hierarchy": {"body": "Government"}, "body-members": {"body": "Ministry of Finance"},
    "person-documents": {"person": "Nguyễn Văn"}, "post-holders": {"post": "Chairman", "on": "2020-06-01"},
    "province-officials": {"province": "Hà Nội"},
}


def seed_store(folder: Path) -> Store:
    """The seed graph as `kg build` writes it: the on-disk store kg queries."""
    from kg.cli import run

    path = folder / "seed"
    if run(["build", "-q", "--store", str(path)]) != 0:
        raise SystemExit("kg build failed")
    return Store(path, read_only=True)


def generated_store(folder: Path, triples: int) -> Store:
    """A generated graph in an on-disk kg store (as the embedded path would hold it)."""
    path = folder / f"generated-{triples}"
    with Store(path) as store:
        store.ox.bulk_extend(generate.generate(triples).quads())
        store.flush()
        del store.ox
    return Store(path, read_only=True)


def first_person(store: Store) -> str:
    answer = store.query("SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } ORDER BY ?p LIMIT 1")
    return next(iter(answer))[0].value


def median_time(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def measure(name: str, store: Store, params: dict, servers: dict, runs: int) -> dict:
    quads = len(store)
    graphs = len(store.graph_names())
    print(f"== {name}: {quads} quads in {graphs} graphs", file=sys.stderr)
    out: dict = {"quads": quads, "graphs": graphs, "engines": {}}
    embedded: dict[str, dict] = {}
    for info in list_queries():
        p = params.get(info.name, {})
        if any(not x.optional and x.name not in p for x in info.params):
            continue
        t, result = median_time(lambda info=info, p=p: run_query(store.ox, info, p), runs)
        embedded[info.name] = {"seconds": round(t, 4), "rows": len(result.rows), "params": p}  # type: ignore[attr-defined]
        print(f"    embedded {info.name}: {t:.3f} s", file=sys.stderr)
    out["embedded"] = embedded
    for engine, server in servers.items():
        with Client(server["credentials"]) as client:
            endpoint = server["endpoint"]
            push(Store(None), client, endpoint)  # an empty store: deletes the project's graphs there
            t = time.perf_counter()
            report = push(store, client, endpoint)
            first = time.perf_counter() - t
            again = []
            for _ in range(runs):
                t = time.perf_counter()
                push(store, client, endpoint)
                again.append(time.perf_counter() - t)
            row: dict = {"push_seconds": round(first, 3), "repush_seconds": round(statistics.median(again), 3),
                         "repush_runs": [round(x, 3) for x in again], "triples": report.triples, "queries": {}}
            print(f"  {engine}: push {row['push_seconds']} s, again {row['repush_seconds']} s", file=sys.stderr)
            for info in list_queries():
                if info.name not in embedded:
                    continue
                p = embedded[info.name]["params"]
                try:
                    t, result = median_time(
                        lambda info=info, p=p, client=client, endpoint=endpoint: run_remote(client, endpoint, info, p),
                        runs)
                    rows = len(result.rows)  # type: ignore[attr-defined]
                    row["queries"][info.name] = {"seconds": round(t, 4), "rows": rows,
                                                 "same_rows_as_embedded": rows == embedded[info.name]["rows"]}
                    print(f"    {info.name}: {t:.3f} s, {rows} rows", file=sys.stderr)
                except RemoteError as exc:
                    row["queries"][info.name] = {"error": str(exc)[:200]}
            out["engines"][engine] = row
    return out


def markdown(results: dict) -> str:
    lines = []
    for name, r in results["sets"].items():
        engines = list(r["engines"])
        lines.append(f"\n**{name}** ({r['quads']} quads, {r['graphs']} named graphs)\n")
        lines.append("| | embedded | " + " | ".join(engines) + " |")
        lines.append("| --- | ---: | " + " | ".join("---:" for _ in engines) + " |")
        lines.append("| `kg push` to an empty server (PUT per graph + count check) | – | "
                     + " | ".join(f"{r['engines'][e]['push_seconds']:.2f} s" for e in engines) + " |")
        lines.append("| `kg push` again (replaces every graph) | – | "
                     + " | ".join(f"{r['engines'][e]['repush_seconds']:.2f} s" for e in engines) + " |")
        for q, emb in r["embedded"].items():
            cells = []
            for e in engines:
                got = r["engines"][e]["queries"][q]
                if "error" in got:
                    cells.append("error")
                else:
                    mark = "" if got["same_rows_as_embedded"] else f" ({got['rows']} rows ≠ {emb['rows']})"
                    cells.append(f"{got['seconds'] * 1000:.0f} ms{mark}")
            lines.append(f"| `{q}` ({emb['rows']} rows) | {emb['seconds'] * 1000:.0f} ms | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000], help="generated graph sizes (quads)")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed graph")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", nargs="*", default=["Oxigraph server", "Virtuoso"])
    ap.add_argument("--no-write", action="store_true", help="print JSON to stdout instead of bench/results/")
    args = ap.parse_args(argv)
    oxigraph = backends.oxigraph_binary()
    if oxigraph is None or not backends.VIRTUOSO.is_file():
        raise SystemExit("needs the oxigraph binary (pip install 'kg[server]') and Virtuoso "
                         "(virtuoso-opensource-7-bin)")
    results: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "pyoxigraph": ox.__version__, "date": time.strftime("%Y-%m-%d")},
        "command": "python bench/server.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "runs": args.runs, "sets": {},
    }
    with tempfile.TemporaryDirectory(prefix="kg-bench-server-") as tmp:
        folder = Path(tmp)
        procs = []
        try:
            port = backends.free_port()
            log = folder / "oxigraph.log"
            procs.append(backends.start([str(oxigraph), "serve", "--location", str(folder / "ox"),
                                         "--bind", f"127.0.0.1:{port}"], log))
            backends.wait_http(f"http://127.0.0.1:{port}/query", procs[-1], log)
            vdir = folder / "virtuoso"
            vdir.mkdir()
            http_port, sql_port = backends.free_port(), backends.free_port()
            (vdir / "virtuoso.ini").write_text(backends.VIRTUOSO_INI.format(
                d=vdir, sql_port=sql_port, http_port=http_port, max_rows=1_000_000))
            vlog = vdir / "server.log"
            procs.append(backends.start([str(backends.VIRTUOSO), "+configfile", str(vdir / "virtuoso.ini"),
                                         "+foreground"], vlog, cwd=vdir))
            backends.wait_http(f"http://127.0.0.1:{http_port}/sparql", procs[-1], vlog, timeout=180)
            servers = {
                "Oxigraph server": {"endpoint": Endpoint.from_urls(f"http://127.0.0.1:{port}/query"),
                                    "credentials": None},
                "Virtuoso": {"endpoint": Endpoint.from_urls(f"http://127.0.0.1:{http_port}/sparql"),
                             "credentials": Credentials(backends.VIRTUOSO_USER, backends.VIRTUOSO_PASSWORD)},
            }
            servers = {k: v for k, v in servers.items() if k in args.engines}
            results["machine"]["load_average_at_start"] = [round(x, 1) for x in os.getloadavg()]
            if not args.no_seed:
                results["sets"]["seed"] = measure("seed", seed_store(folder), SEED_PARAMS, servers, args.runs)
            for size in args.sizes:
                store = generated_store(folder, size)
                params = dict(GENERATED_PARAMS, **{"fact-sources": {"entity": first_person(store)}})
                results["sets"][f"generated {size}"] = measure(f"generated {size}", store, params, servers, args.runs)
            results["machine"]["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
        finally:
            for proc in procs:
                backends.stop(proc)
    table = markdown(results)
    if args.no_write:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
        (ROOT / "bench" / "results" / "server.json").write_text(text)
        print("wrote bench/results/server.json", file=sys.stderr)
    print(table, file=sys.stderr if args.no_write else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
