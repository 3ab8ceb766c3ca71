"""The graph on a SPARQL 1.1 server: push it there (Graph Store Protocol) and query it.

A thin HTTP client (httpx), not rdflib's SPARQLStore (which returns error tuples instead of
raising, sends `CREATE GRAPH` and hides named graphs): queries and updates are form-encoded
POSTs, `Accept` is chosen by the query form, and every HTTP error becomes a `KgError` naming
the endpoint. Tested against the Oxigraph server and Virtuoso 7 (tests/test_remote.py); the
traps it works around are in ../shared/notes/ENGINES.md:

* Virtuoso wants HTTP Digest auth for writes (`/sparql-auth`, `/sparql-graph-crud-auth`):
  the client answers whichever scheme the server's 401 asks for (Digest or Basic) and keeps
  the Digest challenge, so later requests are not sent twice;
* Virtuoso cuts SELECT results at `ResultSetMaxRows` without saying so: on a Virtuoso
  answer the rows are counted again with `COUNT(*)` over the same query, and a difference
  is an error instead of a silently short answer;
* unscoped queries on Virtuoso also see its system graphs: library queries are scoped to
  the project's named graphs (`default-graph-uri` and `named-graph-uri` for each);
* Virtuoso's Graph Store PUT is not atomic (a parse error leaves half a graph): every graph
  is sent as N-Triples serialized here from the store, and after the push every graph's
  triples are counted on the server and compared with the store's.

Credentials come only from the environment (`KG_ENDPOINT_USER`, `KG_ENDPOINT_PASSWORD`) or a
netrc file (`$NETRC` or `~/.netrc`, by the endpoint's host); a user name may also be given
with `--user`. A password is never taken from the command line (nor from a URL's user-info)
and never printed: error messages are built from the URL without its query string, and any
occurrence of the password in a server's answer is masked.
"""

from __future__ import annotations

import json
import netrc
import os
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.namespaces import GRAPH
from kg.query import QueryInfo, Result, _parse, _shape, _value, inline_parameters
from kg.store import Store

GRAPH_PREFIX = str(GRAPH)
USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
TIMEOUT = 300.0  # seconds; a big graph PUT on a busy server takes a while
_SELECT_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


class RemoteError(KgError):
    """A SPARQL server refused a request, could not be reached, or holds something other
    than what was pushed."""


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return self.user is not None and self.password is not None


def _netrc_path() -> Path | None:
    env = os.environ.get("NETRC")
    if env:
        return Path(env)
    home = Path.home() / ".netrc"
    return home if home.exists() else None


def credentials(url: str, user: str | None = None) -> Credentials:
    """The user and password for `url`: the environment first, then a netrc file.

    `user` (from `--user`) picks the account; a netrc entry for the host is used only when
    its login is that user (or no user was given)."""
    user = user or os.environ.get(USER_ENV) or None
    password = os.environ.get(PASSWORD_ENV) or None
    if password is None:
        path = _netrc_path()
        host = urllib.parse.urlsplit(url).hostname or ""
        if path is not None and host:
            if not path.is_file():
                raise InputError("no such netrc file (set by NETRC)", path)
            try:
                entry = netrc.netrc(str(path)).authenticators(host)
            except netrc.NetrcParseError as exc:
                # the parser's message may quote a token of the file (a password): name the place only,
                # except for the one message that quotes nothing
                why = "its permissions let others read it (chmod 600)" if "too permissive" in exc.msg else \
                    "not in netrc syntax"
                raise InputError(f"cannot read this netrc file: {why}", path, exc.lineno) from None
            except OSError as exc:
                raise InputError(f"cannot read this netrc file: {exc.strerror}", path) from None
            if entry is not None:
                login, _account, secret = entry
                if user is None or login == user:
                    user = user or login or None
                    password = secret or None
    return Credentials(user, password)


# --------------------------------------------------------------------------- endpoints


