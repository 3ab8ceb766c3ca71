"""The benchmark suite: one command, every case, ratios against the engines a user would pick.

    .venv/bin/python bench/run.py                          # 10k and 100k, 3 runs
    .venv/bin/python bench/run.py --sizes 10k,100k,1M      # the figures in RESULTS.md
    .venv/bin/python bench/run.py --quick                  # 10k, 1 run, a smoke test of the suite itself
    .venv/bin/python bench/run.py --sizes 100k --only query  # cases whose name contains "query"

For each size the data is generated once (bench/generate.py, seed 42) into the data folder
(`--data`, default /tmp/kg-bench; never the repository): `input.nq` (the synthetic graph plus the
ontology graph, as `kg build` writes it), `store/` (that file bulk-loaded, the store every read
case opens read-only), `union.nt` (the union as N-Triples, for Jena) and `params.json` (the query
parameters, picked from the data: the person with most holdings, the meeting with most
attendees ...). Then every case runs in its own process, `--runs` times; the parent reads that
process's peak RSS from `os.wait4` (tracemalloc would miss Rust and Java memory). Cases:

* build: kg's store write path (`kg.store.Store.rewrite` with a bulk load when the store has it,
  else `replace_graphs`) vs pyoxigraph `bulk_load`, rdflib `Dataset.parse`, Jena `riot --count`;
* export (Turtle, N-Triples): `kg.export.serialize` vs pyoxigraph `serialize` of the union's
  triples, rdflib `Graph.serialize`, Jena `riot --output` (which includes parsing);
* query: every `queries/*.rq` through `kg.query.run_query` vs the same text and bindings on
  pyoxigraph directly (same on-disk store) vs rdflib (`initBindings`); with the parameters a
  user would pass, and for queries whose parameters are all optional also without any (the full
  listing). Rows are compared across engines by a digest of the distinct sorted rows;
* validate: `kg validate` (the CLI, whatever engine it runs) vs Jena `shacl validate` on the
  union; incremental: one new article loaded into a copy of the store (`kg build ARTICLE`), then
  its entities validated (`kg validate --document ARTICLE`);
* analytics: `kg.analyze.centrality` on the person graph;
* extraction: synthetic articles (bench/articles.py), articles/s and peak memory.

Results: `bench/results/suite-<size>.json` (every run) and the generated part of
`bench/RESULTS.md` (between the suite markers; the hand-written findings above are kept).
Figures are wall-clock medians; CPU time is recorded beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import pyoxigraph as ox  # noqa: E402

RESULTS = BENCH / "results"
RESULTS_MD = BENCH / "RESULTS.md"
BEGIN = "<!-- suite:begin: written by bench/run.py; edit only outside these markers -->"
END = "<!-- suite:end -->"
MB = 1024 * 1024
QUERY_TARGET_S = 0.100
# at 1M, rdflib (parsing alone takes minutes) answers only these
RDFLIB_FEW = ("provinces (as_of)", "statistics (topic)", "body-members", "holdings (person, as_of)")
SIZE_WORDS = {"k": 1_000, "M": 1_000_000}


def parse_size(text: str) -> int:
    text = text.strip()
    if text[-1] in SIZE_WORDS:
        return int(float(text[:-1]) * SIZE_WORDS[text[-1]])
    return int(text)


def size_name(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# ============================================================================ data preparation


def live_path(store: Path) -> Path:
    """The Oxigraph directory of a kg store folder (what pyoxigraph opens directly)."""
    from kg.store import live_path as kg_live_path

    return kg_live_path(store)


def prepare(size: int, data_root: Path, log: Callable[[str], None]) -> Path:
    """Generate (once) the input, the read store, the union N-Triples and the query parameters."""
    folder = data_root / size_name(size)
    folder.mkdir(parents=True, exist_ok=True)
    generated, nq = folder / "generated.nq", folder / "input.nq"
    if not generated.exists():
        log(f"generating {size_name(size)} quads")
        tmp = folder / "generated.nq.tmp"
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--triples", str(size), "--format", "nquads",
                        "-o", str(tmp)], check=True)
        tmp.rename(generated)
    if not nq.exists():
        from kg import ids
        from kg.resources import ontology_dir

        tmp = folder / "input.nq.tmp"
        shutil.copyfile(generated, tmp)
        onto = ox.parse(path=ontology_dir() / "kg.ttl", format=ox.RdfFormat.TURTLE)
        graph = ox.NamedNode(str(ids.ONTOLOGY_GRAPH))
        with open(tmp, "ab") as fh:
            ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for t in onto), fh, ox.RdfFormat.N_QUADS)
        tmp.rename(nq)
    store = folder / "store"
    if not (store / "current").exists():
        log(f"kg build of the read store ({size_name(size)}): the store a user has, with its manifest")
        from kg.build import build
        from kg.store import Store

        shutil.rmtree(store, ignore_errors=True)
        with Store(store) as s:
            build(s, [generated])
    live = str(live_path(store))
    nt = folder / "union.nt"
    if not nt.exists():
        log("writing the union as N-Triples (for Jena)")
        from kg.export import serialize
        from kg.store import Store

        data = serialize(Store(store, read_only=True), "ntriples")
        tmp = nt.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.rename(nt)
    params = folder / "params.json"
    if not params.exists():
        params.write_text(json.dumps(pick_params(ox.Store.read_only(live)), indent=1, ensure_ascii=False))
    return folder


_PICK = {
    # the person with most holdings
    "person_iri": """SELECT ?x (COUNT(DISTINCT ?h) AS ?n) WHERE { ?h org:member ?x }
                     GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    # the meeting with most attendees
    "meeting": """SELECT ?x (COUNT(DISTINCT ?a) AS ?n) WHERE { ?x a schema:Event ; schema:attendee ?a }
                  GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    # the body with most holdings, and the body with most direct sub-bodies
    "members_body": """SELECT ?x (COUNT(DISTINCT ?h) AS ?n) WHERE { ?h org:organization ?x }
                       GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "tree_body": """SELECT ?x (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c org:subOrganizationOf ?x }
                    GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    # the role held most often, the area with most bodies, the most cited directive
    "role": """SELECT ?x (COUNT(DISTINCT ?h) AS ?n) WHERE { ?h opengov:post ?p . ?p org:role ?x }
               GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "area": """SELECT ?x (COUNT(DISTINCT ?b) AS ?n)
               WHERE { ?b kg:location ?x . ?x kg:areaLevel ?level FILTER(?level NOT IN (kg:Country, kg:District)) }
               GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "act": """SELECT ?x (COUNT(*) AS ?n) WHERE { ?x a eli:LegalResource ; ?p ?o }
              GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
}


