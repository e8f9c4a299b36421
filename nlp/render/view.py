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


def involved_cells(data: dict) -> dict[str, str]:
    """Cell id → "fail" or "uncertain": the worst status of the findings that quote the cell."""
    involved: dict[str, str] = {}
    for finding in data["findings"]:
        for item in finding["evidence"]:
            if item["kind"] == "cell" and finding["status"] in ("fail", "uncertain"):
                if involved.get(item["id"]) != "fail":
                    involved[item["id"]] = finding["status"]
    return involved


def grids(data: dict) -> list[dict]:
    """表二 (one grid per 第二十条 block), 表三 and 表四 as printed: the template's rows × columns, filled with the
    report's facts. Rows keep their printed labels; rows of which no cell was read are left out. Reports in the
    pre-2019 format (one list of indicators) have no grid."""
    from ..tables.forms import FORM_IDS, load_form

    template = (data.get("meta") or {}).get("template")
    if template not in FORM_IDS:
        return []
    by_id = {f["id"]: f for f in data["facts"]}
    out = []
    for table in load_form(template).tables:
        for block in table.blocks:
            rows = []
            for row in block.rows:
                cells = [by_id.get(f"{row.id}.{column.id}") for column in block.columns]
                read = [cell for cell in cells if cell]
                if read:
                    rows.append({"id": row.id, "label": read[0]["label"] or row.label, "cells": cells})
            if rows:
                title = f"{table.name} {table.title}" + (f" · {block.label}" if len(table.blocks) > 1 else "")
                out.append({"title": title, "headers": [c.label for c in block.columns], "rows": rows})
    return out
