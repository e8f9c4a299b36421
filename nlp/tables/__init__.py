"""Tables → facts under the canonical cell ids of spec/TEMPLATES.md."""
from __future__ import annotations

from ..model import Document, Fact
from . import statistics
from .templates import load_template


def facts_for(doc: Document, template: str) -> tuple[list[Fact], list[dict]]:
    """The template's facts from the document's tables, and notes on what could not be read."""
    if template == "pre2019":
        tpl = load_template("pre2019")
        for index, table in enumerate(doc.tables):
            facts = statistics.to_facts(table, index, tpl)
            if facts:
                return facts, []
        return [], [{"code": "W201", "reason": "no statistics table found in the pre-2019 layout"}]
    if template == "none":
        return [], []
    return [], [{"code": "W202", "reason": f"tables of the {template} template are not read yet"}]
