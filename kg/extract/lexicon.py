"""Matchers built from the reference data: body names, title forms, post words and area names in the
three languages, matched on folded text so that spellings with or without diacritics meet.

Every pattern runs on a folded copy of the article (lowercase ASCII, see `Folded`), which keeps a map
back to the raw offsets. A match is then checked against the raw text: a capitalised word of the form
must be capitalised in the text too (so "pemerintah daerah" is not the Government), acronyms match
case-sensitively, and where both the form and the text carry Vietnamese tone marks they must agree
("Trưởng" is not "Trương").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kg.reference import Area, Body, Reference, Title

LANGS = ("id", "en", "vi")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SLOT = re.compile(r"\{(area|area_vi|province|municipality)\}")
# what a slot captures before the area name is checked: up to five words
_SLOT_WORDS = r"[a-z0-9]+(?:(?:\s*-\s*|\.\s*|\s+)[a-z0-9]+){0,4}"


# ------------------------------------------------------------------------------------------ folding
@functools.lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """One raw character as zero or more folded characters (lowercase ASCII where possible)."""
    if c in "đĐ":
        return "d"
    if c in "\u2019\u2018`\u00b4\u02bc":
        return "'"
    if c in "\u2010\u2011\u2012\u2013\u2014\u2212":
        return "-"
    if c in "\u00a0\u2009\u202f":
        return " "
    out = unicodedata.normalize("NFKD", c.lower())
    return "".join(ch for ch in out if not unicodedata.combining(ch))


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def ascii_name(text: str) -> str:
    """Diacritics removed, case kept: "Nguyễn Hòa Bình" -> "Nguyen Hoa Binh"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def key(text: str) -> str:
    """A comparison key: folded, punctuation and spacing collapsed."""
    return re.sub(r"[\s\-.'’,&]+", " ", fold(text)).strip()


def has_diacritics(word: str) -> bool:
    return any(ord(c) > 127 and c.isalpha() for c in word)


