"""`kg serve`: the store behind the real Oxigraph server binary."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_query import FIXTURE

from kg.errors import KgError
from kg.query import load_query, run_query
from kg.remote import Client, Endpoint, run_remote
from kg.serve import check_version, command, find_binary, is_loopback
from kg.store import Store

pytest_plugins = ["backends"]


def fake_binary(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "oxigraph"
    exe.write_text(f"#!/bin/sh\necho 'oxigraph {version}'\n")
    exe.chmod(0o755)
    return exe


def test_missing_binary_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(KgError, match=r"not installed .*pip install 'kg\[server\]'"):
        find_binary()


def test_binary_is_found_next_to_python_then_on_path(monkeypatch, tmp_path):
    beside = fake_binary(tmp_path / "venv" / "bin", ox.__version__)
    on_path = fake_binary(tmp_path / "elsewhere", ox.__version__)
    monkeypatch.setenv("PATH", str(on_path.parent))
    monkeypatch.setattr(sys, "executable", str(beside.parent / "python"))
    assert find_binary() == beside
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nowhere" / "python"))
    assert find_binary() == on_path


def test_a_different_server_version_is_refused(tmp_path):
    assert check_version(fake_binary(tmp_path / "same", ox.__version__)) == ox.__version__
    with pytest.raises(KgError, match=rf"Oxigraph 0\.0\.1 but kg's store is written by pyoxigraph {ox.__version__}"):
        check_version(fake_binary(tmp_path / "old", "0.0.1"))


def test_the_command_line(tmp_path):
    exe = fake_binary(tmp_path / "bin", ox.__version__)
    cmd = command(tmp_path / "live", port=7001, binary=exe)
    assert cmd.argv == [str(exe), "serve", "--location", str(tmp_path / "live"), "--bind", "127.0.0.1:7001",
                        "--union-default-graph"]
    assert cmd.url == "http://127.0.0.1:7001/query"
    ro = command(tmp_path / "live", host="::1", port=7002, read_only=True, binary=exe)
    assert ro.argv[1] == "serve-read-only" and "[::1]:7002" in ro.argv
    with pytest.raises(KgError, match="--port 0"):
        command(tmp_path, port=0, binary=exe)


def test_loopback():
    assert all(map(is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.2", "example.org", "::"]))


def test_no_store_is_a_clear_error(kg_cli, tmp_path):
    code, out, err = kg_cli("serve", "--store", tmp_path / "nothing")
    assert code == 2 and "no store at" in err and "kg build" in err


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_kg_serve_answers_queries_and_stops(tmp_path, kg_cli):
    import backends

    backends.require(backends.oxigraph_binary(), "the Oxigraph server binary (pip install 'kg[server]')")
    path = tmp_path / "store"
    with Store(path) as store:
        store.ox.load(path=FIXTURE, format=ox.RdfFormat.TRIG)
        store.flush()
        expected = run_query(store.ox, load_query("meetings"))
        del store.ox  # let go of the RocksDB directory
    port = _port()
    log = tmp_path / "serve.log"
    proc = backends.start([sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", str(port)], log)
    try:
        backends.wait_http(f"http://127.0.0.1:{port}/query", proc, log, timeout=60)
        with Client() as client:
            got = run_remote(client, Endpoint.from_urls(f"http://127.0.0.1:{port}/query"), load_query("meetings"))
        assert got.rows == expected.rows and len(got.rows) == 2
        assert "serving" in log.read_text() and f"127.0.0.1:{port}" in log.read_text()
        # while it serves, a build is refused instead of writing under it
        article = FIXTURE.parent / "articles" / "en_01_lao_cai_deputy_pm_recovery.txt"
        code, out, err = kg_cli("build", "--store", path, article)
        assert code == 2 and "in use" in err
        # stopping kg (not its process group) stops the server too
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0
        children = subprocess.run(["pgrep", "-f", "--", f"--bind 127.0.0.1:{port}"], capture_output=True, text=True)
        assert children.stdout.strip() == ""
    finally:
        backends.stop(proc)
