"""Evidence items and fingerprints shared by all rule kinds."""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from ..model import Claim, Fact, Finding

CONTEXT = 40  # characters of text shown around a claim


def cell_evidence(fact: Fact) -> dict:
    return {
        "kind": "cell",
        "id": fact.id,
        "label": fact.label,
        "value": fact.value,
        "raw": fact.raw,
        "semantic": fact.semantic,
        "unit": fact.unit,
        "provenance": fact.provenance,
        "confidence": fact.confidence,
    }


def claim_evidence(claim: Claim, text: str, role: str | None = None) -> dict:
    start, end = claim.span
    s0, s1 = claim.sentence
    item = {
        "kind": "claim",
        "text": claim.quantity.text,
        "value": claim.value,
        "unit": claim.unit,
        "subject": claim.subject,
        "span": [start, end],
        "sentence": text[s0:s1],
        "sentence_span": [s0, s1],
        "section": claim.section,
    }
    if role:
        item["role"] = role
    return item


def fingerprint(rule_id: str, rule_version: int, report_key: str, evidence: list[dict]) -> str:
    """Stable across runs and code changes that leave the rule alone; changes when any quoted value changes.

    Built from what the finding is about (the rule, the report's identity, the cells and claims with their printed
    values), never from offsets or file hashes, so an edit elsewhere in the report leaves it unchanged.
    """
    keys = []
    for item in evidence:
        if item["kind"] == "cell":
            keys.append(["cell", item["id"], item["raw"]])
        elif item["kind"] == "claim":
            keys.append(["claim", item["text"], item["sentence"]])
        else:
            keys.append([item["kind"], str(item.get("value"))])
    payload = json.dumps([rule_id, rule_version, report_key, keys], ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def fmt(value) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return str(value)


def make_finding(rule, status: str, message_zh: str, message_en: str, evidence: list[dict], report_key: str,
                 severity: str | None = None) -> Finding:
    """A finding; passing and unassessable checks carry severity 'info' whatever the rule's severity."""
    if severity is None:
        severity = rule.severity if status in ("fail", "uncertain") else "info"
    return Finding(
        rule=rule.id,
        status=status,
        severity=severity,
        message={"zh": message_zh, "en": message_en},
        evidence=evidence,
        fingerprint=fingerprint(rule.id, rule.version, report_key, evidence),
    )
