"""Narrative rule kinds: claim_cell, claim_total, claim_rate, claim_share, claim_repeat, deadline."""
from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..link import MONEY_UNITS, STRONG, alternatives, cell_unit
from ..text.claims import lexicon
from ..model import Claim
from .context import Context
from .engine import register
from .evidence import cell_evidence, claim_evidence, fmt, make_finding

_PAREN = re.compile(r"[（(][^）)]*[）)]")
_HOTLINE = re.compile(r"(?<!\d)(\d{4,6})\s*(?:[\u4e00-\u9fff]{0,8}?)热线")
_TITLE = re.compile(r"《[^》]{2,40}》")


def _within(claim: Claim, value) -> bool:
    q = claim.quantity
    if q.low is not None or q.high is not None:
        return (q.low is None or value >= q.low) and (q.high is None or value <= q.high)
    return Decimal(value) == q.value


# --------------------------------------------------------------------------- NT-1 claim_cell


@dataclass
class _Reading:
    """What the table says for one target ("a + b"): the sum of the cells read as numbers and what may be missing
    from it. Blank is not zero (as in nlp/checks/arithmetic.py): a blank cell is an unknown non-negative number."""

    target: str
    facts: list
    known: Decimal
    blanks: list
    ambiguous: list
    weak: list
    unit: str | None

    @property
    def empty(self) -> bool:
        return not self.ambiguous and len(self.blanks) == len(self.facts)

    def sums(self) -> list[Decimal | None]:
        """Every possible total under the readings of ambiguous cells (None: a reading leaves a cell blank)."""
        if not self.ambiguous:
            return [self.known]
        out = []
        for combo in itertools.islice(itertools.product(*(f.candidates for f in self.ambiguous)), MAX_READINGS):
            out.append(None if any(v is None for v in combo) else self.known + sum((Decimal(v) for v in combo), Decimal(0)))
        return out

    def shown(self) -> str:
        if self.empty:
            return f"{self.target} = {fmt(None)}"
        if self.ambiguous:
            values = sorted({fmt(s) for s in self.sums()})
            return f"{self.target} ∈ {{{', '.join(values[:6])}{'…' if len(values) > 6 else ''}}}"
        return f"{self.target} = {fmt(self.known)}" + (f"（另有 {len(self.blanks)} 个空白单元格）" if self.blanks else "")


MAX_READINGS = 256


def _reading(ctx: Context, target: str) -> _Reading:
    facts = [ctx.facts[c.strip()] for c in target.split("+")]
    known = sum((Decimal(f.value) for f in facts if f.is_number), Decimal(0))
    ambiguous = [f for f in facts if not f.is_number and f.semantic == "ambiguous" and f.candidates]
    blanks = [f for f in facts if not f.is_number and f not in ambiguous]
    weak = [f for f in facts if f.is_number and f.confidence < 1.0]
    units = {f.unit for f in facts if f.unit}
    unit = units.pop() if len(units) == 1 else cell_unit(target)
    return _Reading(target, facts, known, blanks, ambiguous, weak, unit)


