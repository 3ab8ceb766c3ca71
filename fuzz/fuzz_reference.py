"""Fuzz the reference loaders: one of areas.csv, bodies.yaml, titles.yaml replaced by the input
(the first byte picks which), the others from the valid fixture; then the reference graph.

Run (see fuzz/README.md):
    .venv/bin/python fuzz/fuzz_reference.py /tmp/corpus-reference fuzz/corpus/reference \
        -max_len=10000 -max_total_time=600 -rss_limit_mb=2048

Only `KgError` may come out; anything else is a finding, and so is a slow input (fuzz/_bound.py).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["kg"]):
    from kg.errors import KgError
    from kg.loaders.reference import reference_graph
    from kg.reference import _load

from _bound import MAX_INPUT, bounded  # noqa: E402

VALID = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reference" / "valid"
FILES = ("areas.csv", "bodies.yaml", "titles.yaml")
WORK = Path(tempfile.mkdtemp(prefix="fuzz-reference-"))
for name in FILES:
    shutil.copy(VALID / name, WORK / name)
ORIGINAL = {name: (VALID / name).read_bytes() for name in FILES}


def one_input(data: bytes) -> None:
    if not data or len(data) > MAX_INPUT:
        return
    target = FILES[data[0] % len(FILES)]
    for name in FILES:
        (WORK / name).write_bytes(data[1:] if name == target else ORIGINAL[name])

    def run() -> None:
        try:
            ref = _load.__wrapped__(str(WORK))  # uncached: every input is read afresh
            reference_graph(ref).serialize(format="nt")
        except KgError:
            return

    bounded(run, f"reference/{target}", data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
