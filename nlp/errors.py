"""Coded, actionable errors. Only the CLI prints them; the library raises them.

Each code is stable and documented in docs/errors.md; a message names the file and says what to do next.
"""
from __future__ import annotations


class XxgkError(Exception):
    """A problem with one input file. ``scan`` records it for that file and goes on."""

    code = "E000"

    def __init__(self, path: str, reason: str, hint: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"[{self.code}] {self.path}: {self.reason}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict:
        return {"code": self.code, "path": self.path, "reason": self.reason, "hint": self.hint}


class EmptyFile(XxgkError):
    code = "E101"


class UnsupportedFormat(XxgkError):
    code = "E102"


class UndecodableText(XxgkError):
    code = "E103"


class BrokenFile(XxgkError):
    """Truncated, encrypted or mislabelled files (a .pdf that is not a PDF, a .docx that is not a zip)."""

    code = "E104"


class NoTextLayer(XxgkError):
    code = "E105"


class TooSlow(XxgkError):
    """Reading the file took longer than the scan's time limit (``--timeout``); not cached, tried again next run."""

    code = "E107"


class NotAReport(XxgkError):
    code = "E106"
