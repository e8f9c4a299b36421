"""PDF reports → Document (pdfplumber on pdfminer.six).

Each page is parsed once. Tables come from the page's ruling lines (``find_tables``), never from plain text
extraction, which emits WPS table cells column by column. The narrative is made of the characters outside the
accepted tables, line by line, with wrapped lines glued back into paragraphs and page numbers dropped; each
table is written where it stood (tab-separated lines, see ``_grid``). Tables broken by a page stay one Table per
page; a later stage joins them.

Two quirks of real (WPS) PDFs shape the table step:
- every text line sits on an invisible white filled box, which pdfplumber would take for a one-column table:
  only visible strokes count as ruling lines;
- a table cut by a page break has no closing rule at the cut, leaving its first/last row open: we close it with a
  synthetic rule where its vertical rules end.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import BrokenFile, EmptyFile, NoTextLayer
from ..model import Cell, Document
from ._grid import TextBuilder, join_lines

_SNAP = 3.0  # pt; pdfplumber's default snap tolerance for ruling lines
_MIN_CELL_COVER = 0.8  # share of a table's characters that must fall inside its cells
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text"}
_PAGE_NUMBER = re.compile(
    r"[-—–－_\s·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?[-—–－_\s·•]*"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float


@dataclass
class _Page:
    number: int
    items: list = field(default_factory=list)  # _Line or list[Cell], in reading order (top to bottom)
    chars: int = 0
    cid_chars: int = 0
    images: int = 0  # pictures large enough to be a table or a chart (not a seal or a logo)


def read_pdf(path: str, data: bytes, sha256: str) -> Document:
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    pages = _read_pages(path, data)
    chars = sum(p.chars for p in pages)
    if chars == 0:
        raise NoTextLayer(path, "no text layer: OCR needed", "run OCR (e.g. ocrmypdf) and read the result")
    if sum(p.cid_chars for p in pages) > chars / 2:
        raise NoTextLayer(path, "text layer has no Unicode mapping ((cid:…) glyphs): OCR needed", None)
    out = _write(pages)
    return Document(path=path, format="pdf", sha256=sha256, text=out.text, tables=out.tables,
                    page_starts=out.page_starts, images=out.images)


# --------------------------------------------------------------------------- opening and parsing


def _read_pages(path: str, data: bytes) -> list[_Page]:
    """Parse every page once; turn any failure of pdfminer on a damaged file into one BrokenFile naming it.

    pdfminer resolves objects lazily (page tree, fonts, streams) and raises many kinds of exceptions on malformed
    input, so the whole read is guarded; the original exception stays attached as ``__cause__`` for debugging.
    """
    number = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(number, page))
                page.close()  # drop the parsed objects: memory stays flat on long reports
            return pages
    except Exception as error:
        where = f"page {number}: " if number else ""
        raise BrokenFile(path, where + _reason(error, data), _hint(error)) from error


def _unwrap(error: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions; the inner one says what went wrong."""
    if isinstance(error, PdfminerException) and error.args and isinstance(error.args[0], BaseException):
        return error.args[0]
    return error


def _reason(error: BaseException, data: bytes) -> str:
    error = _unwrap(error)
    name = type(error).__name__
    if name == "PDFPasswordIncorrect" or "Encrypt" in name:
        return "encrypted PDF: a password is needed to read it"
    if b"%%EOF" not in data[-2048:]:
        return f"truncated PDF (no %%EOF at the end; {name})"
    message = str(error)[:120]
    return f"corrupt PDF ({name}: {message})" if message else f"corrupt PDF ({name})"


def _hint(error: BaseException) -> str:
    if type(_unwrap(error)).__name__ == "PDFPasswordIncorrect":
        return "ask the publisher for an unprotected copy"
    return "check the download"


