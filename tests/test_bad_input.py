"""The bad-input matrix (issue #6): every kind of bad input, through the real CLI, on a store that
already holds the seed build.

Each refusal row asserts: exit code 2, exactly one `Error: ...` line on stderr that names the file
(and line/column where the input has them), no traceback, and the store byte-for-byte as before
(a hash of its N-Quads export). The rows marked "works" must succeed: an article saved with a BOM,
with CRLF line ends or with decomposed (NFD) Vietnamese gives the same graph as the clean file.

This is the one place that lists every row; the README's hardening section summarises it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import run
from kg.resources import project_root, seeds_dir

ROOT = project_root()
SEED = seeds_dir() / "articles" / "000_542332e553f9f8df.txt"
VI_ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "vi_01_dak_lak_hoi_nghi_tinh_uy.txt"
INJECTION = '"> } ; DROP ALL ; #'


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("matrix") / "store"
    assert run(["build", "--store", str(store), "--quiet"]) == 0
    return store


def store_hash(kg_cli, store: Path) -> str:
    code, out, err = kg_cli("export", "--store", store, "--format", "nquads")
    assert code == 0, err
    assert out.count("\n") > 1000
    return hashlib.sha256(out.encode()).hexdigest()


# ------------------------------------------------------------------------------------------ the rows
# A row's `make(tmp)` writes what it needs under tmp and returns (arguments after `kg`, the expected
# error line). `{store}` in the arguments is the store under test. `home` edits a copy of the project
# folder (ontology/, queries/, seeds/reference/) that KG_HOME then points at.

Make = Callable[[Path], tuple[list[str], str]]


@dataclass
class Row:
    id: str
    make: Make
    home: Callable[[Path], None] | None = None


def article(content: bytes | Callable[[Path], None], name: str = "bad.txt") -> Make:
    """`kg build SEED bad.txt`: the bad article next to a good one."""

    def make(tmp: Path) -> tuple[list[str], str]:
        path = tmp / name
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
        return ["build", "--store", "{store}", str(SEED), str(path)], str(path)

    return make


def with_error(make: Make, pattern: str) -> Make:
    """The row's expected error line: `Error: ` + the pattern, `{file}` being the file it names."""

    def wrapped(tmp: Path) -> tuple[list[str], str]:
        argv, file = make(tmp)
        return argv, "Error: " + pattern.replace("{file}", re.escape(file))

    return wrapped


def gigantic(path: Path) -> None:
    """100 MB of plausible text, written in 1 MB pieces (never held in memory at once)."""
    line = ("Ông Nguyễn Văn An, Bí thư Tỉnh ủy, phát biểu tại hội nghị. " * 20 + "\n").encode()
    piece = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as fh:
        for _ in range(100):
            fh.write(piece[: 1024 * 1024])


ENORMOUS_LINE = "Ông Nguyễn Văn An phát biểu tại hội nghị, " * 3000


def enormous_line(path: Path) -> None:
    path.write_text("Hà Nội\n" + ENORMOUS_LINE + "\n", encoding="utf-8")


def with_sidecar(path: Path) -> None:
    path.write_text("Ông Nguyễn Văn An phát biểu.\n", encoding="utf-8")
    path.with_name(path.stem + ".meta.yaml").write_text("Source: https://example.org/a\nAuthor: me\n",
                                                        encoding="utf-8")


def reference_edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(home: Path) -> None:
        path = home / "seeds" / "reference" / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def append_to(file: str, extra: str, folder: str = "seeds/reference") -> Callable[[Path], None]:
    def edit(home: Path) -> None:
        path = home / folder / file
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")

    return edit


def ontology_edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(home: Path) -> None:
        path = home / "ontology" / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def command(*argv: str, error: str) -> Make:
    def make(tmp: Path) -> tuple[list[str], str]:
        return [a.replace("{tmp}", str(tmp)) for a in argv], "Error: " + error.replace("{tmp}", re.escape(str(tmp)))

    return make


def query_file(text: str, *extra: str, error: str) -> Make:
    def make(tmp: Path) -> tuple[list[str], str]:
        path = tmp / "q.rq"
        path.write_text(text, encoding="utf-8")
        return (["query", "--store", "{store}", str(path), *extra],
                "Error: " + error.replace("{file}", re.escape(str(path))))

    return make


def build_seed() -> list[str]:
    return ["build", "--store", "{store}", str(SEED)]


REF = "{home}/seeds/reference/"
ONT = "{home}/ontology/"
UTF8_HINT = r"not UTF-8 text \(byte 0x[0-9a-f]{2}\); save the file as UTF-8"

