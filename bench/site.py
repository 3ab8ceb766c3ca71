"""How long `kg site` takes, how much memory it needs and how big the site gets.

Stores measured: the 27-article fixture plus the seed (what tests/test_site.py builds), and
synthetic graphs from bench/generate.py at the given sizes (loaded with `kg build`). Each `kg
site` runs in its own process; wall time (with Python start-up) and that process's peak RSS are recorded.

    .venv/bin/python bench/site.py                      # fixture + 10k + 100k quads
    .venv/bin/python bench/site.py --sizes 30000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = str(Path(sys.executable).parent / "kg")
sys.path.insert(0, str(ROOT))

from kg.store import Store  # noqa: E402

# `kg site` in a fresh process that prints its own peak RSS (KiB) when done
RUN = """
import resource, sys
from kg.cli import run
code = run(["site", "-o", sys.argv[1], "--store", sys.argv[2]])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def measure(store: Path, work: Path, runs: int) -> dict:
    times, peaks = [], []
    pages = size = 0
    for i in range(runs):
        out = work / f"site-{i}"
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", RUN, str(out), str(store)], check=True, capture_output=True,
                              text=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(proc.stdout.split()[-1]))
        pages, size = folder_size(out)
    quads = len(Store(store, read_only=True))
    return {"quads": quads, "pages": pages, "bytes": size, "seconds": sorted(times),
            "median_s": sorted(times)[len(times) // 2], "peak_rss_mb": round(max(peaks) / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic graph sizes (quads)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-fixture", action="store_true")
    ap.add_argument("-o", "--output", default=str(ROOT / "bench" / "results" / "site.json"))
    args = ap.parse_args(argv)
    results = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kg-bench-site-") as tmp:
        work = Path(tmp)
        if not args.no_fixture:
            store = work / "fixture-store"
            articles = [str(ROOT / "tests" / "fixtures" / "articles"), str(ROOT / "seeds" / "articles")]
            subprocess.run([KG, "build", "--store", str(store), "--quiet", *articles], check=True, capture_output=True)
            results.append({"graph": "27 fixture articles + seed (with the reference data)",
                            **measure(store, work, args.runs)})
        for size in args.sizes:
            trig = work / f"synthetic-{size}.trig"
            generate = [sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", str(size), "-o", str(trig)]
            subprocess.run(generate, check=True, capture_output=True)
            store = work / f"store-{size}"
            # kg build takes RDF files too: the synthetic graph plus the ontology and reference data
            subprocess.run([KG, "build", "--store", str(store), "--quiet", str(trig)], check=True, capture_output=True)
            results.append({"graph": f"synthetic {size} quads (bench/generate.py)", **measure(store, work, args.runs)})
    report = {"machine": f"{platform.machine()}, {platform.processor() or '?'}, python {platform.python_version()}",
              "command": "bench/site.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              # the machine is shared: a load far above its 2 cores stretches every time here
              "load_average_1min_before_after": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
              "results": results}
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'graph':55} {'quads':>8} {'pages':>6} {'MB':>6} {'median s':>9} {'peak MB':>8}")
    for r in results:
        print(f"{r['graph']:55} {r['quads']:>8} {r['pages']:>6} {r['bytes'] / 1e6:>6.1f} {r['median_s']:>9.2f} "
              f"{r['peak_rss_mb']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
