"""xxgk: audit Chinese government information-disclosure annual reports, deterministically and offline.

    >>> import nlp
    >>> report = nlp.read("corpus/000_dongying_gjj_2018.txt")
    >>> report.fact("p.active.total").value
    244
"""
__version__ = "0.1.0"


def read(path):
    """Read and audit one report (see ``nlp.pipeline.read``)."""
    from .pipeline import read as _read

    return _read(path)
