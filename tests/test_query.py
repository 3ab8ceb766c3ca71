"""The query library and runner: every query in queries/ against a hand-written fixture.

Data-driven over queries/: each file must parse, carry a complete header, keep required
patterns before OPTIONALs, and have its expected rows below, so none is forgotten.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.namespaces import KG as KG_TERMS
from kg.namespaces import PREFIXES
from kg.query import (
    FORMATS,
    PARAM_TYPES,
    Iri,
    QueryInfo,
    Result,
    format_result,
    inline_parameters,
    lint,
    list_queries,
    load_query,
    run_query,
)
from kg.resources import queries_dir

FIXTURE = Path(__file__).parent / "fixtures" / "sample.trig"
QUERY_NAMES = sorted(p.stem for p in queries_dir().glob("*.rq"))
ID = "https://w3id.org/kg-vn/id/"
KG, ORG, SCHEMA = PREFIXES["kg"], PREFIXES["org"], PREFIXES["schema"]


def I(key: str) -> str:  # noqa: E743 - reads like the IRI it builds
    return ID + key


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The fixture, loaded once; tests that write use their own store."""
    s = ox.Store()
    s.load(path=FIXTURE, format=ox.RdfFormat.TRIG)
    return s


@pytest.fixture
def fresh_store() -> ox.Store:
    s = ox.Store()
    s.load(path=FIXTURE, format=ox.RdfFormat.TRIG)
    return s


def run(store: ox.Store, name: str, **params: str) -> Result:
    return run_query(store, load_query(name), params)


