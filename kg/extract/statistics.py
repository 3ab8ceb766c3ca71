"""Statistics: every figure an article reports, with what it counts.

A number is a statistic when it is a percentage, a multiplier, an amount of money, a number with
a scale word (juta/triệu/million), a number followed by the noun it counts ("13 kementerian",
"1.178 ADU", "313 thủ tục"), or a bare number after a verb of quantity ("mencapai 500", "đạt
1.200", "totalled 35"). It is not a statistic when it is a year, part of a date, a period
("2021-2030"), an ordinal ("ke-13", "lần thứ 9", "13th"), part of an act's symbol ("18-NQ/TW") or
of an act's name ("Decree 15"), an article/clause number, a time of day, a duration or an age,
a phone number, a list marker, a version ("4.0") or a code glued to letters ("G20", "COVID-19").

One Statistic per distinct (number, unit): a figure repeated in the lead and the body is one fact.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.dates import scan_dates
from kg.extract.directives import SYMBOL
from kg.extract.model import Sentence, Span, Statistic
from kg.extract.numbers import Quantity, find_quantities

_YEAR = re.compile(r"(?:19[4-9]\d|20\d\d|2100)")
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
CLAUSE_WINDOW = 300  # how far back a clause (and a figure's subject) is looked for

# Words right before a number that make it an ordinal, an identifier, a clause number or a time.
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:no|nomor|nomer|nr|số|number|pasal|ayat|bab|article|clause|chapter|section|paragraph|"
    r"điều|khoản|mục|chương|phần|thứ|khóa|khoá|pukul|jam|lúc|tel|telp|telepon|hotline|phone|điện thoại|fax|"
    r"kode|code|phase|giai đoạn|tahap|tầng|lantai|floor|room|phòng|level|grade|lớp|kelas|tập|episode|"
    r"covid|quận|district|phường|ward|route|tuyến|km|quốc lộ|highway|jalan|mức độ|mức|cấp độ|level|tingkat)"
    r"\s*[.:#-]?\s*|#\s*|[^\W\d_]-)$",
    re.I)
# A capitalised act name right before the number: "Decree 15", "Nghị định 15", "Program 135"
ACT_NAME_BEFORE = re.compile(
    r"(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Thông tư|Thông báo|Luật|Công văn|Kế hoạch|Chương trình|"
    r"Đề án|Resolusi|Keputusan|Instruksi|Dekrit|Peraturan|Kesimpulan|Rencana|Program|Proyek|Undang-Undang|"
    r"Resolution|Decision|Directive|Decree|Conclusion|Circular|Law|Plan|Programme|Project|Regulation)\s*$")
AFTER_NOT_A_FIGURE = re.compile(
    r"^(?:st|nd|rd|th|:\d|h\d|\s*(?:giờ|h\b|wib|a\.?m\.?|p\.?m\.?|o'clock)|"
    r"\s*(?:tahun|bulan|hari|minggu|pekan|jam|menit|detik|năm|tháng|ngày|tuần|giờ|phút|giây|"
    r"years?|months?|days?|weeks?|hours?|minutes?|seconds?|decades?|tuổi|tahun\s+usia)(?![^\W\d_])|"
    r"[-–]\s*(?:NQ|QĐ|QD|KL|CT|TB|QĐ)\b|/[^\W\d_])",
    re.I)
AGE_BEFORE = re.compile(r"(?:berusia|usia|umur|aged|age of|tuổi)\s*$", re.I)
QUANTITY_VERB_BEFORE = re.compile(
    r"(?:mencapai|sebanyak|sebesar|berjumlah|total|totalled|totaled|totalling|reached|reaching|numbered|"
    r"amounted to|đạt|là|lên tới|lên đến|tổng cộng|tổng số|gồm|với|of|to|dari|menjadi|xuống|lên|từ|"
    r"increased to|decreased to|rose to|fell to)\s*(?:lebih dari|hampir|sekitar|hơn|gần|khoảng|more than|nearly|"
    r"about|over|almost)?\s*$", re.I)

# words that end the noun phrase after a number
FUNCTION_WORDS = {
    # id
    "dan", "atau", "yang", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "akan", "telah", "sudah", "adalah",
    "ini", "itu", "tersebut", "sebagai", "oleh", "juga", "serta", "hingga", "sampai", "bagi", "per", "lebih",
    "dibandingkan", "meningkat", "menurun", "mencapai", "sebesar", "sekitar",
    # vi
    "và", "hoặc", "của", "cho", "với", "trong", "tại", "đã", "sẽ", "được", "là", "này", "đó", "so", "tăng", "giảm",
    "đạt", "trên", "dưới", "từ", "đến", "theo", "để", "có", "hơn", "đang", "vừa", "mới", "bị", "cần", "phải",
    "thành lập", "tham dự",
    # en
    "and", "or", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "was", "were", "is", "are",
    "have", "has", "had", "been", "be", "will", "than", "as", "compared", "that", "which", "who", "more", "less",
    "over", "up", "year-on-year",
}
CONTINUATION = {"dan", "và", "and"}
RANGE_TO_PERCENT = re.compile(r"[-–]\d+(?:[.,]\d+)?\s*(?:%|persen|per\s?cent|phần trăm)")
OUT_OF = re.compile(r"(?:/|\s+(?:dari|of|out of|trên|trong số)\s+(?:the\s+)?)\d+(?:[.,]\d+)*(?!\d)")
# a unit glued to the number: "3,194.7sq.km", "1.250ha", "500km"
GLUED_UNIT = re.compile(r"(?P<u>sq\.?\s?km|km2|km²|m2|m²|ha|hektar|km|kg|MW|kWh)(?![\w²])", re.I)
# the first number of a change "from N to M" ("dari 63 menjadi 34", "từ 63 xuống 34")
FROM_BEFORE = re.compile(r"(?<![^\W\d_])(?:from|dari|từ)\s*$", re.I)
TO_AFTER = re.compile(r"\s+(?:to|menjadi|ke|hingga|xuống|còn|lên|đến)\s+(?:lebih dari\s+|hơn\s+|about\s+)?\d", re.I)
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w'’/-]*|[A-Z]{2,}\w*)")

# Heads of counted nouns, folded, to English (the unit); other nouns keep their written form.
UNITS: dict[str, str] = {
    "dokumen elektronik": "electronic documents", "dokumen hukum": "legal documents", "dokumen": "documents",
    "prosedur administratif": "administrative procedures", "prosedur administrasi": "administrative procedures",
    "prosedur": "procedures", "kementerian dan lembaga": "ministries and agencies", "kementerian": "ministries",
    "lembaga": "agencies", "provinsi dan kota": "provinces and cities", "provinsi": "provinces", "kota": "cities",
    "unit administrasi tingkat distrik": "district-level administrative units",
    "unit administrasi tingkat komune": "commune-level administrative units",
    "adu tingkat komune": "commune-level administrative units",
    "adu tingkat distrik": "district-level administrative units",
    "unit administrasi perkotaan": "urban administrative units", "unit administrasi": "administrative units",
    "orang": "people", "pejabat": "officials", "pegawai negeri": "civil servants", "perusahaan": "enterprises",
    "proyek": "projects", "delegasi": "delegates", "peserta": "participants", "unit": "units", "kasus": "cases",
    "rumah tangga": "households", "komune": "communes", "distrik": "districts", "anggota": "members",
    "tài liệu": "documents", "văn bản": "documents", "hồ sơ": "dossiers",
    "thủ tục hành chính": "administrative procedures", "thủ tục": "procedures", "bộ, ngành": "ministries and sectors",
    "bộ": "ministries", "tỉnh, thành phố": "provinces and cities",
    "tỉnh": "provinces", "đơn vị hành chính cấp huyện": "district-level administrative units",
    "đơn vị hành chính cấp xã": "commune-level administrative units", "đơn vị hành chính": "administrative units",
    "đơn vị": "units", "người": "people", "cán bộ": "officials", "công chức": "civil servants",
    "doanh nghiệp": "enterprises",
    "dự án": "projects", "đại biểu": "delegates", "hộ": "households", "xã": "communes", "huyện": "districts",
    "đảng viên": "party members", "thành viên": "members", "trường hợp": "cases",
    "bị can": "defendants", "bị cáo": "defendants", "vụ án": "cases", "vụ": "cases", "tersangka": "suspects",
    "terdakwa": "defendants", "suspects": "suspects", "defendants": "defendants",
    "sq.km": "square kilometres", "sq km": "square kilometres", "km2": "square kilometres",
    "km²": "square kilometres", "square kilometres": "square kilometres", "square kilometers": "square kilometres",
    "ha": "hectares", "hectares": "hectares", "hektar": "hectares", "héc-ta": "hectares",
}
_UNIT_KEYS = sorted(UNITS, key=len, reverse=True)

# years a clause refers to: "Pada tahun 2024", "năm 2024", "in 2024", or a full date's year
PERIOD_YEAR = re.compile(
    r"(?:tahun|năm|year|in|pada|of|during|selama|trong)\s+(?P<y>(?:19[4-9]\d|20\d\d))(?!\d|\s*[-–])", re.I)
COMPARISON_BEFORE = re.compile(r"(?:dibandingkan|dibanding|daripada|so với|compared|than|from|since|sejak|cùng kỳ)"
                               r"(?:\s+(?:dengan|with|to|the|same period|periode yang sama))?"
                               r"(?:\s+(?:tahun|năm|year|in|of|last|lalu))?\s*$", re.I)
CLAUSE_BREAK = re.compile(r"[;:()\n]|\.\s")
SUBJECT_TRIM_END = re.compile(
    r"(?:\s+(?:telah|sudah|akan|mencapai|sebanyak|sebesar|menjadi|adalah|dengan|sekitar|lebih dari|hampir|"
    r"đạt|là|lên tới|khoảng|hơn|gần|reached|reaching|was|were|is|are|of|at|to|about|nearly|more than|over|"
    r"totalled|totaled|by|with))+\s*$", re.I)
SUBJECT_TRIM_START = re.compile(
    r"^(?:(?:dengan demikian|selain itu|sementara itu|sejalan dengan itu|menurut laporan[^,]*|hingga saat ini|"
    r"selama tahun ini|pada tahun \d{4}|in \d{4}|năm \d{4}|theo báo cáo[^,]*|đến nay|as of [^,]*)\s*,\s*)+",
    re.I)
MAX_SUBJECT_WORDS = 14


def find_statistics(text: str, sentences: list[Sentence], lang: str, blocked: list[Span]) -> list[Statistic]:
    """The figures of the sentences (the whole text when there are none); numbers in `blocked` are skipped."""
    ranges = [(s.span.start, s.span.end) for s in sentences] or [(0, len(text))]
    out: list[Statistic] = []
    seen: set[tuple[float, str]] = set()
    blocked_index = _SpanIndex(blocked)
    for lo, hi in ranges:
        sentence = Span(lo, hi, text[lo:hi])
        found_dates = scan_dates(text, lo, hi)
        dates = [span for span, *_ in found_dates]
        years = _year_mentions(text, lo, hi, found_dates)
        symbols = [Span(m.start(), m.end(), m.group()) for m in SYMBOL.finditer(text, lo, hi)]
        urls = [Span(m.start(), m.end(), m.group()) for m in URL.finditer(text, lo, hi)]
        excluded = _SpanIndex(dates + symbols + urls)
        quantities = find_quantities(text, lang, lo, hi)
        previous_subject = ""
        for k, q in enumerate(quantities):
            if excluded.overlaps(q.token) or blocked_index.overlaps(q.token) \
                    or not _is_figure(text, q, lo, quantities, k):
                continue
            unit_words, value_end = _noun_after(text, q, hi, lang)
            if q.kind == "count" and not q.scale and not unit_words and not _range_partner(text, q, quantities, k):
                if not (QUANTITY_VERB_BEFORE.search(text[max(lo, q.span.start - 30):q.span.start])
                        or _verb_after(text, value_end, hi)
                        or (FROM_BEFORE.search(text[max(lo, q.span.start - 10):q.span.start])
                            and TO_AFTER.match(text, value_end, hi))):
                    continue
            unit = _unit(q, unit_words, text, quantities, k)
            subject = _subject(text, q, lo, unit_words) or previous_subject
            previous_subject = subject
            key = (round(q.number, 6), unit.lower())
            if key in seen:
                continue
            seen.add(key)
            value_span = Span(q.span.start, value_end, text[q.span.start:value_end])
            out.append(Statistic(
                span=sentence, method=f"rule:{q.kind}", value=value_span.quote, number=q.number, unit=unit,
                subject=subject, period=_period(text, q, lo, hi, years),
            ))
    return out


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in spans)


class _SpanIndex:
    """`_overlaps` over many spans (all the blocked ones of the text) by binary search: a scan of them
    for every number of every sentence made a text full of dates quadratic."""

    def __init__(self, spans: list[Span]):
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.longest = max((s.end - s.start for s in spans), default=0)

    def overlaps(self, span: Span) -> bool:
        # a span overlapping `span` starts before span.end and after span.start - its length
        i = bisect.bisect_right(self.starts, span.start - self.longest)
        j = bisect.bisect_left(self.starts, span.end)
        return any(s.end > span.start for s in self.spans[i:j])


def _is_figure(text: str, q: Quantity, lo: int, quantities: list[Quantity], k: int) -> bool:
    token = q.token.quote
    a, b = q.token.start, q.token.end
    if not token[0].isdigit():
        return True  # a word multiplier ("twice", "gấp đôi")
    before = text[max(lo, a - 25):a]
    after = text[b:b + 20]
    if q.kind == "count" and not q.scale and _YEAR.fullmatch(token):
        return False  # a year
    if q.kind in ("count", "money") and re.fullmatch(r"\d\.0", token) and not q.scale:
        return False  # a version: "Industri 4.0", "Web 2.0"
    if a > 0 and (text[a - 1].isalpha() or text[a - 1] in "_") and not q.currency:
        return False  # glued to letters: "G20", "QH15", "iklan_2"
    if NOT_A_FIGURE_BEFORE.search(before) and q.span.start == a:
        return False
    if ACT_NAME_BEFORE.search(before):
        return False
    if q.kind == "count" and not q.scale and AFTER_NOT_A_FIGURE.match(after):
        return False
    if AGE_BEFORE.search(before):
        return False
    if q.kind == "count" and re.match(r"[.)]\s", after) and re.search(r"(?:^|\n)\s*\(?$", text[max(0, a - 3):a]):
        return False  # a list marker: "1. ", "(2) "
    if re.match(r"^\)", after) and re.search(r"\(\s*$", before) and q.kind == "count":
        return False  # "(0)", "(2)"
    if re.match(r"^/\d", after) and q.kind == "count":
        m = re.match(r"^/(\d+)", after)
        if m and int(m.group(1)) < q.number:
            return False  # not a ratio "63/63": a date-like or a code
    if re.match(r"^[-–]\d", after) and not RANGE_TO_PERCENT.match(after):
        return False  # "2021-2030", "0912-345"; but "10-15%" is a range of two figures
    if re.search(r"\d[/-]$", before) and q.kind == "count":
        return False  # second part of "63/63" or "10-15" (the first part carries the figure)
    return True


def _range_partner(text: str, q: Quantity, quantities: list[Quantity], k: int) -> bool:
    """"10-15%" / "10 đến 15%": the first number shares the unit of the second."""
    if k + 1 >= len(quantities):
        return False
    nxt = quantities[k + 1]
    gap = text[q.span.end:nxt.span.start]
    return nxt.kind != "count" and bool(re.fullmatch(r"\s*(?:[-–]|to|đến|hingga|sampai)\s*", gap))


def _noun_after(text: str, q: Quantity, hi: int, lang: str) -> tuple[list[str], int]:
    """The noun right after the number (what a count counts, what a percentage is a share of:
    kept in the value as written) and where the value ends."""
    pos = q.span.end
    ratio = OUT_OF.match(text, pos, hi)
    if ratio:
        pos = ratio.end()  # "63/63 tỉnh", "68 dari 70 delegasi": what the second number counts
    if q.kind == "percent":
        words, end = _words_after(text, pos, hi, 3)
        return words, end if words else q.span.end
    if q.kind != "count":
        return [], q.span.end
    glued = GLUED_UNIT.match(text, pos, hi)
    if glued and pos == q.span.end:
        return [glued["u"]], glued.end()
    return _words_after(text, pos, hi, 6 if lang == "vi" else 4)  # Vietnamese words are one syllable each


def _words_after(text: str, pos: int, hi: int, limit: int) -> tuple[list[str], int]:
    words: list[str] = []
    end = pos
    while len(words) < limit:
        m = _WORD_AFTER.match(text, end, hi)
        if not m:
            break
        w = m.group(1)
        low = w.lower()
        if low in CONTINUATION and words:
            nxt = _WORD_AFTER.match(text, m.end(), hi)
            if nxt and nxt.group(1).lower() not in FUNCTION_WORDS and not nxt.group(1)[0].isdigit():
                words.append(w)
                end = m.end()
                continue
            break
        nxt = _WORD_AFTER.match(text, m.end(), hi) if not words else None
        if nxt and f"{low} {nxt.group(1).lower()}" in UNITS:
            words += [w, nxt.group(1)]  # a counted noun that starts like a function word: "bị can", "bị cáo"
            end = nxt.end()
            continue
        if low in FUNCTION_WORDS or _looks_like_verb(low):
            break
        words.append(w)
        end = m.end()
    return words, end


def _verb_after(text: str, pos: int, hi: int) -> bool:
    """A verb right after a bare number makes it the subject: "of which about 160,000 involved ..."."""
    m = _WORD_AFTER.match(text, pos, hi)
    return m is not None and _looks_like_verb(m.group(1).lower())


def _looks_like_verb(word: str) -> bool:
    """English past tenses and gerunds, Indonesian verbs by their prefixes: not part of a counted noun."""
    if word in UNITS:
        return False
    if re.fullmatch(r"[a-z]{2,}(?:ed|ing)", word) and word not in ("need", "building", "housing", "meeting", "seed"):
        return True
    return bool(re.fullmatch(r"(?:meng?|mem|men|meny|di|ber|ter)[a-z]{3,}", word)) and word not in ID_NOUNS


ID_NOUNS = {"desa", "distrik", "dinas", "direktur", "dirjen", "diplomat", "dokter", "terminal", "teritori", "menteri",
            "meter", "medis", "mesin", "media", "bermuda"}


def _unit(q: Quantity, words: list[str], text: str, quantities, k) -> str:
    if q.kind == "percent":
        return "percent"
    if q.kind == "points":
        return "percentage points"
    if q.kind == "times":
        return "times"
    if q.kind == "money":
        return q.currency or "money"
    if not words:
        if _range_partner(text, q, quantities, k):
            return _unit(quantities[k + 1], [], text, quantities, k + 1)
        return ""
    phrase = " ".join(words)
    low = phrase.lower()
    for key in _UNIT_KEYS:
        if low.startswith(key):
            return UNITS[key]
    return phrase


def _clause_start(text: str, lo: int, pos: int) -> int:
    start = max(lo, pos - CLAUSE_WINDOW)
    for m in CLAUSE_BREAK.finditer(text, start, pos):
        start = m.end()
    return start


_EDGE_WORDS = FUNCTION_WORDS | {"atau", "namun", "but", "nhưng", "còn", "tetapi"}
_FIGURE_IN_SUBJECT = re.compile(
    r"(?:lebih dari\s+|hơn\s+|more than\s+)?(?:US\$|\$|VND\s?|Rp\s?)?\d+(?:[.,]\d+)*(?!\d)(?!\s*(?:-|–))")


def _trim(subject: str) -> str:
    subject = SUBJECT_TRIM_END.sub("", subject).strip(" ,;:-")
    words = subject.split()
    while words and words[0].lower() in _EDGE_WORDS:
        words.pop(0)
    while words and words[-1].lower() in _EDGE_WORDS:
        words.pop()
    return " ".join(words)


def _cut_at_figure(part: str) -> str:
    """The words before another figure in the same stretch ("jumlah total ... mencapai 898 prosedur")."""
    for m in _FIGURE_IN_SUBJECT.finditer(part):
        token = re.sub(r"^\D+", "", m.group())
        if not _YEAR.fullmatch(token):
            return part[:m.start()]
    return part


def _subject(text: str, q: Quantity, lo: int, unit_words: list[str]) -> str:
    """What the figure is about: the stretch of its clause before it, else the words after it."""
    start = _clause_start(text, lo, q.span.start)
    before = SUBJECT_TRIM_START.sub("", text[start:q.span.start].strip())
    parts = [p for p in (_trim(_cut_at_figure(p)) for p in re.split(r",\s", before)) if p]
    subject = parts[-1] if parts else ""
    if len(subject.split()) <= 2 and len(parts) > 1:
        subject = f"{parts[-2]}: {subject}"
    if not subject and unit_words:
        tail = text[q.span.end:q.span.end + 200]
        cut = CLAUSE_BREAK.search(tail)
        tail = _cut_at_figure(tail[:cut.start()] if cut else tail)
        subject = _trim(" ".join(tail.replace(", ", " ").split()[:MAX_SUBJECT_WORDS]))
    return " ".join(subject.split()[-MAX_SUBJECT_WORDS:])


def _year_mentions(text: str, lo: int, hi: int, found_dates) -> list[tuple[int, str]]:
    """The years a sentence speaks of as the time of its figures (not those it compares them with)."""
    candidates = []
    for m in PERIOD_YEAR.finditer(text, lo, hi):
        if not COMPARISON_BEFORE.search(text[max(lo, m.start() - 40):m.start("y")]):
            candidates.append((m.start("y"), m.group("y")))
    for span, year, _month, _day in found_dates:
        if year and not COMPARISON_BEFORE.search(text[max(lo, span.start - 40):span.start]):
            candidates.append((span.start, str(year)))
    return candidates


def _period(text: str, q: Quantity, lo: int, hi: int, candidates: list[tuple[int, str]]) -> str | None:
    """The year the figure belongs to: the nearest such year in its clause, else in its sentence."""
    if not candidates:
        return None
    clause_lo = _clause_start(text, lo, q.span.start)
    nxt = CLAUSE_BREAK.search(text, q.span.end, min(hi, q.span.end + CLAUSE_WINDOW))
    clause_hi = nxt.start() if nxt else hi
    in_clause = [c for c in candidates if clause_lo <= c[0] < clause_hi]
    pool = in_clause or candidates
    return min(pool, key=lambda c: abs(c[0] - q.span.start))[1]
