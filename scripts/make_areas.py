"""Generate `seeds/reference/areas.csv`: Vietnam, its 63 provinces and centrally-run cities as of
January 2025, and the 34 units in force from 2025-07-01.

Run once, from the project root, with the `refdata` extra installed:

    .venv/bin/python scripts/make_areas.py            # writes seeds/reference/areas.csv
    .venv/bin/python scripts/make_areas.py -o -       # to stdout

Sources (both read from the installed packages, no network):

* `vietnamadminunits` 1.0.4 by Hieu Tran, MIT licence: the 63-unit set (table `admin_units_legacy`
  of its `data/dataset.db`), the 34-unit set from 2025-07-01 (table `admin_units`) and the
  old-to-new province mapping (`DICT_PROVINCE` in `data/converter_2025.json`), which follows
  National Assembly Resolution 202/2025/QH15. Vietnamese names come from here.
* `pycountry` 26.2.16, LGPL-2.1 (data from Debian's iso-codes): the ISO 3166-2:VN codes of the 63 units.
  ISO has no codes for the units created on 2025-07-01, so those rows leave `iso_code` empty.

English names and the alias spellings in `EXTRA` below are the project's own, compiled from
common usage in English, Indonesian and Vietnamese news.

Rules: an area's id is the slug of its English name; a 2025 unit whose name an older unit already
used gets `-2025`. The 11 units not merged in 2025 are one row each, valid throughout. Districts
and communes are not generated. Output is deterministic: same packages, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

import pycountry
import vietnamadminunits

from kg.ids import fold, slug
from kg.reference import AREA_COLUMNS

MERGER_DAY = "2025-07-01"
LAST_DAY_BEFORE = "2025-06-30"
EXPECTED_VERSIONS = {"vietnamadminunits": "1.0.4", "pycountry": "26.2.16"}

# The units of 2025-07-01 that took in no other unit (National Assembly Resolution 202/2025/QH15).
UNCHANGED = {"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Cao Bằng"}

# English names that are not simply the Vietnamese name without diacritics.
NAME_EN = {
    "Hà Nội": "Hanoi",
    "Hồ Chí Minh": "Ho Chi Minh City",
    "Bà Rịa - Vũng Tàu": "Ba Ria-Vung Tau",
}

# Vietnamese names where the short name from the package is not what is written
# (Ho Chi Minh alone is the person, so the city keeps "Thành phố").
NAME_VI = {"Hồ Chí Minh": "Thành phố Hồ Chí Minh"}

# pycountry names that differ from the package's after folding (Thua Thien Hue became Hue on 2025-01-01).
ISO_NAME = {"Thừa Thiên-Huế": "Huế"}

# Further spellings seen in news, keyed by the Vietnamese short name.
EXTRA: dict[str, list[str]] = {
    "Hà Nội": ["Ha Noi", "Hanoi City", "Ha Noi City", "Kota Hanoi", "HN"],
    "Hồ Chí Minh": ["Ho Chi Minh", "Hồ Chí Minh", "HCMC", "HCM City", "HCM", "TP.HCM", "TP. HCM", "TP HCM", "TPHCM",
                    "TP. Hồ Chí Minh", "TP Hồ Chí Minh", "TP.Hồ Chí Minh", "Thanh pho Ho Chi Minh",
                    "Kota Ho Chi Minh", "Saigon", "Sai Gon", "Sài Gòn"],
    "Huế": ["Hue City", "Thua Thien Hue", "Thua Thien-Hue", "Thừa Thiên Huế", "Thừa Thiên-Huế", "TT-Huế"],
    "Đà Nẵng": ["Danang", "Da Nang City"],
    "Hải Phòng": ["Haiphong", "Hai Phong City"],
    "Cần Thơ": ["Cantho", "Can Tho City"],
    "Bà Rịa - Vũng Tàu": ["Ba Ria - Vung Tau", "Ba Ria Vung Tau", "Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT"],
    "Đắk Lắk": ["Daklak", "DakLak", "Đăk Lăk", "Đắc Lắc"],
    "Đắk Nông": ["Daknong", "Đăk Nông"],
    "Bắc Kạn": ["Bac Can", "Bắc Cạn"],
    "Kon Tum": ["Kontum"],
}

COUNTRY = {
    "id": "vietnam", "level": "country", "name_en": "Vietnam", "name_vi": "Việt Nam",
    "aliases": "|".join(["Viet Nam", "Socialist Republic of Vietnam", "Socialist Republic of Viet Nam",
                         "Cộng hòa Xã hội Chủ nghĩa Việt Nam", "Republik Sosialis Vietnam"]),
}

# New-style tone placement (hòa, thủy) -> old style (hoà, thuỷ), still common in Vietnamese text.
_OLD_STYLE_PAIRS = ("oa", "oe", "uy")


def ascii_name(text: str) -> str:
    """Strip diacritics but keep case: "Đắk Lắk" -> "Dak Lak"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def old_style_tone(text: str) -> str:
    """Move a tone mark from the first to the second vowel of a final oa/oe/uy ("Hòa" -> "Hoà")."""
    words = []
    for word in text.split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        base = "".join(c for c in decomposed if not unicodedata.combining(c) or c in "\u0302\u0306\u031b")
        marks = [c for c in decomposed if unicodedata.combining(c) and c not in "\u0302\u0306\u031b"]
        low = unicodedata.normalize("NFC", base).lower()
        if len(marks) == 1 and any(low.endswith(p) for p in _OLD_STYLE_PAIRS):
            # put the tone on the final letter instead
            word = unicodedata.normalize("NFC", unicodedata.normalize("NFC", base) + marks[0])
        words.append(word)
    return " ".join(words)


