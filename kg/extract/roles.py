"""Titles (posts and party roles) and the persons who hold them.

A title is found two ways, the longer winning where they overlap:
* a form from titles.yaml ("Wakil Perdana Menteri Tetap", "Politburo member"), extended by the body
  named right after it when the title's body is a kind ("Minister" + "of Justice");
* a post word followed by a body the lexicon knows ("Wakil Kepala" + "Komite Pengarah Pemerintah untuk
  Reformasi Administratif (PAR)"; "Chairman of the" + "Lao Cai People's Committee"), or in English the
  other way round ("Politburo member"). A post word before a body-shaped stretch the lexicon does not
  know ("Kepala Badan Pengelola ...") is kept with no role id and low confidence.

A title belongs to a person when it stands right before the name ("Wakil Perdana Menteri Tetap Nguyen
Hoa Binh"), possibly as a chain ("Politburo member and NA Chairman Tran Thanh Man"), or in apposition
after it ("Kamerad X, anggota Politbiro, Wakil Perdana Menteri Tetap, ..."). A title followed by
another name belongs to that name. Names joined by "dan/and/và" share the titles around them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from kg.extract.dates import Disjoint
from kg.extract.lexicon import (
    BODY_WORDS,
    CONNECTORS,
    HEAD_EQUIV,
    HEADS,
    Folded,
    Hit,
    Lexicon,
    fold,
    is_surname,
    key,
)
from kg.extract.model import OrgRef, Person, Role, Sentence, Span
from kg.extract.orgs import Context, body_hits, org_ref, resolve, sentence_of
from kg.reference import Body, Title

_RANK = (r"(?:Senior\s+)?(?:Lieutenant\s+|Major\s+)?General|(?:Senior\s+)?Colonel|"
         r"(?:Sen\.?\s*)?(?:Lt\.?\s*|Maj\.?\s*)?Gen\.|(?:Senior\s+)?Col\.|Đại\s+tướng|Thượng\s+tướng|Trung\s+tướng|Thiếu\s+tướng|Đại\s+tá|Thượng\s+tá|"
         r"Trung\s+tá|Thiếu\s+tá|(?:Letnan\s+|Mayor\s+)?Jenderal|(?:Letnan\s+)?Kolonel")
_ACADEMIC = r"(?:Prof\.?\s*Dr\.?|Assoc\.?\s*Prof\.?|Dr\.?|Prof\.?|P?GS\.?\s*(?:TS\.?|TSKH\.?)?|TS\.?|ThS\.?)"
HONORIFIC = (r"(?:(?:Kamerad|kamerad|Comrade|comrade|Rekan|rekan|Kawan|kawan|Đồng\s+chí|đồng\s+chí|Dong\s+chi|"
             r"dong\s+chi|đ/c|Đ/c|Mr\.?|Mrs\.?|Ms\.?|Madam|Ông|ông|Bà|bà|Bapak|bapak|Pak|pak|Ibu|ibu|Bu|anh|chị)"
             rf"(?:\s+{_ACADEMIC})?(?:\s+(?:{_RANK}))?|(?:{_RANK})|{_ACADEMIC})")
HONORIFIC_BEFORE = re.compile(rf"(?:^|(?<=[\s(,:;]))(?:(?:các|para|the)\s+)?{HONORIFIC}\s*:?\s*$")
HONORIFIC_AFTER = re.compile(rf"^\s*(?:(?:các|para)\s+)?{HONORIFIC}\s*:?\s*")
STATUS_BEFORE = [
    ("former", re.compile(r"(?:^|(?<=\W))(?:mantan|former|nguyên|cựu|ex-|bekas)\s*$", re.IGNORECASE)),
    ("acting", re.compile(r"(?:^|(?<=\W))(?:Plt\.?|Pj\.?|Pjs\.?|[Aa]cting|Quyền|quyền|Q\.|"
                          r"[Pp]elaksana\s+[Tt]ugas)\s*$")),
    ("appointed", re.compile(r"(?:^|(?<=\W))(?:newly[- ]appointed|newly[- ]elected|new|tân|yang\s+baru)\s*$",
                             re.IGNORECASE)),
]
_STATUS_WORDS = r"(?:(?:mantan|former|nguyên|cựu|bekas|acting|Plt\.?|Pj\.?|Quyền|quyền|newly[- ]appointed|tân)\s+)?"
_APPOSITION = re.compile(
    r"\s*(?:,|\(|–|—|-(?=\s))\s*(?:\d{1,3}\s*,\s*)?(?:(?:the|a|an)\s+|who\s+is\s+(?:also\s+)?(?:the\s+|a\s+|an\s+)?|"
    r"yang\s+(?:juga\s+)?(?:merupakan\s+|adalah\s+|menjabat\s+(?:sebagai\s+)?)?|là\s+)?" + _STATUS_WORDS)
_CHAIN = re.compile(r"(?:\s*,\s*(?:(?:and|dan|và|serta)\s+)?|\s+(?:and|dan|và|kiêm|cum|serta|sekaligus|merangkap|"
                    r"concurrently)\s+|\s*[–—]\s*|\s+-\s+)" + _STATUS_WORDS)
_CHAIN_BEFORE = re.compile(r"(?:\s*,\s*(?:(?:and|dan|và|serta)\s+)?|\s+(?:and|dan|và|kiêm|cum|serta)\s+)$")
_APPOINT_NEAR = re.compile(r"\s*,?\s*(?:to\s+serve\s+as|as|sebagai|menjadi|được\s+bổ\s+nhiệm\s+(?:giữ\s+chức|làm)|"
                           r"được\s+bầu\s+(?:giữ\s+chức|làm)|giữ\s+chức)\s+(?:the\s+|a\s+)?", re.IGNORECASE)
_APPOINT_FAR = re.compile(r"(?:to\s+serve\s+as|was\s+appointed(?:\s+as)?|was\s+elected(?:\s+as)?|diangkat\s+sebagai|"
                          r"dipilih\s+sebagai|ditunjuk\s+sebagai|được\s+bổ\s+nhiệm\s+(?:giữ\s+chức|làm)|"
                          r"được\s+bầu\s+(?:giữ\s+chức|làm))\s+(?:the\s+|a\s+)?", re.IGNORECASE)
# the verb of an appointment right before the name ("the decision appointing X as ...", "mengangkat X sebagai")
_APPOINT_VERB_BEFORE = re.compile(r"(?<![^\W\d_])(?:appointing|appointed|electing|elected|naming|named|designating|"
                                  r"designated|mengangkat|menunjuk|memilih|bổ\s+nhiệm|bầu)"
                                  r"(?:\s+(?:the\s+)?(?:\w+\s+)?(?:Mr\.?|Mrs\.?|Ms\.?|Comrade|comrade|Kamerad|ông|bà|đồng\s+chí))?\s+$")
# an earlier post told after the name ("Khoa previously served as Deputy Director of ...")
_FORMER_FAR = re.compile(r"(?:(?:previously|formerly|earlier)\s+(?:served|worked)\s+as|had\s+served\s+as|"
                         r"sebelumnya\s+menjabat\s+(?:sebagai\s+)?|pernah\s+menjabat\s+(?:sebagai\s+)?|"
                         r"(?:trước\s+đó\s+)?từng\s+giữ\s+chức|nguyên\s+là)\s+(?:the\s+|a\s+)?", re.IGNORECASE)
_LIST_SEP = re.compile(rf"^\s*(?:,\s*)?(?:(?:and|dan|và|serta)\s+)?(?:{HONORIFIC}\s+)?$")
_LIST_CONJ = re.compile(r"\b(?:and|dan|và|serta)\b")
PLURAL_WORDS = {"ministers", "members", "chairmen", "chairwomen", "secretaries", "pms", "heads", "directors",
                "deputies", "governors"}
CONNECTOR_RX = {lang: [re.compile(alt) for alt in alts] for lang, alts in CONNECTORS.items()}


BARE = -1  # rank of a post word with no body
RECALLED = -2  # rank of a post word read as an earlier title's post


@dataclass(frozen=True)
class TitleMention:
    start: int
    end: int
    quote: str
    title_id: str | None  # titles.yaml id when the form or the (post word, body) pair is known
    head: str | None  # post word key when composed
    body: Hit | None  # the body named in the title
    unknown_body: tuple[int, int, str] | None = None  # a body-shaped stretch the lexicon does not know
    plural: bool = False
    rank: int = 0  # preference among same-length candidates
    area: str | None = None  # an area name written with the title ("Ha Tinh Provincial Party Secretary")


# ------------------------------------------------------------------------------------------ titles
def find_title_mentions(text: str, lex: Lexicon, lang: str) -> list[TitleMention]:
    """Every title written in the text (not yet tied to anyone), non-overlapping."""
    return list(_title_mentions(text, lex, lang))


@functools.lru_cache(maxsize=8)
def _title_mentions(text: str, lex: Lexicon, lang: str) -> tuple[TitleMention, ...]:
    folded = Folded(text)
    bodies = body_hits(text, lex, lang)
    body_at = {h.start: h for h in bodies}
    ref = lex.ref
    cands: list[TitleMention] = []

    def attach(raw_pos: int, want: str | None) -> tuple[Hit | None, tuple[int, int, str] | None]:
        """A body named right after raw_pos (after a connector), of the wanted kind if given."""
        fpos = folded.fpos(raw_pos)
        for crx in CONNECTOR_RX.get(lang, CONNECTOR_RX["en"]):
            m = crx.match(folded.s, fpos)
            if not m:
                continue
            at = folded.pos[m.end()]
            hit = body_at.get(at)
            if hit is not None and re.match(r"['’]s\b", text[hit.end:hit.end + 3]):
                return None, None  # "Chief of the Party Central Committee's Office": the body is the Office
            if hit is not None and (want is None or _fits(lex, hit, want)):
                return hit, None
            shorts = lex.match_at(folded, m.end(), lang, {"short"})
            if shorts and (want is None or want == "ministry"):
                return max(shorts, key=lambda h: h.length), None
        if want is None:
            unknown = _unknown_body(text, raw_pos, lang)
            if unknown:
                return None, unknown
        return None, None

    # bodies by start (ties: list order), to find those inside a title by binary search, in list order
    by_start = sorted(range(len(bodies)), key=lambda i: (bodies[i].start, i))
    body_starts = [bodies[i].start for i in by_start]
    for h in lex.scan(folded, lang, {"title"}):
        t = ref.titles[h.pattern.ref]
        near = sorted(by_start[bisect.bisect_left(body_starts, h.start):bisect.bisect_left(body_starts, h.end)])
        inner = [b for b in (bodies[i] for i in near)
                 if h.start <= b.start and b.end <= h.end and t.body and _fits(lex, b, t.body)]
        body = max(inner, key=lambda b: b.length) if inner else None
        start, end = h.start, h.end
        area = None
        if t.body in ref.templates and body is None:
            # "Ha Tinh Provincial Party Secretary": the province written before the title
            before = re.search(r"((?:[A-ZĐ][^\W\d_]*[ \t]+){1,4})$", text[max(0, start - 50):start])
            if before:
                words = before.group(1).split()
                for k in range(len(words), 0, -1):
                    if lex.areas_named(" ".join(words[-k:])):
                        area = " ".join(words[-k:])
                        start = start - len(before.group(1)) + before.group(1).index(words[-k])
                        break
        if body is None and _is_type(t, lex):
            hit, _ = attach(end, t.body)
            if hit is not None:
                body, end = hit, hit.end
        # "Komite Rakyat Provinsi" + " Thanh Hoa": a body that starts inside the title and goes on
        for b in bodies:
            if start < b.start < end < b.end and b.pattern.kind == "template":
                body, end = b, b.end
        cands.append(TitleMention(start, end, text[start:end], t.id, lex.head_of_title(t), body,
                                  plural=_plural(text[start:end], lang), rank=3, area=area))
    for h in lex.scan(folded, lang, {"head"}):
        hit, unknown = attach(h.end, None)
        if hit is not None:
            cands.append(TitleMention(h.start, hit.end, text[h.start:hit.end], None, h.pattern.ref, hit,
                                      plural=_plural(h.quote, lang), rank=2))
        elif unknown is not None:
            cands.append(TitleMention(h.start, unknown[1], text[h.start:unknown[1]], None, h.pattern.ref, None,
                                      unknown, plural=_plural(h.quote, lang), rank=0))
        else:  # a bare post word ("former secretary X"): only before a name, as an earlier title's post
            cands.append(TitleMention(h.start, h.end, h.quote, None, h.pattern.ref, None,
                                      plural=_plural(h.quote, lang), rank=BARE))
    if lang == "en":  # "Politburo member", "Lao Cai Provincial Party Committee Secretary", "Finance Minister"
        heads = {h.start: h for h in lex.scan(folded, lang, {"head"})}
        shorts = lex.scan(folded, lang, {"short"})
        for b in list(bodies) + shorts:
            m = re.match(r"[ \t]+", text[b.end:b.end + 3])
            hd = heads.get(b.end + m.end()) if m else None
            if hd is not None and (b.pattern.kind != "short" or hd.pattern.ref in ("minister", "deputy-minister")):
                cands.append(TitleMention(b.start, hd.end, text[b.start:hd.end], None, hd.pattern.ref, b,
                                          plural=_plural(hd.quote, lang), rank=1))
    kept: list[TitleMention] = []
    taken = Disjoint()  # what `kept` covers: a scan of it per candidate was quadratic
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.rank, c.start)):
        if c.start < c.end and not taken.overlaps(c.start, c.end):
            kept.append(c)
            taken.add(c.start, c.end)
        elif c.start >= c.end and all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)  # an empty candidate (never seen): the old test, as it was
    kept.sort(key=lambda c: c.start)
    return tuple(kept)


def _is_type(t: Title, lex: Lexicon) -> bool:
    return bool(t.body) and t.body not in lex.ref.bodies and t.body not in lex.ref.templates


def _fits(lex: Lexicon, hit: Hit, want: str) -> bool:
    """Is the body of a mention of the wanted kind (a body type, template or id)?"""
    if hit.pattern.kind == "template":
        return want in (hit.pattern.ref, lex.ref.templates[hit.pattern.ref]["type"])
    if hit.pattern.kind == "generic":
        return want == hit.pattern.ref
    body = lex.ref.bodies.get(hit.pattern.ref)
    return body is not None and (body.type == want or body.id == want)


def _plural(quote: str, lang: str) -> bool:
    return lang == "en" and any(w in PLURAL_WORDS for w in fold(quote).split())


_UNKNOWN_CONNECT = {"en": {"of", "and", "for", "on", "the"}, "id": {"dan", "untuk", "dari"}, "vi": {"và", "của"}}


def _unknown_body(text: str, pos: int, lang: str) -> tuple[int, int, str] | None:
    """A capitalised stretch starting with a body word ("Badan Pengelola Zona Ekonomi Van Don")."""
    gap = r"(?:\s+of\s+the\s+|\s+of\s+|\s+)" if lang == "en" else r"\s+"
    m = re.match(gap, text[pos:pos + 10])
    if not m:
        return None
    start = pos + m.end()
    rest = text[start:start + 120]
    words = BODY_WORDS.get(lang, [])
    if not any(rest.startswith(w + " ") for w in words):
        leads = [m.end() for m in re.finditer(r"[A-Z][^\W\d_]*[ \t]+", rest[:40])] if lang == "en" else []
        if not any(rest[e:].startswith(w + " ") and re.fullmatch(r"(?:[A-Z][^\W\d_]*[ \t]+)+", rest[:e])
                   for e in leads[:3] for w in words):
            return None
    toks = list(re.finditer(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", rest))
    end_tok = None
    n_caps = 0
    for i, tk in enumerate(toks):
        gap = rest[toks[i - 1].end():tk.start()] if i else ""
        if i and not re.fullmatch(r"[ \t]+", gap):
            break
        w = tk.group(0)
        if w[0].isupper():
            if i and is_surname(w) and i + 1 < len(toks) and toks[i + 1].group(0)[:1].isupper():
                break  # a name follows: "Direktur Departemen X Nguyen Van A"
            end_tok, n_caps = tk, n_caps + 1
        elif w.lower() in _UNKNOWN_CONNECT.get(lang, set()):
            continue
        else:
            break
        if i >= 8:
            break
    if end_tok is None or n_caps < 2:
        return None
    end = start + end_tok.end()
    return start, end, text[start:end]


# ------------------------------------------------------------------------------------------ roles
def find_roles(text: str, sentences: list[Sentence], lex: Lexicon, lang: str, persons: list[Person],
               ctx: Context) -> list[Role]:
    """Roles of the persons found, from the titles standing next to their names."""
    titles = find_title_mentions(text, lex, lang)
    ends = {t.end: t for t in titles}
    starts = {t.start: t for t in titles if t.rank != BARE}
    mentions = sorted((m.start, m.end, p.key) for p in persons for m in p.mentions)
    mention_starts = {s: k for s, _, k in mentions}
    assigned: list[tuple[str, TitleMention, str | None, str]] = []  # person, title, status, method
    claimed: set[TitleMention] = set()

    def person_after(pos: int) -> bool:
        m = HONORIFIC_AFTER.match(text, pos)
        p = pos + (m.end() - m.start() if m else 0)
        while p < len(text) and text[p] in " \t":
            p += 1
        return p in mention_starts

    def appositive_to_name(start: int) -> bool:
        """Is the title at `start` in apposition after some name ("X, <title>")?"""
        for _, e, _ in mentions:
            if e <= start <= e + 40:
                m = _APPOSITION.fullmatch(text, e, start)
                if m and re.search(r"[,(\u2013\u2014-]", m.group(0)):
                    return True
        return False

    def left_chain(start: int) -> list[TitleMention]:
        # offsets, not copies of text[:start]: a copy (and a search over it) per name made long texts quadratic
        s = _stripped_end(text, start)
        t = ends.get(s)
        hm = HONORIFIC_BEFORE.search(text, max(0, s - 200), s) if t is None else None
        if hm:  # "Kamerad", "Đồng chí" between title and name
            s = _stripped_end(text, hm.start())
            t = ends.get(s)
            if t is None and text[s - 1:s] == ",":  # "Wakil Ketua Komite Rakyat Provinsi, Kamerad X"
                t = ends.get(_stripped_end(text, s - 1))
                if t is not None and appositive_to_name(t.start):
                    t = None
        if t is None and text[s - 1:s] == ":":  # "para Wakil Ketua Komite Rakyat Provinsi: A, B dan C"
            t = ends.get(_stripped_end(text, s - 1))
        chain: list[TitleMention] = []
        while t is not None and t not in chain:
            chain.append(t)
            if t.rank == BARE:
                break
            window = text[max(0, t.start - 20):t.start]
            sm = _CHAIN_BEFORE.search(window)
            if not sm:
                break
            prev = ends.get(t.start - len(window) + sm.start())
            if prev is None or prev.rank == BARE or appositive_to_name(prev.start):
                break
            t = prev
        return chain

    def right_chain(end: int, start: int) -> list[tuple[TitleMention, str | None]]:
        out: list[tuple[TitleMention, str | None]] = []
        m = _APPOSITION.match(text, end)
        pos = end
        if m and m.end() > end:
            t = starts.get(m.end())
            while t is not None and not person_after(t.end):
                out.append((t, None))
                pos = t.end
                c = _CHAIN.match(text, pos)
                if not c:
                    break
                t = starts.get(c.end())
        a = _APPOINT_NEAR.match(text, pos)
        t = starts.get(a.end()) if a else None
        appointing = _APPOINT_VERB_BEFORE.search(text, max(0, start - 60), start)
        if t is not None and a is not None and (out or a.group(0).lstrip().startswith(",") or appointing) \
                and not person_after(t.end):
            out.append((t, "appointed"))
            return out
        # "X, Trưởng phòng ..., được bổ nhiệm giữ chức Phó Giám đốc Sở Nội vụ"
        stop = _clause_end(text, pos, sentences, mentions)
        f = _APPOINT_FAR.search(text, pos, stop)
        if f:
            t = starts.get(f.end())
            if t is not None and not person_after(t.end):
                out.append((t, "appointed"))
        f = _FORMER_FAR.search(text, pos, stop)
        if f and f.start() - pos <= 12:
            t = starts.get(f.end())
            if t is not None and not person_after(t.end):
                out.append((t, "former"))
        return out

    lefts: dict[tuple[int, int], list[TitleMention]] = {}
    rights: dict[tuple[int, int], list[tuple[TitleMention, str | None]]] = {}
    for s, e, _ in mentions:
        lefts[(s, e)] = left_chain(s)
        rights[(s, e)] = right_chain(e, s)
    for s, e, pkey in mentions:
        for t in lefts[(s, e)]:
            assigned.append((pkey, t, None, "title-before-name"))
            claimed.add(t)
        for t, status in rights[(s, e)]:
            if t in claimed and status is None:
                continue
            assigned.append((pkey, t, status, "apposition" if status is None else "appointment"))
    # names joined by "and" share the titles around them
    for group in _lists(text, mentions):
        first, last = group[0], group[-1]
        shared_right = [t for t, st in rights[last[:2]] if st is None]
        shared_left = lefts[first[:2]]
        for s, e, pkey in group:
            if s != last[0] and shared_right and not rights[(s, e)] and not lefts[(s, e)]:
                assigned += [(pkey, t, None, "list") for t in shared_right]
            if s != first[0] and shared_left and not lefts[(s, e)] and not rights[(s, e)]:
                introduced = HONORIFIC_BEFORE.search(text[max(0, s - 40):s])  # "và PGS.TS X": someone else
                if not introduced and (lang != "en" or any(t.plural for t in shared_left)):
                    assigned += [(pkey, t, None, "list") for t in shared_left]

    recalled: list[tuple[str, TitleMention | None, str | None, str]] = [
        (pkey, _recall(lex, titles, t) if t.rank == BARE else t, status, method)
        for pkey, t, status, method in assigned]
    roles: list[Role] = []
    seen: set[tuple] = set()
    for pkey, maybe, status, method in recalled:
        if maybe is None:
            continue
        role = _role(text, sentences, lex, ctx, pkey, maybe, status, method)
        if role is None:
            continue
        k = (pkey, role.role_id or key(role.normalized_title), role.organization.ref_id if role.organization else None)
        if k in seen:
            continue
        seen.add(k)
        roles.append(role)
    return _drop_subsumed(roles)


def _recall(lex: Lexicon, titles: list[TitleMention], bare: TitleMention) -> TitleMention | None:
    """A bare post word before a name ("former secretary Dao Hong Quan", "Chairman Man") read as the post of
    the nearest earlier title with that post word; None when there is none."""
    heads = {bare.head, *HEAD_EQUIV.get(bare.head or "", [])}
    for t in sorted((t for t in titles if t.end <= bare.start and t.rank >= 0), key=lambda t: -t.start):
        head = t.head
        if head is None and t.title_id:
            head = lex.head_of_title(lex.ref.titles[t.title_id])
        if head == bare.head or (head in heads and bare.head not in ("member",)):
            return TitleMention(bare.start, bare.end, bare.quote, t.title_id, head, t.body, t.unknown_body,
                                bare.plural, RECALLED, t.area)
    return None


def _stripped_end(text: str, end: int) -> int:
    """len(text[:end].rstrip()), without the copy."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _clause_end(text: str, pos: int, sentences: list[Sentence], mentions: list[tuple[int, int, str]]) -> int:
    end = len(text)
    for s in sentences:
        if s.span.start <= pos < s.span.end:
            end = s.span.end
            break
    semi = text.find(";", pos, end)
    if semi >= 0:
        end = semi
    for m_start, _, _ in mentions:
        if pos < m_start < end:
            end = m_start
            break
    return end