def vi_word_key(word: str) -> tuple[str, str]:
    """(letters with vowel marks, tone mark): the same for "hoà" and "hòa", different for "Trưởng"/"Trương"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = "".join(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return base, tone


class Folded:
    """The folded text with a map from folded to raw offsets."""

    __slots__ = ("text", "s", "pos")

    def __init__(self, text: str):
        chars: list[str] = []
        pos: list[int] = []
        for i, c in enumerate(text):
            f = fold_char(c)
            chars.append(f)
            pos.extend([i] * len(f))
        self.text = text
        self.s = "".join(chars)
        self.pos = pos + [len(text)]

    def raw(self, a: int, b: int) -> tuple[int, int]:
        """Raw offsets of the folded stretch [a, b)."""
        return self.pos[a], self.pos[b]

    def fpos(self, raw_offset: int) -> int:
        """The first folded offset at or after a raw offset."""
        lo, hi = 0, len(self.pos) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.pos[mid] < raw_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


# ------------------------------------------------------------------------------------------ patterns
def _token_rx(tok: str) -> str:
    if tok in ("vietnam", "viet-nam"):
        return r"viet\s*-?\s*nam"  # English writes the country both ways ("Viet Nam Women's Union")
    out = []
    for i, ch in enumerate(tok):
        if ch == "-":
            out.append(r"\s*-\s*")
        elif ch == "'":
            out.append("'?")
        elif ch == "." and i == len(tok) - 1:
            out.append(r"\.?")
        elif ch == "&":
            out.append(r"\s*&\s*")
        elif ch == ",":
            out.append(",?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def form_rx(form: str, slots: dict[str, str] | None = None) -> str:
    """A regex (on folded text) for a written form; {area}-style slots become a named group."""
    parts = []
    for tok in fold(form).split():
        m = _SLOT.fullmatch(tok)
        if m:
            parts.append(f"(?P<area>{slots[m.group(1)] if slots else _SLOT_WORDS})")
        else:
            parts.append(_token_rx(tok))
    return r"(?<![\w'-])" + r"\s+".join(parts) + r"(?![\w])"


def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(form.split()) == 1 and len(letters) >= 2 and all(c.isupper() for c in letters)


def case_ok(quote: str, form: str) -> bool:
    """Does the text's capitalisation fit the form's? (slots removed from both)"""
    ftoks = [t for t in form.split() if not _SLOT.fullmatch(t)]
    if not ftoks:
        return True
    if len(ftoks) == 1 and is_acronym(ftoks[0]):
        return re.sub(r"[\s.]", "", quote) == re.sub(r"[\s.]", "", ftoks[0])
    qtoks = quote.split()
    # acronyms inside a longer form ("UBND tỉnh") are case-sensitive
    for ft, qt in zip(ftoks, qtoks, strict=False):
        if is_acronym(ft) and qt.replace(".", "") != ft.replace(".", "") and len(ftoks) == len(qtoks):
            return False
    caps = [t for t in ftoks if t[:1].isupper()]
    if not caps:
        return True
    if len(ftoks) == 1:
        return quote[:1].isupper()
    have = sum(1 for t in qtoks if t[:1].isupper())
    return have >= (len(caps) + 1) // 2


def diacritics_ok(quote: str, form: str) -> bool:
    """Where both the form and the text write tone marks on a word, they must be the same word."""
    ftoks = [t for t in form.split() if not _SLOT.fullmatch(t)]
    qtoks = quote.split()
    if len(ftoks) != len(qtoks):
        return True
    for ft, qt in zip(ftoks, qtoks, strict=True):
        if has_diacritics(ft) and has_diacritics(qt) and vi_word_key(ft) != vi_word_key(qt):
            return False
    return True


# ------------------------------------------------------------------------------------------ post words
# Post words ("heads") combine with a body named next to them: "Wakil Kepala" + "Komite Pengarah ...".
# key -> (canonical English, {lang: forms}). Titles in titles.yaml are indexed by the head their `en`
# starts with, so "Vice Chairman of the Provincial People's Committee" is (vice-chairman, template).
HEADS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "member": ("Member", {
        "en": ["member", "members"], "vi": ["ủy viên", "uỷ viên", "thành viên"], "id": ["anggota"]}),
    "standing-member": ("Standing Member", {
        "en": ["standing member", "permanent member"], "vi": ["ủy viên thường vụ"],
        "id": ["anggota tetap"]}),
    "alternate-member": ("Alternate Member", {
        "en": ["alternate member", "alternate members"], "vi": ["ủy viên dự khuyết", "uỷ viên dự khuyết"],
        "id": ["anggota cadangan", "anggota pengganti", "anggota alternatif"]}),
    "chairman": ("Chairman", {
        "en": ["chairman", "chairwoman", "chairperson", "president"],
        "vi": ["chủ tịch", "chủ nhiệm"], "id": ["ketua"]}),
    "vice-chairman": ("Vice Chairman", {
        "en": ["vice chairman", "vice chairwoman", "vice-chairman", "vice-chairwoman", "deputy chairman",
               "deputy chairwoman", "vice chair", "vice president"],
        "vi": ["phó chủ tịch", "phó chủ nhiệm"], "id": ["wakil ketua"]}),
    "permanent-vice-chairman": ("Permanent Vice Chairman", {
        "en": ["permanent vice chairman", "standing vice chairman", "permanent vice chairwoman",
               "standing vice chairwoman", "first vice chairman"],
        "vi": ["phó chủ tịch thường trực", "phó chủ nhiệm thường trực"], "id": ["wakil ketua tetap"]}),
    "secretary": ("Secretary", {"en": ["secretary"], "vi": ["bí thư"], "id": ["sekretaris"]}),
    "deputy-secretary": ("Deputy Secretary", {
        "en": ["deputy secretary", "vice secretary"], "vi": ["phó bí thư"], "id": ["wakil sekretaris"]}),
    "standing-deputy-secretary": ("Standing Deputy Secretary", {
        "en": ["standing deputy secretary", "permanent deputy secretary"], "vi": ["phó bí thư thường trực"],
        "id": ["wakil sekretaris tetap"]}),
    "head": ("Head", {
        "en": ["head", "chief"], "vi": ["trưởng", "trưởng ban", "trưởng đoàn", "chánh", "trưởng phòng"],
        "id": ["kepala", "pimpinan"]}),
    "deputy-head": ("Deputy Head", {
        "en": ["deputy head", "deputy chief", "vice head"],
        "vi": ["phó trưởng", "phó trưởng ban", "phó trưởng đoàn", "phó chánh", "phó trưởng phòng"],
        "id": ["wakil kepala"]}),
    "permanent-deputy-head": ("Permanent Deputy Head", {
        "en": ["permanent deputy head", "standing deputy head"],
        "vi": ["phó trưởng ban thường trực", "phó trưởng đoàn thường trực"], "id": ["wakil kepala tetap"]}),
    "director": ("Director", {"en": ["director"], "vi": ["giám đốc"], "id": ["direktur"]}),
    "deputy-director": ("Deputy Director", {
        "en": ["deputy director", "vice director"], "vi": ["phó giám đốc"], "id": ["wakil direktur"]}),
    "general-director": ("Director General", {
        "en": ["director general", "general director", "director-general"],
        "vi": ["tổng giám đốc", "cục trưởng", "tổng cục trưởng"], "id": ["direktur jenderal", "dirjen"]}),
    "deputy-general-director": ("Deputy Director General", {
        "en": ["deputy director general", "deputy general director"],
        "vi": ["phó tổng giám đốc", "phó cục trưởng", "phó tổng cục trưởng"], "id": ["wakil direktur jenderal"]}),
    "minister": ("Minister", {"en": ["minister", "ministers"], "vi": ["bộ trưởng"], "id": ["menteri"]}),
    "deputy-minister": ("Deputy Minister", {
        "en": ["deputy minister", "deputy ministers", "vice minister", "vice ministers"], "vi": ["thứ trưởng"],
        "id": ["wakil menteri"]}),
    "governor": ("Governor", {"en": ["governor"], "vi": ["thống đốc"], "id": ["gubernur"]}),
    "deputy-governor": ("Deputy Governor", {
        "en": ["deputy governor"], "vi": ["phó thống đốc"], "id": ["wakil gubernur"]}),
    "inspector-general": ("Inspector General", {
        "en": ["inspector general", "chief inspector"], "vi": ["tổng thanh tra", "chánh thanh tra"],
        "id": ["inspektur jenderal", "kepala inspektur"]}),
    "commander": ("Commander", {
        "en": ["commander"], "vi": ["chỉ huy trưởng", "tư lệnh"], "id": ["komandan"]}),
    "chief-justice": ("Chief Justice", {"en": ["chief justice", "chief judge"], "vi": ["chánh án"], "id": []}),
    "chief-procurator": ("Chief Procurator", {
        "en": ["chief procurator", "procurator general"], "vi": ["viện trưởng"], "id": []}),
}

# When (head, body) has no title, try a near synonym: "Kepala Dinas" is the department's Director.
HEAD_EQUIV: dict[str, list[str]] = {
    "head": ["director", "chairman", "inspector-general", "governor", "general-director", "chief-justice",
             "chief-procurator", "commander"],
    "deputy-head": ["deputy-director", "vice-chairman", "deputy-governor", "deputy-general-director"],
    "chairman": ["head"],
    "vice-chairman": ["deputy-head"],
    "permanent-vice-chairman": ["permanent-deputy-head"],
    "permanent-deputy-head": ["permanent-vice-chairman"],
    "director": ["head"],
    "deputy-director": ["deputy-head"],
    "general-director": ["director", "head"],
    "deputy-general-director": ["deputy-director", "deputy-head"],
    "standing-member": ["member"],
}

# Connectors between a post word and its body ("Minister of Justice", "Chairman of the ..."), longest first.
CONNECTORS: dict[str, list[str]] = {
    "en": [r"\s+of\s+the\s+", r"\s+of\s+", r"\s+at\s+the\s+", r"\s+"],
    "id": [r"\s+dari\s+", r"\s+"],
    "vi": [r"\s+cua\s+", r"\s+"],  # matched on folded text: "của" is "cua"
}

# Words for "a steering committee" used after one has been named: resolved to the article's only one.
GENERIC_BODIES: dict[str, dict[str, list[str]]] = {
    "steering_committee": {"en": ["Steering Committee"], "id": ["Komite Pengarah", "Panitia Pengarah"],
                           "vi": ["Ban Chỉ đạo"]},
}

# Body words that give an unknown stretch of capitalised words the shape of a body.
BODY_WORDS = {
    "en": ["Department", "Committee", "Commission", "Agency", "Office", "Board", "Institute", "Council",
           "Authority", "Bureau", "Administration", "Directorate", "Management Board", "Union", "Association"],
    "id": ["Dinas", "Departemen", "Badan", "Komite", "Komisi", "Kantor", "Dewan", "Lembaga", "Direktorat",
           "Biro", "Institut", "Balai"],
    "vi": ["Sở", "Ban", "Ủy ban", "Uỷ ban", "Cục", "Tổng cục", "Vụ", "Văn phòng", "Viện", "Hội đồng", "Phòng",
           "Trung tâm", "Chi cục"],
}


# ------------------------------------------------------------------------------------------ entries
@dataclass(frozen=True)
class Pattern:
    kind: str  # body | template | generic | short | head | title
    ref: str  # body id, template id, org type, head key, or title id
    lang: str
    form: str
    rx_src: str  # compiled on first use: most patterns never meet a text holding their anchor
    slot: str | None = None  # area | province | municipality (template forms with a slot)
    level: str | None = None  # template forms without a slot: province | municipality | None
    anchor: str = ""  # a literal word of the form: no need to run the pattern on a text without it
    slot_at: str | None = None  # start | end | mid: where the slot is in the form

    @property
    def rx(self) -> re.Pattern[str]:
        return _compile(self.rx_src)


@functools.cache
def _compile(src: str) -> re.Pattern[str]:
    return re.compile(src)


@dataclass(frozen=True)
class Hit:
    """A pattern matched in the text (raw offsets)."""

    start: int
    end: int
    quote: str
    pattern: Pattern
    area_text: str | None = None  # what filled the slot

    @property
    def length(self) -> int:
        return self.end - self.start


def _level_of(form: str) -> str | None:
    f = f" {fold(form)} "
    if any(w in f for w in (" provinsi ", " province ", " provincial ", " tinh ", " tinh uy ", " tinh y ")):
        return "province"
    if any(w in f for w in (" kota ", " city ", " municipal ", " thanh pho ", " thanh uy ", " tp ", " tp. ")):
        return "municipality"
    return None


class Lexicon:
    """All matchers for one `Reference`; build once with `lexicon(ref)`."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.areas: dict[str, Area] = {a.id: a for a in ref.areas.values() if a.level in ("province", "municipality")}
        self.area_index: dict[str, list[str]] = {}
        names_by_level: dict[str, set[str]] = {"province": set(), "municipality": set()}
        for a in self.areas.values():
            for name in self._area_names(a):
                k = key(name)
                if len(k) < 3:
                    continue
                ids = self.area_index.setdefault(k, [])
                if a.id not in ids:
                    ids.append(a.id)
                names_by_level[a.level].add(name)
        self.slots = {
            "province": self._alternation(names_by_level["province"]),
            "municipality": self._alternation(names_by_level["municipality"]),
        }
        self.slots["area"] = self.slots["area_vi"] = self._alternation(
            names_by_level["province"] | names_by_level["municipality"])
        self.area_rx = re.compile(form_rx("{area}", self.slots)) if self.area_index else None

        self.patterns: dict[str, list[Pattern]] = {lang: [] for lang in LANGS}
        self.acronyms: list[Pattern] = []
        self._build_bodies()
        self._build_heads()
        self._build_titles()
        self.title_index: dict[tuple[str, str], str] = {}
        for t in ref.titles.values():
            head = self.head_of_title(t)
            if head and t.body:
                self.title_index.setdefault((head, t.body), t.id)

    # -------------------------------------------------------------- building
    @staticmethod
    def _area_names(a: Area) -> list[str]:
        names = [a.name_en, a.name_en.removesuffix(" City"),
                 a.name_vi.removeprefix("Thành phố ").removeprefix("Tỉnh ")]
        for alias in a.aliases:
            if re.match(r"(?i)(kota|tp\b|tp\.|thanh pho|thành phố)", alias):
                continue
            names.append(alias)
        return [n for n in dict.fromkeys(names) if n]

    @staticmethod
    def _alternation(names: set[str]) -> str:
        if not names:
            return r"(?!x)x"
        rxs = sorted({r"\s+".join(_token_rx(t) for t in fold(n).split()) for n in names}, key=len, reverse=True)
        return "|".join(rxs)

    def _add(self, kind: str, ref: str, lang: str, form: str, level: str | None = None) -> None:
        form = form.strip()
        if not form:
            return
        slot_m = _SLOT.search(form)
        slot = slot_m.group(1) if slot_m else None
        if slot == "area_vi":
            slot = "area"
        rx = form_rx(form)
        toks = fold(form).split()
        words = [w for w in toks if not _SLOT.fullmatch(w)]
        # not "vietnam": the text may write it "viet nam" (see `_token_rx`)
        anchor = max((w for w in re.findall(r"[a-z0-9]+", " ".join(words)) if w != "vietnam"), key=len, default="")
        slot_at = None
        if slot:
            slot_at = "start" if _SLOT.fullmatch(toks[0]) else "end" if _SLOT.fullmatch(toks[-1]) else "mid"
        pat = Pattern(kind, ref, lang, form, rx, slot, level if slot is None else None, anchor, slot_at)
        if is_acronym(form):
            self.acronyms.append(pat)
        else:
            self.patterns[lang].append(pat)

    def _build_bodies(self) -> None:
        for b in self.ref.bodies.values():
            if b.template:
                continue
            names = {"en": [b.en], "vi": [b.vi] if b.vi else [], "id": [b.id_name] if b.id_name else []}
            for lang, more in b.aliases.items():
                names.setdefault(lang, []).extend(more)
            if b.parent == "national-assembly":
                names["en"] = names["en"] + _possessive_forms(names["en"], ("National Assembly", "NA"))
            for lang in LANGS:
                for n in dict.fromkeys(names.get(lang, [])):
                    self._add("body", b.id, lang, n)
                for n in self.short_names(b, lang):
                    self._add("short", b.id, lang, n)
            for acr in b.acronyms:
                self._add("body", b.id, "any", acr)
        for tid, tpl in self.ref.templates.items():
            forms: dict[str, list[str]] = {lang: [] for lang in LANGS}
            for lang, field_name in (("en", "en"), ("vi", "vi"), ("id", "id_name")):
                for suffix in ("", "_municipal"):
                    text = tpl.get(field_name + suffix)
                    if not text:
                        continue
                    text = str(text)
                    if suffix:
                        slot = "{municipality}"
                    else:
                        slot = "{province}" if tpl.get(field_name + "_municipal") else "{area}"
                    forms[lang].append(text.replace("{area_vi}", slot).replace("{area}", slot))
                    generic = re.sub(r"\s+", " ", text.replace("{area_vi}", "").replace("{area}", "")).strip()
                    generic = re.sub(r"\s+(of|the|of the)$", "", generic)
                    if generic and _level_of(generic):  # "People's Committee" alone is any level's
                        forms[lang].append(generic)
            for lang, more in (tpl.get("aliases") or {}).items():
                forms.setdefault(lang, []).extend(str(m) for m in more or [])
            for lang in LANGS:
                for f in dict.fromkeys(forms.get(lang, [])):
                    self._add("template", tid, lang, f, _level_of(f))
        for btype, per_lang in GENERIC_BODIES.items():
            for lang, forms_ in per_lang.items():
                for f in forms_:
                    self._add("generic", btype, lang, f)

    @staticmethod
    def short_names(b: Body, lang: str) -> list[str]:
        """Ministry names without the word for ministry: "Home Affairs", "Dalam Negeri", "Nội vụ"."""
        if b.type not in ("ministry",):
            return []
        names = {"en": [b.en] + b.aliases.get("en", []), "vi": ([b.vi] if b.vi else []) + b.aliases.get("vi", []),
                 "id": ([b.id_name] if b.id_name else []) + b.aliases.get("id", [])}[lang]
        prefix = {"en": "Ministry of ", "vi": "Bộ ", "id": "Kementerian "}[lang]
        out = []
        for n in names:
            if n.startswith(prefix) and len(n) > len(prefix) + 2:
                out.append(n[len(prefix):])
        if lang == "en":
            out += [n[: -len(" Ministry")] for n in names if n.endswith(" Ministry")]
        return list(dict.fromkeys(out))

    def _build_heads(self) -> None:
        for hkey, (_, per_lang) in HEADS.items():
            for lang, forms in per_lang.items():
                for f in forms:
                    self._add("head", hkey, lang, f)

    def _build_titles(self) -> None:
        for t in self.ref.titles.values():
            for lang in LANGS:
                forms = list(t.forms.get(lang, []))
                if lang == "en":
                    forms.append(t.en)
                for f in dict.fromkeys(forms):
                    self._add("title", t.id, lang, f)

    # -------------------------------------------------------------- lookups
    def head_of_title(self, t: Title) -> str | None:
        """The post word a title's English name starts with ("Vice Chairman of ..." -> vice-chairman)."""
        en = fold(t.en)
        best = None
        for hkey, (canon, _) in HEADS.items():
            c = fold(canon)
            if en == c or en.startswith(c + " of ") or en.startswith(c + ", "):
                if best is None or len(c) > len(fold(HEADS[best][0])):
                    best = hkey
        return best

    def title_for(self, head: str, body: Body | None, body_type: str | None = None,
                  template: str | None = None) -> Title | None:
        """The title for a post word and a body: by body id, then template, then body type."""
        keys = []
        if body is not None:
            keys.append(body.id)
            if body.template:
                keys.append(body.template)
            keys.append(body.type)
        if template:
            keys.append(template)
        if body_type:
            keys.append(body_type)
        top = body is not None and body.type == "party_organ" and body.parent in (None, "communist-party")
        for h in [head] + HEAD_EQUIV.get(head, []):
            for k in keys:
                if top and k == "party_organ":
                    continue  # no "Head of the Politburo": generic party titles are for commissions
                tid = self.title_index.get((h, k))
                if tid:
                    return self.ref.titles[tid]
        return None

    def areas_named(self, text: str) -> list[str]:
        return list(self.area_index.get(key(text), []))

    def pick_area(self, ids: list[str], as_of: str | None) -> str | None:
        """Of the areas with one name, the one valid on `as_of` (ISO date, month or year), else the older."""
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0]
        if as_of:
            n = len(as_of)
            valid = [i for i in ids if (self.areas[i].valid_from or "0000")[:n] <= as_of
                     and as_of <= (self.areas[i].valid_until or "9999")[:n]]
            if len(valid) == 1:
                return valid[0]
        older = [i for i in ids if not self.areas[i].valid_from]
        return (older or ids)[0]

    def template_body(self, template: str, area_id: str | None) -> Body | None:
        if not area_id:
            return None
        return self.ref.bodies.get(f"{template}--{area_id}")

    # -------------------------------------------------------------- scanning
    def _patterns(self, folded: Folded, lang: str, kinds: set[str]) -> list[Pattern]:
        pats = [p for p in self.patterns.get(lang, []) if p.kind in kinds]
        pats += [p for p in self.acronyms if p.kind in kinds]
        return [p for p in pats if not p.anchor or p.anchor in folded.s]

    def _check(self, folded: Folded, m: re.Match[str], p: Pattern) -> Hit | None:
        """The raw-text checks of a folded match: the area in the slot, capitals, tone marks."""
        text = folded.text
        fa, fb = m.start(), m.end()
        area_text = None
        check_parts: tuple[int, int, int, int] | None = None
        if p.slot:
            sa, sb = m.start("area"), m.end("area")
            span = self._area_in(folded.s, sa, sb, p)
            if span is None:
                return None
            if p.slot_at == "start":
                fa = span[0]
            elif p.slot_at == "end":
                fb = span[1]
            elif span != (sa, sb):
                return None
            sa, sb = span
            ra, rb = folded.raw(sa, sb)
            area_text = text[ra:rb]
            if not area_text[:1].isupper():
                return None
            check_parts = (*folded.raw(fa, fb), ra, rb)
        a, b = folded.raw(fa, fb)
        quote = text[a:b]
        check = quote
        if check_parts:
            ca, cb, ra, rb = check_parts
            check = (text[ca:ra] + text[rb:cb]).strip()
        if not case_ok(check, p.form) or not diacritics_ok(check, p.form):
            return None
        return Hit(a, b, quote, p, area_text)

    def _area_in(self, s: str, sa: int, sb: int, p: Pattern) -> tuple[int, int] | None:
        """The folded stretch of the slot capture that names an area of the slot's level: the longest
        suffix when the slot opens the form, the longest prefix when it ends it, else all of it."""
        words = list(re.finditer(r"[a-z0-9]+", s[sa:sb]))
        n = len(words)
        options: list[tuple[int, int]]
        if p.slot_at == "start":
            options = [(i, n) for i in range(n)]
        elif p.slot_at == "end":
            options = [(0, j) for j in range(n, 0, -1)]
        else:
            options = [(0, n)]
        for i, j in options:
            a, b = sa + words[i].start(), sa + words[j - 1].end()
            ids = self.area_index.get(key(s[a:b]), [])
            if any(p.slot in (None, "area") or self.areas[x].level == p.slot for x in ids):
                return a, b
        return None

    def scan(self, folded: Folded, lang: str, kinds: set[str]) -> list[Hit]:
        """All matches of patterns of the given kinds (overlapping; callers choose)."""
        hits: list[Hit] = []
        for p in self._patterns(folded, lang, kinds):
            for m in p.rx.finditer(folded.s):
                h = self._check(folded, m, p)
                if h is not None:
                    hits.append(h)
        return hits

    def match_at(self, folded: Folded, fpos: int, lang: str, kinds: set[str]) -> list[Hit]:
        """Matches of the given kinds that start exactly at folded offset `fpos`."""
        out = []
        for p in self._patterns(folded, lang, kinds):
            m = p.rx.match(folded.s, fpos)
            if m:
                h = self._check(folded, m, p)
                if h is not None and h.start == folded.pos[fpos]:
                    out.append(h)
        return out

    def scan_areas(self, folded: Folded) -> list[tuple[int, int, str]]:
        """Province / city names (raw start, end, quote), capitalised in the text."""
        if self.area_rx is None:
            return []
        out = []
        for m in self.area_rx.finditer(folded.s):
            a, b = folded.raw(m.start(), m.end())
            quote = folded.text[a:b]
            if quote[:1].isupper() and all(w[:1].isupper() or not w[:1].isalpha() for w in quote.split()):
                out.append((a, b, quote))
        return out


