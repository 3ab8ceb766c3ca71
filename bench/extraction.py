"""Article extraction: throughput, peak memory and quality against gold digests.

    .venv/bin/python bench/extraction.py [FOLDER ...] [--runs 3] [--out bench/results/extraction.json]

For every `.txt` in the folders (default: seeds/articles and tests/fixtures/articles):
* extraction alone (`kg.extract.extract_article`): articles/s and characters/s, median of --runs;
* the whole digest path (article -> RDF -> in-memory store -> SPARQL digest), per article;
* peak resident memory of the process (ru_maxrss);
* when a gold digest `<stem>.json` sits next to an article and ../shared/eval/score.py exists,
  precision/recall/F1 per category and per language, computed exactly as the scorer does.
Not a test: it records figures with the machine and the command to rerun.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import ids  # noqa: E402
from kg.build import reference_ntriples  # noqa: E402
from kg.digest import digest  # noqa: E402
from kg.extract import extract_article  # noqa: E402
from kg.loaders.article import _Builder, read_document  # noqa: E402
from kg.reference import load_reference  # noqa: E402
from kg.store import Store  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "date": subprocess.run(["date", "-u", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip()}


def load_scorer():
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path,
                    default=[ROOT / "seeds" / "articles", ROOT / "tests" / "fixtures" / "articles"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "extraction.json")
    args = ap.parse_args()

    articles = sorted(p for f in args.folders for p in f.glob("*.txt"))
    docs = [read_document(p) for p in articles]
    t0 = time.perf_counter()
    ref = load_reference()
    extract_article(docs[0].text, docs[0].name, ref)  # builds the lexicon once
    warmup = time.perf_counter() - t0

    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for d in docs:
            extract_article(d.text, d.name, ref)
        runs.append(time.perf_counter() - start)
    extract_s = statistics.median(runs)
    chars = sum(len(d.text) for d in docs)

    reference = reference_ntriples(ref)
    scorer = load_scorer()
    digests, per_doc = {}, []
    start = time.perf_counter()
    for d in docs:
        t = time.perf_counter()
        store = Store(None)
        ex = extract_article(d.text, d.name, ref)
        store.replace_graphs({ids.REFERENCE_GRAPH: reference,
                              ids.document_graph(d.key): _Builder(d, ex, ref).build()})
        digests[d.path] = digest(store, d.name)
        per_doc.append(time.perf_counter() - t)
    digest_s = time.perf_counter() - start

    quality: dict = {}
    if scorer is not None:
        by_lang: dict[str, dict] = {}
        for path, pred in digests.items():
            gold_path = path.with_suffix(".json")
            if not gold_path.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            scored = scorer.score_digest(gold, pred)["scores"]
            for lang in (gold.get("language") or "?", "all"):
                for cat, s in scored.items():
                    t = by_lang.setdefault(lang, {}).setdefault(cat, [0, 0, 0])
                    t[0] += s["tp"]
                    t[1] += s["pred"]
                    t[2] += s["gold"]
        quality = {lang: {cat: scorer.prf(*t) for cat, t in cats.items()} for lang, cats in sorted(by_lang.items())}

    result = {
        "machine": machine(),
        "command": "python bench/extraction.py " + " ".join(os.path.relpath(f, ROOT) for f in args.folders),
        "articles": len(docs), "characters": chars,
        "lexicon_build_s": round(warmup, 3),
        "extract_median_s": round(extract_s, 3),
        "extract_articles_per_s": round(len(docs) / extract_s, 1),
        "extract_chars_per_s": round(chars / extract_s),
        "digest_total_s": round(digest_s, 3),
        "digest_median_per_article_s": round(statistics.median(per_doc), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "quality": quality,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"{len(docs)} articles, {chars} characters; lexicon built in {warmup:.2f} s")
    print(f"extraction: {result['extract_articles_per_s']} articles/s ({result['extract_chars_per_s']} chars/s), "
          f"median of {args.runs} runs")
    print(f"article -> graph -> digest: median {result['digest_median_per_article_s']} s per article")
    print(f"peak RSS: {result['peak_rss_mb']} MB")
    if quality:
        cats = list(next(iter(quality.values())))
        print("\n| language | " + " | ".join(cats) + " |")
        print("|---|" + "---|" * len(cats))
        for lang, scores in quality.items():
            print(f"| {lang} | " + " | ".join(f"{scores[c]['f1']:.2f}" for c in cats) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
