"""Dates as news articles write them, in Indonesian, English and Vietnamese.

`find_dates` returns every date expression with its `PartialDate` (day, month or year precision).
A date written without its year takes one:

1. from a range it opens ("sejak 1 Januari hingga 20 Desember 2024": 2024, not inferred);
2. else from the publication date (`meta.published`): the year that puts the date closest to it
   (published 2025-01-03, "28 Desember" -> 2024), marked `inferred`;
3. else from the text (`document_year`), marked `inferred`.

`document_year(text, meta)` -- the year a date without a year takes when nothing else tells:
the publication year when known; else, from the text:

* the years the article speaks of as calendar years -- after "tahun/năm/year/in", in full dates,
  or standing alone ("the legislature's 2025 law-making programme") -- leaving out periods
  ("2021-2030"), targets ("by 2030", "đến năm 2030", "target ... pada tahun 2025") and
  comparisons ("compared with 2023", "from 2026");
* a year the article reviews as finished ("results of 2024", "kết quả năm 2024", "meninjau ...
  tahun 2024"; not a part-year review such as "4 tháng đầu năm 2025") marks the turn of that year:
  a date in January-June is in the next year (a review meeting on "15 Januari" evaluating 2024 is
  in 2025), a date in July-December in the reviewed year itself (a December session reviewing 2024
  and budgeting 2025 is in 2024) -- as long as no year later than the next one is spoken of;
* otherwise the latest such year;
* and when the text speaks of no calendar year at all: the latest year of an act's symbol
  ("Resolusi No. 202/2025/QH15") or the first year of a term that opens ("masa jabatan 2025-2030",
  "nhiệm kỳ 2025-2030"): the article is no older than the acts it cites and the terms it opens.

Never from today's date.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from kg.extract.model import ArticleMeta, PartialDate, Sentence, Span

MONTHS: dict[str, int] = {}
for _names in (
    # Indonesian
    "januari februari maret april mei juni juli agustus september oktober november desember",
    # English
    "january february march april may june july august september october november december",
):
    for _n, _name in enumerate(_names.split(), 1):
        MONTHS[_name] = _n
MONTHS.update({
    "jan": 1, "feb": 2, "peb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8,
    "agt": 8, "agus": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11,
    "des": 12, "dec": 12, "nopember": 11,
})
# Abbreviations that are also ordinary words are only months when a day number touches them.
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[4-9]\d|20\d\d|2100)"

# 15 Januari 2025 / 15 January, 2025 / 15 Jan.
DAY_MONTH = re.compile(
    rf"(?<![\w/.,-])(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>{_YEAR})(?!\d))?", re.I)
# January 15, 2025 / Jan. 15 / March 3rd
MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/.,]\d)(?!\w)(?:,?\s+(?P<y>{_YEAR})(?!\d))?",
    re.I)
# January 2025 / Januari 2025
MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>{_YEAR})(?!\d)", re.I)
# 20/3/2025, 20-3-2025, 20.3.2025 (day first, as in Vietnamese and Indonesian)
DMY = re.compile(
    rf"(?<![\w/.,-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>{_YEAR})(?![\w/]|[.,-]\d)")
# 15/1 (no year): only after a cue word, see `YEARLESS_CUE`
DM = re.compile(r"(?<![\w/.,-])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\w/]|[.,-]\d)")
YEARLESS_CUE = re.compile(
    r"\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|tanggal|tgl|on|since|until|from|pagi|siang|sore|malam|"
    r"hari|thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|senin|selasa|rabu|kamis|jumat|sabtu|minggu|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:nay|ini))?\s*,?\s*\(?\s*$",
    re.I)
# ngày 15 tháng 1 năm 2025 / 15 tháng 1
VI_DAY = re.compile(
    rf"(?<![\w/.,-])(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?!\d)(?:\s*(?:năm\s+|/)(?P<y>{_YEAR})(?!\d))?", re.I)
# tháng 3/2025, tháng 3 năm 2025
VI_MONTH = re.compile(rf"\btháng\s+(?P<m>[01]?\d)(?:\s*/\s*|\s+năm\s+)(?P<y>{_YEAR})(?!\d)", re.I)
# tahun 2024, năm 2024, in 2024 -- a year alone is a date only after such a word, and not in a period
YEAR_ONLY = re.compile(
    rf"\b(?:tahun|năm|year|in)\s+(?P<y>{_YEAR})(?![\d/]|\s*[-–]\s*\d|\s*(?:đến|hingga|sampai|to)\s+\d)", re.I)
RANGE_JOIN = re.compile(r"^\s*(?:[-–—]|hingga|sampai(?:\s+dengan)?|s\.?d\.?|to|until|through|till|đến|tới)\s*"
                        r"(?:ngày|tanggal)?\s*$", re.I)

PERIOD_RANGE = re.compile(rf"(?<!\d)({_YEAR})\s*[-–—]\s*({_YEAR})(?!\d)")
# a goal set for a year: a cue word somewhere before it in the clause ...
TARGET_CUE = re.compile(r"\b(?:target\w*|menargetkan|ditargetkan|sasaran|mục tiêu|tầm nhìn|phấn đấu|visi|vision|goal|"
                        r"aim\w*)\b(?:[^.;\n]|\.(?=\d)){0,60}$", re.I)
# ... or a "by/until" right before the year ("đến năm 2030", "hingga tahun 2030", "by 2030")
UNTIL_CUE = re.compile(
    r"\b(?:by|towards?|until|đến|tới|hingga|sampai|menuju)\s+(?:(?:the\s+)?end\s+of\s+|akhir\s+|cuối\s+)?"
    r"(?:năm|tahun|year)?\s*$", re.I)
# a deadline: "sebelum 31 Januari 2026", "before June 30, 2026", "trước ngày 31/12/2026"
DEADLINE_CUE = re.compile(r"\b(?:sebelum|paling\s+lambat|before|no\s+later\s+than|trước|chậm\s+nhất)\s+"
                          r"(?:ngày|tanggal|tgl\.?)?\s*$", re.I)
COMPARE_CUE = re.compile(
    r"\b(?:dibandingkan|dibanding|compared|so với|than|cùng kỳ|from)\b(?:\s+\w+){0,3}\s*$", re.I)
REVIEW_CUE = re.compile(
    r"\b(?:hasil|evaluasi|mengevaluasi|meninjau|tinjauan|merangkum|rangkuman|kết quả|tổng kết|đánh giá|"
    r"sơ kết|results?|review\w*|evaluat\w*|summ\w+ up|outcomes?)\b(?:[^.;\n]|\.(?=\d)){0,60}$", re.I)
PART_YEAR_CUE = re.compile(
    r"\b(?:tháng đầu|tháng cuối|quý|months? of|quarter|kuartal|triwulan|semester|bulan pertama|bulan terakhir|"
    r"half of|nửa đầu|6 tháng|sáu tháng|first \w+ months)\b(?:[^.;\n]|\.(?=\d)){0,30}$", re.I)
YEAR_WORD = re.compile(rf"\b(?:tahun|năm|year|in|of|pada)\s+(?P<y>{_YEAR})(?!\d)", re.I)
SYMBOL_YEAR = re.compile(rf"(?<![\w/])\d{{1,5}}[a-z]?/(?P<y>{_YEAR})/[A-ZĐ]")
TERM_START = re.compile(rf"\b(?:masa\s+jabatan|nhiệm\s+kỳ|khóa|term)\s+(?P<y>{_YEAR})\s*[-–—]\s*{_YEAR}|"
                        rf"(?<![\w/-])(?P<y2>{_YEAR})\s*[-–—]\s*{_YEAR}\s+(?:term|tenure)\b", re.I)
BARE_YEAR = re.compile(rf"(?<![\w/.,-]){_YEAR}(?![\w/]|[.,-]\d|\s*[-–—]\s*\d)")


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


class Disjoint:
    """Non-overlapping, non-empty intervals [a, b) kept sorted, with an O(log n) overlap test
    (a scan of every date found for every candidate made a text full of dates quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a)
        return (i > 0 and self.ends[i - 1] > a) or (i < len(self.starts) and self.starts[i] < b)

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _scan(text: str, lo: int, hi: int) -> list[_Found]:
    """Every date expression in text[lo:hi], longest first, without overlaps."""
    found: list[_Found] = []
    taken = Disjoint()
    chunk = text[lo:hi]

    def add(m: re.Match, y, mo, d) -> None:
        a, b = lo + m.start(), lo + m.end()
        if taken.overlaps(a, b):
            return
        if not _valid(y or 2000, mo, d):
            return
        found.append(_Found(a, b, y, mo, d))
        taken.add(a, b)

    for m in VI_DAY.finditer(chunk):
        add(m, int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]))
    for m in DMY.finditer(chunk):
        add(m, int(m["y"]), int(m["m"]), int(m["d"]))
    for m in DAY_MONTH.finditer(chunk):
        if m["m"][0].islower():
            continue  # month names are written with a capital in all three languages: "5 may be"
        add(m, int(m["y"]) if m["y"] else None, MONTHS[m["m"].lower()], int(m["d"]))
    for m in MONTH_DAY.finditer(chunk):
        if m["m"][0].islower():
            continue  # "may 3", "march 5" in running text
        add(m, int(m["y"]) if m["y"] else None, MONTHS[m["m"].lower()], int(m["d"]))
    for m in VI_MONTH.finditer(chunk):
        add(m, int(m["y"]), int(m["m"]), None)
    for m in MONTH_YEAR.finditer(chunk):
        if m["m"][0].islower():
            continue
        add(m, int(m["y"]), MONTHS[m["m"].lower()], None)
    for m in DM.finditer(chunk):
        if YEARLESS_CUE.search(chunk[max(0, m.start() - 25):m.start()]):
            add(m, None, int(m["m"]), int(m["d"]))
    for m in YEAR_ONLY.finditer(chunk):
        ya, yb = lo + m.start("y"), lo + m.end("y")
        if taken.overlaps(ya, yb):
            continue
        found.append(_Found(ya, yb, int(m["y"]), None, None))
        taken.add(ya, yb)
    found.sort(key=lambda f: f.start)
    return found


