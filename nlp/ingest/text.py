"""Plain text and Markdown reports → Document.

Tables come in three shapes here: tab-separated rows (converted reports), Markdown pipe tables, and tables
flattened into digit runs by crawlers (recovered later by ``nlp.tables.flattened``; left in the text here).
"""
from __future__ import annotations

import re

from ..model import Cell, Document, Table
from . import crawled
from .normalise import normalise

_TSV_ROW = re.compile(r"^[^\n]*\t[^\n]*$", re.M)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def read_text(path: str, text: str, sha256: str, fmt: str = "txt") -> Document:
    text = normalise(text)
    is_crawled = crawled.looks_crawled(text)
    if is_crawled:  # a crawler's page.txt: header lines, page chrome, the body on one line (see crawled.py)
        text = crawled.clean(text)
    tables = _tsv_tables(text) + _pipe_tables(text) + (crawled.flattened_tables(text) if is_crawled else [])
    tables.sort(key=lambda t: t.offset or 0)
    return Document(path=path, format=fmt, sha256=sha256, text=text, tables=tables)


def _line_spans(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def _blocks(text: str, is_row, min_rows: int = 3):
    """Runs of table rows; blank lines inside a run are allowed (converted PDFs break tables at pages)."""
    block: list[tuple[int, int, str]] = []
    gap = 0
    for start, end, line in _line_spans(text):
        if is_row(line):
            block.append((start, end, line))
            gap = 0
        elif not line.strip() and block and gap < 2:
            gap += 1
        else:
            if len(block) >= min_rows:
                yield block
            block, gap = [], 0
    if len(block) >= min_rows:
        yield block


def _tsv_tables(text: str) -> list[Table]:
    tables = []
    for block in _blocks(text, lambda line: "\t" in line):
        cells = []
        for r, (start, _, line) in enumerate(block):
            for c, value in enumerate(line.split("\t")):
                cells.append(Cell(text=value.strip(), row=r, col=c, offset=start + len(value) - len(value.lstrip())))
                start += len(value) + 1
        tables.append(Table(cells=cells, offset=block[0][0], end=block[-1][1], origin="tsv"))
    return tables


def _pipe_tables(text: str) -> list[Table]:
    tables = []
    # a pipe row is unambiguous, so even a lone one counts (converted PDFs cut tables into single-row pieces)
    for block in _blocks(text, lambda line: bool(_PIPE_ROW.match(line)), min_rows=1):
        rows = [line for _, _, line in block if not _PIPE_RULE.match(line)]
        cells = [
            Cell(text=value.strip(), row=r, col=c)
            for r, line in enumerate(rows)
            for c, value in enumerate(line.strip().strip("|").split("|"))
        ]
        tables.append(Table(cells=cells, offset=block[0][0], end=block[-1][1], origin="markdown"))
    return tables