def pick_params(store: ox.Store) -> dict[str, str]:
    from kg.namespaces import PREFIXES

    head = "".join(f"PREFIX {p}: <{i}>\n" for p, i in sorted(PREFIXES.items()))

    def one(query: str) -> str:
        rows = list(store.query(head + query, use_default_graph_as_union=True))
        return rows[0][0].value if rows else ""

    def label(iri: str, pred: str = "skos:prefLabel", lang: str = "en") -> str:
        if not iri:
            return ""
        return one(f"SELECT (MIN(STR(?l)) AS ?x) "
                   f"WHERE {{ <{iri}> {pred} ?l FILTER(LANG(?l) = '{lang}' || LANG(?l) = '') }}")

    picked = {k: one(q) for k, q in _PICK.items()}
    person_name = one(f"SELECT (MIN(STR(?l)) AS ?x) WHERE {{ <{picked['person_iri']}> foaf:name ?l }}") or label(
        picked["person_iri"])
    act_id = one(f"SELECT (MIN(STR(?l)) AS ?x) WHERE {{ <{picked['act']}> eli:id_local ?l }}")
    return {
        "person": person_name,
        "person_iri": picked["person_iri"],
        "meeting": picked["meeting"],
        "members_body": label(picked["members_body"]),
        "tree_body": label(picked["tree_body"]),
        "post": label(picked["role"]),
        "province": label(picked["area"]),
        "act_id": act_id,
        "as_of": "2024-06-30",
        "since": "2024-01-01",
        "until": "2024-06-30",
        "lang": "vi",
        "topic": "households",
    }


def query_cases(p: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    """(case label, query name, parameters): what a user would ask, and the full listings."""
    cases = [
        ("attendance-capacity (meeting)", "attendance-capacity", {"meeting": p["meeting"]}),
        ("attendance-capacity (person)", "attendance-capacity", {"person": p["person"]}),
        ("attendance-capacity (all)", "attendance-capacity", {}),
        ("body-hierarchy", "body-hierarchy", {"body": p["tree_body"]}),
        ("body-members", "body-members", {"body": p["members_body"]}),
        ("co-attendance (person)", "co-attendance", {"person": p["person"]}),
        ("co-attendance (all)", "co-attendance", {}),
        ("directives (text)", "directives", {"text": p["act_id"]}),
        ("directives (all)", "directives", {}),
        ("documents (lang)", "documents", {"lang": p["lang"]}),
        ("documents (all)", "documents", {}),
        ("fact-sources", "fact-sources", {"entity": p["person_iri"]}),
        ("holdings (person, as_of)", "holdings", {"person": p["person"], "as_of": p["as_of"]}),
        ("holdings (all)", "holdings", {}),
        ("meetings (since, until)", "meetings", {"since": p["since"], "until": p["until"]}),
        ("meetings (all)", "meetings", {}),
        ("party-and-state (as_of)", "party-and-state", {"as_of": p["as_of"]}),
        ("party-and-state (all)", "party-and-state", {}),
        ("person-documents", "person-documents", {"person": p["person"]}),
        ("post-holders", "post-holders", {"post": p["post"], "on": p["as_of"]}),
        ("province-officials (as_of)", "province-officials", {"province": p["province"], "as_of": p["as_of"]}),
        ("provinces (as_of)", "provinces", {"as_of": p["as_of"]}),
        ("provinces (all)", "provinces", {}),
        ("statistics (topic)", "statistics", {"topic": p["topic"]}),
        ("statistics (all)", "statistics", {}),
    ]
    from kg.query import list_queries

    known = {q.name for q in list_queries()}
    covered = {name for _, name, _ in cases}
    # a query added to the library later is still measured: with no parameters when it needs none
    for q in list_queries():
        if q.name not in covered and all(par.optional for par in q.params):
            cases.append((f"{q.name} (all)", q.name, {}))
    return [c for c in cases if c[1] in known]


# ============================================================================ workers (one process each)


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    return {"wall": time.perf_counter() - start[0], "cpu": time.process_time() - start[1]}


def _repeat(fn: Callable[[], object], runs: int) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        t = _clock()
        fn()
        out.append(_since(t))
    return out


class Timeout(Exception):
    pass


def _alarm(seconds: int):
    def handler(_sig, _frame):
        raise Timeout

    signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)


def _rows_digest(rows: list[list[str]]) -> str:
    h = hashlib.sha256()
    for r in sorted({"\t".join(r) for r in rows}):
        h.update(r.encode() + b"\n")
    return h.hexdigest()[:16]


