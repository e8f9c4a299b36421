"""Shared fixtures. Every report used here is a real published report copied into corpus/ (see corpus/manifest.csv)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def dongying():
    """东营市住房公积金管理中心 2018 (pre2019 template, tab-separated statistics table) — the seed report."""
    import nlp

    return nlp.read(CORPUS / "000_dongying_gjj_2018.txt")
