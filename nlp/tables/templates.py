"""The official table templates as data (nlp/data/templates/*.toml), loaded once."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Row:
    label: str
    id: str | None = None  # None for heading rows
    unit: str | None = None
    decimal: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> bool:
        return self.id is None

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    version: int
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def row(self, cell_id: str) -> Row:
        for row in self.rows:
            if row.id == cell_id:
                return row
        raise KeyError(cell_id)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rows if r.id]


@cache
def load_template(template_id: str) -> Template:
    source = resources.files("nlp.data.templates").joinpath(f"{template_id}.toml")
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    rows = tuple(
        Row(
            label=r["label"],
            id=r.get("id"),
            unit=r.get("unit"),
            decimal=r.get("decimal", False),
            aliases=tuple(r.get("aliases", ())),
        )
        for r in data["row"]
    )
    return Template(id=data["id"], title=data["title"], version=data["version"], rows=rows)
