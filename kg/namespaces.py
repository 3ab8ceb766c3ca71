"""Every IRI prefix the project uses, spelled once.

`KG` is a closed `DefinedNamespace`: a misspelt term raises instead of minting a wrong IRI.
The test suite checks that each term here is declared in `ontology/kg.ttl` and vice versa.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

BASE = "https://w3id.org/kg-vn/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = SDO


class KG(DefinedNamespace):
    """Our own terms: only what no standard vocabulary has."""

    _NS = Namespace(BASE + "def#")
    _fail = True

    # classes
    AdministrativeArea: URIRef
    SourceDocument: URIRef
    TextSpan: URIRef
    Statistic: URIRef
    OrganizationType: URIRef
    AreaLevel: URIRef
    RoleCategory: URIRef
    HoldingStatus: URIRef
    ActType: URIRef
    EventType: URIRef
    # concept schemes
    OrganizationTypeScheme: URIRef
    AreaLevelScheme: URIRef
    RoleScheme: URIRef
    RoleCategoryScheme: URIRef
    HoldingStatusScheme: URIRef
    ActTypeScheme: URIRef
    EventTypeScheme: URIRef
    # organization types
    Government: URIRef
    Ministry: URIRef
    MinisterialAgency: URIRef
    GovernmentAgency: URIRef
    SteeringCommittee: URIRef
    WorkingGroup: URIRef
    PeoplesCommittee: URIRef
    PeoplesCouncil: URIRef
    PartyOrgan: URIRef
    PartyCommittee: URIRef
    NationalAssembly: URIRef
    CourtProcuracy: URIRef
    Front: URIRef
    Enterprise: URIRef
    OtherOrganization: URIRef
    # area levels
    Country: URIRef
    Province: URIRef
    Municipality: URIRef
    District: URIRef
    Commune: URIRef
    # role categories
    StateRole: URIRef
    PartyRole: URIRef
    # holding status
    Current: URIRef
    Former: URIRef
    Appointed: URIRef
    Released: URIRef
    Acting: URIRef
    # act types
    Resolution: URIRef
    Decision: URIRef
    Directive: URIRef
    Decree: URIRef
    Law: URIRef
    Programme: URIRef
    Plan: URIRef
    Conclusion: URIRef
    Notice: URIRef
    OtherActType: URIRef
    # event types
    Meeting: URIRef
    Conference: URIRef
    Appointment: URIRef
    Signing: URIRef
    OtherEvent: URIRef
    # properties
    orgType: URIRef
    location: URIRef
    roleCategory: URIRef
    attestedOn: URIRef
    holdingStatus: URIRef
    titleAsWritten: URIRef
    areaLevel: URIRef
    isoCode: URIRef
    parentArea: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    implements: URIRef
    eventType: URIRef
    dateInferred: URIRef
    chair: URIRef
    chairCapacity: URIRef
    connectionPoint: URIRef
    ordinal: URIRef
    topic: URIRef
    valueAsWritten: URIRef
    measures: URIRef
    period: URIRef
    about: URIRef
    fileName: URIRef
    sha256: URIRef
    isMachineTranslation: URIRef
    translatedFrom: URIRef
    extractorVersion: URIRef
    confidence: URIRef
    method: URIRef
    inferred: URIRef
    mentions: URIRef
    mentionedIn: URIRef


PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": str(ID),
    "org": str(ORG),
    "opengov": str(OPENGOV),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "prov": str(PROV),
    "oa": str(OA),
    "eli": str(ELI),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
# one prefix per kind of data IRI, so exports read `person:nguyen-hoa-binh` rather than `id:person\/...`
# (org IRIs get `body:`, since `org:` is W3C ORG)
ID_KINDS = {"person": "person", "body": "org", "area": "area", "role": "role", "post": "post", "holding": "holding",
            "act": "act", "event": "event", "stat": "stat", "doc": "doc", "span": "span", "run": "run"}
PREFIXES.update({prefix: f"{ID}{kind}/" for prefix, kind in ID_KINDS.items()})


def compact(iri: str) -> str:
    """`https://w3id.org/kg-vn/id/person/x` -> `id:person/x` with our prefixes; else unchanged."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def bind_prefixes(graph) -> None:
    """Bind our prefixes on an rdflib graph, replacing rdflib's defaults."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
