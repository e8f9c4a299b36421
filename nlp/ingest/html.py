"""HTML reports → Document (lxml).

Real pages come in two shapes: a fragment holding only the report body (100_shanghai_szfbgt_2019.html) and a full
site page with menus, breadcrumbs, share buttons and an attachment box around it (the 2xx_pingtan pages). We keep
the container holding the report's title and its body, drop page furniture inside it, and write paragraphs one per
line and tables as tab-separated lines (see ``_grid``). A page with no report in it raises ``NotAReport``.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import EmptyFile, NotAReport, UndecodableText
from ..model import Cell, Document
from ._grid import TextBuilder, collapse, join_lines
from .normalise import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Elements that never hold report text.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button", "input", "select",
    "textarea", "nav", "svg", "canvas", "head", "video", "audio", "map",
    "del", "s", "strike",  # struck-out text: a tracked deletion ("<del>9</del><ins>71</ins>") is not the value
}
_ICON_MAX = 100  # an <img> declared narrower or lower than this (pixels) is an icon or a button, not a table
# class/id words that mark page furniture (matched as whole words of the attribute, split at space, - and _)
_FURNITURE_WORDS = {
    "share", "breadcrumb", "crumb", "crumbs", "qrcode", "ewm", "toolbar", "pagination", "pager",
    "attachment", "download", "menu", "navbar", "nav", "sidebar",
}
_FURNITURE_MAX = 300  # furniture is small: a marked element with more text (or a table) is kept anyway
# A whole element reading like one of these is a button or label of the site, not the report.
_FURNITURE_TEXT = re.compile(
    r"^(?:附件(?:下载)?[:：]?|相关附件[:：]?|文件下载|相关链接[:：]?|全真版|文字版|扫一扫在手机上查看当前页面|"
    r"【?(?:打印(?:本页)?|关闭(?:窗口|本页)?|收藏|返回顶部)】?|分享到[:：]?.{0,20}|微信|微博|QQ空间|"
    r"字号[:：]?\s*[大中小\s]+|上一篇[:：].*|下一篇[:：].*|当前位置[:：].*)$"
)
_TITLE = re.compile(r"政府信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_YEAR = re.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}")
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "body", "html",
}
_MAX_EXTRA_CHROME = 300  # characters outside the body allowed in the title+body container


def read_html(path: str, data: bytes, sha256: str) -> Document:
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    root = _parse(path, data)
    _drop_furniture(root)
    _mark_grids(root)
    body = _report_root(root)
    if body is None or "政府信息公开" not in collapse(body.text_content()):
        raise NotAReport(path, "no 政府信息公开 report text on this page", "is this the report page or a list page?")
    out = TextBuilder()
    _Walker(out).block(body)
    return Document(path=path, format="html", sha256=sha256, text=out.text, tables=out.tables, images=out.images)


# --------------------------------------------------------------------------- parsing


def _parse(path: str, data: bytes) -> etree._Element:
    """Decode with the declared charset (GBK/GB2312 read as GB18030) or by sniffing, then parse."""
    declared = _CHARSET.search(data[:4096])
    try:
        text = decode(data, declared.group(1).decode("ascii") if declared else None)
    except UnicodeDecodeError:
        raise UndecodableText(path, "HTML is neither UTF-8 nor its declared charset nor GB18030", None) from None
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise EmptyFile(path, "the HTML page is empty")
    return lxml_html.document_fromstring(text)


# --------------------------------------------------------------------------- furniture


def _drop_furniture(root: etree._Element) -> None:
    """Remove scripts, forms, hidden widgets, share/download/menu boxes and site labels.

    Only tags that never hold report text are dropped unconditionally; an element marked as furniture by its
    class/id or hidden by its style is dropped only when small, so a body with an unlucky class name survives.
    """
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _DROP_TAGS:  # comments, processing instructions, scripts …
            doomed.append(el)
        elif el.tag == "img" and _is_icon(el):
            doomed.append(el)
        elif el.tag not in ("html", "body") and (_is_hidden(el) or _has_furniture_class(el)) and _small(el):
            doomed.append(el)
    for el in doomed:
        _remove(el)
    for el in [el for el in root.iter("a", "span", "p", "div", "li", "em", "text") if _is_furniture_text(el)]:
        if el.getparent() is not None:
            _remove(el)


def _is_icon(img: etree._Element) -> bool:
    for name in ("width", "height"):
        size = re.match(r"\s*(\d+)", img.get(name) or "")
        if size and int(size.group(1)) < _ICON_MAX:
            return True
    return False


def _small(el: etree._Element) -> bool:
    return el.find(".//table") is None and len(collapse(el.text_content())) <= _FURNITURE_MAX


def _remove(el: etree._Element) -> None:
    """Drop an element but keep the text that follows it (its tail belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _has_furniture_class(el: etree._Element) -> bool:
    words = re.split(r"[\s_\-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(w in _FURNITURE_WORDS for w in words)


def _is_furniture_text(el: etree._Element) -> bool:
    if any(a.tag in ("td", "th") for a in el.iterancestors()):
        return False  # never touch table cells
    text = collapse(el.text_content())
    return bool(text) and len(text) <= 30 and bool(_FURNITURE_TEXT.match(text))


# --------------------------------------------------------------------------- finding the report


def _report_root(root: etree._Element) -> etree._Element | None:
    """The element holding the report: the densest text container, widened to take in the title above it."""
    body = root.find("body")
    if body is None:
        body = root
    core = _densest(body)
    if core is None:
        return None
    title = _title_before(body, core)
    if title is None:
        return core
    common = _common_ancestor(core, title)
    extra = len(collapse(common.text_content())) - len(collapse(core.text_content()))
    return common if extra <= _MAX_EXTRA_CHROME else _with_title(core, title)


def _densest(body: etree._Element) -> etree._Element | None:
    """Readability-style: credit each leaf block's non-link text to its parent (and half to the grandparent)."""
    scores: dict[etree._Element, float] = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or not _is_leaf_block(el):
            continue
        if any(a.tag == "a" for a in el.iterancestors()):
            continue
        size = len(collapse(el.text_content())) - sum(len(collapse(a.text_content())) for a in el.iter("a"))
        if size <= 0:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + size
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + size / 2
    return max(scores, key=scores.get) if scores else None


def _is_leaf_block(el: etree._Element) -> bool:
    """A data table (as a unit), or a block element with no block inside and not inside a data table.

    Layout tables (old sites put the whole page in one) are containers like a div: their cells' paragraphs count.
    """
    if _is_grid(el):
        return not any(_is_grid(a) for a in el.iterancestors("table"))
    if el.tag not in _BLOCKS or el.tag in ("body", "html", "table"):
        return False
    if any(_is_grid(a) for a in el.iterancestors("table")):
        return False
    return not any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants())


def _title_before(body: etree._Element, core: etree._Element) -> etree._Element | None:
    """The last short element before ``core`` that reads like a report title (year + 政府信息公开…报告)."""
    if _starts_with_title(core):
        return None
    found = None
    for el in body.iter():
        if el is core:
            break
        if not isinstance(el.tag, str) or el.tag == "a" or any(a.tag == "a" for a in el.iterancestors()):
            continue
        if _is_title(collapse(el.text_content())):
            found = el  # keep the deepest/latest match
    if found is not None and any(a is found for a in core.iterancestors()):
        return None
    return found


def _starts_with_title(core: etree._Element) -> bool:
    """Whether the first line of text in ``core`` is itself a title."""
    for el in core.iter():
        if isinstance(el.tag, str) and _is_leaf_block(el):
            text = collapse(el.text_content())
            if text:
                return _is_title(text)
    return False


def _is_title(text: str) -> bool:
    return len(text) <= 80 and bool(_TITLE.search(text)) and bool(_YEAR.search(text))


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element:
    ancestors = [a, *a.iterancestors()]  # a list keeps the lxml proxies alive, so `is` compares nodes
    for x in (b, *b.iterancestors()):
        if any(x is y for y in ancestors):
            return x
    return a.getroottree().getroot()


def _with_title(core: etree._Element, title: etree._Element) -> etree._Element:
    """A detached wrapper: a copy of the title line followed by the body (when they sit far apart on the page)."""
    wrapper = lxml_html.Element("div")
    heading = lxml_html.Element("p")
    heading.text = collapse(title.text_content())
    wrapper.append(heading)
    wrapper.append(_copy(core))
    return wrapper


def _copy(el: etree._Element) -> etree._Element:
    from copy import deepcopy

    clone = deepcopy(el)
    clone.tail = None
    return clone


# --------------------------------------------------------------------------- writing text and tables


class _Walker:
    """Walks the report element in document order, writing paragraphs and tables to a ``TextBuilder``."""

    def __init__(self, out: TextBuilder):
        self.out = out
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            self.out.paragraph("".join(self.buffer))
            self.buffer = []

    def block(self, el: etree._Element) -> None:
        self.flush()
        self.inline(el)
        self.flush()

    def inline(self, el: etree._Element) -> None:
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "br":
                self.flush()
            elif child.tag == "img":  # a table or chart published as a picture: noted (at the paragraph it is in)
                self.out.image(source=child.get("src") or "")
            elif _is_grid(child):
                self.flush()
                caption = child.find("caption")
                if caption is not None:  # the table's title line, written just above its grid
                    self.out.paragraph(_cell_text(caption))
                self.out.table(_table_cells(child))
            elif child.tag in _BLOCKS:
                self.block(child)
            else:
                self.inline(child)
            if child.tail:
                self.buffer.append(child.tail)


_GRID = "data-xxgk-grid"  # set on data tables once, so the layout test runs once per table


def _mark_grids(root: etree._Element) -> None:
    for table in root.iter("table"):
        if not _is_layout_table(table):
            table.set(_GRID, "1")


def _is_grid(el: etree._Element) -> bool:
    return el.tag == "table" and el.get(_GRID) is not None


def _is_layout_table(table: etree._Element) -> bool:
    """Tables used for page layout hold prose or other tables, or have one column: read them as text."""
    if table.find(".//table") is not None:
        return True
    cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
    if not cells or (max(_int_attr(c, "colspan", 1) for c in cells) < 2 and _rows_width(table) < 2):
        return True
    return any(len(collapse(c.text_content())) > 400 for c in cells)


def _rows_width(table: etree._Element) -> int:
    return max((len(tr.xpath("./td|./th")) for tr in _rows(table)), default=0)


def _rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _int_attr(el: etree._Element, name: str, default: int) -> int:
    """A span attribute as a browser reads it: leading digits, else the default."""
    match = re.match(r"\s*(\d+)", el.get(name) or "")
    return int(match.group(1)) if match else default


def _table_cells(table: etree._Element) -> list[Cell]:
    """Lay the cells out on the grid as a browser does: each cell takes the first column not covered by a rowspan."""
    rows = _rows(table)
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, tr in enumerate(rows):
        col = 0
        for td in tr.xpath("./td|./th"):
            while (r, col) in taken:
                col += 1
            colspan = min(max(_int_attr(td, "colspan", 1), 1), 1000)
            rowspan = _int_attr(td, "rowspan", 1)
            rowspan = len(rows) - r if rowspan == 0 else min(max(rowspan, 1), len(rows) - r)
            taken.update((r + i, col + j) for i in range(rowspan) for j in range(colspan))
            cells.append(Cell(text=_cell_text(td), row=r, col=col, rowspan=rowspan, colspan=colspan))
            col += colspan
    return cells


def _cell_text(td: etree._Element) -> str:
    """Cell text: each <br> or block inside the cell is a line break, joined by the CJK rule of ``join_lines``."""
    lines: list[str] = [""]

    def walk(el: etree._Element) -> None:
        if el.text:
            lines[-1] += el.text
        for child in el:
            if isinstance(child.tag, str):
                if child.tag == "br" or child.tag in _BLOCKS:
                    lines.append("")
                if child.tag != "br":
                    walk(child)
                if child.tag in _BLOCKS:
                    lines.append("")
            if child.tail:
                lines[-1] += child.tail

    walk(td)
    return join_lines(lines)
