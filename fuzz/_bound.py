"""The per-input time bound the fuzz harnesses share (not a test: the normal suite never runs fuzz/)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# CPU seconds one input of at most MAX_INPUT bytes may take; CPU time, not wall time, so that other
# work on a shared machine does not look like a slow input. KG_FUZZ_LIMIT overrides it.
LIMIT = float(os.environ.get("KG_FUZZ_LIMIT", "2.0"))
MAX_INPUT = 10_000


class SlowInput(Exception):
    """One input took longer than LIMIT: a super-linear path (regex backtracking, nested loops)."""


def bounded(fn: Callable[[], T], what: str, data: bytes) -> T | None:
    """Run fn(); raise SlowInput when it takes more than LIMIT CPU seconds."""
    start = time.process_time()
    try:
        return fn()
    finally:
        spent = time.process_time() - start
        if spent > LIMIT:
            raise SlowInput(f"{what}: {spent:.2f} s CPU for {len(data)} bytes (limit {LIMIT} s)")
