"""Titles held by persons (kg.extract.roles) and the bodies an article names (kg.extract.orgs)."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.model import Extraction
from kg.reference import load_reference


def extract(text: str, document: str = "t.txt") -> Extraction:
    ex = extract_article(text, document)
    for r in ex.roles:
        assert r.title_span is not None and text[r.title_span.start:r.title_span.end] == r.title == r.title_span.quote
        if r.org_span is not None:
            assert text[r.org_span.start:r.org_span.end] == r.org_span.quote
        assert text[r.span.start:r.span.end] == r.span.quote
        assert 0 < r.confidence <= 1
    for o in ex.organizations:
        for m in o.mentions:
            assert text[m.start:m.end] == m.quote
    return ex


def roles_of(ex: Extraction, key: str) -> list[tuple]:
    return [(r.title, r.normalized_title, r.role_id, r.organization.normalized if r.organization else None)
            for r in ex.roles if r.person == key]


def orgs(ex: Extraction) -> list[str]:
    return [o.ref.normalized for o in ex.organizations]


# ------------------------------------------------------------------------------------------ apposition
def test_apposition_list_of_titles_indonesian():
    ex = extract("Bahasa Indonesia: Pada sore hari tanggal 3 Maret, Kamerad Tran Van Phuc , anggota Politbiro, "
                 "Wakil Perdana Menteri Tetap, Kepala Komite Pengarah Pemerintah untuk Reformasi Administratif (PAR) "
                 "memimpin rapat.")
    assert roles_of(ex, "tran van phuc") == [
        ("anggota Politbiro", "Member of the Politburo", "politburo-member",
         "Politburo of the Communist Party of Vietnam"),
        ("Wakil Perdana Menteri Tetap", "Permanent Deputy Prime Minister", "permanent-deputy-prime-minister",
         "Government of Vietnam"),
        ("Kepala Komite Pengarah Pemerintah untuk Reformasi Administratif (PAR)",
         "Head of the Government Steering Committee for Public Administration Reform", "head-steering-committee",
         "Government Steering Committee for Public Administration Reform"),
    ]
    categories = {r.title: r.category for r in ex.roles}
    assert categories["anggota Politbiro"] == "party"
    assert categories["Wakil Perdana Menteri Tetap"] == "state"


def test_apposition_english_with_province():
    ex = extract("Language: en\n\nNong Van Son, Secretary of the Ha Tinh Provincial Party Committee, and "
                 "Vo Trong Hai, Chairman of the Ha Tinh People's Committee, welcomed the delegation.")
    assert roles_of(ex, "nong van son") == [
        ("Secretary of the Ha Tinh Provincial Party Committee", "Secretary of the Provincial Party Committee",
         "secretary-provincial-party-committee", "Ha Tinh Provincial Party Committee")]
    assert roles_of(ex, "vo trong hai") == [
        ("Chairman of the Ha Tinh People's Committee", "Chairman of the Provincial People's Committee",
         "chairman-provincial-peoples-committee", "Ha Tinh Provincial People's Committee")]
    party = [r for r in ex.roles if r.person == "nong van son"][0]
    assert party.category == "party"
    assert party.organization.location == "Ha Tinh"
    assert party.organization.parent == "Communist Party of Vietnam"


def test_apposition_vietnamese_chain_with_province_from_context():
    ex = extract("Đồng chí Hoàng Trung Dũng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Hà Tĩnh chủ trì. Đồng chí "
                 "Trần Báu Hà, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh dự.")
    assert [r[2] for r in roles_of(ex, "hoang trung dung")] == [
        "central-committee-member", "secretary-provincial-party-committee"]
    assert roles_of(ex, "tran bau ha") == [
        ("Phó Bí thư Tỉnh ủy", "Deputy Secretary of the Provincial Party Committee",
         "deputy-secretary-provincial-party-committee", "Ha Tinh Provincial Party Committee"),
        ("Chủ tịch UBND tỉnh", "Chairman of the Provincial People's Committee",
         "chairman-provincial-peoples-committee", "Ha Tinh Provincial People's Committee")]


# ------------------------------------------------------------------------------------------ title before name
@pytest.mark.parametrize("text, key, expected", [
    ("Language: en\n\nMinister of Home Affairs Pham Thi Thanh Tra opened the conference.", "pham thi thanh tra",
     ("Minister of Home Affairs", "Minister of Home Affairs", "minister", "Ministry of Home Affairs")),
    ("Bahasa Indonesia: Menteri Dalam Negeri Pham Thi Thanh Tra membuka konferensi.", "pham thi thanh tra",
     ("Menteri Dalam Negeri", "Minister of Home Affairs", "minister", "Ministry of Home Affairs")),
    ("Thứ trưởng Bộ Tài chính Đỗ Thành Trung cho biết.", "do thanh trung",
     ("Thứ trưởng Bộ Tài chính", "Deputy Minister of Finance", "deputy-minister", "Ministry of Finance")),
    ("Language: en\n\nDeputy Prime Minister Tran Hong Ha chaired the meeting.", "tran hong ha",
     ("Deputy Prime Minister", "Deputy Prime Minister", "deputy-prime-minister", "Government of Vietnam")),
    ("Bahasa Indonesia: Gubernur Bank Negara Vietnam Nguyen Thi Hong melaporkan.", "nguyen thi hong",
     ("Gubernur Bank Negara Vietnam", "Governor of the State Bank of Vietnam", "governor-state-bank",
      "State Bank of Vietnam")),
    ("Trưởng Ban Tổ chức Trung ương Lê Minh Hưng phát biểu.", "le minh hung",
     ("Trưởng Ban Tổ chức Trung ương", "Head of the Central Organisation Commission", "head-party-commission",
      "Central Organisation Commission")),
])
def test_title_before_name(text, key, expected):
    assert roles_of(extract(text), key) == [expected]


def test_provincial_title_before_name_takes_the_main_province():
    ex = extract("Sáng 12/4, UBND tỉnh Thái Bình tổ chức hội nghị. Phó Chủ tịch UBND tỉnh Đậu Thanh Tùng phát biểu.")
    assert ex.meta.main_area == "thai-binh"
    assert roles_of(ex, "dau thanh tung") == [
        ("Phó Chủ tịch UBND tỉnh", "Vice Chairman of the Provincial People's Committee",
         "vice-chairman-provincial-peoples-committee", "Thai Binh Provincial People's Committee")]


def test_main_province_from_source_domain():
    raw = ("Bahasa Indonesia: Kamerad Le Duc Giang, anggota Komite Partai Provinsi, Wakil Ketua Komite Rakyat "
           "Provinsi hadir.\nSumber: https://baothanhhoa.vn/abc-123.htm")
    ex = extract(raw)
    assert ex.meta.main_area == "thanh-hoa"
    assert [r[3] for r in roles_of(ex, "le duc giang")] == [
        "Thanh Hoa Provincial Party Committee", "Thanh Hoa Provincial People's Committee"]


def test_chain_of_titles_before_name_and_english_body_before_post_word():
    ex = extract("Language: en\n\nPolitburo member and NA Chairman Tran Thanh Man presided over the meeting.")
    assert [r[2] for r in roles_of(ex, "tran thanh man")] == ["na-chairman", "politburo-member"]


def test_a_title_followed_by_another_name_is_that_persons():
    ex = extract("Language: en\n\nMinister of Justice Nguyen Hai Ninh, Deputy Minister of Justice Dang Hoang Oanh "
                 "and others attended.")
    assert [r[2] for r in roles_of(ex, "nguyen hai ninh")] == ["minister"]
    assert [r[2] for r in roles_of(ex, "dang hoang oanh")] == ["deputy-minister"]


# ------------------------------------------------------------------------------------------ lists
def test_names_joined_by_and_share_the_titles_after_them():
    ex = extract("Bahasa Indonesia: Turut hadir Kamerad Le Ngoc Son dan Hoang Thi Mai Lan, anggota Komite Partai "
                 "Provinsi, Wakil Ketua Komite Rakyat Provinsi Ha Tinh.")
    for key in ("le ngoc son", "hoang thi mai lan"):
        assert [r[2] for r in roles_of(ex, key)] == [
            "member-provincial-party-committee", "vice-chairman-provincial-peoples-committee"], key


def test_plural_english_title_before_a_list():
    ex = extract("Language: en\n\nAttending were Deputy Prime Ministers Tran Hong Ha, Le Thanh Long and "
                 "Bui Thanh Son.")
    for key in ("tran hong ha", "le thanh long", "bui thanh son"):
        assert roles_of(ex, key) == [("Deputy Prime Ministers", "Deputy Prime Minister", "deputy-prime-minister",
                                      "Government of Vietnam")], key


# ------------------------------------------------------------------------------------------ status, repeats
@pytest.mark.parametrize("text, status", [
    ("Language: en\n\nFormer Deputy Prime Minister Vu Duc Dam attended.", "former"),
    ("Bahasa Indonesia: Kamerad Vuong Dinh Hue, mantan Ketua Majelis Nasional, hadir.", "former"),
    ("Nguyên Bộ trưởng Bộ Y tế Nguyễn Thị Kim Tiến dự.", "former"),
    ("Language: en\n\nActing Minister of Health Do Xuan Tuyen spoke.", "acting"),
    ("Quyền Bộ trưởng Bộ Y tế Đỗ Xuân Tuyên phát biểu.", "acting"),
    ("Bahasa Indonesia: Plt. Ketua Komite Rakyat Provinsi Ha Tinh Nguyen Hong Linh hadir.", "acting"),
    ("Ông Phạm Đức Hạnh, Phó Giám đốc Sở Tài chính, được bổ nhiệm giữ chức Giám đốc Sở Tài chính tỉnh Thái Bình.",
     "appointed"),
    ("Language: en\n\nMinister of Finance Nguyen Van Thang spoke.", "current"),
])
def test_status(text, status):
    assert [r.status for r in extract(text).roles][-1:] == [status]


def test_repeated_title_gives_one_role_and_the_more_specific_title_wins():
    ex = extract("Bahasa Indonesia: Wakil Perdana Menteri Tetap Nguyen Hoa Binh berbicara. Wakil Perdana Menteri "
                 "Tetap Nguyen Hoa Binh menegaskan. Wakil Perdana Menteri Nguyen Hoa Binh juga meminta.")
    assert roles_of(ex, "nguyen hoa binh") == [
        ("Wakil Perdana Menteri Tetap", "Permanent Deputy Prime Minister", "permanent-deputy-prime-minister",
         "Government of Vietnam")]


def test_titles_without_a_person_make_no_role():
    ex = extract("Bahasa Indonesia: Wakil Perdana Menteri meminta kementerian dan daerah untuk bekerja.")
    assert ex.roles == []


# ------------------------------------------------------------------------------------------ unknown titles
def test_unknown_body_with_a_title_shape_is_kept_with_low_confidence():
    ex = extract("Language: en\n\nNguyen Van Hieu, Director of the Hanoi Department of Tourism, attended.")
    [r] = ex.roles
    assert r.role_id is None
    assert r.confidence <= 0.5
    assert r.title == "Director of the Hanoi Department of Tourism"
    assert r.organization.ref_id is None


def test_unknown_title_never_gets_a_wrong_canonical_title():
    ex = extract("Language: en\n\nAmbassador Pham Quang Hieu and Head of the Dong Da District Inspection Team "
                 "Tran Thi Lan attended.")
    assert all(r.role_id is None and r.confidence <= 0.5 for r in ex.roles)


def test_a_possessive_body_is_not_the_body_of_the_title():
    ex = extract("Language: en\n\nLe Hoai Trung, Chief of the Party Central Committee's Office, attended.")
    assert [(r[1], r[3]) for r in roles_of(ex, "le hoai trung")] == [
        ("Head of the Office of the Party Central Committee", "Office of the Party Central Committee")]


# ------------------------------------------------------------------------------------------ bodies
def test_generic_words_make_no_bodies():
    ex = extract("Bahasa Indonesia: Pemerintah dan Perdana Menteri meminta kementerian, cabang, dan daerah serta "
                 "pemerintah daerah untuk membangun e-Government dan Pemerintahan digital.")
    assert orgs(ex) == ["Government of Vietnam"]
    assert [m.quote for m in ex.organizations[0].mentions] == ["Pemerintah"]


def test_bodies_by_name_acronym_and_in_titles():
    ex = extract("Bahasa Indonesia: Kamerad Dau Van Hai, anggota Komite Partai Provinsi, Wakil Ketua Komite Rakyat "
                 "Provinsi hadir di Markas Besar Komite Rakyat Provinsi Thanh Hoa. Kementerian Dalam Negeri—lembaga "
                 "tetap Komite Pengarah Reformasi Administrasi (PAR)—melapor. Anggota Komite Pengarah setuju. "
                 "Kebijakan Partai dan Pemerintah diikuti.")
    assert orgs(ex) == [
        "Thanh Hoa Provincial Party Committee", "Thanh Hoa Provincial People's Committee", "Ministry of Home Affairs",
        "Government Steering Committee for Public Administration Reform", "Communist Party of Vietnam",
        "Government of Vietnam"]
    steering = [o for o in ex.organizations if o.ref.type == "steering_committee"][0]
    assert [m.quote for m in steering.mentions] == ["Komite Pengarah Reformasi Administrasi (PAR)", "Komite Pengarah"]
    ppc = [o for o in ex.organizations if o.ref.type == "peoples_committee"][0]
    assert (ppc.ref.ref_id, ppc.ref.location, ppc.ref.native) == (
        "provincial-peoples-committee--thanh-hoa", "Thanh Hoa", "Ủy ban nhân dân tỉnh Thanh Hóa")
    moha = [o for o in ex.organizations if o.ref.type == "ministry"][0]
    assert (moha.ref.parent, moha.ref.native) == ("Government of Vietnam", "Bộ Nội vụ")


def test_bodies_in_vietnamese_with_and_without_diacritics():
    for text in ("Bộ Chính trị và Ban Bí thư chỉ đạo Ban Thường vụ Tỉnh ủy Nghệ An.",
                 "Bo Chinh tri va Ban Bi thu chi dao Ban Thuong vu Tinh uy Nghe An."):
        assert orgs(extract(text)) == ["Politburo of the Communist Party of Vietnam",
                                       "Secretariat of the Communist Party of Vietnam",
                                       "Standing Board of the Nghe An Provincial Party Committee"], text


def test_plural_provincial_bodies_are_not_one_province():
    ex = extract("Bahasa Indonesia: Menteri meminta Komite Rakyat provinsi dan kota untuk menyelesaikan dokumen. "
                 "Kamerad A dari provinsi Binh Dinh dan provinsi Binh Dinh hadir.")
    assert orgs(ex) == []


def test_a_body_inside_a_directive_name_is_not_listed():
    ex = extract("Bahasa Indonesia: Target sesuai Resolusi Kongres Partai Nasional ke-13 tercapai.")
    assert orgs(ex) == []


# ------------------------------------------------------------------------------------------ reference lexicon
def test_reference_lexicon_loads_and_covers_the_2025_restructuring():
    ref = load_reference()
    b = ref.bodies
    assert b["ministry-of-planning-and-investment"].replaced_by == ["ministry-of-finance"]
    assert b["ministry-of-transport"].replaced_by == ["ministry-of-construction"]
    assert b["ministry-of-information-and-communications"].replaced_by == ["ministry-of-science-and-technology"]
    assert b["ministry-of-labour-invalids-and-social-affairs"].replaced_by == ["ministry-of-home-affairs"]
    assert b["committee-for-ethnic-minority-affairs"].replaced_by == ["ministry-of-ethnic-and-religious-affairs"]
    for old in ("ministry-of-agriculture-and-rural-development", "ministry-of-natural-resources-and-environment"):
        assert b[old].replaced_by == ["ministry-of-agriculture-and-environment"]
    assert b["ministry-of-agriculture-and-environment"].valid_from == "2025-03-01"
    assert b["provincial-peoples-committee--thanh-hoa"].en == "Thanh Hoa Provincial People's Committee"
    generic = {"ministry", "ministerial_agency", "government_agency", "steering_committee", "party_organ",
               "party_committee", "national_assembly"}
    for t in ref.titles.values():
        if t.body in generic and t.id not in ("minister", "deputy-minister"):
            continue  # "Head of a Steering Committee": composed from a post word and the body in the text
        assert [lang for lang in ("vi", "id") if not t.forms.get(lang)] == [], t.id


@pytest.mark.parametrize("text", [
    "Bahasa Indonesia: Pemerintah Provinsi Thanh Hoa dan Partai Komunis Tiongkok serta Pemerintah Laos bekerja sama.",
    "Chính phủ Lào và Đảng Nhân dân Cách mạng Lào hợp tác.",
    "Language: en\n\nThe Chinese Government and the Lao People's Revolutionary Party agreed.",
])
def test_other_governments_and_parties_are_not_vietnams(text):
    assert orgs(extract(text)) == []


def test_the_government_before_a_directive_word_or_a_symbol_is_vietnams():
    ex = extract("Bahasa Indonesia: Resolusi No. 01/NQ-CP Pemerintah dilaksanakan. Language")
    assert orgs(ex) == ["Government of Vietnam"]
    ex = extract("Language: en\n\nThe Government Resolution 143/NQ-CP was issued.")
    assert orgs(ex) == ["Government of Vietnam"]


def test_ranks_and_academic_titles_between_title_and_name():
    ex = extract("Language: en\n\nDeputy Minister of Public Security Sen. Lt. Gen. Le Quoc Hung spoke.")
    assert [r[2] for r in roles_of(ex, "le quoc hung")] == ["deputy-minister"]
    ex = extract("Thứ trưởng Bộ Công an, Thượng tướng Lê Quốc Hùng và PGS.TS Nguyễn Văn Minh dự.")
    assert [r[2] for r in roles_of(ex, "le quoc hung")] == ["deputy-minister"]
    assert roles_of(ex, "nguyen van minh") == []


def test_a_bare_post_word_before_a_name_is_read_as_an_earlier_titles_post():
    ex = extract("Language: en\n\nThe Politburo assigned Doan Quoc Hung to serve as Secretary of the Bac Ninh "
                 "Provincial Party Committee. Hung replaces former secretary Dao Hong Quan, who retired.")
    [r] = [r for r in ex.roles if r.person == "dao hong quan"]
    assert (r.title, r.role_id, r.status) == ("secretary", "secretary-provincial-party-committee", "former")
    assert r.organization.normalized == "Bac Ninh Provincial Party Committee"
    assert r.org_span is None and r.confidence <= 0.6


def test_a_bare_post_word_with_no_earlier_title_makes_no_role():
    ex = extract("Language: en\n\nThe conference heard secretary Dao Hong Quan and chairman Ngo Tan Phuong.")
    assert ex.roles == []


def test_title_then_colon_then_a_list_of_names():
    ex = extract("Bahasa Indonesia: Hadir para Wakil Ketua Komite Rakyat Provinsi Nghe An: Bui Thanh An, Nguyen Van De "
                 "dan Hoang Phu Hien.")
    for key in ("bui thanh an", "nguyen van de", "hoang phu hien"):
        assert [r[2] for r in roles_of(ex, key)] == ["vice-chairman-provincial-peoples-committee"], key


def test_a_combined_post_before_a_name_is_one_post_and_names_its_body():
    ex = extract("Minister and Chief of the Government Office Tran Van Son was assigned to finalise the resolution.")
    assert roles_of(ex, "tran van son") == [("Minister and Chief of the Government Office",
                                             "Minister, Chairman of the Government Office",
                                             "minister-chairman-government-office", "Government Office")]
    assert "Government Office" in orgs(ex)
    # a foreign government is still not Vietnam's
    assert "Government of Vietnam" not in orgs(extract("The Government Lao delegation arrived on Monday."))


def test_a_post_named_after_the_appointing_verb_and_an_earlier_post_served():
    ex = extract("Language: en\n\nThe Hai Duong People's Committee on December 5 announced the decision appointing "
                 "Vu Minh Khoa as Director of the provincial Department of Finance. Khoa, 48, previously served as "
                 "Deputy Director of the provincial Department of Planning and Investment. Leaders such as Tran Van "
                 "Quan as well as others attended.")
    assert [(r.title, r.status) for r in ex.roles if r.person == "vu minh khoa"] == [
        ("Director of the provincial Department of Finance", "appointed"),
        ("Deputy Director of the provincial Department of Planning and Investment", "former")]
    assert [r for r in ex.roles if r.person == "tran van quan"] == []


def test_head_of_the_provincial_delegation_of_na_deputies():
    ex = extract("Language: en\n\nOn December 4, head of the provincial delegation of NA deputies Do Thi Minh Hue "
                 "met voters in Thanh Ha district of Hai Duong province.")
    assert [(t[1], t[3]) for t in roles_of(ex, "do thi minh hue")] == [
        ("Head of the Provincial National Assembly Delegation", "Hai Duong National Assembly Delegation")]


def test_national_assembly_bodies_written_with_a_possessive_and_the_prosecutor_general():
    ex = extract("Language: en\n\nChairman of the NA's Economic Committee Vu Hong Thanh and Prosecutor General of the "
                 "Supreme People's Procuracy Nguyen Huy Tien attended. The National Assembly's Standing Committee "
                 "met on Monday.")
    assert [(t[1], t[3]) for t in roles_of(ex, "vu hong thanh")] == [
        ("Chairman of the National Assembly Economic Committee", "National Assembly Economic Committee")]
    assert [t[1] for t in roles_of(ex, "nguyen huy tien")] == ["Procurator General of the Supreme People's Procuracy"]
    assert "National Assembly Standing Committee" in orgs(ex)


def test_viet_nam_written_in_two_words_and_a_city_party_chief():
    ex = extract("Language: en\n\nChairwoman of the Viet Nam Women's Union Ha Thi Nga and Hanoi Party chief Bui Thi "
                 "Minh Hoai attended. The Viet Nam Fatherland Front met.")
    assert [(t[1], t[3]) for t in roles_of(ex, "ha thi nga")] == [
        ("Chairman of the Vietnam Women's Union", "Vietnam Women's Union")]
    assert [(t[1], t[3]) for t in roles_of(ex, "bui thi minh hoai")] == [
        ("Secretary of the Provincial Party Committee", "Hanoi Party Committee")]
    assert "Vietnam Fatherland Front" in orgs(ex)
