"""The 2019 and 2021 report formats (表二, 表三, 表四) as data: nlp/data/templates/v2019.toml and v2021.toml.

``load_form("v2021")`` gives a ``Form``; each of its tables (``form.table("t3")``) lists its blocks, rows and
columns and the canonical cell ids of spec/TEMPLATES.md §8 in printed order::

    >>> load_form("v2019").table("t2").cell_ids()[0]
    't2v19.a1.regulation.made'

Reading real grids into facts is in ``nlp.tables.grids``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

FORM_IDS = ("v2019", "v2021")


def _join(*parts: str) -> str:
    """Dotted id from its parts, empty parts dropped (表三 and 表四 have a single block with an empty id)."""
    return ".".join(p for p in parts if p)


@dataclass(frozen=True)
class FormColumn:
    id: str  # short id, the last part of a cell id: natural_person, made, upheld …
    label: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    decimal: bool = False  # 万元 amounts: the value is a Decimal even when whole
    signed: bool = False  # 本年增/减: "+2" and "-1" are expected

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class FormRow:
    id: str  # full row id: t3.res.denied.state_secret, t2v19.a1.regulation, t4.review
    label: str
    aliases: tuple[str, ...] = ()
    heading: bool = False  # a group label without cells of its own
    block: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class FormBlock:
    """A part of a table with its own columns (each 第二十条第（…）项 of 表二); 表三 and 表四 have one."""

    id: str
    label: str
    aliases: tuple[str, ...]
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases) if self.label else ()

    def cell_ids(self) -> list[str]:
        return [_join(r.id, c.id) for r in self.rows if not r.heading for c in self.columns]


@dataclass(frozen=True)
class FormTable:
    key: str  # t2 | t3 | t4
    name: str  # 表二 …
    title: str
    prefix: str  # t2v19 | t2 | t3 | t4
    layout: str  # rows | column_groups
    markers: tuple[str, ...]
    blocks: tuple[FormBlock, ...]

    @property
    def rows(self) -> tuple[FormRow, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    @property
    def columns(self) -> tuple[FormColumn, ...]:
        """Every distinct column, in printed order (表二's blocks share some: prev_items, delta, decisions)."""
        seen: dict[str, FormColumn] = {}
        for block in self.blocks:
            for column in block.columns:
                seen.setdefault(column.id, column)
        return tuple(seen.values())

    def block(self, block_id: str) -> FormBlock:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def row(self, row_id: str) -> FormRow:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def cell_ids(self) -> list[str]:
        return [cell for b in self.blocks for cell in b.cell_ids()]


@dataclass(frozen=True)
class Form:
    id: str  # v2019 | v2021
    title: str
    basis: str
    version: int
    tables: tuple[FormTable, ...]

    def table(self, key: str) -> FormTable:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def cell_ids(self) -> list[str]:
        return [cell for t in self.tables for cell in t.cell_ids()]

    def column_of(self, cell_id: str) -> FormColumn:
        """The column definition behind a cell id (its unit, decimal and signed flags)."""
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    for column in block.columns:
                        if _join(row.id, column.id) == cell_id:
                            return column
        raise KeyError(cell_id)


@cache
def load_form(template_id: str) -> Form:
    """The form of ``template_id`` (v2019 | v2021), read once from its TOML file."""
    if template_id not in FORM_IDS:
        raise KeyError(f"no form for template '{template_id}' (known: {', '.join(FORM_IDS)})")
    source = resources.files("nlp.data.templates").joinpath(f"{template_id}.toml")
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    return Form(
        id=data["id"],
        title=data["title"],
        basis=data.get("basis", ""),
        version=data["version"],
        tables=tuple(_table(t) for t in data["table"]),
    )


def _table(data: dict) -> FormTable:
    prefix = data["prefix"]
    return FormTable(
        key=data["key"],
        name=data["name"],
        title=data.get("title", ""),
        prefix=prefix,
        layout=data.get("layout", "rows"),
        markers=tuple(data.get("markers", ())),
        blocks=tuple(_block(b, prefix) for b in data["block"]),
    )


def _block(data: dict, prefix: str) -> FormBlock:
    block_id = data.get("id", "")
    columns = tuple(
        FormColumn(
            id=c["id"],
            label=c["label"],
            aliases=tuple(c.get("aliases", ())),
            unit=c.get("unit"),
            decimal=c.get("decimal", False),
            signed=c.get("signed", False),
        )
        for c in data["column"]
    )
    rows = tuple(
        FormRow(
            id=_join(prefix, block_id, r["id"]),
            label=r["label"],
            aliases=tuple(r.get("aliases", ())),
            heading=r.get("heading", False),
            block=block_id,
        )
        for r in data["row"]
    )
    return FormBlock(id=block_id, label=data.get("label", ""), aliases=tuple(data.get("aliases", ())),
                     columns=columns, rows=rows)