# The sentences quoted by fact-sources.
A_MEETING = (
    "Ngày 16/5/2024, Phó Thủ tướng Nguyễn Văn An, Trưởng Ban Chỉ đạo cải cách hành chính, "
    "chủ trì phiên họp thứ 9 của Ban Chỉ đạo tại Hà Nội."
)
B_MEETING = (
    "On 8 March 2025, Deputy Prime Minister Nguyen Van An chaired the tenth meeting of the National Steering "
    "Committee on Administrative Reform in Ha Giang, with an online connection to Hanoi."
)
A_DIRECTIVES = (
    "Phiên họp thảo luận việc thực hiện Nghị quyết 18-NQ/TW và Chương trình tổng thể cải cách hành chính "
    "nhà nước giai đoạn 2021-2030."
)
B_DIRECTIVES = (
    "The meeting reviewed Decision 749/QD-TTg on the National Digital Transformation Programme and the "
    "Master Programme on State Administrative Reform 2021-2030."
)
# Expected rows on the fixture: query name -> [(params, rows)]. Every query in queries/ needs
# an entry (test_every_query_has_expected_rows); the first case also checks the columns.
EXPECTED = {
    "holdings": [
        (
            {},
            [
                [
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    "Chairman of the Ha Giang Provincial People's Committee",
                    "Ha Giang Provincial People's Committee",
                    None,
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    "Deputy Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    None,
                    "2023",
                    None,
                    "Former",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "Government of Vietnam",
                    "2023-01",
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "Government of Vietnam",
                    None,
                    None,
                    "2025-03-08",
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Head of the National Steering Committee on Administrative Reform",
                    "National Steering Committee on Administrative Reform",
                    None,
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Politburo",
                    "2021",
                    None,
                    None,
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Chairman of the Ha Giang Provincial People's Committee",
                    "Ha Giang Provincial People's Committee",
                    "2016",
                    "2020-10",
                    None,
                    "Former",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    "2020-10",
                    None,
                    "2025-03-08",
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "Ministry of Home Affairs",
                    None,
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "Ministry of Home Affairs",
                    "2021-04",
                    "2024",
                    None,
                    "Former",
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"as_of": "2024-12-31"},
            [
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "Government of Vietnam",
                    "2023-01",
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Politburo",
                    "2021",
                    None,
                    None,
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    "2020-10",
                    None,
                    "2025-03-08",
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "Ministry of Home Affairs",
                    "2021-04",
                    "2024",
                    None,
                    "Former",
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"person": "nguyễn", "as_of": "2024-05-16"},
            [
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "Government of Vietnam",
                    "2023-01",
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Head of the National Steering Committee on Administrative Reform",
                    "National Steering Committee on Administrative Reform",
                    None,
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Politburo",
                    "2021",
                    None,
                    None,
                    "Current",
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"person": "BINH"},
            [
                [
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "Ministry of Home Affairs",
                    None,
                    None,
                    "2024-05-16",
                    "Current",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "Ministry of Home Affairs",
                    "2021-04",
                    "2024",
                    None,
                    "Former",
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
    ],
    "post-holders": [
        (
            {"post": "deputy prime", "on": "2024-05-16"},
            [
                [
                    "Deputy Prime Minister of Vietnam",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "2023-01",
                    None,
                    "2024-05-17-reform-meeting.txt",
                ],
            ],
        ),
        (
            {"post": "Chủ tịch UBND", "on": "2020-10-31"},
            [
                [
                    "Chairman of the Ha Giang Provincial People's Committee",
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "2016",
                    "2020-10",
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"post": "minister", "on": "2025-01-01"},
            [
                [
                    "Deputy Prime Minister of Vietnam",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "2023-01",
                    None,
                    "2024-05-17-reform-meeting.txt",
                ],
            ],
        ),
    ],
    "body-members": [
        (
            {"body": "government"},
            [
                [
                    "Government of Vietnam",
                    "member",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    None,
                    None,
                ],
                [
                    "Government of Vietnam",
                    "member",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "2023-01",
                    None,
                ],
                [
                    "Government of Vietnam",
                    "sub-body",
                    I("org/ministry-of-home-affairs"),
                    "Ministry of Home Affairs",
                    None,
                    None,
                    None,
                ],
                [
                    "Government of Vietnam",
                    "sub-body",
                    I("org/admin-reform-steering-committee"),
                    "National Steering Committee on Administrative Reform",
                    None,
                    None,
                    None,
                ],
            ],
        ),
        (
            {"body": "MOHA"},
            [
                [
                    "Ministry of Home Affairs",
                    "member",
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    None,
                    None,
                ],
                [
                    "Ministry of Home Affairs",
                    "member",
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "2021-04",
                    "2024",
                ],
            ],
        ),
    ],
    "province-officials": [
        (
            {"province": "hà giang"},
            [
                [
                    "Ha Giang",
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    "Chairman of the Ha Giang Provincial People's Committee",
                    "Ha Giang Provincial People's Committee",
                    None,
                    None,
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    "Ha Giang",
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    "Deputy Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    None,
                    "2023",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    "Ha Giang",
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Chairman of the Ha Giang Provincial People's Committee",
                    "Ha Giang Provincial People's Committee",
                    "2016",
                    "2020-10",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    "Ha Giang",
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    "2020-10",
                    None,
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"province": "Ha Giang", "as_of": "2025-03-08"},
            [
                [
                    "Ha Giang",
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Ha Giang Provincial Party Committee",
                    "2020-10",
                    None,
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
    ],
    "meetings": [
        (
            {},
            [
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    "Meeting",
                    "Phiên họp thứ 9 của Ban Chỉ đạo cải cách hành chính",
                    9,
                    "National Steering Committee on Administrative Reform",
                    "Nguyễn Văn An",
                    "Lê Quốc Cường, Nguyễn Văn An, Trần Thị Bình",
                    "Hanoi",
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    "Meeting",
                    "Tenth meeting of the National Steering Committee on Administrative Reform",
                    10,
                    "National Steering Committee on Administrative Reform",
                    "Nguyễn Văn An",
                    "Lê Quốc Cường, Nguyễn Văn An, Pham Duc Dung",
                    "Ha Giang",
                ],
            ],
        ),
        (
            {"since": "2025-01-01"},
            [
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    "Meeting",
                    "Tenth meeting of the National Steering Committee on Administrative Reform",
                    10,
                    "National Steering Committee on Administrative Reform",
                    "Nguyễn Văn An",
                    "Lê Quốc Cường, Nguyễn Văn An, Pham Duc Dung",
                    "Ha Giang",
                ],
            ],
        ),
        (
            {"until": "2024-12-31"},
            [
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    "Meeting",
                    "Phiên họp thứ 9 của Ban Chỉ đạo cải cách hành chính",
                    9,
                    "National Steering Committee on Administrative Reform",
                    "Nguyễn Văn An",
                    "Lê Quốc Cường, Nguyễn Văn An, Trần Thị Bình",
                    "Hanoi",
                ],
            ],
        ),
    ],
    "attendance-capacity": [
        (
            {},
            [
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    "Chairman of the Ha Giang Provincial People's Committee",
                    "attested",
                ],
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "attested",
                ],
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Head of the National Steering Committee on Administrative Reform",
                    "chair capacity",
                ],
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "valid",
                ],
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    "2024-05-16",
                    I("person/tran-thi-binh"),
                    "Trần Thị Bình",
                    "Minister of Home Affairs",
                    "attested, valid",
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    None,
                    None,
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Deputy Prime Minister of Vietnam",
                    "attested, valid",
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "valid",
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "attested",
                ],
            ],
        ),
        (
            {"meeting": "event:2025-03-10-digital-review--1", "person": "cuong"},
            [
                [
                    I("event/2025-03-10-digital-review--1"),
                    "2025-03-08",
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    None,
                    None,
                ],
            ],
        ),
    ],
    "directives": [
        (
            {},
            [
                [
                    I("act/749-qd-ttg"),
                    "749/QD-TTg",
                    "Decision",
                    "Decision 749/QD-TTg on the National Digital Transformation Programme",
                    "Government of Vietnam",
                    "2020-06",
                    "2021-2025",
                    "2025-03-10-digital-review.txt",
                ],
                [
                    I("act/master-programme-on-state-administrative-reform-2021-2030"),
                    None,
                    "Programme",
                    "Master Programme on State Administrative Reform 2021-2030",
                    "Government of Vietnam",
                    None,
                    "2021-2030",
                    "2024-05-17-reform-meeting.txt, 2025-03-10-digital-review.txt",
                ],
                [
                    I("act/18-nq-tw"),
                    "18-NQ/TW",
                    "Resolution",
                    "Resolution 18-NQ/TW on streamlining the apparatus of the political system",
                    "Central Committee of the Communist Party of Vietnam",
                    "2017-10-25",
                    None,
                    "2024-05-17-reform-meeting.txt",
                ],
            ],
        ),
        (
            {"text": "18-nq"},
            [
                [
                    I("act/18-nq-tw"),
                    "18-NQ/TW",
                    "Resolution",
                    "Resolution 18-NQ/TW on streamlining the apparatus of the political system",
                    "Central Committee of the Communist Party of Vietnam",
                    "2017-10-25",
                    None,
                    "2024-05-17-reform-meeting.txt",
                ],
            ],
        ),
        (
            {"text": "chương trình"},
            [
                [
                    I("act/master-programme-on-state-administrative-reform-2021-2030"),
                    None,
                    "Programme",
                    "Master Programme on State Administrative Reform 2021-2030",
                    "Government of Vietnam",
                    None,
                    "2021-2030",
                    "2024-05-17-reform-meeting.txt, 2025-03-10-digital-review.txt",
                ],
            ],
        ),
    ],
    "statistics": [
        (
            {},
            [
                [
                    I("stat/2024-05-17-reform-meeting--1"),
                    "administrative procedures cut",
                    Decimal("12.5"),
                    "percent",
                    "12,5%",
                    "2023",
                    "Ha Giang",
                    "2024-05-17-reform-meeting.txt",
                ],
                [
                    I("stat/2025-03-10-digital-review--1"),
                    "electronic documents issued by ministries",
                    Decimal("12200000"),
                    "electronic documents",
                    "12.2 million",
                    "2024",
                    None,
                    "2025-03-10-digital-review.txt",
                ],
            ],
        ),
        (
            {"topic": "PROCEDURES"},
            [
                [
                    I("stat/2024-05-17-reform-meeting--1"),
                    "administrative procedures cut",
                    Decimal("12.5"),
                    "percent",
                    "12,5%",
                    "2023",
                    "Ha Giang",
                    "2024-05-17-reform-meeting.txt",
                ],
            ],
        ),
    ],
    "fact-sources": [
        (
            {"entity": "person:nguyen-van-an"},
            [
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    SCHEMA + "attendee",
                    A_MEETING,
                    0,
                    136,
                    "2024-05-17-reform-meeting.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    KG + "chair",
                    A_MEETING,
                    0,
                    136,
                    "2024-05-17-reform-meeting.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("holding/nguyen-van-an--deputy-prime-minister--government--2024-05-17-reform-meeting"),
                    ORG + "member",
                    A_MEETING,
                    0,
                    136,
                    "2024-05-17-reform-meeting.txt",
                    "title-before-name",
                    Decimal("0.9"),
                ],
                [
                    I(
                        "holding/nguyen-van-an--steering-committee-head--admin-reform-steering-committee--2024-05-17-reform-meeting"
                    ),
                    ORG + "member",
                    A_MEETING,
                    0,
                    136,
                    "2024-05-17-reform-meeting.txt",
                    "apposition-title",
                    Decimal("0.85"),
                ],
                [
                    I("person/nguyen-van-an"),
                    KG + "mentionedIn",
                    "Nguyễn Văn An",
                    30,
                    43,
                    "2024-05-17-reform-meeting.txt",
                    None,
                    None,
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    SCHEMA + "attendee",
                    B_MEETING,
                    0,
                    187,
                    "2025-03-10-digital-review.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    KG + "chair",
                    B_MEETING,
                    0,
                    187,
                    "2025-03-10-digital-review.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("holding/nguyen-van-an--deputy-prime-minister--government--2025-03-10-digital-review"),
                    ORG + "member",
                    B_MEETING,
                    0,
                    187,
                    "2025-03-10-digital-review.txt",
                    "title-before-name",
                    Decimal("0.9"),
                ],
                [
                    I("person/nguyen-van-an"),
                    KG + "mentionedIn",
                    "Nguyen Van An",
                    39,
                    52,
                    "2025-03-10-digital-review.txt",
                    None,
                    None,
                ],
                [
                    I("person/nguyen-van-an"),
                    KG + "mentionedIn",
                    "Nguyen Van An",
                    427,
                    440,
                    "2025-03-10-digital-review.txt",
                    None,
                    None,
                ],
                [
                    I("holding/nguyen-van-an--politburo-member--politburo--2025-03-10-digital-review"),
                    ORG + "member",
                    "Nguyen Van An has been a member of the Politburo since 2021.",
                    427,
                    487,
                    "2025-03-10-digital-review.txt",
                    "member-since",
                    Decimal("0.9"),
                ],
            ],
        ),
        (
            {"entity": I("act/master-programme-on-state-administrative-reform-2021-2030")},
            [
                [
                    I("event/2024-05-17-reform-meeting--1"),
                    SCHEMA + "about",
                    A_MEETING,
                    0,
                    136,
                    "2024-05-17-reform-meeting.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("act/master-programme-on-state-administrative-reform-2021-2030"),
                    None,
                    A_DIRECTIVES,
                    227,
                    356,
                    "2024-05-17-reform-meeting.txt",
                    "programme-title",
                    Decimal("0.8"),
                ],
                [
                    I("event/2025-03-10-digital-review--1"),
                    SCHEMA + "about",
                    B_MEETING,
                    0,
                    187,
                    "2025-03-10-digital-review.txt",
                    "meeting-sentence",
                    Decimal("0.95"),
                ],
                [
                    I("act/master-programme-on-state-administrative-reform-2021-2030"),
                    None,
                    B_DIRECTIVES,
                    567,
                    723,
                    "2025-03-10-digital-review.txt",
                    "programme-title",
                    Decimal("0.9"),
                ],
            ],
        ),
    ],
    "party-and-state": [
        (
            {},
            [
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Deputy Prime Minister of Vietnam",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Head of the National Steering Committee on Administrative Reform",
                ],
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Chairman of the Ha Giang Provincial People's Committee",
                ],
            ],
        ),
        (
            {"as_of": "2020-10-15"},
            [
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    "Secretary of the Ha Giang Provincial Party Committee",
                    "Chairman of the Ha Giang Provincial People's Committee",
                ],
            ],
        ),
        (
            {"as_of": "2024-05-16"},
            [
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Deputy Prime Minister of Vietnam",
                ],
                [
                    I("person/nguyen-van-an"),
                    "Nguyễn Văn An",
                    "Member of the Politburo",
                    "Head of the National Steering Committee on Administrative Reform",
                ],
            ],
        ),
    ],
    "body-hierarchy": [
        (
            {"body": "government"},
            [
                ["Government of Vietnam", "Ministry of Home Affairs", "Ministry", "Government of Vietnam", 1],
                [
                    "Government of Vietnam",
                    "National Steering Committee on Administrative Reform",
                    "SteeringCommittee",
                    "Government of Vietnam",
                    1,
                ],
                [
                    "Government of Vietnam",
                    "Working Group of the Steering Committee on Administrative Reform",
                    "WorkingGroup",
                    "National Steering Committee on Administrative Reform",
                    2,
                ],
            ],
        ),
        (
            {"body": "Ban Chấp hành"},
            [
                [
                    "Central Committee of the Communist Party of Vietnam",
                    "Ha Giang Provincial Party Committee",
                    "PartyCommittee",
                    "Central Committee of the Communist Party of Vietnam",
                    1,
                ],
                [
                    "Central Committee of the Communist Party of Vietnam",
                    "Politburo",
                    "PartyOrgan",
                    "Central Committee of the Communist Party of Vietnam",
                    1,
                ],
            ],
        ),
    ],
    "person-documents": [
        (
            {"person": "Lê Quốc"},
            [
                [
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    I("doc/2024-05-17-reform-meeting"),
                    "2024-05-17-reform-meeting.txt",
                    "vi",
                    "2024-05-17",
                    1,
                ],
                [
                    I("person/le-quoc-cuong"),
                    "Lê Quốc Cường",
                    I("doc/2025-03-10-digital-review"),
                    "2025-03-10-digital-review.txt",
                    "en",
                    "2025-03-10",
                    2,
                ],
            ],
        ),
        (
            {"person": "dung"},
            [
                [
                    I("person/pham-duc-dung"),
                    "Pham Duc Dung",
                    I("doc/2025-03-10-digital-review"),
                    "2025-03-10-digital-review.txt",
                    "en",
                    "2025-03-10",
                    1,
                ],
            ],
        ),
    ],
    "co-attendance": [
        (
            {},
            [
                [I("person/le-quoc-cuong"), "Lê Quốc Cường", I("person/nguyen-van-an"), "Nguyễn Văn An", 2],
                [I("person/le-quoc-cuong"), "Lê Quốc Cường", I("person/pham-duc-dung"), "Pham Duc Dung", 1],
                [I("person/le-quoc-cuong"), "Lê Quốc Cường", I("person/tran-thi-binh"), "Trần Thị Bình", 1],
                [I("person/nguyen-van-an"), "Nguyễn Văn An", I("person/pham-duc-dung"), "Pham Duc Dung", 1],
                [I("person/nguyen-van-an"), "Nguyễn Văn An", I("person/tran-thi-binh"), "Trần Thị Bình", 1],
            ],
        ),
        (
            {"person": "dung"},
            [
                [I("person/le-quoc-cuong"), "Lê Quốc Cường", I("person/pham-duc-dung"), "Pham Duc Dung", 1],
                [I("person/nguyen-van-an"), "Nguyễn Văn An", I("person/pham-duc-dung"), "Pham Duc Dung", 1],
            ],
        ),
    ],
    "provinces": [
        (
            {},
            [
                [I("area/ha-giang"), "Ha Giang", "Hà Giang", "VN-03", "Province", None, "2025-06-30", "Tuyen Quang"],
                [I("area/ha-noi"), "Hanoi", "Hà Nội", "VN-HN", "Municipality", "2008-08-01", None, None],
                [I("area/tuyen-quang"), "Tuyen Quang", "Tuyên Quang", "VN-07", "Province", None, None, None],
            ],
        ),
        (
            {"as_of": "2025-07-01"},
            [
                [I("area/ha-noi"), "Hanoi", "Hà Nội", "VN-HN", "Municipality", "2008-08-01", None, None],
                [I("area/tuyen-quang"), "Tuyen Quang", "Tuyên Quang", "VN-07", "Province", None, None, None],
            ],
        ),
        (
            {"as_of": "2000-01-01"},
            [
                [I("area/ha-giang"), "Ha Giang", "Hà Giang", "VN-03", "Province", None, "2025-06-30", "Tuyen Quang"],
                [I("area/tuyen-quang"), "Tuyen Quang", "Tuyên Quang", "VN-07", "Province", None, None, None],
            ],
        ),
    ],
    "documents": [
        (
            {},
            [
                [
                    I("doc/2024-05-17-reform-meeting"),
                    "2024-05-17-reform-meeting.txt",
                    "vi",
                    "2024-05-17",
                    "https://example.org/news/2024-05-17-reform-meeting",
                    "Phiên họp thứ 9 của Ban Chỉ đạo cải cách hành chính",
                    8,
                    4,
                    1,
                    1,
                ],
                [
                    I("doc/2025-03-10-digital-review"),
                    "2025-03-10-digital-review.txt",
                    "en",
                    "2025-03-10",
                    "https://example.org/en/2025-03-10-digital-review",
                    "Steering committee reviews digital transformation",
                    10,
                    6,
                    1,
                    1,
                ],
            ],
        ),
        (
            {"lang": "VI"},
            [
                [
                    I("doc/2024-05-17-reform-meeting"),
                    "2024-05-17-reform-meeting.txt",
                    "vi",
                    "2024-05-17",
                    "https://example.org/news/2024-05-17-reform-meeting",
                    "Phiên họp thứ 9 của Ban Chỉ đạo cải cách hành chính",
                    8,
                    4,
                    1,
                    1,
                ],
            ],
        ),
    ],
}


