"""Throughput of nlp.text.quantities on the plain-text and Markdown reports in corpus/.

    .venv/bin/python benchmarks/quantities_speed.py [--repeat N]

Prints characters per second for the mask pass alone and for find_quantities (best of N runs, warm).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    from nlp.ingest.normalise import normalise
    from nlp.text.quantities import _masked, find_dates, find_quantities

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md"))
    texts = [normalise(p.read_text("utf-8")) for p in paths]
    chars = sum(map(len, texts))
    found = sum(len(find_quantities(t)) for t in texts)  # warm-up (cn2an cache)
    for label, fn in (("mask pass", _masked), ("find_dates", find_dates), ("find_quantities", find_quantities)):
        best = min(_timed(fn, texts) for _ in range(args.repeat))
        print(f"{label:16s} {chars} chars in {best * 1000:7.1f} ms = {chars / best / 1e6:5.2f} M chars/s")
    print(f"{len(texts)} files, {found} quantities")
    return 0


def _timed(fn, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
