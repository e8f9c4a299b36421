"""The spaCy pipeline: ``spacy.blank("zh")`` on our segmentation, with quantities, entities and claims.

    >>> from nlp.text.pipeline import pipeline
    >>> nlp = pipeline()                                   # or pipeline(segmenter="rjieba")
    >>> doc = nlp("2018年组织政务公开专题培训1次，12345 政务服务热线受理咨询 316 人次。")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('2018年', 'DATE'), ('1次', 'CLAIM'), ('12345 政务服务热线', 'HOTLINE'), ('316 人次', 'CLAIM')]
    >>> doc._.claims[1].subject, doc.ents[3]._.value
    ('12345政务服务热线受理咨询', Decimal('316'))
    >>> from spacy import displacy; html = displacy.render(doc, style="ent")

Importing this module registers the tokenizer and the components with spaCy, so a pipeline saved with
``nlp.to_disk(path)`` loads back with ``spacy.load(path)`` in any process that has imported it (``load(path)`` below
does both).

**Tokenizer** ``xxgk.SegmentTokenizer.v1`` rather than spaCy's built-in ``segmenter = "jieba"``: spaCy's calls the
global ``jieba.cut`` with HMM on and cannot see spaced forms ("12345 政务服务热线"), so its tokens would differ from
``nlp.text.segment`` (which keywords and the fast path use), the rjieba engine could not be used, and our domain
dictionary would have to be forced into jieba's global state. Ours is ``segment.tokenize``: the same tokens
everywhere, either engine, and offsets in the original text — ``doc.text`` is the input, character for character;
a token may contain the space taken out for cutting ("12345 政务服务热线" is one token; its ``norm_`` has no space).

**Components** (registered factories; each also fills a span group of the same name, overlaps allowed):

* ``xxgk_quantities`` → ``doc.ents`` label ``QUANTITY``, ``doc._.quantities`` (``Quantity`` objects),
  ``span._.quantity`` and ``span._.value`` (the normalised value: Decimal);
* ``xxgk_entities`` → ``doc.ents`` with the labels of ``nlp.text.entities`` (AGENCY, REGION, TITLE, DOCNO, HOTLINE,
  PHONE, POSTCODE, URL, EMAIL, DATE), ``doc._.entities`` (dicts), ``span._.entity``; ``span._.value`` of a DATE
  is its ISO form. It calls ``find_entities``, whose whole names come from ``entity_patterns.jsonl`` — written in
  EntityRuler format, so ``nlp.add_pipe("entity_ruler").from_disk(path)`` reads the same file, but ours matches
  names inside tokens too;
* ``xxgk_claims`` → ``doc._.claims`` (``Claim`` objects of ``nlp.text.claims.extract_claims``), ``span._.claim``;
  the quantities that are claims are relabelled ``CLAIM`` in ``doc.ents``, so displaCy shows them.

Spans come from ``doc.char_span(start, end, alignment_mode="expand")``: a span covers its characters and, when a
number shares a token with a word, that whole token. The exact characters stay in ``span._.quantity.start/end``.
Extension values live in ``doc.user_data`` as plain JSON-ready dicts (Decimals as int or string), so ``Doc.to_bytes``,
``DocBin`` and ``nlp.pipe(n_process=2)`` work; the getters rebuild ``Quantity``/``Claim`` objects on each access.
"""
from __future__ import annotations

import json
import weakref
from decimal import Decimal
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from ..model import Claim, Link, Quantity
from . import segment
from .claims import extract_claims
from .entities import find_entities
from .quantities import find_quantities

__all__ = ["pipeline", "load", "SegmentTokenizer", "COMPONENTS", "DISPLACY_OPTIONS"]

COMPONENTS = ("xxgk_quantities", "xxgk_entities", "xxgk_claims")
QUANTITY, CLAIM = "QUANTITY", "CLAIM"
_QUANTITIES, _ENTITIES, _CLAIMS = "xxgk.quantities", "xxgk.entities", "xxgk.claims"  # doc.user_data keys
DISPLACY_OPTIONS = {"colors": {CLAIM: "#f6c344", QUANTITY: "#fbe6a2", "AGENCY": "#9ecbf0", "REGION": "#b6e3b6",
                               "TITLE": "#e2c6f0", "DOCNO": "#f0c6d6", "HOTLINE": "#c6f0ec", "DATE": "#dddddd"}}


# --------------------------------------------------------------------------- the tokenizer


