"""Finding the report files under some paths, and reading one file with isolation (a failure becomes a record).

``iter_scan`` is the plain streaming form (an ``Outcome`` per file, no cache, no outputs); ``nlp.scan``
(``run.py``) is the full, incremental scan.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import XxgkError
from ..ingest import SUPPORTED

SKIP_NAMES = {"manifest.csv", "README.md", "LICENSE"}


@dataclass
class Outcome:
    """The result for one file: the report, or the error that stopped it."""

    path: str
    report: object | None = None  # nlp.report.Report
    error: dict | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def find_reports(paths: Iterable[str | Path]) -> list[Path]:
    """Supported report files under the given files and folders, recursively, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += [p for p in sorted(path.rglob("*")) if p.is_file() and _wanted(p)]
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def _wanted(path: Path) -> bool:
    return (path.suffix.lower() in SUPPORTED and path.name not in SKIP_NAMES
            and not any(part.startswith(".") for part in path.parts))


def read_one(path: str) -> Outcome:
    """Read one file; any failure becomes an error record (coded when we know the cause)."""
    from ..pipeline import read

    try:
        return Outcome(path=path, report=read(path))
    except XxgkError as error:
        return Outcome(path=path, error=error.to_dict())
    except Exception as error:  # noqa: BLE001 - isolation: a bug on one file must not stop the scan
        return Outcome(path=path, error={"code": "E999", "path": path, "reason": f"{type(error).__name__}: {error}",
                                         "hint": "this is a bug in xxgk; please report it with the file"})


def iter_scan(paths: Iterable[str | Path], workers: int | None = None,
              on_result: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
    """Yield an ``Outcome`` per file, in file order. ``workers`` > 1 reads files in parallel processes."""
    files = [str(p) for p in find_reports(paths)]
    workers = min(workers or os.cpu_count() or 1, max(len(files), 1))
    if workers <= 1:
        results = map(read_one, files)
        for outcome in results:
            if on_result:
                on_result(outcome)
            yield outcome
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(read_one, files, chunksize=1):
            if on_result:
                on_result(outcome)
            yield outcome
