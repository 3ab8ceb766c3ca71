"""What the extractor finds in one article: plain data, before it becomes RDF.

The extractor (`kg.extract.extract_article`) returns an `Extraction`; the article loader
(`kg.loaders.article`) turns it into the document's named graph. Offsets are Python `str`
indices into the document text as `kg.loaders.article.read_document` returns it (UTF-8
decoded, BOM dropped, newlines as `\n`, NFC): the same text is stored as `schema:text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the raw text: `text[start:end] == quote`."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to day, month or year precision; `inferred` when a part was not written."""

    year: int
    month: int | None = None
    day: int | None = None
    inferred: bool = False

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass
class Sentence:
    index: int
    span: Span


@dataclass
class ArticleMeta:
    document: str  # file name, e.g. 000_542332e553f9f8df.txt
    language: str  # id | en | vi
    source: str | None = None  # URL
    published: PartialDate | None = None
    title: str | None = None
    translated_from: str | None = None  # language code when a machine translation
    content_start: int = 0  # offset where the article body starts (after header / language label)
    content_end: int = 0  # offset where page chrome (Sumber:, Komentar, ...) starts
    main_area: str | None = None  # areas.csv id of the province/city the article is about, when clear


@dataclass
class Fact:
    """Common provenance of every extracted item."""

    span: Span  # the sentence (or smaller stretch) that states it
    confidence: float = 0.9
    method: str = "rule"
    inferred: bool = False


@dataclass
class OrgRef:
    """A body: `ref_id` is the id in seeds/reference/bodies.yaml (or a generated template id)."""

    name: str  # as written
    normalized: str  # canonical English name
    type: str  # bodies.yaml type vocabulary (ministry, steering_committee, ...)
    ref_id: str | None = None
    native: str | None = None  # Vietnamese name when known
    parent: str | None = None  # canonical English name of the parent
    location: str | None = None  # canonical English area name
    acronym: str | None = None


@dataclass
class Role(Fact):
    """A post or party role held by a person, attached to a person by key."""

    person: str = ""  # Person.key
    title: str = ""  # as written
    normalized_title: str = ""  # canonical English title of the post (from titles.yaml, body included)
    role_id: str | None = None  # titles.yaml id, None when the title is unknown
    category: str = "state"  # state | party
    organization: OrgRef | None = None
    status: str | None = None  # current | former | appointed | released | acting
    title_span: Span | None = None  # where the title is written (text[start:end] == title)
    org_span: Span | None = None  # where the body is named inside the title, when it is


@dataclass
class Person(Fact):
    key: str = ""  # ASCII folded name, e.g. "nguyen hoa binh": one Person per key per article
    name: str = ""  # as written (first mention, honorific stripped)
    normalized: str = ""  # ASCII, no honorific: "Nguyen Hoa Binh"
    native: str | None = None  # with diacritics when the text has them
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Organization(Fact):
    ref: OrgRef = field(default_factory=lambda: OrgRef("", "", "other"))
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Place(Fact):
    name: str = ""  # as written
    normalized: str = ""  # English name from areas.csv
    native: str | None = None
    type: str = "other"  # province | municipality | district | commune | country | other
    ref_id: str | None = None  # areas.csv id
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Directive(Fact):
    name_or_number: str = ""  # as written
    local_id: str | None = None  # normalised symbol: 18-NQ/TW, 1417/QĐ-TTg
    normalized: str | None = None  # canonical English title
    # resolution | decision | directive | decree | law | programme | plan | conclusion | notice | other
    type: str = "other"
    issuer: str | None = None  # canonical English name of the issuing body
    date: PartialDate | None = None
    period: tuple[int, int] | None = None


@dataclass
class Event(Fact):
    type: str = "meeting"  # meeting | conference | appointment | signing | other
    description: str = ""
    date: PartialDate | None = None
    ordinal: int | None = None
    chair: str | None = None  # Person.key
    organizer: OrgRef | None = None
    participants: list[str] = field(default_factory=list)  # Person.key, chair included
    location: str | None = None  # canonical English area name
    connection_points: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)  # Directive local_id or normalized
    topics: list[str] = field(default_factory=list)


@dataclass
class Statistic(Fact):
    value: str = ""  # as written: "12,2 juta dokumen"
    number: float = 0.0
    unit: str = ""
    subject: str = ""
    period: str | None = None


@dataclass
class Extraction:
    meta: ArticleMeta
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
