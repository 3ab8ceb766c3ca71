"""Places: provinces, centrally-run cities and the country from `areas.csv`, the big regions
(Mekong Delta ...), and districts, communes and villages named with their level word ("huyện Thọ
Xuân", "Ba Dinh District", "kabupaten Huong Son dan Cam Xuyen").

Matching runs on a folded copy of the text (lowercase ASCII, with a map back to the original
offsets), word n-gram by word n-gram against every name and alias of every area, so "Thanh Hóa",
"Thanh Hoa", "THANH HOA" and "Thanh Hoá" meet on one key, and "Hanoi"/"Ha Noi", "TPHCM"/"TP.HCM"
meet on the joined form of a key. Guards for precision:

* every word of a match is capitalised (Vietnamese "hòa bình" is peace, "Hòa Bình" the province);
* diacritics, when written, agree with the area's own ("Huệ", a given name, is not "Huế");
* no match inside `blocked` (person names: "Hoa Binh" in "Nguyen Hoa Binh"), nor right after a
  capitalised surname or an honorific when the persons step missed the name;
* the country is not a place where it only ends a body's name ("Front Tanah Air Vietnam",
  "Mặt trận Tổ quốc Việt Nam", "Communist Party of Vietnam", "Vietnam News Agency") -- provinces
  are places wherever they are named, bodies' names included.

When an old unit and a 2025 unit share a name, the level word written next to it decides first,
then the unit valid at the article's date (`when`), then the older unit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.extract.dates import document_year
from kg.extract.model import Organization, PartialDate, Place, Sentence, Span
from kg.ids import fold
from kg.reference import Area, Reference

# Level words that may stand right before (or, for the suffix forms, right after) an area name;
# folded, with the level they announce.
PREFIX_LEVELS: dict[str, str] = {
    "provinsi": "province", "propinsi": "province", "tinh": "province", "province": "province",
    "kota": "municipality", "thanh pho": "municipality", "tp": "municipality", "city": "municipality",
}
SUFFIX_LEVELS: dict[str, str] = {"province": "province", "city": "municipality", "provinsi": "province"}
# Level words of units below the province (written before the name) ...
LOCAL_PREFIX: dict[str, str] = {
    "huyen": "district", "quan": "district", "thi xa": "district", "thanh pho": "district",
    "xa": "commune", "phuong": "commune", "thi tran": "commune", "thon": "other", "xom": "other",
    "kabupaten": "district", "distrik": "district", "kota": "district", "kecamatan": "commune",
    "kelurahan": "commune", "komune": "commune", "desa": "commune", "dusun": "other", "kampung": "other",
    "district": "district", "commune": "commune", "ward": "commune",
    # an economic zone is named after its place ("Zona Ekonomi Nghi Son", "Khu kinh tế Nghi Sơn")
    "zona ekonomi": "other", "kawasan ekonomi": "other", "khu kinh te": "other",
    "pulau": "other",
}
# Words that may stand between a level word and the name ("kabupaten pegunungan Mu Cang Chai", "huyện miền
# núi Kỳ Sơn", "the mountainous district of Ky Son"), folded.
LOCAL_MODIFIERS = {"pegunungan", "perbatasan", "pesisir", "terpencil", "mien nui", "bien gioi", "ven bien",
                   "vung cao", "of"}
# ... and after it (en).
LOCAL_SUFFIX: dict[str, str] = {"district": "district", "commune": "commune", "ward": "commune", "town": "district",
                                "village": "other", "island": "other"}
# Vietnamese spellings of the level words: in Vietnamese text a level word written otherwise is another
# word ("tính" calculate, "quân" army, "xa" far).
VI_LEVEL_FORMS: dict[str, set[str]] = {
    "tinh": {"tỉnh"}, "thanh pho": {"thành phố"}, "huyen": {"huyện"}, "quan": {"quận"}, "thi xa": {"thị xã"},
    "xa": {"xã"}, "phuong": {"phường"}, "thi tran": {"thị trấn"}, "thon": {"thôn"}, "xom": {"xóm"},
    "khu kinh te": {"khu kinh tế"}, "mien nui": {"miền núi"}, "bien gioi": {"biên giới"},
    "ven bien": {"ven biển"}, "vung cao": {"vùng cao"},
}
# Big regions, which areas.csv does not hold: (English name, Vietnamese name, other spellings).
REGIONS: list[tuple[str, str, list[str]]] = [
    ("Mekong Delta", "Đồng bằng sông Cửu Long", ["Delta Mekong", "Delta Sungai Mekong", "ĐBSCL", "Cuu Long Delta"]),
    ("Red River Delta", "Đồng bằng sông Hồng", ["Delta Sungai Merah", "Delta Sungai Hong"]),
    ("Central Highlands", "Tây Nguyên", ["Dataran Tinggi Tengah", "Tay Nguyen"]),
]
# Other countries the news names most, which areas.csv does not hold: (English name, Vietnamese name, other
# spellings). Vietnamese one-word names that are also given names or words ("Nga", "Đức", "Anh", "Mỹ",
# "Pháp") are left out; their longer forms are in.
COUNTRIES: list[tuple[str, str, list[str]]] = [
    ("China", "Trung Quốc", ["Tiongkok", "Cina", "Republik Rakyat Tiongkok"]),
    ("Laos", "Lào", ["Laos"]),
    ("Cambodia", "Campuchia", ["Kamboja"]),
    ("Thailand", "Thái Lan", []),
    ("Japan", "Nhật Bản", ["Jepang"]),
    ("South Korea", "Hàn Quốc", ["Korea Selatan", "Republic of Korea", "Republik Korea"]),
    ("United States", "Hoa Kỳ", ["Amerika Serikat", "United States of America", "USA"]),
    ("Russia", "Liên bang Nga", ["Rusia", "Russian Federation", "Federasi Rusia"]),
    ("India", "Ấn Độ", []),
    ("Singapore", "Singapore", []),
    ("Malaysia", "Malaysia", []),
    ("Philippines", "Philippines", ["Filipina"]),
    ("Australia", "Australia", ["Úc"]),
    ("France", "Cộng hòa Pháp", ["Prancis"]),
    ("Germany", "Cộng hòa Liên bang Đức", ["Jerman"]),
    ("United Kingdom", "Vương quốc Anh", ["Inggris", "Britain", "Kerajaan Inggris"]),
    ("Cuba", "Cuba", ["Kuba"]),
]

# Vietnamese family names and common middle names, folded: a capitalised one right before a match
# makes the match part of a person's name ("Nguyen Hoa Binh", "Nguyen Thi Hue").
FAMILY_NAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho",
    "ngo", "duong", "ly", "dau", "trinh", "dinh", "mai", "truong", "lam", "luong", "ta", "cao",
    "doan", "lai", "chu", "quach", "vuong", "trieu", "kieu", "tong", "luu", "hua", "khuat", "thai",
}
MIDDLE_NAMES = {"thi", "van", "huu", "duc", "quoc", "xuan", "ngoc", "kim", "minh"}
SURNAMES = FAMILY_NAMES | MIDDLE_NAMES
HONORIFICS = {
    "ong", "ba", "anh", "chi", "mr", "mrs", "ms", "madam", "bapak", "ibu", "pak", "bu", "kamerad",
    "comrade", "dong chi", "sdr", "saudara", "tuan", "nyonya",
}
# Capitalised words that start a body's name, not a place's: never part of a local place name.
NOT_PLACE_WORDS = {
    "uy", "ban", "so", "bo", "dang", "chinh", "tinh", "ubnd", "hdnd", "komite", "dewan", "partai",
    "kementerian", "pemerintah", "departemen", "badan", "committee", "council", "party", "ministry",
    "department", "provincial", "people", "peoples", "government", "kamerad", "comrade", "the",
}
# Names that continue into something that is not the area ("Thái Bình Dương" is the Pacific).
NOT_FOLLOWED_BY = {"thai binh": {"duong"}}
# Area names that are also a person's name: matched only with a level word ("Kota Ho Chi Minh",
# "TP Hồ Chí Minh", "Ho Chi Minh City"), never bare ("President Ho Chi Minh", "Ho Chi Minh Thought").
NEEDS_LEVEL_WORD = {"ho chi minh"}
# Folded words that, right before the country's name, make it the end of a body's name.
COUNTRY_IN_NAME_BEFORE = {"to quoc", "tanah air", "cong san", "komunis", "communist", "xa hoi chu nghia",
                          "sosialis", "socialist", "nha nuoc", "negara", "republik", "republic", "cong hoa",
                          "nhan dan", "lao dong", "nong dan", "phu nu", "thanh nien", "thong tan xa", "cuu chien binh",
                          "doanh nghiep", "thuong mai", "ngan hang", "hang khong", "dien luc", "dau khi",
                          "kantor berita",
                          "news agency"}
_LOCAL_STARTS = {k.split()[0] for k in LOCAL_PREFIX} | set(LOCAL_SUFFIX)
MIN_ALIAS_LEN = 3  # shorter aliases ("HN") are too ambiguous in running text
MAX_LOCAL_NAME_WORDS = 3

_WORD = re.compile(r"[a-z0-9]+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_CAP_WORD = re.compile(r"[^\W\d_][\w'\u2019]*|\d+")
_SPACE = re.compile(r"[ \t\u00a0]{1,3}|[ \t\u00a0]*[-\u2013\u2014][ \t\u00a0]*|\.")
_ABBREVIATION_GAP = re.compile(r"\.[ \t\u00a0]?")
_COORDINATION = re.compile(r"[ \t\u00a0]*(?:,|dan|va|and|serta)[ \t\u00a0]*|[ \t\u00a0]*,[ \t\u00a0]*(?:dan|va|and)"
                           r"[ \t\u00a0]+")


@dataclass
class FoldedText:
    """A lowercase ASCII copy of a text with, for every folded character, the original offset."""

    text: str
    origin: list[int]

    def span(self, start: int, end: int, raw: str) -> tuple[int, int]:
        """Original offsets of the folded stretch [start, end)."""
        a = self.origin[start]
        b = self.origin[end - 1] + 1
        while b < len(raw) and unicodedata.combining(raw[b]):
            b += 1
        return a, b


def fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFKD", c)
    return "".join(x for x in decomposed if not unicodedata.combining(x)).lower()


def fold_text(raw: str) -> FoldedText:
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(raw):
        for x in (c.lower() if c.isascii() else fold_char(c)):
            chars.append(x)
            origin.append(i)
    return FoldedText("".join(chars), origin)


def fold_key(name: str) -> str:
    """The matching key of a name: folded words joined by single spaces."""
    return " ".join(_WORD.findall(fold(name)))


def _tone_signature(word: str) -> tuple[str, frozenset[str]]:
    """A Vietnamese syllable as (letters without tone marks, tone marks): "hoà" and "hòa" agree."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = frozenset(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return base, tones


