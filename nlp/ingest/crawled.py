"""Crawled report pages (page.txt of a site archive) → clean report text.

The layout (corpus/009..019_pingtan_*.txt, 101..108_*.txt)::

    标题: 平潭综合实验区2021年度政府信息公开工作年度报告
    发布时间: 2022-02-08 16:34
    文号: … 发布机构: … 栏目: … 原文链接: … 本地目录: … 页面链接与图片详见 …
    ==================== 正文 ====================
    当前位置： 首页… 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 根据《…》…。一、总体情况2021年，我区… 附件下载

The body is one line: headings are inline ("。一、总体情况2021年") and tables are flattened into label + digit runs
("一、本年新收政府信息公开申请数量640020470"). ``clean`` keeps the 标题/发布时间 lines (nlp/structure/meta.py reads
them), drops the other crawler lines, the page chrome and Word artefacts, and only *inserts* line breaks into the
body: before and after inline top-level headings and before each table row. It never changes a character of the
report's words; ``"".join(body.split("\\n"))`` of the result is the original body minus the dropped chrome.

The small tokeniser of flattened tables (label / digit run, numbering glued to the previous run) lives here because
the line breaks need it; ``nlp.tables.flattened`` reads the cells with the same tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Table

# --------------------------------------------------------------------------- header and chrome

_RULE = re.compile(r"^=+\s*正文\s*=+[ \t]*$", re.M)
_HEADER_LINE = re.compile(r"^(?P<key>[^\s:：]{1,12})\s*[:：]")
_KEEP_HEADER = ("标题", "发布时间")
# breadcrumb + share/version buttons before the body; the crawler leaves the end of an HTML comment ("-->")
_CHROME_HEAD = re.compile(r"^\s*当前位置\s*[:：][^\n]{0,400}?相关链接\s*[:：]?\s*(?:-->)?\s*")
_CHROME_TAIL = re.compile(r"\s*附件下载\s*$")
# Word list markup copied with the HTML: <!--[if !supportLists]--> … <!--[endif]-->
_WORD_ARTEFACT = re.compile(r"<!--\[(?:if [^\]]{0,40}|endif)\]-->")


def looks_crawled(text: str) -> bool:
    """A crawler page: "标题:" on the first line and a "==== 正文 ====" rule within the header block."""
    head = text[:3000]
    return bool(_RULE.search(head)) and head.lstrip().startswith("标题")


def split_page(text: str) -> tuple[list[str], str]:
    """(the header lines worth keeping, the body after the 正文 rule)."""
    rule = _RULE.search(text)
    header, body = text[: rule.start()], text[rule.end():]
    kept = []
    for line in header.split("\n"):
        match = _HEADER_LINE.match(line)
        if match and match["key"] in _KEEP_HEADER and line.split(":", 1)[-1].split("：", 1)[-1].strip():
            kept.append(line.rstrip())
    return kept, body


def report_body(body: str) -> str:
    """The body without page chrome and Word artefacts (characters removed, none changed or added)."""
    body = _CHROME_HEAD.sub("", body, count=1)
    body = _CHROME_TAIL.sub("", body)
    body = _WORD_ARTEFACT.sub("", body)
    return body.strip()


def clean(text: str) -> str:
    """Header lines kept, chrome dropped, line breaks inserted before headings and table rows."""
    kept, body = split_page(text)
    body = break_lines(report_body(body))
    return "\n".join(kept) + ("\n\n" if kept else "") + body + "\n"


# --------------------------------------------------------------------------- a text view without line breaks
# Inserted line breaks must not change how a flattened table reads, so the tokeniser works on the text with "\n"
# removed and maps positions back.


@dataclass
class View:
    s: str  # the text without "\n"
    index: list[int]  # position in s → position in the original text

    @classmethod
    def of(cls, text: str) -> View:
        index = [i for i, c in enumerate(text) if c != "\n"]
        return cls("".join(text[i] for i in index), index)

    def at(self, i: int) -> int:
        """Original position of s[i] (i == len(s) maps to the end of the text)."""
        return self.index[i] if i < len(self.index) else (self.index[-1] + 1 if self.index else 0)

    def end(self, j: int) -> int:
        """Original position just after s[j - 1]."""
        return self.index[j - 1] + 1 if j > 0 else 0


# --------------------------------------------------------------------------- inline headings

_NUMERAL = "一二三四五六七八九十"
_TOP = re.compile(rf"[{_NUMERAL}]{{1,3}}、")
# a heading title: short, no digits, spaces or sentence punctuation, ending in one of the words headings end with
_TITLE = re.compile(r"[ \t]*([^\s\d。；;！？!?:：]{0,40}?(?:情况统计表|统计表|情况|事项|概述|措施))")
_NOT_BEFORE = set("第统之唯单合同")  # 统一、 之一、 第一、 … are words, not headings


def _ordinal(numeral: str) -> int:
    digits = {c: i for i, c in enumerate(_NUMERAL[:9], start=1)}
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits.get(numeral[1], 0)
    if len(numeral) >= 2 and numeral[1] == "十":
        return digits.get(numeral[0], 0) * 10 + (digits.get(numeral[2], 0) if len(numeral) == 3 else 0)
    return digits.get(numeral, 0)


def inline_headings(s: str) -> list[tuple[int, int]]:
    """(start, end of title) of top-level headings 一、… in order of their numbering (a table row such as
    "四、结转下年度继续办理1000001" has no heading title, so the sequence is not disturbed)."""
    found = []
    expected = 1
    for match in _TOP.finditer(s):
        if match.start() and s[match.start() - 1] in _NOT_BEFORE:
            continue
        if _ordinal(match.group(0)[:-1]) != expected:
            continue
        title = _TITLE.match(s, match.end())
        if not title:
            continue
        found.append((match.start(), title.end()))
        expected += 1
    return found


# --------------------------------------------------------------------------- flattened tables: tokens

# a digit run: values separated by spaces (or by a sign), with decimals and a 元/万元 suffix
_RUN = re.compile(r"[+-]?\d+(?:\.\d+)?(?:万元|元)?(?:[ \t]*[+-]?\d+(?:\.\d+)?(?:万元|元)?)*")
_NUMBERING_SEP = ".、．"
_GROUP_MARK = re.compile(rf"(?<!第)[（(][{_NUMERAL}]+[）)]|(?<![第统之唯单合同])[{_NUMERAL}]{{1,3}}、|其中")
_ATOM = re.compile(r"[+-]?[^\s+-]+")
_NARRATIVE_AFTER = set("年月日号%％个件条项人次家万余多")  # "2024年", "70件": narrative, not a table cell


@dataclass
class Token:
    kind: str  # label | run
    start: int  # in View.s
    end: int
    text: str
    numbering: str = ""  # for labels: the row number moved here from the end of the previous run ("2" of "…00002.")

    def atoms(self) -> list[tuple[int, int]]:
        """Printed pieces of a run: separated by spaces, and a sign starts a new piece ("2648-18538")."""
        return [(self.start + m.start(), self.start + m.end()) for m in _ATOM.finditer(self.text)]


def numbering_digits(run: str, expected: int) -> int:
    """How many trailing digits of ``run`` are the next row's number ("00000002." → 1 when row 2 is expected).

    The number continues the list (1., 2., 3. …: the expected number is taken when the run ends with it);
    otherwise one digit is taken (the numbered lists of these tables stay below 10).
    """
    last = run.split()[-1] if run.split() else run
    want = str(expected)
    if last.endswith(want):
        return len(want)
    return 1


def tokens(s: str, a: int = 0, b: int | None = None) -> list[Token]:
    """Labels and digit runs of s[a:b]; a row number glued to the previous run is moved to the next label."""
    b = len(s) if b is None else b
    out: list[Token] = []
    pos = a
    last_number = 0
    carried = ""  # numbering digits waiting for their label
    carried_start = None
    for match in _RUN.finditer(s, a, b):
        i, j = match.start(), match.end()
        label = s[pos:i]
        if label or carried:
            start = carried_start if carried else pos
            if _GROUP_MARK.search(label):
                last_number = 0
            if label.strip() or carried:
                out.append(Token("label", start, i, s[start:i], carried))
            carried, carried_start = "", None
        run_end = j
        if j < b and s[j] in _NUMBERING_SEP and s[j - 1].isdigit() and (j + 1 >= len(s) or not s[j + 1].isdigit()):
            k = numbering_digits(match.group(0), last_number + 1)
            carried = s[j - k:j]
            carried_start = j - k
            run_end = j - k
            last_number = int(carried)
        text = s[i:run_end].rstrip()
        if text.strip():
            out.append(Token("run", i, i + len(text), text))
        pos = j
    tail_start = carried_start if carried else pos
    if s[tail_start:b].strip():
        out.append(Token("label", tail_start, b, s[tail_start:b], carried))
    return _merge_labels(out, s)


def _merge_labels(out: list[Token], s: str) -> list[Token]:
    """Adjacent labels (a run that was only a row number) become one label."""
    merged: list[Token] = []
    for token in out:
        if merged and token.kind == "label" and merged[-1].kind == "label":
            prev = merged.pop()
            merged.append(Token("label", prev.start, token.end, s[prev.start:token.end], prev.numbering))
        else:
            merged.append(token)
    return merged


# --------------------------------------------------------------------------- flattened tables: where they are


@dataclass
class Region:
    kind: str  # t2 | t3 | t4 | pre2019
    start: int  # in View.s
    end: int
    body: int  # where the rows start (after the header of the pre-2019 table)


_STARTS = (
    ("t2", re.compile(r"第二十条第[（(]一[）)]项")),
    ("t3", re.compile(r"[（(]本列数据的勾稽关系|申请人情况|本年新收政府信息公开申请数量")),
    ("t4", re.compile(r"行政(?:法)?复议\s*行政诉讼\s*结果\s*维持")),
    ("pre2019", re.compile(r"指标名称")),
)
_PRE2019_HEADER_END = re.compile(r"历年累计|(?:本年度|统计数|\d{4}\s*年度)(?!\s*历年)")


def table_regions(s: str) -> list[Region]:
    """The flattened tables of s: from a table's first words to its last digit run, never across a heading,
    another table or a sentence end (no table label holds a 。)."""
    heads = [h for h, _ in inline_headings(s)]
    marks = {kind: [m.start() for m in pattern.finditer(s)] for kind, pattern in _STARTS}
    regions = []
    for kind, starts in marks.items():
        others = [x for k, xs in marks.items() if k != kind for x in xs] + heads
        for start in starts:  # the first place that holds a table (a table's words may be quoted in the text)
            region = _region(s, kind, start, min([len(s)] + [x for x in others if x > start]))
            if region is not None:
                regions.append(region)
                break
    return sorted(regions, key=lambda r: r.start)


def _region(s: str, kind: str, start: int, limit: int) -> Region | None:
    stop = s.find("。", start, limit)
    limit = stop if stop >= 0 else limit
    body = start
    if kind == "pre2019":
        header = _PRE2019_HEADER_END.search(s, start, min(limit, start + 60))
        body = header.end() if header else start
    end = _last_run_end(s, body, limit)
    return Region(kind, start, end, body) if end is not None else None


def _last_run_end(s: str, a: int, b: int) -> int | None:
    last = None
    for token in tokens(s, a, b):
        if token.kind == "run" and (token.end >= len(s) or s[token.end] not in _NARRATIVE_AFTER):
            last = token.end
    return last


# --------------------------------------------------------------------------- line breaks

_ROW_MARK = re.compile(rf"(?<!第)[（(][{_NUMERAL}]+[）)]|(?<![第统之唯单合同])[{_NUMERAL}]{{1,3}}、|\d{{1,2}}[.、．](?=\D)")


def break_points(s: str) -> set[int]:
    """Positions in s before which a line break goes: inline headings (and the text after their title) and table
    rows (each label after a digit run, each row number inside a label, a pre-2019 table's header)."""
    points: set[int] = set()
    for start, title_end in inline_headings(s):
        points.update((start, title_end))
    for region in table_regions(s):
        points.add(region.start)
        if region.body > region.start:
            points.add(region.body)
        previous = None
        for token in tokens(s, region.body, region.end):
            if token.kind == "label":
                first = token.start + len(token.text) - len(token.text.lstrip())
                if previous is not None and previous.kind == "run":
                    points.add(first)
                for mark in _ROW_MARK.finditer(s, first, token.end):
                    before = s[token.start:mark.start()].rstrip()
                    if mark.start() > first and not before.endswith(("其中：", "其中:", "其中")):
                        points.add(mark.start())
            previous = token
        points.add(region.end)
    return {p for p in points if 0 < p < len(s)}


def break_lines(body: str) -> str:
    """The body with "\\n" inserted at ``break_points`` (the body of a crawled page holds no line breaks)."""
    view = View.of(body)
    points = sorted({view.at(p) for p in break_points(view.s)})
    out, last = [], 0
    for p in points:
        segment = body[last:p]
        out.append(segment)
        # no break after a break, before one, or after a stretch of spaces that follows one
        if segment.strip() and not segment.endswith("\n") and body[p] != "\n":
            out.append("\n")
        last = p
    out.append(body[last:])
    return "".join(out)


def flattened_tables(text: str) -> list[Table]:
    """The flattened tables of a cleaned page as ``Table(origin="flattened")``: one cell per printed line, so that
    headings and quantities inside them are skipped like those of any table. Their cells are read into facts by
    ``nlp.tables.flattened``, not by the grid readers."""
    view = View.of(text)
    tables = []
    for region in table_regions(view.s):
        start, end = view.at(region.start), view.end(region.end)
        cells, row, offset = [], 0, start
        for line in text[start:end].split("\n"):
            if line.strip():
                lead = len(line) - len(line.lstrip())
                cells.append(Cell(text=line.strip(), row=row, col=0, offset=offset + lead))
                row += 1
            offset += len(line) + 1
        tables.append(Table(cells=cells, offset=start, end=end, origin="flattened"))
    return tables