def scan_dates(text: str, start: int, end: int) -> list[tuple[Span, int | None, int | None, int | None]]:
    """Date expressions in text[start:end] as written: (span, year, month, day), year None when not written."""
    return [(Span(f.start, f.end, text[f.start:f.end]), f.year, f.month, f.day) for f in _scan(text, start, end)]


def find_dates(
    text: str, sentences: list[Sentence], lang: str, meta: ArticleMeta | None
) -> list[tuple[Span, PartialDate]]:
    """Every date in the sentences (the whole text when there are none), in text order."""
    ranges = [(s.span.start, s.span.end) for s in sentences] or [(0, len(text))]
    found: list[_Found] = []
    for lo, hi in ranges:
        found.extend(_scan(text, lo, hi))
    base, reviewed = _infer_year(text, meta)
    out: list[tuple[Span, PartialDate]] = []
    pub = meta.published if meta else None
    if pub is not None and pub.month is not None and pub.day is not None:
        for lo, hi in ranges:
            for m in WEEKDAY.finditer(text, lo, hi):
                if any(f.start <= m.start() < f.end + 3 or m.start() <= f.start < m.end() + 3 for f in found):
                    continue  # "Monday, September 23, 2024", "Kamis (15/1)": the date is written
                g = "d" if m["d"] else "v"
                found.append(_Found(m.start(g), m.end(g), -1, None, _weekday_index(m[g])))
        found.sort(key=lambda f: f.start)
    for k, f in enumerate(found):
        if f.year == -1:  # a weekday: the last such day on or before the publication date
            assert pub is not None and f.day is not None  # weekdays are only collected with a full pub date
            day = _last_weekday(pub, f.day)
            out.append((Span(f.start, f.end, text[f.start:f.end]), PartialDate(day.year, day.month, day.day, True)))
            continue
        if f.year is not None:
            out.append((Span(f.start, f.end, text[f.start:f.end]), PartialDate(f.year, f.month, f.day)))
            continue
        year, inferred = _range_year(text, found, k), False
        if year is None:
            year, inferred = _year_for(f.month, f.day, meta, base, reviewed), True
        if year is None:
            continue
        out.append((Span(f.start, f.end, text[f.start:f.end]), PartialDate(year, f.month, f.day, inferred=inferred)))
    return out


WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
    "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6,
}
# "on Friday", "On Monday", "pada hari Senin", "sáng thứ Hai": a day of the week the article's date makes a
# date (the Vietnamese day only after a time of day and capitalised: "lần thứ hai" is an ordinal)
WEEKDAY = re.compile(r"\b(?:(?i:on|last|pada\s+hari|pada|hari)\s+(?P<d>Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b|"
                     r"(?i:sáng|chiều|tối|trưa|ngày|hôm)\s+(?P<v>thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật)(?!\w))")


def _weekday_index(name: str) -> int:
    return WEEKDAYS[" ".join(name.lower().split())]


def _last_weekday(pub: PartialDate, weekday: int) -> datetime.date:
    day = datetime.date(pub.year, pub.month or 1, pub.day or 1)
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _range_year(text: str, found: list[_Found], k: int) -> int | None:
    """The year of the date that closes a range opened by found[k] ("1 Januari hingga 20 Desember 2024")."""
    if k + 1 >= len(found):
        return None
    here, nxt = found[k], found[k + 1]
    if nxt.year is None or nxt.month is None or nxt.start - here.end > 30:
        return None
    if not RANGE_JOIN.match(text[here.end:nxt.start]):
        return None
    return nxt.year if (here.month or 0) <= nxt.month else nxt.year - 1


