"""What the site shows, read from the store with SPARQL and arranged per page.

One DISTINCT query reads the triples about the things the site can show (Oxigraph's union
default graph is a bag: the same triple in two named graphs comes back twice without DISTINCT);
everything else is grouping in Python. Every list is sorted, so the same store always gives the
same pages.

Which entities get a page: every person, meeting/event, directive and document (they only come
from documents), and of the ~3,100 reference bodies and the areas only those a document mentions
or a fact links to, plus the bodies above them (org:subOrganizationOf) and the areas they sit in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.ids import digest, fold
from kg.namespaces import ID, PREFIXES, compact, sparql_prologue
from kg.store import Store

K = PREFIXES["kg"]
SKOS = PREFIXES["skos"]
SCHEMA = PREFIXES["schema"]
ORG = PREFIXES["org"]
ELI = PREFIXES["eli"]
PROV = PREFIXES["prov"]
OA = PREFIXES["oa"]
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
FOAF_NAME = PREFIXES["foaf"] + "name"

# the kinds of page, by the kind segment of our data IRIs (`id/{kind}/{key}`)
KINDS = {"person": "Person", "org": "Body", "area": "Place", "act": "Directive", "event": "Meeting / event",
         "doc": "Article"}
KIND_PLURAL = {"person": "People", "org": "Bodies", "area": "Places", "act": "Directives",
               "event": "Meetings and events", "doc": "Articles"}

Q_TRIPLES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?s) && (STRSTARTS(STR(?s), STR(id:)) || STRSTARTS(STR(?s), STR(kg:))))
}"""

# what the reference data states (facts about bodies and areas are attributed to it)
Q_REFERENCE_GRAPH = """
SELECT DISTINCT ?s WHERE { GRAPH <https://w3id.org/kg-vn/graph/reference> { ?s a ?t } }"""


# which document graphs state each property value of a directive: several articles cite one act,
# and each line of its page shows the articles that gave that line
Q_ACT_GRAPHS = """
SELECT DISTINCT ?g ?s ?p ?o WHERE { ?s a eli:LegalResource . GRAPH ?g { ?s ?p ?o } }"""

Value = tuple[str, str, str]  # (kind: "iri" | "lit", value, language or datatype)


def _value(term) -> Value:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "")
    if isinstance(term, ox.Literal):
        return ("lit", term.value, term.language or term.datatype.value)
    return ("bnode", str(term), "")


class Triples:
    """The store's triples about our IRIs, as subject -> predicate -> sorted values, and the reverse."""

    def __init__(self, store: Store):
        out: dict[str, dict[str, set[Value]]] = defaultdict(lambda: defaultdict(set))
        rev: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for sol in store.query(sparql_prologue() + Q_TRIPLES):
            s, p, o = sol["s"].value, sol["p"].value, _value(sol["o"])
            out[s][p].add(o)
            if o[0] == "iri":
                rev[o[1]][p].add(s)
        self.out = {s: {p: sorted(vs) for p, vs in ps.items()} for s, ps in out.items()}
        self.rev = {o: {p: sorted(ss) for p, ss in ps.items()} for o, ps in rev.items()}
        self.reference = {sol["s"].value for sol in store.query(Q_REFERENCE_GRAPH)
                          if isinstance(sol["s"], ox.NamedNode)}
        self.stated_in: dict[tuple[str, str, Value], set[str]] = defaultdict(set)
        for sol in store.query(sparql_prologue() + Q_ACT_GRAPHS):
            self.stated_in[(sol["s"].value, sol["p"].value, _value(sol["o"]))].add(sol["g"].value)

    def graphs_stating(self, s: str, p: str) -> set[str]:
        """The named graphs that state any value of `s p` (recorded for directives only)."""
        out: set[str] = set()
        for v in self.values(s, p):
            out |= self.stated_in.get((s, p, v), set())
        return out

    def values(self, s: str, p: str) -> list[Value]:
        return self.out.get(s, {}).get(p, [])

    def iris(self, s: str, p: str) -> list[str]:
        return [v[1] for v in self.values(s, p) if v[0] == "iri"]

    def lits(self, s: str, p: str, lang: str | None = None) -> list[str]:
        return [v[1] for v in self.values(s, p) if v[0] == "lit" and (lang is None or v[2] == lang)]

    def one(self, s: str, p: str) -> str:
        vs = self.values(s, p)
        return vs[0][1] if vs else ""

    def flag(self, s: str, p: str) -> bool:
        return "true" in self.lits(s, p)

    def subjects(self, p: str, o: str) -> list[str]:
        return self.rev.get(o, {}).get(p, [])

    def types(self, s: str) -> list[str]:
        return self.iris(s, RDF_TYPE)

    def of_type(self, t: str) -> list[str]:
        return self.subjects(RDF_TYPE, t)


