"""The curated reference data in `seeds/reference/`, read into plain Python objects.

Both the reference loader (which turns it into RDF) and the extractor (which uses it as its
lexicon) read it through `load_reference()`, so the files are parsed and checked in one place.
File formats are described in `seeds/README.md`.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from kg.errors import InputError
from kg.resources import reference_dir

AREA_LEVELS = {"province", "municipality", "district", "commune", "country"}
ORG_TYPES = {
    "government", "ministry", "ministerial_agency", "government_agency", "steering_committee",
    "working_group", "peoples_committee", "peoples_council", "party_organ", "party_committee",
    "national_assembly", "court_procuracy", "front", "enterprise", "other",
}
ISO_CODE = re.compile(r"VN-(\d{2}|[A-Z]{2})")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # xsd:date, xsd:gYearMonth or xsd:gYear
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
    line: int | None = None  # where it (or its template) starts in bodies.yaml


@dataclass
class Title:
    id: str
    en: str
    category: str  # state | party
    body: str | None  # a body id, a template id, or an org type
    forms: dict[str, list[str]] = field(default_factory=dict)
    line: int | None = None


@dataclass
class Reference:
    areas: dict[str, Area]
    bodies: dict[str, Body]
    templates: dict[str, dict]
    titles: dict[str, Title]


def _open(path: Path, newline: str | None = None) -> IO[str]:
    """The file's text (UTF-8, a BOM allowed); bytes that are not UTF-8 name their line and column."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", path, line,
                         column) from None
    return io.StringIO(text, newline=newline)


def _yaml(path: Path) -> list[tuple[Any, int]]:
    """The entries of a YAML file whose top level is a list, each with the line it starts on."""
    try:
        with _open(path) as fh:
            text = fh.read()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when present: ~10x faster
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path,
                         mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError("expected a list of entries at the top level", path, 1)
    return [(entry, item.start_mark.line + 1) for entry, item in zip(data, node.value, strict=True)]


def _strings(value, what: str, path: Path, line: int | None) -> list[str]:
    """A YAML scalar or list of scalars as a list of strings."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    raise InputError(f"{what} must be a string or a list of strings, not {value!r}", path, line)


def _date(value, what: str, path: Path, line: int | None) -> str | None:
    """An ISO date, year-month or year (YAML may have parsed it already), checked."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    ok = DATE.fullmatch(text) is not None
    if ok and len(text) == 10:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            ok = False
    if ok and len(text) == 7:
        ok = 1 <= int(text[5:]) <= 12
    if not ok:
        raise InputError(f"{what} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", path, line)
    return text


def read_areas(path: Path) -> dict[str, Area]:
    try:
        return _read_areas(path)
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit
        raise InputError(f"not valid CSV: {exc}", path) from None


