"""Vietnamese personal names, in Indonesian, English and Vietnamese text, with or without diacritics.

A name is a run of 2–4 capitalised words that are Vietnamese syllables, and it counts when there is
evidence it is a person: its first word is a Vietnamese family name, or it follows an honorific
("Kamerad", "đồng chí", "Mr") or a title ("Wakil Perdana Menteri Tetap"). Province names are not
persons: "Hoa Binh" alone or in "provinsi Hoa Binh" is a place, "Kota Ho Chi Minh" a city, while
"Nguyen Hoa Binh" is a person. A later one-word reference ("ông Hưng", "Permanent Deputy PM Binh") is a
mention of the one person with that given name, when there is exactly one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import (
    ETHNIC_FIRST,
    Folded,
    Lexicon,
    ascii_name,
    fold,
    has_diacritics,
    is_surname,
    is_syllable,
    key,
)
from kg.extract.model import Person, Sentence, Span
from kg.extract.orgs import body_hits, sentence_of
from kg.extract.roles import BARE, HONORIFIC_BEFORE, find_title_mentions
from kg.extract.text import Covered

_WORD = re.compile(r"[^\W\d_]+")
# a word right before a name that makes it a place, street or institution ("jalan Le Loi", "xã Hoàng Hoa")
PLACE_BEFORE = {
    "kota", "provinsi", "kabupaten", "kecamatan", "desa", "kelurahan", "distrik", "jalan", "jl", "sungai", "danau",
    "pulau", "teluk", "gunung", "sekolah", "universitas", "bandara", "pelabuhan", "komune", "dusun",
    "tỉnh", "huyện", "quận", "xã", "phường", "đường", "phố", "sông", "hồ", "cầu", "trường", "viện", "chợ", "đền",
    "chùa", "làng", "thôn", "bản", "ấp", "thị", "trấn", "tp", "tp.",
    "city", "province", "district", "commune", "ward", "town", "village", "street", "road", "avenue", "lake",
    "river", "school", "hospital", "hamlet",
}
# a word right after a name that makes it a place or a thing named after a person ("Le Loi Street")
PLACE_AFTER = {
    "city", "province", "district", "street", "road", "avenue", "bridge", "lake", "river", "bay", "island",
    "university", "school", "hospital", "airport", "port", "mausoleum", "square", "museum", "trail", "expressway",
    "highway", "town", "commune", "ward", "communist", "thought", "ideology", "park", "stadium", "pagoda",
    "temple", "market", "dam", "pass", "mountain", "plant", "station", "village", "hamlet", "region", "delta",
    "metro", "line", "railway", "route", "boulevard", "archipelago", "islands", "pedestrian", "walking", "beach",
    "cave", "peak", "valley", "waterfall", "canal", "tunnel", "theatre", "theater", "centre", "center", "complex",
    "zone", "quarter", "industrial", "economic", "international", "lagoon", "reservoir", "wharf", "pier",
}
# a word right before a name that places something there ("di Lang Nu", "tại Làng Nủ", "in Lang Nu"): a name
# with no other evidence than its family name is then a place
LOCATIVE_BEFORE = {"di", "ke", "tại", "ở", "in", "at"}
# a place's apposition right after a name: "Lang Nu, komune Phuc Khanh", "Làng Nủ, xã Phúc Khánh"
PLACE_APPOSITION = re.compile(
    r"\s*,\s*(?:komune|kelurahan|kecamatan|kabupaten|distrik|provinsi|xã|phường|huyện|quận|tỉnh|thị\s+xã|commune|"
    r"ward|district|province)\s", re.I)
NON_NAME_WORDS = {"ban", "so", "bo", "cuc", "bay", "kota", "pho", "tp", "of", "and"}
# capitalised words that, earlier in the same run, make a name part of an institution's or place's name
INSTITUTION_WORDS = {
    "sekolah", "sma", "smp", "universitas", "rumah", "sakit", "umum", "jalan", "pantai", "situs", "jembatan", "gedung",
    "stadion", "pasar", "bandara", "pelabuhan", "taman", "museum", "monumen", "kampung", "desa", "kecamatan",
    "kabupaten", "distrik", "kota", "provinsi", "danau", "sungai", "gunung", "pulau", "teluk", "tim", "klub",
    "institut", "akademi", "perusahaan", "menengah", "atas", "dasar", "pertama", "negeri",
    "hospital", "school", "university", "college", "street", "road", "avenue", "bridge", "park", "stadium",
    "market", "airport", "port", "temple", "pagoda", "team", "club", "company", "corporation", "group", "high",
    "secondary", "primary", "academy", "institute", "ward", "district", "commune", "province", "city",
    "truong", "benh", "vien", "duong", "pho", "cau", "cho", "san", "cong", "ty", "tap", "doan", "dai", "hoc", "khu",
    "thpt", "thcs", "quan", "huyen", "xa", "phuong", "tinh", "thanh", "lang",
}
# country names that start with a family name ("Thái Lan", "Hà Lan", "Hàn Quốc")
NOT_PERSONS = {"thai lan", "han quoc", "hoa ky", "ha lan", "mong co", "dai loan", "an do", "trung quoc", "ma cao",
               "ma lai", "la ma", "cao ly", "y nhi"}
HONORIFIC_TOKENS = {"kamerad", "comrade", "rekan", "kawan", "mr", "mrs", "ms", "madam", "bapak", "pak", "ibu", "ong",
                    "ba", "dr", "prof", "general", "jenderal", "colonel", "kolonel", "senior", "lieutenant", "major",
                    "letnan", "mayor", "gen", "col", "lt", "sen", "maj"}


@dataclass
class _Candidate:
    start: int
    end: int
    quote: str
    evidence: str  # surname | honorific | title


def find_persons(text: str, sentences: list[Sentence], lex: Lexicon, lang: str) -> list[Person]:
    """One Person per distinct name (ASCII key) with all its mentions."""
    if not sentences:
        return []
    lo, hi = sentences[0].span.start, sentences[-1].span.end
    titles = [t for t in find_title_mentions(text, lex, lang) if t.rank != BARE]
    title_ends = {t.end for t in titles}
    blocked = [(h.start, h.end) for h in body_hits(text, lex, lang)] + [(t.start, t.end) for t in titles]
    blocked_at = Covered(blocked)
    tokens = [m for m in _WORD.finditer(text, lo, hi)]
    letters = [c for c in text[lo:hi] if c.isalpha()]
    strict = lang == "vi" and sum(1 for c in letters if ord(c) > 127) > 0.05 * max(1, len(letters))
    candidates: list[_Candidate] = []
    singles: list[tuple[int, int, str]] = []
    places_named: set[str] = set()  # names written once as a place ("distrik Cam Xuyen"): places everywhere

    runs: list[list[re.Match[str]]] = []
    cur: list[re.Match[str]] = []
    for tk in tokens:
        if _capitalised(tk.group(0)) and tk.start() not in blocked_at:
            if cur and re.fullmatch(r"[ \t]+", text[cur[-1].end():tk.start()]):
                cur.append(tk)
                continue
            if cur:
                runs.append(cur)
            cur = [tk]
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)

    for run in runs:
        i = 0
        after_area = False
        while i < len(run):
            tok = run[i]
            word = tok.group(0)
            if fold(word) in HONORIFIC_TOKENS:
                i += 1
                continue
            evidence = _evidence(text, tok.start(), title_ends)
            if evidence is None and is_surname(word, strict):
                evidence = "surname"
                # "Buôn Ma Thuột", "Rumah Sakit Umum Hoang Mai": part of another proper noun
                prev = run[i - 1].group(0) if i else ""
                if i and not after_area and fold(prev) not in HONORIFIC_TOKENS \
                        and (is_syllable(prev) or fold(prev) in INSTITUTION_WORDS):
                    evidence = None
            if evidence is None:
                i += 1
                after_area = False
                continue
            relaxed = fold(word) in ETHNIC_FIRST and evidence != "surname" or fold(word) == "y"
            j = i + 1
            while j < len(run) and j - i < 4 and _name_token(run[j].group(0), relaxed):
                j += 1
            if j - i == 1:
                if evidence in ("honorific", "title") and is_syllable(word) and fold(word) not in NON_NAME_WORDS:
                    singles.append((tok.start(), tok.end(), word))
                i += 1
                continue
            names = [t.group(0) for t in run[i:j]]
            if key(" ".join(names)) in NOT_PERSONS:
                i = j
                continue
            skip = _area_prefix(lex, names, evidence)
            if skip:
                i += skip
                after_area = True
                continue
            if evidence == "surname" and _place_context(text, run[i].start(), run[j - 1].end()):
                places_named.add(key(" ".join(names)))
                i = j
                continue
            start, end = run[i].start(), run[j - 1].end()
            candidates.append(_Candidate(start, end, text[start:end], evidence))
            i = j
            after_area = False

    candidates = [c for c in candidates if c.evidence != "surname" or key(c.quote) not in places_named]
    persons: dict[str, Person] = {}
    for c in candidates:
        k = key(c.quote)
        p = persons.get(k)
        span = Span(c.start, c.end, c.quote)
        if p is None:
            conf = 0.95 if c.evidence != "surname" else 0.85
            p = Person(span=sentence_of(sentences, c.start, c.end, text), confidence=conf, method=c.evidence, key=k,
                       name=c.quote, normalized=ascii_name(c.quote), native=None, mentions=[])
            persons[k] = p
        elif c.evidence != "surname":
            p.confidence = max(p.confidence, 0.95)
        p.mentions.append(span)
        if p.native is None and has_diacritics(c.quote):
            p.native = c.quote

    _more_mentions(text, lo, hi, {k: p for k, p in persons.items() if not lex.areas_named(k)})
    _short_references(singles, persons)
    _bare_given_names(text, lo, hi, {k: p for k, p in persons.items() if not lex.areas_named(k)}, lex)
    out = sorted(persons.values(), key=lambda p: min(m.start for m in p.mentions))
    for p in out:
        p.mentions = sorted(set(p.mentions))
    return out


def _capitalised(word: str) -> bool:
    if not word[0].isupper():
        return False
    return len(word) == 1 or not word.isupper()


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)



def _name_token(word: str, relaxed: bool) -> bool:
    if not _capitalised(word):
        return False
    if relaxed:
        return word.isalpha() and len(word) <= 8
    return is_syllable(word) and fold(word) not in NON_NAME_WORDS


def _evidence(text: str, start: int, title_ends: set[int]) -> str | None:
    before = text[max(0, start - 40):start]
    if HONORIFIC_BEFORE.search(before):
        return "honorific"
    stripped = start
    while stripped > 0 and text[stripped - 1] in " \t":  # len(text[:start].rstrip(" \t")), without the copy
        stripped -= 1
    if stripped in title_ends and stripped < start:
        return "title"
    return None


def _area_prefix(lex: Lexicon, names: list[str], evidence: str) -> int:
    """How many leading words to skip because they are a province's name (0: none).

    "Hoa Binh" alone is the province (unless a title or honorific says otherwise); in "Thai Nguyen Trinh
    Viet Hung" (after "Bi thu Tinh uy") the province comes first and the name follows."""
    for k in range(min(4, len(names)), 1, -1):
        if not lex.areas_named(" ".join(names[:k])):
            continue
        if k == len(names):
            return 0 if evidence != "surname" else k
        rest = names[k:]
        if len(rest) >= 2 and is_surname(rest[0]):
            return k
        return k if evidence == "surname" else 0
    return 0


