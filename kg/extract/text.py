"""The article as text: its header (meta), language, where the body starts and ends, and its sentences.

Offsets are always indices into the raw text as given (see `kg.extract.model`). Nothing here edits
the text; page chrome ("[iklan_2]", "Komentar (0)", share widgets) is only left outside
`content_end`, and a leading language label ("Bahasa Indonesia:") outside `content_start`.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from urllib.parse import urlparse

from kg.errors import InputError
from kg.extract.lexicon import is_syllable
from kg.extract.model import ArticleMeta, PartialDate, Sentence, Span

HEADER_KEYS = {"source", "language", "published", "title", "translated-from", "translated_from", "date", "url"}
LANGUAGE_NAMES = {
    "id": "id", "ind": "id", "indonesian": "id", "bahasa indonesia": "id", "indonesia": "id",
    "en": "en", "eng": "en", "english": "en", "inggris": "en",
    "vi": "vi", "vie": "vi", "vietnamese": "vi", "tiếng việt": "vi", "tieng viet": "vi",
}
# A leading label naming the language of a machine translation ("Bahasa Indonesia: Pada sore ...").
LABEL = re.compile(r"\A[ \t\ufeff]*(Bahasa Indonesia|Indonesian|English|Tiếng Việt|Tieng Viet|Vietnamese)[ \t]*:[ \t]*",
                   re.IGNORECASE)
SOURCE_LINE = re.compile(r"^[ \t]*(?:Sumber|Source|Nguồn|Nguon)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
URL = re.compile(r"https?://\S+")
CHROME_LINES = re.compile(
    r"""^[ \t]*(?:
        \[(?:iklan|ad|ads|quang[ _]cao|quảng[ _]cáo)_?\d*\]
      | (?:Komentar|Comments?|Bình\ luận|Binh\ luan)\s*\(\d+\)
      | (?:Gaya|Style|Phong\ cách|Bagikan|Share|Chia\ sẻ|Tweet|Facebook|Twitter|Zalo|Email|Print|In\ bài|Cetak
         |Suka|Like|Thích|Lihat\ juga|See\ also|Xem\ thêm|Tags?|Tag|Label|Topik|Chủ\ đề|Baca\ juga|Read\ more
         |Berita\ terkait|Related|Tin\ liên\ quan|Copy\ link|Salin\ tautan|Sao\ chép\ liên\ kết)\s*:?
    )[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)

STOPWORDS = {
    "id": {"yang", "dan", "di", "untuk", "dengan", "pada", "dari", "ini", "itu", "dalam", "tersebut", "adalah",
           "akan", "telah", "tahun", "secara", "oleh", "kepada", "juga", "serta", "bahwa", "para", "tidak"},
    "en": {"the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "as", "at", "from",
           "has", "have", "which", "were", "are", "said", "its"},
    "vi": {"và", "của", "các", "là", "có", "được", "trong", "cho", "những", "với", "đã", "người", "này", "không",
           "tỉnh", "về", "đồng", "năm", "cùng", "theo", "cua", "cac", "duoc", "nhung", "voi", "nguoi", "khong",
           "va", "tinh", "nhan", "dan", "chinh", "phu", "hoi", "nghi", "thuc", "hien", "trien", "khai"},
}
VI_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

MONTHS = {
    # Indonesian, English, Vietnamese month names (lowercase, folded where needed)
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "agustus": 8,
    "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12, "agu": 8, "agt": 8,
}

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "no", "nos", "tp", "dr", "mr", "mrs", "ms", "st", "prof", "jr", "sr", "co", "ltd", "inc", "vs", "gs", "pgs",
    "ts", "ths", "ks", "q", "p", "tt", "h", "x", "tx", "nq", "qd", "qđ", "nđ", "ct", "art", "dll", "dkk", "sdr",
    "bpk", "hal", "nomor", "jl", "kab", "kec", "kel", "prov", "u.s", "a.m", "p.m", "e.g", "i.e", "etc", "vd",
    "tel", "ir", "drs", "plt", "pj", "mt", "gen", "lt", "col", "maj", "capt", "sen", "rep", "gov", "no.", "tr",
}


