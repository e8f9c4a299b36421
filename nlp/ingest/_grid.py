"""Shared by the HTML, PDF and DOCX readers: cell text clean-up and laying out text + tables into one string.

Every reader yields the same shape as the text reader sees a converted report: paragraphs one per line, and each
table as tab-separated lines at the place where it stood. A table's ``offset``/``end`` delimit its lines and each
cell's ``offset`` points at its text, so a finding can quote the exact cell.
"""
from __future__ import annotations

import re

from ..model import Cell, Image, Table
from .normalise import normalise

_SPACES = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    """Chinese characters, CJK punctuation (、。《》…) and full-width forms (（）：，…)."""
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x303F
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def collapse(text: str) -> str:
    """Normalised, inner whitespace runs (tabs, newlines, &nbsp;) as one space, ends stripped."""
    return _SPACES.sub(" ", normalise(text)).strip()


def join_lines(parts: list[str]) -> str:
    """Join the visual lines of one cell (``<br>``, paragraphs in a cell, wrapped PDF lines).

    A break between two CJK characters disappears ("本年度办" + "理结果" → "本年度办理结果": the break was only
    the column width); anywhere else it becomes one space ("2023" + "年" → "2023 年", as printed in the PDFs).
    """
    out = ""
    for part in (collapse(p) for p in parts):
        if not part:
            continue
        if out and not (is_cjk(out[-1]) and is_cjk(part[0])):
            out += " "
        out += part
    return out


class TextBuilder:
    """Accumulates paragraphs and tables into ``text``, recording offsets as it goes."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.tables: list[Table] = []
        self.images: list[Image] = []
        self.page_starts: list[tuple[int, int]] = []
        self._pending_page: int | None = None

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _append(self, separator: str, piece: str) -> int:
        """Append ``separator`` + ``piece``; return where ``piece`` starts (and start a pending page there)."""
        if separator:
            self._parts.append(separator)
            self._length += len(separator)
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        if self._pending_page is not None:
            self.page_starts.append((self._pending_page, start))
            self._pending_page = None
        return start

    def _write(self, piece: str) -> int:
        """Append ``piece`` on a new line; return where it starts."""
        return self._append("\n" if self._length else "", piece)

    def paragraph(self, text: str) -> None:
        """Write one paragraph on its own line (normalised, whitespace collapsed; empty ones are skipped)."""
        text = collapse(text)
        if text:
            self._write(text)

    def continue_paragraph(self, text: str) -> None:
        """Glue ``text`` to the last paragraph (a line wrapped in the source, e.g. across a PDF page break)."""
        text = collapse(text)
        if not text:
            return
        if not self._length:
            self._write(text)
            return
        last = self._parts[-1]
        self._append("" if last and is_cjk(last[-1]) and is_cjk(text[0]) else " ", text)

    def image(self, page: int | None = None, source: str = "") -> None:
        """A picture stands here (its text, if any, cannot be read)."""
        self.images.append(Image(offset=self._length, page=page, source=source))

    def page(self, number: int) -> None:
        """Page ``number`` starts with the next piece written (an empty page starts where the text stands)."""
        if self._pending_page is not None:
            self.page_starts.append((self._pending_page, self._length))
        self._pending_page = number

    def finish(self) -> None:
        """Close a trailing empty page."""
        self.page(-1)
        self._pending_page = None

    def table(self, cells: list[Cell], page: int | None = None, origin: str = "grid") -> Table | None:
        """Write ``cells`` as tab-separated lines (one per grid row) and record the table with its offsets.

        Spanned cells are written once, at their top-left slot; the slots they cover stay empty, so line i is
        row i and the i-th tab-separated field is column i, as in a TSV table.
        """
        cells = [c for c in cells if c.row >= 0 and c.col >= 0]
        if not cells:
            return None
        width = max(c.col + c.colspan for c in cells)
        height = max(c.row + c.rowspan for c in cells)
        grid = [[""] * width for _ in range(height)]
        for cell in cells:
            cell.text = cell.text.replace("\t", " ").replace("\n", " ")
            grid[cell.row][cell.col] = cell.text
        line_starts = [self._write("\t".join(row)) for row in grid]
        for cell in cells:
            before = grid[cell.row][: cell.col]
            cell.offset = line_starts[cell.row] + sum(len(t) + 1 for t in before)
        table = Table(cells=cells, page=page, offset=line_starts[0], end=self._length, origin=origin)
        self.tables.append(table)
        return table
