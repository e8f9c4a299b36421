"""Comparisons across reports: the agency × year panel (rankings, distributions, robust outliers), consistency
scores, text reuse (MinHash + LSH), distinctive keywords, a similarity map, charts with Chinese labels, the corpus
report and two reports side by side.

    >>> corpus = nlp.scan("corpus/", out="reports_out")
    >>> nlp.compare.corpus_report(corpus, "reports_out")       # index.html + index.md + charts/ (as `xxgk scan`)
    >>> result = nlp.compare.analyse(corpus)                   # the same comparisons as DataFrames
    >>> result.reuse.reports[["report_id", "reuse_share", "prev_report", "prev_share"]]
    >>> pair = nlp.compare.compare("corpus/200_pingtan_2024.html", "corpus/201_pingtan_2025.html")
    >>> pair.write("reports_out")                              # as `xxgk compare A B`

Modules (each imports its heavy dependencies when called): ``panel``, ``consistency``, ``reuse``, ``keywords``,
``fonts``, ``charts``, ``analysis`` (``analyse``, ``corpus_report``), ``pair`` (``compare``). See
docs/corpus-report.md.
"""
from __future__ import annotations

__all__ = ["Analysis", "Comparison", "analyse", "compare", "corpus_report", "find_reuse"]


def __getattr__(name):
    if name in ("analyse", "corpus_report", "Analysis"):
        from . import analysis

        return getattr(analysis, name)
    if name in ("compare", "Comparison"):
        from . import pair

        return getattr(pair, name)
    if name == "find_reuse":
        from .reuse import find_reuse

        return find_reuse
    raise AttributeError(f"module 'nlp.compare' has no attribute '{name}'")
