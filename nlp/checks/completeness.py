"""Completeness and form kinds: sections, tables, problems_content, fees, period, period_filled, section_year.

They read the report's text and facts only (``Context``). What the template asks for depends on the report's era:
- ``modern`` (report year ≥ 2020, or a 2019/2021-format report of unknown year): the six parts of the national
  format and its three statistics tables are required;
- ``trial`` (2019): the format was encouraged, not required (国办公开办函〔2019〕60号: "确实存在现实困难的，可参照统一格式发布"),
  so what is missing is uncertain, never a failure;
- ``old`` (2018 and before): layouts varied; the 2008 条例 (第三十二条) asked for the contents (主动公开, 依申请公开和不予公开,
  收费及减免, 复议诉讼, 问题及改进), not for headings, so a content found anywhere in the text passes and an absence is
  uncertain (info), never a failure.
Headings are matched loosely: a numbered line (一、 / 第一部分 / a Markdown heading) whose first words contain one of
the rule's words is a part heading; a sub-numbered line ((一) / 1.) or a short bare line is a sub-heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .engine import register
from .evidence import cell_evidence, fmt, make_finding

_TOP = re.compile(r"[ \t]*(?:#{1,6}[ \t]*)?(?:[一二三四五六七八九十]{1,3}[ \t]*[、．.]|第[一二三四五六七八九十]{1,3}部分[、：:．.]?)[ \t]*")
_MARKDOWN = re.compile(r"[ \t]*#{1,6}[ \t]+")
_SUB = re.compile(r"[ \t]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、．.](?!\d))[ \t]*")
_TABLE_ROW = re.compile(r"(?:本年新收|上年结转|本年度办|结转下年度|信息内容|第二十条)")
_TITLE_WORDS = 24  # a heading's words are looked for in its first characters (crawled text runs on after them)
_SECTION_ORDER = ("problems", "review_litigation", "fees", "other", "applications", "active", "overview")
SECTION_ZH = {"overview": "总体情况", "active": "主动公开政府信息情况", "applications": "收到和处理政府信息公开申请情况",
              "review_litigation": "政府信息公开行政复议、行政诉讼情况", "problems": "存在的主要问题及改进情况",
              "other": "其他需要报告的事项", "fees": "收费及减免情况"}


def era(ctx: Context) -> str:
    year, template = ctx.meta.year, ctx.meta.template
    if year is None:
        return "modern" if template in ("v2019", "v2021") else "old"
    if year >= 2020:
        return "modern"
    return "trial" if year == 2019 else "old"


# --------------------------------------------------------------------------- headings


@dataclass(frozen=True)
class Heading:
    level: str  # top | sub
    start: int  # line start
    end: int  # line end
    title: str  # the line after its numbering, whitespace removed, first characters only
    body: int  # where the section's own text starts (after the heading's words on the same line, else next line)
    section: str | None  # canonical key, when its words match one of the rule's


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def headings(text: str, words: dict[str, list[str]]) -> list[Heading]:
    out = []
    for start, end, line in _lines(text):
        if not line.strip() or "\t" in line or "|" in line:
            continue  # blank lines and table rows (tab- or pipe-separated)
        top = _TOP.match(line) or _MARKDOWN.match(line)
        sub = None if top else _SUB.match(line)
        numbering = top or sub
        rest = line[numbering.end():] if numbering else line
        compact = re.sub(r"\s+", "", rest)
        if not compact or re.search(r"\d\s*$", rest) or _TABLE_ROW.match(compact):
            continue  # flattened table rows end in their digits
        if not numbering and (len(compact) > 20 or "。" in compact):
            continue  # a bare line is a heading only when it is short
        title = compact[:_TITLE_WORDS]
        key = next((k for k in _SECTION_ORDER if k in words and any(w in title for w in words[k])), None)
        body = _body_start(line, rest, start, end)
        out.append(Heading("top" if top else "sub", start, end, title, body, key))
    return out


def _body_start(line: str, rest: str, start: int, end: int) -> int:
    """Text on the heading's own line after its title ("五、存在的主要问题及改进情况：无") belongs to the body."""
    offset = start + len(line) - len(rest)
    m = re.match(r"[^。：:，,；;]{0,30}(?:改进情况|改进措施|主要问题|存在问题|问题|情况|措施|事项|不足)[ \t]*[：:]?", rest)
    if m and m.end() < len(rest.rstrip()):
        return offset + m.end()
    colon = re.search(r"[：:]", rest[:32])
    if colon:
        return offset + colon.end()
    return end + 1


