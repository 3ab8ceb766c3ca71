"""The `kg` command line. It only wires the library together: no logic lives here.

Data goes to stdout, progress and logs to stderr. Exit codes: 0 ok, 1 the data does not
conform (validate), 2 usage or input error. A `KgError` becomes one `Error: ...` line;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kg import __version__
from kg.errors import KgError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.query import FORMATS as TABLE_FORMATS
from kg.resources import default_store_path

err = Console(stderr=True, highlight=False, soft_wrap=True)  # messages are lines, never wrapped


def _store_option(f):
    return click.option(
        "--store", "store_path", type=click.Path(path_type=Path), default=None, envvar="KG_STORE",
        help="Store folder (default: .kg/store in the project; env KG_STORE).",
    )(f)


def _open(store_path: Path | None, *, write: bool = False):
    from kg.store import Store

    path = store_path or default_store_path()
    return Store(path, read_only=not write, create=write)


def _emit_table(rows: list[list], fmt: str, title: str | None = None) -> None:
    header, body = rows[0], rows[1:]
    if fmt == "json":
        click.echo(json.dumps([dict(zip(header, r, strict=False)) for r in body], ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        click.echo(buf.getvalue(), nl=False)
    else:
        table = Table(title=title, title_justify="left")
        for h in header:
            table.add_column(str(h), overflow="fold")
        for r in body:
            table.add_row(*[str(c) for c in r])
        # never cut a cell (file names, IRIs): widen past the terminal if a row needs it
        widths = [max(len(str(c)) for c in col) for col in zip(header, *body, strict=False)]
        needed = sum(widths) + 3 * len(widths) + 1
        Console(width=max(needed, Console().width), highlight=False).print(table)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge graph of Vietnamese officials, bodies, directives and meetings, from news articles."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_store_option
@click.option("--quiet", "-q", is_flag=True, help="Do not print the summary.")
@click.option("--force", is_flag=True, help="Rebuild every input, even those unchanged since the last build.")
@click.option("--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS",
              help="If another kg process is writing the store, wait up to SECONDS for it (default: fail at once).")
def build(paths: tuple[Path, ...], store_path: Path | None, quiet: bool, force: bool, wait: float) -> None:
    """Load the ontology, the reference data and inputs (default: seeds/articles) into the store.

    PATHS are article files (.txt) or folders of them, and RDF files (.nq, .trig, .ttl, .nt).
    Incremental: inputs unchanged since the last build are skipped (--force rebuilds them);
    changed ones are replaced. All-or-nothing: a bad input stops the build before anything is written.
    After a first or large build it prints what the store holds; after a small change only what it did.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from kg.build import build as run_build
    from kg.stats import stats
    from kg.store import Store

    store = Store(store_path or default_store_path(), wait=wait)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        report = run_build(store, list(paths) or None,
                           lambda msg: progress.update(task, description=f"reading {msg}"), force=force)
    if report.graphs:
        err.print(f"built {report.triples} triples in {len(report.graphs)} graphs "
                  f"({len(report.documents)} documents) into {store.path}: {report.summary()}")
    else:
        err.print(f"nothing to do in {store.path}: {report.summary()}")
    if quiet:
        return
    if report.mode == "bulk":  # a first or large build: show what the store holds
        for name, rows in stats(store).items():
            if name in ("classes", "documents"):
                _emit_table(rows, "table", title=name)
    else:  # counting a large store costs seconds (18.7 s at 1M quads): not after a small change
        err.print("`kg stats` shows what the store holds")


@cli.command()
@click.argument("documents", nargs=-1, required=True)
@_store_option
def remove(documents: tuple[str, ...], store_path: Path | None) -> None:
    """Remove documents (by file name) and every fact learnt from them from the store."""
    from kg.build import remove_documents

    removed = remove_documents(_open(store_path, write=True), list(documents))
    err.print(f"removed {len(removed)} document graph(s)")


@cli.command()
@click.argument("name_or_file")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Bind a query parameter (as an RDF term, never pasted into the text). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
@click.option("--allow-update", is_flag=True, help="Allow SPARQL UPDATE (refused by default).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE, which reaches the network (refused by default).")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL server instead of the store (see `kg push`).")
@click.option("--user", metavar="NAME", help="User for --endpoint; the password comes from KG_ENDPOINT_PASSWORD "
              "or a netrc file, never from the command line.")
