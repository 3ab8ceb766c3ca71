"""A deterministic synthetic officials graph, shaped like the one `kg build` writes (ontology/MODEL.md).

The same `--triples` and `--seed` always give byte-identical output. The graph has one named
graph per synthetic source document (the document, its text spans, extraction run, persons,
holdings, events, directives, statistics and mentions) plus `graph/reference` (areas, bodies with
an `org:subOrganizationOf` hierarchy, roles and posts). IRIs are minted with `kg.ids`, so they
are the ones the loaders would mint.

`--triples` counts quads (a triple in two document graphs counts twice); generation stops at the
first document boundary at or past the target, so the result is a little over it.

    python bench/generate.py --triples 100000 -o /tmp/kg-100k.trig
    python bench/generate.py --triples 10000 --format nquads -o - | head
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import ids  # noqa: E402
from kg.namespaces import PREFIXES  # noqa: E402

NS = {p: iri for p, iri in PREFIXES.items()}
RDF_TYPE = ox.NamedNode(NS["rdf"] + "type")
GRAPH_BASE = "https://w3id.org/kg-vn/graph/"


def term(curie: str) -> ox.NamedNode:
    prefix, local = curie.split(":", 1)
    return ox.NamedNode(NS[prefix] + local)


def iri(uri) -> ox.NamedNode:
    return ox.NamedNode(str(uri))


def lang(text: str, tag: str) -> ox.Literal:
    return ox.Literal(text, language=tag)


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=term(datatype))


def plain(text: str) -> ox.Literal:
    return ox.Literal(text)


TRUE = typed("true", "xsd:boolean")

# --- vocabularies of names --------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Xuân", "Hồng", "Ngọc", "Công", "Đình", "Thế",
          "Trọng", "Kim", "Anh", "Tiến", "Quang"]
GIVEN = ["Bình", "Hòa", "Hùng", "Dũng", "Hải", "Long", "Nam", "Phúc", "Chính", "Thắng", "Tuấn", "Lan", "Hương",
         "Mai", "Hà", "Sơn", "Trung", "Khánh", "Cường", "Thành", "Vượng", "Huệ", "Ngân", "Phớc", "Lâm", "Quân",
         "Tâm", "Thủy", "Yến", "Đạt", "Vinh", "Hiếu"]

PROVINCES = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
             "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên",
             "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
             "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang",
             "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng",
             "Bạc Liêu", "Cà Mau", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Yên Bái",
             "Thái Nguyên", "Lạng Sơn", "Bắc Giang", "Phú Thọ", "Điện Biên", "Lai Châu", "Sơn La", "Hòa Bình",
             "Quảng Ninh", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
             "Vĩnh Phúc"]
MUNICIPALITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
SECTORS = [("Finance", "Tài chính"), ("Health", "Y tế"), ("Education and Training", "Giáo dục và Đào tạo"),
           ("Home Affairs", "Nội vụ"), ("Justice", "Tư pháp"), ("Industry and Trade", "Công Thương"),
           ("Agriculture and Rural Development", "Nông nghiệp và Phát triển nông thôn"),
           ("Natural Resources and Environment", "Tài nguyên và Môi trường"), ("Construction", "Xây dựng"),
           ("Transport", "Giao thông vận tải"), ("Information and Communications", "Thông tin và Truyền thông"),
           ("Planning and Investment", "Kế hoạch và Đầu tư"), ("Science and Technology", "Khoa học và Công nghệ"),
           ("Labour, Invalids and Social Affairs", "Lao động - Thương binh và Xã hội"),
           ("Culture, Sports and Tourism", "Văn hóa, Thể thao và Du lịch"), ("Foreign Affairs", "Ngoại giao")]
# (id, English, Vietnamese, category, applies to: national | ministry | provincial | department | party)
ROLES = [
    ("prime-minister", "Prime Minister", "Thủ tướng", "StateRole", "national"),
    ("deputy-prime-minister", "Deputy Prime Minister", "Phó Thủ tướng", "StateRole", "national"),
    ("minister", "Minister", "Bộ trưởng", "StateRole", "ministry"),
    ("deputy-minister", "Deputy Minister", "Thứ trưởng", "StateRole", "ministry"),
    ("chairman-pc", "Chairman", "Chủ tịch", "StateRole", "provincial"),
    ("vice-chairman-pc", "Vice Chairman", "Phó Chủ tịch", "StateRole", "provincial"),
    ("permanent-vice-chairman-pc", "Permanent Vice Chairman", "Phó Chủ tịch Thường trực", "StateRole", "provincial"),
    ("director", "Director", "Giám đốc", "StateRole", "department"),
    ("deputy-director", "Deputy Director", "Phó Giám đốc", "StateRole", "department"),
    ("secretary", "Secretary", "Bí thư", "PartyRole", "party"),
    ("deputy-secretary", "Deputy Secretary", "Phó Bí thư", "PartyRole", "party"),
    ("standing-committee-member", "Member of the Standing Committee", "Ủy viên Ban Thường vụ", "PartyRole", "party"),
    ("politburo-member", "Member of the Politburo", "Ủy viên Bộ Chính trị", "PartyRole", "national"),
    ("central-committee-member", "Member of the Party Central Committee", "Ủy viên Trung ương Đảng", "PartyRole",
     "national"),
    ("chairman-na", "Chairman of the National Assembly", "Chủ tịch Quốc hội", "StateRole", "national"),
]
ORG_TYPES = ["Government", "Ministry", "PeoplesCommittee", "PeoplesCouncil", "PartyCommittee", "GovernmentAgency",
             "SteeringCommittee", "WorkingGroup", "NationalAssembly", "PartyOrgan"]
STATUSES = ["Current", "Current", "Current", "Former", "Former", "Appointed", "Released", "Acting"]
EVENT_TYPES = ["Meeting", "Meeting", "Conference", "Appointment", "Signing", "OtherEvent"]
ACT_TYPES = ["Resolution", "Decision", "Directive", "Decree", "Law", "Programme", "Plan", "Conclusion", "Notice"]
ACT_CODES = {"Resolution": "NQ", "Decision": "QĐ", "Directive": "CT", "Decree": "NĐ", "Law": "L", "Programme": "CTr",
             "Plan": "KH", "Conclusion": "KL", "Notice": "TB"}
TOPICS = ["digital transformation", "public investment disbursement", "administrative reform", "flood prevention",
          "land clearance", "new rural development", "anti-corruption", "e-government", "social housing",
          "export growth", "vocational training", "health insurance", "expressway construction"]
UNITS = [("percent", "%"), ("electronic documents", "văn bản điện tử"), ("billion VND", "tỷ đồng"),
         ("households", "hộ"), ("hectares", "ha"), ("projects", "dự án")]
WORDS = ("hội nghị chính phủ tỉnh thành phố phát triển kinh tế xã hội nhiệm vụ giải pháp đầu tư công chuyển đổi số "
         "cải cách hành chính triển khai thực hiện nghị quyết chỉ đạo kết luận báo cáo đánh giá kết quả năm").split()


class Generator:
    """Builds the graphs; `quads()` gives them in a fixed order."""

    def __init__(self, target: int, seed: int = 42):
        self.target = target
        self.rng = random.Random(seed)
        self.graphs: dict[str, list[ox.Quad]] = {}
        self.count = 0
        self.classes: Counter[str] = Counter()
        scale = max(1.0, target / 10_000)
        # the reference graph grows with the target and stays ~10-20% of it
        self.n_provinces = max(4, min(len(PROVINCES), target // 1500))
        self.n_districts = min(700, int(5 * scale))
        self.n_depts = min(len(SECTORS), 1 + int(scale) // 4)  # departments under each provincial People's Committee
        self.n_persons = max(60, target // 140)
        self.n_acts = max(20, target // 1500)

    # --- writing ---------------------------------------------------------------------------

    def _graph(self, name: str) -> list[ox.Quad]:
        return self.graphs.setdefault(name, [])

    def emit(self, g: list[ox.Quad], gname: ox.NamedNode, s, p: str, o) -> None:
        g.append(ox.Quad(s, term(p), o, gname))

    def typed_node(self, g, gname, s, cls: str) -> None:
        g.append(ox.Quad(s, RDF_TYPE, term(cls), gname))
        self.classes[cls] += 1

    # --- reference data --------------------------------------------------------------------

    def reference(self) -> None:
        gname = ox.NamedNode(GRAPH_BASE + "reference")
        g = self._graph(gname.value)
        e = self.emit
        rng = self.rng
        self.areas: list[ox.NamedNode] = []
        country = iri(ids.area("vn"))
        self.typed_node(g, gname, country, "kg:AdministrativeArea")
        e(g, gname, country, "kg:areaLevel", term("kg:Country"))
        e(g, gname, country, "skos:prefLabel", lang("Viet Nam", "en"))
        e(g, gname, country, "skos:prefLabel", lang("Việt Nam", "vi"))
        provinces = []
        for i, name in enumerate(PROVINCES[: self.n_provinces]):
            a = iri(ids.area(name))
            provinces.append((name, a))
            self.typed_node(g, gname, a, "kg:AdministrativeArea")
            level = "kg:Municipality" if name in MUNICIPALITIES else "kg:Province"
            e(g, gname, a, "kg:areaLevel", term(level))
            e(g, gname, a, "skos:prefLabel", lang(name, "vi"))
            e(g, gname, a, "skos:prefLabel", lang(ids.fold(name).title(), "en"))
            e(g, gname, a, "kg:isoCode", plain(f"VN-{i + 1:02d}"))
            e(g, gname, a, "kg:parentArea", country)
            e(g, gname, a, "schema:validFrom", typed(f"{rng.choice([1976, 1989, 1997, 2004, 2008])}-01-01", "xsd:date"))
        self.areas = [a for _, a in provinces]
        districts = []
        for d in range(self.n_districts):
            pname, parent = provinces[d % len(provinces)]
            dname = f"Huyện {GIVEN[d % len(GIVEN)]} {d // len(GIVEN) + 1}"
            a = iri(ids.area(f"{pname} {dname}"))
            districts.append((pname, dname, a))
            self.typed_node(g, gname, a, "kg:AdministrativeArea")
            e(g, gname, a, "kg:areaLevel", term("kg:District"))
            e(g, gname, a, "skos:prefLabel", lang(dname, "vi"))
            e(g, gname, a, "skos:prefLabel", lang(ids.fold(dname).title() + " District", "en"))
            e(g, gname, a, "kg:parentArea", parent)
            self.areas.append(a)

        self.roles: dict[str, ox.NamedNode] = {}
        self.role_labels: dict[str, tuple[str, str]] = {}
        for rid, en, vi, cat, _scope in ROLES:
            r = iri(ids.role(rid))
            self.roles[rid] = r
            self.role_labels[rid] = (en, vi)
            self.typed_node(g, gname, r, "org:Role")
            e(g, gname, r, "rdf:type", term("skos:Concept"))
            e(g, gname, r, "skos:inScheme", term("kg:RoleScheme"))
            e(g, gname, r, "skos:prefLabel", lang(en, "en"))
            e(g, gname, r, "skos:prefLabel", lang(vi, "vi"))
            e(g, gname, r, "skos:altLabel", lang(en.lower(), "en"))
            e(g, gname, r, "kg:roleCategory", term(f"kg:{cat}"))

        # bodies: (key, en, vi, type, parent key, area, scope)
        bodies: list[tuple[str, str, str, str, str | None, ox.NamedNode | None, str]] = [
            ("government", "Government of Viet Nam", "Chính phủ", "Government", None, country, "national"),
            ("politburo", "Politburo", "Bộ Chính trị", "PartyOrgan", None, country, "national"),
            ("central-committee", "Party Central Committee", "Ban Chấp hành Trung ương Đảng", "PartyOrgan", None,
             country, "national"),
            ("national-assembly", "National Assembly", "Quốc hội", "NationalAssembly", None, country, "national"),
        ]
        for en, vi in SECTORS[: max(4, self.n_depts)]:
            bodies.append((f"ministry-of-{en}", f"Ministry of {en}", f"Bộ {vi}", "Ministry", "government", country,
                           "ministry"))
        for pname, a in provinces:
            fen = ids.fold(pname).title()
            pc = f"pc-{pname}"
            bodies.append((pc, f"{fen} People's Committee", f"Ủy ban nhân dân tỉnh {pname}", "PeoplesCommittee",
                           "government", a, "provincial"))
            bodies.append((f"council-{pname}", f"{fen} People's Council", f"Hội đồng nhân dân tỉnh {pname}",
                           "PeoplesCouncil", "national-assembly", a, "provincial"))
            bodies.append((f"party-{pname}", f"{fen} Provincial Party Committee", f"Tỉnh ủy {pname}", "PartyCommittee",
                           "central-committee", a, "party"))
            for en, vi in SECTORS[: self.n_depts]:
                bodies.append((f"dept-{en}-{pname}", f"{fen} Department of {en}", f"Sở {vi} tỉnh {pname}",
                               "GovernmentAgency", pc, a, "department"))
        for pname, dname, a in districts:
            fen = ids.fold(dname).title()
            bodies.append((f"pc-{pname}-{dname}", f"{fen} District People's Committee",
                           f"Ủy ban nhân dân {dname}", "PeoplesCommittee", f"pc-{pname}", a, "provincial"))
        for i in range(max(3, self.target // 20_000)):
            topic = TOPICS[i % len(TOPICS)]
            bodies.append((f"steering-{i}", f"Steering Committee for {topic} {i}", f"Ban Chỉ đạo {topic} {i}",
                           "SteeringCommittee", "government", country, "department"))

        self.bodies: list[tuple[str, ox.NamedNode, str, str, str]] = []  # key, iri, en, vi, scope
        self.posts: list[tuple[ox.NamedNode, str, str, ox.NamedNode, str]] = []  # post, role id, body key, body, en
        for key, en, vi, otype, parent, area, scope in bodies:
            b = iri(ids.org(key))
            self.bodies.append((key, b, en, vi, scope))
            self.typed_node(g, gname, b, "org:Organization")
            e(g, gname, b, "kg:orgType", term(f"kg:{otype}"))
            e(g, gname, b, "skos:prefLabel", lang(en, "en"))
            e(g, gname, b, "skos:prefLabel", lang(vi, "vi"))
            e(g, gname, b, "skos:prefLabel", lang(ids.fold(vi).title(), "id"))
            e(g, gname, b, "skos:altLabel", lang(ids.fold(vi), "en"))
            if otype in ("Ministry", "PeoplesCommittee"):
                e(g, gname, b, "skos:notation", plain("".join(w[0] for w in en.split() if w[0].isupper())))
            if parent is not None:
                e(g, gname, b, "org:subOrganizationOf", iri(ids.org(parent)))
            if area is not None:
                e(g, gname, b, "kg:location", area)
            if rng.random() < 0.1:
                e(g, gname, b, "schema:validFrom", self.date(rng, 1990, 2015))
            for rid, ren, _rvi, _cat, rscope in ROLES:
                if rscope != scope or (key != "government" and rid in ("prime-minister", "deputy-prime-minister")):
                    continue
                if rscope == "national" and key not in ("government", "politburo", "central-committee",
                                                         "national-assembly"):
                    continue
                p = iri(ids.post(rid, key))
                label = f"{ren} of the {en}"
                self.posts.append((p, rid, key, b, label))
                self.typed_node(g, gname, p, "org:Post")
                e(g, gname, p, "org:postIn", b)
                e(g, gname, p, "org:role", self.roles[rid])
                e(g, gname, p, "skos:prefLabel", lang(label, "en"))
        self.count += len(g)

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def date(rng: random.Random, lo: int, hi: int, precision: str | None = None) -> ox.Literal:
        """A date of mixed precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
        y, m, d = rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)
        precision = precision or rng.choices(["date", "month", "year"], weights=[5, 3, 2])[0]
        if precision == "date":
            return typed(f"{y}-{m:02d}-{d:02d}", "xsd:date")
        if precision == "month":
            return typed(f"{y}-{m:02d}", "xsd:gYearMonth")
        return typed(str(y), "xsd:gYear")

    def person_pool(self) -> None:
        rng = self.rng
        seen: set[str] = set()
        self.persons: list[tuple[str, str, ox.NamedNode]] = []
        while len(self.persons) < self.n_persons:
            fam = rng.choice(FAMILY)
            mids = rng.sample(MIDDLE, rng.choice([1, 1, 2]))
            vi = " ".join([fam, *mids, rng.choice(GIVEN)])
            ascii_name = ids.fold(vi).title()
            if ascii_name in seen:
                continue
            seen.add(ascii_name)
            self.persons.append((vi, ascii_name, iri(ids.person(ascii_name))))

    def act_pool(self) -> None:
        rng = self.rng
        self.acts: list[tuple[ox.NamedNode, str, str, str]] = []  # iri, local id, type, English title
        for i in range(self.n_acts):
            atype = rng.choice(ACT_TYPES)
            topic = rng.choice(TOPICS)
            local = f"{i + 1}-{ACT_CODES[atype]}/{rng.choice(['TW', 'CP', 'TTg', 'UBND'])}"
            self.acts.append((iri(ids.act(local)), local, atype, f"{atype} on {topic}"))

    # --- one document ----------------------------------------------------------------------

    def document(self, n: int) -> None:
        rng = self.rng
        key = f"synthetic-{n:06d}"
        gname = iri(ids.document_graph(key))
        g = self._graph(gname.value)
        e = self.emit
        doc = iri(ids.document(key))
        run = iri(ids.mint("run", key, "0" * 12))
        language = rng.choices(["vi", "en", "id"], weights=[3, 5, 2])[0]
        published = self.date(rng, 2015, 2025, "date")
        year = int(published.value[:4])

        persons = rng.sample(self.persons, rng.randint(2, 7))
        bodies = rng.sample(self.bodies, rng.randint(2, 5))
        sentences: list[tuple[str, str, object]] = []  # (kind, text, payload)
        for vi, ascii_name, p in persons:
            post = rng.choice(self.posts)
            title = post[4]
            name = vi if language == "vi" else ascii_name
            sentences.append(("holding", f"{name}, {title}, " + " ".join(rng.choices(WORDS, k=12)) + ".",
                              (vi, ascii_name, p, post)))
        for _key_b, b, en, vi_b, _ in bodies:
            sentences.append(("body", f"{vi_b if language == 'vi' else en} " + " ".join(rng.choices(WORDS, k=10)) + ".",
                              b))
        n_events = rng.randint(1, 2)
        n_stats = rng.randint(0, 3)
        n_acts = rng.randint(0, 2)
        for i in range(n_events):
            sentences.append(("event", "Hội nghị " + " ".join(rng.choices(WORDS, k=14)) + ".", i))
        for i in range(n_stats):
            sentences.append(("stat", "Kết quả " + " ".join(rng.choices(WORDS, k=8)) + f" {rng.randint(1, 999)},"
                              f"{rng.randint(0, 9)} %.", i))
        acts = rng.sample(self.acts, n_acts)
        for a in acts:
            sentences.append(("act", f"Theo {a[2]} số {a[1]} " + " ".join(rng.choices(WORDS, k=8)) + ".", a))

        text = ""
        spans: list[tuple[ox.NamedNode, str, object]] = []
        for kind, sent, payload in sentences:
            if text:
                text += " "
            start = len(text)
            text += sent
            s = iri(ids.span(key, start, len(text)))
            spans.append((s, kind, payload))
            self.typed_node(g, gname, s, "kg:TextSpan")
            e(g, gname, s, "oa:hasSource", doc)
            e(g, gname, s, "oa:exact", plain(sent))
            e(g, gname, s, "oa:start", typed(str(start), "xsd:integer"))
            e(g, gname, s, "oa:end", typed(str(len(text)), "xsd:integer"))

        self.typed_node(g, gname, doc, "kg:SourceDocument")
        e(g, gname, doc, "kg:fileName", plain(f"{key}.txt"))
        e(g, gname, doc, "schema:url", typed(f"https://example.org/news/{key}.html", "xsd:anyURI"))
        e(g, gname, doc, "dcterms:language", plain(language))
        e(g, gname, doc, "schema:datePublished", published)
        e(g, gname, doc, "dcterms:title", lang(" ".join(rng.choices(WORDS, k=9)).capitalize(), "vi"))
        e(g, gname, doc, "kg:sha256", plain(hashlib.sha256(text.encode("utf-8")).hexdigest()))
        e(g, gname, doc, "kg:isMachineTranslation", typed("true" if language == "en" else "false", "xsd:boolean"))
        if language == "en":
            e(g, gname, doc, "kg:translatedFrom", plain("vi"))
        e(g, gname, doc, "schema:text", plain(text))
        self.typed_node(g, gname, run, "prov:Activity")
        e(g, gname, run, "prov:used", doc)
        e(g, gname, run, "kg:extractorVersion", plain("0.1.0"))

        def provenance(node, span, method: str) -> None:
            e(g, gname, node, "prov:wasDerivedFrom", span)
            e(g, gname, node, "prov:wasGeneratedBy", run)
            e(g, gname, node, "kg:confidence", typed(f"0.{rng.randint(50, 99)}", "xsd:decimal"))
            e(g, gname, node, "kg:method", plain(method))
            if rng.random() < 0.1:
                e(g, gname, node, "kg:inferred", TRUE)

        holdings = []
        for s, kind, payload in spans:
            if kind == "holding":
                vi, ascii_name, p, (post, rid, bkey, body, title) = payload
                self.typed_node(g, gname, p, "foaf:Person")
                e(g, gname, p, "skos:prefLabel", lang(vi, "vi"))
                e(g, gname, p, "skos:prefLabel", lang(ascii_name, "en"))
                e(g, gname, p, "foaf:name", plain(ascii_name))
                if rng.random() < 0.2:
                    e(g, gname, p, "skos:altLabel", lang("Đồng chí " + vi, "vi"))
                e(g, gname, p, "kg:mentionedIn", s)
                h = iri(ids.mint("holding", ascii_name, rid, bkey, key))
                holdings.append((h, p))
                self.typed_node(g, gname, h, "org:Membership")
                e(g, gname, h, "org:member", p)
                e(g, gname, h, "opengov:post", post)
                e(g, gname, h, "org:organization", body)
                e(g, gname, h, "org:role", self.roles[rid])
                start = self.date(rng, 2005, year)
                e(g, gname, h, "schema:validFrom", start)
                status = rng.choice(STATUSES)
                if status in ("Former", "Released") or rng.random() < 0.15:
                    e(g, gname, h, "schema:validUntil", self.date(rng, int(start.value[:4]), min(year + 1, 2025)))
                e(g, gname, h, "kg:attestedOn", published)
                e(g, gname, h, "kg:holdingStatus", term(f"kg:{status}"))
                en, vi_title = self.role_labels[rid]
                e(g, gname, h, "kg:titleAsWritten", lang(vi_title if language == "vi" else en, language))
                e(g, gname, h, "skos:prefLabel", lang(title, "en"))
                provenance(h, s, "title-before-name")
            elif kind == "body":
                e(g, gname, doc, "kg:mentions", payload)
                e(g, gname, payload, "kg:mentionedIn", s)
            elif kind == "event":
                ev = iri(ids.mint("event", key, str(payload + 1)))
                self.typed_node(g, gname, ev, "schema:Event")
                e(g, gname, ev, "kg:eventType", term(f"kg:{rng.choice(EVENT_TYPES)}"))
                topic = rng.choice(TOPICS)
                e(g, gname, ev, "schema:name", lang(f"Meeting on {topic}", "en"))
                e(g, gname, ev, "schema:description", lang(" ".join(rng.choices(WORDS, k=20)), "vi"))
                e(g, gname, ev, "schema:startDate", published if rng.random() < 0.8 else self.date(rng, year - 1, year))
                if rng.random() < 0.2:
                    e(g, gname, ev, "kg:dateInferred", TRUE)
                e(g, gname, ev, "schema:organizer", bodies[0][1])
                chair_h, chair = holdings[0] if holdings else (None, persons[0][2])
                e(g, gname, ev, "kg:chair", chair)
                if chair_h is not None:
                    e(g, gname, ev, "kg:chairCapacity", chair_h)
                for _vi, _a, p in persons:
                    e(g, gname, ev, "schema:attendee", p)
                e(g, gname, ev, "schema:location", rng.choice(self.areas))
                if rng.random() < 0.3:
                    e(g, gname, ev, "kg:connectionPoint", rng.choice(self.areas))
                e(g, gname, ev, "kg:ordinal", typed(str(rng.randint(1, 12)), "xsd:integer"))
                for a in acts:
                    e(g, gname, ev, "schema:about", a[0])
                e(g, gname, ev, "kg:topic", plain(topic))
                provenance(ev, s, "meeting-sentence")
            elif kind == "stat":
                st = iri(ids.mint("stat", key, str(payload + 1)))
                self.typed_node(g, gname, st, "kg:Statistic")
                unit, unit_vi = rng.choice(UNITS)
                whole, frac = rng.randint(1, 99_999), rng.randint(0, 9)
                e(g, gname, st, "schema:value", typed(f"{whole}.{frac}", "xsd:decimal"))
                e(g, gname, st, "kg:valueAsWritten", lang(f"{whole:,}".replace(",", ".") + f",{frac} {unit_vi}", "vi"))
                e(g, gname, st, "schema:unitText", plain(unit))
                e(g, gname, st, "kg:measures", plain(rng.choice(TOPICS)))
                e(g, gname, st, "kg:period", plain(str(year)))
                if rng.random() < 0.7:
                    e(g, gname, st, "kg:about", rng.choice([bodies[0][1], rng.choice(self.areas)]))
                provenance(st, s, "number-with-unit")
            elif kind == "act":
                a, local, atype, title = payload
                self.typed_node(g, gname, a, "eli:LegalResource")
                e(g, gname, a, "eli:id_local", plain(local))
                e(g, gname, a, "eli:type_document", term(f"kg:{atype}"))
                e(g, gname, a, "eli:title", lang(title, "en"))
                e(g, gname, a, "eli:title", lang(f"{atype} số {local}", "vi"))
                e(g, gname, a, "kg:titleAsWritten", lang(f"{atype} số {local}", "vi"))
                e(g, gname, a, "eli:passed_by", rng.choice(self.bodies[:20])[1])
                e(g, gname, a, "eli:date_document", self.date(rng, 2010, year))
                if rng.random() < 0.4:
                    start = rng.randint(2016, 2026)
                    e(g, gname, a, "kg:periodStart", typed(str(start), "xsd:gYear"))
                    e(g, gname, a, "kg:periodEnd", typed(str(start + 5), "xsd:gYear"))
                if rng.random() < 0.2:
                    e(g, gname, a, "kg:implements", rng.choice(self.acts)[0])
                provenance(a, s, "act-number")
        g[:] = dict.fromkeys(g)  # the same triple twice in one graph is one quad
        self.count += len(g)

    def run(self) -> Generator:
        self.reference()
        self.person_pool()
        self.act_pool()
        n = 0
        while self.count < self.target:
            n += 1
            self.document(n)
        self.n_documents = n
        return self

    def quads(self) -> list[ox.Quad]:
        return [q for name in self.graphs for q in self.graphs[name]]


def generate(triples: int, seed: int = 42) -> Generator:
    return Generator(triples, seed).run()


def write(quads: list[ox.Quad], path: Path | str, fmt: str) -> None:
    rdf_format = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[fmt]
    prefixes = PREFIXES if fmt == "trig" else None
    data = ox.serialize(quads, format=rdf_format, prefixes=prefixes)
    if str(path) == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(path).write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000, help="target number of quads (default 100000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--format", choices=["trig", "nquads"], default="trig")
    ap.add_argument("-o", "--output", default="-", help="file to write, - for stdout (default)")
    args = ap.parse_args(argv)
    gen = generate(args.triples, args.seed)
    write(gen.quads(), args.output, args.format)
    print(f"{gen.count} quads in {len(gen.graphs)} graphs ({gen.n_documents} documents); "
          + ", ".join(f"{c} {n}" for c, n in sorted(gen.classes.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