def _sentence_around(text: str, a: int, b: int, limit: int = 160) -> tuple[int, int]:
    s0 = max(text.rfind("。", max(0, a - limit), a), text.rfind("\n", max(0, a - limit), a)) + 1
    ends = [i for i in (text.find("。", b), text.find("\n", b)) if i != -1]
    s1 = min(min(ends) + 1 if ends else len(text), b + limit, len(text))
    return s0, s1


def quote(text: str, a: int, b: int, role: str, section: str | None = None) -> dict:
    """A quoted span as claim-shaped evidence (the renderers quote its sentence with the span marked)."""
    s0, s1 = _sentence_around(text, a, b)
    return {"kind": "claim", "text": text[a:b], "value": None, "unit": None, "subject": role, "span": [a, b],
            "sentence": text[s0:s1].strip(), "sentence_span": [s0, s1], "section": section, "role": role}


def _heading_quote(text: str, h: Heading) -> dict:
    line_end = min(h.end, h.start + 60)
    item = quote(text, h.start, line_end, "heading", h.section)
    item["sentence"], item["sentence_span"] = text[h.start:line_end].strip(), [h.start, line_end]
    return item


# --------------------------------------------------------------------------- CP-1 sections


def _mentions(text: str, words: list[str]) -> re.Match | None:
    """A word of the list in the text, outside the preamble's list of parts ("本报告由…组成")."""
    for m in re.finditer("|".join(map(re.escape, words)), text):
        s0, s1 = _sentence_around(text, m.start(), m.end())
        if not re.search(r"本报告(?:由|共分|包括|全文包括)|部分组成|个部分", text[s0:s1]):
            return m
    return None