def _lists(text: str, mentions: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of names joined by commas and a final "and" ("A dan B", "A, B, C and D")."""
    groups = []
    cur = [mentions[0]] if mentions else []
    for prev, nxt in zip(mentions, mentions[1:], strict=False):
        gap = text[prev[1]:nxt[0]]
        if _LIST_SEP.match(gap) and prev[2] != nxt[2]:
            cur.append(nxt)
        else:
            if len(cur) > 1:
                groups.append(cur)
            cur = [nxt]
    if len(cur) > 1:
        groups.append(cur)
    out = []
    for g in groups:
        gaps = [text[a[1]:b[0]] for a, b in zip(g, g[1:], strict=False)]
        if gaps and _LIST_CONJ.search(gaps[-1]):
            out.append(g)
    return out


def _role(text: str, sentences: list[Sentence], lex: Lexicon, ctx: Context, pkey: str, t: TitleMention,
          status: str | None, method: str) -> Role | None:
    ref = lex.ref
    body = resolve(t.body, ctx) if t.body is not None else None
    title: Title | None = ref.titles.get(t.title_id) if t.title_id else None
    tpl = t.body.pattern.ref if t.body is not None and t.body.pattern.kind == "template" else None
    if t.head and (title is None or _is_type(title, lex)):
        # a post word and a known body: the most specific title ("Sekretaris Komite Partai" + "Kota Hanoi")
        specific = lex.title_for(t.head, body, None, tpl)
        if specific is not None and (title is None or not _is_type(specific, lex)):
            title = specific
    org: Body | None = None
    org_written = t.body is not None and t.rank != RECALLED
    if title is not None and title.body:
        if title.body in ref.bodies:
            org = ref.bodies[title.body]
            org_written = org_written and body is not None and body.id == org.id
        elif title.body in ref.templates:
            if body is not None and body.template == title.body:
                org = body
            elif t.area:
                org = lex.template_body(title.body, lex.pick_area(lex.areas_named(t.area), ctx.as_of))
            elif t.body is None or (t.body.pattern.kind == "template" and t.body.pattern.ref == title.body):
                org = lex.template_body(title.body, ctx.main_area)
        else:
            org = body if body is not None and (body.type == title.body or title.body == "government_agency") else None
    elif body is not None:
        org = body
    confidence = 0.9
    if title is None:
        if not t.head or (t.body is None and t.unknown_body is None):
            return None
        if org is not None and org.type == "party_organ" and org.parent in (None, "communist-party"):
            return None  # "Party chief", "head of the Politburo": no post of that shape
        head_en = HEADS[t.head][0]
        if org is not None:
            normalized = _compose(head_en, t.head, org, lex)
        elif t.unknown_body is not None:
            normalized = f"{head_en} of {'the ' if ctx.lang == 'en' else ''}{t.unknown_body[2]}"
        else:
            return None
        confidence = 0.5
    elif _is_type(title, lex):
        head_en = HEADS[t.head][0] if t.head else title.en
        normalized = _compose(head_en, t.head, org, lex) if org is not None else title.en
    else:
        normalized = title.en
    if org is not None and t.body is not None and t.body.pattern.kind == "template" and not t.body.area_text:
        confidence = min(confidence, 0.8)
    if method == "list":
        confidence = min(confidence, 0.75)
    if t.rank == RECALLED:
        confidence = min(confidence, 0.6)
    orgref: OrgRef | None = None
    org_span = None
    if org is not None:
        name = t.body.quote if (org_written and t.body is not None) else org.en
        if t.body is not None and t.body.pattern.kind == "short":  # "Foreign" (Minister): the body's full name
            name = {"vi": org.vi, "id": org.id_name}.get(ctx.lang) or org.en
        orgref = org_ref(org, ctx, name)
        if org_written and t.body is not None:
            org_span = Span(t.body.start, t.body.end, t.body.quote)
    elif t.unknown_body is not None and t.rank != RECALLED:
        a, b, q = t.unknown_body
        orgref = OrgRef(name=q, normalized=q, type=_guess_type(q), ref_id=None)
        org_span = Span(a, b, q)
    category = title.category if title else ("party" if org is not None and org.type.startswith("party") else "state")
    st = status or _status_before(text, t.start) or "current"
    sentence = sentence_of(sentences, t.start, t.end, text)
    return Role(span=sentence, confidence=confidence, method=method, person=pkey, title=t.quote,
                normalized_title=normalized, role_id=title.id if title else None, category=category,
                organization=orgref, status=st, title_span=Span(t.start, t.end, t.quote), org_span=org_span)


def _compose(head_en: str, head: str | None, org: Body, lex: Lexicon) -> str:
    """The post with its body: "Minister of Finance", "Director of the Department of Finance" (a provincial
    body without its province, as in the titles.yaml names)."""
    name = org.en
    if org.template:
        generic = str(lex.ref.templates[org.template]["en"]).replace("{area}", "")
        name = re.sub(r"\s+", " ", generic).strip().removeprefix("of the ").strip()
    if head in ("minister", "deputy-minister") and name.startswith("Ministry of "):
        return f"{head_en} of {name[len('Ministry of '):]}"
    name = name[4:] if name.startswith("The ") else name
    return f"{head_en} of the {name}"


def _guess_type(name: str) -> str:
    f = fold(name)
    if re.match(r"(so|dinas|departemen|department|cuc|badan|agency|office|kantor)\b", f):
        return "government_agency"
    return "other"


def _status_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 30):start]
    for status, rx in STATUS_BEFORE:
        if rx.search(before):
            return status
    return None


_WEAK_WORDS = {"permanent", "standing", "first", "of", "the", "executive"}


def _drop_subsumed(roles: list[Role]) -> list[Role]:
    """"Deputy Prime Minister" when the same person is "Permanent Deputy Prime Minister"; "Minister" (no body)
    when "Minister of Home Affairs"."""
    out = []
    for r in roles:
        words = set(key(r.normalized_title).split())
        drop = False
        for o in roles:
            if o is r or o.person != r.person:
                continue
            owords = set(key(o.normalized_title).split())
            extra = owords - words
            org_words = set(key(o.organization.normalized).split()) if o.organization else set()
            same_org = r.organization is None or (o.organization is not None
                                                  and o.organization.ref_id == r.organization.ref_id)
            if words < owords and same_org and extra <= (_WEAK_WORDS | org_words):
                drop = True
                break
        if not drop:
            out.append(r)
    return out
