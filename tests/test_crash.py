"""Crash safety (issue #6): `kg build` killed at any moment leaves the previous store readable and
consistent, and the next build completes it; two builds at once never corrupt the store.

Real processes, really killed (SIGKILL): at named points through the test-only hook
KG_TEST_PAUSE_AT=<phase> (kg.store.pause), and after fixed delays.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.export import serialize
from kg.store import Store, live_path

DOC = "https://w3id.org/kg-vn/graph/doc/"
TEXT = "https://schema.org/text"


def _write(folder: Path, **texts: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _start(store: Path, *paths: Path, log: Path, **env: str) -> subprocess.Popen:
    full = {**os.environ, "KG_TEST_PAUSE_SECONDS": "120", **env}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "--quiet", "--store", str(store), *map(str, paths)],
                            stdout=subprocess.DEVNULL, stderr=log.open("w"), env=full)


def _wait_for(log: Path, text: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8", errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"the build ended before {text!r}: {log.read_text()[-2000:]}")
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"no {text!r} within {timeout} s")


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _snapshot(store: Path) -> bytes:
    with Store(store, read_only=True) as s:
        return serialize(s, "nquads")


def _texts(store: Path, doc: str) -> list[str]:
    with Store(store, read_only=True) as s:
        return sorted(r[0].value for r in s.query(f"SELECT ?t WHERE {{ GRAPH <{DOC}{doc}> {{ ?d <{TEXT}> ?t }} }}"))


def _expected(folder: Path) -> bytes:
    fresh = Store(None)
    build(fresh, [folder])
    return serialize(fresh, "nquads")


@pytest.fixture
def base(tmp_path):
    """A store holding document a, and a folder with a and a new document b."""
    folder = _write(tmp_path / "in", a="Hanoi, 3 March 2025.\n")
    store = tmp_path / "store"
    with Store(store) as s:
        build(s, [folder])
    _write(folder, b="Da Nang, 4 March 2025.\n")
    return store, folder


@pytest.mark.parametrize(("mode", "phase"), [
    ("transaction", "extract"),  # reading and extracting the inputs
    ("transaction", "manifest"),  # the manifest marks b pending, nothing written yet
    ("transaction", "write"),  # right before the one transaction
    ("bulk", "extract"),
    ("bulk", "bulk-loaded"),  # the new generation is half made: content loaded, old graphs not yet copied
    ("bulk", "switch"),  # the new generation is complete, the pointer not yet renamed
])
def test_killed_before_the_switch_the_store_is_as_it_was_and_the_next_build_completes(base, tmp_path, mode, phase):
    store, folder = base
    before = _snapshot(store)
    log = tmp_path / "log"
    proc = _start(store, folder, log=log, KG_TEST_PAUSE_AT=phase, KG_BUILD_MODE=mode)
    _wait_for(log, f"KG_TEST_PAUSED {phase}", proc)
    _kill(proc)
    assert _snapshot(store) == before  # readable, and exactly the previous store
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--store", str(store), str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "3 unchanged, 1 added, 0 replaced" in " ".join(done.stderr.split())
    assert _snapshot(store) == _expected(folder)
    assert sorted(p.name for p in store.iterdir() if p.is_dir()) == [live_path(store).name]  # debris collected


def test_killed_after_the_switch_the_new_store_is_complete(base, tmp_path):
    store, folder = base
    log = tmp_path / "log"
    proc = _start(store, folder, log=log, KG_TEST_PAUSE_AT="switched", KG_BUILD_MODE="bulk")
    _wait_for(log, "KG_TEST_PAUSED switched", proc)
    _kill(proc)  # before the old generation was deleted
    assert _snapshot(store) == _expected(folder)
    with Store(store) as s:
        again = build(s, [folder])
    assert again.mode == "none" and sorted(again.unchanged) == ["a", "b", "kg/ontology", "kg/reference"]
    assert sorted(p.name for p in store.iterdir() if p.is_dir()) == [live_path(store).name]


def test_kills_at_arbitrary_moments(base, tmp_path):
    """Builds killed after fixed delays, alternating write paths, each replacing document b and a
    data file: the store always holds exactly the old or the new b, never a mix, never nothing."""
    store, folder = base
    data = tmp_path / "data.nq"
    old_text = "Da Nang, 4 March 2025.\n"
    with Store(store) as s:
        build(s, [folder])
    # How long does one such build take on this machine? The kills are placed at fractions of it,
    # so they land inside builds on a fast machine and on a loaded one alike.
    data.write_text("".join(f'<urn:s{i}> <urn:p> "t-{i}" <{DOC}data-{i % 50}> .\n' for i in range(20_000)),
                    encoding="utf-8")
    started = time.monotonic()
    timed = _start(store, folder, data, log=tmp_path / "log", KG_BUILD_MODE="bulk")
    assert timed.wait(timeout=300) == 0, (tmp_path / "log").read_text()
    took = time.monotonic() - started
    with Store(store, read_only=True) as s:
        values_before = {q.object.value.split("-")[0] for q in s.quads() if q.predicate.value == "urn:p"}
    assert values_before == {"t"}
    kills = 0
    for n, fraction in enumerate([0.15, 0.35, 0.55, 0.75, 0.9]):
        delay = took * fraction
        new_text = f"Hue, {n + 5} March 2025.\n"
        _write(folder, b=new_text)
        data.write_text("".join(f'<urn:s{i}> <urn:p> "{n}-{i}" <{DOC}data-{i % 50}> .\n' for i in range(20_000)),
                        encoding="utf-8")
        proc = _start(store, folder, data, log=tmp_path / "log", KG_BUILD_MODE=("bulk", "transaction")[n % 2])
        time.sleep(delay)
        if proc.poll() is None:
            _kill(proc)
            kills += 1
        texts = _texts(store, "b")
        assert texts in ([old_text], [new_text]), texts
        with Store(store, read_only=True) as s:
            values = {q.object.value.split("-")[0] for q in s.quads() if q.predicate.value == "urn:p"}
        assert values in (values_before, {str(n)})  # one data file, old or new, never mixed
        old_text, values_before = texts[0], values
    assert kills >= 3  # the delays are meant to land inside builds
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--store", str(store), str(folder),
                           str(data)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _texts(store, "b") == [new_text]
    fresh = Store(None)
    build(fresh, [folder, data])
    assert _snapshot(store) == serialize(fresh, "nquads")


def test_two_builds_at_once(base, tmp_path):
    store, folder = base
    other = _write(tmp_path / "other", c="Hue, 5 March 2025.\n")
    log1 = tmp_path / "log1"
    first = _start(store, folder, log=log1, KG_TEST_PAUSE_AT="extract", KG_TEST_PAUSE_SECONDS="4")
    _wait_for(log1, "KG_TEST_PAUSED extract", first)
    second = subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--store", str(store), str(other)],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 2
    assert " ".join(second.stderr.split()).startswith(f"Error: the store at {store} is in use by another kg process")
    third = subprocess.run([sys.executable, "-m", "kg", "build", "--quiet", "--wait", "120", "--store", str(store),
                            str(other)], capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    assert first.wait(timeout=120) == 0
    with Store(store, read_only=True) as s:
        docs = [g for g in s.graph_names() if g.startswith(DOC)]
    assert docs == [DOC + "a", DOC + "b", DOC + "c"]  # both builds' documents, neither lost