@register("sections")
def check_sections(rule, ctx: Context):
    words: dict[str, list[str]] = rule.params["words"]
    found = headings(ctx.text, words)
    period = era(ctx)
    if len(ctx.text.strip()) < 200 or not any(h.level == "top" for h in found):
        return [make_finding(rule, "not_assessable", "未识别到报告的部分标题（一、二、…），文本可能未保留版式，无法判断是否缺少部分。",
                             "No part headings (一、二、…) recognised; the text may have lost its layout.",
                             [], ctx.report_key, severity="info")]
    required = rule.params["required"] if period != "old" else rule.params["old_required"]
    findings = []
    for key in required:
        # the part heading as the format words it first (a report may number its overview's sub-parts 一、二、… too)
        tops = sorted((h for h in found if h.section == key and h.level == "top"),
                      key=lambda h: SECTION_ZH.get(key, "\0")[:6] not in h.title)
        subs = [h for h in found if h.section == key and h.level == "sub"]
        name = SECTION_ZH.get(key, key)
        if tops:
            findings.append(make_finding(rule, "pass", f"“{name}”部分存在：{tops[0].title}。",
                                         f"Part '{key}' is present: {tops[0].title}.",
                                         [_heading_quote(ctx.text, tops[0])], ctx.report_key))
            continue
        if period == "old":
            mention = subs[0] if subs else None
            hit = None if mention else _mentions(ctx.text, rule.params["old_mentions"].get(key, words[key]))
            if mention or hit:
                evidence = [_heading_quote(ctx.text, mention)] if mention else [quote(ctx.text, hit.start(), hit.end(), "mention")]
                shown = mention.title if mention else ctx.text[hit.start():hit.end()]
                findings.append(make_finding(
                    rule, "pass", f"“{name}”未单列为一部分，但报告中有相应内容（{shown}）；{ctx.meta.year or '该'}年的版式允许。",
                    f"Part '{key}' has no heading of its own but the report covers it ({shown}); the layout of its year allows that.",
                    evidence, ctx.report_key))
                continue
            findings.append(make_finding(
                rule, "uncertain", f"报告未见“{name}”的内容（条例（2008）第三十二条所列年报内容之一）；旧版式不一，仅供参考。",
                f"The report does not cover '{key}', one of the contents the 2008 regulation (art. 32) lists; "
                "older layouts varied, so this is for information.",
                [_missing(key, words[key])], ctx.report_key, severity="info"))
            continue
        if subs:
            findings.append(make_finding(
                rule, "uncertain", f"未见“{name}”的部分标题，只见小标题“{subs[0].title}”：内容在，标题缺失（或在转换中丢失）。",
                f"No part heading for '{key}', only the sub-heading '{subs[0].title}': the content is there, the heading "
                "is missing (or was lost in conversion).", [_heading_quote(ctx.text, subs[0])], ctx.report_key))
            continue
        if period == "trial":
            findings.append(make_finding(
                rule, "uncertain", f"未见“{name}”部分；2019 年度报告仅被鼓励采用统一格式（国办公开办函〔2019〕60号）。",
                f"No part '{key}'; for 2019 reports the national format was encouraged, not required.",
                [_missing(key, words[key])], ctx.report_key))
            continue
        findings.append(make_finding(rule, "fail", f"缺少年报格式要求的“{name}”部分。",
                                     f"The report lacks the part '{key}' that the national format requires.",
                                     [_missing(key, words[key])], ctx.report_key))
    return findings


def _missing(key: str, words: list[str]) -> dict:
    return {"kind": "meta", "field": "section", "value": key, "source": "、".join(words)}


# --------------------------------------------------------------------------- CP-2 tables


@register("tables")
def check_tables(rule, ctx: Context):
    period = era(ctx)
    compact = re.sub(r"\s+", "", ctx.text)
    findings = []
    if period == "old":
        if ctx.meta.year is not None and ctx.meta.year < rule.params["old_from_year"]:
            return []  # no national statistics table before 2014 (国办发〔2014〕32号)
        tables = rule.params["old_tables"]
    else:
        tables = rule.params["tables"]
    for table in tables:
        facts = [f for i, f in ctx.facts.items() if any(i.startswith(p) for p in table["prefixes"])]
        printed = [w for w in table["words"] if w in compact]
        name = table["name"]
        if facts:
            filled = [f for f in facts if f.semantic != "blank"]  # "/" and "—" are marks the agency put there
            if filled:
                marks = sum(1 for f in filled if f.semantic == "na")
                note = (f"，其中 {marks} 个标为“/”“—”", f"; {marks} of them marked '/' or '—'") if marks else ("", "")
                findings.append(make_finding(rule, "pass", f"{name}已填写（{len(filled)}/{len(facts)} 个单元格有内容{note[0]}）。",
                                             f"{name} is filled in ({len(filled)} of {len(facts)} cells{note[1]}).", [],
                                             ctx.report_key))
            else:
                findings.append(make_finding(rule, "fail", f"{name}印出但全部为空（{len(facts)} 个单元格均未填写）。",
                                             f"{name} is printed but left entirely empty ({len(facts)} blank cells).",
                                             [cell_evidence(f) for f in facts[:8]], ctx.report_key))
            continue
        evidence = [{"kind": "meta", "field": "table", "value": name, "source": "、".join(printed or table["words"])}]
        if printed:
            findings.append(make_finding(rule, "not_assessable", f"{name}的表头在文中（{printed[0]}），但单元格未能读出，无法判断是否为空。",
                                         f"{name}'s labels are in the text ({printed[0]}) but its cells were not read.",
                                         evidence, ctx.report_key, severity="info"))
        elif period == "modern" and ctx.images:
            pictures = "、".join(sorted({f"第{i.page}页" for i in ctx.images if i.page})) or f"{len(ctx.images)} 张"
            evidence.append({"kind": "meta", "field": "images", "value": len(ctx.images), "source": pictures})
            findings.append(make_finding(rule, "uncertain", f"未见{name}的文字，但报告中有图片（{pictures}）：表格可能以图片发布，"
                                         "图中文字无法读取。", f"{name} not found as text, but the report has pictures "
                                         f"({len(ctx.images)}): the table may be published as an image, which cannot be read.",
                                         evidence, ctx.report_key))
        elif period == "modern":
            findings.append(make_finding(rule, "fail", f"缺少{name}。", f"{name} is missing.", evidence, ctx.report_key))
        else:
            why = "2019 年度报告仅被鼓励采用统一格式" if period == "trial" else "2014—2018 年部分报告仍沿用无统计表的旧版式"
            findings.append(make_finding(rule, "uncertain", f"未见{name}；{why}。",
                                         f"{name} not found; {'2019 reports were only encouraged to use the format' if period == 'trial' else 'some 2014-2018 reports kept the old layout without the table'}.",
                                         evidence, ctx.report_key, severity="info" if period == "old" else "warning"))
    return findings


