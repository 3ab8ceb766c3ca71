"""Articles to RDF: read a text file, run the extractor, write the document's named graph.

Every fact node (holding, event, statistic, directive) carries the provenance block of
`ontology/MODEL.md`: the sentence span it came from, the extraction run, the rule and a
confidence. Entities from the reference data (bodies, areas, roles) are linked, not copied.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

import kg
from kg import ids
from kg.errors import InputError
from kg.extract.model import Extraction, OrgRef, PartialDate, Span
from kg.extract.text import _header, check_header
from kg.loaders.reference import AREA_LEVEL, ORG_TYPE, post_label
from kg.namespaces import ELI, KG, OA, OPENGOV, SCHEMA, bind_prefixes
from kg.reference import Reference, load_reference

EXTRACTOR_VERSION = f"kg {kg.__version__} rules"
# News articles are 1-15 kB. Extraction is linear but not fast (about 6 s per 40,000 characters of
# dense text): a larger file is refused, by its size, before it is read.
MAX_BYTES = 1024 * 1024
MAX_LINE = 100_000

ACT_TYPES = {"resolution": KG.Resolution, "decision": KG.Decision, "directive": KG.Directive,
             "decree": KG.Decree, "law": KG.Law, "programme": KG.Programme, "plan": KG.Plan,
             "conclusion": KG.Conclusion, "notice": KG.Notice, "other": KG.OtherActType}
EVENT_TYPES = {"meeting": KG.Meeting, "conference": KG.Conference, "appointment": KG.Appointment,
               "signing": KG.Signing, "other": KG.OtherEvent}
STATUSES = {"current": KG.Current, "former": KG.Former, "appointed": KG.Appointed,
            "released": KG.Released, "acting": KG.Acting}


@dataclass
class Document:
    path: Path
    key: str  # file name without extension: the document's identity in the store
    text: str  # decoded, NFC-normalised, newlines as \n: every offset indexes this
    sha256: str
    sidecar: dict[str, str] | None = None  # metadata from `<stem>.meta.yaml` beside the file

    @property
    def name(self) -> str:
        return self.path.name


def read_document(path: Path) -> Document:
    """Read an article as UTF-8 (BOM, CRLF and NFD accepted); bad input names file and line."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if size > MAX_BYTES:
        raise InputError(f"file is {size} bytes; articles larger than {MAX_BYTES} bytes are refused", path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", path,
                         line, column) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError("binary data (NUL byte) in a text article", path, line)
    if _looks_like_html(text):
        raise InputError("this is an HTML page, not article text; save the article's text as .txt", path, 1)
    _check_lines(text, path)
    check_header(text, str(path))
    if not text.strip():
        raise InputError("empty article: the file holds no text", path)
    body_start = _header(text)[1]
    if not text[body_start:].strip():
        raise InputError("no article text after the header block", path, text[:body_start].count("\n") + 1)
    sidecar = read_sidecar(path.with_name(path.stem + ".meta.yaml"))
    return Document(path=path, key=path.stem, text=text, sha256=hashlib.sha256(raw).hexdigest(), sidecar=sidecar)


