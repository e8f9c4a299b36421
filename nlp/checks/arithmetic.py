"""Table arithmetic kinds: sum, balance, at_most, equal, non_negative.

Blank is not zero. A blank (or —, /, 无) cell, or a cell the report does not print at all, is an unknown
non-negative number. Comparing two sides (a total and its parts, or the two sides of 表三's balance):
- no unknowns: equal → pass, else fail;
- the known figures already agree → pass (the unknowns can only be empty; the finding says how many there were);
- the side that falls short has unknowns that could make up the difference → uncertain;
- the side that falls short has no unknowns → fail (unknowns on the other side can only widen the gap).
A cell read with less than full confidence turns a fail into uncertain, with the reading's reason; a cell whose
reading was chosen by this very rule makes the check not independent (not_assessable), never a pass.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Fact
from .context import Context
from .evidence import cell_evidence, fmt, make_finding


@dataclass
class Side:
    known: list[Fact] = field(default_factory=list)
    blank: list[Fact] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # ids the report does not print

    @property
    def total(self) -> Decimal:
        return sum((f.value for f in self.known), Decimal(0))

    @property
    def unknowns(self) -> int:
        return len(self.blank) + len(self.missing)

    @property
    def facts(self) -> list[Fact]:
        return self.known + self.blank


def side(ctx: Context, ids: list[str]) -> Side:
    out = Side()
    for cell_id in ids:
        fact = ctx.facts.get(cell_id)
        if fact is None:
            out.missing.append(cell_id)
        elif fact.is_number:
            out.known.append(fact)
        else:
            out.blank.append(fact)
    return out


def _doubt(facts: list[Fact]) -> str | None:
    weak = [f for f in facts if f.confidence < 1.0 and f.is_number]
    if not weak:
        return None
    return "; ".join(f"{f.id} ({f.raw}): {f.reason}" for f in weak)


def _chosen_by(rule_id: str, facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if rule_id in (f.provenance.get("constraints") or ())]


def _verdict(left: Side, right: Side) -> str:
    """pass / fail / uncertain for two sides, by the rules in the module docstring (no reading doubts)."""
    a, b = left.total, right.total
    if a == b:
        return "pass"
    return "uncertain" if (left if a < b else right).unknowns else "fail"


MAX_READINGS = 256


def _with_reading(side_: Side, chosen: dict[str, Decimal | None]) -> Side:
    out = Side(known=list(side_.known), missing=list(side_.missing))
    for fact in side_.blank:
        value = chosen.get(fact.id, None)
        if value is None:
            out.blank.append(fact)
        else:
            out.known.append(dataclasses.replace(fact, value=Decimal(value), semantic="number"))
    return out


def _compare_readings(rule, ctx: Context, left: Side, right: Side, ambiguous: list[Fact]):
    """Cells of a flattened row with several possible readings: the check is run under each of them."""
    evidence = [cell_evidence(f) for f in left.facts + right.facts]
    combos = list(itertools.islice(itertools.product(*(f.candidates for f in ambiguous)), MAX_READINGS + 1))
    ids = ", ".join(f.id for f in ambiguous)
    if len(combos) > MAX_READINGS:
        verdicts = {"uncertain"}
    else:
        verdicts = {_verdict(_with_reading(left, dict(zip([f.id for f in ambiguous], combo))),
                             _with_reading(right, dict(zip([f.id for f in ambiguous], combo)))) for combo in combos}
    if verdicts == {"pass"}:
        return make_finding(rule, "pass", f"{rule.title_zh}：{ids} 有多种读法，每种读法下均成立。",
                            f"{rule.title_en}: holds under every possible reading of {ids}.", evidence, ctx.report_key)
    if verdicts == {"fail"}:
        zh = f"{rule.title_zh}：{ids} 的数字连排、有多种读法，每种读法下均不成立；但读法本身不确定，故不判为不一致。"
        en = (f"{rule.title_en}: fails under every possible reading of {ids}; the reading itself is uncertain, so this "
              "is not called a contradiction.")
    else:
        zh = f"{rule.title_zh}：{ids} 的数字连排、有多种读法，是否成立取决于读法。"
        en = f"{rule.title_en}: whether it holds depends on how {ids} is read (several readings fit)."
    return make_finding(rule, "uncertain", zh, en, evidence, ctx.report_key)


def compare(rule, ctx: Context, left: Side, right: Side, shown: tuple[str, str]):
    """One finding comparing two sides; ``shown`` names them (zh) in the message."""
    facts = left.facts + right.facts
    evidence = [cell_evidence(f) for f in facts]
    ambiguous = [f for f in facts if f.semantic == "ambiguous" and f.candidates]
    if ambiguous:
        return _compare_readings(rule, ctx, left, right, ambiguous)
    if not left.known and not right.known:
        if left.blank or right.blank:
            marked = any(f.semantic == "na" for f in left.blank + right.blank)
            zh = "相关单元格均未填写或标为“/”“—”（不适用，不等于零）" if marked else "相关单元格均未填写"
            en = "all cells involved are blank or marked '/' or '—' (not applicable, not zero)" if marked else \
                "all cells involved are blank"
            return make_finding(rule, "not_assessable", f"{rule.title_zh}：{zh}。", f"{rule.title_en}: {en}.",
                                evidence, ctx.report_key)
        return None
    circular = _chosen_by(rule.id, facts)
    if circular:
        ids = ", ".join(f.id for f in circular)
        return make_finding(rule, "not_assessable",
                            f"{rule.title_zh}：{ids} 的识别本身用到了这一关系，检查不独立。",
                            f"{rule.title_en}: the reading of {ids} used this very identity, so it proves nothing.",
                            evidence, ctx.report_key)
    a, b = left.total, right.total
    shown = (_show(shown[0], left), _show(shown[1], right))
    unknown_note_zh = f"（{left.unknowns + right.unknowns} 个单元格未填写，视为空）" if left.unknowns + right.unknowns else ""
    unknown_note_en = f" ({left.unknowns + right.unknowns} blank cell(s) read as empty)" if unknown_note_zh else ""
    if a == b:
        return make_finding(rule, "pass", f"{rule.title_zh}：{shown[0]} = {shown[1]}{unknown_note_zh}。",
                            f"{rule.title_en}: {fmt(a)} = {fmt(b)}{unknown_note_en}.", evidence, ctx.report_key)
    short = left if a < b else right
    if short.unknowns:
        names = "、".join([f.label.strip() for f in short.blank][:4] + short.missing[:2])
        return make_finding(rule, "uncertain",
                            f"{rule.title_zh}：{shown[0]}，{shown[1]}，差 {fmt(abs(a - b))}；"
                            f"较小一方有未填写的单元格（{names}），可能包含差额，空白不等于零。",
                            f"{rule.title_en}: {fmt(a)} vs {fmt(b)} (difference {fmt(abs(a - b))}); "
                            f"{short.unknowns} blank or unprinted cell(s) on the smaller side may hold the difference.",
                            evidence, ctx.report_key)
    zh = f"{rule.title_zh}不成立：{shown[0]}，{shown[1]}，相差 {fmt(abs(a - b))}。"
    en = f"{rule.title_en} does not hold: {fmt(a)} vs {fmt(b)} (difference {fmt(abs(a - b))})."
    doubt = _doubt(left.known + right.known)
    if doubt:
        return make_finding(rule, "uncertain", zh + f"但部分单元格的识别不确定：{doubt}",
                            en + f" But some cells were not read with certainty: {doubt}", evidence, ctx.report_key)
    return make_finding(rule, "fail", zh, en, evidence, ctx.report_key)


def _show(name: str, side: Side) -> str:
    """'总数 805', or '总数（未填写）' when nothing on that side is filled in."""
    return f"{name} {fmt(side.total)}" if side.known else f"{name}（未填写）"


def _parts(rule, ctx: Context) -> list[str]:
    parts = list(rule.params["parts"])
    for alternatives in [rule.params.get("one_of")] if rule.params.get("one_of") else []:
        present = next((group for group in alternatives if any(i in ctx.facts for i in group)), alternatives[0])
        parts += present
    return parts


def _position(fact: Fact):
    """Where a cell's row stands in its table: the grid row, or the text offset of a flattened row."""
    row = fact.provenance.get("row")
    return row if row is not None else fact.provenance.get("offset")


