"""Vietnamese personal names in Indonesian, English and Vietnamese text (kg.extract.persons)."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.extract.model import Extraction


def extract(text: str) -> Extraction:
    ex = extract_article(text, "t.txt")
    for p in ex.persons:
        assert p.mentions, p
        for m in p.mentions:
            assert text[m.start:m.end] == m.quote
    return ex


def names(text: str) -> list[str]:
    return [p.normalized for p in extract(text).persons]


def person(ex: Extraction, normalized: str):
    found = [p for p in ex.persons if p.normalized == normalized]
    assert found, [p.normalized for p in ex.persons]
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("Bahasa Indonesia: Kamerad Le Van Thanh memimpin rapat di Hai Phong.", ["Le Van Thanh"]),
    ("Bahasa Indonesia: Turut hadir Bapak Pham Quang Hieu dan Ibu Ha Thi Nga.", ["Pham Quang Hieu", "Ha Thi Nga"]),
    ("Language: en\n\nComrade Do Van Chien and Mr Tran Luu Quang attended.", ["Do Van Chien", "Tran Luu Quang"]),
    ("Đồng chí Trịnh Văn Chiến phát biểu. Bà Nguyễn Thị Kim Ngân dự.", ["Trinh Van Chien", "Nguyen Thi Kim Ngan"]),
    ("Dong chi Trinh Van Chien phat bieu tai hoi nghi cua tinh.", ["Trinh Van Chien"]),
])
def test_names_after_honorifics_in_three_languages(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Language: en\n\nDeputy Prime Minister Tran Hong Ha chaired the session.", ["Tran Hong Ha"]),
    ("Bahasa Indonesia: Wakil Perdana Menteri Tetap Nguyen Hoa Binh berbicara.", ["Nguyen Hoa Binh"]),
    ("Phó Chủ tịch UBND tỉnh Đậu Thanh Tùng dự hội nghị.", ["Dau Thanh Tung"]),
    ("Language: en\n\nMinister of Home Affairs Pham Thi Thanh Tra spoke.", ["Pham Thi Thanh Tra"]),
])
def test_names_after_titles(text, expected):
    assert names(text) == expected


def test_name_without_surname_after_a_title_or_honorific():
    # an Ede name: "Y" plus syllables that do not look Kinh
    ex = extract("Phát biểu tại hội nghị, đồng chí Y Jút Byă, Phó Chủ tịch UBND tỉnh cho biết.")
    assert [p.name for p in ex.persons] == ["Y Jút Byă"]


def test_bare_names_by_family_name():
    assert names("Language: en\n\nLe Minh Hung asked the new secretary to keep unity.") == ["Le Minh Hung"]


def test_province_inside_a_person_name_is_not_a_place_and_the_province_is_not_a_person():
    ex = extract("Bahasa Indonesia: Kamerad Nguyen Hoa Binh mengunjungi provinsi Hoa Binh. Hoa Binh dan "
                 "Ha Tinh mengirim delegasi.")
    assert [p.normalized for p in ex.persons] == ["Nguyen Hoa Binh"]
    assert [m.quote for m in ex.persons[0].mentions] == ["Nguyen Hoa Binh"]


def test_city_names_are_not_persons():
    assert names("Bahasa Indonesia: Model yang baik seperti Da Nang, Hanoi, Quang Ninh, Kota Ho Chi Minh...") == []
    assert names("Language: en\n\nThe delegation flew from Ho Chi Minh City to Lam Dong and Cao Bang.") == []


def test_province_before_a_name_is_skipped():
    ex = extract("Bí thư Tỉnh ủy Thái Nguyên Trịnh Việt Hùng phát biểu.")
    assert [p.name for p in ex.persons] == ["Trịnh Việt Hùng"]


def test_person_named_like_a_province_after_family_name():
    # "Quang Nam" is a province; "Tran Quang Nam" is a person
    assert names("Bahasa Indonesia: Kamerad Tran Quang Nam lahir tahun 1975 di Quang Nam.") == ["Tran Quang Nam"]


def test_places_and_streets_in_lists_are_not_persons():
    assert names("Bahasa Indonesia: Kabupaten Huong Son dan Cam Xuyen sedang menyelesaikan dokumen.") == []
    assert names("Language: en\n\nThe new Lang Nu village in Bao Yen District was finished.") == []
    assert names("Trụ sở nằm trên đường Lê Lợi, thành phố Buôn Ma Thuột.") == []


def test_tone_marks_decide_family_names():
    # "Đảng" (Party) is not the family name "Đặng"; "Thái Lan" is a country
    assert names("Đảng Cộng sản Việt Nam lãnh đạo. Đoàn sang Thái Lan và Hàn Quốc.") == []


def test_one_person_per_name_with_and_without_diacritics():
    ex = extract("Language: en\n\nMinister of Finance Nguyễn Văn Thắng reported. Later, Minister Nguyen Van Thang "
                 "answered questions.")
    assert len(ex.persons) == 1
    p = ex.persons[0]
    assert p.key == "nguyen van thang"
    assert p.normalized == "Nguyen Van Thang"
    assert p.native == "Nguyễn Văn Thắng"
    assert p.name == "Nguyễn Văn Thắng"
    assert [m.quote for m in p.mentions] == ["Nguyễn Văn Thắng", "Nguyen Van Thang"]


def test_ascii_text_has_no_native_form():
    p = extract("Bahasa Indonesia: Kamerad Dau Thanh Tung hadir.").persons[0]
    assert (p.name, p.normalized, p.native, p.key) == ("Dau Thanh Tung", "Dau Thanh Tung", None, "dau thanh tung")


def test_short_reference_is_linked_when_unambiguous():
    ex = extract("Đồng chí Lê Hồng Vinh, Chủ tịch UBND tỉnh Nghệ An phát biểu. Ông Vinh cho biết tỉnh tăng trưởng.")
    assert [m.quote for m in person(ex, "Le Hong Vinh").mentions] == ["Lê Hồng Vinh", "Vinh"]


def test_short_reference_is_left_out_when_ambiguous():
    ex = extract("Language: en\n\nDoan Quoc Hung and Le Minh Hung met. Mr Hung said the plan was ready.")
    assert sorted(p.normalized for p in ex.persons) == ["Doan Quoc Hung", "Le Minh Hung"]
    assert all(len(p.mentions) == 1 for p in ex.persons)


def test_names_in_page_chrome_are_ignored():
    raw = "Bahasa Indonesia: Kamerad Le Van A hadir.\n[iklan_2]\nSumber: https://baothanhhoa.vn/x-1.htm\nKomentar (0)"
    assert names(raw) == ["Le Van A"]


def test_names_inside_institution_names_are_not_persons():
    assert names("Bahasa Indonesia: Sekolah Menengah Atas Phan Boi Chau dan Rumah Sakit Umum Hoang Mai dibangun.") == []


def test_streets_lines_and_islands_named_after_persons_are_not_persons():
    assert names("Language: en\n\nThe Cat Linh - Ha Dong metro line opened. Nguyen Hue pedestrian street and "
                 "Le Duan Boulevard were closed near the Truong Sa archipelago exhibition.") == []


def test_a_person_named_like_a_city_does_not_take_the_citys_mentions():
    ex = extract("Bahasa Indonesia: Mereka mengunjungi kampung halaman Presiden Ho Chi Minh. Kota Ho Chi Minh dan "
                 "Ho Chi Minh berkembang.")
    assert [[m.quote for m in p.mentions] for p in ex.persons] == [["Ho Chi Minh"]]
    assert ex.persons[0].mentions[0].start == ex.text.index("Ho Chi Minh")


def test_places_in_longer_lists_after_a_locative_or_with_a_place_apposition_are_not_persons():
    assert names("Bahasa Indonesia: Hujan deras di kabupaten Huong Son, Ky Anh dan Cam Xuyen kemarin.") == []
    assert names("Bahasa Indonesia: Tanah longsor di Lang Nu, komune Phuc Khanh, menewaskan warga.") == []
    assert names("Lũ quét ở Làng Nủ, xã Phúc Khánh gây thiệt hại lớn.") == []
    # written once as a place, the name is a place everywhere in the article
    assert names("Bahasa Indonesia: Di distrik Cam Xuyen hujan deras. Cam Xuyen mengalami banjir besar.") == []
    # a person in apposition after a province's name, and a person with a title, are still persons
    assert names("Bahasa Indonesia: Sekretaris Komite Partai Provinsi Quang Tri, Le Van Binh, hadir di rapat.") == [
        "Le Van Binh"]
    assert names("Bahasa Indonesia: Di rapat, Kamerad Le Van Binh berbicara.") == ["Le Van Binh"]


def test_a_given_name_alone_is_a_later_mention_but_not_inside_a_place_name():
    ex = extract("Language: en\n\nPrime Minister Pham Minh Chinh chaired the meeting in Hanoi. Earlier, Chinh met "
                 "bankers; the plan was approved by Chinh. Secretary Lam Thi Thu Ha visited Ha Long.")
    chinh = person(ex, "Pham Minh Chinh")
    assert [m.quote for m in chinh.mentions] == ["Pham Minh Chinh", "Chinh", "Chinh"]
    assert [m.quote for m in person(ex, "Lam Thi Thu Ha").mentions] == ["Lam Thi Thu Ha"]


def test_an_english_word_opening_a_sentence_is_no_given_name():
    ex = extract("Language: en\n\nMinister of Justice Le Thanh Long spoke. Long queues formed at the border. The "
                 "plan was approved by Long.")
    assert [m.quote for m in person(ex, "Le Thanh Long").mentions] == ["Le Thanh Long", "Long"]
    assert person(ex, "Le Thanh Long").mentions[-1].start > ex.text.index("approved")
