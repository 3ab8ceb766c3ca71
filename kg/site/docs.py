"""`kg docs`: HTML documentation of ontology/kg.ttl and ontology/shapes.ttl, generated from the
Turtle every time, so it never drifts from it.

Every kg: term with its labels, comment, kind, super-class/-property, domain and range, scheme,
and the SHACL shapes that constrain it: node shapes that target a class, property shapes whose
path is a property (and the node shapes using them), shapes whose sh:class or sh:in names a class
or concept. Then every shape with its constraints, and the standard terms kg.ttl declares.

Why not pyLODE: pyLODE 3.4.1 as installed cannot be imported (its version module reads a
pyproject.toml that the wheel does not ship), and it documents OWL only, not which shapes
constrain which terms. This page is plain Jinja2 and sorted output: byte-identical every run.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kg.errors import InputError
from kg.namespaces import KG, PREFIXES
from kg.resources import ontology_dir

HERE = Path(__file__).parent
SHAPES_NS = "https://w3id.org/kg-vn/shapes#"
KG_NS = str(KG._NS)

KIND_NAMES = [(OWL.Class, "Class"), (OWL.ObjectProperty, "Object property"),
              (OWL.DatatypeProperty, "Datatype property"), (OWL.AnnotationProperty, "Annotation property"),
              (RDF.Property, "Property"), (SKOS.ConceptScheme, "Concept scheme"), (SKOS.Concept, "Concept")]
SECTIONS = {"Class": "Classes", "Object property": "Object properties", "Datatype property": "Datatype properties",
            "Annotation property": "Annotation properties", "Property": "Properties",
            "Concept scheme": "Concept schemes", "Concept": "Concepts"}
CONSTRAINTS = [("minCount", "at least"), ("maxCount", "at most"), ("datatype", "datatype"), ("class", "class"),
               ("nodeKind", "node kind"), ("node", "node shape"), ("in", "one of"), ("or", "any of"),
               ("languageIn", "languages"), ("uniqueLang", "one per language"), ("pattern", "pattern"),
               ("minInclusive", "≥"), ("maxInclusive", "≤"), ("minLength", "min length"),
               ("maxLength", "max length"), ("hasValue", "value"), ("severity", "severity")]
PREFIX_ORDER = sorted(((p, ns) for p, ns in PREFIXES.items() if p in (
    "kg", "org", "opengov", "schema", "skos", "prov", "oa", "eli", "dcterms", "foaf", "rdf", "rdfs", "owl", "xsd")),
    key=lambda x: -len(x[1])) + [("sh", str(SH)), ("kgsh", SHAPES_NS)]


def curie(term) -> str:
    text = str(term)
    for prefix, ns in PREFIX_ORDER:
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def anchor(term) -> str:
    """The in-page id of a kg: term or a shape; '' for anything else."""
    text = str(term)
    if text.startswith(KG_NS):
        return text[len(KG_NS):]
    if text.startswith(SHAPES_NS):
        return "shape-" + text[len(SHAPES_NS):]
    return ""


def _load(path: Path) -> Graph:
    """Parse a Turtle file; a syntax error names the file, line and column (pyoxigraph finds them)."""
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            pass
    except SyntaxError as exc:
        raise InputError(f"Turtle syntax error: {exc.msg}", path, exc.lineno, exc.offset) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    g = Graph()
    g.parse(path, format="turtle")
    return g


def ref(term, g: Graph | None = None) -> dict:
    """A term to show: its CURIE (or literal text) and, for our terms and shapes, the in-page link.

    A blank node (a SHACL path or an anonymous shape in an sh:or list) is described in words.
    """
    if isinstance(term, Literal):
        return {"text": str(term), "href": ""}
    if isinstance(term, BNode) and g is not None:
        return {"text": describe(g, term), "href": ""}
    return {"text": curie(term), "href": ("#" + anchor(term)) if anchor(term) else ""}


def describe(g: Graph, node) -> str:
    """A blank node in words: a sequence path `a / b`, `^p`, `a | b`, or an anonymous shape's constraints."""
    if not isinstance(node, BNode):
        return curie(node) if not isinstance(node, Literal) else str(node)
    if g.value(node, RDF.first) is not None:
        return " / ".join(describe(g, x) for x in _list(g, node))
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + describe(g, inverse)
    alternative = g.value(node, SH.alternativePath)
    if alternative is not None:
        return "(" + " | ".join(describe(g, x) for x in _list(g, alternative)) + ")"
    parts = []
    for local, name in CONSTRAINTS:
        for value in g.objects(node, SH[local]):
            parts.append(f"{name} {describe(g, value)}")
    return "[" + ", ".join(sorted(parts)) + "]" if parts else "[ ]"