def _diacritic_signature(name: str) -> tuple:
    return tuple(_tone_signature(w) for w in re.findall(r"[^\W_]+", name))


def _strip_level_words(key: str) -> str:
    words = key.split()
    for n in (2, 1):
        if len(words) > n and " ".join(words[:n]) in PREFIX_LEVELS:
            words = words[n:]
            break
    if len(words) > 1 and words[-1] in SUFFIX_LEVELS:
        words = words[:-1]
    return " ".join(words)


def _strip_vi_level(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "TP. ", "TP.", "TP "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@dataclass
class _Entry:
    area: Area
    diacritic_forms: set[tuple]
    region: bool = False


class AreaIndex:
    """Every name of every area (and region), by folded key and by the key's words run together."""

    def __init__(self, areas: dict[str, Area]):
        self.by_key: dict[str, list[_Entry]] = {}
        self.starts: set[str] = set()  # words a match can start with (to skip the others fast)
        self.max_words = 1
        for area in areas.values():
            self._add(area, [area.name_en, area.name_vi, *area.aliases], region=False)
        for en, vi, others in REGIONS:
            region = Area(id="region-" + "-".join(fold_key(en).split()), level="other", name_en=en, name_vi=vi)
            self._add(region, [en, vi, *others], region=True)
        for en, vi, others in COUNTRIES:
            country = Area(id="foreign-" + "-".join(fold_key(en).split()), level="country", name_en=en, name_vi=vi)
            self._add(country, [en, vi, *others], region=False)

    def _add(self, area: Area, names: list[str], region: bool) -> None:
        forms = {_diacritic_signature(_strip_vi_level(n)) for n in names if not n.isascii()}
        entry = _Entry(area, forms, region)
        for name in names:
            key = _strip_level_words(fold_key(name))
            if len(key.replace(" ", "")) < MIN_ALIAS_LEN and name != area.name_en:
                continue
            for k in {key, key.replace(" ", "")}:
                bucket = self.by_key.setdefault(k, [])
                if all(e.area.id != area.id for e in bucket):
                    bucket.append(entry)
            self.max_words = max(self.max_words, len(key.split()))
            if key:
                self.starts.add(key.split()[0])
                joined = key.replace(" ", "")
                self.starts.update(joined[:n] for n in range(1, len(joined) + 1))

    def lookup(self, key: str) -> list[_Entry]:
        return self.by_key.get(key, [])


_INDEX_CACHE: dict[int, tuple[dict, AreaIndex]] = {}


def area_index(ref: Reference) -> AreaIndex:
    cached = _INDEX_CACHE.get(id(ref.areas))
    if cached is None or cached[0] is not ref.areas:
        cached = (ref.areas, AreaIndex(ref.areas))
        _INDEX_CACHE[id(ref.areas)] = cached
    return cached[1]


@dataclass
class _Word:
    start: int  # folded offsets
    end: int
    text: str


class _Text:
    """The raw text, its folded copy and its words, with the small questions asked about them."""

    def __init__(self, raw: str, lang: str):
        self.raw = raw
        self.lang = lang
        self.folded = fold_text(raw)
        self.words = [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.folded.text)]
        self.run = self._runs()

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of words i..j (inclusive)."""
        return self.folded.span(self.words[i].start, self.words[j].end, self.raw)

    def quote(self, i: int, j: int) -> str:
        a, b = self.span(i, j)
        return self.raw[a:b]

    def key(self, i: int, n: int) -> str:
        return " ".join(w.text for w in self.words[i:i + n])

    def gap(self, k: int) -> str:
        """Folded text between word k and word k+1."""
        return self.folded.text[self.words[k].end:self.words[k + 1].start]

    def joined(self, i: int, n: int) -> bool:
        """Words i..i+n-1 are one name: only spaces, hyphens or a dot between them (the dot with a
        space only after the abbreviation "TP."), no comma, bracket or line break."""
        return i >= 0 and self.run[i] >= n

    def _runs(self) -> list[int]:
        """run[k]: how many words, from word k on, are joined into one stretch."""
        count = len(self.words)
        run = [1] * count
        for k in range(count - 2, -1, -1):
            gap = self.gap(k)
            if _SPACE.fullmatch(gap) or (self.words[k].text == "tp" and _ABBREVIATION_GAP.fullmatch(gap)):
                run[k] = run[k + 1] + 1
        return run

    def capital(self, k: int) -> bool:
        a, _ = self.span(k, k)
        return self.raw[a].isupper() or self.raw[a].isdigit()

    def level_word_ok(self, i: int, n: int) -> bool:
        """A level word in Vietnamese text must be spelt as one ("quân" is not "quận")."""
        key = self.key(i, n)
        raw = self.quote(i, i + n - 1).lower()
        if key not in VI_LEVEL_FORMS:
            return True
        if self.lang == "vi" or not raw.isascii():
            return raw in VI_LEVEL_FORMS[key]
        return True


def _capitalised(raw: str) -> bool:
    """Every word starts with a capital letter (or a digit)."""
    return all(w[0].isupper() or w[0].isdigit() for w in _CAP_WORD.findall(raw))


def _overlaps(a: int, b: int, spans) -> bool:
    return any(s.start < b and a < s.end for s in spans)


def _valid_at(area: Area, when: PartialDate | None) -> bool:
    if when is None:
        return True
    if when.month is None:
        lo, hi = f"{when.year:04d}-01-01", f"{when.year:04d}-12-31"
    elif when.day is None:
        lo, hi = f"{when.iso()}-01", f"{when.iso()}-31"
    else:
        lo = hi = when.iso()
    return not (area.valid_from and area.valid_from > hi) and not (area.valid_until and area.valid_until < lo)


def _choose(entries: list[_Entry], level: str | None, when: PartialDate | None) -> _Entry:
    """Among areas sharing a name: the announced level first, then validity at `when`, then the older."""
    return min(entries, key=lambda e: (
        0 if level is None or e.area.level == level else 1,
        0 if _valid_at(e.area, when) else 1,
        e.area.valid_from or "",
        e.area.id,
    ))


def _level_before(t: _Text, i: int) -> tuple[str | None, int]:
    """A level word right before word i: (level, index of its first word), else (None, i)."""
    for n in (2, 1):
        j = i - n
        if j >= 0 and t.joined(j, n + 1) and t.key(j, n) in PREFIX_LEVELS and t.level_word_ok(j, n):
            return PREFIX_LEVELS[t.key(j, n)], j
    return None, i


def _local_level_before(t: _Text, i: int) -> bool:
    """A level word of a unit below the province (and of no province) stands right before word i."""
    for n in (2, 1):
        j = i - n
        if j >= 0 and t.joined(j, n + 1):
            key = t.key(j, n)
            if key in LOCAL_PREFIX and key not in PREFIX_LEVELS and t.level_word_ok(j, n):
                return True
    return False


def _after_name_or_honorific(t: _Text, i: int) -> bool:
    """Word i follows a capitalised surname or an honorific: part of a person's name."""
    if i == 0 or not t.joined(i - 1, 2):
        return False
    prev = t.words[i - 1].text
    if prev in SURNAMES and t.capital(i - 1):
        return True
    if prev in HONORIFICS:
        return True
    return i >= 2 and t.joined(i - 2, 3) and t.key(i - 2, 2) in HONORIFICS


