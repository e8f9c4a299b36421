"""Tables → facts under the canonical cell ids of spec/TEMPLATES.md."""
from __future__ import annotations

from ..model import Document, Fact
from . import flattened, statistics
from .forms import FORM_IDS, load_form
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
        facts, notes = read_forms(doc, template)
        return _unruled_tables(doc, template, facts, notes)
    return [], [{"code": "W202", "reason": f"tables of the {template} template are not read yet"}]


def _unruled_tables(doc: Document, template: str, facts: list[Fact], notes: list[dict]):
    """Tables that no grid gave (a PDF table without ruling lines, a three-line table, an OCR text layer) are
    read from the text lines, as flattened tables are; the grids' facts are kept as they are."""
    form = load_form(template)
    read = {_table_of(f.id) for f in facts}
    missing = {t.prefix for t in form.tables} - read
    if not missing:
        return facts, notes
    recovered, recover_notes = flattened.recover(doc, template)
    extra = [f for f in recovered if _table_of(f.id) in missing]
    if not extra:
        return facts, notes
    prefixes = {_table_of(f.id) for f in extra}
    names = tuple(t.name for t in form.tables if t.prefix in prefixes)
    note = {"code": "W205", "reason": f"{'、'.join(names)}: no grid found; rows read from the text lines (a table "
                                      "without ruling lines, or a text layer from OCR)"}
    about = names + tuple(f"{p}:" for p in prefixes)  # the recovery's notes on the tables it was used for
    kept = [n for n in notes if not (n.get("code") == "W202" and n.get("reason", "").startswith(names))]
    return facts + extra, kept + [n for n in recover_notes if n.get("reason", "").startswith(about)] + [note]


def _table_of(cell_id: str) -> str:
    return cell_id.split(".", 1)[0]