def _bounds(claims: list[Claim], factor: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """The interval the stated figure(s) give, in the cell's unit."""
    if len(claims) == 1:
        q = claims[0].quantity
        low, high = (q.low, q.high) if q.low is not None or q.high is not None else (q.value, q.value)
    else:
        low = high = sum((c.value for c in claims), Decimal(0))
    return (None if low is None else low * factor), (None if high is None else high * factor)


def _factor(claims: list[Claim], reading: _Reading) -> Decimal:
    """Money printed in 元 / 万元 / 亿元 against a cell kept in another of them (表二's fees are in 万元)."""
    unit = claims[0].unit
    if unit in MONEY_UNITS and reading.unit in MONEY_UNITS:
        return Decimal(1).scaleb(MONEY_UNITS[unit] - MONEY_UNITS[reading.unit])
    return Decimal(1)


def _verdict(claims: list[Claim], reading: _Reading) -> tuple[str, list[tuple[str, str]]]:
    """pass | mismatch | blank, and why a mismatch may not be a contradiction (reading doubts)."""
    if reading.empty:
        return "blank", []
    low, high = _bounds(claims, _factor(claims, reading))

    def inside(v):
        return v is not None and (low is None or v >= low) and (high is None or v <= high)

    sums = reading.sums()
    if all(inside(v) for v in sums):
        return "pass", []
    doubts = []
    if reading.ambiguous:
        ids = ", ".join(f.id for f in reading.ambiguous)
        if any(inside(v) for v in sums):
            doubts.append((f"{ids} 的数字连排、有多种读法，是否一致取决于读法", f"{ids} can be read several ways; "
                           "whether the figures agree depends on the reading"))
        else:
            doubts.append((f"{ids} 的读法本身不确定", f"the reading of {ids} is uncertain"))
    if reading.blanks and (high is None or any(v is not None and v < high for v in sums)):
        names = "、".join(f.label.strip() or f.id for f in reading.blanks[:4])
        doubts.append((f"表中有空白单元格（{names}），可能包含差额，空白不等于零",
                       f"{len(reading.blanks)} blank cell(s) in {reading.target} may hold the difference"))
    if reading.weak:
        doubts.append(("部分单元格的识别不确定：" + "；".join(f"{f.id}（{f.reason}）" for f in reading.weak),
                       "some cells were not read with certainty: " + "; ".join(f"{f.id} ({f.reason})" for f in reading.weak)))
    return "mismatch", doubts


def disagreement(rule, ctx: Context, zh: str, en: str, reasons: list[tuple[str, str]], evidence: list[dict],
                 lead: tuple[str, str]):
    """A disagreement is a fail only when nothing could explain it; otherwise uncertain, with the reasons."""
    if reasons:
        zh += lead[0] + "；".join(z for z, _ in reasons) + "。"
        en += " " + lead[1] + "; ".join(e for _, e in reasons) + "."
    return make_finding(rule, "uncertain" if reasons else "fail", zh, en, evidence, ctx.report_key)


@register("claim_cell")
def check_claim_cell(rule, ctx: Context):
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        if claim.links:
            groups[(claim.sentence, claim.links[0].cell)].append(claim)
    findings = []
    for (_, target), claims in groups.items():
        totals = [c for c in claims if set(c.qualifiers) & {"共计", "合计", "总计", "累计"}]
        if len(claims) > 1 and len(totals) == 1:
            claims = totals
        findings.append(_compare(rule, ctx, target, claims))
    return findings


def _compare(rule, ctx: Context, target: str, claims: list[Claim]):
    link = claims[0].links[0]
    evidence = []
    for c in claims:
        item = claim_evidence(c, ctx.text)
        item["link"] = {"cell": c.links[0].cell, "score": c.links[0].score}
        evidence.append(item)
    # equally good links to other cells are read as alternatives: the claim may mean any of them
    tied = tuple(l.cell for l in claims[0].links[1:] if l.score == link.score and l.cell != target)
    targets = [t for t in (target, *alternatives(target), *tied) if all(c.strip() in ctx.facts for c in t.split("+"))]
    readings = [_reading(ctx, t) for t in targets]
    for r in readings:
        evidence += [cell_evidence(f) for f in r.facts if cell_evidence(f) not in evidence]
    verdicts = [_verdict(claims, r) for r in readings]
    shown = "；".join(r.shown() for r in readings)
    quoted = "、".join(c.quantity.text for c in claims)
    stated = sum((c.value for c in claims), Decimal(0))
    blanks_read = next((r for r, (v, _) in zip(readings, verdicts) if v == "pass" and r.blanks), None)
    if any(v == "pass" for v, _ in verdicts):
        note_zh = f"（{len(blanks_read.blanks)} 个空白单元格视为空）" if blanks_read else ""
        note_en = f" ({len(blanks_read.blanks)} blank cell(s) read as empty)" if blanks_read else ""
        if len(claims) == 1:
            return make_finding(rule, "pass", f"正文“{quoted}”与统计表一致（{shown}）{note_zh}。",
                                f"The text's '{quoted}' agrees with the table ({shown}){note_en}.", evidence,
                                ctx.report_key)
        return make_finding(rule, "pass", f"正文列举的“{quoted}”合计 {fmt(stated)}，与统计表一致（{shown}）{note_zh}。",
                            f"The text's items '{quoted}' add up to {fmt(stated)}, as in the table ({shown}){note_en}.",
                            evidence, ctx.report_key)
    if all(v == "blank" for v, _ in verdicts):
        return make_finding(rule, "uncertain", f"正文称“{quoted}”，但统计表对应单元格（{target}）未填写。",
                            f"The text says '{quoted}' but the table cell {target} is blank.", evidence, ctx.report_key)
    reasons = _doubts(claims, link, tied, ctx)
    for v, doubts in verdicts:
        reasons += [d for d in doubts if d not in reasons]
    if readings:
        # the report restates this cell correctly elsewhere: this other figure more likely counts something else
        # (a part, a topic: "PPP有关项目…等信息共13条" beside "全区主动公开政府信息2122条"); NN-3 compares repeats
        agree = next((o for o in ctx.claims if o.links and o.links[0].cell == target and o.sentence != claims[0].sentence
                      and _verdict([o], readings[0])[0] == "pass"), None)
        if agree is not None:
            reasons.append((f"报告在别处所述“{agree.quantity.text}”与该单元格一致，此数字可能另有所指",
                            f"the report states this cell's figure elsewhere ('{agree.quantity.text}'), in agreement with "
                            "the table; this figure probably counts something else"))
    what_zh = f"正文列举的“{quoted}”合计 {fmt(stated)}" if len(claims) > 1 else f"正文称“{quoted}”"
    what_en = f"The text's items '{quoted}' add up to {fmt(stated)}" if len(claims) > 1 else f"The text says '{quoted}'"
    return disagreement(rule, ctx, f"{what_zh}，统计表为 {shown}。", f"{what_en}; the table has {shown}.", reasons,
                        evidence, ("可能口径不同或无法判断：", "Possibly a different scope, or not decidable: "))


def _doubts(claims: list[Claim], link, tied=(), ctx: Context | None = None) -> list[tuple[str, str]]:
    """Why a disagreement may not be a contradiction, as (zh, en) pairs; empty when it is one."""
    reasons = []
    own = set(lexicon()["scope_own"])
    if tied:
        reasons.append((f"这些词同样可指其他单元格（{', '.join(tied)}）", f"the words fit other cells as well ({', '.join(tied)})"))
    if link.score < STRONG:
        reasons.append((f"关联较弱（得分 {link.score}）：{link.reason_zh}", f"weak link (score {link.score}): {link.reason}"))
    for c in claims:
        foreign = [w for w in c.scope if w not in own]
        if foreign:
            reasons.append((f"“{c.quantity.text}”所在句含口径词 {'/'.join(foreign)}",
                            f"scope words {'/'.join(foreign)} before '{c.quantity.text}'"))
        elif ctx is not None:
            # the same figure stated elsewhere with its scope ("区直各部门、各乡镇…主动公开政府信息1913条")
            twin = next((o for o in ctx.claims if o is not c and o.value == c.value and o.unit == c.unit
                         and [w for w in o.scope if w not in own]), None)
            if twin is not None:
                words = "/".join(w for w in twin.scope if w not in own)
                reasons.append((f"同一数字在别处带口径词 {words} 出现", f"the same figure appears elsewhere with scope words {words}"))
        if c.quantity.approx:
            reasons.append((f"“{c.quantity.text}”为约数", f"'{c.quantity.text}' is approximate"))
    if len(claims) > 1:
        reasons.append(("列举的分项未必涵盖该单元格所计的全部事项", "an enumeration may not list every item the cell counts"))
    elif ctx is not None and _one_of_a_list(claims[0], ctx):
        reasons.append(("该数字是同句所列多个同单位数字之一，可能只是其中一部分",
                        "it is one of several figures of the same unit listed in the sentence, possibly a part"))
    return reasons


def _one_of_a_list(claim: Claim, ctx: Context) -> bool:
    """A figure listed beside others of its unit, without a word making it their total."""
    if set(claim.qualifiers) & {"共计", "合计", "总计", "累计", "总量", "总数"}:
        return False
    same = [c for c in ctx.claims if c.sentence == claim.sentence and c.unit == claim.unit and c is not claim]
    return len(same) >= 2


def _is_total(claim: Claim, text: str, markers) -> bool:
    words = text[claim.sentence[0]:claim.span[0]]
    return any(m in claim.subject or m in words[-12:] for m in markers)


@register("claim_total")
def check_claim_total(rule, ctx: Context):
    markers = rule.params["markers"]
    by_sentence: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        by_sentence[claim.sentence].append(claim)
    findings = []
    for claims in by_sentence.values():
        start = 0
        for i, claim in enumerate(claims):
            if claim.quantity.kind != "count" or not _is_total(claim, ctx.text, markers):
                continue
            parts = [c for c in claims[start:i] if c.unit == claim.unit and c.quantity.kind == "count"]
            start = i + 1
            if len(parts) < 2:
                continue
            findings.append(_total_finding(rule, ctx, claim, parts))
    return findings


def _total_finding(rule, ctx: Context, total: Claim, parts: list[Claim]):
    stated = sum((p.value for p in parts), Decimal(0))
    evidence = [claim_evidence(total, ctx.text, "total")] + [claim_evidence(p, ctx.text, "part") for p in parts]
    listing = " + ".join(p.quantity.text.replace(" ", "") for p in parts)
    if _within(total, stated):
        return make_finding(rule, "pass", f"{listing} = {fmt(stated)}，与所述总量“{total.quantity.text}”一致。",
                            f"{listing} = {fmt(stated)}, as the stated total '{total.quantity.text}'.",
                            evidence, ctx.report_key)
    reasons = []
    if any(p.quantity.approx for p in [total, *parts]):
        reasons.append(("含约数", "approximate figures"))
    if any("其中" in p.qualifiers for p in parts):
        reasons.append(("部分分项为“其中”项", "some parts are 'of which' items"))
    if len(parts) < 3:
        reasons.append(("仅列举两项", "only two parts listed"))
    zh = f"所述总量“{total.quantity.text}”与列举分项之和 {listing} = {fmt(stated)} 不一致。"
    en = f"The stated total '{total.quantity.text}' differs from the listed parts: {listing} = {fmt(stated)}."
    return disagreement(rule, ctx, zh, en, reasons, evidence, ("但", "But: "))


@register("claim_rate")
def check_claim_rate(rule, ctx: Context):
    findings = []
    for rate in ctx.claims:
        if rate.quantity.kind != "percent":
            continue
        subject = _PAREN.sub("", rate.subject).rstrip("均")
        if not subject.endswith("率"):
            continue
        stem = subject[:-1]
        before = [c for c in ctx.claims if c.sentence == rate.sentence and c.span[0] < rate.span[0]
                  and c.quantity.kind == "count"]
        numerators = [c for c in before if stem and (c.subject.endswith(stem) or stem.endswith(c.subject) and len(c.subject) >= 2)]
        if not numerators:
            continue
        numerator = numerators[-1]
        denominators = [c for c in before if c is not numerator and c.unit == numerator.unit
                        and c.span[0] < numerator.span[0]]
        if not denominators or denominators[0].value == 0:
            continue
        findings.append(_rate_finding(rule, ctx, rate, numerator, denominators[0]))
    return findings


def _rate_finding(rule, ctx, rate: Claim, numerator: Claim, denominator: Claim):
    computed = numerator.value / denominator.value * 100
    printed = rate.quantity.text
    decimals = len(printed.split(".")[1].rstrip("%").strip()) if "." in printed else 0
    tolerance = Decimal(5) / (Decimal(10) ** (decimals + 1))
    evidence = [claim_evidence(rate, ctx.text, "rate"), claim_evidence(numerator, ctx.text, "numerator"),
                claim_evidence(denominator, ctx.text, "denominator")]
    shown = f"{fmt(numerator.value)} / {fmt(denominator.value)} = {computed:.2f}%"
    if abs(computed - rate.value) <= tolerance or (rate.quantity.approx and _within(rate, computed)):
        return make_finding(rule, "pass", f"“{rate.subject}{printed}”与 {shown} 一致。",
                            f"'{rate.subject} {printed}' matches {shown}.", evidence, ctx.report_key)
    return make_finding(rule, "uncertain" if rate.quantity.approx else "fail",
                        f"“{rate.subject}{printed}”与所述数量不符：{shown}。",
                        f"'{rate.subject} {printed}' does not match the stated counts: {shown}.", evidence, ctx.report_key)


# --------------------------------------------------------------------------- NN-4 claim_share


@register("claim_share")
def check_claim_share(rule, ctx: Context):
    findings = []
    partitions: dict[int, tuple[Claim, list]] = {}  # whole → the pairs that agree with it, across sentences
    for run in _share_runs(rule, ctx):
        wholes = _whole_candidates(ctx, run)
        scored = [(sum(_share_agrees(part, share, w) for part, share in run), -i, w) for i, w in enumerate(wholes)]
        if not scored or max(scored)[0] == 0:
            continue  # no earlier figure fits any share: the whole is unknown
        whole = max(scored)[2]
        agree = [(p, s) for p, s in run if _share_agrees(p, s, whole)]
        for part, share in run:
            if (part, share) not in agree:
                findings.append(_share_finding(rule, ctx, whole, part, share, len(agree)))
        if agree:
            findings.append(_share_finding(rule, ctx, whole, *agree[0], len(agree), agree))
            partitions.setdefault(id(whole), (whole, []))[1].extend(agree)
    findings += [f for whole, pairs in partitions.values() if (f := _partition_finding(rule, ctx, whole, pairs))]
    return findings


def _partition_finding(rule, ctx: Context, whole: Claim, pairs: list[tuple[Claim, Claim]]):
    """Shares of one whole that add up to 100 % say the parts are all of it: then the counts must add up too
    ("1913条。其中…1397条，占73%。…534条，占27%。" — 1397 + 534 = 1931). Only uncertain: the shares' rounding
    cannot prove the list was meant to be complete."""
    if len(pairs) < 2:
        return None
    shares = sum((s.value for _, s in pairs), Decimal(0))
    slack = sum((_last_digit(s) for _, s in pairs), Decimal(0))
    parts = sum((p.value for p, _ in pairs), Decimal(0))
    if abs(shares - 100) > slack or parts == whole.value:
        return None
    evidence = [claim_evidence(whole, ctx.text, "whole")]
    for p, s in pairs:
        evidence += [claim_evidence(p, ctx.text, "part"), claim_evidence(s, ctx.text, "share")]
    listing = " + ".join(p.quantity.text.replace(" ", "") for p, _ in pairs)
    return make_finding(rule, "uncertain",
                        f"各分项占比合计 {fmt(shares)}%，但 {listing} = {fmt(parts)}，与总数“{whole.quantity.text}”不符"
                        "（占比经四舍五入，未必说明分项已列全）。",
                        f"The shares add up to {fmt(shares)}%, but {listing} = {fmt(parts)}, not the whole "
                        f"'{whole.quantity.text}' (rounded shares do not prove the list is complete).",
                        evidence, ctx.report_key)


def _share_runs(rule, ctx: Context) -> list[list[tuple[Claim, Claim]]]:
    """(part, share) pairs such as "258件，占33.9%", grouped into runs: pairs with no full stop or line between."""
    words = tuple(sorted(rule.params["share_words"], key=len, reverse=True))
    pairs = []
    for before, claim in zip(ctx.claims, ctx.claims[1:]):
        if claim.quantity.kind != "percent" or before.quantity.kind != "count" or before.sentence[0] > claim.span[0]:
            continue
        gap = re.sub(r"[\s，,、：:]", "", ctx.text[before.span[1]:claim.span[0]])
        if gap.endswith(words) and len(gap) <= rule.params["max_gap"]:
            pairs.append((before, claim))
    runs: list[list[tuple[Claim, Claim]]] = []
    for pair in pairs:
        if runs and not re.search(r"[。！？\n]", ctx.text[runs[-1][-1][1].span[1]:pair[0].span[0]]):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def _whole_candidates(ctx: Context, run: list[tuple[Claim, Claim]]) -> list[Claim]:
    """Earlier counts of the parts' measure word in the same paragraph, not parts themselves, the nearest first."""
    first, unit = run[0][0], run[0][0].unit
    largest = max(part.value for part, _ in run)
    paragraph_start = ctx.text.rfind("\n", 0, first.span[0]) + 1
    parts = {id(p) for p, _ in run}
    return [c for c in reversed(ctx.claims) if c.span[1] <= first.span[0] and c.span[0] >= paragraph_start
            and c.quantity.kind == "count" and c.unit == unit and id(c) not in parts and c.value >= largest > 0]


def _share_agrees(part: Claim, share: Claim, whole: Claim) -> bool:
    """part / whole is the share as printed, rounded or cut off at its last digit (4.3478% printed 4.34% agrees)."""
    computed, printed, unit = part.value / whole.value * 100, share.value, _last_digit(share)
    if share.quantity.approx or part.quantity.approx or whole.quantity.approx:
        return _within(share, computed) or abs(computed - printed) <= unit
    return abs(computed - printed) <= unit / 2 or printed <= computed < printed + unit


def _last_digit(share: Claim) -> Decimal:
    """One unit of the share's last printed digit: 33.9% → 0.1, 4.34% → 0.01, 27% → 1."""
    exponent = share.value.as_tuple().exponent
    return Decimal(1).scaleb(exponent) if exponent < 0 else Decimal(1)


def _share_finding(rule, ctx: Context, whole: Claim, part: Claim, share: Claim, agreeing: int,
                   agree: list[tuple[Claim, Claim]] | None = None):
    evidence = [claim_evidence(whole, ctx.text, "whole")]
    if agree is not None:  # the run's agreeing shares, in one pass finding
        for p, s in agree:
            evidence += [claim_evidence(p, ctx.text, "part"), claim_evidence(s, ctx.text, "share")]
        shown = [f"{fmt(p.value)} / {fmt(whole.value)} = {p.value / whole.value * 100:.2f}% ≈ {s.quantity.text}"
                 for p, s in agree]
        return make_finding(rule, "pass", f"所述占比与总数“{whole.quantity.text}”一致：{'；'.join(shown)}。",
                            f"The stated shares agree with the whole '{whole.quantity.text}': {'; '.join(shown)}.",
                            evidence, ctx.report_key)
    evidence += [claim_evidence(part, ctx.text, "part"), claim_evidence(share, ctx.text, "share")]
    computed = part.value / whole.value * 100
    zh = (f"“{part.quantity.text}，占{share.quantity.text}”与总数“{whole.quantity.text}”不符："
          f"{fmt(part.value)} / {fmt(whole.value)} = {computed:.2f}%。")
    en = (f"'{part.quantity.text}, {share.quantity.text}' does not match the whole '{whole.quantity.text}': "
          f"{fmt(part.value)} / {fmt(whole.value)} = {computed:.2f}%.")
    reasons = []
    if agreeing < 2:
        reasons.append(("总数未经其他占比印证，可能另有所指", "no other share of the run confirms the whole"))
    if any(c.quantity.approx for c in (whole, part, share)):
        reasons.append(("含约数", "approximate figures"))
    return disagreement(rule, ctx, zh, en, reasons, evidence, ("但", "But: "))


def _anchors(claim: Claim, text: str) -> tuple[frozenset, str] | None:
    subject = _PAREN.sub("", claim.subject)
    names = frozenset(_HOTLINE.findall(subject)) | frozenset(_TITLE.findall(subject))
    if not names or len(subject) < 2:
        return None
    return names, subject[-2:]


@register("claim_repeat")
def check_claim_repeat(rule, ctx: Context):
    keyed: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        if claim.quantity.kind == "count":
            key = _anchors(claim, ctx.text)
            if key:
                keyed[key].append(claim)
    findings = []
    for claims in keyed.values():
        for a, b in zip(claims, claims[1:]):
            if a.sentence == b.sentence:
                continue
            findings.append(_repeat_finding(rule, ctx, a, b))
    return findings


def _repeat_finding(rule, ctx, a: Claim, b: Claim):
    evidence = [claim_evidence(a, ctx.text), claim_evidence(b, ctx.text)]
    if _within(a, b.value) or _within(b, a.value):
        return make_finding(rule, "pass", f"“{a.quantity.text}”与“{b.quantity.text}”一致。",
                            f"'{a.quantity.text}' and '{b.quantity.text}' agree.", evidence, ctx.report_key)
    reasons = []
    if a.unit != b.unit:
        reasons.append((f"量词不同（{a.unit} / {b.unit}）", f"measure words differ ({a.unit} / {b.unit})"))
    if a.time_scope != b.time_scope:
        ta = f"{a.time_scope or '—'}{'（沿用上文）' if a.time_inherited else ''}"
        tb = f"{b.time_scope or '—'}{'（沿用上文）' if b.time_inherited else ''}"
        reasons.append((f"时间口径不同（{ta} / {tb}）", f"time scopes differ ({a.time_scope or '—'} / {b.time_scope or '—'})"))
    if a.scope or b.scope:
        reasons.append((f"含口径词（{'/'.join(a.scope + b.scope)}）", f"scope words ({'/'.join(a.scope + b.scope)})"))
    zh = f"同一数量两次表述不一致：“{a.subject}…{a.quantity.text}”与“{b.subject}…{b.quantity.text}”。"
    en = f"The same quantity is stated twice with different values: '{a.quantity.text}' and '{b.quantity.text}'."
    return disagreement(rule, ctx, zh, en, reasons, evidence, ("可能口径不同：", "Possibly different scopes: "))


@register("deadline")
def check_deadline(rule, ctx: Context):
    meta = ctx.meta
    if meta.year is None:
        return []
    # (due date, the rule that sets it); a government office may report as a department or for its government
    if meta.year <= 2018 or meta.body == "government":
        dues = [(date(meta.year + 1, 3, 31), "3月31日")]
    elif meta.body == "department":
        dues = [(date(meta.year + 1, 1, 31), "1月31日（政府部门）")]
    elif meta.body == "government_office":
        dues = [(date(meta.year + 1, 1, 31), "1月31日（作为政府部门）"), (date(meta.year + 1, 3, 31), "3月31日（代表本级政府）")]
    else:
        dues = []
    evidence = [{"kind": "meta", "field": "published", "value": meta.published,
                 "source": meta.evidence.get("published", "")}]
    if not meta.published or not dues:
        return [make_finding(rule, "not_assessable", "未能确定发布日期或机关类型，无法判断是否按时发布。",
                             "No publication date or agency type found; timeliness cannot be judged.",
                             evidence, ctx.report_key, severity="info")]
    published = date.fromisoformat(meta.published)
    met = [(due, basis) for due, basis in dues if published <= due]
    if len(met) == len(dues):
        due, basis = dues[0]
        return [make_finding(rule, "pass", f"发布于 {meta.published}，不晚于法定时限 {due.isoformat()}（{basis}）。",
                             f"Published {meta.published}, by the deadline {due.isoformat()}.", evidence, ctx.report_key)]
    due, basis = dues[0]
    status = "uncertain" if met else "fail"
    zh = f"发布于 {meta.published}，晚于法定时限 {due.isoformat()}（{basis}）。"
    en = f"Published {meta.published}, after the deadline {due.isoformat()}."
    if met:
        zh += f"若本报告代表本级政府，则时限为 {met[0][0].isoformat()}，已满足。"
        en += f" If it reports for its government, the deadline is {met[0][0].isoformat()}, which was met."
    return [make_finding(rule, status, zh, en, evidence, ctx.report_key)]