def _year_for(month: int | None, day: int | None, meta: ArticleMeta | None, base: int | None,
              reviewed: int | None) -> int | None:
    pub = meta.published if meta else None
    if pub is not None:
        if pub.month is None or month is None:
            return pub.year
        anchor = datetime.date(pub.year, pub.month, pub.day or 15)

        def distance(y: int) -> int:
            try:
                return abs((datetime.date(y, month, day or 15) - anchor).days)
            except ValueError:
                return 10**6

        return min((pub.year - 1, pub.year, pub.year + 1), key=distance)
    if reviewed is not None and month is not None:
        return reviewed if month >= 7 else reviewed + 1
    return base


def document_year(text: str, meta: ArticleMeta | None) -> int | None:
    """The year a date without one takes (see the module docstring for the rule)."""
    if meta is not None and meta.published is not None:
        return meta.published.year
    return _infer_year(text, None)[0]


def _infer_year(text: str, meta: ArticleMeta | None) -> tuple[int | None, int | None]:
    """(year of the article, the finished year it reviews when that decides the year by month)."""
    if meta is not None and meta.published is not None:
        return meta.published.year, None
    periods = [(m.start(), m.end()) for m in PERIOD_RANGE.finditer(text)]
    plain: set[int] = set()
    reviewed: set[int] = set()
    seen: set[int] = set()  # start offsets of the years already considered

    def consider(year: int, start: int, year_start: int, bare_year: bool) -> None:
        if year_start in seen or any(a <= year_start < b for a, b in periods):
            return
        seen.add(year_start)
        before = text[max(0, start - 80):start]
        previous_year = list(re.finditer(r"\d{4}", before))
        if previous_year:  # a cue before another year belongs to that one ("tổng kết năm 2024, ... năm 2025")
            before = before[previous_year[-1].end():]
        if TARGET_CUE.search(before) or COMPARE_CUE.search(before):
            return
        if (bare_year and UNTIL_CUE.search(before)) or DEADLINE_CUE.search(before):
            return
        if REVIEW_CUE.search(before) and not PART_YEAR_CUE.search(before):
            reviewed.add(year)
        else:
            plain.add(year)

    for m in YEAR_WORD.finditer(text):
        consider(int(m["y"]), m.start(), m.start("y"), True)
    for f in _scan(text, 0, len(text)):
        if f.year is not None and f.month is not None:
            consider(f.year, f.start, f.end - 4, False)
    for m in BARE_YEAR.finditer(text):
        consider(int(m.group()), m.start(), m.start(), True)
    if not plain and not reviewed:
        fallback = [int(m["y"]) for m in SYMBOL_YEAR.finditer(text)]
        fallback += [int(m["y"] or m["y2"]) for m in TERM_START.finditer(text)]
        return (max(fallback) if fallback else None), None
    latest = max(plain | reviewed)
    if reviewed and latest <= max(reviewed) + 1:
        return max(reviewed) + 1, max(reviewed)
    return latest, None