# --------------------------------------------------------------------------- the library


def test_every_query_has_expected_rows():
    assert sorted(EXPECTED) == QUERY_NAMES
    assert len(QUERY_NAMES) >= 14


def test_list_queries_is_the_folder_sorted():
    assert [q.name for q in list_queries()] == QUERY_NAMES


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_header_is_complete(name):
    info = load_query(name)
    assert info.title and info.purpose and info.columns, name
    assert len(set(info.columns)) == len(info.columns)
    for p in info.params:
        assert p.type in PARAM_TYPES and p.description, (name, p)
        assert p.name not in info.columns, f"{name}: parameter {p.name} would shadow a column"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_required_patterns_come_before_optionals(name):
    assert lint(load_query(name).text) == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_uses_only_declared_kg_terms(name):
    body = "\n".join(line for line in load_query(name).text.splitlines() if not line.lstrip().startswith("#"))
    for term in set(re.findall(r"\bkg:(\w+)", body)):
        getattr(KG_TERMS, term)  # the closed namespace raises on a term kg.ttl does not declare


@pytest.mark.parametrize(
    "name, params, rows",
    [(name, params, rows) for name, cases in EXPECTED.items() for params, rows in cases],
    ids=[f"{name}-{i}" for name, cases in EXPECTED.items() for i in range(len(cases))],
)
def test_expected_rows(store, name, params, rows):
    result = run(store, name, **params)
    assert result.columns == list(load_query(name).columns)
    assert result.rows == rows


