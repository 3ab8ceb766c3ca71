"""`kg docs`: the ontology documentation is generated from ontology/kg.ttl and shapes.ttl and
documents every kg: term and which shapes constrain it."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.namespaces import KG
from kg.resources import ontology_dir
from kg.site.docs import curie

SHAPES_NS = "https://w3id.org/kg-vn/shapes#"
KG_NS = str(KG._NS)


class Articles(HTMLParser):
    """The text of each <article id=...> and every id / href in the page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.assets: list[str] = []
        self.articles: dict[str, str] = {}
        self._current: str | None = None
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("link", "script", "img"):
            self.assets.append(a.get("href") or a.get("src") or "")
        if tag == "article":
            self._current, self._depth = a.get("id"), 1
            self.articles[self._current or ""] = ""
        elif self._current and tag == "a":
            self.articles[self._current] += f" [{a.get('href', '')}]"

    def handle_endtag(self, tag):
        if tag == "article":
            self._current = None

    def handle_data(self, data):
        if self._current:
            self.articles[self._current] += data


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    from kg.cli import run

    out = tmp_path_factory.mktemp("docs") / "ontology-docs"
    assert run(["docs", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def page(docs) -> Articles:
    return Articles((docs / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def local(term) -> str:
    return str(term)[len(KG_NS):]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_every_kg_term_has_its_label_comment_domain_and_range(page, onto):
    terms = sorted({s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)})
    assert len(terms) > 80
    for term in terms:
        article = squash(page.articles.get(local(term), ""))
        assert article, f"kg:{local(term)} is not documented"
        for p in (RDFS.label, RDFS.comment):
            for value in onto.objects(term, p):
                assert squash(str(value)) in article, f"kg:{local(term)}: {p} {value!r} missing"
        for p, name in ((RDFS.domain, "domain"), (RDFS.range, "range"), (RDFS.subClassOf, "subclass of")):
            for value in onto.objects(term, p):
                # kg: values link to their own entry; standard ones are shown by their prefixed name
                shown = f"[#{local(value)}]" if str(value).startswith(KG_NS) else curie(value)
                assert name in article and shown in article, f"kg:{local(term)}: {name} {value} missing"


def test_classes_and_properties_name_the_shapes_that_constrain_them(page, shapes):
    pairs = []
    for shape, cls in shapes.subject_objects(SH.targetClass):
        pairs.append((cls, shape))
    for shape, path in shapes.subject_objects(SH.path):
        pairs.append((path, shape))
    for shape, cls in shapes.subject_objects(SH["class"]):
        pairs.append((cls, shape))
    ours = [(t, s) for t, s in pairs if str(t).startswith(KG_NS) and isinstance(s, URIRef)]
    assert len(ours) > 40
    for term, shape in ours:
        article = page.articles[local(term)]
        assert f"[#shape-{str(shape)[len(SHAPES_NS):]}]" in article, f"kg:{local(term)} does not name {shape}"


def test_every_shape_is_documented_with_its_message(page, shapes):
    named = {s for s in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
             if isinstance(s, URIRef)}
    assert len(named) > 50
    for shape in named:
        article = squash(page.articles.get("shape-" + str(shape)[len(SHAPES_NS):], ""))
        assert article, f"{shape} is not documented"
        for message in shapes.objects(shape, SH.message):
            assert squash(str(message)) in article
    # a sequence path is written out, not shown as a blank node id
    assert any("opengov:post / org:postIn" in a for a in page.articles.values())


def test_links_stay_in_the_page_and_nothing_loads_from_the_network(docs, page):
    assert page.assets == ["style.css"]
    assert (docs / "style.css").is_file()
    for href in page.hrefs:
        assert href.startswith("#"), href
        assert href == "#top" or href[1:] in page.ids, f"{href} goes nowhere"
    body = (docs / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<code>n[0-9a-f]{20,}</code>", body), "a blank node id leaked into the page"


def test_docs_are_byte_identical_from_run_to_run(docs, tmp_path):
    from kg.cli import run

    assert run(["docs", "-o", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / "index.html").read_bytes() == (docs / "index.html").read_bytes()


def test_docs_follow_the_turtle(tmp_path, monkeypatch, kg_cli):
    """Change the ontology and the page changes with it: nothing is hard-coded."""
    home = tmp_path / "home"
    (home / "ontology").mkdir(parents=True)
    shutil.copy(ontology_dir() / "shapes.ttl", home / "ontology" / "shapes.ttl")
    g = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    g.set((KG.chair, RDFS.comment, Literal("The person who chaired it: a changed comment.", lang="en")))
    g.serialize(home / "ontology" / "kg.ttl", format="turtle")
    monkeypatch.setenv("KG_HOME", str(home))
    code, _, err = kg_cli("docs", "-o", tmp_path / "out")
    assert code == 0 and "kg: terms" in err
    page = Articles((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    assert "The person who chaired it: a changed comment." in page.articles["chair"]


def test_bad_turtle_is_an_input_error_naming_file_line_and_column(tmp_path, monkeypatch, kg_cli):
    home = tmp_path / "home"
    (home / "ontology").mkdir(parents=True)
    shutil.copy(ontology_dir() / "shapes.ttl", home / "ontology" / "shapes.ttl")
    bad = home / "ontology" / "kg.ttl"
    bad.write_text('@prefix kg: <https://w3id.org/kg-vn/def#> .\nkg:A a kg:B .\nkg:C kg:d "open .\n')
    monkeypatch.setenv("KG_HOME", str(home))
    out = tmp_path / "out"
    code, _, err = kg_cli("docs", "-o", out)
    assert code == 2
    assert err.startswith(f"Error: {bad}:3:")
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_docs_refuse_a_folder_kg_did_not_write(tmp_path, kg_cli):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "keep.txt").write_text("keep")
    code, _, err = kg_cli("docs", "-o", mine)
    assert code == 2 and "not written by kg" in err
    assert (mine / "keep.txt").read_text() == "keep"
    # a folder kg wrote is replaced
    assert kg_cli("docs", "-o", tmp_path / "d")[0] == 0
    assert kg_cli("docs", "-o", tmp_path / "d")[0] == 0
