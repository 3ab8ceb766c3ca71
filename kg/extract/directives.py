"""Directives: numbered legal and Party acts by their symbol, and named programmes, plans and
resolutions without one.

A Vietnamese act symbol says what the act is and who issued it: `18-NQ/TW` (Party form: number,
type, issuer), `1417/QĐ-TTg` and `303/2025/NĐ-CP` (State form: number, [year,] type-issuer),
`80/2015/QH13` (a law or resolution of the 13th National Assembly). The symbol is the act's
identifier (`local_id`), normalised: ASCII spellings of the type are written with Đ (QD -> QĐ).

A named act without a symbol needs a head word (Program/Chương trình/Programme, Rencana/Kế hoạch/
Plan, Strategi/Chiến lược/Strategy, Resolusi/Nghị quyết/Resolution, ...) and either a period
("... periode 2021-2030", "... giai đoạn 2021-2025", "... for 2021-2030") or a capitalised name
("Resolusi Kongres Partai Nasional ke-13", "the National Target Programme on New Rural
Development"). "the plan", "rencana penyederhanaan" are not directives. Its English title comes
from a small phrase table (`PHRASES`); a name with words outside the table gets no English title.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.extract.dates import scan_dates
from kg.extract.model import Directive, PartialDate, Sentence, Span
from kg.extract.places import fold_key
from kg.reference import Reference

TYPE_CODES: dict[str, str] = {
    "NQ": "resolution", "NQLT": "resolution", "QĐ": "decision", "CT": "directive", "NĐ": "decree",
    "QĐNS": "decision", "QĐi": "decision", "KL": "conclusion", "TB": "notice", "KH": "plan", "TT": "other",
    "TTLT": "other", "HĐ": "other",
    "QC": "other", "QyĐ": "other", "ĐA": "other", "BC": "other", "CĐ": "other", "TTr": "other",
    "PL": "other", "CV": "other",
}
ASCII_CODES = {"QD": "QĐ", "QDNS": "QĐNS", "ND": "NĐ", "HD": "HĐ", "QyD": "QyĐ", "DA": "ĐA", "CD": "CĐ"}
ISSUER_CODES: dict[str, str] = {
    "TW": "Central Committee of the Communist Party of Vietnam",
    "TTg": "Prime Minister of Vietnam",
    "CP": "Government of Vietnam",
    "VPCP": "Government Office",
    "BNV": "Ministry of Home Affairs",
    "BTC": "Ministry of Finance",
    "BCT": "Ministry of Industry and Trade",
    "BKHĐT": "Ministry of Planning and Investment",
    "BTP": "Ministry of Justice",
    "BYT": "Ministry of Health",
    "BGDĐT": "Ministry of Education and Training",
    "BCA": "Ministry of Public Security",
    "BQP": "Ministry of National Defence",
    "BNG": "Ministry of Foreign Affairs",
    "BTTTT": "Ministry of Information and Communications",
    "BTNMT": "Ministry of Natural Resources and Environment",
    "BNNPTNT": "Ministry of Agriculture and Rural Development",
    "BNNMT": "Ministry of Agriculture and Environment",
    "BXD": "Ministry of Construction",
    "BGTVT": "Ministry of Transport",
    "BLĐTBXH": "Ministry of Labour, Invalids and Social Affairs",
    "BVHTTDL": "Ministry of Culture, Sports and Tourism",
    "BKHCN": "Ministry of Science and Technology",
    "NHNN": "State Bank of Vietnam",
    "TANDTC": "Supreme People's Court",
    "VKSNDTC": "Supreme People's Procuracy",
    "KTNN": "State Audit Office of Vietnam",
    "UBTVQH": "Standing Committee of the National Assembly",
    "QH": "National Assembly of Vietnam",
}
# issuers of local acts, by the template of the body: the article's province says which one
LOCAL_ISSUERS: dict[str, str] = {
    "UBND": "provincial-peoples-committee", "HĐND": "provincial-peoples-council", "TU": "provincial-party-committee",
    "BTVTU": "provincial-party-standing-board", "UBMTTQ": "provincial-fatherland-front",
}
ASCII_ISSUERS = {"BKHDT": "BKHĐT", "BGDDT": "BGDĐT", "BLDTBXH": "BLĐTBXH", "HDND": "HĐND", "BCD": "BCĐ"}

_CODE = "|".join(sorted(set(TYPE_CODES) | set(ASCII_CODES), key=len, reverse=True))
_ISSUER = r"[A-ZĐ][A-Za-zĐđ]{0,11}\d{0,2}(?:-[A-ZĐ][A-Za-zĐđ]{0,11}\d{0,2}){0,2}"
SYMBOL = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}}[a-z]?)(?:/(?P<year>(?:19|20)\d\d))?"
    rf"(?:-(?P<t1>{_CODE})/(?P<i1>{_ISSUER})"
    rf"|/(?P<t2>{_CODE})-(?P<i2>{_ISSUER})"
    rf"|/(?P<qh>(?:UBTV)?QH\d{{1,2}}))"
    r"(?![\w/-])")

# Words that name the kind of act, by language: (pattern, type).
HEADS: list[tuple[str, str]] = [
    # vi
    ("Nghị quyết liên tịch", "resolution"), ("Nghị quyết", "resolution"), ("Quyết định", "decision"),
    ("Chỉ thị", "directive"), ("Nghị định", "decree"), ("Kết luận", "conclusion"), ("Thông báo", "notice"),
    ("Kế hoạch", "plan"), ("Thông tư", "other"), ("Luật", "law"), ("Công văn", "other"), ("Quy định", "other"),
    ("Hướng dẫn", "other"), ("Đề án", "other"), ("Công điện", "other"), ("Chương trình", "programme"),
    ("Chiến lược", "other"), ("Quy hoạch", "plan"), ("Pháp lệnh", "other"),
    # id
    ("Resolusi", "resolution"), ("Keputusan", "decision"), ("Instruksi", "directive"), ("Arahan", "directive"),
    ("Direktif", "directive"), ("Dekrit", "decree"), ("Peraturan Pemerintah", "decree"), ("Kesimpulan", "conclusion"),
    ("Pengumuman", "notice"), ("Pemberitahuan", "notice"), ("Rencana Induk", "plan"), ("Rencana Aksi", "plan"),
    ("Rencana", "plan"), ("Surat Edaran", "other"), ("Edaran", "other"), ("Undang-Undang", "law"),
    ("Undang-undang", "law"), ("Hukum", "law"), ("Peraturan", "other"), ("Program", "programme"),
    ("Strategi", "other"), ("Proyek", "other"), ("Skema", "other"), ("Surat Resmi", "other"),
    # en
    ("Resolution", "resolution"), ("Decision", "decision"), ("Directive", "directive"), ("Decree", "decree"),
    ("Conclusion", "conclusion"), ("Notice", "notice"), ("Plan", "plan"), ("Circular", "other"), ("Law", "law"),
    ("Official Letter", "other"), ("Official Dispatch", "other"), ("Dispatch", "other"), ("Regulation", "other"),
    ("Instruction", "directive"), ("Programme", "programme"), ("Program", "programme"), ("Strategy", "other"),
    ("Project", "other"), ("Scheme", "other"), ("Master Plan", "plan"), ("Action Plan", "plan"),
]
_HEAD = "|".join(re.escape(h) for h, _ in sorted(HEADS, key=lambda x: len(x[0]), reverse=True))
HEAD_TYPES = {h.lower(): t for h, t in HEADS}
_NUMBER_WORD = r"(?:No\.?|Nomor|Nomer|No\s*:|số|Số|Number|Nr\.?|#)"
HEAD_BEFORE = re.compile(rf"(?<![^\W\d_])(?P<head>{_HEAD})(?:\s+{_NUMBER_WORD})?\s*$", re.I)

_YEAR = r"(?:19|20)\d\d"
PERIOD = re.compile(
    rf"\s*(?:\(|,)?\s*(?:(?:untuk|for|in|of)\s+(?:the\s+)?)?"
    rf"(?:periode|period|tahun|masa|giai đoạn|thời kỳ|for|in|of)?\s*"
    rf"(?P<a>{_YEAR})\s*[-–—]\s*(?P<b>{_YEAR})(?!\d)\)?", re.I)
# a name word: any word, hyphenated or not, or an ordinal like "ke-13" / "13th"
_NAME_WORD = re.compile(r"\s+(?P<w>[^\W\d_][\w'’-]*|ke-\d+|\d+(?:st|nd|rd|th))(?=[\s,.;:()]|$)")
MAX_NAME_WORDS = 16
CONNECTORS_LOWER = {"untuk", "tentang", "mengenai", "bagi", "dan", "on", "for", "of", "the", "and", "to", "in", "a",
                    "an", "về", "của", "và", "trong"}
# Kinds of act that have names of their own; decisions, decrees, directives, notices and conclusions are
# known by their number, so "Keputusan Perdana Menteri" (a decision of the PM) is no act's name.
NAMED_KINDS = {"programme", "plan", "law", "other"}
# Vietnamese heads that take a name in sentence case ("Luật Ngân sách nhà nước").
VI_NAMED_HEADS = {"luật", "bộ luật", "chương trình", "kế hoạch", "chiến lược", "đề án"}
BODY_WORDS = {"ủy", "ban", "bộ", "sở", "chính", "ubnd", "hđnd", "tỉnh", "thành", "huyện", "đảng", "quốc", "nhà",
              "komite", "dewan", "kementerian", "pemerintah", "perdana", "partai", "politbiro", "majelis",
              "government", "ministry", "committee", "council", "party", "politburo", "prime", "national"}
STOP_WORDS = {"yang", "dengan", "di", "pada", "telah", "akan", "agar", "serta", "sesuai", "that", "which", "with",
              "is", "was", "are", "has", "have", "by", "at", "để", "nhằm", "theo", "tại", "đã", "sẽ", "được", "với",
              "là", "cho", "như"}

CONGRESS = re.compile(
    r"(?:Resolusi|Resolution|Nghị quyết)\s+"
    r"(?:(?:of\s+the\s+)?(?P<en>\d{1,2})(?:st|nd|rd|th)\s+(?:National\s+|Provincial\s+|City\s+)?(?:Party\s+)?"
    r"Congress"
    r"(?:\s+of\s+the\s+(?:Communist\s+)?Party(?:\s+of\s+Viet\s?nam)?)?"
    r"|Kongres\s+(?:Partai\s+)?(?:Nasional\s+|Provinsi\s+|Kota\s+)?(?:Partai\s+)?ke-?\s?(?P<id>\d{1,2}|[IVXL]+)"
    r"(?:\s+Partai)?"
    r"|Đại\s+hội\s+(?:đại\s+biểu\s+toàn\s+quốc\s+lần\s+thứ\s+|Đảng\s+toàn\s+quốc\s+lần\s+thứ\s+|"
    r"Đảng\s+lần\s+thứ\s+|lần\s+thứ\s+|Đảng\s+)?(?P<vi>[IVXL]+|\d{1,2})(?:\s+của\s+Đảng)?)"
    r"(?![\w])", re.I)

# Common parts of named acts, folded, to English. ("pre" parts go before the head word in English.)
PHRASES: dict[str, tuple[str, str]] = {
    # id
    "magister": ("pre", "Master"), "induk": ("pre", "Master"), "target nasional": ("pre", "National Target"),
    "sasaran nasional": ("pre", "National Target"), "aksi": ("pre", "Action"),
    "reformasi administrasi negara": ("on", "State Administrative Reform"),
    "reformasi administrasi publik": ("on", "Public Administration Reform"),
    "reformasi administrasi": ("on", "Public Administration Reform"),
    "reformasi administratif": ("on", "Public Administration Reform"),
    "transformasi digital nasional": ("on", "National Digital Transformation"),
    "transformasi digital": ("on", "Digital Transformation"),
    "pembangunan pedesaan baru": ("on", "New Rural Development"),
    "pembangunan daerah pedesaan baru": ("on", "New Rural Development"),
    "pengurangan kemiskinan berkelanjutan": ("on", "Sustainable Poverty Reduction"),
    "pembangunan sosial ekonomi": ("on", "Socio-economic Development"),
    "pemerintahan digital": ("on", "Digital Government"), "pemerintahan elektronik": ("on", "E-Government"),
    "reformasi peradilan": ("on", "Judicial Reform"),
    # vi
    "tong the": ("pre", "Master"), "muc tieu quoc gia": ("pre", "National Target"), "hanh dong": ("pre", "Action"),
    "cai cach hanh chinh nha nuoc": ("on", "State Administrative Reform"),
    "cai cach hanh chinh": ("on", "Public Administration Reform"),
    "chuyen doi so quoc gia": ("on", "National Digital Transformation"),
    "chuyen doi so": ("on", "Digital Transformation"),
    "xay dung nong thon moi": ("on", "New Rural Development"), "nong thon moi": ("on", "New Rural Development"),
    "giam ngheo ben vung": ("on", "Sustainable Poverty Reduction"),
    "phat trien kinh te xa hoi": ("on", "Socio-economic Development"),
    "chinh phu dien tu": ("on", "E-Government"), "chinh phu so": ("on", "Digital Government"),
    "cai cach tu phap": ("on", "Judicial Reform"),
    # subjects of laws
    "ngan sach nha nuoc": ("on", "the State Budget"), "anggaran negara": ("on", "the State Budget"),
    "anggaran pendapatan dan belanja negara": ("on", "the State Budget"),
    "dat dai": ("on", "Land"), "pertanahan": ("on", "Land"),
    "dau tu cong": ("on", "Public Investment"), "investasi publik": ("on", "Public Investment"),
    "tro giup phap ly": ("on", "Legal Aid"), "bantuan hukum": ("on", "Legal Aid"),
    "to chuc chinh quyen dia phuong": ("on", "Organisation of Local Government"),
    "organisasi pemerintahan daerah": ("on", "Organisation of Local Government"),
    "to chuc chinh phu": ("on", "Organisation of the Government"),
    "can bo cong chuc": ("on", "Cadres and Civil Servants"),
    "doanh nghiep": ("on", "Enterprises"), "dau tu": ("on", "Investment"),
    "phong chong tham nhung": ("on", "Anti-Corruption"), "phong chong tham nhung tieu cuc": ("on", "Anti-Corruption"),
    "pencegahan dan pemberantasan korupsi": ("on", "Anti-Corruption"),
    "anti korupsi": ("on", "Anti-Corruption"),
    "khoa hoc cong nghe va doi moi sang tao": ("on", "Science, Technology and Innovation"),
    "khoa hoc va cong nghe": ("on", "Science and Technology"),
    "sains teknologi dan inovasi": ("on", "Science, Technology and Innovation"),
    "bao ve moi truong": ("on", "Environmental Protection"),
    "perlindungan lingkungan": ("on", "Environmental Protection"),
    "nha o": ("on", "Housing"), "perumahan": ("on", "Housing"),
    "kinh doanh bat dong san": ("on", "Real Estate Business"),
    "quy hoach": ("on", "Planning"), "dau thau": ("on", "Bidding"),
    "doanh nghiep nha nuoc": ("on", "State Enterprises"),
    "giam ngheo": ("on", "Poverty Reduction"), "phat trien vung dan toc thieu so va mien nui": (
        "on", "Socio-economic Development in Ethnic Minority and Mountainous Areas"),
}
HEAD_EN = {"programme": "Programme", "plan": "Plan", "resolution": "Resolution", "other": "", "decision": "Decision",
           "directive": "Directive", "decree": "Decree", "law": "Law", "conclusion": "Conclusion", "notice": "Notice"}
HEAD_EN_BY_WORD = {"chiến lược": "Strategy", "strategi": "Strategy", "strategy": "Strategy", "đề án": "Project",
                   "proyek": "Project", "project": "Project", "skema": "Scheme", "scheme": "Scheme",
                   "quy hoạch": "Master Plan", "rencana induk": "Master Plan", "master plan": "Master Plan",
                   "rencana aksi": "Action Plan", "action plan": "Action Plan"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(numeral: str) -> int | None:
    total, prev = 0, 0
    for c in reversed(numeral.upper()):
        v = _ROMAN.get(c)
        if v is None:
            return None
        total += -v if v < prev else v
        prev = max(prev, v)
    return total or None


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class _Hit:
    start: int
    end: int
    directive: Directive
    key: str


def find_directives(text: str, sentences: list[Sentence], ref: Reference, lang: str,
                    area: str | None = None) -> list[Directive]:
    """One Directive per distinct act named in the sentences (the whole text when there are none); `area`
    is the areas.csv id of the province the article is about (the issuer of its "UBND", "TU" acts)."""
    ranges = [(s.span.start, s.span.end) for s in sentences] or [(0, len(text))]
    hits: list[_Hit] = []
    for lo, hi in ranges:
        sentence = Span(lo, hi, text[lo:hi])
        taken: list[tuple[int, int]] = []  # sorted, non-overlapping
        for finder in (_symbols, _congress, _numbered_project, _about, _named):
            for hit in finder(text, lo, hi, sentence, ref, lang, area):
                k = bisect.bisect_left(taken, (hit.start, hit.end))
                if (k > 0 and taken[k - 1][1] > hit.start) or (k < len(taken) and taken[k][0] < hit.end):
                    continue
                taken.insert(k, (hit.start, hit.end))
                hits.append(hit)
    hits.sort(key=lambda h: h.start)
    out: dict[str, Directive] = {}
    for h in hits:
        existing = out.get(h.key)
        if existing is None:
            out[h.key] = h.directive
        elif existing.date is None or (h.directive.date and existing.date.day is None and h.directive.date.day):
            existing.date = h.directive.date or existing.date
    return list(out.values())


def _issuer(code: str | None, ref: Reference, area: str | None = None) -> str | None:
    """The body a symbol's issuer code names; a local code ("UBND", "TU") names the body of `area`,
    the province the article is about, and nothing when that is not known."""
    if not code:
        return None
    if code in LOCAL_ISSUERS:
        body = ref.bodies.get(f"{LOCAL_ISSUERS[code]}--{area}") if area else None
        return body.en if body else None
    base = re.sub(r"\d+$", "", code)
    for body in ref.bodies.values():
        if body.template:
            continue
        if code in body.acronyms or base in body.acronyms:
            return body.en
    return ISSUER_CODES.get(code) or ISSUER_CODES.get(base)


def _symbols(text, lo, hi, sentence, ref, lang, area=None):
    for m in SYMBOL.finditer(text, lo, hi):
        year = m["year"]
        if m["qh"]:
            qh = m["qh"]
            local_id = f"{m['num']}/{year}/{qh}" if year else f"{m['num']}/{qh}"
            issuer_code, code = qh, None
        else:
            code = m["t1"] or m["t2"]
            code = ASCII_CODES.get(code, code)
            issuer_code = m["i1"] or m["i2"]
            issuer_code = "-".join(ASCII_ISSUERS.get(p, p) for p in issuer_code.split("-"))
            y = f"/{year}" if year else ""
            local_id = f"{m['num']}{y}-{code}/{issuer_code}" if m["t1"] else f"{m['num']}{y}/{code}-{issuer_code}"
        start = m.start()
        head = HEAD_BEFORE.search(text[max(lo, start - 45):start])
        head_type = None
        if head:
            start -= len(text[max(lo, start - 45):start]) - head.start()
            head_type = HEAD_TYPES.get(re.sub(r"\s+", " ", head["head"]).lower())
        if code:
            kind = TYPE_CODES.get(code, "other")
        else:
            kind = head_type if head_type in ("law", "resolution") else "law" if head_type is None else "other"
        issuer = _issuer(issuer_code.split("-")[0], ref, area)
        date = _date_after(text, m.end(), hi) or (PartialDate(int(year)) if year else None)
        d = Directive(span=sentence, method="rule:symbol", name_or_number=text[start:m.end()], local_id=local_id,
                      type=kind, issuer=issuer, date=date)
        yield _Hit(start, m.end(), d, "id:" + fold_key(local_id))


DATE_CUE = re.compile(r"^\s*,?\s*(?:ngày|dated|tanggal|tertanggal|of|on|issued on|diterbitkan pada|ban hành ngày)\s*$",
                      re.I)


def _date_after(text: str, pos: int, hi: int) -> PartialDate | None:
    for span, year, month, day in scan_dates(text, pos, min(hi, pos + 60)):
        if DATE_CUE.match(text[pos:span.start]) and year and month:
            return PartialDate(year, month, day)
        break
    return None


def _congress(text, lo, hi, sentence, ref, lang, area=None):
    for m in CONGRESS.finditer(text, lo, hi):
        raw = m["en"] or m["id"] or m["vi"]
        n = int(raw) if raw.isdigit() else roman(raw)
        if not n:
            continue
        nth = ordinal_en(n)
        if _local_congress(m.group(), text[m.end():m.end() + 30], n):
            # "Nghị quyết Đại hội XIX Đảng bộ tỉnh": a provincial (or city) Party congress, not the national one
            d = Directive(span=sentence, method="rule:congress", name_or_number=m.group(),
                          normalized=f"Resolution of the {nth} Provincial Party Congress", type="resolution")
            yield _Hit(m.start(), m.end(), d, f"local-congress:{n}")
            continue
        d = Directive(span=sentence, method="rule:congress", name_or_number=m.group(),
                      normalized=f"Resolution of the {nth} National Party Congress", type="resolution",
                      issuer=f"{nth} National Congress of the Communist Party of Vietnam")
        yield _Hit(m.start(), m.end(), d, f"congress:{n}")


LOCAL_CONGRESS_AFTER = re.compile(r"^\s*(?:Đảng\s+bộ|of\s+the\s+(?:provincial|city)|(?:Komite\s+)?Partai\s+"
                                  r"(?:Provinsi|Kota))", re.I)
NATIONAL_MARK = re.compile(r"National|Nasional|toàn\s+quốc|của\s+Đảng|Communist", re.I)


def _local_congress(written: str, after: str, n: int) -> bool:
    """A congress of a provincial Party organisation: said so, or numbered beyond the national ones."""
    if re.search(r"Provincial|City\s+Party|Provinsi|Kota", written) or LOCAL_CONGRESS_AFTER.match(after):
        return True
    return not NATIONAL_MARK.search(written) and n > 14


_HEAD_AT = re.compile(rf"(?<![^\W\d_])(?P<head>{_HEAD})(?![^\W\d_])", re.I)


def _named(text, lo, hi, sentence, ref, lang, area=None):
    for m in _HEAD_AT.finditer(text, lo, hi):
        head = m["head"]
        capital_head = head[0].isupper()
        words: list[re.Match] = []
        pos = m.end()
        period = None
        while len(words) < MAX_NAME_WORDS:
            p = PERIOD.match(text, pos, hi)
            if p and words:
                period = p
                break
            w = _NAME_WORD.match(text, pos, hi)
            if not w or w["w"].lower() in STOP_WORDS:
                break
            if words and w["w"][0].isupper() and _HEAD_AT.match(text, w.start("w")):
                break  # the next act: "Luật Bảo vệ môi trường và Chương trình ..."
            words.append(w)
            pos = w.end()
        while words and words[-1]["w"].lower() in ("và", "dan", "and", "serta"):
            words.pop()
        if words and re.fullmatch(_NUMBER_WORD, words[0]["w"], re.I):
            continue  # a numbered act: left to the symbol rule
        kind = HEAD_TYPES.get(re.sub(r"\s+", " ", head).lower(), "other")
        if period is None:
            if not capital_head or kind not in NAMED_KINDS or not words:
                continue
            if words[0]["w"].lower() in BODY_WORDS or words[0]["w"].isupper():
                continue  # "Rencana Pemerintah", "Kế hoạch UBND tỉnh": a body's plan, not a named plan
        if period is None and lang == "en":
            if re.search(r"[A-Z][\w-]*\s+(?:for|of|on|and)\s+$", text[max(lo, m.start() - 40):m.start()]):
                continue  # inside another name: "Committee for Law and Justice"
        if period is None and lang == "vi":
            if head.lower() not in VI_NAMED_HEADS:
                continue
            if not words[0]["w"][0].isupper():
                words = _known_name(head, kind, words)  # "Chương trình mục tiêu quốc gia xây dựng nông thôn mới"
                if not words:
                    continue
            else:
                words = _comma_name(text, words[:6], hi)  # "Luật Phòng, chống tham nhũng"
            while len(words) > 1 and fold_key(words[-1]["w"]) in ("nam", "so", "sua doi"):
                words.pop()  # "Luật Đất đai năm 2024": the year is not part of the name
            end = words[-1].end()
        elif period is None:
            # a capitalised name: keep the capitalised run (connectors inside it allowed)
            keep = 0
            for k, w in enumerate(words):
                if w["w"][0].isupper() or w["w"].startswith("ke-") or w["w"][0].isdigit():
                    keep = k + 1
                elif w["w"].lower() not in CONNECTORS_LOWER:
                    break
            words = words[:keep]
            capitals = [w for w in words if w["w"][0].isupper()]
            # "the Law on Land": one capitalised word after "on" names an English act
            on_subject = lang == "en" and len(words) == 2 and words[0]["w"] == "on" and text[m.start()].isupper()
            if len(capitals) < 2 and not on_subject:
                continue
            end = words[-1].end()
        else:
            content = [w for w in words if w["w"].lower() not in CONNECTORS_LOWER
                       and fold_key(w["w"]) not in ("periode", "period", "tahun", "masa", "giai doan", "thoi ky")]
            if not content:
                continue
            end = period.end()
        start = m.start()
        # English puts capitalised modifiers before the head: "the Master Programme", "National Target Program"
        if lang == "en":
            before = re.search(r"(?:(?<=\s)|^)((?:[A-Z][\w-]*\s+){1,3})$", text[max(lo, start - 60):start])
            if before:
                modifiers = before.group(1)
                lead = re.match(r"(?:(?:The|A|An|In|On|At|By|For|Under|To|And|With)\s+)+", modifiers)
                start -= len(modifiers) - (lead.end() if lead else 0)
        span_text = text[start:end].rstrip(" ,;")
        end = start + len(span_text)
        years = (int(period["a"]), int(period["b"])) if period else None
        normalized = _english_title(head, kind, [w["w"] for w in words], years, lang, span_text)
        d = Directive(span=sentence, method="rule:named-act", name_or_number=span_text, normalized=normalized,
                      type=kind, period=years)
        key = "name:" + fold_key(normalized or span_text)
        yield _Hit(start, end, d, key)


def _known_name(head: str, kind: str, words: list[re.Match]) -> list[re.Match]:
    """The longest run of lower-case name words the phrase table translates whole, when it names a subject
    ("mục tiêu quốc gia xây dựng nông thôn mới"); [] when there is none ("Chương trình hành động")."""
    for n in range(len(words), 1, -1):
        folded = [fold_key(w["w"]) for w in words[:n]]
        if _english_title(head, kind, [w["w"] for w in words[:n]], None, "vi", "") is None:
            continue
        if any(PHRASES.get(" ".join(folded[i:j]), ("", ""))[0] == "on"
               for i in range(n) for j in range(i + 1, n + 1)):
            return words[:n]
    return []


# a Vietnamese name that goes on after a comma in lower case: "Luật Phòng, chống tham nhũng",
# "Luật Khoa học, công nghệ và đổi mới sáng tạo"
_COMMA_MORE = re.compile(r",\s+(?P<w>[a-zà-ỹđ][\w]*)(?=[\s,.;:()]|$)")


def _comma_name(text: str, words: list[re.Match], hi: int) -> list[re.Match]:
    if len(words) > 2:
        return words
    out = list(words)
    pos = words[-1].end()
    c = _COMMA_MORE.match(text, pos, hi)
    if c is None or c["w"].lower() in STOP_WORDS or c["w"].lower() in ("đồng", "trong", "nhất", "nhằm", "và"):
        return words
    out.append(c)
    pos = c.end()
    while len(out) < 10:
        w = _NAME_WORD.match(text, pos, hi)
        if not w or w["w"].lower() in STOP_WORDS or w["w"][0].isupper():
            break
        out.append(w)
        pos = w.end()
    return out


# an act named by its subject: "Nghị quyết về kế hoạch đầu tư công năm 2026", "Resolusi tentang kebijakan
# dukungan tambahan bagi kader, pegawai negeri sipil dan pekerja ...", "the Resolution on adjusting ..."
ABOUT_AFTER = re.compile(r"\s+(?:về|tentang|mengenai|on)\s+(?=[^\W\d_])", re.I)
ABOUT_KINDS = {"resolution", "plan", "programme", "law"}
# where such a name ends: a clause after a comma, the next act, the end of the clause
ABOUT_END = re.compile(
    r"\s*[.;:(]|\s*,\s+(?:(?-i:[A-ZĐ])|di\b|dalam\b|yang\b|untuk\b|sesuai\b|termasuk\b|serta\b|dengan\b|sehingga\b|"
    r"agar\b|which\b|that\b|to\b|in\b|including\b|with\b|and\b|đồng\s+thời|nhằm|theo|trong\s+đó|với|để|và|"
    r"được|đã|sẽ|tạo)|\s+(?:và|dan|serta|and)\s+(?=(?-i:[A-ZĐ]))|\s+(?:nhằm|để|yang\s+(?:telah|akan|di)\w*|which|that|"
    r"was|were|is|are|has|have|had|took|takes|came|comes|will|would|should|must|can|telah|akan|đã|sẽ|"
    r"được\s+(?:thông\s+qua|ban\s+hành))\b", re.I)
MAX_ABOUT_CHARS = 220


def _about(text, lo, hi, sentence, ref, lang, area=None):
    for m in _HEAD_AT.finditer(text, lo, hi):
        head = m["head"]
        kind = HEAD_TYPES.get(re.sub(r"\s+", " ", head).lower(), "other")
        if kind not in ABOUT_KINDS or not head[0].isupper():
            continue
        a = ABOUT_AFTER.match(text, m.end(), hi)
        if a is None or (lang == "en" and text[a.end()].isupper()):
            continue  # English names in capitals ("Law on Legal Aid") are the capitalised-name rule's
        stop = min(hi, a.end() + MAX_ABOUT_CHARS)
        e = ABOUT_END.search(text, a.end(), stop)
        end = e.start() if e else stop
        name = text[m.start():end].rstrip(" ,;")
        if len(name.split()) < 4 or (e is None and stop < hi):
            continue  # too short to name an act, or runs on with no clear end
        end = m.start() + len(name)
        period = PERIOD.search(name)
        years = (int(period["a"]), int(period["b"])) if period and period.end() == len(name) else None
        d = Directive(span=sentence, method="rule:act-by-subject", name_or_number=name,
                      normalized=name if lang == "en" else None, type=kind, period=years)
        yield _Hit(m.start(), end, d, "name:" + fold_key(name))


# a project or programme known by a number: "Đề án 06", "Proyek 06", "Project 06"
NUMBERED_PROJECT = re.compile(r"(?<![^\W\d_])(?P<head>Đề\s+án|Proyek|Project|Skema|Scheme)\s+(?P<n>\d{1,3})(?![\w/.-])")


def _numbered_project(text, lo, hi, sentence, ref, lang, area=None):
    for m in NUMBERED_PROJECT.finditer(text, lo, hi):
        head_en = HEAD_EN_BY_WORD.get(re.sub(r"\s+", " ", m["head"]).lower(), "Project")
        d = Directive(span=sentence, method="rule:numbered-project", name_or_number=m.group(),
                      normalized=f"{head_en} {m['n']}", type="other")
        yield _Hit(m.start(), m.end(), d, "project:" + m["n"])


def _english_title(head: str, kind: str, words: list[str], years, lang: str, as_written: str) -> str | None:
    period = f" {years[0]}-{years[1]}" if years else ""
    if lang == "en":
        title = re.sub(r"^(?:the|a|an)\s+", "", as_written, flags=re.I)
        title = re.sub(r"[\s,(]*(?:for\s+the\s+period|for|in|of|period)?\s*(?:\(\s*)?(?:19|20)\d\d\s*[-–—]\s*"
                       r"(?:19|20)\d\d\)?$", "", title, flags=re.I)
        return title + period
    head_en = HEAD_EN_BY_WORD.get(re.sub(r"\s+", " ", head).lower()) or HEAD_EN.get(kind) or ""
    if not head_en:
        return None
    folded = [fold_key(w) for w in words]
    folded = [f for k, f in enumerate(folded)
              if f not in ("periode", "period", "tahun", "masa", "giai doan", "thoi ky", "untuk", "tentang", "mengenai",
                           "bagi", "cua") and (f != "ve" or k > 0)]  # "về" the preposition, not "bảo vệ"
    pre: list[str] = []
    on: list[str] = []
    i = 0
    while i < len(folded):
        for n in range(min(8, len(folded) - i), 0, -1):
            key = " ".join(folded[i:i + n])
            if key in PHRASES:
                where, english = PHRASES[key]
                (pre if where == "pre" else on).append(english)
                i += n
                break
        else:
            return None  # a word the table does not know: no English title rather than a half-translated one
    title = " ".join([*pre, head_en])
    if on:
        title += " on " + " and ".join(on)
    return title + period
