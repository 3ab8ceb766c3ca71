"""Numbers as Indonesian, Vietnamese and English articles write them.

`parse_number("1.178", "id") == 1178`, `parse_number("12,2", "vi") == 12.2`,
`parse_number("1,178", "en") == 1178`. Indonesian and Vietnamese group thousands with "." and mark
decimals with ","; English the other way round. Machine translation sometimes keeps the source
convention, so a lone separator followed by anything but exactly three digits is read as a decimal
mark whatever the language ("12.2 juta" is 12.2 million in an Indonesian text too).

`find_quantities(text, lang)` finds each number with what is glued to it: an approximation before it
("lebih dari", "hơn", "more than" -- kept in the quote as written), a currency, a scale word
(juta/triệu/million ...), a percent sign or word, or a multiplier ("kali lipat", "gấp ... lần",
"times"). What the number counts is the business of `statistics.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.model import Span

# The digits of a number: separators only between digit groups, so a run of digits and commas of
# any length is matched once, in linear time.
NUMBER_TOKEN = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
MAX_TOKEN_LEN = 24  # longer digit runs are codes, phone numbers or noise, never a reported figure

SCALES: dict[str, float] = {
    # id
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    # vi
    "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "nghìn tỷ": 1e12, "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12, "ngàn tỉ": 1e12,
    # en
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "trillion": 1e12,
}
QUALIFIERS = [
    # id
    "lebih dari", "lebih kurang", "hampir", "sekitar", "kurang dari", "kira-kira", "setidaknya",
    "sedikitnya", "paling sedikit", "hingga", "mendekati",
    # vi
    "hơn", "gần", "khoảng", "trên", "dưới", "xấp xỉ", "ít nhất", "gần như", "tới",
    # en
    "more than", "over", "nearly", "almost", "about", "around", "approximately", "roughly", "some",
    "less than", "fewer than", "under", "at least", "up to",
]
CURRENCY_BEFORE = {"rp": "IDR", "vnd": "VND", "vnđ": "VND", "usd": "USD", "us$": "USD", "$": "USD", "€": "EUR",
                   "eur": "EUR"}
CURRENCY_AFTER = {"đồng": "VND", "dong": "VND", "vnd": "VND", "vnđ": "VND", "usd": "USD", "dollars": "USD",
                  "dolar": "USD", "đô la": "USD", "rupiah": "IDR", "euro": "EUR", "euros": "EUR"}
PERCENT_WORDS = ["%", "persen", "phần trăm", "percent", "per cent"]
POINT_WORDS = ["percentage points", "percentage point", "điểm phần trăm", "poin persentase", "basis points"]
MULTIPLIER_AFTER = ["kali lipat", "kali", "lần", "times", "-fold", "fold"]
MULTIPLIER_BEFORE = ["gấp"]
WORD_MULTIPLIERS = {
    "twice": 2.0, "gấp đôi": 2.0, "gấp rưỡi": 1.5, "gấp ba": 3.0,
    "dua kali lipat": 2.0, "tiga kali lipat": 3.0, "dua kali": 2.0, "tiga kali": 3.0,
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SCALE_AFTER = re.compile(rf"\s*(?P<w>{_alternation(SCALES)})(?![^\W\d_])", re.I)
_PERCENT_AFTER = re.compile(rf"\s*(?P<w>{_alternation(POINT_WORDS)}|{_alternation(PERCENT_WORDS)})(?![^\W\d_])",
                            re.I)
_CURRENCY_AFTER = re.compile(rf"\s*(?P<w>{_alternation(CURRENCY_AFTER)})(?![^\W\d_])", re.I)
_MULT_AFTER = re.compile(rf"\s*(?P<w>{_alternation(MULTIPLIER_AFTER)})(?![^\W\d_])", re.I)
_QUALIFIER_BEFORE = re.compile(rf"(?<![^\W\d_])(?P<w>{_alternation(QUALIFIERS)})\s+$", re.I)
_CURRENCY_BEFORE = re.compile(rf"(?<![^\W\d_])(?P<w>{_alternation(CURRENCY_BEFORE)})\s*$", re.I)
_MULT_BEFORE = re.compile(rf"(?<![^\W\d_])(?P<w>{_alternation(MULTIPLIER_BEFORE)})\s+$", re.I)
_WORD_MULT = re.compile(rf"(?<![^\W\d_])(?P<w>{_alternation(WORD_MULTIPLIERS)})(?![^\W\d_])", re.I)


def parse_number(token: str, lang: str) -> float | None:
    """The value of a digit token in the article's convention, or None when it is not a number
    (e.g. "2.1.3", a section number, or "0912.345.678", a phone number)."""
    if not token or len(token) > MAX_TOKEN_LEN or not token[0].isdigit() or not token[-1].isdigit():
        return None
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    groups = re.split(r"[.,]", token)
    decimal_mark = "." if lang == "en" else ","
    if len(set(seps)) == 2:
        dec = token[max(token.rfind("."), token.rfind(","))]
        if seps.count(dec) != 1:
            return None
        int_part, frac = token.rsplit(dec, 1)
        whole = _grouped(int_part)
        return whole + float("0." + frac) if whole is not None else None
    sep = seps[0]
    if len(seps) > 1:
        value = _grouped(token)
        return value
    int_part, frac = token.split(sep)
    if sep == decimal_mark or len(frac) != 3:
        return float(f"{int_part}.{frac}")
    return float(int_part + frac) if len(groups[0]) <= 3 else None


def _grouped(token: str) -> float | None:
    """Digits grouped by thousands ("1.234.567"): first group 1-3 digits, the others exactly 3."""
    groups = re.split(r"[.,]", token)
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return float("".join(groups))


@dataclass
class Quantity:
    """A number with the words glued to it. `span` covers qualifier, currency, number, scale and
    percent/multiplier word; `token` only the digits (or the word, for "twice")."""

    span: Span
    token: Span
    number: float  # scale applied: "12,2 juta" -> 12200000
    qualifier: str | None = None
    scale: str | None = None
    currency: str | None = None
    kind: str = "count"  # count | percent | points | times | money


def find_quantities(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number in text[start:end] with its qualifier, scale and kind, in text order."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in NUMBER_TOKEN.finditer(text, start, end):
        value = parse_number(m.group(), lang)
        if value is None:
            continue
        out.append(_dress(text, m.start(), m.end(), value, end))
    for m in _WORD_MULT.finditer(text, start, end):
        a, b = m.start(), m.end()
        if any(q.span.start < b and a < q.span.end for q in out):
            continue
        q = Quantity(Span(a, b, text[a:b]), Span(a, b, text[a:b]), WORD_MULTIPLIERS[m["w"].lower()], kind="times")
        _add_qualifier(text, q, start)
        out.append(q)
    out.sort(key=lambda q: q.span.start)
    return out


def _dress(text: str, a: int, b: int, value: float, limit: int) -> Quantity:
    q = Quantity(Span(a, b, text[a:b]), Span(a, b, text[a:b]), value)
    lo, hi = a, b
    before = text[max(0, a - 12):a]
    cur = _CURRENCY_BEFORE.search(before)
    if cur:
        q.currency, q.kind = CURRENCY_BEFORE[cur["w"].lower()], "money"
        lo = a - (len(before) - cur.start())
    mult = _MULT_BEFORE.search(text[max(0, lo - 8):lo])
    if mult:
        q.kind = "times"
        lo -= len(text[max(0, lo - 8):lo]) - mult.start()
    window = text[hi:min(limit, hi + 40)]
    sm = _SCALE_AFTER.match(window)
    if sm:
        q.scale = sm["w"]
        q.number = value * SCALES[sm["w"].lower()]
        hi += sm.end()
        window = text[hi:min(limit, hi + 40)]
    pm = _PERCENT_AFTER.match(window)
    mm = _MULT_AFTER.match(window)
    cm = _CURRENCY_AFTER.match(window)
    if pm:
        q.kind = "points" if pm["w"].lower() in POINT_WORDS else "percent"
        hi += pm.end()
    elif mm:
        q.kind = "times"
        hi += mm.end()
    elif cm:
        q.currency, q.kind = CURRENCY_AFTER[cm["w"].lower()], "money"
        hi += cm.end()
    q.span = Span(lo, hi, text[lo:hi])
    _add_qualifier(text, q, 0)
    return q


def _add_qualifier(text: str, q: Quantity, floor: int) -> None:
    lo = q.span.start
    before = text[max(floor, lo - 20):lo]
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        q.qualifier = m["w"]
        lo -= len(before) - m.start()
        q.span = Span(lo, q.span.end, text[lo:q.span.end])