def kind_of(iri: str) -> str:
    """`person`, `org`, `area`, ... for our data IRIs; '' for anything else."""
    if not iri.startswith(str(ID)):
        return ""
    return iri[len(str(ID)):].split("/", 1)[0]


_SAFE = re.compile(r"[a-z0-9][a-z0-9-]{0,100}")


def page_path(iri: str) -> str:
    """The page of an entity, relative to the site root: `{kind}/{key}.html`.

    Our keys are already slugs (kg.ids); anything else gets a slug plus a hash of the IRI, so two
    IRIs never share a file.
    """
    kind = kind_of(iri)
    key = iri[len(str(ID)) + len(kind) + 1:]
    if not _SAFE.fullmatch(key):
        key = (re.sub(r"[^a-z0-9]+", "-", fold(key)).strip("-")[:60] or "x") + "-" + digest(iri)
    return f"{kind}/{key}.html"


@dataclass
class Source:
    """The quoted sentence behind a fact (or a mention), in one document."""

    doc: str  # document IRI
    file: str
    start: int
    end: int
    quote: str
    method: str = ""
    confidence: str = ""
    inferred: bool = False
    href: str = ""  # the document's page

    @property
    def anchor(self) -> str:
        return f"s-{self.start}-{self.end}"

    def key(self) -> tuple:
        return (self.file, self.start, self.end, self.quote, self.method)