# --------------------------------------------------------------------------- CP-3 problems


@register("problems_content")
def check_problems(rule, ctx: Context):
    words = rule.params["words"]
    found = headings(ctx.text, words)
    problems = [h for h in found if h.section == "problems"]
    if not problems:
        return []  # the missing part is CP-1's finding
    heading = next((h for h in problems if h.level == "top"), problems[0])
    later = [h for h in found if h.start > heading.start and (h.level == "top" or h.section == "other")]
    end = later[0].start if later else len(ctx.text)
    start = min(heading.body, end)
    body = ctx.text[start:end].strip()
    compact = re.sub(r"\s+", "", body)
    sentences = [s for s in re.split(r"[。！？!?；;]", compact) if s]
    evidence = [_heading_quote(ctx.text, heading)]
    if body:
        a = start + (len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip()))
        evidence.append(quote(ctx.text, a, min(a + len(body), a + 120), "body", "problems"))
    if not compact or re.fullmatch(rule.params["empty"], compact):
        return [make_finding(rule, "fail", f"“存在的主要问题及改进情况”一节只写了“{compact or '（空）'}”。",
                             f"The problems-and-improvements part says only '{compact or '(nothing)'}'.",
                             evidence, ctx.report_key)]
    if len(sentences) <= 1 and len(compact) < rule.params["min_chars"]:
        return [make_finding(rule, "uncertain", f"“存在的主要问题及改进情况”一节仅一句（{len(compact)} 字）：“{compact}”。",
                             f"The problems-and-improvements part is a single short sentence ({len(compact)} characters).",
                             evidence, ctx.report_key)]
    return [make_finding(rule, "pass", f"“存在的主要问题及改进情况”一节有 {len(sentences)} 句、{len(compact)} 字。",
                         f"The problems-and-improvements part has {len(sentences)} sentence(s), {len(compact)} characters.",
                         evidence, ctx.report_key)]


# --------------------------------------------------------------------------- FE-1 fees


@dataclass
class FeeStatement:
    kind: str  # info (信息处理费 and other charges for disclosure) | admin (行政事业性收费)
    charged: bool  # False: "未收取", "0 元"; True: an amount > 0 or a count of charged requests
    start: int
    end: int
    years: frozenset
    item: dict


def _section_of(found: list[Heading], offset: int) -> str | None:
    current = None
    for h in found:
        if h.start > offset:
            break
        if h.level == "top":
            current = h.section
    return current


