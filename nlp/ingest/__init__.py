"""Readers: one per file format, each returning the same ``Document``.

``ingest(path)`` picks the reader from the file's content first (magic bytes) and its suffix second, so that a
mislabelled file gets a clear error instead of garbage.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import BrokenFile, EmptyFile, UndecodableText, UnsupportedFormat
from ..model import Document
from .normalise import decode
from .text import read_text

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
SUPPORTED = sorted([*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx"])


def sniff(data: bytes, suffix: str) -> str:
    """The format a file really has: pdf | docx | html | txt | md."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix == ".pdf":
        raise BrokenFile("", "named .pdf but it is not a PDF (no %PDF header)", "check the download")
    if suffix == ".docx":
        raise BrokenFile("", "named .docx but it is not a Word file (not a zip archive)", "check the download")
    lowered = head.lower()
    if suffix in HTML_SUFFIXES or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    raise UnsupportedFormat("", f"unsupported file type '{suffix or '(none)'}'", f"xxgk reads {', '.join(SUPPORTED)}")


def ingest(path: str | Path) -> Document:
    """Read one report file into a ``Document``; raise an ``XxgkError`` naming the file when it cannot."""
    path = Path(path)
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyFile(str(path), "the file is empty")
    try:
        fmt = sniff(data, path.suffix.lower())
    except (BrokenFile, UnsupportedFormat) as error:
        error.path = str(path)
        raise type(error)(str(path), error.reason, error.hint) from None
    if fmt in ("txt", "md"):
        if b"\x00" in data[:4096]:
            raise UndecodableText(str(path), "binary data in a text file", "is this really a report?")
        try:
            text = decode(data)
        except UnicodeDecodeError:
            raise UndecodableText(str(path), "not UTF-8 or GB18030 text", "convert it to UTF-8") from None
        return read_text(str(path), text, sha256, fmt)
    if fmt == "html":
        from .html import read_html

        return read_html(str(path), data, sha256)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(str(path), data, sha256)
    from .docx import read_docx

    return read_docx(str(path), data, sha256)