def _place_context(text: str, start: int, end: int) -> bool:
    """A place marker right before ("jalan Le Loi"), also across a list ("Kabupaten Huong Son, Ky Anh dan
    Cam Xuyen"), or a place word right after ("Le Loi Street", "Lang Nu village")."""
    pos = start
    for step in range(6):
        window = text[max(0, pos - 30):pos]
        m = re.search(r"(?:(?P<sep>,|(?<![^\W\d_])(?:dan|and|và|serta|hoặc|or|atau))|(?P<word>[^\W\d_]+\.?))\s*$",
                      window)
        if not m:
            break
        if m["word"]:
            if m["word"].lower() in PLACE_BEFORE or (step == 0 and m["word"].lower() in LOCATIVE_BEFORE):
                return True
            break
        if step == 0 and m["sep"] == ",":
            break  # "Provinsi Quang Tri, Le Van A": a name in apposition, not the last item of a list
        # step over the previous list item: "<Name> dan", "kabupaten <Name>,"
        sep_at = pos - len(window) + m.start()
        item = re.search(r"((?:[^\W\d_]+\.?[ \t]+){0,4}[^\W\d_]+)[ \t]*,?[ \t]*$", text[max(0, sep_at - 50):sep_at])
        if not item:
            break
        words = item.group(1).split()
        k = len(words)
        while k and words[k - 1][:1].isupper():
            k -= 1
        if k == len(words):
            break  # the previous item is no name
        if any(w.lower() in PLACE_BEFORE for w in words[max(0, k - 1):]):
            return True
        item_start = sep_at - len(text[max(0, sep_at - 50):sep_at]) + item.start(1)
        pos = item_start + len(" ".join(words[:k])) + (1 if k else 0)
    if PLACE_APPOSITION.match(text, end):
        return True
    after = re.match(r"\s+([^\W\d_]+)", text[end:end + 20])
    return bool(after and after.group(1).lower() in PLACE_AFTER)


