"""Events: one per meeting/appointment with its own date; chair, participants, organizer, place."""

from __future__ import annotations

import re
import time

from kg.extract.events import find_events
from kg.extract.model import ArticleMeta, Directive, Organization, OrgRef, PartialDate, Person, Place, Sentence, Span


def split(text: str) -> list[Sentence]:
    out = []
    for m in re.finditer(r"[^\n]+?(?:\.(?=\s|$)|$)", text, re.M):
        a, b = m.start(), m.end()
        while a < b and text[a] == " ":
            a += 1
        if a < b:
            out.append(Sentence(len(out), Span(a, b, text[a:b])))
    return out


def spans(text: str, quote: str) -> list[Span]:
    return [Span(m.start(), m.end(), quote) for m in re.finditer(re.escape(quote), text)]


def person(text: str, name: str, *others: str) -> Person:
    mentions = sorted(s for q in (name, *others) for s in spans(text, q))
    key = name.lower()
    return Person(span=mentions[0], key=key, name=name, normalized=name, mentions=mentions)


def org(text: str, name: str, normalized: str, kind: str, location: str | None = None) -> Organization:
    mentions = spans(text, name)
    return Organization(span=mentions[0], ref=OrgRef(name, normalized, kind, location=location), mentions=mentions)


def place(text: str, name: str, normalized: str, kind: str = "province") -> Place:
    mentions = spans(text, name)
    return Place(span=mentions[0], name=name, normalized=normalized, type=kind, mentions=mentions)


def events(text, lang, persons=(), orgs=(), places=(), directives=(), published=None):
    meta = ArticleMeta("x.txt", lang, published=published)
    found = find_events(text, split(text), lang, meta, list(persons), [], list(orgs), list(places), list(directives))
    for e in found:
        assert text[e.span.start:e.span.end] == e.span.quote
    return found


SEED = (
    "Bahasa Indonesia: Pada sore hari tanggal 15 Januari, Kamerad Nguyen Hoa Binh, anggota Politbiro, Wakil Kepala "
    "Komite Pengarah Pemerintah untuk Reformasi Administratif (PAR) memimpin pertemuan kesembilan Komite Pengarah "
    "untuk mengevaluasi hasil pelaksanaan PAR tahun 2024; arahan dan pelaksanaan tugas tahun 2025. Pertemuan "
    "tersebut terhubung secara daring ke 63 provinsi dan kota di seluruh negeri.\n"
    "Gambaran umum pertemuan di jembatan provinsi Thanh Hoa.\n"
    "Yang hadir dalam pertemuan di Markas Besar Komite Rakyat Provinsi Thanh Hoa adalah Kamerad Dau Thanh Tung, "
    "Wakil Ketua Komite Rakyat Provinsi.\n"
    "Pada pertemuan tersebut, para delegasi menganalisis berbagai isu.\n"
    "Berbicara pada pertemuan tersebut, Wakil Perdana Menteri Tetap Nguyen Hoa Binh mengakui upaya kementerian.\n"
    "Wakil Perdana Menteri meminta pelaksanaan Resolusi No. 18-NQ/TW secara efektif.\n")


def test_seed_meeting():
    persons = [person(SEED, "Nguyen Hoa Binh"), person(SEED, "Dau Thanh Tung")]
    steering = org(SEED, "Komite Pengarah Pemerintah untuk Reformasi Administratif (PAR)",
                   "Government Steering Committee for Public Administration Reform", "steering_committee")
    thanh_hoa = Place(span=spans(SEED, "provinsi Thanh Hoa")[0], name="Thanh Hoa", normalized="Thanh Hoa",
                      type="province", mentions=spans(SEED, "provinsi Thanh Hoa") + spans(SEED, "Provinsi Thanh Hoa"))
    act = Directive(span=next(s.span for s in split(SEED) if "18-NQ/TW" in s.span.quote),
                    name_or_number="Resolusi No. 18-NQ/TW", local_id="18-NQ/TW", type="resolution")
    (e,) = events(SEED, "id", persons, [steering], [thanh_hoa], [act])
    assert (e.type, e.date, e.ordinal) == ("meeting", PartialDate(2025, 1, 15, inferred=True), 9)
    assert e.inferred
    assert e.chair == "nguyen hoa binh"
    assert e.participants == ["nguyen hoa binh", "dau thanh tung"]
    assert e.organizer is steering.ref
    assert e.location == "Thanh Hoa" and e.connection_points == ["Thanh Hoa"]
    assert e.directives == ["18-NQ/TW"]
    assert e.description == "Ninth meeting of the Government Steering Committee for Public Administration Reform"