def _read_page(number: int, page) -> _Page:
    page = page.dedupe_chars()  # "fake bold": a glyph drawn twice at (nearly) the same place is one character
    result = _Page(number)
    chars = page.chars  # the single pdfminer parse of this page; everything below reuses it
    result.chars = sum(1 for c in chars if c["text"].strip())
    result.cid_chars = sum(1 for c in chars if c["text"].startswith("(cid:"))
    result.images = sum(1 for image in page.images if _large(image, page))
    if not result.chars:
        return result
    grids = _grids(page, chars)
    used = {id(c) for grid in grids for c in grid.used}
    # characters read into no cell stay in the narrative, so no word of the report is lost
    rest = page.filter(lambda obj: obj["object_type"] != "char" or id(obj) not in used)
    lines = [_Line(ln["text"], ln["x0"], ln["x1"], ln["top"]) for ln in rest.extract_text_lines(return_chars=False)]
    lines = _drop_page_numbers(lines, page.height)
    items = [(ln.top, 1, ln) for ln in lines] + [(grid.top, 0, grid.cells) for grid in grids]
    result.items = [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]
    return result


# --------------------------------------------------------------------------- ruling lines


_MAX_RULE = 4.0  # points


def _is_visible(obj: dict) -> bool:
    """Keep characters and drawn strokes; drop invisible white boxes and large shaded areas."""
    kind = obj["object_type"]
    if kind not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    # a filled thin bar is how Word draws rules (outer frames up to 2.25 pt and more); wider is shading
    thin = min(obj.get("width", 0), obj.get("height", 0)) <= _MAX_RULE
    return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))


def _white(colour) -> bool:
    if colour is None:
        return False
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 4:  # CMYK: white is no ink
        return all(isinstance(v, (int, float)) and v <= 0.05 for v in values)
    return all(isinstance(v, (int, float)) and v >= 0.95 for v in values)


def _closing_rules(edges: list[dict]) -> list[dict]:
    """Horizontal rules at the top and bottom of each group of vertical rules that lacks one (page-cut tables)."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["top"])
    horizontals = [e for e in edges if e["orientation"] == "h"]
    rules = []
    for group in _overlapping(verticals):
        if len(group) < 2:
            continue
        x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
        for y in (min(e["top"] for e in group), max(e["bottom"] for e in group)):
            if not _ruled(horizontals, x0, x1, y):
                rules.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                              "width": x1 - x0, "height": 0})
    return rules


def _overlapping(verticals: list[dict]) -> list[list[dict]]:
    """Vertical rules grouped by overlapping height (one group per table; input sorted by top)."""
    groups: list[list[dict]] = []
    bottom = None
    for edge in verticals:
        if bottom is None or edge["top"] > bottom + _SNAP:
            groups.append([])
            bottom = edge["bottom"]
        groups[-1].append(edge)
        bottom = max(bottom, edge["bottom"])
    return groups


def _ruled(horizontals: list[dict], x0: float, x1: float, y: float) -> bool:
    covered = sum(
        max(0.0, min(h["x1"], x1) - max(h["x0"], x0)) for h in horizontals if abs(h["top"] - y) <= _SNAP
    )
    # the whole width, give or take the joints: a page cut under a cell that spans on (三、本年度办理结果 with
    # rowspan 22) leaves that cell's stretch open while the rest is ruled, and its text would fall out of the table
    return covered >= (x1 - x0) - 2 * _SNAP


# --------------------------------------------------------------------------- tables


@dataclass
class _Grid:
    top: float
    cells: list[Cell]
    used: list[dict]  # the characters read into its cells


def _grids(page, chars: list[dict]) -> list[_Grid]:
    """Validated tables of the page, from its visible ruling lines (closed at page cuts), else text alignment."""
    ruled = page.filter(_is_visible)
    settings = dict(_LINES, explicit_horizontal_lines=_closing_rules(ruled.edges))
    grids = []
    for table in ruled.find_tables(settings):
        grid = _grid(table, chars) or _text_fallback(page, table.bbox, chars)
        if grid:
            grids.append(grid)
    return grids


def _grid(table, chars: list[dict]) -> _Grid | None:
    """Cells of a table with their grid position and spans, or None when the table fails validation."""
    if not table.cells:
        return None
    xs = _boundaries([c[0] for c in table.cells] + [c[2] for c in table.cells])
    ys = _boundaries([c[1] for c in table.cells] + [c[3] for c in table.cells])
    if len(xs) < 3 or len(ys) < 2 or (len(ys) == 2 and len(xs) < 4):
        return None  # a box around text, not a table; one row of 3 cells or more is a table cut by a page break
    inside = [c for c in chars if c["text"].strip() and _inside(c, [table.bbox])]
    used = [c for c in inside if _inside(c, table.cells)]
    if not inside or len(used) < _MIN_CELL_COVER * len(inside):
        return None  # the cells miss too much of the text in the table's box: the ruling was misread
    texts = table.extract()
    cells = []
    for r, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            col, row_index = _index(xs, bbox[0]), _index(ys, bbox[1])
            cells.append(Cell(
                text=_cell_text(texts[r][j]),
                row=row_index,
                col=col,
                rowspan=max(_index(ys, bbox[3]) - row_index, 1),
                colspan=max(_index(xs, bbox[2]) - col, 1),
            ))
    return _Grid(top=table.bbox[1], cells=cells, used=used)


def _boundaries(values: list[float]) -> list[float]:
    """Sorted distinct coordinates, merging those closer than the snap tolerance."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def _text_fallback(page, bbox, chars: list[dict]) -> _Grid | None:
    """A ruled table we could not validate: try pdfplumber's text-alignment strategy inside its box."""
    try:
        region = page.crop(bbox)
    except ValueError:
        return None
    for table in region.find_tables(_TEXT):
        return _grid(table, chars)
    return None


