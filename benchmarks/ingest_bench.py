"""Reading speed on the real corpus, against pdfminer.six's plain ``extract_text`` in the same run.

    .venv/bin/python benchmarks/ingest_bench.py [--repeat 3]

Reports pages/s for PDF (our whole reading, tables included, vs pdfminer's text alone; target ratio ≤ 2×) and
reports/s for HTML and text, reading only (``nlp.ingest.ingest``) and the whole audit (``nlp.read``).
Best of --repeat runs; run on demand, never in the test suite.
"""
from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)

    import pdfplumber
    from pdfminer.high_level import extract_text

    import nlp
    from nlp.ingest import ingest

    files = sorted(p for p in args.corpus.iterdir() if p.suffix in (".pdf", ".html", ".txt", ".md"))
    pdfs = [p for p in files if p.suffix == ".pdf"]
    others = [p for p in files if p.suffix != ".pdf"]
    for p in files[:2]:
        nlp.read(p)  # warm up: imports, jieba-free lexicons, caches
    result = {}
    if pdfs:
        pages = 0
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                pages += len(pdf.pages)
        baseline = best(lambda: [extract_text(io.BytesIO(p.read_bytes())) for p in pdfs], args.repeat)
        ours = best(lambda: [ingest(p) for p in pdfs], args.repeat)
        whole = best(lambda: [nlp.read(p) for p in pdfs], args.repeat)
        result["pdf"] = {"files": len(pdfs), "pages": pages,
                         "pdfminer_extract_text_pages_per_s": round(pages / baseline, 1),
                         "xxgk_ingest_pages_per_s": round(pages / ours, 1),
                         "xxgk_read_pages_per_s": round(pages / whole, 1),
                         "ingest_time_ratio_vs_pdfminer": round(ours / baseline, 2),
                         "read_time_ratio_vs_pdfminer": round(whole / baseline, 2)}
    for suffix in (".html", ".txt", ".md"):
        group = [p for p in others if p.suffix == suffix]
        if group:
            ingest_t = best(lambda: [ingest(p) for p in group], args.repeat)
            read_t = best(lambda: [nlp.read(p) for p in group], args.repeat)
            result[suffix[1:]] = {"files": len(group), "ingest_reports_per_s": round(len(group) / ingest_t, 1),
                                  "read_reports_per_s": round(len(group) / read_t, 1)}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
