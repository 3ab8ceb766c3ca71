"""Real SPARQL engines on loopback for the backend tests: the Oxigraph server and Virtuoso.

Each engine runs from its own temporary directory on free ports, in its own process group
(killed in teardown, so no server outlives the tests). When an engine's binary is missing the
tests that need it are skipped, unless the environment says CI=true: then they fail, because
CI installs both (.ci/run: Virtuoso from Debian, the oxigraph binary with `kg[server]`).

Used as a pytest plugin by the test modules that need it: `pytest_plugins = ["backends"]`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from kg.remote import Client, Credentials, Endpoint, remote_graphs

VIRTUOSO = Path(os.environ.get("KG_TEST_VIRTUOSO", "/usr/bin/virtuoso-t"))
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a new Virtuoso database's administrator
# Virtuoso cuts SELECT answers at this many rows (raised from its default 10,000 so library queries
# are whole; kept low enough that a test can show the cut is detected)
VIRTUOSO_MAX_ROWS = 20_000


def oxigraph_binary() -> Path | None:
    """As `kg serve` finds it: next to the running Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph")
    return beside if beside.is_file() else Path(found) if found else None


def require(binary: Path | None, what: str) -> Path:
    """The binary, or skip (fail on CI, where it must be installed)."""
    if binary is not None and binary.is_file() and os.access(binary, os.X_OK):
        return binary
    message = f"{what} is not installed ({binary or 'not found'})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must install it", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv: list[str], log: Path, cwd: Path | None = None) -> subprocess.Popen:
    """A server in a process group of its own (so teardown can kill all it started)."""
    out = log.open("wb")
    try:
        return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
    finally:
        out.close()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Wait until `url` answers any HTTP status; fail with the server's log if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}:\n"
                               f"{log.read_text(errors='replace')[-3000:]}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    stop(proc)
    raise RuntimeError(f"{proc.args[0]} did not answer {url} within {timeout} s:\n"
                       f"{log.read_text(errors='replace')[-3000:]}")


@dataclass
class Backend:
    name: str
    endpoint: Endpoint
    credentials: Credentials = field(default_factory=Credentials)
    needs_auth: bool = False  # writes need credentials

    def client(self) -> Client:
        return Client(self.credentials)

    def env(self) -> dict[str, str]:
        """Environment variables that carry the credentials to `kg push`."""
        if not self.credentials:
            return {}
        assert self.credentials.user is not None and self.credentials.password is not None
        return {"KG_ENDPOINT_USER": self.credentials.user, "KG_ENDPOINT_PASSWORD": self.credentials.password}

    def clear(self) -> None:
        """Delete the project's graphs on the server (never the engine's own graphs)."""
        with self.client() as client:
            for graph in remote_graphs(client, self.endpoint):
                client.request("DELETE", f"{self.endpoint.graph_store_url}?graph={graph}", ok=(404,))


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[Backend]:
    binary = require(oxigraph_binary(), "the Oxigraph server binary (pip install 'kg[server]')")
    d = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = d / "server.log"
    proc = start([str(binary), "serve", "--location", str(d / "data"), "--bind", f"127.0.0.1:{port}"], log)
    try:
        wait_http(f"http://127.0.0.1:{port}/query", proc, log)
        yield Backend("oxigraph", Endpoint.from_urls(f"http://127.0.0.1:{port}/query"))
    finally:
        stop(proc)


@dataclass
class _Launch:
    proc: subprocess.Popen
    log: Path
    http_port: int


@pytest.fixture(scope="session")
def virtuoso_launch(tmp_path_factory) -> Iterator[_Launch | None]:
    """Virtuoso started but not yet waited for (its first start takes seconds: fixtures that
    build stores ask for this first, so both happen at once); None when it is not installed."""
    if not VIRTUOSO.is_file():
        yield None
        return
    d = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql_port=sql_port, http_port=http_port,
                                                        max_rows=VIRTUOSO_MAX_ROWS))
    log = d / "server.log"
    proc = start([str(VIRTUOSO), "+configfile", str(d / "virtuoso.ini"), "+foreground"], log, cwd=d)
    try:
        yield _Launch(proc, log, http_port)
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def virtuoso_server(virtuoso_launch: _Launch | None) -> Backend:
    require(VIRTUOSO if virtuoso_launch is not None else None,
            "Virtuoso (apt-get install virtuoso-opensource-7-bin)")
    assert virtuoso_launch is not None
    url = f"http://127.0.0.1:{virtuoso_launch.http_port}/sparql"
    wait_http(url, virtuoso_launch.proc, virtuoso_launch.log, timeout=120)
    return Backend("virtuoso", Endpoint.from_urls(url), Credentials(VIRTUOSO_USER, VIRTUOSO_PASSWORD),
                   needs_auth=True)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def backend(request) -> Backend:
    """Each backend test runs once per engine, on a server cleared of the project's graphs."""
    server: Backend = request.getfixturevalue(f"{request.param}_server")
    server.clear()
    return server
