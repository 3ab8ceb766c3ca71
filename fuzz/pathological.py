"""Pathological inputs: long repetitive strings through the extractor, checking that time grows
linearly with the length (regex backtracking and nested loops show up as an exponent near 2).

    .venv/bin/python fuzz/pathological.py [--sizes 10000,20000,40000,80000] [--max-exponent 1.3]

For each pattern, the text is the pattern repeated to each size (one line: the worst case for the
sentence splitter); the CPU time of `extract_article` is fitted as time ~ size^k by least squares
on the log-log points. Exits 1 when some k exceeds --max-exponent. Not part of the test suite
(timings belong in benchmarks); tests/test_bad_input.py and tests/test_hardening.py hold fast
regression tests for what it found.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from kg.extract import extract_article
from kg.reference import load_reference

PATTERNS = {
    "names": "Nguyễn ",
    "comma-list": "a, ",
    "digits": "1.234.567,89 ",
    "titles": "Ông Bà ",
    "dots": ".",
    "initials": "A. B. ",
    "sentence": "Ông Nguyễn Văn An, Bí thư Tỉnh ủy, phát biểu. ",
    "dates": "15/1/2025 ngày 15 tháng 1 năm 2025 ",
    "symbols": "18-NQ/TW 176/2025/QH15 ",
    "parens": "(",
    "percent": "59,57% ",
    "id-title": "Wakil Ketua Komite Rakyat Provinsi ",
}


def exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-4)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,20000,40000,80000")
    parser.add_argument("--max-exponent", type=float, default=1.3)
    parser.add_argument("--only", help="comma-separated pattern names")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    ref = load_reference()
    extract_article("Ông A.", "warm.txt", ref)  # build the lexicon once, outside the timings
    worst = 0.0
    names = args.only.split(",") if args.only else list(PATTERNS)
    for name in names:
        unit = PATTERNS[name]
        points = []
        for n in sizes:
            text = (unit * (n // len(unit) + 1))[:n]
            start = time.process_time()
            extract_article(text, "pathological.txt", ref)
            points.append((n, time.process_time() - start))
        k = exponent(points)
        worst = max(worst, k)
        times = "  ".join(f"{n // 1000}k {t:6.2f}s" for n, t in points)
        flag = "  <-- super-linear" if k > args.max_exponent else ""
        print(f"{name:11} {times}  exponent {k:4.2f}{flag}", flush=True)
    print(f"worst exponent {worst:.2f} (limit {args.max_exponent})")
    return 1 if worst > args.max_exponent else 0


if __name__ == "__main__":
    sys.exit(main())
