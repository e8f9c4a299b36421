"""Distinctive keywords per agency and per year, and a similarity map of the reports.

**Terms.** ``nlp.text.keywords.tokenizer`` (jieba with the domain dictionary, HMM off, stop list, no numbers) when
the text layer is installed; otherwise Chinese character bigrams (``method`` says which). Only running text counts:
the passages of ``nlp.compare.reuse`` (no table rows, no headings). One file per agency and year is used (the other
files of the same report would count its words twice; ``panel.agency_year_panel`` chooses).

**Distinctive keywords** of a group (an agency, or a year) against the rest of the corpus: for each term, the 2×2
table (occurrences of the term / of other terms, in the group / in the rest) gives Pearson's chi-squared

    χ² = N (a·d − b·c)² / ((a + b)(c + d)(a + c)(b + d))

with a = the term in the group, b = the term elsewhere, c and d the other terms in and out of the group, N = a + b +
c + d. A term is kept when it occurs at least ``MIN_COUNT`` (3) times in the group and is more frequent there than
elsewhere (a / (a + c) > b / (b + d)); the ``K`` highest χ² are listed. A corpus with a single group has nothing to
contrast: ``not enough data``.

**Similarity map.** TF-IDF vectors of the reports (same terms, sublinear tf, L2 norm), cosine similarity, and a 2-D
projection by PCA (scikit-learn, ARPACK solver, ``random_state=0``: deterministic). ``neighbours`` lists each
report's most similar reports.
"""
from __future__ import annotations

import re
from collections import Counter

K = 10
MIN_COUNT = 3
NEIGHBOURS = 3
RANDOM_STATE = 0
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")


def terms_function():
    """(function text -> list of terms, method name): the text layer's tokenizer, else character bigrams."""
    try:
        from ..text.keywords import tokenizer

        tokenizer("政府信息公开")  # the dictionary loads here; a broken text layer falls back
        return tokenizer, "jieba"
    except Exception:  # noqa: BLE001 - any failure of the optional text layer means the fallback
        return bigrams, "char-bigram"


def bigrams(text: str) -> list[str]:
    """Chinese character bigrams of each run of Chinese characters (the fallback terms)."""
    out = []
    for run in _HAN.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def report_texts(corpus, report_ids=None) -> dict[str, str]:
    """Running text of each report: its passages (``reuse.passages``) joined by newlines."""
    from .reuse import passages

    frame = corpus.paragraphs
    if report_ids is not None:
        frame = frame[frame["report_id"].isin(set(report_ids))]
    texts: dict[str, list[str]] = {}
    for p in passages(frame):
        texts.setdefault(p.report_id, []).append(p.text)
    return {rid: "\n".join(parts) for rid, parts in sorted(texts.items())}


def chi2(a: int, b: int, c: int, d: int) -> float:
    n = a + b + c + d
    den = (a + b) * (c + d) * (a + c) * (b + d)
    return n * (a * d - b * c) ** 2 / den if den else 0.0


def _distinctive(groups: dict[str, Counter], k: int) -> list[dict]:
    total = Counter()
    for counts in groups.values():
        total.update(counts)
    n_all = sum(total.values())
    out = []
    for name, counts in sorted(groups.items()):
        n_group = sum(counts.values())
        n_rest = n_all - n_group
        scored = []
        for term, a in counts.items():
            b = total[term] - a
            if a < MIN_COUNT or n_rest == 0 or a / n_group <= b / n_rest:
                continue
            scored.append((chi2(a, b, n_group - a, n_rest - b), term, a, b))
        scored.sort(key=lambda s: (-s[0], s[1]))
        for rank, (score, term, a, b) in enumerate(scored[:k]):
            out.append({"group": name, "rank": rank + 1, "term": term, "count": a, "rest_count": b,
                        "chi2": round(score, 3), "group_terms": n_group, "rest_terms": n_rest})
    return out


