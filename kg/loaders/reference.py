"""The reference data (areas, bodies, the titles lexicon) as RDF, shaped as `ontology/MODEL.md` says.

`reference_graph()` builds a plain graph; the caller decides which named graph it goes into
(`graph/reference`). Every node gets its IRI from `kg.ids`; there are no blank nodes.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, XSD

from kg import ids
from kg.namespaces import KG, SCHEMA, bind_prefixes
from kg.reference import AREA_LEVELS, ORG_TYPES, Area, Body, Reference, Title, load_reference

AREA_LEVEL = {
    "country": KG.Country, "province": KG.Province, "municipality": KG.Municipality,
    "district": KG.District, "commune": KG.Commune,
}
ORG_TYPE = {
    "government": KG.Government, "ministry": KG.Ministry, "ministerial_agency": KG.MinisterialAgency,
    "government_agency": KG.GovernmentAgency, "steering_committee": KG.SteeringCommittee,
    "working_group": KG.WorkingGroup, "peoples_committee": KG.PeoplesCommittee,
    "peoples_council": KG.PeoplesCouncil, "party_organ": KG.PartyOrgan, "party_committee": KG.PartyCommittee,
    "national_assembly": KG.NationalAssembly, "court_procuracy": KG.CourtProcuracy, "front": KG.Front,
    "enterprise": KG.Enterprise, "other": KG.OtherOrganization,
}
ROLE_CATEGORY = {"state": KG.StateRole, "party": KG.PartyRole}
assert set(AREA_LEVEL) == AREA_LEVELS and set(ORG_TYPE) == ORG_TYPES  # the readers and this table agree

_DATE_TYPE = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_LANG_TAG = re.compile(r"[a-z]{2,3}")
_INDONESIAN_PREFIXES = ("Kota ", "Provinsi ", "Kabupaten ", "Republik ")
_VIETNAMESE_PREFIXES = ("TP.", "TP ", "TPHCM", "Thanh pho ", "Tinh ")


def date_literal(text: str) -> Literal:
    """A checked date string (`kg.reference` accepts YYYY-MM-DD, YYYY-MM, YYYY) with its XSD type."""
    return Literal(text, datatype=_DATE_TYPE[len(text)])


def alias_language(text: str) -> str | None:
    """A best guess at the language of an area alias: Vietnamese if it has diacritics or a Vietnamese
    prefix, Indonesian for "Kota ..."-style forms, otherwise English (ASCII spellings get @en)."""
    if text.startswith(_INDONESIAN_PREFIXES):
        return "id"
    if not text.isascii() or text.startswith(_VIETNAMESE_PREFIXES):
        return "vi"
    return "en"


class _Labels:
    """Adds SKOS labels to one node, keeping prefLabel and altLabel disjoint (SKOS S13)."""

    def __init__(self, graph: Graph, node: URIRef):
        self.graph, self.node = graph, node
        self.pref: set[tuple[str, str]] = set()

    def pref_label(self, text: str | None, lang: str) -> None:
        if text:
            self.pref.add((text, lang))
            self.graph.add((self.node, SKOS.prefLabel, Literal(text, lang=lang)))

    def alt_label(self, text: str, lang: str | None) -> None:
        if text and (text, lang) not in self.pref:
            self.graph.add((self.node, SKOS.altLabel, Literal(text, lang=lang)))


def _validity(g: Graph, node: URIRef, valid_from: str | None, valid_until: str | None) -> None:
    if valid_from:
        g.add((node, SCHEMA.validFrom, date_literal(valid_from)))
    if valid_until:
        g.add((node, SCHEMA.validUntil, date_literal(valid_until)))


def add_area(g: Graph, a: Area) -> URIRef:
    node = ids.area(a.id)
    g.add((node, RDF.type, KG.AdministrativeArea))
    g.add((node, KG.areaLevel, AREA_LEVEL[a.level]))
    labels = _Labels(g, node)
    labels.pref_label(a.name_en, "en")
    labels.pref_label(a.name_vi, "vi")
    for alias in a.aliases:
        labels.alt_label(alias, alias_language(alias))
    if a.iso_code:
        g.add((node, KG.isoCode, Literal(a.iso_code)))
    if a.parent_id:
        g.add((node, KG.parentArea, ids.area(a.parent_id)))
    _validity(g, node, a.valid_from, a.valid_until)
    for successor in a.successor_ids:
        g.add((node, DCTERMS.isReplacedBy, ids.area(successor)))
    return node


def add_body(g: Graph, b: Body) -> URIRef:
    node = ids.org(b.id)
    g.add((node, RDF.type, ORG.Organization))
    g.add((node, KG.orgType, ORG_TYPE[b.type]))
    labels = _Labels(g, node)
    labels.pref_label(b.en, "en")
    labels.pref_label(b.vi, "vi")
    labels.pref_label(b.id_name, "id")
    for lang, names in sorted(b.aliases.items()):
        for name in names:
            labels.alt_label(name, lang if _LANG_TAG.fullmatch(lang) else None)
    for acronym in b.acronyms:
        g.add((node, SKOS.notation, Literal(acronym)))
    if b.parent:
        g.add((node, ORG.subOrganizationOf, ids.org(b.parent)))
    if b.location:
        g.add((node, KG.location, ids.area(b.location)))
    _validity(g, node, b.valid_from, b.valid_until)
    for successor in b.replaced_by:
        g.add((node, DCTERMS.isReplacedBy, ids.org(successor)))
    return node


def add_role(g: Graph, t: Title) -> URIRef:
    node = ids.role(t.id)
    g.add((node, RDF.type, ORG.Role))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, KG.RoleScheme))
    g.add((node, KG.roleCategory, ROLE_CATEGORY[t.category]))
    labels = _Labels(g, node)
    labels.pref_label(t.en, "en")
    for lang in ("vi", "id"):
        labels.pref_label(next(iter(t.forms.get(lang) or []), None), lang)
    for lang, forms in sorted(t.forms.items()):
        for form in forms:
            labels.alt_label(form, lang if _LANG_TAG.fullmatch(lang) else None)
    return node


def post_label(role_en: str, body_en: str) -> str:
    """The post's English name from its role and its body.

    "Vice Chairman of the Provincial People's Committee" in "Thanh Hoa Provincial People's Committee"
    -> "Vice Chairman of the Thanh Hoa Provincial People's Committee"; "Deputy Head of a Steering
    Committee" in "Government Steering Committee for X" -> "Deputy Head of the Government Steering
    Committee for X"; a role that already names its body ("Member of the Politburo") stays as it is;
    any other role gets "of the <body>".
    """
    body = re.sub(r"^the\s+", "", body_en.strip(), flags=re.IGNORECASE)
    m = re.match(r"(.+?) of (the|a|an) (.+)$", role_en)
    if m:
        head, article, tail = m.groups()
        if article != "the" or body.lower().endswith(tail.lower()) or _same_kind(tail, body):
            return f"{head} of the {body}"
        if tail.lower() in body.lower() or body.lower() in tail.lower():
            return role_en
    if body.lower() in role_en.lower():
        return role_en
    if body.startswith("Ministry of "):  # Minister of Justice, not Minister of the Ministry of Justice
        return f"{role_en} of {body.removeprefix('Ministry of ')}"
    return f"{role_en} of the {body}"


_LEVEL_WORDS = {"provincial", "municipal", "city", "the", "of"}


def _same_kind(tail: str, body: str) -> bool:
    """Is `body` an instance of the generic body `tail`? ("Provincial People's Council" ->
    "Can Tho People's Council"; "Standing Board of the Provincial Party Committee" -> "Standing
    Board of the Can Tho Party Committee"): the words of `tail` other than level words appear in
    `body` in order, and both end with the same word."""
    t = [w for w in tail.lower().split() if w not in _LEVEL_WORDS]
    b = body.lower().split()
    if not t or not b or t[-1] != b[-1]:
        return False
    it = iter(b)
    return all(any(w == x for x in it) for w in t)


def add_post(g: Graph, t: Title, b: Body) -> URIRef:
    node = ids.post(t.id, b.id)
    g.add((node, RDF.type, ORG.Post))
    g.add((node, ORG.postIn, ids.org(b.id)))
    g.add((node, ORG.role, ids.role(t.id)))
    g.add((node, SKOS.prefLabel, Literal(post_label(t.en, b.en), lang="en")))
    return node


def reference_graph(ref: Reference) -> Graph:
    """Areas, bodies (templates expanded), roles, and a post for each title tied to one concrete body."""
    g = Graph()
    bind_prefixes(g)
    for area in ref.areas.values():
        add_area(g, area)
    for body in ref.bodies.values():
        add_body(g, body)
    for title in ref.titles.values():
        add_role(g, title)
        if title.body in ref.bodies:
            add_post(g, title, ref.bodies[title.body])
    return g


def load_reference_graph(folder: Path | str | None = None) -> Graph:
    """`reference_graph()` of the reference files in `folder` (default `seeds/reference/`)."""
    return reference_graph(load_reference(Path(folder) if folder is not None else None))