def test_lint_finds_a_required_pattern_after_an_optional():
    text = "SELECT * WHERE {\n  ?a ?b ?c\n  OPTIONAL { ?a ?x ?y }\n  ?a ?q ?r\n}"
    assert lint(text) == ["4:3: a required pattern follows an OPTIONAL in the same group; move it before"]


# --------------------------------------------------------------------------- dates at their precision

# (as_of, holder, position, source, counts on that day)
PRECISION = [
    # validUntil "2024" (gYear) covers all of 2024
    ("2024-12-31", "tran-thi-binh", "Minister of Home Affairs", "2025-03-10-digital-review.txt", True),
    ("2025-01-01", "tran-thi-binh", "Minister of Home Affairs", "2025-03-10-digital-review.txt", False),
    # validUntil "2020-10" (gYearMonth) covers all of October 2020
    (
        "2020-10-31",
        "pham-duc-dung",
        "Chairman of the Ha Giang Provincial People's Committee",
        "2025-03-10-digital-review.txt",
        True,
    ),
    (
        "2020-11-01",
        "pham-duc-dung",
        "Chairman of the Ha Giang Provincial People's Committee",
        "2025-03-10-digital-review.txt",
        False,
    ),
    # validFrom "2023-01" (gYearMonth) starts on the first of the month at the latest
    ("2023-01-01", "nguyen-van-an", "Deputy Prime Minister of Vietnam", "2024-05-17-reform-meeting.txt", True),
    ("2022-12-31", "nguyen-van-an", "Deputy Prime Minister of Vietnam", "2024-05-17-reform-meeting.txt", False),
    # validFrom "2021" (gYear), open end
    ("2021-01-01", "nguyen-van-an", "Member of the Politburo", "2025-03-10-digital-review.txt", True),
    ("2020-12-31", "nguyen-van-an", "Member of the Politburo", "2025-03-10-digital-review.txt", False),
    ("2099-01-01", "nguyen-van-an", "Member of the Politburo", "2025-03-10-digital-review.txt", True),
    # only kg:attestedOn: that day and no other
    (
        "2024-05-16",
        "le-quoc-cuong",
        "Chairman of the Ha Giang Provincial People's Committee",
        "2024-05-17-reform-meeting.txt",
        True,
    ),
    (
        "2024-05-17",
        "le-quoc-cuong",
        "Chairman of the Ha Giang Provincial People's Committee",
        "2024-05-17-reform-meeting.txt",
        False,
    ),
    (
        "2024-05-15",
        "le-quoc-cuong",
        "Chairman of the Ha Giang Provincial People's Committee",
        "2024-05-17-reform-meeting.txt",
        False,
    ),
    # only validUntil "2023": open start
    (
        "1990-01-01",
        "le-quoc-cuong",
        "Deputy Secretary of the Ha Giang Provincial Party Committee",
        "2025-03-10-digital-review.txt",
        True,
    ),
    (
        "2024-01-01",
        "le-quoc-cuong",
        "Deputy Secretary of the Ha Giang Provincial Party Committee",
        "2025-03-10-digital-review.txt",
        False,
    ),
]


