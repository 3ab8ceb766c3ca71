"""Fuzz query parameters: any value, for any declared parameter of any library query, over the
query fixture (tests/fixtures/sample.trig), with and without --allow-update.

Run (see fuzz/README.md):
    .venv/bin/python fuzz/fuzz_query_params.py /tmp/corpus-query -max_len=2000 -max_total_time=300 \
        -rss_limit_mb=2048

Only `KgError` may come out (a value that is not a date, an IRI...), and the store must hold
exactly the same quads afterwards: a value is bound as an RDF term, never pasted into the text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["kg"]):
    import pyoxigraph as ox

    from kg.errors import KgError
    from kg.query import list_queries, run_query

from _bound import bounded  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sample.trig"
STORE = ox.Store()
STORE.load(path=FIXTURE, format=ox.RdfFormat.TRIG)
BEFORE = len(STORE)
CASES = [(q, p.name) for q in list_queries() for p in q.params]


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    info, param = CASES[fdp.ConsumeIntInRange(0, len(CASES) - 1)]
    allow_update = fdp.ConsumeBool()
    value = fdp.ConsumeUnicodeNoSurrogates(2000)

    def run() -> None:
        try:
            run_query(STORE, info, {param: value}, allow_update=allow_update)
        except KgError:
            pass
        if len(STORE) != BEFORE:
            raise AssertionError(f"the store changed: {info.name} {param}={value!r}")

    bounded(run, f"{info.name}/{param}", data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
