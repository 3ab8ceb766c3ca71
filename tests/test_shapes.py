"""Every shape has a passing and a failing fixture (tests/fixtures/shapes/), data-driven.

`<Shape>.pass.ttl` must give no result at all (no violation, no warning); `<Shape>.fail.ttl`
starts with `# expect: ...` lines, each a substring of a message the report must contain, and may
only fail through that node shape's own constraints. Each fixture is validated together with
`_world.ttl`, a small valid world it can point at. Together the failing fixtures must make every
constraint of shapes.ttl fire at least once, so no shape goes untested.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import SH

from kg.namespaces import GRAPH
from kg.rdfio import parse_turtle
from kg.resources import ontology_dir
from kg.validate import ValidationReport, shorten, validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
WORLD = FIXTURES / "_world.ttl"
EXPECT = "# expect:"


@cache
def shapes_graph():
    return parse_turtle(ontology_dir() / "shapes.ttl")


TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def targeted_shapes() -> set:
    g = shapes_graph()
    return {s for target in TARGETS for s in g.subjects(target, None)}


def node_shape_names() -> list[str]:
    return sorted(str(s).split("#")[-1] for s in targeted_shapes())


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_"))


def own_shapes(shape_name: str) -> set[str]:
    """The node shape and its property shapes, prefixed as the report writes them."""
    g = shapes_graph()
    node = next(s for s in targeted_shapes() if str(s).endswith("#" + shape_name))
    return {shorten(node)} | {shorten(p) for p in g.objects(node, SH.property)}


def expectations(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if not line.startswith(EXPECT):
            break
        out.append(line[len(EXPECT) :].strip())
    return out


def dataset(*paths: Path) -> Dataset:
    ds = Dataset()
    for path in paths:
        graph = ds.graph(GRAPH["doc/" + path.stem.replace(".", "-").lstrip("_")])
        for triple in parse_turtle(path):
            graph.add(triple)
    return ds


@cache
def report_for(path: Path) -> ValidationReport:
    return validate(dataset(WORLD, path))


def messages(report: ValidationReport) -> list[str]:
    return [p.message for e in report.entities for p in e.problems]


def test_world_is_valid():
    report = validate(dataset(WORLD))
    assert report.violations == 0 and report.warnings == 0, report.to_text()


def test_every_shape_has_both_fixtures():
    missing = [
        f"{name}.{kind}.ttl"
        for name in node_shape_names()
        for kind in ("pass", "fail")
        if not (FIXTURES / f"{name}.{kind}.ttl").is_file()
    ]
    assert missing == []


def test_every_fixture_belongs_to_a_shape():
    names = set(node_shape_names())
    strays = [p.name for p in fixture_files() if p.name.split(".")[0] not in names or p.name.count(".") != 2]
    assert strays == []
    assert len(fixture_files()) == 2 * len(names)


@pytest.mark.parametrize("path", [p for p in fixture_files() if p.name.endswith(".pass.ttl")], ids=lambda p: p.name)
def test_passing_fixture(path):
    assert not expectations(path), "a passing fixture expects nothing"
    report = report_for(path)
    assert report.conforms
    assert (report.violations, report.warnings) == (0, 0), report.to_text()


@pytest.mark.parametrize("path", [p for p in fixture_files() if p.name.endswith(".fail.ttl")], ids=lambda p: p.name)
def test_failing_fixture(path):
    expected = expectations(path)
    assert expected, f"{path.name} must start with '{EXPECT} <part of the message>'"
    report = report_for(path)
    assert report.violations + report.warnings > 0
    found = messages(report)
    for text in expected:
        assert any(text in m for m in found), f"no message contains {text!r}:\n{report.to_text()}"
    shape_name = path.name.split(".")[0]
    allowed = own_shapes(shape_name)
    strays = sorted({p.shape for e in report.entities for p in e.problems} - allowed)
    assert strays == [], f"{path.name} also fails other shapes:\n{report.to_text()}"


def test_failing_fixtures_make_every_constraint_fire():
    g = shapes_graph()
    speaking = {shorten(s) for s in g.subjects(SH.message, None)}
    fired = {
        p.shape
        for path in fixture_files()
        if path.name.endswith(".fail.ttl")
        for e in report_for(path).entities
        for p in e.problems
    }
    assert sorted(speaking - fired) == []


def test_failing_fixture_checks_every_message_it_triggers():
    """Each message a failing fixture triggers is also listed in its `# expect:` lines, so the
    header documents the whole fixture."""
    for path in fixture_files():
        if not path.name.endswith(".fail.ttl"):
            continue
        expected = expectations(path)
        unlisted = sorted({m for m in messages(report_for(path)) if not any(t in m for t in expected)})
        assert unlisted == [], path.name
