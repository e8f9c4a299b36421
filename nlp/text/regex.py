"""Building blocks for the text layer's large regular expressions: word tries and first-character guards.

Python's ``re`` tries a pattern at every position of the text. Our patterns start with lookbehinds and named
groups, so the engine cannot skip ahead by itself; it enters every alternative at every character. Two cures:

* ``guarded(source)`` puts a lookahead for the characters a match can start with in front of the whole pattern;
* ``union(kinds)`` does the same for each alternative of ``(?P<kind>…)|(?P<kind>…)|…``, so that at a digit the
  alternatives that can only start with a letter or a bracket are not entered.

The first characters are worked out from the parsed pattern (``first_chars``), so they cannot drift from the
source when a pattern is edited. Guards never change what matches (tests compare guarded and plain patterns on
the corpus and on generated text); when the characters cannot be worked out (a pattern can start with any
character, or with a construct this module does not know), the pattern is compiled without a guard.
"""
from __future__ import annotations

import re

try:  # the parser behind re.compile (re._parser since 3.11): private, so its absence only costs speed
    from re import _constants as C
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re internals moved: no guards, same matches
    C = _parser = None

__all__ = ["alternation", "first_chars", "guarded", "union", "built"]

_MAX_RANGE = 2000  # a class wider than this (\u4e00-\u9fff) makes a guard that filters nothing


def alternation(words, gap: str = "") -> str:
    """A regex for any of ``words`` as a character trie: one branch per first character, longest match first.

    A flat ``a|ab|abc|…`` over a hundred words makes the engine try every word at every position; the trie tries
    only the branch for the current character. ``gap`` is allowed between characters (PDF text breaks lines
    inside words: "四\\n\\n位一体").
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + (gap if child.keys() - {""} else "") + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"


# --------------------------------------------------------------------------- first characters of a pattern


class _Unknown(Exception):
    """The pattern can start with any character, or uses a construct not analysed here."""


def first_chars(source: str, flags: int = 0) -> str | None:
    """Every character a non-empty match of ``source`` can start with, or None when that is not a short list.

    Case-insensitive patterns and patterns that can match the empty string give None (no guard is safe then).
    """
    if flags & re.I or _parser is None:
        return None
    try:
        chars, can_be_empty = _sequence(_parser.parse(source, flags).data, bool(flags & re.A))
    except _Unknown:
        return None
    return None if can_be_empty or not chars else "".join(sorted(chars))


def _sequence(items, ascii_digits: bool) -> tuple[set[str], bool]:
    """(first characters, whether the sequence can match without consuming anything)."""
    chars: set[str] = set()
    for op, av in items:
        first, empty = _first(op, av, ascii_digits)
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first(op, av, ascii_digits: bool) -> tuple[set[str], bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        return _charset(av, ascii_digits), False
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):  # zero width: look further
        return set(), True
    if op is C.SUBPATTERN:
        return _sequence(av[-1], ascii_digits)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, ascii_digits)
    if op is C.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            first, can_be_empty = _sequence(alternative, ascii_digits)
            chars |= first
            empty = empty or can_be_empty
        return chars, empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, body = av
        first, can_be_empty = _sequence(body, ascii_digits)
        return first, low == 0 or can_be_empty
    raise _Unknown(op)  # ANY, NOT_LITERAL, GROUPREF, …: any character


def _charset(items, ascii_digits: bool) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] <= _MAX_RANGE:
            chars |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT and ascii_digits:  # without re.A, \d is every script's
            chars |= set("0123456789")
        else:
            raise _Unknown(op)
    return chars


# --------------------------------------------------------------------------- guarded patterns


def _lookahead(chars: str | None) -> str:
    return "" if chars is None else "(?=[" + "".join(re.escape(ch) for ch in chars) + "])"


_BUILT: list[tuple[re.Pattern, str, int]] = []  # (guarded pattern, source without guards, flags): for the tests


def guarded(source: str, flags: int = re.A) -> re.Pattern:
    """``source`` compiled behind a lookahead for the characters a match can start with."""
    pattern = re.compile(_lookahead(first_chars(source, flags)) + f"(?:{source})", flags)
    _BUILT.append((pattern, source, flags))
    return pattern


def union(kinds: dict[str, str], flags: int = re.A) -> re.Pattern:
    """``(?P<kind>source)|…`` in the order given (the first kind that matches at a position wins), each kind and
    the whole behind a guard for its first characters. ``match.lastgroup`` names the kind that matched."""
    firsts = {kind: first_chars(source, flags) for kind, source in kinds.items()}
    body = "|".join(f"{_lookahead(firsts[kind])}(?P<{kind}>{source})" for kind, source in kinds.items())
    overall = None if None in firsts.values() else "".join(sorted(set().union(*firsts.values())))
    pattern = re.compile(_lookahead(overall) + f"(?:{body})", flags)
    _BUILT.append((pattern, "|".join(f"(?P<{kind}>{source})" for kind, source in kinds.items()), flags))
    return pattern


def built() -> list[tuple[re.Pattern, re.Pattern]]:
    """Every pattern built here so far, with the same pattern compiled without guards (tests compare the two)."""
    return [(pattern, re.compile(source, flags)) for pattern, source, flags in _BUILT]
