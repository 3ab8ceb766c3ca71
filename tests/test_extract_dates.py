"""Dates: the forms of three languages, and the year a date without one takes."""

from __future__ import annotations

import time

from kg.extract.dates import document_year, find_dates
from kg.extract.model import ArticleMeta, PartialDate, Sentence, Span


def dates(text, lang, published=None):
    meta = ArticleMeta("x.txt", lang, published=published)
    found = find_dates(text, [Sentence(0, Span(0, len(text), text))], lang, meta)
    for span, _ in found:
        assert text[span.start:span.end] == span.quote
    return [(span.quote, d.iso(), d.inferred) for span, d in found]


SEED = ("Pada sore hari tanggal 15 Januari, Kamerad Nguyen Hoa Binh memimpin pertemuan kesembilan Komite Pengarah "
        "untuk mengevaluasi hasil pelaksanaan PAR tahun 2024; arahan dan pelaksanaan tugas tahun 2025. Menurut "
        "laporan, sejak 1 Januari hingga 20 Desember 2024, jumlah dokumen meningkat dibandingkan tahun 2023, "
        "dengan target mencapai 45% pada tahun 2025 untuk periode 2021-2030.")


def test_seed_year_is_inferred_from_the_review():
    assert document_year(SEED, None) == 2025
    found = dates(SEED, "id")
    assert found[0] == ("15 Januari", "2025-01-15", True)
    assert ("1 Januari", "2024-01-01", False) in found  # the range gives it its year
    assert ("20 Desember 2024", "2024-12-20", False) in found
    assert ("2023", "2023", False) in found
    assert not any("2021" in q for q, _, _ in found)  # a period is not a date


def test_december_review_stays_in_the_reviewed_year():
    text = ("Pada pagi hari tanggal 10 Desember, Dewan Rakyat Kota membuka Sidang ke-19 untuk meninjau situasi "
            "sosial-ekonomi tahun 2024 dan memutuskan perkiraan anggaran untuk tahun 2025.")
    assert dates(text, "id")[0] == ("10 Desember", "2024-12-10", True)


def test_part_year_review_is_the_current_year():
    text = "Chiều 20/5, Tỉnh ủy đánh giá tình hình thực hiện nhiệm vụ 4 tháng đầu năm 2025."
    assert dates(text, "vi")[0] == ("20/5", "2025-05-20", True)


def test_targets_and_comparisons_do_not_set_the_year():
    text = "On March 11 the committee met. It aims to raise the share to 30 per cent by 2030, up from 2023."
    assert document_year(text, None) is None
    text = "On March 11 the committee discussed the legislature's 2025 law-making programme, by 2030."
    assert dates(text, "en")[0] == ("March 11", "2025-03-11", True)


def test_publication_date_decides_and_wraps_the_year():
    published = PartialDate(2025, 1, 3)
    assert document_year("no year here", ArticleMeta("x", "id", published=published)) == 2025
    assert dates("Pada tanggal 28 Desember, rapat digelar.", "id", published)[0] == ("28 Desember", "2024-12-28", True)
    assert dates("On January 15, the PM chaired it.", "en", published)[0] == ("January 15", "2025-01-15", True)


def test_forms():
    assert dates("ngày 20/3/2025, tháng 3/2025 và ngày 15 tháng 1 năm 2024", "vi") == [
        ("20/3/2025", "2025-03-20", False), ("tháng 3/2025", "2025-03", False),
        ("15 tháng 1 năm 2024", "2024-01-15", False)]
    assert dates("On January 15, 2025 and on Monday, September 23, 2024; in March 2024", "en") == [
        ("January 15, 2025", "2025-01-15", False), ("September 23, 2024", "2024-09-23", False),
        ("March 2024", "2024-03", False)]
    published = PartialDate(2024, 4, 13)
    assert dates("Sáng 12/4, tại Hà Nội. Kamis (15/1) pukul 14.00", "vi", published) == [
        ("12/4", "2024-04-12", True), ("15/1", "2024-01-15", True)]


def test_weekdays_and_time_of_day_cues():
    published = PartialDate(2024, 12, 21)  # a Saturday
    assert dates("The PM met voters in Hai Phong on Friday.", "en", published) == [("Friday", "2024-12-20", True)]
    assert dates("on Monday, September 23, 2024", "en", published) == [("September 23, 2024", "2024-09-23", False)]
    assert dates("On Monday, the PM met voters.", "en", published) == [("Monday", "2024-12-16", True)]
    assert dates("Sáng thứ Hai, hội nghị lần thứ hai khai mạc.", "vi", published) == [("thứ Hai", "2024-12-16", True)]
    assert dates("Pagi ini (20/2), konferensi digelar.", "id", PartialDate(2025, 2, 20)) == [
        ("20/2", "2025-02-20", True)]


def test_not_dates():
    published = PartialDate(2024, 4, 13)
    # ratios, act symbols, yearless slashes without a cue, numbers with a month-like word
    assert dates("63/63 tỉnh; Quyết định 1417/QĐ-TTg; 303/2025/NĐ-CP; 01/2025/TT-BNV; 15/1 tỉnh", "vi", published) == []
    assert dates("a 5 may be", "en", published) == []


def test_pathological_input_is_fast():
    text = ("1/" * 20000) + ("15 " * 10000) + ("ngày " * 5000) + ("1." * 20000)
    start = time.perf_counter()
    dates(text, "vi")
    assert time.perf_counter() - start < 3


def test_year_from_cited_acts_and_opened_terms_when_no_calendar_year():
    # no calendar year is spoken of: an act's symbol and the term a congress opens tell it
    text = ("Pada tanggal 2 Maret, Kongres Partai Kota masa jabatan 2025-2030 dibuka sesuai Resolusi No. "
            "15/2025/QH15 tentang periode 2020-2025.")
    assert document_year(text, None) == 2025
    assert ("2 Maret", "2025-03-02", True) in dates(text, "id")
    assert document_year("The congress for the 2025-2030 term opened on March 2.", None) == 2025
    # a calendar year spoken of wins over them
    assert document_year("Nghị định 12/2019/NĐ-CP được áp dụng trong năm 2024.", None) == 2024


def test_a_deadline_is_not_the_article_year():
    text = ("Pada tanggal 5 Agustus, rencana investasi publik tahun 2024 dibahas; provinsi harus mencairkan 100% "
            "modal sebelum 31 Januari 2025.")
    assert document_year(text, None) == 2024
    assert document_year("Disbursement must finish before June 30, 2026; in 2025 it reached 40%.", None) == 2025