class SegmentTokenizer:
    """``segment.tokenize`` as a spaCy tokenizer (see the module doc)."""

    def __init__(self, vocab, segmenter: str | None = None, hmm: bool = False):
        self.vocab = vocab
        self.segmenter = segmenter
        self.hmm = hmm

    def __call__(self, text: str) -> Doc:
        tokens = segment.tokenize(text, self.segmenter, self.hmm)
        words, spaces, norms = _words_and_spaces(text, tokens)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for i, norm in norms.items():
            doc[i].norm_ = norm
        _TEXTS[doc] = text
        return doc

    # settings only: the dictionary is package data, and the config already holds these
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"segmenter": self.segmenter, "hmm": self.hmm}).encode()

    def from_bytes(self, data: bytes, **kwargs) -> "SegmentTokenizer":
        settings = json.loads(data)
        self.segmenter, self.hmm = settings["segmenter"], settings["hmm"]
        return self

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "settings.json").write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs) -> "SegmentTokenizer":
        return self.from_bytes((Path(path) / "settings.json").read_bytes())


def _words_and_spaces(text: str, tokens) -> tuple[list[str], list[bool], dict[int, str]]:
    """spaCy's words and trailing-space flags for ``tokens`` of ``text`` (a single space after a word is that word's
    trailing space; other whitespace is a token), and the norms of tokens printed with a space or a line wrap."""
    words: list[str] = []
    spaces: list[bool] = []
    norms: dict[int, str] = {}
    pos = 0

    def add(piece: str) -> None:
        if piece == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
        else:
            words.append(piece)
            spaces.append(False)

    for token in tokens:
        if token.start > pos:
            add(text[pos:token.start])
        printed = text[token.start:token.end]
        add(printed)
        if printed != token.text and words[-1] == printed:
            norms[len(words) - 1] = token.text
        pos = token.end
    if pos < len(text):
        add(text[pos:])
    return words, spaces, norms


@registry.tokenizers("xxgk.SegmentTokenizer.v1")
def create_tokenizer(segmenter: str | None = None, hmm: bool = False):
    """``segmenter``: "jieba", "rjieba" or null (then $XXGK_SEGMENTER decides when the text is cut)."""

    def make(nlp: Language) -> SegmentTokenizer:
        return SegmentTokenizer(nlp.vocab, segmenter, hmm)

    return make


# spaCy builds ``doc.text`` from its tokens on every access; the components read it once per doc from here
_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def _text(doc: Doc) -> str:
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


# --------------------------------------------------------------------------- extensions (plain data in user_data)


def _plain_number(value: Decimal | None):
    """As in the report JSON: whole numbers as int, others as a string (never a float)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value)


def _quantity_dict(q: Quantity) -> dict:
    return {"text": q.text, "start": q.start, "end": q.end, "value": _plain_number(q.value), "unit": q.unit,
            "kind": q.kind, "approx": q.approx, "low": _plain_number(q.low), "high": _plain_number(q.high)}


def _claim_dict(c: Claim) -> dict:
    return {"quantity": _quantity_dict(c.quantity), "subject": c.subject, "qualifiers": list(c.qualifiers),
            "scope": list(c.scope), "time_scope": c.time_scope, "time_inherited": c.time_inherited,
            "section": c.section, "sentence": list(c.sentence), "links": [link.to_dict() for link in c.links]}


def _quantity(d: dict) -> Quantity:
    num = lambda v: None if v is None else Decimal(str(v))  # noqa: E731
    return Quantity(d["text"], d["start"], d["end"], num(d["value"]), d["unit"], d["kind"], d["approx"],
                    num(d["low"]), num(d["high"]))


def _claim(d: dict) -> Claim:
    return Claim(quantity=_quantity(d["quantity"]), subject=d["subject"], qualifiers=d["qualifiers"],
                 scope=d["scope"], time_scope=d["time_scope"], time_inherited=d["time_inherited"],
                 section=d["section"], sentence=tuple(d["sentence"]), links=[Link(**link) for link in d["links"]])


def _inside(span: Span, start: int, end: int) -> bool:
    return span.start_char <= start and end <= span.end_char


def _doc_quantities(doc: Doc) -> list[Quantity]:
    return [_quantity(d) for d in doc.user_data.get(_QUANTITIES, [])]


def _doc_claims(doc: Doc) -> list[Claim]:
    return [_claim(d) for d in doc.user_data.get(_CLAIMS, [])]


def _doc_entities(doc: Doc) -> list[dict]:
    return list(doc.user_data.get(_ENTITIES, []))


def _span_quantity(span: Span) -> Quantity | None:
    found = [d for d in span.doc.user_data.get(_QUANTITIES, []) if _inside(span, d["start"], d["end"])]
    if not found:  # a claim's quantity (read sentence by sentence) may be missing from the whole-text pass
        found = [d["quantity"] for d in span.doc.user_data.get(_CLAIMS, [])
                 if _inside(span, d["quantity"]["start"], d["quantity"]["end"])]
    return _quantity(found[0]) if found else None


def _span_claim(span: Span) -> Claim | None:
    found = [d for d in span.doc.user_data.get(_CLAIMS, [])
             if _inside(span, d["quantity"]["start"], d["quantity"]["end"])]
    return _claim(found[0]) if found else None


def _span_entity(span: Span) -> dict | None:
    return next((d for d in span.doc.user_data.get(_ENTITIES, []) if _inside(span, d["start"], d["end"])), None)


def _span_value(span: Span):
    """A quantity's normalised value (Decimal), a date's ISO form, else None."""
    quantity = _span_quantity(span)
    if quantity is not None:
        return quantity.value
    entity = _span_entity(span)
    return entity.get("value") if entity else None


def _register_extensions() -> None:
    for name, getter in (("quantities", _doc_quantities), ("claims", _doc_claims), ("entities", _doc_entities)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    for name, getter in (("quantity", _span_quantity), ("claim", _span_claim), ("entity", _span_entity),
                         ("value", _span_value)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


_register_extensions()


# --------------------------------------------------------------------------- components


def _set_ents(doc: Doc, spans: list[Span], override: bool = False) -> None:
    """Add ``spans`` to ``doc.ents``; on overlap the existing entity stays, unless ``override``."""
    first, second = (spans, list(doc.ents)) if override else (list(doc.ents), spans)
    taken: set[int] = set()
    kept = []
    for span in filter_spans(first) + filter_spans(second):
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(span)
    doc.ents = sorted(kept, key=lambda s: s.start)


def _attach(doc: Doc, key: str, data: list, group: str, spans: list, override: bool = False) -> Doc:
    """Store a component's results on the Doc: the data in ``user_data``, the spans in ``doc.spans`` and as ents."""
    doc.user_data[key] = data
    doc.spans[group] = spans
    _set_ents(doc, spans, override=override)
    return doc


