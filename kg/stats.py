"""`kg stats`: what the store holds — counts per class, per graph/document and per language."""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import compact, sparql_prologue
from kg.store import Store

Q_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(?g != <https://w3id.org/kg-vn/graph/ontology>)
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

Q_GRAPHS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"""

Q_DOCS = """
SELECT ?g ?file ?lang ?mt WHERE {
  GRAPH ?g { ?d a kg:SourceDocument ; kg:fileName ?file .
    OPTIONAL { ?d dcterms:language ?lang } OPTIONAL { ?d kg:isMachineTranslation ?mt } }
} ORDER BY ?file"""

Q_DOC_CLASSES = """
SELECT ?g ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?g ?class"""

Q_LANGS = """
SELECT ?lang (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o) && lang(?o) != "") BIND(lang(?o) AS ?lang) }
  FILTER(?g != <https://w3id.org/kg-vn/graph/ontology>)
} GROUP BY ?lang ORDER BY ?lang"""


def _table(store: Store, sparql: str) -> list[list]:
    out: list[list] = []
    for sol in store.query(sparql_prologue() + sparql):
        row: list[str | int] = []
        for t in sol:
            if t is None:
                row.append("")
            elif isinstance(t, ox.NamedNode):
                row.append(compact(t.value))
            else:
                row.append(int(t.value) if t.value.isdigit() else t.value)
        out.append(row)
    return out


def _documents(store: Store) -> list[list]:
    per_graph: dict[tuple[str, str], int] = {}
    for g, cls, n in _table(store, Q_DOC_CLASSES):
        per_graph[(g, cls)] = n
    rows = []
    for g, file, lang, mt in _table(store, Q_DOCS):
        counts = [per_graph.get((g, c), 0) for c in
                  ("foaf:Person", "org:Membership", "schema:Event", "eli:LegalResource", "kg:Statistic")]
        rows.append([file, lang, "yes" if mt == "true" else "no", *counts])
    return rows


def stats(store: Store) -> dict[str, list[list]]:
    """Sections of (header row, rows...) ready for a table, JSON or CSV."""
    return {
        "classes": [["class", "entities"], *_table(store, Q_CLASSES)],
        "graphs": [["graph", "triples"], *_table(store, Q_GRAPHS)],
        "documents": [["document", "language", "machine translation", "persons", "holdings", "events",
                       "directives", "statistics"], *_documents(store)],
        "languages": [["label language", "literals"], *_table(store, Q_LANGS)],
    }