@dataclass(frozen=True)
class Endpoint:
    """Where a server answers: queries, updates and the Graph Store Protocol."""

    query_url: str
    update_url: str
    graph_store_url: str

    @classmethod
    def from_urls(cls, endpoint: str, graph_store: str | None = None, update: str | None = None) -> Endpoint:
        """Guess the other URLs from the query endpoint's path where the engine is known:
        Oxigraph `/query` -> `/update`, `/store`; Virtuoso `/sparql` or `/sparql-auth` ->
        `/sparql-auth`, `/sparql-graph-crud-auth`. Otherwise the query URL is used for
        updates and `--graph-store` is required for a push."""
        for url in (endpoint, graph_store, update):
            if url is not None:
                _check_url(url)
        parts = urllib.parse.urlsplit(endpoint)
        path = parts.path.rstrip("/")

        def sibling(name: str) -> str:
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path.rsplit("/", 1)[0] + "/" + name, "", ""))

        guess_update, guess_store = endpoint, ""
        if path.endswith("/query"):
            guess_update, guess_store = sibling("update"), sibling("store")
        elif path.endswith("/sparql") or path.endswith("/sparql-auth"):
            guess_update, guess_store = sibling("sparql-auth"), sibling("sparql-graph-crud-auth")
        return cls(endpoint, update or guess_update, graph_store or guess_store)


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(f"not an http(s) URL: {_public(url)}")
    if parts.username is not None or parts.password is not None:
        raise KgError(
            "credentials in a URL are refused (they would show in the process list and shell history); "
            f"set {USER_ENV} and {PASSWORD_ENV} or use a netrc file"
        )


def _public(url: str) -> str:
    """A URL fit for a message: no user-info, no query string."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


# --------------------------------------------------------------------------- HTTP


class _AnyAuth(httpx.Auth):
    """Answer a 401 with the scheme the server asks for (Digest or Basic), and keep using
    it: httpx's Digest auth reuses the challenge, so a request is not sent twice."""

    requires_request_body = True

    def __init__(self, user: str, password: str):
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request):
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lstrip().lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            yield from self._digest.auth_flow(request)
        elif challenge.startswith("basic"):
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def engine(self) -> str:
        """The engine that answered, from the Server header: virtuoso, oxigraph or "" (another)."""
        server = self.headers.get("server", "").lower()
        return next((name for name in ("virtuoso", "oxigraph") if name in server), "")


class Client:
    """One HTTP connection pool with the endpoint's credentials (if any)."""

    def __init__(self, creds: Credentials | None = None, timeout: float = TIMEOUT):
        self._secret = creds.password if creds else None
        auth = None
        if creds:
            assert creds.user is not None and creds.password is not None
            auth = _AnyAuth(creds.user, creds.password)
        self.scopes: dict[str, list[str]] = {}  # query URL -> the project's graphs there
        self.engines: dict[str, str] = {}  # query URL -> the engine answering there
        self._http = httpx.Client(auth=auth, timeout=timeout, follow_redirects=False,
                                  headers={"User-Agent": "kg"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _mask(self, text: str) -> str:
        return text.replace(self._secret, "***") if self._secret else text

    def request(self, method: str, url: str, *, form: list[tuple[str, str]] | None = None,
                content: bytes | None = None, headers: dict[str, str] | None = None,
                ok: Iterable[int] = ()) -> Answer:
        """One request; `form` is sent form-encoded (Virtuoso hangs on a POST of
        application/sparql-query). Raises `RemoteError` unless the status is 2xx or in `ok`."""
        where = f"{method} {_public(url)}"
        headers = dict(headers or {})
        if form is not None:
            content = urllib.parse.urlencode(form).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            response = self._http.request(method, url, content=content, headers=headers)
        except httpx.TimeoutException:
            raise RemoteError(f"{where}: no answer within {self._http.timeout.read} s") from None
        except httpx.HTTPError as exc:
            raise RemoteError(self._mask(f"{where}: cannot reach the server ({type(exc).__name__}: {exc})")) from None
        answer = Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content)
        if response.is_success or response.status_code in set(ok):
            return answer
        if response.status_code in (401, 403):
            hint = (f"set {USER_ENV} and {PASSWORD_ENV} (or a netrc entry for the host)"
                    if self._secret is None else "the server refused the credentials")
            raise RemoteError(f"{where}: HTTP {response.status_code} {response.reason_phrase}: "
                              f"authentication failed; {hint}")
        detail = " ".join(response.text.split())[:500]
        raise RemoteError(self._mask(f"{where}: HTTP {response.status_code} {response.reason_phrase}"
                                     + (f": {detail}" if detail else "")))


# --------------------------------------------------------------------------- queries


def remote_graphs(client: Client, endpoint: Endpoint) -> dict[str, int]:
    """The project's named graphs on the server (IRIs under the kg graph namespace) with
    their triple counts."""
    text = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }} GROUP BY ?g'
    )
    answer = client.request("POST", endpoint.query_url, form=[("query", text)], headers={"Accept": _SELECT_JSON})
    out: dict[str, int] = {}
    for row in _json(answer, endpoint)["results"]["bindings"]:
        out[row["g"]["value"]] = int(row["n"]["value"])
    return out


