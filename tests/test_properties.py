"""Property-based tests (hypothesis): whatever text comes in, the extractor, the article loader and
the reference loaders either work or raise a `KgError`; what they produce keeps its invariants.

Example counts are bounded so the suite stays fast; the fuzzers in fuzz/ search far longer.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.errors import KgError
from kg.extract import extract_article
from kg.extract.model import Span
from kg.loaders.article import article_graph, read_document
from kg.loaders.reference import reference_graph
from kg.reference import _load, load_reference

VALID_REFERENCE = Path(__file__).parent / "fixtures" / "reference" / "valid"
REF = load_reference()

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the news the extractor reads: names, titles, bodies, places, dates, numbers, directive
# symbols, event words, header lines, in Vietnamese, Indonesian and English.
FRAGMENTS = [
    "Ông", "Bà", "đồng chí", "Kamerad", "Comrade", "Mr.", "Nguyễn", "Nguyen", "Trần", "Văn", "Thị", "Hòa", "Bình",
    "Nguyễn Hòa Bình", "Dau Thanh Tung", "Phạm Minh Chính", "Bí thư Tỉnh ủy", "Phó Thủ tướng", "Chủ tịch UBND tỉnh",
    "Wakil Perdana Menteri", "Ketua Komite Rakyat Provinsi", "Deputy Prime Minister", "Secretary", "Minister of",
    "Komite Pengarah", "Steering Committee", "Bộ Tài chính", "Ministry of Finance", "People's Committee",
    "Thanh Hóa", "Thanh Hoa", "Hà Nội", "Ha Noi", "tỉnh", "provinsi", "province", "Kota Ho Chi Minh", "Đắk Lắk",
    "ngày", "tháng", "năm", "15", "1", "2025", "15/1", "15 Januari 2025", "January 15, 2025", "2025-07-01",
    "Resolusi No.", "Nghị quyết số", "18-NQ/TW", "57-NQ/TW", "176/2025/QH15", "Decree", "Quyết định",
    "12,2 juta", "1.178", "59,57%", "83%", "tỷ đồng", "billion", "VND", "ribu", "nghìn",
    "memimpin pertemuan", "chủ trì hội nghị", "chaired the meeting", "attended", "menghadiri", "tham dự",
    "Hội nghị", "pertemuan", "conference", "meeting", "sidang", "kỳ họp thứ", "ke-13", "lần thứ",
    "Source: https://example.org/a", "Published: 2025-01-15", "Language: vi", "Title: x", "Sumber:", "Nguồn:",
    "Bahasa Indonesia:", "TP.", "No.", "U.S.", "(", ")", "–", "“", "”", ",", ".", ";", ":", "...", "\n", "\n\n",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "", "  "]

fragment_text = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=120).map(
    lambda parts: "".join(f + s for f, s in parts))
any_text = st.text(max_size=1500)
texts = st.one_of(any_text, fragment_text)


def spans(value, seen: set[int] | None = None):
    """Every Span inside an extraction (dataclasses, lists, dicts, tuples)."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans(getattr(value, f.name), seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from spans(v, seen)
    elif isinstance(value, dict):
        for v in value.values():
            yield from spans(v, seen)


@SETTINGS
@given(texts)
def test_extraction_never_crashes_quotes_its_offsets_and_is_deterministic(text):
    try:
        first = extract_article(text, "prop.txt", REF)
    except KgError:
        return
    found = list(spans(first))
    for span in found:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start:span.end] == span.quote, span
    assert extract_article(text, "prop.txt", REF) == first


@SETTINGS
@given(st.one_of(st.binary(max_size=1500), texts.map(lambda t: t.encode("utf-8"))))
def test_the_article_loader_takes_any_bytes_and_its_graph_round_trips(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prop.txt"
        path.write_bytes(data)
        try:
            doc = read_document(path)
            graph = article_graph(doc, REF)
        except KgError:
            return
    assert doc.text.count("\r") == 0
    nt = graph.serialize(format="nt", encoding="utf-8")
    back = Graph().parse(data=nt, format="nt")
    assert set(back) == set(graph)
    assert len(graph) > 0


REFERENCE_FILES = ("areas.csv", "bodies.yaml", "titles.yaml")


def _valid(name: str) -> str:
    return (VALID_REFERENCE / name).read_text(encoding="utf-8")


def _mutations(name: str):
    """A reference file's text: arbitrary, or the valid file with lines dropped, repeated or garbled."""
    lines = _valid(name).splitlines(keepends=True)
    edited = st.lists(st.one_of(st.sampled_from(lines), st.text(max_size=40).map(lambda t: t + "\n")),
                      max_size=len(lines) + 5).map("".join)
    return st.one_of(st.text(max_size=800), edited)


@SETTINGS
@given(st.sampled_from(REFERENCE_FILES).flatmap(lambda name: st.tuples(st.just(name), _mutations(name))))
def test_the_reference_loaders_take_any_text(case):
    name, text = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for other in REFERENCE_FILES:
            shutil.copy(VALID_REFERENCE / other, folder / other)
        (folder / name).write_text(text, encoding="utf-8")
        try:
            ref = _load.__wrapped__(str(folder))  # uncached
        except KgError:
            return
        graph = reference_graph(ref)
    nt = graph.serialize(format="nt", encoding="utf-8")
    assert set(Graph().parse(data=nt, format="nt")) == set(graph)