def worker(case: str, folder: Path, runs: int, scratch: Path, budget: int) -> dict:
    nq, store_dir = folder / "input.nq", folder / "store"
    if case == "build.kg":
        # what `kg build FILE.nq` does: the ontology and the reference data are inputs too
        from kg.build import build
        from kg.store import Store

        t = _clock()
        with Store(scratch / "kg-store") as store:
            report = build(store, [folder / "generated.nq"])
            quads = len(store)
        return {"runs": [_since(t)], "how": "kg.build.build(Store(dir), [generated.nq])", "mode": report.mode,
                "quads": quads}
    if case == "build.pyoxigraph":
        # input.nq = generated.nq + the ontology graph (kg build also adds the reference data, ~28k triples)
        t = _clock()
        s = ox.Store(str(scratch / "ox-store"))
        s.bulk_load(path=nq, format=ox.RdfFormat.N_QUADS)
        s.flush()
        return {"runs": [_since(t)], "quads": len(s)}
    if case == "build.rdflib":
        from rdflib import Dataset

        t = _clock()
        ds = Dataset()
        ds.parse(str(nq), format="nquads")
        return {"runs": [_since(t)]}
    if case.startswith("export."):
        _, engine, fmt = case.split(".")
        return _export(engine, fmt, store_dir, nq, runs)
    if case.startswith("query."):
        return _queries(case.split(".")[1], folder, runs, budget)
    if case == "validate.kg":
        from kg.cli import run

        t = _clock()
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            code = run(["validate", "--store", str(store_dir), "--format", "json"])
        result = {"runs": [_since(t)], "exit": code}
        if code not in (0, 1):
            result["error"] = err.getvalue()[-500:]
        else:
            report = json.loads(out.getvalue() or "{}")
            result["conforms"] = report.get("conforms") if isinstance(report, dict) else None
        return result
    if case == "validate.incremental":
        return _incremental(folder, scratch)
    if case == "analytics.kg":
        from kg.analyze import centrality
        from kg.store import Store

        store = Store(store_dir, read_only=True)
        t = _clock()
        answer = centrality(store, None, "all", "person")
        return {"runs": [_since(t)], "rows": len(getattr(answer, "rows", []) or [])}
    if case == "extraction.kg":
        return _extraction(scratch, runs)
    raise SystemExit(f"unknown case {case}")


def _export(engine: str, fmt: str, store_dir: Path, nq: Path, runs: int) -> dict:
    from kg.namespaces import PREFIXES

    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}[fmt]
    sizes: list[int] = []
    if engine == "kg":
        from kg.export import serialize
        from kg.store import Store

        store = Store(store_dir, read_only=True)
        timed = _repeat(lambda: sizes.append(len(serialize(store, fmt))), runs)
    elif engine == "pyoxigraph":
        s = ox.Store.read_only(str(live_path(store_dir)))

        def raw() -> None:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in s}
            data = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if fmt == "turtle" else None)
            sizes.append(len(data or b""))

        timed = _repeat(raw, runs)
    else:  # rdflib
        from rdflib import Dataset, Graph

        ds = Dataset()
        ds.parse(str(nq), format="nquads")
        g = Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        for s_, p_, o_, _ in ds.quads((None, None, None, None)):
            g.add((s_, p_, o_))
        del ds
        timed = _repeat(lambda: sizes.append(len(g.serialize(format="turtle" if fmt == "turtle" else "nt",
                                                               encoding="utf-8"))), runs)
    return {"runs": timed, "bytes": sizes[-1] if sizes else None}


def _queries(engine: str, folder: Path, runs: int, budget: int) -> dict:
    from kg.query import full_text, load_query, run_query

    params = json.loads((folder / "params.json").read_text())
    cases = query_cases(params)
    if engine == "rdflib" and os.environ.get("KG_BENCH_RDFLIB_FEW"):
        cases = [c for c in cases if c[0] in RDFLIB_FEW]
    t = _clock()
    if engine in ("kg", "pyoxigraph", "pair"):
        store = ox.Store.read_only(str(live_path(folder / "store")))
    else:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(str(folder / "input.nq"), format="nquads")
    opened = _since(t)
    out: dict[str, dict] = {}
    for label, name, values in cases:
        info = load_query(name)
        hidden = {par.name for par in info.params} - set(info.columns)
        def kg_once(info=info, values=values) -> list[list[str]]:
            res = run_query(store, info, values)
            return [[_kg_text(v) for v in row] for row in res.rows]

        if engine == "kg":
            once = kg_once
        else:
            from kg import query as kq

            text, _ = full_text(info)
            terms = kq._bind(info, values)
            if engine in ("pyoxigraph", "pair"):
                # the text kg hands to Oxigraph: parameters written in as VALUES blocks where kg.query does
                # that (inline_parameters), else the library text with Oxigraph's substitutions
                inline = getattr(kq, "inline_parameters", None)
                if inline is not None and values:
                    text, terms = inline(info, values), {}

                def once(text=text, terms=terms, hidden=hidden) -> list[list[str]]:
                    answer = store.query(text, use_default_graph_as_union=True, substitutions=terms or None)
                    keep = [i for i, v in enumerate(answer.variables) if v.value not in hidden]
                    return [["" if sol[i] is None else sol[i].value for i in keep] for sol in answer]
            else:
                from rdflib.term import Variable

                from kg.store import to_rdflib

                bindings = {Variable(k.value): to_rdflib(v) for k, v in terms.items()}

                def once(text=text, bindings=bindings, hidden=hidden) -> list[list[str]]:
                    result = ds.query(text, initBindings=bindings)
                    keep = [i for i, v in enumerate(result.vars or []) if str(v) not in hidden]
                    return [["" if row[i] is None else str(row[i]) for i in keep] for row in result]
        if engine == "pair":
            out[label] = _pair(name, values, runs, kg_once, once)
            continue
        timings: list[dict[str, float]] = []
        rows: list[list[str]] = []
        error = None
        for i in range(max(runs, 5)):
            try:
                if engine == "rdflib":
                    _alarm(budget)
                start = _clock()
                rows = once()
                timings.append(_since(start))
            except Timeout:
                error = f"timeout: over {budget} s"
                break
            except Exception as exc:  # noqa: BLE001 - recorded, the suite goes on
                error = f"{type(exc).__name__}: {str(exc)[:300]}"
                break
            finally:
                signal.alarm(0)
            if i + 1 >= runs and (timings[-1]["wall"] > 1.0 or engine == "rdflib" and timings[-1]["wall"] > 0.2):
                break
        entry: dict = {"query": name, "params": values, "runs": timings}
        if error:
            entry["error"] = error
        if timings:
            entry["rows"] = len({"\t".join(r) for r in rows})
            entry["digest"] = _rows_digest(rows)
        out[label] = entry
    return {"opened": opened, "queries": out}


