"""Tables flattened into digit runs (crawled text) → facts, by a search constrained by the template.

"一、本年新收政府信息公开申请数量640020470" is one printed row of 表三 whose 7 cells lost their borders. A chain of
small, inspectable steps reads it back:

1. ``locate``: the flattened tables of the text (``nlp.ingest.crawled.table_regions``) and their tokens (labels and
   digit runs; a row number glued to the previous run — "00000002.其他…" — belongs to the next label);
2. ``rows_of_*``: each run is paired with the template row its label names (``labels.similarity`` on the label's
   tail, in template order, so "行政法复议" or inner spaces still match);
3. ``readings``: every way to cut the run into the row's cells that respects the print: a cell never crosses a
   space or starts inside a number after a sign, has no leading zero (except a lone "0"), a decimal point and a
   元/万元 suffix stay inside one cell;
4. ``narrow``: constraints, one stage at a time: the template's admissible values (T2-1, T3-4, T4-2, P13), the
   row identities (T3-3 row total, T4-1 group total), the column identities across rows (T3-2, then T3-1), and for
   the old statistics table "历年累计 ≥ 本年度". A stage that leaves no reading is not applied (the rule fails
   in every reading; recorded in ``violates``); a stage that removes readings is recorded in
   ``provenance["constraints"]``: a check of that rule on these cells proves nothing (it chose them);
5. ``facts``: a cell with one value in every remaining reading gets it; a cell whose readings differ gets
   ``value=None``, ``semantic="ambiguous"``, all values in ``candidates``, confidence 1/len(candidates) and a
   reason naming what would have decided it. Nothing is picked silently.

Provenance: ``offset`` is where the cell starts in ``doc.text`` when its position is certain, else where the digit
run starts; ``run`` is the digit run's [start, end) in ``doc.text``.
"""
from __future__ import annotations

import math
import re
import tomllib
from importlib import resources
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from itertools import combinations, product
from typing import Callable

from ..ingest.crawled import Region, Token, View, table_regions, tokens
from ..model import Document, Fact
from .forms import FormBlock, FormColumn, FormRow, FormTable, load_form
from .labels import clean_label, similarity
from .statistics import MATCH_THRESHOLD, _extra_id
from .templates import Template, load_template
from .values import parse_cell

LIMIT = 20000  # readings enumerated per row before constraints are applied while enumerating
KEEP_READINGS = 50  # full readings kept in provenance
_SIGN = "+-"
_CELL = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?")


# --------------------------------------------------------------------------- columns and readings


@dataclass(frozen=True)
class Col:
    """What a cell of a column may hold (from the template)."""

    id: str  # last part of the cell id ("natural_person", "made", "" and "cumulative" for pre2019)
    signed: bool = False  # 本年增/减
    decimal: bool = False  # 万元 amounts, budgets
    money: bool = False  # the cell may carry 元/万元
    unit: str | None = None


def _form_col(column: FormColumn) -> Col:
    money = "金额" in column.label or column.unit in ("元", "万元")
    return Col(column.id, signed=column.signed, decimal=column.decimal or money, money=money, unit=column.unit)


def printable(text: str) -> bool:
    """The print convention of a single cell: digits without a leading zero (a lone 0 is fine), an optional sign,
    an optional decimal part, an optional 元/万元 at the end."""
    return bool(_CELL.fullmatch(text))


def admissible(text: str, col: Col) -> bool:
    """The template's admissible values (T2-1, T3-4, T4-2, P13): signs only in signed columns, decimals and units
    only in amount columns."""
    unit = re.search(r"(万元|元)$", text)
    if unit and not col.money:
        return False
    body = text[: unit.start()] if unit else text
    if body[:1] in _SIGN and not col.signed:
        return False
    if "." in body and not col.decimal:
        return False
    return True


Span = tuple[int, int] | None  # a cell's [start, end) in View.s; None: the cell is not printed