def test_date_from_the_sentence_before_and_the_meeting_repeated():
    text = ("HANOI — The National Assembly Standing Committee on March 11 gave opinions on the draft law.\n"
            "NA Chairman Tran Thanh Man presided over the meeting, which was also attended by Nguyen Khac Dinh.\n"
            "Presenting the proposal, Minister of Justice Nguyen Hai Ninh said the meeting should act.\n"
            "At the meeting, the delegates agreed. The meeting closed.\n")
    persons = [person(text, n) for n in ("Tran Thanh Man", "Nguyen Khac Dinh", "Nguyen Hai Ninh")]
    standing = org(text, "National Assembly Standing Committee", "Standing Committee of the National Assembly",
                   "national_assembly")
    (e,) = events(text, "en", persons, [standing], [place(text, "HANOI", "Hanoi", "municipality")],
                  published=PartialDate(2025, 3, 12))
    assert (e.type, e.date.iso(), e.chair) == ("meeting", "2025-03-11", "tran thanh man")
    assert e.participants == ["tran thanh man", "nguyen khac dinh", "nguyen hai ninh"]
    assert e.organizer is standing.ref and e.location == "Hanoi"


def test_appointment_ceremony_with_an_effective_date_is_one_event():
    text = ("Sáng 12/4, UBND tỉnh Thái Bình tổ chức hội nghị công bố và trao quyết định về công tác cán bộ. "
            "Đồng chí Lương Văn Kiên, Chủ tịch UBND tỉnh chủ trì hội nghị và trao quyết định. "
            "Cùng dự có đồng chí Ngô Thị Thu Trang, Phó Chủ tịch UBND tỉnh. "
            "Tại hội nghị, đồng chí Trần Minh Tuấn công bố Quyết định số 845/QĐ-UBND ngày 10/4/2024 về việc bổ nhiệm. "
            "Theo đó, ông Phạm Đức Hạnh được bổ nhiệm giữ chức Giám đốc Sở Tài chính kể từ ngày 15/4/2024. "
            "Ông Phạm Đức Hạnh sinh năm 1978.")
    persons = [person(text, n) for n in ("Lương Văn Kiên", "Ngô Thị Thu Trang", "Trần Minh Tuấn", "Phạm Đức Hạnh")]
    ubnd = org(text, "UBND tỉnh Thái Bình", "Thai Binh Provincial People's Committee", "peoples_committee",
               location="Thai Binh")
    (e,) = events(text, "vi", persons, [ubnd])
    assert (e.type, e.date.iso(), e.chair) == ("appointment", "2024-04-12", "lương văn kiên")
    assert e.participants == ["lương văn kiên", "ngô thị thu trang", "trần minh tuấn", "phạm đức hạnh"]
    assert e.organizer is ubnd.ref and e.location == "Thai Binh"


