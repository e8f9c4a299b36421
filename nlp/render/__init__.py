"""Report → files: JSON (the contract), Markdown and a self-contained HTML page. Writes are atomic."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FORMATS = ("json", "md", "html")


def to_json(report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str)


def render(report, fmt: str) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(report.to_dict())
    if fmt == "html":
        from .html import to_html

        return to_html(report.to_dict(), report.document.text)
    raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path`` and rename it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_report(report, out_dir: Path, formats=FORMATS) -> list[Path]:
    written = []
    for fmt in formats:
        path = Path(out_dir) / f"{report.id}.{fmt}"
        write_atomic(path, render(report, fmt))
        written.append(path)
    return written