@pytest.mark.parametrize("as_of, holder, position, source, counts", PRECISION)
def test_as_of_compares_at_each_dates_precision(store, as_of, holder, position, source, counts):
    result = run(store, "holdings", as_of=as_of)
    keys = {(row[0], row[2], row[8]) for row in result.rows}
    assert ((I("person/" + holder), position, source) in keys) is counts


# --------------------------------------------------------------------------- parameters


def test_unknown_parameter_lists_the_declared_ones(store):
    with pytest.raises(QueryError) as e:
        run(store, "holdings", persn="An")
    assert str(e.value) == (
        "holdings: unknown parameter 'persn'; declared parameters: person (name, optional), as_of (date, optional)"
    )


def test_missing_required_parameter(store):
    with pytest.raises(QueryError) as e:
        run(store, "post-holders", post="Minister")
    assert (
        str(e.value) == "post-holders: missing required parameter 'on'; declared parameters: post (string), on (date)"
    )


@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "2024-5-1", "2024", "yesterday", "2024-05-16T00:00:00"])
def test_bad_date(store, value):
    with pytest.raises(QueryError) as e:
        run(store, "holdings", as_of=value)
    assert str(e.value) == f"holdings: parameter 'as_of' expects a date (YYYY-MM-DD), got {value!r}"


