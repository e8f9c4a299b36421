"""What a worker process does with one file: read it into a cache entry (JSON text), or render a report's outputs.

Both functions take and return plain strings and dicts, so they pickle cheaply and would run unchanged on a cluster.
An entry is the JSON object::

    {"cache": "xxgk.cache/1", "path": …, "report": {xxgk.report/1 dict}, "text": normalised text,
     "paragraphs": [[start, end, section, in_table], …]}
    {"cache": "xxgk.cache/1", "path": …, "error": {"code", "path", "reason", "hint"}}
"""
from __future__ import annotations

import json
import re
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from ..errors import TooSlow
from .cache import CACHE_FORMAT
from ..text.sentences import trim

# A numbered sub-heading run into the previous sentence, as in crawled pages whose body is one line:
# "…提供了重要保障。（一）主动公开方面。…" — a paragraph starts at "（一）".
_INLINE_HEADING = re.compile(r"(?<=[。；！？])\s*(?=[（(][一二三四五六七八九十]{1,3}[）)])")


def read_entry(path: str, timeout: float | None = None) -> tuple[bool, str]:
    """Read and audit one file. Returns (ok, entry as JSON text); never raises for a problem with the file.

    ``timeout``: seconds after which the file is given up with error E107 (a pathological PDF can keep pdfminer
    busy for hours). It needs a process's main thread (a process-pool worker, or a scan with one worker); in a
    Dask worker's thread there is no limit.
    """
    from .scan import Outcome, read_one

    try:
        with time_limit(timeout):
            outcome = read_one(path)
    except OutOfTime:
        error = TooSlow(path, f"reading took longer than {timeout:g} s", "raise --timeout, or check the file")
        outcome = Outcome(path=path, error=error.to_dict())
    if not outcome.ok:
        return False, json.dumps({"cache": CACHE_FORMAT, "path": path, "error": outcome.error}, ensure_ascii=False)
    try:
        report = outcome.report
        entry = {"cache": CACHE_FORMAT, "path": path, "report": report.to_dict(), "text": report.document.text,
                 "paragraphs": paragraphs(report)}
        return True, json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str)
    except Exception as error:  # noqa: BLE001 - isolation, as in read_one
        failure = {"code": "E999", "path": path, "reason": f"{type(error).__name__}: {error}",
                   "hint": "this is a bug in xxgk; please report it with the file"}
        return False, json.dumps({"cache": CACHE_FORMAT, "path": path, "error": failure}, ensure_ascii=False)


class OutOfTime(BaseException):
    """Raised by ``time_limit``; a BaseException so that no ``except Exception`` in a reader swallows it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise OutOfTime in the block after ``seconds`` (SIGALRM; no limit off the main thread or on Windows)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def give_up(signum, frame):
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def paragraphs(report) -> list[list]:
    """[start, end, section key, in_table] of each paragraph of the report's normalised text.

    Paragraphs are ``nlp.text.sentences.paragraph_spans``, cut again where a section starts and where a numbered
    sub-heading follows a full stop on the same line (crawled pages put a whole body on one line).
    """
    from ..text.sentences import paragraph_spans

    text = report.document.text
    cuts = sorted({s.start for s in report.sections})
    tables = [(t.offset, t.end) for t in report.document.tables if t.offset is not None and t.end is not None]
    out = []
    for start, end in paragraph_spans(text):
        bounds = {start, end}
        bounds.update(c for c in cuts if start < c < end)
        bounds.update(start + m.end() for m in _INLINE_HEADING.finditer(text[start:end]) if 0 < m.end() < end - start)
        edges = sorted(bounds)
        for a, b in zip(edges, edges[1:]):
            a, b = trim(text, a, b)
            if a >= b:
                continue
            section = next((s.key for s in report.sections if s.start <= a < s.end), None)
            inside = sum(max(0, min(b, te) - max(a, ts)) for ts, te in tables)
            out.append([a, b, section, inside * 2 > (b - a)])
    return out


def render_outputs(report: dict, text: str | None, out: str, formats: tuple[str, ...]) -> list[str]:
    """Write ``<out>/<report id>.<fmt>`` for each format, atomically; returns the file names."""
    from ..render import write_atomic

    written = []
    for fmt in formats:
        if fmt == "json":
            content = json.dumps(report, ensure_ascii=False, indent=2, default=str)
        elif fmt == "md":
            from ..render.markdown import to_markdown

            content = to_markdown(report)
        elif fmt == "html":
            from ..render.html import to_html

            content = to_html(report, text)
        else:
            raise ValueError(f"unknown format '{fmt}'")
        name = f"{report['id']}.{fmt}"
        write_atomic(Path(out) / name, content)
        written.append(name)
    return written
