"""Canonical sections from the report's own top-level headings (一、… 二、…)."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..model import Section

# A top-level heading: a line with an ordinal, then a short title (not a whole paragraph). Reports number them
# 一、 (most), 第一部分, or 1. ; Markdown converted from Word may add "## " or "**…**" around the line.
_LINE = r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \t]*"
_TITLE = r"[ \t]*(?P<title>[^\n]{1,60}?)(?:\*\*)?[ \t]*$"
_STYLES = {  # tried in this order; the first that finds at least two known sections is the report's
    "chinese": re.compile(_LINE + r"(?P<num>[一二三四五六七八九十]{1,3})[、．.]" + _TITLE, re.M),
    "part": re.compile(_LINE + r"第(?P<num>[一二三四五六七八九十]{1,3})(?:部分|章)[、．.:：]?" + _TITLE, re.M),
    "arabic": re.compile(_LINE + r"(?P<num>\d{1,2})[、．.](?!\d)" + _TITLE, re.M),
}


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
    the statistics table and list items out. The numbering style is the first of ``_STYLES`` under which at least
    two headings name a known section (so that the 1. 2. items inside 一、… sections are not taken for headings).
    """
    best: list[Section] = []
    for heading in _STYLES.values():
        sections = _sections(text, skip, heading)
        if sum(s.key != "section" for s in sections) >= 2:
            return sections
        best = best or sections
    return best


def _sections(text: str, skip, heading: re.Pattern) -> list[Section]:
    found: list[tuple[int, str, str]] = []
    expected = 1
    for match in heading.finditer(text):
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
    for i, (start, printed, title) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        sections.append(Section(key=section_key(title), heading=printed, start=start, end=end))
    return sections


_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _ordinal(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _DIGITS.get(numeral[1], 0)
    if len(numeral) >= 2 and numeral[1] == "十":
        return _DIGITS.get(numeral[0], 0) * 10 + (_DIGITS.get(numeral[2], 0) if len(numeral) == 3 else 0)
    return _DIGITS.get(numeral, 0)