def _sorted(g: Graph, terms) -> list:
    return sorted(terms, key=lambda t: (ref(t, g)["text"], str(t) if not isinstance(t, BNode) else ""))


def _label(g: Graph, term, lang: str) -> str:
    for o in sorted(g.objects(term, RDFS.label), key=str):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _list(g: Graph, node) -> list:
    try:
        return list(Collection(g, node))
    except Exception:
        return [node]


def model(onto: Graph, shapes: Graph) -> dict:
    """Everything the page shows, sorted."""
    uses: dict[URIRef, list[dict]] = defaultdict(list)  # term -> shapes that constrain it, how

    def use(term, shape, how: str) -> None:
        uses[term].append({"shape": ref(shape), "how": how})

    owners: dict[Any, list[Any]] = defaultdict(list)
    for node_shape, prop_shape in shapes.subject_objects(SH.property):
        owners[prop_shape].append(node_shape)

    shape_rows: list[dict[str, Any]] = []
    all_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in sorted(all_shapes, key=str):
        if not isinstance(shape, URIRef):
            continue
        targets = []
        for p, how, on_term in ((SH.targetClass, "targets instances of", "targets this class"),
                                (SH.targetSubjectsOf, "targets subjects of", "targets the subjects of this property"),
                                (SH.targetObjectsOf, "targets objects of", "targets the objects of this property"),
                                (SH.targetNode, "targets", "targets this node")):
            for t in sorted(shapes.objects(shape, p), key=str):
                targets.append({"how": how, "term": ref(t)})
                use(t, shape, on_term)
        constraints = []
        for local, name in CONSTRAINTS:
            for value in _sorted(shapes, shapes.objects(shape, SH[local])):
                if local in ("in", "or", "languageIn"):
                    items = [ref(v, shapes) for v in _list(shapes, value)]
                else:
                    items = [ref(value, shapes)]
                constraints.append({"name": name, "items": items})
                if local == "class":
                    use(value, shape, "requires values of this class")
                if local == "in":
                    for v in _list(shapes, value):
                        use(v, shape, "allows this value")
        path = next(iter(_sorted(shapes, shapes.objects(shape, SH.path))), None)
        if isinstance(path, URIRef):
            use(path, shape, "constrains this property")
        shape_rows.append({
            "iri": str(shape), "anchor": anchor(shape), "curie": curie(shape),
            "kind": "Node shape" if (shape, RDF.type, SH.NodeShape) in shapes else "Property shape",
            "label": _label(shapes, shape, "en"),
            "comment": " ".join(str(c) for c in sorted(shapes.objects(shape, RDFS.comment), key=str)),
            "message": " ".join(str(m) for m in sorted(shapes.objects(shape, SH.message), key=str)),
            "targets": targets, "path": ref(path, shapes) if path is not None else None, "constraints": constraints,
            "properties": [ref(p) for p in sorted(shapes.objects(shape, SH.property), key=str)],
            "used_by": [ref(o) for o in sorted(owners.get(shape, []), key=str)],
            "path_iri": path if isinstance(path, URIRef) else None,
        })
    # a property shape's users are the node shapes that include it: say so on the property too
    for srow in shape_rows:
        if srow["path_iri"] is not None and srow["used_by"]:
            for item in uses.get(srow["path_iri"], []):
                if item["shape"]["text"] == srow["curie"]:
                    item["via"] = srow["used_by"]

    terms: dict[str, list[dict]] = defaultdict(list)
    others = []
    for term in sorted({s for s in onto.subjects() if isinstance(s, URIRef)}, key=str):
        types = set(onto.objects(term, RDF.type))
        kinds = [name for t, name in KIND_NAMES if t in types]
        if not kinds:
            continue
        if not str(term).startswith(KG_NS):
            others.append({"term": ref(term), "kinds": kinds,
                           "shapes": sorted({u["shape"]["text"]: u["shape"] for u in uses.get(term, [])}.values(),
                                            key=lambda r: r["text"]),
                           "defined_by": [str(o) for o in sorted(onto.objects(term, RDFS.isDefinedBy), key=str)]})
            continue
        row: dict[str, Any] = {
            "iri": str(term), "anchor": anchor(term), "curie": curie(term), "kinds": kinds,
            "label_en": _label(onto, term, "en"), "label_vi": _label(onto, term, "vi"),
            "comment": " ".join(str(c) for c in sorted(onto.objects(term, RDFS.comment), key=str)),
            "facts": [],
            "shapes": sorted(uses.get(term, []), key=lambda u: (u["shape"]["text"], u["how"])),
        }
        for p, name in ((RDFS.subClassOf, "subclass of"), (RDFS.subPropertyOf, "subproperty of"),
                        (RDFS.domain, "domain"), (RDFS.range, "range"), (SKOS.inScheme, "in scheme"),
                        (SKOS.broader, "broader"), (SKOS.topConceptOf, "top concept of"),
                        (OWL.inverseOf, "inverse of"), (OWL.equivalentClass, "equivalent class")):
            values = [ref(o) for o in sorted(onto.objects(term, p), key=str)]
            if values:
                row["facts"].append({"name": name, "items": values})
        members = [ref(s) for s in sorted(onto.subjects(SKOS.inScheme, term), key=str)]
        if members:
            row["facts"].append({"name": "concepts", "items": members})
        terms[kinds[0]].append(row)
    ont = next(iter(onto.subjects(RDF.type, OWL.Ontology)), None)
    meta = {"iri": str(ont) if ont else "", "title": str(onto.value(ont, DCTERMS.title) or "") if ont else "",
            "description": str(onto.value(ont, DCTERMS.description) or "") if ont else "",
            "version": str(onto.value(ont, OWL.versionInfo) or "") if ont else "",
            "license": str(onto.value(ont, DCTERMS.license) or "") if ont else ""}
    return {"meta": meta, "sections": [(plural, terms[s]) for s, plural in SECTIONS.items() if terms.get(s)],
            "shapes": shape_rows, "others": sorted(others, key=lambda o: o["term"]["text"]),
            "count": sum(len(v) for v in terms.values())}


def render(out: Path, *, home: str = "", ontology: Path | None = None, shapes: Path | None = None) -> int:
    """Write `out/index.html` and `out/style.css`. Returns the number of kg: terms documented."""
    from kg.site import environment

    folder = ontology_dir()
    onto_path, shapes_path = ontology or folder / "kg.ttl", shapes or folder / "shapes.ttl"
    data = model(_load(onto_path), _load(shapes_path))
    out.mkdir(parents=True, exist_ok=True)
    html = environment().get_template("ontology.html").render(home=home, **data)
    (out / "index.html").write_bytes(html.encode("utf-8"))
    (out / "style.css").write_bytes((HERE / "assets" / "style.css").read_bytes())
    return int(data["count"])


def build_docs(target: Path) -> int:
    """`kg docs -o DIR`: write the documentation folder atomically."""
    from kg.site import write_folder

    counts: list[int] = []
    write_folder(target, lambda folder: counts.append(render(folder)))
    return counts[0]