ROWS = [
    # --- articles
    Row("article-empty", with_error(article(b""), "{file}: empty article: the file holds no text")),
    Row("article-whitespace-only", with_error(article(b"  \n\t\r\n \xc2\xa0\n"),
                                              "{file}: empty article: the file holds no text")),
    Row("article-binary", with_error(article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), "{file}:1:1: " + UTF8_HINT)),
    Row("article-binary-nul", with_error(article(b"Hanoi\nabc\x00\x01\x02def"),
                                         r"{file}:2: binary data \(NUL byte\) in a text article")),
    Row("article-not-utf8", with_error(article("Hà Noi, ông Tran".encode("cp1252")), "{file}:1:2: " + UTF8_HINT)),
    Row("article-gigantic-100MB", with_error(article(gigantic),
                                             r"{file}: file is 104857600 bytes; articles larger than 1048576 "
                                             r"bytes are refused")),
    Row("article-enormous-line", with_error(article(enormous_line),
                                            rf"{{file}}:2:100001: a line of {len(ENORMOUS_LINE)} characters; a "
                                            r"paragraph of an article has at most 100000 \(is this article text\?\)")),
    Row("article-html-page", with_error(article(b"<!DOCTYPE html>\n<html><body><p>Hanoi</p></body></html>"),
                                        r"{file}:1: this is an HTML page, not article text; save the article's "
                                        r"text as \.txt")),
    Row("article-html-fragment", with_error(article(b"<div class='post'><p>Ong Nguyen Van An</p></div>\n"),
                                            r"{file}:1: this is an HTML page, not article text; save the "
                                            r"article's text as \.txt")),
    Row("article-header-unknown-key",
        with_error(article(b"Source: https://example.org/a\nAuthor: someone\n\nOng Nguyen Van An phat bieu.\n"),
                   r"{file}:2:1: unknown header key 'Author'; known keys: Source, Language, Published, Title, "
                   r"Translated-From")),
    Row("article-header-invalid-date",
        with_error(article(b"Source: https://example.org/a\nPublished: 2025-13-45\n\nOng Nguyen Van An.\n"),
                   r"{file}:2:12: Published '2025-13-45' is not a date \(e\.g\. 2025-01-15, 15 Januari 2025\)")),
    Row("article-header-unknown-language",
        with_error(article(b"Language: klingon\n\nOng Nguyen Van An.\n"),
                   r"{file}:1:11: Language 'klingon' is not a language kg reads \(id, en, vi\)")),
    Row("article-header-without-text",
        with_error(article(b"Source: https://example.org/a\nTitle: x\n\n\n"),
                   r"{file}:4: no article text after the header block")),
    Row("article-sidecar-unknown-key", with_error(
        lambda tmp: (article(with_sidecar)(tmp)[0], str(tmp / "bad.meta.yaml")),
        r"{file}:2: unknown key 'Author'; known keys: language, published, source, title, translated-from")),
    Row("article-missing", with_error(lambda tmp: (build_seed() + [str(tmp / "nope.txt")], str(tmp / "nope.txt")),
                                      "{file}: no such file or folder")),
    # --- reference data (a copy of seeds/reference with one defect, via KG_HOME)
    Row("reference-missing-column",
        command(*build_seed(), error=REF + r"areas\.csv:1: missing column\(s\): iso_code"),
        reference_edit("areas.csv", "name_vi,iso_code,parent_id", "name_vi,parent_id")),
    Row("reference-duplicate-area-id",
        command(*build_seed(), error=REF + r"areas\.csv:89: duplicate id 'an-giang' \(first on line 3\)"),
        append_to("areas.csv", "an-giang,province,An Giang,An Giang,,vietnam,,,,\n")),
    Row("reference-duplicate-body-id",
        command(*build_seed(), error=REF + r"bodies\.yaml:\d+: duplicate id 'communist-party'"),
        append_to("bodies.yaml", "\n- id: communist-party\n  type: party_organ\n  en: Another Party\n")),
    Row("reference-bad-iso-code",
        command(*build_seed(), error=REF + r"areas\.csv:3: bad ISO 3166-2 code 'VN-4X'; expected VN- and two "
                                           r"digits or letters"),
        reference_edit("areas.csv", "VN-44", "VN-4X")),
    Row("reference-body-cycle",
        command(*build_seed(), error=REF + r"bodies\.yaml:\d+: cycle in the body hierarchy: [a-z-]+( -> [a-z-]+)+"),
        reference_edit("bodies.yaml", "  acronyms: [CPV]\n", "  acronyms: [CPV]\n  parent: central-committee\n")),
    Row("reference-broken-parent",
        command(*build_seed(), error=REF + r"bodies\.yaml:\d+: body 'central-committee' refers to unknown body "
                                           r"'no-such-body'"),
        reference_edit("bodies.yaml", "  parent: communist-party\n", "  parent: no-such-body\n")),
    Row("reference-broken-successor",
        command(*build_seed(), error=REF + r"areas\.csv:3: area 'an-giang' refers to unknown area 'atlantis'"),
        reference_edit("areas.csv", ",2025-06-30,an-giang-2025,", ",2025-06-30,atlantis,")),
    Row("reference-not-utf8",
        command(*build_seed(), error=REF + r"titles\.yaml:\d+:\d+: " + UTF8_HINT),
        lambda home: (home / "seeds/reference/titles.yaml").write_bytes(
            (home / "seeds/reference/titles.yaml").read_bytes() + b"\n# caf\xe9\n")),
    # --- ontology and shapes (a copy of ontology/ with one defect, via KG_HOME)
    Row("ontology-turtle-syntax",
        command(*build_seed(), error=ONT + r"kg\.ttl:\d+:\d+: Turtle syntax error: .+"),
        ontology_edit("kg.ttl", "kg:AdministrativeArea\n    a owl:Class ;",
                      "kg:AdministrativeArea\n    a owl:Class ; ]")),
    Row("shapes-turtle-syntax",
        command("validate", "--store", "{store}", error=ONT + r"shapes\.ttl:\d+:\d+: Turtle syntax error: .+"),
        append_to("shapes.ttl", "\nkgsh:Broken a sh:NodeShape ; sh:targetClass .\n", folder="ontology")),
    Row("shapes-undeclared-term",
        command("validate", "--store", "{store}",
                error=ONT + r"shapes\.ttl:\d+:48: kg:Meetng is not declared in kg\.ttl"),
        append_to("shapes.ttl", "\nkgsh:TypoShape a sh:NodeShape ; sh:targetClass kg:Meetng .\n",
                  folder="ontology")),
    # --- queries
    Row("query-syntax-error", query_file('SELECT ?x WHERE {\n  "lit" ?p }\n}\n',
                                             error=r"{file}:2:12: SPARQL syntax error: expected .+")),
    Row("query-unknown-name", command("query", "--store", "{store}", "holdingz",
                                      error=r"no query named 'holdingz' in \S+/queries; close names: holdings")),
    Row("query-missing-parameter", command("query", "--store", "{store}", "body-members",
                                           error=r".*body-members.*\bbody\b.*")),
    Row("query-extra-parameter", command("query", "--store", "{store}", "documents", "-p", "nosuch", "x",
                                         error=r".*documents.*'nosuch'.*")),
    Row("query-name-escapes-folder", command("query", "--store", "{store}", "../README",
                                             error=r"'\.\./README' is not a query name .*")),
    Row("query-name-absolute", command("query", "--store", "{store}", "/etc/passwd",
                                       error=r"'/etc/passwd' is not a query name \(.*")),
    Row("query-update-refused", query_file("DROP ALL\n", error=r"{file}: this is a SPARQL UPDATE, which would change "
                                           r"the store; refused unless updates are allowed \(--allow-update\)")),
    Row("query-service-refused",
        query_file("SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}\n",
                   error=r"{file}:2:3: SERVICE calls a remote endpoint; refused unless services are allowed "
                         r"\(--allow-service\)")),
]