def test_two_appointments_and_a_past_one_told_in_passing():
    text = ("The Politburo has assigned Doan Quoc Hung to serve as Secretary of the Bac Ninh Provincial Party "
            "Committee. The decision was announced at a conference in Bac Ninh on Monday, September 23, 2024, by "
            "Le Minh Hung. Doan Quoc Hung replaces former secretary Dao Hong Quan, who retired in August. "
            "Earlier, on September 5, the Secretariat approved the election of Ngo Tan Phuong as deputy secretary. "
            "Le Minh Hung asked the new secretary to maintain unity.")
    persons = [person(text, n) for n in ("Doan Quoc Hung", "Le Minh Hung", "Dao Hong Quan", "Ngo Tan Phuong")]
    orgs = [org(text, "Politburo", "Politburo of the Communist Party of Vietnam", "party_organ"),
            org(text, "Secretariat", "Secretariat of the Communist Party of Vietnam", "party_organ")]
    first, second = events(text, "en", persons, orgs, [place(text, "Bac Ninh", "Bac Ninh")])
    assert (first.type, first.date.iso(), first.chair) == ("appointment", "2024-09-23", None)
    assert set(first.participants) == {"doan quoc hung", "le minh hung"}  # not the retired secretary
    assert first.organizer.normalized == "Politburo of the Communist Party of Vietnam"
    assert first.location == "Bac Ninh"
    assert (second.type, second.date.iso(), second.participants) == ("appointment", "2024-09-05", ["ngo tan phuong"])
    assert second.organizer.normalized == "Secretariat of the Communist Party of Vietnam"


def test_co_chairs_are_participants():
    text = ("Chiều 20/5, tại thành phố Buôn Ma Thuột, Tỉnh ủy Đắk Lắk tổ chức Hội nghị lần thứ 28. "
            "Đồng chí Phan Quốc Thịnh, Bí thư Tỉnh ủy chủ trì hội nghị. Cùng chủ trì có đồng chí Cao Thị Hoài An. "
            "Phát biểu tại hội nghị, đồng chí Y Jút Byă cho biết tỉnh có hơn 13.600 doanh nghiệp.")
    persons = [person(text, n) for n in ("Phan Quốc Thịnh", "Cao Thị Hoài An", "Y Jút Byă")]
    (e,) = events(text, "vi", persons, [], [place(text, "Buôn Ma Thuột", "Buon Ma Thuot", "district")],
                  published=PartialDate(2025, 5, 20))
    assert (e.type, e.ordinal, e.chair, e.location) == ("conference", 28, "phan quốc thịnh", "Buon Ma Thuot")
    assert e.participants == ["phan quốc thịnh", "cao thị hoài an", "y jút byă"]


def test_no_event_without_a_date_or_a_meeting():
    assert events("The meeting discussed many issues. The delegates agreed.", "en") == []
    # a date that belongs to an act, or a deadline, is not a meeting's
    text = ("Nghị quyết số 60-NQ/TW ngày 12/4/2025 của Hội nghị lần thứ 11 Ban Chấp hành Trung ương. "
            "Kirim ke Kementerian sebelum 1 Mei untuk rapat.")
    assert events(text, "vi", published=PartialDate(2025, 5, 20)) == []
    # the congress or plenum that issued an act is no event of the article
    text = "Nghị quyết Hội nghị Trung ương 8 khóa XIII ngày 25/10/2023 và Resolusi Kongres ke-13 pada 1 Februari 2021."
    assert events(text, "vi", published=PartialDate(2025, 5, 20)) == []
    # numbers in the sentence are no events either
    assert events("In 2024 the province received 7.2 million tourist arrivals.", "en") == []


def test_relative_day_takes_the_publication_date():
    text = "Sáng nay, Thủ tướng chủ trì hội nghị trực tuyến với các địa phương."
    (e,) = events(text, "vi", published=PartialDate(2025, 1, 15))
    assert (e.type, e.date) == ("conference", PartialDate(2025, 1, 15, inferred=True))


def test_many_sentences_finish_fast():
    body = "Pada tanggal 15 Januari rapat digelar. " + "Pada rapat tersebut, delegasi membahas 12 isu. " * 3000
    start = time.perf_counter()
    found = events(body, "id", published=PartialDate(2025, 1, 16))
    assert time.perf_counter() - start < 5
    assert len(found) == 1


