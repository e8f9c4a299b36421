"""Many reports: finding files, reading them with per-file isolation and a content-hash cache, the store.

    corpus = nlp.scan("corpus/", out="reports_out")   # → Corpus (run.py); the CLI's `xxgk scan` calls it
    corpus.facts, corpus.findings, corpus.panel        # pandas DataFrames with the store's columns (schema.py)
    nlp.Corpus.from_store("reports_out/xxgk.duckdb")

Nothing heavy is imported here: pandas, pyarrow, duckdb and openpyxl are imported when a table is asked for.
"""
from __future__ import annotations

from .corpus import Corpus
from .run import Event, scan
from .scan import Outcome, find_reports, iter_scan, read_one

__all__ = ["Corpus", "Event", "Outcome", "find_reports", "iter_scan", "read_one", "scan"]