@dataclass
class Data:
    t: Triples
    pages: dict[str, str] = field(default_factory=dict)  # iri -> page path

    # --- labels ----------------------------------------------------------------------------

    def label(self, iri: str) -> str:
        """The name to show: Vietnamese with diacritics for people (and places) when known, else English."""
        t = self.t
        kind = kind_of(iri)
        if kind in ("person", "area"):
            return (t.lits(iri, SKOS + "prefLabel", "vi") or t.lits(iri, SKOS + "prefLabel", "en")
                    or t.lits(iri, FOAF_NAME) or [compact(iri)])[0]
        if kind == "act":
            number = t.lits(iri, ELI + "id_local")
            title = t.lits(iri, ELI + "title", "en") or t.lits(iri, ELI + "title")
            if number:
                return f"{_ACT_TYPE.get(t.one(iri, ELI + 'type_document'), 'Act')} {number[0]}"
            return title[0] if title else compact(iri)
        if kind == "event":
            names = (t.lits(iri, SCHEMA + "name", "en") or t.lits(iri, SCHEMA + "description", "en")
                     or t.lits(iri, SCHEMA + "name") or t.lits(iri, SCHEMA + "description"))
            if names:
                return _short(names[0])
            return self.label(t.one(iri, K + "eventType")) if t.one(iri, K + "eventType") else compact(iri)
        if kind == "doc":
            return (t.lits(iri, PREFIXES["dcterms"] + "title") or t.lits(iri, K + "fileName") or [compact(iri)])[0]
        for p, lang in ((SKOS + "prefLabel", "en"), (RDFS_LABEL, "en"), (SKOS + "prefLabel", None),
                        (RDFS_LABEL, None), (ELI + "title", None), (FOAF_NAME, None)):
            found = t.lits(iri, p, lang)
            if found:
                return found[0]
        return compact(iri)

    def other_name(self, iri: str) -> str:
        """A second name worth showing under the first (the English or the Vietnamese one)."""
        t = self.t
        main = self.label(iri)
        if kind_of(iri) == "act":
            titles = t.lits(iri, ELI + "title", "en") or t.lits(iri, ELI + "title")
            return titles[0] if titles and titles[0] != main else ""
        for lang in ("en", "vi"):
            for name in t.lits(iri, SKOS + "prefLabel", lang):
                if name != main:
                    return name
        return ""

    def link(self, iri: str) -> dict:
        """What a template needs to show a link to an entity (no `href` when it has no page)."""
        return {"iri": iri, "label": self.label(iri), "href": self.pages.get(iri, ""), "kind": kind_of(iri)}

    def links(self, iris: Iterable[str]) -> list[dict]:
        return sorted((self.link(i) for i in set(iris)), key=lambda d: (fold(d["label"]), d["iri"]))

    # --- provenance ------------------------------------------------------------------------

    def span(self, span: str) -> Source | None:
        t = self.t
        doc = t.one(span, OA + "hasSource")
        start, end = t.one(span, OA + "start"), t.one(span, OA + "end")
        if not doc or not start or not end:
            return None
        return Source(doc=doc, file=t.one(doc, K + "fileName"), start=int(start), end=int(end),
                      quote=t.one(span, OA + "exact"), href=self.pages.get(doc, ""))

    def sources(self, node: str) -> list[Source]:
        """The sentences a fact node was derived from, with the node's method, confidence and inferred flag."""
        t = self.t
        out = []
        for sp in t.iris(node, PROV + "wasDerivedFrom"):
            src = self.span(sp)
            if src:
                src.method = t.one(node, K + "method")
                src.confidence = t.one(node, K + "confidence")
                src.inferred = t.flag(node, K + "inferred")
                out.append(src)
        return sorted(out, key=Source.key)

    def mentions(self, iri: str) -> list[Source]:
        out = [s for s in (self.span(sp) for sp in self.t.iris(iri, K + "mentionedIn")) if s]
        return sorted(out, key=Source.key)

    def doc_text(self, doc: str) -> str:
        return self.t.one(doc, SCHEMA + "text")


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


_ACT_TYPE = {K + "Resolution": "Resolution", K + "Decision": "Decision", K + "Directive": "Directive",
             K + "Decree": "Decree", K + "Law": "Law", K + "Programme": "Programme", K + "Plan": "Plan",
             K + "Conclusion": "Conclusion", K + "Notice": "Notice", K + "OtherActType": "Act"}


def select_pages(t: Triples) -> dict[str, str]:
    """IRI -> page path for every entity that gets a page (see the module docstring)."""
    chosen: set[str] = set()
    for cls in (PREFIXES["foaf"] + "Person", SCHEMA + "Event", ELI + "LegalResource", K + "SourceDocument"):
        chosen.update(t.of_type(cls))
    linked: set[str] = set()
    for doc in t.of_type(K + "SourceDocument"):
        linked.update(t.iris(doc, K + "mentions"))
    link_props = {ORG + "organization", SCHEMA + "organizer", SCHEMA + "location", K + "connectionPoint",
                  ELI + "passed_by", K + "about", K + "location"}
    for node in sorted(chosen) + t.of_type(ORG + "Membership") + t.of_type(K + "Statistic"):
        for p in link_props:
            linked.update(t.iris(node, p))
    # bodies above the linked bodies, and where they sit
    todo = sorted(i for i in linked if kind_of(i) == "org")
    seen: set[str] = set()
    while todo:
        body = todo.pop()
        if body in seen:
            continue
        seen.add(body)
        linked.add(body)
        todo.extend(t.iris(body, ORG + "subOrganizationOf"))
        linked.update(t.iris(body, K + "location"))
    chosen.update(i for i in linked if kind_of(i) in ("org", "area"))
    return {iri: page_path(iri) for iri in sorted(chosen) if kind_of(iri) in KINDS}
