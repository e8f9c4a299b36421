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


def _line_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(stop, resume) around the line breaks that end a sentence, and with it a paragraph."""
    out = []
    for m in _NEWLINES.finditer(text, start, end):  # pos/endpos instead of a slice: no copy of the text per call
        a, b = m.span()
        before = text[max(start, text.rfind("\n", start, a) + 1):a].rstrip()
        line_end = text.find("\n", b)
        if (not before or before[-1] in _FINAL or _NUMBERED.match(text, b, end if line_end == -1 else line_end)
                or (len(before) <= _HEADING_MAX and _NUMBERED.match(before))):
            out.append((a, b))
    return out


def paragraph_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The stretches of text[start:end] between the line breaks that end a paragraph (untrimmed, may be blank)."""
    end = len(text) if end is None else end
    bounds, cursor = [], start
    for stop, resume in _line_breaks(text, start, end):
        bounds.append((cursor, stop))
        cursor = resume
    bounds.append((cursor, end))
    return bounds


def sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one paragraph (from ``paragraph_bounds``): they end after 。！？；, and are trimmed."""
    spans, cursor = [], start
    for m in _END.finditer(text, start, end):
        if text[cursor:m.end()].strip():
            spans.append(trim(text, cursor, m.end()))
        cursor = m.end()
    if text[cursor:end].strip():
        spans.append(trim(text, cursor, end))
    return spans


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of sentences in text[start:end], each ending after its 。！？； (trimmed of surrounding space)."""
    return [span for paragraph in sentences_by_paragraph(text, start, end) for span in paragraph]


def sentences_by_paragraph(text: str, start: int = 0, end: int | None = None) -> list[list[tuple[int, int]]]:
    """The sentence spans of text[start:end] grouped by paragraph (see ``paragraph_spans``)."""
    return [found for a, b in paragraph_bounds(text, start, end) if (found := sentences_in(text, a, b))]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def outside(spans, length: int) -> list[tuple[int, int]]:
    """The parts of 0…length not covered by ``spans`` (any order, may overlap; None bounds are ignored)."""
    parts, cursor = [], 0
    for a, b in sorted((a, b) for a, b in spans if a is not None and b is not None):
        if a > cursor:
            parts.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < length:
        parts.append((cursor, length))
    return parts


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of text between line breaks that follow sentence-final punctuation or a heading."""
    return [trim(text, a, b) for a, b in paragraph_bounds(text) if text[a:b].strip()]
