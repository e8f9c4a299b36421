"""xxgk: audit Chinese government information-disclosure annual reports, deterministically and offline.

    >>> import nlp
    >>> report = nlp.read("corpus/000_dongying_gjj_2018.txt")
    >>> report.fact("p.active.total").value
    244
    >>> corpus = nlp.scan("corpus/", out="reports_out")   # every report: a Corpus of DataFrames, and the store
"""
__version__ = "0.1.0"


def read(path):
    """Read and audit one report (see ``nlp.pipeline.read``)."""
    from .pipeline import read as _read

    return _read(path)


def scan(paths, out=None, workers=None, cache=True, report=True, **options):
    """Read every report under ``paths`` into a ``Corpus`` (see ``nlp.corpus.run.scan``): parallel, cached,
    resumable; with ``out``, also the per-report outputs, the store (DuckDB, Parquet, Excel) and, unless
    ``report=False``, the corpus report (index.html, index.md, charts/) — what ``xxgk scan`` writes.
    ``cluster="tcp://host:8786"`` (or a ``distributed.Client``, or "local") reads on a Dask cluster (docs/cluster.md)."""
    from .corpus import scan as _scan

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    corpus = _scan(paths, out=out, workers=workers, cache=cache, **options)
    if out is not None and report:
        from .compare.analysis import report_after_scan

        _, problem = report_after_scan(corpus, out, paths, cache=bool(cache))
        if problem:
            corpus.errors.append({"code": "E998", "path": str(out), "reason": f"corpus report not written: {problem}"})
    return corpus


def __getattr__(name):
    if name == "Corpus":  # lazily, like read and scan: `import nlp` stays cheap
        from .corpus import Corpus

        return Corpus
    if name == "compare":
        import importlib

        return importlib.import_module(".compare", __name__)
    raise AttributeError(f"module 'nlp' has no attribute '{name}'")
