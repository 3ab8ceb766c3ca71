"""The extractor end to end on the team's development articles (id, en, vi) and the seed.

Each article goes through the real path (text -> extraction -> RDF -> store -> SPARQL digest) and is
scored against its hand-made gold digest with the shared scorer (`../shared/eval/score.py`), so a
change that makes the extractor worse on any language fails here. Every extracted span must quote the
text exactly at its offsets.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from kg import ids
from kg.build import reference_ntriples
from kg.digest import digest
from kg.extract import extract_article
from kg.loaders.article import _Builder, read_document
from kg.namespaces import KG, OA
from kg.reference import load_reference
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT / "seeds" / "articles" / "000_542332e553f9f8df.txt"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEED_GOLD = ROOT.parent / "shared" / "gold" / "000_542332e553f9f8df.json"
ARTICLES = sorted(DEV.glob("*.txt"))


@pytest.fixture(scope="module")
def graphs():
    """Every dev article (and the seed) as its document graph, built once."""
    ref = load_reference()
    out = {}
    for path in [*ARTICLES, SEED]:
        doc = read_document(path)
        out[path] = (doc, _Builder(doc, extract_article(doc.text, doc.name, ref, doc.sidecar), ref).build())
    return ref, out


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _digest(ref, doc, graph) -> dict:
    store = Store(None)
    store.replace_graphs({ids.REFERENCE_GRAPH: reference_ntriples(ref), ids.document_graph(doc.key): graph})
    return digest(store, doc.name)


def test_the_development_set_covers_three_languages():
    langs = {p.name[:2] for p in ARTICLES}
    assert langs == {"id", "en", "vi"} and len(ARTICLES) >= 20
    assert all(p.with_suffix(".json").exists() for p in ARTICLES)


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda p: p.stem)
def test_every_span_quotes_the_text_at_its_offsets(graphs, path):
    _, built = graphs
    doc, g = built[path]
    spans = list(g.subjects(RDF.type, KG.TextSpan))
    assert spans
    for s in spans:
        start, end = int(g.value(s, OA.start)), int(g.value(s, OA.end))
        assert doc.text[start:end] == str(g.value(s, OA.exact)), s


def test_quality_per_language_on_the_development_set(graphs, scorer):
    import json

    ref, built = graphs
    totals: dict[str, list[int]] = {}
    for path in ARTICLES:
        doc, g = built[path]
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        scored = scorer.score_digest(gold, _digest(ref, doc, g))["scores"]
        for lang in (path.name[:2], "all"):
            t = totals.setdefault(lang, [0, 0, 0])
            t[0] += scored["micro"]["tp"]
            t[1] += scored["micro"]["pred"]
            t[2] += scored["micro"]["gold"]
    f1 = {lang: scorer.prf(*t)["f1"] for lang, t in totals.items()}
    assert f1["all"] >= 0.95, f1
    assert all(v >= 0.92 for v in f1.values()), f1


def test_the_seed_article_against_its_gold(graphs, scorer):
    import json

    if not SEED_GOLD.exists():
        pytest.skip(f"no gold digest at {SEED_GOLD}")
    ref, built = graphs
    doc, g = built[SEED]
    scored = scorer.score_digest(json.loads(SEED_GOLD.read_text(encoding="utf-8")), _digest(ref, doc, g))
    assert scored["scores"]["micro"]["f1"] >= 0.95, scored["misses"]


def test_all_development_articles_together_conform_to_the_shapes(graphs):
    """Acts, bodies and persons named by several articles must not clash across document graphs."""
    from kg.build import ontology_graph
    from kg.validate import validate

    ref, built = graphs
    store = Store(None)
    store.replace_graphs({ids.ONTOLOGY_GRAPH: ontology_graph(), ids.REFERENCE_GRAPH: reference_ntriples(ref),
                          **{ids.document_graph(doc.key): g for doc, g in built.values()}})
    report = validate(store.to_dataset())
    assert report.conforms, report.to_text()
