"""Grids of the 2019 and 2021 formats (表二, 表三, 表四) → facts under the canonical ids of spec/TEMPLATES.md §8.

A chain of small steps, each inspectable:

1. ``classify``: which form table (t2 | t3 | t4) each ``Table`` of the document holds, by its labels and headers;
2. ``runs``: consecutive pieces of one table are joined (a PDF table cut by a page break, a Markdown table cut
   into pieces by the converter) when the continuation has no table header of its own;
3. ``lines``: spans resolved into a full grid; header rows give each value column its header path; every other
   row becomes a ``Line``: its own label (the rightmost label cell starting in that row) and its value cells;
4. ``align``: printed labels → template rows in order (``labels.similarity``); a row whose label is missing or
   unreadable is placed by position when exactly as many rows are missing between two matched rows;
5. ``facts``: each value cell under ``<row id>.<column id>``, parsed by ``parse_cell`` (blank ≠ 0), with its
   provenance and a confidence below 1 (and a reason) whenever a label or a column was not matched exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import Cell, Document, Fact, Table
from .forms import Form, FormColumn, FormRow, FormTable, load_form
from .labels import clean_label, similarity
from .values import parse_cell

MATCH = 0.75  # a printed label matches a template label from this similarity on (as in statistics.py)
STRONG = 0.85  # enough to count as evidence of which table a piece belongs to
ALIAS_CONFIDENCE = 0.95
POSITION_CONFIDENCE = 0.7
ORDER_CONFIDENCE = 0.9
HEADING_CONFIDENCE = 0.8
_NUMERIC = ("number", "zero")
_LABEL_COLUMN = "信息内容"  # the label column's header in each block of 表二


# --------------------------------------------------------------------------- grid


def slot_map(table: Table) -> dict[tuple[int, int], Cell]:
    """Every (row, col) slot → the cell covering it: rowspan/colspan resolved into a full grid."""
    slots: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                slots.setdefault((r, c), cell)
    return slots


def width(table: Table) -> int:
    return max((c.col + c.colspan for c in table.cells), default=0)


def _kind(cell: Cell) -> str:
    return parse_cell(cell.text).semantic


def _is_numeric_row(cells: list[Cell]) -> bool:
    """A row of values: a number in it, or only "—"/"/" marks (a 表四 with nothing to report), never a header."""
    kinds = [_kind(c) for c in cells if c.text.strip()]
    return any(k in _NUMERIC for k in kinds) or (len(kinds) >= 2 and all(k == "na" for k in kinds))


# --------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class Slot:
    """One value column of a header: grid columns [start, end), the header texts above it (top to bottom)."""

    start: int
    end: int
    path: tuple[str, ...]

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class Header:
    start: int  # first value column of the grid; cells left of it are row labels
    slots: tuple[Slot, ...]
    width: int
    piece: int = -1  # the table it was read from


def usable(header: Header | None, piece: int, table: Table) -> bool:
    """A header governs a row of its own piece, or of a PDF/HTML continuation with the same columns; Markdown
    pieces of a converted PDF shift their cells, so another piece's header says nothing about them."""
    if header is None:
        return False
    return header.piece == piece or (table.origin == "grid" and header.width == width(table))


def _best(text: str, candidates, threshold: float = MATCH):
    """The candidate (with ``labels``) best matching ``text`` and its score, or (None, 0.0)."""
    best, score = None, 0.0
    for candidate in candidates:
        s = max((similarity(text, label) for label in candidate.labels), default=0.0)
        if s >= threshold and s > score:
            best, score = candidate, s
    return best, score


