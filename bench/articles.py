"""Deterministic synthetic news articles in Indonesian, English and Vietnamese, for extraction throughput.

Articles are written from templates in the style of the development articles
(tests/fixtures/articles): a header block, a lead sentence with a date, a place and a meeting chaired
by an official with a title and a body, attendees with titles, a directive with its number, a few
statistics, and a closing paragraph. Names come from the reference data: provinces from
seeds/reference/areas.csv, titles from titles.yaml (their per-language forms), bodies from
bodies.yaml. Persons are composed from common Vietnamese family, middle and given names.

The articles are for measuring speed and memory, not quality: there is no gold digest, and a
template sentence is not guaranteed to be extracted the way a reporter's sentence would be.

    python bench/articles.py --count 300 -o /tmp/articles        # writes 300 .txt files
    python bench/articles.py --count 3 -o -                      # prints them

The same `--count` and `--seed` give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.reference import Reference, load_reference  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
          "Đinh", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Xuân", "Hồng", "Ngọc", "Công", "Đình", "Thế"]
GIVEN = ["Bình", "Hòa", "Hùng", "Dũng", "Hải", "Nam", "Phúc", "Thắng", "Tuấn", "Lan", "Hương", "Sơn", "Trung",
         "Khánh", "Cường", "Thành", "Huệ", "Ngân", "Tâm", "Yến", "Đạt", "Vinh", "Hiếu"]
LANGS = ("id", "en", "vi")

# Titles the templates use, by id in titles.yaml (their first form per language is written out)
PROVINCIAL = [
    "chairman-provincial-peoples-committee",
    "vice-chairman-provincial-peoples-committee",
    "secretary-provincial-party-committee",
    "deputy-secretary-provincial-party-committee",
    "chairman-provincial-peoples-council",
]
TOPICS = {
    "en": ["socio-economic development", "public investment disbursement", "administrative reform",
           "digital transformation", "flood prevention", "new rural development"],
    "vi": ["phát triển kinh tế - xã hội", "giải ngân vốn đầu tư công", "cải cách hành chính", "chuyển đổi số",
           "phòng chống thiên tai", "xây dựng nông thôn mới"],
    "id": ["pembangunan sosial-ekonomi", "pencairan investasi publik", "reformasi administrasi",
           "transformasi digital", "pencegahan banjir", "pembangunan pedesaan baru"],
}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]


def ascii_name(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@dataclass
class Person:
    vi: str
    title: str  # title id in titles.yaml

    @property
    def ascii(self) -> str:
        return ascii_name(self.vi)


class Writer:
    def __init__(self, ref: Reference, seed: int = 42):
        self.rng = random.Random(seed)
        self.ref = ref
        self.provinces = sorted(
            (a for a in ref.areas.values() if a.level in ("province", "municipality") and not a.valid_from),
            key=lambda a: a.id,
        )
        self.titles = {t: ref.titles[t] for t in PROVINCIAL if t in ref.titles}

    def person(self, title: str) -> Person:
        r = self.rng
        return Person(f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}", title)

    def title_form(self, person: Person, lang: str) -> str:
        t = self.titles.get(person.title)
        if t is None:
            return {"en": "official", "vi": "cán bộ", "id": "pejabat"}[lang]
        forms = t.forms.get(lang) or t.forms.get("en") or [t.en]
        return forms[0]

    def article(self, n: int) -> tuple[str, str]:
        """(file name, text) of article number n."""
        r = self.rng
        lang = LANGS[n % 3]
        area = r.choice(self.provinces)
        p = area.name_vi if lang == "vi" else area.name_en
        year = r.choice([2023, 2024, 2025])
        month, day = r.randint(1, 12), r.randint(1, 28)
        chair = self.person(r.choice(PROVINCIAL))
        others = [self.person(r.choice(PROVINCIAL)) for _ in range(r.randint(1, 3))]
        speaker = self.person("director-department")
        topic_i = r.randrange(len(TOPICS["en"]))
        number = f"{r.randint(1, 200)}/NQ-{r.choice(['CP', 'TU', 'HĐND'])}"
        growth = f"{r.randint(1, 15)},{r.randint(0, 9)}" if lang != "en" else f"{r.randint(1, 15)}.{r.randint(0, 9)}"
        money = r.randint(100, 9000)
        households = r.randint(100, 20000)

        def who(x: Person) -> str:
            name = x.vi if lang == "vi" else x.ascii
            post = self.title_form(x, lang)  # the title's form names the body: add the province
            return {"en": f"{name}, {post} of {p}",
                    "vi": f"đồng chí {name}, {post} {p}",
                    "id": f"Kamerad {name}, {post} {p}"}[lang]

        topic = TOPICS[lang][topic_i]
        if lang == "en":
            date = f"{MONTHS_EN[month - 1]} {day}, {year}"
            title = f"{p} reviews {topic}"
            body = [
                f"On {date}, {who(chair)}, chaired a meeting in {p} to review {topic} and set tasks for the coming "
                "months.",
                "Attending the meeting were " + "; ".join(who(x) for x in others) + ".",
                f"According to the report presented by {speaker.ascii}, Director of the Department of Finance, the "
                f"province's industrial production index rose {growth}% over the same period last year, and public "
                f"investment disbursement reached {money} billion VND.",
                f"The meeting discussed the implementation of Resolution {number} on {topic}. More than "
                f"{households:,} households have benefited from the programme.",
                f"Concluding the meeting, {chair.ascii.split()[-1]} asked departments and localities to speed up "
                "the work and report results before the end of the quarter.",
            ]
        elif lang == "id":
            date = f"{day} {MONTHS_ID[month - 1]} {year}"
            title = f"{p} meninjau {topic}"
            body = [
                f"Pada tanggal {date}, {who(chair)}, memimpin rapat di {p} untuk meninjau {topic} dan menetapkan "
                "tugas-tugas utama untuk bulan-bulan mendatang.",
                "Turut hadir dalam rapat tersebut " + "; ".join(who(x) for x in others) + ".",
                f"Menurut laporan yang disampaikan oleh Kamerad {speaker.ascii}, Direktur Departemen Keuangan, "
                f"indeks produksi industri provinsi meningkat {growth}% dibandingkan periode yang sama tahun lalu. "
                f"Penyaluran modal investasi publik mencapai {money} miliar VND.",
                f"Rapat tersebut membahas pelaksanaan Resolusi No. {number} tentang {topic}. Lebih dari "
                f"{households:,} rumah tangga".replace(",", ".") + " telah menerima manfaat dari program tersebut.",
                f"Menutup rapat, Kamerad {chair.ascii} meminta departemen dan daerah untuk mempercepat pekerjaan.",
            ]
        else:
            date = f"ngày {day}/{month}/{year}"
            title = f"{p} đánh giá {topic}"
            body = [
                f"Sáng {date}, {who(chair)} chủ trì hội nghị tại {p} để đánh giá tình hình {topic} và triển khai "
                "nhiệm vụ thời gian tới.",
                "Cùng dự hội nghị có " + "; ".join(who(x) for x in others) + ".",
                f"Theo báo cáo của đồng chí {speaker.vi}, Giám đốc Sở Tài chính, chỉ số sản xuất công nghiệp của "
                f"tỉnh tăng {growth}% so với cùng kỳ năm trước; giải ngân vốn đầu tư công đạt {money} tỷ đồng.",
                f"Hội nghị thảo luận việc thực hiện Nghị quyết số {number} về {topic}. Hơn "
                f"{households:,}".replace(",", ".") + " hộ dân đã được hưởng lợi từ chương trình.",
                f"Kết luận hội nghị, đồng chí {chair.vi} yêu cầu các sở, ngành, địa phương đẩy nhanh tiến độ.",
            ]
        header = [
            f"Source: https://news.example.invalid/{lang}/{year}/{n:06d}",
            f"Language: {lang}",
            f"Published: {year}-{month:02d}-{day:02d}",
            f"Title: {title}",
            "",
        ]
        return f"synthetic_{lang}_{n:06d}.txt", "\n".join(header) + "\n" + "\n\n".join(body) + "\n"


def write_articles(count: int, folder: Path, seed: int = 42) -> list[Path]:
    writer = Writer(load_reference(), seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        name, text = writer.article(n)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("-o", "--output", default="-", help="folder to write into, - for stdout")
    args = ap.parse_args(argv)
    if args.output == "-":
        writer = Writer(load_reference(), args.seed)
        for n in range(args.count):
            name, text = writer.article(n)
            sys.stdout.write(f"==> {name} <==\n{text}\n")
        return 0
    paths = write_articles(args.count, Path(args.output), args.seed)
    print(f"{len(paths)} articles in {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