def test_an_election_at_a_session_is_an_appointment_of_its_own():
    text = ("On June 3, the People's Council of Binh Duong Province held its first session. "
            "The session was chaired by Tran Van Nam, Chairman of the provincial People's Council. "
            "Deputies elected Vo Van Minh as Chairman of the provincial People's Committee. "
            "Nguyen Loc Ha was elected Vice Chairman of the provincial People's Committee.")
    council = org(text, "People's Council of Binh Duong Province", "Binh Duong Provincial People's Council",
                  "peoples_council")
    persons = [person(text, "Tran Van Nam"), person(text, "Vo Van Minh"), person(text, "Nguyen Loc Ha")]
    meeting, appointment = events(text, "en", persons, [council], published=PartialDate(2025, 6, 4))
    assert (meeting.type, meeting.date, meeting.chair) == ("meeting", PartialDate(2025, 6, 3, inferred=True),
                                                            "tran van nam")
    assert meeting.participants == ["tran van nam", "vo van minh", "nguyen loc ha"]
    assert (appointment.type, appointment.date, appointment.chair) == ("appointment", meeting.date, None)
    assert appointment.participants == ["vo van minh", "nguyen loc ha"]
    assert appointment.organizer is council.ref
    assert appointment.description == "Election of Vo Van Minh and Nguyen Loc Ha"


def test_decision_announced_at_a_congress_appoints_the_designated_not_the_announcer():
    text = ("Pada pagi hari tanggal 14 Oktober, Komite Partai Provinsi Lam Dong membuka Kongres Partai Provinsi. "
            "Kamerad Y Thanh Ha Nie Kdam memimpin Kongres. "
            "Pada Kongres tersebut, Kamerad Nguyen Duy Ngoc mengumumkan Keputusan Politbiro tentang penunjukan "
            "Komite Eksekutif. Kamerad Y Thanh Ha Nie Kdam ditunjuk sebagai Sekretaris Komite Partai Provinsi; "
            "Kamerad Ho Van Muoi ditunjuk sebagai Wakil Sekretaris.")
    committee = org(text, "Komite Partai Provinsi Lam Dong", "Lam Dong Provincial Party Committee", "party_committee")
    politburo = org(text, "Politbiro", "Politburo of the Communist Party of Vietnam", "party_organ")
    persons = [person(text, "Y Thanh Ha Nie Kdam"), person(text, "Nguyen Duy Ngoc"), person(text, "Ho Van Muoi")]
    congress, appointment = events(text, "id", persons, [committee, politburo], published=PartialDate(2025, 10, 15))
    assert congress.type == "conference" and congress.chair == "y thanh ha nie kdam"
    assert set(congress.participants) == {"y thanh ha nie kdam", "nguyen duy ngoc", "ho van muoi"}
    assert appointment.type == "appointment" and appointment.date == congress.date
    assert appointment.participants == ["y thanh ha nie kdam", "ho van muoi"]
    assert appointment.organizer is politburo.ref


def test_a_career_step_told_in_passing_is_no_appointment():
    text = ("Chiều 5/3, HĐND tỉnh Nam Định tổ chức kỳ họp thứ 20. Đồng chí Lê Quốc Chỉnh chủ trì kỳ họp. "
            "Đồng chí Trần Anh Dũng từng được bổ nhiệm Giám đốc Sở Tài chính năm 2019.")
    persons = [person(text, "Lê Quốc Chỉnh"), person(text, "Trần Anh Dũng")]
    (e,) = events(text, "vi", persons, published=PartialDate(2025, 3, 6))
    assert e.type == "meeting"


def test_vietnamese_election_and_attendance_at_a_session():
    text = ("Sáng 9/12, HĐND tỉnh Ninh Bình khai mạc kỳ họp thứ 25. Đồng chí Mai Văn Tuất chủ trì kỳ họp. "
            "Dự kỳ họp có đồng chí Đoàn Minh Huấn, Bí thư Tỉnh ủy. "
            "Tại kỳ họp, HĐND tỉnh đã bầu đồng chí Trần Song Tùng giữ chức Phó Chủ tịch UBND tỉnh.")
    persons = [person(text, "Mai Văn Tuất"), person(text, "Đoàn Minh Huấn"), person(text, "Trần Song Tùng")]
    meeting, appointment = events(text, "vi", persons, published=PartialDate(2025, 12, 9))
    assert meeting.participants == ["mai văn tuất", "đoàn minh huấn", "trần song tùng"]
    assert appointment.participants == ["trần song tùng"]


