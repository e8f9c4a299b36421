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


def where(provenance: dict) -> str:
    parts = []
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


def evidence_lines(finding: dict) -> list[str]:
    lines = []
    for item in finding["evidence"]:
        if item["kind"] == "cell":
            raw = item["raw"] if item["raw"] != "" else "（空 blank）"
            lines.append(f"表 `{item['id']}` {item['label']}: **{raw}** {item.get('unit') or ''} ({where(item['provenance'])})")
        elif item["kind"] == "claim":
            s0 = item["sentence_span"][0]
            a, b = item["span"][0] - s0, item["span"][1] - s0
            sentence = item["sentence"]
            role = f"[{item['role']}] " if item.get("role") else ""
            lines.append(f"文 {role}“{sentence[:a]}**{sentence[a:b]}**{sentence[b:]}” (@{item['span'][0]})")
        else:
            lines.append(f"{item['kind']} {item.get('field', '')}: {item.get('value')} «{item.get('source', '')}»")
    return lines


def fact_rows(data: dict) -> list[list]:
    return [[f["id"], f["label"], f["value"] if f["value"] is not None else "", f["raw"], f["semantic"],
             f.get("unit") or "", where(f["provenance"])] for f in data["facts"]]
