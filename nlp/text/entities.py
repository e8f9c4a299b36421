"""Named things in a report's text: agencies, regions, 《titles》, document numbers, hotlines, contacts, dates.

    >>> find_entities("请与平潭县人民政府办公室联系（邮编：350400；电话：0591-23165385）")
    [{'label': 'AGENCY', 'text': '平潭县人民政府办公室', 'start': 2, 'end': 12},
     {'label': 'POSTCODE', 'text': '350400', 'start': 18, 'end': 24},
     {'label': 'PHONE', 'text': '0591-23165385', 'start': 28, 'end': 41}]

No segmentation and no spaCy: a few regular expressions and a gazetteer, so it runs on every report (the spaCy
component ``xxgk_entities`` in nlp/text/pipeline.py calls this function too). Data, not code:

* ``nlp/data/lexicon/entity_patterns.jsonl``: whole names (AGENCY, REGION) in spaCy EntityRuler format, found
  anywhere in the text (not only on token boundaries);
* ``nlp/data/lexicon/entities.toml``: the agency rule (endings, where a name may start), hotline name heads,
  contact labels, and the order labels win in a tie;
* ``nlp/data/lexicon/hotlines.txt``: the words that make a bare 12345 a hotline ("12345 工单").

Labels: AGENCY, REGION, TITLE (《…》, brackets included), DOCNO (国办公开办函〔2021〕30号), HOTLINE (12345政务服务热线),
PHONE, POSTCODE, URL, EMAIL, DATE (with ``value``, ISO 8601, from ``nlp.text.quantities.find_dates``).

Agencies by rule: an ending (…局, 委员会, 中心, 办公室, 人民政府, 管委会; consecutive endings join) not followed by a
word that makes it something else (政府信息, 政府网站); the name starts at the earliest region or whole name, or at a
level prefix (市, 区, 县, 省, 国家 …) that does not end another word (全市, 社区), after the last character that is
never inside a name (的, 在, 由 …). Without such a start, only strong endings (局, 委员会, 人民政府 …) with a short
body right after punctuation count ("由公安局负责"). Overlapping candidates: the longest wins, then the label order.
"""
from __future__ import annotations

import json
import re
import tomllib
from bisect import bisect_left
from functools import cache
from importlib import resources
from typing import Iterator, NamedTuple

from .quantities import find_dates
from .regex import alternation, guarded, union
from .sentences import outside

__all__ = ["find_entities", "LABELS"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_IS_CJK = re.compile(f"[{_CJK}]")
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]"


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    value: str | None = None


# --------------------------------------------------------------------------- data


def _lexicon(name: str) -> str:
    return resources.files("nlp.data.lexicon").joinpath(name).read_text("utf-8")


@cache
def rules() -> dict:
    return tomllib.loads(_lexicon("entities.toml"))


@cache
def patterns() -> dict[str, str]:
    """Whole names from entity_patterns.jsonl: name → label."""
    out = {}
    for line in _lexicon("entity_patterns.jsonl").splitlines():
        if line.strip():
            item = json.loads(line)
            out[item["pattern"]] = item["label"]
    return out


