"""Bodies named in an article, resolved to bodies.yaml entries.

A body is found by its name, alias or acronym in the article's language (`Lexicon`); provincial
bodies come from templates, with the province taken from the words right after the name ("Komite
Rakyat Provinsi Thanh Hoa") or, when the text only says "the Provincial People's Committee", from the
article's main province (`main_area`). Bodies named inside a title ("anggota Komite Partai
Provinsi") are bodies the article names too. Generic words ("kementerian, cabang, dan daerah",
"the Prime Minister") never make a body.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract.lexicon import Folded, Hit, Lexicon, fold, is_surname, key, non_overlapping
from kg.extract.model import ArticleMeta, Organization, OrgRef, Role, Sentence, Span
from kg.extract.text import Covered, source_host
from kg.reference import Body

BODY_KINDS = {"body", "template", "generic"}
# "Komite Rakyat provinsi dan kota" = the People's Committees of all provinces and cities
_PLURAL_AFTER = re.compile(
    r"^\s*(?:dan|and|và|va|serta|atau|or|hoặc)\s+(?:kota|city|cities|thành\s+phố|thanh\s+pho|provinsi|provinces?|"
    r"tỉnh|tinh|daerah|localities|địa\s+phương)\b", re.IGNORECASE)
_BRIDGE_BEFORE = re.compile(
    r"(?:jembatan|titik\s+jembatan|titik\s+sambungan|điểm\s+cầu|diem\s+cau|connection\s+point|bridge|"
    r"markas\s+besar|headquarters|trụ\s+sở|tru\s+so)\s+(?:di\s+|at\s+|of\s+|tại\s+)?"
    r"(?:provinsi\s+|kota\s+|tỉnh\s+|tinh\s+|thành\s+phố\s+|province\s+|city\s+|the\s+)?$", re.IGNORECASE)
_DIRECTIVE_BEFORE = re.compile(r"(?:Resolusi|Resolution|Nghị\s+quyết|Nghi\s+quyet|Keputusan|Decision|"
                               r"Quyết\s+định|Kesimpulan|Conclusion|Kết\s+luận|Arahan|Directive|Chỉ\s+thị)"
                               r"(?:\s+of\s+the|\s+of|\s+của|\s+dari)?\s+$")
_LEVEL_NEAR = re.compile(r"(?:provinsi|province|tỉnh|tinh|kota|city|thành\s+phố|thanh\s+pho|TP\.?)\s+$",
                         re.IGNORECASE)
_LEVEL_AFTER = re.compile(r"^\s+(?:province|provinsi|city|municipality)\b", re.IGNORECASE)
_BRIDGE_AFTER = re.compile(r"^\s+(?:connection\s+point|bridge|point)\b", re.IGNORECASE)


@dataclass
class Context:
    """What resolving a body needs to know about the article."""

    lex: Lexicon
    lang: str
    main_area: str | None = None  # area id
    as_of: str | None = None  # ISO date (or year) the article speaks of
    generic: dict[str, Body] = field(default_factory=dict)  # body type -> the article's only body of it


@functools.lru_cache(maxsize=8)
def _body_hits(text: str, lex: Lexicon, lang: str) -> tuple[Hit, ...]:
    folded = Folded(text)
    hits = non_overlapping(lex.scan(folded, lang, BODY_KINDS))
    out = []
    for h in hits:
        if h.pattern.kind == "template" and not h.pattern.slot and _PLURAL_AFTER.match(text[h.end:h.end + 40]):
            continue
        if h.pattern.kind == "body" and _other_body(text, h):
            continue
        out.append(extend_acronym(text, h))
    return tuple(out)


# words after a short name ("Pemerintah", "Partai", "Chính phủ") that make it another body: the provincial
# government, a foreign party or government
_LOCAL_AFTER = {"provinsi", "kota", "kabupaten", "daerah", "distrik", "kecamatan", "desa", "kelurahan", "lokal",
                "setempat", "provincial", "local", "municipal", "tinh", "huyen", "xa", "dia", "phuong"}
_NAME_AFTER_OK = {"resolution", "resolutions", "decree", "decision", "directive", "resolusi", "keputusan", "dekrit",
                  "peraturan", "instruksi", "nghi", "quyet", "nghị", "quyết", "chỉ", "thị", "vietnam", "viet",
                  "việt", "standing", "inspectorate", "office", "portal", "leader", "leaders", "member", "members"}


_NAME_BEFORE_OK = {"the", "vietnamese", "vietnam", "nam", "our", "whole", "entire", "central", "kamerad", "comrade",
                   "dan", "and", "và", "of", "dari", "của", "s"}


def _other_body(text: str, h: Hit) -> bool:
    """A short name followed by a word that makes it another body ("Pemerintah Provinsi", "Partai Komunis
    Tiongkok", "Chính phủ Lào")."""
    if len(h.pattern.form.split()) > 2:
        return False
    b = re.search(r"(?<![\w/.-])([^\W\d_]+)[ \t]+$", text[max(0, h.start - 30):h.start])
    if h.pattern.lang == "en" and b and b.group(1)[0].isupper() and not b.group(1).isupper() \
            and b.group(1).lower() not in _NAME_BEFORE_OK:
        return True  # "the Chinese Government", "the Lao People's Revolutionary Party"
    m = re.match(r"[ \t]+([^\W\d_]+)", text[h.end:h.end + 30])
    if not m:
        return False
    word = m.group(1)
    if fold(word) in _LOCAL_AFTER:
        return True
    if is_surname(word) and re.match(r"[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){2}", text[h.end:h.end + 40]) and all(
            w[0].isupper() for w in text[h.end:h.end + 40].split()[:3]):
        return False  # a person's name after a title ending in the body: "Chief of the Government Office Tran Van Son"
    return word[0].isupper() and word.lower() not in _NAME_AFTER_OK


def body_hits(text: str, lex: Lexicon, lang: str) -> list[Hit]:
    """Body names in the text, longest first where they overlap, with a trailing "(ACRONYM)" included."""
    return list(_body_hits(text, lex, lang))


def extend_acronym(text: str, h: Hit) -> Hit:
    m = re.match(r"\s*\(([A-ZĐ][A-ZĐ0-9&.\-]{1,11})\)", text[h.end:h.end + 20])
    if not m:
        return h
    end = h.end + m.end()
    return Hit(h.start, end, text[h.start:end], h.pattern, h.area_text)


def resolve(hit: Hit, ctx: Context) -> Body | None:
    """The body a mention names, or None when it cannot be told (a provincial body of no known province)."""
    p = hit.pattern
    lex = ctx.lex
    if p.kind in ("body", "short"):
        return lex.ref.bodies.get(p.ref)
    if p.kind == "generic":
        return ctx.generic.get(p.ref)
    if p.kind == "template":
        area = None
        if hit.area_text:
            ids = [i for i in lex.areas_named(hit.area_text)
                   if p.slot in (None, "area") or lex.areas[i].level == p.slot]
            area = lex.pick_area(ids, ctx.as_of)
        elif ctx.main_area and (p.level is None or lex.areas[ctx.main_area].level == p.level
                                or lex.areas[ctx.main_area].level == "municipality"):
            area = ctx.main_area
        return lex.template_body(p.ref, area)
    return None


def org_ref(body: Body, ctx: Context, name: str) -> OrgRef:
    ref = ctx.lex.ref
    parent = ref.bodies.get(body.parent) if body.parent else None
    location = None
    if body.location and body.location in ref.areas:
        location = ref.areas[body.location].name_en
    return OrgRef(name=name, normalized=body.en, type=body.type, ref_id=body.id, native=body.vi,
                  parent=parent.en if parent else None, location=location,
                  acronym=body.acronyms[0] if body.acronyms and not body.template else None)


def main_area(text: str, lex: Lexicon, meta: ArticleMeta, blocked: list[Span], as_of: str | None,
              lang: str) -> str | None:
    """The province or city the article is about: most mentioned (connection points and provincial bodies
    count double), plus the source's domain ("baothanhhoa.vn") and the title."""
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    folded = Folded(text)
    lo, hi = meta.content_start, meta.content_end or len(text)
    blocked_at = Covered([(s.start, s.end) for s in blocked])
    for a, b, quote in lex.scan_areas(folded):
        if not lo <= a < hi or a in blocked_at:
            continue
        aid = lex.pick_area(lex.areas_named(quote), as_of)
        if not aid:
            continue
        scores[aid] += 1
        first.setdefault(aid, a)
        if _BRIDGE_BEFORE.search(text[max(0, a - 40):a]) or _BRIDGE_AFTER.match(text[b:b + 30]):
            scores[aid] += 2
        elif _LEVEL_NEAR.search(text[max(0, a - 15):a]) or _LEVEL_AFTER.match(text[b:b + 15]):
            scores[aid] += 1  # "provinsi Hoa Binh", "Thai Binh province"
    for h in body_hits(text, lex, lang):
        if h.pattern.kind == "template" and h.area_text:
            aid = lex.pick_area(lex.areas_named(h.area_text), as_of)
            if aid:
                scores[aid] += 2
    host = source_host(meta)
    if host:
        labels = [x for x in host.lower().split(".") if x not in ("www", "en", "m", "vn", "com", "gov", "net", "org")]
        for label in labels[:1]:
            name = label.removeprefix("bao")
            best = None
            for k, ids in lex.area_index.items():
                nk = k.replace(" ", "")
                if len(nk) >= 5 and (name == nk or (name.startswith(nk) and len(nk) >= 6)):
                    if best is None or len(nk) > len(best[0]):
                        best = (nk, ids)
            if best:
                aid = lex.pick_area(best[1], as_of)
                if aid:
                    scores[aid] += 3
    if meta.title:
        tf = f" {key(meta.title)} "
        for aid in list(scores):
            if any(f" {key(n)} " in tf for n in lex._area_names(lex.areas[aid])):
                scores[aid] += 2
    if not scores:
        return None
    # the highest score; among equals, the area named first (articles open with their province)
    top = min(scores, key=lambda aid: (-scores[aid], first.get(aid, len(text))))
    return top if scores[top] >= 2 else None


def build_context(text: str, lex: Lexicon, lang: str, meta: ArticleMeta, blocked: list[Span],
                  as_of: str | None) -> Context:
    ctx = Context(lex=lex, lang=lang, as_of=as_of)
    ctx.main_area = main_area(text, lex, meta, blocked, as_of, lang)
    by_type: dict[str, set[str]] = {}
    for h in body_hits(text, lex, lang):
        if h.pattern.kind == "body":
            b = lex.ref.bodies[h.pattern.ref]
            by_type.setdefault(b.type, set()).add(b.id)
    for btype, ids in by_type.items():
        if len(ids) == 1:
            ctx.generic[btype] = lex.ref.bodies[next(iter(ids))]
    return ctx


def sentence_of(sentences: list[Sentence], start: int, end: int, text: str) -> Span:
    # sentences are in text order and do not overlap: a binary search (a scan per hit was quadratic)
    i = bisect.bisect_right(sentences, start, key=lambda s: s.span.start) - 1
    if i >= 0 and start < sentences[i].span.end:
        return sentences[i].span
    return Span(start, end, text[start:end])


def find_organizations(text: str, sentences: list[Sentence], lex: Lexicon, lang: str, ctx: Context,
                       roles: list[Role], blocked: list[Span] | None = None) -> list[Organization]:
    """One Organization per distinct body named in the text (or in a title held by someone)."""
    lo = sentences[0].span.start if sentences else 0
    hi = sentences[-1].span.end if sentences else len(text)
    orgs: dict[str, Organization] = {}
    order: list[str] = []

    def add(ref: OrgRef, mention: Span, sentence: Span, confidence: float, inferred: bool) -> None:
        k = ref.ref_id or f"unknown:{key(ref.normalized)}"
        org = orgs.get(k)
        if org is None:
            org = Organization(span=sentence, confidence=confidence, method="lexicon", inferred=inferred,
                               ref=ref, mentions=[])
            orgs[k] = org
            order.append(k)
        if mention not in seen.setdefault(k, set()):
            seen[k].add(mention)
            org.mentions.append(mention)
        org.confidence = max(org.confidence, confidence)

    blocked_at = Covered([(b.start, b.end) for b in blocked or []])
    seen: dict[str, set[Span]] = {}
    for h in body_hits(text, lex, lang):
        if not lo <= h.start < hi or h.start in blocked_at:
            continue
        if _DIRECTIVE_BEFORE.search(text[max(0, h.start - 30):h.start]):
            continue  # "Resolusi Kongres Partai Nasional ke-13": part of a directive's name
        body = resolve(h, ctx)
        if body is None:
            continue
        inferred = h.pattern.kind == "generic" or (h.pattern.kind == "template" and not h.area_text)
        conf = 0.75 if inferred else 0.9
        add(org_ref(body, ctx, h.quote), Span(h.start, h.end, h.quote), sentence_of(sentences, h.start, h.end, text),
            conf, inferred)
    for r in roles:
        if r.organization is None or r.org_span is None:
            continue
        conf = 0.9 if r.organization.ref_id else 0.5
        add(r.organization, r.org_span, r.span, conf, False)
    out = [orgs[k] for k in order]
    out.sort(key=lambda o: min(m.start for m in o.mentions))
    for o in out:
        o.mentions.sort()
    return out


def is_body_type(body: Body, wanted: str) -> bool:
    return body.type == wanted or body.template == wanted or body.id == wanted


def fold_words(text: str) -> list[str]:
    return fold(text).split()