# An HTML tag kg would meet in a saved web page; an article's text has none.
_TAG = re.compile(r"<(?:/?(?:html|head|body|div|span|p|a|br|script|style|meta|link|table|tr|td|ul|ol|li|h[1-6]"
                  r"|article|section|header|footer|nav|img|iframe)\b[^<>]{0,500}>|!--|!doctype\b)", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """A page rather than its text: it opens with a tag, or tags are all over its first 4 kB."""
    head = text[:4096]
    first = head.lstrip()
    if first.startswith("<") and _TAG.match(first):
        return True
    return sum(1 for _ in _TAG.finditer(head)) >= 5


def _check_lines(text: str, path: Path) -> None:
    """Refuse a line longer than MAX_LINE characters: no paragraph of news is; a dump or minified
    data is (and extraction time grows with the length of a sentence's surroundings)."""
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            raise InputError(f"a line of {len(line)} characters; a paragraph of an article has at most {MAX_LINE} "
                             "(is this article text?)", path, number, MAX_LINE + 1)


SIDECAR_KEYS = {"source", "language", "published", "title", "translated-from"}


def read_sidecar(path: Path) -> dict[str, str] | None:
    """`Key: value` metadata for an article whose text has no header (same keys as the header)."""
    if not path.exists():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path,
                         mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    if not isinstance(data, dict):
        raise InputError("expected `Key: value` lines (Source, Language, Published, Title, Translated-From)", path, 1)
    out: dict[str, str] = {}
    for key, value in data.items():
        if str(key).lower() not in SIDECAR_KEYS:
            known = ", ".join(sorted(SIDECAR_KEYS))
            raise InputError(f"unknown key {key!r}; known keys: {known}", path, _key_line(path, str(key)))
        out[str(key).lower()] = str(value)
    return out


def _key_line(path: Path, key: str) -> int | None:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.split(":", 1)[0].strip() == key:
            return n
    return None


def typed_date(d: PartialDate) -> Literal:
    if d.month is None:
        return Literal(f"{d.year:04d}", datatype=XSD.gYear)
    if d.day is None:
        return Literal(f"{d.year:04d}-{d.month:02d}", datatype=XSD.gYearMonth)
    return Literal(d.iso(), datatype=XSD.date)


def _date_literal(value: str) -> Literal:
    """An ISO date string of any precision as a typed literal."""
    parts = value.split("-")
    dtype = {1: XSD.gYear, 2: XSD.gYearMonth}.get(len(parts), XSD.date)
    return Literal(value, datatype=dtype)


class _Builder:
    """Turns one Extraction into the triples of the document's graph."""

    def __init__(self, doc: Document, ex: Extraction, ref: Reference):
        self.doc, self.ex, self.ref = doc, ex, ref
        self.g = Graph()
        bind_prefixes(self.g)
        self.lang = ex.meta.language or None
        self.doc_iri = ids.document(doc.key)
        self.run = ids.mint("run", doc.key, ids.digest(doc.sha256 + EXTRACTOR_VERSION))
        # canonical English names (and English aliases) -> body id: how issuers and parents are named.
        # Acronyms and vi/id names are left out: "UBND" is every province's People's Committee.
        self.body_by_en = {b.en.lower(): b.id for b in ref.bodies.values()}
        for b in ref.bodies.values():
            for name in b.aliases.get("en", []):
                self.body_by_en.setdefault(name.lower(), b.id)
        self.org_label: dict[URIRef, str] = {}
        self.party_holdings: set[URIRef] = set()
        self.place_ids = {p.normalized.lower(): p.ref_id for p in ex.places if p.ref_id}
        self.area_by_en: dict[str, str] = {}
        for a in sorted(ref.areas.values(), key=lambda a: (a.valid_until or "9999", a.id), reverse=True):
            for name in (a.name_en, a.name_vi, *a.aliases):
                self.area_by_en.setdefault(name.lower(), a.id)

    def lit(self, text: str) -> Literal:
        return Literal(text, lang=self.lang) if self.lang else Literal(text)

    def span(self, s: Span) -> URIRef:
        iri = ids.span(self.doc.key, s.start, s.end)
        g = self.g
        g.add((iri, RDF.type, KG.TextSpan))
        g.add((iri, OA.hasSource, self.doc_iri))
        g.add((iri, OA.exact, Literal(s.quote)))
        g.add((iri, OA.start, Literal(s.start, datatype=XSD.nonNegativeInteger)))
        g.add((iri, OA.end, Literal(s.end, datatype=XSD.nonNegativeInteger)))
        return iri

    def provenance(self, node: URIRef, fact) -> None:
        g = self.g
        g.add((node, PROV.wasDerivedFrom, self.span(fact.span)))
        g.add((node, PROV.wasGeneratedBy, self.run))
        g.add((node, KG.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal)))
        g.add((node, KG.method, Literal(fact.method)))
        if fact.inferred:
            g.add((node, KG.inferred, Literal(True)))

    def mention(self, entity: URIRef, spans: list[Span]) -> None:
        self.g.add((self.doc_iri, KG.mentions, entity))
        for s in spans:
            self.g.add((entity, KG.mentionedIn, self.span(s)))

    # --- entities ----------------------------------------------------------------------------

    def document(self) -> None:
        g, m, d = self.g, self.ex.meta, self.doc_iri
        g.add((d, RDF.type, KG.SourceDocument))
        g.add((d, KG.fileName, Literal(self.doc.name)))
        g.add((d, KG.sha256, Literal(self.doc.sha256)))
        g.add((d, SCHEMA.text, Literal(self.doc.text)))
        if m.language:
            g.add((d, DCTERMS.language, Literal(m.language)))
        if m.source:
            g.add((d, SCHEMA.url, Literal(m.source, datatype=XSD.anyURI)))
        if m.published:
            g.add((d, SCHEMA.datePublished, typed_date(m.published)))
        if m.title:
            g.add((d, DCTERMS.title, self.lit(m.title)))
        g.add((d, KG.isMachineTranslation, Literal(bool(m.translated_from))))
        if m.translated_from:
            g.add((d, KG.translatedFrom, Literal(m.translated_from)))
        g.add((self.run, RDF.type, PROV.Activity))
        g.add((self.run, PROV.used, d))
        g.add((self.run, KG.extractorVersion, Literal(EXTRACTOR_VERSION)))

    def org(self, ref: OrgRef, spans: list[Span] | None = None) -> URIRef:
        key = ref.ref_id or self.body_by_en.get(ref.normalized.lower())
        if key and key in self.ref.bodies:
            iri = ids.org(key)
            self.org_label[iri] = self.ref.bodies[key].en
        else:
            iri = ids.org(ref.normalized or ref.name)
            self.org_label[iri] = ref.normalized or ref.name
            g = self.g
            g.add((iri, RDF.type, ORG.Organization))
            g.add((iri, SKOS.prefLabel, Literal(ref.normalized or ref.name, lang="en")))
            if ref.name and ref.name != ref.normalized:
                g.add((iri, SKOS.altLabel, self.lit(ref.name)))
            if ref.native:
                g.add((iri, SKOS.prefLabel, Literal(ref.native, lang="vi")))
            if ref.acronym:
                g.add((iri, SKOS.notation, Literal(ref.acronym)))
            g.add((iri, KG.orgType, ORG_TYPE.get(ref.type, KG.OtherOrganization)))
            parent = self.body_by_en.get((ref.parent or "").lower())
            if parent:
                g.add((iri, ORG.subOrganizationOf, ids.org(parent)))
            area = self.area(ref.location)
            if area is not None:
                g.add((iri, KG.location, area))
        if spans is not None:
            self.mention(iri, spans)
        return iri

    def area(self, name: str | None) -> URIRef | None:
        """An area named in English: the unit the article's own place mentions resolved to (old or
        2025 unit by the article's date), else the newest unit of that name."""
        wanted = (name or "").lower()
        key = self.place_ids.get(wanted) or self.area_by_en.get(wanted)
        return ids.area(key) if key else None

    def persons(self) -> dict[str, URIRef]:
        out: dict[str, URIRef] = {}
        g = self.g
        for p in self.ex.persons:
            iri = ids.person(p.normalized or p.key)
            out[p.key] = iri
            g.add((iri, RDF.type, FOAF.Person))
            g.add((iri, FOAF.name, Literal(p.normalized)))
            g.add((iri, SKOS.prefLabel, Literal(p.normalized, lang="en")))
            if p.native and p.native != p.normalized:
                # one tone-mark placement, so two articles writing "Hoà"/"Hòa" give one @vi prefLabel
                g.add((iri, SKOS.prefLabel, Literal(ids.vietnamese_tones(p.native), lang="vi")))
            if p.name and p.name not in (p.normalized, p.native):
                g.add((iri, SKOS.altLabel, self.lit(p.name)))
            self.mention(iri, p.mentions or [p.span])
        return out

    def holdings(self, persons: dict[str, URIRef], dates: dict[str, PartialDate]) -> dict[str, list[URIRef]]:
        """One org:Membership per role; returns person key -> their holdings, in text order."""
        g = self.g
        held: dict[str, list[URIRef]] = {}
        for r in self.ex.roles:
            person = persons.get(r.person)
            if person is None:
                continue
            if r.role_id and r.role_id in self.ref.titles:
                role_key = r.role_id
                role = ids.role(role_key)
            else:
                role_key = ids.slug(r.normalized_title or r.title)
                role = ids.role(role_key)
                g.add((role, RDF.type, ORG.Role))
                g.add((role, RDF.type, SKOS.Concept))
                g.add((role, SKOS.inScheme, KG.RoleScheme))
                g.add((role, SKOS.prefLabel, Literal(r.normalized_title or r.title, lang="en")))
                g.add((role, KG.roleCategory, KG.PartyRole if r.category == "party" else KG.StateRole))
            org = self.org(r.organization) if r.organization else None
            org_key = str(org).rsplit("/", 1)[-1] if org else "unknown"
            holding = ids.mint("holding", r.person, role_key, org_key, self.doc.key)
            held.setdefault(r.person, []).append(holding)
            if r.category == "party":
                self.party_holdings.add(holding)
            g.add((holding, RDF.type, ORG.Membership))
            g.add((holding, ORG.member, person))
            g.add((holding, ORG.role, role))
            g.add((holding, KG.titleAsWritten, self.lit(r.title)))
            if r.normalized_title:
                g.add((holding, SKOS.prefLabel, Literal(r.normalized_title, lang="en")))
            if org is not None:
                post = ids.post(role_key, org_key)
                g.add((holding, ORG.organization, org))
                g.add((holding, OPENGOV.post, post))
                g.add((post, RDF.type, ORG.Post))
                g.add((post, ORG.postIn, org))
                g.add((post, ORG.role, role))
                # the same label the reference loader gives the post, so a post never has two
                role_en = self.ref.titles[role_key].en if role_key in self.ref.titles else (
                    r.normalized_title or r.title)
                g.add((post, SKOS.prefLabel, Literal(post_label(role_en, self.org_label[org]), lang="en")))
            if r.status in STATUSES:
                g.add((holding, KG.holdingStatus, STATUSES[r.status]))
            when = dates.get(r.person)
            if when is not None and r.status in (None, "current", "acting"):
                g.add((holding, KG.attestedOn, typed_date(when)))
                if when.inferred:
                    g.add((holding, KG.dateInferred, Literal(True)))
            self.provenance(holding, r)
        return held

    def capacity(self, holdings: list[URIRef], organizer: URIRef | None) -> URIRef | None:
        """The holding in which someone chaired: a post in the organizing body, else their first state post."""
        g = self.g
        if organizer is not None:
            for h in holdings:
                if (h, ORG.organization, organizer) in g:
                    return h
        for h in holdings:
            if h not in self.party_holdings:
                return h
        return holdings[0] if holdings else None

    def build(self) -> Graph:
        ex, g = self.ex, self.g
        self.document()
        persons = self.persons()
        # the day each person is shown in office: the date of an event they took part in
        seen_on: dict[str, PartialDate] = {}
        for e in ex.events:
            if e.date and e.date.day:
                for key in [e.chair, *e.participants]:
                    if key:
                        seen_on.setdefault(key, e.date)
        holdings = self.holdings(persons, seen_on)
        for o in ex.organizations:
            self.org(o.ref, o.mentions or [o.span])
        for p in ex.places:
            if p.ref_id and p.ref_id in self.ref.areas:
                iri = ids.area(p.ref_id)
            else:
                iri = ids.area(p.normalized or p.name)
                g.add((iri, RDF.type, KG.AdministrativeArea))
                g.add((iri, SKOS.prefLabel, Literal(p.normalized or p.name, lang="en")))
                if p.native:
                    g.add((iri, SKOS.prefLabel, Literal(p.native, lang="vi")))
                g.add((iri, KG.areaLevel, AREA_LEVEL.get(p.type, KG.District)))
                g.add((iri, KG.inferred, Literal(True)))
            self.mention(iri, p.mentions or [p.span])
        acts: dict[str, URIRef] = {}
        for d in ex.directives:
            iri = ids.act(d.local_id or d.normalized or d.name_or_number)
            for k in (d.local_id, d.normalized, d.name_or_number):
                if k:
                    acts[k] = iri
            g.add((iri, RDF.type, ELI.LegalResource))
            if d.local_id:
                g.add((iri, ELI.id_local, Literal(d.local_id)))
            g.add((iri, ELI.type_document, ACT_TYPES.get(d.type, KG.OtherActType)))
            g.add((iri, ELI.title, self.lit(d.name_or_number)))
            g.add((iri, KG.titleAsWritten, self.lit(d.name_or_number)))
            if d.normalized:
                g.add((iri, ELI.title, Literal(d.normalized, lang="en")))
            if d.issuer:
                g.add((iri, ELI.passed_by, self.org(OrgRef(d.issuer, d.issuer, "other"))))
            if d.date:
                g.add((iri, ELI.date_document, typed_date(d.date)))
            if d.period:
                g.add((iri, KG.periodStart, Literal(f"{d.period[0]:04d}", datatype=XSD.gYear)))
                g.add((iri, KG.periodEnd, Literal(f"{d.period[1]:04d}", datatype=XSD.gYear)))
            self.provenance(iri, d)
            g.add((self.doc_iri, KG.mentions, iri))
        for n, e in enumerate(ex.events, 1):
            iri = ids.mint("event", self.doc.key, str(n))
            g.add((iri, RDF.type, SCHEMA.Event))
            g.add((iri, KG.eventType, EVENT_TYPES.get(e.type, KG.OtherEvent)))
            if e.description:
                g.add((iri, SCHEMA.description, self.lit(e.description)))
            if e.date:
                g.add((iri, SCHEMA.startDate, typed_date(e.date)))
                if e.date.inferred:
                    g.add((iri, KG.dateInferred, Literal(True)))
            if e.ordinal is not None:
                g.add((iri, KG.ordinal, Literal(e.ordinal)))
            organizer = self.org(e.organizer) if e.organizer else None
            if organizer is not None:
                g.add((iri, SCHEMA.organizer, organizer))
            if e.chair and e.chair in persons:
                g.add((iri, KG.chair, persons[e.chair]))
                capacity = self.capacity(holdings.get(e.chair, []), organizer)
                if capacity is not None:
                    g.add((iri, KG.chairCapacity, capacity))
            for key in dict.fromkeys([*([e.chair] if e.chair else []), *e.participants]):
                if key in persons:
                    g.add((iri, SCHEMA.attendee, persons[key]))
            loc = self.area(e.location)
            if loc:
                g.add((iri, SCHEMA.location, loc))
            for cp in e.connection_points:
                cp_iri = self.area(cp)
                if cp_iri:
                    g.add((iri, KG.connectionPoint, cp_iri))
            for act_key in e.directives:
                if act_key in acts:
                    g.add((iri, SCHEMA.about, acts[act_key]))
            for t in e.topics:
                g.add((iri, KG.topic, self.lit(t)))
            self.provenance(iri, e)
        for n, s in enumerate(ex.statistics, 1):
            iri = ids.mint("stat", self.doc.key, str(n))
            g.add((iri, RDF.type, KG.Statistic))
            g.add((iri, SCHEMA.value, Literal(_decimal(s.number), datatype=XSD.decimal)))
            g.add((iri, KG.valueAsWritten, self.lit(s.value)))
            if s.unit:
                g.add((iri, SCHEMA.unitText, Literal(s.unit)))
            if s.subject:
                g.add((iri, KG.measures, Literal(s.subject)))
            if s.period:
                g.add((iri, KG.period, Literal(s.period)))
            self.provenance(iri, s)
        return g


def _decimal(x: float) -> str:
    text = f"{x:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def extract(doc: Document, ref: Reference):
    from kg.extract import extract_article

    return extract_article(doc.text, doc.name, ref, doc.sidecar)


def article_graph(doc: Document, ref: Reference | None = None) -> Graph:
    """The named-graph content for one document: the document node and everything extracted."""
    ref = ref or load_reference()
    return _Builder(doc, extract(doc, ref), ref).build()
