"""Cross-year rules: one agency's consecutive reports against each other (spec/TEMPLATES.md §5).

``crossyear_findings(reports)`` takes report JSON dicts (docs/report-json.md), groups them by agency
(``nlp.corpus.identity``), pairs each report of year y with the same agency's report of year y−1, and evaluates the
rules of ``nlp/data/rules/4_crossyear.toml`` on each pair. It returns, per report id, finding dicts shaped like a
report's own findings, attached to the later report; every cell in the evidence names its report and year.

Rule kinds (registered with the engine too, where they do nothing: a single report has no previous year):
- ``chain``: ``left = right`` where each side lists terms ``y:<cell>`` (this year) or ``y-1:<cell>`` (last year),
  a leading ``-`` subtracting the term;
- ``running_total``: every pre-2019 ``<row>.cumulative`` printed in both years:
  ``<row>.cumulative[y] = <row>.cumulative[y−1] + <row>[y]``.

Statuses follow the table arithmetic (nlp/checks/arithmetic.py): blank is not zero; a cell whose reading is not
unique (``semantic: ambiguous``) makes the check uncertain, saying whether some reading fits; a break is ``fail``
only when every cell was read with confidence 1 and the two reports' agency match is exact (same name up to form
and a regional prefix). Otherwise — an alias or override identity, an uncertain reading, or a shortfall that the
rule's ``shortfall_zh`` explains (documents lapsing without being repealed) — it is ``uncertain``, with the reason.
"""
from __future__ import annotations

import fnmatch
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from .catalogue import Rule, load_rules
from .engine import expand, register
from .evidence import fmt, make_finding

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.identity import Identity, Match

PAIR_KINDS: dict[str, Callable] = {}
# nlp.corpus.identity is imported where it is used: importing the nlp.corpus package here, while the engine is still
# being imported, would tie the per-report pipeline to the corpus package.
MAX_COMBINATIONS = 4096  # readings of ambiguous cells tried together before giving up on saying which fit

COLUMN_ZH = {
    "natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
    "public_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他", "total": "总计",
    "in_force": "现行有效件数", "issued": "本年制发件数", "repealed": "本年废止件数", "prev_items": "上一年项目数量",
    "delta": "本年增/减", "total_public": "对外公开总数量", "published": "本年新公开数量", "cumulative": "历年累计",
}


def pair_kind(name: str):
    """Register a cross-year kind ``(rule, this, prev, pair) -> list[Finding]``; the per-report engine skips it."""

    def wrap(func):
        PAIR_KINDS[name] = func
        register(name)(_alone)
        return func

    return wrap


def _alone(rule, ctx):
    return []  # a cross-year rule has nothing to say about one report on its own


# --------------------------------------------------------------------------- reports and pairs


@dataclass
class Side:
    """One report of a pair, as the rules see it."""

    id: str
    year: int
    template: str
    agency: str
    identity: "Identity"
    facts: dict[str, dict]

    @property
    def report_key(self) -> str:
        return f"{self.identity.key}|{self.year}|{self.template}"


@dataclass
class Pair:
    this: Side
    prev: Side
    match: "Match"

    @property
    def report_key(self) -> str:
        return f"{self.this.report_key}<{self.prev.report_key}"


def _side(report: dict, overrides: Mapping[str, str]) -> Side | None:
    from ..corpus.identity import identity

    meta = report.get("meta") or {}
    year = meta.get("year")
    if year is None:
        return None
    return Side(id=str(report.get("id") or report.get("source", {}).get("path", "?")), year=int(year),
                template=meta.get("template") or "none", agency=meta.get("agency") or "",
                identity=identity(meta, overrides), facts={f["id"]: f for f in report.get("facts") or []})


def _pairs(sides: list[Side]) -> list[tuple[Side, list[Pair]]]:
    """Each report with its candidate previous-year reports of the same agency."""
    from ..corpus.identity import Match, match

    by_key: dict[str, list[Side]] = defaultdict(list)
    for side in sides:
        by_key[side.identity.key].append(side)
    out = []
    for key, group in sorted(by_key.items()):
        cities = {s.identity.city for s in group if s.identity.city}
        provinces = {s.identity.province for s in group if s.identity.province}
        for this in sorted(group, key=lambda s: (s.year, s.id)):
            pairs = []
            for prev in sorted((s for s in group if s.year == this.year - 1), key=lambda s: s.id):
                found = match(this.identity, prev.identity)
                if found is None:
                    continue
                unplaced = [s for s in (this, prev) if (len(cities) > 1 and not s.identity.city)
                            or (len(provinces) > 1 and not s.identity.province)]
                if found.exact and unplaced:
                    names = "、".join(sorted(cities | provinces))
                    found = Match(False, f"“{unplaced[0].identity.name}”未写明所属地区，而语料中有多个同名机构（{names}）",
                                  f"'{unplaced[0].identity.name}' names no city, and the corpus holds several agencies of that name")
                pairs.append(Pair(this, prev, found))
            out.append((this, pairs))
    return out