# ------------------------------------------------------------------------------------------ meta
def read_meta(raw: str, document: str, sidecar: dict[str, str] | None = None) -> ArticleMeta:
    """The header block, language label, source line and chrome of one article.

    `sidecar` holds the same keys from a metadata file beside the article; the article's own
    header wins where both give a key.
    """
    header, body_start = _header(raw)
    header = {**{k.lower(): v for k, v in (sidecar or {}).items() if k.lower() in HEADER_KEYS}, **header}
    title = header.get("title") or None
    language = LANGUAGE_NAMES.get((header.get("language") or "").strip().lower())
    translated = (header.get("translated-from") or header.get("translated_from") or "").strip().lower() or None
    if translated:
        translated = LANGUAGE_NAMES.get(translated, translated)
    source = header.get("source") or header.get("url") or None
    published = parse_date(header.get("published") or header.get("date") or "")

    content_start = body_start
    label = LABEL.match(raw, body_start)
    if label is None:
        # the label may come after blank lines
        m = re.compile(r"[ \t]*(?:\r?\n[ \t]*)*").match(raw, body_start)
        if m:
            label = LABEL.match(raw, m.end())
    if label:
        lang_of_label = LANGUAGE_NAMES.get(label.group(1).lower())
        language = language or lang_of_label
        if lang_of_label and lang_of_label != "vi" and not translated:
            translated = "vi"
        content_start = label.end()
    content_start = _skip_space(raw, content_start)

    content_end, trailing_source = _chrome_start(raw, content_start)
    source = source or trailing_source
    if not language:
        language = detect_language(raw[content_start:content_end])
    if translated == language:
        translated = None
    return ArticleMeta(document=document, language=language, source=source, published=published, title=title,
                       translated_from=translated, content_start=content_start, content_end=content_end)


_KEYVAL = re.compile(r"^\s*([A-Za-z][A-Za-z_-]{0,30})\s*:\s*(.*?)\s*$")


def _header(raw: str) -> tuple[dict[str, str], int]:
    """`Key: value` lines at the top, ended by a blank line; the first key must be a known one."""
    fields, body_start, _ = _header_lines(raw)
    return {k: v for k, v in fields.items() if k in HEADER_KEYS}, body_start


# (line number, column of the value, key as written, value) of each header line
HeaderLine = tuple[int, int, str, str]


def _header_lines(raw: str) -> tuple[dict[str, str], int, list[HeaderLine]]:
    """The header block: its fields (any key), where the body starts, and each line as written."""
    offset = 1 if raw.startswith("\ufeff") else 0
    fields: dict[str, str] = {}
    lines: list[HeaderLine] = []
    pos = offset
    while pos < len(raw):
        nl = raw.find("\n", pos)
        line_end = len(raw) if nl < 0 else nl
        line = raw[pos:line_end].rstrip("\r")
        nxt = min(line_end + 1, len(raw))
        if not line.strip():
            return (fields, nxt, lines) if fields else ({}, offset, [])
        m = _KEYVAL.match(line)
        if not m:
            return {}, offset, []
        k = m.group(1).lower()
        if not fields and k not in HEADER_KEYS:
            return {}, offset, []  # "Bahasa Indonesia: ..." or a first sentence with a colon
        fields[k] = m.group(2)
        lines.append((len(lines) + 1, m.start(2) + 1, m.group(1), m.group(2)))
        pos = nxt if nl >= 0 else len(raw)
    return (fields, len(raw), lines) if fields else ({}, offset, [])


HEADER_NAMES = "Source, Language, Published, Title, Translated-From"


def check_header(raw: str, path: str) -> None:
    """Refuse a header block with a key kg does not know, a date it cannot read or an unknown language.

    A header is only recognised when its first line is a known key (see `_header`), so a first
    sentence with a colon is never taken for one; inside a header, a typo must not pass unnoticed.
    """
    for line, column, key, value in _header_lines(raw)[2]:
        k = key.lower()
        if k not in HEADER_KEYS:
            raise InputError(f"unknown header key {key!r}; known keys: {HEADER_NAMES}", path, line, 1)
        if k in ("published", "date") and value and parse_date(value) is None:
            raise InputError(f"{key} {value!r} is not a date (e.g. 2025-01-15, 15 Januari 2025)", path, line,
                             column)
        if k == "language" and value and value.strip().lower() not in LANGUAGE_NAMES:
            raise InputError(f"{key} {value!r} is not a language kg reads (id, en, vi)", path, line, column)


