"""`kg site`: a static, browsable site of the graph that opens from disk (file://), with no server
and no internet: every asset is inside the folder, and the search and network data are .js files
that set a global (Chromium refuses fetch() of local files).

    index.html              search-as-you-type (diacritics folded) and every page by kind
    network.html            people, bodies and meetings as an interactive network
    {kind}/{key}.html       one page per person, body, place, directive, meeting and article
    ontology/index.html     the ontology and shapes documentation (kg.site.docs)
    assets/                 style, scripts and the search / network data

The folder is written next to its target and swapped in at the end: an error never leaves a
half-written site. The same store gives a byte-identical folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kg import __version__
from kg.errors import KgError
from kg.site.data import KIND_PLURAL, KINDS, Data, Triples, select_pages
from kg.site.pages import Builder, doc_text_segments, listing, network, search_entries
from kg.store import Store

HERE = Path(__file__).parent
MARKER = ".kg-site"  # a folder holding this file may be replaced by `kg site`


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(KINDS=KINDS, KIND_PLURAL=KIND_PLURAL, version=__version__)
    return env


def _js(name: str, value) -> str:
    """A script that sets one global (JSON is valid JavaScript; `</` is escaped for safety)."""
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return f"window.{name} = {body};\n"


def render(store: Store, out: Path, *, with_docs: bool = True) -> dict[str, int]:
    """Write every page of the site into `out` (an empty folder). Returns pages per kind."""
    data = Data(Triples(store))
    data.pages = select_pages(data.t)
    env = environment()
    builder = Builder(data)
    counts: dict[str, int] = {}

    def write(rel: str, content: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))

    for asset in sorted((HERE / "assets").iterdir()):
        if asset.is_file():
            write("assets/" + asset.name, asset.read_text(encoding="utf-8"))
    write("assets/search-data.js", _js("KG_SEARCH", search_entries(data)))
    write("assets/network-data.js", _js("KG_NETWORK", network(data)))
    common = {"with_docs": with_docs}
    write("index.html", env.get_template("index.html").render(root="", groups=listing(data), **common))
    write("network.html", env.get_template("network.html").render(root="", **common))
    entity = env.get_template("entity.html")
    document = env.get_template("document.html")
    for iri, path in data.pages.items():
        page = builder.page(iri)
        if page.kind == "doc":
            pieces, learnt = doc_text_segments(data, iri)
            html = document.render(root="../", page=page, pieces=pieces, learnt=learnt, **common)
        else:
            html = entity.render(root="../", page=page, **common)
        write(path, html)
        counts[page.kind] = counts.get(page.kind, 0) + 1
    if with_docs:
        from kg.site.docs import render as render_docs

        render_docs(out / "ontology", home="../index.html")
    return counts


def write_folder(target: Path, fill) -> None:
    """Fill a fresh folder next to `target` with `fill(folder)`, then swap it in.

    An existing target is replaced only if it is empty or was written by kg (it holds MARKER).
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise KgError(f"{target} exists and is not a folder")
    if target.exists() and any(target.iterdir()) and not (target / MARKER).exists():
        raise KgError(f"{target} is not empty and was not written by kg; give a new or empty folder")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise KgError(f"cannot write {target}: folder {parent} does not exist")
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    old: Path | None = None
    try:
        fill(tmp)
        (tmp / MARKER).write_bytes(b"This folder was written by kg; kg may replace it.\n")
        os.chmod(tmp, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.replace(target, old / "site")
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and (old / "site").exists() and not target.exists():
            os.replace(old / "site", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def build_site(store: Store, target: Path, *, with_docs: bool = True) -> dict[str, int]:
    """`kg site -o DIR`: write the whole site to DIR atomically. Returns pages per kind."""
    counts: dict[str, int] = {}
    write_folder(target, lambda folder: counts.update(render(store, folder, with_docs=with_docs)))
    return counts