def readings(s: str, atoms: list[tuple[int, int]], n: int, group: int | None = None,
             limit: int = LIMIT) -> list[tuple[Span, ...]]:
    """Every cut of the atoms (printed pieces) into n printable cells, each atom into one or more cells.

    With ``group`` (k), the last cell of every k cells must print the sum of the k-1 before it (T3-3 with k = 7,
    T4-1 with k = 5): that cell is then not searched but written down and looked for, which keeps long runs fast.
    """
    text = "".join(s[a:b] for a, b in atoms)
    where = [i for a, b in atoms for i in range(a, b)]  # position in text → position in s
    bounds = set()
    pos = 0
    for a, b in atoms:
        pos += b - a
        bounds.add(pos)
    out: list[tuple[Span, ...]] = []

    def fits(start: int, end: int) -> bool:
        return end <= len(text) and not any(start < x < end for x in bounds) and printable(text[start:end])

    def walk(start: int, cells: list[tuple[int, int]]) -> None:
        if len(out) >= limit:
            return
        if len(cells) == n:
            if start == len(text):
                out.append(tuple((where[a], where[b - 1] + 1) for a, b in cells))
            return
        if group and (len(cells) + 1) % group == 0:
            parts = [text[a:b] for a, b in cells[len(cells) - group + 1:]]
            if all(p.isdigit() for p in parts):
                want = str(sum(int(p) for p in parts))
                if text.startswith(want, start) and fits(start, start + len(want)):
                    walk(start + len(want), cells + [(start, start + len(want))])
                return
        for end in range(start + 1, len(text) + 1):
            if len(text) - end < n - len(cells) - 1:
                break
            if printable(text[start:end]):
                walk(end, cells + [(start, end)])
            if end in bounds:
                break  # a cell never crosses a space or a sign

    walk(0, [])
    return out


def count_readings(s: str, atoms: list[tuple[int, int]], n: int) -> int:
    """How many readings ``readings`` would give without pruning (counted, not enumerated)."""
    text = "".join(s[a:b] for a, b in atoms)
    bounds = set()
    pos = 0
    for a, b in atoms:
        pos += b - a
        bounds.add(pos)

    @lru_cache(maxsize=None)
    def count(start: int, left: int) -> int:
        if left == 0:
            return 1 if start == len(text) else 0
        total = 0
        for end in range(start + 1, len(text) + 1):
            if printable(text[start:end]):
                total += count(end, left - 1)
            if end in bounds:
                break
        return total

    return count(0, n)


def with_blanks(s: str, atoms: list[tuple[int, int]], n: int) -> list[tuple[Span, ...]]:
    """When fewer pieces are printed than the row has cells ("2、政府公报公开 条 0"), every placement of the
    printed pieces (one cell each) among the columns: which cell was left empty cannot be told from the text."""
    if not 0 < len(atoms) < n or not all(printable(s[a:b]) for a, b in atoms):
        return []
    out = []
    for places in combinations(range(n), len(atoms)):
        spans: list[Span] = [None] * n
        for place, atom in zip(places, atoms):
            spans[place] = atom
        out.append(tuple(spans))
    return out


# --------------------------------------------------------------------------- one printed row


@dataclass
class Row:
    """A printed row: its label, its digit run and the readings still possible."""

    table: str  # t2 | t3 | t4 | pre2019
    key: str  # template row id (p.extra.… for rows not in the catalogue)
    label: str  # as printed
    run: Token
    cols: list[Col]
    cell_ids: list[str]
    readings: list[tuple[Span, ...]] = field(default_factory=list)
    printable_count: int = 0  # readings the print allows, before any constraint
    applied: list[str] = field(default_factory=lambda: ["format"])
    constraints: list[str] = field(default_factory=list)  # the stages that removed readings
    violates: list[str] = field(default_factory=list)  # rules that no reading satisfies
    notes: list[str] = field(default_factory=list)
    score: float = 1.0  # label match
    truncated: bool = False  # too many readings to list: no cell of the row counts as certain

    def values(self, s: str, reading: tuple[Span, ...]) -> list:
        return [parse_cell(s[a:b]).value if span else None for span in reading for a, b in [span or (0, 0)]]


