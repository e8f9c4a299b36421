"""Cost of the comparisons and of the corpus report, and the re-scan that skips it (target: re-scan < 10%).

    .venv/bin/python benchmarks/compare_bench.py [--corpus corpus/] [--workers N]

1. ``xxgk scan CORPUS --out TMP`` in a subprocess, from scratch (reading, store, corpus report), then again on the
   unchanged corpus (everything from the cache; the corpus report is not redone);
2. in this process, on the store of step 1: each comparison timed alone (panel, consistency, reuse, keywords,
   similarity map, charts) and the rendering of index.html / index.md.

Prints a JSON object; run on demand, never in the test suite.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, round(time.perf_counter() - started, 3)


def cli_scan(corpus: Path, out: Path, workers: int | None) -> float:
    command = [str(Path(sys.executable).with_name("xxgk")), "scan", str(corpus), "--out", str(out)]
    if workers:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"xxgk scan failed ({done.returncode}): {done.stderr[-2000:]}")
    return round(seconds, 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    result: dict = {"corpus": str(args.corpus)}
    with tempfile.TemporaryDirectory(prefix="xxgk-compare-bench-") as tmp:
        out = Path(tmp) / "out"
        result["scan_first_s"] = cli_scan(args.corpus, out, args.workers)
        result["scan_again_s"] = cli_scan(args.corpus, out, args.workers)
        result["again_over_first"] = round(result["scan_again_s"] / result["scan_first_s"], 4)

        import nlp
        from nlp.compare import charts, consistency, keywords, panel, reuse
        from nlp.render.corpus import corpus_html, corpus_markdown

        corpus = nlp.Corpus.from_store(out)
        table, result["panel_s"] = timed(panel.agency_year_panel, corpus)
        _, result["rankings_outliers_s"] = timed(lambda: (panel.rankings(table), panel.outliers(table)))
        scores, result["consistency_s"] = timed(consistency.report_scores, corpus)
        found, result["reuse_s"] = timed(reuse.find_reuse, corpus)
        _, result["keywords_s"] = timed(keywords.distinctive_keywords, corpus, panel=table)
        (points, _), result["similarity_map_s"] = timed(keywords.similarity_map, corpus)
        _, result["charts_s"] = timed(lambda: [charts.panel_chart(table),
                                               charts.consistency_chart(scores, consistency.agency_scores(scores)),
                                               charts.reuse_chart(found.reports), charts.similarity_chart(points)])
        analysis, result["analyse_all_s"] = timed(nlp.compare.analyse, corpus, charts=True)
        pages = {rid: f"{rid}.html" for rid in analysis.reports["report_id"]}
        html, result["render_html_s"] = timed(corpus_html, analysis, pages)
        markdown, result["render_md_s"] = timed(corpus_markdown, analysis, pages)
        result.update({"reports": len(analysis.reports), "passages": int(found.reports["passages"].sum()),
                       "passage_pairs": len(found.passages), "report_pairs": len(found.pairs),
                       "index_html_bytes": len(html.encode()), "index_md_bytes": len(markdown.encode())})
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
