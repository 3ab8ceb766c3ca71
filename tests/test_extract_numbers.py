"""Numbers: locale conventions, scale words, qualifiers, percentages, multipliers, money."""

from __future__ import annotations

import time

import pytest

from kg.extract.numbers import find_quantities, parse_number


@pytest.mark.parametrize(("token", "lang", "value"), [
    ("12,2", "id", 12.2), ("1.178", "id", 1178), ("59,57", "id", 59.57), ("1.234.567", "vi", 1234567),
    ("46,5", "vi", 46.5), ("1.234.567,5", "vi", 1234567.5), ("12.2", "en", 12.2), ("1,178", "en", 1178),
    ("1,234,567.25", "en", 1234567.25), ("1.178", "en", 1.178),
    ("12.2", "id", 12.2),  # a lone separator before anything but three digits is a decimal mark
    ("2024", "id", 2024),
])
def test_parse_number(token, lang, value):
    assert parse_number(token, lang) == pytest.approx(value)


@pytest.mark.parametrize("token", ["2.1.3", "0912.345.678", "1.2,3,4", "12,34.5.6", "1" * 30])
def test_not_numbers(token):
    assert parse_number(token, "vi") is None


def quantities(text, lang):
    found = find_quantities(text, lang)
    for q in found:
        assert text[q.span.start:q.span.end] == q.span.quote
        assert text[q.token.start:q.token.end] == q.token.quote
    return [(q.span.quote, q.number, q.kind) for q in found]


def test_indonesian():
    text = "mencapai lebih dari 12,2 juta dokumen, hampir 2 kali lipat, 59,57% dan 1,92 kali lipat; Rp 5 triliun"
    assert quantities(text, "id") == [
        ("lebih dari 12,2 juta", 12_200_000, "count"), ("hampir 2 kali lipat", 2, "times"),
        ("59,57%", 59.57, "percent"), ("1,92 kali lipat", 1.92, "times"), ("Rp 5 triliun", 5e12, "money"),
    ]


def test_vietnamese():
    text = "đạt 5.000 tỷ đồng, gấp 2 lần, hơn 46,5 triệu lượt, 3 nghìn tỷ đồng, gấp đôi, 26,5 phần trăm"
    assert quantities(text, "vi") == [
        ("5.000 tỷ đồng", 5e12, "money"), ("gấp 2 lần", 2, "times"), ("hơn 46,5 triệu", 46_500_000, "count"),
        ("3 nghìn tỷ đồng", 3e12, "money"), ("gấp đôi", 2, "times"), ("26,5 phần trăm", 26.5, "percent"),
    ]


def test_english():
    text = "VND 5 trillion, US$1.2 billion, twice as many, nearly 46.5 million, 6.93 per cent, 2 percentage points"
    assert quantities(text, "en") == [
        ("VND 5 trillion", 5e12, "money"), ("US$1.2 billion", 1.2e9, "money"), ("twice", 2, "times"),
        ("nearly 46.5 million", 46_500_000, "count"), ("6.93 per cent", 6.93, "percent"),
        ("2 percentage points", 2, "points"),
    ]


def test_long_digit_runs_finish_fast():
    text = "1," * 25000 + "2" + " 3" * 10000
    start = time.perf_counter()
    found = find_quantities(text, "id")
    assert time.perf_counter() - start < 2
    assert all(len(q.token.quote) < 30 for q in found)
