"""Every CLI command: exit codes, where output goes, and the exact error text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.cli import cli, run
from kg.resources import seeds_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = seeds_dir() / "articles" / "000_542332e553f9f8df.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store built from seeds/ once for this module."""
    store = tmp_path_factory.mktemp("cli") / "store"
    assert run(["build", "--store", str(store), "--quiet"]) == 0
    return store


def test_every_command_has_help_and_is_in_the_readme(kg_cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        code, out, _ = kg_cli(name, "--help")
        assert code == 0 and "Usage:" in out, name
        assert command.help, f"{name} has no help text"
        assert f"`kg {name}" in readme, f"`kg {name}` is not in the README"


def test_unknown_command_is_a_usage_error(kg_cli):
    code, _, err = kg_cli("nosuch")
    assert code == 2 and "No such command 'nosuch'" in err


def test_build_reports_on_stderr_and_counts_on_stdout(kg_cli, tmp_path):
    code, out, err = kg_cli("build", "--store", tmp_path / "s")
    assert code == 0
    assert re.search(r"built \d+ triples in \d+ graphs \(1 documents\)", err)
    assert "foaf:Person" in out and "000_542332e553f9f8df.txt" in out


def test_bad_article_stops_build_and_keeps_the_store(kg_cli, built, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(built, store)
    before = kg_cli("export", "--store", store, "--format", "nquads")[1]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Hanoi\n\xc3(\n")
    code, out, err = kg_cli("build", "--store", store, SEED, bad)
    assert code == 2
    assert err.strip() == f"Error: {bad}:2:1: not UTF-8 text (byte 0xc3); save the file as UTF-8"
    assert kg_cli("export", "--store", store, "--format", "nquads")[1] == before


def test_missing_input_and_missing_store(kg_cli, tmp_path):
    code, _, err = kg_cli("build", "--store", tmp_path / "s", tmp_path / "nope.txt")
    assert code == 2 and err.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file or folder"
    code, _, err = kg_cli("stats", "--store", tmp_path / "none")
    assert code == 2
    assert err.strip() == f"Error: no store at {tmp_path / 'none'}: run `kg build` first (or pass --store)"


def test_export_is_deterministic_and_atomic(kg_cli, built, tmp_path):
    first = kg_cli("export", "--store", built)[1]
    assert first == kg_cli("export", "--store", built)[1]
    assert "@prefix kg: <https://w3id.org/kg-vn/def#> ." in first
    from rdflib import Dataset, Graph

    parsed = Graph().parse(data=first, format="turtle")  # a second, independent parser reads it
    assert len(parsed) > 20_000
    trig = kg_cli("export", "--store", built, "--format", "trig")[1]
    assert len(Dataset().parse(data=trig, format="trig").graph(
        "https://w3id.org/kg-vn/graph/doc/000-542332e553f9f8df")) > 100
    target = tmp_path / "g.nt"
    assert kg_cli("export", "--store", built, "--format", "ntriples", "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8").count("\n") > 100
    code, _, err = kg_cli("export", "--store", built, "--graph", "nope.txt")
    assert code == 2 and err.strip() == "Error: no graph 'nope.txt' in the store (see `kg stats`)"
    code, _, err = kg_cli("export", "--store", built, "--format", "xml")
    assert code == 2 and "Invalid value for '--format'" in err


def test_validate_passes_on_the_seed_build(kg_cli, built):
    code, out, _ = kg_cli("validate", "--store", built)
    assert code == 0, out


def test_show_finds_a_person_with_or_without_diacritics(kg_cli, built):
    code, out, _ = kg_cli("show", "--store", built, "Nguyễn Hòa Bình")
    assert code == 0 and out.startswith("Nguyen Hoa Binh")
    code, out, _ = kg_cli("show", "--store", built, "nguyen hoa binh", "--format", "json")
    card = json.loads(out)
    assert card["iri"] == "https://w3id.org/kg-vn/id/person/nguyen-hoa-binh"
    assert any(s["document"] == SEED.name for s in card["sources"])
    code, _, err = kg_cli("show", "--store", built, "Nobody Anywhere")
    assert code == 2
    assert err.strip() == ("Error: nothing in the store is called 'Nobody Anywhere' "
                           "(try `kg query holdings` or an IRI)")


def test_stats_json(kg_cli, built):
    code, out, _ = kg_cli("stats", "--store", built, "--format", "json")
    data = json.loads(out)
    assert code == 0
    [doc] = data["documents"]
    assert doc["document"] == SEED.name and doc["language"] == "id" and doc["machine translation"] == "yes"


def test_digest_of_a_path_leaves_the_store_alone(kg_cli, built):
    code, out, _ = kg_cli("digest", SEED)
    assert code == 0
    d = json.loads(out)
    assert d["document"] == SEED.name and d["language"] == "id"
    assert {"Nguyen Hoa Binh", "Dau Thanh Tung"} <= {p["normalized"] for p in d["persons"]}
    code, out2, _ = kg_cli("digest", "--store", built, "--document", SEED.name)
    assert code == 0 and json.loads(out2) == d
    code, _, err = kg_cli("digest")
    assert code == 2 and "give either PATH or --document NAME" in err
    code, _, err = kg_cli("digest", "--store", built, "--document", "nope.txt")
    assert code == 2 and err.strip() == "Error: no document 'nope.txt' in the store (see `kg stats`)"


def test_remove_document(kg_cli, built, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(built, store)
    assert kg_cli("remove", "--store", store, SEED.name)[0] == 0
    data = json.loads(kg_cli("stats", "--store", store, "--format", "json")[1])
    assert data["documents"] == []
    code, _, err = kg_cli("remove", "--store", store, SEED.name)
    assert code == 2 and err.strip() == f"Error: no document '{SEED.name}' in the store (see `kg stats`)"


def test_queries_list_and_run(kg_cli, built):
    code, out, _ = kg_cli("queries", "--format", "json")
    names = {q["name"] for q in json.loads(out)}
    assert code == 0 and len(names) >= 12
    for name in sorted(names):
        code, out, err = kg_cli("query", "--store", built, name, "--format", "json")
        if code == 2 and "missing" in err:
            continue  # a required parameter: covered in test_query.py
        assert code == 0, (name, err)
        json.loads(out)
    code, _, err = kg_cli("query", "--store", built, "nosuch")
    assert code == 2 and err.startswith("Error: ")


def test_update_needs_the_flag_and_validate_exits_1_on_violations(kg_cli, built, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(built, store)
    update = tmp_path / "break.rq"
    update.write_text(
        "PREFIX org: <http://www.w3.org/ns/org#>\n"
        "INSERT DATA { GRAPH <https://w3id.org/kg-vn/graph/doc/000-542332e553f9f8df> {\n"
        "  <https://w3id.org/kg-vn/id/holding/broken> a org:Membership } }\n", encoding="utf-8")
    code, _, err = kg_cli("query", "--store", store, update)
    assert code == 2 and "--allow-update" in err
    assert kg_cli("query", "--store", store, update, "--allow-update")[0] == 0
    code, out, _ = kg_cli("validate", "--store", store)
    assert code == 1
    assert "holding:broken" in out or "id/holding/broken" in out
    assert "000_542332e553f9f8df.txt" in out
    code, out, _ = kg_cli("validate", "--store", store, "--format", "json")
    assert code == 1 and json.loads(out)["conforms"] is False
