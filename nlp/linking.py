"""The claim → cell classifier: a logistic regression over the features of nlp/link.py.

* **At run time** (``model()``): the coefficients are read from nlp/data/models/links.json and applied in plain
  Python — no scikit-learn import, no pickle.
* **Training** (``python -m nlp.linking train``): every gold pair of tests/data/links_gold.jsonl is matched to the
  claim the pipeline extracts at the same place; each lexicon candidate of that claim becomes one example, positive
  when its target is the annotated cell. scikit-learn's ``LogisticRegression`` is fitted on all examples (its C
  chosen among ``CS`` by a group k-fold by report) and the coefficients are written as JSON, together with the gold
  file's sha256 and the cross-validated scores. Pairs whose quantity the claim extractor missed, and positives whose
  cell the lexicon does not propose, yield no example but still count as misses in the measurement.
* **Honest measurement** (``cross_validate``): group k-fold by report — the model that scores a report never saw any
  pair of that report. A claim's predicted cell is its best candidate with probability ≥ ``LINK_MIN``, else none.

The value a claim states is never a feature: a link must not be chosen because it makes the check pass.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .link import FEATURES, LINK_MIN, STRONG, candidates, cap

MODEL_FILE = "links.json"
ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "links_gold.jsonl"
CORPUS = ROOT / "corpus"
CS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)  # candidate inverse regularisation strengths (chosen by inner CV)


@dataclass(frozen=True)
class LinkModel:
    coef: tuple[float, ...]
    intercept: float

    def probability(self, f: dict[str, float]) -> float:
        z = self.intercept + sum(w * f[name] for w, name in zip(self.coef, FEATURES))
        return 1 / (1 + math.exp(-z))


_disabled = False  # set while training: the pipeline then links by the plain lexicon score


def model() -> LinkModel | None:
    """The shipped model, or None when there is none (the plain lexicon score is used then)."""
    return None if _disabled else _load()


@cache
def _load() -> LinkModel | None:
    source = resources.files("nlp.data.models").joinpath(MODEL_FILE)
    if not source.is_file():
        return None
    data = json.loads(source.read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE} was trained on other features ({data['features']}); retrain: "
                         "python -m nlp.linking train")
    return LinkModel(tuple(data["coef"]), data["intercept"])


# ------------------------------------------------------------------------------------------------ gold set


def gold_sha256(path: Path = GOLD) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def same_target(a: str, b: str) -> bool:
    """Targets are equal as sets of cells ("a + b" = "b + a")."""
    return {c.strip() for c in a.split("+")} == {c.strip() for c in b.split("+")}


@dataclass
class Item:
    """One gold pair, with the claim the pipeline found at its place (None when the extractor missed it) and the
    claim's candidates as (target, feature vector)."""

    gold: dict
    found: bool
    cands: list[tuple[str, list[float]]]

    @property
    def group(self) -> str:
        return self.gold["report"]

    @property
    def cell(self) -> str:
        return self.gold["cell"]


def build_items(gold: list[dict], corpus: Path = CORPUS) -> list[Item]:
    """Read each gold report once and turn every gold pair into an ``Item``."""
    import nlp

    global _disabled
    by_file: dict[str, list[dict]] = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    items = []
    for file, rows in sorted(by_file.items()):
        _disabled = True  # the candidates' features do not depend on any model; do not load a stale one
        try:
            report = nlp.read(corpus / file)
        finally:
            _disabled = False
        text = report.document.text
        cands = candidates(report.claims, text, report.meta.template)
        for row in rows:
            assert text[row["start"]:row["end"]] == row["text"], (file, row["start"], row["text"])
            at = next((i for i, c in enumerate(report.claims)
                       if c.span[0] < row["end"] and row["start"] < c.span[1]), None)
            if at is None:
                items.append(Item(row, False, []))
                continue
            items.append(Item(row, True, [(e.target, [f[n] for n in FEATURES]) for e, f in cands[at]]))
    return items


# ------------------------------------------------------------------------------------------------ training


def _examples(items: list[Item]):
    X, y, _ = _examples_grouped(items)
    return X, y


def _examples_grouped(items: list[Item]):
    """One example per (gold pair, lexicon candidate): features, 1 when the candidate is the annotated cell, report."""
    X, y, groups = [], [], []
    for item in items:
        for target, vector in item.cands:
            X.append(vector)
            y.append(int(item.cell != "none" and same_target(target, item.cell)))
            groups.append(item.group)
    return X, y, groups


