"""Every library query, kg vs pyoxigraph direct on the same text, in one process, interleaved.

    python bench/queries.py --store 100k=/tmp/q-100k --store 1M=/tmp/q-1M [--runs 5] [--only NAME]

For each case of `bench/run.py`'s `query_cases` (the parameters a user would pass, picked from
the data by `pick_params`, and the full listings) it times, run after run in turn:

* `kg`: `kg.query.run_query` (the parameters inlined as VALUES blocks of escaped terms);
* `pyoxigraph`: `Store.query` on exactly the text kg sends (`kg.query.inline_parameters`);
* `substitutions` (with `--substitutions`): the old way, the query text with the parameters
  bound through `substitutions=` (planned before the values are known).

A case whose first run takes over `--slow` seconds is not repeated. It prints a table and writes
bench/results/queries.json (medians in seconds, rows, and whether kg's rows equal pyoxigraph's).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kg import query as kq  # noqa: E402


def _suite():
    spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows_kg(store: ox.Store, info: kq.QueryInfo, values: dict[str, str]) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in kq.run_query(store, info, values).rows]


def _rows_direct(store: ox.Store, text: str, hidden: set[str], subst: dict | None = None) -> list[tuple[str, ...]]:
    answer = store.query(text, use_default_graph_as_union=True, substitutions=subst or None)
    keep = [i for i, v in enumerate(answer.variables) if v.value not in hidden]
    return [tuple("" if s[i] is None else s[i].value for i in keep) for s in answer]


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def measure(size: str, folder: Path, runs: int, slow: float, only: set[str], subst: bool) -> dict:
    suite = _suite()
    store = ox.Store.read_only(str(folder))
    params = suite.pick_params(store)
    cases = suite.query_cases(params)
    out: dict[str, dict] = {}
    for label, name, values in cases:
        if only and name not in only:
            continue
        info = kq.load_query(name)
        hidden = {p.name for p in info.params} - set(info.columns)
        text = kq.inline_parameters(info, values)
        plain, _ = kq.full_text(info)
        terms = kq._bind(info, values)
        engines = {
            "kg": lambda info=info, values=values: _rows_kg(store, info, values),
            "pyoxigraph": lambda text=text, hidden=hidden: _rows_direct(store, text, hidden),
        }
        if subst:
            engines["substitutions"] = lambda plain=plain, hidden=hidden, terms=terms: _rows_direct(
                store, plain, hidden, terms
            )
        times: dict[str, list[float]] = {e: [] for e in engines}
        rows: dict[str, list] = {}
        for i in range(runs):
            for engine, fn in engines.items():
                if i and times[engine] and times[engine][0] > slow:
                    continue
                seconds, got = _timed(fn)
                times[engine].append(seconds)
                rows[engine] = got  # type: ignore[assignment]
        med = {e: statistics.median(t) for e, t in times.items()}
        entry = {
            "query": name,
            "params": values,
            "median_s": med,
            "runs": times,
            "rows": len(rows["kg"]),
            "same_rows_as_pyoxigraph": sorted(rows["kg"]) == sorted(rows["pyoxigraph"]),
        }
        if subst:
            entry["same_rows_as_substitutions"] = sorted(rows["kg"]) == sorted(rows["substitutions"])
        entry["ratio_kg_to_pyoxigraph"] = med["kg"] / med["pyoxigraph"] if med["pyoxigraph"] else None
        out[label] = entry
        extra = f"  subst {med['substitutions'] * 1000:10.1f} ms" if subst else ""
        print(
            f"{size:>5} {label:34} kg {med['kg'] * 1000:9.1f} ms  pyoxigraph {med['pyoxigraph'] * 1000:9.1f} ms"
            f"  x{entry['ratio_kg_to_pyoxigraph'] or 0:5.2f}  rows {entry['rows']:6d}"
            f"  {'same' if entry['same_rows_as_pyoxigraph'] else 'DIFFERENT'}{extra}",
            flush=True,
        )
    return {"store": str(folder), "quads": len(store), "params": params, "cases": out}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", action="append", required=True, help="SIZE=DIR of a pyoxigraph store")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow", type=float, default=2.0, help="do not repeat a case slower than this (s)")
    parser.add_argument("--only", action="append", default=[], help="only this query (repeatable)")
    parser.add_argument("--substitutions", action="store_true", help="also time the old substitutions= way")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "queries.json")
    args = parser.parse_args(argv)
    results = {
        "command": "python bench/queries.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": {"python": platform.python_version(), "pyoxigraph": ox.__version__, "cpus": 2},
        "sizes": {},
    }
    for spec in args.store:
        size, _, folder = spec.partition("=")
        results["sizes"][size] = measure(size, Path(folder), args.runs, args.slow, set(args.only), args.substitutions)
    from kg.export import write_atomically

    write_atomically((json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode(), str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