def _span(doc: Doc, start: int, end: int, label: str):
    return doc.char_span(start, end, label, alignment_mode="expand")


class Quantities:
    def __call__(self, doc: Doc) -> Doc:
        quantities = find_quantities(_text(doc))
        spans = [s for q in quantities if (s := _span(doc, q.start, q.end, QUANTITY))]
        return _attach(doc, _QUANTITIES, [_quantity_dict(q) for q in quantities], "xxgk_quantities", spans)


class Entities:
    def __call__(self, doc: Doc) -> Doc:
        entities = find_entities(_text(doc))
        spans = [s for e in entities if (s := _span(doc, e["start"], e["end"], e["label"]))]
        return _attach(doc, _ENTITIES, entities, "xxgk_entities", spans)


class Claims:
    def __call__(self, doc: Doc) -> Doc:
        claims = extract_claims(_text(doc))
        spans = [s for c in claims if (s := _span(doc, c.quantity.start, c.quantity.end, CLAIM))]
        return _attach(doc, _CLAIMS, [_claim_dict(c) for c in claims], "xxgk_claims", spans, override=True)


@Language.factory("xxgk_quantities", assigns=["doc.ents", "doc.spans", "doc._.quantities", "span._.quantity",
                                              "span._.value"])
def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities()


@Language.factory("xxgk_entities", assigns=["doc.ents", "doc.spans", "doc._.entities", "span._.entity",
                                            "span._.value"])
def make_entities(nlp: Language, name: str) -> Entities:
    return Entities()


@Language.factory("xxgk_claims", assigns=["doc.ents", "doc.spans", "doc._.claims", "span._.claim"])
def make_claims(nlp: Language, name: str) -> Claims:
    return Claims()


# --------------------------------------------------------------------------- API


def pipeline(segmenter: str | None = None, hmm: bool = False, components=COMPONENTS) -> Language:
    """A blank Chinese spaCy pipeline on our segmentation with the ``components`` (all three by default)."""
    if segmenter is not None:
        segmenter = segment.resolve(segmenter)
    config = {"nlp": {"tokenizer": {"@tokenizers": "xxgk.SegmentTokenizer.v1", "segmenter": segmenter, "hmm": hmm}}}
    nlp = spacy.blank("zh", config=config)
    for name in components:
        nlp.add_pipe(name)
    return nlp


def load(path: str | Path) -> Language:
    """``spacy.load`` a pipeline saved with ``nlp.to_disk`` (importing this module registered its parts)."""
    return spacy.load(path)