@pytest.mark.parametrize("value", ["Nguyen Van An", "nguyen-van-an", "nosuchprefix:x", "http://x> } ; DROP ALL ; #"])
def test_bad_iri(store, value):
    with pytest.raises(QueryError) as e:
        run(store, "fact-sources", entity=value)
    assert str(e.value) == (
        "fact-sources: parameter 'entity' expects an IRI (https://… or a prefixed name such as "
        f"person:nguyen-van-an), got {value!r}"
    )


@pytest.mark.parametrize("value", ["person:nguyen-van-an", "id:person/nguyen-van-an", I("person/nguyen-van-an")])
def test_iri_spellings_are_the_same_term(store, value):
    assert run(store, "fact-sources", entity=value).rows == EXPECTED["fact-sources"][0][1]


def test_integer_parameter(store):
    text = "# param: n integer  a number\nSELECT ?twice ?n WHERE { BIND(?n * 2 AS ?twice) }"
    assert run_query(store, text, {"n": "21"}).rows == [[42]]
    with pytest.raises(QueryError) as e:
        run_query(store, text, {"n": "2.5"})
    assert str(e.value) == "<query>: parameter 'n' expects an integer, got '2.5'"


def test_parameters_are_hidden_unless_listed_as_columns(store):
    result = run(store, "attendance-capacity", meeting="event:2025-03-10-digital-review--1")
    assert "meeting" not in result.columns and {row[0] for row in result.rows} == {
        I("event/2025-03-10-digital-review--1")
    }


def test_injection_in_a_string_parameter_is_just_a_string(fresh_store):
    before = sorted(str(q) for q in fresh_store)
    attack = '"> } ; DROP ALL ; #'
    for name, param in [("holdings", "person"), ("statistics", "topic"), ("directives", "text")]:
        assert run_query(fresh_store, load_query(name), {param: attack}).rows == []
    assert sorted(str(q) for q in fresh_store) == before


def test_string_parameters_are_unicode_normalised(store):
    decomposed = unicodedata.normalize("NFD", "Trần Thị Bình")  # as some keyboards send it
    assert decomposed != "Trần Thị Bình"
    assert {row[0] for row in run(store, "holdings", person=decomposed).rows} == {I("person/tran-thi-binh")}


def test_parameters_are_written_in_as_values_blocks(store):
    """Oxigraph plans before it substitutes, so the runner writes the values into the text."""
    info = load_query("fact-sources")
    text = inline_parameters(info, {"entity": "person:tran-thi-binh"})
    assert "VALUES (?entity) { (<" + str(I("person/tran-thi-binh")) + ">) }" in text
    assert run(store, "fact-sources", entity="person:tran-thi-binh").rows != []


def test_a_parameter_outside_the_projection_is_bound_too(store):
    text = "# param: p string  a value\nSELECT ?c WHERE { BIND(?p AS ?c) }"
    assert run_query(store, text, {"p": "x"}).rows == [["x"]]
    inner = (
        "# param: p string optional  a value\n"
        "SELECT ?c WHERE { { SELECT ?c WHERE { BIND(COALESCE(?p, 'unbound') AS ?c) } } }"
    )
    assert run_query(store, inner, {"p": "x"}).rows == [["x"]]
    assert run_query(store, inner, {}).rows == [["unbound"]]


# --------------------------------------------------------------------------- what is refused


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
        "# title: sneaky\ndelete where { ?s ?p ?o }",
    ],
)
def test_update_is_refused(fresh_store, text):
    before = len(fresh_store)
    with pytest.raises(QueryError) as e:
        run_query(fresh_store, text, {})
    assert str(e.value) == (
        "<query>: this is a SPARQL UPDATE, which would change the store; "
        "refused unless updates are allowed (--allow-update)"
    )
    assert len(fresh_store) == before


def test_update_runs_when_allowed(fresh_store):
    text = "INSERT DATA { GRAPH <https://w3id.org/kg-vn/graph/test> { id:x kg:method 'x' } }"
    assert run_query(fresh_store, text, {}, allow_update=True) == Result([], [])
    ask = run_query(fresh_store, "ASK { id:x kg:method 'x' }", {})
    assert ask == Result(["ask"], [[True]])


def test_service_is_refused_with_its_position(store):
    text = "SELECT * WHERE {\n  service <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}"
    with pytest.raises(QueryError) as e:
        run_query(store, text, {})
    assert str(e.value) == ("<query>:2:3: SERVICE calls a remote endpoint; "
                            "refused unless services are allowed (--allow-service)")


def test_service_in_a_literal_a_comment_or_a_name_is_not_refused(store):
    text = (
        "# SERVICE is mentioned here\n"
        'SELECT ?x ?service WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?x) '
        "BIND('''x SERVICE y''' AS ?service) OPTIONAL { ?service kg:SERVICE ?y } }"
    )
    assert run_query(store, text, {}).rows == [["SERVICE <http://127.0.0.1:9/>", "x SERVICE y"]]


def test_service_runs_when_allowed(store):
    # SILENT: the unreachable local endpoint yields the empty solution instead of an error
    text = "SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert run_query(store, text, {}, allow_service=True).columns == ["s"]


# --------------------------------------------------------------------------- names and files


