"""`kg site`: the static site on the seed graph and on the 27-article fixture graph.

Structure is checked in Python (links, assets, sources, highlighted spans, determinism, what gets
a page); rendering, search, links and a screenshot in Debian's headless Chromium. The browser
tests skip when chromium is missing, except on CI (CI=true), where they fail.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from kg.cli import run
from kg.ids import fold
from kg.namespaces import sparql_prologue
from kg.resources import seeds_dir
from kg.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEED = seeds_dir() / "articles" / "000_542332e553f9f8df.txt"
CHROMIUM = "/usr/bin/chromium"


# --- building --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("site-seed") / "store"
    assert run(["build", "--store", str(store), "--quiet", str(SEED)]) == 0
    return store


@pytest.fixture(scope="module")
def multi_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("site-multi") / "store"
    assert run(["build", "--store", str(store), "--quiet", str(FIXTURES / "articles"), str(SEED)]) == 0
    return store


@pytest.fixture(scope="module")
def seed_site(seed_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-seed-out") / "site"
    assert run(["site", "-o", str(out), "--store", str(seed_store)]) == 0
    return out


@pytest.fixture(scope="module")
def multi_site(multi_store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-multi-out") / "site"
    assert run(["site", "-o", str(out), "--store", str(multi_store)]) == 0
    return out


def select(store: Path, sparql: str) -> list[dict]:
    result = Store(store, read_only=True).query(sparql_prologue() + sparql)
    names = [v.value for v in result.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in result]


# --- a tiny HTML reader ----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Tags with their attributes, ids, and the text of selected elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.stack: list[tuple[str, dict]] = []
        self.texts: list[tuple[list[tuple[str, dict]], str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag not in ("meta", "link", "input", "br", "img"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.texts.append((list(self.stack), data))

    def text_within(self, pred) -> str:
        """The text inside the first element (and its descendants) matching pred(tag, attrs)."""
        return "".join(d for stack, d in self.texts if any(pred(t, a) for t, a in stack))


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- structure -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed_site", "multi_site"])
def test_every_internal_link_resolves_to_a_file_and_an_anchor(which, request):
    site: Path = request.getfixturevalue(which)
    pages = {p: read(p) for p in html_files(site)}
    checked = 0
    for path, page in pages.items():
        for tag, attrs in page.tags:
            for attr in ("href", "src"):
                url = attrs.get(attr)
                if not url or (tag == "a" and "ext" in attrs.get("class", "")):
                    continue
                parts = urlsplit(url)
                assert not parts.scheme and not parts.netloc, f"{path.name}: {tag} {attr}={url} leaves the folder"
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
                assert target.is_file(), f"{path.relative_to(site)}: {url} does not resolve"
                assert site.resolve() in target.parents, f"{path.name}: {url} points outside the site"
                frag = parts.fragment
                if frag and not frag.startswith(("q=", "focus=")) and target.suffix == ".html":
                    assert frag in pages[target].ids if target in pages else read(target).ids, \
                        f"{path.relative_to(site)}: #{frag} is not an id in {target.name}"
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("which", ["seed_site", "multi_site"])
def test_no_asset_comes_from_the_network(which, request):
    site: Path = request.getfixturevalue(which)
    for path in html_files(site):
        for tag, attrs in read(path).tags:
            if tag in ("script", "img", "link", "iframe", "source", "video", "audio"):
                url = attrs.get("src") or attrs.get("href") or ""
                assert not re.match(r"^(https?:)?//", url), f"{path.name}: {tag} loads {url}"
    for path in sorted(site.rglob("*.css")) + sorted(site.rglob("*.js")):
        body = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", body), f"{path.name} loads a remote url()"
        assert "@import" not in body and "fetch(" not in body and "XMLHttpRequest" not in body, path.name
    # the only http(s) URLs in <a href> are the articles' own addresses, marked external
    for path in html_files(site):
        for tag, attrs in read(path).tags:
            if tag == "a" and attrs.get("href", "").startswith(("http:", "https:")):
                assert "ext" in attrs.get("class", ""), f"{path.name}: unmarked external link {attrs['href']}"


def test_seed_person_page_shows_every_post_with_its_source_sentence(seed_site, seed_store):
    page_path = seed_site / "person" / "nguyen-hoa-binh.html"
    text = page_path.read_text(encoding="utf-8")
    holdings = select(seed_store, """
        SELECT DISTINCT ?h ?start ?end ?quote ?file WHERE {
          ?h org:member person:nguyen-hoa-binh ; prov:wasDerivedFrom ?span .
          ?span oa:start ?start ; oa:end ?end ; oa:exact ?quote ; oa:hasSource/kg:fileName ?file }""")
    assert len(holdings) == 3
    page = Page(text)
    posts = page.text_within(lambda t, a: t == "section" and "table" in a.get("class", ""))
    for h in holdings:
        anchor = f"doc/000-542332e553f9f8df.html#s-{h['start']}-{h['end']}"
        assert f'href="../{anchor}"' in text
        assert html.escape(h["quote"], quote=False) in text or h["quote"] in posts
    # the ninth meeting of the Steering Committee, 2025-01-15, as chair
    assert "Ninth meeting of the Government Steering Committee for Public Administration Reform" in text
    assert "2025-01-15" in text and ">chair<" in text


@pytest.mark.parametrize("which", ["seed", "multi"])
def test_every_fact_row_on_entity_pages_cites_an_article_and_a_quote(which, request):
    site: Path = request.getfixturevalue(f"{which}_site")
    store: Path = request.getfixturevalue(f"{which}_store")
    persons = {r["p"] for r in select(store, "SELECT DISTINCT ?p WHERE { ?p a foaf:Person }")}
    assert persons
    rows = 0
    for kind in ("person", "event", "act"):
        for path in sorted((site / kind).glob("*.html")):
            body = path.read_text(encoding="utf-8")
            cited = r'<div class="src"[^>]*>\s*<a href="\.\./doc/[^"#]+\.html#s-\d+-\d+">[^<]+</a>\s*<blockquote'
            for table in re.findall(r"<section class=\"(?:table|about)\">.*?</section>", body, flags=re.S):
                # one source under the table when every row has the same one, else one per row
                shared = re.search(r'<div class="shared">.*', table, flags=re.S)
                if shared:
                    assert re.search(cited, shared.group(0)), f"{path.name}: shared source without quote"
                    table = table[:shared.start()]
                for row in re.split(r"<tr>", table)[1:]:
                    if "<th>" in row and "<td>" not in row:
                        continue  # the header
                    rows += 1
                    assert shared or re.search(cited, row), f"{path.name}: a row without its source and quote"
    assert rows > (10 if which == "seed" else 200)
    assert len(list((site / "person").glob("*.html"))) == len(persons)


def test_person_posts_table_has_one_row_per_holding(multi_site, multi_store):
    counts = select(multi_store, """
        SELECT ?p (COUNT(DISTINCT ?h) AS ?n) WHERE { ?h a org:Membership ; org:member ?p } GROUP BY ?p""")
    assert len(counts) > 50
    for row in counts:
        key = row["p"].rsplit("/", 1)[1]
        body = (multi_site / "person" / f"{key}.html").read_text(encoding="utf-8")
        section = re.search(r"<h2>Posts <span class=\"count\">(\d+)</span>", body)
        assert section and int(section.group(1)) == int(row["n"]), key


def test_vietnamese_names_keep_their_diacritics(multi_site, multi_store):
    vi = select(multi_store, """
        SELECT DISTINCT ?p ?l WHERE { ?p a foaf:Person ; skos:prefLabel ?l FILTER(lang(?l) = "vi") }""")
    assert len(vi) > 10
    for row in vi:
        key = row["p"].rsplit("/", 1)[1]
        page = read(multi_site / "person" / f"{key}.html")
        assert page.text_within(lambda t, a: t == "h1").strip() == row["l"]


@pytest.mark.parametrize("which", ["seed", "multi"])
def test_article_pages_keep_the_text_and_mark_every_span(which, request):
    site: Path = request.getfixturevalue(f"{which}_site")
    store: Path = request.getfixturevalue(f"{which}_store")
    docs = select(store, "SELECT DISTINCT ?d ?text WHERE { ?d a kg:SourceDocument ; schema:text ?text }")
    assert docs
    for doc in docs:
        key = doc["d"].rsplit("/", 1)[1]
        page = read(site / "doc" / f"{key}.html")
        assert page.text_within(lambda t, a: a.get("id") == "text") == doc["text"], key
        spans = select(store, f"""
            SELECT DISTINCT ?start ?end ?mention WHERE {{
              ?span oa:hasSource <{doc['d']}> ; oa:start ?start ; oa:end ?end .
              BIND(EXISTS {{ ?e kg:mentionedIn ?span }} AS ?mention) }}""")
        assert spans
        for sp in spans:
            assert f"s-{sp['start']}-{sp['end']}" in page.ids, f"{key}: no anchor for span {sp}"
        # every mention is inside a marked element covering exactly its characters
        marked = {(int(a["data-a"]), int(a["data-b"])) for t, a in page.tags
                  if "m" in a.get("class", "").split() and "data-a" in a}
        for sp in spans:
            if sp["mention"] == "true":
                start, end = int(sp["start"]), int(sp["end"])
                covered = sum(b - a for a, b in marked if start <= a and b <= end)
                assert covered == end - start, f"{key}: mention {start}-{end} not highlighted"


def test_only_bodies_and_places_the_documents_reach_get_pages(multi_site, multi_store):
    bodies = select(multi_store, "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b a org:Organization }")[0]["n"]
    assert int(bodies) > 3000
    pages = {p.stem for p in (multi_site / "org").glob("*.html")}
    assert 20 < len(pages) < 300
    reached = {r["b"].rsplit("/", 1)[1] for r in select(multi_store, """
        SELECT DISTINCT ?b WHERE {
          { ?d kg:mentions ?x } UNION { ?f org:organization|schema:organizer|eli:passed_by|kg:about ?x }
          ?x org:subOrganizationOf* ?b . ?b a org:Organization }""")}
    assert pages == reached


def test_search_data_folds_names_and_covers_every_page(multi_site):
    body = (multi_site / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert body.startswith("window.KG_SEARCH = ") and body.endswith(";\n")
    entries = json.loads(body[len("window.KG_SEARCH = "):-2])
    pages = {str(p.relative_to(multi_site)) for p in html_files(multi_site)} - {"index.html", "network.html",
                                                                                 "ontology/index.html"}
    assert {e[3] for e in entries} == pages
    for label, _other, _kind, _href, hay in entries:
        assert fold(label) in hay and hay == fold(hay)
    kinds = {e[2] for e in entries}
    assert {"person", "org", "area", "act", "event", "doc"} <= kinds


def test_network_data_links_people_bodies_and_meetings(multi_site, multi_store):
    body = (multi_site / "assets" / "network-data.js").read_text(encoding="utf-8")
    net = json.loads(body[len("window.KG_NETWORK = "):-2])
    kinds = {n["kind"] for n in net["nodes"]}
    assert kinds == {"person", "org", "event"}
    attended = select(multi_store, """
        SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?p ?e WHERE { ?e schema:attendee|kg:chair ?p } }""")[0]["n"]
    assert sum(1 for e in net["edges"] if e[2] == "attended") == int(attended)
    for a, b, _ in net["edges"]:
        assert 0 <= a < len(net["nodes"]) and 0 <= b < len(net["nodes"])
    assert all((multi_site / n["href"]).is_file() for n in net["nodes"])


def test_the_same_store_gives_a_byte_identical_site(multi_store, multi_site, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    again = tmp_path / "again"
    subprocess.run([str(Path(sys.executable).parent / "kg"), "site", "-o", str(again), "--store", str(multi_store)],
                   check=True, env=env, capture_output=True)
    left = {str(p.relative_to(multi_site)): p.read_bytes() for p in multi_site.rglob("*") if p.is_file()}
    right = {str(p.relative_to(again)): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert left.keys() == right.keys()
    assert [k for k in left if left[k] != right[k]] == []


def test_site_includes_the_ontology_docs_unless_asked_not_to(seed_site, seed_store, tmp_path, kg_cli):
    assert (seed_site / "ontology" / "index.html").is_file()
    assert 'href="ontology/index.html"' in (seed_site / "index.html").read_text(encoding="utf-8")
    code, _, err = kg_cli("site", "-o", tmp_path / "bare", "--store", seed_store, "--no-docs")
    assert code == 0 and "wrote" in err
    assert not (tmp_path / "bare" / "ontology").exists()
    assert "ontology/index.html" not in (tmp_path / "bare" / "index.html").read_text(encoding="utf-8")


def test_site_refuses_a_foreign_folder_and_a_file(seed_store, tmp_path, kg_cli):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    code, _, err = kg_cli("site", "-o", foreign, "--store", seed_store)
    assert code == 2 and "not written by kg" in err
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file.html"
    a_file.write_text("x")
    code, _, err = kg_cli("site", "-o", a_file, "--store", seed_store)
    assert code == 2 and "not a folder" in err
    code, _, err = kg_cli("site", "-o", tmp_path / "no" / "such" / "dir", "--store", seed_store)
    assert code == 2 and "does not exist" in err


def test_a_failure_half_way_keeps_the_previous_site(seed_store, tmp_path, kg_cli, monkeypatch):
    out = tmp_path / "site"
    assert kg_cli("site", "-o", out, "--store", seed_store)[0] == 0
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    import kg.site.pages

    def broken(self, iri):
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(kg.site.pages.Builder, "page", broken)
    with pytest.raises(RuntimeError):
        run(["site", "-o", str(out), "--store", str(seed_store)])
    after = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left behind


def test_missing_store_is_an_input_error(tmp_path, kg_cli):
    code, _, err = kg_cli("site", "-o", tmp_path / "s", "--store", tmp_path / "nostore")
    assert code == 2 and "run `kg build` first" in err
    assert not (tmp_path / "s").exists()


# --- in a browser ----------------------------------------------------------------------------------------------


def chromium() -> str:
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed, and CI needs the browser tests")
        pytest.skip("chromium is not installed")
    return path


def browse(url: str, *extra: str, budget: int = 4000) -> str:
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    try:
        proc = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--hide-scrollbars", f"--virtual-time-budget={budget}", *extra, url],
            capture_output=True, text=True, timeout=120)
        return proc.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def file_url(path: Path, fragment: str = "") -> str:
    return path.resolve().as_uri() + (("#" + fragment) if fragment else "")


def results(dom: str) -> list[tuple[str, str]]:
    """(href, label) of each search result in a dumped DOM."""
    page = Page(dom)
    out = []
    for stack, data in page.texts:
        tags = [a for t, a in stack if t == "a"]
        if tags and any(t == "ol" and a.get("id") == "results" for t, a in stack) \
                and any(t == "span" and a.get("class") == "label" for t, a in stack):
            out.append((tags[-1]["href"], data))
    return out


def test_browser_search_finds_nguyen_hoa_binh_and_the_link_opens_his_page(multi_site):
    dom = browse(file_url(multi_site / "index.html", "q=" + quote("Nguyen Hoa Binh")), "--dump-dom")
    found = results(dom)
    assert ("person/nguyen-hoa-binh.html", "Nguyen Hoa Binh") in found
    assert found[0] == ("person/nguyen-hoa-binh.html", "Nguyen Hoa Binh")
    # the link the browser made resolves, and the page renders his posts
    page = Page(browse(file_url(multi_site / found[0][0]), "--dump-dom"))
    assert page.text_within(lambda t, a: t == "h1") == "Nguyen Hoa Binh"
    assert "Permanent Deputy Prime Minister" in page.text_within(lambda t, a: t == "main")


def test_browser_search_folds_diacritics_both_ways(multi_site, multi_store):
    row = select(multi_store, """
        SELECT ?p ?l WHERE { ?p a foaf:Person ; skos:prefLabel ?l FILTER(lang(?l) = "vi") } ORDER BY ?p LIMIT 1""")[0]
    href = "person/" + row["p"].rsplit("/", 1)[1] + ".html"
    ascii_name = fold(row["l"])
    assert ascii_name != row["l"].lower()
    found = results(browse(file_url(multi_site / "index.html", "q=" + quote(ascii_name)), "--dump-dom"))
    assert (href, row["l"]) in found
    # typed with diacritics, it still finds a person whose name the sources only give in ASCII
    found = results(browse(file_url(multi_site / "index.html") + "?q=" + quote("Nguyễn Hòa Bình"), "--dump-dom"))
    assert ("person/nguyen-hoa-binh.html", "Nguyen Hoa Binh") in found
    found = results(browse(file_url(multi_site / "index.html", "q=zzzz-nothing"), "--dump-dom"))
    assert found == []


def test_browser_article_page_highlights_the_linked_sentence(seed_site, seed_store):
    span = select(seed_store, """
        SELECT ?start ?end WHERE { ?h org:member person:nguyen-hoa-binh ; prov:wasDerivedFrom ?s .
          ?s oa:start ?start ; oa:end ?end } LIMIT 1""")[0]
    dom = browse(file_url(seed_site / "doc" / "000-542332e553f9f8df.html", f"s-{span['start']}-{span['end']}"),
                 "--dump-dom")
    page = Page(dom)
    lit = page.text_within(lambda t, a: "hl" in a.get("class", "").split())
    text = select(seed_store, "SELECT ?t WHERE { ?d a kg:SourceDocument ; schema:text ?t }")[0]["t"]
    assert lit == text[int(span["start"]):int(span["end"])]


def test_browser_network_draws_every_node(multi_site):
    body = (multi_site / "assets" / "network-data.js").read_text(encoding="utf-8")
    net = json.loads(body[len("window.KG_NETWORK = "):-2])
    dom = browse(file_url(multi_site / "network.html"), "--dump-dom", "--window-size=1200,800")
    assert dom.count("<circle") == len(net["nodes"]) > 50
    assert dom.count("<line") == len(net["edges"])
    assert re.search(r"\d+ nodes, \d+ links", dom)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes): width, height and one bytes row per line."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = depth = ctype = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert depth == 8 and ctype in (2, 6)
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line if bpp == 3 else b"".join(bytes(line[i:i + 3]) for i in range(0, stride, 4))))
        prev = line
    return width, height, rows


@pytest.mark.parametrize("page", ["index.html#q=Nguyen%20Hoa%20Binh", "person/nguyen-hoa-binh.html"])
def test_browser_screenshot_is_not_blank(multi_site, tmp_path, page):
    shot = tmp_path / "shot.png"
    url = multi_site.resolve().as_uri() + "/" + page
    browse(url, f"--screenshot={shot}", "--window-size=1000,700")
    assert shot.is_file(), "chromium wrote no screenshot"
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 700)
    colours: set[bytes] = set()
    non_white = 0
    for row in rows[::4]:
        for x in range(0, len(row), 12):
            px = row[x:x + 3]
            colours.add(px)
            non_white += px != b"\xff\xff\xff"
    assert len(colours) > 30, "the screenshot has almost no colours: blank?"
    assert non_white > 0.03 * (height // 4) * (width // 4)


def test_an_empty_store_gives_a_site_with_nothing_to_list(tmp_path):
    from kg.site import build_site

    assert build_site(Store(None), tmp_path / "site") == {}
    index = read(tmp_path / "site" / "index.html")
    assert not [a for t, a in index.tags if t == "details"]  # no kinds to browse
    assert (tmp_path / "site" / "assets" / "search-data.js").read_text(encoding="utf-8") == "window.KG_SEARCH = [];\n"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [".kg-site", "assets", "index.html",
                                                                     "network.html", "ontology"]


def test_without_chromium_browser_tests_skip_but_fail_on_ci(monkeypatch):
    me = sys.modules[__name__]
    monkeypatch.setattr(me.shutil, "which", lambda name: None)
    monkeypatch.setattr(me, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        me.chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        me.chromium()