def make_home(tmp: Path, edit: Callable[[Path], None]) -> Path:
    """A project folder for KG_HOME: copies of ontology/ and seeds/reference/, the real queries/."""
    home = tmp / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    shutil.copytree(ROOT / "seeds" / "reference", home / "seeds" / "reference")
    (home / "queries").symlink_to(ROOT / "queries")
    edit(home)
    return home


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_is_refused_and_the_store_kept(row: Row, seed_store, tmp_path, kg_cli, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = store_hash(kg_cli, store)
    argv, expected = row.make(tmp_path)
    if row.home is not None:
        home = make_home(tmp_path, row.home)
        monkeypatch.setenv("KG_HOME", str(home))
        expected = expected.replace("{home}", re.escape(str(home)))
    code, out, err = kg_cli(*[a.replace("{store}", str(store)) for a in argv])
    monkeypatch.delenv("KG_HOME", raising=False)
    assert code == 2, (code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(expected, lines[0]), (lines[0], expected)
    assert "Traceback" not in err
    assert out == ""
    assert store_hash(kg_cli, store) == before


def test_the_matrix_has_every_kind_of_row():
    kinds = {r.id for r in ROWS}
    assert {"article-empty", "article-whitespace-only", "article-binary", "article-not-utf8", "article-gigantic-100MB",
            "article-enormous-line", "article-html-page", "article-header-unknown-key",
            "article-header-invalid-date", "reference-missing-column", "reference-duplicate-area-id",
            "reference-bad-iso-code", "reference-body-cycle", "reference-broken-parent", "ontology-turtle-syntax",
            "shapes-undeclared-term", "query-syntax-error", "query-unknown-name", "query-missing-parameter",
            "query-extra-parameter", "query-name-escapes-folder", "query-update-refused",
            "query-service-refused"} <= kinds


def test_a_gigantic_article_is_refused_without_reading_it(tmp_path, kg_cli):
    """The 100 MB file is refused by its size: the refusal allocates far less than the file."""
    big = tmp_path / "big.txt"
    gigantic(big)
    tracemalloc.start()
    try:
        code, _, err = kg_cli("build", "--store", tmp_path / "s", big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 2 and "larger than" in err
    assert peak < 20 * 1024 * 1024, peak


# ------------------------------------------------------------------------------------------ injection


@pytest.mark.parametrize("allow_update", [False, True], ids=["read-only", "allow-update"])
@pytest.mark.parametrize("query, param", [("body-members", "body"), ("holdings", "person"),
                                          ("statistics", "topic"), ("person-documents", "person")])
def test_injection_through_a_parameter_is_a_harmless_literal(query, param, allow_update, seed_store, tmp_path,
                                                             kg_cli):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = store_hash(kg_cli, store)
    flags = ["--allow-update"] if allow_update else []
    code, out, err = kg_cli("query", "--store", store, query, "-p", param, INJECTION, "--format", "json", *flags)
    assert code == 0, err
    assert out.strip() == "[]"  # bound as a literal, it matches nothing
    assert store_hash(kg_cli, store) == before


# ------------------------------------------------------------------------------------------ what must work


def _doc_graph(kg_cli, store: Path, name: str) -> list[str]:
    """The document's graph as N-Quads, with what differs between byte-different files of the same text
    (the file's checksum, the extraction run named after it, the document key) made neutral."""
    code, out, err = kg_cli("export", "--store", store, "--format", "nquads", "--graph", name)
    assert code == 0, err
    key = Path(name).stem
    lines = []
    for line in out.splitlines():
        if "def#sha256>" in line:
            continue
        line = re.sub(r"/id/run/[^>]*>", "/id/run/RUN>", line)
        lines.append(line.replace(key, "DOC").replace(key.replace("_", "-"), "DOC"))
    return sorted(lines)


def test_bom_crlf_and_nfd_give_the_graph_of_the_clean_file(tmp_path, kg_cli):
    clean = VI_ARTICLE.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFD", clean) != clean  # the article has precomposed Vietnamese to decompose
    variants = {
        "doc_clean.txt": clean.encode(),
        "doc_bom.txt": b"\xef\xbb\xbf" + clean.encode(),
        "doc_crlf.txt": clean.replace("\n", "\r\n").encode(),
        "doc_nfd.txt": unicodedata.normalize("NFD", clean).encode(),
        "doc_all.txt": b"\xef\xbb\xbf" + unicodedata.normalize("NFD", clean).replace("\n", "\r\n").encode(),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    store = tmp_path / "store"
    code, _, err = kg_cli("build", "--store", store, "--quiet", *(tmp_path / n for n in variants))
    assert code == 0, err
    graphs = {name: _doc_graph(kg_cli, store, name) for name in variants}
    assert len(graphs["doc_clean.txt"]) > 200
    for name, graph in graphs.items():
        assert graph == graphs["doc_clean.txt"], name


# ------------------------------------------------------------------------------------------ a real process


@pytest.mark.parametrize("argv, named", [
    (["build", "--store", "{store}", "{bad}"], "{bad}:1:1: not UTF-8 text"),
    (["query", "--store", "{store}", "{bad_rq}"], "{bad_rq}:2:12: SPARQL syntax error"),
], ids=["article-not-utf8", "query-syntax-error"])
def test_a_real_process_prints_one_error_line_and_no_traceback(argv, named, seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    values = {"{store}": str(store), "{bad}": str(tmp_path / "bad.txt"), "{bad_rq}": str(tmp_path / "bad.rq")}
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfeH\x00i\x00")  # UTF-16
    (tmp_path / "bad.rq").write_text('SELECT ?x WHERE {\n  "lit" ?p }\n}\n', encoding="utf-8")
    args = [values.get(a, a) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "80"})
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: " + values.get(named.split(":")[0], "")), proc.stderr
    assert named.split(":", 1)[1] in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