def read_header(table: Table, slots: dict, header_rows: list[int], form_table: FormTable) -> Header | None:
    """The value columns under a run of header rows, or None when those rows are not a header of this table.

    A header is accepted when it starts with 信息内容 (表二) or names at least two of the table's columns, so that
    a blank data row such as "3.其他" is never taken for a header because it looks like the column 其他.
    """
    last = header_rows[-1]
    n = width(table)
    paths = []
    for x in range(n):
        path: list[str] = []
        for r in header_rows:
            cell = slots.get((r, x))
            if cell is not None and cell.text.strip() and (not path or path[-1] != cell.text.strip()):
                path.append(cell.text.strip())
        paths.append((x, slots.get((last, x)), tuple(path)))
    columns = form_table.columns
    matched = {x: _best(path[-1], columns)[0] for x, _, path in paths if path}
    first_cell = slots.get((header_rows[0], 0))
    has_label_column = first_cell is not None and clean_label(first_cell.text) == _LABEL_COLUMN
    if not has_label_column and len({c.id for c in matched.values() if c is not None}) < 2:
        return None
    value_xs = [x for x, c in matched.items() if c is not None]
    if has_label_column:
        start = first_cell.col + first_cell.colspan
    elif value_xs:
        start = min(value_xs)
    else:
        return None
    return Header(start=start, slots=tuple(_group_slots(paths, start)), width=n)


def _group_slots(paths, start: int) -> list[Slot]:
    """Adjacent grid columns under the same bottom header cell form one slot (a colspan in the header)."""
    out: list[Slot] = []
    previous = None
    for x, leaf_cell, path in paths:
        if x < start:
            continue
        if out and leaf_cell is not None and leaf_cell is previous:
            last = out[-1]
            out[-1] = Slot(last.start, x + 1, last.path)
        else:
            out.append(Slot(x, x + 1, path))
        previous = leaf_cell
    return out


# --------------------------------------------------------------------------- lines


@dataclass
class Line:
    """One printed row that is neither a header nor a block heading."""

    piece: int  # index of the table in Document.tables
    table: Table
    row: int
    label: Cell | None  # the row's own label cell (rightmost non-empty label cell starting in this row)
    values: list[Cell]
    header: Header | None

    @property
    def text(self) -> str:
        return self.label.text.strip() if self.label is not None else ""


def _row_cells(table: Table) -> list[list[Cell]]:
    return [sorted(row, key=lambda c: c.col) for row in table.rows()]


def _split(cells: list[Cell], header: Header | None, piece: int, table: Table) -> tuple[list[Cell], list[Cell]]:
    """Label cells and value cells of one row.

    In a grid governed by a header (its own, or the one of the page before) the header's first value column
    divides them; in Markdown pieces, whose cells shift, the labels are the cells up to the last text.
    """
    if table.origin == "grid" and usable(header, piece, table):
        return [c for c in cells if c.col < header.start], [c for c in cells if c.col >= header.start]
    last_text = max((i for i, c in enumerate(cells) if _kind(c) == "text"), default=-1)
    return cells[: last_text + 1], cells[last_text + 1 :]


def _block_heading(cells: list[Cell], form_table: FormTable):
    """The 表二 block (第二十条第（一）项 …) this row announces, or None."""
    texts = {c.text.strip() for c in cells if c.text.strip()}
    if len(texts) != 1 or len(form_table.blocks) < 2:
        return None
    return _best(texts.pop(), form_table.blocks, threshold=STRONG)[0]


def lines(pieces: list[tuple[int, Table]], form_table: FormTable) -> list[Line]:
    """The printed rows of a run of pieces, each with the header that governs it."""
    out: list[Line] = []
    header: Header | None = None
    for index, table in pieces:
        slots = slot_map(table)
        rows = _row_cells(table)
        pending: list[int] = []
        header_possible = True  # a header run only opens a piece or follows a block heading / 信息内容

        def flush():
            """The rows held back as a possible header were rows after all."""
            for r in pending:
                out.append(_line(index, table, r, rows[r], header))
            pending.clear()

        for r, cells in enumerate(rows):
            if not cells:
                continue
            if _block_heading(cells, form_table) is not None:
                flush()
                header_possible = True
                continue
            if clean_label(cells[0].text) == _LABEL_COLUMN and not _is_numeric_row(cells):
                flush()
                header_possible = True
            if not _is_numeric_row(cells) and header_possible:
                pending.append(r)
                continue
            if pending:
                found = read_header(table, slots, pending, form_table)
                if found is not None:
                    header = replace(found, piece=index)
                    pending.clear()
                else:
                    flush()
            header_possible = False
            out.append(_line(index, table, r, cells, header))
        if pending and header_possible:
            found = read_header(table, slots, pending, form_table)
            if found is not None:
                header = replace(found, piece=index)
                pending.clear()
        flush()
    return [line for line in out if line.values or line.label is not None]


