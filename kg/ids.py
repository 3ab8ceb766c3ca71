"""Deterministic identifiers: the same natural key always gives the same IRI.

Keys are folded to ASCII slugs (diacritics removed, đ -> d) so "Nguyễn Hòa Bình" and
"Nguyen Hoa Binh" meet on one IRI; long or empty slugs fall back to a short hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.namespaces import GRAPH, ID


def fold(text: str) -> str:
    """Lowercase ASCII without diacritics; đ/Đ become d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_tones(text: str) -> str:
    """One placement of the tone mark in open syllables ending in -oa, -oe, -uy: on the first vowel
    ("Hòa", "Thủy", "khỏe"), as names are usually printed, whether the source wrote "Hoà" or "Hòa".

    Two articles that spell a name with the mark in different places then give one label.
    """
    out = []
    for word in re.split(r"(\W+)", text):
        d = unicodedata.normalize("NFD", word)
        tones = [c for c in d if c in _TONES]
        base = "".join(c for c in d if c not in _TONES)
        low = base.lower()
        if len(tones) == 1 and low.endswith(("oa", "oe", "uy")) and not low.startswith("qu"):
            # the tone goes after the first vowel of the pair (and its own marks, e.g. none here)
            cut = len(base) - 1
            word = unicodedata.normalize("NFC", base[:cut] + tones[0] + base[cut:])
        out.append(word)
    return "".join(out)


def slug(text: str, max_len: int = 80) -> str:
    """A readable, deterministic IRI segment for a natural key."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if not s:
        return "h" + digest(text)
    if len(s) > max_len:
        return s[: max_len - 11].rstrip("-") + "-" + digest(text)
    return s


def digest(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def mint(kind: str, *keys: str) -> URIRef:
    """`id/{kind}/{slug(key1)}--{slug(key2)}...`"""
    return ID[f"{kind}/" + "--".join(slug(k) for k in keys)]


def person(name: str) -> URIRef:
    return mint("person", name)


def org(key: str) -> URIRef:
    return mint("org", key)


def area(key: str) -> URIRef:
    return mint("area", key)


def role(key: str) -> URIRef:
    return mint("role", key)


def post(role_key: str, org_key: str) -> URIRef:
    return mint("post", role_key, org_key)


def act(key: str) -> URIRef:
    return mint("act", key)


def document(doc_key: str) -> URIRef:
    return mint("doc", doc_key)


def span(doc_key: str, start: int, end: int) -> URIRef:
    return ID[f"span/{slug(doc_key)}--{start}-{end}"]


def document_graph(doc_key: str) -> URIRef:
    return GRAPH[f"doc/{slug(doc_key)}"]


REFERENCE_GRAPH = GRAPH["reference"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
