"""Narrative claims → table cells, by the lexicon in nlp/data/lexicon/links.toml.

A link has a score in [0, 1]: the words of the entry (0.5), the measure word (0.2), the disclosure domain
(0.2) and the expected section (0.1). Only links at or above ``STRONG`` may ever produce a ``fail``, so a strong
link needs the right measure word and, for entries that name a domain, words saying the claim is about disclosure.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import Claim, Link

STRONG = 0.85
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")


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

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.target.split("+")]


@cache
def entries() -> tuple[Entry, ...]:
    data = tomllib.loads(resources.files("nlp.data.lexicon").joinpath("links.toml").read_text("utf-8"))
    return tuple(Entry(**{k: tuple(v) if isinstance(v, list) else v for k, v in e.items()}) for e in data["link"])


def link_text(claim: Claim, text: str) -> str:
    """The words that say what a claim counts: its clause before the number, and the phrase after it."""
    s0, s1 = claim.sentence
    start, end = claim.span
    before = text[s0:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    after = text[end:s1]
    stop = _CLAUSE_BREAK.search(after)
    return re.sub(r"\s+", "", clause + "|" + (after[: stop.start()] if stop else after))


def score(entry: Entry, claim: Claim, words: str) -> tuple[float, list[tuple[str, str]]]:
    """The link score and the reasons (zh, en) that lowered it; 0 when the words do not match at all."""
    if claim.quantity.kind == "percent":
        return 0.0, []
    if any(w not in words for w in entry.all) or (entry.any and not any(w in words for w in entry.any)):
        return 0.0, []
    if any(w in words for w in entry.none):
        return 0.0, []
    if claim.unit not in entry.units and not any(w in claim.subject for w in entry.any + entry.all):
        return 0.0, []  # another measure word, and the subject itself does not name the thing: no link
    value, doubts = 0.5, []
    if claim.unit in entry.units:
        value += 0.2
    else:
        doubts.append((f"量词“{claim.unit}”与单元格（{'/'.join(entry.units)}）不同",
                       f"unit '{claim.unit}' differs from the cell's ({'/'.join(entry.units)})"))
    if not entry.domain or any(w in words for w in entry.domain):
        value += 0.2
    else:
        doubts.append(("该句未说明与政府信息公开有关", "the clause does not say it concerns information disclosure"))
    if not entry.sections or claim.section in entry.sections or claim.section is None:
        value += 0.1
    else:
        doubts.append((f"出现在“{claim.section}”部分", f"stated in section '{claim.section}'"))
    return round(value, 3), doubts


def link_claims(claims: list[Claim], text: str, template: str, available: set[str]) -> None:
    """Attach to each claim its candidate cells, best first (in place)."""
    for claim in claims:
        words = link_text(claim, text)
        links = []
        for entry in entries():
            if template not in entry.templates or not all(c in available for c in entry.cells):
                continue
            value, doubts = score(entry, claim, words)
            if value:
                links.append(Link(cell=entry.target, score=value,
                                  reason="; ".join(en for _, en in doubts) or "lexicon match",
                                  reason_zh="；".join(zh for zh, _ in doubts) or "词表匹配"))
        claim.links = sorted(links, key=lambda l: -l.score)


def alternatives(target: str) -> tuple[str, ...]:
    for entry in entries():
        if entry.target == target:
            return entry.alternatives
    return ()
