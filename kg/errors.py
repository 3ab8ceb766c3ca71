"""The one exception root. The CLI catches `KgError` once and prints `Error: ...`; anything
else is a bug and keeps its traceback."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """An error the user can fix: bad input, a wrong name, a missing file."""

    exit_code = 2


class InputError(KgError):
    """Bad input in a file; names the file and, when known, the line and column."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class StoreError(KgError):
    """The store cannot be opened or written (locked, missing, damaged)."""


class QueryError(KgError):
    """A query cannot be found, parsed or bound."""


class NotConforming(KgError):
    """SHACL validation found violations (exit code 1)."""

    exit_code = 1
