"""kg analyze: the network projections and the analyses, on the seed graph and on a multi-article graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import analyze as A
from kg.build import prepare
from kg.errors import InputError
from kg.query import load_query, run_query
from kg.resources import seeds_dir
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = seeds_dir() / "articles" / "000_542332e553f9f8df.txt"
MULTI = ["en_02_na_standing_committee_legal_aid", "en_11_na_vice_chairwoman_inspection",
         "en_09_government_standing_meeting_credit", "id_05_can_tho_sidang_dewan_rakyat",
         "vi_02_bo_tai_chinh_giai_ngan_dau_tu_cong", "en_06_pm_government_meeting_june"]
P = "https://w3id.org/kg-vn/id/person/"


def _store(paths: list[Path]) -> Store:
    store = Store(None)
    store.replace_graphs(prepare(paths))
    return store


@pytest.fixture(scope="module")
def seed() -> Store:
    return _store([SEED])


@pytest.fixture(scope="module")
def multi() -> Store:
    return _store([FIXTURES / f"{n}.txt" for n in MULTI])


@pytest.fixture(scope="module")
def multi_facts(multi):
    return A.load(multi)


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory):
    from kg.cli import run

    path = tmp_path_factory.mktemp("analyze") / "store"
    assert run(["build", "--store", str(path), "--quiet", str(SEED)]) == 0
    return path


def _query(store: Store, name: str, **params) -> list[dict]:
    res = run_query(store.ox, load_query(name), params)
    return [dict(zip(res.columns, r, strict=True)) for r in res.rows]


# --------------------------------------------------------------------------- the seed graph


def test_path_on_the_seed_goes_through_the_ninth_meeting(seed):
    result = A.path(seed, "Nguyen Hoa Binh", "Dau Thanh Tung")
    assert [r[4] for r in result.rows] == ["event:000-542332e553f9f8df--1", "person:dau-thanh-tung"]
    assert [r[2] for r in result.rows] == ["chaired", "attended"]
    text = result.text or ""
    assert "Ninth meeting of the Government Steering Committee for Public Administration Reform" in text
    assert "2025-01-15" in text
    # which post: the holdings attested on the meeting day
    assert "Permanent Deputy Prime Minister" in text and "Vice Chairman of the Thanh Hoa" in text


def test_path_accepts_iris_curies_and_folded_names(seed):
    a = A.path(seed, "NGUYỄN HÒA BÌNH", "person:dau-thanh-tung").rows
    b = A.path(seed, P + "nguyen-hoa-binh", "dau thanh tung").rows
    assert a == b and len(a) == 2


def test_unknown_and_ambiguous_names_are_input_errors_with_candidates(seed, multi):
    with pytest.raises(InputError, match="no person called 'Nguyen Hoa Bihn'.*did you mean Nguyen Hoa Binh"):
        A.path(seed, "Nguyen Hoa Bihn", "Dau Thanh Tung")
    with pytest.raises(InputError, match=r"'Nguyen' matches \d+ entities: .*Nguyen Hai Ninh \(person:nguyen-hai-ni"):
        A.neighbours(multi, "Nguyen")
    with pytest.raises(InputError, match="is not a person"):
        A.path(seed, "body:politburo", "Dau Thanh Tung")
    with pytest.raises(InputError, match="not a date"):
        A.centrality(seed, as_of="15/01/2025")


def test_as_of_before_the_meeting_cuts_the_connection(seed):
    from kg.errors import KgError

    with pytest.raises(KgError, match="no connection between Nguyen Hoa Binh and Dau Thanh Tung"):
        A.path(seed, "Nguyen Hoa Binh", "Dau Thanh Tung", as_of="2025-01-14")
    assert len(A.path(seed, "Nguyen Hoa Binh", "Dau Thanh Tung", as_of="2025-01-15").rows) == 2


def test_seed_projections(seed):
    f = A.load(seed)
    pb = A.person_body(f)
    assert set(pb[P + "nguyen-hoa-binh"]) == {"https://w3id.org/kg-vn/id/org/" + b for b in
                                              ("government", "government-steering-committee-for-par", "politburo")}
    edge = pb.edges[P + "nguyen-hoa-binh", "https://w3id.org/kg-vn/id/org/politburo"]
    assert edge["label"] == "Member of the Politburo" and edge["attested_on"] == "2025-01-15"
    co = A.co_attendance(f)
    assert list(co.edges(data="date")) == [(P + "dau-thanh-tung", P + "nguyen-hoa-binh", "2025-01-15")]
    assert A.co_membership(f).number_of_edges() == 0  # they hold no post in the same body
    pd = A.person_directive(f)
    assert "https://w3id.org/kg-vn/id/act/18-nq-tw" in pd[P + "dau-thanh-tung"]
    assert A.person_body(f, "2025-01-16").number_of_edges() == 0  # attested on one day only


def test_hierarchy_tree_matches_the_body_hierarchy_query(seed):
    result = A.hierarchy_tree(seed, "Thanh Hoa Provincial People's Committee")
    expected = _query(seed, "body-hierarchy", body="Thanh Hoa Provincial People's Committee")
    assert sorted(r[2] for r in result.rows) == sorted(r["organization"] for r in expected)
    assert {r[0] for r in result.rows} == {int(r["depth"]) for r in expected}
    assert (result.text or "").splitlines()[0].startswith("Thanh Hoa Provincial People's Committee")
    names = [r[2] for r in result.rows if r[0] == 1]
    assert names == sorted(names)


# --------------------------------------------------------------------------- the multi-article graph


def test_person_body_matches_the_holdings_query(multi, multi_facts):
    for day in (None, "2025-03-11", "2024-10-18"):
        g = A.person_body(multi_facts, day)
        ours = {(u, multi_facts.nodes[v].label_en) if u.startswith(P) else (v, multi_facts.nodes[u].label_en)
                for u, v in g.edges}
        rows = _query(multi, "holdings", as_of=day) if day else _query(multi, "holdings")
        theirs = {(r["holder"], r["organization"]) for r in rows}
        assert ours == theirs and ours, day


def test_co_attendance_matches_the_co_attendance_query(multi, multi_facts):
    g = A.co_attendance(multi_facts)
    rows = _query(multi, "co-attendance")
    assert rows
    theirs = {tuple(sorted((r["attendee_a"], r["attendee_b"]))): int(r["meetings"]) for r in rows}
    assert {(u, v): d["weight"] for u, v, d in g.edges(data=True)} == theirs


def test_co_membership_is_same_body_same_time(multi_facts):
    g = A.co_membership(multi_facts)
    edge = g.edges[P + "nguyen-thi-thanh", P + "tran-thanh-man"]
    assert edge["label"] == "National Assembly of Vietnam" and "2025-03-11" in edge["date"]
    # Nguyen Thi Thanh was also attested in the NA on 2024-10-18, Tran Thanh Man only on 2025-03-11
    assert not A.co_membership(multi_facts, "2024-10-18").has_edge(P + "nguyen-thi-thanh", P + "tran-thanh-man")
    assert A.co_membership(multi_facts, "2025-03-11").has_edge(P + "nguyen-thi-thanh", P + "tran-thanh-man")
    for u, v, d in g.edges(data=True):
        for a, b in d["_pairs"]:
            assert a.body == b.body and {a.person, b.person} == {u, v}


def test_path_across_two_articles(multi):
    result = A.path(multi, "Tran Thanh Man", "Mai Van Tuong")
    nodes = [r[4] for r in result.rows]
    assert len(nodes) == 4 and "person:nguyen-thi-thanh" in nodes
    assert nodes[0].startswith("event:en-02-") and nodes[2].startswith("event:en-11-")
    assert "2025-03-11" in (result.text or "") and "2024-10-18" in (result.text or "")


def test_shortest_path_breaks_ties_by_iri():
    import networkx as nx

    g = nx.Graph()
    g.add_edges_from([("a", "z"), ("z", "b"), ("a", "m"), ("m", "b")])
    assert A.shortest_path(g, "a", "b") == ["a", "m", "b"]
    h = nx.Graph()
    h.add_edges_from([("a", "m"), ("m", "b"), ("a", "z"), ("z", "b")])
    assert A.shortest_path(h, "a", "b") == ["a", "m", "b"]


def test_centrality_is_ranked_deterministic_and_says_when_sampled(multi, multi_facts, monkeypatch):
    first = A.centrality(multi, facts=multi_facts, top=0)
    assert first.rows == A.centrality(multi, facts=A.load(multi), top=0).rows
    assert "betweenness is exact" in first.notes
    keys = [(-r[6], -r[4], r[1]) for r in first.rows]
    assert keys == sorted(keys) and all(r[3] == "person" for r in first.rows)
    assert first.rows[0][1] == "person:nguyen-thi-thanh"  # the one who links the NA meeting to Ninh Binh
    monkeypatch.setattr(A, "SAMPLE_THRESHOLD", 10)
    sampled = A.centrality(multi, facts=multi_facts, top=0, samples=20)
    assert any("betweenness is sampled: estimated from 20 of" in n for n in sampled.notes)
    assert sampled.rows == A.centrality(multi, facts=multi_facts, top=0, samples=20).rows


def test_communities_partition_people_deterministically(multi, multi_facts):
    first = A.communities(multi, facts=multi_facts)
    assert first.rows == A.communities(multi, facts=A.load(multi)).rows
    people = [name for r in first.rows for name in r[3].split(", ")]
    assert len(people) == len(set(people)) and len(first.rows) >= 3
    can_tho = next(r for r in first.rows if "Lam Quoc Bao" in r[3])
    assert "Ta Minh Khoa" in can_tho[3] and "Tran Thanh Man" not in can_tho[3]


def test_neighbours_show_diacritics_and_relations(multi):
    result = A.neighbours(multi, "nguyen van thang")
    assert "Nguyễn Văn Thắng" in result.notes[0]
    met = {r[2] for r in result.rows if r[0] == "met"}
    assert "Hồ Đức Phớc" in met and "Đỗ Thành Trung" in met
    assert any(r[0] == "holds a post in" and r[2] == "Ministry of Finance" for r in result.rows)


# --------------------------------------------------------------------------- the CLI


def test_cli_analyze_commands(kg_cli, built_seed):
    code, out, _ = kg_cli("analyze", "path", "Nguyễn Hòa Bình", "Đậu Thanh Tùng", "--store", built_seed)
    assert code == 0 and "Ninth meeting" in out and "2025-01-15" in out
    code, out, _ = kg_cli("analyze", "centrality", "--format", "json", "--store", built_seed)
    data = json.loads(out)
    assert code == 0 and [r["node"] for r in data["rows"]] == ["person:dau-thanh-tung", "person:nguyen-hoa-binh"]
    assert "betweenness is exact" in data["notes"]
    code, out, _ = kg_cli("analyze", "neighbours", "Dau Thanh Tung", "--format", "csv", "--store", built_seed)
    assert code == 0 and out.startswith("relation,node,name,kind,weight,via\n") and "person:nguyen-hoa-binh" in out
    code, out, _ = kg_cli("analyze", "hierarchy", "Politburo", "--store", built_seed)
    assert code == 0 and out.startswith("Politburo of the Communist Party of Vietnam")
    code, out, _ = kg_cli("analyze", "communities", "--format", "csv", "--store", built_seed)
    assert code == 0 and "Dau Thanh Tung" in out
    code, _, err = kg_cli("analyze", "path", "Nobody Here", "Dau Thanh Tung", "--store", built_seed)
    assert code == 2 and "Error: no person called 'Nobody Here'" in err