def read_row(s: str, row: Row, group: int | None = None, group_rule: str | None = None) -> Row:
    """Step 3: the printable readings of the row's run. When there are too many to list, the group-total rule
    (``group_rule``) is applied while enumerating and recorded as deciding."""
    atoms = row.run.atoms()
    n = len(row.cols)
    row.printable_count = count_readings(s, atoms, n)
    if row.printable_count == 0:
        row.readings = with_blanks(s, atoms, n)
        row.printable_count = len(row.readings)
        if row.readings:
            row.notes.append(f"{len(atoms)} value(s) printed for {n} cells: the empty cell cannot be placed")
        return row
    if row.printable_count <= LIMIT or group is None:
        row.readings = readings(s, atoms, n)
    else:
        row.applied.append(group_rule)
        row.readings = readings(s, atoms, n, group)
        if row.readings:
            row.constraints.append(group_rule)
        else:  # the rule fails in every reading: keep the printable ones and say so
            row.violates.append(group_rule)
            row.readings = readings(s, atoms, n)
    if len(row.readings) >= LIMIT:
        row.truncated = True
        row.notes.append(f"{row.printable_count} printable readings; only the first {LIMIT} were examined")
    return row


def _filter(row: Row, rule: str, keeps: Callable[[tuple], bool]) -> Row:
    """Keep the readings ``keeps`` accepts and record what the stage did: applied always; a constraint when it
    removed readings; a violation when it would remove them all (then nothing is removed)."""
    if not row.readings:
        return row
    if rule not in row.applied:
        row.applied.append(rule)
    kept = [reading for reading in row.readings if keeps(reading)]
    if not kept:
        row.violates.append(rule)
    elif len(kept) < len(row.readings):
        row.constraints.append(rule)
        row.readings = kept
    return row


def narrow(s: str, row: Row, rule: str, keep: Callable[[list], bool]) -> Row:
    """Step 4 for one row: keep the readings whose values satisfy ``keep``."""

    def keeps(reading) -> bool:
        try:
            return keep(row.values(s, reading))
        except TypeError:  # a blank cell: the identity cannot be evaluated on this reading
            return True

    return _filter(row, rule, keeps)


def admissible_stage(s: str, row: Row, rule: str) -> Row:
    """The template's admissible values as a stage (decides only when a sign, decimal or unit is misplaced)."""
    return _filter(row, rule, lambda reading: all(
        span is None or admissible(s[span[0]:span[1]], col) for span, col in zip(reading, row.cols)))


def _row_total(values: list) -> bool:
    return values[-1] == sum(values[:-1])


def _group_totals(size: int) -> Callable[[list], bool]:
    def ok(values: list) -> bool:
        return all(values[i + size - 1] == sum(values[i:i + size - 1]) for i in range(0, len(values), size))
    return ok


def _cumulative(values: list) -> bool:
    return values[1] >= values[0]


# --------------------------------------------------------------------------- identities across rows (表三)


def joint(s: str, rows: dict[str, Row], rule: str, terms: list[tuple[str, int]], notes: list[dict]) -> None:
    """Column identities Σ coef·row = 0 for every column (T3-1, T3-2): among the rows still ambiguous, keep the
    readings that take part in at least one combination satisfying the identity in every column."""
    if any(key not in rows or not rows[key].readings for key, _ in terms):
        return
    open_rows = [key for key, _ in terms if len(rows[key].readings) > 1]
    if not open_rows:
        return  # nothing left to decide; the check will test the identity on certain cells
    size = math.prod(len(rows[key].readings) for key in open_rows)
    if size > LIMIT:
        notes.append(_note("W204", f"{rule} not used to narrow 表三: {size} combinations of ambiguous rows"))
        return
    fixed = {key: rows[key].values(s, rows[key].readings[0]) for key, _ in terms if key not in open_rows}
    options = {key: [(r, rows[key].values(s, r)) for r in rows[key].readings] for key in open_rows}
    survivors: dict[str, set] = {key: set() for key in open_rows}
    for combo in product(*(options[key] for key in open_rows)):
        values = dict(fixed)
        values.update({key: v for key, (_, v) in zip(open_rows, combo)})
        if any(None in values[key] for key, _ in terms):
            return  # a blank cell: the identity cannot decide anything
        ncols = len(values[terms[0][0]])
        if all(sum(coef * values[key][c] for key, coef in terms) == 0 for c in range(ncols)):
            for key, (reading, _) in zip(open_rows, combo):
                survivors[key].add(reading)
    for key in open_rows:
        row = rows[key]
        row.applied.append(rule)
        if not any(survivors.values()):
            row.violates.append(rule)
        elif len(survivors[key]) < len(row.readings):
            row.constraints.append(rule)
            row.readings = [r for r in row.readings if r in survivors[key]]