def _line(index: int, table: Table, r: int, cells: list[Cell], header: Header | None) -> Line:
    labels, values = _split(cells, header, index, table)
    own = next((c for c in reversed(labels) if c.text.strip()), None)
    return Line(piece=index, table=table, row=r, label=own, values=values, header=header)


# --------------------------------------------------------------------------- classify and join


def _piece_score(table: Table, form_table: FormTable) -> int:
    """Evidence that ``table`` holds (part of) ``form_table``: labels of its rows, its markers, its shape."""
    texts = [c.text for c in table.cells if _kind(c) == "text"]
    # row labels count only in rows that carry numbers: a header cell 其他 is not the row 3.其他
    labels = [c.text for row in _row_cells(table) if _is_numeric_row(row) for c in row if _kind(c) == "text"]
    rows = [r for r in form_table.rows if not r.heading]
    score = sum(1 for r in rows if any(similarity(t, label) >= STRONG for t in labels for label in r.labels))
    markers = {clean_label(m) for m in form_table.markers}
    score += 2 * sum(1 for t in texts if clean_label(t) in markers)
    if form_table.layout == "column_groups":
        n_values = sum(len(b.columns) * len([r for r in b.rows if not r.heading]) for b in form_table.blocks)
        if any(_label_free(row) and len(row) == n_values for row in _row_cells(table)):
            score += 1  # 表四's single data row (15 numbers) survives even when its header is garbled
    return score


def _label_free(cells: list[Cell]) -> bool:
    return bool(cells) and all(_kind(c) != "text" for c in cells)


def classify(doc: Document, form: Form) -> list[str | None]:
    """For each table of the document: the key of the form table it belongs to, or None."""
    out: list[str | None] = []
    for table in doc.tables:
        scores = {t.key: _piece_score(table, t) for t in form.tables}
        best = max(scores.values(), default=0)
        winners = [k for k, s in scores.items() if s == best]
        out.append(winners[0] if best > 0 and len(winners) == 1 else None)
    return out


def _has_table_header(table: Table, form_table: FormTable) -> bool:
    """Whether this piece opens with a header of its own (then it is a new table, not a continuation)."""
    if form_table.key == "t2":
        return False  # 表二 restarts a header in every block; its pieces always continue
    top: list[int] = []  # the rows before the first row with numbers
    for r, cells in enumerate(_row_cells(table)):
        if _is_numeric_row(cells):
            break
        if cells:
            top.append(r)
    return bool(top) and read_header(table, slot_map(table), top, form_table) is not None


def _complete(pieces: list[tuple[int, Table]], form_table: FormTable) -> bool:
    """Whether a run already holds the table's last row (四、结转下年度继续办理; 表四's one data row)."""
    if form_table.layout == "column_groups":
        return any(_is_numeric_row(row) for _, table in pieces for row in _row_cells(table))
    last = [r for r in form_table.rows if not r.heading][-1]
    return any(similarity(c.text, label) >= STRONG for _, table in pieces for c in table.cells for label in last.labels)


def runs(doc: Document, form: Form) -> dict[str, list[list[tuple[int, Table]]]]:
    """Runs of pieces per form table. A piece continues the run before it when it belongs to the same table (or
    holds nothing but numbers) and does not open a new copy: a header of its own after the run's last row."""
    keys = classify(doc, form)
    out: dict[str, list[list[tuple[int, Table]]]] = {}
    current: str | None = None
    for index, (table, key) in enumerate(zip(doc.tables, keys)):
        if key is None:
            numbers_only = all(_label_free(row) for row in _row_cells(table) if row)
            if current is not None and numbers_only:
                out[current][-1].append((index, table))
            else:
                current = None
            continue
        form_table = form.table(key)
        if key == current and not (_has_table_header(table, form_table) and _complete(out[key][-1], form_table)):
            out[key][-1].append((index, table))  # a header repeated on a new page does not end an unfinished table
            continue
        out.setdefault(key, []).append([(index, table)])
        current = key
    return out


