"""Statistics: every reported figure, and none of the numbers that are not figures."""

from __future__ import annotations

import time

import pytest

from kg.extract.model import Sentence, Span
from kg.extract.statistics import find_statistics


def split(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, c in enumerate(text):
        if c == "\n" or (c == "." and text[i + 1:i + 2] in (" ", "")):
            if text[start:i + 1].strip():
                out.append(Sentence(len(out), Span(start, i + 1, text[start:i + 1])))
            start = i + 1
    if text[start:].strip():
        out.append(Sentence(len(out), Span(start, len(text), text[start:])))
    return out


def stats(text, lang, blocked=()):
    found = find_statistics(text, split(text), lang, list(blocked))
    for s in found:
        assert text[s.span.start:s.span.end] == s.span.quote
        assert s.value in s.span.quote
    return found


SEED = (
    "Pertemuan tersebut terhubung secara daring ke 63 provinsi dan kota di seluruh negeri. Selama tahun ini, "
    "13 kementerian dan lembaga telah melaksanakan rencana penyederhanaan 313 prosedur administratif dalam "
    "35 dokumen hukum. Dengan demikian, jumlah total prosedur mencapai 898 prosedur, atau mencapai 83%. "
    "Pada tahun 2024, 38 unit administrasi tingkat distrik (ADU) dan 1.178 ADU tingkat komune akan dibentuk, "
    "dengan target mencapai 45% ADU perkotaan pada tahun 2025 sesuai Resolusi Kongres Partai Nasional ke-13. "
    "Sejak 1 Januari hingga 20 Desember 2024, jumlah dokumen elektronik telah mencapai lebih dari 12,2 juta "
    "dokumen, meningkat lebih dari 4 juta dokumen dibandingkan tahun 2023. Tingkat pencatatan daring mencapai "
    "59,57% (hampir 2 kali lipat lebih tinggi dibandingkan tahun 2023); di tingkat daerah mencapai 56% "
    "(1,92 kali lipat).")


def test_seed_figures():
    found = stats(SEED, "id")
    assert [s.number for s in found] == [63, 13, 313, 35, 898, 83, 38, 1178, 45, 12_200_000, 4_000_000, 59.57, 2,
                                         56, 1.92]
    by_number = {s.number: s for s in found}
    assert by_number[12_200_000].value == "lebih dari 12,2 juta dokumen"
    assert by_number[12_200_000].unit == "electronic documents" or by_number[12_200_000].unit == "documents"
    assert by_number[12_200_000].period == "2024"
    assert by_number[4_000_000].period == "2024"  # not the compared year 2023
    assert by_number[45].period == "2025"
    assert (by_number[59.57].unit, by_number[2].unit, by_number[2].value) == ("percent", "times", "hampir 2 kali lipat")
    assert by_number[13].unit == "ministries and agencies"
    assert by_number[1178].unit == "commune-level administrative units"
    assert "pencatatan daring" in by_number[59.57].subject


def test_money_and_multipliers_in_three_languages():
    assert [(s.number, s.unit) for s in stats(
        "Thu ngân sách đạt 9.850 tỷ đồng, bằng 26,5% dự toán, gấp 1,5 lần cùng kỳ.", "vi")] == [
        (9_850_000_000_000, "VND"), (26.5, "percent"), (1.5, "times")]
    assert [(s.number, s.unit) for s in stats(
        "State budget revenue reached VND 785.8 trillion (US$30.7 billion), or 40 per cent, twice the target.",
        "en")] == [(785_800_000_000_000, "VND"), (30_700_000_000, "USD"), (40, "percent"), (2, "times")]
    assert [s.number for s in stats("dengan 68 dari 70 delegasi yang hadir, atau 97,14%.", "id")] == [68, 70, 97.14]


@pytest.mark.parametrize(("text", "lang"), [
    ("Pada tahun 2024 dan periode 2021-2030, Resolusi Kongres ke-13 dan pertemuan kesembilan.", "id"),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017, Quyết định 1417/QĐ-TTg và Nghị định 15 có hiệu lực.", "vi"),
    ("Article 7 and Chapter 3 of Decree 144/2017/ND-CP, the 13th congress, COVID-19, the G20 and 5G.", "en"),
    ("Lúc 14h30 ngày 15/1, ông Lê Văn Tiến, 52 tuổi, sinh năm 1978, có 22 năm công tác.", "vi"),
    ("Pukul 14.00, Kamis (15/1), peringatan 50 tahun, hotline 0912.345.678, Revolusi Industri 4.0.", "id"),
    ("He was born in 1965 and served for 30 years; the meeting lasted 3 hours.", "en"),
    ("1. Tổng quan\n2) Kết quả\nKomentar (0)", "vi"),
])
def test_not_statistics(text, lang):
    assert stats(text, lang) == []


def test_blocked_spans_are_skipped():
    text = "Kamerad 63 Nguyen hadir bersama 12 delegasi."
    i = text.index("63")
    assert [s.number for s in stats(text, "id", [Span(i, i + 2, "63")])] == [12]


def test_a_repeated_figure_is_one_statistic():
    text = "GDP grew 6.93 per cent. The growth of 6.93 per cent is the highest."
    assert [s.number for s in stats(text, "en")] == [6.93]


def test_pathological_input_is_fast():
    text = "1," * 25000 + " " + "12,5% " * 3000 + "ke-1 " * 3000
    start = time.perf_counter()
    stats(text, "id")
    assert time.perf_counter() - start < 5


def test_from_to_changes_glued_units_votes_and_nouns_that_start_like_function_words():
    found = {s.number: s.unit for s in stats(
        "The number of districts will be cut from 705 to 0, and communes from 10,035 to 3,321.", "en")}
    assert 705 in found and 10035 in found and 3321 in found
    found = {s.number: s.unit for s in stats("The new province covers 4,860.5sq.km and 1.250ha of forest.", "en")}
    assert found[4860.5] == "square kilometres"
    found = {s.number: s.value for s in stats("Chau was elected with 47 of the 50 deputies voting in favour.", "en")}
    assert found[47] == "47 of the 50 deputies"
    found = {s.number: s.unit for s in stats("Công an tỉnh đã khởi tố 12 vụ án, 30 bị can; xét xử 9 bị cáo.", "vi")}
    assert found[30] == "defendants" and found[9] == "defendants"
    # a range of years and a bare "from" number with no change are no figures
    assert stats("Tenure from 2021 to 2026 was confirmed.", "en") == []
