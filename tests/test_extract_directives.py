"""Directives: numbered acts by their symbol, named programmes/plans/laws/resolutions, and what is not one."""

from __future__ import annotations

import time

import pytest

from kg.extract.directives import find_directives
from kg.extract.model import PartialDate, Sentence, Span
from kg.reference import Reference

REF = Reference(areas={}, bodies={}, templates={}, titles={})


def acts(text, lang):
    found = find_directives(text, [Sentence(0, Span(0, len(text), text))], REF, lang)
    for d in found:
        assert d.name_or_number in text
        assert text[d.span.start:d.span.end] == d.span.quote
    return found


@pytest.mark.parametrize(("written", "local_id", "kind", "issuer"), [
    ("Resolusi No. 18-NQ/TW", "18-NQ/TW", "resolution", "Central Committee of the Communist Party of Vietnam"),
    ("Decision No. 1417/QD-TTg", "1417/QĐ-TTg", "decision", "Prime Minister of Vietnam"),
    ("Nghị định số 303/2025/NĐ-CP", "303/2025/NĐ-CP", "decree", "Government of Vietnam"),
    ("Chỉ thị 24/CT-TTg", "24/CT-TTg", "directive", "Prime Minister of Vietnam"),
    ("Kết luận 126-KL/TW", "126-KL/TW", "conclusion", "Central Committee of the Communist Party of Vietnam"),
    ("Thông tư 01/2025/TT-BNV", "01/2025/TT-BNV", "other", "Ministry of Home Affairs"),
    ("Luật số 80/2015/QH13", "80/2015/QH13", "law", "National Assembly of Vietnam"),
    ("Rencana Aksi No. 45-KH/TU", "45-KH/TU", "plan", None),
    ("Quyết định số 845/QĐ-UBND", "845/QĐ-UBND", "decision", None),
    ("Quyết định số 1567-QĐNS/TW", "1567-QĐNS/TW", "decision", "Central Committee of the Communist Party of Vietnam"),
])
def test_symbols(written, local_id, kind, issuer):
    (d,) = acts(f"Thực hiện {written} của cấp trên.", "vi")
    assert (d.name_or_number, d.local_id, d.type, d.issuer) == (written, local_id, kind, issuer)


def test_date_written_next_to_the_symbol():
    (d,) = acts("theo tinh thần Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương", "vi")
    assert d.date == PartialDate(2017, 10, 25)
    (d,) = acts("Keputusan No. 1102/QD-TTg tertanggal 30 September 2024 dari Perdana Menteri", "id")
    assert d.date == PartialDate(2024, 9, 30)
    (d,) = acts("Nghị định 29/2025/NĐ-CP quy định", "vi")
    assert d.date == PartialDate(2025)  # the year in the symbol is the year of issue


def test_one_directive_per_act():
    found = acts("Resolusi No. 18-NQ/TW ... merangkum Resolusi No. 18-NQ/TW dan 18-NQ/TW.", "id")
    assert [d.local_id for d in found] == ["18-NQ/TW"]


def test_seed_named_acts():
    text = ("melaksanakan secara efektif Program Reformasi Administrasi Negara untuk periode 2021-2030; tinjauan awal "
            "Program Magister Reformasi Administrasi Negara periode 2021-2025, dengan target 45% pada tahun 2025 "
            "sesuai Resolusi Kongres Partai Nasional ke-13.")
    found = {d.name_or_number: d for d in acts(text, "id")}
    assert set(found) == {"Program Reformasi Administrasi Negara untuk periode 2021-2030",
                          "Program Magister Reformasi Administrasi Negara periode 2021-2025",
                          "Resolusi Kongres Partai Nasional ke-13"}
    p = found["Program Reformasi Administrasi Negara untuk periode 2021-2030"]
    assert (p.type, p.period, p.normalized) == ("programme", (2021, 2030),
                                                "Programme on State Administrative Reform 2021-2030")
    assert found["Program Magister Reformasi Administrasi Negara periode 2021-2025"].normalized == \
        "Master Programme on State Administrative Reform 2021-2025"
    congress = found["Resolusi Kongres Partai Nasional ke-13"]
    assert congress.normalized == "Resolution of the 13th National Party Congress"
    assert congress.issuer == "13th National Congress of the Communist Party of Vietnam"


def test_provincial_congress_is_not_the_national_one():
    (d,) = acts("thực hiện thắng lợi Nghị quyết Đại hội XIX Đảng bộ tỉnh", "vi")
    assert (d.normalized, d.issuer) == ("Resolution of the 19th Provincial Party Congress", None)
    (d,) = acts("sesuai Resolusi Kongres Partai Provinsi ke-20", "id")
    assert d.normalized == "Resolution of the 20th Provincial Party Congress"


