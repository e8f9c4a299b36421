"""Sentences and paragraphs as character spans of the document text.

Text converted from PDF wraps lines anywhere, even inside a number ("共 3\\n\\n项"), so a line break ends a sentence
only where the line before ends with sentence punctuation, or either line is a numbered heading or list item.
"""
from __future__ import annotations

import re

_FINAL = "。！？!?；;：:"
_END = re.compile(r"[。！？!?；;]+")
_NUMBERED = re.compile(r"[ \t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+[章节部分])")
_HEADING_MAX = 40
_NEWLINES = re.compile(r"\n+")


def _breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(stop, resume) positions of sentence ends: punctuation, and the line breaks that end a sentence."""
    out = [(m.end(), m.end()) for m in _END.finditer(text, start, end)]
    for m in _NEWLINES.finditer(text, start, end):  # pos/endpos instead of a slice: no copy of the text per call
        a, b = m.span()
        before = text[max(start, text.rfind("\n", start, a) + 1):a].rstrip()
        line_end = text.find("\n", b)
        if (not before or before[-1] in _FINAL or _NUMBERED.match(text, b, end if line_end == -1 else line_end)
                or (len(before) <= _HEADING_MAX and _NUMBERED.match(before))):
            out.append((a, b))
    return sorted(out)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of sentences in text[start:end], each ending after its 。！？； (trimmed of surrounding space)."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for stop, resume in _breaks(text, start, end):
        if stop > cursor and text[cursor:stop].strip():
            spans.append(trim(text, cursor, stop))
        cursor = max(cursor, resume)
    if cursor < end and text[cursor:end].strip():
        spans.append(trim(text, cursor, end))
    return spans


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of text between line breaks that follow sentence-final punctuation or a heading."""
    spans, cursor = [], 0
    for stop, resume in _breaks(text, 0, len(text)):
        if resume > stop or text[stop - 1:stop] == "\n":  # only the line-break kind ends a paragraph
            if text[cursor:stop].strip():
                spans.append(trim(text, cursor, stop))
            cursor = resume
    if text[cursor:].strip():
        spans.append(trim(text, cursor, len(text)))
    return spans
