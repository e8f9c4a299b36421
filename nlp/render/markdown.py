"""Markdown twin of the HTML report: findings first (fail, uncertain), then passing checks, the printed tables
(表二–表四) and the facts."""
from __future__ import annotations

from .view import ORDER, STATUS_LABEL, evidence_lines, fact_rows, grids, involved_cells, summary_line

_MARK = {"fail": " ✗", "uncertain": " ?"}


def to_markdown(data: dict) -> str:
    meta = data["meta"]
    out = [f"# {meta.get('agency') or data['id']} {meta.get('year') or ''} 政府信息公开工作年度报告 — 审核结果", ""]
    out.append(summary_line(data))
    out.append("")
    out.append(f"- 来源 source: `{data['source']['path']}` ({data['source']['format']}, sha256 `{data['source']['sha256'][:12]}…`)")
    out.append(f"- 模板 template: `{meta['template']}`; 发布日期 published: {meta.get('published') or '—'}; "
               f"地区 region: {meta.get('region') or '—'}; 层级 level: {meta.get('level') or '—'}")
    stats = data["stats"]
    out.append(f"- 表格单元格 facts: {stats['facts']} ({stats['facts_filled']} filled, {stats['facts_uncertain']} read with confidence < 1, "
               f"share {stats['uncertain_share']:.1%}; {stats.get('facts_ambiguous', 0)} with several readings); 正文数量 claims: {stats['claims']}")
    out.append("")
    for status in ORDER:
        group = [f for f in data["findings"] if f["status"] == status]
        if not group:
            continue
        out.append(f"## {STATUS_LABEL[status]} ({len(group)})")
        out.append("")
        for finding in group:
            out.append(f"### {finding['rule']} · {finding['severity']} · `{finding['fingerprint']}`")
            out.append("")
            out.append(finding["message"]["zh"])
            out.append("")
            out.append(f"*{finding['message']['en']}*")
            out.append("")
            out += [f"- {line}" for line in evidence_lines(finding)]
            if finding.get("review"):
                out.append(f"- 复核 review: **{finding['review']['decision']}** — {finding['review'].get('comment', '')}")
            out.append("")
    out += _grids(data)
    if data["facts"]:
        out.append("## 统计表 Facts")
        out.append("")
        out.append("| id | 标签 label | 值 value | 原文 raw | 类型 | 单位 | 位置 |")
        out.append("|---|---|---|---|---|---|---|")
        out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in fact_rows(data)]
        out.append("")
    if data["errors"]:
        out.append("## 说明 Notes")
        out += [f"- [{e.get('code')}] {e.get('reason')}" for e in data["errors"]]
    return "\n".join(out) + "\n"


def _grids(data: dict) -> list[str]:
    """表二/表三/表四 as printed; a cell quoted by a failing finding is marked ✗, by an uncertain one ?."""
    involved = involved_cells(data)
    out = []
    for grid in grids(data):
        out += [f"## {grid['title']}", "", "| 行 row | " + " | ".join(grid["headers"]) + " |",
                "|---" * (len(grid["headers"]) + 1) + "|"]
        for row in grid["rows"]:
            cells = [("" if cell is None else (cell["raw"] or "空") + _MARK.get(involved.get(cell["id"]), ""))
                     for cell in row["cells"]]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in [row["label"], *cells]) + " |")
        out.append("")
    return out
