"""The reference data: reading and checking it (`kg.reference`), and its RDF (`kg.loaders.reference`).

XSD and SCHEMA are reached through their modules: as module-level names, pytest's collection would
probe them and rdflib would warn about the undefined attribute.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from kg import ids
from kg import namespaces as kgns
from kg.errors import InputError
from kg.loaders.reference import load_reference_graph, post_label, reference_graph
from kg.namespaces import ID, KG
from kg.reference import Area, Reference, load_reference, read_areas, read_bodies, read_titles
from kg.resources import project_root, reference_dir

FIXTURES = Path(__file__).parent / "fixtures" / "reference"
VALID = FIXTURES / "valid"
BAD = sorted(p for p in FIXTURES.glob("bad-*") if p.is_dir())
REAL_AREAS = reference_dir() / "areas.csv"

UNMERGED = {"hanoi", "hue", "lai-chau", "dien-bien", "son-la", "lang-son", "quang-ninh", "thanh-hoa", "nghe-an",
            "ha-tinh", "cao-bang"}


def valid_on(area: Area, day: str) -> bool:
    """A province or centrally-run city in force on `day` (ISO date)."""
    return (area.level in ("province", "municipality")
            and (area.valid_from is None or area.valid_from <= day)
            and (area.valid_until is None or day <= area.valid_until))


def labels(g: Graph, node: URIRef, prop: URIRef = SKOS.prefLabel) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for lit in g.objects(node, prop):
        assert isinstance(lit, Literal)
        out.setdefault(lit.language, []).append(str(lit))
    return {lang: sorted(texts) for lang, texts in out.items()}


def check_graph(g: Graph, ref: Reference) -> None:
    """What MODEL.md promises for any reference graph."""
    for triple in g:
        assert not any(isinstance(term, BNode) for term in triple), triple
    for s in set(g.subjects()):
        assert str(s).startswith(str(ID)), s
    nodes = ([ids.area(a) for a in ref.areas] + [ids.org(b) for b in ref.bodies] + [ids.role(t) for t in ref.titles])
    for node in nodes:
        pref = labels(g, node)
        assert len(pref.get("en", [])) == 1, (node, pref)
        assert all(len(v) == 1 for v in pref.values()), (node, pref)  # one prefLabel per language
        alt = {(text, lang) for lang, texts in labels(g, node, SKOS.altLabel).items() for text in texts}
        assert not alt & {(v[0], lang) for lang, v in pref.items()}, node  # SKOS: pref and alt disjoint


# --- bad input ---------------------------------------------------------------------------------------------------

def test_every_kind_of_bad_input_has_a_fixture():
    names = {p.name for p in BAD}
    assert {"bad-missing-column", "bad-duplicate-area-id", "bad-duplicate-body-id", "bad-iso-code", "bad-body-cycle",
            "bad-body-parent", "bad-area-parent", "bad-invalid-yaml", "bad-title-body"} <= names


@pytest.mark.parametrize("folder", BAD, ids=[p.name for p in BAD])
def test_bad_input_names_file_and_line(folder: Path):
    expected = (folder / "expected-error.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(InputError) as info:
        load_reference(folder)
    assert str(info.value) == f"{folder}/{expected}"
    assert info.value.line is not None


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match=r"areas\.csv: cannot read the file: No such file or directory"):
        load_reference(tmp_path)


def test_row_with_too_many_fields(tmp_path: Path):
    text = (VALID / "areas.csv").read_text(encoding="utf-8") + "extra,province,X,X,,vietnam,,,,,surplus\n"
    (tmp_path / "areas.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_areas(tmp_path / "areas.csv")
    assert str(info.value) == f"{tmp_path}/areas.csv:8: 11 fields, the header has 10"


# --- the fixture ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(VALID)


@pytest.fixture(scope="module")
def graph(ref: Reference) -> Graph:
    return reference_graph(ref)


def test_templates_are_expanded_per_province(ref: Reference):
    body = ref.bodies["provincial-peoples-committee--thanh-hoa"]
    assert body.en == "Thanh Hoa Provincial People's Committee"
    assert body.vi == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert body.id_name == "Komite Rakyat Provinsi Thanh Hoa"
    assert body.parent == "provincial-party-committee--thanh-hoa"
    assert body.location == "thanh-hoa"
    assert body.template == "provincial-peoples-committee"
    assert body.acronyms == ["UBND"]
    # a centrally-run city takes the _municipal forms
    hanoi = ref.bodies["provincial-peoples-committee--hanoi"]
    assert (hanoi.en, hanoi.vi, hanoi.id_name) == (
        "Hanoi People's Committee", "Ủy ban nhân dân thành phố Hà Nội", "Komite Rakyat Kota Hanoi")
    # generated bodies share their area's validity
    assert ref.bodies["provincial-party-committee--ha-giang"].valid_until == "2025-06-30"
    assert ref.bodies["provincial-party-committee--tuyen-quang-2025"].valid_from == "2025-07-01"
    # one body per province or city and template, none for the country
    generated = [b for b in ref.bodies.values() if b.template]
    assert len(generated) == 2 * 5
    assert "provincial-peoples-committee--vietnam" not in ref.bodies


def test_fixture_graph_keeps_the_model(ref: Reference, graph: Graph):
    check_graph(graph, ref)


def test_area_triples(graph: Graph):
    th = ids.area("thanh-hoa")
    assert (th, RDF.type, KG.AdministrativeArea) in graph
    assert (th, KG.areaLevel, KG.Province) in graph
    assert (th, KG.isoCode, Literal("VN-21")) in graph
    assert (th, KG.parentArea, ids.area("vietnam")) in graph
    assert labels(graph, th) == {"en": ["Thanh Hoa"], "vi": ["Thanh Hóa"]}
    assert labels(graph, th, SKOS.altLabel) == {"vi": ["Thanh Hoá"]}
    assert (ids.area("hanoi"), KG.areaLevel, KG.Municipality) in graph
    # "Hà Nội" is in the fixture's aliases but is already the prefLabel
    assert labels(graph, ids.area("hanoi"), SKOS.altLabel) == {"en": ["HN", "Ha Noi"], "id": ["Kota Hanoi"]}
    hg = ids.area("ha-giang")
    assert (hg, kgns.SCHEMA.validUntil, Literal("2025-06-30", datatype=rns.XSD.date)) in graph
    assert (hg, DCTERMS.isReplacedBy, ids.area("tuyen-quang-2025")) in graph
    assert (ids.area("tuyen-quang-2025"), kgns.SCHEMA.validFrom, Literal("2025-07-01", datatype=rns.XSD.date)) in graph
    assert (ids.area("vietnam"), KG.areaLevel, KG.Country) in graph


def test_body_triples(graph: Graph):
    moha = ids.org("ministry-of-home-affairs")
    assert (moha, RDF.type, ORG.Organization) in graph
    assert (moha, KG.orgType, KG.Ministry) in graph
    assert (moha, ORG.subOrganizationOf, ids.org("government")) in graph
    assert (moha, SKOS.notation, Literal("MOHA")) in graph
    assert labels(graph, moha) == {"en": ["Ministry of Home Affairs"], "vi": ["Bộ Nội vụ"],
                                   "id": ["Kementerian Dalam Negeri"]}
    pc = ids.org("provincial-peoples-committee--thanh-hoa")
    assert (pc, KG.orgType, KG.PeoplesCommittee) in graph
    assert (pc, KG.location, ids.area("thanh-hoa")) in graph
    assert (pc, ORG.subOrganizationOf, ids.org("provincial-party-committee--thanh-hoa")) in graph
    assert (ids.org("politburo"), kgns.SCHEMA.validFrom, Literal("1951-02", datatype=rns.XSD.gYearMonth)) in graph
    assert labels(graph, ids.org("politburo"), SKOS.altLabel) == {"id": ["Politbiro"]}


def test_role_and_post_triples(graph: Graph):
    pm = ids.role("prime-minister")
    assert set(graph.objects(pm, RDF.type)) == {ORG.Role, SKOS.Concept}
    assert (pm, SKOS.inScheme, KG.RoleScheme) in graph
    assert (pm, KG.roleCategory, KG.StateRole) in graph
    assert labels(graph, pm) == {"en": ["Prime Minister"], "vi": ["Thủ tướng Chính phủ"], "id": ["Perdana Menteri"]}
    assert labels(graph, pm, SKOS.altLabel) == {"en": ["Premier"], "vi": ["Thủ tướng"]}
    assert (ids.role("member-of-the-politburo"), KG.roleCategory, KG.PartyRole) in graph

    post = ids.post("prime-minister", "government")
    assert (post, RDF.type, ORG.Post) in graph
    assert (post, ORG.postIn, ids.org("government")) in graph
    assert (post, ORG.role, pm) in graph
    assert labels(graph, post) == {"en": ["Prime Minister of the Government"]}
    assert labels(graph, ids.post("member-of-the-politburo", "politburo")) == {"en": ["Member of the Politburo"]}
    # titles tied to a template or a body type get no post of their own
    assert set(graph.subjects(RDF.type, ORG.Post)) == {post, ids.post("member-of-the-politburo", "politburo")}


def test_post_label():
    assert post_label("Member of the Politburo", "Politburo of the Communist Party of Vietnam") == (
        "Member of the Politburo")
    assert post_label("Vice Chairman of the Provincial People's Committee",
                      "Thanh Hoa Provincial People's Committee") == (
        "Vice Chairman of the Thanh Hoa Provincial People's Committee")
    assert post_label("Deputy Head of a Steering Committee", "Government Steering Committee for PAR") == (
        "Deputy Head of the Government Steering Committee for PAR")
    assert post_label("Deputy Minister", "Ministry of Justice") == "Deputy Minister of Justice"
    assert post_label("Vice Chairman", "Thanh Hoa Provincial People's Committee") == (
        "Vice Chairman of the Thanh Hoa Provincial People's Committee")
    assert post_label("Member of the Politburo", "Politburo") == "Member of the Politburo"
    assert post_label("Chairman", "the National Assembly") == "Chairman of the National Assembly"


def test_graph_is_deterministic():
    first = sorted(load_reference_graph(VALID).serialize(format="nt").splitlines())
    second = sorted(reference_graph(load_reference(VALID)).serialize(format="nt").splitlines())
    assert first == second


# --- the real seeds ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_areas() -> dict[str, Area]:
    return read_areas(REAL_AREAS)


def test_real_areas_63_before_and_34_after_the_merger(real_areas: dict[str, Area]):
    assert len(real_areas) == 1 + 63 + 23
    assert sum(valid_on(a, "2025-01-15") for a in real_areas.values()) == 63
    assert sum(valid_on(a, "2025-07-01") for a in real_areas.values()) == 34
    assert sum(valid_on(a, "2025-06-30") for a in real_areas.values()) == 63
    assert list(real_areas) == ["vietnam", *sorted(set(real_areas) - {"vietnam"})]


def test_real_areas_content(real_areas: dict[str, Area]):
    assert real_areas["thanh-hoa"].iso_code == "VN-21"
    assert real_areas["hanoi"].iso_code == "VN-HN"
    assert real_areas["ho-chi-minh-city"].iso_code == "VN-SG"
    assert real_areas["ho-chi-minh-city"].name_vi == "Thành phố Hồ Chí Minh"
    assert {"HCMC", "Saigon", "TP.HCM"} <= set(real_areas["ho-chi-minh-city"].aliases)
    assert "Thừa Thiên Huế" in real_areas["hue"].aliases
    assert real_areas["hue"].level == "municipality"
    codes = [a.iso_code for a in real_areas.values() if a.iso_code]
    assert len(codes) == len(set(codes)) == 63
    for a in real_areas.values():
        if a.level == "country":
            continue
        assert a.parent_id == "vietnam"
        if a.id in UNMERGED:
            assert (a.valid_from, a.valid_until, a.successor_ids) == (None, None, []), a.id
        elif a.valid_until:  # merged on 2025-07-01
            assert a.valid_until == "2025-06-30"
            assert len(a.successor_ids) == 1
            assert real_areas[a.successor_ids[0]].valid_from == "2025-07-01"
        else:
            assert a.valid_from == "2025-07-01" and not a.iso_code, a.id
    assert real_areas["ha-giang"].successor_ids == ["tuyen-quang-2025"]
    assert real_areas["tuyen-quang"].successor_ids == ["tuyen-quang-2025"]
    assert real_areas["binh-duong"].successor_ids == ["ho-chi-minh-city-2025"]
    assert sum(1 for a in real_areas.values() if a.successor_ids) == 52


def test_areas_csv_is_what_the_script_makes():
    pytest.importorskip("vietnamadminunits", reason="the refdata extra is not installed")
    pytest.importorskip("pycountry", reason="the refdata extra is not installed")
    spec = importlib.util.spec_from_file_location("make_areas", project_root() / "scripts" / "make_areas.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.render(script.build_rows()) == REAL_AREAS.read_text(encoding="utf-8")


def test_real_areas_with_fixture_bodies_and_titles(real_areas: dict[str, Area]):
    bodies, templates = read_bodies(VALID / "bodies.yaml", real_areas)
    ref = Reference(areas=real_areas, bodies=bodies, templates=templates, titles=read_titles(VALID / "titles.yaml"))
    assert len([b for b in bodies.values() if b.template]) == 2 * 86
    assert bodies["provincial-peoples-committee--ho-chi-minh-city-2025"].en == "Ho Chi Minh City People's Committee"
    assert bodies["provincial-peoples-committee--ho-chi-minh-city"].vi == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    g = reference_graph(ref)
    check_graph(g, ref)
    assert (ids.area("thanh-hoa"), KG.isoCode, Literal("VN-21")) in g


def test_real_seeds_load():
    missing = [n for n in ("bodies.yaml", "titles.yaml") if not (reference_dir() / n).exists()]
    if missing:
        pytest.skip(f"seeds/reference/{' and '.join(missing)} not written yet")
    ref = load_reference()
    for template in ref.templates:
        assert f"{template}--thanh-hoa" in ref.bodies
        assert f"{template}--tuyen-quang-2025" in ref.bodies
    check_graph(load_reference_graph(), ref)
