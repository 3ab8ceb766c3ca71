"""Article header, language, content bounds and sentences (kg.extract.text)."""

from __future__ import annotations

import pytest

from kg.extract.model import PartialDate
from kg.extract.text import detect_language, parse_date, read_meta, split_sentences


def test_header_block_keys_are_case_insensitive_and_unknown_keys_ignored():
    raw = ("SOURCE: https://example.vn/a.html\nlanguage: en\nPublished: 2024-11-16\nAuthor: someone\n"
           "Title: Deputy PM visits Lao Cai\n\nLAO CAI — The Deputy Prime Minister came.")
    meta = read_meta(raw, "a.txt")
    assert meta.source == "https://example.vn/a.html"
    assert meta.language == "en"
    assert meta.published == PartialDate(2024, 11, 16)
    assert meta.title == "Deputy PM visits Lao Cai"
    assert meta.translated_from is None
    assert raw[meta.content_start:].startswith("LAO CAI")
    assert meta.content_end == len(raw)


def test_header_translated_from():
    raw = "Source: https://baonghean.vn/x.html\nLanguage: id\nTranslated-From: vi\n\nPada tanggal 11 Maret, rapat."
    meta = read_meta(raw, "b.txt")
    assert (meta.language, meta.translated_from) == ("id", "vi")


def test_first_line_with_a_colon_is_not_a_header():
    raw = "Thái Bình: Công bố quyết định bổ nhiệm Giám đốc Sở Tài chính\n\nSáng 12/4, UBND tỉnh Thái Bình họp."
    meta = read_meta(raw, "c.txt")
    assert meta.content_start == 0
    assert meta.language == "vi"
    assert meta.title is None


@pytest.mark.parametrize("label, lang, translated", [
    ("Bahasa Indonesia:", "id", "vi"),
    ("English:", "en", "vi"),
    ("Tiếng Việt:", "vi", None),
])
def test_leading_language_label(label, lang, translated):
    body = {"id": "Pada pagi hari tanggal 6 Februari, rapat dimulai.",
            "en": "On the morning of February 6, the meeting opened.",
            "vi": "Sáng 6/2, hội nghị khai mạc."}[lang]
    raw = f"{label} {body}"
    meta = read_meta(raw, "d.txt")
    assert meta.language == lang
    assert meta.translated_from == translated
    assert raw[meta.content_start:] == body


def test_trailing_chrome_and_source_line():
    raw = ("Bahasa Indonesia: Kamerad A memimpin rapat.\nIkhtisar rapat.\nGaya\n[iklan_2]\n"
           "Sumber: https://baohatinh.vn/ubnd-tinh-281734.html\nKomentar (0)")
    meta = read_meta(raw, "e.txt")
    assert meta.source == "https://baohatinh.vn/ubnd-tinh-281734.html"
    assert raw[meta.content_start:meta.content_end] == "Kamerad A memimpin rapat.\nIkhtisar rapat."


def test_source_line_in_english_and_vietnamese():
    en = read_meta("HANOI — The NA met.\n\nSource: https://vietnamnews.vn/x.html\n", "f.txt")
    assert en.source == "https://vietnamnews.vn/x.html"
    vi = read_meta("Hà Nội họp.\n\nNguồn: https://nhandan.vn/y.html", "g.txt")
    assert vi.source == "https://nhandan.vn/y.html"
    assert vi.content_end == len("Hà Nội họp.")


@pytest.mark.parametrize("text, lang", [
    ("Pada tahun 2024, dengan perhatian dan arahan yang cermat dari Pemerintah dan Perdana Menteri, "
     "peninjauan kesulitan dalam reformasi administrasi telah dilaksanakan.", "id"),
    ("The Prime Minister asked ministries and localities to strictly implement the resolution on growth "
     "targets, stressing that the country must grow by 8 per cent.", "en"),
    ("Thủ tướng yêu cầu các bộ, ngành, địa phương thực hiện nghiêm nghị quyết của Chính phủ.", "vi"),
    ("Thu tuong yeu cau cac bo, nganh, dia phuong thuc hien nghiem nghi quyet cua Chinh phu va cac duoc.", "vi"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("value, expected", [
    ("2025-01-15", PartialDate(2025, 1, 15)),
    ("2025-01-15T10:30:00+07:00", PartialDate(2025, 1, 15)),
    ("15 Januari 2025", PartialDate(2025, 1, 15)),
    ("15/1/2025", PartialDate(2025, 1, 15)),
    ("January 15, 2025", PartialDate(2025, 1, 15)),
    ("15 tháng 1 năm 2025", PartialDate(2025, 1, 15)),
    ("2025-02", PartialDate(2025, 2)),
    ("31/2/2025", None),
    ("soon", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_published_from_header_in_indonesian_form():
    meta = read_meta("Published: 3 Oktober 2024\nLanguage: id\n\nPada tanggal 3 Oktober, rapat.", "h.txt")
    assert meta.published == PartialDate(2024, 10, 3)


def _quotes(raw: str) -> list[str]:
    sentences = split_sentences(raw)
    for s in sentences:
        assert raw[s.span.start:s.span.end] == s.span.quote
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.span.quote for s in sentences]


def test_sentences_keep_abbreviations_numbers_and_initials_together():
    raw = ("Resolusi No. 18-NQ/TW dilaksanakan di TP. Ho Chi Minh dan Tp. Thu Duc. Jumlahnya 12,2 juta dan "
           "1.178 ADU. Dr. Nguyen Van A dan H. Tran hadir. Ini kalimat terakhir.")
    assert _quotes(raw) == [
        "Resolusi No. 18-NQ/TW dilaksanakan di TP. Ho Chi Minh dan Tp. Thu Duc.",
        "Jumlahnya 12,2 juta dan 1.178 ADU.",
        "Dr. Nguyen Van A dan H. Tran hadir.",
        "Ini kalimat terakhir.",
    ]


def test_lines_are_sentences_even_without_a_full_stop():
    raw = "Kamerad A memimpin rapat.\nGambaran umum pertemuan di jembatan provinsi Thanh Hoa\n\nRapat selesai."
    assert _quotes(raw) == ["Kamerad A memimpin rapat.", "Gambaran umum pertemuan di jembatan provinsi Thanh Hoa",
                            "Rapat selesai."]


def test_sentence_split_on_question_and_quotes():
    raw = 'He asked: "Why not?" The minister agreed. «Ramping - Padat» adalah semangatnya.'
    assert _quotes(raw) == ['He asked: "Why not?"', "The minister agreed.", "«Ramping - Padat» adalah semangatnya."]


def test_sentences_within_content_bounds_only():
    raw = "Source: https://x.vn/a\nLanguage: en\n\nThe NA met. It passed a law.\n\nComments (0)"
    meta = read_meta(raw, "i.txt")
    sentences = split_sentences(raw, meta.content_start, meta.content_end)
    assert [s.span.quote for s in sentences] == ["The NA met.", "It passed a law."]
    assert all(meta.content_start <= s.span.start and s.span.end <= meta.content_end for s in sentences)