@pytest.mark.parametrize("name", ["../etc/passwd", "a/b", "..", "/etc/passwd", "holdings/../holdings", "a\\b", ""])
def test_names_that_leave_the_folder_are_refused(name):
    with pytest.raises(QueryError) as e:
        load_query(name)
    message = str(e.value)
    assert message.startswith(f"{name!r} is not a query name (letters, digits, '-' and '_' only; ")
    assert re.search(r"\); (close names: |available: )", message)


def test_bad_name_lists_close_names():
    with pytest.raises(QueryError) as e:
        load_query("queries/holdngs")
    assert str(e.value).endswith("; close names: holdings")


def test_unknown_name_lists_close_names():
    with pytest.raises(QueryError) as e:
        load_query("holdngs")
    assert str(e.value) == f"no query named 'holdngs' in {queries_dir()}; close names: holdings"


def test_unknown_name_without_close_names_lists_all():
    with pytest.raises(QueryError) as e:
        load_query("zzzzzz")
    assert str(e.value).endswith("; available: " + ", ".join(QUERY_NAMES))


def test_a_symlink_out_of_the_folder_is_refused(tmp_path, monkeypatch):
    (tmp_path / "queries").mkdir()
    outside = tmp_path / "secret.rq"
    outside.write_text("# title: t\n# purpose: p\n# columns: x\nSELECT ?x WHERE {}\n", encoding="utf-8")
    (tmp_path / "queries" / "leak.rq").symlink_to(outside)
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    with pytest.raises(QueryError) as e:
        load_query("leak")
    assert str(e.value).startswith("no query named 'leak' in ")


def test_any_rq_file_by_path(store, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# param: code string  an ISO code\nSELECT ?area ?code WHERE { ?area kg:isoCode ?code }\n")
    info = load_query(str(path))
    assert info.name == "mine" and info.path == path and info.title == "mine"
    assert run_query(store, info, {"code": "VN-03"}).rows == [[I("area/ha-giang")]]


def test_missing_file(tmp_path):
    with pytest.raises(QueryError) as e:
        load_query(str(tmp_path / "holdings.rq"))
    assert str(e.value) == f"no query file {str(tmp_path / 'holdings.rq')!r}; close names: holdings"


def test_incomplete_header_in_the_library(tmp_path, monkeypatch):
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "half.rq").write_text("# title: Half\nSELECT * WHERE {}\n", encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    with pytest.raises(QueryError) as e:
        list_queries()
    assert str(e.value) == f"{tmp_path / 'queries' / 'half.rq'}: the header lacks purpose:, columns:"


@pytest.mark.parametrize(
    "header, message",
    [
        (
            "# param: x float  a number",
            "<query>:1: parameter 'x' has unknown type 'float'; use iri, string, name, date, integer",
        ),
        ("# param: x", "<query>:1: 'param:' needs a name and a type (iri, string, name, date, integer)"),
        ("# param: x-y string", "<query>:1: parameter name 'x-y' is not a SPARQL variable name"),
        ("# param: y string  never used", "<query>: parameter 'y' is declared but ?y never appears in the query"),
    ],
)
def test_bad_param_declarations(store, header, message):
    with pytest.raises(QueryError) as e:
        run_query(store, header + "\nSELECT ?x WHERE { BIND(1 AS ?x) }", {})
    assert str(e.value) == message


# --------------------------------------------------------------------------- syntax errors


def test_syntax_error_gives_the_files_line_and_column(store, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text(
        '# title: Broken\n# purpose: p\n# columns: x\n\nSELECT ?x WHERE {\n  "lit" ?p }\n}\n# end\n',
        encoding="utf-8",
    )
    with pytest.raises(QueryError) as e:
        run_query(store, load_query(str(path)), {})
    assert str(e.value).startswith(f"{path}:6:12: SPARQL syntax error: expected one of ")
    assert str(e.value).endswith(", a name character")


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x\nWHERE { ?x ?p ?o } LIMIT x",
        "# comment\n\nSELECT ?x WHERE {\n  ?x kg:isoCode ?code .\n  FILTER(?x = ) }\n",
        "ASK {\n  ?x ?p ?o . \n  ?x ?q \n}",
        "SELECT ?x WHERE { ?x ?p ?o } GROUP BY ?x HAVING",
    ],
)
def test_syntax_error_position_is_oxigraphs_on_the_users_text(store, text):
    """Our prologue adds lines; the reported position must be the one in the text as written."""
    with pytest.raises(SyntaxError) as raw:
        store.query(text, prefixes=PREFIXES)
    where = re.match(r"error at (\d+):(\d+):", str(raw.value))
    assert where
    with pytest.raises(QueryError) as e:
        run_query(store, text, {})
    assert str(e.value).startswith(f"<query>:{where[1]}:{where[2]}: SPARQL syntax error: ")


def test_undeclared_prefix_is_named(store):
    with pytest.raises(QueryError) as e:
        run_query(store, "PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n  ?s ex:p ?o ; nope:q ?o }", {})
    assert str(e.value) == "<query>:3:16: unknown prefix 'nope:' (declare it with PREFIX)"


def test_a_query_may_redeclare_our_prefixes(store):
    text = "PREFIX kg: <http://example.org/other#>\nSELECT ?a WHERE { ?a kg:isoCode ?c }"
    assert run_query(store, text, {}).rows == []


# --------------------------------------------------------------------------- query forms


def test_ask(store):
    assert run_query(store, "ASK { ?a kg:isoCode 'VN-03' }", {}) == Result(["ask"], [[True]])