def _possessive_forms(names: list[str], parents: tuple[str, ...]) -> list[str]:
    """English writes a body's parent as a possessive: "the National Assembly's Committee for Social Affairs",
    "the NA's Economic Committee" for "NA Committee for Social Affairs" / "Economic Committee"."""
    out: list[str] = []
    for name in names:
        rest = name
        for parent in parents:
            if name.startswith(parent + " "):
                rest = name[len(parent) + 1:]
                break
        if "'" in rest or rest.startswith("of ") or not rest[:1].isupper():
            continue
        out.extend(f"{parent}'s {rest}" for parent in parents)
    return list(dict.fromkeys(out))


def non_overlapping(hits: list[Hit]) -> list[Hit]:
    """Longest first; then earliest; a hit overlapping a kept one is dropped."""
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-h.length, h.start)):
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


_CACHE: dict[int, tuple[Reference, Lexicon]] = {}


def lexicon(ref: Reference) -> Lexicon:
    """The lexicon of a reference, built once per Reference object (a few are kept)."""
    hit = _CACHE.get(id(ref))
    if hit is not None and hit[0] is ref:
        return hit[1]
    if len(_CACHE) >= 4:
        _CACHE.pop(next(iter(_CACHE)))
    lex = Lexicon(ref)
    _CACHE[id(ref)] = (ref, lex)
    return lex


