"""Reviewers' decisions on findings, kept in ``review.csv`` next to the outputs and carried over by fingerprint.

Columns: fingerprint, report, rule, decision (confirmed | dismissed), comment, date. Edit it in a spreadsheet or
with ``xxgk review FINGERPRINT --dismiss --comment "…"``; later runs attach the decision to the finding with the
same fingerprint, which stays the same as long as the rule and the values it quotes do.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

FIELDS = ("fingerprint", "report", "rule", "decision", "comment", "date")
DECISIONS = ("confirmed", "dismissed")
FILENAME = "review.csv"


def load_reviews(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for number, row in enumerate(rows, start=2):
        decision = (row.get("decision") or "").strip().lower()
        if decision not in DECISIONS:
            raise ValueError(f"{path}, line {number}: decision must be one of {', '.join(DECISIONS)}, not '{decision}'")
        out[row["fingerprint"].strip()] = {"decision": decision, "comment": row.get("comment", ""),
                                           "date": row.get("date", "")}
    return out


def apply_reviews(report, reviews: dict[str, dict[str, str]]) -> int:
    """Attach decisions to the report's findings in place; returns how many were attached."""
    attached = 0
    for finding in report.findings:
        decision = reviews.get(finding.fingerprint)
        if decision:
            finding.review = decision
            attached += 1
    return attached


def record(path: Path, fingerprint: str, decision: str, comment: str = "", report: str = "", rule: str = "") -> None:
    """Add or replace the decision on one finding (the file is rewritten atomically)."""
    from .render import write_atomic

    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    rows = []
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["fingerprint"] != fingerprint]
    rows.append({"fingerprint": fingerprint, "report": report, "rule": rule, "decision": decision,
                 "comment": comment, "date": date.today().isoformat()})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, buffer.getvalue())
