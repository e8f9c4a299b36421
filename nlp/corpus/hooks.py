"""Cross-report work, run once every file of a scan has been read: the hook for rules that need several reports.

``cross_report(reports)`` takes every report dict of the scan (``xxgk.report/1``, ids unique within the scan) and
returns ``{report id: [finding dicts]}`` to add to those reports. Today it calls the cross-year rules,
``nlp.checks.crossyear.crossyear_findings(reports) -> dict[report_id, list[dict]]``, when that module exists
(with ``overrides=`` the agency override file of the scan, when there is one and the function takes it).
Further corpus-level producers of findings go into ``producers()``.

The results are cached by the exact set of reports (their ids and cache keys) and the engine digest, so an
unchanged corpus does not load its reports at all (see ``run.py``). Producers must therefore be deterministic.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
from pathlib import Path
from typing import Callable

STATUSES = ("fail", "uncertain", "pass", "not_assessable")


OVERRIDE_FILES = ("agency_overrides.csv", "agency_overrides.toml")


def _crossyear(reports: list[dict], overrides: Path | None = None) -> dict[str, list[dict]]:
    module = importlib.import_module("nlp.checks.crossyear")
    if overrides is not None and "overrides" in inspect.signature(module.crossyear_findings).parameters:
        return module.crossyear_findings(reports, overrides=overrides)
    return module.crossyear_findings(reports)


def find_overrides(folders: list[Path]) -> Path | None:
    """The agency override file (``agency_overrides.csv`` / ``.toml``) of a scan: in the output folder first, then
    in each folder scanned. Passed to the cross-year rules; its content is part of their cache key."""
    for folder in folders:
        for name in OVERRIDE_FILES:
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    return None


def producers() -> list[tuple[str, Callable[..., dict[str, list[dict]]]]]:
    """(origin, function(reports, overrides)) of each cross-report producer available in this installation."""
    found = []
    if importlib.util.find_spec("nlp.checks.crossyear") is not None:
        found.append(("crossyear", _crossyear))
    return found


def active() -> bool:
    return bool(producers())


def cross_report(reports: list[dict], overrides: Path | None = None) -> dict[str, list[dict]]:
    """Findings to add, by report id, from every producer. Each finding is tagged with ``origin``."""
    known = {r["id"] for r in reports}
    out: dict[str, list[dict]] = {}
    for origin, produce in producers():
        result = produce(reports, overrides) or {}
        if not isinstance(result, dict):
            raise TypeError(f"{origin}: expected a dict report_id -> list of findings, got {type(result).__name__}")
        for report_id, findings in result.items():
            if report_id not in known:
                continue
            out.setdefault(report_id, []).extend({"origin": origin, **f} for f in findings)
    return out


def merge(report: dict, extra: list[dict]) -> dict:
    """The report with the cross-report findings appended and its finding counts updated (in place)."""
    if extra:
        report["findings"] = list(report.get("findings") or []) + [dict(f) for f in extra]
        counts = {s: 0 for s in STATUSES}
        for finding in report["findings"]:
            if finding.get("status") in counts:
                counts[finding["status"]] += 1
        report.setdefault("stats", {})["findings"] = counts
    return report


def apply_reviews(report: dict, reviews: dict[str, dict]) -> None:
    """Attach reviewers' decisions (``review.csv``, by fingerprint) to the report's findings, in place."""
    for finding in report.get("findings") or []:
        decision = reviews.get(finding.get("fingerprint"))
        if decision:
            finding["review"] = decision
