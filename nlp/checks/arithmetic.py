"""Table arithmetic kinds: sum, at_most, equal, non_negative.

Blank is not zero. A blank (or —, /, 无) cell is an unknown non-negative number, so:
- known parts add up to the total → pass (the blanks can only be empty);
- known parts fall short and some part is blank → uncertain (the blanks could hold the difference);
- known parts exceed the total, or no part is blank and they differ → fail;
- a cell recovered with less than full confidence turns a fail into uncertain, with the recovery's reason.
"""
from __future__ import annotations

import fnmatch
from decimal import Decimal

from ..model import Fact
from .context import Context
from .evidence import cell_evidence, fmt, make_finding


def _present(ctx: Context, ids: list[str]) -> list[Fact]:
    return [ctx.facts[i] for i in ids if i in ctx.facts]


def _doubt(facts: list[Fact]) -> str | None:
    weak = [f for f in facts if f.confidence < 1.0 and f.is_number]
    if not weak:
        return None
    return "; ".join(f"{f.id} ({f.raw}): {f.reason}" for f in weak)


def check_sum(rule, ctx: Context):
    total = ctx.facts.get(rule.params["total"])
    parts = _present(ctx, rule.params["parts"])
    if total is None or not parts:
        return []
    evidence = [cell_evidence(total)] + [cell_evidence(p) for p in parts]
    known = [p for p in parts if p.is_number]
    blanks = [p for p in parts if not p.is_number]
    parts_sum = sum((p.value for p in known), Decimal(0))
    label = f"{total.label.strip()}"
    if not total.is_number:
        if not known:
            return [make_finding(rule, "not_assessable", f"{rule.title_zh}：总数与各分项均未填写。",
                                 f"{rule.title_en}: the total and all parts are blank.", evidence, ctx.report_key)]
        return [make_finding(rule, "uncertain",
                             f"{rule.title_zh}：总数“{label}”未填写，而分项合计 {fmt(parts_sum)}。",
                             f"{rule.title_en}: the total is blank while the parts add up to {fmt(parts_sum)}.",
                             evidence, ctx.report_key)]
    t = total.value
    blank_note_zh = f"（{len(blanks)} 个分项未填写，视为空）" if blanks else ""
    blank_note_en = f" ({len(blanks)} blank part(s) read as empty)" if blanks else ""
    if parts_sum == t:
        return [make_finding(rule, "pass", f"{rule.title_zh}：{fmt(t)} = {fmt(parts_sum)}{blank_note_zh}。",
                             f"{rule.title_en}: {fmt(t)} = {fmt(parts_sum)}{blank_note_en}.", evidence, ctx.report_key)]
    if parts_sum < t and blanks:
        names = "、".join(b.label.strip() for b in blanks[:4])
        return [make_finding(rule, "uncertain",
                             f"{rule.title_zh}：总数 {fmt(t)}，已填分项合计 {fmt(parts_sum)}，差 {fmt(t - parts_sum)}；"
                             f"未填写的分项（{names}）可能包含差额，空白不等于零。",
                             f"{rule.title_en}: total {fmt(t)}, filled parts add up to {fmt(parts_sum)} "
                             f"(short by {fmt(t - parts_sum)}); {len(blanks)} blank part(s) may hold the difference.",
                             evidence, ctx.report_key)]
    status, doubt = "fail", _doubt([total, *known])
    zh = f"{rule.title_zh}不成立：总数 {fmt(t)}，分项合计 {fmt(parts_sum)}，相差 {fmt(parts_sum - t)}。"
    en = f"{rule.title_en} does not hold: total {fmt(t)}, parts add up to {fmt(parts_sum)} (difference {fmt(parts_sum - t)})."
    if doubt:
        status = "uncertain"
        zh += f"但部分单元格的识别不确定：{doubt}"
        en += f" But some cells were not read with certainty: {doubt}"
    return [make_finding(rule, status, zh, en, evidence, ctx.report_key)]


def _pairwise(rule, ctx: Context, holds, symbol: str):
    findings = []
    for part_id, whole_id in rule.params["pairs"]:
        part, whole = ctx.facts.get(part_id), ctx.facts.get(whole_id)
        if part is None or whole is None:
            continue
        evidence = [cell_evidence(part), cell_evidence(whole)]
        if not (part.is_number and whole.is_number):
            if part.is_number or whole.is_number:
                zh = f"{rule.title_zh}：“{part.label.strip()}”或“{whole.label.strip()}”未填写，无法比较。"
                en = f"{rule.title_en}: {part_id} or {whole_id} is blank; nothing to compare."
                findings.append(make_finding(rule, "not_assessable", zh, en, evidence, ctx.report_key))
            continue
        a, b = part.value, whole.value
        if holds(a, b):
            findings.append(make_finding(rule, "pass", f"{rule.title_zh}：{fmt(a)} {symbol} {fmt(b)}。",
                                         f"{rule.title_en}: {fmt(a)} {symbol} {fmt(b)}.", evidence, ctx.report_key))
            continue
        status, doubt = "fail", _doubt([part, whole])
        zh = f"{rule.title_zh}不成立：“{part.label.strip()}” {fmt(a)}，“{whole.label.strip()}” {fmt(b)}。"
        en = f"{rule.title_en} does not hold: {part_id} = {fmt(a)}, {whole_id} = {fmt(b)}."
        if doubt:
            status, zh, en = "uncertain", zh + f"识别不确定：{doubt}", en + f" Uncertain reading: {doubt}"
        findings.append(make_finding(rule, status, zh, en, evidence, ctx.report_key))
    return findings


def check_at_most(rule, ctx: Context):
    return _pairwise(rule, ctx, lambda a, b: a <= b, "≤")


def check_equal(rule, ctx: Context):
    return _pairwise(rule, ctx, lambda a, b: a == b, "=")


def check_non_negative(rule, ctx: Context):
    pattern = rule.params["cells"]
    decimal_ok = set(rule.params.get("decimal_allowed", ()))
    facts = [f for i, f in ctx.facts.items() if fnmatch.fnmatchcase(i, pattern) and f.is_number]
    if not facts:
        return []
    bad = [f for f in facts if f.value < 0 or (f.id not in decimal_ok and f.value != int(f.value))]
    if not bad:
        return [make_finding(rule, "pass", f"{rule.title_zh}：{len(facts)} 个已填单元格均符合。",
                             f"{rule.title_en}: all {len(facts)} filled cells comply.", [], ctx.report_key)]
    return [
        make_finding(rule, "fail", f"{rule.title_zh}：“{f.label.strip()}” 为 {f.raw}。",
                     f"{rule.title_en}: {f.id} is printed as {f.raw}.", [cell_evidence(f)], ctx.report_key)
        for f in bad
    ]
