"""`kg push` and `kg query --endpoint`: the same tests against two real engines (the Oxigraph
server and Virtuoso, started on loopback by tests/backends.py), plus the credential rules and
the client's error handling against a stub HTTP server."""

from __future__ import annotations

import base64
import http.server
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_query import EXPECTED, FIXTURE

from kg.errors import InputError, KgError, QueryError
from kg.query import _parse, inline_parameters, list_queries, load_query, run_query
from kg.remote import (
    Client,
    Credentials,
    Endpoint,
    RemoteError,
    credentials,
    graph_ntriples,
    graph_url,
    push,
    remote_graphs,
    run_remote,
)
from kg.store import Store

if TYPE_CHECKING:
    from backends import Backend

pytest_plugins = ["backends"]  # the engines: oxigraph_server, virtuoso_server and `backend` (both)

SECRET = "s3cr3t-Pa55word"
ATTACKS = ['"> } ; DROP ALL ; #', "'> } ; DROP ALL ; #", '\\" } DROP ALL #', "\\u0022 } ; DROP ALL ; #",
           "a\nb\r\tc", "}}}{{{", "?person", "<http://x/y>", "x\" . ?s ?p ?o . FILTER(\"1"]


# --------------------------------------------------------------------------- stores


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, virtuoso_launch) -> Path:
    """`kg build` of seeds/ into a temporary store (the seed article, reference, ontology),
    while Virtuoso starts."""
    from kg.cli import run

    path = tmp_path_factory.mktemp("seed") / "store"
    assert run(["build", "-q", "--store", str(path)]) == 0
    return path


@pytest.fixture(scope="session")
def sample() -> Store:
    """The query library's hand-made multi-article fixture (tests/fixtures/sample.trig)."""
    store = Store(None)
    store.ox.load(path=FIXTURE, format=ox.RdfFormat.TRIG)
    return store


def local_counts(store: Store) -> dict[str, int]:
    return {g: graph_ntriples(store, g)[1] for g in store.graph_names()}


def rows(result) -> list[tuple]:
    return sorted(tuple(str(v) if v is not None else "" for v in row) for row in result.rows)


# --------------------------------------------------------------------------- push


def test_push_seed_graph_with_the_cli_and_count_per_graph(backend: Backend, seed_store, kg_cli, monkeypatch):
    for key, value in backend.env().items():
        monkeypatch.setenv(key, value)
    code, out, err = kg_cli("push", "--store", seed_store, "--endpoint", backend.endpoint.query_url)
    assert code == 0, err
    assert "counts checked on the server" in err
    # `kg query --endpoint` prints what `kg query` prints from the store
    args = ("query", "person-documents", "-p", "person", "Đậu Thanh Tùng", "--format", "csv")
    code, remote_out, err = kg_cli(*args, "--endpoint", backend.endpoint.query_url)
    assert code == 0, err
    code, local_out, err = kg_cli(*args, "--store", seed_store)
    assert code == 0 and remote_out == local_out and remote_out.count("\n") == 2
    with Store(seed_store, read_only=True) as store, backend.client() as client:
        expected = local_counts(store)
        assert len(expected) >= 3 and sum(expected.values()) > 10_000
        assert remote_graphs(client, backend.endpoint) == expected
        # the library answers the same on the server as in the store (all queries: on the sample below)
        for name, params in (("documents", {}), ("person-documents", {"person": "Đậu Thanh Tùng"})):
            info = load_query(name)
            remote = rows(run_remote(client, backend.endpoint, info, params))
            assert remote and remote == rows(run_query(store.ox, info, params)), name


def test_push_sample_and_every_library_query_answers_as_embedded(backend: Backend, sample):
    with backend.client() as client:
        report = push(sample, client, backend.endpoint)
        assert report.graphs == local_counts(sample)
        assert len(report.graphs) == 3
        differ: dict[str, str] = {}
        cases = 0
        for name, expected in EXPECTED.items():
            info = load_query(name)
            for params, _ in expected:
                cases += 1
                key = f"{name} {sorted(params.items())}"
                embedded = rows(run_query(sample.ox, info, params))
                try:
                    remote = rows(run_remote(client, backend.endpoint, info, params))
                except RemoteError as exc:
                    differ[key] = f"error: {exc}"
                    continue
                if remote != embedded:
                    differ[key] = f"{len(remote)} rows, embedded {len(embedded)}: " + str(
                        sorted(set(remote) ^ set(embedded))[:3])
        assert cases == sum(len(v) for v in EXPECTED.values()) and cases >= len(list_queries())
    known = KNOWN_DIFFERENCES[backend.name]
    # Every case outside the table must answer exactly as the store does. A case in the table may
    # fail only in the way recorded there; it may also answer correctly, because Virtuoso's plans
    # (and so these failures) depend on what the server held before: an exact table was flaky.
    assert set(differ) <= set(known), {k: v for k, v in differ.items() if k not in known}
    for key, message in differ.items():
        assert any(sign in message for sign in known[key]), (key, message)