# --------------------------------------------------------------------------- labels → template rows


def tail_match(label: str, variants: tuple[str, ...]) -> tuple[float, int]:
    """How well the end of a printed label token names a template row: (score, where the name starts).

    A label token can hold more than the row's own label ("三、本年度办理结果（一）予以公开", a table header and the
    first row), so its tails of about the template label's length are compared; the longest best tail wins."""
    best = (0.0, len(label))
    text = label.rstrip()
    for variant in variants:
        want = len(clean_label(variant))
        for start in range(len(text) - 1, max(-1, len(text) - 4 * want - 12), -1):
            got = len(clean_label(text[start:]))
            if abs(got - want) > 2:
                if got > want + 2:
                    break
                continue
            score = similarity(text[start:], variant)
            if score > best[0] or (score == best[0] and score > 0 and start < best[1]):
                best = (score, start)
    return best


def match_rows(label: str, rows: list[FormRow], cursor: int) -> tuple[int, float, int] | None:
    """The template row (index into ``rows``, at or after ``cursor``) the label names: (index, score, start)."""
    best = None
    for index in range(cursor, len(rows)):
        score, start = tail_match(label, rows[index].labels)
        if score >= MATCH_THRESHOLD and (best is None or score > best[1]):
            best = (index, score, start)
            if score == 1.0:
                break
    return best


_BLOCK = re.compile(r"第二十条第[（(]([一二三四五六七八九十]+)[）)]项")


def _block_of(label: str, table: FormTable, current: FormBlock | None) -> FormBlock | None:
    found = _BLOCK.findall(label)
    if not found:
        return current
    mark = found[-1]
    for block in table.blocks:
        if any(_BLOCK.findall(b) == [mark] for b in block.labels):
            return block
    return None


def _pairs(toks: list[Token]) -> list[tuple[Token, Token]]:
    """(label, run) for each run that follows a label."""
    return [(toks[i - 1], tok) for i, tok in enumerate(toks) if tok.kind == "run" and i and toks[i - 1].kind == "label"]


def rows_of_form(s: str, region: Region, table: FormTable, notes: list[dict]) -> list[Row]:
    """Step 2 for 表二 and 表三: each (label, run) pair → the template row its label names, in order."""
    out = []
    block = table.blocks[0] if len(table.blocks) == 1 else None
    cursor = 0
    for label, run in _pairs(tokens(s, region.body, region.end)):
        new_block = _block_of(label.text, table, block)
        if new_block is not block:
            block, cursor = new_block, 0
        if block is None:
            notes.append(_note("W203", f"{table.name}: block of '{_short(label.text)}' not in the template; "
                                       f"run {run.text!r} not read"))
            continue
        rows = [r for r in block.rows if not r.heading]
        found = match_rows(label.text, rows, cursor)
        if found is None:
            notes.append(_note("W203", f"{table.name}: printed row '{_short(label.text)}' matches no template row; "
                                       f"run {run.text!r} not read"))
            continue
        index, score, start = found
        cursor = index + 1
        row = rows[index]
        cols = [_form_col(c) for c in block.columns]
        out.append(Row(table.key, row.id, label.text[start:].strip(), run, cols,
                       [f"{row.id}.{c.id}" for c in block.columns], score=score))
    return out


