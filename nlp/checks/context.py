"""What a rule kind sees of one report."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Claim, Fact, Image, Meta


@dataclass
class Context:
    meta: Meta
    text: str
    facts: dict[str, Fact]
    claims: list[Claim] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)  # pictures in the body: a table may be one of them

    @property
    def report_key(self) -> str:
        return f"{self.meta.agency_normalised or self.meta.agency or '?'}|{self.meta.year}|{self.meta.template}"

    def number(self, cell_id: str):
        fact = self.facts.get(cell_id)
        return fact.value if fact is not None else None