def test_a_working_delegation_visit_is_a_meeting():
    text = ("Pada tanggal 12 Mei, Kamerad Tran Hong Ha memimpin delegasi kerja Pemerintah untuk bekerja dengan "
            "Komite Rakyat Provinsi Son La. "
            "Turut serta dalam delegasi adalah Wakil Menteri Konstruksi Nguyen Danh Huy. "
            "Menurut laporan yang disampaikan oleh Direktur Dinas Keuangan Le Thi Hoa, pencairan mencapai 40%.")
    persons = [person(text, "Tran Hong Ha"), person(text, "Nguyen Danh Huy"), person(text, "Le Thi Hoa")]
    (e,) = events(text, "id", persons, published=PartialDate(2025, 5, 13))
    assert (e.type, e.chair) == ("meeting", "tran hong ha")
    assert e.participants == ["tran hong ha", "nguyen danh huy", "le thi hoa"]
    # English: "accompanying" the delegation, a report "presented by"
    text = ("On May 12, Deputy Prime Minister Tran Hong Ha led a Government working delegation to Son La. "
            "Accompanying the delegation was Deputy Minister Nguyen Danh Huy. "
            "The report presented by Le Thi Hoa said disbursement reached 40 per cent.")
    persons = [person(text, "Tran Hong Ha"), person(text, "Nguyen Danh Huy"), person(text, "Le Thi Hoa")]
    (e,) = events(text, "en", persons, published=PartialDate(2025, 5, 13))
    assert e.type == "meeting"
    assert set(e.participants) == {"tran hong ha", "nguyen danh huy", "le thi hoa"}


def test_the_body_in_an_appointees_title_does_not_organize_the_election():
    text = ("On June 3, the People's Council of Binh Duong Province held its first session. "
            "Nguyen Loc Ha, former Vice Chairman of the Binh Phuoc Provincial People's Committee, was elected Vice "
            "Chairman of the provincial People's Committee.")
    council = org(text, "People's Council of Binh Duong Province", "Binh Duong Provincial People's Council",
                  "peoples_council")
    other = org(text, "Binh Phuoc Provincial People's Committee", "Binh Phuoc Provincial People's Committee",
                "peoples_committee")
    _meeting, appointment = events(text, "en", [person(text, "Nguyen Loc Ha")], [council, other],
                                   published=PartialDate(2025, 6, 4))
    assert appointment.organizer is council.ref


def test_a_meeting_told_by_its_verb_and_a_visit_the_day_before():
    text = ("On Monday, Le Minh Hung led a working delegation to Tuyen Quang province. "
            "The day before, the delegation visited the Na Hang hydropower plant. "
            "Earlier, on February 15, Hung met leaders of commercial banks in Hanoi.")
    persons = [person(text, "Le Minh Hung", "Hung")]
    found = events(text, "en", persons, published=PartialDate(2025, 3, 11))
    assert [(e.type, e.date.iso()) for e in found] == [
        ("meeting", "2025-03-10"), ("meeting", "2025-03-09"), ("meeting", "2025-02-15")]
    assert found[0].chair == "le minh hung"
    assert found[1].participants == []  # nobody named visits
    assert found[2].participants == ["le minh hung"]


def test_a_dated_sentence_with_a_verb_but_no_subject_is_no_meeting():
    text = "On July 15, Lao Cai received 7.2 million visitors. On July 16, tourists visited Sa Pa."
    assert events(text, "en", published=PartialDate(2025, 7, 20)) == []
    text = "On July 15, Nguyen Van Hung said the province met its export target."
    assert events(text, "en", [person(text, "Nguyen Van Hung")], published=PartialDate(2025, 7, 20)) == []


