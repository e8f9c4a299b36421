"""Sentences and paragraphs as character spans of the document text."""
from __future__ import annotations

import re

_END = re.compile(r"[。！？!?；;]+|\n+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of sentences in text[start:end], ending after their 。！？； (line breaks end a sentence too)."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _END.finditer(text, start, end):
        stop = match.end() if not match.group(0).startswith("\n") else match.start()
        if text[cursor:stop].strip():
            spans.append(_trim(text, cursor, stop))
        cursor = match.end()
    if cursor < end and text[cursor:end].strip():
        spans.append(_trim(text, cursor, end))
    return spans


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
