"""Events: meetings, conferences and appointments an article reports.

An event needs a day-precision date of its own. A sentence starts one when it has

* a meeting word ("pertemuan", "rapat", "sidang", "konferensi", "meeting", "session", "conference",
  "hội nghị", "phiên họp", "buổi làm việc" ...) and a date: "Pada sore hari tanggal 15 Januari, ...
  memimpin pertemuan kesembilan Komite Pengarah";
* or a meeting word with a chairing verb and no date, right after a sentence that gives the
  date ("The NA Standing Committee on March 11 gave opinions on ... Tran Thanh Man presided over the
  meeting");
* or an appointment verb and a date ("on September 5, the Secretariat approved the election of X").

Dates that belong to something else do not count: an act's date ("Quyết định 845/QĐ-UBND ngày
10/4/2024"), an effective date ("kể từ ngày 15/4/2024") and a deadline ("sebelum 1 Mei"). Every
other sentence refers back to an event: to the last event whose meeting word it repeats ("Pada
pertemuan tersebut", "the meeting", "tại hội nghị"), else to the event whose stretch of text it is in
(sentences before the first event belong to it). Two triggers with the same date are one event.

From the sentences of an event: the chair (the person before "memimpin/chaired/presided over/chủ
trì"; "cùng chủ trì"/co-chaired persons are participants), participants (the chair, everyone in a
sentence that says who attended or who was appointed, and whoever speaks or reports in it: the
persons before a speech verb), the organizer (the body named right after the meeting word, before
it as a possessive, or as the subject that holds it), the location (where the article places it:
"in Hanoi", "tại thành phố X", "di ... Provinsi Thanh Hoa", a dateline, the organizer's area), the
online connection points ("jembatan provinsi Thanh Hoa", "điểm cầu", "connection point"), the
ordinal ("kesembilan", "lần thứ 28", "22nd") and the directives discussed.

A meeting that announces and hands over appointment decisions is an appointment.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from kg.extract.dates import find_dates
from kg.extract.directives import SYMBOL, roman
from kg.extract.model import (
    ArticleMeta,
    Directive,
    Event,
    Organization,
    OrgRef,
    PartialDate,
    Person,
    Place,
    Role,
    Sentence,
    Span,
)
from kg.extract.places import fold_key

# meeting words, by the event type they announce
MEETING_NOUNS: dict[str, str] = {
    # id
    "pertemuan": "meeting", "rapat": "meeting", "sidang": "meeting", "sesi kerja": "meeting", "sesi": "meeting",
    "delegasi kerja": "meeting", "kunjungan kerja": "meeting", "bekerja dengan": "meeting",
    "konferensi": "conference", "seminar": "conference", "lokakarya": "conference", "forum": "conference",
    "kongres": "conference",
    # en
    "working session": "meeting", "meeting": "meeting", "session": "meeting", "sitting": "meeting",
    "working delegation": "meeting", "working visit": "meeting", "working trip": "meeting", "worked with": "meeting",
    "conference": "conference", "workshop": "conference", "congress": "conference",
    # a ceremony is an occasion of its own: an appointment when it hands over decisions (see `_new`)
    "signing ceremony": "signing", "ceremony": "other", "upacara penandatanganan": "signing", "upacara": "other",
    "lễ ký kết": "signing", "lễ công bố": "other", "lễ trao quyết định": "other",
    # vi
    "phiên họp": "meeting", "cuộc họp": "meeting", "buổi làm việc": "meeting", "kỳ họp": "meeting",
    "đoàn công tác": "meeting", "làm việc với": "meeting",
    "hội nghị": "conference", "hội thảo": "conference", "diễn đàn": "conference", "đại hội": "conference",
}
_NOUN = "|".join(re.escape(n) for n in sorted(MEETING_NOUNS, key=len, reverse=True))
# a meeting word naming an occasion still to come ("ahead of the National Assembly's ninth session",
# "menjelang sidang", "chuẩn bị cho kỳ họp"): no event of this sentence
FUTURE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:ahead\s+of|prior\s+to|in\s+preparation\s+for|to\s+prepare\s+for|preparations?\s+for|"
    r"preparing\s+for|the\s+upcoming|the\s+next|"
    r"menjelang|jelang|persiapan|mendatang|trước\s+thềm|chuẩn\s+bị\s+cho|chuẩn\s+bị|sắp\s+tới)"
    r"(?:\s+[^\s.;,]+){0,5}\s+$", re.I)
# a meeting told by its verb, not by a noun ("On July 15, Chinh met leaders of commercial banks",
# "the delegation visited the Na Hang hydropower plant", "tiếp xúc cử tri"): the subject is a person
# or a delegation named before the verb
MEET_VERB_RE = re.compile(
    r"(?<![^\W\d_])(?:met(?:\s+with)?|meets(?:\s+with)?|visited|visits|paid\s+a\s+(?:working\s+)?visit|"
    r"held\s+talks|had\s+talks|toured|inspected|surveyed|(?:made|conducted|paid)\s+a\s+(?:field|fact-finding)\s+trip|"
    r"melakukan\s+(?:inspeksi|kunjungan|pemeriksaan|survei)|inspeksi\s+lapangan|memeriksa|khảo\s+sát|"
    # a reception: someone received, not something ("received the Labour Order")
    r"(?:received|receives|welcomed|welcomes|hosted|hosts|menerima|menyambut|tiếp|đón)(?=\s+(?:(?-i:[A-ZĐ])|"
    r"(?:a\s+|the\s+|para\s+)?(?:(?:visiting|high-ranking|outgoing|foreign)\s+)*(?:delegations?\b|ambassadors?\b|"
    r"leaders\b|representatives\b|delegasi|rombongan|duta\s+besar|đoàn\b|đại\s+sứ)))|"
    r"bertemu(?:\s+dengan)?|mengunjungi|meninjau\s+langsung|"
    r"tiếp\s+xúc\s+cử\s+tri|gặp\s+mặt|đến\s+thăm|thăm\s+và\s+làm\s+việc|kiểm\s+tra\s+thực\s+tế)(?![^\W\d_])", re.I)
DELEGATION_SUBJECT = re.compile(r"(?<![^\W\d_])(?:delegation|delegasi|rombongan|đoàn(?:\s+công\s+tác)?)(?![^\W\d_])",
                                re.I)
REPORTED_RE = re.compile(r"(?<![^\W\d_])(?:said|says|stated|noted|that|mengatakan|menyatakan|bahwa|cho\s+biết|rằng)"
                         r"(?![^\W\d_])", re.I)
# a body "led by" someone at an event: that person takes part (a delegation led by someone is chaired by them)
LED_BY_RE = re.compile(r"(?<![^\W\d_])(?<!delegation\s)(?:led|headed)\s+by\s", re.I)
# "đoàn công tác ... do Thứ trưởng X làm trưởng đoàn / dẫn đầu": X leads the delegation
VI_LEAD_RE = re.compile(r"(?<![^\W\d_])do\s+(?P<who>[^.;]{3,140}?)\s+(?:làm\s+trưởng\s+đoàn|dẫn\s+đầu)(?![^\W\d_])",
                        re.I)
# another occasion on the day of the event the story is about ("On the same day, the Inspection Commission
# held ...", "Dịp này, UBND tỉnh tổ chức lễ công bố ...")
SAME_DAY_RE = re.compile(
    r"\s*(?:also\s+)?(?:on\s+the\s+same\s+day|the\s+same\s+day|on\s+(?:this|that|the)\s+occasion|"
    r"pada\s+hari\s+yang\s+sama|di\s+hari\s+yang\s+sama|pada\s+kesempatan\s+(?:ini|tersebut|itu)|"
    r"cùng\s+ngày|(?:nhân\s+)?dịp\s+này)(?![^\W\d_])", re.I)
# an occasion still to come: "akan mengadakan rapat", "will hold a conference", "sẽ tổ chức hội nghị"
FUTURE_VERB_RE = re.compile(
    r"(?<![^\W\d_])(?:akan|will|sẽ|dự\s+kiến|is\s+scheduled\s+to|are\s+scheduled\s+to|is\s+expected\s+to|plans?\s+to|"
    r"rencananya|direncanakan|dijadwalkan)(?:\s+\w+)?\s+(?:mengadakan|menyelenggarakan|menggelar|hold|organi[sz]e|host|"
    r"convene|tổ\s+chức|khai\s+mạc|diadakan|diselenggarakan|digelar|be\s+held|dilaksanakan)(?![^\W\d_])", re.I)
# a day told relative to the event the story is about ("The day before, the delegation visited ...")
RELATIVE_EVENT_DAY = re.compile(
    r"(?<![^\W\d_])(?:(?P<prev>the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier|sehari\s+sebelumnya|"
    r"hari\s+sebelumnya|ngày\s+hôm\s+trước|hôm\s+trước)|"
    r"(?P<next>the\s+next\s+day|the\s+following\s+day|a\s+day\s+later|keesokan\s+harinya|sehari\s+kemudian|"
    r"ngày\s+hôm\s+sau|hôm\s+sau))(?![^\W\d_])", re.I)
# "meeting the targets" is no meeting ("worked with the province" is one)
NOUN_RE = re.compile(rf"(?<![^\W\d_])(?P<n>{_NOUN})(?![^\W\d_])"
                     r"(?!(?<=eeting)\s+(?:the|targets?|demands?|needs|requirements)\b)", re.I)
CHAIR_RE = re.compile(
    r"(?<![^\W\d_])(?P<co>cùng\s+|đồng\s+|co-|bersama\s+|ikut\s+|turut\s+|jointly\s+)?(?P<v>chủ\s+trì|chaired|chairs|chairing|presided\s+over|"
    r"presides\s+over|presiding\s+over|memimpin|mengetuai|memimpin\s+jalannya|"
    r"(?:led|leads|leading|headed|heads)(?=\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}delegation)|"
    r"dẫn\s+đầu(?=\s+đoàn))(?![^\W\d_])", re.I)
PASSIVE_CHAIR_RE = re.compile(
    r"(?<![^\W\d_])(?<!co-)(?:chaired\s+by|(?<=delegation\s)(?:led|headed)\s+by|presided\s+over\s+by|under\s+the\s+chairmanship\s+of|dipimpin\s+oleh|"
    r"diketuai\s+oleh|di\s+bawah\s+pimpinan|dưới\s+sự\s+chủ\s+trì\s+của)"
    r"(?![^\W\d_])", re.I)
ATTEND_RE = re.compile(
    r"(?<![^\W\d_])(?:attend\w*|present\s+(?:at|were|was)|participat\w*|joined\s+by|hadir|menghadiri|dihadiri|"
    r"turut\s+hadir|turut\s+serta|ikut\s+serta|mendampingi|accompan\w+|"
    r"tham\s+dự|dự\s+(?:hội\s+nghị|kỳ\s+họp|phiên\s+họp|cuộc\s+họp|buổi\s+làm\s+việc|hội\s+thảo|đại\s+hội|lễ)|"
    r"cùng\s+dự|dự\s+có|có\s+mặt|cùng\s+đi|tháp\s+tùng|cùng\s+chủ\s+trì|đồng\s+chủ\s+trì|"
    r"co-chaired|ikut\s+memimpin|turut\s+memimpin|joining\s+(?:him|her|them)|receiving\s+the\s+delegation|"
    r"menerima\s+(?:delegasi|rombongan)|menyambut\s+(?:delegasi|rombongan)|(?:tiếp|làm\s+việc)\s+với\s+đoàn\s+có)"
    r"(?![^\W\d_])", re.I)
APPOINT_RE = re.compile(
    r"(?<![^\W\d_])(?:appointed|appointing|re-appointed|named\s+as|assigned\b[^.;]{0,160}?\bto\s+serve\s+as|"
    r"approved\s+the\s+(?:election|appointment)|elected|re-elected|designated|"
    r"bổ\s+nhiệm|phê\s+chuẩn|được\s+bầu|bầu\s+giữ|bầu\s+(?:đồng\s+chí|ông|bà)|trúng\s+cử|chỉ\s+định|điều\s+động|"
    r"giao\s+quyền|diangkat|ditunjuk|dilantik|terpilih\s+(?:kembali\s+)?(?:sebagai|menjadi)|"
    r"dipilih\s+(?:sebagai|menjadi)|memilih(?=[^.;]{0,160}?\bsebagai\b)|"
    r"menyetujui\s+hasil\s+pemilihan|mengangkat|menunjuk|pengangkatan|penunjukan)"
    r"(?![^\W\d_])", re.I)
ANNOUNCE_DECISION_RE = re.compile(
    r"(?:công\s+bố|trao|announc\w*|hand\w*\s+over|present\w*|mengumumkan|menyerahkan|membacakan)"
    r"[^.;]{0,40}?(?:quyết\s+định|decisions?|keputusan)|decisions?\s+(?:was|were)\s+announced", re.I)
SPEECH_RE = re.compile(
    r"(?<![^\W\d_])(?:said|says|stated|noted|stressed|emphasi[sz]ed|underlined|asked|requested|urged|praised|"
    r"proposed|suggested|reported|presented|concluded|announced|affirmed|highlighted|added|called|directed|"
    r"instructed|congratulated|delivered|spoke|explained|told|met|meets|received|receives|visited|visits|welcomed|"
    r"worked\s+with|works\s+with|"
    r"bertemu|menerima|mengunjungi|tiếp|gặp|thăm|làm\s+việc\s+với|"
    r"mengatakan|menyatakan|menyampaikan|melaporkan|meminta|menekankan|menegaskan|mengusulkan|memuji|"
    r"membacakan|menyerahkan|mengumumkan|menginstruksikan|menugaskan|mengarahkan|berbicara|menjelaskan|"
    r"mengakui|menghargai|menutup|"
    r"cho\s+biết|phát\s+biểu|báo\s+cáo|đề\s+nghị|yêu\s+cầu|nhấn\s+mạnh|kết\s+luận|trình\s+bày|công\s+bố|"
    r"chúc\s+mừng|khẳng\s+định|đề\s+xuất|chỉ\s+đạo|giao\s+nhiệm\s+vụ|trao|biểu\s+dương|ghi\s+nhận)(?![^\W\d_])",
    re.I)
# a report or speech told in the passive: the person comes after ("laporan yang disampaikan oleh X",
# "the report presented by X", "báo cáo do đồng chí X trình bày")
PASSIVE_SPEECH_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:disampaikan|dilaporkan|dibacakan|dipaparkan|presented|reported|delivered|read\s+out|given)"
    r"\s+(?:oleh|by)|do)\s", re.I)
PASSIVE_SPEECH_VI_AFTER = re.compile(r"^[^.;]{0,60}?(?:trình\s+bày|báo\s+cáo|phát\s+biểu|công\s+bố|đọc)", re.I)
# an appointment told as background, not as something done at the event
BACKGROUND_RE = re.compile(
    r"(?<![^\W\d_])(?:previously|earlier|formerly|had\s+been|sebelumnya|pernah|trước\s+đó|từng)(?![^\W\d_])", re.I)
YEAR_IN_SENTENCE = re.compile(r"(?<![^\W\d_])(?:tahun|năm|in|since|sejak|từ)\s+(?:19|20)\d\d(?!\d|\s*[-–])", re.I)
ELECT_RE = re.compile(r"(?<![^\W\d_])(?:elect\w*|re-elected|bầu|trúng\s+cử|memilih|terpilih|dipilih)(?![^\W\d_])",
                      re.I)
HOLD_RE = re.compile(
    r"(?<![^\W\d_])(?:held|holds|organi[sz]ed|convened|hosted|opened|mengadakan|menyelenggarakan|membuka|"
    r"diadakan|diselenggarakan|digelar|tổ\s+chức|khai\s+mạc|triệu\s+tập)(?![^\W\d_])", re.I)
# dates that are not an event's: an effective date, a deadline (an act's date is found by its symbol)
NOT_EVENT_DATE_BEFORE = re.compile(
    r"(?:kể\s+từ(?:\s+ngày)?|có\s+hiệu\s+lực(?:\s+từ)?(?:\s+ngày)?|effective\s+(?:from|on|as\s+of)|with\s+effect\s+from|"
    r"berlaku\s+(?:sejak|mulai)(?:\s+tanggal)?|sebelum(?:\s+tanggal)?|before|by|trước(?:\s+ngày)?|"
    r"hingga(?:\s+tanggal)?|until|đến(?:\s+ngày)?|sejak(?:\s+tanggal)?|since|từ\s+ngày)\s*$", re.I)
DATE_AFTER_ACT = re.compile(r"^\s*,?\s*(?:ngày|dated|tanggal|tertanggal|of|on|issued\s+on)\s*$", re.I)
RELATIVE_DAY = re.compile(
    r"(?<![^\W\d_])(?:(?P<today>hôm\s+nay|sáng\s+nay|chiều\s+nay|tối\s+nay|today|this\s+morning|this\s+afternoon|"
    r"hari\s+ini|pagi\s+ini|siang\s+ini|sore\s+ini)|(?P<yesterday>hôm\s+qua|yesterday|kemarin))(?![^\W\d_])", re.I)
CONNECTION_RE = re.compile(
    r"(?:titik\s+jembatan|jembatan|điểm\s+cầu|connection\s+points?|bridge\s+points?|bridges?)\s+(?:di\s+|at\s+|of\s+)?"
    r"(?:the\s+)?(?:provinsi\s+|tỉnh\s+|thành\s+phố\s+|kota\s+)?$", re.I)
LOCATIVE_RE = re.compile(r"(?:\bdi|\bin|\bat|\btại|\bke)\s+(?:[^\W\d_][\w'’-]*\s+){0,6}$", re.I)
DATELINE_RE = re.compile(r"^\s*([A-ZĐ][A-ZĐÀ-Ỹ .'-]{2,40}?)\s*[—–-]{1,2}\s", re.M)

ORDINAL_WORDS: dict[str, int] = {}
for _n, _w in enumerate("pertama kedua ketiga keempat kelima keenam ketujuh kedelapan kesembilan kesepuluh kesebelas "
                        "kedua\u00a0belas".split(), 1):
    ORDINAL_WORDS[_w] = _n
for _n, _w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1):
    ORDINAL_WORDS[_w] = _n
for _n, _w in enumerate("nhất hai ba tư năm sáu bảy tám chín mười".split(), 1):
    ORDINAL_WORDS["thứ " + _w] = _n
ORDINAL_WORDS["thứ nhất"] = 1
ORDINAL_AFTER = re.compile(
    r"\s*(?:ke-?\s?(?P<ke>\d{1,3})(?!\d)|(?:lần\s+)?thứ\s+(?P<thu>\d{1,3})(?!\d)|"
    r"(?P<word>ke[^\W\d_]+|(?:lần\s+)?thứ\s+[^\W\d_]+)|(?P<roman>[IVXL]{1,6})(?![\w]))", re.I)
# what may stand between a meeting word and the body that holds it ("rapat rutin Komite Rakyat")
QUALIFIERS_AFTER = re.compile(
    r"(?:\s*(?:rutin|reguler|regular|tahunan|annual|online|daring|luar\s+biasa|extraordinary|thường\s+kỳ|"
    r"thường\s+niên|trực\s+tuyến|bất\s+thường|ke-?\s?\d{1,3}|ke[^\W\d_]+an|(?:lần\s+)?thứ\s+\w+|"
    r"\d{1,3}(?:st|nd|rd|th)|[IVXL]{1,6})(?![^\W\d_]))*", re.I)
_ORDINAL_TOKEN = re.compile(r"(\d{1,3})(?:st|nd|rd|th)$", re.I)
ORDINAL_EN = {n: w.capitalize() for w, n in ORDINAL_WORDS.items()
              if w.isascii() and w.endswith(("st", "nd", "rd", "th"))}


@dataclass
class _Draft:
    trigger: Sentence
    type: str
    noun: str  # the meeting word as folded, "" for an appointment without one
    noun_span: Span | None
    date: PartialDate | None
    sentences: list[Sentence] = field(default_factory=list)
    date_sentence: Sentence | None = None  # when the date comes from the sentence before the trigger


def _ordinal_en(n: int) -> str:
    if n in ORDINAL_EN:
        return ORDINAL_EN[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def find_events(
    text: str,
    sentences: list[Sentence],
    lang: str,
    meta: ArticleMeta | None,
    persons: list[Person],
    roles: list[Role],
    organizations: list[Organization],
    places: list[Place],
    directives: list[Directive],
) -> list[Event]:
    """The events of one article, in the order they are first told (`roles` is not used yet: the
    chair's capacity is left to the loader, which knows the holdings)."""
    sentences = sentences or [Sentence(0, Span(0, len(text), text))]
    dates = [(span, date) for span, date in find_dates(text, sentences, lang, meta) if date.day is not None]
    act_dates = _act_date_spans(text)
    act_names = _act_name_spans(text, directives)
    article_appoints = bool(APPOINT_RE.search(text))

    drafts: list[_Draft] = []
    starts: dict[int, _Draft] = {}  # sentence index -> the event a trigger there opens (or repeats)
    refers: dict[int, _Draft] = {}  # sentence index -> the event its meeting word refers back to
    for k, s in enumerate(sentences):
        lo, hi = s.span.start, s.span.end
        nouns = [m for m in NOUN_RE.finditer(text, lo, hi)
                 if not _names_an_act(text, m, lo, act_names) and not FUTURE_BEFORE.search(text, lo, m.start())]
        date = _event_date(text, s, dates, act_dates, meta)
        same_day = bool(starts) and date is None and bool(SAME_DAY_RE.match(text, lo, hi))
        if same_day:
            date = starts[max(starts)].date
        elif date is None and starts:
            date = _relative_event_day(text, s, starts[max(starts)].date)
        if date is not None and (FUTURE_VERB_RE.search(text, lo, hi) or _after_publication(date, meta)):
            date = None  # an occasion still to come is no event
        draft = None
        met = None if nouns or date is None else _meet_verb(text, s, persons)
        if nouns and date is not None:
            draft = _new(text, s, nouns, date, article_appoints)
        elif met is not None:
            draft = _Draft(s, "meeting", "", None, date)
        elif date is not None and APPOINT_RE.search(text, lo, hi):
            draft = _Draft(s, "appointment", "", None, date)
        elif nouns and not drafts and (CHAIR_RE.search(text, lo, hi) or PASSIVE_CHAIR_RE.search(text, lo, hi)):
            prev_date = _event_date(text, sentences[k - 1], dates, act_dates, meta) if k else None
            draft = _new(text, s, nouns, prev_date, article_appoints)
            draft.date_sentence = sentences[k - 1] if prev_date else None
        if draft is not None:
            same = None if same_day else next((d for d in drafts if d.date is not None and d.date == draft.date), None)
            if same is None:
                drafts.append(draft)
            main = starts[max(starts)] if starts else None
            if same is None and main is not None and _earlier(draft.date, main.date):
                refers[k] = draft  # a past event told in passing: the story stays with the current one
            else:
                starts[k] = same or draft
        elif nouns and drafts:
            noun = fold_key(nouns[0]["n"])
            match = next((d for d in reversed(drafts) if d.noun == noun), None)
            if match is not None:
                refers[k] = match
    if not drafts:
        return []
    current = drafts[0]
    for k, s in enumerate(sentences):
        current = starts.get(k, current)
        refers.get(k, current).sentences.append(s)
    out: list[Event] = []
    has_appointment = any(d.type == "appointment" for d in drafts)
    for d in drafts:
        event = _build(text, d, lang, meta, persons, organizations, places, directives)
        out.append(event)
        if has_appointment or d.type not in ("meeting", "conference") or d.date is None:
            continue
        told = [s for s in d.sentences if _tells_appointment(text, s, dates, persons)]
        if told:
            out.append(_appointment_at(text, d, told, event, persons, organizations))
    return out


def _after_publication(date: PartialDate, meta: ArticleMeta | None) -> bool:
    pub = meta.published if meta else None
    if pub is None or pub.month is None or pub.day is None or date.month is None or date.day is None:
        return False
    return (date.year, date.month, date.day) > (pub.year, pub.month, pub.day)


def _relative_event_day(text: str, s: Sentence, main: PartialDate | None) -> PartialDate | None:
    """"The day before" / "the next day", counted from the day of the event the story is about."""
    m = RELATIVE_EVENT_DAY.search(text, s.span.start, s.span.end)
    if m is None or main is None or main.day is None or main.month is None:
        return None
    day = datetime.date(main.year, main.month, main.day) + datetime.timedelta(days=-1 if m["prev"] else 1)
    return PartialDate(day.year, day.month, day.day, inferred=True)


def _meet_verb(text: str, s: Sentence, persons: list[Person]) -> re.Match | None:
    """The verb of a meeting told without a meeting word, when a person or a delegation before it is
    its subject (not an appointment: "X was received" is no meeting)."""
    lo, hi = s.span.start, s.span.end
    v = MEET_VERB_RE.search(text, lo, hi)
    if v is None or APPOINT_RE.search(text, lo, hi):
        return None
    # the subject stands close before the verb, not in a reported clause ("Hung said the province met ...")
    near = max(lo, v.start() - 80)
    subject = [pos for pos, _p in _mentions_in(persons, near, v.start())]
    subject += [m.start() for m in DELEGATION_SUBJECT.finditer(text, near, v.start())]
    if subject and not REPORTED_RE.search(text, max(subject), v.start()):
        return v
    return None


def _tells_appointment(text: str, s: Sentence, dates, persons: list[Person]) -> bool:
    """The sentence tells of someone elected or appointed at the event itself: an appointment verb and
    a person appointed, no date or year of its own and no sign of a past career step."""
    lo, hi = s.span.start, s.span.end
    if not APPOINT_RE.search(text, lo, hi) or BACKGROUND_RE.search(text, lo, hi):
        return False
    if any(lo <= span.start < hi for span, _ in dates) or YEAR_IN_SENTENCE.search(text, lo, hi):
        return False
    return bool(_appointees(text, s, persons))


def _appointees(text: str, s: Sentence, persons: list[Person]) -> list[Person]:
    """The persons an appointment sentence appoints: all it names but whoever announces or hands over
    the decision ("X announced the decision appointing Y")."""
    lo, hi = s.span.start, s.span.end
    found = _mentions_in(persons, lo, hi)
    verb = APPOINT_RE.search(text, lo, hi)
    announcers: set[str] = set()
    for v in list(SPEECH_RE.finditer(text, lo, hi)) + list(ANNOUNCE_DECISION_RE.finditer(text, lo, hi)):
        if verb is not None and v.start() < verb.start():
            before = [p for pos, p in found if pos < v.start()]
            if before:
                announcers.add(before[-1].key)
    out: list[Person] = []
    for _pos, p in found:
        if p.key not in announcers and p not in out:
            out.append(p)
    return out


DECISION_WORD_RE = re.compile(r"(?<![^\W\d_])(?:Keputusan|decision\s+of\s+the|quyết\s+định\s+(?:của\s+)?)\s*", re.I)


def _decided_by(text: str, lo: int, hi: int, mentions: list[tuple[Span, Organization]]) -> OrgRef | None:
    """The body whose decision the sentence names ("Keputusan Politbiro", "the decision of the Politburo"),
    known by any name it is written with elsewhere (inside an act's name it is no mention of its own)."""
    names = sorted({(m.quote, o.ref.normalized): o for m, o in mentions}.items(), key=lambda x: -len(x[0][0]))
    for w in DECISION_WORD_RE.finditer(text, lo, hi):
        after = text[w.end():w.end() + 80].lower()
        for (quote, _), o in names:
            if quote and after.startswith(quote.lower()):
                return o.ref
    return None


def _appointment_at(text: str, d: _Draft, told: list[Sentence], parent: Event, persons: list[Person],
                    organizations: list[Organization]) -> Event:
    """The election or appointment made at a meeting, as an event of its own on the same day: the
    persons appointed take part, the body that elects or decides organizes it."""
    participants: list[str] = []
    names: list[str] = []
    for s in told:
        for p in _appointees(text, s, persons):
            if p.key not in participants:
                participants.append(p.key)
                names.append(p.normalized or p.name)
    mentions = _org_mentions(organizations)
    organizer = None
    for s in told:
        lo, hi = s.span.start, s.span.end
        decided = _decided_by(text, lo, hi, mentions)
        if decided:
            organizer = decided
            break
        verb = APPOINT_RE.search(text, lo, hi)
        named = _mentions_in(persons, lo, hi)
        # the body that elects, before anyone named: not the body in an appointee's title
        # ("Hoang Minh Cuong, former Vice Chairman of the Hai Duong People's Committee, was elected")
        first_person = named[0][0] if named else hi
        subject = _last_before(mentions, lo, min(verb.start(), first_person)) if verb else None
        if subject is not None:
            organizer = subject.ref
            break
    if organizer is None:
        # "mengumumkan Keputusan Politbiro tentang penunjukan ..." in the sentence before
        first = told[0]
        k = next((i for i, t in enumerate(d.sentences) if t is first), 0)
        if k:
            prev = d.sentences[k - 1].span
            organizer = _decided_by(text, prev.start, prev.end, mentions)
    organizer = organizer or parent.organizer
    kind = "Election" if any(ELECT_RE.search(text, s.span.start, s.span.end) for s in told) else "Appointment"
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Event(
        span=told[0].span, method="rule:event-appointment-at-meeting", inferred=parent.inferred, type="appointment",
        description=f"{kind} of {who}", date=d.date, chair=None, organizer=organizer, participants=participants,
        location=parent.location,
    )


def _earlier(a: PartialDate | None, b: PartialDate | None) -> bool:
    return a is not None and b is not None and (a.year, a.month or 0, a.day or 0) < (b.year, b.month or 0, b.day or 0)


def _new(text: str, s: Sentence, nouns: list[re.Match], date: PartialDate | None, article_appoints: bool) -> _Draft:
    chair = CHAIR_RE.search(text, s.span.start, s.span.end) or HOLD_RE.search(text, s.span.start, s.span.end)
    noun = nouns[0]
    if chair:
        noun = next((n for n in nouns if n.start() > chair.start()), nouns[0])
    kind = MEETING_NOUNS[noun["n"].lower()]
    if ANNOUNCE_DECISION_RE.search(text, s.span.start, s.span.end) and article_appoints:
        kind = "appointment"
    return _Draft(s, kind, fold_key(noun["n"]), Span(noun.start(), noun.end(), noun.group()), date)


ACT_OF_BEFORE = re.compile(
    r"(?:Nghị\s+quyết|Kết\s+luận|Resolusi|Kesimpulan|Resolution|Conclusion)(?:\s+(?:of\s+the|dari|của))?\s*$", re.I)


def _act_name_spans(text: str, directives: list[Directive]) -> list[tuple[int, int]]:
    """Where the acts' names are written ("Resolusi Kongres Partai Nasional ke-13")."""
    out = []
    for act in directives:
        start = text.find(act.name_or_number, act.span.start, act.span.end) if act.name_or_number else -1
        if start >= 0:
            out.append((start, start + len(act.name_or_number)))
    return out


def _names_an_act(text: str, noun: re.Match, lo: int, act_names: list[tuple[int, int]]) -> bool:
    """The meeting word is part of an act's name, or names the meeting that issued an act
    ("Nghị quyết Hội nghị Trung ương 8", "Resolution of the 13th National Party Congress")."""
    if any(a <= noun.start() < b for a, b in act_names):
        return True
    return bool(ACT_OF_BEFORE.search(text[max(lo, noun.start() - 30):noun.start()]))


def _act_date_spans(text: str) -> list[tuple[int, int]]:
    """Where the dates of acts are written: from an act's symbol to 60 characters after it."""
    return [(m.end(), m.end() + 60) for m in SYMBOL.finditer(text)]


def _event_date(text: str, s: Sentence, dates, act_dates, meta: ArticleMeta | None) -> PartialDate | None:
    for span, date in dates:
        if not (s.span.start <= span.start < s.span.end):
            continue
        if any(a <= span.start < b and DATE_AFTER_ACT.match(text[a:span.start]) for a, b in act_dates):
            continue
        if NOT_EVENT_DATE_BEFORE.search(text[max(s.span.start, span.start - 30):span.start]):
            continue
        return date
    pub = meta.published if meta else None
    if pub is not None and pub.day is not None:
        m = RELATIVE_DAY.search(text, s.span.start, s.span.end)
        if m:
            day = datetime.date(pub.year, pub.month or 1, pub.day)
            if m["yesterday"]:
                day -= datetime.timedelta(days=1)
            return PartialDate(day.year, day.month, day.day, inferred=True)
    return None


def _mentions_in(persons: list[Person], lo: int, hi: int) -> list[tuple[int, Person]]:
    out = []
    for p in persons:
        for m in p.mentions or [p.span]:
            if lo <= m.start < hi:
                out.append((m.start, p))
    out.sort(key=lambda x: x[0])
    return out


def _build(text, d: _Draft, lang, meta, persons, organizations, places, directives) -> Event:
    chair: str | None = None
    participants: list[str] = []

    def add(key: str) -> None:
        if key and key not in participants:
            participants.append(key)

    for s in d.sentences:
        lo, hi = s.span.start, s.span.end
        found = _mentions_in(persons, lo, hi)
        if not found:
            continue
        c = CHAIR_RE.search(text, lo, hi)
        pc = PASSIVE_CHAIR_RE.search(text, lo, hi)
        if chair is None and c and not c["co"]:
            before = [p for pos, p in found if pos < c.start()]
            if before:
                chair = before[-1].key
        if chair is None and pc:
            after = [p for pos, p in found if pos >= pc.end()]
            if after:
                chair = after[0].key
        lead = VI_LEAD_RE.search(text, lo, hi)
        if lead:
            inside = [p for pos, p in found if lead.start("who") <= pos < lead.end("who")]
            if inside:
                add(inside[-1].key)
                chair = chair or inside[-1].key
        if ATTEND_RE.search(text, lo, hi) or (c and c["co"]) or ANNOUNCE_DECISION_RE.search(text, lo, hi) or (
                d.type == "appointment" and APPOINT_RE.search(text, lo, hi)):
            for _pos, p in found:
                add(p.key)  # who attended, who co-chaired, who announced or received a decision, who was appointed
            continue
        if APPOINT_RE.search(text, lo, hi) and _tells_appointment(text, s, [], persons):
            for p in _appointees(text, s, persons):
                add(p.key)  # who was elected or appointed at it
        verb = MEET_VERB_RE.search(text, lo, hi)
        if verb and d.noun == "" and d.type == "meeting":
            subject = [p for pos, p in found if verb.start() - 80 <= pos < verb.start()]
            if subject:
                add(subject[-1].key)  # who met, visited or inspected
        for b in LED_BY_RE.finditer(text, lo, hi):
            after = [p for pos, p in found if b.end() <= pos < b.end() + 160]
            if after:
                add(after[0].key)  # "the Standing Board, led by X"
        for b in PASSIVE_SPEECH_RE.finditer(text, lo, hi):
            after = [p for pos, p in found if b.end() <= pos < b.end() + 60]
            vi_do = b.group().strip().lower() == "do"
            if after and (not vi_do or PASSIVE_SPEECH_VI_AFTER.match(text[b.end():hi])):
                add(after[0].key)  # "laporan yang disampaikan oleh X"
        for pos, p in found:
            if (c and pos < c.start()) or (pc and pos >= pc.end()):
                add(p.key)
        for v in SPEECH_RE.finditer(text, lo, hi):
            before = [p for pos, p in found if pos < v.start()]
            if before:
                for p in before:
                    add(p.key)  # who spoke or reported
                break
        if HOLD_RE.search(text, lo, hi) or ANNOUNCE_DECISION_RE.search(text, lo, hi):
            for b in re.finditer(r"(?<![^\W\d_])(?:by|oleh)\s", text[lo:hi]):
                after = [p for pos, p in found if lo + b.end() <= pos < lo + b.end() + 60]
                if after:
                    add(after[0].key)  # "The decision was announced ... by Le Minh Hung"
    if chair:
        if chair in participants:
            participants.remove(chair)
        participants.insert(0, chair)

    organizer = _organizer(text, d, organizations)
    location, connection_points = _location(text, d, places, organizer, meta)
    ordinal = _ordinal(text, d)
    scope = [(s.span.start, s.span.end) for s in d.sentences]
    acts = []
    for act in directives:
        if any(a <= act.span.start < b for a, b in scope):
            label = act.local_id or act.normalized or act.name_or_number
            if label not in acts:
                acts.append(label)
    description = _description(d, ordinal, organizer, text)
    return Event(
        span=d.trigger.span, method="rule:event", inferred=bool(d.date and d.date.inferred), type=d.type,
        description=description, date=d.date, ordinal=ordinal, chair=chair, organizer=organizer,
        participants=participants, location=location, connection_points=connection_points, directives=acts,
    )


def _org_mentions(organizations: list[Organization]) -> list[tuple[Span, Organization]]:
    out = [(m, o) for o in organizations for m in (o.mentions or [o.span])]
    out.sort(key=lambda x: x[0].start)
    return out


def _organizer(text: str, d: _Draft, organizations: list[Organization]) -> OrgRef | None:
    mentions = _org_mentions(organizations)
    s = d.trigger.span
    if d.noun_span is not None:
        n = d.noun_span
        qualifiers = QUALIFIERS_AFTER.match(text, n.end, s.end)  # may match nothing, never fails
        pos = qualifiers.end() if qualifiers else n.end
        pos += len(text[pos:s.end]) - len(text[pos:s.end].lstrip(" ,"))
        # a body named right after the meeting word ("pertemuan kesembilan Komite Pengarah ...",
        # "rapat rutin Komite Rakyat Provinsi", "Hội nghị Ban Chấp hành ...")
        for m, o in mentions:
            if pos <= m.start <= pos + 3:
                return o.ref
        head = " ".join(fold_key(text[pos:pos + 40]).split()[:2])
        if head and not head.split()[0].isdigit():
            for _m, o in mentions:
                if fold_key(o.ref.name).startswith(head) or fold_key(_m.quote).startswith(head):
                    return o.ref
        # a possessive right before it ("the Government's regular meeting")
        for m, o in mentions:
            if s.start <= m.start and 0 <= n.start - m.end <= 25 and re.match(r"^[’']s\b", text[m.end:m.end + 2]):
                return o.ref
    # the subject that holds or announces it
    verb = HOLD_RE.search(text, s.start, s.end) or APPOINT_RE.search(text, s.start, s.end)
    if verb:
        subject = _last_before(mentions, s.start, verb.start())
        if subject is not None:
            return subject.ref
    # the subject of the sentence that gave the date ("The NA Standing Committee on March 11 gave ...")
    if d.date_sentence is not None and d.date_sentence is not d.trigger:
        ds = d.date_sentence.span
        first = [(m, o) for m, o in mentions if ds.start <= m.start < ds.start + 40]
        if first:
            return first[0][1].ref
    # an appointment whose decision was taken in an earlier sentence ("The Politburo has assigned ...")
    for t in d.sentences if d.type == "appointment" else []:
        v = APPOINT_RE.search(text, t.span.start, t.span.end)
        if v:
            subject = _last_before(mentions, t.span.start, v.start())
            if subject is not None:
                return subject.ref
    return None


def _last_before(mentions: list[tuple[Span, Organization]], lo: int, hi: int) -> Organization | None:
    """The body named last before `hi` (the longest name when names nest: "Komite Tetap Komite Partai ...")."""
    before = [(m, o) for m, o in mentions if lo <= m.start and m.end <= hi]
    if not before:
        return None
    end = max(m.end for m, _ in before)
    return min((x for x in before if x[0].end == end), key=lambda x: x[0].start)[1]


def _location(text, d: _Draft, places: list[Place], organizer: OrgRef | None, meta) -> tuple[str | None, list[str]]:
    """Where the article places the event, and the online connection points it names."""
    connection: list[str] = []
    located: list[tuple[int, int, str]] = []  # (rank, offset, place)
    for p in places:
        for m in p.mentions or [p.span]:
            home = next((s for s in d.sentences if s.span.start <= m.start < s.span.end), None)
            if home is None:
                continue
            before = text[max(home.span.start, m.start - 40):m.start]
            if CONNECTION_RE.search(before):
                if p.normalized not in connection:
                    connection.append(p.normalized)
            elif LOCATIVE_RE.search(before):
                if home is d.trigger:
                    located.append((0, m.start, p.normalized))
                elif NOUN_RE.search(text, home.span.start, home.span.end) or ATTEND_RE.search(
                        text, home.span.start, home.span.end):
                    located.append((1, m.start, p.normalized))
    if located:
        return min(located)[2], connection
    first = d.sentences[0].span if d.sentences else d.trigger.span
    for p in places:  # a dateline: "HANOI — ...", "LAO CAI — ..."
        for m in p.mentions or [p.span]:
            if m.quote.isupper() and re.match(r"\s*[—–-]", text[m.end:m.end + 3]) and m.start <= first.end + 5:
                return p.normalized, connection
    if connection:
        return connection[0], connection
    if organizer is not None and organizer.location:
        return organizer.location, connection
    for p in places:
        if p.type in ("province", "municipality", "district") and any(
                d.trigger.span.start <= m.start < d.trigger.span.end for m in p.mentions or [p.span]):
            return p.normalized, connection
    return None, connection


def _ordinal(text: str, d: _Draft) -> int | None:
    """"pertemuan kesembilan", "Sidang ke-19", "Hội nghị lần thứ 28", "the 22nd session", "ninth meeting"."""
    if d.noun_span is None:
        return None
    n = d.noun_span
    m = ORDINAL_AFTER.match(text, n.end)
    if m:
        if m["ke"] or m["thu"]:
            return int(m["ke"] or m["thu"])
        if m["word"]:
            word = re.sub(r"^lần\s+", "", m["word"].lower())
            if word in ORDINAL_WORDS:
                return ORDINAL_WORDS[word]
        if m["roman"]:
            return roman(m["roman"])
    for word in reversed(text[max(d.trigger.span.start, n.start - 40):n.start].split()[-3:]):
        word = word.lower().strip(",;:")
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
        t = _ORDINAL_TOKEN.match(word)
        if t:
            return int(t.group(1))
    return None


LABEL_PREFIX = re.compile(r"^\s*(?:[A-Z][\w ]{2,30}:\s+|[A-ZĐ][A-ZĐÀ-Ỹ .'-]{2,40}?\s*[—–-]{1,2}\s+)")


def _description(d: _Draft, ordinal: int | None, organizer: OrgRef | None, text: str) -> str:
    kind = {"meeting": "meeting", "conference": "conference", "appointment": "appointment ceremony",
            "signing": "signing ceremony", "other": "ceremony"}.get(d.type, d.type)
    if organizer is not None:
        lead = f"{_ordinal_en(ordinal)} {kind}" if ordinal else kind.capitalize()
        return f"{lead} of the {organizer.normalized}"
    quote = " ".join(LABEL_PREFIX.sub("", d.trigger.span.quote).split())
    return quote if len(quote) <= 240 else quote[:237].rsplit(" ", 1)[0] + "..."