def project_graphs(client: Client, endpoint: Endpoint) -> list[str]:
    """The names of the project's graphs on the server, to scope queries with (cached per
    client; a push forgets it). `GRAPH ?g {}` lists graphs without reading them on Oxigraph;
    Virtuoso answers it with no graph (or one empty row), so there the quads are scanned."""
    if endpoint.query_url in client.scopes:
        return client.scopes[endpoint.query_url]
    names: list[str] = []
    for pattern in ("{ }", "{ ?s ?p ?o }"):
        text = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}'
        answer = client.request("POST", endpoint.query_url, form=[("query", text)], headers={"Accept": _SELECT_JSON})
        client.engines[endpoint.query_url] = answer.engine
        bindings = _json(answer, endpoint)["results"]["bindings"]
        names = sorted(row["g"]["value"] for row in bindings if "g" in row)
        if names and answer.engine != "virtuoso":
            break
    client.scopes[endpoint.query_url] = names
    return names


def _dataset(client: Client, endpoint: Endpoint, scope: list[str] | None) -> list[tuple[str, str]]:
    """The protocol's dataset parameters: the project's graphs as the default graph (their
    union) and as the named graphs. On the Oxigraph server the union of all its graphs is
    asked for instead (`union-default-graph`): a dataset of hundreds of graphs made every
    query there many times slower, and it has no system graphs to keep out."""
    if scope is None:
        scope = project_graphs(client, endpoint)
        if client.engines.get(endpoint.query_url) == "oxigraph":
            return [("union-default-graph", "")]
    return [("default-graph-uri", g) for g in scope] + [("named-graph-uri", g) for g in scope]


def _json(answer: Answer, endpoint: Endpoint) -> dict:
    try:
        return json.loads(answer.body)
    except ValueError:
        raise RemoteError(f"{_public(endpoint.query_url)}: the answer is not SPARQL JSON results "
                          f"(content type {answer.headers.get('content-type', '?')!r})") from None


def _term(binding: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind, value = binding.get("type"), binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value) if re.fullmatch(r"[A-Za-z0-9_]+", value) else ox.BlankNode()
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:  # "literal" (the standard) or "typed-literal" (Virtuoso)
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def run_remote(client: Client, endpoint: Endpoint, query: QueryInfo | str, params: dict[str, str] | None = None,
               *, allow_service: bool = False, scope: list[str] | None = None) -> Result:
    """Run a library query (or query text) on the server with its parameters bound safely:
    each rendered as a SPARQL term by pyoxigraph (escaped) and joined in a VALUES block at
    the head of the outermost WHERE group. `scope` lists the named graphs to query (default:
    the project's graphs on the server)."""
    info = query if isinstance(query, QueryInfo) else _parse(query, "<query>", None, complete=False)
    text = inline_parameters(info, params or {}, allow_service=allow_service)
    form = _shape(text).form
    dataset = _dataset(client, endpoint, scope)
    accept = _SELECT_JSON if form in ("SELECT", "ASK") else f"{_NTRIPLES}, text/plain;q=0.5"
    answer = client.request("POST", endpoint.query_url, form=[("query", text), *dataset],
                            headers={"Accept": accept})
    if form in ("CONSTRUCT", "DESCRIBE"):
        try:
            triples = list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise RemoteError(f"{_public(endpoint.query_url)}: the answer is not N-Triples: {exc}") from None
        rows = sorted(([_value(t.subject), _value(t.predicate), _value(t.object)] for t in triples),
                      key=lambda r: [str(v) for v in r])
        return Result(["subject", "predicate", "object"], rows)
    data = _json(answer, endpoint)
    if form == "ASK":
        return Result(["ask"], [[bool(data["boolean"])]])
    names = list(data["head"]["vars"])
    hidden = {p.name for p in info.params} - set(info.columns)
    keep = [n for n in names if n not in hidden]
    bindings = data["results"]["bindings"]
    rows = [[_value(_term(b[n])) if n in b else None for n in keep] for b in bindings]
    if answer.engine == "virtuoso" and bindings:
        _check_complete(client, endpoint, text, dataset, len(bindings))
    return Result(keep, rows)