def package_data() -> tuple[list[dict], list[dict], dict[str, list[str]]]:
    """The legacy units, the 2025 units and the new->old mapping, straight from vietnamadminunits."""
    data_dir = Path(vietnamadminunits.__file__).parent / "data"
    with sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        legacy, current = (
            [dict(r) for r in conn.execute(
                f"SELECT DISTINCT province, provinceShort, provinceKey FROM [{table}] ORDER BY provinceKey")]
            for table in ("admin_units_legacy", "admin_units")
        )
    mapping = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return legacy, current, mapping


def iso_codes() -> dict[str, str]:
    """Folded Vietnamese short name -> ISO 3166-2 code."""
    codes = {}
    for sub in pycountry.subdivisions.get(country_code="VN"):
        codes[fold(ISO_NAME.get(sub.name, sub.name))] = sub.code
    return codes


def aliases_for(short_vi: str, name_en: str, name_vi: str) -> list[str]:
    candidates = [short_vi, ascii_name(short_vi), old_style_tone(short_vi), *EXTRA.get(short_vi, [])]
    seen = {name_en, name_vi}
    out = []
    for c in candidates:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return out


def row(area_id: str, unit: dict, iso: str, **extra: str) -> dict[str, str]:
    short_vi = unit["provinceShort"]
    name_en = NAME_EN.get(short_vi, ascii_name(short_vi))
    name_vi = NAME_VI.get(short_vi, short_vi)
    return {
        "id": area_id,
        "level": "municipality" if unit["province"].startswith("Thành phố ") else "province",
        "name_en": name_en, "name_vi": name_vi, "iso_code": iso, "parent_id": "vietnam",
        "valid_from": "", "valid_until": "", "successor_ids": "",
        "aliases": "|".join(aliases_for(short_vi, name_en, name_vi)),
        **extra,
    }


def base_id(unit: dict) -> str:
    return slug(NAME_EN.get(unit["provinceShort"], ascii_name(unit["provinceShort"])))


def build_rows() -> list[dict[str, str]]:
    legacy, current, mapping = package_data()
    if len(legacy) != 63 or len(current) != 34:
        sys.exit(f"expected 63 legacy and 34 current units, got {len(legacy)} and {len(current)}")
    codes = iso_codes()
    old_by_key = {u["provinceKey"]: u for u in legacy}
    new_by_key = {u["provinceKey"]: u for u in current}
    if set(mapping) != set(new_by_key) or sorted(k for ks in mapping.values() for k in ks) != sorted(old_by_key):
        sys.exit("converter_2025.json does not map the 63 legacy units onto the 34 current ones, each once")
    unchanged = {key for key, olds in mapping.items() if olds == [key]}
    if {new_by_key[k]["provinceShort"] for k in unchanged} != UNCHANGED:
        sys.exit("the package's set of unmerged units differs from UNCHANGED")

    old_ids = {base_id(u) for u in legacy}
    new_ids = {key: base_id(u) + ("-2025" if base_id(u) in old_ids else "") for key, u in new_by_key.items()}
    successor_of = {old: new for new, olds in mapping.items() for old in olds}

    rows = []
    for key, old in old_by_key.items():
        iso = codes.get(fold(old["provinceShort"]))
        if not iso:
            sys.exit(f"no ISO 3166-2 code for {old['province']}")
        if key in unchanged:  # one row, valid throughout
            rows.append(row(base_id(old), old, iso))
        else:
            rows.append(row(base_id(old), old, iso, valid_until=LAST_DAY_BEFORE,
                            successor_ids=new_ids[successor_of[key]]))
    for key, new in new_by_key.items():
        if key not in unchanged:  # no ISO code has been assigned to the units of 2025-07-01
            rows.append(row(new_ids[key], new, "", valid_from=MERGER_DAY))
    rows.sort(key=lambda r: r["id"])
    country = {c: "" for c in AREA_COLUMNS} | COUNTRY
    return [country, *rows]


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=AREA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", default=str(Path(__file__).resolve().parent.parent
                                                       / "seeds" / "reference" / "areas.csv"),
                        help="output file, or - for stdout")
    args = parser.parse_args(argv)
    for package, version in EXPECTED_VERSIONS.items():
        if metadata.version(package) != version:
            print(f"warning: {package} is {metadata.version(package)}, the credits name {version}", file=sys.stderr)
    text = render(build_rows())
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
