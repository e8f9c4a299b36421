"""Panel comparisons: one row per agency and year, derived shares, rankings, distributions and robust outliers.

The input is ``Corpus.panel`` (one row per report, ``nlp.corpus.panel``). Two files of the same agency and year
(the crawled text and the HTML page of one report, or a revised version) would count that agency twice, so
``agency_year_panel`` keeps one of them (the one with most indicators read, then the fewest uncertain ones, then
the first report id) and names the others in ``also``.

Robust z-score of an indicator within a group (the same administrative level and year)::

    z = (x − median) / (1.4826 · MAD),   MAD = median(|x_i − median|)

1.4826 · MAD estimates the standard deviation of normally distributed data, so |z| > 3.5 (``OUTLIER_Z``) marks an
outlier (Iglewicz and Hoaglin). A group with fewer than ``MIN_GROUP`` (3) values gets no score: its status is
``not enough data``. A group whose values are mostly equal has MAD = 0: no score either (``no spread``), except
that a value equal to the median has z = 0.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

MIN_GROUP = 3
OUTLIER_Z = 3.5
MAD_SCALE = 1.4826
NOT_ENOUGH = "not enough data"
NO_SPREAD = "no spread"


@dataclass(frozen=True)
class Measure:
    name: str
    zh: str
    en: str
    percent: bool = False


# the indicators compared across agencies (panel columns, plus the shares derived here)
MEASURES: tuple[Measure, ...] = (
    Measure("applications_new", "本年新收申请数", "applications received"),
    Measure("processed", "办理结果总计", "applications processed"),
    Measure("disclosure_rate", "公开率（予以公开 + 部分公开）/ 总计", "disclosure rate", True),
    Measure("refusal_share", "不予公开占比", "refused share", True),
    Measure("unable_share", "无法提供占比", "unable-to-provide share", True),
    Measure("review_total", "行政复议数", "administrative reviews"),
    Measure("review_correction_rate", "复议纠错率", "review correction rate", True),
    Measure("litigation_total", "行政诉讼数", "lawsuits"),
    Measure("litigation_correction_rate", "诉讼纠错率", "lawsuit correction rate", True),
    Measure("normative_issued", "规范性文件制发数", "normative documents issued"),
    Measure("admin_fees_wan_yuan", "行政事业性收费（万元）", "administrative fees (10k yuan)"),
)
MEASURE = {m.name: m for m in MEASURES}


def _ratio(num, den) -> float | None:
    num, den = _value(num), _value(den)
    if num is None or not den:
        return None
    return num / den


def with_keys(frame, overrides=None):
    """``frame`` (rows with ``agency`` / ``agency_normalised``) with an ``agency_key`` column (``identity.py``;
    ``overrides``: a mapping, or an override file / folder for ``identity.load_overrides``)."""
    from collections.abc import Mapping

    from ..corpus.identity import agency_key, load_overrides

    if overrides is not None and not isinstance(overrides, Mapping):
        overrides = load_overrides(overrides)
    frame = frame.copy()
    frame["agency_key"] = [agency_key({"agency": a, "agency_normalised": n}, overrides) or (a or "")
                           for a, n in zip(frame["agency"], frame.get("agency_normalised", frame["agency"]))]
    return frame


def derive(panel):
    """The panel with the derived shares: refusal_share = denied / processed, unable_share = unable / processed,
    review_correction_rate = review_corrected / review_total, litigation_correction_rate = litigation_corrected /
    litigation_total (empty when the denominator is empty or 0)."""
    panel = panel.copy()
    for name, num, den in (("refusal_share", "denied", "processed"), ("unable_share", "unable", "processed"),
                           ("review_correction_rate", "review_corrected", "review_total"),
                           ("litigation_correction_rate", "litigation_corrected", "litigation_total")):
        panel[name] = [_ratio(a, b) for a, b in zip(panel[num].astype(object), panel[den].astype(object))]
        panel[name] = panel[name].astype("Float64")
    return panel


def agency_year_panel(corpus, overrides=None):
    """One row per (agency_key, year): the panel's indicators and the derived shares; ``also`` lists the other
    files of the same agency and year that were set aside. Sorted by agency_key, year."""
    import pandas as pd

    panel = derive(with_keys(corpus.panel, overrides))
    if panel.empty:
        panel["also"] = pd.Series(dtype=object)
        panel["n_indicators"] = pd.Series(dtype="Int64")
        return panel
    names = [m.name for m in MEASURES]
    panel["n_indicators"] = panel[names].notna().sum(axis=1)
    panel["_uncertain"] = panel["uncertain_indicators"].fillna("").map(lambda s: len([x for x in s.split(",") if x]))
    panel["_year"] = panel["year"].astype("Int64").fillna(-1)
    ordered = panel.sort_values(["agency_key", "_year", "n_indicators", "_uncertain", "report_id"],
                                ascending=[True, True, False, True, True], kind="mergesort")
    rows, also = [], []
    for _, group in ordered.groupby(["agency_key", "_year"], sort=True, dropna=False):
        rows.append(group.index[0])
        also.append(", ".join(group["report_id"].iloc[1:]))
    out = ordered.loc[rows].drop(columns=["_uncertain", "_year"]).copy()
    out["also"] = also
    return out.reset_index(drop=True)


def robust_z(values):
    """(z-scores, status) for a list of floats (None = missing): status ``ok``, ``not enough data`` (< 3 values),
    or ``no spread`` (MAD = 0: only values at the median get z = 0)."""
    present = [v for v in values if v is not None]
    if len(present) < MIN_GROUP:
        return [None] * len(values), NOT_ENOUGH
    median = statistics.median(present)
    mad = statistics.median(abs(v - median) for v in present)
    if mad == 0:
        return [(0.0 if v == median else None) if v is not None else None for v in values], NO_SPREAD
    return [None if v is None else (v - median) / (MAD_SCALE * mad) for v in values], "ok"


def _value(v) -> float | None:
    """A panel cell as a float; None when missing (None, NA, NaN) or not a number."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def outliers(panel, measures=None):
    """Long table: one row per (report, measure) with a value: level, year, n (values in the group), median, MAD,
    z, status (ok / not enough data / no spread) and outlier (|z| > 3.5). ``panel``: ``agency_year_panel``."""
    import pandas as pd

    measures = measures or [m.name for m in MEASURES]
    records = []
    keys = panel.assign(_level=panel["level"].fillna("?"), _year=panel["year"].astype("Int64").fillna(-1))
    for (level, year), group in keys.groupby(["_level", "_year"], sort=True):
        for name in measures:
            values = [_value(v) for v in group[name]]
            zs, status = robust_z(values)
            present = [v for v in values if v is not None]
            median = statistics.median(present) if present else None
            mad = statistics.median(abs(v - median) for v in present) if present else None
            for (_, row), value, z in zip(group.iterrows(), values, zs):
                if value is None:
                    continue
                records.append({"report_id": row["report_id"], "agency": row["agency"],
                                "agency_key": row["agency_key"], "level": None if level == "?" else level,
                                "year": None if year == -1 else int(year), "measure": name, "value": value,
                                "n": len(present), "median": median, "mad": mad,
                                "z": None if z is None else round(z, 3),
                                "status": status if status != NO_SPREAD or z is None else "ok",
                                "outlier": bool(z is not None and abs(z) > OUTLIER_Z)})
    columns = ["report_id", "agency", "agency_key", "level", "year", "measure", "value", "n", "median", "mad", "z",
               "status", "outlier"]
    return pd.DataFrame(records, columns=columns)


