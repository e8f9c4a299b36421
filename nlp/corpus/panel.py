"""The panel: one row per report with the main indicators, read from its facts (the cells the report prints).

An indicator is the sum of one or more cells, per template. It is left empty (None) unless every one of its cells
was read with a value: a blank cell is never taken as zero and nothing is estimated. ``uncertain_indicators``
names the indicators resting on a cell read with confidence < 1 (a flattened row with several possible splits).

The templates ask different questions: pre-2019 tables have no 无法提供 / 不予处理 rows (their 不属于本机关 and 信息不存在
rows are not the same thing), and only the v2021 表二 prints an amount of 行政事业性收费. Those cells stay empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

V19_21 = ("v2019", "v2021")
_DENIED = ["state_secret", "law_forbidden", "three_security_one_stability", "third_party", "internal_affairs",
           "process_info", "enforcement_file", "admin_query"]
_UNABLE = ["not_held", "need_creation", "unclear"]
_NOT_PROCESSED = ["petition", "repeat", "publication", "mass_repeat", "confirm_reissue"]


@dataclass(frozen=True)
class Indicator:
    name: str
    zh: str
    en: str
    cells: dict[str, tuple[str, ...]]  # template -> cell ids to add up


def _both(*cells: str) -> dict[str, tuple[str, ...]]:
    return {t: tuple(cells) for t in V19_21}


INDICATORS: tuple[Indicator, ...] = (
    Indicator("applications_new", "本年新收申请数（2019 前：收到申请数）", "applications received this year",
              {"pre2019": ("p.app.recv.total",), **_both("t3.new_received.total")}),
    Indicator("applications_carried_over", "上年结转申请数", "applications carried over from last year",
              _both("t3.carried_over.total")),
    Indicator("processed", "办理结果总计（2019 前：申请答复数）", "applications processed (total of the results)",
              {"pre2019": ("p.app.reply.total",), **_both("t3.res.total.total")}),
    Indicator("granted", "予以公开（2019 前：同意公开）", "granted in full",
              {"pre2019": ("p.app.reply.granted",), **_both("t3.res.granted.total")}),
    Indicator("partial", "部分公开", "partly granted",
              {"pre2019": ("p.app.reply.partial",), **_both("t3.res.partial.total")}),
    Indicator("denied", "不予公开（2019 前：不同意公开）", "refused",
              {"pre2019": ("p.app.reply.refused.total",), **_both(*(f"t3.res.denied.{r}.total" for r in _DENIED))}),
    Indicator("unable", "无法提供", "unable to provide", _both(*(f"t3.res.unable.{r}.total" for r in _UNABLE))),
    Indicator("not_processed", "不予处理", "not processed",
              _both(*(f"t3.res.not_processed.{r}.total" for r in _NOT_PROCESSED))),
    Indicator("other_handling", "其他处理", "other handling",
              {"v2019": ("t3.res.other.total",),
               "v2021": tuple(f"t3.res.other.{r}.total" for r in ("no_correction", "fee_unpaid", "misc"))}),
    Indicator("carry_forward", "结转下年度继续办理", "carried forward to next year", _both("t3.carry_forward.total")),
    Indicator("review_total", "行政复议总数", "administrative reviews",
              {"pre2019": ("p.review.total",), **_both("t4.review.total")}),
    Indicator("review_corrected", "行政复议结果纠正", "reviews: decision corrected",
              {"pre2019": ("p.review.corrected",), **_both("t4.review.corrected")}),
    Indicator("litigation_total", "行政诉讼总数（直接起诉 + 复议后起诉）", "lawsuits (direct + after review)",
              {"pre2019": ("p.lit.total",), **_both("t4.lit_direct.total", "t4.lit_after_review.total")}),
    Indicator("litigation_corrected", "行政诉讼结果纠正", "lawsuits: decision corrected",
              {"pre2019": ("p.lit.corrected",), **_both("t4.lit_direct.corrected", "t4.lit_after_review.corrected")}),
    Indicator("active_disclosed", "主动公开政府信息数（2019 前）", "information disclosed proactively (pre-2019)",
              {"pre2019": ("p.active.total",)}),
    Indicator("normative_issued", "规范性文件本年制发（新制作）件数", "normative documents issued this year",
              {"pre2019": ("p.active.normative_issued",), "v2019": ("t2v19.a1.normative.made",),
               "v2021": ("t2.a1.normative.issued",)}),
    Indicator("admin_fees_wan_yuan", "行政事业性收费金额（万元，2021 格式表二）", "administrative fees collected (10k yuan)",
              {"v2021": ("t2.a8.admin_fee.amount_wan_yuan",)}),
    Indicator("budget_wan_yuan", "政府信息公开专项经费（万元，2019 前）", "dedicated budget (10k yuan, pre-2019)",
              {"pre2019": ("p.org.budget",)}),
)

REPORT_COLUMNS = ("report_id", "agency", "agency_normalised", "region", "level", "year", "template", "published")
DERIVED = (("disclosure_rate", "公开率 = (予以公开 + 部分公开) / 办理结果总计",
            "disclosure rate = (granted + partial) / processed"),)
TAIL = (("findings_fail", "不一致（fail）条数", "findings that fail"),
        ("findings_uncertain", "存疑（uncertain）条数", "uncertain findings"),
        ("uncertain_indicators", "依据不确定读数的指标", "indicators resting on a cell read with confidence < 1"))


def columns() -> list[tuple[str, str, str]]:
    """(name, zh, en) of every panel column, in order."""
    head = [(c, c, c) for c in REPORT_COLUMNS]
    return head + [(i.name, i.zh, i.en) for i in INDICATORS] + list(DERIVED) + list(TAIL)


def panel_rows(reports: list[dict], facts: list[dict]) -> list[dict]:
    """Panel rows from rows of the ``reports`` and ``facts`` tables (dicts with the store's column names)."""
    by_report: dict[str, dict[str, dict]] = {}
    for fact in facts:
        by_report.setdefault(fact["report_id"], {})[fact["cell_id"]] = fact
    rows = []
    for report in reports:
        cells = by_report.get(report["report_id"], {})
        row = {c: report.get(c) for c in REPORT_COLUMNS}
        uncertain = []
        for indicator in INDICATORS:
            ids = indicator.cells.get(report.get("template"), ())
            picked = [cells.get(i) for i in ids]
            if ids and all(f is not None and f.get("value_exact") is not None and _is_number(f) for f in picked):
                total = sum(Decimal(f["value_exact"]) for f in picked)
                row[indicator.name] = float(total)
                if any((f.get("confidence") if f.get("confidence") is not None else 1.0) < 1.0 for f in picked):
                    uncertain.append(indicator.name)
            else:
                row[indicator.name] = None
        processed, granted, partial = row["processed"], row["granted"], row["partial"]
        row["disclosure_rate"] = ((granted + partial) / processed
                                  if processed and granted is not None and partial is not None else None)
        row["findings_fail"] = report.get("findings_fail")
        row["findings_uncertain"] = report.get("findings_uncertain")
        row["uncertain_indicators"] = ", ".join(uncertain) or None
        rows.append(row)
    return rows


def _is_number(fact: dict) -> bool:
    try:
        Decimal(str(fact["value_exact"]))
        return True
    except ArithmeticError:
        return False