def _read_areas(path: Path) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    with _open(path, newline="") as fh:
        reader = csv.DictReader(fh, restval="")
        missing = [c for c in AREA_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
        for row in reader:
            line = reader.line_num
            if None in row:
                raise InputError(f"{len(reader.fieldnames or []) + len(row[None])} fields, the header has "
                                 f"{len(reader.fieldnames or [])}", path, line)
            aid = (row["id"] or "").strip()
            if not aid:
                raise InputError("empty id", path, line)
            if aid in areas:
                raise InputError(f"duplicate id {aid!r} (first on line {areas[aid].line})", path, line)
            level = row["level"].strip()
            if level not in AREA_LEVELS:
                raise InputError(f"unknown level {level!r}; expected one of {sorted(AREA_LEVELS)}", path, line)
            iso = row["iso_code"].strip() or None
            if iso and not ISO_CODE.fullmatch(iso):
                raise InputError(f"bad ISO 3166-2 code {iso!r}; expected VN- and two digits or letters", path, line)
            areas[aid] = Area(
                id=aid, level=level, name_en=row["name_en"].strip(), name_vi=row["name_vi"].strip(),
                iso_code=iso, parent_id=row["parent_id"].strip() or None,
                valid_from=_date(row["valid_from"], "valid_from", path, line),
                valid_until=_date(row["valid_until"], "valid_until", path, line),
                successor_ids=row["successor_ids"].split(), line=line,
                aliases=[a.strip() for a in row["aliases"].split("|") if a.strip()],
            )
    for a in areas.values():
        for ref in ([a.parent_id] if a.parent_id else []) + a.successor_ids:
            if ref not in areas:
                raise InputError(f"area {a.id!r} refers to unknown area {ref!r}", path, a.line)
    for a in areas.values():
        chain = [a.id]
        cur = a.parent_id
        while cur:
            if cur == a.id:
                raise InputError(f"cycle in the area hierarchy: {' -> '.join(chain + [cur])}", path, a.line)
            if cur in chain:
                break
            chain.append(cur)
            cur = areas[cur].parent_id
    return areas


def _expand_template(tpl: dict, area: Area, path: Path, line: int | None) -> Body:
    municipal = area.level == "municipality"

    def pick(key: str) -> str | None:
        text = tpl.get(f"{key}_municipal") if municipal and tpl.get(f"{key}_municipal") else tpl.get(key)
        if not text:
            return None
        # "Ho Chi Minh City People's Committee" keeps "City"; "Ủy ban nhân dân thành phố Hồ Chí Minh" does not
        vi_name = area.name_vi.removeprefix("Thành phố ").removeprefix("Tỉnh ")
        try:
            return str(text).format(area=area.name_en, area_vi=vi_name)
        except (KeyError, IndexError, ValueError) as exc:
            raise InputError(f"template {tpl['template']!r}: bad placeholder in {key} {text!r} ({exc}); "
                             "use {area} or {area_vi}", path, line) from None

    return Body(
        id=f"{tpl['template']}--{area.id}", type=tpl["type"], en=pick("en") or "", vi=pick("vi"),
        id_name=pick("id_name"), acronyms=_strings(tpl.get("acronyms"), "acronyms", path, line),
        parent=(f"{tpl['parent']}--{area.id}" if tpl.get("parent_is_template") else tpl.get("parent")),
        location=area.id, valid_from=area.valid_from, valid_until=area.valid_until, template=tpl["template"],
        line=line,
    )


def read_bodies(path: Path, areas: dict[str, Area]) -> tuple[dict[str, Body], dict[str, dict]]:
    bodies: dict[str, Body] = {}
    templates: dict[str, dict] = {}
    lines: dict[str, int | None] = {}
    for entry, line in _yaml(path):
        if not isinstance(entry, dict):
            raise InputError(f"expected a mapping, got {entry!r}", path, line)
        key = entry.get("template") or entry.get("id")
        if not key or not entry.get("type") or not entry.get("en"):
            raise InputError(f"entry {key!r} needs id (or template), type and en", path, line)
        if entry["type"] not in ORG_TYPES:
            raise InputError(f"unknown body type {entry['type']!r} for {key!r}", path, line)
        if key in bodies or key in templates:
            raise InputError(f"duplicate id {key!r}", path, line)
        if "template" in entry:
            templates[key] = entry
            lines[key] = line
            continue
        aliases = entry.get("aliases") or {}
        if not isinstance(aliases, dict):
            raise InputError(f"aliases of {key!r} must be a mapping of language to names", path, line)
        location = entry.get("location")
        if location is not None and location not in areas:
            raise InputError(f"body {key!r} is located in unknown area {location!r}", path, line)
        bodies[key] = Body(
            id=key, type=entry["type"], en=entry["en"], vi=entry.get("vi"), id_name=entry.get("id_name"),
            aliases={str(k): _strings(v, "aliases", path, line) for k, v in aliases.items()},
            acronyms=_strings(entry.get("acronyms"), "acronyms", path, line), parent=entry.get("parent"),
            location=location,
            valid_from=_date(entry.get("valid_from"), "valid_from", path, line),
            valid_until=_date(entry.get("valid_until"), "valid_until", path, line),
            replaced_by=_strings(entry.get("replaced_by"), "replaced_by", path, line), line=line,
        )
    for key, tpl in templates.items():
        if tpl.get("parent_is_template") and tpl.get("parent") not in templates:
            raise InputError(f"template {key!r} has parent template {tpl.get('parent')!r}, which is not defined",
                             path, lines[key])
        for area in areas.values():
            if area.level in ("province", "municipality"):
                body = _expand_template(tpl, area, path, lines[key])
                if body.id in bodies:
                    raise InputError(f"template {key!r} generates {body.id!r}, which is already defined",
                                     path, lines[key])
                bodies[body.id] = body
    for b in bodies.values():
        for ref in ([b.parent] if b.parent else []) + b.replaced_by:
            if ref not in bodies:
                raise InputError(f"body {b.id!r} refers to unknown body {ref!r}", path, b.line)
    _check_no_cycle(bodies, path)
    return bodies, templates


def _check_no_cycle(bodies: dict[str, Body], path: Path) -> None:
    """Reported at the first body (in file order) that is its own ancestor."""
    for start in bodies:
        seen = [start]
        cur = bodies[start].parent
        while cur and cur in bodies:
            if cur == start:
                raise InputError(f"cycle in the body hierarchy: {' -> '.join(seen + [cur])}", path,
                                 bodies[start].line)
            if cur in seen:  # a cycle above this body; reported at one of its members
                break
            seen.append(cur)
            cur = bodies[cur].parent


def read_titles(path: Path) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    for entry, line in _yaml(path):
        tid = entry.get("id") if isinstance(entry, dict) else None
        if not tid or not entry.get("en"):
            raise InputError(f"title entry {entry!r} needs id and en", path, line)
        if tid in titles:
            raise InputError(f"duplicate id {tid!r}", path, line)
        category = entry.get("category", "state")
        if category not in ("state", "party"):
            raise InputError(f"category must be state or party, not {category!r}", path, line)
        forms = entry.get("forms") or {}
        if not isinstance(forms, dict):
            raise InputError(f"forms of {tid!r} must be a mapping of language to names", path, line)
        titles[tid] = Title(id=tid, en=entry["en"], category=category, body=entry.get("body"),
                            forms={str(k): _strings(v, "forms", path, line) for k, v in forms.items()}, line=line)
    return titles


def _check_title_bodies(titles: dict[str, Title], bodies: dict[str, Body], templates: dict[str, dict],
                        path: Path) -> None:
    for t in titles.values():
        if t.body is not None and t.body not in bodies and t.body not in templates and t.body not in ORG_TYPES:
            raise InputError(f"title {t.id!r} names unknown body {t.body!r} (not a body id, template id or body type)",
                             path, t.line)


def load_reference(folder: Path | None = None) -> Reference:
    """Read and check every reference file; cached per folder."""
    return _load(str(folder or reference_dir()))


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> Reference:
    root = Path(folder)
    areas = read_areas(root / "areas.csv")
    bodies, templates = read_bodies(root / "bodies.yaml", areas)
    titles = read_titles(root / "titles.yaml")
    _check_title_bodies(titles, bodies, templates, root / "titles.yaml")
    return Reference(areas=areas, bodies=bodies, templates=templates, titles=titles)
