"""One context per page: the entity's names, its facts grouped in tables, and for every fact the
article and the quoted sentence it comes from. Templates only lay these out.

A cell is a list of parts, each `{"text", "href"}` (href empty for plain text); a row carries
its sources (kg.site.data.Source) and whether the fact is inferred rather than stated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.ids import fold
from kg.namespaces import GRAPH, PREFIXES, compact
from kg.site.data import (
    ELI,
    FOAF_NAME,
    KIND_PLURAL,
    KINDS,
    OA,
    ORG,
    PROV,
    RDF_TYPE,
    SCHEMA,
    SKOS,
    Data,
    K,
    Source,
    kind_of,
)

OPENGOV = PREFIXES["opengov"]
DCTERMS = PREFIXES["dcterms"]
REFERENCE_NOTE = "reference data (seeds/reference)"


def text(value: str) -> dict:
    return {"text": value, "href": ""}


def badge(value: str) -> dict:
    return {"text": value, "href": "", "badge": True}


def when(value: str, inferred: bool) -> list[dict]:
    return [text(value)] + ([badge("year inferred")] if inferred and value else [])


@dataclass
class Row:
    cells: list[list[dict]]
    sources: list[Source] = field(default_factory=list)
    inferred: bool = False
    note: str = ""
    sort: tuple = ()


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[Row]
    intro: str = ""
    shared_sources: list[Source] = field(default_factory=list)  # when every row has the same sources

    @property
    def source_column(self) -> bool:
        return not self.shared_sources and any(r.sources or r.note or r.inferred for r in self.rows)


@dataclass
class Page:
    iri: str
    path: str
    kind: str
    title: str
    other_name: str = ""
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, language)
    about: list[Row | None] = field(default_factory=list)  # cells: [property label, value parts]
    about_note: str = ""
    about_sources: list[Source] = field(default_factory=list)  # when every line has the same sources
    sections: list[Section] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def curie(self) -> str:
        return compact(self.iri)


class Builder:
    def __init__(self, data: Data):
        self.d = data
        self.t = data.t

    # --- small helpers ---------------------------------------------------------------------

    def ln(self, iri: str) -> dict:
        link = self.d.link(iri)
        return {"text": link["label"], "href": link["href"]}

    def lns(self, iris: list[str]) -> list[dict]:
        return [{"text": x["label"], "href": x["href"]} for x in self.d.links(iris)]

    def concept(self, iri: str) -> str:
        """A SKOS concept's / ontology term's English label (kg:Meeting -> Meeting)."""
        return self.d.label(iri) if iri else ""

    def date(self, node: str, p: str) -> str:
        return self.t.one(node, p)

    def names(self, iri: str) -> list[tuple[str, str]]:
        t = self.t
        out: set[tuple[str, str]] = set()
        for p in (SKOS + "prefLabel", SKOS + "altLabel", FOAF_NAME, SKOS + "notation", ELI + "title"):
            for v in t.values(iri, p):
                if v[0] == "lit":
                    out.add((v[1], v[2] if v[2] in ("vi", "en", "id") else ""))
        tagged = {name for name, lang in out if lang}
        out = {(name, lang) for name, lang in out if lang or name not in tagged}
        return sorted(out, key=lambda x: ({"vi": 0, "en": 1, "id": 2}.get(x[1], 3), fold(x[0]), x[0]))

    def fact(self, label: str, parts: list[dict], sources: list[Source] | None = None, note: str = "",
             inferred: bool = False) -> Row | None:
        parts = [p for p in parts if p["text"]]
        if not parts:
            return None
        return Row(cells=[[text(label)], parts], sources=sources or [], note=note, inferred=inferred)

    def mentions(self, iri: str) -> list[dict]:
        """Each mention with a snippet of the sentence around it (name in <mark>)."""
        out = []
        for src in self.d.mentions(iri):
            body = self.d.doc_text(src.doc)
            a, b = src.start, src.end
            lo = max(body.rfind("\n", 0, a) + 1, a - 110)
            hi_nl = body.find("\n", b)
            hi = min(hi_nl if hi_nl >= 0 else len(body), b + 110)
            out.append({"source": src, "doc": self.ln(src.doc), "before": ("…" if lo > 0 and body[lo - 1] != "\n"
                                                                          else "") + body[lo:a],
                        "name": body[a:b], "after": body[b:hi] + ("…" if hi < len(body) and body[hi] != "\n" else "")})
        return out

    def dates_of_holding(self, h: str) -> tuple[str, bool]:
        t = self.t
        parts = []
        if t.one(h, SCHEMA + "validFrom"):
            parts.append("from " + t.one(h, SCHEMA + "validFrom"))
        if t.one(h, SCHEMA + "validUntil"):
            parts.append("until " + t.one(h, SCHEMA + "validUntil"))
        if t.one(h, K + "attestedOn"):
            parts.append("on " + t.one(h, K + "attestedOn"))
        return " ".join(parts), t.flag(h, K + "dateInferred")

    def holding_post(self, h: str) -> str:
        t = self.t
        return (t.lits(h, SKOS + "prefLabel", "en") or t.lits(h, SKOS + "prefLabel")
                or [self.d.label(t.one(h, OPENGOV + "post") or t.one(h, ORG + "role"))])[0]

    def holding_sort(self, h: str) -> tuple:
        t = self.t
        day = t.one(h, SCHEMA + "validFrom") or t.one(h, K + "attestedOn") or t.one(h, SCHEMA + "validUntil")
        return (day, fold(self.holding_post(h)), h)

    def event_date(self, e: str) -> str:
        return self.t.one(e, SCHEMA + "startDate")

    def event_row(self, e: str, extra: list[list[dict]] | None = None) -> Row:
        t = self.t
        date = self.event_date(e)
        places = self.lns(t.iris(e, SCHEMA + "location"))
        kind = [text(self.concept(t.one(e, K + "eventType")))]
        return Row(cells=[when(date, t.flag(e, K + "dateInferred")), [self.ln(e)], kind, places]
                   + (extra or []), sources=self.d.sources(e), inferred=t.flag(e, K + "inferred"),
                   sort=(date, e))

    def statistic_rows(self, stats: list[str]) -> list[Row]:
        t = self.t
        rows = []
        for s in stats:
            value = t.one(s, SCHEMA + "value")
            unit = t.one(s, SCHEMA + "unitText")
            rows.append(Row(cells=[[text(t.one(s, K + "valueAsWritten"))], [text(f"{value} {unit}".strip())],
                                   [text(t.one(s, K + "measures"))], [text(t.one(s, K + "period"))],
                                   self.lns(t.iris(s, K + "about"))],
                            sources=self.d.sources(s), inferred=t.flag(s, K + "inferred"),
                            sort=(t.one(s, K + "measures"), s)))
        return sorted(rows, key=lambda r: r.sort)

    # --- pages -----------------------------------------------------------------------------

    def page(self, iri: str) -> Page:
        kind = kind_of(iri)
        p = Page(iri=iri, path=self.d.pages[iri], kind=kind, title=self.d.label(iri),
                 other_name=self.d.other_name(iri), names=self.names(iri))
        getattr(self, "_" + kind)(p)
        p.about = [r for r in p.about if r is not None]
        p.about_sources = _share([r for r in p.about if r is not None])
        p.sections = [s for s in p.sections if s.rows]
        for s in p.sections:
            if len(s.rows) > 1:
                s.shared_sources = _share(s.rows)
        if kind != "doc":
            p.mentions = self.mentions(iri)
        return p

    def _person(self, p: Page) -> None:
        t, iri = self.t, p.iri
        holdings = sorted(t.subjects(ORG + "member", iri), key=self.holding_sort)
        rows = []
        for h in holdings:
            span, inferred_date = self.dates_of_holding(h)
            rows.append(Row(cells=[[text(self.holding_post(h))], self.lns(t.iris(h, ORG + "organization")),
                                   when(span, inferred_date),
                                   [text(self.concept(t.one(h, K + "holdingStatus")))],
                                   [text(t.one(h, K + "titleAsWritten"))]],
                            sources=self.d.sources(h), inferred=t.flag(h, K + "inferred")))
        p.sections.append(Section("Posts", ["Post", "Body", "When", "Status", "As written"], rows))
        events = set(t.subjects(SCHEMA + "attendee", iri)) | set(t.subjects(K + "chair", iri))
        erows = []
        for e in events:
            role = "chair" if iri in t.iris(e, K + "chair") else "attendee"
            erows.append(self.event_row(e, [[text(role)]]))
        p.sections.append(Section("Meetings and events", ["Date", "Event", "Type", "Place", "Role"],
                                  sorted(erows, key=lambda r: r.sort)))
        drows = []
        for e in sorted(events):
            for act in t.iris(e, SCHEMA + "about"):
                drows.append(Row(cells=[[self.ln(act)], [self.ln(e)], [text(self.event_date(e))]],
                                 sources=self.d.sources(e), sort=(fold(self.d.label(act)), self.event_date(e), e)))
        p.sections.append(Section("Directives discussed at their meetings", ["Directive", "Meeting", "Date"],
                                  sorted(drows, key=lambda r: r.sort),
                                  intro="Linked through the meetings above: the sources say the meeting discussed "
                                        "the directive, not that this person did."))

    def _org(self, p: Page) -> None:
        t, iri = self.t, p.iri
        note = REFERENCE_NOTE if iri in t.reference else ""
        p.about_note = ("From the " + note + ".") if note else "Named in the articles below."
        p.about = [
            self.fact("Type", [text(self.concept(t.one(iri, K + "orgType")))]),
            self.fact("Acronym", [text(", ".join(t.lits(iri, SKOS + "notation")))]),
            self.fact("Part of", self.lns(t.iris(iri, ORG + "subOrganizationOf"))),
            self.fact("Located in", self.lns(t.iris(iri, K + "location"))),
            self.fact("Valid from", [text(t.one(iri, SCHEMA + "validFrom"))]),
            self.fact("Valid until", [text(t.one(iri, SCHEMA + "validUntil"))]),
            self.fact("Replaced by", self.lns(t.iris(iri, DCTERMS + "isReplacedBy"))),
            self.fact("Replaces", self.lns(t.subjects(DCTERMS + "isReplacedBy", iri))),
        ]
        subs = [s for s in t.subjects(ORG + "subOrganizationOf", iri) if s in self.d.pages]
        p.sections.append(Section("Bodies under it", ["Body", "Type"],
                                  [Row(cells=[[self.ln(s)], [text(self.concept(t.one(s, K + "orgType")))]],
                                       note="" if s in t.reference else "named in the articles")
                                   for s in sorted(subs, key=lambda s: fold(self.d.label(s)))],
                                  intro=f"From the {REFERENCE_NOTE}, unless marked; only the bodies with a page."))
        rows = []
        for h in sorted(t.subjects(ORG + "organization", iri), key=self.holding_sort):
            span, inferred_date = self.dates_of_holding(h)
            rows.append(Row(cells=[self.lns(t.iris(h, ORG + "member")), [text(self.holding_post(h))],
                                   when(span, inferred_date),
                                   [text(self.concept(t.one(h, K + "holdingStatus")))]],
                            sources=self.d.sources(h), inferred=t.flag(h, K + "inferred")))
        p.sections.append(Section("People holding posts", ["Person", "Post", "When", "Status"], rows))
        p.sections.append(Section("Meetings and events it organised", ["Date", "Event", "Type", "Place"],
                                  sorted((self.event_row(e) for e in t.subjects(SCHEMA + "organizer", iri)),
                                         key=lambda r: r.sort)))
        self._acts_by(p, t.subjects(ELI + "passed_by", iri), "Directives it issued")
        p.sections.append(Section("Figures about it", ["As written", "Value", "What", "Period", "About"],
                                  self.statistic_rows(t.subjects(K + "about", iri))))

    def _acts_by(self, p: Page, acts: list[str], title: str) -> None:
        t = self.t
        rows = [Row(cells=[[self.ln(a)], [text(self.concept(t.one(a, ELI + "type_document")))],
                           [text(t.one(a, ELI + "date_document"))]],
                    sources=self.d.sources(a), sort=(fold(self.d.label(a)), a)) for a in acts]
        p.sections.append(Section(title, ["Directive", "Type", "Date"], sorted(rows, key=lambda r: r.sort)))

    def _area(self, p: Page) -> None:
        t, iri = self.t, p.iri
        p.about_note = ("From the " + REFERENCE_NOTE + ".") if iri in t.reference else "Named in the articles below."
        p.about = [
            self.fact("Level", [text(self.concept(t.one(iri, K + "areaLevel")))]),
            self.fact("ISO 3166-2", [text(t.one(iri, K + "isoCode"))]),
            self.fact("Part of", self.lns(t.iris(iri, K + "parentArea"))),
            self.fact("Valid from", [text(t.one(iri, SCHEMA + "validFrom"))]),
            self.fact("Valid until", [text(t.one(iri, SCHEMA + "validUntil"))]),
            self.fact("Replaced by", self.lns(t.iris(iri, DCTERMS + "isReplacedBy"))),
            self.fact("Replaces", self.lns(t.subjects(DCTERMS + "isReplacedBy", iri))),
        ]
        bodies = [b for b in t.subjects(K + "location", iri) if b in self.d.pages and kind_of(b) == "org"]
        p.sections.append(Section("Bodies here", ["Body", "Type"],
                                  [Row(cells=[[self.ln(b)], [text(self.concept(t.one(b, K + "orgType")))]],
                                       note="" if b in t.reference else "named in the articles")
                                   for b in sorted(bodies, key=lambda b: fold(self.d.label(b)))],
                                  intro=f"From the {REFERENCE_NOTE}, unless marked; only the bodies with a page."))
        events = set(t.subjects(SCHEMA + "location", iri)) | set(t.subjects(K + "connectionPoint", iri))
        p.sections.append(Section("Meetings and events here", ["Date", "Event", "Type", "Place"],
                                  sorted((self.event_row(e) for e in events), key=lambda r: r.sort)))
        p.sections.append(Section("Figures about it", ["As written", "Value", "What", "Period", "About"],
                                  self.statistic_rows(t.subjects(K + "about", iri))))

    def _act(self, p: Page) -> None:
        t, iri = self.t, p.iri
        every = self.d.sources(iri)

        def src(*props: str) -> list[Source]:
            """The sentences from the articles that state these properties of the directive."""
            graphs: set[str] = set()
            for p in props:
                graphs |= t.graphs_stating(iri, p)
            return [s for s in every if document_graph(s.doc) in graphs]

        titles = [text(f"{v[1]} ({v[2]})" if v[2] in ("en", "vi", "id") else v[1])
                  for v in t.values(iri, ELI + "title") if v[0] == "lit"]
        period = "–".join(x for x in (t.one(iri, K + "periodStart"), t.one(iri, K + "periodEnd")) if x)
        p.about_note = "As the articles state it (sources below each line)."
        p.about = [
            self.fact("Number", [text(", ".join(t.lits(iri, ELI + "id_local")))], src(ELI + "id_local")),
            self.fact("Type", [text(self.concept(t.one(iri, ELI + "type_document")))], src(ELI + "type_document")),
            self.fact("Title", titles, src(ELI + "title")),
            self.fact("Issued by", self.lns(t.iris(iri, ELI + "passed_by")), src(ELI + "passed_by")),
            self.fact("Date", [text(t.one(iri, ELI + "date_document"))], src(ELI + "date_document")),
            self.fact("Period", [text(period)], src(K + "periodStart", K + "periodEnd")),
            self.fact("Amends", self.lns(t.iris(iri, ELI + "amends")), src(ELI + "amends")),
            self.fact("Implements", self.lns(t.iris(iri, K + "implements")), src(K + "implements")),
        ]
        p.sections.append(Section("Meetings that discussed it", ["Date", "Event", "Type", "Place"],
                                  sorted((self.event_row(e) for e in t.subjects(SCHEMA + "about", iri)),
                                         key=lambda r: r.sort)))

    def _event(self, p: Page) -> None:
        t, iri = self.t, p.iri
        src = self.d.sources(iri)
        date = self.event_date(iri)
        capacity = t.one(iri, K + "chairCapacity")
        chair = self.lns(t.iris(iri, K + "chair"))
        if chair and capacity:
            chair.append(text(" — as " + self.holding_post(capacity)))
        p.about_note = "As the article states it." + (
            " Some of it is inferred (marked)." if t.flag(iri, K + "inferred") else "")
        p.about = [
            self.fact("Type", [text(self.concept(t.one(iri, K + "eventType")))], src),
            self.fact("Date", when(date, t.flag(iri, K + "dateInferred")), src),
            self.fact("Ordinal", [text(t.one(iri, K + "ordinal"))], src),
            self.fact("Description", [text(v) for v in t.lits(iri, SCHEMA + "description")], src),
            self.fact("Organiser", self.lns(t.iris(iri, SCHEMA + "organizer")), src),
            self.fact("Chair", chair, src),
            self.fact("Place", self.lns(t.iris(iri, SCHEMA + "location")), src),
            self.fact("Connected from", self.lns(t.iris(iri, K + "connectionPoint")), src),
            self.fact("Topics", [text(", ".join(t.lits(iri, K + "topic")))], src),
        ]
        chairs = set(t.iris(iri, K + "chair"))
        rows = []
        for person in t.iris(iri, SCHEMA + "attendee"):
            rows.append(Row(cells=[[self.ln(person)], [text("chair" if person in chairs else "attendee")]],
                            sources=src, sort=(person not in chairs, fold(self.d.label(person)))))
        p.sections.append(Section("Who took part", ["Person", "Role"], sorted(rows, key=lambda r: r.sort)))
        self._acts_by(p, t.iris(iri, SCHEMA + "about"), "Directives discussed")

    def _doc(self, p: Page) -> None:
        t, iri = self.t, p.iri
        p.about = [
            self.fact("File", [text(t.one(iri, K + "fileName"))]),
            self.fact("Title", [text(t.one(iri, DCTERMS + "title"))]),
            self.fact("Language", [text(t.one(iri, DCTERMS + "language"))]),
            self.fact("Published", [text(t.one(iri, SCHEMA + "datePublished"))]),
            self.fact("Machine translation", [text("yes, from " + (t.one(iri, K + "translatedFrom") or "?"))
                                              if t.flag(iri, K + "isMachineTranslation") else text("")]),
            self.fact("Original URL", [{"text": t.one(iri, SCHEMA + "url"), "href": t.one(iri, SCHEMA + "url"),
                                        "external": True}]),
            self.fact("SHA-256", [text(t.one(iri, K + "sha256"))]),
        ]


def document_graph(doc: str) -> str:
    """The named graph of a document node (`id/doc/KEY` -> `graph/doc/KEY`, as kg.ids mints them)."""
    return str(GRAPH) + "doc/" + doc.rsplit("/", 1)[1]


def _share(rows: list) -> list[Source]:
    """If every row cites the same sentences, take them off the rows and return them (shown once)."""
    keys = {tuple(s.key() for s in r.sources) for r in rows}
    if len(keys) != 1 or not rows or not rows[0].sources:
        return []
    shared = rows[0].sources
    for r in rows:
        r.sources = []
    return shared


def doc_text_segments(data: Data, doc: str) -> tuple[list[dict], dict[str, list[dict]]]:
    """The document text cut at every span boundary, each piece knowing the spans that cover it.

    Returns the pieces and, per kind of fact, what was learnt from the document (for the side panel).
    """
    t = data.t
    body = data.doc_text(doc)
    spans = [s for s in t.subjects(OA + "hasSource", doc)]
    facts_at: dict[str, list[str]] = defaultdict(list)  # span -> fact nodes
    mention_at: dict[str, list[str]] = defaultdict(list)  # span -> entities
    for sp in spans:
        facts_at[sp] = t.subjects(PROV + "wasDerivedFrom", sp)
        mention_at[sp] = t.subjects(K + "mentionedIn", sp)
    info = {}
    for sp in spans:
        src = data.span(sp)
        if src is not None and 0 <= src.start < src.end <= len(body):
            info[sp] = src
    cuts = sorted({0, len(body)} | {s.start for s in info.values()} | {s.end for s in info.values()})
    pieces = []
    anchors_done: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [sp for sp, s in info.items() if s.start <= a and b <= s.end]
        mention = sorted((sp for sp in covering if mention_at[sp]),
                         key=lambda sp: (info[sp].end - info[sp].start, sp))
        fact = [sp for sp in covering if facts_at[sp]]
        anchors = sorted(info[sp].anchor for sp, s in info.items() if s.start == a and s.anchor not in anchors_done)
        anchors_done.update(anchors)
        href, kind, title = "", "", ""
        if mention:
            ents = sorted(mention_at[mention[0]], key=lambda e: (e not in data.pages, e))
            href = data.pages.get(ents[0], "")
            kind = kind_of(ents[0])
            title = "; ".join(data.label(e) for e in ents)
        pieces.append({"a": a, "b": b, "text": body[a:b], "anchors": sorted(set(anchors)), "href": href,
                       "kind": kind, "title": title, "mention": bool(mention), "fact": bool(fact)})
    # what the graph learnt from the document, grouped
    learnt: dict[str, list[dict]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for sp in sorted(info, key=lambda sp: (info[sp].start, info[sp].end, sp)):
        for node in facts_at[sp]:
            types = t.iris(node, RDF_TYPE)
            label, target = data.label(node), node
            if ORG + "Membership" in types:
                group = "Posts"
                member = t.one(node, ORG + "member")
                label = f"{data.label(member)} — {Builder(data).holding_post(node)}"
                target = member
            elif SCHEMA + "Event" in types:
                group = "Meetings and events"
            elif K + "Statistic" in types:
                group = "Figures"
                label = f"{t.one(node, K + 'valueAsWritten')} — {t.one(node, K + 'measures')}"
            elif ELI + "LegalResource" in types:
                group = "Directives"
            else:
                group = "Other facts"
            if (group, node) in seen:
                continue
            seen.add((group, node))
            learnt[group].append({"label": label, "href": data.pages.get(target, ""), "anchor": info[sp].anchor,
                                  "inferred": t.flag(node, K + "inferred")})
        for ent in mention_at[sp]:
            group = {"person": "People", "org": "Bodies", "area": "Places"}.get(kind_of(ent), "Other mentions")
            if (group, ent) in seen:
                continue
            seen.add((group, ent))
            learnt[group].append({"label": data.label(ent), "href": data.pages.get(ent, ""),
                                  "anchor": info[sp].anchor, "inferred": False})
    order = ["People", "Posts", "Meetings and events", "Directives", "Bodies", "Places", "Figures", "Other facts",
             "Other mentions"]
    return pieces, {g: learnt[g] for g in order if learnt.get(g)}


def search_entries(data: Data) -> list[list[str]]:
    """[label, other name, kind, page, folded text to match] for every page, sorted."""
    t = data.t
    out = []
    for iri, path in data.pages.items():
        names = {data.label(iri), data.other_name(iri)}
        for p in (SKOS + "prefLabel", SKOS + "altLabel", FOAF_NAME, SKOS + "notation", ELI + "id_local",
                  ELI + "title", K + "fileName", DCTERMS + "title"):
            names.update(t.lits(iri, p))
        if kind_of(iri) == "event":
            names.add(t.one(iri, SCHEMA + "startDate"))
        hay = " | ".join(sorted(fold(n) for n in names if n))
        out.append([data.label(iri), data.other_name(iri), kind_of(iri), path, hay])
    return sorted(out, key=lambda e: (fold(e[0]), e[3]))


def network(data: Data) -> dict:
    """Persons, bodies and meetings, and who holds a post in / attended / organised what."""
    t = data.t
    edges: set[tuple[str, str, str]] = set()
    for h in t.of_type(ORG + "Membership"):
        for person in t.iris(h, ORG + "member"):
            for body in t.iris(h, ORG + "organization"):
                if person in data.pages and body in data.pages:
                    edges.add((person, body, "post"))
    for e in t.of_type(SCHEMA + "Event"):
        if e not in data.pages:
            continue
        for person in t.iris(e, SCHEMA + "attendee") + t.iris(e, K + "chair"):
            if person in data.pages:
                edges.add((person, e, "attended"))
        for body in t.iris(e, SCHEMA + "organizer"):
            if body in data.pages:
                edges.add((e, body, "organised"))
    nodes = sorted({a for a, _, _ in edges} | {b for _, b, _ in edges})
    index = {n: i for i, n in enumerate(nodes)}
    return {
        "nodes": [{"label": data.label(n), "kind": kind_of(n), "href": data.pages[n]} for n in nodes],
        "edges": sorted([index[a], index[b], kind] for a, b, kind in edges),
    }


def listing(data: Data) -> list[dict]:
    """Every page, grouped by kind, for the index."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for iri, path in data.pages.items():
        groups[kind_of(iri)].append({"label": data.label(iri), "other": data.other_name(iri), "href": path})
    return [{"kind": k, "title": KIND_PLURAL[k],
             "items": sorted(groups[k], key=lambda x: (fold(x["label"]), x["href"]))}
            for k in KINDS if groups.get(k)]