def _pair(name: str, values: dict, runs: int, kg_once: Callable[[], list], ox_once: Callable[[], list]) -> dict:
    """kg and pyoxigraph direct on the same query, alternating run by run (kg first, then pyoxigraph
    first, ...), so that a swing in the machine's load hits both engines alike."""
    entry: dict = {side: {"query": name, "params": values, "runs": []} for side in ("kg", "pyoxigraph")}
    for i in range(max(runs, 5)):
        order = ("kg", "pyoxigraph") if i % 2 == 0 else ("pyoxigraph", "kg")
        for side in order:
            e = entry[side]
            if "error" in e:
                continue
            budget = int(os.environ.get("KG_BENCH_QUERY_BUDGET") or 0)
            try:
                if budget:
                    _alarm(budget)
                start = _clock()
                rows = (kg_once if side == "kg" else ox_once)()
                e["runs"].append(_since(start))
            except Timeout:
                e["error"] = f"timeout: over {budget} s"
                continue
            except Exception as exc:  # noqa: BLE001 - recorded, the suite goes on
                e["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
                continue
            finally:
                signal.alarm(0)
            e["rows"] = len({"\t".join(r) for r in rows})
            e["digest"] = _rows_digest(rows)
        slow = any(e["runs"] and e["runs"][-1]["wall"] > 1.0 for e in entry.values())
        if i + 1 >= runs and slow or all("error" in e for e in entry.values()):
            break
    return entry


def _kg_text(value) -> str:
    """A kg.query value as the lexical form the other engines give (booleans as true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _incremental(folder: Path, scratch: Path) -> dict:
    """One new article into a copy of the store `kg build` made (with its manifest): `kg build --quiet
    ARTICLE`, then `kg validate --document ARTICLE` (that document's entities against the whole store).
    The summary tables `kg build` prints without --quiet (kg.stats over the whole store) are timed apart."""
    from kg.cli import run

    copy = scratch / "store"
    shutil.copytree(folder / "store", copy, symlinks=True)
    article = sorted((ROOT / "tests" / "fixtures" / "articles").glob("en_0*.txt"))[0]
    t = _clock()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        code = run(["build", "--quiet", "--store", str(copy), str(article)])
    load = _since(t)
    said = err.getvalue().strip().splitlines()
    result: dict = {"article": article.name, "load": load, "exit": code, "build_said": said[-1][:300] if said else ""}
    if code != 0:
        result["error"] = err.getvalue()[-500:]
        return result
    t = _clock()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        code = run(["validate", "--store", str(copy), "--document", article.name, "--format", "json"])
    check = _since(t)
    if code not in (0, 1):
        result["error"] = f"`kg validate --document` failed: {err.getvalue()[-300:]}"
        return result
    result["validate"] = check
    result["runs"] = [{"wall": load["wall"] + check["wall"], "cpu": load["cpu"] + check["cpu"]}]
    from kg.stats import stats
    from kg.store import Store

    t = _clock()
    stats(Store(copy, read_only=True))
    result["summary_tables"] = _since(t)
    return result


def _extraction(scratch: Path, runs: int) -> dict:
    from articles import write_articles

    from kg.extract import extract_article
    from kg.loaders.article import article_graph, read_document
    from kg.reference import load_reference

    count = int(os.environ.get("KG_BENCH_ARTICLES", "150"))
    paths = write_articles(count, scratch / "articles")
    docs = [read_document(p) for p in paths]
    ref = load_reference()
    extract_article(docs[0].text, docs[0].name, ref)  # builds the lexicon once
    timed = _repeat(lambda: [extract_article(d.text, d.name, ref) for d in docs], runs)
    t = _clock()
    triples = sum(len(article_graph(d, ref)) for d in docs)
    to_graph = _since(t)
    return {"runs": timed, "articles": count, "characters": sum(len(d.text) for d in docs),
            "article_graph": to_graph, "triples": triples}


# ============================================================================ the parent


def run_process(argv: list[str], timeout: float, stdout_file: Path | None = None) -> dict:
    """Run argv; wall time, CPU and peak RSS of the process from wait4; killed after `timeout`."""
    out_path = stdout_file or Path(tempfile.mkstemp(prefix="kg-bench-")[1])
    err_path = Path(tempfile.mkstemp(prefix="kg-bench-err-")[1])
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": proc.returncode,
        "timeout": killed.is_set(),
        "stdout": out_path,
        "stderr": err_path.read_text(errors="replace")[-1500:],
    }
    err_path.unlink()
    return result


def run_case(case: str, folder: Path, runs: int, budget: int, timeout: float, processes: int) -> dict:
    """Run a Python case `processes` times, each in a fresh process, and merge what they report."""
    merged: dict = {"case": case, "runs": [], "peak_rss_mb": 0.0, "load_start": _load()}
    for _ in range(processes):
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
            p = run_process([sys.executable, str(Path(__file__).resolve()), "--worker", case, "--dir", str(folder),
                             "--runs", str(runs), "--scratch", scratch, "--budget", str(budget)], timeout)
            text = p["stdout"].read_text()
            p["stdout"].unlink()
        merged["peak_rss_mb"] = max(merged["peak_rss_mb"], p["peak_rss_mb"])
        if p["timeout"]:
            merged["error"] = f"timeout: > {timeout:.0f} s (killed)"
            break
        if p["exit"] != 0 or not text.strip():
            merged["error"] = f"exit {p['exit']}: {p['stderr'][-600:]}"
            break
        report = json.loads(text.strip().splitlines()[-1])
        runs_ = report.pop("runs", [])
        merged["runs"].extend(runs_)
        for k, v in report.items():
            merged.setdefault(k, v)
        if k_error := report.get("error"):
            merged["error"] = k_error
            break
    merged["load_end"] = _load()
    return merged


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_interleaved(cases: list[str], folder: Path, runs: int, budget: int, timeout: float,
                    processes: int) -> dict[str, dict]:
    """Run the cases in alternation (a, b, b, a, a, b ...), one process per run, so that load swings hit both."""
    merged: dict[str, dict] = {}
    for i in range(processes):
        for case in cases if i % 2 == 0 else cases[::-1]:
            if "error" in merged.get(case, {}):
                continue
            one = run_case(case, folder, runs, budget, timeout, 1)
            m = merged.setdefault(case, {"case": case, "runs": [], "peak_rss_mb": 0.0, "load_start": one["load_start"],
                                         "interleaved_with": [c for c in cases if c != case]})
            m["runs"].extend(one.pop("runs"))
            m["peak_rss_mb"] = max(m["peak_rss_mb"], one.pop("peak_rss_mb"))
            m["load_end"] = one.pop("load_end")
            one.pop("load_start")
            for k, v in one.items():
                m.setdefault(k, v)
            if "error" in one:
                m["error"] = one["error"]
    return merged


def run_jena(case: str, folder: Path, runs: int, timeout: float) -> dict:
    import jena

    if not jena.available():
        return {"case": case, "runs": [], "error": "not installed (apt-get install -y libapache-jena-java)"}
    nq, nt = folder / "input.nq", folder / "union.nt"
    shapes = ROOT / "ontology" / "shapes.ttl"
    argv = {
        "build.jena": jena.command("riot", "--count", str(nq)),
        "export.jena.turtle": jena.command("riot", "--output=turtle", str(nt)),
        "export.jena.ntriples": jena.command("riot", "--output=ntriples", str(nt)),
        "validate.jena": jena.command("shacl", "validate", "--shapes", str(shapes), "--data", str(nt)),
    }[case]
    merged: dict = {"case": case, "runs": [], "peak_rss_mb": 0.0, "note": "whole JVM process, parse included",
                    "load_start": _load()}
    for _ in range(runs):
        p = run_process(argv, timeout)
        out = p["stdout"]
        if case == "validate.jena" and p["exit"] == 0:
            text = out.read_text(errors="replace")
            merged["conforms"] = "sh:conforms  true" in text or "sh:conforms true" in text
            merged["results"] = text.count("sh:ValidationResult")
        out.unlink()
        merged["peak_rss_mb"] = max(merged["peak_rss_mb"], p["peak_rss_mb"])
        if p["timeout"] or p["exit"] != 0:
            merged["error"] = (f"timeout: > {timeout:.0f} s (killed)" if p["timeout"]
                               else f"exit {p['exit']}: {p['stderr']}")
            break
        merged["runs"].append({"wall": p["wall"], "cpu": p["cpu"]})
    merged["load_end"] = _load()
    return merged


def median(entry: dict | None) -> float | None:
    if not entry or not entry.get("runs"):
        return None
    return statistics.median(r["wall"] for r in entry["runs"])


def machine() -> dict:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    from importlib.metadata import version

    versions = {}
    for pkg in ("pyoxigraph", "rdflib", "pyshacl", "networkx"):
        with contextlib.suppress(Exception):
            versions[pkg] = version(pkg)
    import jena

    versions["jena (Debian)"] = jena.version() or "not installed"
    versions["python"] = platform.python_version()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(ram, 1), "os": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "versions": versions}


def suite_for_size(size: int, args, log: Callable[[str], None]) -> dict:
    folder = prepare(size, args.data, log)
    load_start = _load()
    big = size >= 1_000_000
    runs = 1 if big and not args.force_runs else args.runs
    budget = args.budget
    timeout = args.timeout * (10 if size >= 10_000_000 else 1)
    cases: dict[str, dict] = {}

    def want(name: str) -> bool:
        return not args.only or any(word in name for word in args.only.split(","))

    def py(name: str, processes: int = 1, inner: int = runs, skip: str | None = None) -> None:
        if not want(name):
            return
        if skip:
            cases[name] = {"case": name, "runs": [], "skipped": skip}
            return
        log(f"{size_name(size)} {name}")
        cases[name] = run_case(name, folder, inner, budget, timeout, processes)

    def jv(name: str) -> None:
        if want(name) and not args.no_jena:
            log(f"{size_name(size)} {name}")
            cases[name] = run_jena(name, folder, runs, timeout)

    def pair(names: list[str], processes: int, inner: int = runs) -> None:
        names = [n for n in names if want(n)]
        if names:
            log(f"{size_name(size)} {' / '.join(names)} (interleaved)")
            cases.update(run_interleaved(names, folder, inner, budget, timeout, processes))

    huge = size >= 10_000_000
    rdflib_skip = "rdflib not run at 10M (it needs > 13 GB and hours)" if huge else None
    rdflib_timeout = min(timeout, args.rdflib_timeout) if big else timeout
    pair(["build.kg", "build.pyoxigraph"], processes=runs)
    if want("build.rdflib"):
        if rdflib_skip:
            cases["build.rdflib"] = {"case": "build.rdflib", "runs": [], "skipped": rdflib_skip}
        else:
            log(f"{size_name(size)} build.rdflib")
            cases["build.rdflib"] = run_case("build.rdflib", folder, runs, budget, rdflib_timeout, 1 if big else runs)
    jv("build.jena")
    for fmt in ("turtle", "ntriples"):
        pair([f"export.kg.{fmt}", f"export.pyoxigraph.{fmt}"], processes=runs, inner=1)
        py(f"export.rdflib.{fmt}", inner=runs, skip=rdflib_skip or ("rdflib at 1M: parse and a few queries only"
                                                                     if big else None))
        jv(f"export.jena.{fmt}")
    py("validate.kg", processes=runs)
    jv("validate.jena")
    py("validate.incremental", processes=runs)
    py("analytics.kg", processes=runs)
    if size == min(args.sizes):
        py("extraction.kg")
    # the queries last (the library queries were being rewritten while the suite ran)
    if want("query.kg") or want("query.pyoxigraph"):
        log(f"{size_name(size)} query.kg / query.pyoxigraph (interleaved in one process)")
        os.environ["KG_BENCH_QUERY_BUDGET"] = str(args.query_budget or "")
        both = run_case("query.pair", folder, runs, budget, timeout, 1)
        both["commit"] = _commit()
        for side in ("kg", "pyoxigraph"):
            cases[f"query.{side}"] = {**{k: v for k, v in both.items() if k != "queries"},
                                      "case": f"query.{side}", "interleaved_with": ["query.kg", "query.pyoxigraph"],
                                      "queries": {label: e[side] for label, e in both.get("queries", {}).items()}}
    if want("query.rdflib"):
        if rdflib_skip:
            cases["query.rdflib"] = {"case": "query.rdflib", "runs": [], "skipped": rdflib_skip}
        else:
            log(f"{size_name(size)} query.rdflib")
            os.environ["KG_BENCH_RDFLIB_FEW"] = "1" if big else ""
            cases["query.rdflib"] = run_case("query.rdflib", folder, 1 if size >= 100_000 else runs, budget,
                                             rdflib_timeout, 1)
    for c in cases.values():
        c.pop("stdout", None)
    info = {"size": size, "quads": _count_lines(folder / "input.nq"), "runs": runs, "cases": cases, "commit": _commit(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_start": load_start, "load_end": _load(),
            "params": json.loads((folder / "params.json").read_text())}
    return info


def _commit() -> str:
    """The commit the suite measured (and whether the tree had uncommitted changes to kg/ or queries/)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain", "kg", "queries"], cwd=ROOT, capture_output=True,
                           text=True).stdout
    return head.strip() + (" + uncommitted changes in kg/ or queries/" if dirty.strip() else "")


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


# ============================================================================ the tables


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:.0f} ms" if x >= 0.01 else f"{x * 1000:.1f} ms"
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("**met**" if ok else "**not met**")