def _check_complete(client: Client, endpoint: Endpoint, text: str, dataset: list[tuple[str, str]], got: int) -> None:
    """Virtuoso cuts results at ResultSetMaxRows silently: count the rows of the same query
    on the server and fail on a difference."""
    tokens = _shape(text).tokens
    start = next(t.offset for t in tokens if t.kind == "word" and t.text.upper() == "SELECT")
    counting = f"{text[:start]}SELECT (COUNT(*) AS ?kg_rows) WHERE {{\n{text[start:]}\n}}"
    answer = client.request("POST", endpoint.query_url, form=[("query", counting), *dataset],
                            headers={"Accept": _SELECT_JSON})
    expected = int(_json(answer, endpoint)["results"]["bindings"][0]["kg_rows"]["value"])
    if expected != got:
        raise RemoteError(
            f"{_public(endpoint.query_url)}: the server returned {got} of {expected} rows "
            "(Virtuoso's ResultSetMaxRows cuts results: raise it in the [SPARQL] section of virtuoso.ini)"
        )


# --------------------------------------------------------------------------- push


@dataclass
class PushReport:
    graphs: dict[str, int]  # graph -> triples sent (and counted on the server)
    removed: list[str]
    seconds: float

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def graph_ntriples(store: Store, graph: str) -> tuple[bytes, int]:
    """One named graph as sorted N-Triples (deterministic bytes) and its triple count."""
    triples = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)), key=str)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    assert data is not None
    return data, len(triples)


def graph_url(endpoint: Endpoint, graph: str) -> str:
    parts = urllib.parse.urlsplit(endpoint.graph_store_url)
    query = urllib.parse.parse_qsl(parts.query) + [("graph", graph)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def push(store: Store, client: Client, endpoint: Endpoint, *, graphs: list[str] | None = None,
         prune: bool = True, progress: Callable[[str], None] | None = None) -> PushReport:
    """Copy the store to the server, one named graph per source, each with one Graph Store
    PUT (which replaces the graph; the Oxigraph server writes it in one transaction,
    Virtuoso does not). Graphs of the project on the server that the store no longer holds
    are deleted (`prune`). Then every graph's triples are counted on the server: a
    difference raises `RemoteError` naming the graphs."""
    if not endpoint.graph_store_url:
        raise KgError(f"cannot guess the Graph Store URL of {_public(endpoint.query_url)}: give --graph-store URL")
    started = time.perf_counter()
    client.scopes.pop(endpoint.query_url, None)
    names = graphs if graphs is not None else store.graph_names()
    sent: dict[str, int] = {}
    for i, name in enumerate(names, 1):
        data, count = graph_ntriples(store, name)
        if progress:
            progress(f"{i}/{len(names)} {name} ({count} triples)")
        url = graph_url(endpoint, name)
        if count == 0:
            client.request("DELETE", url, ok=(404,))
        else:
            client.request("PUT", url, content=data, headers={"Content-Type": _NTRIPLES})
        sent[name] = count
    on_server = remote_graphs(client, endpoint)
    removed: list[str] = []
    if prune and graphs is None:
        for name in sorted(set(on_server) - set(sent)):
            client.request("DELETE", graph_url(endpoint, name), ok=(404,))
            removed.append(name)
        if removed:
            on_server = remote_graphs(client, endpoint)
    wrong = [f"{g}: sent {n}, the server holds {on_server.get(g, 0)}"
             for g, n in sorted(sent.items()) if on_server.get(g, 0) != n]
    if graphs is None:
        wrong += [f"{g}: not in the store, the server holds {n}" for g, n in sorted(on_server.items()) if g not in sent]
    if wrong:
        shown = "; ".join(wrong[:5]) + (f"; and {len(wrong) - 5} more" if len(wrong) > 5 else "")
        raise RemoteError(f"{_public(endpoint.graph_store_url)}: after the push {len(wrong)} graph(s) differ "
                          f"from the store: {shown}")
    return PushReport(sent, removed, time.perf_counter() - started)

