"""Word (.docx) reports → Document (python-docx).

The body XML is walked in order, so each table is written between the paragraphs it stood between. Merged cells
are read from the grid markup: ``w:gridSpan`` gives colspan, ``w:vMerge`` continuation gives rowspan, and
``w:gridBefore`` shifts a row that starts after the first grid column. Headers, footers and text boxes are not
read (page furniture, or rare in these reports).
"""
from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn

from ..errors import BrokenFile, EmptyFile
from ..model import Cell, Document
from ._grid import TextBuilder, join_lines

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_EXTENT = qn("wp:extent")  # the size of an inline or floating picture (cx, cy in EMU)
_T, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), {qn("w:br"), qn("w:cr")}
# not the paragraph's visible text: deletions, moved-away text, properties, text boxes (and their fallback copy)
_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:txbxContent"), qn("w:drawing"),
         qn("w:pict"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


def read_docx(path: str, data: bytes, sha256: str) -> Document:
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    document = _open(path, data)
    out = TextBuilder()
    _write_blocks(document.element.body, out, _text_width(document))
    if not out.text.strip():
        raise EmptyFile(path, "the Word document has no text", "is the report in a header, text box or image?")
    return Document(path=path, format="docx", sha256=sha256, text=out.text, tables=out.tables, images=out.images)


def _text_width(document) -> int | None:
    """The first section's text width in EMU (page width minus margins), to tell a table-sized picture from a seal."""
    section = document.sections[0] if document.sections else None
    try:
        return int(section.page_width - section.left_margin - section.right_margin)
    except (AttributeError, TypeError):
        return None


def _open(path: str, data: bytes):
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BrokenFile(path, "not a Word file (not a zip archive)", "check the download; .doc files need converting")
    try:
        return open_docx(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, BadZipFile … on damaged packages
        raise BrokenFile(path, f"damaged Word file ({type(error).__name__}: {error})", "check the download") from None


def _blocks(parent):
    """Paragraphs and tables of a body or cell in order; content controls (w:sdt) are looked into."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _write_blocks(body, out: TextBuilder, text_width: int | None) -> None:
    for block in _blocks(body):
        if block.tag == _P:
            for extent in block.iter(_EXTENT):  # a picture in the paragraph: noted when it is table-sized
                if text_width and int(extent.get("cx", 0)) >= 0.4 * text_width:
                    out.image()
            for line in _paragraph_text(block).split("\n"):  # a manual line break (w:br) starts a new line
                out.paragraph(line)  # tabs inside prose become spaces there: tabs mark table cells only
        elif _single_cell(block) is not None:  # a frame around the content, not a table: read what is inside
            _write_blocks(_single_cell(block), out, text_width)
        else:
            out.table(_table_cells(block))


def _single_cell(tbl):
    """The one cell of a 1 × 1 table (a layout frame), else None."""
    rows = _children(tbl, _TR)
    cells = _children(rows[0], _TC) if len(rows) == 1 else []
    return cells[0] if len(cells) == 1 else None


def _paragraph_text(p) -> str:
    """The paragraph's text, runs nested in any wrapper included: a tracked insertion (w:ins), a smart tag, a
    content control, a field, custom XML (python-docx's ``Paragraph.text`` reads direct runs only, so a figure
    typed with track changes on came out blank). Deleted and moved-away text, text boxes and the fallback copy
    of drawings are left out."""
    pieces: list[str] = []
    _collect(p, pieces)
    return "".join(pieces)


def _collect(element, pieces: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, pieces)


def _table_cells(tbl) -> list[Cell]:
    """Cells at their grid positions; a vMerge continuation grows the rowspan of the cell above it."""
    cells: list[Cell] = []
    above: dict[int, Cell] = {}  # grid column -> the cell that last started there
    for r, tr in enumerate(_children(tbl, _TR)):
        col = _grid_before(tr)
        for tc in _children(tr, _TC):
            span = max(_int_val(tc, "w:gridSpan", 1), 1)
            cell = above.get(col)
            if _v_merge(tc) == "continue" and cell and cell.col == col and cell.row + cell.rowspan == r:
                cell.rowspan += 1
            else:
                cell = Cell(text=_cell_text(tc), row=r, col=col, colspan=span)
                cells.append(cell)
                above[col] = cell
            col += span
    return cells


def _children(parent, tag: str) -> list:
    """Direct children with ``tag``, also those wrapped in a content control."""
    found = []
    for child in parent.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                found.extend(_children(content, tag))
    return found


def _cell_text(tc) -> str:
    """Paragraphs and line breaks of a cell joined by the CJK rule; a nested table is read row by row."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            lines.extend(_paragraph_text(block).split("\n"))
        else:
            lines.extend(" ".join(c.text for c in _table_cells(block) if c.text).split("\n"))
    return join_lines(lines)


def _grid_before(tr) -> int:
    props = tr.find(qn("w:trPr"))
    return _int_val(props, "w:gridBefore", 0) if props is not None else 0


def _int_val(el, tag: str, default: int) -> int:
    """The integer w:val of a property of a cell (looked up in w:tcPr) or row properties element."""
    props = el.find(qn("w:tcPr")) if el.tag == _TC else el
    node = props.find(qn(tag)) if props is not None else None
    try:
        return max(int(node.get(qn("w:val"))), 0) if node is not None else default
    except (TypeError, ValueError):
        return default


def _v_merge(tc) -> str | None:
    """None (not merged), "restart" (first cell of a vertical merge) or "continue"."""
    props = tc.find(qn("w:tcPr"))
    node = props.find(qn("w:vMerge")) if props is not None else None
    if node is None:
        return None
    return node.get(qn("w:val")) or "continue"