# Library queries whose answers differ on an engine, found by the test above; the value is a
# piece of the error or of the difference. A newly broken case fails the test; a case listed here
# may also pass (see the test). On Virtuoso 7.2:
# * SR008: SUBSTR(?day, 1, STRLEN(STR(?from))) with ?from unbound stops the query (the spec makes
#   it an error inside the FILTER, which `!BOUND(?from) || ...` then ignores);
# * post-holders and province-officials with a date give no row where the store gives one (the
#   same precision comparison, answered silently wrong);
# * SQ156: Virtuoso's compiler fails on attendance-capacity ("Internal Optimized compiler error")
#   and on province-officials as rewritten for speed (grouped label look-ups; not yet narrowed down).
# (Which of the first two a case shows varies from run to run: Virtuoso's plan does.)
# provinces without a date answers as the store does since its open dates go through COALESCE;
# with a date it meets the same SQ156 after the seed graph was pushed by the earlier tests (run
# alone, `-k every_library_query`, Virtuoso compiles it and answers as the store: its plan
# depends on what the server held before).
_SUBSTR, _SILENT, _COMPILER = ("SR008",), ("0 rows, embedded 1", "SR008"), ("SQ156",)
KNOWN_DIFFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "oxigraph": {},
    "virtuoso": {
        "holdings []": _SUBSTR,
        "holdings [('as_of', '2024-12-31')]": _SUBSTR,
        "holdings [('as_of', '2024-05-16'), ('person', 'nguyễn')]": _SUBSTR,
        "holdings [('person', 'BINH')]": _SUBSTR,
        "post-holders [('on', '2024-05-16'), ('post', 'deputy prime')]": _SUBSTR,
        "post-holders [('on', '2020-10-31'), ('post', 'Chủ tịch UBND')]": _SILENT,
        "post-holders [('on', '2025-01-01'), ('post', 'minister')]": _SUBSTR,
        "province-officials [('province', 'hà giang')]": _COMPILER,
        "province-officials [('as_of', '2025-03-08'), ('province', 'Ha Giang')]": _COMPILER,
        "attendance-capacity []": _COMPILER,
        "attendance-capacity [('meeting', 'event:2025-03-10-digital-review--1'), ('person', 'cuong')]": _COMPILER,
        "provinces [('as_of', '2025-07-01')]": _COMPILER,
        "provinces [('as_of', '2000-01-01')]": _COMPILER,
    },
}


def test_repush_replaces_and_removes(backend: Backend, sample):
    with backend.client() as client:
        push(sample, client, backend.endpoint)
        push(sample, client, backend.endpoint)  # the same again: no duplicates
        assert remote_graphs(client, backend.endpoint) == local_counts(sample)
        smaller = Store(None)
        names = sample.graph_names()
        doc = next(g for g in names if "/doc/" in g)
        kept = [g for g in names if g != doc]
        for g in kept:
            smaller.ox.extend(q for q in sample.quads(g))
        # and one graph loses a triple: the server's copy must lose it too
        victim = next(iter(smaller.quads(kept[0])))
        smaller.ox.remove(victim)
        report = push(smaller, client, backend.endpoint)
        assert report.removed == [doc]
        on_server = remote_graphs(client, backend.endpoint)
        assert on_server == local_counts(smaller)
        assert doc not in on_server


def test_push_verifies_counts_and_fails_loudly(backend: Backend, sample, monkeypatch):
    """A server that holds other than what was sent (here: a graph changed behind kg's back
    between the PUT and the count) is an error naming the graph."""
    import kg.remote as remote

    real = remote.remote_graphs

    def tampered(client, endpoint):
        counts = real(client, endpoint)
        first = sorted(counts)[0]
        counts[first] += 1
        return counts

    monkeypatch.setattr(remote, "remote_graphs", tampered)
    with backend.client() as client, pytest.raises(RemoteError, match=r"1 graph\(s\) differ.*sent \d+, the server "):
        push(sample, client, backend.endpoint)


