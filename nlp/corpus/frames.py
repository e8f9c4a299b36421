"""Report dicts → the store's tables (pyarrow), one row per item, columns exactly as ``schema.TABLES``.

``TableBuilder.add(report, text, paragraphs)`` turns one report into rows at once, so the dicts can be dropped as the
rows grow; ``tables()`` returns ``{name: pyarrow.Table}``. ``to_pandas`` gives the DataFrames of a ``Corpus``
(nullable integer and boolean columns, so that a missing year stays missing and not 0 or NaN).
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from .schema import TABLE_NAMES, TABLES, arrow_schema


def number(value) -> float | None:
    """A JSON value (int, decimal string) as a float; None for anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        return None


def exact(value) -> str | None:
    return None if value is None else str(value)


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _span(item: dict) -> tuple[int | None, int | None]:
    span = item.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return _int(span[0]), _int(span[1])
    return _int(item.get("start")), _int(item.get("end"))


class TableBuilder:
    def __init__(self):
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}

    def add_error(self, report_id: str, error: dict, fatal: bool = True, path: str | None = None) -> None:
        self.rows["errors"].append({"report_id": report_id, "path": path or error.get("path"),
                                    "code": error.get("code"), "reason": error.get("reason"),
                                    "hint": error.get("hint"), "fatal": fatal})

    def add(self, report: dict, text: str | None = None, paragraphs: list | None = None) -> None:
        rid = report["id"]
        meta = report.get("meta") or {}
        source = report.get("source") or {}
        stats = report.get("stats") or {}
        counts = stats.get("findings") or {}
        keys = {"report_id": rid, "agency": meta.get("agency"), "year": _int(meta.get("year")),
                "template": meta.get("template")}
        self.rows["reports"].append({
            "report_id": rid, "path": source.get("path"), "sha256": source.get("sha256"),
            "format": source.get("format"), "characters": source.get("characters"),
            "agency": meta.get("agency"), "agency_normalised": meta.get("agency_normalised"),
            "region": meta.get("region"), "level": meta.get("level"), "body": meta.get("body"),
            "year": _int(meta.get("year")), "published": _date(meta.get("published")), "template": meta.get("template"),
            "facts": stats.get("facts"), "facts_filled": stats.get("facts_filled"),
            "facts_uncertain": stats.get("facts_uncertain"), "uncertain_share": stats.get("uncertain_share"),
            "claims": stats.get("claims"), "findings_fail": counts.get("fail", 0),
            "findings_uncertain": counts.get("uncertain", 0), "findings_pass": counts.get("pass", 0),
            "findings_not_assessable": counts.get("not_assessable", 0), "notes": len(report.get("errors") or []),
            "generator": report.get("generator"), "schema_version": report.get("schema"),
        })
        for fact in report.get("facts") or []:
            prov = fact.get("provenance") or {}
            self.rows["facts"].append({
                **keys, "cell_id": fact.get("id"), "label": fact.get("label"), "value": number(fact.get("value")),
                "value_exact": exact(fact.get("value")), "raw": fact.get("raw"), "semantic": fact.get("semantic"),
                "unit": fact.get("unit"), "confidence": fact.get("confidence"), "reason": fact.get("reason"),
                "candidates": _json(fact.get("candidates")), "source": prov.get("source"),
                "table_index": _int(prov.get("table")), "row_index": _int(prov.get("row")),
                "col_index": _int(prov.get("col")), "page": _int(prov.get("page")),
                "char_offset": _int(prov.get("offset")), "provenance": _json(prov),
            })
        for number_, claim in enumerate(report.get("claims") or []):
            links = claim.get("links") or []
            best = max(links, key=lambda l: l.get("score") or 0, default=None)
            start, end = _span(claim)
            self.rows["claims"].append({
                **keys, "claim_no": number_, "text": claim.get("text"), "value": number(claim.get("value")),
                "value_exact": exact(claim.get("value")), "unit": claim.get("unit"), "kind": claim.get("kind"),
                "approx": claim.get("approx"), "low": number(claim.get("low")), "high": number(claim.get("high")),
                "subject": claim.get("subject"), "qualifiers": list(claim.get("qualifiers") or []),
                "scope": list(claim.get("scope") or []), "time_scope": claim.get("time_scope"),
                "time_inherited": claim.get("time_inherited"), "section": claim.get("section"),
                "span_start": start, "span_end": end, "sentence": claim.get("sentence"),
                "cell_id": best.get("cell") if best else None, "link_score": best.get("score") if best else None,
                "links": _json(links),
            })
        for number_, finding in enumerate(report.get("findings") or []):
            message = finding.get("message") or {}
            evidence = finding.get("evidence") or []
            review = finding.get("review") or {}
            self.rows["findings"].append({
                **keys, "finding_no": number_, "rule": finding.get("rule"), "status": finding.get("status"),
                "severity": finding.get("severity"), "message_zh": message.get("zh"), "message_en": message.get("en"),
                "fingerprint": finding.get("fingerprint"),
                "cells": [e["id"] for e in evidence if isinstance(e, dict) and e.get("kind") == "cell" and e.get("id")],
                "evidence": _json(evidence), "origin": finding.get("origin") or "report",
                "review_decision": review.get("decision"), "review_comment": review.get("comment"),
                "review_date": review.get("date"),
            })
        for number_, entity in enumerate(report.get("entities") or []):
            start, end = _span(entity)
            self.rows["entities"].append({
                **keys, "entity_no": number_, "text": entity.get("text"),
                "label": entity.get("label") or entity.get("kind") or entity.get("type"),
                "span_start": start, "span_end": end, "data": _json(entity),
            })
        for rank, keyword in enumerate(report.get("keywords") or []):
            if isinstance(keyword, str):
                keyword = {"term": keyword}
            self.rows["keywords"].append({
                **keys, "rank": rank,
                "term": keyword.get("term") or keyword.get("keyword") or keyword.get("word") or keyword.get("text"),
                "score": number(keyword.get("score", keyword.get("weight"))), "method": keyword.get("method"),
                "data": _json(keyword),
            })
        for number_, (start, end, section, in_table) in enumerate(paragraphs or []):
            self.rows["paragraphs"].append({
                **keys, "paragraph_no": number_, "section": section, "span_start": start, "span_end": end,
                "characters": end - start, "in_table": bool(in_table), "text": text[start:end] if text else None,
            })
        for note in report.get("errors") or []:
            self.add_error(rid, note, fatal=False, path=source.get("path"))

    def tables(self) -> dict:
        import pyarrow as pa

        return {spec.name: pa.Table.from_pylist(self.rows[spec.name], schema=arrow_schema(spec.name))
                for spec in TABLES}


def empty_tables() -> dict:
    return TableBuilder().tables()


def to_pandas(table):
    """A pyarrow table as a DataFrame with nullable integers and booleans."""
    import pandas as pd
    import pyarrow as pa

    mapping = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return table.to_pandas(types_mapper=mapping.get)