def test_a_session_still_to_come_is_no_event():
    text = ("On December 4, NA Vice Chairman Nguyen Duc Hai met voters in Thanh Ha district ahead of the "
            "National Assembly's ninth session.")
    na = org(text, "National Assembly", "National Assembly of Vietnam", "national_assembly")
    (e,) = events(text, "en", [person(text, "Nguyen Duc Hai")], [na], published=PartialDate(2024, 12, 6))
    assert (e.type, e.date.iso(), e.organizer, e.participants) == ("meeting", "2024-12-04", None, ["nguyen duc hai"])


def test_a_ceremony_handing_over_a_decision_is_an_appointment():
    text = ("The Hai Duong People's Committee on December 5 held a ceremony to announce the decision appointing "
            "Vu Minh Khoa as Director of the provincial Department of Finance. "
            "Vice chairman Tran Van Quan handed over the decision to Khoa. Also present was Pham Thi Thu Trang.")
    persons = [person(text, "Vu Minh Khoa", "Khoa"), person(text, "Tran Van Quan"), person(text, "Pham Thi Thu Trang")]
    (e,) = events(text, "en", persons, published=PartialDate(2024, 12, 6))
    assert (e.type, e.chair) == ("appointment", None)
    assert set(e.participants) == {"vu minh khoa", "tran van quan", "pham thi thu trang"}
    text = "On May 2, the two provinces held a signing ceremony. On May 3, a ceremony marked the anniversary."
    assert [e.type for e in events(text, "en", published=PartialDate(2025, 5, 4))] == ["signing", "other"]


def test_indonesian_co_chairs_and_a_session_under_someones_leadership():
    text = ("Pada tanggal 20 April, kementerian menyelenggarakan Konferensi Promosi Investasi. "
            "Menteri Nguyen Chi Dung dan Ketua Do Minh Tuan ikut memimpin konferensi tersebut. "
            "Sebelumnya, pada tanggal 18 April, Komisi Inspeksi mengadakan sidang ke-25 di bawah pimpinan Ketua "
            "Komisi Inspeksi Le Quang Hung.")
    persons = [person(text, "Nguyen Chi Dung"), person(text, "Do Minh Tuan"), person(text, "Le Quang Hung")]
    conference, session = events(text, "id", persons, published=PartialDate(2024, 4, 21))
    assert (conference.chair, conference.participants) == (None, ["nguyen chi dung", "do minh tuan"])
    assert (session.date.iso(), session.chair, session.participants) == ("2024-04-18", "le quang hung",
                                                                         ["le quang hung"])


def test_another_occasion_on_the_same_day_and_a_body_led_by_someone():
    text = ("On Friday, Vice Chairwoman Nguyen Thi Thanh met voters in Yen Khanh district ahead of the eighth "
            "session. Joining her was Mai Van Tuong. "
            "On the same day, the Inspection Commission held its 30th meeting, chaired by Dinh Van Dien. "
            "The previous day, Thanh worked with the Standing Board, led by Secretary Doan Minh Huan, on "
            "preparations for the provincial Party Congress.")
    persons = [person(text, "Nguyen Thi Thanh", "Thanh"), person(text, "Mai Van Tuong"), person(text, "Dinh Van Dien"),
               person(text, "Doan Minh Huan")]
    voters, inspection, standing = events(text, "en", persons, published=PartialDate(2024, 10, 19))
    assert (voters.date.iso(), voters.chair, voters.participants) == (
        "2024-10-18", None, ["nguyen thi thanh", "mai van tuong"])
    assert (inspection.date.iso(), inspection.chair, inspection.participants) == (
        "2024-10-18", "dinh van dien", ["dinh van dien"])
    assert (standing.type, standing.date.iso(), standing.chair) == ("meeting", "2024-10-17", None)
    assert set(standing.participants) == {"nguyen thi thanh", "doan minh huan"}