def _why(entry: dict | None) -> str:
    if not entry:
        return "not run"
    if entry.get("skipped"):
        return entry["skipped"]
    return entry.get("error", "") or entry.get("note", "")


def targets(size_result: dict) -> list[list[str]]:
    """One row per target: case, kg, reference, ratio, target, met?"""
    c = size_result["cases"]
    big = size_result["size"] >= 1_000_000
    rows: list[list[str]] = []
    kg_b, ox_b = median(c.get("build.kg")), median(c.get("build.pyoxigraph"))
    rows.append(["build (load)", _fmt_s(kg_b), f"pyoxigraph bulk_load {_fmt_s(ox_b)}", _ratio(kg_b, ox_b), "≤ 1.5×",
                 _verdict(kg_b / ox_b <= 1.5 if kg_b and ox_b else None), _why(c.get("build.kg"))])
    mem = c.get("build.kg", {}).get("peak_rss_mb")
    rows.append(["build peak memory", f"{mem:.0f} MB" if mem else "—", "", "", "≤ 1 GB at 1M",
                 _verdict(mem <= 1024 if mem and size_result["size"] == 1_000_000 else None), ""])
    for fmt in ("turtle", "ntriples"):
        a, b = median(c.get(f"export.kg.{fmt}")), median(c.get(f"export.pyoxigraph.{fmt}"))
        rows.append([f"export {fmt}", _fmt_s(a), f"pyoxigraph {_fmt_s(b)}", _ratio(a, b), "≤ 2×",
                     _verdict(a / b <= 2 if a and b else None), _why(c.get(f"export.kg.{fmt}"))])
    qk, qo, qr = (c.get(f"query.{e}", {}).get("queries", {}) for e in ("kg", "pyoxigraph", "rdflib"))
    for label in qk:
        a, b, r = median(qk.get(label)), median(qo.get(label)), median(qr.get(label))
        rdflib_timeout = "timeout" in (qr.get(label) or {}).get("error", "")
        ok_ox = a / b <= 1.5 if a and b else None
        ok_rdf = (a <= r if a and r else (True if a and rdflib_timeout else None))
        ok_100 = a < QUERY_TARGET_S if a is not None and big else None
        checks = [x for x in (ok_ox, ok_rdf, ok_100) if x is not None]
        rows.append([f"query {label}", _fmt_s(a), f"pyoxigraph {_fmt_s(b)}; rdflib "
                     + (f"> {qr[label]['error'].split('over ')[-1]}" if rdflib_timeout else _fmt_s(r)),
                     _ratio(a, b), "≤ 1.5× pyoxigraph, ≤ rdflib" + (", < 100 ms" if big else ""),
                     _verdict(all(checks) if checks else None),
                     "; ".join(x for x in (_why(qk.get(label)),
                                           "rdflib not run" if r is None and not rdflib_timeout else "",
                                           "" if ok_ox in (None, True) else "slower than 1.5× pyoxigraph",
                                           "" if ok_rdf in (None, True) else "slower than rdflib",
                                           "" if ok_100 in (None, True) else "over 100 ms") if x)])
    v, j = median(c.get("validate.kg")), median(c.get("validate.jena"))
    rows.append(["full validation", _fmt_s(v), f"Jena SHACL {_fmt_s(j)}", _ratio(v, j), "≤ Jena",
                 _verdict(v <= j if v and j else None), _why(c.get("validate.kg")) or _why(c.get("validate.jena"))])
    inc = c.get("validate.incremental", {})
    i = median(inc)
    complete = i is not None and "validate" in inc
    parts = ""
    if complete:
        parts = (f"`kg build --quiet ARTICLE` {_fmt_s(inc['load']['wall'])} + `kg validate --document` "
                 f"{_fmt_s(inc['validate']['wall'])} (last run)")
        if inc.get("summary_tables"):
            parts += f"; the summary tables `kg build` prints without --quiet: {_fmt_s(inc['summary_tables']['wall'])}"
    rows.append(["incremental: one article + validate touched", _fmt_s(i), "", "", "≤ 2 s at 1M",
                 _verdict((i <= 2.0 and complete) if i is not None and size_result["size"] >= 1_000_000 else None),
                 "; ".join(x for x in (parts, _why(inc)) if x)])
    return rows


