"""`kg diff OLD NEW`: what changed between two versions of the graph, in plain words.

Each side is an RDF file in any format pyoxigraph reads (N-Quads / TriG / JSON-LD keep the named
graphs, so each added or removed fact can name the document it comes from) or the store itself
(the word `store`). Our IRIs are deterministic, so the sides are compared as sets of triples
(the union of their graphs, each triple once however many documents state it). Blank nodes,
which our data never has, are renamed by a hash of what they say before comparing, so the same
blank-node structure on both sides compares equal.

The report, per entity: holdings that started (new) or ended (an end date or a former/released
status appeared), holdings no longer stated, new holders of a post, new, removed and renamed bodies,
new and removed directives and meetings, and every fact added or removed with its sources (the
document graphs that state it and the quoted sentence behind its fact node). Text spans, source
documents and extraction runs are counted rather than listed. Every list is sorted.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import analyze
from kg.errors import InputError
from kg.namespaces import GRAPH, ID, PREFIXES, compact, sparql_prologue
from kg.store import Store

RDF_TYPE = PREFIXES["rdf"] + "type"
PREF_LABEL = PREFIXES["skos"] + "prefLabel"
COUNTED = {PREFIXES["kg"] + "TextSpan": "text spans", PREFIXES["kg"] + "SourceDocument": "source documents",
           PREFIXES["prov"] + "Activity": "extraction runs"}
CS = "http://purl.org/vocab/changeset/schema#"
FORMATS = ("text", "json", "turtle")

Q_SOURCES = """SELECT DISTINCT ?s ?file ?quote WHERE {
  ?s prov:wasDerivedFrom ?span . ?span oa:exact ?quote ; oa:hasSource ?doc . ?doc kg:fileName ?file }"""

_Key = tuple[str, str, str]  # (subject, predicate, object) as N-Triples terms


@dataclass
class Side:
    """One version: its name, its triples with the graphs stating each, and the entities read from it."""

    name: str
    triples: dict[_Key, set[str]]
    facts: analyze.Facts
    types: dict[str, set[str]]
    sources: dict[str, set[tuple[str, str]]]  # fact node -> (file, quote)
    graphs_of: dict[str, set[str]] = field(default_factory=dict)  # subject term -> graphs saying something of it
    pref_labels: dict[str, set[str]] = field(default_factory=dict)  # subject term -> skos:prefLabel terms


def _open(spec: str, store: Store | None) -> tuple[str, Store]:
    if spec == "store":
        if store is None:
            raise InputError("'store' given but no store is open")
        return f"store {store.path}", store
    path = Path(spec)
    if not path.is_file():
        raise InputError("no such file (give an RDF file, or the word 'store')", path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise InputError(f"cannot tell the RDF format from the extension {path.suffix!r} "
                         "(use .nq, .trig, .ttl, .nt, .jsonld or .rdf)", path)
    mem = Store(None)
    try:
        mem.ox.load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise InputError(exc.msg, path, exc.lineno, exc.offset) from None
    except (OSError, ValueError) as exc:
        raise InputError(str(exc), path) from None
    return str(path), mem


def _term(t, bnodes: dict[str, str]) -> str:
    if isinstance(t, ox.BlankNode):
        return bnodes.get(t.value, "_:" + t.value)
    return str(t)


def _skolem(quads: list[ox.Quad]) -> dict[str, str]:
    """A name for each blank node from what it says (its outgoing triples, nested blank nodes as `_`)."""
    out: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        if isinstance(q.subject, ox.BlankNode):
            o = "_" if isinstance(q.object, ox.BlankNode) else str(q.object)
            out[q.subject.value].append(f"{q.predicate} {o}")
    return {b: "_:b" + hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16] for b, lines in out.items()}


Q_BLANK = """ASK { { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }
  UNION { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } } }"""
Q_TYPES = "SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s) && isIRI(?t)) }"


def _triples_from_dump(st: Store) -> dict[_Key, set[str]]:
    """Each graph dumped as N-Triples by Oxigraph and split into (s, p, o) texts: much faster than
    making Python term objects. Used when there is no blank node (IRIs hold no spaces in N-Triples)."""
    triples: dict[_Key, set[str]] = defaultdict(set)
    graphs: list[tuple[str, ox.NamedNode | ox.DefaultGraph]] = [("", ox.DefaultGraph())]
    graphs += sorted(((g.value, g) for g in st.ox.named_graphs() if isinstance(g, ox.NamedNode)),
                     key=lambda x: x[0])
    for name, g in graphs:
        data = st.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
        assert data is not None
        for line in data.decode("utf-8").splitlines():
            if line.endswith(" ."):
                s, p, o = line[:-2].split(" ", 2)
                triples[(s, p, o)].add(name)
    return triples


def read_side(spec: str, store: Store | None = None) -> Side:
    name, st = _open(spec, store)
    if st.ox.query(Q_BLANK):
        quads = list(st.ox)
        bnodes = _skolem(quads)
        triples: dict[_Key, set[str]] = defaultdict(set)
        for q in quads:
            key = (_term(q.subject, bnodes), str(q.predicate), _term(q.object, bnodes))
            triples[key].add(q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "")
    else:
        triples = _triples_from_dump(st)
    types: dict[str, set[str]] = defaultdict(set)
    for r in st.query(Q_TYPES):
        types[r["s"].value].add(r["t"].value)
    sources: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in st.query(sparql_prologue() + Q_SOURCES):
        sources[r["s"].value].add((r["file"].value, r["quote"].value))
    graphs_of: dict[str, set[str]] = defaultdict(set)
    pref_labels: dict[str, set[str]] = defaultdict(set)
    pref = f"<{PREF_LABEL}>"
    for (s, p, o), gs in triples.items():
        graphs_of[s] |= gs
        if p == pref:
            pref_labels[s].add(o)
    return Side(name, dict(triples), analyze.load(st), types, sources, graphs_of, pref_labels)


# --------------------------------------------------------------------------- the comparison


@dataclass
class Change:
    section: str  # holdings, post holders, bodies, directives, meetings
    entity: str  # the IRI the change is about
    sign: str  # + - ~
    text: str
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"section": self.section, "entity": self.entity, "change": {"+": "added", "-": "removed",
                                                                         "~": "changed"}[self.sign],
                "text": self.text, "sources": self.sources}


@dataclass
class Diff:
    old: str
    new: str
    old_count: int
    new_count: int
    added: list[tuple[_Key, list[str]]]
    removed: list[tuple[_Key, list[str]]]
    changes: list[Change]
    counted: dict[str, tuple[int, int]]  # kind -> (+entities, -entities) of spans, documents, runs
    labels: dict[str, str]


def _graph_source(g: str) -> str:
    doc = str(GRAPH) + "doc/"
    if g.startswith(doc):
        return g[len(doc):]
    return g[len(str(GRAPH)):] if g.startswith(str(GRAPH)) else (g or "default graph")


def _srcs(side: Side, iri: str) -> list[str]:
    return [f'{file}: "{_short(quote)}"' for file, quote in sorted(side.sources.get(iri, ()))]


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _ended(h: analyze.Holding) -> bool:
    return bool(h.valid_until) or h.status in ("Former", "Released")


def compare(old: Side, new: Side) -> Diff:
    fo, fn = old.facts, new.facts

    def label(iri: str) -> str:
        node = fn.nodes.get(iri) or fo.nodes.get(iri)
        return node.label if node else compact(iri)

    changes: list[Change] = []
    # holdings
    ho = {h.iri: h for h in fo.holdings}
    hn = {h.iri: h for h in fn.holdings}
    for iri in sorted(hn.keys() - ho.keys()):
        h = hn[iri]
        verb = "ended:" if _ended(h) else "started:" if h.valid_from or h.status == "Appointed" else "newly stated:"
        changes.append(Change("holdings", h.person, "+", f"{label(h.person)}: {verb} {label(h.post)} "
                              f"({h.dates()}{', ' + h.status.lower() if h.status else ''})", _srcs(new, iri)))
    for iri in sorted(ho.keys() - hn.keys()):
        h = ho[iri]
        changes.append(Change("holdings", h.person, "-", f"{label(h.person)}: no longer stated: {label(h.post)} "
                              f"({h.dates()})", _srcs(old, iri)))
    for iri in sorted(ho.keys() & hn.keys()):
        a, b = ho[iri], hn[iri]
        if (a.valid_from, a.valid_until, a.attested, a.status) != (b.valid_from, b.valid_until, b.attested, b.status):
            verb = "ended" if _ended(b) and not _ended(a) else "dates changed"
            was = " ".join(x for x in (a.dates(), a.status.lower()) if x)
            now = " ".join(x for x in (b.dates(), b.status.lower()) if x)
            changes.append(Change("holdings", b.person, "~", f"{label(b.person)}: {label(b.post)} {verb}: "
                                  f"{was} → {now}", _srcs(new, iri)))
    # new holders of posts
    holders_old: dict[str, set[str]] = defaultdict(set)
    holders_new: dict[str, set[str]] = defaultdict(set)
    for h in fo.holdings:
        holders_old[h.post].add(h.person)
    for h in fn.holdings:
        holders_new[h.post].add(h.person)
    for post in sorted(holders_new):
        for person in sorted(holders_new[post] - holders_old.get(post, set()), key=lambda p: (label(p), p)):
            before = ", ".join(sorted(label(p) for p in holders_old.get(post, ()))) or "nobody recorded"
            src = [s for h in fn.holdings if h.post == post and h.person == person for s in _srcs(new, h.iri)]
            changes.append(Change("post holders", post, "+", f"{label(post)}: new holder {label(person)} "
                                  f"(before: {before})", sorted(set(src))))
    # bodies, directives, meetings: new / removed / renamed
    for section, kind in (("bodies", "body"), ("directives", "directive"), ("meetings", "event")):
        io = {i for i, n in fo.nodes.items() if n.kind == kind}
        inn = {i for i, n in fn.nodes.items() if n.kind == kind}
        for iri in sorted(inn - io):
            changes.append(Change(section, iri, "+", f"new: {_describe(fn, iri)}", _srcs(new, iri) or
                                  _mentions(new, iri)))
        for iri in sorted(io - inn):
            changes.append(Change(section, iri, "-", f"removed: {_describe(fo, iri)}", _srcs(old, iri) or
                                  _mentions(old, iri)))
        if kind == "body":
            for iri in sorted(io & inn):
                names_was, names_now = _pref_labels(old, iri), _pref_labels(new, iri)
                if names_was != names_now:
                    changes.append(Change(section, iri, "~", f"renamed: {'; '.join(names_was) or '(no name)'} → "
                                          f"{'; '.join(names_now) or '(no name)'}", []))
    # triples
    ko, kn = old.triples.keys(), new.triples.keys()
    added = sorted(kn - ko)
    removed = sorted(ko - kn)
    counted: dict[str, tuple[int, int]] = {}
    for t, what in COUNTED.items():
        plus = {i for i, ts in new.types.items() if t in ts} - {i for i, ts in old.types.items() if t in ts}
        minus = {i for i, ts in old.types.items() if t in ts} - {i for i, ts in new.types.items() if t in ts}
        counted[what] = (len(plus), len(minus))
    labels = {i: n.label for f in (fo, fn) for i, n in f.nodes.items()}
    return Diff(old.name, new.name, len(old.triples), len(new.triples),
                [(k, sorted(_graph_source(g) for g in new.triples[k])) for k in added],
                [(k, sorted(_graph_source(g) for g in old.triples[k])) for k in removed],
                changes, counted, labels)


def _mentions(side: Side, iri: str) -> list[str]:
    """The documents whose graphs say something about iri (for entities with no fact span)."""
    return sorted({_graph_source(g) for g in side.graphs_of.get(f"<{iri}>", ())})


def _pref_labels(side: Side, iri: str) -> list[str]:
    return sorted(side.pref_labels.get(f"<{iri}>", ()))


def _describe(f: analyze.Facts, iri: str) -> str:
    node = f.nodes[iri]
    bits = [node.label]
    if node.kind == "event":
        e = f.events.get(iri)
        bits.append(f"({node.type.lower() or 'event'}, {node.date or 'undated'})")
        if e and e.chairs:
            bits.append("chaired by " + ", ".join(f.label(c) for c in e.chairs))
        if e and e.attendees:
            bits.append(f"{len(e.attendees)} attendees: " + ", ".join(sorted(f.label(a) for a in e.attendees)))
    elif node.kind == "directive":
        bits.append(f"({node.type}{', ' + node.date if node.date else ''})")
    else:
        bits.append(f"({node.type})")
    return " ".join(bits)


def diff(old_spec: str, new_spec: str, store: Store | None = None) -> Diff:
    return compare(read_side(old_spec, store), read_side(new_spec, store))


# --------------------------------------------------------------------------- rendering

SECTIONS = ("holdings", "post holders", "bodies", "directives", "meetings")


def _facts_by_entity(d: Diff, kinds_skip: set[str]) -> dict[str, list[tuple[str, _Key, list[str]]]]:
    by: dict[str, list[tuple[str, _Key, list[str]]]] = defaultdict(list)
    for sign, items in (("+", d.added), ("-", d.removed)):
        for key, graphs in items:
            if key[0] in kinds_skip:
                continue
            by[key[0]].append((sign, key, graphs))
    for v in by.values():
        v.sort(key=lambda x: (x[1][1], x[1][2], x[0]))
    return dict(sorted(by.items()))


def _show(term: str) -> str:
    if term.startswith("<") and term.endswith(">"):
        return compact(term[1:-1])
    return _short(term, 100)


def to_text(d: Diff, skip: set[str]) -> str:
    lines = [f"kg diff: {d.old} ({d.old_count} triples) → {d.new} ({d.new_count} triples): "
             f"{len(d.added)} triples added, {len(d.removed)} removed"]
    if not d.added and not d.removed:
        lines.append("no change")
        return "\n".join(lines) + "\n"
    for section in SECTIONS:
        items = [c for c in d.changes if c.section == section]
        if not items:
            continue
        lines.append(f"\n{section.capitalize()}")
        for c in items:
            lines.append(f"  {c.sign} {c.text}")
            lines.extend(f"      source: {s}" for s in c.sources)
    counted = [f"{what} +{a} -{r}" for what, (a, r) in d.counted.items() if a or r]
    if counted:
        lines.append("\nCounted, not listed: " + "; ".join(counted))
    facts = _facts_by_entity(d, skip)
    if facts:
        lines.append("\nFacts added (+) and removed (-), by entity")
        for subject, facts_of in facts.items():
            iri = subject[1:-1]
            lines.append(f"  {_show(subject)}  {d.labels.get(iri, '')}".rstrip())
            for sign, (_, p, o), graphs in facts_of:
                lines.append(f"    {sign} {_show(p)} {_show(o)}  [{', '.join(graphs)}]")
    return "\n".join(lines) + "\n"


def to_json(d: Diff, skip: set[str]) -> str:
    doc = {"old": {"name": d.old, "triples": d.old_count}, "new": {"name": d.new, "triples": d.new_count},
           "changes": [c.to_json() for c in d.changes],
           "counted": {k: {"added": a, "removed": r} for k, (a, r) in d.counted.items()},
           "facts": [{"subject": s, "change": "added" if sign == "+" else "removed", "predicate": p, "object": o,
                      "graphs": graphs}
                     for s, items in _facts_by_entity(d, set()).items() for sign, (s_, p, o), graphs in items]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_turtle(d: Diff) -> bytes:
    """The triples added and removed as a Talis ChangeSet (cs:addition / cs:removal of reified statements),
    with IRIs from a hash of each triple: no blank nodes, same bytes for the same diff."""
    cs = ox.NamedNode(ID + "changeset/" + hashlib.sha256(f"{d.old}\n{d.new}".encode()).hexdigest()[:16])
    rdf = PREFIXES["rdf"]
    triples = [ox.Triple(cs, ox.NamedNode(RDF_TYPE), ox.NamedNode(CS + "ChangeSet"))]
    for prop, items in (("addition", d.added), ("removal", d.removed)):
        for key, _ in items:
            st = ox.NamedNode(ID + "statement/" + hashlib.sha256(" ".join(key).encode()).hexdigest()[:24])
            triples.append(ox.Triple(cs, ox.NamedNode(CS + prop), st))
            triples.append(ox.Triple(st, ox.NamedNode(RDF_TYPE), ox.NamedNode(rdf + "Statement")))
            for name, text in zip(("subject", "predicate", "object"), key, strict=True):
                triples.append(ox.Triple(st, ox.NamedNode(rdf + name), _parse_term(text)))
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = {**PREFIXES, "cs": CS}
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    return data


def _parse_term(text: str):
    if text.startswith("_:"):
        return ox.NamedNode(ID + "bnode/" + text[2:])
    return next(iter(ox.parse(f"<urn:x> <urn:y> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object


def render(d: Diff, fmt: str) -> bytes:
    skip = {f"<{i}>" for i, n in _counted_types(d).items() if n}
    if fmt == "text":
        return to_text(d, skip).encode("utf-8")
    if fmt == "json":
        return to_json(d, skip).encode("utf-8")
    if fmt == "turtle":
        return to_turtle(d)
    raise InputError(f"no diff format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _counted_types(d: Diff) -> dict[str, bool]:
    """Subjects of counted kinds (text spans, documents, runs) seen in the changed triples."""
    out: dict[str, bool] = {}
    for items in (d.added, d.removed):
        for (s, p, o), _ in items:
            if p == f"<{RDF_TYPE}>" and o[1:-1] in COUNTED:
                out[s[1:-1]] = True
    # every triple of such a subject, even when its type triple did not change
    return out
