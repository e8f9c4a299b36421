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


def scan(paths, out=None, workers=None, cache=True, **options):
    """Read every report under ``paths`` into a ``Corpus`` (see ``nlp.corpus.run.scan``): parallel, cached,
    resumable; with ``out``, also the per-report outputs and the store (DuckDB, Parquet, Excel)."""
    from .corpus import scan as _scan

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    return _scan(paths, out=out, workers=workers, cache=cache, **options)


def __getattr__(name):
    if name == "Corpus":  # lazily, like read and scan: `import nlp` stays cheap
        from .corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'nlp' has no attribute '{name}'")