def test_named_acts_vi_en():
    vi = {d.normalized for d in acts(
        "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030 và Nghị quyết Đại hội đại biểu toàn "
        "quốc lần thứ XIII của Đảng; thực hiện Luật Ngân sách nhà nước, quản lý chặt chẽ.", "vi")}
    assert vi == {"Master Programme on State Administrative Reform 2021-2030",
                  "Resolution of the 13th National Party Congress", "Law on the State Budget"}
    en = {d.name_or_number: d for d in acts(
        "He urged the Master Programme on State Administrative Reform for 2021-2030 and the National Target "
        "Programme on New Rural Development, since the Law on Legal Aid took effect.", "en")}
    assert set(en) == {"Master Programme on State Administrative Reform for 2021-2030",
                       "National Target Programme on New Rural Development", "Law on Legal Aid"}
    assert en["Master Programme on State Administrative Reform for 2021-2030"].normalized == \
        "Master Programme on State Administrative Reform 2021-2030"


@pytest.mark.parametrize(("text", "lang"), [
    ("The plan was approved and the programme will start; a resolution followed.", "en"),
    ("telah melaksanakan rencana penyederhanaan 313 prosedur dan rencana reorganisasi aparatur.", "id"),
    ("mengumumkan Keputusan Perdana Menteri tentang persetujuan hasil pemilihan", "id"),  # a decision is numbered
    ("Kế hoạch UBND tỉnh và chương trình công tác năm 2025", "vi"),
    ("the Committee for Law and Justice and the 13th National Party Congress", "en"),
    ("COVID-19, 2021-2030, 20/3/2025, G20", "en"),
])
def test_not_directives(text, lang):
    assert acts(text, lang) == []


def test_pathological_input_is_fast():
    text = "Program " * 5000 + "1/" * 20000 + "Resolusi No. " * 3000
    start = time.perf_counter()
    acts(text, "id")
    assert time.perf_counter() - start < 3


def test_a_local_issuer_code_names_the_body_of_the_articles_province():
    from kg.reference import load_reference
    ref = load_reference()
    text = "Ủy ban nhân dân tỉnh ban hành Kế hoạch số 112/KH-UBND và Tỉnh ủy ban hành Kế hoạch 45-KH/TU."
    sentence = [Sentence(0, Span(0, len(text), text))]
    found = {d.local_id: d.issuer for d in find_directives(text, sentence, ref, "vi", area="nghe-an")}
    assert found == {"112/KH-UBND": "Nghe An Provincial People's Committee",
                     "45-KH/TU": "Nghe An Provincial Party Committee"}
    # no province known: no issuer rather than some province's
    found = {d.local_id: d.issuer for d in find_directives(text, sentence, ref, "vi")}
    assert found == {"112/KH-UBND": None, "45-KH/TU": None}


def test_acts_named_by_their_subject():
    found = {d.name_or_number: d.type for d in acts(
        "Kỳ họp thông qua Nghị quyết về quy định mức thu học phí năm học 2025 - 2026 và Nghị quyết về "
        "bảng giá đất giai đoạn 2026 - 2030, đồng thời cho ý kiến.", "vi")}
    assert found == {"Nghị quyết về quy định mức thu học phí năm học 2025 - 2026": "resolution",
                     "Nghị quyết về bảng giá đất giai đoạn 2026 - 2030": "resolution"}
    found = {d.name_or_number for d in acts(
        "Sidang mengesahkan Resolusi tentang kebijakan dukungan bagi guru, dokter dan perawat di daerah terpencil, "
        "di luar kebijakan umum.", "id")}
    assert found == {"Resolusi tentang kebijakan dukungan bagi guru, dokter dan perawat di daerah terpencil"}
    found = {d.name_or_number for d in acts(
        "Deputies passed the Resolution on land prices in industrial parks, which takes effect next year.", "en")}
    assert found == {"Resolution on land prices in industrial parks"}
    # a lower-case head, a decision about someone, a few words: no act
    assert acts("Các nghị quyết về phát triển kinh tế được triển khai.", "vi") == []
    assert acts("Keputusan tentang dia diumumkan.", "id") == []


def test_vietnamese_law_names_with_a_comma_and_known_programmes_in_lower_case():
    found = {d.name_or_number: d.normalized for d in acts(
        "Thực hiện nghiêm Luật Phòng, chống tham nhũng; Luật Bảo vệ môi trường và Chương trình mục tiêu quốc gia "
        "giảm nghèo bền vững trên địa bàn tỉnh.", "vi")}
    assert found == {"Luật Phòng, chống tham nhũng": "Law on Anti-Corruption",
                     "Luật Bảo vệ môi trường": "Law on Environmental Protection",
                     "Chương trình mục tiêu quốc gia giảm nghèo bền vững":
                         "National Target Programme on Sustainable Poverty Reduction"}
    # an action programme with no subject is not named by the table: no act
    assert acts("Chính phủ ban hành Chương trình hành động thực hiện nghị quyết.", "vi") == []


def test_a_project_known_by_its_number():
    found = {d.name_or_number: d.normalized for d in acts("Bộ Công an triển khai Đề án 06 tại cấp xã.", "vi")}
    assert found == {"Đề án 06": "Project 06"}
    assert acts("Proyek 2/2025/QD-TTg", "id")[0].local_id == "2/2025/QĐ-TTg"


def test_an_english_law_named_by_one_word_after_on():
    assert [d.name_or_number for d in acts("The NA would consider amending the Law on Land.", "en")] == ["Law on Land"]
    assert acts("The plan on Monday was approved.", "en") == []
