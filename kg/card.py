"""`kg show`: an entity card — labels, type, posts with dates, bodies, events, directives, and
the quoted sentence behind each fact."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError
from kg.ids import fold
from kg.namespaces import PREFIXES, compact, sparql_prologue
from kg.store import Store

_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

Q_LABELS = """
SELECT DISTINCT ?s ?label WHERE { ?s skos:prefLabel|skos:altLabel|foaf:name|skos:notation|eli:id_local ?label }"""

Q_OUT = """
SELECT DISTINCT ?s ?p ?o ?olabel WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o skos:prefLabel ?olabel FILTER(lang(?olabel) = "en") }
} ORDER BY ?p ?o"""

Q_LINKED = """
SELECT DISTINCT ?s ?n ?p ?type WHERE { ?n ?p ?s . ?n a ?type .
  FILTER(?type IN (org:Membership, schema:Event, kg:Statistic, eli:LegalResource, org:Post)) } ORDER BY ?type ?n"""

Q_SOURCES = """
SELECT DISTINCT ?s ?file ?quote ?start ?end ?method ?confidence WHERE {
  { ?s prov:wasDerivedFrom ?span } UNION { ?s kg:mentionedIn ?span }
  ?span oa:exact ?quote ; oa:start ?start ; oa:end ?end ; oa:hasSource ?doc .
  ?doc kg:fileName ?file .
  OPTIONAL { ?s kg:method ?method } OPTIONAL { ?s kg:confidence ?confidence }
} ORDER BY ?file ?start ?end"""


@dataclass
class Card:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (text, lang)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (property, value)
    linked: list[dict] = field(default_factory=list)  # holdings, events, statistics... with their sources
    sources: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"iri": self.iri, "label": self.label, "types": self.types,
                "labels": [{"text": t, "lang": lang} for t, lang in self.labels],
                "facts": [{"property": p, "value": v} for p, v in self.facts],
                "linked": self.linked, "sources": self.sources}

    def to_text(self) -> str:
        lines = [f"{self.label}  ({', '.join(self.types) or 'untyped'})", f"  {compact(self.iri)}"]
        if self.labels:
            lines.append("  labels: " + " · ".join(f"{t} @{lang}" if lang else t for t, lang in self.labels))
        for p, v in self.facts:
            lines.append(f"  {p}: {v}")
        for item in self.linked:
            lines.append(f"  {item['type']} ({', '.join(item['via'])}) — {item['summary']}")
            for src in item["sources"]:
                where = f"{src['document']} [{src['start']}-{src['end']}]"
                lines.append(f"      source: {where} \"{_short(src['quote'])}\"")
        if self.sources:
            lines.append("  mentioned in:")
            for src in self.sources:
                lines.append(f"    {src['document']} [{src['start']}-{src['end']}] \"{_short(src['quote'])}\"")
        return "\n".join(lines)


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _sub(iri: str) -> dict:
    """Bind ?s (Oxigraph substitutes only variables the SELECT projects)."""
    return {ox.Variable("s"): ox.NamedNode(iri)}


def resolve(store: Store, name_or_iri: str) -> str:
    """An IRI, a prefixed name (`id:person/...`) or a label (folded, exact first, then substring)."""
    text = name_or_iri.strip()
    if text.startswith(("http://", "https://")):
        return text
    prefix, _, rest = text.partition(":")
    if rest and prefix in PREFIXES and " " not in text:
        return PREFIXES[prefix] + rest
    wanted = fold(text)
    exact: set[str] = set()
    partial: set[str] = set()
    for sol in store.query(sparql_prologue() + Q_LABELS):
        s, label = sol["s"], sol["label"]
        if not isinstance(s, ox.NamedNode):
            continue
        folded = fold(label.value)
        if folded == wanted:
            exact.add(s.value)
        elif wanted and wanted in folded:
            partial.add(s.value)
    found = exact or partial
    if not found:
        raise KgError(f"nothing in the store is called {name_or_iri!r} (try `kg query holdings` or an IRI)")
    if len(found) > 1:
        names = ", ".join(compact(i) for i in sorted(found)[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise KgError(f"{name_or_iri!r} matches {len(found)} entities: {names}{more}; give one IRI")
    return found.pop()


def _sources(store: Store, iri: str) -> list[dict]:
    out = []
    for sol in store.query(sparql_prologue() + Q_SOURCES, substitutions=_sub(iri)):
        out.append({"document": sol["file"].value, "quote": sol["quote"].value,
                    "start": int(sol["start"].value), "end": int(sol["end"].value),
                    "method": sol["method"].value if sol["method"] else None,
                    "confidence": float(sol["confidence"].value) if sol["confidence"] else None})
    return out


def _outgoing(store: Store, iri: str) -> list[tuple[str, str, _Term]]:
    rows = []
    for sol in store.query(sparql_prologue() + Q_OUT, substitutions=_sub(iri)):
        o = sol["o"]
        if isinstance(o, ox.NamedNode):
            value = f"{sol['olabel'].value} ({compact(o.value)})" if sol["olabel"] else compact(o.value)
        else:
            value = o.value + (f" @{o.language}" if o.language else "")
        rows.append((compact(sol["p"].value), value, o))
    return rows


def _summary(kind: str, facts: list[tuple[str, str, _Term]]) -> str:
    """One readable line for a holding, event, statistic, directive or post."""
    by: dict[str, list[str]] = {}
    for p, v, o in facts:
        by.setdefault(p, []).append(o.value if isinstance(o, ox.Literal) else v.split(" (")[0])

    def one(p: str) -> str:
        return (by.get(p) or [""])[0]

    def dates() -> str:
        parts = [f"from {one('schema:validFrom')}" if "schema:validFrom" in by else "",
                 f"until {one('schema:validUntil')}" if "schema:validUntil" in by else "",
                 f"attested {one('kg:attestedOn')}" if "kg:attestedOn" in by else ""]
        return " ".join(p for p in parts if p)

    if kind == "org:Membership":
        head = one("opengov:post") or one("skos:prefLabel") or one("org:role")
        bits = [head, dates(), one("kg:holdingStatus").lower(), f'as written "{one("kg:titleAsWritten")}"']
    elif kind == "schema:Event":
        bits = [f"{one('kg:eventType').lower()} {one('schema:startDate')}".strip(), one("schema:description"),
                f"chair {one('kg:chair')}" if "kg:chair" in by else "",
                f"{len(by.get('schema:attendee', []))} attendees" if "schema:attendee" in by else ""]
    elif kind == "kg:Statistic":
        bits = [one("kg:valueAsWritten"), one("kg:measures"), one("kg:period")]
    elif kind == "eli:LegalResource":
        bits = [one("eli:id_local") or one("eli:title"), one("eli:type_document").lower()]
    else:
        bits = [one("skos:prefLabel") or one("rdfs:label")]
    return " — ".join(b for b in bits if b and b != 'as written ""')


SKIP = {"rdf:type", "skos:prefLabel", "skos:altLabel", "foaf:name", "kg:mentionedIn", "schema:text",
        "prov:wasDerivedFrom", "prov:wasGeneratedBy"}


def card(store: Store, name_or_iri: str) -> Card:
    iri = resolve(store, name_or_iri)
    out = _outgoing(store, iri)
    if not out and not list(store.query("SELECT ?s WHERE { ?x ?p ?s } LIMIT 1", substitutions=_sub(iri))):
        raise KgError(f"{compact(iri)} is not in the store")
    labels = sorted({(v.split(" @")[0], o.language or "") for p, v, o in out
                     if p in ("skos:prefLabel", "skos:altLabel") and isinstance(o, ox.Literal)},
                    key=lambda t: (t[1], t[0]))
    pref_en = [o.value for p, _, o in out if p == "skos:prefLabel" and isinstance(o, ox.Literal) and o.language == "en"]
    en = sorted(pref_en) or [t for t, lang in labels if lang == "en"]
    c = Card(iri=iri, label=en[0] if en else (labels[0][0] if labels else compact(iri)),
             types=sorted({v.split(" (")[-1].rstrip(")") if "(" in v else v for p, v, _ in out if p == "rdf:type"}),
             labels=labels)
    c.facts = [(p, v) for p, v, _ in out if p not in SKIP]
    linked: dict[str, dict] = {}
    for sol in store.query(sparql_prologue() + Q_LINKED, substitutions=_sub(iri)):
        node = sol["n"].value
        if node in linked:  # e.g. an event that has this person both as chair and as attendee
            linked[node]["via"].append(compact(sol["p"].value))
            continue
        summary = _summary(compact(sol["type"].value), _outgoing(store, node))
        linked[node] = {"type": compact(sol["type"].value), "node": compact(node), "via": [compact(sol["p"].value)],
                        "summary": summary, "sources": _sources(store, node)}
    c.linked = list(linked.values())
    c.sources = _sources(store, iri)
    return c
