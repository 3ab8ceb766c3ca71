"""The article digest (`../shared/gold/FORMAT.md`), computed by querying the graph.

Nothing here looks at the extractor's objects: each category is one SPARQL query over the
document's named graph (labels may come from the reference graph), so the digest shows what a
user of the graph actually gets.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

from kg import ids
from kg.errors import KgError
from kg.namespaces import sparql_prologue
from kg.store import Store

ORG_TYPE_NAMES = {
    "Government": "government", "Ministry": "ministry", "MinisterialAgency": "agency",
    "GovernmentAgency": "agency", "SteeringCommittee": "steering_committee", "WorkingGroup": "committee",
    "PeoplesCommittee": "peoples_committee", "PeoplesCouncil": "committee", "PartyOrgan": "party_organ",
    "PartyCommittee": "party_committee", "NationalAssembly": "national_assembly",
    "CourtProcuracy": "agency", "Front": "other", "Enterprise": "enterprise", "OtherOrganization": "other",
}

Q_DOC = """
SELECT ?file ?lang ?url ?published WHERE {
  GRAPH ?g { ?d a kg:SourceDocument ; kg:fileName ?file .
    OPTIONAL { ?d dcterms:language ?lang } OPTIONAL { ?d schema:url ?url }
    OPTIONAL { ?d schema:datePublished ?published } }
}"""

Q_PERSONS = """
SELECT ?p ?name ?vi ?quote ?start WHERE {
  GRAPH ?g { ?p a foaf:Person ; foaf:name ?name ; kg:mentionedIn ?s .
    ?s oa:exact ?quote ; oa:start ?start .
    OPTIONAL { ?p skos:prefLabel ?vi FILTER(lang(?vi) = "vi") } }
}"""

Q_ROLES = """
SELECT ?p ?title ?norm ?cat ?org ?start WHERE {
  GRAPH ?g { ?h a org:Membership ; org:member ?p ; org:role ?role ; kg:titleAsWritten ?title ;
                prov:wasDerivedFrom ?s . ?s oa:start ?start . }
  ?role kg:roleCategory ?cat .
  OPTIONAL { GRAPH ?g { ?h skos:prefLabel ?norm } }
  OPTIONAL { GRAPH ?g { ?h org:organization ?o } ?o skos:prefLabel ?org FILTER(lang(?org) = "en") }
}"""

Q_ORGS = """
SELECT ?o ?quote ?start ?en ?vi ?type ?parent ?loc WHERE {
  GRAPH ?g { ?d kg:mentions ?o . ?o kg:mentionedIn ?s . ?s oa:exact ?quote ; oa:start ?start . }
  ?o a org:Organization ; skos:prefLabel ?en FILTER(lang(?en) = "en")
  OPTIONAL { ?o skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?o kg:orgType ?type }
  OPTIONAL { ?o org:subOrganizationOf ?po . ?po skos:prefLabel ?parent FILTER(lang(?parent) = "en") }
  OPTIONAL { ?o kg:location ?la . ?la skos:prefLabel ?loc FILTER(lang(?loc) = "en") }
}"""

Q_PLACES = """
SELECT ?a ?quote ?start ?en ?vi ?level WHERE {
  GRAPH ?g { ?d kg:mentions ?a . ?a kg:mentionedIn ?s . ?s oa:exact ?quote ; oa:start ?start . }
  ?a a kg:AdministrativeArea ; kg:areaLevel ?level ; skos:prefLabel ?en FILTER(lang(?en) = "en")
  OPTIONAL { ?a skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
}"""

Q_DIRECTIVES = """
SELECT ?act ?title ?en ?local ?type ?issuer ?date ?from ?to ?start WHERE {
  GRAPH ?g { ?act a eli:LegalResource ; eli:type_document ?type ; kg:titleAsWritten ?title ;
                  prov:wasDerivedFrom ?s . ?s oa:start ?start .
    OPTIONAL { ?act eli:title ?en FILTER(lang(?en) = "en") }
    OPTIONAL { ?act eli:id_local ?local }
    OPTIONAL { ?act eli:date_document ?date }
    OPTIONAL { ?act kg:periodStart ?from } OPTIONAL { ?act kg:periodEnd ?to } }
  OPTIONAL { GRAPH ?g { ?act eli:passed_by ?io } ?io skos:prefLabel ?issuer FILTER(lang(?issuer) = "en") }
}"""

Q_EVENTS = """
SELECT ?e ?type ?desc ?date ?chair ?organizer ?location WHERE {
  GRAPH ?g { ?e a schema:Event ; kg:eventType ?type .
    OPTIONAL { ?e schema:description ?desc } OPTIONAL { ?e schema:startDate ?date }
    OPTIONAL { ?e kg:chair ?c . ?c foaf:name ?chair } }
  OPTIONAL { GRAPH ?g { ?e schema:organizer ?o } ?o skos:prefLabel ?organizer FILTER(lang(?organizer) = "en") }
  OPTIONAL { GRAPH ?g { ?e schema:location ?l } ?l skos:prefLabel ?location FILTER(lang(?location) = "en") }
}"""

Q_ATTENDEES = """
SELECT ?e ?name WHERE { GRAPH ?g { ?e a schema:Event ; schema:attendee ?p . ?p foaf:name ?name } }"""

Q_STATS = """
SELECT ?st ?value ?written ?unit ?subject ?period ?start WHERE {
  GRAPH ?g { ?st a kg:Statistic ; schema:value ?value ; kg:valueAsWritten ?written ;
                 prov:wasDerivedFrom ?s . ?s oa:start ?start .
    OPTIONAL { ?st schema:unitText ?unit } OPTIONAL { ?st kg:measures ?subject }
    OPTIONAL { ?st kg:period ?period } }
}"""


def _value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#decimal", "#integer", "#nonNegativeInteger", "#double")):
            return float(term.value) if any(c in term.value for c in ".eE") else int(term.value)
        return term.value
    return term.value


def _rows(store: Store, sparql: str, graph: str) -> list[dict]:
    # graph IRIs are minted by kg.ids (slug characters only), so they can go into the text safely;
    # Oxigraph's substitutions only bind projected variables.
    if not re.fullmatch(r"https://w3id\.org/kg-vn/graph/doc/[a-z0-9-]+", graph):
        raise KgError(f"not a document graph: {graph}")
    result = store.query(sparql_prologue() + sparql.replace("?g ", f"<{graph}> "))
    names = [v.value for v in result.variables]
    return [{n: _value(sol[n]) for n in names} for sol in result]


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _first_by_start(rows: list[dict], key: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: (r["start"], r.get("quote") or "")):
        out.setdefault(r[key], r)
    return out


def digest(store: Store, document: str) -> dict:
    """The digest of one document already in the store (by file name or key)."""
    key = document.rsplit("/", 1)[-1]
    key = key[:-4] if key.endswith(".txt") else key
    graph = str(ids.document_graph(key))
    if graph not in store.graph_names():
        raise KgError(f"no document {document!r} in the store (see `kg stats`)")
    doc = (_rows(store, Q_DOC, graph) or [{}])[0]

    persons_rows = _rows(store, Q_PERSONS, graph)
    first = _first_by_start(persons_rows, "p")
    roles_by_person: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(_rows(store, Q_ROLES, graph), key=lambda r: (r["start"], r["title"])):
        roles_by_person[r["p"]].append(r)
    persons = []
    for p, row in sorted(first.items(), key=lambda kv: kv[1]["start"]):
        positions: list[dict] = []
        party: list[dict] = []
        seen = set()
        for r in roles_by_person.get(p, []):
            item = {"title": r["title"], "normalized_title": r["norm"], "organization": r["org"]}
            ident = (r["title"], r["norm"], r["org"])
            if ident in seen:
                continue
            seen.add(ident)
            (party if _local(r["cat"]) == "PartyRole" else positions).append(item)
        persons.append({"name": row["quote"], "normalized": row["name"], "native": row["vi"],
                        "positions": positions, "party_roles": party})

    orgs = []
    for _o, row in sorted(_first_by_start(_rows(store, Q_ORGS, graph), "o").items(), key=lambda kv: kv[1]["start"]):
        orgs.append({"name": row["quote"], "normalized": row["en"], "native": row["vi"],
                     "type": ORG_TYPE_NAMES.get(_local(row["type"]), "other"),
                     "parent": row["parent"], "location": row["loc"]})

    places = []
    for _a, row in sorted(_first_by_start(_rows(store, Q_PLACES, graph), "a").items(),
                         key=lambda kv: kv[1]["start"]):
        places.append({"name": row["quote"], "normalized": row["en"], "native": row["vi"],
                       "type": _local(row["level"]).lower()})

    directives = []
    for _act, row in sorted(_first_by_start(_rows(store, Q_DIRECTIVES, graph), "act").items(),
                           key=lambda kv: kv[1]["start"]):
        period = f"{row['from']}/{row['to']}" if row["from"] and row["to"] else None
        directives.append({"name_or_number": row["title"], "normalized_id": row["local"],
                           "normalized": row["en"],
                           "type": _local(row["type"]).lower().replace("otheracttype", "other"),
                           "issuer": row["issuer"], "date": row["date"], "period": period})

    attendees: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, Q_ATTENDEES, graph):
        attendees[r["e"]].append(r["name"])
    events = []
    for r in sorted(_rows(store, Q_EVENTS, graph), key=lambda r: r["e"]):
        events.append({"type": _local(r["type"]).lower().replace("otherevent", "other"), "description": r["desc"],
                       "date": r["date"], "chair": r["chair"], "organizer": r["organizer"],
                       "participants": sorted(attendees.get(r["e"], [])), "location": r["location"]})

    statistics = []
    for r in sorted(_rows(store, Q_STATS, graph), key=lambda r: (r["start"], r["st"])):
        statistics.append({"value": r["written"], "number": r["value"], "unit": r["unit"],
                           "subject": r["subject"], "period": r["period"]})

    return {
        "source": doc.get("url"), "document": doc.get("file"), "language": doc.get("lang"),
        "published": doc.get("published"),
        "persons": persons, "organizations": orgs, "places": places, "directives": directives,
        "events": events, "statistics": statistics,
    }