def _extra_parts(ctx: Context, total_id: str, part_ids: list[str]) -> list[str]:
    """Rows outside the national template (p.extra.*) printed among a total's parts are parts too
    (106's local table lists 电子邮件申请数 between 传真 and 网上申请数)."""
    total = ctx.facts[total_id]
    first, table = _position(total), total.provenance.get("table")
    positions = [_position(ctx.facts[i]) for i in part_ids if i in ctx.facts]
    positions = [p for p in positions if p is not None]
    if first is None or not positions:
        return []
    last = max(positions)
    return [i for i, f in ctx.facts.items() if ".extra." in i and not i.endswith(".cumulative")
            and f.provenance.get("table") == table and _position(f) is not None and first < _position(f) < last]


def check_sum(rule, ctx: Context):
    total_id = rule.params["total"]
    if total_id not in ctx.facts:
        return []  # the report does not print this total (another template, or a row it left out)
    parts = _parts(rule, ctx)
    parts += _extra_parts(ctx, total_id, parts)
    found = compare(rule, ctx, side(ctx, [total_id]), side(ctx, parts), ("总数", "分项合计"))
    return [found] if found else []


def check_balance(rule, ctx: Context):
    left, right = side(ctx, rule.params["left"]), side(ctx, rule.params["right"])
    if not any(i in ctx.facts for i in rule.params["left"] + rule.params["right"]):
        return []
    found = compare(rule, ctx, left, right, ("左边", "右边"))
    return [found] if found else []


