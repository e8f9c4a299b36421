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


T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_GROUPS = ('<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>'
             '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>')


def table_four_page(tmp_path: Path, values: list, groups: str = T4_GROUPS, name: str = "t4.html") -> Path:
    """A page holding a 2021-format 表四 (constructed on the layout of the real reports, e.g. 200_pingtan_2024):
    the group header rows ``groups``, the five result columns under each group, and one row of 15 ``values``."""
    columns = "".join(f"<td>{c}</td>" for c in T4_COLUMNS * 3)
    cells = "".join(f"<td>{v}</td>" for v in values)
    page = ("<p>某县2024年政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
            f"<table>{groups}<tr>{columns}</tr><tr>{cells}</tr></table>")
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return path
