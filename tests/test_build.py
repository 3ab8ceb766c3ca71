"""Building: idempotent, deterministic across processes and hash seeds, all-or-nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg.build import build, collect_documents, remove_documents
from kg.errors import InputError
from kg.export import serialize
from kg.resources import seeds_dir
from kg.store import Store


def _export(store_dir, seed: str, *paths) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--store", str(store_dir), *map(str, paths)],
                   check=True, env=env, capture_output=True)
    return subprocess.run([sys.executable, "-m", "kg", "export", "--format", "trig", "--store", str(store_dir)],
                          check=True, env=env, capture_output=True).stdout


def test_two_builds_with_different_hash_seeds_give_identical_exports(tmp_path):
    a = _export(tmp_path / "a", "1")
    b = _export(tmp_path / "b", "2")
    assert a == b and len(a) > 10_000


def test_rebuild_is_idempotent():
    store = Store(None)
    build(store)
    first = serialize(store, "nquads")
    build(store)
    assert serialize(store, "nquads") == first


def test_input_order_does_not_matter(tmp_path):
    (tmp_path / "b.txt").write_text("Hanoi, 3 March 2025.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Da Nang, 4 March 2025.\n", encoding="utf-8")
    one, two = Store(None), Store(None)
    build(one, [tmp_path / "b.txt", tmp_path / "a.txt"])
    build(two, [tmp_path])
    assert serialize(one, "nquads") == serialize(two, "nquads")


def test_two_documents_with_the_same_name_are_refused(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("a", encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text("b", encoding="utf-8")
    with pytest.raises(InputError, match="two documents share the name 'same'"):
        collect_documents([tmp_path])


def test_default_inputs_are_the_seed_articles():
    docs = collect_documents([seeds_dir() / "articles"])
    assert "000_542332e553f9f8df.txt" in [d.name for d in docs]


# --- incremental builds, RDF inputs, the two write paths ------------------------------------------

DOC = "https://w3id.org/kg-vn/graph/doc/"


def _articles(folder, **texts):
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _no_extraction(monkeypatch):
    import kg.loaders.article as loader

    def refuse(*_a, **_k):
        raise AssertionError("an unchanged input was read or extracted")

    monkeypatch.setattr(loader, "read_document", refuse)
    monkeypatch.setattr(loader, "article_graph", refuse)


def test_unchanged_inputs_are_not_read_again(tmp_path, monkeypatch):
    folder = _articles(tmp_path / "in", a="Hanoi, 3 March 2025.\n", b="Da Nang, 4 March 2025.\n")
    with Store(tmp_path / "s") as store:
        first = build(store, [folder])
        assert sorted(first.added) == ["a", "b", "kg/ontology", "kg/reference"] and first.mode == "bulk"
        before = serialize(store, "nquads")
    _no_extraction(monkeypatch)
    with Store(tmp_path / "s") as store:  # a new process would see the same: the manifest is on disk
        again = build(store, [folder])
        assert again.mode == "none" and again.added == again.replaced == [] and len(again.unchanged) == 4
        assert again.summary() == "4 unchanged, 0 added, 0 replaced (nothing to write)"
        assert serialize(store, "nquads") == before


def test_changed_added_and_forced_inputs(tmp_path):
    folder = _articles(tmp_path / "in", a="Hanoi, 3 March 2025.\n", b="Da Nang, 4 March 2025.\n")
    with Store(tmp_path / "s") as store:
        build(store, [folder])
        _articles(folder, b="Hue, 5 March 2025.\n", c="Can Tho, 6 March 2025.\n")
        report = build(store, [folder])
        assert (report.added, report.replaced, report.mode) == (["c"], ["b"], "transaction")
        assert sorted(report.unchanged) == ["a", "kg/ontology", "kg/reference"]
        assert report.summary() == "3 unchanged, 1 added, 1 replaced (one transaction)"
        texts = {r[0].value for r in store.query(
            f"SELECT ?t WHERE {{ GRAPH <{DOC}b> {{ ?d <https://schema.org/text> ?t }} }}")}
        assert texts == {"Hue, 5 March 2025.\n"}
        forced = build(store, [folder], force=True)
        assert sorted(forced.replaced) == ["a", "b", "c", "kg/ontology", "kg/reference"] and forced.unchanged == []


def test_a_sidecar_or_the_extractor_changing_makes_an_article_change(tmp_path, monkeypatch):
    import kg.build as b

    folder = _articles(tmp_path / "in", a="Hanoi, 3 March 2025.\n")
    store = Store(None)
    build(store, [folder])
    (folder / "a.meta.yaml").write_text("Language: en\n", encoding="utf-8")
    assert build(store, [folder]).replaced == ["a"]
    monkeypatch.setattr(b, "extractor_key", lambda: "another extractor")
    assert build(store, [folder]).replaced == ["a"]
    assert build(store, [folder]).replaced == []


def test_documents_not_given_stay_and_remove_drops_them(tmp_path):
    one = _articles(tmp_path / "one", a="Hanoi, 3 March 2025.\n")
    two = _articles(tmp_path / "two", b="Da Nang, 4 March 2025.\n")
    with Store(tmp_path / "s") as store:
        build(store, [one])
        build(store, [two])
        docs = [g for g in store.graph_names() if g.startswith(DOC)]
        assert docs == [DOC + "a", DOC + "b"]
        assert remove_documents(store, ["a.txt"]) == [DOC + "a"]
        assert "a" not in store.manifest() and "b" in store.manifest()
        assert build(store, [one]).added == ["a"]  # removed from the manifest too: built again


def test_a_big_change_is_bulk_loaded_into_a_new_generation_keeping_other_documents(tmp_path, monkeypatch):
    import kg.build as b
    from kg.store import live_path

    folder = _articles(tmp_path / "in", a="Hanoi, 3 March 2025.\n")
    nq = tmp_path / "big.nq"
    nq.write_text("".join(f'<urn:s{i}> <urn:p> "{i}" <{DOC}big-{i % 3}> .\n' for i in range(300)), encoding="utf-8")
    with Store(tmp_path / "s") as store:
        build(store, [folder])
        first_live = live_path(tmp_path / "s")
        monkeypatch.setattr(b, "BULK_MIN", 100)
        monkeypatch.setattr(b, "BULK_SHARE", 0.001)
        report = build(store, [nq])
        assert report.mode == "bulk" and report.added == ["big"] and report.written == 300
        assert live_path(tmp_path / "s") != first_live and not first_live.exists()
        assert [g for g in store.graph_names() if g.startswith(DOC)] == [DOC + "a", DOC + "big-0", DOC + "big-1",
                                                                      DOC + "big-2"]
        assert report.copied > 0  # the ontology, the reference data and document a were carried over
        nq.write_text(f'<urn:s> <urn:p> "new" <{DOC}big-0> .\n', encoding="utf-8")
        monkeypatch.setattr(b, "BULK_MIN", 10**9)
        report = build(store, [nq])
        assert report.mode == "transaction" and report.removed_graphs == [DOC + "big-1", DOC + "big-2"]
        assert [g for g in store.graph_names() if g.startswith(DOC)] == [DOC + "a", DOC + "big-0"]


@pytest.mark.parametrize("mode", ["bulk", "transaction"])
def test_rdf_files_as_inputs(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("KG_BUILD_MODE", mode)
    ttl = tmp_path / "curated.ttl"
    ttl.write_text('@prefix ex: <urn:ex:> .\nex:a ex:p "x"@vi ; ex:q ex:b .\n', encoding="utf-8")
    trig = tmp_path / "set.trig"
    trig.write_text(f'<urn:ex:c> <urn:ex:p> "1" .\n<{DOC}g1> {{ <urn:ex:d> <urn:ex:p> "2" }}\n', encoding="utf-8")
    with Store(tmp_path / "s") as store:
        report = build(store, [ttl, trig])
        assert report.mode == mode and sorted(report.added) == ["curated", "kg/ontology", "kg/reference", "set"]
        def values(graph):
            return sorted(q.object.value for q in store.quads(graph))
        assert values(DOC + "curated") == ["urn:ex:b", "x"]  # a Turtle file is one graph, named like a document
        assert values(DOC + "set") == ["1"]  # the default graph of a TriG file goes to the file's own graph
        assert values(DOC + "g1") == ["2"]  # its named graphs stay theirs
        assert sorted(store.manifest()["set"]["graphs"]) == [DOC + "g1", DOC + "set"]


@pytest.mark.parametrize("mode", ["bulk", "transaction"])
def test_a_syntax_error_in_an_rdf_file_names_line_and_column_and_writes_nothing(tmp_path, monkeypatch, mode):
    from kg.store import live_path

    monkeypatch.setenv("KG_BUILD_MODE", mode)
    good = _articles(tmp_path / "in", a="Hanoi, 3 March 2025.\n")
    bad = tmp_path / "bad.nq"
    bad.write_text('<urn:a> <urn:p> "1" .\n<urn:a> <urn:p> "2 .\n', encoding="utf-8")
    with Store(tmp_path / "s") as store:
        build(store, [good])
        before, manifest = serialize(store, "nquads"), store.manifest()
        with pytest.raises(InputError, match=r"bad\.nq:2:\d+: RDF syntax error"):
            build(store, [good, bad])
        assert serialize(store, "nquads") == before and store.manifest() == manifest
    live = live_path(tmp_path / "s").name
    assert sorted(p.name for p in (tmp_path / "s").iterdir() if p.name.startswith("gen-")) == [
        live, live + ".manifest.json"]  # a half-loaded generation is gone


def test_an_input_sharing_a_graph_is_rebuilt_with_it(tmp_path):
    """A generated data set may carry graph/reference; when it changes, kg's own reference data is
    written again, so the graph never loses the part that did not change."""
    from kg import ids

    ref = str(ids.REFERENCE_GRAPH)
    nq = tmp_path / "synthetic.nq"
    nq.write_text(f'<urn:x> <urn:p> "1" <{ref}> .\n', encoding="utf-8")
    store = Store(None)
    build(store, [nq])
    size = sum(1 for _ in store.quads(ref))
    nq.write_text(f'<urn:x> <urn:p> "2" <{ref}> .\n', encoding="utf-8")
    report = build(store, [nq])
    assert report.replaced == ["kg/reference", "synthetic"]
    assert sum(1 for _ in store.quads(ref)) == size
    assert {q.object.value for q in store.quads(ref) if q.subject.value == "urn:x"} == {"2"}