def test_vietnamese_delegation_led_by_and_a_ceremony_on_this_occasion():
    text = ("Chiều 13/6, đoàn công tác của Bộ Tư pháp do Thứ trưởng Nguyễn Thanh Tịnh làm trưởng đoàn đã làm việc "
            "với UBND tỉnh Quảng Trị. "
            "Tiếp và làm việc với đoàn có Phó Chủ tịch UBND tỉnh Hoàng Nam. "
            "Dịp này, UBND tỉnh tổ chức lễ công bố quyết định bổ nhiệm bà Lê Thị Hương giữ chức Giám đốc Sở Nội vụ. "
            "Phó Chủ tịch UBND tỉnh Hoàng Nam trao quyết định.")
    persons = [person(text, "Nguyễn Thanh Tịnh"), person(text, "Hoàng Nam"), person(text, "Lê Thị Hương")]
    meeting, ceremony = events(text, "vi", persons, published=PartialDate(2025, 6, 14))
    assert (meeting.type, meeting.chair, meeting.participants) == (
        "meeting", "nguyễn thanh tịnh", ["nguyễn thanh tịnh", "hoàng nam"])
    assert (ceremony.type, ceremony.date.iso(), ceremony.chair) == ("appointment", "2025-06-13", None)
    assert set(ceremony.participants) == {"lê thị hương", "hoàng nam"}


def test_indonesian_ceremony_announcing_an_appointment_and_a_visit_the_day_before():
    text = ("Pada tanggal 15 Juli, delegasi yang dipimpin oleh Hoang Minh Hieu melakukan pertemuan dengan pemilih. "
            "Sehari sebelumnya, delegasi mengunjungi proyek jalan tol. "
            "Pada hari yang sama, Komite Rakyat Provinsi mengadakan upacara untuk mengumumkan keputusan pengangkatan "
            "Bapak Tran Van Hai sebagai Direktur. Wakil Ketua Bui Dinh Long menyerahkan keputusan tersebut.")
    persons = [person(text, "Hoang Minh Hieu"), person(text, "Tran Van Hai"), person(text, "Bui Dinh Long")]
    found = events(text, "id", persons, published=PartialDate(2025, 7, 16))
    assert [(e.type, e.date.iso(), e.chair) for e in found] == [
        ("meeting", "2025-07-15", "hoang minh hieu"), ("meeting", "2025-07-14", None),
        ("appointment", "2025-07-15", None)]
    assert set(found[2].participants) == {"tran van hai", "bui dinh long"}


def test_a_reception_is_a_meeting_but_receiving_an_order_or_goods_is_not():
    text = ("Prime Minister Pham Minh Chinh received Japanese Ambassador Ito Naoki in Hanoi on July 14. "
            "On July 12, Chinh received the Gold Star Order. On July 9, the province received 3,000 tonnes of rice.")
    persons = [person(text, "Pham Minh Chinh", "Chinh")]
    found = events(text, "en", persons, published=PartialDate(2025, 7, 16))
    assert [(e.type, e.date.iso(), e.participants) for e in found] == [("meeting", "2025-07-14", ["pham minh chinh"])]
    text = "Chiều 8/7, Thủ tướng Phạm Minh Chính tiếp tục chỉ đạo công tác phòng chống bão."
    assert events(text, "vi", [person(text, "Phạm Minh Chính")], published=PartialDate(2025, 7, 16)) == []


def test_occasions_still_to_come_and_a_site_inspection():
    text = ("Sebelumnya, pada 10 Juli, Kamerad Nguyen Duy Lam melakukan inspeksi lapangan terhadap proyek jalan. "
            "Rencananya, pada 20 Juli, Komite Rakyat Provinsi akan mengadakan rapat. "
            "On July 14, the committee will hold a conference on the plan.")
    (e,) = events(text, "id", [person(text, "Nguyen Duy Lam")], published=PartialDate(2025, 7, 15))
    assert (e.type, e.date.iso(), e.participants) == ("meeting", "2025-07-10", ["nguyen duy lam"])