def _skip_space(raw: str, pos: int) -> int:
    while pos < len(raw) and raw[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _chrome_start(raw: str, content_start: int) -> tuple[int, str | None]:
    """Where the trailing page chrome begins, and the source URL found in it."""
    lines = []
    pos = content_start
    for line in raw[content_start:].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    cut = len(raw)
    source = None
    in_chrome = False
    for start, line in reversed(lines):
        text = line.strip()
        if not text:
            continue
        m = SOURCE_LINE.match(line)
        if m:
            url = URL.search(m.group(1))
            if url and source is None:
                source = url.group(0).rstrip(").,")
            cut, in_chrome = start, True
            continue
        if CHROME_LINES.match(line):
            cut, in_chrome = start, True
            continue
        if in_chrome and len(text.split()) <= 2 and not re.search(r"[.!?:;)]$", text):
            cut = start  # a short label (section name, byline) right before the chrome
            continue
        break
    while cut > content_start and raw[cut - 1] in " \t\r\n":
        cut -= 1
    return max(cut, content_start), source


def detect_language(text: str) -> str:
    """id, en or vi by stop-word counts (and Vietnamese letters)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "id"
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    letters = [c for c in text.lower() if c.isalpha()]
    vi_share = sum(1 for c in letters if c in VI_LETTERS) / max(1, len(letters))
    if vi_share > 0.03:
        counts["vi"] += len(words)
    elif sum(1 for w in words if is_syllable(w)) > 0.85 * len(words):
        counts["vi"] += len(words) // 2  # Vietnamese written without diacritics: every word one syllable
    return max(("id", "en", "vi"), key=lambda lang: (counts[lang], lang == "id"))


def parse_date(value: str) -> PartialDate | None:
    """A header date: ISO (2025-01-15, 2025-01-15T10:00), 15 Januari 2025, January 15, 2025, 15/1/2025,
    15 tháng 1 năm 2025."""
    v = value.strip().lower()
    if not v:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", v)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = re.search(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", v)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r"(\d{1,2})\s+th[aá]ng\s+(\d{1,2})(?:\s+n[aă]m\s+|[,/\s]+)(\d{4})", v)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r"(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})", v)
    if m and m.group(2) in MONTHS:
        return _date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.search(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", v)
    if m and m.group(1) in MONTHS:
        return _date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return PartialDate(int(m.group(1)))
    return None


def _date(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        if month is not None and day is not None:
            datetime.date(year, month, day)
        elif month is not None and not 1 <= month <= 12:
            return None
    except ValueError:
        return None
    return PartialDate(year, month, day)


def source_host(meta: ArticleMeta) -> str | None:
    if not meta.source:
        return None
    try:
        return urlparse(meta.source).hostname
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------ sentences
# Possessive, and never starting inside a run of stops: on a long run of dots with no space after it
# ("....") the backtracking form tried every start and every length (quadratic); the matches are the same.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s)")


def _starts_sentence(line: str, pos: int) -> bool:
    """After whitespace (and an opening quote or bracket), an upper-case letter or a digit?"""
    i = pos
    if i >= len(line) or not line[i].isspace():
        return False
    while i < len(line) and line[i].isspace():
        i += 1
    if i < len(line) and line[i] in "\"'“‘«([":
        i += 1
    return i < len(line) and (line[i].isupper() or line[i].isdigit())


def split_sentences(raw: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of raw[start:end] with exact offsets; every line is at least its own sentence."""
    end = len(raw) if end is None else end
    out: list[Sentence] = []
    pos = start
    for line in raw[start:end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        for a, b in _split_line(line):
            s, e = line_start + a, line_start + b
            out.append(Sentence(index=len(out), span=Span(s, e, raw[s:e])))
    return out


def _split_line(line: str) -> list[tuple[int, int]]:
    pieces = []
    begin = 0
    for m in _END.finditer(line):
        stop = m.end()
        if not _starts_sentence(line, stop):
            continue
        if m.group(0).startswith(".") and len(m.group(0)) == 1 and _is_abbreviation(line, m.start()):
            continue
        pieces.append((begin, stop))
        begin = stop
    pieces.append((begin, len(line)))
    out = []
    for a, b in pieces:
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)$")
_WORD_WINDOW = 64


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the full stop at `dot` part of an abbreviation ("No.", "TP.", initials "H.")?"""
    # the word before the dot: a letter, then word characters and dots. Only the last
    # _WORD_WINDOW characters are looked at, so a line of many dots stays linear.
    m = _WORD_BEFORE.search(line, max(0, dot - _WORD_WINDOW), dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial
    # a number follows ("No. 18", "Tp. 5") is handled by the abbreviation list; "U.S." style
    return "." in word


class Covered:
    """Intervals [a, b) (overlaps allowed) with an O(log n) test of `a <= pos < b` for any of them:
    A scan of every span for every word or hit made long texts quadratic."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos
