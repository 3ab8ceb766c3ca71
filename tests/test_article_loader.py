"""The article loader: an Extraction becomes the document's graph, with provenance on every fact."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, XSD

from kg import ids
from kg.digest import digest
from kg.errors import InputError
from kg.extract.model import (
    ArticleMeta,
    Directive,
    Event,
    Extraction,
    Organization,
    OrgRef,
    PartialDate,
    Person,
    Place,
    Role,
    Span,
    Statistic,
)
from kg.loaders.article import Document, _Builder, read_document
from kg.loaders.reference import reference_graph
from kg.namespaces import ELI, KG, OA, OPENGOV, SCHEMA
from kg.store import Store

TEXT = ("Pada tanggal 15 Januari, Kamerad Nguyen Van An, anggota Politbiro, memimpin rapat. "
        "Sebanyak 1.178 unit dibentuk.")


def _span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


def _extraction() -> Extraction:
    s1 = _span(TEXT, TEXT.split(". ")[0] + ".")
    s2 = _span(TEXT, "Sebanyak 1.178 unit dibentuk.")
    meta = ArticleMeta(document="t.txt", language="id", source="https://example.org/a", translated_from="vi")
    person = Person(span=s1, key="nguyen van an", name="Nguyen Van An", normalized="Nguyen Van An",
                    mentions=[_span(TEXT, "Nguyen Van An")])
    politburo = OrgRef(name="Politbiro", normalized="Politburo", type="party_organ", ref_id="politburo")
    role = Role(span=s1, person="nguyen van an", title="anggota Politbiro",
                normalized_title="Member of the Politburo", role_id="member-of-the-politburo",
                category="party", organization=politburo)
    unknown = Role(span=s1, person="nguyen van an", title="Kepala Urusan Rahasia",
                   normalized_title="Head of Secret Affairs", role_id=None, confidence=0.4)
    event = Event(span=s1, type="meeting", date=PartialDate(2025, 1, 15, inferred=True),
                  chair="nguyen van an", participants=["nguyen van an"], location="Thanh Hoa", inferred=True)
    stat = Statistic(span=s2, value="1.178 unit", number=1178.0, unit="units", subject="units formed")
    directive = Directive(span=s1, name_or_number="Resolusi No. 18-NQ/TW", local_id="18-NQ/TW",
                          type="resolution", issuer="Politburo")
    place = Place(span=s1, name="Thanh Hoa", normalized="Thanh Hoa", type="province", ref_id="thanh-hoa",
                  mentions=[_span(TEXT, "rapat")])
    org = Organization(span=s1, ref=politburo, mentions=[_span(TEXT, "Politbiro")])
    return Extraction(meta=meta, text=TEXT, persons=[person], roles=[role, unknown], organizations=[org],
                      places=[place], directives=[directive], events=[event], statistics=[stat])


@pytest.fixture
def doc_graph(fixture_reference):
    doc = Document(path=__import__("pathlib").Path("t.txt"), key="t", text=TEXT, sha256="0" * 64)
    return _Builder(doc, _extraction(), fixture_reference).build()


def test_holding_links_person_post_body_and_role(doc_graph):
    person = ids.person("Nguyen Van An")
    holdings = list(doc_graph.subjects(ORG.member, person))
    assert len(holdings) == 2
    known = [h for h in holdings if (h, ORG.role, ids.role("member-of-the-politburo")) in doc_graph]
    assert len(known) == 1
    h = known[0]
    assert (h, ORG.organization, ids.org("politburo")) in doc_graph
    post = doc_graph.value(h, OPENGOV.post)
    assert (post, ORG.postIn, ids.org("politburo")) in doc_graph
    assert (h, KG.attestedOn, Literal("2025-01-15", datatype=XSD.date)) in doc_graph
    assert (h, KG.dateInferred, Literal(True)) in doc_graph  # the meeting's year was not written


def test_every_fact_points_to_a_span_whose_quote_is_at_its_offsets(doc_graph):
    facts = set(doc_graph.subjects(PROV.wasDerivedFrom, None))
    assert len(facts) == 2 + 1 + 1 + 1  # two holdings, event, statistic, directive
    for fact in facts:
        span = doc_graph.value(fact, PROV.wasDerivedFrom)
        start, end = int(doc_graph.value(span, OA.start)), int(doc_graph.value(span, OA.end))
        assert TEXT[start:end] == str(doc_graph.value(span, OA.exact))
        assert doc_graph.value(fact, PROV.wasGeneratedBy) is not None
        assert doc_graph.value(fact, KG.confidence) is not None


def test_unknown_title_keeps_low_confidence_and_its_own_role(doc_graph):
    h = next(h for h in doc_graph.subjects(KG.titleAsWritten, Literal("Kepala Urusan Rahasia", lang="id")))
    assert float(doc_graph.value(h, KG.confidence)) == pytest.approx(0.4)
    role = doc_graph.value(h, ORG.role)
    assert (role, RDF.type, ORG.Role) in doc_graph
    assert doc_graph.value(h, ORG.organization) is None


def test_inferred_event_date_is_marked(doc_graph):
    event = next(doc_graph.subjects(RDF.type, SCHEMA.Event))
    assert (event, KG.dateInferred, Literal(True)) in doc_graph
    assert (event, KG.inferred, Literal(True)) in doc_graph
    assert (event, SCHEMA.location, ids.area("thanh-hoa")) in doc_graph


def test_directive_statistic_document(doc_graph):
    act = ids.act("18-NQ/TW")
    assert (act, ELI.id_local, Literal("18-NQ/TW")) in doc_graph
    assert (act, ELI.type_document, KG.Resolution) in doc_graph
    assert (act, ELI.passed_by, ids.org("politburo")) in doc_graph
    stat = next(doc_graph.subjects(RDF.type, KG.Statistic))
    assert doc_graph.value(stat, SCHEMA.value) == Literal("1178.0", datatype=XSD.decimal)
    doc = ids.document("t")
    assert (doc, KG.isMachineTranslation, Literal(True)) in doc_graph
    assert (doc, SCHEMA.url, Literal("https://example.org/a", datatype=XSD.anyURI)) in doc_graph


def test_no_blank_nodes_and_same_triples_twice(doc_graph, fixture_reference):
    assert not any(isinstance(t, BNode) for triple in doc_graph for t in triple)
    doc = Document(path=__import__("pathlib").Path("t.txt"), key="t", text=TEXT, sha256="0" * 64)
    again = _Builder(doc, _extraction(), fixture_reference).build()
    assert sorted(again) == sorted(doc_graph)


def test_digest_is_read_back_from_the_graph(doc_graph, fixture_reference):
    store = Store(None)
    store.replace_graphs({ids.REFERENCE_GRAPH: reference_graph(fixture_reference),
                          ids.document_graph("t"): doc_graph})
    d = digest(store, "t.txt")
    assert d["language"] == "id" and d["document"] == "t.txt" and d["source"] == "https://example.org/a"
    [p] = d["persons"]
    assert p["normalized"] == "Nguyen Van An" and p["name"] == "Nguyen Van An"
    assert [r["title"] for r in p["party_roles"]] == ["anggota Politbiro"]
    assert p["party_roles"][0]["organization"] == "Politburo"
    assert [r["title"] for r in p["positions"]] == ["Kepala Urusan Rahasia"]
    assert [o["normalized"] for o in d["organizations"]] == ["Politburo"]
    assert d["organizations"][0]["name"] == "Politbiro" and d["organizations"][0]["type"] == "party_organ"
    assert [(pl["normalized"], pl["type"]) for pl in d["places"]] == [("Thanh Hoa", "province")]
    assert d["directives"][0]["normalized_id"] == "18-NQ/TW" and d["directives"][0]["type"] == "resolution"
    [e] = d["events"]
    assert (e["type"], e["date"], e["chair"], e["participants"]) == ("meeting", "2025-01-15", "Nguyen Van An",
                                                                      ["Nguyen Van An"])
    assert [s["number"] for s in d["statistics"]] == [1178]


def test_read_document_normalises_and_rejects_bad_bytes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffDòng một\r\nNguye\u0302\u0303n".encode())
    doc = read_document(f)
    assert doc.text == "Dòng một\nNguyễn" and doc.key == "a"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\nline \xff two\n")
    with pytest.raises(InputError) as exc:
        read_document(bad)
    assert str(exc.value) == f"{bad}:2:6: not UTF-8 text (byte 0xff); save the file as UTF-8"
    html = tmp_path / "page.txt"
    html.write_text("<!DOCTYPE html><html><body>x</body></html>")
    with pytest.raises(InputError, match="HTML page"):
        read_document(html)


def test_person_node(doc_graph):
    person = ids.person("Nguyen Van An")
    assert (person, RDF.type, FOAF.Person) in doc_graph
    assert (person, FOAF.name, Literal("Nguyen Van An")) in doc_graph
    assert isinstance(person, URIRef)


def test_sidecar_metadata_fills_what_the_text_does_not_say(tmp_path, fixture_reference):
    from kg.loaders.article import article_graph

    article = tmp_path / "note.txt"
    article.write_text("Pada tanggal 3 Maret, Kamerad Nguyen Van An memimpin rapat di Hanoi.\n", encoding="utf-8")
    (tmp_path / "note.meta.yaml").write_text(
        "Source: https://example.org/note\nPublished: 2025-03-04\nLanguage: id\n", encoding="utf-8")
    doc = read_document(article)
    assert doc.sidecar == {"source": "https://example.org/note", "published": "2025-03-04", "language": "id"}
    g = article_graph(doc, fixture_reference)
    d = ids.document("note")
    assert (d, SCHEMA.url, Literal("https://example.org/note", datatype=XSD.anyURI)) in g
    assert (d, SCHEMA.datePublished, Literal("2025-03-04", datatype=XSD.date)) in g


def test_sidecar_with_an_unknown_key_names_file_and_line(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("Hanoi.\n", encoding="utf-8")
    meta = tmp_path / "note.meta.yaml"
    meta.write_text("Source: https://example.org/x\nAuthor: someone\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_document(article)
    assert str(exc.value) == (f"{meta}:2: unknown key 'Author'; known keys: "
                              "language, published, source, title, translated-from")


def test_event_location_is_the_unit_the_article_means(fixture_reference):
    """Old Tuyen Quang (before 2025-07-01) and the 2025 unit share a name; the article's place decides."""
    text = "Rapat di Tuyen Quang pada 3 Maret 2024."
    s = _span(text, text)
    place = Place(span=s, name="Tuyen Quang", normalized="Tuyen Quang", type="province", ref_id="tuyen-quang",
                  mentions=[_span(text, "Tuyen Quang")])
    event = Event(span=s, type="meeting", date=PartialDate(2024, 3, 3), location="Tuyen Quang")
    ex = Extraction(meta=ArticleMeta(document="tq.txt", language="id"), text=text, places=[place], events=[event])
    doc = Document(path=__import__("pathlib").Path("tq.txt"), key="tq", text=text, sha256="0" * 64)
    g = _Builder(doc, ex, fixture_reference).build()
    [e] = g.subjects(RDF.type, SCHEMA.Event)
    assert g.value(e, SCHEMA.location) == ids.area("tuyen-quang")


def test_vietnamese_tone_placement_gives_one_label():
    from kg.ids import vietnamese_tones

    assert vietnamese_tones("Nguyễn Hoà Bình") == vietnamese_tones("Nguyễn Hòa Bình") == "Nguyễn Hòa Bình"
    assert vietnamese_tones("Lê Thị Thuý") == "Lê Thị Thủy".replace("ủ", "ú")
    assert vietnamese_tones("Hoàng Quý Khoẻ") == "Hoàng Quý Khỏe"  # closed syllable and qu- keep theirs
