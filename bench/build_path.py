"""The build write path at scale: `kg build FILE.nq` vs a raw pyoxigraph bulk load of the same file.

Self-contained: every case runs in a fresh process under `/usr/bin/time` (wall time and peak RSS),
each into a fresh temporary store. Cases, for each N-Quads file given:

* raw      `pyoxigraph.Store(dir).bulk_load(path=FILE)`: the floor.
* build    `kg build --store DIR FILE` into an empty store (also loads the ontology and the
           reference data, ~28k triples more than raw).
* again    the same command again: nothing changed, nothing is extracted or written.
* article  `kg build --store DIR ARTICLE`: one new seed article into that store (a transaction).
* article2 the same article edited (a replaced document).

    python bench/generate.py --triples 1000000 --format nquads -o /tmp/kg-1m.nq
    python bench/build_path.py /tmp/kg-1m.nq [--runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "articles" / "000_542332e553f9f8df.txt"
RAW = "import sys, pyoxigraph as ox; ox.Store(sys.argv[1]).bulk_load(path=sys.argv[2])"


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one process.

    On a shared machine CPU time is the steadier figure: wall time includes waiting for a core."""
    out = subprocess.run(["/usr/bin/time", "-f", "KGTIME %e %U %S %M", *cmd], capture_output=True, text=True,
                         env=env)
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    line = [x for x in out.stderr.splitlines() if x.startswith("KGTIME ")][-1]
    wall, user, system, rss = line.split()[1:]
    return float(wall), float(user) + float(system), int(rss) // 1024


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def one_run(data: Path, work: Path) -> dict[str, tuple[float, float, int]]:
    res = {}
    raw_dir, store = work / "raw", work / "store"
    res["raw"] = timed([sys.executable, "-c", RAW, str(raw_dir), str(data)])
    env = {**os.environ, "KG_CACHE": str(work / "cache")}
    timed(kg("build", "-q", "--store", str(work / "warm"), str(ARTICLE)), env)  # fills the reference cache
    res["build"] = timed(kg("build", "-q", "--store", str(store), str(data)), env)
    res["again"] = timed(kg("build", "-q", "--store", str(store), str(data)), env)
    article = work / "articles" / "bench_article.txt"
    article.parent.mkdir()
    shutil.copyfile(ARTICLE, article)
    res["article"] = timed(kg("build", "-q", "--store", str(store), str(article)), env)
    article.write_text(ARTICLE.read_text(encoding="utf-8") + "\nHanoi, 3 March 2025.\n", encoding="utf-8")
    res["article2"] = timed(kg("build", "-q", "--store", str(store), str(article)), env)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {}
    for data in args.files:
        with data.open("rb") as f:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="kg-build-path-") as tmp:
                runs.append(one_run(data, Path(tmp)))
        med = {case: (statistics.median(r[case][0] for r in runs), statistics.median(r[case][1] for r in runs),
                      max(r[case][2] for r in runs)) for case in runs[0]}
        results[data.name] = {"quads": lines, "runs": args.runs, "cases": {
            c: {"wall_s": w, "cpu_s": u, "peak_rss_mb": m} for c, (w, u, m) in med.items()}}
        raw_wall, raw_cpu = med["raw"][:2]
        print(f"## {data.name}: {lines} quads, median of {args.runs} run(s)")
        print("| case | wall s | x raw | CPU s | x raw | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: | ---: |")
        for c, (w, u, m) in med.items():
            print(f"| {c} | {w:.2f} | {w / raw_wall:.2f} | {u:.2f} | {u / raw_cpu:.2f} | {m} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
