"""The curated reference data in `seeds/reference/`, read into plain Python objects.

Both the reference loader (which turns it into RDF) and the extractor (which uses it as its
lexicon) read it through `load_reference()`, so the files are parsed and checked in one place.
File formats are described in `seeds/README.md`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.resources import reference_dir

AREA_LEVELS = {"province", "municipality", "district", "commune", "country"}
ORG_TYPES = {
    "government", "ministry", "ministerial_agency", "government_agency", "steering_committee",
    "working_group", "peoples_committee", "peoples_council", "party_organ", "party_committee",
    "national_assembly", "court_procuracy", "front", "enterprise", "other",
}
AREA_COLUMNS = ["id", "level", "name_en", "name_vi", "iso_code", "parent_id", "valid_from",
                "valid_until", "successor_ids", "aliases"]


@dataclass
class Area:
    id: str
    level: str
    name_en: str
    name_vi: str
    iso_code: str | None = None
    parent_id: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    successor_ids: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Body:
    id: str
    type: str
    en: str
    vi: str | None = None
    id_name: str | None = None  # Indonesian
    aliases: dict[str, list[str]] = field(default_factory=dict)
    acronyms: list[str] = field(default_factory=list)
    parent: str | None = None
    location: str | None = None  # area id (template-generated bodies)
    valid_from: str | None = None
    valid_until: str | None = None
    replaced_by: list[str] = field(default_factory=list)
    template: str | None = None  # template id when generated from a template


@dataclass
class Title:
    id: str
    en: str
    category: str  # state | party
    body: str | None  # a body id, a template id, or an org type
    forms: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Reference:
    areas: dict[str, Area]
    bodies: dict[str, Body]
    templates: dict[str, dict]
    titles: dict[str, Title]


def _yaml(path: Path) -> list:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path,
                         mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError("expected a list of entries at the top level", path, 1)
    return data


def _line_of(path: Path, key: str, value: str) -> int | None:
    """Best-effort line number of `key: value` in a YAML file, for error messages."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip().lstrip("- ").strip()
        if stripped.startswith(f"{key}:") and stripped.split(":", 1)[1].strip().strip("'\"") == value:
            return n
    return None


def read_areas(path: Path) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in AREA_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
        for row in reader:
            line = reader.line_num
            aid = (row["id"] or "").strip()
            if not aid:
                raise InputError("empty id", path, line)
            if aid in areas:
                raise InputError(f"duplicate id {aid!r} (first on line {areas[aid].line})", path, line)
            level = row["level"].strip()
            if level not in AREA_LEVELS:
                raise InputError(f"unknown level {level!r}; expected one of {sorted(AREA_LEVELS)}", path, line)
            iso = row["iso_code"].strip() or None
            if iso and not (iso.startswith("VN-") and 4 <= len(iso) <= 6):
                raise InputError(f"bad ISO 3166-2 code {iso!r}", path, line)
            areas[aid] = Area(
                id=aid, level=level, name_en=row["name_en"].strip(), name_vi=row["name_vi"].strip(),
                iso_code=iso, parent_id=row["parent_id"].strip() or None,
                valid_from=row["valid_from"].strip() or None, valid_until=row["valid_until"].strip() or None,
                successor_ids=row["successor_ids"].split(), line=line,
                aliases=[a.strip() for a in row["aliases"].split("|") if a.strip()],
            )
    for a in areas.values():
        for ref in ([a.parent_id] if a.parent_id else []) + a.successor_ids:
            if ref not in areas:
                raise InputError(f"area {a.id!r} refers to unknown area {ref!r}", path, a.line)
    return areas