@_store_option
def query(name_or_file: str, params, fmt: str, allow_update: bool, allow_service: bool,
          endpoint: str | None, user: str | None, store_path: Path | None) -> None:
    """Run a library query by NAME (see `kg queries`) or any .rq FILE."""
    from kg.query import format_result, load_query, run_query

    info = load_query(name_or_file)
    if endpoint is not None:
        from kg.remote import Client, Endpoint, credentials, run_remote

        if allow_update:
            raise click.UsageError("--allow-update does not go with --endpoint (use `kg push` to write to a server)")
        with Client(credentials(endpoint, user)) as client:
            result = run_remote(client, Endpoint.from_urls(endpoint), info, dict(params), allow_service=allow_service)
        click.echo(format_result(result, fmt), nl=False)
        return
    store = _open(store_path, write=allow_update)
    result = run_query(store.ox, info, dict(params), allow_update=allow_update, allow_service=allow_service)
    click.echo(format_result(result, fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the query library: name, title, parameters."""
    from kg.query import list_queries

    rows: list[list] = [["name", "title", "parameters"]]
    for q in list_queries():
        rows.append([q.name, q.title, " ".join(p.name + ("?" if p.optional else "") for p in q.params)])
    _emit_table(rows, fmt)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS) + ["graphml", "gexf", "csv-edges"]),
              default="turtle", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="File to write (atomically); - is stdout.")
@click.option("--graph", "graphs", multiple=True,
              help="Only this named graph: 'reference', 'ontology' or a document file name. Repeatable.")
@click.option("--network", "network_name", default="all", show_default=True,
              type=click.Choice(["all", "person-body", "co-attendance", "co-membership", "hierarchy",
                                 "person-directive"]),
              help="graphml/gexf/csv-edges: which network projection to write.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="graphml/gexf/csv-edges: the network on this day.")
@_store_option
def export(fmt: str, output: str, graphs: tuple[str, ...], network_name: str, as_of: str | None,
           store_path: Path | None) -> None:
    """Export the store deterministically: the same store gives byte-identical files.

    graphml, gexf and csv-edges write a network projection (see `kg analyze --help`) for Gephi,
    Cytoscape and spreadsheets instead of RDF."""
    from kg import ids
    from kg.export import serialize, write_atomically

    store = _open(store_path)
    if fmt in ("graphml", "gexf", "csv-edges"):
        from kg.analyze import export_network

        if graphs:
            raise click.UsageError("--graph applies to the RDF formats only")
        write_atomically(export_network(store, fmt, network_name, as_of), output)
        return
    if as_of or network_name != "all":
        raise click.UsageError("--network and --as-of apply to graphml, gexf and csv-edges only")
    selected = None
    if graphs:
        known = set(store.graph_names())
        selected = []
        for g in graphs:
            iri = {"reference": str(ids.REFERENCE_GRAPH), "ontology": str(ids.ONTOLOGY_GRAPH)}.get(
                g, str(ids.document_graph(Path(g).stem)))
            if iri not in known:
                raise KgError(f"no graph {g!r} in the store (see `kg stats`)")
            selected.append(iri)
    write_atomically(serialize(store, fmt, selected), output)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True)
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes compiled to SPARQL on the store; pyshacl: the reference, in memory")
@click.option("--document", "documents", multiple=True, metavar="NAME",
              help="only the entities in this document's graph (file name; repeatable)")
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="only the entities in this named graph (IRI, or reference/ontology; repeatable)")
@_store_option
def validate(fmt: str, engine: str, documents: tuple[str, ...], graphs: tuple[str, ...],
             store_path: Path | None) -> None:
    """Check the store against the SHACL shapes. Exit 0 conforms, 1 violations, 2 usage/input error."""
    from kg.validate import resolve_graphs, validate_store

    store = _open(store_path)
    selected = resolve_graphs(store, documents, graphs) if documents or graphs else None
    report = validate_store(store, graphs=selected, engine=engine)
    if report.engine_note:
        click.echo(f"Note: {report.engine_note}", err=True)
    text = {"text": report.to_text, "turtle": report.to_turtle, "json": report.to_json}[fmt]()
    click.echo(text if isinstance(text, str) else text.decode("utf-8"), nl=not str(text).endswith("\n"))
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.argument("name_or_iri")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_store_option
def show(name_or_iri: str, fmt: str, store_path: Path | None) -> None:
    """An entity card: labels, type, posts with dates, bodies, events, directives and their sources."""
    from kg.card import card

    c = card(_open(store_path), name_or_iri)
    click.echo(json.dumps(c.to_json(), ensure_ascii=False, indent=2) if fmt == "json" else c.to_text())


@cli.command()
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
@_store_option
def stats(fmt: str, store_path: Path | None) -> None:
    """Counts per class, per graph, per document and per label language."""
    from kg.stats import stats as run_stats

    sections = run_stats(_open(store_path))
    if fmt == "json":
        click.echo(json.dumps({k: [dict(zip(v[0], r, strict=False)) for r in v[1:]] for k, v in sections.items()},
                              ensure_ascii=False, indent=2))
        return
    for name, rows in sections.items():
        if fmt == "table":
            _emit_table(rows, fmt, title=name)
        else:
            click.echo(f"# {name}")
            _emit_table(rows, fmt)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--document", help="A document already in the store (file name), instead of PATH.")
@_store_option
def digest(path: Path | None, document: str | None, store_path: Path | None) -> None:
    """Print the JSON digest of one article (../shared/gold/FORMAT.md), computed by querying the graph.

    With PATH the article is loaded, with the reference data, into a throw-away in-memory store:
    the project's store is not changed. With --document the project's store is read.
    """
    from kg.build import prepare
    from kg.digest import digest as run_digest
    from kg.store import Store

    if (path is None) == (document is None):
        raise click.UsageError("give either PATH or --document NAME")
    if path is not None:
        if not path.is_file():
            raise KgError(f"{path}: no such file")
        store = Store(None)
        store.replace_graphs(prepare([path]))
        name = path.name
    else:
        store = _open(store_path)
        name = document or ""
    click.echo(json.dumps(run_digest(store, name), ensure_ascii=False, indent=2))


@cli.command()
@click.option("--port", default=7878, show_default=True, help="TCP port.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The server has no authentication: keep it on loopback unless you must.")
@click.option("--read-only", is_flag=True, help="Serve read-only (no /update; other kg commands can read meanwhile).")
@_store_option
def serve(port: int, host: str, read_only: bool, store_path: Path | None) -> None:
    """Serve the store with the Oxigraph server (SPARQL at /query, /update; Graph Store at /store).

    Runs in the foreground; Ctrl-C stops it. Needs the `oxigraph` binary: pip install 'kg[server]'.
    """
    from kg.serve import is_loopback
    from kg.serve import serve as run_server

    if not is_loopback(host):
        err.print(f"warning: listening on {host}: anyone who can reach it can read"
                  + ("" if read_only else " and change") + " the graph (no authentication)")
    code = run_server(store_path or default_store_path(), host=host, port=port, read_only=read_only,
                      announce=lambda cmd: err.print(
                          f"serving {cmd.location} with Oxigraph {cmd.version}{' (read-only)' if read_only else ''} "
                          f"at {cmd.url}; Ctrl-C stops", markup=False, soft_wrap=True))
    if code not in (0, -2, -15, 130, 143):  # stopped by Ctrl-C or a kill: not an error
        raise KgError(f"the Oxigraph server stopped with exit code {code}")


@cli.command()
@click.option("--endpoint", metavar="URL", required=True, help="The server's SPARQL query endpoint.")
@click.option("--graph-store", metavar="URL", help="Its Graph Store Protocol endpoint (guessed for Oxigraph "
              "and Virtuoso).")
@click.option("--user", metavar="NAME", help="User name; the password comes from KG_ENDPOINT_PASSWORD or a "
              "netrc file, never from the command line.")
@click.option("--keep-extra", is_flag=True, help="Keep the project's graphs on the server that the store no "
              "longer holds (default: delete them).")
@_store_option
def push(endpoint: str, graph_store: str | None, user: str | None, keep_extra: bool, store_path: Path | None) -> None:
    """Copy the graph to a SPARQL 1.1 server, one named graph per source (Graph Store PUT), then
    check every graph's triple count on the server."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from kg.remote import Client, Endpoint, credentials
    from kg.remote import push as run_push

    target = Endpoint.from_urls(endpoint, graph_store)  # refuses credentials in a URL before anything else
    creds = credentials(endpoint, user)
    store = _open(store_path)
    with Client(creds) as client, \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("pushing", total=None)
        report = run_push(store, client, target, prune=not keep_extra,
                          progress=lambda msg: progress.update(task, description=f"pushing {msg}"))
    err.print(f"pushed {report.triples} triples in {len(report.graphs)} graphs in {report.seconds:.1f} s; "
              f"counts checked on the server" + (f"; removed {len(report.removed)} graph(s) the store no longer "
                                                 "holds" if report.removed else ""), markup=False)


_NETWORKS = ["all", "person-body", "co-attendance", "co-membership", "hierarchy", "person-directive"]


def _analysis_options(f):
    f = click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The network as it stood on this day.")(f)
    f = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                     show_default=True)(f)
    return _store_option(f)


def _emit_analysis(result, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    if fmt == "table" and result.text is not None:
        click.echo(result.text)
        for note in result.notes[1:]:
            err.print(note, markup=False)
        return
    _emit_table([result.columns] + result.rows, fmt, title=result.notes[0] if fmt == "table" else None)
    for note in result.notes[1 if fmt == "table" else 0:]:
        (click.echo(note) if fmt == "table" else err.print(note, markup=False))


@cli.group()
def analyze() -> None:
    """Network analytics (networkx): centrality, communities, paths, body trees, neighbours."""


@analyze.command("centrality")
@click.option("--network", "network_name", type=click.Choice(_NETWORKS), default="all", show_default=True)
@click.option("--kind", type=click.Choice(["person", "body", "event", "directive", "any"]), default="person",
              show_default=True, help="Which nodes to rank.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="How many rows; 0 = all.")
@click.option("--samples", type=click.IntRange(min=1), default=50, show_default=True,
              help="Source nodes for sampled betweenness on large networks (fixed seed).")
@_analysis_options
def analyze_centrality(network_name: str, kind: str, top: int, samples: int, as_of: str | None, fmt: str,
                       store_path: Path | None) -> None:
    """Degree and betweenness centrality, ranked (ties by IRI); sampled betweenness on large graphs."""
    from kg.analyze import centrality

    _emit_analysis(centrality(_open(store_path), as_of, network_name, None if kind == "any" else kind, top,
                              samples), fmt)


@analyze.command("communities")
@click.option("--network", "network_name", type=click.Choice(_NETWORKS), default="all", show_default=True)
@_analysis_options
def analyze_communities(network_name: str, as_of: str | None, fmt: str, store_path: Path | None) -> None:
    """Communities of people (Louvain, fixed seed), largest first."""
    from kg.analyze import communities

    _emit_analysis(communities(_open(store_path), as_of, network_name), fmt)


@analyze.command("path")
@click.argument("a")
@click.argument("b")
@_analysis_options
def analyze_path(a: str, b: str, as_of: str | None, fmt: str, store_path: Path | None) -> None:
    """The shortest connection between two people, in words: which post, which meeting, which date."""
    from kg.analyze import path

    _emit_analysis(path(_open(store_path), a, b, as_of), fmt)


@analyze.command("hierarchy")
@click.argument("body")
@_analysis_options
def analyze_hierarchy(body: str, as_of: str | None, fmt: str, store_path: Path | None) -> None:
    """The tree of bodies under BODY (org:subOrganizationOf)."""
    from kg.analyze import hierarchy_tree

    _emit_analysis(hierarchy_tree(_open(store_path), body, as_of), fmt)


@analyze.command("neighbours")
@click.argument("name")
@_analysis_options
def analyze_neighbours(name: str, as_of: str | None, fmt: str, store_path: Path | None) -> None:
    """A person's bodies, the people met or served with, and the directives discussed."""
    from kg.analyze import neighbours

    _emit_analysis(neighbours(_open(store_path), name, as_of), fmt)


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="File to write (atomically); - is stdout.")
@_store_option
def diff_command(old: str, new: str, fmt: str, output: str, store_path: Path | None) -> None:
    """What changed from OLD to NEW: RDF files (N-Quads/TriG keep the sources), or the word `store`.

    Per entity: holdings started or ended, new holders of a post, new or renamed bodies, new
    directives and meetings, and every fact added or removed with its source."""
    from kg.diff import diff, render
    from kg.export import write_atomically

    store = _open(store_path) if "store" in (old, new) else None
    write_atomically(render(diff(old, new, store), fmt), output)


@cli.command()
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="Folder to write (created, or replaced if kg wrote it before).")
@click.option("--no-docs", is_flag=True, help="Leave out the ontology documentation.")
@_store_option
def site(output: Path, no_docs: bool, store_path: Path | None) -> None:
    """Write a static HTML site of the graph that opens from disk: search, one page per entity and
    article (each fact with its source sentence), a network view and the ontology docs."""
    from kg.site import build_site

    counts = build_site(_open(store_path), output, with_docs=not no_docs)
    err.print(f"wrote {sum(counts.values())} pages "
              f"({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}) to {output}; open {output / 'index.html'}")


@cli.command()
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="Folder to write (created, or replaced if kg wrote it before).")
def docs(output: Path) -> None:
    """Write HTML documentation of ontology/kg.ttl and ontology/shapes.ttl (terms, shapes, which shape
    constrains what), generated from the Turtle."""
    from kg.site.docs import build_docs

    n = build_docs(output)
    err.print(f"documented {n} kg: terms in {output / 'index.html'}")


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this; `main` exits with it)."""
    try:
        rv = cli.main(args=argv, prog_name="kg", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except click.exceptions.Abort:
        err.print("Aborted.")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KgError as exc:
        err.print(f"Error: {exc}", markup=False, soft_wrap=True)
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        return 0


def main() -> None:
    sys.exit(run())
