"""The HTML report shows 表二, 表三 and 表四 as printed grids built from the template files, failing cells marked.

Values below were read off the source files (corpus/200_pingtan_2024.html: 表二 行政规范性文件 62 | 33 | 440 and
行政事业性收费 18651.06; corpus/001_huaian_hongzequ_2023.pdf: 表四 printed with 总计 0 beside 10+1 and 5, the
T4-1 failures pinned in tests/test_corpus_findings.py).
"""
from __future__ import annotations

from functools import cache

import lxml.html

import nlp
from nlp.render.html import to_html
from nlp.render.view import grids

from .conftest import CORPUS


@cache
def _report(name: str) -> dict:
    return nlp.read(CORPUS / name).to_dict()


def test_table_two_is_one_grid_per_block_with_its_own_columns():
    tables = {g["title"]: g for g in grids(_report("200_pingtan_2024.html"))}
    a1 = tables["表二 主动公开政府信息情况 · 第二十条第（一）项"]
    assert a1["headers"] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    row = next(r for r in a1["rows"] if r["label"] == "行政规范性文件")
    assert [c["raw"] for c in row["cells"]] == ["62", "33", "440"]
    fee = tables["表二 主动公开政府信息情况 · 第二十条第（八）项"]
    assert fee["headers"] == ["本年收费金额（单位：万元）"]
    assert fee["rows"][0]["cells"][0]["raw"] == "18651.06"
    assert [t.split(" ")[0] for t in tables] == ["表二"] * 4 + ["表三", "表四"]


def test_pre2019_reports_have_no_grid():
    assert grids(_report("000_dongying_gjj_2018.txt")) == []


def test_failing_cells_are_marked_in_the_grid():
    data = _report("001_huaian_hongzequ_2023.pdf")
    page = lxml.html.fromstring(to_html(data))
    failing = {td.get("title").split(" ")[0] for td in page.xpath("//table[contains(@class,'grid')]//td[contains(@class,'fail')]")}
    t4_fails = {item["id"] for f in data["findings"] if f["rule"] == "T4-1" and f["status"] == "fail"
                for item in f["evidence"] if item["kind"] == "cell"}
    assert t4_fails and t4_fails <= failing
    assert all(cell.startswith("t4.") for cell in failing)


def test_markdown_has_the_grids_with_failing_cells_marked():
    from nlp.render.markdown import to_markdown

    md = to_markdown(_report("001_huaian_hongzequ_2023.pdf"))
    table = md[md.index("## 表四"):].split("\n\n")[1].splitlines()
    assert table[0] == "| 行 row | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"
    review = next(line for line in table if line.startswith("| 行政复议 |"))
    assert review.split(" | ")[1] == "10 ✗"  # printed 10, quoted by the failing T4-1 finding
