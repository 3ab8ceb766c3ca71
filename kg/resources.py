"""Where the project's data files live, resolved in exactly one place.

`KG_HOME` overrides the project root (the folder holding `ontology/`, `queries/`, `seeds/`);
otherwise the checkout the package was imported from is used.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("KG_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    return project_root() / "ontology"


def queries_dir() -> Path:
    return project_root() / "queries"


def seeds_dir() -> Path:
    return project_root() / "seeds"


def reference_dir() -> Path:
    return seeds_dir() / "reference"


def default_store_path() -> Path:
    env = os.environ.get("KG_STORE")
    if env:
        return Path(env)
    return project_root() / ".kg" / "store"


def cache_dir() -> Path:
    """Derived files that are safe to delete (e.g. the reference graph as N-Triples)."""
    env = os.environ.get("KG_CACHE")
    if env:
        return Path(env)
    return project_root() / ".kg" / "cache"
