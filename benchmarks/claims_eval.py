"""Precision and recall of the claim extractor on the hand-annotated gold sets.

    .venv/bin/python benchmarks/claims_eval.py [--details] [--gold FILE]

Two sets (tests/data/claims_gold.md): ``claims_gold.jsonl``, 11 reports the extractor was tuned while looking at
(a regression measure), and ``claims_gold_fresh.jsonl``, every numeric sentence of three reports of other agencies
annotated after the extractor was written (the out-of-sample measure). Each is scored on its own.

Only sentences that the annotators covered are scored: a claim we find in such a sentence that matches no gold
claim is a false positive (and so is any claim overlapping an annotated non-quantity: a year, a phone number, an
ordinal…). Value+unit is right when both equal the gold's; a subject is right when, spaces removed, one contains the
other (annotators wrote the shortest phrase a reader accepts; the extractor may keep a longer one).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "claims_gold.jsonl"
FRESH = ROOT / "tests" / "data" / "claims_gold_fresh.jsonl"


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and the original offset of each kept character."""
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in keep), keep


def locate(item: dict, raw: str, text: str, compact_text: tuple[str, list[int]]) -> tuple[int, int] | None:
    """Where a gold span lies in the report's text, found by its sentence (cleaning may drop page chrome and
    insert line breaks, so raw-file offsets cannot be used directly)."""
    from nlp.ingest.normalise import normalise

    sentence = item["sentence"]
    s_raw = raw.rfind(sentence, 0, item["start"] + len(sentence))  # the last occurrence starting at or before it
    if s_raw < 0:
        return None
    before = normalise(sentence[: item["start"] - s_raw])
    c_sentence, _ = _compact(normalise(sentence))
    c_text, index = compact_text
    at = c_text.find(c_sentence)
    if at < 0:
        return None
    c_start = at + len(_compact(before)[0])
    c_len = len(_compact(normalise(item["text"]))[0])
    return index[c_start], index[c_start + c_len - 1] + 1


def load_gold(path: Path = GOLD) -> dict[str, list[dict]]:
    by_file = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            by_file[item["file"]].append(item)
    return by_file


def evaluate(gold: dict[str, list[dict]], details: bool = False) -> dict:
    import nlp
    from nlp.text.sentences import sentence_spans

    tp = fp = fn = subject_ok = subject_n = 0
    for name, items in sorted(gold.items()):
        path = ROOT / "corpus" / name
        report = nlp.read(path)
        text = report.document.text
        ingested = all(item.get("offsets") == "ingested" for item in items)  # offsets in the ingested text
        raw = None if ingested else path.read_text("utf-8").replace("\r\n", "\n")
        compact_text = _compact(text)
        spans, sentences = [], set()
        for item in items:
            if ingested:
                start = item["start"]
                where = (start, start + len(item["text"])) if text[start:start + len(item["text"])] == item["text"] else None
            else:
                where = locate(item, raw, text, compact_text)
            if where is None:
                print(f"NOT FOUND {name} {item['text']!r}", file=sys.stderr)
                continue
            spans.append((*where, item))
            sentences.add(next((s for s in sentence_spans(text) if s[0] <= where[0] < s[1]), where))
        found = [c for c in report.claims if any(a <= c.span[0] < b for a, b in sentences)]
        seen = {id(it) for _, _, it in spans}
        fn += sum(1 for it in items if not it.get("negative") and id(it) not in seen)
        matched = set()
        for claim in found:
            hit = next((it for a, b, it in spans if a < claim.span[1] and claim.span[0] < b), None)
            if hit is None or hit.get("negative"):
                fp += 1
                if details:
                    print(f"FP {name} {claim.quantity.text!r} value={claim.value} unit={claim.unit}")
                continue
            if Decimal(hit["value"]) == claim.value and (hit.get("unit") or None) == claim.unit:
                tp += 1
                matched.add(id(hit))
                subject_n += 1
                gs, cs = hit.get("subject", "").replace(" ", ""), claim.subject.replace(" ", "")
                if gs and (gs in cs or cs in gs) and cs:
                    subject_ok += 1
                elif details:
                    print(f"SUBJECT {name} {claim.quantity.text!r}: gold {gs!r} got {cs!r}")
            else:
                fp += 1
                if details:
                    print(f"WRONG {name} {claim.quantity.text!r}: gold {hit['value']} {hit.get('unit')} got {claim.value} {claim.unit}")
        for a, b, item in spans:
            if not item.get("negative") and id(item) not in matched:
                fn += 1
                if details:
                    print(f"FN {name} {item['text']!r} ({item['value']} {item.get('unit')}) in {item['sentence'][:40]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"true_positives": tp, "false_positives": fp, "false_negatives": fn,
            "precision": round(precision, 4), "recall": round(recall, 4),
            "subject_accuracy": round(subject_ok / subject_n, 4) if subject_n else 0.0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print every error")
    parser.add_argument("--gold", type=Path, action="append", help="a gold file (default: both sets)")
    args = parser.parse_args(argv)
    results = {}
    for path in args.gold or [p for p in (GOLD, FRESH) if p.exists()]:
        if args.details:
            print(f"--- {path.name}")
        results[path.name] = evaluate(load_gold(path), args.details)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