def _engine_rows(c: dict, prefix: str, engines: list[str]) -> list[list[str]]:
    rows = []
    for e in engines:
        entry = c.get(f"{prefix}.{e}")
        if entry is None:
            continue
        load = f"{_load1(entry.get('load_start'))} → {_load1(entry.get('load_end'))}"
        rows.append([e, _fmt_s(median(entry)), _fmt_cpu(entry), f"{entry.get('peak_rss_mb', 0):.0f} MB"
                     if entry.get("peak_rss_mb") else "—", str(len(entry.get("runs", []))), load,
                     "; ".join(x for x in (_why(entry), "interleaved with " + ", ".join(entry["interleaved_with"])
                                           if entry.get("interleaved_with") else "") if x)])
    return rows


def _load1(load: list[float] | None) -> str:
    return f"{load[0]:.1f}" if load else "?"


def _fmt_cpu(entry: dict | None) -> str:
    if not entry or not entry.get("runs"):
        return "—"
    return _fmt_s(statistics.median(r["cpu"] for r in entry["runs"]))


def _table(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(x).replace("|", "\\|").replace("\n", " ") for x in r) + " |" for r in rows]
    return "\n".join(out)


def markdown(doc: dict) -> str:
    m = doc["machine"]
    lines = [
        "## Suite results (generated)",
        "",
        f"Written by `python bench/run.py` (the command and date of each size are under its heading). "
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, shared with other jobs: the load "
        "average at the start and end of each case is in the tables and the JSON; kg and pyoxigraph direct "
        "ran interleaved (alternate processes for build and export, alternate runs in one process for "
        "queries), so a load swing hits both. Versions: "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + ". Wall-clock medians; memory is the peak RSS of "
        "the case's process (interpreter and imports included, ~50 MB). 1M and larger run once per case.",
        "",
    ]
    for size in sorted(doc["sizes"], key=int):
        r = doc["sizes"][size]
        c = r["cases"]
        lines += [f"### {size_name(int(size))} ({r['quads']:,} quads; {r['runs']} run(s))", "",
                  f"Run by `{r.get('command', doc['command'])}` on {r.get('date', doc['date'])} (commit "
                  f"{r.get('commit', '?')}); load average (1, 5, 15 min) at start {r.get('load_start')} and end "
                  f"{r.get('load_end')}."
                  + "".join(f" Then `{x['command']}` on {x['date']} (commit {x['commit']}; load {x['load_start']} "
                            f"→ {x['load_end']}) replaced its cases." for x in r.get("partial_runs", [])), "",
                  _table(["case", "kg", "reference", "ratio", "target", "met?", "note"], targets(r)), ""]
        for title, prefix, engines in (("Build / load", "build", ["kg", "pyoxigraph", "rdflib", "jena"]),
                                       ("Export Turtle", "export", ["kg.turtle", "pyoxigraph.turtle",
                                                                    "rdflib.turtle", "jena.turtle"]),
                                       ("Export N-Triples", "export", ["kg.ntriples", "pyoxigraph.ntriples",
                                                                       "rdflib.ntriples", "jena.ntriples"]),
                                       ("Validation", "validate", ["kg", "jena", "incremental"])):
            rows = _engine_rows(c, prefix, engines)
            if rows:
                lines += [f"**{title}**", "", _table(["engine", "median wall", "median CPU", "peak RSS", "runs",
                                                      "load (1-min, start → end)", "note"], rows), ""]
        qk, qo, qr = (c.get(f"query.{e}", {}).get("queries", {}) for e in ("kg", "pyoxigraph", "rdflib"))
        if qk:
            qrows = []
            for label, entry in qk.items():
                o, rd = qo.get(label, {}), qr.get(label, {})
                same_ox = "yes" if o.get("digest") == entry.get("digest") else "no"
                same_rdf = ("yes" if rd.get("digest") == entry.get("digest") else "no") if rd.get("digest") else "—"
                qrows.append([label, entry.get("rows", "—"), _fmt_s(median(entry)), _fmt_s(median(o)),
                              rd.get("error", "")[:30] or _fmt_s(median(rd)), _ratio(median(entry), median(o)),
                              _ratio(median(entry), median(rd)), f"{same_ox} / {same_rdf}", entry.get("error", "")])
            mem = " / ".join(f"{e} {c.get(f'query.{e}', {}).get('peak_rss_mb', 0):.0f} MB"
                             for e in ("kg", "pyoxigraph", "rdflib") if f"query.{e}" in c)
            lines += ["**Queries** (peak RSS of the process that ran them all: " + mem + ")", "",
                      _table(["query (parameters)", "rows", "kg", "pyoxigraph", "rdflib", "kg/pyox", "kg/rdflib",
                              "same rows (pyox / rdflib)", "note"], qrows), ""]
        other = []
        if "analytics.kg" in c:
            a = c["analytics.kg"]
            other.append(["analytics: centrality (person graph)", _fmt_s(median(a)),
                          f"{a.get('peak_rss_mb', 0):.0f} MB", _why(a)])
        if "extraction.kg" in c:
            e = c["extraction.kg"]
            med = median(e)
            rate = f"{e['articles'] / med:.1f} articles/s ({e['characters'] / med / 1000:.0f}k chars/s)" if med else "—"
            other.append([f"extraction: {e.get('articles', '?')} synthetic articles", rate,
                          f"{e.get('peak_rss_mb', 0):.0f} MB", _why(e)])
        if other:
            lines += ["**Other**", "", _table(["case", "figure", "peak RSS", "note"], other), ""]
        lines += ["Query parameters (picked from the data): `" + json.dumps(r["params"], ensure_ascii=False) + "`", ""]
    return "\n".join(lines)


