"""`kg serve`: the project's store behind the Oxigraph server, an existing engine.

The `oxigraph` package (extra `kg[server]`) ships the real server binary; it opens the store
directory pyoxigraph writes, so both must be the same version (checked here: a mismatch is
an error, not a warning). The server is started with `--union-default-graph`, so queries
see the union of the named graphs as the library expects, and bound to 127.0.0.1 unless
another host is asked for: it has no authentication and no TLS.

Endpoints: `/query` (SPARQL query), `/update` (SPARQL update; not with `--read-only`),
`/store` (Graph Store Protocol). The process runs in the foreground; Ctrl-C stops it.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kg.errors import KgError
from kg.store import _lock_writer, live_path, pin

BINARY = "oxigraph"
INSTALL_HINT = "pip install 'kg[server]'"


def find_binary() -> Path:
    """The `oxigraph` server binary: next to the running Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / BINARY
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(BINARY)
    if found:
        return Path(found)
    raise KgError(f"the Oxigraph server binary '{BINARY}' is not installed (looked next to {sys.executable} "
                  f"and on PATH): {INSTALL_HINT}")


def binary_version(binary: Path) -> str:
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        raise KgError(f"cannot run {binary} --version: {exc}") from None
    words = out.stdout.split()
    return words[-1] if words else ""


def check_version(binary: Path) -> str:
    """The binary's version; an error unless it is pyoxigraph's (they share the store format)."""
    version = binary_version(binary)
    if version != pyoxigraph.__version__:
        raise KgError(f"{binary} is Oxigraph {version or '(unknown version)'} but kg's store is written by "
                      f"pyoxigraph {pyoxigraph.__version__}: install the same version ({INSTALL_HINT})")
    return version


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeCommand:
    argv: list[str]
    url: str
    location: Path
    version: str


def command(location: Path, *, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False,
            binary: Path | None = None) -> ServeCommand:
    """The server's command line for an Oxigraph directory (checked: binary and its version)."""
    if not 0 < port < 65536:
        raise KgError(f"--port {port}: give a port between 1 and 65535")
    exe = binary or find_binary()
    version = check_version(exe)
    bind = f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"
    argv = [str(exe), "serve-read-only" if read_only else "serve", "--location", str(location),
            "--bind", bind, "--union-default-graph"]
    return ServeCommand(argv, f"http://{bind}/query", location, version)


def serve(store_path: Path, *, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False,
          announce: Callable[[ServeCommand], None] | None = None) -> int:
    """Serve the store in the foreground until the server exits or Ctrl-C; its exit code.

    While it runs the server holds the store's writer lock (so `kg build` says the store is
    in use instead of writing under it: Oxigraph's read-only mode is undefined while another
    process writes) and pins the generation it serves; other kg commands can read."""
    live_path(store_path)  # a clear error when there is no store
    lock = _lock_writer(store_path, 0)
    try:
        with pin(store_path) as live:
            cmd = command(live, host=host, port=port, read_only=read_only)
            if announce:
                announce(cmd)
            return _run(cmd)
    finally:
        os.close(lock)


def _run(cmd: ServeCommand) -> int:
    proc = subprocess.Popen(cmd.argv)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())  # a kill of kg stops the server too
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
