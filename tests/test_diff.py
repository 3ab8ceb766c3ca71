"""kg diff: what changed between two exports, or between the store and an export."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import prepare
from kg.diff import diff, read_side, render
from kg.errors import InputError
from kg.export import serialize
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
EN01 = FIXTURES / "en_01_lao_cai_deputy_pm_recovery.txt"
EN02 = FIXTURES / "en_02_na_standing_committee_legal_aid.txt"
ID05 = FIXTURES / "id_05_can_tho_sidang_dewan_rakyat.txt"


def _export(paths: list[Path], target: Path, fmt: str = "nquads") -> Store:
    store = Store(None)
    store.replace_graphs(prepare(paths))
    target.write_bytes(serialize(store, fmt))
    return store


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Version 1: en_01 + en_02. Version 2: en_02 removed, id_05 added."""
    folder = tmp_path_factory.mktemp("diff")
    _export([EN01, EN02], folder / "v1.nq")
    store = _export([EN01, ID05], folder / "v2.nq")
    return folder / "v1.nq", folder / "v2.nq", store


@pytest.fixture(scope="module")
def changes(versions):
    old, new, _ = versions
    return diff(str(old), str(new))


def _texts(d, section: str, sign: str) -> list[str]:
    return [c.text for c in d.changes if c.section == section and c.sign == sign]


def test_holdings_started_and_no_longer_stated(changes):
    added = _texts(changes, "holdings", "+")
    assert any(t.startswith("Lam Quoc Bao: newly stated: Chairman of the Can Tho People's Council") and
               "attested 2024-12-10" in t for t in added)
    removed = _texts(changes, "holdings", "-")
    assert any(t.startswith("Tran Thanh Man: no longer stated: Chairman of the National Assembly") for t in removed)
    # en_01 is in both versions: none of its holdings changed
    assert not any("Tran Hong Ha" in t for t in added + removed + _texts(changes, "holdings", "~"))
    source = next(c for c in changes.changes if c.section == "holdings" and "Lam Quoc Bao" in c.text).sources
    assert source and source[0].startswith("id_05_can_tho_sidang_dewan_rakyat.txt: \"")


def test_new_holders_meetings_and_directives(changes):
    holders = _texts(changes, "post holders", "+")
    assert any("new holder Ta Minh Khoa (before: nobody recorded)" in t for t in holders)
    meetings_added = _texts(changes, "meetings", "+")
    assert len(meetings_added) == 1
    assert "Nineteenth meeting of the Can Tho People's Council (meeting, 2024-12-10)" in meetings_added[0]
    assert "chaired by Lam Quoc Bao" in meetings_added[0]
    meetings_removed = _texts(changes, "meetings", "-")
    assert len(meetings_removed) == 1 and "2025-03-11" in meetings_removed[0]
    assert any("59-NQ/TW" in t for t in _texts(changes, "directives", "+"))
    assert any("Law on Legal Aid" in t for t in _texts(changes, "directives", "-"))


def test_facts_carry_their_document_graph(changes):
    assert changes.added and changes.removed
    assert all(graphs == ["id-05-can-tho-sidang-dewan-rakyat"] for (s, _, _), graphs in changes.added
               if "can-tho-sidang" in s)
    assert all("en-01-lao-cai-deputy-pm-recovery" not in graphs for _, graphs in changes.added + changes.removed)


def test_same_input_no_change_and_stable_bytes(versions):
    old, new, _ = versions
    assert b"no change" in render(diff(str(old), str(old)), "text")
    for fmt in ("text", "json", "turtle"):
        assert render(diff(str(old), str(new)), fmt) == render(diff(str(old), str(new)), fmt), fmt


def test_json_and_turtle_formats(changes):
    doc = json.loads(render(changes, "json"))
    assert {c["change"] for c in doc["changes"]} >= {"added", "removed"}
    assert len(doc["facts"]) == len(changes.added) + len(changes.removed)
    assert doc["counted"]["source documents"] == {"added": 1, "removed": 1}
    triples = list(ox.parse(render(changes, "turtle"), format=ox.RdfFormat.TURTLE))
    cs = "http://purl.org/vocab/changeset/schema#"
    assert sum(1 for t in triples if t.predicate.value == cs + "addition") == len(changes.added)
    assert sum(1 for t in triples if t.predicate.value == cs + "removal") == len(changes.removed)
    assert not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def test_store_against_an_export_and_formats_without_graphs(versions, tmp_path):
    old, _, store = versions
    from_store = diff(str(old), "store", store)
    from_file = diff(str(old), str(versions[1]))
    assert from_store.added == from_file.added and from_store.removed == from_file.removed
    # Turtle keeps no graphs: the facts compare the same, the sources are only 'default graph'
    ttl = tmp_path / "v2.ttl"
    ttl.write_bytes(serialize(store, "turtle"))
    via_turtle = diff(str(old), str(ttl))
    assert [k for k, _ in via_turtle.added] == [k for k, _ in from_file.added]