def _ends_a_body_name(t: _Text, i: int, n: int) -> bool:
    """The country's name at words i..i+n-1 ends or starts a body's name."""
    for m in (3, 2, 1):
        if i - m >= 0 and t.joined(i - m, m + 1) and t.key(i - m, m) in COUNTRY_IN_NAME_BEFORE:
            return True
    if i >= 1 and t.joined(i - 1, 2) and t.capital(i - 1):
        return True  # "Front Tanah Air Vietnam", "Viet Nam News Agency"-like runs of capitals
    if i >= 2 and t.words[i - 1].text in ("of", "cua") and t.joined(i - 2, 3) and t.capital(i - 2):
        return True  # "Communist Party of Vietnam", "State Bank of Vietnam"
    k = i + n
    if k < len(t.words) and t.joined(k - 1, 2) and t.capital(k):
        return True  # "Vietnam News Agency", "Vietnam Fatherland Front"
    return False


def find_places(
    text: str,
    sentences: list[Sentence],
    ref: Reference,
    lang: str,
    blocked: list[Span],
    when: PartialDate | None = None,
    organizations: list[Organization] | None = None,
) -> list[Place]:
    """One Place per distinct area named in the sentences (the whole text when there are none).

    `when` is the article's date (the year from `dates.document_year` when not given), used to pick
    between an old unit and a 2025 unit of the same name. `organizations`, when given, are the
    bodies found: the country is not a place inside their names (provinces still are).
    """
    if when is None:
        year = document_year(text, None)
        when = PartialDate(year, inferred=True) if year else None
    index = area_index(ref)
    t = _Text(text, lang)
    bounds = [(s.span.start, s.span.end) for s in sentences]
    org_spans = [m for o in organizations or [] for m in (o.mentions or [o.span])]
    places: dict[str, Place] = {}
    taken: list[tuple[int, int]] = []

    def in_sentences(a: int) -> bool:
        return not bounds or any(s <= a < e for s, e in bounds)

    i = 0
    words = t.words
    while i < len(words):
        if words[i].text not in index.starts:
            i += 1
            continue
        hit = None
        for n in range(min(index.max_words, len(words) - i), 0, -1):
            if not t.joined(i, n):
                continue
            key = t.key(i, n)
            entries = index.lookup(key) or (index.lookup(key.replace(" ", "")) if n > 1 else [])
            if entries:
                hit = (n, key, entries)
                break
        if hit is None:
            i += 1
            continue
        n, key, entries = hit
        a, b = t.span(i, i + n - 1)
        raw = text[a:b]
        entries = _acceptable(t, i, n, key, raw, entries, blocked, org_spans)
        if not entries or not in_sentences(a):
            i += n
            continue
        if _local_level_before(t, i):
            i += n  # "phường Điện Biên", "huyện Hòa Bình": a ward or district of that name, not the province
            continue
        level, first = _level_before(t, i)
        last = i + n - 1
        if level is None and i + n < len(words) and t.joined(last, 2):
            suffix = words[i + n].text
            if suffix in SUFFIX_LEVELS and t.capital(i + n):
                level, last = SUFFIX_LEVELS[suffix], i + n
        if level is None and key in NEEDS_LEVEL_WORD:
            i += n
            continue
        entry = _choose(entries, level, when)
        ma, mb = t.span(first, last)
        _add(places, entry.area, Span(ma, mb, text[ma:mb]))
        taken.append((ma, mb))
        i = last + 1

    for place in _local_places(t, blocked, taken, in_sentences):
        key = f"{place.type}:{place.normalized}"
        if key in places:
            places[key].mentions.extend(place.mentions)
        else:
            places[key] = place
    return list(places.values())


