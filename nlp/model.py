"""The plain, serialisable objects that flow between the stages (see docs/architecture.md).

file ──ingest──▶ Document ──structure──▶ Meta/sections ──tables──▶ facts
                                   └──text──▶ claims ──link──▶ claims→cells ──checks──▶ findings

Every object here converts to JSON-ready dicts with ``to_dict``; nothing in it knows how it was made.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def _plain(value: Any) -> Any:
    """JSON-ready form: Decimals become int when whole, else a string (never a float: no rounding)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Serialisable:
    def to_dict(self) -> dict:
        return _plain(self)


# --------------------------------------------------------------------------- ingest


@dataclass
class Cell(Serialisable):
    """One cell of a source table, as printed. Spanned cells appear once, at their top-left position."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    offset: int | None = None  # start in Document.text, when the table was read from text


@dataclass
class Table(Serialisable):
    """A grid recovered from the source. ``offset`` is where it starts in ``Document.text`` when it came from text."""

    cells: list[Cell]
    page: int | None = None
    offset: int | None = None  # start in Document.text, for tables read from text
    end: int | None = None
    origin: str = "grid"  # grid | tsv | markdown | flattened

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their starting row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out


@dataclass
class Image(Serialisable):
    """A picture in the report's body: its text (a table published as an image) cannot be read."""

    offset: int  # where it stands in the text (for a PDF: the start of its page)
    page: int | None = None
    source: str = ""  # the HTML src, or "" for a picture embedded in a PDF or DOCX (table-sized ones only)


@dataclass
class Document(Serialisable):
    """A report as read from its file: normalised text, tables, provenance."""

    path: str
    format: str
    sha256: str
    text: str
    tables: list[Table] = field(default_factory=list)
    # (page number, start offset) pairs for formats with pages; empty for others
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    def page_of(self, offset: int) -> int | None:
        page = None
        for number, start in self.page_starts:
            if start <= offset:
                page = number
        return page


# --------------------------------------------------------------------------- structure


@dataclass
class Meta(Serialisable):
    agency: str | None = None
    agency_normalised: str | None = None
    region: str | None = None
    level: str | None = None  # national | province | city | county | township
    body: str | None = None  # government | government_office | department
    year: int | None = None
    published: str | None = None  # ISO date
    template: str = "none"  # pre2019 | v2019 | v2021 | none
    evidence: dict[str, str] = field(default_factory=dict)  # field -> the text it was read from


@dataclass
class Section(Serialisable):
    key: str  # canonical: overview, active, applications, review_litigation, problems, other, ...
    heading: str  # as printed
    start: int
    end: int


# --------------------------------------------------------------------------- tables


@dataclass
class Fact(Serialisable):
    """One template cell of the report, under its canonical id (spec/TEMPLATES.md §8)."""

    id: str
    label: str  # the row label as printed
    value: int | Decimal | None
    raw: str  # the cell text as printed
    semantic: str  # number | zero | blank | na | text
    unit: str | None
    provenance: dict[str, Any]
    confidence: float = 1.0
    reason: str | None = None  # why confidence < 1
    candidates: list[Any] | None = None  # other readings when the recovery was not unique

    @property
    def is_number(self) -> bool:
        return self.value is not None


# --------------------------------------------------------------------------- text


@dataclass
class Quantity(Serialisable):
    """A number found in running text, with its normalised value and measure word."""

    text: str  # the span as printed
    start: int
    end: int
    value: Decimal
    unit: str | None
    kind: str = "count"  # count | percent | money | measure
    approx: str | None = None  # the approximation word: 近, 约, 余, 多, 超, 以上, 不足, 左右 …
    low: Decimal | None = None  # bounds implied by the approximation or the rounding
    high: Decimal | None = None


@dataclass
class Link(Serialisable):
    cell: str
    score: float
    reason: str  # English
    reason_zh: str = ""


@dataclass
class Claim(Serialisable):
    """A quantity in context: what it measures, how, where and when."""

    quantity: Quantity
    subject: str
    qualifiers: list[str]
    scope: list[str]
    time_scope: str | None
    time_inherited: bool
    section: str | None
    sentence: tuple[int, int]
    links: list[Link] = field(default_factory=list)

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    @property
    def unit(self) -> str | None:
        return self.quantity.unit

    @property
    def span(self) -> tuple[int, int]:
        return (self.quantity.start, self.quantity.end)


# --------------------------------------------------------------------------- checks


@dataclass
class Finding(Serialisable):
    rule: str
    status: str  # fail | pass | uncertain | not_assessable
    severity: str  # error | warning | info
    message: dict[str, str]  # {"zh": …, "en": …}
    evidence: list[dict[str, Any]]
    fingerprint: str = ""
    review: dict[str, str] | None = None  # a reviewer's decision carried over from the review file


STATUSES = ("fail", "uncertain", "pass", "not_assessable")
