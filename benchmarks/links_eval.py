"""Precision and recall of the claim → cell linker on the hand-annotated gold set (tests/data/links_gold.jsonl).

    .venv/bin/python benchmarks/links_eval.py [--details] [--folds K]

Every gold pair is a narrative quantity with the cell it restates, or "none". Each is matched to the claim the
pipeline extracts at the same offset; the linker's answer for it is its best candidate with probability ≥ LINK_MIN
(else "none"). Counted over gold pairs:
  true positive   the linker names the annotated cell (a sum "a + b" compares as a set of cells)
  false positive  the linker names a cell and the annotation says another one or "none"
  false negative  the annotation names a cell and the linker names none or another one
Measured three ways:
  cross-validated  the classifier is refitted without the held-out report (group k-fold by report; leave-one-report-
                   out by default), its C chosen by an inner group k-fold on the training reports only — the honest
                   figure;
  strong links     the same predictions restricted to scores ≥ STRONG, the only links that can ever produce a fail;
  lexicon only     the plain lexicon score with the same thresholds (no classifier), for comparison.
The shipped model's in-sample figures are printed last and labelled as such: they are not a measurement.

Caveat printed with the results: the lexicon (nlp/data/lexicon/links.toml) was written while reading these same
reports, so cross-validation measures the classifier given that lexicon, not how the lexicon's words carry over to
reports nobody has read.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from nlp.link import LINK_MIN, STRONG
    from nlp.linking import (build_items, cross_validate, load_gold, model, predict, same_target,
                             score_predictions)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every disagreement with the gold set")
    parser.add_argument("--folds", type=int, default=None, help="group k-fold by report (default: one per report)")
    args = parser.parse_args()

    gold = load_gold()
    items = build_items(gold)
    positives = sum(i.cell != "none" for i in items)
    print(f"gold: {len(items)} pairs ({positives} restate a cell, {len(items) - positives} none) from "
          f"{len({i.group for i in items})} reports; claims found by the extractor: {sum(i.found for i in items)}")
    reachable = sum(any(same_target(t, i.cell) for t, _ in i.cands) for i in items if i.cell != "none")
    print(f"positives whose cell the lexicon proposes at all: {reachable}/{positives}")

    oof = cross_validate(items, args.folds)
    lexicon = [(i, *predict(None, i)) for i in items]
    shipped = model()
    in_sample = [(i, *predict(shipped, i)) for i in items]

    def line(name, pairs, threshold):
        s = score_predictions(pairs, threshold)
        print(f"  {name:<34} precision {s['precision']:.3f}  recall {s['recall']:.3f}  f1 {s['f1']:.3f}  "
              f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")

    scheme = f"{args.folds}-fold" if args.folds else "leave-one-report-out"
    print(f"\ncross-validated by report ({scheme}):")
    line(f"links (score ≥ {LINK_MIN})", oof, LINK_MIN)
    line(f"strong links (score ≥ {STRONG})", oof, STRONG)
    print("lexicon only (no classifier):")
    line(f"links (score ≥ {LINK_MIN})", lexicon, LINK_MIN)
    line(f"strong links (score ≥ {STRONG})", lexicon, STRONG)
    if shipped is not None:
        print("shipped model, in-sample (trained on these very pairs — not a measurement):")
        line(f"links (score ≥ {LINK_MIN})", in_sample, LINK_MIN)
        line(f"strong links (score ≥ {STRONG})", in_sample, STRONG)

    print("\ncross-validated, per report:")
    by_report = defaultdict(list)
    for row in oof:
        by_report[row[0].gold["file"]].append(row)
    for file, rows in sorted(by_report.items()):
        s = score_predictions(rows, LINK_MIN)
        print(f"  {file:<34} pairs {len(rows):>3}  tp {s['tp']:>2} fp {s['fp']:>2} fn {s['fn']:>2}")

    if args.details:
        print("\ncross-validated disagreements (file, quantity, gold → predicted, score):")
        for item, target, p in oof:
            predicted = target if p >= LINK_MIN else "none"
            agree = (predicted == "none" and item.cell == "none") or (
                predicted != "none" and item.cell != "none" and same_target(predicted, item.cell))
            if not agree:
                print(f"  {item.gold['file']} @{item.gold['start']} {item.gold['text']!r}: {item.cell} → "
                      f"{predicted} ({p:.2f})  | {item.gold['sentence'][:60]}")
    print("\nnote: the lexicon was written while reading these reports; cross-validation measures the classifier "
          "given that lexicon, not the lexicon's reach on unseen reports.")


if __name__ == "__main__":
    main()