# --------------------------------------------------------------------------- align


@dataclass
class RowMatch:
    row: FormRow
    confidence: float
    reason: str | None


def align(labels: list[str], rows: tuple[FormRow, ...], valued: list[bool] | None = None) -> list[RowMatch | None]:
    """For each printed label (may be ""), its template row, searched forward so that order decides repeats.

    Pass 1 anchors the rows whose labels match; pass 2 places unmatched rows by position when exactly as many
    template rows are missing between two anchors (a label lost by a PDF→Markdown conversion). ``valued`` says
    which printed rows hold any value: a group label on a row of blank cells is a heading, not a row of its own.
    """
    out: list[RowMatch | None] = [None] * len(labels)
    anchors: list[tuple[int, int]] = []
    used: set[int] = set()
    cursor = 0
    for i, label in enumerate(labels):
        found = _anchor(label, rows, cursor, used, valued[i] if valued is not None else True)
        if found is None:
            continue
        j, match = found
        out[i] = match
        anchors.append((i, j))
        used.add(j)
        cursor = j + 1
    _fill_by_position(labels, rows, out, anchors, used)
    return out


def _anchor(label: str, rows: tuple[FormRow, ...], cursor: int, used: set[int],
            valued: bool = True) -> tuple[int, RowMatch] | None:
    if not clean_label(label):
        return None
    data = [j for j, r in enumerate(rows) if not r.heading and j not in used]
    for indices in ([j for j in data if j >= cursor], [j for j in data if j < cursor]):
        best_j, best_score = None, 0.0
        for j in indices:
            score = max(similarity(label, text) for text in rows[j].labels)
            if score >= MATCH and score > best_score:
                best_j, best_score = j, score
                if score == 1.0:
                    break
        if best_j is not None:
            return best_j, _row_match(label, rows[best_j], best_score)
    # a group label printed as a row of its own with values (v2021 report printing （六）其他处理 the v2019 way)
    for j, row in enumerate(rows if valued else ()):
        if row.heading and j >= cursor and j not in used and similarity(label, row.label) == 1.0:
            reason = (f"'{row.label}' is a group label without cells in this template but is printed as one row "
                      "with values (the older layout); kept under the group's id")
            return j, RowMatch(row, HEADING_CONFIDENCE, reason)
    return None


def _row_match(label: str, row: FormRow, score: float) -> RowMatch:
    if score == 1.0 and similarity(label, row.label) == 1.0:
        return RowMatch(row, 1.0, None)
    if score == 1.0:
        return RowMatch(row, ALIAS_CONFIDENCE, f"printed label '{label}' is a known variant of '{row.label}'")
    return RowMatch(row, round(score, 3), f"row label '{label}' matched '{row.label}' with score {score:.2f}")