def rows_of_t4(s: str, region: Region, table: FormTable, notes: list[dict]) -> list[Row]:
    """表四 is one printed row under a three-level header: all of its runs are the 15 cells, in order."""
    runs = [t for t in tokens(s, region.body, region.end) if t.kind == "run"]
    if not runs:
        return []
    block = table.blocks[0]
    groups = [r for r in block.rows if not r.heading]
    run = runs[0] if len(runs) == 1 else Token("run", runs[0].start, runs[-1].end, s[runs[0].start:runs[-1].end])
    if len(runs) > 1:
        notes.append(_note("W203", f"{table.name}: the row is printed in {len(runs)} pieces; read as one run"))
    cols = [_form_col(c) for _ in groups for c in block.columns]
    ids = [f"{g.id}.{c.id}" for g in groups for c in block.columns]
    return [Row(table.key, table.prefix, "表四", run, cols, ids)]


# --------------------------------------------------------------------------- the old statistics table (2011–2018)

# Printed labels of the local 2011–2018 tables (指标名称 | 计量单位 | 本年度 | 历年累计) that the pre2019 catalogue
# names differently, or that must NOT match a similar catalogue row (信函、传真 is two catalogue rows in one).
# None: no catalogue row (kept under p.extra with its printed label). To be moved into pre2019.toml as aliases.
@cache
def _old_labels() -> dict[str, str | None]:
    """nlp/data/templates/pre2019_local_labels.toml: local-table labels → pre2019 ids (None: no counterpart)."""
    data = tomllib.loads(resources.files("nlp.data.templates").joinpath("pre2019_local_labels.toml").read_text("utf-8"))
    return {k: v or None for k, v in data["labels"].items()}
_UNIT = re.compile(r"\s*(人次|万元|条|件|元|个|人|次|篇)\s*$")


def split_unit(label: str) -> tuple[str, str | None]:
    """"主动公开文件数条" → ("主动公开文件数", "条"): the 计量单位 column is printed right after the label."""
    match = _UNIT.search(label)
    if not match or not label[: match.start()].strip():
        return label.strip(), None
    return label[: match.start()].strip(), match.group(1)


def old_row_ids(labels: list[str], template: Template) -> list[tuple[str, float]]:
    """Printed labels → pre2019 ids, in order (OLD_LABELS first, then similarity); unknown rows → p.extra."""
    used: set[str] = set()
    cursor = 0
    out = []
    for label in labels:
        key = clean_label(label)
        if key in _old_labels():
            cell_id = _old_labels()[key] or _extra_id(label)
            out.append((cell_id, 1.0))
            used.add(cell_id)
            continue
        best = None
        for order in (range(cursor, len(template.rows)), range(0, cursor)):
            for i in order:
                row = template.rows[i]
                if row.heading or row.id in used:
                    continue
                score = max(similarity(label, v) for v in row.labels)
                if score >= MATCH_THRESHOLD and (best is None or score > best[1]):
                    best = (i, score)
            if best:
                break
        if best is None:
            out.append((_extra_id(label), 1.0))
            continue
        cursor = best[0] + 1
        used.add(template.rows[best[0]].id)
        out.append((template.rows[best[0]].id, best[1]))
    return out


def rows_of_pre2019(s: str, region: Region, template: Template, notes: list[dict]) -> list[Row]:
    header = s[region.start:region.body]
    two = "累计" in header
    pairs = _pairs(tokens(s, region.body, region.end))
    printed = [split_unit(label.text) for label, _ in pairs]
    out = []
    for (label, run), (text, unit), (cell_id, score) in zip(pairs, printed, old_row_ids([p[0] for p in printed],
                                                                                           template)):
        decimal = unit in ("元", "万元") or (cell_id in template.ids and template.row(cell_id).decimal)
        base = Col("", decimal=decimal, money=decimal, unit=unit)
        cols = [base, Col("cumulative", decimal=decimal, money=decimal, unit=unit)] if two else [base]
        ids = [cell_id, f"{cell_id}.cumulative"] if two else [cell_id]
        out.append(Row("pre2019", cell_id, text, run, cols, ids, score=score))
    return out


