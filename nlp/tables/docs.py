"""docs/cell-ids.md, generated from the template data (``python -m nlp.tables.docs > docs/cell-ids.md``).

A test fails when the page and nlp/data/templates/*.toml drift apart.
"""
from __future__ import annotations

from .forms import FORM_IDS, load_form
from .templates import load_template

HEADER = """# Canonical cell ids

Generated from `nlp/data/templates/*.toml` by `python -m nlp.tables.docs > docs/cell-ids.md`; do not edit by hand.
These ids are the project's public vocabulary (spec/TEMPLATES.md §8): the JSON output, the store, the rules and the
tests use them exactly. Every fact also keeps the label as printed, so variants and typos stay visible.

- pre2019: the row id is the cell id; a second value column of cumulative totals (历年累计) adds `.cumulative`;
  a printed row with no counterpart here is kept as `p.extra.<hash>` with its printed label.
- v2019 / v2021: `<table>.<block>.<row>.<column>`, empty parts dropped (表三 and 表四 have one block).
"""


def render() -> str:
    out = [HEADER]
    pre = load_template("pre2019")
    out.append(f"## `pre2019` — {pre.title} (template version {pre.version})\n")
    out.append("| id | label | unit |")
    out.append("|---|---|---|")
    for row in pre.rows:
        if row.id:
            out.append(f"| `{row.id}` | {row.label} | {row.unit or ''} |")
        else:
            out.append(f"| | **{row.label}** | |")
    for form_id in FORM_IDS:
        form = load_form(form_id)
        out.append(f"\n## `{form_id}` — {form.title} ({form.basis}; template version {form.version})\n")
        for table in form.tables:
            out.append(f"### {table.name} {table.title}\n")
            for block in table.blocks:
                columns = ", ".join(f"`{c.id}` {c.label}" for c in block.columns)
                if block.label:
                    out.append(f"**{block.label}** — columns: {columns}\n")
                else:
                    out.append(f"Columns: {columns}\n")
                out.append("| row id | label |")
                out.append("|---|---|")
                for row in block.rows:
                    out.append(f"| `{row.id}` | {row.label}{' *(group label, no cells)*' if row.heading else ''} |")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