def fee_statements(ctx: Context, params: dict) -> list[FeeStatement]:
    text = ctx.text
    found = headings(text, params["section_words"])
    out = []
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        if "\t" in sentence or "|" in sentence or not re.search(r"收费|收取|处理费|费用", sentence):
            continue
        cleaned = re.sub("|".join(map(re.escape, params["not_fee_phrases"])), "", sentence)
        if not re.search(r"收费|收取|处理费|费用", cleaned):
            continue
        compact = re.sub(r"\s+", "", cleaned)
        if re.search(params["admin_words"], compact):
            kind = "admin"
        elif re.search(params["info_words"], compact):
            kind = "info"
        else:
            section = _section_of(found, s0)
            kind = {"active": "admin", "applications": "info", "fees": "info", "other": "info"}.get(section or "")
            if kind is None:
                continue
        negative = re.search(params["negative"], compact)
        zero = re.search(params["zero_amount"], compact)
        positive = re.search(params["positive_amount"], compact) or re.search(params["positive_count"], compact)
        if positive and re.search(params["price_words"], compact):
            positive = None  # a price list ("复制费每页0.5元"), not a statement that something was charged
        if positive and not zero and not negative:
            charged = True
        elif (negative or zero) and not positive:
            charged = False
        else:
            continue  # both or neither: not a statement we can read
        years = frozenset(int(y) for y in re.findall(r"((?:19|20)\d{2})年", compact))
        out.append(FeeStatement(kind, charged, s0, s1, years, quote(text, s0, s1, f"fee:{kind}")))
    return out