def _fill_by_position(labels, rows, out, anchors, used) -> None:
    bounds = [(-1, -1), *anchors, (len(labels), len(rows))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        printed = [i for i in range(i0 + 1, i1) if out[i] is None]
        missing = [j for j in range(j0 + 1, j1) if not rows[j].heading and j not in used]
        if not printed or len(printed) != len(missing):
            continue
        before = rows[j0].label if j0 >= 0 else "the table's start"
        after = rows[j1].label if j1 < len(rows) else "the table's end"
        for i, j in zip(printed, missing):
            shown = f"'{labels[i]}'" if labels[i] else "missing"
            reason = (f"row label {shown} does not match; placed by position as '{rows[j].label}' "
                      f"between '{before}' and '{after}'")
            out[i] = RowMatch(rows[j], POSITION_CONFIDENCE, reason)
            used.add(j)


# --------------------------------------------------------------------------- columns


@dataclass
class ColumnMatch:
    cell: Cell
    column: FormColumn
    confidence: float
    reason: str | None
    group: FormRow | None = None  # 表四: the group (行政复议 …) the column sits under
    printed_group: str = ""  # 表四: the group's header as printed


def columns_of(line: Line, block_columns: tuple[FormColumn, ...]) -> list[ColumnMatch]:
    """The template column of each value cell of a line.

    With a header: slot by slot in order when the counts agree (header and data colspans need not line up: the
    2019 Shanghai 表二 prints 本年增/减 over two columns but its value in one), else by overlap. Without one (a
    Markdown piece): the cells in template order when their number fits.
    """
    values = list(line.values)
    header = line.header
    if usable(header, line.piece, line.table) and (line.table.origin == "grid" or len(values) == len(header.slots)):
        return _by_header(values, header, block_columns)
    while len(values) > len(block_columns) and not values[-1].text.strip():
        values.pop()  # trailing empty cells of a converted table
    if len(values) != len(block_columns):
        return []
    reason = "no readable column header for this row; columns taken in template order"
    return [ColumnMatch(cell, col, ORDER_CONFIDENCE, reason) for cell, col in zip(values, block_columns)]


def _by_header(values: list[Cell], header: Header, block_columns) -> list[ColumnMatch]:
    slots = list(header.slots)
    if len(values) == len(slots):
        pairs = list(zip(values, slots))
    else:
        pairs = [(cell, _overlapping(cell, slots)) for cell in values]
    out = []
    for i, (cell, slot) in enumerate(pairs):
        if slot is None:
            continue
        column, score = _best(slot.leaf, block_columns)
        if column is not None:
            reason = None if score == 1.0 else f"column header '{slot.leaf}' matched '{column.label}' ({score:.2f})"
            out.append(ColumnMatch(cell, column, 1.0 if score == 1.0 else round(score, 3), reason))
        elif len(pairs) == len(block_columns):
            reason = f"column header '{slot.leaf}' not recognised; column taken in template order"
            out.append(ColumnMatch(cell, block_columns[i], ORDER_CONFIDENCE, reason))
    return out


def _overlapping(cell: Cell, slots: list[Slot]) -> Slot | None:
    def overlap(slot: Slot) -> int:
        return max(0, min(cell.col + cell.colspan, slot.end) - max(cell.col, slot.start))

    best = max(slots, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def group_columns(line: Line, form_table: FormTable) -> list[ColumnMatch]:
    """表四: each value cell → (group, column) from the header path above it, or in template order."""
    block = form_table.blocks[0]
    groups = [r for r in block.rows if not r.heading]
    header = line.header
    if usable(header, line.piece, line.table):
        out = []
        for cell in line.values:
            slot = _overlapping(cell, list(header.slots))
            if slot is None:
                continue
            # the group is the lowest header above the column that names one (行政诉讼 is above two of them)
            printed, group = next(((t, g) for t in reversed(slot.path) for g in [_best(t, groups)[0]] if g), ("", None))
            column, score = _best(slot.leaf, block.columns)
            if group is None or column is None:
                continue
            reason = None if score == 1.0 else f"column header '{slot.leaf}' matched '{column.label}' ({score:.2f})"
            out.append(ColumnMatch(cell, column, 1.0 if score == 1.0 else round(score, 3), reason, group, printed))
        if out:
            return out
    values = list(line.values)
    expected = [(g, c) for g in groups for c in block.columns]
    while len(values) > len(expected) and not values[-1].text.strip():
        values.pop()
    if len(values) != len(expected):
        return []
    reason = "no readable column header; the 15 cells taken in template order (行政复议, 未经复议直接起诉, 复议后起诉)"
    return [ColumnMatch(cell, c, ORDER_CONFIDENCE, reason, g, "") for cell, (g, c) in zip(values, expected)]


# --------------------------------------------------------------------------- facts


@dataclass
class TableResult:
    key: str
    facts: list[Fact] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # printed labels of rows with values left out


def read_run(doc: Document, pieces: list[tuple[int, Table]], form_table: FormTable) -> TableResult:
    printed = lines(pieces, form_table)
    result = TableResult(form_table.key)
    if form_table.layout == "column_groups":
        data = next((line for line in printed if _is_numeric_row(line.values)), None)
        for match in group_columns(data, form_table) if data is not None else []:
            cell_id = f"{match.group.id}.{match.column.id}"
            result.facts.append(_fact(doc, cell_id, match.printed_group, match, data, None))
        return result
    rows = form_table.rows
    matches = align([line.text for line in printed], rows, [any(c.text.strip() for c in line.values) for line in printed])
    for line, row_match in zip(printed, matches):
        if row_match is None:
            if any(c.text.strip() for c in line.values):
                result.unmatched.append(line.text or " ".join(c.text for c in line.values))
            continue
        block = form_table.block(row_match.row.block)
        for col_match in columns_of(line, block.columns):
            cell_id = f"{row_match.row.id}.{col_match.column.id}"
            result.facts.append(_fact(doc, cell_id, line.text, col_match, line, row_match))
    return result


def _fact(doc: Document, cell_id: str, label: str, match: ColumnMatch, line: Line, row: RowMatch | None) -> Fact:
    cell = match.cell
    parsed = parse_cell(cell.text)
    value = parsed.value
    if match.column.decimal and isinstance(value, int):
        value = Decimal(value)  # 万元 amounts are decimals even when whole
    confidences = [match.confidence] + ([row.confidence] if row is not None else [])
    reasons = [r for r in ([row.reason] if row is not None else []) + [match.reason] if r]
    return Fact(
        id=cell_id,
        label=label,
        value=value,
        raw=cell.text,
        semantic=parsed.semantic,
        unit=parsed.unit or match.column.unit,
        provenance={
            "table": line.piece,
            "row": cell.row,
            "col": cell.col,
            "page": line.table.page,
            "offset": cell_offset(doc, line.table, cell),
        },
        confidence=round(min(confidences), 3),
        reason="; ".join(reasons) or None,
    )


def cell_offset(doc: Document, table: Table, cell: Cell) -> int | None:
    """Where the cell's text starts in ``doc.text``; Markdown cells carry none, so find them in their line."""
    if cell.offset is not None:
        return cell.offset
    if table.origin != "markdown" or table.offset is None:
        return None
    row = -1
    position = table.offset
    for line in doc.text[table.offset : table.end].split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and not set(stripped) <= set("|:- "):
            row += 1
            if row == cell.row:
                return _offset_in_pipe_line(line, cell.col, position)
        position += len(line) + 1
    return None


def _offset_in_pipe_line(line: str, col: int, start: int) -> int | None:
    inner_start = line.index("|") + 1
    fields = line.strip().strip("|").split("|")
    if col >= len(fields):
        return None
    skip = sum(len(f) + 1 for f in fields[:col])
    value = fields[col]
    return start + inner_start + skip + len(value) - len(value.lstrip())


# --------------------------------------------------------------------------- entry point


def read_forms(doc: Document, template: str) -> tuple[list[Fact], list[dict]]:
    """All facts of 表二, 表三 and 表四 read from the document's grids, and notes on what was not found."""
    form = load_form(template)
    found = runs(doc, form)
    facts: list[Fact] = []
    notes: list[dict] = []
    for form_table in form.tables:
        candidates = [read_run(doc, pieces, form_table) for pieces in found.get(form_table.key, [])]
        if not candidates:
            notes.append(_note(f"{form_table.name} ({template}) was not found among the document's tables"))
            continue
        best = max(candidates, key=lambda r: len({f.id for f in r.facts}))  # first of the fullest copies
        facts.extend(_dedupe(best.facts))
        notes.extend(_table_notes(best, form_table, template, len(candidates)))
    return facts, notes


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per id: the first printed (a repeated row is reported in the notes, never merged)."""
    seen: set[str] = set()
    out = []
    for fact in facts:
        if fact.id not in seen:
            seen.add(fact.id)
            out.append(fact)
    return out


def _table_notes(result: TableResult, form_table: FormTable, template: str, copies: int) -> list[dict]:
    notes = []
    ids = {f.id for f in result.facts}
    missing = [c for c in form_table.cell_ids() if c not in ids]
    if missing:
        shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
        notes.append(_note(f"{form_table.name} ({template}): {len(missing)} of {len(form_table.cell_ids())} "
                           f"template cells not read: {shown}"))
    for label in result.unmatched:
        notes.append(_note(f"{form_table.name}: printed row '{label}' matches no template row; not read"))
    if copies > 1:
        notes.append(_note(f"{form_table.name} appears {copies} times; the fullest copy was read"))
    return notes


def _note(reason: str) -> dict:
    return {"code": "W202", "reason": reason}