def _pairwise(rule, ctx: Context, holds, symbol: str):
    findings = []
    for part_id, whole_id in rule.params["pairs"]:
        part, whole = ctx.facts.get(part_id), ctx.facts.get(whole_id)
        if part is None or whole is None or not (part.is_number or whole.is_number):
            continue
        evidence = [cell_evidence(part), cell_evidence(whole)]
        if not (part.is_number and whole.is_number):
            zh = f"{rule.title_zh}：“{part.label.strip()}”或“{whole.label.strip()}”未填写，无法比较。"
            en = f"{rule.title_en}: {part_id} or {whole_id} is blank; nothing to compare."
            findings.append(make_finding(rule, "not_assessable", zh, en, evidence, ctx.report_key))
            continue
        a, b = part.value, whole.value
        if holds(a, b):
            findings.append(make_finding(rule, "pass", f"{rule.title_zh}：{fmt(a)} {symbol} {fmt(b)}。",
                                         f"{rule.title_en}: {fmt(a)} {symbol} {fmt(b)}.", evidence, ctx.report_key))
            continue
        zh = f"{rule.title_zh}不成立：“{part.label.strip()}” {fmt(a)}，“{whole.label.strip()}” {fmt(b)}。"
        en = f"{rule.title_en} does not hold: {part_id} = {fmt(a)}, {whole_id} = {fmt(b)}."
        doubt = _doubt([part, whole])
        status = "uncertain" if doubt else "fail"
        if doubt:
            zh, en = zh + f"识别不确定：{doubt}", en + f" Uncertain reading: {doubt}"
        findings.append(make_finding(rule, status, zh, en, evidence, ctx.report_key))
    return findings


def check_at_most(rule, ctx: Context):
    return _pairwise(rule, ctx, lambda a, b: a <= b, "≤")


def check_equal(rule, ctx: Context):
    return _pairwise(rule, ctx, lambda a, b: a == b, "=")


def _matches(cell_id: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(cell_id, p) for p in patterns)


def check_non_negative(rule, ctx: Context):
    signed = rule.params.get("signed_allowed", ())
    decimal = rule.params.get("decimal_allowed", ())
    facts = [f for i, f in ctx.facts.items() if fnmatch.fnmatchcase(i, rule.params["cells"]) and f.is_number]
    if not facts:
        return []
    bad = [f for f in facts if (f.value < 0 and not _matches(f.id, signed))
           or (f.value != int(f.value) and not _matches(f.id, decimal))]
    if not bad:
        return [make_finding(rule, "pass", f"{rule.title_zh}：{len(facts)} 个已填单元格均符合。",
                             f"{rule.title_en}: all {len(facts)} filled cells comply.", [], ctx.report_key)]
    return [
        make_finding(rule, "uncertain" if f.confidence < 1 else "fail", f"{rule.title_zh}：“{f.label.strip()}” 为 {f.raw}。",
                     f"{rule.title_en}: {f.id} is printed as {f.raw}.", [cell_evidence(f)], ctx.report_key)
        for f in bad
    ]
