"""Narrative claims → table cells: the lexicon proposes, the classifier scores.

1. **Lexicon** (nlp/data/lexicon/links.toml): each entry names a target (a cell id or a sum "a + b") and the words
   that say a claim restates it. An entry whose ``all``/``any`` words appear in the claim's words is a *candidate*.
2. **Features** of each (claim, candidate): the plain lexicon score, whether a ``none`` word appears, unit, domain and
   section agreement, how much of the cell's printed label the words cover, how close the trigger word is to the
   number, list and part words, rival candidates … (``FEATURES``; computed here, in plain Python). Scope words are
   not a feature: they do not change what a claim counts, only whose count it is, and NT-1 weighs them itself.
3. **Classifier** (nlp/linking.py, coefficients in nlp/data/models/links.json): a logistic regression trained on the
   hand-annotated pairs of tests/data/links_gold.jsonl gives each candidate a probability. That probability is the
   link's ``score``. Candidates under ``LINK_MIN`` are dropped; only links at or above ``STRONG`` may ever produce a
   ``fail`` (nlp/checks/narrative.py).

The plain lexicon score (``score``) is kept as one feature and as the fallback when no model file is shipped:
the words of the entry (0.5), the measure word (0.2), the disclosure domain (0.2), the expected section (0.1).

Rules that hold whatever the classifier says (``candidates``/``link_claims``): a claim counted in another measure
word whose subject does not itself name the thing is no candidate ("目前已汇集了60个单位的主动公开的政府信息" counts
units, not items); an entry marked ``require_domain`` is no candidate without disclosure words nearby ("开设窗口26个，
共受理申请121510件" counts approvals); and a link can only be strong with the cell's measure word and, for entries that
name a domain, words saying the claim is about information disclosure — otherwise its score is capped just under
``STRONG`` (``cap``), so it can never produce a ``fail``. The value a claim states is never looked at.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import Claim, Link

STRONG = 0.85  # a link at or above this may produce a fail
LINK_MIN = 0.5  # a candidate under this is not a link at all
CONTEXT_BEFORE = 100  # characters before the number searched for domain words (besides the sentence) …
SUBHEAD_BEFORE = 600  # … or back to an inline sub-heading "（二）依申请公开方面" this close before it
_SUBHEAD = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")

_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_AFTER_STOP = re.compile(r"[，,、；;：:。！？!?（(\d]")
_LABEL_NOISE = re.compile(r"[\s（）()，,、：:；;“”\"'.．\d]|单位|万元")
_TOTAL_WORDS = ("共", "合计", "总计", "累计", "总数", "总量")
_PART_WORDS = ("其中", "含", "包括", "包含")
_KNOWN_SECTIONS = {"overview", "applications", "review_litigation", "active"}
MONEY_UNITS = {"元": 0, "万元": 4, "亿元": 8}

# The classifier's inputs, in the order of the coefficients in nlp/data/models/links.json.
FEATURES = (
    "lexicon",        # the plain lexicon score (0 when a `none` word appears)
    "none_hit",       # a `none` word of the entry appears in the claim's words
    "unit_ok",        # the claim's measure word is one the cell counts in
    "domain_ok",      # a domain word appears in the sentence or just before it (1 when the entry has none)
    "section_ok",     # the claim is in a section where the entry expects it (1 when the entry names none; 0 outside
                      # every section, e.g. the preamble's "本报告包括……等六个部分")
    "section_known",  # the claim is in a recognised narrative section at all
    "label_cover",    # share of the printed label's (or an alias's) character pairs found in the claim's words
    "closeness",      # 1 / (1 + d/4), d = characters between the nearest trigger word and the number
    "trigger_after",  # the nearest trigger word follows the number ("收到70件申请")
    "approx",         # the number is approximate (近, 约, 余 …)
    "total_word",     # 共/合计/累计 … before the number
    "part_word",      # 其中/含/包括 in the sentence before the number
    "rivals",         # other clean candidates for the same claim (0, 1/3, 2/3, 1)
    "sum_target",     # the target is a sum of cells
    "kind_ok",        # money claim ↔ money cell, count claim ↔ count cell
    "clause_len",     # length of the clause before the number (capped at 40, scaled to 1)
    "enum_item",      # one item of a list: 2+ other counts with the same measure word in the sentence, no total word
    "year_before",    # a year or 全年/本年/今年 in the clause before the number ("2014年主动公开政府信息 2543条")
    "repeat_entry",   # an earlier claim of the same section already matched this entry (later ones tend to be parts)
    "trigger_listed", # the nearest trigger word is an item of a list ("工作动态、政策解读等信息共计244条")
)
_YEAR = re.compile(r"(?:19|20)\d{2}年|全年|本年|今年")


@dataclass(frozen=True)
class Entry:
    target: str
    templates: tuple[str, ...]
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    sentence_none: tuple[str, ...] = ()
    require_domain: bool = False
    label: str = ""
    aliases: tuple[str, ...] = ()
    cell_unit: str | None = None

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.target.split("+")]

    @property
    def triggers(self) -> tuple[str, ...]:
        return self.all + self.any

    @property
    def money(self) -> bool:
        return self.cell_unit in MONEY_UNITS


@dataclass(frozen=True)
class Words:
    """What a claim's words are, whitespace removed: the clause before the number (back to the previous number or
    clause break), the phrase after it (up to a break, an enumeration comma, a bracket or a digit), and the wider context for domain words."""

    clause: str
    after: str
    context: str
    before: str = ""  # the sentence up to the number

    @property
    def text(self) -> str:
        return self.clause + "|" + self.after


@cache
def entries() -> tuple[Entry, ...]:
    data = tomllib.loads(resources.files("nlp.data.lexicon").joinpath("links.toml").read_text("utf-8"))
    return tuple(Entry(**{k: tuple(v) if isinstance(v, list) else v for k, v in e.items()}) for e in data["link"])


def entry_for(target: str) -> Entry | None:
    for entry in entries():
        if entry.target == target:
            return entry
    return None


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def claim_words(claim: Claim, text: str, previous_end: int | None = None) -> Words:
    """The claim's words; ``previous_end`` is where the previous number of the same sentence ends."""
    s0, s1 = claim.sentence
    start, end = claim.span
    head = text[max(s0, previous_end or s0):start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    clause = head[breaks[-1].end():] if breaks else head
    tail = text[end:s1]
    stop = _AFTER_STOP.search(tail)
    after = tail[: stop.start()] if stop else tail
    c0 = min(s0, max(0, start - CONTEXT_BEFORE))
    heads = list(_SUBHEAD.finditer(text, max(0, start - SUBHEAD_BEFORE), start))
    if heads:
        c0 = min(c0, heads[-1].start())
    context = text[c0:s1]
    return Words(_squash(clause), _squash(after), _squash(context), _squash(text[s0:start]))


def link_text(claim: Claim, text: str) -> str:
    """The words that say what a claim counts (kept for callers of version 1): clause | phrase after."""
    return claim_words(claim, text).text


def matches(entry: Entry, words: Words, claim: Claim | None = None) -> bool:
    """The entry's ``all`` and ``any`` words appear (``none`` is judged separately); with the claim: and either its
    measure word is one the cell counts in, or its subject itself names the thing."""
    w = words.text
    if not (all(x in w for x in entry.all) and (not entry.any or any(x in w for x in entry.any))):
        return False
    if entry.require_domain and not _domain_ok(entry, words):
        return False
    return claim is None or _unit_ok(entry, claim) or any(x in claim.subject for x in entry.triggers)


def none_hit(entry: Entry, words: Words) -> bool:
    """A ``none`` word among the claim's words, or a ``sentence_none`` word anywhere in its sentence before it."""
    return any(x in words.text for x in entry.none) or any(x in words.before for x in entry.sentence_none)


def _unit_ok(entry: Entry, claim: Claim) -> bool:
    return claim.unit in entry.units


def _domain_ok(entry: Entry, words: Words) -> bool:
    return not entry.domain or any(x in words.context for x in entry.domain)


def _section_ok(entry: Entry, claim: Claim, strict: bool = False) -> bool:
    """The claim is where such a claim is expected; a claim outside every section passes unless ``strict``."""
    return not entry.sections or claim.section in entry.sections or (claim.section is None and not strict)


def score(entry: Entry, claim: Claim, words: Words | str) -> tuple[float, list[tuple[str, str]]]:
    """The plain lexicon score and the reasons (zh, en) that lowered it; 0 when the words do not match at all."""
    if isinstance(words, str):
        clause, _, after = words.partition("|")
        words = Words(clause, after, words)
    if claim.quantity.kind == "percent" or not matches(entry, words, claim) or none_hit(entry, words):
        return 0.0, []
    return _score(entry, claim, words)


def _score(entry: Entry, claim: Claim, words: Words) -> tuple[float, list[tuple[str, str]]]:
    value, doubts = 0.5, []
    if _unit_ok(entry, claim):
        value += 0.2
    else:
        doubts.append((f"量词“{claim.unit}”与单元格（{'/'.join(entry.units)}）不同",
                       f"unit '{claim.unit}' differs from the cell's ({'/'.join(entry.units)})"))
    if _domain_ok(entry, words):
        value += 0.2
    else:
        doubts.append(("该句未说明与政府信息公开有关", "the clause does not say it concerns information disclosure"))
    if _section_ok(entry, claim):
        value += 0.1
    else:
        doubts.append((f"出现在“{claim.section}”部分", f"stated in section '{claim.section}'"))
    return round(value, 3), doubts


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _label_cover(entry: Entry, words: Words) -> float:
    have = _bigrams(words.clause) | _bigrams(words.after)
    best = 0.0
    for label in (entry.label, *entry.aliases):
        grams = _bigrams(_LABEL_NOISE.sub("", label))
        if grams:
            best = max(best, len(grams & have) / len(grams))
    return best


def _trigger_distance(entry: Entry, words: Words) -> tuple[int, bool, bool]:
    """(characters between the nearest trigger word and the number, whether that word follows the number, whether
    it is an item of a list: next to 、 or followed by 等)."""
    best, after, listed = 40, False, False
    for t in entry.triggers:
        at = words.clause.rfind(t)
        if at >= 0 and len(words.clause) - (at + len(t)) < best:
            best, after = len(words.clause) - (at + len(t)), False
            nxt, prev = words.clause[at + len(t):at + len(t) + 1], words.clause[at - 1:at] if at else ""
            listed = nxt in ("、", "等") or prev == "、"
        at = words.after.find(t)
        if at >= 0 and at < best:
            best, after = at, True
            nxt = words.after[at + len(t):at + len(t) + 1]
            listed = nxt in ("、", "等")
    return best, after, listed


def features(entry: Entry, claim: Claim, words: Words, rivals: int = 0, siblings: int = 0,
             repeat: bool = False) -> dict[str, float]:
    """The classifier's inputs for one (claim, candidate) pair (names and meaning: ``FEATURES``); ``siblings`` is
    the number of other counts with the same measure word in the claim's sentence, ``repeat`` whether an earlier
    claim of the same section matched the entry."""
    hit = none_hit(entry, words)
    lexicon = 0.0 if hit else _score(entry, claim, words)[0]
    distance, after, listed = _trigger_distance(entry, words)
    clause = words.clause
    money_claim = claim.quantity.kind == "money" or claim.unit in MONEY_UNITS
    return {
        "lexicon": lexicon,
        "none_hit": float(hit),
        "unit_ok": float(_unit_ok(entry, claim)),
        "domain_ok": float(_domain_ok(entry, words)),
        "section_ok": float(_section_ok(entry, claim, strict=True)),
        "section_known": float(claim.section in _KNOWN_SECTIONS),
        "label_cover": round(_label_cover(entry, words), 4),
        "closeness": round(1 / (1 + distance / 4), 4),
        "trigger_after": float(after),
        "approx": float(bool(claim.quantity.approx)),
        "total_word": float(any(w in clause for w in _TOTAL_WORDS)),
        "part_word": float(any(w in (words.before or clause) for w in _PART_WORDS)),
        "rivals": min(rivals, 3) / 3,
        "sum_target": float(len(entry.cells) > 1),
        "kind_ok": float(money_claim == entry.money),
        "clause_len": min(len(clause), 40) / 40,
        "enum_item": float(siblings >= 2 and not any(w in clause for w in _TOTAL_WORDS)),
        "year_before": float(bool(_YEAR.search(clause))),
        "repeat_entry": float(repeat),
        "trigger_listed": float(listed),
    }


def candidates(claims: list[Claim], text: str, template: str) -> list[list[tuple[Entry, dict[str, float]]]]:
    """For each claim, every lexicon entry of the template whose words match it, with its features.
    Availability of the cells is not considered here (the features of a pair never depend on the table)."""
    pool = [e for e in entries() if template in e.templates]
    same_unit: dict[tuple, int] = {}
    for claim in claims:
        if claim.quantity.kind == "count" and claim.unit:
            key = (claim.sentence, claim.unit)
            same_unit[key] = same_unit.get(key, 0) + 1
    out: list[list[tuple[Entry, dict[str, float]]]] = []
    seen: dict[str | None, set[str]] = {}  # section → targets already matched cleanly
    previous: Claim | None = None
    for claim in claims:
        prev_end = previous.span[1] if previous is not None and previous.sentence == claim.sentence else None
        previous = claim
        if claim.quantity.kind == "percent":
            out.append([])
            continue
        words = claim_words(claim, text, prev_end)
        found = [e for e in pool if matches(e, words, claim)]
        clean = [e for e in found if not none_hit(e, words)]
        siblings = same_unit.get((claim.sentence, claim.unit), 1) - 1
        before = seen.setdefault(claim.section, set())
        out.append([(e, features(e, claim, words, rivals=len(clean) - (e in clean), siblings=siblings,
                                 repeat=e.target in before)) for e in found])
        before.update(e.target for e in clean)
    return out


def _reasons(entry: Entry, claim: Claim, f: dict[str, float]) -> list[tuple[str, str]]:
    out = []
    if not f["unit_ok"]:
        out.append((f"量词“{claim.unit}”与单元格（{'/'.join(entry.units)}）不同",
                    f"unit '{claim.unit}' differs from the cell's ({'/'.join(entry.units)})"))
    if not f["domain_ok"]:
        out.append(("该句未说明与政府信息公开有关", "the clause does not say it concerns information disclosure"))
    if not f["section_ok"]:
        out.append((f"出现在“{claim.section}”部分", f"stated in section '{claim.section}'"))
    if f["none_hit"]:
        out.append(("句中有通常指其他事项的词", "the words usually point elsewhere"))
    return out


def link_claims(claims: list[Claim], text: str, template: str, available: set[str]) -> None:
    """Attach to each claim its linked cells, best first (in place). ``score`` is the classifier's probability."""
    from .linking import model

    predictor = model()
    for claim, cands in zip(claims, candidates(claims, text, template)):
        links = []
        for entry, f in cands:
            if not all(c in available for c in entry.cells):
                continue
            p = cap(predictor.probability(f) if predictor is not None else f["lexicon"], f)
            if p < LINK_MIN:
                continue
            doubts = _reasons(entry, claim, f)
            how_en, how_zh = (f"link probability {p:.2f}", f"关联概率 {p:.2f}") if predictor else ("lexicon match", "词表匹配")
            links.append(Link(cell=entry.target, score=round(p, 3),
                              reason="; ".join([how_en] + [en for _, en in doubts]),
                              reason_zh="；".join([how_zh] + [zh for zh, _ in doubts])))
        claim.links = sorted(links, key=lambda l: -l.score)


def cap(p: float, f: dict[str, float]) -> float:
    """A link without the cell's measure word, or without the disclosure domain its entry asks for, is never strong."""
    if not (f["unit_ok"] and f["domain_ok"]):
        return min(p, STRONG - 0.01)
    return p


def alternatives(target: str) -> tuple[str, ...]:
    entry = entry_for(target)
    return entry.alternatives if entry else ()


def cell_unit(target: str) -> str | None:
    entry = entry_for(target)
    return entry.cell_unit if entry else None