# ------------------------------------------------------------------------------------------ names
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đậu Lương Đinh Trịnh Mai Lâm Tô Hà "
    "Đoàn Vương Cao Thái Tạ Nông Lò Chu La Quách Y Trương Đào Tăng Lưu Kiều Hứa Triệu Đàm Khúc Phùng Nghiêm "
    "Tống Thân Giang Lã Lục Mạc Âu Từ Tôn Ninh Doãn Khổng Vi Sầm Hầu Bạch Phí Diệp Cù Châu Bế Thạch "
    "Danh Lữ Mẫn Thiều Trình Ung Lăng Mông Lường Kha Khương Biện Cấn Lại Mã Ôn Tiêu "
    "Cầm Đồng Khuất Nhữ Quản Vòng Ksor Siu Rơ Nay Kpă Rah"
).split()
_SURNAME_ASCII = {fold(s) for s in SURNAMES}
_SURNAME_VI = {vi_word_key(s) for s in SURNAMES}
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
# first tokens of names of the Central Highlands peoples, whose other syllables need not look Kinh
ETHNIC_FIRST = {"y", "h", "ksor", "siu", "nay", "kpa", "rah", "ro", "ro cham", "ama"}


def is_surname(token: str, strict: bool = False) -> bool:
    """A Vietnamese family name; where the token has tone marks they must fit ("Đảng" is not "Đặng").

    `strict`: the text writes diacritics, so a bare "Ma" is not "Mã"."""
    if has_diacritics(token) or strict:
        return vi_word_key(token) in _SURNAME_VI
    return fold(token) in _SURNAME_ASCII


def is_syllable(token: str) -> bool:
    """Could the token be one Vietnamese syllable (with or without diacritics)?"""
    return bool(_SYLLABLE.fullmatch(fold(token)))
