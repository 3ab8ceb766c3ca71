"""Fuzz the article path: bytes -> read_document -> extract -> the document's RDF graph.

Run (see fuzz/README.md):
    .venv/bin/python fuzz/fuzz_article.py /tmp/corpus-article tests/fixtures/articles \
        -dict=fuzz/article.dict -max_len=10000 -max_total_time=600 -rss_limit_mb=2048

Only `KgError` may come out (bad input, told to the user); anything else is a finding, and so is
an input of at most 10 kB that takes more than the time bound (fuzz/_bound.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["kg"]):
    from kg.errors import KgError
    from kg.loaders.article import article_graph, read_document
    from kg.reference import load_reference

from _bound import MAX_INPUT, bounded  # noqa: E402

REF = load_reference()
WORK = Path(tempfile.mkdtemp(prefix="fuzz-article-"))


def one_input(data: bytes) -> None:
    if len(data) > MAX_INPUT:
        return
    path = WORK / "fuzz.txt"
    path.write_bytes(data)

    def run() -> None:
        try:
            graph = article_graph(read_document(path), REF)
        except KgError:
            return
        # every span's quote is the text at its offsets is checked in tests/test_properties.py;
        # here: the graph serializes (no invalid literal or IRI slipped through)
        graph.serialize(format="nt")

    bounded(run, "article", data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
