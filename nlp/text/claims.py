"""Quantities in context → claims: subject, qualifiers, scope, time scope, section, sentence.

Deliberately shallow and predictable: the clause before a number (back to the previous ，；： or the sentence start)
is where Chinese reports put what the number counts. The word lists live in nlp/data/lexicon/claims.toml.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..model import Claim, Quantity, Section
from .quantities import find_quantities
from .regex import alternation, guarded
from .sentences import outside, paragraph_bounds, sentences_in

CLAIM_KINDS = ("count", "percent", "money", "measure")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_UP_TO_LAST_CLAUSE_BREAK = re.compile(r"(?s:.*)[，,；;：:。！？!?]")
_SHARE_NOISE = re.compile(r"[\s（(]")
_PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
_SUBJECT_CUT = re.compile(r"[的等了地]")
_SPACE = re.compile(r"\s+")
_CJK_START = re.compile(r"[\u4e00-\u9fff《“]")
MAX_SUBJECT = 20


@cache
def lexicon() -> dict:
    data = tomllib.loads(resources.files("nlp.data.lexicon").joinpath("claims.toml").read_text("utf-8"))
    data["time_re"] = guarded("|".join(f"(?:{t})" for t in data["time"]), 0)
    data["trailing_longest_first"] = tuple(sorted(data["trailing"], key=len, reverse=True))
    data["object_verbs_tuple"] = tuple(data["object_verbs"])
    data["after_predicates_tuple"] = tuple(data["after_predicates"])
    data["after_stop_re"] = re.compile(f"[{re.escape(data['after_stops'])}0-9〇零一二两三四五六七八九十百千万]")
    for key in ("scope", "qualifiers"):  # one scan says whether any of the words is there (mostly none is)
        data[key + "_re"] = guarded(alternation(data[key]), 0)
    return data


def extract_claims(text: str, sections: list[Section] = (), skip: list[tuple[int, int]] = ()) -> list[Claim]:
    """Every quantity of the narrative as a claim; spans in ``skip`` (tables) are left out."""
    claims: list[Claim] = []
    para_time: dict[int, str] = {}
    words = lexicon()
    time_re = words["time_re"]
    for s0, s1, para, quantities in _sentences_with_quantities(text, skip):
        sentence = text[s0:s1]
        time_match = time_re.search(sentence)
        inherited = False
        if time_match:
            time_scope = _SPACE.sub("", time_match.group(0))
            para_time[para] = time_scope
        else:
            time_scope = para_time.get(para)
            inherited = time_scope is not None
        previous: Claim | None = None
        for q in quantities:
            clause = _clause(text, previous.quantity.end if previous else s0, q.start)
            subject = subject_of(clause, _after(text, q.end, s1))
            before = text[s0:q.start]
            if previous is not None and _is_share(q, clause, subject):
                subject = previous.subject  # "42件，占51.85%": the share is of what was just counted
            claim = Claim(
                quantity=q,
                subject=subject,
                qualifiers=_words_in(clause, words["qualifiers"], words["qualifiers_re"]),
                scope=_words_in(before, words["scope"], words["scope_re"]),
                time_scope=time_scope,
                time_inherited=inherited,
                section=_section_at(sections, q.start),
                sentence=(s0, s1),
            )
            claims.append(claim)
            previous = claim
    return claims


def _sentences_with_quantities(text: str, skip: list[tuple[int, int]]):
    """(start, end, paragraph number, quantities) per sentence of the narrative's paragraphs that have quantities.

    Quantities are found once in the whole text (the masking pass is shared with find_entities' dates), outside
    the tables, so each lies in one narrative segment; a table ends a paragraph. A paragraph without a quantity is
    not split into sentences: its sentences could only pass a time scope on within it.
    """
    found = [q for q in find_quantities(text, skip) if q.kind in CLAIM_KINDS]
    i = 0
    paragraphs = (p for a, b in outside(skip, len(text)) for p in paragraph_bounds(text, a, b))
    for para, (p0, p1) in enumerate(paragraphs):
        while i < len(found) and found[i].start < p0:
            i += 1  # between paragraphs (trimmed space): cannot happen for a quantity, kept for safety
        if i == len(found) or found[i].start >= p1:
            continue
        for s0, s1 in sentences_in(text, p0, p1):
            while i < len(found) and found[i].start < s0:
                i += 1  # between sentences (trimmed space): cannot happen for a quantity, kept for safety
            inside = []
            while i < len(found) and found[i].start < s1:
                if found[i].end <= s1:
                    inside.append(found[i])
                i += 1
            yield s0, s1, para, inside


def _words_in(text: str, words: list[str], any_of: re.Pattern) -> list[str]:
    """The ``words`` that occur in ``text``, in lexicon order (overlapping ones too: 代表区政府 and 代表)."""
    return [w for w in words if w in text] if any_of.search(text) else []


def _clause(text: str, sentence_start: int, at: int) -> str:
    """The words before a number back to the previous clause break, without an enumeration's earlier items."""
    head = text[sentence_start:at]
    upto = _UP_TO_LAST_CLAUSE_BREAK.match(head)
    return head[upto.end():] if upto else head


def _is_share(q: Quantity, clause: str, subject: str) -> bool:
    if q.kind != "percent":
        return False
    stripped = _SHARE_NOISE.sub("", clause)
    return not subject or not stripped or any(stripped.endswith(w) for w in lexicon()["share_words"])


def _after(text: str, at: int, sentence_end: int) -> str:
    """The phrase right after a quantity, up to the next clause break."""
    tail = text[at:sentence_end]
    stop = _CLAUSE_BREAK.search(tail)
    return tail[: stop.start()] if stop else tail


def subject_of(clause: str, after: str = "") -> str:
    """The noun phrase a number measures: the noun right after it ("五个国家试点区"), else the clause before it;
    the phrase after it also when the clause ends with a verb that takes it as object ("开展了五期…培训")."""
    words = lexicon()
    subject = _before_subject(clause)
    after = _PARENTHETICAL.sub("", _SPACE.sub("", after))
    if not (after and _CJK_START.match(after)):
        return subject
    if subject and not subject.endswith(words["object_verbs_tuple"]) and after.startswith(words["after_predicates_tuple"]):
        return subject
    stop = words["after_stop_re"].search(after)
    if stop is None:
        return after[:MAX_SUBJECT]
    return after[: stop.start()] if stop.start() >= 1 else subject


def _before_subject(clause: str) -> str:
    words = lexicon()
    subject = _PARENTHETICAL.sub("", _SPACE.sub("", clause))
    subject = words["time_re"].sub("", subject)
    fillers = words["trailing_longest_first"]
    for _ in range(3):  # "累计达" then "共计"…: strip repeated fillers, the longest first
        if not subject.endswith(fillers):
            break
        subject = subject[: -len(next(w for w in fillers if subject.endswith(w)))]
    if len(subject) > MAX_SUBJECT:
        cuts = list(_SUBJECT_CUT.finditer(subject))
        if cuts and len(subject) - cuts[-1].end() >= 2:
            subject = subject[cuts[-1].end():]
    return subject


def _section_at(sections: list[Section], offset: int) -> str | None:
    for section in sections:
        if section.start <= offset < section.end:
            return section.key
    return None