def _cell_text(text: str | None) -> str:
    """pdfplumber puts wrapped lines of a cell on separate lines; join them (CJK rule in ``join_lines``)."""
    return join_lines((text or "").split("\n"))


def _inside(obj: dict, boxes) -> bool:
    """Whether the centre of ``obj`` lies in one of ``boxes`` (x0, top, x1, bottom)."""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


# --------------------------------------------------------------------------- narrative


def _drop_page_numbers(lines: list[_Line], height: float) -> list[_Line]:
    """Drop a page number printed alone as the first or last line ("- 2 -", "第 2 页", "2/5", "2")."""
    if lines and lines[-1].top > 0.85 * height and _is_page_number(lines[-1].text):
        lines = lines[:-1]
    if lines and lines[0].top < 0.12 * height and _is_page_number(lines[0].text):
        lines = lines[1:]
    return lines


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def _large(image: dict, page) -> bool:
    """At least 40 % of the page wide and 10 % high: a table or a chart, not a seal (~20 %) or a logo."""
    return (image["x1"] - image["x0"]) >= 0.4 * float(page.width) and \
        (image["bottom"] - image["top"]) >= 0.1 * float(page.height)


def _write(pages: list[_Page]) -> TextBuilder:
    """Write all pages; a line continues the previous one when that one ran to the right margin."""
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    left, right, tolerance = _margins(lines)
    out = TextBuilder()
    previous = None  # the last written item, for deciding whether a line continues it
    for page in pages:
        out.page(page.number)
        for _ in range(page.images):
            out.image(page=page.number)
        for item in page.items:
            if isinstance(item, _Line):
                if _continues(previous, item, left, right, tolerance):
                    out.continue_paragraph(item.text)
                else:
                    out.paragraph(item.text)
            else:
                out.table(item, page=page.number)
            previous = item
    out.finish()
    return out


def _margins(lines: list[_Line]) -> tuple[float, float, float]:
    """The text block's usual left and right edges (the most frequent ones) and a tolerance of about one glyph."""
    if not lines:
        return 0.0, 0.0, 0.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in lines).most_common(1)[0][0]
    widths = sorted((ln.x1 - ln.x0) / max(len(ln.text), 1) for ln in lines if len(ln.text) > 5)
    glyph = widths[len(widths) // 2] if widths else 10.0
    return left, right, max(glyph, 4.0)


def _continues(previous, line: _Line, left: float, right: float, tolerance: float) -> bool:
    """A wrapped line: the previous line reached the right margin and this one starts at the left margin."""
    if not isinstance(previous, _Line) or not previous.text:
        return False
    if previous.x1 < right - tolerance or abs(line.x0 - left) > tolerance / 2:
        return False
    return previous.text[-1] not in "。！？"  # a sentence end at the margin: a new paragraph may start flush