def _more_mentions(text: str, lo: int, hi: int, persons: dict[str, Person]) -> None:
    """Every other place a found name is written (with or without diacritics)."""
    if not persons:
        return
    folded = Folded(text)
    for p in persons.values():
        rx = re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in p.key.split()) + r"(?![\w])")
        for m in rx.finditer(folded.s):
            a, b = folded.raw(m.start(), m.end())
            if lo <= a < hi and text[a:a + 1].isupper():
                p.mentions.append(Span(a, b, text[a:b]))
                if p.native is None and has_diacritics(text[a:b]):
                    p.native = text[a:b]


_BARE_BEFORE = re.compile(r"(?:^|[.,;:!?(\u201c\"]|\b[a-zà-ỹđ][\w'’-]*)\s*$")
_BARE_ENGLISH_WORDS = {"long", "van", "dan", "tan", "ban", "may", "sang", "hang", "bang", "kim", "chi", "mai", "an"}
_BARE_AFTER = re.compile(r"^(?:[’']s\b|\s*[,.;:!?)]|\s+[a-zà-ỹđ])")


def _bare_given_names(text: str, lo: int, hi: int, persons: dict[str, Person], lex: Lexicon) -> None:
    """"Speaking at the meeting, Hung asked ...", "chaired by Ha": a given name written alone after the
    full name, when exactly one person found has it and no capitalised word stands next to it (so
    "Ha Long" or "Hung Yen" are not mentions)."""
    by_given: dict[str, list[Person]] = {}
    for p in persons.values():
        if len(p.key.split()) >= 2:
            by_given.setdefault(p.key.split()[-1], []).append(p)
    for given, owners in by_given.items():
        if len(owners) != 1 or lex.areas_named(given):
            continue
        p = owners[0]
        first = min(m.start for m in p.mentions)
        taken = Covered([(m.start, m.end) for q in persons.values() for m in q.mentions])
        for m in re.finditer(r"(?<![\w-])[A-Z][\w]*(?![\w-])", text[lo:hi]):
            a, b = lo + m.start(), lo + m.end()
            if a <= first or fold(m.group()) != given or a in taken:
                continue
            before = text[max(lo, a - 30):a]
            if given in _BARE_ENGLISH_WORDS and re.search(r"(?:^|[.!?:\n])\s*$", before):
                continue  # "Long queues formed": an English word opening a sentence
            if _BARE_BEFORE.search(before) and _BARE_AFTER.match(text[b:b + 20]):
                p.mentions.append(Span(a, b, m.group()))


def _short_references(singles: list[tuple[int, int, str]], persons: dict[str, Person]) -> None:
    """"ông Hưng" / "Deputy PM Binh": a mention of the only person whose given name it is."""
    by_given: dict[str, list[Person]] = {}
    for p in persons.values():
        by_given.setdefault(p.key.split()[-1], []).append(p)
    for a, b, word in singles:
        owners = by_given.get(fold(word), [])
        if len(owners) == 1:
            span = Span(a, b, word)
            if span not in owners[0].mentions:
                owners[0].mentions.append(span)