def _acceptable(t: _Text, i: int, n: int, key: str, raw: str, entries: list[_Entry], blocked, org_spans):
    """The entries a match at words i..i+n-1 may stand for, after the precision guards."""
    a, b = t.span(i, i + n - 1)
    if _overlaps(a, b, blocked) or _after_name_or_honorific(t, i):
        return []
    if not _capitalised(raw) and not (raw[:1].isupper() and all(e.region for e in entries)):
        return []
    if not raw.isascii():
        sig = _diacritic_signature(raw)
        entries = [e for e in entries if not e.diacritic_forms or sig in e.diacritic_forms]
    nxt = t.words[i + n].text if i + n < len(t.words) and t.joined(i + n - 1, 2) else None
    if nxt and nxt in NOT_FOLLOWED_BY.get(key, set()):
        return []
    if any(e.area.level == "country" for e in entries):
        if _overlaps(a, b, org_spans) or _ends_a_body_name(t, i, n):
            entries = [e for e in entries if e.area.level != "country"]
    return entries


def _add(places: dict[str, Place], area: Area, span: Span) -> None:
    place = places.get(area.id)
    if place is None:
        places[area.id] = Place(
            span=span, method="rule:areas", name=span.quote, normalized=area.name_en,
            native=area.name_vi or None, type=area.level,
            ref_id=None if area.id.startswith(("region-", "foreign-")) else area.id, mentions=[span],
        )
    else:
        place.mentions.append(span)


