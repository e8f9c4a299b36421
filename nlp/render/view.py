"""Presentation helpers shared by the Markdown and HTML renderers (they read the JSON contract only)."""
from __future__ import annotations

ORDER = ("fail", "uncertain", "pass", "not_assessable")
STATUS_LABEL = {
    "fail": "不一致 Fail",
    "uncertain": "存疑 Uncertain",
    "pass": "通过 Pass",
    "not_assessable": "无法判断 Not assessable",
}


def summary_line(data: dict) -> str:
    c = data["stats"]["findings"]
    return (f"**{c['fail']} 不一致 fail · {c['uncertain']} 存疑 uncertain · {c['pass']} 通过 pass · "
            f"{c['not_assessable']} 无法判断 not assessable**")


def where(provenance: dict, item: dict | None = None) -> str:
    """'p.3, table 2, row 5, col 3, @1364', prefixed by the report for cross-year evidence."""
    parts = [f"{item['year']} 年报告 {item['report']}"] if item and item.get("report") else []
    if provenance.get("page") is not None:
        parts.append(f"p.{provenance['page']}")
    if provenance.get("table") is not None:
        parts.append(f"table {provenance['table'] + 1}")
    if provenance.get("row") is not None:
        parts.append(f"row {provenance['row'] + 1}")
    if provenance.get("col") is not None:
        parts.append(f"col {provenance['col'] + 1}")
    if provenance.get("offset") is not None:
        parts.append(f"@{provenance['offset']}")
    return ", ".join(parts)


def quotes(finding: dict) -> list[dict]:
    """The finding's claims grouped by sentence: each sentence once, cut into pieces, the numbers marked.

    Returns [{"pieces": [(text, marked)], "offset": sentence start, "roles": [...]}] in order of appearance.
    """
    groups: dict[tuple, dict] = {}
    for item in finding["evidence"]:
        if item["kind"] != "claim":
            continue
        key = tuple(item["sentence_span"])
        group = groups.setdefault(key, {"sentence": item["sentence"], "offset": key[0], "spans": [], "roles": []})
        group["spans"].append((item["span"][0] - key[0], item["span"][1] - key[0]))
        if item.get("role") and item["role"] not in group["roles"]:
            group["roles"].append(item["role"])
    out = []
    for group in groups.values():
        pieces, cursor = [], 0
        for a, b in sorted(group["spans"]):
            pieces += [(group["sentence"][cursor:a], False), (group["sentence"][a:b], True)]
            cursor = b
        pieces.append((group["sentence"][cursor:], False))
        out.append({"pieces": [p for p in pieces if p[0]], "offset": group["offset"], "roles": group["roles"]})
    return out


def evidence_lines(finding: dict) -> list[str]:
    lines = []
    for quote in quotes(finding):
        role = f"[{', '.join(quote['roles'])}] " if quote["roles"] else ""
        text = "".join(f"**{t}**" if marked else t for t, marked in quote["pieces"])
        lines.append(f"文 {role}“{text}” (@{quote['offset']})")
    for item in finding["evidence"]:
        if item["kind"] == "cell":
            raw = item["raw"] if item["raw"] != "" else "（空 blank）"
            lines.append(f"表 `{item['id']}` {item['label']}: **{raw}** {item.get('unit') or ''} "
                         f"({where(item['provenance'], item)})")
        elif item["kind"] == "claim":
            continue
        else:
            lines.append(f"{item['kind']} {item.get('field', '')}: {item.get('value')} «{item.get('source', '')}»")
    return lines


def fact_rows(data: dict) -> list[list]:
    return [[f["id"], f["label"], f["value"] if f["value"] is not None else "", f["raw"], f["semantic"],
             f.get("unit") or "", where(f["provenance"])] for f in data["facts"]]


# 表三 and 表四 as printed: rows × columns, built from the cell ids (row id + column id)
GRID_TABLES = {
    "t3": ("表三 收到和处理政府信息公开申请情况", ["natural_person", "commercial_enterprise", "research_institution",
                                      "public_welfare_org", "legal_service_org", "other_org", "total"],
           ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]),
    "t4": ("表四 行政复议、行政诉讼情况", ["upheld", "corrected", "other", "pending", "total"],
           ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
}


def grids(data: dict) -> list[dict]:
    """The report's 表三 and 表四 as grids of facts in printed row order (rows keep their printed labels)."""
    by_id = {f["id"]: f for f in data["facts"]}
    out = []
    for key, (title, columns, headers) in GRID_TABLES.items():
        rows: dict[str, dict] = {}
        for fact in data["facts"]:
            if not fact["id"].startswith(key + "."):
                continue
            row_id, _, column = fact["id"].rpartition(".")
            if column in columns:
                rows.setdefault(row_id, {"id": row_id, "label": fact["label"], "cells": {}})
        for row in rows.values():
            row["cells"] = [by_id.get(f"{row['id']}.{c}") for c in columns]
        if rows:
            out.append({"title": title, "headers": headers, "rows": list(rows.values())})
    return out
