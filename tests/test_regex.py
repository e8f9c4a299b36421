"""nlp.text.regex: first-character guards must speed the text layer's patterns up without changing a single match.

Every pattern the text layer builds with ``guarded``/``union`` is compared with the same source compiled without
guards, on every corpus text and on generated text mixing the characters the patterns start with.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.ingest.normalise import normalise
from nlp.text import claims, entities, quantities  # noqa: F401 (importing builds their patterns)
from nlp.text import regex
from nlp.text.regex import first_chars, union

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ALPHABET = ("0123456789.-:/@_%+ \t\n" "abhwQqA" "一二三四十两百万〇○零第是、分之年月日号度学至到"
            "（）()【】〔〕［］《》令" "电话传真邮编热线联系：:" "其合单同统次窗网办跑全本今上下历截" "局委中心政府人民办公室元件条")


@cache
def _patterns() -> list[tuple[re.Pattern, re.Pattern]]:
    entities._regexes()  # built on first use
    claims.lexicon()
    pairs = regex.built()
    assert len(pairs) >= 6, "the text layer's guarded patterns were not all built"
    return pairs


def _matches(pattern: re.Pattern, text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source, flags, expected", [
    (r"(?<![\d.])\d+", re.A, "0123456789"),                  # lookbehinds take no character
    (r"(?P<y>(?:19|20)\d\d)年", re.A, "12"),
    (r"a?b", 0, "ab"),                                        # an optional start lets the next one start
    (r"(?:x|y)*z", 0, "xyz"),
    (r"[〔\[]\d+[〕\]]", re.A, "[〔"),
])
def test_first_chars(source, flags, expected):
    assert first_chars(source, flags) == expected


@pytest.mark.parametrize("source, flags", [
    (r"a*", 0),            # can match nothing: a guard would forbid the empty match elsewhere
    (r".x", 0),            # any character
    (r"[^a]x", 0),
    (r"\d", 0),            # without re.A, \d is the digits of every script
    (r"[\u4e00-\u9fff]", 0),  # too wide to be worth a guard
    (r"abc", re.I),
])
def test_no_guard_when_the_first_characters_are_unknown_or_too_many(source, flags):
    assert first_chars(source, flags) is None


def test_union_names_the_kind_and_keeps_the_order():
    pattern = union({"long": r"(?<!\d)\d{4}年", "short": r"\d+"})
    assert _matches(pattern, "2019年 12 x7") == [((0, 5), "long"), ((6, 8), "short"), ((10, 11), "short")]


def test_guards_change_nothing_on_the_corpus():
    paths = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    texts = [normalise(p.read_text("utf-8")) for p in paths]
    assert texts
    for guarded, plain in _patterns():
        for text in texts:
            assert _matches(guarded, text) == _matches(plain, text), guarded.pattern[:60]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET))
def test_guards_change_nothing(text):
    for guarded, plain in _patterns():
        assert _matches(guarded, text) == _matches(plain, text), guarded.pattern[:60]