def _local_places(t: _Text, blocked, taken, in_sentences) -> list[Place]:
    """Units below the province written with their level word; not in areas.csv, so unreferenced."""
    found: list[tuple[str, int, int, int, int]] = []  # (level, first and last word of the name, of the mention)
    words = t.words
    i = 0
    while i < len(words):
        step = 1
        if words[i].text not in _LOCAL_STARTS:
            i += 1
            continue
        for n in (3, 2, 1):
            if i + n > len(words) or not t.joined(i, n):
                continue
            key = t.key(i, n)
            if key in LOCAL_PREFIX and t.level_word_ok(i, n):
                step = n
                k = i + n
                for _ in range(2):  # "kabupaten pegunungan X", "district of X"
                    mod = next((m for m in (2, 1) if k + m <= len(words) and t.key(k, m) in LOCAL_MODIFIERS
                                and t.level_word_ok(k, m) and (t.key(k, m) != "of" or t.lang == "en")), 0)
                    if not mod:
                        break
                    k += mod
                while True:
                    count = _name_after(t, k, blocked, coordinated=k != i + n)
                    if not count:
                        break
                    found.append((LOCAL_PREFIX[key], k, k + count - 1, i if k == i + n else k, k + count - 1))
                    step = k + count - i
                    nxt = _next_coordinated(t, k + count - 1)
                    if nxt is None:
                        break
                    k = nxt
                break
        if step == 1 and words[i].text in LOCAL_SUFFIX and i > 0:
            count = _name_before(t, i, blocked)
            if count:
                found.append((LOCAL_SUFFIX[words[i].text], i - count, i - 1, i - count, i))
        i += step
    out = []
    for level, first, last, mention_first, mention_last in found:
        na, nb = t.span(first, last)
        ma, mb = t.span(mention_first, mention_last)
        if not in_sentences(na) or any(a < nb and na < b for a, b in taken):
            continue
        name = t.raw[na:nb]
        normalized = " ".join(x[:1].upper() + x[1:] for x in fold_key(name).split())
        span = Span(ma, mb, t.raw[ma:mb])
        out.append(Place(span=span, method="rule:level-word", name=name, normalized=normalized,
                         native=name if not name.isascii() else None, type=level, mentions=[span]))
    return out