def crossyear_findings(reports: Iterable[dict], overrides: str | Mapping[str, str] | Any = None,
                       rules: Iterable[Rule] | None = None) -> dict[str, list[dict]]:
    """Cross-year findings per report id (the later report of each pair carries them).

    ``reports``: report JSON dicts (``nlp.read(path).to_dict()`` or the files under ``reports_out/``).
    ``overrides``: agency overrides — a mapping name → key, a CSV/TOML file, or a folder holding
    ``agency_overrides.csv`` / ``agency_overrides.toml`` (docs/agency-identity.md).
    """
    from ..corpus.identity import load_overrides

    reports = list(reports)
    overrides = load_overrides(overrides)
    rules = [r for r in (rules if rules is not None else load_rules()) if r.kind in PAIR_KINDS]
    out: dict[str, list[dict]] = {str(r.get("id")): [] for r in reports}
    sides = [s for s in (_side(r, overrides) for r in reports) if s is not None]
    for this, candidates in _pairs(sides):
        if not candidates:
            continue
        for rule in rules:
            usable = [p for p in candidates if _applies(rule, this, p.prev)]
            if not usable:
                continue
            for expanded in expand(rule):
                found = PAIR_KINDS[rule.kind](expanded, this, usable)
                out.setdefault(this.id, []).extend(f.to_dict() for f in found)
    return out


def _applies(rule: Rule, this: Side, prev: Side) -> bool:
    params = rule.params
    if not rule.applies_to(this.template) or prev.template not in params.get("prev_templates", rule.templates):
        return False
    return params.get("min_year", 0) <= this.year <= params.get("max_year", 9999)


# --------------------------------------------------------------------------- terms and their evaluation


@dataclass(frozen=True)
class Term:
    sign: int  # +1 or -1
    offset: int  # 0: this year, -1: last year
    cell: str


_TERM = re.compile(r"^(?P<neg>-)?(?P<year>y|y-1):(?P<cell>\S+)$")


def parse_term(text: str) -> Term:
    m = _TERM.match(text.replace(" ", ""))
    if not m:
        raise ValueError(f"cross-year term '{text}': expected 'y:<cell>', 'y-1:<cell>' or '-y:<cell>'")
    return Term(-1 if m["neg"] else 1, 0 if m["year"] == "y" else -1, m["cell"])


@dataclass
class Value:
    term: Term
    side: Side
    fact: dict | None

    @property
    def number(self) -> Decimal | None:
        if self.fact is None or self.fact.get("value") is None:
            return None
        return _decimal(self.fact["value"])

    @property
    def candidates(self) -> list[Decimal | None] | None:
        """The possible values of a cell whose reading is not unique (None: a reading in which it is blank)."""
        if self.fact is None or self.fact.get("semantic") != "ambiguous" or not self.fact.get("candidates"):
            return None
        return [None if c is None else _decimal(c) for c in self.fact["candidates"]]

    @property
    def confident(self) -> bool:
        return self.fact is not None and float(self.fact.get("confidence", 1.0)) >= 1.0

    def text(self) -> str:
        label = (self.fact or {}).get("label", "").strip() or self.term.cell
        last = self.term.cell.rsplit(".", 1)[-1]
        column = COLUMN_ZH.get(last, "") if self.term.cell.startswith("t") or last == "cumulative" else ""
        shown = fmt(self.number) if self.number is not None else ("（未读出）" if self.fact is None else _unread(self.fact))
        column = f"（{column}）" if column and column not in label else ""
        return f"{self.side.year}年“{label}”{column}{shown}"


def _unread(fact: dict) -> str:
    if fact.get("semantic") == "ambiguous":
        return f"（“{fact.get('raw', '')}”读法不唯一）"
    return "（空）" if fact.get("semantic") == "blank" else f"（{fact.get('raw', '')}）"


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _evidence(value: Value) -> dict:
    fact = value.fact
    return {
        "kind": "cell", "id": fact["id"], "label": fact.get("label", ""), "value": fact.get("value"),
        "raw": fact.get("raw", ""), "semantic": fact.get("semantic"), "unit": fact.get("unit"),
        "provenance": fact.get("provenance") or {}, "confidence": fact.get("confidence", 1.0),
        "report": value.side.id, "year": value.side.year, "agency": value.side.agency,
    }


def _values(terms: list[Term], pair: Pair) -> list[Value]:
    out = []
    for term in terms:
        side = pair.this if term.offset == 0 else pair.prev
        out.append(Value(term, side, side.facts.get(term.cell)))
    return out