def test_construct_gives_sorted_triples(store):
    result = run_query(store, "CONSTRUCT { ?a kg:isoCode ?c } WHERE { ?a kg:isoCode ?c }", {})
    assert result.columns == ["subject", "predicate", "object"]
    assert result.rows == [
        [I("area/ha-giang"), KG + "isoCode", "VN-03"],
        [I("area/ha-noi"), KG + "isoCode", "VN-HN"],
        [I("area/tuyen-quang"), KG + "isoCode", "VN-07"],
    ]


def test_values_become_plain_python(store):
    text = (
        "SELECT ?iri ?int ?dec ?dbl ?bool ?date ?lang ?unbound WHERE {"
        " BIND(id:x AS ?iri) BIND(7 AS ?int) BIND(0.50 AS ?dec) BIND(1.5e0 AS ?dbl) BIND(true AS ?bool)"
        " BIND('2024'^^xsd:gYear AS ?date) BIND('Hà Nội'@vi AS ?lang) }"
    )
    [row] = run_query(store, text, {}).rows
    assert row == [I("x"), 7, Decimal("0.5"), 1.5, True, "2024", "Hà Nội", None]
    assert isinstance(row[0], Iri) and type(row[1]) is int and type(row[4]) is bool


# --------------------------------------------------------------------------- formats

SMALL = """SELECT ?stat ?value ?written ?about WHERE {
  ?stat a kg:Statistic ; schema:value ?value ; kg:valueAsWritten ?w .
  OPTIONAL { ?stat kg:about ?about }
  BIND(STR(?w) AS ?written)
} ORDER BY ?stat"""


def test_formats_are_the_one_table():
    assert FORMATS == ("table", "csv", "tsv", "json")


def test_table_format(store):
    assert format_result(run_query(store, SMALL, {}), "table") == (
        "stat                                   value   written        about\n"
        "───────────────────────────────────────────────────────────────────────────\n"
        "stat:2024-05-17-reform-meeting--1       12.5   12,5%          area:ha-giang\n"
        "stat:2025-03-10-digital-review--1   12200000   12.2 million\n"
    )


def test_csv_format(store):
    assert format_result(run_query(store, SMALL, {}), "csv") == (
        "stat,value,written,about\n"
        f'{I("stat/2024-05-17-reform-meeting--1")},12.5,"12,5%",{I("area/ha-giang")}\n'
        f"{I('stat/2025-03-10-digital-review--1')},12200000,12.2 million,\n"
    )


def test_tsv_format(store):
    assert format_result(run_query(store, SMALL, {}), "tsv") == (
        "stat\tvalue\twritten\tabout\n"
        f"{I('stat/2024-05-17-reform-meeting--1')}\t12.5\t12,5%\t{I('area/ha-giang')}\n"
        f"{I('stat/2025-03-10-digital-review--1')}\t12200000\t12.2 million\t\n"
    )


def test_json_format(store):
    text = format_result(run_query(store, SMALL, {}), "json")
    assert text == (
        "[\n"
        "  {\n"
        f'    "stat": "{I("stat/2024-05-17-reform-meeting--1")}",\n'
        '    "value": 12.5,\n'
        '    "written": "12,5%",\n'
        f'    "about": "{I("area/ha-giang")}"\n'
        "  },\n"
        "  {\n"
        f'    "stat": "{I("stat/2025-03-10-digital-review--1")}",\n'
        '    "value": 12200000,\n'
        '    "written": "12.2 million",\n'
        '    "about": null\n'
        "  }\n"
        "]\n"
    )
    assert [list(o) for o in json.loads(text)] == [["stat", "value", "written", "about"]] * 2


def test_tsv_escapes_and_booleans():
    result = Result(["a", "b"], [["x\ty\nz\\", True], [None, Decimal("2.50")]])
    assert format_result(result, "tsv") == "a\tb\nx\\ty\\nz\\\\\ttrue\n\t2.50\n"
    assert format_result(result, "csv") == 'a,b\n"x\ty\nz\\",true\n,2.50\n'


def test_table_does_not_read_markup_and_shows_empty_results():
    assert format_result(Result(["x"], [["[bold]y[/bold]"]]), "table") == "x\n──────────────\n[bold]y[/bold]\n"
    assert format_result(Result(["x", "y"], []), "table") == "x   y\n─────\n"


def test_unknown_format():
    with pytest.raises(QueryError) as e:
        format_result(Result([], []), "xml")
    assert str(e.value) == "unknown format 'xml'; use one of table, csv, tsv, json"


# --------------------------------------------------------------------------- the fixture itself


def test_fixture_spans_quote_their_document(store):
    text = """SELECT ?exact ?start ?end ?raw WHERE {
      ?span oa:exact ?exact ; oa:start ?start ; oa:end ?end ; oa:hasSource ?doc . ?doc schema:text ?raw }"""
    rows = run_query(store, text, {}).rows
    assert len(rows) == 26
    for exact, start, end, raw in rows:
        assert raw[start:end] == exact


def test_fixture_has_no_blank_nodes(store):
    assert run_query(store, "ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }", {}).rows == [[False]]


def test_query_info_is_what_the_cli_lists():
    info = load_query("holdings")
    assert isinstance(info, QueryInfo)
    assert [(p.name, p.type, p.optional) for p in info.params] == [("person", "name", True), ("as_of", "date", True)]


def test_name_parameters_match_with_or_without_diacritics(store):
    """A `name` parameter is folded to ASCII, so "Nguyễn" finds the ASCII label "Nguyen" too."""
    with_marks = run_query(store, load_query("holdings"), {"person": "NGUYỄN Văn"})
    without = run_query(store, load_query("holdings"), {"person": "nguyen van"})
    assert with_marks.rows and with_marks.rows == without.rows