def rankings(panel, measures=None):
    """Long table: rank of each agency within its year for each measure (1 = the highest value; ties share the
    lowest rank), with n = agencies of that year with a value."""
    import pandas as pd

    measures = measures or [m.name for m in MEASURES]
    records = []
    keyed = panel.assign(_year=panel["year"].astype("Int64").fillna(-1))
    for year, group in keyed.groupby("_year", sort=True):
        for name in measures:
            values = [(v, row) for v, (_, row) in zip((_value(x) for x in group[name]), group.iterrows())
                      if v is not None]
            ordered = sorted(values, key=lambda item: (-item[0], item[1]["agency_key"]))
            for position, (value, row) in enumerate(ordered):
                rank = 1 + sum(1 for v, _ in ordered if v > value)
                records.append({"year": None if year == -1 else int(year), "measure": name, "rank": rank,
                                "n": len(ordered), "agency": row["agency"], "agency_key": row["agency_key"],
                                "level": row["level"], "report_id": row["report_id"], "value": value})
    columns = ["year", "measure", "rank", "n", "agency", "agency_key", "level", "report_id", "value"]
    return pd.DataFrame(records, columns=columns)


def distributions(panel, measures=None):
    """Per measure and year: n, min, first quartile, median, third quartile, max (over agencies)."""
    import pandas as pd

    measures = measures or [m.name for m in MEASURES]
    records = []
    keyed = panel.assign(_year=panel["year"].astype("Int64").fillna(-1))
    for year, group in keyed.groupby("_year", sort=True):
        for name in measures:
            values = pd.Series([v for v in (_value(x) for x in group[name]) if v is not None], dtype=float)
            if values.empty:
                continue
            records.append({"year": None if year == -1 else int(year), "measure": name, "n": len(values),
                            "min": values.min(), "q1": values.quantile(0.25), "median": values.median(),
                            "q3": values.quantile(0.75), "max": values.max()})
    return pd.DataFrame(records, columns=["year", "measure", "n", "min", "q1", "median", "q3", "max"])