def test_blank_nodes_compare_by_content(tmp_path):
    a, b, c = tmp_path / "a.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    a.write_text('<http://x/s> <http://x/p> [ <http://x/q> "v" ] .\n', encoding="utf-8")
    b.write_text('_:other <http://x/q> "v" .\n<http://x/s> <http://x/p> _:other .\n', encoding="utf-8")
    c.write_text('<http://x/s> <http://x/p> [ <http://x/q> "w" ] .\n', encoding="utf-8")
    assert not diff(str(a), str(b)).added and not diff(str(a), str(b)).removed
    changed = diff(str(a), str(c))
    assert len(changed.added) == 2 and len(changed.removed) == 2


def test_bad_inputs_are_input_errors(tmp_path, versions):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://x/s> <http://x/p> "unterminated .\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_side(str(bad))
    assert str(info.value).startswith(f"{bad}:1:")
    with pytest.raises(InputError, match="no such file"):
        read_side(str(tmp_path / "missing.nq"))
    odd = tmp_path / "data.xyz"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the RDF format"):
        read_side(str(odd))


def test_cli_diff(kg_cli, versions, tmp_path):
    old, new, _ = versions
    code, out, _ = kg_cli("diff", old, new)
    assert code == 0 and out.startswith(f"kg diff: {old} (")
    assert "\nHoldings\n" in out and "\nMeetings\n" in out and "Nineteenth meeting of the Can Tho" in out
    target = tmp_path / "d.json"
    code, _, _ = kg_cli("diff", old, new, "--format", "json", "-o", target)
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["new"]["name"] == str(new)
    code, _, err = kg_cli("diff", old, tmp_path / "nope.nq")
    assert code == 2 and "nope.nq: no such file" in err


def test_cli_diff_store_after_rebuild(kg_cli, tmp_path):
    """Build, export, change the inputs (remove one article, add another), build again, diff."""
    store = tmp_path / "store"
    before = tmp_path / "before.nq"
    assert kg_cli("build", "--store", store, "--quiet", EN01, EN02)[0] == 0
    assert kg_cli("export", "--format", "nquads", "-o", before, "--store", store)[0] == 0
    assert kg_cli("remove", EN02.name, "--store", store)[0] == 0
    assert kg_cli("build", "--store", store, "--quiet", ID05)[0] == 0
    code, out, _ = kg_cli("diff", before, "store", "--store", store)
    assert code == 0
    assert "+ Lam Quoc Bao: newly stated: " in out and "- Tran Thanh Man: no longer stated" in out
    assert "source documents +1 -1" in out


PRELUDE = """@prefix org: <http://www.w3.org/ns/org#> . @prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> . @prefix kg: <https://w3id.org/kg-vn/def#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix person: <https://w3id.org/kg-vn/id/person/> .
@prefix post: <https://w3id.org/kg-vn/id/post/> . @prefix holding: <https://w3id.org/kg-vn/id/holding/> .
@prefix body: <https://w3id.org/kg-vn/id/org/> .
person:x a foaf:Person ; skos:prefLabel "Xuân X"@vi, "Xuan X"@en .
person:y a foaf:Person ; skos:prefLabel "Yen Y"@en .
post:p a org:Post ; skos:prefLabel "Director of B"@en .
holding:x a org:Membership ; org:member person:x ; opengov:post post:p ; org:organization body:b ;
  kg:attestedOn "2024-01-01"^^xsd:date .
"""


def test_ended_started_new_holder_and_renamed_body(tmp_path):
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(PRELUDE + 'body:b a org:Organization ; skos:prefLabel "Bureau"@en .\n', encoding="utf-8")
    new.write_text(PRELUDE + """body:b a org:Organization ; skos:prefLabel "Bureau of Things"@en .
holding:x schema:validUntil "2024-06"^^xsd:gYearMonth ; kg:holdingStatus kg:Former .
holding:y a org:Membership ; org:member person:y ; opengov:post post:p ; org:organization body:b ;
  schema:validFrom "2024-07"^^xsd:gYearMonth ; kg:holdingStatus kg:Appointed .
""", encoding="utf-8")
    d = diff(str(old), str(new))
    assert _texts(d, "holdings", "~") == [
        "Xuân X: Director of B ended: attested 2024-01-01 → until 2024-06 attested 2024-01-01 former"]
    assert _texts(d, "holdings", "+") == ["Yen Y: started: Director of B (from 2024-07, appointed)"]
    assert _texts(d, "post holders", "+") == ["Director of B: new holder Yen Y (before: Xuân X)"]
    assert _texts(d, "bodies", "~") == ['renamed: "Bureau"@en → "Bureau of Things"@en']