# --------------------------------------------------------------------------- the search, table by table

_MISSING = {
    "t2": "表二 has no identity linking its columns within one year (spec §4.4), so nothing in this report fixes the "
          "split; the same agency's neighbouring report may (X2/X3)",
    "t3": "T3-3 (row total) and the column identities T3-1/T3-2 leave more than one split",
    "t4": "T4-1 (each group's total) leaves more than one split",
    "pre2019": "only '历年累计 ≥ 本年度' constrains a row of this table; the two values are printed together",
}


def search(s: str, table: str, rows: list[Row], notes: list[dict], form_table: FormTable | None = None) -> None:
    """Steps 3 and 4 for one table's rows."""
    for row in rows:
        if table == "t3":
            read_row(s, row, group=len(row.cols), group_rule="T3-3")
            admissible_stage(s, row, "T3-4")
            narrow(s, row, "T3-3", _row_total)
        elif table == "t4":
            size = len(form_table.blocks[0].columns) if form_table else 5
            read_row(s, row, group=size, group_rule="T4-1")
            admissible_stage(s, row, "T4-2")
            narrow(s, row, "T4-1", _group_totals(size))
        elif table == "t2":
            read_row(s, row)
            admissible_stage(s, row, "T2-1")
        else:
            read_row(s, row)
            admissible_stage(s, row, "P13")
            if len(row.cols) == 2:
                narrow(s, row, "P-cumulative", _cumulative)
        if not row.readings:
            notes.append(_note("W203", f"'{row.label}': run {row.run.text!r} cannot be cut into {len(row.cols)} "
                                       "cells; not read"))
    if table == "t3" and form_table is not None:
        by_key = {row.key: row for row in rows}
        results = [r.id for r in form_table.rows if r.id.startswith("t3.res.") and not r.heading
                   and r.id != "t3.res.total"]
        joint(s, by_key, "T3-2", [("t3.res.total", -1)] + [(k, 1) for k in results], notes)
        joint(s, by_key, "T3-1", [("t3.new_received", 1), ("t3.carried_over", 1), ("t3.res.total", -1),
                                  ("t3.carry_forward", -1)], notes)


# --------------------------------------------------------------------------- facts


def to_facts(doc: Document, view: View, row: Row, table_index: int | None) -> list[Fact]:
    """Step 5: one fact per cell of the row."""
    s = view.s
    run_start, run_end = view.at(row.run.start), view.end(row.run.end)
    facts = []
    for j, (cell_id, col) in enumerate(zip(row.cell_ids, row.cols)):
        spans = [reading[j] for reading in row.readings]
        texts = [s[a:b] if span else "" for span in spans for a, b in [span or (0, 0)]]
        parsed = [parse_cell(t) for t in texts]
        values = []
        for p in parsed:
            value = Decimal(p.value) if col.decimal and isinstance(p.value, int) else p.value
            if value not in values:
                values.append(value)
        provenance = {
            "source": "flattened",
            "table": table_index,
            "row": None,
            "col": j,
            "page": None,
            "offset": run_start,
            "cell": None,
            "run": [run_start, run_end],
            "run_text": doc.text[run_start:run_end],
            "applied": list(row.applied),
            "constraints": list(row.constraints),
            "violates": list(row.violates),
            "readings": len(row.readings),
            "printable_readings": row.printable_count,
        }
        if len(set(spans)) == 1 and spans[0] is not None:
            a, b = view.at(spans[0][0]), view.end(spans[0][1])
            provenance["offset"], provenance["cell"] = a, [a, b]
        confidence, reason = 1.0, None
        if row.score < 1.0:
            confidence, reason = round(row.score, 3), f"row label matched the template with score {row.score:.2f}"
        if len(values) == 1 and not row.truncated:
            value, raw, semantic = values[0], texts[0], parsed[0].semantic
            candidates = None
        else:
            value, raw, semantic = None, doc.text[run_start:run_end], "ambiguous"
            candidates = values
            confidence = min(confidence, round(1 / (len(values) + row.truncated), 3))
            reason = _reason(row, len(values))
            if len(row.readings) > 1:
                provenance["row_readings"] = [[s[a:b] if sp else "" for sp in r for a, b in [sp or (0, 0)]]
                                              for r in row.readings[:KEEP_READINGS]]
        facts.append(Fact(
            id=cell_id,
            label=row.label,
            value=value,
            raw=raw,
            semantic=semantic,
            unit=(units.pop() if len(units := {p.unit for p in parsed}) == 1 else None) or col.unit,
            provenance=provenance,
            confidence=confidence,
            reason=reason,
            candidates=candidates,
        ))
    return facts


