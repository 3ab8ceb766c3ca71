"""Shared fixtures: a tiny reference folder, an in-memory store, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import run

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_reference():
    from kg.reference import load_reference

    return load_reference(FIXTURES / "reference" / "valid")


@pytest.fixture
def kg_cli(capsys):
    """Run `kg ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def _run(*args: str) -> tuple[int, str, str]:
        code = run([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run