def _fit_c(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(X, y)


def choose_c(X, y, groups) -> float:
    """The C of ``CS`` with the lowest log-loss under group k-fold by report on these examples only."""
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    n_groups = len(set(groups))
    if n_groups < 3:
        return 1.0
    splits = list(GroupKFold(n_splits=min(5, n_groups)).split(X, y, groups))
    if not all(0 < sum(y[i] for i in train) < len(train) for train, _ in splits):
        return 1.0
    losses = {}
    for c in CS:
        predicted, truth = [], []
        for train, test in splits:
            clf = _fit_c([X[i] for i in train], [y[i] for i in train], c)
            predicted += list(clf.predict_proba([X[i] for i in test])[:, 1])
            truth += [y[i] for i in test]
        losses[c] = log_loss(truth, predicted, labels=[0, 1])
    return min(CS, key=lambda c: (round(losses[c], 6), c))


def fit(items: list[Item]) -> tuple[LinkModel, float]:
    """Logistic regression; its regularisation C is chosen among ``CS`` by an inner group k-fold by report on
    ``items`` only (log-loss), so an outer fold never sees its held-out report, even through C."""
    X, y, groups = _examples_grouped(items)
    c = choose_c(X, y, groups)
    clf = _fit_c(X, y, c)
    return LinkModel(tuple(float(w) for w in clf.coef_[0]), float(clf.intercept_[0])), c


def predict(model_: LinkModel | None, item: Item) -> tuple[str, float]:
    """(predicted target or "none", its score) for one gold item."""
    best, best_p = "none", 0.0
    for target, vector in item.cands:
        f = dict(zip(FEATURES, vector))
        p = cap(model_.probability(f) if model_ is not None else f["lexicon"], f)
        if p >= LINK_MIN and p > best_p:
            best, best_p = target, p
    return best, best_p


def score_predictions(pairs: list[tuple[Item, str, float]], threshold: float = LINK_MIN) -> dict:
    """Precision/recall of predicted links (those with score ≥ threshold) against the gold cells."""
    tp = fp = fn = 0
    for item, target, p in pairs:
        predicted = target if target != "none" and p >= threshold else "none"
        gold = item.cell
        if predicted != "none" and gold != "none" and same_target(predicted, gold):
            tp += 1
        else:
            fp += predicted != "none"
            fn += gold != "none"
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0}


def cross_validate(items: list[Item], n_splits: int | None = None) -> list[tuple[Item, str, float]]:
    """Out-of-fold predictions: group k-fold by report (leave-one-report-out when ``n_splits`` is None)."""
    from sklearn.model_selection import GroupKFold

    groups = [i.group for i in items]
    k = n_splits or len(set(groups))
    out: list[tuple[Item, str, float]] = []
    for train, test in GroupKFold(n_splits=k).split(items, groups=groups):
        train_items = [items[i] for i in train]
        fitted = fit(train_items)[0] if any(_examples(train_items)[1]) else None
        for i in test:
            target, p = predict(fitted, items[i])
            out.append((items[i], target, p))
    return out


def train(gold_path: Path = GOLD, out: Path | None = None) -> dict:
    """Fit on the whole gold set, cross-validate by report, write the model JSON; returns what was written."""
    gold = load_gold(gold_path)
    items = build_items(gold)
    fitted, chosen_c = fit(items)
    oof = cross_validate(items)
    X, y = _examples(items)
    data = {
        "version": 1,
        "kind": "logistic_regression",
        "features": list(FEATURES),
        "coef": [round(w, 6) for w in fitted.coef],
        "intercept": round(fitted.intercept, 6),
        "link_min": LINK_MIN,
        "strong": STRONG,
        "trained_on": {"gold": "tests/data/links_gold.jsonl", "sha256": gold_sha256(gold_path),
                       "pairs": len(gold), "reports": len({g["report"] for g in gold}),
                       "claims_found": sum(i.found for i in items), "examples": len(y), "positives": sum(y),
                       "C": chosen_c, "C_candidates": list(CS)},
        "cross_validated": {"scheme": "leave-one-report-out (GroupKFold by report); C chosen inside each fold",
                            "links": score_predictions(oof, LINK_MIN),
                            "strong_links": score_predictions(oof, STRONG)},
    }
    out = out or Path(str(resources.files("nlp.data.models").joinpath(MODEL_FILE)))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    _load.cache_clear()
    return data


if __name__ == "__main__":  # python -m nlp.linking train
    import sys

    from nlp import linking  # the package's module object (this file runs as __main__), whose state link.py sees

    if sys.argv[1:] != ["train"]:
        sys.exit("usage: python -m nlp.linking train")
    written = linking.train()
    print(json.dumps({k: written[k] for k in ("trained_on", "cross_validated")}, ensure_ascii=False, indent=1))