def write_results_md(doc: dict) -> None:
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else ""
    block = BEGIN + "\n\n" + markdown(doc) + "\n" + END
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = block + "\n\n" + text
    RESULTS_MD.write_text(text)


# ============================================================================ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k", help="comma-separated sizes in quads: 10k,100k,1M,10M")
    ap.add_argument("--runs", type=int, default=3, help="runs per case (1M and larger: 1 unless --force-runs)")
    ap.add_argument("--force-runs", action="store_true")
    ap.add_argument("--quick", action="store_true", help="10k, 1 run, no Jena: checks that the suite works")
    ap.add_argument("--only", default="", help="run only the cases whose name contains one of these words")
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("KG_BENCH_DIR", "/tmp/kg-bench")))
    ap.add_argument("--budget", type=int, default=60, help="seconds per rdflib query before it is abandoned")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per case process (x10 at 10M)")
    ap.add_argument("--rdflib-timeout", type=float, default=900,
                    help="seconds per rdflib process at 1M and larger; a kill is recorded as '> N s'")
    ap.add_argument("--query-budget", type=int, default=0,
                    help="seconds per kg or pyoxigraph query run before it is abandoned and recorded as '> N s'")
    ap.add_argument("--no-jena", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print the JSON; write no results files")
    ap.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from results/suite-*.json")
    ap.add_argument("--prepare-only", action="store_true", help="generate the data and the read store, run nothing")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        result = worker(args.worker, args.dir, args.runs, args.scratch, args.budget)
        result["self_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(result))
        return 0
    if args.report_only:
        docs = [json.loads(f.read_text()) for f in sorted(RESULTS.glob("suite-*.json"))]
        latest = max(docs, key=lambda d: d["date"])
        doc = {k: latest[k] for k in ("command", "date", "machine")}
        doc["took_s"] = sum(d.get("took_s", 0) for d in docs)
        doc["sizes"] = {str(d["size"]): d for d in docs}
        write_results_md(doc)
        return 0
    if args.quick:
        args.sizes, args.runs, args.no_jena = "10k", 1, True
    args.sizes = [parse_size(s) for s in args.sizes.split(",")]
    if args.prepare_only:
        for size in args.sizes:
            prepare(size, args.data, lambda msg: print(msg, file=sys.stderr, flush=True))
        return 0
    # the data is prepared in a child process: a child forked from a parent that had grown (building the
    # read store) would report the parent's peak RSS as its own floor (Linux keeps ru_maxrss across exec)
    for size in args.sizes:
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--prepare-only", "--sizes", str(size),
                        "--data", str(args.data)], check=True)

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    doc = {"command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(), "sizes": {}}
    for size in args.sizes:
        doc["sizes"][str(size)] = suite_for_size(size, args, log)
        if not args.no_write:
            RESULTS.mkdir(exist_ok=True)
            out = RESULTS / f"suite-{size_name(size)}.json"
            new = {**{k: v for k, v in doc.items() if k != "sizes"}, **doc["sizes"][str(size)]}
            if args.only and out.exists():  # a partial run updates its cases in the size's last full run
                old_doc = json.loads(out.read_text())
                old_doc["cases"].update(new["cases"])
                old_doc.setdefault("partial_runs", []).append(
                    {k: new[k] for k in ("command", "date", "load_start", "load_end", "commit")})
                new = old_doc
            out.write_text(json.dumps(new, indent=1, ensure_ascii=False, default=str) + "\n")
    doc["took_s"] = time.perf_counter() - started
    if args.no_write:
        print(json.dumps(doc, indent=1, ensure_ascii=False, default=str))
        return 0
    # the Markdown covers every size that has a results file, so sizes can be run separately
    for f in sorted(RESULTS.glob("suite-*.json")):
        d = json.loads(f.read_text())
        doc["sizes"].setdefault(str(d["size"]), d)
    write_results_md(doc)
    log(f"done in {doc['took_s'] / 60:.1f} min: {RESULTS_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