def _quality(terms: list[Term], pair: Pair) -> tuple[int, int]:
    """How well the previous report's cells are read: (certain numbers, cells present)."""
    values = [v for v in _values(terms, pair) if v.term.offset == -1]
    return (sum(v.number is not None and v.confident for v in values), sum(v.fact is not None for v in values))


def evaluate(rule: Rule, pairs: list[Pair], left: list[Term], right: list[Term]):
    """One finding for ``left = right`` on the best-read previous-year report; None when a year prints none of it."""
    # the previous-year report to compare with: an exact-name match first, then the best-read copy (a year may be
    # in the corpus twice, as crawled text and as HTML); max keeps the first of equals (sorted ids), so it is stable
    pair = max(pairs, key=lambda p: (p.match.exact, _quality(left + right, p)))
    values = _values(left + right, pair)
    this_year = [v for v in values if v.term.offset == 0]
    last_year = [v for v in values if v.term.offset == -1]
    if all(v.fact is None for v in this_year) or all(v.fact is None for v in last_year):
        return None
    n_left = len(left)
    coef = [(1 if i < n_left else -1) * v.term.sign for i, v in enumerate(values)]
    evidence = [_evidence(v) for v in values if v.fact is not None]
    shown_zh = _equation(values, n_left)
    signed = rule.params.get("signed_cells", [])
    circular = [v for v in values if v.fact and rule.id in ((v.fact.get("provenance") or {}).get("constraints") or ())]
    if circular:
        ids = ", ".join(v.term.cell for v in circular)
        return make_finding(rule, "not_assessable", f"{rule.title_zh}：{ids} 的识别本身用到了这一关系，检查不独立。",
                            f"{rule.title_en}: the reading of {ids} used this very rule, so it proves nothing.",
                            evidence, pair.report_key)
    known = [(c, v) for c, v in zip(coef, values) if v.number is not None]
    unknown = [(c, v) for c, v in zip(coef, values) if v.number is None]
    diff = sum((c * v.number for c, v in known), Decimal(0))  # left − right over the known cells
    where = f"（{pair.this.id} ← {pair.prev.id}）"
    ambiguous = [(c, v) for c, v in unknown if v.candidates]
    if ambiguous:
        return _ambiguous(rule, pair, diff, unknown, ambiguous, shown_zh, evidence, where)
    if not known:
        return make_finding(rule, "not_assessable", f"{rule.title_zh}：相关单元格均未填写或未能读出{where}。",
                            f"{rule.title_en}: none of the cells is filled in or read{where}.", evidence, pair.report_key)
    if unknown:
        if diff == 0:
            return make_finding(rule, "pass", f"{rule.title_zh}：{shown_zh}{where}（{len(unknown)} 个单元格未填写，视为空）。",
                                f"{rule.title_en}: holds{where} ({len(unknown)} blank cell(s) read as empty).",
                                evidence, pair.report_key)
        can_fill = [v for c, v in unknown if _matches(v.term.cell, signed) or (c < 0 if diff > 0 else c > 0)]
        if can_fill:
            names = "、".join(v.text() for v in can_fill[:3])
            return make_finding(rule, "uncertain",
                                f"{rule.title_zh}：{shown_zh}，已知部分相差 {fmt(abs(diff))}；未填写的单元格（{names}）可能包含差额，空白不等于零{where}。",
                                f"{rule.title_en}: the known cells differ by {fmt(abs(diff))}; blank cell(s) may hold the "
                                f"difference{where}.", evidence, pair.report_key)
    elif diff == 0:
        return make_finding(rule, "pass", f"{rule.title_zh}：{shown_zh}{where}。",
                            f"{rule.title_en}: holds{where}.", evidence, pair.report_key)
    return _break(rule, pair, diff, values, shown_zh, evidence, where)


def _break(rule: Rule, pair: Pair, diff: Decimal, values: list[Value], shown_zh: str, evidence, where: str):
    zh = f"{rule.title_zh}不成立：{shown_zh}，相差 {fmt(abs(diff))}{where}。"
    en = f"{rule.title_en} does not hold: left and right differ by {fmt(abs(diff))}{where}."
    reasons: list[tuple[str, str]] = []
    weak = [v for v in values if v.fact is not None and v.number is not None and not v.confident]
    if weak:
        reasons.append(("部分单元格识别不确定：" + "；".join(f"{v.side.year}年 {v.term.cell}（{v.fact.get('raw')}）" for v in weak),
                        "some cells were not read with certainty: " + "; ".join(f"{v.side.year} {v.term.cell}" for v in weak)))
    if not pair.match.exact:
        reasons.append((f"机构对应不是精确匹配：{pair.match.reason_zh}；机构改革或职能划转可能中断链条",
                        f"the agency match is not exact: {pair.match.reason_en}; a reorganisation may break the chain"))
    if diff < 0 and rule.params.get("shortfall_zh"):
        reasons.append((rule.params["shortfall_zh"], rule.params.get("shortfall_en", "")))
    if reasons:
        return make_finding(rule, "uncertain", zh + "但" + "；".join(z for z, _ in reasons) + "。",
                            en + " But " + "; ".join(e for _, e in reasons) + ".", evidence, pair.report_key)
    if rule.params.get("excess_zh") and diff > 0:
        zh += rule.params["excess_zh"]
        en += " " + rule.params.get("excess_en", "")
    return make_finding(rule, "fail", zh, en, evidence, pair.report_key)


