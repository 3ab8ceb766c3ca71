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

err = Console(stderr=True, highlight=False)


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
def build(paths: tuple[Path, ...], store_path: Path | None, quiet: bool) -> None:
    """Load the ontology, the reference data and documents (default: seeds/articles) into the store.

    Re-running is idempotent: each document's named graph is replaced, all in one transaction.
    A bad input file stops the build before anything is written.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from kg.build import build as run_build
    from kg.stats import stats

    store = _open(store_path, write=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        report = run_build(store, list(paths) or None,
                           lambda msg: progress.update(task, description=f"reading {msg}"))
    err.print(f"built {report.triples} triples in {len(report.graphs)} graphs "
              f"({len(report.documents)} documents) into {store.path}")
    if not quiet:
        for name, rows in stats(store).items():
            if name in ("classes", "documents"):
                _emit_table(rows, "table", title=name)


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
@_store_option
def query(name_or_file: str, params, fmt: str, allow_update: bool, allow_service: bool,
          store_path: Path | None) -> None:
    """Run a library query by NAME (see `kg queries`) or any .rq FILE."""
    from kg.query import format_result, load_query, run_query

    info = load_query(name_or_file)
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
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)),
              default="turtle", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="File to write (atomically); - is stdout.")
@click.option("--graph", "graphs", multiple=True,
              help="Only this named graph: 'reference', 'ontology' or a document file name. Repeatable.")
@_store_option
def export(fmt: str, output: str, graphs: tuple[str, ...], store_path: Path | None) -> None:
    """Export the store deterministically: the same store gives byte-identical files."""
    from kg import ids
    from kg.export import serialize, write_atomically

    store = _open(store_path)
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
@_store_option
def validate(fmt: str, store_path: Path | None) -> None:
    """Check the store against the SHACL shapes. Exit 0 conforms, 1 violations, 2 usage/input error."""
    from kg.validate import validate as run_validate

    report = run_validate(_open(store_path).to_dataset())
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
