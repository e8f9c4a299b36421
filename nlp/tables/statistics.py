"""The pre-2019 statistics table (统计指标 | 单位 | 统计数 [| 历年累计]) → facts.

A chain of small steps, each inspectable: find the header → read rows (label, unit, values) → align the printed
labels with the template rows in order → facts. Repeated labels (（三）其他情形数 under 四, 五 and 六) are resolved
by that order.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Cell, Fact, Table
from .labels import clean_label, similarity
from .templates import Template
from .values import parse_cell

_LABEL_HEADERS = ("统计指标", "指标名称", "指标", "项目")
_UNIT_HEADERS = ("单位", "计量单位")
_VALUE_HEADERS = ("统计数", "本年度", "数量", "本年", "数据")
_CUMULATIVE_HEADERS = ("历年累计", "累计")
MATCH_THRESHOLD = 0.75


@dataclass
class PrintedRow:
    label: Cell
    unit: Cell | None
    value: Cell | None
    cumulative: Cell | None


@dataclass
class Columns:
    label: int
    unit: int | None
    value: int
    cumulative: int | None
    header_row: int


def find_columns(table: Table) -> Columns | None:
    """The header row and the roles of its columns, or None when this is not a statistics table."""
    for r, row in enumerate(table.rows()[:4]):
        texts = {c.col: re.sub(r"\s", "", c.text) for c in row}
        label = _first(texts, _LABEL_HEADERS)
        value = _first(texts, _VALUE_HEADERS, exclude=_CUMULATIVE_HEADERS)
        if label is not None and value is not None:
            return Columns(label, _first(texts, _UNIT_HEADERS), value, _first(texts, _CUMULATIVE_HEADERS), r)
    return None


def _first(texts: dict[int, str], names: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int | None:
    for col, text in sorted(texts.items()):
        if any(text.startswith(n) for n in names) and not any(text.startswith(x) for x in exclude):
            return col
    return None


def printed_rows(table: Table, columns: Columns) -> list[PrintedRow]:
    rows = []
    for row in table.rows()[columns.header_row + 1 :]:
        by_col = {c.col: c for c in row}
        label = by_col.get(columns.label)
        if label is None or not label.text.strip() or label.text.strip().startswith(("(注", "（注", "注：", "注:")):
            continue
        rows.append(
            PrintedRow(
                label=label,
                unit=by_col.get(columns.unit) if columns.unit is not None else None,
                value=by_col.get(columns.value),
                cumulative=by_col.get(columns.cumulative) if columns.cumulative is not None else None,
            )
        )
    return rows


def align(labels: list[str], template: Template) -> list[tuple[int | None, float]]:
    """For each printed label, the index of its template row (or None) and the match score.

    Rows are searched forward from the last match first, so repeated labels resolve by position; a label that
    matches nothing ahead may still match an unused row behind (a reordered table).
    """
    used: set[int] = set()
    cursor = 0
    out: list[tuple[int | None, float]] = []
    for label in labels:
        best = _best(label, template, range(cursor, len(template.rows)), used)
        if best is None:
            best = _best(label, template, range(0, cursor), used)
        if best is None:
            out.append((None, 0.0))
            continue
        index, score = best
        used.add(index)
        cursor = index + 1
        out.append((index, score))
    return out


def _best(label: str, template: Template, indices, used: set[int]) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for i in indices:
        if i in used:
            continue
        score = max(similarity(label, variant) for variant in template.rows[i].labels)
        if score >= MATCH_THRESHOLD and (best is None or score > best[1]):
            best = (i, score)
            if score == 1.0:
                break
    return best


def to_facts(table: Table, table_index: int, template: Template) -> list[Fact]:
    columns = find_columns(table)
    if columns is None:
        return []
    rows = printed_rows(table, columns)
    facts: list[Fact] = []
    for printed, (index, score) in zip(rows, align([r.label.text for r in rows], template)):
        trow = template.rows[index] if index is not None else None
        if trow is not None and trow.heading:
            continue
        cell_id = trow.id if trow else _extra_id(printed.label.text)
        for cell, suffix in ((printed.value, ""), (printed.cumulative, ".cumulative")):
            if cell is None and suffix:
                continue
            facts.append(_fact(cell_id + suffix, printed, cell, trow, score, table, table_index))
    return facts


def _extra_id(label: str) -> str:
    return "p.extra." + hashlib.sha1(clean_label(label).encode()).hexdigest()[:8]


def _fact(cell_id, printed: PrintedRow, cell: Cell | None, trow, score: float, table: Table, table_index: int) -> Fact:
    raw = cell.text if cell is not None else ""
    parsed = parse_cell(raw)
    value = parsed.value
    if trow is not None and trow.decimal and isinstance(value, int):
        value = Decimal(value)
    printed_unit = printed.unit.text.strip() if printed.unit is not None and printed.unit.text.strip() else None
    reason = None
    confidence = 1.0
    if trow is None:
        confidence, reason = 0.5, "row label not in the template; kept under p.extra with its printed label"
    elif score < 1.0:
        confidence, reason = score, f"row label matched the template label '{trow.label}' with score {score:.2f}"
    return Fact(
        id=cell_id,
        label=printed.label.text.strip(),
        value=value,
        raw=raw,
        semantic=parsed.semantic,
        unit=parsed.unit or printed_unit or (trow.unit if trow else None),
        provenance={
            "table": table_index,
            "row": (cell or printed.label).row,
            "col": cell.col if cell is not None else None,
            "offset": (cell.offset if cell is not None else None) or printed.label.offset,
            "page": table.page,
        },
        confidence=round(confidence, 3),
        reason=reason,
    )
