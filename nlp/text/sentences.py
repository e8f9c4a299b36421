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
    return [span for paragraph in sentences_by_paragraph(text, start, end) for span in paragraph]


def sentences_by_paragraph(text: str, start: int = 0, end: int | None = None) -> list[list[tuple[int, int]]]:
    """The sentence spans of text[start:end] grouped by paragraph (see ``paragraph_spans``), from one pass."""
    end = len(text) if end is None else end
    paragraphs: list[list[tuple[int, int]]] = []
    sentences: list[tuple[int, int]] = []
    cursor = start
    for stop, resume in _breaks(text, start, end):
        if stop > cursor and text[cursor:stop].strip():
            sentences.append(trim(text, cursor, stop))
        cursor = max(cursor, resume)
        if _ends_paragraph(text, stop, resume) and sentences:
            paragraphs.append(sentences)
            sentences = []
    if cursor < end and text[cursor:end].strip():
        sentences.append(trim(text, cursor, end))
    if sentences:
        paragraphs.append(sentences)
    return paragraphs


def _ends_paragraph(text: str, stop: int, resume: int) -> bool:
    """Only the line-break kind of sentence end ends a paragraph."""
    return resume > stop or text[stop - 1:stop] == "\n"


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
    spans, cursor = [], 0
    for stop, resume in _breaks(text, 0, len(text)):
        if _ends_paragraph(text, stop, resume):
            if text[cursor:stop].strip():
                spans.append(trim(text, cursor, stop))
            cursor = resume
    if text[cursor:].strip():
        spans.append(trim(text, cursor, len(text)))
    return spans
