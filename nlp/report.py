"""``Report``: everything xxgk knows about one report, and its JSON contract (schema xxgk.report/1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .model import Claim, Document, Fact, Finding, Meta, Section, STATUSES

SCHEMA = "xxgk.report/1"


@dataclass
class Report:
    document: Document
    meta: Meta
    sections: list[Section] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    keywords: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A readable, stable id for file names: agency-year, else the file name."""
        from pathlib import Path

        return Path(self.document.path).stem

    def fact(self, cell_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == cell_id), None)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for f in self.findings:
            out[f.status] += 1
        return out

    def stats(self) -> dict[str, Any]:
        numbers = [f for f in self.facts if f.semantic != "blank"]
        uncertain = [f for f in self.facts if f.confidence < 1.0]
        return {
            "facts": len(self.facts),
            "facts_filled": len(numbers),
            "facts_uncertain": len(uncertain),  # read with confidence < 1 (a fuzzy label, a column taken by position…)
            "facts_ambiguous": sum(1 for f in self.facts if f.semantic == "ambiguous"),  # several readings kept
            "uncertain_share": round(len(uncertain) / len(self.facts), 4) if self.facts else 0.0,
            "claims": len(self.claims),
            "images": len(self.document.images),  # pictures in the body (a table published as one cannot be read)
            "findings": self.counts(),
        }

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema": SCHEMA,
            "generator": f"xxgk {__version__}",
            "id": self.id,
            "source": {"path": doc.path, "sha256": doc.sha256, "format": doc.format, "characters": len(doc.text)},
            "meta": self.meta.to_dict(),
            "stats": self.stats(),
            "sections": [s.to_dict() for s in self.sections],
            "facts": [f.to_dict() for f in self.facts],
            "claims": [_claim_dict(c, doc.text) for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            "entities": self.entities,
            "keywords": self.keywords,
            "errors": self.errors,
        }

    # ------------------------------------------------------------------ pandas helpers (imported lazily)

    def to_frame(self, what: str = "facts"):
        """``facts``, ``claims`` or ``findings`` as a pandas DataFrame, one row each."""
        import pandas as pd

        rows = {"facts": lambda: [f.to_dict() for f in self.facts],
                "claims": lambda: [_claim_dict(c, self.document.text) for c in self.claims],
                "findings": lambda: [f.to_dict() for f in self.findings]}[what]()
        frame = pd.DataFrame(rows)
        frame.insert(0, "report", self.id)
        return frame

    def __repr__(self) -> str:
        c = self.counts()
        return (f"<Report {self.id}: {self.meta.agency} {self.meta.year} {self.meta.template}, {len(self.facts)} facts, "
                f"{len(self.claims)} claims, {c['fail']} fail / {c['uncertain']} uncertain / {c['pass']} pass>")


def _claim_dict(claim: Claim, text: str) -> dict[str, Any]:
    q = claim.quantity
    s0, s1 = claim.sentence
    return {
        "text": q.text,
        "value": claim.to_dict()["quantity"]["value"],
        "unit": q.unit,
        "kind": q.kind,
        "approx": q.approx,
        "low": claim.to_dict()["quantity"]["low"],
        "high": claim.to_dict()["quantity"]["high"],
        "subject": claim.subject,
        "qualifiers": claim.qualifiers,
        "scope": claim.scope,
        "time_scope": claim.time_scope,
        "time_inherited": claim.time_inherited,
        "span": [q.start, q.end],
        "section": claim.section,
        "sentence": text[s0:s1],
        "links": [l.to_dict() for l in claim.links],
    }