# --------------------------------------------------------------------------- safe parameters


def test_injection_attempts_are_values(backend: Backend, sample):
    with backend.client() as client:
        push(sample, client, backend.endpoint)
        before = remote_graphs(client, backend.endpoint)
        for attack in ATTACKS:
            for name, param in (("person-documents", "person"), ("directives", "text"), ("body-members", "body")):
                if name != "directives" and attack not in ATTACKS[:3]:
                    continue  # every attack on one query, the worst three on the others
                result = run_remote(client, backend.endpoint, load_query(name), {param: attack}, scope=sorted(before))
                assert result.rows == []
            with pytest.raises(QueryError):
                run_remote(client, backend.endpoint, load_query("fact-sources"), {"entity": "http://x> } ; " + attack})
        assert remote_graphs(client, backend.endpoint) == before


ECHO = _parse("# param: x string\n# columns: x\nSELECT ?x WHERE { }\n", "echo", None, complete=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
       | st.sampled_from(ATTACKS))
def test_any_string_round_trips_through_the_server(backend: Backend, value):
    """What a parameter says is exactly what the server binds: no character ends the term."""
    import unicodedata

    with backend.client() as client:
        result = run_remote(client, backend.endpoint, ECHO, {"x": value}, scope=[])
    assert result.rows == [[unicodedata.normalize("NFC", value)]]