def _ambiguous(rule, pair, diff, unknown, ambiguous, shown_zh, evidence, where):
    """Cells with several possible readings: never a verdict, but say whether some reading would fit."""
    blanks = [(c, v) for c, v in unknown if not v.candidates]
    combos = 1
    for _, v in ambiguous:
        combos *= len(v.candidates)
    cells = "、".join(f"{v.side.year}年 {v.term.cell}（“{v.fact.get('raw', '')}”）" for _, v in ambiguous)
    cells_en = ", ".join(f"{v.side.year} {v.term.cell}" for _, v in ambiguous)
    if blanks or combos > MAX_COMBINATIONS:
        zh, en = "读法过多或另有空白单元格，未逐一检验", "too many readings or blank cells to test each"
    else:
        testable = [combo for combo in itertools.product(*(v.candidates for _, v in ambiguous)) if None not in combo]
        fits = [combo for combo in testable if diff + sum(c * x for (c, _), x in zip(ambiguous, combo)) == 0]
        blank_note = (f"（另有 {combos - len(testable)} 种组合含空白单元格，无法检验）" if len(testable) < combos else "",
                      f" ({combos - len(testable)} with a blank cell cannot be tested)" if len(testable) < combos else "")
        if fits:
            example = "、".join(f"{v.term.cell.rsplit('.', 1)[-1]}={fmt(x)}" for (_, v), x in zip(ambiguous, fits[0]))
            zh = (f"{combos} 种候选值组合中有 {len(fits)} 种使其成立（如 {example}）{blank_note[0]}，"
                  "但不能用本规则来选定读法")
            en = (f"{len(fits)} of {combos} combinations of candidate values satisfy it (e.g. {example}){blank_note[1]}, "
                  "but this rule may not pick the reading")
        elif testable:
            zh = f"{len(testable)} 种可检验的候选值组合均不使其成立{blank_note[0]}，但读法本身不确定"
            en = f"none of the {len(testable)} testable combinations of candidate values satisfies it{blank_note[1]}, but the reading itself is uncertain"
        else:
            zh, en = "各种读法都含空白单元格，无法检验", "every reading leaves a cell blank: nothing to test"
    return make_finding(rule, "uncertain",
                        f"{rule.title_zh}：{shown_zh}；{cells} 的拆分不唯一：{zh}{where}。",
                        f"{rule.title_en}: {cells_en} cannot be split uniquely from the text: {en}{where}.",
                        evidence, pair.report_key)


def _equation(values: list[Value], n_left: int) -> str:
    def side(vs: list[Value]) -> str:
        out = ""
        for i, v in enumerate(vs):
            sign = "−" if v.term.sign < 0 else ("+" if i else "")
            out += (f" {sign} " if i else (sign and f"{sign} ")) + v.text()
        total = _total(vs)
        return out + (f" = {fmt(total)}" if len(vs) > 1 and total is not None else "")

    return f"{side(values[:n_left])} 对比 {side(values[n_left:])}"


def _total(values: list[Value]) -> Decimal | None:
    if any(v.number is None for v in values):
        return None
    return sum((v.term.sign * v.number for v in values), Decimal(0))


def _matches(cell: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(cell, p) for p in patterns)


# --------------------------------------------------------------------------- kinds


@pair_kind("chain")
def check_chain(rule: Rule, this: Side, pairs: list[Pair]):
    left = [parse_term(t) for t in rule.params["left"]]
    right = [parse_term(t) for t in rule.params["right"]]
    found = evaluate(rule, pairs, left, right)
    return [found] if found else []


@pair_kind("running_total")
def check_running_total(rule: Rule, this: Side, pairs: list[Pair]):
    findings = []
    for cell in sorted(this.facts):
        if not cell.endswith(".cumulative") or not fnmatch.fnmatchcase(cell, rule.params["cells"]):
            continue
        base = cell[: -len(".cumulative")]
        usable = [p for p in pairs if cell in p.prev.facts]
        if base not in this.facts or not usable:
            continue  # both years must print the running total
        left = [Term(1, 0, cell)]
        right = [Term(1, -1, cell), Term(1, 0, base)]
        found = evaluate(rule, usable, left, right)
        if found:
            findings.append(found)
    return findings
