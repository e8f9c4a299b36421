"""The corpus report (``index.html``, self-contained, and its Markdown twin ``index.md``) and the side-by-side page
of ``xxgk compare A B``, from ``nlp.compare`` results. Templates: ``corpus.html.j2``, ``compare.html.j2``.

Both HTML pages carry their CSS and JavaScript inline and embed their charts as data URIs: they work offline, from
a file, with nothing else beside them but the per-report pages they link to.
"""
from __future__ import annotations

import json
import math
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from .view import STATUS_LABEL

MAX_FINDINGS = 5000  # rows of the findings table; fail and uncertain first
MAX_PAIRS_SHOWN = 200  # report pairs shown passage by passage
MAX_PASSAGES_SHOWN = 30  # passages per pair
MIN_SHOWN_SHARE = 0.05  # a report is shown beside its previous report / top source from this share on
STATUS_ORDER = {"fail": 0, "uncertain": 1, "not_assessable": 2, "pass": 3}
RELATION_LABEL = {"cross_year": "同一机构跨年度 same agency, other year",
                  "same_year": "同一机构同年度 another file of the same report",
                  "cross_agency": "不同机构 another agency"}


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("nlp.render", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt"] = fmt
    env.filters["pct"] = pct
    return env


# ---------------------------------------------------------------------------------------------- formatting


def missing(value) -> bool:
    """None, NaN, pandas.NA or NaT."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array: not a missing scalar
        return False


def fmt(value, percent: bool = False, digits: int = 2) -> str:
    """A number for a table: '' when missing, 12.3% for shares, integers without '.0', else ``digits`` decimals."""
    if value is None:
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "" if str(value) in ("<NA>", "nan", "None") else str(value)
    if math.isnan(number):
        return ""
    if percent:
        return f"{100 * number:.1f}%"
    if number.is_integer():
        return f"{int(number)}"
    return f"{number:.{digits}f}"


def pct(value) -> str:
    return fmt(value, percent=True)


def pieces(text: str, marks) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked) by ``marks`` ([start, end) pairs, or their JSON)."""
    if isinstance(marks, str):
        marks = json.loads(marks)
    out, cursor = [], 0
    for a, b in sorted(marks or []):
        a, b = max(a, cursor), max(b, cursor)
        if a > cursor:
            out.append((text[cursor:a], False))
        if b > a:
            out.append((text[a:b], True))
        cursor = max(cursor, b)
    if cursor < len(text):
        out.append((text[cursor:], False))
    return out


def md_cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def md_marked(text: str, marks) -> str:
    """Markdown of ``text`` with the marked pieces in bold (for a table cell)."""
    out = []
    for piece, marked in pieces(text, marks):
        piece = md_cell(piece)
        if not piece:
            continue
        out.append(f"**{piece}**" if marked else piece)
    return "".join(out)


def md_table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def _records(frame) -> list[dict]:
    return [] if frame is None else frame.to_dict("records")


# ---------------------------------------------------------------------------------------------- corpus view model


def corpus_view(result, pages: dict) -> dict:
    """Everything the corpus templates show, as plain lists and dicts."""
    from ..compare.panel import MEASURES

    reports = result.reports
    scores = {r["report_id"]: r for r in _records(result.report_scores)}
    reuse_rows = {r["report_id"]: r for r in _records(result.reuse.reports)}
    chosen = set(result.panel["report_id"])
    summary_rows = []
    for r in sorted(_records(reports), key=lambda r: (r["agency_key"], -1 if missing(r["year"]) else r["year"],
                                                      r["report_id"])):
        s, u = scores.get(r["report_id"], {}), reuse_rows.get(r["report_id"], {})
        summary_rows.append({"id": r["report_id"], "page": pages.get(r["report_id"]), "agency": r["agency"],
                             "agency_key": r["agency_key"], "year": fmt(r["year"]), "template": r["template"],
                             "format": r.get("format"), "fail": s.get("fail", 0), "uncertain": s.get("uncertain", 0),
                             "pass": s.get("pass", 0), "score": fmt(s.get("score"), digits=1),
                             "reuse_share": pct(u.get("reuse_share")), "prev_share": pct(u.get("prev_share")),
                             "prev_report": u.get("prev_report") if not missing(u.get("prev_report")) else "",
                             "copies": u.get("copies") if not missing(u.get("copies")) else "",
                             "in_panel": r["report_id"] in chosen})
    measures = [{"name": m.name, "zh": m.zh, "en": m.en, "percent": m.percent} for m in MEASURES]
    panel_rows = []
    for r in _records(result.panel):
        panel_rows.append({"id": r["report_id"], "page": pages.get(r["report_id"]), "agency": r["agency_key"],
                           "year": fmt(r["year"]), "level": r["level"] if not missing(r["level"]) else "",
                           "values": [fmt(r.get(m.name), m.percent) for m in MEASURES],
                           "also": r.get("also") or "", "uncertain": r.get("uncertain_indicators")
                           if not missing(r.get("uncertain_indicators")) else ""})
    # rankings: one table per year with at least two agencies
    rank_tables = []
    rankings = result.rankings
    for year in sorted({y for y in rankings["year"].dropna()}, reverse=True) if len(rankings) else []:
        block = rankings[rankings["year"] == year]
        if block["agency_key"].nunique() < 2:
            continue
        names = [m for m in MEASURES if m.name in set(block["measure"])]
        agencies = sorted(set(block["agency_key"]))
        rows = []
        for agency in agencies:
            cells = []
            for m in names:
                hit = block[(block["agency_key"] == agency) & (block["measure"] == m.name)]
                cells.append(f"{fmt(hit['value'].iloc[0], m.percent)} ({hit['rank'].iloc[0]}/{hit['n'].iloc[0]})"
                             if len(hit) else "")
            rows.append({"agency": agency, "cells": cells})
        rank_tables.append({"year": int(year), "measures": [{"zh": m.zh, "en": m.en} for m in names], "rows": rows})
    # robust z: one row per group and measure
    groups = []
    if len(result.outliers):
        for (level, year, measure), block in result.outliers.groupby(["level", "year", "measure"], sort=True,
                                                                       dropna=False):
            flagged = block[block["outlier"]]
            percent = next((m.percent for m in MEASURES if m.name == measure), False)
            groups.append({"level": level if not missing(level) else "", "year": fmt(year), "measure": measure,
                           "n": int(block["n"].iloc[0]), "median": fmt(block["median"].iloc[0], percent),
                           "mad": fmt(block["mad"].iloc[0], percent), "status": block["status"].iloc[0],
                           "outliers": ", ".join(f"{a} (z = {z:.1f})" for a, z in zip(flagged["agency_key"],
                                                                                     flagged["z"]))})
    enough = sum(1 for g in groups if g["status"] != "not enough data")
    distribution_rows = [{**r, "year": fmt(r["year"]), **{k: fmt(r[k], next(
        (m.percent for m in MEASURES if m.name == r["measure"]), False)) for k in ("min", "q1", "median", "q3", "max")}}
                         for r in _records(result.distributions)]
    agency_rows = [{**r, "score": fmt(r["score"], digits=1), "worst_score": fmt(r["worst_score"], digits=1),
                    "worst_page": pages.get(r["worst_report"]) if not missing(r["worst_report"]) else None}
                   for r in _records(result.agency_scores)]
    # reuse
    pair_rows = []
    for r in _records(result.reuse.pairs):
        pair_rows.append({**r, "relation_label": RELATION_LABEL.get(r["relation"], r["relation"]),
                          "share_a_text": pct(r["share_a"]), "share_b_text": pct(r["share_b"]),
                          "year_a": fmt(r["year_a"]), "year_b": fmt(r["year_b"]),
                          "page_a": pages.get(r["report_a"]), "page_b": pages.get(r["report_b"])})
    # passage by passage: each report (one file per agency and year) beside its previous report and its top source
    by_pair = {(p["report_a"], p["report_b"]): p for p in pair_rows}
    wanted: list[tuple[str, str]] = []
    for r in _records(result.reuse.reports):
        if r["report_id"] not in chosen:
            continue
        for other, share in ((r["prev_report"], r["prev_share"]), (r["top_source"], r["top_source_share"])):
            if missing(other) or missing(share) or share < MIN_SHOWN_SHARE:
                continue
            key = next((k for k in ((r["report_id"], other), (other, r["report_id"])) if k in by_pair), None)
            if key and key not in wanted:
                wanted.append(key)
    shown = [by_pair[k] for k in wanted]
    keys = dict(zip(reports["report_id"], reports["agency_key"]))
    shown.sort(key=lambda p: (0 if p["consecutive"] else 1, keys.get(p["report_a"]) or "", p["year_b"],
                              p["report_a"], p["report_b"]))
    omitted_pairs = max(0, len(shown) - MAX_PAIRS_SHOWN)
    side_by_side = []
    for p in shown[:MAX_PAIRS_SHOWN]:
        block = result.reuse.between(p["report_a"], p["report_b"])
        passages = [{"a": pieces(r["text_a"], r["marks_a"]), "b": pieces(r["text_b"], r["marks_b"]),
                     "jaccard": f"{r['jaccard']:.2f}", "para_a": r["paragraph_a"], "para_b": r["paragraph_b"],
                     "section_a": r["section_a"] or "", "section_b": r["section_b"] or ""}
                    for r in _records(block)[:MAX_PASSAGES_SHOWN]]
        side_by_side.append({**p, "passages": passages, "more": max(0, len(block) - MAX_PASSAGES_SHOWN)})
    reuse_rows_view = [{**r, "page": pages.get(r["report_id"]), "year": fmt(r["year"]),
                        "reuse_share": pct(r["reuse_share"]), "prev_share": pct(r["prev_share"]),
                        "shared_share": pct(r["shared_share"]), "top_source_share": pct(r["top_source_share"]),
                        "top_source": r["top_source"] if not missing(r["top_source"]) else "",
                        "top_relation": RELATION_LABEL.get(r["top_relation"], "") if not missing(r["top_relation"])
                        else "", "prev_report": r["prev_report"] if not missing(r["prev_report"]) else "",
                        "copies": r["copies"] if not missing(r["copies"]) else ""}
                       for r in _records(result.reuse.reports)]
    # keywords
    keyword_groups = []
    kw = result.keywords
    for scope in ("agency", "year"):
        block = kw[kw["scope"] == scope] if len(kw) else kw
        for group, rows in (block.groupby("group", sort=True) if len(block) else []):
            ok = rows[rows["status"] == "ok"].sort_values("rank")
            keyword_groups.append({"scope": scope, "group": group,
                                   "terms": [f"{t} ({int(c)})" for t, c in zip(ok["term"], ok["count"])],
                                   "status": rows["status"].iloc[0]})
    method = kw["method"].iloc[0] if len(kw) else ""
    neighbours = {}
    for r in _records(result.neighbours):
        neighbours.setdefault(r["report_id"], []).append(f"{r['other']} ({r['cosine']:.2f})")
    # findings
    findings = sorted(_records(result.findings), key=lambda f: (STATUS_ORDER.get(f["status"], 9), f["report_id"],
                                                                 f["finding_no"]))
    total_findings = len(findings)
    finding_rows = [{"id": f["report_id"], "page": pages.get(f["report_id"]), "agency": f["agency"],
                     "year": fmt(f["year"]), "rule": f["rule"], "status": f["status"], "severity": f["severity"],
                     "origin": f.get("origin") or "", "message": f["message_zh"] or "", "en": f["message_en"] or "",
                     "fingerprint": f["fingerprint"] or "",
                     "review": f.get("review_decision") if not missing(f.get("review_decision")) else ""}
                    for f in findings[:MAX_FINDINGS]]
    counts = {s: sum(1 for f in findings if f["status"] == s) for s in STATUS_ORDER}
    years = sorted({int(y) for y in reports["year"].dropna()}) if len(reports) else []
    return {
        "version": __version__, "n_reports": len(reports), "n_agencies": reports["agency_key"].nunique(),
        "years": f"{years[0]}–{years[-1]}" if years else "—", "n_failed": len([e for e in result.errors]),
        "errors": result.errors, "counts": counts, "status_label": STATUS_LABEL,
        "summary_rows": summary_rows, "measures": measures, "panel_rows": panel_rows, "rank_tables": rank_tables,
        "groups": groups, "groups_enough": enough, "distribution_rows": distribution_rows,
        "agency_rows": agency_rows, "charts": result.charts, "pair_rows": pair_rows, "side_by_side": side_by_side,
        "omitted_pairs": omitted_pairs, "min_shown_share": pct(MIN_SHOWN_SHARE), "reuse_rows": reuse_rows_view,
        "reuse_params": result.reuse.params, "keyword_groups": keyword_groups, "keyword_method": method,
        "neighbours": neighbours, "finding_rows": finding_rows, "total_findings": total_findings,
        "max_findings": MAX_FINDINGS,
    }


def corpus_html(result, pages: dict, key: str | None = None) -> str:
    view = corpus_view(result, pages)
    return _env().get_template("corpus.html.j2").render(v=view, key=key)


def corpus_markdown(result, pages: dict, charts_folder: str = "charts") -> str:
    v = corpus_view(result, pages)
    out = ["# xxgk 语料对比报告 Corpus report", "",
           f"{v['n_reports']} 份报告 reports · {v['n_agencies']} 个机构 agencies · {v['years']} · "
           f"{v['n_failed']} 个文件未能读取 files not read · xxgk {v['version']}", "",
           f"**{v['counts']['fail']} 不一致 fail · {v['counts']['uncertain']} 存疑 uncertain · "
           f"{v['counts']['pass']} 通过 pass · {v['counts']['not_assessable']} 无法判断 not assessable**", "",
           "HTML: [index.html](index.html) (sortable, filterable tables; charts embedded).", "",
           "## 报告 Reports", ""]

    def link(rid, page):
        return f"[{rid}]({page})" if page else rid

    out += md_table(["report", "agency", "year", "template", "fail", "uncertain", "pass", "score", "reuse",
                     "from previous year"],
                    [[link(r["id"], r["page"]), r["agency"], r["year"], r["template"], r["fail"], r["uncertain"],
                      r["pass"], r["score"], r["reuse_share"], r["prev_share"]] for r in v["summary_rows"]])
    out += ["", "## 指标面板 Panel (one report per agency and year)", ""]
    out += md_table(["agency", "year", "report"] + [m["zh"] for m in v["measures"]] + ["also"],
                    [[r["agency"], r["year"], link(r["id"], r["page"])] + r["values"] + [r["also"]]
                     for r in v["panel_rows"]])
    out += ["", "## 排名 Rankings (value (rank/n) within the year; 1 = highest)", ""]
    if not v["rank_tables"]:
        out.append("No year has two agencies or more: nothing to rank.")
    for table in v["rank_tables"]:
        out += [f"### {table['year']}", ""]
        out += md_table(["agency"] + [m["zh"] for m in table["measures"]],
                        [[r["agency"]] + r["cells"] for r in table["rows"]])
        out.append("")
    out += ["", "## 异常值 Outliers (robust z within level and year)", "",
            f"{v['groups_enough']} of {len(v['groups'])} groups (level × year × indicator) have 3 reports or more; "
            "the others say `not enough data`.", ""]
    out += md_table(["level", "year", "indicator", "n", "median", "MAD", "status", "outliers"],
                    [[g["level"], g["year"], g["measure"], g["n"], g["median"], g["mad"], g["status"],
                      g["outliers"]] for g in v["groups"]])
    out += ["", "## 一致性得分 Consistency scores", "",
            "score = 100 · (1 − penalty / assessed); see docs/corpus-report.md.", ""]
    out += md_table(["agency", "reports", "years", "checks", "fail", "uncertain", "pass", "score", "worst report"],
                    [[r["agency_key"], r["reports"], r["years"], r["checks"], r["fail"], r["uncertain"], r["pass"],
                      r["score"], f"{r['worst_report'] or ''} ({r['worst_score']})"] for r in v["agency_rows"]])
    out += ["", "## 图表 Charts", ""]
    out += [f"![{c.title}]({charts_folder}/{c.name}.png)" for c in v["charts"]]
    out += ["", "## 文本重复 Text reuse", "",
            "Share of each report's running text found in a report of the same or an earlier year (copies of the "
            "same report left out), and in the agency's previous report.", ""]
    out += md_table(["report", "agency", "year", "reuse", "top source", "from previous report", "previous report",
                     "copies"],
                    [[link(r["report_id"], r["page"]), r["agency"], r["year"], r["reuse_share"],
                      f"{r['top_source']} {r['top_source_share']}".strip(), r["prev_share"], r["prev_report"],
                      r["copies"]] for r in v["reuse_rows"]])
    out += ["", "### 报告对 Report pairs", ""]
    out += md_table(["A", "B", "relation", "passages", "A reused", "B reused"],
                    [[r["report_a"], r["report_b"], r["relation"], r["passages"], r["share_a_text"],
                      r["share_b_text"]] for r in v["pair_rows"]])
    out += ["", "### 重复段落对照 Passages side by side (reused text in bold)", ""]
    for pair in v["side_by_side"]:
        out += [f"#### {pair['report_a']} ↔ {pair['report_b']} ({pair['relation']}; "
                f"A {pair['share_a_text']}, B {pair['share_b_text']})", ""]
        out += md_table([pair["report_a"], pair["report_b"], "Jaccard"],
                        [[md_marked("".join(t for t, _ in p["a"]), _marks_of(p["a"])),
                          md_marked("".join(t for t, _ in p["b"]), _marks_of(p["b"])), p["jaccard"]]
                         for p in pair["passages"]])
        out.append("")
    if v["omitted_pairs"]:
        out.append(f"{v['omitted_pairs']} more pairs are listed above but not shown passage by passage.")
    out += ["", f"## 特色关键词 Distinctive keywords (χ², terms: {v['keyword_method']})", ""]
    out += md_table(["scope", "group", "terms"],
                    [[g["scope"], g["group"], "、".join(g["terms"]) or g["status"]] for g in v["keyword_groups"]])
    out += ["", "## 不一致与存疑 Findings (fail and uncertain)", ""]
    out += md_table(["report", "year", "rule", "status", "severity", "message"],
                    [[link(f["id"], f["page"]), f["year"], f["rule"], f["status"], f["severity"], f["message"]]
                     for f in v["finding_rows"] if f["status"] in ("fail", "uncertain")])
    if v["errors"]:
        out += ["", "## 未能读取的文件 Files that could not be read", ""]
        out += [f"- `{e.get('path')}`: [{e.get('code')}] {e.get('reason')}" for e in v["errors"]]
    return "\n".join(out) + "\n"


def _marks_of(parts: list[tuple[str, bool]]) -> list[list[int]]:
    marks, cursor = [], 0
    for text, marked in parts:
        if marked:
            marks.append([cursor, cursor + len(text)])
        cursor += len(text)
    return marks


# ---------------------------------------------------------------------------------------------- comparison pages


def compare_html(comparison) -> str:
    return _env().get_template("compare.html.j2").render(c=comparison, version=__version__,
                                                         status_label=STATUS_LABEL, pieces=pieces, fmt=fmt,
                                                         relation_label=RELATION_LABEL)


def compare_markdown(comparison) -> str:
    c = comparison
    a, b = c.a, c.b
    out = [f"# 报告对照 {a['agency']} {a['year']} ↔ {b['agency']} {b['year']}", "",
           f"- A: `{a['id']}` ({a['path']}, {a['format']}, template {a['template']})",
           f"- B: `{b['id']}` ({b['path']}, {b['format']}, template {b['template']})",
           f"- 关系 relation: {RELATION_LABEL.get(c.relation, c.relation)}", "",
           f"- 文本重复 reuse: {pct(c.share_a)} of A's running text is in B; {pct(c.share_b)} of B's is in A", ""]
    out += ["## 主要指标 Indicators", ""]
    out += md_table(["indicator", "A", "B", "B − A", ""],
                    [[r["zh"], r["a"], r["b"], r["diff"], "≠" if r["differs"] else ""] for r in c.indicator_rows])
    out += ["", f"## 表格逐格对照 Tables cell by cell ({c.cells_differ} of {c.cells_compared} cells differ)", ""]
    if c.note:
        out += [c.note, ""]
    out += md_table(["cell", "label", "A", "B", "", "B − A"],
                    [[r["cell_id"], r["label"], r["raw_a"], r["raw_b"], r["mark"], r["diff"]] for r in c.cell_rows])
    out += ["", "## 重复段落 Reused passages (reused text in bold)", ""]
    out += md_table(["A", "B", "Jaccard"],
                    [[md_marked(p["text_a"], p["marks_a"]), md_marked(p["text_b"], p["marks_b"]), p["jaccard"]]
                     for p in c.passage_rows]) if c.passage_rows else ["No passage of one report is repeated in the "
                                                                      "other."]
    for side, label in (("a", "A"), ("b", "B")):
        report = getattr(c, side)
        out += ["", f"## 发现 Findings of {label}: {report['id']}", ""]
        rows = [[f["status"], f["rule"], f["severity"], f["message"]] for f in getattr(c, f"findings_{side}")
                if f["status"] in ("fail", "uncertain")]
        out += md_table(["status", "rule", "severity", "message"], rows) if rows else ["No fail or uncertain "
                                                                                        "finding."]
    out += ["", "## 正文对照 Texts (reused text in bold)", ""]
    for side, label in (("a", "A"), ("b", "B")):
        out += [f"### {label}: {getattr(c, side)['id']}", ""]
        for paragraph in getattr(c, f"text_{side}"):
            out += ["".join(f"**{t}**" if m and t.strip() else t for t, m in paragraph).replace("\n", "  \n"), ""]
    return "\n".join(out) + "\n"