def test_values_block_on_the_text():
    info = load_query("holdings")
    text = inline_parameters(info, {"person": '"> } ; DROP ALL ; #', "as_of": "2024-05-16"})
    assert 'VALUES (?as_of ?person) { ("2024-05-16"^^<http://www.w3.org/2001/XMLSchema#date> ' \
           '"\\"> } ; drop all ; #") }' in text
    # the outermost group and the EXISTS group that uses ?person; ?as_of is used in the outermost only
    assert text.count("VALUES") == 3
    ox.Store().query(text)  # still one valid query
    with pytest.raises(QueryError, match="expects a date"):
        inline_parameters(info, {"as_of": "2024-05-16> } ; DROP ALL ; #"})
    with pytest.raises(QueryError, match="UPDATE"):
        inline_parameters(_parse("DROP ALL", "x", None, complete=False), {})
    with pytest.raises(QueryError, match="SERVICE"):
        inline_parameters(_parse("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "x", None, complete=False), {})


# --------------------------------------------------------------------------- server quirks


def test_a_cut_result_is_an_error(backend: Backend):
    """Virtuoso cuts SELECT answers at ResultSetMaxRows without a word; kg counts again."""
    import backends

    n = 150  # 150 x 150 rows > the test server's limit
    values = " ".join(str(i) for i in range(n))
    text = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}"
    assert n * n > backends.VIRTUOSO_MAX_ROWS
    with backend.client() as client:
        if backend.name == "virtuoso":
            with pytest.raises(RemoteError, match=rf"returned {backends.VIRTUOSO_MAX_ROWS} of {n * n} rows"):
                run_remote(client, backend.endpoint, text, scope=[])
        else:
            assert len(run_remote(client, backend.endpoint, text, scope=[]).rows) == n * n


def test_queries_do_not_see_the_engines_own_graphs(backend: Backend, sample):
    with backend.client() as client:
        push(sample, client, backend.endpoint)
        result = run_remote(client, backend.endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert sorted(r[0] for r in result.rows) == sample.graph_names()
        text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert run_remote(client, backend.endpoint, text).rows == run_query(sample.ox, text).rows


def test_construct_and_ask(backend: Backend, sample):
    with backend.client() as client:
        push(sample, client, backend.endpoint)
        text = "CONSTRUCT { ?p a foaf:Person } WHERE { ?p a foaf:Person }"
        assert rows(run_remote(client, backend.endpoint, text)) == rows(run_query(sample.ox, text))
        assert run_remote(client, backend.endpoint, "ASK { ?p a foaf:Person }").rows == [[True]]


def test_wrong_password_is_a_clear_error_without_the_password(backend: Backend, seed_store, kg_cli, monkeypatch):
    if not backend.needs_auth:
        pytest.skip(f"{backend.name} has no authentication (kg serve binds it to 127.0.0.1)")
    monkeypatch.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    code, out, err = kg_cli("push", "--store", seed_store, "--endpoint", backend.endpoint.query_url)
    assert code == 2
    assert "authentication failed" in err and "refused the credentials" in err
    assert SECRET not in err + out
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
    monkeypatch.delenv("NETRC", raising=False)
    monkeypatch.setenv("HOME", str(seed_store.parent))  # no ~/.netrc there
    code, out, err = kg_cli("push", "--store", seed_store, "--endpoint", backend.endpoint.query_url)
    assert code == 2 and "KG_ENDPOINT_PASSWORD" in err


# --------------------------------------------------------------------------- credentials (no engine)


def test_credentials_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("NETRC", raising=False)
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    c = credentials("http://example.org/sparql")
    assert (c.user, c.password) == ("alice", SECRET)
    assert SECRET not in repr(c)


def test_credentials_from_netrc(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    rc = tmp_path / "netrc"
    rc.write_text(f"machine db.example.org login bob password {SECRET}\n")
    rc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(rc))
    c = credentials("https://db.example.org:8890/sparql")
    assert (c.user, c.password) == ("bob", SECRET)
    assert credentials("https://other.example.org/sparql") == Credentials(None, None)
    # --user names another account: the netrc entry is not for it
    assert credentials("https://db.example.org/sparql", "carol") == Credentials("carol", None)
    rc.write_text(f"machine db.example.org login bob password {SECRET} bogus\n")
    with pytest.raises(InputError) as info:
        credentials("https://db.example.org/sparql")
    assert str(rc) in str(info.value) and SECRET not in str(info.value)


def test_no_password_on_the_command_line(kg_cli):
    code, out, err = kg_cli("push", "--endpoint", f"http://dba:{SECRET}@127.0.0.1:9/sparql")
    assert code == 2 and "credentials in a URL are refused" in err and SECRET not in err + out
    code, out, err = kg_cli("push", "--endpoint", "http://127.0.0.1:9/sparql", "--password", SECRET)
    assert code == 2 and "No such option" in err
    code, out, err = kg_cli("query", "documents", "--endpoint", f"http://u:{SECRET}@127.0.0.1:9/query")
    assert code == 2 and SECRET not in err + out


class _Stub(http.server.BaseHTTPRequestHandler):
    """Wants Basic auth; echoes the Authorization header in its error page (as a careless
    server might), so the client must mask the password."""

    def do_POST(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization")
        if auth is None:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="stub"')
            self.end_headers()
            return
        user, _, password = base64.b64decode(auth.split()[1]).decode().partition(":")
        body = f"bad request from {user} with password {password}".encode()
        self.send_response(400)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_http_errors_name_the_endpoint_and_mask_the_password():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        with Client(Credentials("eve", SECRET)) as client, pytest.raises(RemoteError) as info:
            run_remote(client, Endpoint.from_urls(url), "SELECT * WHERE { ?s ?p ?o }", scope=[])
        message = str(info.value)
        assert message.startswith(f"POST {url}: HTTP 400") and "password ***" in message
        assert SECRET not in message
    finally:
        server.shutdown()
        server.server_close()
    with Client() as client, pytest.raises(RemoteError, match="cannot reach the server"):
        run_remote(client, Endpoint.from_urls(url), "ASK {}", scope=[])


def test_endpoint_urls_are_guessed_for_known_engines():
    ox_ = Endpoint.from_urls("http://127.0.0.1:7878/query")
    assert (ox_.update_url, ox_.graph_store_url) == ("http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    v = Endpoint.from_urls("http://h:8890/sparql")
    assert (v.update_url, v.graph_store_url) == ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    other = Endpoint.from_urls("https://h/ds/sparql-endpoint")
    assert other.graph_store_url == ""
    with pytest.raises(KgError, match="--graph-store"):
        push(Store(None), Client(), other)
    assert graph_url(v, "https://w3id.org/kg-vn/graph/doc/a b") == (
        "http://h:8890/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fkg-vn%2Fgraph%2Fdoc%2Fa+b")


def test_ntriples_per_graph_are_deterministic(sample):
    for g in sample.graph_names():
        data, count = graph_ntriples(sample, g)
        assert data == graph_ntriples(sample, g)[0]
        assert data.count(b"\n") == count == len(list(sample.quads(g)))
        assert Counter(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)).most_common(1)[0][1] == 1