def distinctive_keywords(corpus, overrides=None, k: int = K, panel=None):
    """Long table: scope (agency | year), group, rank, term, count (in the group), rest_count, chi2, group_terms,
    rest_terms, method; a group with nothing to contrast has one row with status ``not enough data``."""
    import pandas as pd

    from .panel import agency_year_panel

    panel = agency_year_panel(corpus, overrides) if panel is None else panel
    texts = report_texts(corpus, panel["report_id"].tolist())
    cut, method = terms_function()
    counts = {rid: Counter(cut(text)) for rid, text in texts.items()}
    rows = []
    for scope, column in (("agency", "agency_key"), ("year", "year")):
        groups: dict[str, Counter] = {}
        for rid, value in zip(panel["report_id"], panel[column]):
            if rid in counts and not pd.isna(value):
                groups.setdefault(str(value), Counter()).update(counts[rid])
        if len(groups) < 2:
            rows += [{"scope": scope, "group": g, "status": "not enough data"} for g in sorted(groups)]
            continue
        rows += [{"scope": scope, **r, "status": "ok"} for r in _distinctive(groups, k)]
    columns = ["scope", "group", "rank", "term", "count", "rest_count", "chi2", "group_terms", "rest_terms", "status"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["method"] = method
    return frame


def similarity_map(corpus, overrides=None):
    """(points, neighbours): ``points`` one row per report with x, y (PCA of the TF-IDF vectors) and agency, year;
    ``neighbours`` report_id, rank, other, cosine. Fewer than 3 reports: points on a line, no projection."""
    import numpy as np
    import pandas as pd

    from .panel import with_keys

    reports = with_keys(corpus.reports_frame, overrides)
    texts = report_texts(corpus)
    ids = [rid for rid in reports["report_id"] if texts.get(rid)]
    meta = reports.set_index("report_id")
    cut, method = terms_function()
    points_cols = ["report_id", "agency", "agency_key", "year", "x", "y", "method"]
    neighbour_cols = ["report_id", "rank", "other", "cosine"]
    if not ids:
        return pd.DataFrame(columns=points_cols), pd.DataFrame(columns=neighbour_cols)
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(tokenizer=cut, token_pattern=None, lowercase=False, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([texts[rid] for rid in ids])
    except ValueError:  # no term at all
        return pd.DataFrame(columns=points_cols), pd.DataFrame(columns=neighbour_cols)
    n = len(ids)
    if n >= 3 and matrix.shape[1] >= 3:
        from sklearn.decomposition import PCA

        xy = PCA(n_components=2, svd_solver="arpack", random_state=RANDOM_STATE).fit_transform(matrix)
        xy = xy * np.where(xy.sum(axis=0) < 0, -1.0, 1.0)  # a fixed orientation whatever the solver's signs
    else:
        xy = np.array([[float(i), 0.0] for i in range(n)])
    points = pd.DataFrame({"report_id": ids, "agency": [meta.loc[r, "agency"] for r in ids],
                           "agency_key": [meta.loc[r, "agency_key"] for r in ids],
                           "year": pd.array([meta.loc[r, "year"] for r in ids], dtype="Int64"),
                           "x": np.round(xy[:, 0], 6), "y": np.round(xy[:, 1], 6), "method": method})
    neighbours = []
    if n >= 2:
        from sklearn.neighbors import NearestNeighbors

        k = min(NEIGHBOURS + 1, n)
        index = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(matrix)
        distances, found = index.kneighbors(matrix)
        for i, rid in enumerate(ids):
            others = [(1.0 - d, ids[j]) for d, j in zip(distances[i], found[i]) if j != i]
            others.sort(key=lambda o: (-round(o[0], 9), o[1]))
            for rank, (cosine, other) in enumerate(others[:NEIGHBOURS]):
                neighbours.append({"report_id": rid, "rank": rank + 1, "other": other, "cosine": round(cosine, 4)})
    return points[points_cols], pd.DataFrame(neighbours, columns=neighbour_cols)
