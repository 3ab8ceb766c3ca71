"""Building: idempotent, deterministic across processes and hash seeds, all-or-nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg.build import build, collect_documents
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
