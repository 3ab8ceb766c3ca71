"""10M quads: `kg build`, a few library queries with a user's parameters, full validation, one article.

    .venv/bin/python bench/tenm.py /tmp/kg-10m/data10m.nq --work /tmp/kg-10m --params /tmp/kg-bench/1M/params.json

The input is any N-Quads file (see bench/README.md for how the recorded one was made: the 1M file of
`generate.py` repeated ten times, the documents' IRIs renamed in copies 1-9, the reference graph once).
Each step is the command a user runs, in its own process: wall, CPU (user + system) and peak RSS come
from `os.wait4`; a step that runs past `--step-timeout` is killed and recorded as "> N s". The load
average is recorded at the start and end of each step. Results go to `bench/results/tenm.json`
(`--out`). The store is left in `--work` (delete it after).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from run import _commit, _load, machine, run_process  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))

# a few library queries, with the parameters a user would give (picked from the data by bench/run.py)
QUERIES = [
    ("provinces (as_of)", "provinces", {"as_of": "as_of"}),
    ("statistics (topic)", "statistics", {"topic": "topic"}),
    ("holdings (person, as_of)", "holdings", {"person": "person", "as_of": "as_of"}),
    ("body-members", "body-members", {"body": "members_body"}),
    ("person-documents", "person-documents", {"person": "person"}),
    ("directives (text)", "directives", {"text": "act_id"}),
]


def step(name: str, argv: list[str], timeout: float, log) -> dict:
    log(name)
    start_load = _load()
    p = run_process(argv, timeout)
    out = Path(p.pop("stdout"))
    text = out.read_text(errors="replace")
    out.unlink()
    result = {"step": name, "argv": [a if not a.startswith("/") else Path(a).name for a in argv],
              "wall": round(p["wall"], 3), "cpu": round(p["cpu"], 3), "peak_rss_mb": p["peak_rss_mb"],
              "exit": p["exit"], "load_start": start_load, "load_end": _load()}
    if p["timeout"]:
        result["error"] = f"timeout: > {timeout:.0f} s (killed)"
    elif p["exit"] not in (0, 1):
        result["error"] = p["stderr"][-600:]
    else:
        result["said"] = p["stderr"].strip().splitlines()[-1][:300] if p["stderr"].strip() else ""
        if text.lstrip().startswith(("[", "{")):
            try:
                data = json.loads(text)
                result["rows"] = len(data) if isinstance(data, list) else len(data.get("results", []))
                if isinstance(data, dict) and "conforms" in data:
                    result["conforms"] = data["conforms"]
            except ValueError:
                pass
    log(f"  {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, {result['peak_rss_mb']:.0f} MB"
        + (f", {result['error'][:80]}" if "error" in result else ""))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("nquads", type=Path)
    ap.add_argument("--work", type=Path, required=True, help="folder for the store (not the repository)")
    ap.add_argument("--params", type=Path, required=True, help="params.json written by bench/run.py at 1M")
    ap.add_argument("--step-timeout", type=float, default=1500, help="seconds per step (default 25 min)")
    ap.add_argument("--skip", default="", help="comma-separated steps to skip: build,raw,queries,validate,incremental")
    ap.add_argument("--queries", default="", help="comma-separated query names to run (default: all of QUERIES)")
    ap.add_argument("--keep", action="store_true", help="append to the steps already in --out (with --skip)")
    ap.add_argument("--query-timeout", type=float, default=600, help="seconds per query step")
    ap.add_argument("--out", type=Path, default=BENCH / "results" / "tenm.json")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    store = args.work / "store"
    params = json.loads(args.params.read_text())
    doc: dict = {"command": "python bench/tenm.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                 "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": _commit(),
                 "machine": machine(), "input": {"file": args.nquads.name, "bytes": args.nquads.stat().st_size},
                 "steps": []}

    if args.keep and args.out.exists():  # a later run of the remaining steps on the same store
        earlier = json.loads(args.out.read_text())
        doc["steps"] = earlier["steps"]
        doc["earlier_runs"] = earlier.get("earlier_runs", []) + [{k: earlier[k] for k in ("command", "date", "commit")}]

    def save() -> None:
        args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")

    t = args.step_timeout
    if "build" not in skip:
        shutil.rmtree(store, ignore_errors=True)
        doc["steps"].append(step("kg build FILE (empty store)",
                                 [KG, "build", "--quiet", "--store", str(store), str(args.nquads)], t, log))
        save()
    if "incremental" not in skip:
        article = sorted((ROOT / "tests" / "fixtures" / "articles").glob("en_0*.txt"))[0]
        doc["steps"].append(step("kg build ARTICLE (one new article)",
                                 [KG, "build", "--quiet", "--store", str(store), str(article)], t, log))
        doc["steps"].append(step("kg validate --document ARTICLE",
                                 [KG, "validate", "--store", str(store), "--document", article.name,
                                  "--format", "json"], t, log))
        save()
    if "queries" not in skip:
        for label, name, wanted in QUERIES:
            if args.queries and label.split(" (")[0] not in args.queries.split(","):
                continue
            argv_q = [KG, "query", name, "--store", str(store), "--format", "json"]
            for par, key in wanted.items():
                argv_q += ["-p", par, params[key]]
            r = step(f"kg query {label}", argv_q, min(t, args.query_timeout), log)
            r["params"] = {par: params[key] for par, key in wanted.items()}
            doc["steps"].append(r)
            save()
    if "validate" not in skip:
        doc["steps"].append(step("kg validate (full)", [KG, "validate", "--store", str(store), "--format", "json"],
                                 t, log))
        save()
    if "raw" not in skip:
        raw = args.work / "raw-store"
        shutil.rmtree(raw, ignore_errors=True)
        code = ("import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()")
        doc["steps"].append(step("raw pyoxigraph bulk_load", [sys.executable, "-c", code, str(raw), str(args.nquads)],
                                 t, log))
        shutil.rmtree(raw, ignore_errors=True)
        save()
    du = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) if store.exists() else 0
    doc["store_bytes"] = du
    save()
    log(f"done: {args.out}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
