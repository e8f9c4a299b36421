"""Tables → facts under the canonical cell ids of spec/TEMPLATES.md."""
from __future__ import annotations

from ..model import Document, Fact
from . import flattened, statistics
from .forms import FORM_IDS
from .grids import read_forms
from .templates import load_template


def facts_for(doc: Document, template: str) -> tuple[list[Fact], list[dict]]:
    """The template's facts from the document's tables, and notes on what could not be read."""
    if template == "pre2019":
        tpl = load_template("pre2019")
        for index, table in enumerate(doc.tables):
            facts = statistics.to_facts(table, index, tpl) if table.origin != "flattened" else []
            if facts:
                return facts, []
        if any(t.origin == "flattened" for t in doc.tables):  # crawled text: the table is flattened into digit runs
            return flattened.recover(doc, "pre2019")
        return [], [{"code": "W201", "reason": "no statistics table found in the pre-2019 layout"}]
    if template == "none":
        return [], []
    if template in FORM_IDS:
        if any(t.origin == "flattened" for t in doc.tables) and not any(t.origin != "flattened" for t in doc.tables):
            return flattened.recover(doc, template)  # crawled text: tables flattened into digit runs
        return read_forms(doc, template)
    return [], [{"code": "W202", "reason": f"tables of the {template} template are not read yet"}]
