"""Canonical sections from the report's own top-level headings (一、… 二、…)."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..model import Section

# a top-level heading: a Chinese ordinal and 、 at a line start, then a short title (not a whole paragraph)
_HEADING = re.compile(r"^[ \t]*(?P<num>[一二三四五六七八九十]{1,3})[、．.][ \t]*(?P<title>[^\n]{1,60})$", re.M)


@cache
def _keys() -> list[tuple[str, tuple[str, ...]]]:
    data = tomllib.loads(resources.files("nlp.data.lexicon").joinpath("sections.toml").read_text("utf-8"))
    return [(s["key"], tuple(s["words"])) for s in data["section"]]


def section_key(title: str) -> str:
    for key, words in _keys():
        if any(w in title for w in words):
            return key
    return "section"


def find_sections(text: str, skip: list[tuple[int, int]] = ()) -> list[Section]:
    """Top-level sections in order of the numbering; headings inside tables (``skip`` spans) are ignored.

    A heading is accepted only when its ordinal continues the sequence (一, 二, 三 …), which keeps numbered lines of
    the statistics table and list items out.
    """
    found: list[tuple[int, str, str]] = []
    expected = 1
    for match in _HEADING.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue
        number = _ordinal(match["num"])
        if number != expected:
            continue
        title = match["title"].strip()
        if len(title) > 40 and title.endswith("。"):
            continue  # a paragraph that starts with 一、, not a heading
        found.append((match.start(), match.group(0).strip(), title))
        expected += 1
    sections = []
    for i, (start, heading, title) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        sections.append(Section(key=section_key(title), heading=heading, start=start, end=end))
    return sections


_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _ordinal(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _DIGITS.get(numeral[1], 0)
    if len(numeral) >= 2 and numeral[1] == "十":
        return _DIGITS.get(numeral[0], 0) * 10 + (_DIGITS.get(numeral[2], 0) if len(numeral) == 3 else 0)
    return _DIGITS.get(numeral, 0)
