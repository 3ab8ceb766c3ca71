"""The extractor: one article's text in, an `Extraction` (plain data, see `model.py`) out.

Steps, in order: meta (header, language, content bounds) → sentences → persons → roles → bodies →
places (person names blocked, so "Hoa Binh" in "Nguyen Hoa Binh" is no province) → directives →
statistics (directive symbols, dates and names blocked) → events.
"""

from __future__ import annotations

from kg.extract import dates, directives, events, places, statistics
from kg.extract.lexicon import lexicon
from kg.extract.model import Extraction, PartialDate, Span
from kg.extract.orgs import build_context, find_organizations
from kg.extract.persons import find_persons
from kg.extract.roles import find_roles
from kg.extract.text import read_meta, split_sentences
from kg.reference import Reference, load_reference

EXTRACTOR_VERSION = "0.2.0"

__all__ = ["EXTRACTOR_VERSION", "extract_article"]


def extract_article(text: str, document: str, ref: Reference | None = None,
                    sidecar: dict[str, str] | None = None) -> Extraction:
    """Everything the rules find in one article; offsets index `text` exactly as given.

    `sidecar`: header keys (Source, Language, Published, Title, Translated-From) from a metadata
    file beside the article.
    """
    ref = ref if ref is not None else load_reference()
    lex = lexicon(ref)
    meta = read_meta(text, document, sidecar)
    lang = meta.language
    sentences = split_sentences(text, meta.content_start, meta.content_end)
    as_of = _as_of(text, meta)

    persons = find_persons(text, sentences, lex, lang)
    person_spans = [m for p in persons for m in p.mentions]
    ctx = build_context(text, lex, lang, meta, person_spans, as_of)
    meta.main_area = ctx.main_area
    roles = find_roles(text, sentences, lex, lang, persons, ctx)
    organizations = find_organizations(text, sentences, lex, lang, ctx, roles, person_spans)

    found_places = places.find_places(text, sentences, ref, lang, person_spans, when=_when(text, meta),
                                       organizations=organizations)
    found_directives = directives.find_directives(text, sentences, ref, lang, area=ctx.main_area)
    date_spans = [span for span, _ in dates.find_dates(text, sentences, lang, meta)]
    blocked: list[Span] = person_spans + date_spans + [d.span for d in found_directives if _is_symbol(d)]
    blocked += _directive_name_spans(text, found_directives)
    found_statistics = statistics.find_statistics(text, sentences, lang, blocked)
    found_events = events.find_events(text, sentences, lang, meta, persons, roles, organizations, found_places,
                                      found_directives)
    return Extraction(meta=meta, text=text, sentences=sentences, persons=persons, roles=roles,
                      organizations=organizations, places=found_places, directives=found_directives,
                      events=found_events, statistics=found_statistics)


def _as_of(text: str, meta) -> str | None:
    """The date the article speaks of, as far as known: published date, else the year it is about."""
    if meta.published is not None:
        return meta.published.iso()
    year = dates.document_year(text, meta)
    return str(year) if year else None


def _when(text: str, meta) -> PartialDate | None:
    """The article's date for choosing between old and 2025 units: the published date, else the year the
    text speaks of (inferred)."""
    if meta.published is not None:
        return meta.published
    year = dates.document_year(text, meta)
    return PartialDate(year, inferred=True) if year else None


def _is_symbol(d) -> bool:
    return d.span.quote == d.name_or_number


def _directive_name_spans(text: str, found) -> list[Span]:
    """Where each directive's name is written (its number must not become a statistic)."""
    out = []
    for d in found:
        if not d.name_or_number:
            continue
        start = text.find(d.name_or_number, d.span.start, d.span.end)
        if start >= 0:
            out.append(Span(start, start + len(d.name_or_number), d.name_or_number))
    return out
