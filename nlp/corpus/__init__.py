"""Many reports: finding files and reading them with per-file isolation (one bad file never stops a scan)."""
from __future__ import annotations

from .scan import Outcome, find_reports, scan

__all__ = ["Outcome", "find_reports", "scan"]