def _expand_template(tpl: dict, area: Area) -> Body:
    municipal = area.level == "municipality"

    def pick(key: str) -> str | None:
        text = tpl.get(f"{key}_municipal") if municipal and tpl.get(f"{key}_municipal") else tpl.get(key)
        if not text:
            return None
        vi_name = area.name_vi.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        en_name = area.name_en.removesuffix(" City") if municipal else area.name_en
        return text.format(area=en_name, area_vi=vi_name)

    return Body(
        id=f"{tpl['template']}--{area.id}", type=tpl["type"], en=pick("en") or "", vi=pick("vi"),
        id_name=pick("id_name"), acronyms=list(tpl.get("acronyms") or []),
        parent=(f"{tpl['parent']}--{area.id}" if tpl.get("parent_is_template") else tpl.get("parent")),
        location=area.id, valid_from=area.valid_from, valid_until=area.valid_until, template=tpl["template"],
    )


def read_bodies(path: Path, areas: dict[str, Area]) -> tuple[dict[str, Body], dict[str, dict]]:
    bodies: dict[str, Body] = {}
    templates: dict[str, dict] = {}
    for entry in _yaml(path):
        if not isinstance(entry, dict):
            raise InputError(f"expected a mapping, got {entry!r}", path)
        key = entry.get("template") or entry.get("id")
        line = _line_of(path, "template" if "template" in entry else "id", str(key))
        if not key or not entry.get("type") or not entry.get("en"):
            raise InputError(f"entry {key!r} needs id (or template), type and en", path, line)
        if entry["type"] not in ORG_TYPES:
            raise InputError(f"unknown body type {entry['type']!r} for {key!r}", path, line)
        if key in bodies or key in templates:
            raise InputError(f"duplicate id {key!r}", path, line)
        if "template" in entry:
            templates[key] = entry
            continue
        bodies[key] = Body(
            id=key, type=entry["type"], en=entry["en"], vi=entry.get("vi"), id_name=entry.get("id_name"),
            aliases={k: list(v or []) for k, v in (entry.get("aliases") or {}).items()},
            acronyms=list(entry.get("acronyms") or []), parent=entry.get("parent"),
            location=entry.get("location"),
            valid_from=str(entry["valid_from"]) if entry.get("valid_from") else None,
            valid_until=str(entry["valid_until"]) if entry.get("valid_until") else None,
            replaced_by=list(entry.get("replaced_by") or []),
        )
    for tpl in templates.values():
        for area in areas.values():
            if area.level in ("province", "municipality"):
                body = _expand_template(tpl, area)
                bodies[body.id] = body
    for b in bodies.values():
        for ref in ([b.parent] if b.parent else []) + b.replaced_by:
            if ref not in bodies:
                raise InputError(f"body {b.id!r} refers to unknown body {ref!r}", path,
                                 _line_of(path, "id", b.id))
    _check_no_cycle(bodies, path)
    return bodies, templates


def _check_no_cycle(bodies: dict[str, Body], path: Path) -> None:
    for start in bodies:
        seen = [start]
        cur = bodies[start].parent
        while cur:
            if cur in seen:
                raise InputError(f"cycle in the body hierarchy: {' -> '.join(seen + [cur])}", path,
                                 _line_of(path, "id", start))
            seen.append(cur)
            cur = bodies[cur].parent if cur in bodies else None


def read_titles(path: Path) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    for entry in _yaml(path):
        tid = entry.get("id") if isinstance(entry, dict) else None
        line = _line_of(path, "id", str(tid))
        if not tid or not entry.get("en"):
            raise InputError(f"title entry {entry!r} needs id and en", path, line)
        if tid in titles:
            raise InputError(f"duplicate id {tid!r}", path, line)
        category = entry.get("category", "state")
        if category not in ("state", "party"):
            raise InputError(f"category must be state or party, not {category!r}", path, line)
        titles[tid] = Title(id=tid, en=entry["en"], category=category, body=entry.get("body"),
                            forms={k: list(v or []) for k, v in (entry.get("forms") or {}).items()})
    return titles


def load_reference(folder: Path | None = None) -> Reference:
    """Read and check every reference file; cached per folder."""
    return _load(str(folder or reference_dir()))


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> Reference:
    root = Path(folder)
    areas = read_areas(root / "areas.csv")
    bodies, templates = read_bodies(root / "bodies.yaml", areas)
    titles = read_titles(root / "titles.yaml")
    return Reference(areas=areas, bodies=bodies, templates=templates, titles=titles)
