"""Apache Jena's command-line tools (Debian `libapache-jena-java`) for side-by-side figures.

Debian ships the jars but no launcher that works as-is (see ../shared/notes/ENGINES.md):

* `-cp '/usr/share/java/*'` puts every SLF4J binding on the classpath; the classpath here is
  the jars of `libapache-jena-java` and of the packages it depends on (from `dpkg -L`), with
  `slf4j-api` + `slf4j-simple` as the only logging jars;
* jena-core 4.5.0-2 dies in `XSDDatatype.<clinit>` because the xerces message bundles sit
  under `org/apache/jena/ext/xerces/...` while the classes look for them under `xerces/...`:
  the bundles are copied once into a folder (under the system temporary folder) that goes on
  the classpath.

    python bench/jena.py riot --count data.nq        # any jena command: riot, shacl, arq, ...

`available()` says whether Java and the jars are installed; `command(tool, *args)` gives the
argv to run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from functools import cache
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
PACKAGE = "libapache-jena-java"
MAIN = {
    "riot": "riotcmd.riot",
    "shacl": "shacl.shacl",
    "arq": "arq.arq",
    "sparql": "arq.sparql",
}
_LOGGING = ("slf4j", "log4j", "logback", "commons-logging", "jcl-over", "jul-to")
_FIX_DIR = Path(tempfile.gettempdir()) / "kg-bench-jena-xerces-fix"


def _package_jars(package: str) -> list[Path]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False).stdout
    return [Path(line) for line in out.splitlines() if line.startswith(str(JAVA_DIR)) and line.endswith(".jar")]


def _depends(package: str) -> list[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True, check=False)
    names = []
    for part in out.stdout.split(","):
        name = part.strip().split(" ")[0].split("|")[0].strip()
        if name:
            names.append(name)
    return names


@cache
def classpath() -> str:
    """The jars of Jena and its Debian dependencies (transitively), one logging binding."""
    seen: set[str] = set()
    todo = [PACKAGE]
    jars: set[Path] = set()
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        found = _package_jars(pkg)
        jars.update(found)
        if found or pkg == PACKAGE:
            todo.extend(_depends(pkg))
    keep = sorted(j for j in jars if not any(word in j.name for word in _LOGGING))
    # one jar per library: prefer the unversioned symlink when both are listed
    logging = [JAVA_DIR / "slf4j-api.jar", JAVA_DIR / "slf4j-simple.jar"]
    return ":".join([str(_xerces_fix()), *map(str, keep), *map(str, logging)])


def _xerces_fix() -> Path:
    """Copy xerces' message bundles to where the relocated classes look for them (once)."""
    marker = _FIX_DIR / ".done"
    if marker.exists():
        return _FIX_DIR
    core = JAVA_DIR / "jena-core.jar"
    with zipfile.ZipFile(core) as z:
        for name in z.namelist():
            prefix = "org/apache/jena/ext/xerces/"
            if name.startswith(prefix) and name.endswith(".properties"):
                rest = name[len(prefix) :]
                for target in (_FIX_DIR / "xerces" / rest, _FIX_DIR / "org/apache/jena/ext/xerces" / rest):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(z.read(name))
    marker.write_text("ok\n")
    return _FIX_DIR


def available() -> bool:
    return shutil.which("java") is not None and (JAVA_DIR / "jena-cmds.jar").exists()


def version() -> str | None:
    if not available():
        return None
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", PACKAGE], capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def command(tool: str, *args: str, heap: str = "8g") -> list[str]:
    return ["java", f"-Xmx{heap}", "-cp", classpath(), MAIN[tool], *args]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in MAIN:
        print(f"usage: jena.py {{{','.join(MAIN)}}} ARGS...", file=sys.stderr)
        return 2
    if not available():
        print(f"Jena is not installed: apt-get install -y {PACKAGE}", file=sys.stderr)
        return 2
    return subprocess.run(command(argv[0], *argv[1:]), check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
