"""Consistency score per report and per agency: findings weighted by severity, normalised by the checks run.

Every finding is one check that was run on the report. A check that had nothing to compare (``not_assessable``)
says nothing either way and is left out. With the weights ``error`` = 3, ``warning`` = 2, ``info`` = 1::

    assessed  = Σ weight(severity)               over findings with status fail, uncertain or pass
    penalty   = Σ weight(severity) over fails  +  ½ · Σ weight(severity) over uncertain findings
    score     = 100 · (1 − penalty / assessed)   (empty when nothing was assessed)

100 means every assessable check passed; 0 that every one failed. An uncertain finding costs half a fail: it is a
disagreement that another scope or an uncertain reading could explain. The agency score pools its reports (sums of
penalty and assessed over them), so a long series weighs more than a single year. Dismissed findings (a reviewer's
decision in review.csv) count as passes; confirmed ones as fails.
"""
from __future__ import annotations

WEIGHTS = {"error": 3.0, "warning": 2.0, "info": 1.0}
UNCERTAIN_WEIGHT = 0.5
ASSESSED = ("fail", "uncertain", "pass")


def _status(row) -> str:
    decision = row.get("review_decision")
    decision = decision if isinstance(decision, str) else None
    if decision == "dismissed" and row["status"] in ("fail", "uncertain"):
        return "pass"
    if decision == "confirmed" and row["status"] == "uncertain":
        return "fail"
    return row["status"]


def _score(penalty: float, assessed: float) -> float | None:
    return round(100.0 * (1.0 - penalty / assessed), 1) if assessed else None


def report_scores(corpus, overrides=None):
    """One row per report: checks (findings), assessed, fail / uncertain / pass counts, penalty, assessed weight,
    score (0–100, higher is more consistent)."""
    import pandas as pd

    from .panel import with_keys

    reports = with_keys(corpus.reports_frame, overrides)
    findings = corpus.findings
    tally: dict[str, dict] = {}
    for row in findings.to_dict("records"):
        t = tally.setdefault(row["report_id"], {"checks": 0, "fail": 0, "uncertain": 0, "pass": 0,
                                                "not_assessable": 0, "penalty": 0.0, "weight": 0.0})
        status = _status(row)
        weight = WEIGHTS.get(row.get("severity"), 1.0)
        t["checks"] += 1
        if status in t:
            t[status] += 1
        if status in ASSESSED:
            t["weight"] += weight
            t["penalty"] += weight if status == "fail" else UNCERTAIN_WEIGHT * weight if status == "uncertain" else 0
    records = []
    for row in reports.to_dict("records"):
        t = tally.get(row["report_id"], {"checks": 0, "fail": 0, "uncertain": 0, "pass": 0, "not_assessable": 0,
                                         "penalty": 0.0, "weight": 0.0})
        records.append({"report_id": row["report_id"], "agency": row["agency"], "agency_key": row["agency_key"],
                        "level": row["level"], "year": row["year"], **t, "score": _score(t["penalty"], t["weight"])})
    columns = ["report_id", "agency", "agency_key", "level", "year", "checks", "fail", "uncertain", "pass",
               "not_assessable", "penalty", "weight", "score"]
    frame = pd.DataFrame(records, columns=columns)
    frame["year"] = frame["year"].astype("Int64")
    return frame.sort_values(["agency_key", "year", "report_id"], kind="mergesort").reset_index(drop=True)


def agency_scores(scores):
    """One row per agency (``agency_key``) from ``report_scores``: reports, years, pooled score, worst report."""
    import pandas as pd

    records = []
    for key, group in scores.groupby("agency_key", sort=True):
        years = sorted({int(y) for y in group["year"].dropna()})
        worst = group.dropna(subset=["score"]).sort_values(["score", "report_id"], kind="mergesort")
        records.append({"agency_key": key, "agency": group["agency"].iloc[-1], "reports": len(group),
                        "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else ""),
                        "checks": int(group["checks"].sum()), "fail": int(group["fail"].sum()),
                        "uncertain": int(group["uncertain"].sum()), "pass": int(group["pass"].sum()),
                        "score": _score(float(group["penalty"].sum()), float(group["weight"].sum())),
                        "worst_report": worst["report_id"].iloc[0] if len(worst) else None,
                        "worst_score": worst["score"].iloc[0] if len(worst) else None})
    columns = ["agency_key", "agency", "reports", "years", "checks", "fail", "uncertain", "pass", "score",
               "worst_report", "worst_score"]
    return pd.DataFrame(records, columns=columns).sort_values(["score", "agency_key"], kind="mergesort",
                                                             na_position="last").reset_index(drop=True)