def _reason(row: Row, n_values: int) -> str:
    used = ", ".join(row.applied)
    return (f"the run {row.run.text!r} can be cut into {len(row.cols)} cells in {len(row.readings)} ways that satisfy "
            f"{used}; this cell has {n_values} possible values. Missing constraint: {_MISSING[row.table]}"
            + (f" ({'; '.join(row.notes)})" if row.notes else ""))


# --------------------------------------------------------------------------- public


def recover(doc: Document, template: str) -> tuple[list[Fact], list[dict]]:
    """Facts of the flattened tables in ``doc.text`` under ``template`` (pre2019 | v2019 | v2021), and notes."""
    view = View.of(doc.text)
    regions = table_regions(view.s)
    notes: list[dict] = []
    facts: list[Fact] = []
    if template == "pre2019":
        wanted = {"pre2019"}
    elif template in ("v2019", "v2021"):
        wanted = {"t2", "t3", "t4"}
    else:
        return [], []
    found = [r for r in regions if r.kind in wanted]
    if not found:
        return [], [_note("W203", f"no flattened {template} table found in the text")]
    form = load_form(template) if template != "pre2019" else None
    for region in found:
        if region.kind == "pre2019":
            rows = rows_of_pre2019(view.s, region, load_template("pre2019"), notes)
            search(view.s, "pre2019", rows, notes)
        else:
            form_table = form.table(region.kind)
            reader = rows_of_t4 if region.kind == "t4" else rows_of_form
            rows = reader(view.s, region, form_table, notes)
            search(view.s, region.kind, rows, notes, form_table)
        index = _table_index(doc, view.at(region.start))
        seen = {f.id for f in facts}
        ambiguous = []
        for row in rows:
            if not row.readings:
                continue
            if row.cell_ids[0] in seen:
                notes.append(_note("W203", f"row '{row.label}' printed again; the first copy was read"))
                continue
            row_facts = to_facts(doc, view, row, index)
            facts.extend(row_facts)
            if any(f.semantic == "ambiguous" for f in row_facts):
                ambiguous.append(row.label)
        if ambiguous:
            notes.append(_note("W204", f"{region.kind}: {len(ambiguous)} row(s) cannot be split uniquely from the "
                                       f"text: {', '.join(_short(a) for a in ambiguous)}"))
    return facts, notes


def _table_index(doc: Document, offset: int) -> int | None:
    for i, table in enumerate(doc.tables):
        if table.origin == "flattened" and table.offset is not None and table.offset <= offset < (table.end or 0):
            return i
    return None


def _short(text: str, n: int = 24) -> str:
    text = text.strip()
    return text if len(text) <= n else "…" + text[-n:]


def _note(code: str, reason: str) -> dict:
    return {"code": code, "reason": reason}


def uncertain_share(facts: list[Fact]) -> float:
    """Share of cells whose value could not be fixed (confidence below 1)."""
    return round(sum(f.confidence < 1.0 for f in facts) / len(facts), 4) if facts else 0.0