def _next_coordinated(t: _Text, k: int) -> int | None:
    """The first word of a name coordinated with the one ending at word k ("X dan Y", "X, Y và Z")."""
    if k + 1 >= len(t.words):
        return None
    gap = t.gap(k)
    if _COORDINATION.fullmatch(gap):
        return k + 1
    if k + 2 < len(t.words) and t.words[k + 1].text in ("dan", "va", "and", "serta"):
        full = gap + t.words[k + 1].text + t.gap(k + 1)
        if _COORDINATION.fullmatch(full) or re.fullmatch(r"\s*(?:dan|va|and|serta)\s+", full):
            return k + 2
    return None


def _name_word_ok(t: _Text, k: int, blocked) -> bool:
    if not t.capital(k):
        return False
    a, b = t.span(k, k)
    w = t.words[k].text
    return not _overlaps(a, b, blocked) and w not in NOT_PLACE_WORDS and w not in LOCAL_PREFIX \
        and w not in PREFIX_LEVELS and w not in LOCAL_SUFFIX


def _name_after(t: _Text, k: int, blocked, coordinated: bool = False) -> int:
    """How many capitalised words (or one number) make a name at word k (`coordinated`: after "X dan")."""
    count = 0
    while k + count < len(t.words) and count < MAX_LOCAL_NAME_WORDS:
        j = k + count
        if (count and not t.joined(j - 1, 2)) or (not count and k > 0 and not t.joined(k - 1, 2)):
            break
        if not _name_word_ok(t, j, blocked):
            # a person's name found where a place name goes on ("thành phố Buôn Ma Thuột"): unless it starts
            # with a family name ("huyện Thọ Xuân Lê Văn Tiến"), the persons step took part of the place
            if not ((count or coordinated) and _name_word_ok(t, j, []) and t.words[j].text not in FAMILY_NAMES):
                break
        count += 1
        if t.words[j].text.isdigit():
            break
    if count and t.words[k].text in FAMILY_NAMES:
        # "Kota Lam Quoc Bao": a family name and two more capitalised words is a person's name
        more = k + count < len(t.words) and t.joined(k + count - 1, 2) and t.capital(k + count)
        if count >= 3 or more:
            return 0
    for j in range(k + 1, k + count):
        if t.words[j].text in FAMILY_NAMES and j + 1 < len(t.words) and t.joined(j, 2) and t.capital(j + 1):
            return j - k  # "huyện Thọ Xuân Lê Văn Tiến": the name stops before the person's
    return count


def _name_before(t: _Text, k: int, blocked) -> int:
    """How many capitalised words stand right before word k (en "Ba Dinh District")."""
    count = 0
    while k - count - 1 >= 0 and count < MAX_LOCAL_NAME_WORDS:
        j = k - count - 1
        if not t.joined(j, 2) or not _name_word_ok(t, j, []):
            break  # (a person's name does not stand right before "district" or "village": no blocking here)
        a, b = t.span(j, j)
        if t.raw[b:b + 1] in ("'", "\u2019"):
            break
        count += 1
    return count