def _sentences(text: str):
    for m in re.finditer(r"[^。！？!?；;\n]+[。！？!?；;]?", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def _admin_fee_cell(ctx: Context):
    """(fact(s), amount > 0?) for 表二's 行政事业性收费 row, when the report prints it."""
    fact = ctx.facts.get("t2.a8.admin_fee.amount_wan_yuan")
    if fact is not None and fact.is_number:
        return [fact], fact.value > 0
    prev, delta = ctx.facts.get("t2v19.a8.admin_fee.prev_items"), ctx.facts.get("t2v19.a8.admin_fee.delta")
    if prev is not None and prev.is_number:
        items = prev.value + (delta.value if delta is not None and delta.is_number else 0)
        return [f for f in (prev, delta) if f is not None], items > 0
    return [], None


@register("fees")
def check_fees(rule, ctx: Context):
    statements = fee_statements(ctx, rule.params)
    if not statements:
        return []
    findings = []
    info = [s for s in statements if s.kind == "info"]
    admin = [s for s in statements if s.kind == "admin"]
    # 1. the text against itself: a charge stated and denied
    for kind, group in (("info", info), ("admin", admin)):
        charged = [s for s in group if s.charged]
        denied = [s for s in group if not s.charged]
        if charged and denied:
            a, b = charged[0], denied[0]
            evidence = [a.item, b.item]
            what = "信息处理费" if kind == "info" else "行政事业性收费"
            zh = f"正文既称收取了{what}（“{a.item['sentence'][:40]}”），又称未收取（“{b.item['sentence'][:40]}”）。"
            en = f"The text both states and denies a charge of {kind} fees."
            if a.years and b.years and a.years != b.years:
                findings.append(make_finding(rule, "uncertain", zh + "两句所述年份不同，可能各指一年。",
                                             en + " The two sentences name different years.", evidence, ctx.report_key))
            else:
                findings.append(make_finding(rule, "fail", zh, en, evidence, ctx.report_key))
    # 2. 信息处理费 statements against the cells that concern them
    unpaid = [f for i, f in ctx.facts.items() if i.startswith("t3.res.other.fee_unpaid.") and i.endswith(".total")]
    fee_rows = [f for i, f in ctx.facts.items() if i.startswith("p.") and "收费" in f.label and f.is_number
                and not i.endswith(".cumulative")]
    denied_info = [s for s in info if not s.charged]
    charged_info = [s for s in info if s.charged]
    if denied_info and unpaid and unpaid[0].is_number and unpaid[0].value > 0:
        f = unpaid[0]
        findings.append(make_finding(
            rule, "pass", f"表三有 {fmt(f.value)} 件因“逾期未按收费通知要求缴纳费用”不再处理：发出过收费通知但未收到费用，"
                          f"与正文“未收取信息处理费”相符。",
            f"表三 counts {fmt(f.value)} request(s) dropped because the fee notice was not paid: notices were sent, no fee "
            "was collected, as the text says.", [denied_info[0].item, cell_evidence(f)], ctx.report_key))
    for row in fee_rows[:1]:
        statement = (denied_info or charged_info or [None])[0]
        if statement is None:
            break
        evidence = [statement.item, cell_evidence(row)]
        if not statement.charged and row.value == 0 or statement.charged and row.value > 0:
            findings.append(make_finding(rule, "pass", f"正文收费表述与统计表“{row.label.strip()}”{fmt(row.value)} 相符。",
                                         f"The text's statement on fees agrees with the table's {row.id} = {fmt(row.value)}.",
                                         evidence, ctx.report_key))
        else:
            findings.append(make_finding(
                rule, "uncertain", f"正文称{'收取了' if statement.charged else '未收取'}费用，统计表“{row.label.strip()}”为 {fmt(row.value)}；"
                                   "该行合计收费与减免，口径可能不同。",
                f"The text {'states' if statement.charged else 'denies'} a charge; the table's {row.id} is {fmt(row.value)}, "
                "a row that mixes charges and waivers.", evidence, ctx.report_key))
    # 3. 行政事业性收费 statements against 表二
    cells, positive = _admin_fee_cell(ctx)
    if admin and cells:
        statement = admin[0]
        evidence = [statement.item] + [cell_evidence(f) for f in cells]
        shown = "；".join(f"{f.label.strip()} {f.raw}" for f in cells)
        if statement.charged == positive:
            findings.append(make_finding(rule, "pass", f"正文关于行政事业性收费的表述与表二（{shown}）相符。",
                                         f"The text on administrative fees agrees with 表二 ({shown}).", evidence, ctx.report_key))
        else:
            doubt = [f for f in cells if f.confidence < 1]
            zh = (f"正文称{'有' if statement.charged else '无'}行政事业性收费，表二为 {shown}。")
            en = f"The text says there {'are' if statement.charged else 'are no'} administrative fees; 表二 has {shown}."
            findings.append(make_finding(rule, "uncertain" if doubt else "fail",
                                         zh + ("单元格识别不确定。" if doubt else ""), en, evidence, ctx.report_key))
    elif denied_info and cells and positive and not admin:
        # 4. "未收取信息处理费" beside 表二's 行政事业性收费 > 0 is not a contradiction: two different charges
        statement = denied_info[0]
        shown = "；".join(f"{f.label.strip()} {f.raw}" for f in cells)
        findings.append(make_finding(
            rule, "pass", f"正文“{statement.item['sentence'][:40]}”说的是依申请公开的信息处理费；表二“{shown}”是本机关的"
                          "行政事业性收费（第二十条第（八）项），两者不是同一收费，不矛盾。",
            f"The text's statement concerns the information-processing fee for disclosure requests; 表二's {shown} is the "
            "agency's administrative fees (art. 20 (8)): different charges, no contradiction.",
            [statement.item] + [cell_evidence(f) for f in cells], ctx.report_key))
    return findings


# --------------------------------------------------------------------------- YR-1, YR-2, YR-3 years


_PERIOD = re.compile(r"统计(?:期限|时限|周期|时间|区间|期间|范围)[^。\n]{0,60}?(?:[。；;]|止|$)", re.M)


def _period(text: str):
    """The first statistics-period sentence: (match, years printed in it, compact text)."""
    for m in _PERIOD.finditer(text[: max(4000, len(text) // 3)]):
        # the sentence may wrap ("统计期限为 2025\n年 1 月 1 日至…"): read on to the next 。
        end = text.find("。", m.start())
        end = min(end + 1 if end != -1 else len(text), m.start() + 90)
        compact = re.sub(r"\s+", "", text[m.start():end])
        if not re.search(r"自|从|为|至|到|起|年", compact):
            continue
        years = sorted({int(y) for y in re.findall(r"((?:19|20)\d{2})年", compact)})
        return m.start(), end, years, compact
    return None


@register("period")
def check_period(rule, ctx: Context):
    found = _period(ctx.text)
    year = ctx.meta.year
    if found is None or year is None:
        return [make_finding(rule, "not_assessable", "未找到统计期限的表述（或未能确定报告年度）。",
                             "No statistics-period sentence found (or no report year).", [], ctx.report_key,
                             severity="info")]
    start, end, years, compact = found
    evidence = [quote(ctx.text, start, end, "period"),
                {"kind": "meta", "field": "year", "value": year, "source": ctx.meta.evidence.get("title", "")}]
    if not years:
        return [make_finding(rule, "not_assessable", f"统计期限未写明年份（“{compact}”），见 YR-2。",
                             "The statistics period names no year; see YR-2.", evidence, ctx.report_key, severity="info")]
    shown = "、".join(map(str, years))
    if years == [year]:
        return [make_finding(rule, "pass", f"统计期限（{shown} 年）与报告年度一致。",
                             f"The statistics period ({shown}) is the report's year.", evidence, ctx.report_key)]
    if year in years:
        return [make_finding(rule, "uncertain", f"统计期限跨年（{shown}），报告年度为 {year}：“{compact}”。",
                             f"The statistics period spans {shown}; the report's year is {year}.", evidence, ctx.report_key)]
    status = "fail" if ctx.meta.evidence.get("title") else "uncertain"
    return [make_finding(rule, status, f"标题为 {year} 年度报告，统计期限却写 {shown} 年：“{compact}”。",
                         f"The title says {year} but the statistics period says {shown}.", evidence, ctx.report_key)]


@register("period_filled")
def check_period_filled(rule, ctx: Context):
    found = _period(ctx.text)
    if found is None:
        return []
    start, end, years, compact = found
    evidence = [quote(ctx.text, start, end, "period")]
    if years or re.search(r"\d", compact):
        return [make_finding(rule, "pass", "统计期限已写明。", "The statistics period is filled in.", evidence, ctx.report_key)]
    return [make_finding(rule, "fail", f"统计期限的日期未填写：“{compact}”。",
                         f"The statistics period is an unfilled placeholder: '{compact}'.", evidence, ctx.report_key)]


@register("section_year")
def check_section_year(rule, ctx: Context):
    year = ctx.meta.year
    if year is None:
        return []
    words = rule.params["words"]
    found = headings(ctx.text, words)
    findings = []
    for key in rule.params["sections"]:
        heading = next((h for h in found if h.section == key and h.level == "top"), None)
        if heading is None:
            continue
        body = ctx.text[heading.body:heading.body + 80] if heading.body <= len(ctx.text) else ""
        m = re.match(r"\s*((?:19|20)\d{2})\s*年度?\s*[，,]", body)
        if not m:
            continue
        said = int(m.group(1))
        a = heading.body + m.start(1)
        evidence = [quote(ctx.text, a, heading.body + m.end(), "year", key)]
        if said >= year:
            findings.append(make_finding(rule, "pass", f"“{SECTION_ZH[key]}”以 {said} 年开篇，与报告年度一致。",
                                         f"Part '{key}' opens with {said}, the report's year.", evidence, ctx.report_key))
        else:
            findings.append(make_finding(
                rule, "uncertain", f"{year} 年度报告的“{SECTION_ZH[key]}”以“{said}年，”开篇：可能沿用了往年文字。",
                f"The {year} report's part '{key}' opens with '{said}年，': possibly text carried over from an earlier report.",
                evidence, ctx.report_key))
    return findings
