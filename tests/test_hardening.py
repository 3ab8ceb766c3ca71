"""Regression tests for what fuzzing and the pathological inputs (fuzz/README.md) found: super-linear
paths in the extractor. Each fix is checked twice: the new code gives exactly the old results
(equivalence on generated inputs), and an input that took minutes before the fix goes through.

The second kind carries a hang guard (60 s of CPU) for inputs that now take a few seconds: not
a speed measurement (that is fuzz/pathological.py's job) but a way to fail instead of hanging.
"""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract_article
from kg.extract.persons import _inside
from kg.extract.roles import _stripped_end
from kg.extract.text import _END, Covered, _is_abbreviation, split_sentences
from kg.reference import load_reference

SETTINGS = settings(max_examples=200, deadline=None)
OLD_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")  # the backtracking form, before the fix


@contextmanager
def hang_guard(seconds: int = 60):
    """Fail after `seconds` of this process's CPU time (not wall time: a busy machine must not fail it)."""

    def fail(*_):
        raise TimeoutError(f"still running after {seconds} s of CPU: a super-linear path is back")

    previous = signal.signal(signal.SIGVTALRM, fail)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


# --- finding 1: the sentence-end pattern backtracked over runs of stops ("......" with no space after)

@SETTINGS
@given(st.text(alphabet=".!?… \n\"')”»]xA", max_size=60))
def test_sentence_end_finds_what_the_backtracking_form_found(text):
    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in OLD_END.finditer(text)]


def test_a_long_run_of_dots_is_split_in_linear_time():
    with hang_guard():
        sentences = split_sentences("Hà Nội " + "." * 200_000 + " Xong.")
    assert sentences[-1].span.quote.endswith("Xong.")


# --- finding 2: the abbreviation check searched the whole line before every full stop

def _old_is_abbreviation(line: str, dot: int) -> bool:
    from kg.extract.text import ABBREVIATIONS

    m = re.search(r"([^\W\d_][\w.]*)$", line[:dot])
    if not m:
        return False
    word = m.group(1)
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word


@SETTINGS
@given(st.text(alphabet="abTPNo.1 ẩĐ_-", max_size=50), st.integers(0, 60))
def test_abbreviation_check_is_unchanged_for_words_up_to_the_window(line, dot):
    dot = min(dot, len(line))
    assert _is_abbreviation(line, dot) == _old_is_abbreviation(line, dot)


def test_a_long_line_of_initials_is_split_in_linear_time():
    with hang_guard():
        sentences = split_sentences("A. " * 70_000 + "Xong.")
    assert sentences  # initials do not end sentences; the line is one long sentence or several


# --- finding 3: persons and roles copied and scanned text[:start] and every span for every word

@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=20), st.integers(-2, 75))
def test_covered_is_any_inside(raw, pos):
    spans = [(a, a + n) for a, n in raw]
    assert (pos in Covered(spans)) == _inside(pos, spans)


@SETTINGS
@given(st.text(alphabet=" \t\n\u00a0ab,:", max_size=30), st.integers(0, 30))
def test_stripped_end_is_the_length_of_the_stripped_prefix(text, end):
    end = min(end, len(text))
    assert _stripped_end(text, end) == len(text[:end].rstrip())


@pytest.mark.parametrize("unit", ["Nguyễn ", "Ông Nguyễn Văn An, Bí thư Tỉnh ủy, phát biểu. "],
                         ids=["names", "titled-names"])
def test_long_runs_of_names_extract_in_linear_time(unit):
    text = (unit * (150_000 // len(unit) + 1))[:150_000]
    ref = load_reference()
    with hang_guard(30):  # about 3 s of CPU now; "names" took about 80 s before the fix
        extraction = extract_article(text, "long.txt", ref)
    for person in extraction.persons:
        for m in person.mentions:
            assert text[m.start:m.end] == m.quote


# --- finding 4: dates and figures checked each candidate against every date or blocked span found

@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=25))
def test_disjoint_dates_overlap_test_is_the_scan(candidates):
    from kg.extract.dates import Disjoint

    kept: list[tuple[int, int]] = []
    taken = Disjoint()
    for a, n in candidates:
        b = a + n
        scan = any(x < b and a < y for x, y in kept)
        assert taken.overlaps(a, b) == scan
        if not scan:
            kept.append((a, b))
            taken.add(a, b)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=25), st.integers(0, 70),
       st.integers(0, 10))
def test_span_index_is_overlaps(raw, start, length):
    from kg.extract.model import Span
    from kg.extract.statistics import _overlaps, _SpanIndex

    spans = [Span(a, a + n, "") for a, n in raw]
    probe = Span(start, start + length, "")
    assert _SpanIndex(spans).overlaps(probe) == _overlaps(probe, spans)


def test_a_text_full_of_dates_extracts_in_linear_time():
    unit = "15/1/2025 ngày 15 tháng 1 năm 2025, 20 Januari 2025 "
    text = (unit * (150_000 // len(unit) + 1))[:150_000]
    with hang_guard(30):  # about 5 s of CPU now; about a minute before the fix (20 s at 80,000 characters)
        extraction = extract_article(text, "dates.txt", load_reference())
    assert extraction.text == text
