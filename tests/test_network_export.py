"""kg export --format graphml|gexf|csv-edges: network files that other tools read, byte-deterministic."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from kg import analyze as A
from kg.build import prepare
from kg.resources import seeds_dir
from kg.store import Store

SEED = seeds_dir() / "articles" / "000_542332e553f9f8df.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
P = "https://w3id.org/kg-vn/id/person/"
EVENT = "https://w3id.org/kg-vn/id/event/000-542332e553f9f8df--1"


@pytest.fixture(scope="module")
def seed() -> Store:
    store = Store(None)
    store.replace_graphs(prepare([SEED]))
    return store


@pytest.fixture(scope="module")
def vi_store() -> Store:
    store = Store(None)
    store.replace_graphs(prepare([FIXTURES / "vi_02_bo_tai_chinh_giai_ngan_dau_tu_cong.txt"]))
    return store


def test_graphml_loads_back_in_networkx_with_attributes(seed, tmp_path):
    data = A.export_network(seed, "graphml")
    path = tmp_path / "g.graphml"
    path.write_bytes(data)
    g = nx.read_graphml(path)
    original = A.network(seed)
    assert set(g.nodes) == set(original.nodes) and g.number_of_edges() == original.number_of_edges()
    assert g.nodes[P + "nguyen-hoa-binh"]["kind"] == "person"
    assert g.nodes[P + "nguyen-hoa-binh"]["label_en"] == "Nguyen Hoa Binh"
    assert g.nodes[EVENT]["date"] == "2025-01-15"
    edge = g.edges[P + "nguyen-hoa-binh", EVENT]
    assert edge["kind"] == "chaired" and edge["date"] == "2025-01-15"


def test_graphml_loads_in_igraph(seed, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    path.write_bytes(A.export_network(seed, "graphml", "co-attendance"))
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == 2 and g.ecount() == 1
    assert sorted(g.vs["id"]) == [P + "dau-thanh-tung", P + "nguyen-hoa-binh"]
    assert g.es[0]["kind"] == "co-attendance" and g.es[0]["date"] == "2025-01-15"
    assert sorted(g.vs["label_en"]) == ["Dau Thanh Tung", "Nguyen Hoa Binh"]


def test_vietnamese_labels_survive_graphml_and_gexf(vi_store, tmp_path):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(A.export_network(vi_store, fmt, "person-body"))
        g = reader(path)
        labels = {d.get("label_vi") for _, d in g.nodes(data=True)}
        assert "Nguyễn Văn Thắng" in labels, fmt


def test_outputs_are_byte_identical_whatever_the_insertion_order(seed):
    g = A.network(seed)
    reversed_g = nx.Graph()
    for n in reversed(list(g.nodes)):
        reversed_g.add_node(n, **g.nodes[n])
    for u, v in reversed(list(g.edges)):
        reversed_g.add_edge(v, u, **g.edges[u, v])
    for fmt in A.NETWORK_FORMATS:
        assert A.write_network(g, fmt) == A.write_network(reversed_g, fmt) == A.export_network(seed, fmt), fmt


def test_gexf_has_no_clock_date_and_loads_back(seed, tmp_path):
    data = A.export_network(seed, "gexf")
    assert b"lastmodifieddate" not in data
    path = tmp_path / "g.gexf"
    path.write_bytes(data)
    assert nx.read_gexf(path).number_of_edges() == A.network(seed).number_of_edges()


def test_csv_edges_one_row_per_edge_with_both_ends_described(seed):
    rows = list(csv.DictReader(io.StringIO(A.export_network(seed, "csv-edges").decode("utf-8"))))
    g = A.network(seed)
    assert len(rows) == g.number_of_edges()
    assert list(rows[0]) == A.CSV_EDGE_COLUMNS
    row = next(r for r in rows if r["kind"] == "chaired")
    assert {row["source"], row["target"]} == {P + "nguyen-hoa-binh", EVENT}
    assert row["date"] == "2025-01-15"
    ends = {row["source_kind"], row["target_kind"]}
    assert ends == {"person", "event"}
    assert [(r["source"], r["target"]) for r in rows] == sorted((r["source"], r["target"]) for r in rows)


def test_cli_export_network_formats(kg_cli, tmp_path):
    store = tmp_path / "store"
    assert kg_cli("build", "--store", store, "--quiet", SEED)[0] == 0
    out = tmp_path / "g.graphml"
    code, _, _ = kg_cli("export", "--format", "graphml", "-o", out, "--store", store)
    assert code == 0 and nx.read_graphml(out).number_of_nodes() > 0
    code, stdout, _ = kg_cli("export", "--format", "csv-edges", "--network", "co-attendance", "--store", store)
    assert code == 0 and stdout.count("\n") == 2 and "person:" not in stdout and P + "dau-thanh-tung" in stdout
    code, stdout, _ = kg_cli("export", "--format", "csv-edges", "--network", "co-attendance", "--as-of", "2025-01-14",
                             "--store", store)
    assert code == 0 and stdout.count("\n") == 1  # the header only: the meeting is the day after
    code, _, err = kg_cli("export", "--format", "gexf", "--graph", "reference", "--store", store)
    assert code == 2 and "--graph applies to the RDF formats only" in err
    code, _, err = kg_cli("export", "--format", "gexf", "--as-of", "soon", "--store", store)
    assert code == 2 and "not a date" in err
