"""``read(path)``: one report through every stage (ingest → structure → tables → claims → links → checks)."""
from __future__ import annotations

from pathlib import Path

from .checks.context import Context
from .checks.engine import run_checks
from .ingest import ingest
from .link import link_claims
from .report import Report
from .structure.meta import read_meta
from .structure.sections import find_sections
from .tables import facts_for
from .text.claims import extract_claims
from .text.entities import find_entities
from .text.keywords import keywords


def read(path: str | Path) -> Report:
    """Read and audit one report file. Raises an ``XxgkError`` (naming the file) when it cannot be read."""
    doc = ingest(path)
    return audit(doc)


def audit(doc) -> Report:
    meta = read_meta(doc)
    table_spans = [(t.offset, t.end) for t in doc.tables if t.offset is not None]
    sections = find_sections(doc.text, table_spans)
    facts, errors = facts_for(doc, meta.template)
    claims = extract_claims(doc.text, sections, table_spans)
    link_claims(claims, doc.text, meta.template, {f.id for f in facts})
    ctx = Context(meta=meta, text=doc.text, facts={f.id: f for f in facts}, claims=claims, images=doc.images)
    findings = run_checks(ctx)
    return Report(document=doc, meta=meta, sections=sections, facts=facts, claims=claims, findings=findings,
                  entities=find_entities(doc.text, table_spans), keywords=keywords(doc.text), errors=errors)
