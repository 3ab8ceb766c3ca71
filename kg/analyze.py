"""Network analytics: projections of the store's graph to networkx, and what `kg analyze` computes on them.

The store is read with a handful of SPARQL SELECTs on pyoxigraph (never loaded into rdflib). Oxigraph's
union default graph is a bag — a triple stated in k document graphs matches k times — so every query
is DISTINCT and the rows are grouped in Python.

Projections (each takes `as_of`, a day `YYYY-MM-DD`, where it makes sense):

* `person-body`      person — body, one edge per (person, body) with the posts, dates and holdings;
                     with as_of only the holdings that count that day.
* `co-attendance`    person — person, for events both attended (event IRIs, labels and dates on the edge);
                     with as_of only events dated on or before that day.
* `co-membership`    person — person, posts in the same body at the same time: the two holdings'
                     periods overlap, each bound compared at the shorter precision (a holding with only
                     kg:attestedOn lasts from its first to its last attested day; an undated holding is
                     never "at the same time"); with as_of both hold that day.
* `hierarchy`        body -> body (directed parent -> child), org:subOrganizationOf; with as_of only
                     bodies valid that day (a body without dates always is).
* `person-directive` person — directive, through the events the person attended that discussed it.
* `all`              one graph of people, bodies, events and directives: holdings, attendance,
                     organizers, directives discussed, and the hierarchy above every body that has a
                     holder or organised an event. `path`, `neighbours`, `centrality` and `communities`
                     run on it by default.

Every graph is built with its nodes and edges inserted in IRI order, so networkx's algorithms (which
follow insertion order) give the same answer on every run; ties in rankings are broken by IRI.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.ids import fold
from kg.namespaces import PREFIXES, compact, sparql_prologue
from kg.store import Store

NETWORKS = ("all", "person-body", "co-attendance", "co-membership", "hierarchy", "person-directive")
KINDS = ("person", "body", "event", "directive")
# above this many nodes betweenness is estimated from SAMPLES source nodes drawn with SEED
# (exact betweenness is O(V*E): > 300 s at 1M triples, see /work/shared/notes/ENGINES.md)
SAMPLE_THRESHOLD = 1000
SAMPLES = 50
SEED = 42

_KG = PREFIXES["kg"]

Q_PERSONS = "SELECT DISTINCT ?s WHERE { ?s a foaf:Person }"
Q_BODIES = """SELECT DISTINCT ?s ?type ?from ?until WHERE { ?s a org:Organization .
  OPTIONAL { ?s kg:orgType ?type } OPTIONAL { ?s schema:validFrom ?from } OPTIONAL { ?s schema:validUntil ?until } }"""
Q_ACTS = """SELECT DISTINCT ?s ?type ?date WHERE { ?s a eli:LegalResource .
  OPTIONAL { ?s eli:type_document ?type } OPTIONAL { ?s eli:date_document ?date } }"""
Q_EVENTS = """SELECT DISTINCT ?s ?type ?date ?ordinal ?organizer WHERE { ?s a schema:Event .
  OPTIONAL { ?s kg:eventType ?type } OPTIONAL { ?s schema:startDate ?date } OPTIONAL { ?s kg:ordinal ?ordinal }
  OPTIONAL { ?s schema:organizer ?organizer } }"""
Q_ATTENDEES = "SELECT DISTINCT ?e ?p WHERE { ?e a schema:Event ; schema:attendee ?p . ?p a foaf:Person }"
Q_CHAIRS = "SELECT DISTINCT ?e ?p WHERE { ?e a schema:Event ; kg:chair ?p . ?p a foaf:Person }"
Q_ABOUT = "SELECT DISTINCT ?e ?act WHERE { ?e a schema:Event ; schema:about ?act . ?act a eli:LegalResource }"
Q_SUB = "SELECT DISTINCT ?child ?parent WHERE { ?child org:subOrganizationOf ?parent }"
Q_HOLDINGS = """SELECT DISTINCT ?h ?person ?post ?org ?from ?until ?day ?status WHERE {
  ?h a org:Membership ; org:member ?person ; opengov:post ?post ; org:organization ?org .
  OPTIONAL { ?h schema:validFrom ?from } OPTIONAL { ?h schema:validUntil ?until }
  OPTIONAL { ?h kg:attestedOn ?day } OPTIONAL { ?h kg:holdingStatus ?status } }"""
Q_LABELS = """SELECT DISTINCT ?s ?p ?l WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:notation foaf:name schema:name schema:description
              eli:id_local eli:title }
  ?s ?p ?l }"""


# --------------------------------------------------------------------------- the facts read from the store


@dataclass
class Node:
    iri: str
    kind: str  # person, body, event, directive, post
    type: str = ""  # foaf:Person, an organization / event / act type
    label_en: str = ""
    label_vi: str = ""
    date: str = ""  # events and directives
    valid_from: str = ""  # bodies
    valid_until: str = ""
    names: set[str] = field(default_factory=set)  # every label, for matching

    @property
    def label(self) -> str:
        """The name to show: Vietnamese (with diacritics) for people when known, else English."""
        if self.kind == "person":
            return self.label_vi or self.label_en or compact(self.iri)
        return self.label_en or self.label_vi or compact(self.iri)


@dataclass
class Holding:
    iri: str
    person: str
    post: str
    body: str
    valid_from: str = ""
    valid_until: str = ""
    attested: tuple[str, ...] = ()
    status: str = ""

    def span(self) -> tuple[str, str] | None:
        """[lo, hi] as date strings of any precision; "0000"/"9999" stand for open ends; None if undated."""
        if self.valid_from or self.valid_until:
            return self.valid_from or "0000", self.valid_until or "9999"
        if self.attested:
            return self.attested[0], self.attested[-1]
        return None

    def holds_on(self, day: str) -> bool:
        if day in self.attested:
            return True
        if not (self.valid_from or self.valid_until):
            return False
        return (not self.valid_from or day[: len(self.valid_from)] >= self.valid_from) and (
            not self.valid_until or day[: len(self.valid_until)] <= self.valid_until)

    def dates(self) -> str:
        parts = []
        if self.valid_from:
            parts.append(f"from {self.valid_from}")
        if self.valid_until:
            parts.append(f"until {self.valid_until}")
        if self.attested:
            parts.append("attested " + ", ".join(self.attested))
        return " ".join(parts) or "undated"


@dataclass
class Event:
    iri: str
    date: str = ""
    organizer: str = ""
    attendees: tuple[str, ...] = ()
    chairs: tuple[str, ...] = ()
    about: tuple[str, ...] = ()

    def on_or_before(self, day: str | None) -> bool:
        return day is None or (bool(self.date) and _le(self.date, day))


@dataclass
class Facts:
    nodes: dict[str, Node]
    holdings: list[Holding]
    events: dict[str, Event]
    parents: dict[str, tuple[str, ...]]  # child body -> parent bodies

    def label(self, iri: str) -> str:
        node = self.nodes.get(iri)
        return node.label if node else compact(iri)


def _le(a: str, b: str) -> bool:
    """a <= b for date strings of different precision (2024 vs 2024-05 vs 2024-05-03), at the shorter one."""
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def _valid_on(start: str, end: str, day: str) -> bool:
    return (not start or day[: len(start)] >= start) and (not end or day[: len(end)] <= end)


def _val(term) -> str:
    return term.value if term is not None else ""


def _local(term) -> str:
    """kg:Meeting -> Meeting; other IRIs compacted."""
    if term is None:
        return ""
    v = term.value
    return v[len(_KG):] if v.startswith(_KG) else compact(v)


def check_day(as_of: str | None) -> str | None:
    """A day YYYY-MM-DD (or None); anything else is an InputError."""
    if as_of is None:
        return None
    import datetime

    try:
        datetime.date.fromisoformat(as_of)
    except ValueError:
        raise InputError(f"--as-of {as_of!r} is not a date YYYY-MM-DD") from None
    if len(as_of) != 10:
        raise InputError(f"--as-of {as_of!r} is not a date YYYY-MM-DD")
    return as_of


def load(store: Store) -> Facts:
    """Read what the projections need from the store: a few DISTINCT SELECTs, grouped here."""
    pro = sparql_prologue()

    def rows(q: str) -> Iterable[ox.QuerySolution]:
        return store.query(pro + q)  # type: ignore[return-value]

    nodes: dict[str, Node] = {}
    for r in rows(Q_PERSONS):
        if isinstance(r["s"], ox.NamedNode):
            nodes[r["s"].value] = Node(r["s"].value, "person", "foaf:Person")
    bodies: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set(), set()])
    for r in rows(Q_BODIES):
        if isinstance(r["s"], ox.NamedNode):
            b = bodies[r["s"].value]
            for i, var in enumerate(("type", "from", "until")):
                if r[var] is not None:
                    b[i].add(_local(r[var]) if var == "type" else r[var].value)
    for iri, (types, froms, untils) in bodies.items():
        nodes.setdefault(iri, Node(iri, "body", ", ".join(sorted(types)) or "org:Organization",
                                   valid_from=min(froms, default=""), valid_until=max(untils, default="")))
    acts: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set()])
    for r in rows(Q_ACTS):
        if isinstance(r["s"], ox.NamedNode):
            a = acts[r["s"].value]
            if r["type"] is not None:
                a[0].add(_local(r["type"]))
            if r["date"] is not None:
                a[1].add(r["date"].value)
    for iri, (types, dates) in acts.items():
        # several sources may date it at different precisions: the most precise, then the first
        date = sorted(dates, key=lambda d: (-len(d), d))[0] if dates else ""
        nodes.setdefault(iri, Node(iri, "directive", ", ".join(sorted(types)) or "eli:LegalResource", date=date))
    ev: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows(Q_EVENTS):
        if isinstance(r["s"], ox.NamedNode):
            e = ev[r["s"].value]
            for var in ("type", "date", "ordinal", "organizer"):
                if r[var] is not None:
                    e[var].add(_local(r[var]) if var == "type" else r[var].value)
    for q, key, target in ((Q_ATTENDEES, "p", "attendees"), (Q_CHAIRS, "p", "chairs"), (Q_ABOUT, "act", "about")):
        for r in rows(q):
            if r["e"].value in ev:
                ev[r["e"].value][target].add(r[key].value)
    events: dict[str, Event] = {}
    for iri, e in ev.items():
        edates = sorted(e["date"], key=lambda d: (-len(d), d))
        events[iri] = Event(iri, date=edates[0] if edates else "", organizer=min(e["organizer"], default=""),
                            attendees=tuple(sorted(e["attendees"] | e["chairs"])), chairs=tuple(sorted(e["chairs"])),
                            about=tuple(sorted(e["about"])))
        nodes.setdefault(iri, Node(iri, "event", ", ".join(sorted(e["type"])) or "schema:Event",
                                   date=edates[0] if edates else ""))
    parents: dict[str, set[str]] = defaultdict(set)
    for r in rows(Q_SUB):
        if isinstance(r["child"], ox.NamedNode) and isinstance(r["parent"], ox.NamedNode):
            parents[r["child"].value].add(r["parent"].value)
    hold: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows(Q_HOLDINGS):
        h = hold[r["h"].value]
        for var in ("person", "post", "org", "from", "until", "day", "status"):
            if r[var] is not None:
                h[var].add(_local(r[var]) if var == "status" else r[var].value)
    holdings = []
    for iri in sorted(hold):
        h = hold[iri]
        holdings.append(Holding(iri, min(h["person"]), min(h["post"]), min(h["org"]),
                                valid_from=min(h["from"], default=""), valid_until=max(h["until"], default=""),
                                attested=tuple(sorted(h["day"])), status=min(h["status"], default="")))
        nodes.setdefault(min(h["post"]), Node(min(h["post"]), "post", "org:Post"))
    _labels(rows(Q_LABELS), nodes)
    return Facts(nodes, holdings, events, {c: tuple(sorted(p)) for c, p in parents.items()})


def _labels(solutions: Iterable[ox.QuerySolution], nodes: dict[str, Node]) -> None:
    by: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in solutions:
        s = r["s"].value
        if s not in nodes or not isinstance(r["l"], ox.Literal):
            continue
        p = r["p"].value
        by[s][(p[p.rfind("/") + 1:].split("#")[-1], r["l"].language or "")].add(r["l"].value)
    for iri, labels in by.items():
        node = nodes[iri]
        node.names = set().union(*labels.values())

        def first(*keys: tuple[str, str | None], _labels=labels) -> str:
            for prop, lang in keys:
                found = sorted(v for (p, lg), vs in _labels.items() if p == prop and (lang is None or lg == lang)
                               for v in vs)
                if found:
                    return found[0]
            return ""

        if node.kind == "event":  # a description can be a whole sentence: keep labels short
            node.label_en = _cut(first(("name", "en"), ("description", "en"), ("name", None), ("description", None)))
            node.label_vi = _cut(first(("name", "vi"), ("description", "vi")))
        elif node.kind == "directive":
            number = first(("id_local", None))
            title = first(("title", "en"), ("title", None))
            node.label_en = f"{number} {title}".strip() if number and title and number not in title else (
                number or title)
            node.label_vi = first(("title", "vi"))
        else:
            node.label_en = first(("prefLabel", "en"), ("name", None), ("prefLabel", None))
            node.label_vi = first(("prefLabel", "vi"))
    for node in nodes.values():
        if node.kind == "event" and not node.label_en:
            node.label_en = f"{node.type} {node.date}".strip()


def _cut(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --------------------------------------------------------------------------- projections


def _node_attrs(node: Node) -> dict:
    attrs = {"kind": node.kind, "type": node.type, "label": node.label, "label_en": node.label_en,
             "label_vi": node.label_vi, "date": node.date, "valid_from": node.valid_from,
             "valid_until": node.valid_until}
    return {k: v for k, v in attrs.items() if v}


def _finish(f: Facts, g: nx.Graph, edges: dict[tuple[str, str], dict], nodes: Iterable[str] = ()) -> nx.Graph:
    """Insert nodes, then edges, in IRI order (networkx follows insertion order everywhere)."""
    wanted = set(nodes) | {n for e in edges for n in e}
    for iri in sorted(wanted):
        g.add_node(iri, **_node_attrs(f.nodes.get(iri) or Node(iri, "other")))
    for (u, v) in sorted(edges):
        g.add_edge(u, v, **edges[(u, v)])
    return g


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


def _holdings(f: Facts, as_of: str | None) -> list[Holding]:
    return [h for h in f.holdings if as_of is None or h.holds_on(as_of)]


def _holding_edge(f: Facts, hs: list[Holding]) -> dict:
    hs = sorted(hs, key=lambda h: h.iri)
    posts = sorted({f.label(h.post) for h in hs})
    return {"kind": "holding", "label": "; ".join(posts), "weight": len(hs),
            "valid_from": min((h.valid_from for h in hs if h.valid_from), default=""),
            "valid_until": max((h.valid_until for h in hs if h.valid_until), default=""),
            "attested_on": "; ".join(sorted({d for h in hs for d in h.attested})),
            "status": "; ".join(sorted({h.status for h in hs if h.status})),
            "via": "; ".join(h.iri for h in hs), "_holdings": hs}


def person_body(f: Facts, as_of: str | None = None) -> nx.Graph:
    """People and the bodies they hold posts in; one edge per (person, body)."""
    groups: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for h in _holdings(f, as_of):
        groups[(h.person, h.body)].append(h)
    return _finish(f, nx.Graph(), {k: _holding_edge(f, v) for k, v in groups.items()})


def _events_edge(f: Facts, events: list[Event], kind: str) -> dict:
    events = sorted(events, key=lambda e: (e.date, e.iri))
    return {"kind": kind, "label": "; ".join(f.label(e.iri) for e in events), "weight": len(events),
            "date": "; ".join(e.date for e in events if e.date), "via": "; ".join(e.iri for e in events),
            "_events": events}


def co_attendance(f: Facts, as_of: str | None = None) -> nx.Graph:
    """People who attended the same events (dated on or before as_of)."""
    shared: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in f.events.values():
        if e.on_or_before(as_of):
            for u, v in combinations(e.attendees, 2):
                shared[_pair(u, v)].append(e)
    return _finish(f, nx.Graph(), {k: _events_edge(f, v, "co-attendance") for k, v in shared.items()})


def _overlap(a: Holding, b: Holding, as_of: str | None) -> bool:
    if as_of is not None:
        return a.holds_on(as_of) and b.holds_on(as_of)
    sa, sb = a.span(), b.span()
    return sa is not None and sb is not None and _le(sa[0], sb[1]) and _le(sb[0], sa[1])


def co_membership(f: Facts, as_of: str | None = None) -> nx.Graph:
    """People holding posts in the same body at the same time."""
    by_body: dict[str, list[Holding]] = defaultdict(list)
    for h in f.holdings:
        if h.span() is not None:
            by_body[h.body].append(h)
    shared: dict[tuple[str, str], list[tuple[Holding, Holding]]] = defaultdict(list)
    for body in sorted(by_body):
        for a, b in combinations(by_body[body], 2):
            if a.person != b.person and _overlap(a, b, as_of):
                a, b = (a, b) if a.person < b.person else (b, a)
                shared[(a.person, b.person)].append((a, b))
    edges = {}
    for k, pairs in shared.items():
        bodies = sorted({a.body for a, _ in pairs})
        edges[k] = {"kind": "co-membership", "label": "; ".join(f.label(b) for b in bodies), "weight": len(bodies),
                    "date": "; ".join(sorted({f"{a.dates()} / {b.dates()}" for a, b in pairs})),
                    "via": "; ".join(bodies), "_pairs": pairs}
    return _finish(f, nx.Graph(), edges)


def _body_valid(f: Facts, iri: str, as_of: str | None) -> bool:
    node = f.nodes.get(iri)
    return as_of is None or node is None or _valid_on(node.valid_from, node.valid_until, as_of)


def hierarchy(f: Facts, as_of: str | None = None) -> nx.DiGraph:
    """Bodies, edges parent -> child (org:subOrganizationOf), only bodies valid on as_of."""
    edges = {(p, c): {"kind": "part of", "label": "has part"} for c, ps in f.parents.items() for p in ps
             if _body_valid(f, c, as_of) and _body_valid(f, p, as_of)}
    g = _finish(f, nx.DiGraph(), edges)
    assert isinstance(g, nx.DiGraph)
    return g


def person_directive(f: Facts, as_of: str | None = None) -> nx.Graph:
    """People and the directives discussed at events they attended."""
    shared: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in f.events.values():
        if e.on_or_before(as_of):
            for p in e.attendees:
                for act in e.about:
                    shared[(p, act)].append(e)
    return _finish(f, nx.Graph(), {k: _events_edge(f, v, "discussed at") for k, v in shared.items()})


def connections(f: Facts, as_of: str | None = None) -> nx.Graph:
    """People, bodies, events and directives in one graph (see the module's docstring)."""
    edges: dict[tuple[str, str], dict] = {}
    groups: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for h in _holdings(f, as_of):
        groups[(h.person, h.body)].append(h)
    for k, hs in groups.items():
        edges[_pair(*k)] = _holding_edge(f, hs)
    active = {b for _, b in groups}
    for e in f.events.values():
        if not e.on_or_before(as_of):
            continue
        base = {"label": f.label(e.iri), "date": e.date, "via": e.iri}
        for p in e.attendees:
            edges[_pair(p, e.iri)] = {**base, "kind": "chaired" if p in e.chairs else "attended"}
        if e.organizer:
            edges[_pair(e.organizer, e.iri)] = {**base, "kind": "organized"}
            active.add(e.organizer)
        for act in e.about:
            edges[_pair(act, e.iri)] = {**base, "kind": "discussed"}
    # the hierarchy above the bodies that have holders or organised events
    todo, seen = sorted(active), set(active)
    while todo:
        child = todo.pop()
        if not _body_valid(f, child, as_of):
            continue
        for parent in f.parents.get(child, ()):
            if _body_valid(f, parent, as_of):
                edges[_pair(child, parent)] = {"kind": "part of", "label": f"{f.label(child)} is part of "
                                               f"{f.label(parent)}", "via": f"{child} {parent}"}
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return _finish(f, nx.Graph(), edges)


PROJECTIONS: dict[str, Callable[[Facts, str | None], nx.Graph]] = {
    "all": connections, "person-body": person_body, "co-attendance": co_attendance,
    "co-membership": co_membership, "hierarchy": hierarchy, "person-directive": person_directive,
}


def network(store: Store, name: str = "all", as_of: str | None = None) -> nx.Graph:
    """One projection of the store as a networkx graph (see NETWORKS)."""
    if name not in PROJECTIONS:
        raise KgError(f"no network {name!r}; choose one of {', '.join(NETWORKS)}")
    return PROJECTIONS[name](load(store), check_day(as_of))


# --------------------------------------------------------------------------- results


@dataclass
class Analysis:
    """What an analysis returns: a title, rows under columns, notes (e.g. 'betweenness is sampled')."""

    title: str
    columns: list[str]
    rows: list[list]
    notes: list[str] = field(default_factory=list)
    text: str | None = None  # a rendering for the terminal when a table is not the best one (trees, paths)

    def to_json(self) -> dict:
        return {"title": self.title, "notes": self.notes,
                "rows": [dict(zip(self.columns, r, strict=True)) for r in self.rows]}


# --------------------------------------------------------------------------- finding entities by name


def resolve(f: Facts, text: str, kinds: tuple[str, ...] = ("person",)) -> str:
    """A name (folded: case and diacritics do not matter), a full IRI or a prefixed one (person:...).

    Unknown and ambiguous names are an InputError that lists candidates."""
    what = " or ".join(kinds)
    t = text.strip()
    iri = None
    if t.startswith(("http://", "https://")):
        iri = t
    else:
        prefix, _, rest = t.partition(":")
        if rest and prefix in PREFIXES and " " not in t:
            iri = PREFIXES[prefix] + rest
    if iri is not None:
        node = f.nodes.get(iri)
        if node is None or node.kind not in kinds:
            raise InputError(f"{compact(iri)} is not a {what} in the store")
        return iri
    wanted = " ".join(fold(t).split())
    candidates = [n for n in f.nodes.values() if n.kind in kinds]
    exact = sorted(n.iri for n in candidates if any(" ".join(fold(x).split()) == wanted for x in n.names))
    found = exact or sorted(n.iri for n in candidates if wanted and any(wanted in fold(x) for x in n.names))
    if len(found) == 1:
        return found[0]
    if not found:
        folded = {" ".join(fold(x).split()): n for n in candidates for x in n.names}
        close = sorted({folded[c].iri for c in difflib.get_close_matches(wanted, sorted(folded), n=5, cutoff=0.6)})
        hint = ("; did you mean " + ", ".join(f"{f.label(i)} ({compact(i)})" for i in close) + "?") if close else ""
        raise InputError(f"no {what} called {text!r} in the store{hint}")
    shown = ", ".join(f"{f.label(i)} ({compact(i)})" for i in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise InputError(f"{text!r} matches {len(found)} entities: {shown}{more}; give a fuller name or an IRI")


# --------------------------------------------------------------------------- analyses


def centrality(store: Store, as_of: str | None = None, network_name: str = "all", kind: str | None = "person",
               top: int = 20, samples: int = SAMPLES, facts: Facts | None = None) -> Analysis:
    """Degree and betweenness centrality; betweenness is sampled (k=samples, seed SEED) on large graphs.

    Rows ranked by betweenness, then degree, then IRI. `kind=None` ranks every node; `top=0` keeps all."""
    f = facts or load(store)
    g = PROJECTIONS[network_name](f, check_day(as_of))
    n = g.number_of_nodes()
    notes = [f"network {network_name}{' as of ' + as_of if as_of else ''}: {n} nodes, {g.number_of_edges()} edges"]
    if n > SAMPLE_THRESHOLD and samples < n:
        between = nx.betweenness_centrality(g, k=samples, seed=SEED)
        notes.append(f"betweenness is sampled: estimated from {samples} of {n} source nodes (seed {SEED}); "
                     f"exact above {SAMPLE_THRESHOLD} nodes would be too slow")
    else:
        between = nx.betweenness_centrality(g)
        notes.append("betweenness is exact")
    degree_c = nx.degree_centrality(g) if n > 1 else dict.fromkeys(g, 0.0)
    ranked = sorted((iri for iri in g if kind is None or g.nodes[iri].get("kind") == kind),
                    key=lambda i: (-round(between[i], 12), -g.degree(i), i))
    if top:
        ranked = ranked[:top]
    rows = [[rank, compact(i), f.label(i), g.nodes[i].get("kind", ""), g.degree(i), round(degree_c[i], 6),
             round(between[i], 6)] for rank, i in enumerate(ranked, 1)]
    return Analysis("centrality", ["rank", "node", "name", "kind", "degree", "degree_centrality", "betweenness"],
                    rows, notes)


def communities(store: Store, as_of: str | None = None, network_name: str = "all", facts: Facts | None = None,
                ) -> Analysis:
    """Louvain communities (networkx, fixed seed) that include people, largest first."""
    f = facts or load(store)
    g = PROJECTIONS[network_name](f, check_day(as_of))
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED) if g.number_of_edges() else []
    groups = []
    for members in found:
        people = sorted((m for m in members if g.nodes[m].get("kind") == "person"), key=lambda m: (f.label(m), m))
        if not people or len(members) < 2:
            continue
        others = sorted((m for m in members if g.nodes[m].get("kind") == "body"), key=lambda m: (-g.degree(m), m))
        groups.append((people, others, len(members), min(members)))
    groups.sort(key=lambda c: (-len(c[0]), -c[2], c[3]))
    rows = [[i, size, len(people), ", ".join(f.label(p) for p in people), "; ".join(f.label(b) for b in bodies[:3])]
            for i, (people, bodies, size, _) in enumerate(groups, 1)]
    notes = [f"network {network_name}{' as of ' + as_of if as_of else ''}: {g.number_of_nodes()} nodes, "
             f"{g.number_of_edges()} edges; Louvain (seed {SEED}); communities with people only"]
    return Analysis("communities", ["community", "size", "people", "members", "main_bodies"], rows, notes)


def _step(f: Facts, g: nx.Graph, u: str, v: str) -> str:
    """One edge of a path in words, read from u to v."""
    e = g.edges[u, v]
    kind = e.get("kind")
    nu, nv = g.nodes[u].get("kind"), g.nodes[v].get("kind")
    lu, lv = f.label(u), f.label(v)
    if kind == "holding":
        person, body = (lu, lv) if nu == "person" else (lv, lu)
        hs: list[Holding] = e["_holdings"]
        posts = "; ".join(f"{f.label(h.post)} ({h.dates()})" for h in hs)
        return (f"{person} held {posts} in {body}" if nu == "person" else
                f"{body}: {person} held {posts} there")
    if kind in ("attended", "chaired"):
        event = f.nodes[v if nv == "event" else u]
        person = lu if nu == "person" else lv
        what = f"{event.label} ({event.type.lower() or 'event'}, {event.date or 'undated'})"
        verb = "chaired" if kind == "chaired" else "attended"
        pid = u if nu == "person" else v
        caps = sorted({f.label(h.post) for h in f.holdings
                       if h.person == pid and event.date and h.holds_on(event.date)})
        cap = f" (then {'; '.join(caps)})" if caps else ""
        return f"{person}{cap} {verb} {what}" if nu == "person" else f"{what} was {verb} by {person}{cap}"
    if kind == "organized":
        ev_label, body = (lu, lv) if nu == "event" else (lv, lu)
        return f"{ev_label} was organised by {body}"
    if kind == "discussed":
        ev_label, act = (lu, lv) if nu == "event" else (lv, lu)
        return f"{ev_label} discussed {act}"
    if kind == "part of":
        child, parent = (u, v) if v in f.parents.get(u, ()) else (v, u)
        return f"{f.label(child)} is part of {f.label(parent)}"
    return f"{lu} — {lv} ({kind})"


def shortest_path(g: nx.Graph, source: str, target: str) -> list[str] | None:
    """The shortest path, ties broken by IRI: at each step the smallest neighbour one step closer."""
    if source not in g or target not in g:
        return None
    dist = nx.single_source_shortest_path_length(g, target)
    if source not in dist:
        return None
    path = [source]
    while path[-1] != target:
        here = path[-1]
        path.append(min(n for n in g[here] if dist.get(n) == dist[here] - 1))
    return path


def path(store: Store, a: str, b: str, as_of: str | None = None, facts: Facts | None = None) -> Analysis:
    """The shortest connection between two people (through posts, events, bodies, directives), in words."""
    f = facts or load(store)
    day = check_day(as_of)
    src, dst = resolve(f, a), resolve(f, b)
    if src == dst:
        raise InputError(f"{a!r} and {b!r} are the same person ({compact(src)})")
    g = connections(f, day)
    nodes = shortest_path(g, src, dst)
    when = f" as of {day}" if day else ""
    if nodes is None:
        raise KgError(f"no connection between {f.label(src)} and {f.label(dst)} in the graph{when}")
    rows = []
    for i, (u, v) in enumerate(zip(nodes, nodes[1:], strict=False), 1):
        e = g.edges[u, v]
        rows.append([i, f.label(u), e.get("kind", ""), f.label(v), compact(v), e.get("date", "") or _dates(e),
                     _step(f, g, u, v)])
    head = f"{f.label(src)} → {f.label(dst)}: {len(nodes) - 1} steps{when}"
    text = "\n".join([head] + [f"  {r[0]}. {r[6]}" for r in rows])
    return Analysis("path", ["step", "from", "link", "to", "to_node", "date", "explanation"], rows, [head], text)


def _dates(e: dict) -> str:
    return " ".join(x for x in (e.get("valid_from", ""), e.get("valid_until", ""), e.get("attested_on", "")) if x)


def hierarchy_tree(store: Store, body: str, as_of: str | None = None, facts: Facts | None = None) -> Analysis:
    """The tree of bodies under a body (any depth), children ordered by name then IRI."""
    f = facts or load(store)
    day = check_day(as_of)
    root = resolve(f, body, ("body",))
    g = hierarchy(f, day)
    rows: list[list] = []
    lines = [f"{f.label(root)}  [{f.nodes[root].type}]"]
    seen = {root}

    def walk(parent: str, depth: int, prefix: str) -> None:
        kids = sorted((c for c in g.successors(parent) if c not in seen), key=lambda c: (f.label(c), c)) \
            if parent in g else []
        seen.update(kids)
        for i, child in enumerate(kids):
            last = i == len(kids) - 1
            node = f.nodes.get(child)
            rows.append([depth, compact(child), f.label(child), node.type if node else "", compact(parent)])
            lines.append(f"{prefix}{'└── ' if last else '├── '}{f.label(child)}  [{node.type if node else ''}]")
            walk(child, depth + 1, prefix + ("    " if last else "│   "))

    walk(root, 1, "")
    notes = [f"{len(rows)} bodies under {f.label(root)}{' valid on ' + day if day else ''}"]
    return Analysis("hierarchy", ["depth", "body", "name", "type", "parent"], rows, notes, "\n".join(lines))


def neighbours(store: Store, name: str, as_of: str | None = None, facts: Facts | None = None) -> Analysis:
    """A person's posts (bodies), events, directives discussed, and the people met or served with."""
    f = facts or load(store)
    day = check_day(as_of)
    me = resolve(f, name)
    rows: list[list] = []
    for proj, relation in ((person_body, "holds a post in"), (co_membership, "served with"),
                           (co_attendance, "met"), (person_directive, "discussed")):
        g = proj(f, day)
        if me not in g:
            continue
        for other in sorted(g[me]):
            e = g.edges[me, other]
            if relation == "holds a post in":
                via = "; ".join(f"{f.label(h.post)} ({h.dates()})" for h in e["_holdings"])
            elif relation == "served with":
                via = "; ".join(sorted({f"{f.label(a.body)} ({(a if a.person == me else b).dates()} / "
                                        f"{(b if a.person == me else a).dates()})" for a, b in e["_pairs"]}))
            else:
                via = "; ".join(f"{f.label(ev.iri)} ({ev.date or 'undated'})" for ev in e["_events"])
            rows.append([relation, compact(other), f.label(other), g.nodes[other].get("kind", ""), e.get("weight", 1),
                         via])
    notes = [f"neighbours of {f.label(me)} ({compact(me)}){' as of ' + day if day else ''}: {len(rows)}"]
    return Analysis("neighbours", ["relation", "node", "name", "kind", "weight", "via"], rows, notes)


# --------------------------------------------------------------------------- network files (kg export)

NETWORK_FORMATS = ("graphml", "gexf", "csv-edges")

CSV_EDGE_COLUMNS = ["source", "target", "kind", "label", "weight", "date", "valid_from", "valid_until",
                    "attested_on", "status", "via",
                    "source_kind", "source_type", "source_label_en", "source_label_vi",
                    "target_kind", "target_type", "target_label_en", "target_label_vi"]


def _plain(g: nx.Graph) -> nx.Graph:
    """A copy with only scalar, non-empty attributes (GraphML/GEXF take no lists or None), in IRI order."""
    out = g.__class__()
    for n in sorted(g):
        out.add_node(n, **{k: v for k, v in sorted(g.nodes[n].items()) if not k.startswith("_") and v != ""})
    for u, v in _edges(g):
        out.add_edge(u, v, **{k: val for k, val in sorted(g.edges[u, v].items())
                              if not k.startswith("_") and val != ""})
    return out


def _edges(g: nx.Graph) -> list[tuple[str, str]]:
    """Edges sorted; an undirected edge as (smaller IRI, larger IRI) whatever order it was added in."""
    return sorted(g.edges if g.is_directed() else (_pair(u, v) for u, v in g.edges))


def write_network(g: nx.Graph, fmt: str) -> bytes:
    """GraphML, GEXF or one CSV of edges, byte-identical for the same graph.

    csv-edges: one row per edge; each end's kind, type and en/vi labels are columns (source_*, target_*),
    so a spreadsheet needs no second file. Nodes without edges are not in it (use graphml/gexf for those)."""
    import csv
    import io
    import re

    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_plain(g))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(_plain(g)))
        # networkx stamps today's date into <meta lastmodifieddate=...>: outputs must not depend on the clock
        return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode("utf-8") + b"\n"
    if fmt == "csv-edges":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_EDGE_COLUMNS)
        for u, v in _edges(g):
            e = g.edges[u, v]
            ends = [g.nodes[x].get(k, "") for x in (u, v) for k in ("kind", "type", "label_en", "label_vi")]
            w.writerow([u, v] + [e.get(k, "") for k in CSV_EDGE_COLUMNS[2:11]] + ends)
        return buf.getvalue().encode("utf-8")
    raise KgError(f"no network format {fmt!r}; choose one of {', '.join(NETWORK_FORMATS)}")


def export_network(store: Store, fmt: str, network_name: str = "all", as_of: str | None = None) -> bytes:
    return write_network(network(store, network_name, as_of), fmt)