@cache
def _hotline_words() -> tuple[list[str], list[str]]:
    """(short service numbers, context words) from hotlines.txt."""
    rows = {}
    for line in _lexicon("hotlines.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            key, *words = line.split()
            rows[key.rstrip(":")] = words
    return rows["numbers"], rows["context"]


def _spaced(words: list[str]) -> str:
    """Labels as PDF text may print them: "电 话：" (spaces between characters)."""
    return "(?:" + "|".join("[ \t]*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)) + ")"


def _ending(suffix: str, not_endings: list[str]) -> str:
    """An agency ending, unless it closes one of ``not_endings`` (大厅, 格局): ``(?<!大)厅``."""
    behind = "".join(f"(?<!{re.escape(w[:-len(suffix)])})" for w in not_endings if w.endswith(suffix) and w != suffix)
    return behind + re.escape(suffix)


@cache
def _regexes() -> dict[str, re.Pattern]:
    """``marks``: every kind with a fixed shape, in one pass (one named group per kind, tried in this order);
    ``names``: the whole names of entity_patterns.jsonl; ``suffix``: agency endings."""
    r = rules()
    agency, contact = r["agency"], r["contact"]
    numbers, context = _hotline_words()
    suffixes = "|".join(_ending(s, agency["not_endings"]) for s in sorted(agency["suffixes"], key=len, reverse=True))
    heads = "|".join(map(re.escape, r["hotline"]["heads"]))
    hotline_name = rf"[{_CJK}]{{0,{r['hotline']['max_name']}}}?(?:{heads})"
    kinds = {  # possessive runs (++) where giving characters back could never lead to a match
        "TITLE": r"《(?:[^《》\n]|\n(?!\n)){1,200}?》",
        "DOCNO": r"(?:[〔\[［【(（][ \t]*(?:19|20)\d{2}[ \t]*[〕\]］】)）]|令)[ \t]*第?[ \t]*\d{1,5}[ \t]*号",
        "EMAIL": r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
        "URL": rf"(?:https?://|www\.){_URL_CHARS}+"
               rf"|(?<![A-Za-z0-9.@\-])[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)*\.gov\.cn(?:/{_URL_CHARS}*)?",
        "PHONE_LABEL": _spaced(contact["phone_labels"]) + r"(?:号码)?[ \t]*[:：][ \t]*"
                       r"(?P<phone>\d[\d\-—–()（）]{5,}\d)(?![\d.])",
        "POSTCODE": _spaced(contact["postcode_labels"]) + r"[ \t]*[:：][ \t]*(?P<postcode>\d{6})(?!\d)",
        "PHONE": r"(?<![\d.])(?:[(（]0\d{2,3}[)）][ \t]*\d{7,8}|0\d{2,3}[-—–]\d{7,8}(?:[-—–]\d{1,4})?"
                 r"|400[-—–]?\d{3}[-—–]?\d{4})(?![\d.])(?![ \t]*[元万亿])",
        "HOTLINE": rf"(?<![\d.])(?:12\d{{3}}|{'|'.join(numbers)})(?![\d.])"
                   rf"(?:[ \t]*{hotline_name}|(?=[ \t]*{alternation(context)}))",
    }
    return {
        "marks": union(kinds),
        "names": guarded(alternation(patterns())),
        # the last character never inside a name: greedy .* then backtrack from the end (matched within the window)
        "stop": re.compile(rf"(?s:.*)([^{_CJK}]|[{re.escape(agency['hard_stops'])}])"),
        "prefix": re.compile(alternation(agency["prefixes"])),
        "suffix": guarded(rf"(?:{suffixes})+(?!{alternation(agency['not_before'])})"),
    }


# --------------------------------------------------------------------------- finders, one per kind


def _marks(text: str, parts: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Titles, document numbers, e-mails, URLs, phones, postcodes and hotlines (the fixed shapes), in one pass."""
    for m in (m for a, b in parts for m in _regexes()["marks"].finditer(text, a, b)):
        kind = m.lastgroup
        if kind == "PHONE_LABEL":  # the number only, not its label
            yield Candidate(m.start("phone"), m.end("phone"), "PHONE")
        elif kind == "POSTCODE":
            yield Candidate(m.start("postcode"), m.end("postcode"), "POSTCODE")
        elif kind == "DOCNO":
            yield Candidate(_issuer_start(text, m.start()), m.end(), "DOCNO")
        elif kind == "URL":  # trailing punctuation is the sentence's
            yield Candidate(m.start(), m.start() + len(m.group().rstrip(".,;:!?'")), "URL")
        else:
            yield Candidate(m.start(), m.end(), kind)


def _issuer_start(text: str, at: int) -> int:
    """Start of the issuer abbreviation before 〔2021〕 or 令 (国办公开办函, 国令): Chinese characters, after the last
    hard stop or connector (根据国务院令第711号 → 国务院令第711号)."""
    agency, longest = rules()["agency"], rules()["docno"]["max_issuer"]
    start = at
    while (start > 0 and at - start < longest and _IS_CJK.match(text[start - 1])
           and text[start - 1] not in agency["hard_stops"]):
        start -= 1
    for connector in agency["connectors"]:
        found = text.rfind(connector, start, at)
        if found != -1:
            start = max(start, found + len(connector))
    return start


def _names(text: str, parts: list[tuple[int, int]]) -> list[Candidate]:
    """Whole names of entity_patterns.jsonl, every occurrence (overlapping starts included: anchors for agencies)."""
    names = patterns()
    regex = _regexes()["names"]
    out = []
    for a, b in parts:
        pos = a
        while (m := regex.search(text, pos, b)) is not None:
            if m.end() > m.start():
                out.append(Candidate(m.start(), m.end(), names.get(m.group(), "REGION")))
            pos = m.start() + 1
    return out


def _agencies(text: str, parts: list[tuple[int, int]], anchors: set[int]) -> Iterator[Candidate]:
    """Agencies by rule (see the module doc); ``anchors`` are where whole names and regions start."""
    for m in (m for a, b in parts for m in _regexes()["suffix"].finditer(text, a, b)):
        start = _agency_start(text, m.start(), anchors, m.group())
        if start is not None:
            yield Candidate(start, m.end(), "AGENCY")


def _agency_start(text: str, suffix_at: int, anchors: set[int], ending: str) -> int | None:
    agency = rules()["agency"]
    lo = max(0, suffix_at - agency["max_body"])
    body_start, bounded = lo, lo == 0
    stop = _last_stop(text, lo, suffix_at)
    if stop is not None:
        body_start, bounded = stop + 1, True
    body_start = _after_last_connector(text, body_start, suffix_at, anchors)
    for p in range(body_start, suffix_at):
        if p in anchors or _level_prefix_at(text, p):
            return p
    lo_len, hi_len = agency["unanchored_body"]
    strong = any(ending.startswith(s) or ending.endswith(s) for s in agency["unanchored_suffixes"])
    if bounded and strong and lo_len <= suffix_at - body_start <= hi_len:
        return body_start
    return None


def _last_stop(text: str, lo: int, end: int) -> int | None:
    """Position of the last character in text[lo:end] that cannot be inside a name (hard stop or not Chinese)."""
    m = _regexes()["stop"].match(text, lo, end)
    return None if m is None else m.start(1)


def _after_last_connector(text: str, start: int, end: int, anchors: set[int]) -> int:
    """Where the last name joined by 和/及/代表… begins ("国务院和省政府" → 省政府), else ``start``."""
    best = start
    for connector in rules()["agency"]["connectors"]:
        at = text.find(connector, start, end)
        while at != -1:
            after = at + len(connector)
            if after < end and (after in anchors or _level_prefix_at(text, after)):
                best = max(best, after)
            at = text.find(connector, at + 1, end)
    return best


def _level_prefix_at(text: str, p: int) -> bool:
    if p > 0 and text[p - 1] in rules()["agency"]["prefix_not_after"]:
        return False
    return _regexes()["prefix"].match(text, p) is not None


def _dates(text: str, skip) -> Iterator[Candidate]:
    for start, end, value in find_dates(text, skip):
        yield Candidate(start, end, "DATE", value)


# --------------------------------------------------------------------------- overlaps and the API


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the label order of entities.toml; in text order."""
    order = {label: i for i, label in enumerate(rules()["labels"])}
    kept: list[tuple[int, int]] = []  # sorted (start, end) of kept spans
    out = []
    for c in sorted(set(candidates), key=lambda c: (c.start - c.end, order.get(c.label, 99), c.start)):
        i = bisect_left(kept, (c.start, c.end))
        if i > 0 and kept[i - 1][1] > c.start:
            continue
        if i < len(kept) and kept[i][0] < c.end:
            continue
        kept.insert(i, (c.start, c.end))
        out.append(c)
    return sorted(out)


LABELS = ("AGENCY", "REGION", "TITLE", "DOCNO", "HOTLINE", "PHONE", "POSTCODE", "URL", "EMAIL", "DATE")


def find_entities(text: str, skip: list[tuple[int, int]] = ()) -> list[dict]:
    """Entities of ``text`` as dicts (label, text, start, end; DATE also ``value``), in order, non-overlapping.

    Spans in ``skip`` (the statistics tables: numbers and template labels, read into facts) are not looked at, and
    no entity runs into one.
    """
    parts = outside(skip, len(text))
    names = _names(text, parts)
    anchors = {c.start for c in names}
    candidates = [*names, *_agencies(text, parts, anchors), *_marks(text, parts), *_dates(text, skip)]
    out = []
    for c in _resolve(candidates):
        item = {"label": c.label, "text": text[c.start:c.end], "start": c.start, "end": c.end}
        if c.value is not None:
            item["value"] = c.value
        out.append(item)
    return out
